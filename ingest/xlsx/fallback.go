package xlsx

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/xuri/excelize/v2"

	"github.com/yjsreport/yjsreport/ingest/sheet"
)

// Limits of the fallback reader. excelize holds the whole package in memory, decodes each
// part other than the worksheets whole into structures several times the part's size, and
// holds its shared-string table at about 200 bytes a string; the odd files it is for are
// small.
const (
	// fallbackMaxUnzip is the most a package given to excelize may expand to.
	fallbackMaxUnzip = 64 << 20
	// fallbackMaxStrings is the most shared strings such a package may hold: excelize took
	// 400 MB of memory for 1,048,576.
	fallbackMaxStrings = 1 << 18
)

// ruleFallback is the rule of the note on each sheet the fallback reader read.
const ruleFallback = "read by the fallback reader"

// Fallback reads a workbook with excelize (github.com/xuri/excelize/v2), for a package this
// reader refused with an error for which CanFallback holds; cause is that error. Each sheet
// carries a note saying so.
//
// excelize's streaming reader passes over what it cannot parse without a word: XML that
// stops being well-formed ends the sheet early, a shared-string index past the table reads
// as the index. So before excelize sees the package, every XML part is checked, first with
// this package's scanner (sizes, nesting, tokens: the limits of Open) and then with
// encoding/xml as excelize will read it (well-formed to the end, in its declared encoding;
// every shared-string index within the table). A package failing a check is refused with
// that check's error, and so is a package too large for excelize to hold in memory.
//
// A formula without a calculated value reads as blank here without a warning, and values
// past the column limit are dropped with one.
func Fallback(r io.ReaderAt, size int64, lim sheet.Limits, cause error) ([]sheet.Sheet, error) {
	lim = withDefaults(lim)
	if !CanFallback(cause) {
		return nil, cause
	}
	if err := checkForFallback(r, size, lim); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(io.NewSectionReader(r, 0, size),
		excelize.Options{UnzipSizeLimit: fallbackMaxUnzip, UnzipXMLSizeLimit: fallbackMaxUnzip})
	if err != nil {
		return nil, fmt.Errorf("%w: the fallback reader failed too: %w", ErrCorrupt, err)
	}
	props, err := f.GetWorkbookProps()
	if err != nil {
		return nil, fmt.Errorf("%w: the fallback reader failed too: %w", ErrCorrupt, err)
	}
	date1904 := props.Date1904 != nil && *props.Date1904
	var why fallbackErr
	errors.As(cause, &why) // the reader's own words, without what callers wrapped around them
	note := sheet.Note{Rule: ruleFallback, Reason: "read by the fallback reader (excelize), because the " + why.error.Error()}
	names := f.GetSheetList()
	if len(names) > lim.MaxSheets {
		return nil, fmt.Errorf("%w: the workbook lists more than %d sheets (the limit)", ErrTooLarge, lim.MaxSheets)
	}
	total := new(atomic.Int64)
	var sheets []sheet.Sheet
	for _, name := range names {
		visible, err := f.GetSheetVisible(name)
		if err != nil {
			return nil, fmt.Errorf("%w: the fallback reader failed too: %w", ErrCorrupt, err)
		}
		sheets = append(sheets, sheet.Sheet{
			Name: name, Hidden: !visible, Excel: true, Date1904: date1904,
			Notes: []sheet.Note{note},
			Open: func() (sheet.Rows, error) {
				rs, err := f.Rows(name)
				if err != nil {
					return nil, fmt.Errorf("%w: sheet %q: the fallback reader failed too: %w", ErrCorrupt, name, err)
				}
				return &fallbackRows{rs: rs, sheet: name, lim: lim, total: total}, nil
			},
		})
	}
	return sheets, nil
}

