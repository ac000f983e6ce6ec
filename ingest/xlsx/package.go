package xlsx

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/yjsreport/yjsreport/ingest/sheet"
)

// Limits on the parts read whole before any sheet: the package relationships, the workbook
// and its relationships. They hold no data, only structure.
const (
	// maxSmallPart is the most a workbook or relationships part may expand to. Excel's
	// workbook.xml is a few kilobytes (a few hundred with thousands of defined names).
	maxSmallPart = 16 << 20
	// maxDepth is how deeply the elements of a workbook or relationships part may nest.
	// Excel nests them 4 deep; a hostile 83 KB workbook.xml nested 30,000 deep took
	// encoding/xml 3 GiB of memory. The fallback reader checks every part against it.
	maxDepth = 64
)

// Open reads the package structure of an xlsx file (workbook and relationships) and returns
// its worksheets in workbook order. Chart sheets and dialog sheets are not worksheets and
// are left out. Each sheet's Open streams its rows; sheets may be opened more than once and
// concurrently, since each Open reads its own part from r (but every read counts toward the
// file's limits on bytes inflated and rows).
//
// A package this reader cannot read but that is a well-formed zip within the limits (see
// CanFallback) is read by the fallback reader, excelize; its sheets carry a note saying so.
func Open(r io.ReaderAt, size int64, lim sheet.Limits) ([]sheet.Sheet, error) {
	lim = withDefaults(lim)
	sheets, err := openPackage(r, size, lim)
	if err != nil && CanFallback(err) {
		if fb, ferr := Fallback(r, size, lim, err); ferr == nil {
			return fb, nil
		}
	}
	return sheets, err
}

func openPackage(r io.ReaderAt, size int64, lim sheet.Limits) ([]sheet.Sheet, error) {
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

	p, err := newPkg(r, size, lim)
	if err != nil {
		return nil, err
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
		return nil, fallbackOK(err)
	}

	byID := map[string]relationship{}
	for _, rel := range wbRels {
		byID[rel.ID] = rel
		if strings.HasSuffix(rel.Type, "/sharedStrings") {
			p.sstPath = rel.Target
		}
	}
	if p.sstPath == "" && p.file(path.Join(path.Dir(wbPath), "sharedStrings.xml")) != nil {
		p.sstPath = path.Join(path.Dir(wbPath), "sharedStrings.xml")
	}
	if p.sstPath != "" && p.file(p.sstPath) == nil {
		p.sstPath = ""
	}

	var sheets []sheet.Sheet
	named := map[string]string{} // part (folded) → the sheet naming it
	for _, ws := range wb.sheets {
		rel, ok := byID[ws.rid]
		if !ok {
			return nil, fallbackOK(fmt.Errorf("%w: sheet %q has no relationship %q", ErrCorrupt, ws.name, ws.rid))
		}
		key := strings.ToLower(rel.Target)
		if other, dup := named[key]; dup {
			// Excel gives every sheet its own part. Two names for one part is a file made by
			// hand, and read once per name it can multiply one part's rows without limit.
			return nil, tampered(fmt.Errorf("sheets %q and %q both name the part %s", other, ws.name, rel.Target))
		}
		named[key] = ws.name
		if !strings.HasSuffix(rel.Type, "/worksheet") {
			continue // a chart sheet or dialog sheet: no cells
		}
		if p.file(rel.Target) == nil {
			return nil, fallbackOK(fmt.Errorf("%w: sheet %q: part %s is missing", ErrCorrupt, ws.name, rel.Target))
		}
		sheets = append(sheets, sheet.Sheet{
			Name:     ws.name,
			Hidden:   ws.hidden,
			Excel:    true,
			Date1904: wb.date1904,
			Open:     p.opener(ws.name, rel.Target),
		})
	}
	return sheets, nil
}

