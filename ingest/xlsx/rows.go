package xlsx

import (
	"fmt"
	"io"
	"strconv"

	"github.com/yjsreport/yjsreport/ingest/sheet"
)

// maxExcelColumns is Excel's own width (XFD). A row with more <c> elements than this is not
// a workbook Excel wrote, whatever the caller's column limit.
const maxExcelColumns = 16384

// Cell types, from the c element's t attribute.
const (
	cellNumber = iota // t absent, "n", and the types whose <v> is taken as written: b, d, e
	cellShared        // t="s"
	cellInline        // t="inlineStr"
	cellString        // t="str": a formula's text result
)

// rows streams one worksheet's <sheetData>.
type rows struct {
	sheet string
	rc    io.Closer
	sc    *xmlScanner
	sst   *sst
	lim   sheet.Limits

	inData bool
	inRow  bool
	done   bool
	err    error
	line   int // current row's number
	count  int // rows returned
	cells  []string

	// The row being read. Cell text is appended to buf and sliced out of one string per row,
	// so a row costs one allocation however many cells it has.
	buf    []byte
	spans  []span
	nCells int

	// The cell being read.
	inCell  bool
	col     int
	typ     int
	capture *[]byte // where text goes: &v or &t, nil when not in a value
	v, t    []byte
	hasIS   bool
	rPh     int
}

// span is one non-empty cell of the current row: text in buf[lo:hi], or a shared string.
type span struct {
	col    int
	lo, hi int
	str    string
	shared bool
}

func newRows(name string, rc io.ReadCloser, strs *sst, lim sheet.Limits) *rows {
	return &rows{sheet: name, rc: rc, sc: newXMLScanner(rc, maxToken(lim)), sst: strs, lim: lim}
}

// Cells returns the current row; the slice is reused by Next.
func (r *rows) Cells() []string { return r.cells }

// Line returns the current row's Excel row number.
func (r *rows) Line() int { return r.line }

// Err returns the error that stopped Next.
func (r *rows) Err() error { return r.err }

// Close closes the part; further calls to Next return false.
func (r *rows) Close() error {
	r.done = true
	if r.rc == nil {
		return nil
	}
	err := r.rc.Close()
	r.rc = nil
	return err
}

// Next reads up to the next row holding at least one value.
func (r *rows) Next() bool {
	if r.done {
		return false
	}
	if err := r.scan(); err != nil {
		r.err = err
		r.done = true
		r.cells = r.cells[:0]
		return false
	}
	return !r.done
}

// scan reads tokens until a row with a value is complete (r.cells set) or the sheet data
// ends (r.done set).
func (r *rows) scan() error {
	sc := r.sc
	for {
		err := sc.next()
		if err == io.EOF {
			if r.inData {
				return r.fail(io.ErrUnexpectedEOF)
			}
			r.done = true
			return nil
		}
		if err != nil {
			return r.fail(err)
		}
		switch sc.kind {
		case tokStart:
			if !r.inData {
				if string(sc.name) == "sheetData" {
					r.inData = !sc.selfClose
					r.done = sc.selfClose
					if r.done {
						return nil
					}
				}
				continue
			}
			switch string(sc.name) {
			case "row":
				if err := r.startRow(); err != nil {
					return err
				}
				r.inRow = !sc.selfClose // <row r="5"/> has no cells
			case "c":
				if !r.inRow {
					continue // a cell outside any row: not a cell of the sheet
				}
				if err := r.startCell(); err != nil {
					return err
				}
				if sc.selfClose {
					r.inCell = false // <c r="B2"/>: a styled cell with no value
				}
			case "v":
				if r.inCell && !sc.selfClose {
					r.v, r.capture = r.v[:0], &r.v
				}
			case "is":
				r.hasIS = r.inCell
			case "t":
				if r.inCell && r.hasIS && r.rPh == 0 && !sc.selfClose {
					r.capture = &r.t
				}
			case "rPh":
				if !sc.selfClose {
					r.rPh++
				}
			}
		case tokEnd:
			if !r.inData {
				continue
			}
			switch string(sc.name) {
			case "v", "t":
				r.capture = nil
			case "rPh":
				r.rPh = max(r.rPh-1, 0)
			case "c":
				if r.inCell {
					if err := r.endCell(); err != nil {
						return err
					}
				}
			case "row":
				r.inRow, r.inCell, r.capture = false, false, nil
				if len(r.spans) > 0 {
					return r.endRow()
				}
			case "sheetData":
				// Nothing after sheetData holds cells: stop reading the part here.
				r.inData, r.done = false, true
				return nil
			}
		case tokText:
			if r.capture == nil {
				continue
			}
			b := *r.capture
			if sc.cdata {
				b = append(b, sc.text...)
			} else if b, err = appendText(b, sc.text); err != nil {
				*r.capture = b
				return r.fail(err)
			}
			*r.capture = b
			if len(b) > r.lim.MaxCellBytes {
				return r.tooLarge("cell %s is longer than %d bytes", r.ref(), r.lim.MaxCellBytes)
			}
		}
	}
}

func (r *rows) startRow() error {
	next := r.line + 1
	if n, ok, err := r.attrRow(); err != nil {
		return err
	} else if ok {
		next = n
	}
	r.line = next
	r.buf, r.spans, r.nCells, r.col = r.buf[:0], r.spans[:0], 0, -1
	r.inCell = false
	return nil
}