// checkForFallback checks a package before excelize reads it; see Fallback.
func checkForFallback(r io.ReaderAt, size int64, lim sheet.Limits) error {
	p, err := newPkg(r, size, lim)
	if err != nil {
		return err
	}
	var declared uint64
	var names []string
	for name, f := range p.files {
		declared += f.UncompressedSize64
		if declared > fallbackMaxUnzip {
			return fmt.Errorf("%w: its contents expand to more than %d bytes, too large for the fallback reader", ErrTooLarge, fallbackMaxUnzip)
		}
		streamed := strings.HasPrefix(strings.ToLower(name), "xl/worksheets/") || strings.EqualFold(name, "xl/sharedStrings.xml")
		if !streamed && f.UncompressedSize64 > maxSmallPart {
			// Styles, theme, calculation chain, …: excelize decodes each whole.
			return fmt.Errorf("%w: %s expands to more than %d bytes, too large for the fallback reader", ErrTooLarge, name, maxSmallPart)
		}
		switch strings.ToLower(path.Ext(name)) {
		case ".xml", ".rels", ".vml":
			names = append(names, name)
		}
	}
	slices.Sort(names)
	// excelize reads the shared strings of xl/sharedStrings.xml (in any case) only.
	nStrings := 0
	if i := slices.IndexFunc(names, func(s string) bool { return strings.EqualFold(s, "xl/sharedStrings.xml") }); i >= 0 {
		if nStrings, err = p.checkPart(names[i], -1); err != nil {
			return err
		}
	}
	for _, name := range names {
		if !strings.EqualFold(name, "xl/sharedStrings.xml") {
			if _, err := p.checkPart(name, nStrings); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkPart checks one XML part for the fallback reader. For the shared-string table
// (nStrings < 0) it returns the number of strings; in a worksheet, every shared-string index
// must be below nStrings.
func (p *pkg) checkPart(name string, nStrings int) (int, error) {
	// First this package's scanner: the limits on size, nesting and tokens.
	rc, err := p.openPart(name, 0, true)
	if err != nil {
		return 0, err
	}
	sc := newXMLScanner(rc, maxToken(p.lim))
	sc.skipDoctype = true
	count := 0
	err = scanWellFormed(sc, name, func(sc *xmlScanner, stack []string) error {
		if sc.kind == tokStart && len(stack) == 2 && stack[0] == "sst" && stack[1] == "si" {
			if count++; count > fallbackMaxStrings {
				return fmt.Errorf("%w: %s holds more than %d shared strings, too many for the fallback reader", ErrTooLarge, name, fallbackMaxStrings)
			}
		}
		return nil
	})
	rc.Close()
	if err != nil {
		return 0, err
	}

	// Then encoding/xml, as excelize reads the part.
	f := p.file(name)
	zr, err := f.Open()
	if err != nil {
		return 0, fmt.Errorf("%w: %s: %w", ErrCorrupt, name, err)
	}
	defer zr.Close()
	d := xml.NewDecoder(&boundedReader{rc: zr, max: int64(f.UncompressedSize64), part: name, total: &p.inflated, limit: p.lim.MaxUnzipBytes})
	d.CharsetReader = excelizeCharset()
	var (
		depth   int
		sheet   bool // the root is a worksheet
		sharedC bool // in a <c t="s">
		inV     bool
		v       []byte
	)
	fail := func(err error) (int, error) {
		return 0, fmt.Errorf("%w: %s: %w", ErrCorrupt, name, err)
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fail(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth > maxDepth {
				return 0, fmt.Errorf("%w: %s: elements nest more than %d deep (the limit)", ErrTooLarge, name, maxDepth)
			}
			if depth == 1 {
				sheet = t.Name.Local == "worksheet"
			}
			switch {
			case !sheet:
			case t.Name.Local == "c":
				sharedC = slices.ContainsFunc(t.Attr, func(a xml.Attr) bool { return a.Name.Local == "t" && a.Value == "s" })
			case t.Name.Local == "v" && sharedC:
				inV, v = true, v[:0]
			}
		case xml.CharData:
			if inV {
				v = append(v, t...)
			}
		case xml.EndElement:
			depth--
			if inV && t.Name.Local == "v" {
				inV = false
				if i, err := strconv.Atoi(string(v)); err != nil || i < 0 || i >= nStrings {
					return fail(fmt.Errorf("a cell refers to shared string %q, which does not exist", clip(v, 20)))
				}
			}
		}
	}
	return count, nil
}

// excelizeCharset is the CharsetReader excelize decodes parts with, so that the checks read
// each part exactly as it will.
var excelizeCharset = sync.OnceValue(func() func(string, io.Reader) (io.Reader, error) {
	f := excelize.NewFile()
	defer f.Close()
	return f.CharsetReader
})

// fallbackRows streams a sheet read by excelize, within the same limits as rows.
type fallbackRows struct {
	rs    *excelize.Rows
	sheet string
	lim   sheet.Limits
	total *atomic.Int64

	line, count int
	cells       []string
	err         error
	done        bool
	warns, out  []sheet.Warning
}

func (r *fallbackRows) Cells() []string { return r.cells }
func (r *fallbackRows) Line() int       { return r.line }
func (r *fallbackRows) Err() error      { return r.err }

func (r *fallbackRows) Close() error {
	r.done = true
	return r.rs.Close()
}

// Warnings returns the warnings raised since the last call: values past the column limit.
func (r *fallbackRows) Warnings() []sheet.Warning {
	r.out = append(r.out[:0], r.warns...)
	r.warns = r.warns[:0]
	return r.out
}

// Next reads up to the next row holding at least one value. excelize's Next visits every
// row number, present or not, so Line is the count of calls.
func (r *fallbackRows) Next() bool {
	for !r.done {
		if !r.rs.Next() {
			r.done = true
			if err := r.rs.Error(); err != nil {
				r.err = r.fail(fmt.Errorf("%w: %w", ErrCorrupt, err))
			}
			return false
		}
		r.line++
		cols, err := r.rs.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			r.done, r.err = true, r.fail(fmt.Errorf("%w: %w", ErrCorrupt, err))
			return false
		}
		ok, err := r.row(cols)
		if err != nil {
			r.done, r.err = true, err
			return false
		}
		if ok {
			return true
		}
	}
	return false
}

// row applies the limits to a row's cells and sets r.cells. It reports whether the row is
// returned: it has a value, or values past the column limit.
func (r *fallbackRows) row(cols []string) (bool, error) {
	r.cells = r.cells[:0]
	width, bytes, lost, lostCol := 0, 0, 0, 0
	for i, c := range cols {
		if c == "" {
			continue
		}
		if len(c) > r.lim.MaxCellBytes {
			return false, r.tooLarge("cell %s%d is longer than %d bytes", columnName(i), r.line, r.lim.MaxCellBytes)
		}
		if i >= r.lim.MaxColumns {
			if lost == 0 {
				lostCol = i
			}
			lost++
			continue
		}
		if bytes += len(c); bytes > r.lim.MaxRowBytes {
			return false, r.tooLarge("row %d holds more than %d bytes of text (the limit)", r.line, r.lim.MaxRowBytes)
		}
		width = i + 1
	}
	if width == 0 && lost == 0 {
		return false, nil
	}
	if r.count++; r.count > r.lim.MaxRows {
		return false, r.tooLarge("more than %d rows (the limit)", r.lim.MaxRows)
	}
	if r.total.Add(1) > int64(r.lim.MaxRows) {
		return false, &WorkbookLimitError{fmt.Sprintf("the workbook has more than %d rows in all its sheets (the limit)", r.lim.MaxRows)}
	}
	r.cells = append(r.cells, cols[:width]...)
	if lost > 0 {
		r.warns = append(r.warns, sheet.Warning{Row: r.line, Col: lostCol, Rule: ruleLost, Lost: true,
			Reason: lostReason(lostCol, r.line, lost, r.lim.MaxColumns)})
	}
	return true, nil
}

func (r *fallbackRows) fail(err error) error {
	if errors.Is(err, ErrTooLarge) {
		return err
	}
	return fmt.Errorf("sheet %q: row %d: %w", r.sheet, r.line, err)
}

func (r *fallbackRows) tooLarge(format string, args ...any) error {
	return fmt.Errorf("%w: sheet %q: %s", ErrTooLarge, r.sheet, fmt.Sprintf(format, args...))
}