// pkg is an opened zip package.
type pkg struct {
	files map[string]*zip.File // by part name, no leading slash
	fold  map[string]*zip.File // by lower-cased part name: some writers get the case wrong
	lim   sheet.Limits

	inflated atomic.Int64 // bytes inflated from all parts so far
	rows     atomic.Int64 // rows returned from all sheets so far

	sstPath string // "" when there is no shared-string table
	sstOnce sync.Once
	sst     *sst
	sstErr  error
}

// newPkg reads the zip directory. Entry names are part names (OPC): a leading "/" and
// Windows "\" separators are tolerated. Two entries whose names are equal, or equal but for
// case (part names are case-insensitive), are refused: which one a reader takes is up to the
// reader, so a file holding both may show Excel one sheet and this tool another.
func newPkg(r io.ReaderAt, size int64, lim sheet.Limits) (*pkg, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil && !(errors.Is(err, zip.ErrInsecurePath) && zr != nil) {
		return nil, fmt.Errorf("%w: not a complete zip package (%w)", ErrCorrupt, err)
	}
	p := &pkg{files: map[string]*zip.File{}, fold: map[string]*zip.File{}, lim: lim}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total < f.UncompressedSize64 || total > uint64(lim.MaxUnzipBytes) {
			return nil, fmt.Errorf("%w: its contents expand to more than %d bytes (the limit)", ErrTooLarge, lim.MaxUnzipBytes)
		}
		name := partName(f.Name)
		if name == "" || strings.HasSuffix(name, "/") {
			continue // a folder entry
		}
		key := strings.ToLower(name)
		if prev, dup := p.fold[key]; dup {
			return nil, tampered(fmt.Errorf("the zip holds two entries named %q and %q", prev.Name, f.Name))
		}
		p.files[name] = f
		p.fold[key] = f
	}
	return p, nil
}

