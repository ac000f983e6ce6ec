package xlsx

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/yjsreport/yjsreport/ingest/sheet"
)

// Open reads the package structure of an xlsx file (workbook, relationships and shared
// strings) and returns its worksheets in workbook order. Chart sheets and dialog sheets are
// not worksheets and are left out. Each sheet's Open streams its rows; sheets may be opened
// more than once and concurrently, since each Open reads its own part from r.
func Open(r io.ReaderAt, size int64, lim sheet.Limits) ([]sheet.Sheet, error) {
	lim = withDefaults(lim)
	head := make([]byte, 512)
	n, err := r.ReadAt(head, 0)
	if err != nil && err != io.EOF {
		return nil, err
	}
	head = head[:n]
	if n == 0 {
		return nil, fmt.Errorf("%w: the file is empty", ErrNotXLSX)
	}
	switch Sniff(head) {
	case XLSXZip:
	case OLE:
		return nil, oleError(r, size)
	case Text:
		return nil, fmt.Errorf("%w: it is plain text (a CSV file renamed .xlsx?)", ErrNotXLSX)
	default:
		return nil, fmt.Errorf("%w: its content is not a zip package", ErrNotXLSX)
	}

	zr, err := zip.NewReader(r, size)
	if err != nil && !(errors.Is(err, zip.ErrInsecurePath) && zr != nil) {
		return nil, fmt.Errorf("%w: not a complete zip package (%w)", ErrCorrupt, err)
	}
	p := &pkg{files: map[string]*zip.File{}, fold: map[string]*zip.File{}, lim: lim}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total < f.UncompressedSize64 || total > uint64(lim.MaxUnzipBytes) {
			return nil, fmt.Errorf("%w: its contents expand to more than %d bytes", ErrTooLarge, lim.MaxUnzipBytes)
		}
		name := strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/")
		if _, dup := p.files[name]; !dup {
			p.files[name] = f
		}
		if _, dup := p.fold[strings.ToLower(name)]; !dup {
			p.fold[strings.ToLower(name)] = f
		}
	}

	wbPath := "xl/workbook.xml"
	if rels, err := p.rels("_rels/.rels", ""); err == nil {
		for _, rel := range rels {
			if strings.HasSuffix(rel.Type, "/officeDocument") {
				wbPath = rel.Target
				break
			}
		}
	} else if !errors.Is(err, errMissing) {
		return nil, err
	}
	if p.file(wbPath) == nil {
		return nil, p.noWorkbook(wbPath)
	}
	wb, err := p.workbook(wbPath)
	if err != nil {
		return nil, err
	}
	wbRels, err := p.rels(relsPath(wbPath), path.Dir(wbPath))
	if err != nil {
		return nil, err
	}

	sstPath := ""
	byID := map[string]relationship{}
	for _, rel := range wbRels {
		byID[rel.ID] = rel
		if strings.HasSuffix(rel.Type, "/sharedStrings") {
			sstPath = rel.Target
		}
	}
	if sstPath == "" && p.file(path.Join(path.Dir(wbPath), "sharedStrings.xml")) != nil {
		sstPath = path.Join(path.Dir(wbPath), "sharedStrings.xml")
	}
	var strs *sst
	if sstPath != "" && p.file(sstPath) != nil {
		if strs, err = p.sharedStrings(sstPath); err != nil {
			return nil, err
		}
	}

	var sheets []sheet.Sheet
	for _, ws := range wb.sheets {
		rel, ok := byID[ws.rid]
		if !ok {
			return nil, fmt.Errorf("%w: sheet %q has no relationship %q", ErrCorrupt, ws.name, ws.rid)
		}
		if !strings.HasSuffix(rel.Type, "/worksheet") {
			continue // a chart sheet or dialog sheet: no cells
		}
		if p.file(rel.Target) == nil {
			return nil, fmt.Errorf("%w: sheet %q: part %s is missing", ErrCorrupt, ws.name, rel.Target)
		}
		sheets = append(sheets, sheet.Sheet{
			Name:     ws.name,
			Hidden:   ws.hidden,
			Excel:    true,
			Date1904: wb.date1904,
			Open:     p.opener(ws.name, rel.Target, strs),
		})
	}
	return sheets, nil
}

// pkg is an opened zip package.
type pkg struct {
	files map[string]*zip.File // by part name, no leading slash
	fold  map[string]*zip.File // by lower-cased part name: some writers get the case wrong
	lim   sheet.Limits
}

var errMissing = errors.New("part is missing")

