package sample

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
	"github.com/yjsreport/yjsreport/calendar"
)

// column is one column of an export: the header as written and the canonical name it
// stands for ("" for extra columns the tool ignores).
type column struct{ header, canon string }

// stamp is a date with a time of day, for columns a system timestamps.
type stamp struct {
	d       calendar.Date
	minutes int
}

// table is one sheet of a workbook or one CSV file being written, row by row, with the
// faults still to be planted in it.
type table struct {
	file, sheet string
	cols        []column
	build       func(rec any) []any // turns a record into this table's row
	next        int                 // row number the next row gets
	put         func(row int, cells []any) error
	dateText    func(col int, d calendar.Date) string // how a date reads in this table
	child       int                                   // index of the child being written
	plants      []*plant
	faults      []Fault
}

// col returns the index of the column with canonical name canon, or -1.
func (t *table) col(canon string) int {
	for i, c := range t.cols {
		if c.canon == canon {
			return i
		}
	}
	return -1
}

func (t *table) headers() []any {
	h := make([]any, len(t.cols))
	for i, c := range t.cols {
		h[i] = c.header
	}
	return h
}

// write puts one row at the next row number.
func (t *table) write(cells []any) (int, error) {
	n := t.next
	if err := t.put(n, cells); err != nil {
		return 0, fmt.Errorf("%s: sheet %q: row %d: %w", t.file, t.sheet, n, err)
	}
	t.next++
	return n, nil
}

// emit writes the row for rec, planting at most one pending fault on it or after it.
func (t *table) emit(rec any) error {
	row := t.build(rec)
	var p *plant
	for _, q := range t.plants {
		if !q.done && t.child >= q.atChild && (q.match == nil || q.match(t, row)) {
			p = q
			break
		}
	}
	if p == nil {
		_, err := t.write(row)
		return err
	}
	p.done = true
	switch p.mode {
	case inPlace:
		v := p.apply(t, row)
		row[t.col(p.column)] = v
		n, err := t.write(row)
		t.faults = append(t.faults, p.fault(t, n, v))
		return err
	case copyRow:
		if _, err := t.write(row); err != nil {
			return err
		}
		bad := slices.Clone(row)
		v := p.apply(t, bad)
		if c := t.col(p.column); c >= 0 {
			bad[c] = v
		}
		n, err := t.write(bad)
		t.faults = append(t.faults, p.fault(t, n, v))
		return err
	case dupRow:
		src, err := t.write(row)
		if err != nil {
			return err
		}
		n, err := t.write(slices.Clone(row))
		f := p.fault(t, n, nil)
		f.OrigSheet, f.OrigRow = t.sheet, src
		t.faults = append(t.faults, f)
		return err
	case blankRow:
		if _, err := t.write(row); err != nil {
			return err
		}
		blank := make([]any, len(row))
		for i := range blank {
			if i%3 == 0 {
				blank[i] = " " // spaces only: still a wholly blank row
			}
		}
		n, err := t.write(blank)
		t.faults = append(t.faults, p.fault(t, n, nil))
		return err
	case crossDup:
		src, err := t.write(row)
		if err != nil {
			return err
		}
		o := p.other
		n, err := o.write(o.build(rec))
		f := p.fault(o, n, nil)
		f.What = fmt.Sprintf("%s (same as sheet %q row %d)", f.What, t.sheet, src)
		f.OrigSheet, f.OrigRow = t.sheet, src
		o.faults = append(o.faults, f)
		return err
	}
	return fmt.Errorf("unknown plant mode %d", p.mode)
}

// text renders a cell value as the table shows it, for CSV cells and Fault.Value.
func (t *table) text(col int, v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case calendar.Date:
		if v == 0 {
			return ""
		}
		return t.dateText(col, v)
	case stamp:
		return t.dateText(col, v.d) + fmt.Sprintf(" %02d:%02d", v.minutes/60, v.minutes%60)
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		if v {
			return "TRUE"
		}
		return "FALSE"
	}
	return fmt.Sprint(v)
}

// ukDate is DD/MM/YYYY, the layout every export here uses unless told otherwise.
func ukDate(_ int, d calendar.Date) string { return d.UK() }

// csvFile streams a table to a CSV file.
type csvFile struct {
	w   *csv.Writer
	out io.Writer
}

func newCSV(out io.Writer, bom bool) (*csvFile, error) {
	if bom {
		if _, err := io.WriteString(out, "\uFEFF"); err != nil {
			return nil, err
		}
	}
	w := csv.NewWriter(out)
	w.UseCRLF = true // written on Windows
	return &csvFile{w: w, out: out}, nil
}

func (c *csvFile) table(t *table) *table {
	rec := make([]string, len(t.cols))
	t.next = 1
	t.put = func(_ int, cells []any) error {
		rec = rec[:0]
		for i, v := range cells {
			rec = append(rec, t.text(i, v))
		}
		return c.w.Write(rec)
	}
	return t
}

func (c *csvFile) close() error {
	c.w.Flush()
	return c.w.Error()
}

// book is an xlsx workbook written with stream writers, one per sheet.
type book struct {
	file    string
	f       *excelize.File
	streams []*excelize.StreamWriter
	bold    int
	date    int // dd/mm/yyyy
	dateMon int // dd-mmm-yyyy
	stamp   int // dd/mm/yyyy hh:mm
	saved   time.Time
}