// partName is a zip entry's name as a part name: "/" separators, no leading "/".
func partName(s string) string {
	return strings.TrimPrefix(strings.ReplaceAll(s, `\`, "/"), "/")
}

// tampered is an error for a package whose structure no writer produces: refused, and never
// given to the fallback reader, which would silently pick one reading of it.
func tampered(err error) error {
	return fmt.Errorf("%w: %w (the file is damaged or has been tampered with)", ErrCorrupt, err)
}

var errMissing = errors.New("part is missing")

func (p *pkg) file(name string) *zip.File {
	if f := p.files[name]; f != nil {
		return f
	}
	return p.fold[strings.ToLower(name)]
}

// open opens a part for reading as UTF-8 XML (see textPart), counting the bytes actually
// inflated: the declared size in the zip directory is checked up front, but a hostile file
// can lie about it. max bounds this part (0: only its declared size and MaxUnzipBytes).
func (p *pkg) open(name string, max int64) (io.ReadCloser, error) {
	return p.openPart(name, max, false)
}

// openPart is open; with anyLabel, a part in any declared encoding is opened (see textPart).
func (p *pkg) openPart(name string, max int64, anyLabel bool) (io.ReadCloser, error) {
	f := p.file(name)
	if f == nil {
		return nil, fmt.Errorf("%w: %s is missing", ErrCorrupt, name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrCorrupt, name, err)
	}
	limit := min(int64(f.UncompressedSize64), p.lim.MaxUnzipBytes)
	if max > 0 {
		limit = min(limit, max)
	}
	if max > 0 && int64(f.UncompressedSize64) > max {
		rc.Close()
		return nil, fmt.Errorf("%w: %s expands to %d bytes, past the limit of %d for its kind of part", ErrTooLarge, name, f.UncompressedSize64, max)
	}
	b := &boundedReader{rc: rc, max: limit, part: name, total: &p.inflated, limit: p.lim.MaxUnzipBytes}
	return textPart(name, b, anyLabel)
}

// noWorkbook explains a zip package without a workbook part: often another kind of document.
func (p *pkg) noWorkbook(wbPath string) error {
	switch {
	case p.file("mimetype") != nil && p.file("content.xml") != nil:
		return p.openDocument()
	case p.file("xl/workbook.bin") != nil:
		return fmt.Errorf("%w: it is an Excel binary workbook (.xlsb); save it as .xlsx", ErrNotXLSX)
	case p.file("word/document.xml") != nil:
		return fmt.Errorf("%w: it is a Word document (.docx), not a spreadsheet", ErrDocument)
	case p.file("ppt/presentation.xml") != nil:
		return fmt.Errorf("%w: it is a PowerPoint presentation (.pptx), not a spreadsheet", ErrDocument)
	}
	return fmt.Errorf("%w: %s is missing", ErrCorrupt, wbPath)
}

// openDocument tells an OpenDocument file by its mimetype part.
func (p *pkg) openDocument() error {
	var mt [80]byte
	n := 0
	if rc, err := p.file("mimetype").Open(); err == nil {
		n, _ = io.ReadFull(rc, mt[:])
		rc.Close()
	}
	switch strings.TrimSpace(string(mt[:n])) {
	case "application/vnd.oasis.opendocument.text":
		return fmt.Errorf("%w: it is an OpenDocument text document (.odt), not a spreadsheet", ErrDocument)
	case "application/vnd.oasis.opendocument.presentation":
		return fmt.Errorf("%w: it is an OpenDocument presentation (.odp), not a spreadsheet", ErrDocument)
	}
	return fmt.Errorf("%w: it is an OpenDocument spreadsheet (.ods); save it as .xlsx", ErrNotXLSX)
}

// notWorkbook explains a package whose main part is not a workbook.
func notWorkbook(part, root string) error {
	switch root {
	case "document":
		return fmt.Errorf("%w: it is a Word document (.docx), not a spreadsheet", ErrDocument)
	case "presentation":
		return fmt.Errorf("%w: it is a PowerPoint presentation (.pptx), not a spreadsheet", ErrDocument)
	}
	return fmt.Errorf("%w: its main part %s is a %q, not a workbook", ErrNotXLSX, part, clip([]byte(root), 30))
}

type relationship struct {
	ID, Type, Target string
}

// relsPath is the relationships part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels.
func relsPath(part string) string {
	return path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
}

// rels reads a relationships part, resolving internal targets against dir. A target is a
// URI, so it is unescaped ("sheet%201.xml" is the part "sheet 1.xml"), unless only the
// escaped name exists. A missing part gives errMissing.
func (p *pkg) rels(name, dir string) ([]relationship, error) {
	if p.file(name) == nil {
		return nil, fmt.Errorf("%w: %w: %s", ErrCorrupt, errMissing, name)
	}
	var out []relationship
	err := p.scanSmall(name, func(sc *xmlScanner, stack []string) error {
		if len(stack) == 1 && stack[0] != "Relationships" {
			return fmt.Errorf("%w: %s is not a relationships part", ErrCorrupt, name)
		}
		if len(stack) != 2 || stack[1] != "Relationship" {
			return nil
		}
		var rel relationship
		external := false
		for attrs := sc.attrs; ; {
			n, v, rest, ok, err := nextAttr(attrs)
			if err != nil {
				return err
			}
			if !ok {
				break
			}
			attrs = rest
			switch string(n) {
			case "Id":
				rel.ID, err = attrText(v)
			case "Type":
				rel.Type, err = attrText(v)
			case "Target":
				rel.Target, err = attrText(v)
			case "TargetMode":
				external = string(v) == "External"
			}
			if err != nil {
				return err
			}
		}
		if external {
			return nil
		}
		raw := strings.ReplaceAll(rel.Target, `\`, "/")
		rel.Target = p.resolve(dir, raw)
		if u, err := url.PathUnescape(raw); err == nil && u != raw {
			if t := p.resolve(dir, u); p.file(t) != nil || p.file(rel.Target) == nil {
				rel.Target = t
			}
		}
		out = append(out, rel)
		return nil
	})
	return out, err
}

// resolve makes a relationship target a part name: relative to dir, or absolute.
func (p *pkg) resolve(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return path.Join(dir, target)
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
	err := p.scanSmall(name, func(sc *xmlScanner, stack []string) error {
		switch {
		case len(stack) == 1 && stack[0] != "workbook":
			return notWorkbook(name, stack[0])
		case len(stack) == 2 && stack[1] == "workbookPr":
			for attrs := sc.attrs; ; {
				n, v, rest, ok, err := nextAttr(attrs)
				if err != nil || !ok {
					return err
				}
				attrs = rest
				if string(n) == "date1904" {
					s := strings.TrimSpace(string(v))
					wb.date1904 = s == "1" || s == "true"
				}
			}
		case len(stack) == 3 && stack[1] == "sheets" && stack[2] == "sheet":
			if len(wb.sheets) == p.lim.MaxSheets {
				return fmt.Errorf("%w: %s lists more than %d sheets (the limit)", ErrTooLarge, name, p.lim.MaxSheets)
			}
			var s workbookSheet
			for attrs := sc.attrs; ; {
				n, v, rest, ok, err := nextAttrQ(attrs)
				if err != nil {
					return err
				}
				if !ok {
					break
				}
				attrs = rest
				local := localName(n)
				switch {
				case string(n) == "name":
					s.name, err = attrText(v)
				case string(n) == "state":
					s.hidden = string(v) == "hidden" || string(v) == "veryHidden"
				case string(local) == "id" && len(local) < len(n):
					// r:id, in the relationships namespace (transitional or strict) under
					// whatever prefix the writer chose.
					s.rid, err = attrText(v)
				}
				if err != nil {
					return err
				}
			}
			wb.sheets = append(wb.sheets, s)
		}
		return nil
	})
	return wb, err
}

// attrText decodes an attribute value's entity and character references.
func attrText(v []byte) (string, error) {
	b, err := appendText(nil, v)
	return string(b), err
}

// scanSmall runs fn on each start element of a small part (workbook, relationships), with
// the stack of local names from the root to the element. The part must be well-formed
// (tags balanced, one root), at most maxSmallPart bytes and nested at most maxDepth deep.
func (p *pkg) scanSmall(name string, fn func(sc *xmlScanner, stack []string) error) error {
	rc, err := p.open(name, maxSmallPart)
	if err != nil {
		return err
	}
	defer rc.Close()
	err = scanWellFormed(newXMLScanner(rc, 64<<10), name, func(sc *xmlScanner, stack []string) error {
		if sc.kind == tokStart {
			return fn(sc, stack)
		}
		return nil
	})
	return err
}

// scanWellFormed scans a part, checking that its tags balance, that it has one root
// element and that elements nest at most maxDepth deep, and calls fn on every token with
// the stack of open elements (for a start tag, including it). Errors name the part.
func scanWellFormed(sc *xmlScanner, name string, fn func(sc *xmlScanner, stack []string) error) error {
	var (
		stack []string
		roots int
	)
	fail := func(err error) error {
		if errors.Is(err, ErrNotXLSX) || errors.Is(err, ErrTooLarge) {
			return err // names the part already
		}
		return classify(fmt.Errorf("%s: %w", name, err))
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
			if len(stack) == 0 {
				if roots++; roots > 1 {
					return fail(errors.New("more than one root element"))
				}
			}
			if len(stack) == maxDepth {
				return fmt.Errorf("%w: %s: elements nest more than %d deep (the limit)", ErrTooLarge, name, maxDepth)
			}
			stack = append(stack, string(sc.name))
			if err := fn(sc, stack); err != nil {
				return fail(err)
			}
			if sc.selfClose {
				stack = stack[:len(stack)-1]
			}
		case tokEnd:
			if len(stack) == 0 || stack[len(stack)-1] != string(sc.name) {
				return fail(fmt.Errorf("end tag </%s> does not close an open element", clip(sc.name, 30)))
			}
			if err := fn(sc, stack); err != nil {
				return fail(err)
			}
			stack = stack[:len(stack)-1]
		case tokText:
			if err := fn(sc, stack); err != nil {
				return fail(err)
			}
		}
	}
	if len(stack) > 0 {
		return fail(fmt.Errorf("element <%s> is not closed", clip([]byte(stack[len(stack)-1]), 30)))
	}
	if roots == 0 {
		return fail(errors.New("no root element"))
	}
	return nil
}

// classify turns a read error into ErrTooLarge, ErrUnsupported or ErrCorrupt, keeping its
// detail.
func classify(err error) error {
	switch {
	case errors.Is(err, ErrTooLarge), errors.Is(err, ErrCorrupt), errors.Is(err, ErrUnsupported),
		errors.Is(err, ErrNotXLSX):
		return err
	case errors.Is(err, errTokenTooLong):
		return fmt.Errorf("%w: %w", ErrTooLarge, err)
	case errors.Is(err, errDoctype):
		return fallbackOK(fmt.Errorf("%w: %w", ErrUnsupported, err))
	}
	return fmt.Errorf("%w: %w", ErrCorrupt, err)
}

// sst is the shared-string table: the text of every string in blocks of blockSize bytes
// (1 MiB, or twice the longest cell), and one 4-byte offset per string, so that a large
// table costs a few allocations and 4 bytes a string, not a string header (16 bytes) and an
// allocation each. Blocks are filled in turn and never grown, so building the table leaves
// no garbage (one block grown by doubling would leave old copies adding up to its size), and
// no more is reserved than is used.
//
// Offsets address the blocks as if laid end to end at full size: block k starts at
// k*blockSize. A string that does not fit in the rest of a block starts the next one, so
// string i is the text from off[i] to off[i+1], cut at the end of its block.
type sst struct {
	blocks    []string
	blockSize uint32
	off       []uint32
}

func (s *sst) len() int { return len(s.off) - 1 }

func (s *sst) get(i int) string {
	start, end := s.off[i], s.off[i+1]
	k := start / s.blockSize
	if int(k) >= len(s.blocks) {
		return "" // empty strings after the last block's text
	}
	b := s.blocks[k]
	lo := start - k*s.blockSize
	hi := min(end-k*s.blockSize, uint32(len(b)))
	return b[lo:hi]
}

// sstBuilder builds an sst.
type sstBuilder struct {
	blocks    []string
	cur       strings.Builder
	blockSize uint32
	base      uint32 // offset of cur's first byte
	total     int    // bytes of text
	off       []uint32
}

func newSSTBuilder(lim sheet.Limits, hint int) *sstBuilder {
	size := max(1<<20, 2*lim.MaxCellBytes)
	return &sstBuilder{blockSize: uint32(size), off: make([]uint32, 1, min(hint, 1<<20, lim.MaxSharedStrings)+1)}
}

// add appends a string, which is at most MaxCellBytes long.
func (b *sstBuilder) add(s []byte) error {
	if b.cur.Cap() == 0 || b.cur.Len()+len(s) > int(b.blockSize) {
		if b.cur.Cap() > 0 {
			b.blocks = append(b.blocks, b.cur.String())
			b.cur = strings.Builder{}
			if uint64(b.base)+uint64(b.blockSize) > math.MaxUint32-uint64(b.blockSize) {
				return errors.New("the table's offsets overflow")
			}
			b.base += b.blockSize
			// The last offset, where this string starts, moves to the new block; the
			// string before it still ends at its block's end (get cuts there).
			b.off[len(b.off)-1] = b.base
		}
		if len(s) > 0 {
			b.cur.Grow(int(b.blockSize))
		}
	}
	b.cur.Write(s)
	b.total += len(s)
	b.off = append(b.off, b.base+uint32(b.cur.Len()))
	return nil
}

func (b *sstBuilder) len() int { return len(b.off) - 1 }

func (b *sstBuilder) done() *sst {
	blocks := b.blocks
	if b.cur.Cap() > 0 {
		blocks = append(blocks, b.cur.String())
	}
	return &sst{blocks: blocks, blockSize: b.blockSize, off: b.off}
}

// sharedStrings returns the shared-string table, reading it on first use: a workbook whose
// sheets use none (inline strings) never holds it. nil, nil when there is none.
func (p *pkg) sharedStrings() (*sst, error) {
	if p.sstPath == "" {
		return nil, nil
	}
	p.sstOnce.Do(func() {
		var rc io.ReadCloser
		rc, p.sstErr = p.open(p.sstPath, 0)
		if p.sstErr != nil {
			return
		}
		defer rc.Close()
		p.sst, p.sstErr = parseSST(rc, p.sstPath, p.lim)
	})
	return p.sst, p.sstErr
}

// parseSST reads xl/sharedStrings.xml. A string item <si> is either <t>text</t> or
// rich-text runs <r><rPr/><t>text</t></r>, which are concatenated; <rPh> phonetic runs
// (furigana) are not part of the value and are skipped. The table is bounded by
// MaxSharedStrings and MaxSharedStringBytes.
func parseSST(r io.Reader, name string, lim sheet.Limits) (*sst, error) {
	sc := newXMLScanner(r, maxToken(lim))
	var (
		b        *sstBuilder
		cur, tmp []byte
		inSI     bool
		inT      bool
		rPh      int
	)
	b = newSSTBuilder(lim, 0)
	fail := func(err error) (*sst, error) {
		return nil, classify(fmt.Errorf("%s: string %d: %w", name, len(b.off), err))
	}
	add := func(s []byte) error {
		if len(b.off) > lim.MaxSharedStrings {
			return fmt.Errorf("%w: %s holds more than %d shared strings (the limit)", ErrTooLarge, name, lim.MaxSharedStrings)
		}
		if b.total+len(s) > lim.MaxSharedStringBytes {
			return fmt.Errorf("%w: %s holds more than %d bytes of shared strings (the limit)", ErrTooLarge, name, lim.MaxSharedStringBytes)
		}
		if err := b.add(s); err != nil {
			return fmt.Errorf("%w: %s: %w", ErrTooLarge, name, err)
		}
		return nil
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
				if c, ok := attrInt(sc.attrs, "uniqueCount"); ok && c > 0 && b.len() == 0 {
					b = newSSTBuilder(lim, c) // a hint only: never trusted for more than 1<<20
				}
			case "si":
				inSI, cur = !sc.selfClose, cur[:0]
				if sc.selfClose {
					if err := add(nil); err != nil {
						return nil, err
					}
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
					if err := add(tmp); err != nil {
						return nil, err
					}
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
				cur = appendCDATA(cur, sc.text)
			} else if cur, err = appendText(cur, sc.text); err != nil {
				return fail(err)
			}
			if len(cur) > lim.MaxCellBytes {
				return nil, fmt.Errorf("%w: %s: string %d is longer than %d bytes", ErrTooLarge, name, len(b.off), lim.MaxCellBytes)
			}
		}
	}
	return b.done(), nil
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

func (p *pkg) opener(name, part string) func() (sheet.Rows, error) {
	return func() (sheet.Rows, error) {
		rc, err := p.open(part, 0)
		if err != nil {
			return nil, fmt.Errorf("sheet %q: %w", name, err)
		}
		rs := newRows(name, rc, p.sharedStrings, p.lim)
		rs.total = &p.rows
		return rs, nil
	}
}

// fallbackErr marks an error the fallback reader may get past: the package is a complete
// zip within the limits, but laid out or encoded in a way this reader does not handle.
type fallbackErr struct{ error }

func (e fallbackErr) Unwrap() error { return e.error }

// fallbackOK marks err as one the fallback reader may try to get past.
func fallbackOK(err error) error {
	if err == nil {
		return nil
	}
	return fallbackErr{err}
}

// CanFallback reports whether err, from Open or a sheet's rows, is one the fallback reader
// may get past: a package this reader finds oddly laid out or encoded (a relationship
// missing, a text encoding other than UTF-8 or UTF-16, a DOCTYPE). Never a file past a limit,
// encrypted, of another type, damaged in its zip or its XML, or tampered with.
func CanFallback(err error) bool {
	var fe fallbackErr
	return errors.As(err, &fe) && !errors.Is(err, ErrTooLarge)
}