func (p *pkg) file(name string) *zip.File {
	if f := p.files[name]; f != nil {
		return f
	}
	return p.fold[strings.ToLower(name)]
}

// open opens a part for reading, counting the bytes actually inflated: the declared size in
// the zip directory is checked up front, but a hostile file can lie about it.
func (p *pkg) open(name string) (io.ReadCloser, error) {
	f := p.file(name)
	if f == nil {
		return nil, fmt.Errorf("%w: %s is missing", ErrCorrupt, name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrCorrupt, name, err)
	}
	limit := min(int64(f.UncompressedSize64), p.lim.MaxUnzipBytes)
	return &boundedReader{rc: rc, max: limit, part: name}, nil
}

// boundedReader fails once more than max bytes have come out of a part.
type boundedReader struct {
	rc   io.ReadCloser
	n    int64
	max  int64
	part string
}

func (b *boundedReader) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	b.n += int64(n)
	if b.n > b.max {
		return 0, fmt.Errorf("%w: %s expands past its declared size of %d bytes", ErrTooLarge, b.part, b.max)
	}
	return n, err
}

func (b *boundedReader) Close() error { return b.rc.Close() }

// noWorkbook explains a zip package without a workbook part: often another kind of document.
func (p *pkg) noWorkbook(wbPath string) error {
	switch {
	case p.file("mimetype") != nil && p.file("content.xml") != nil:
		return fmt.Errorf("%w: it is an OpenDocument file (.ods); save it as .xlsx", ErrNotXLSX)
	case p.file("xl/workbook.bin") != nil:
		return fmt.Errorf("%w: it is an Excel binary workbook (.xlsb); save it as .xlsx", ErrNotXLSX)
	case p.file("word/document.xml") != nil:
		return fmt.Errorf("%w: it is a Word document", ErrNotXLSX)
	case p.file("ppt/presentation.xml") != nil:
		return fmt.Errorf("%w: it is a PowerPoint presentation", ErrNotXLSX)
	}
	return fmt.Errorf("%w: %s is missing", ErrCorrupt, wbPath)
}

type relationship struct {
	ID, Type, Target string
}

// relsPath is the relationships part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels.
func relsPath(part string) string {
	return path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
}