// newBook starts a workbook with fixed document properties: excelize would otherwise keep
// its template's dates, and a sample must not depend on when it was made.
func newBook(file string, saved time.Time, title string) (*book, error) {
	f := excelize.NewFile()
	b := &book{file: file, f: f, saved: saved}
	ts := saved.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Created: ts, Modified: ts, Creator: "Case management system", LastModifiedBy: "Performance team",
		Title: title, Language: "en-GB",
	}); err != nil {
		return nil, err
	}
	var err error
	if b.bold, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return nil, err
	}
	dmy, mon, hm := "dd/mm/yyyy", "dd-mmm-yyyy", "dd/mm/yyyy hh:mm"
	if b.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dmy}); err != nil {
		return nil, err
	}
	if b.dateMon, err = f.NewStyle(&excelize.Style{CustomNumFmt: &mon}); err != nil {
		return nil, err
	}
	if b.stamp, err = f.NewStyle(&excelize.Style{CustomNumFmt: &hm}); err != nil {
		return nil, err
	}
	return b, nil
}

// sheet adds a sheet (the first call renames the default one) and its stream writer.
func (b *book) sheet(name string, widths []float64) (*excelize.StreamWriter, error) {
	if len(b.streams) == 0 {
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			return nil, err
		}
	} else if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
	}
	b.streams = append(b.streams, sw)
	return sw, nil
}

// table attaches t to a new sheet whose header is on row headerRow, after the given title
// rows. dateStyle is the number format of the sheet's date cells.
func (b *book) table(t *table, titles [][]any, headerRow int, dateStyle int) (*table, error) {
	widths := make([]float64, len(t.cols))
	for i, c := range t.cols {
		widths[i] = max(10, float64(len(c.header))+2)
	}
	sw, err := b.sheet(t.sheet, widths)
	if err != nil {
		return nil, err
	}
	for i, r := range titles {
		if r == nil {
			continue
		}
		if err := sw.SetRow(cellName(1, i+1), r); err != nil {
			return nil, err
		}
	}
	head := t.headers()
	for i := range head {
		head[i] = excelize.Cell{StyleID: b.bold, Value: head[i]}
	}
	if err := sw.SetRow(cellName(1, headerRow), head); err != nil {
		return nil, err
	}
	t.next = headerRow + 1
	if t.dateText == nil {
		t.dateText = ukDate
	}
	cells := make([]any, 0, len(t.cols))
	t.put = func(row int, vals []any) error {
		cells = cells[:0]
		for _, v := range vals {
			switch v := v.(type) {
			case calendar.Date:
				if v == 0 {
					cells = append(cells, nil)
				} else {
					cells = append(cells, excelize.Cell{StyleID: dateStyle, Value: v.Time()})
				}
			case stamp:
				cells = append(cells, excelize.Cell{StyleID: b.stamp,
					Value: v.d.Time().Add(time.Duration(v.minutes) * time.Minute)})
			case string:
				if v == "" {
					cells = append(cells, nil)
				} else {
					cells = append(cells, v)
				}
			default:
				cells = append(cells, v)
			}
		}
		return sw.SetRow(cellName(1, row), cells)
	}
	return t, nil
}

// textSheet adds a sheet of plain rows (notes, lookups): no table, no faults.
func (b *book) textSheet(name string, rows [][]any, widths []float64) error {
	sw, err := b.sheet(name, widths)
	if err != nil {
		return err
	}
	for i, r := range rows {
		if err := sw.SetRow(cellName(1, i+1), r); err != nil {
			return err
		}
	}
	return nil
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

// save flushes every sheet and writes the workbook to w as a deterministic zip.
//
// excelize writes the parts of stream-written sheets in map order, so two runs can differ
// in entry order; the zip is therefore rewritten with its entries sorted by name and
// stamped with the save time (the compressed bytes are copied as they are).
func (b *book) save(w io.Writer) error {
	for _, sw := range b.streams {
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if _, err := b.f.WriteTo(&buf); err != nil {
		return err
	}
	if err := b.f.Close(); err != nil {
		return err
	}
	return normaliseZip(w, buf.Bytes(), b.saved)
}

// normaliseZip copies the zip in data to w with entries in name order and every entry
// stamped with modified.
func normaliseZip(w io.Writer, data []byte, modified time.Time) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int {
		switch {
		case a.Name < b.Name:
			return -1
		case a.Name > b.Name:
			return 1
		}
		return 0
	})
	zw := zip.NewWriter(w)
	for _, f := range files {
		fh := f.FileHeader
		fh.Extra = nil
		// CreateRaw writes the MS-DOS time fields as they are (it ignores Modified).
		fh.Modified = time.Time{}
		//lint:ignore SA1019 CreateRaw writes these MS-DOS fields verbatim; Modified would add an extra field with the clock's zone
		fh.ModifiedDate, fh.ModifiedTime = msDosTime(modified)
		raw, err := f.OpenRaw()
		if err != nil {
			return err
		}
		dst, err := zw.CreateRaw(&fh)
		if err != nil {
			return err
		}
		if _, err := io.Copy(dst, raw); err != nil {
			return err
		}
	}
	return zw.Close()
}

// msDosTime returns the MS-DOS date and time fields of a zip entry for t (2-second precision).
func msDosTime(t time.Time) (date, tm uint16) {
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	tm = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, tm
}