func (r *rows) attrRow() (int, bool, error) {
	attrs := r.sc.attrs
	for {
		name, val, rest, ok, err := nextAttr(attrs)
		if err != nil {
			return 0, false, r.fail(err)
		}
		if !ok {
			return 0, false, nil
		}
		if string(name) == "r" {
			n, err := strconv.Atoi(string(val))
			if err != nil || n < 1 || n > 1<<30 {
				return 0, false, r.fail(fmt.Errorf("row number %q", clip(val, 20)))
			}
			return n, true, nil
		}
		attrs = rest
	}
}

func (r *rows) startCell() error {
	r.nCells++
	if r.nCells > maxExcelColumns {
		return r.tooLarge("row %d has more than %d cells", r.line, maxExcelColumns)
	}
	col, typ := r.col+1, cellNumber
	attrs := r.sc.attrs
	for {
		name, val, rest, ok, err := nextAttr(attrs)
		if err != nil {
			return r.fail(err)
		}
		if !ok {
			break
		}
		switch string(name) {
		case "r":
			c, ok := parseColumn(val)
			if !ok {
				return r.fail(fmt.Errorf("cell reference %q", clip(val, 20)))
			}
			col = c
		case "t":
			switch string(val) {
			case "s":
				typ = cellShared
			case "inlineStr":
				typ = cellInline
			case "str":
				typ = cellString
			}
		}
		attrs = rest
	}
	r.col, r.typ, r.inCell = col, typ, true
	r.v, r.t, r.hasIS, r.rPh, r.capture = r.v[:0], r.t[:0], false, 0, nil
	return nil
}

// parseColumn reads the column letters of a cell reference ("AB12" → 27, 0-based).
func parseColumn(b []byte) (int, bool) {
	n, i := 0, 0
	for ; i < len(b); i++ {
		c := b[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			break
		}
		n = n*26 + int(c-'A'+1)
		if n > maxExcelColumns {
			return 0, false
		}
	}
	if i == 0 {
		return 0, false
	}
	for ; i < len(b); i++ {
		if b[i] < '0' || b[i] > '9' {
			return 0, false
		}
	}
	return n - 1, true
}

func (r *rows) endCell() error {
	r.inCell, r.capture = false, nil
	sp := span{col: r.col}
	switch r.typ {
	case cellShared:
		if len(r.v) == 0 {
			return nil
		}
		i, err := strconv.Atoi(string(r.v))
		if err != nil || r.sst == nil || i < 0 || i >= r.sst.len() {
			return r.fail(fmt.Errorf("cell %s refers to shared string %q, which does not exist", r.ref(), clip(r.v, 20)))
		}
		sp.str, sp.shared = r.sst.get(i), true
		if sp.str == "" {
			return nil
		}
	case cellInline, cellString:
		src := r.v
		if r.typ == cellInline && r.hasIS {
			src = r.t
		}
		sp.lo = len(r.buf)
		r.buf = appendUnescapedXString(r.buf, src)
		sp.hi = len(r.buf)
	default:
		sp.lo = len(r.buf)
		r.buf = append(r.buf, r.v...)
		sp.hi = len(r.buf)
	}
	if !sp.shared && sp.hi == sp.lo {
		return nil
	}
	if r.col >= r.lim.MaxColumns {
		return r.tooLarge("row %d has a value in column %s, past the limit of %d columns", r.line, columnName(r.col), r.lim.MaxColumns)
	}
	r.spans = append(r.spans, sp)
	return nil
}

func (r *rows) endRow() error {
	r.count++
	if r.count > r.lim.MaxRows {
		return r.tooLarge("more than %d rows", r.lim.MaxRows)
	}
	width := 0
	for _, sp := range r.spans {
		width = max(width, sp.col+1)
	}
	r.cells = r.cells[:0]
	for range width {
		r.cells = append(r.cells, "")
	}
	s := string(r.buf)
	for _, sp := range r.spans {
		if sp.shared {
			r.cells[sp.col] = sp.str
		} else {
			r.cells[sp.col] = s[sp.lo:sp.hi]
		}
	}
	r.spans = r.spans[:0] // a stray </row> must not return this row again
	return nil
}

// ref names the current cell for messages, e.g. "C14".
func (r *rows) ref() string {
	return columnName(r.col) + strconv.Itoa(r.line)
}

// columnName is the letters of a 0-based column: 0 → A, 26 → AA.
func columnName(col int) string {
	if col < 0 {
		return "?"
	}
	var b []byte
	for col++; col > 0; col = (col - 1) / 26 {
		b = append([]byte{byte('A' + (col-1)%26)}, b...)
	}
	return string(b)
}

func (r *rows) fail(err error) error {
	if r.line == 0 {
		return classify(fmt.Errorf("sheet %q: %w", r.sheet, err))
	}
	return classify(fmt.Errorf("sheet %q: row %d: %w", r.sheet, r.line, err))
}

func (r *rows) tooLarge(format string, args ...any) error {
	return fmt.Errorf("%w: sheet %q: %s", ErrTooLarge, r.sheet, fmt.Sprintf(format, args...))
}