// rels reads a relationships part, resolving internal targets against dir. A missing part
// gives errMissing.
func (p *pkg) rels(name, dir string) ([]relationship, error) {
	if p.file(name) == nil {
		return nil, fmt.Errorf("%w: %w: %s", ErrCorrupt, errMissing, name)
	}
	var out []relationship
	err := p.decodeXML(name, func(d *xml.Decoder, se xml.StartElement) error {
		if se.Name.Local != "Relationship" {
			return nil
		}
		var rel relationship
		external := false
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "Id":
				rel.ID = a.Value
			case "Type":
				rel.Type = a.Value
			case "Target":
				rel.Target = a.Value
			case "TargetMode":
				external = a.Value == "External"
			}
		}
		if external {
			return nil
		}
		t := strings.ReplaceAll(rel.Target, `\`, "/")
		if strings.HasPrefix(t, "/") {
			rel.Target = path.Clean(t)[1:]
		} else {
			rel.Target = path.Join(dir, t)
		}
		out = append(out, rel)
		return nil
	})
	return out, err
}

type workbookSheet struct {
	name, rid string
	hidden    bool
}

type workbookInfo struct {
	sheets   []workbookSheet
	date1904 bool
}

func (p *pkg) workbook(name string) (*workbookInfo, error) {
	wb := &workbookInfo{}
	err := p.decodeXML(name, func(d *xml.Decoder, se xml.StartElement) error {
		switch se.Name.Local {
		case "workbookPr":
			for _, a := range se.Attr {
				if a.Name.Local == "date1904" {
					v := strings.TrimSpace(a.Value)
					wb.date1904 = v == "1" || v == "true"
				}
			}
		case "sheet":
			var s workbookSheet
			for _, a := range se.Attr {
				switch {
				case a.Name.Local == "name":
					s.name = a.Value
				case a.Name.Local == "state":
					s.hidden = a.Value == "hidden" || a.Value == "veryHidden"
				case a.Name.Local == "id" && a.Name.Space != "":
					s.rid = a.Value // r:id, in the relationships namespace (transitional or strict)
				}
			}
			wb.sheets = append(wb.sheets, s)
		}
		return nil
	})
	return wb, err
}

// decodeXML runs fn on each start element of a small part (workbook, relationships).
func (p *pkg) decodeXML(name string, fn func(*xml.Decoder, xml.StartElement) error) error {
	rc, err := p.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return classify(fmt.Errorf("%s: %w", name, err))
		}
		if se, ok := tok.(xml.StartElement); ok {
			// A prefixed attribute (r:id) has a Space: its namespace, or the prefix if undeclared.
			if err := fn(d, se); err != nil {
				return err
			}
		}
	}
}

// classify turns a read error into ErrTooLarge or ErrCorrupt, keeping its detail.
func classify(err error) error {
	switch {
	case errors.Is(err, ErrTooLarge), errors.Is(err, ErrCorrupt):
		return err
	case errors.Is(err, errTokenTooLong):
		return fmt.Errorf("%w: %w", ErrTooLarge, err)
	}
	return fmt.Errorf("%w: %w", ErrCorrupt, err)
}

// sst is the shared-string table: every string in one blob, to keep a large table to one
// allocation instead of one per string.
type sst struct {
	blob string
	off  []int // string i is blob[off[i]:off[i+1]]
}

func (s *sst) len() int { return len(s.off) - 1 }

func (s *sst) get(i int) string { return s.blob[s.off[i]:s.off[i+1]] }

// sharedStrings reads xl/sharedStrings.xml. A string item <si> is either <t>text</t> or
// rich-text runs <r><rPr/><t>text</t></r>, which are concatenated; <rPh> phonetic runs (furigana)
// are not part of the value and are skipped.
func (p *pkg) sharedStrings(name string) (*sst, error) {
	rc, err := p.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return parseSST(rc, name, p.lim)
}

func parseSST(r io.Reader, name string, lim sheet.Limits) (*sst, error) {
	sc := newXMLScanner(r, maxToken(lim))
	var (
		blob     strings.Builder
		off      = []int{0}
		cur, tmp []byte
		inSI     bool
		inT      bool
		rPh      int
	)
	fail := func(err error) (*sst, error) {
		return nil, classify(fmt.Errorf("%s: string %d: %w", name, len(off), err))
	}
	for {
		err := sc.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fail(err)
		}
		switch sc.kind {
		case tokStart:
			switch string(sc.name) {
			case "sst":
				if c, ok := attrInt(sc.attrs, "uniqueCount"); ok && c > 0 {
					off = make([]int, 1, min(c, 1<<20)+1) // a hint only: never trusted for more
				}
			case "si":
				inSI, cur = !sc.selfClose, cur[:0]
				if sc.selfClose {
					off = append(off, blob.Len())
				}
			case "t":
				inT = inSI && rPh == 0 && !sc.selfClose
			case "rPh":
				if !sc.selfClose {
					rPh++
				}
			}
		case tokEnd:
			switch string(sc.name) {
			case "si":
				if inSI {
					tmp = appendUnescapedXString(tmp[:0], cur)
					blob.Write(tmp)
					off = append(off, blob.Len())
				}
				inSI, inT, rPh = false, false, 0
			case "t":
				inT = false
			case "rPh":
				if rPh > 0 {
					rPh--
				}
			}
		case tokText:
			if !inT {
				continue
			}
			if sc.cdata {
				cur = append(cur, sc.text...)
			} else if cur, err = appendText(cur, sc.text); err != nil {
				return fail(err)
			}
			if len(cur) > lim.MaxCellBytes {
				return nil, fmt.Errorf("%w: a shared string is longer than %d bytes", ErrTooLarge, lim.MaxCellBytes)
			}
		}
	}
	return &sst{blob: blob.String(), off: off}, nil
}

// maxToken bounds the scanner's buffer: room for the longest cell even if every character
// is written as a 6-byte entity reference, plus slack for tags.
func maxToken(lim sheet.Limits) int {
	return 6*lim.MaxCellBytes + 64<<10
}

// attrInt finds an integer attribute in raw attribute text.
func attrInt(attrs []byte, want string) (int, bool) {
	for {
		name, val, rest, ok, err := nextAttr(attrs)
		if !ok || err != nil {
			return 0, false
		}
		if string(name) == want {
			n, err := strconv.Atoi(string(val))
			return n, err == nil
		}
		attrs = rest
	}
}

func (p *pkg) opener(name, part string, strs *sst) func() (sheet.Rows, error) {
	return func() (sheet.Rows, error) {
		rc, err := p.open(part)
		if err != nil {
			return nil, fmt.Errorf("sheet %q: %w", name, err)
		}
		return newRows(name, rc, strs, p.lim), nil
	}
}
