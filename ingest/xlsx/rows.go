package xlsx

import (
	"fmt"
	"io"
	"strconv"
	"sync/atomic"

	"github.com/yjsreport/yjsreport/ingest/sheet"
)

// maxExcelColumns is Excel's own width (XFD). A row with more <c> elements than this is not
// a workbook Excel wrote, whatever the caller's column limit.
const maxExcelColumns = 16384

// maxPendingWarnings bounds the warnings held for a caller that has not asked for them
// (sheet.Warner): past it, further warnings are counted and summed up in one.
const maxPendingWarnings = 10_000

// Cell types, from the c element's t attribute.
const (
	cellNumber = iota // t absent, "n", and the types whose <v> is taken as written: b, d, e
	cellShared        // t="s"
	cellInline        // t="inlineStr"
	cellString        // t="str": a formula's text result
)

// rows streams one worksheet's <sheetData>.
type rows struct {
	sheet   string
	rc      io.Closer
	sc      *xmlScanner
	sst     *sst
	loadSST func() (*sst, error) // reads the shared-string table on first use
	lim     sheet.Limits
	total   *atomic.Int64 // rows returned by all sheets of the workbook; nil: not counted

	sawData bool // a <sheetData> element was seen
	sawRoot bool // any element was seen

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
	// Values past lim.MaxColumns: dropped, with a warning.
	lostCol, lostN int

	warns    []sheet.Warning // not yet taken by Warnings
	out      []sheet.Warning // the slice Warnings returned last
	overflow struct {
		n, first, last int    // warnings past maxPendingWarnings, and their rows
		rule           string // the first one's
		lost           bool
	}

	// The cell being read.
	inCell  bool
	col     int
	typ     int
	capture *[]byte // where text goes: &v or &t, nil when not in a value
	v, t    []byte
	hasIS   bool
	hasF    bool // a formula
	hasV    bool // a cached value, even empty
	rPh     int
}

// span is one non-empty cell of the current row: text in buf[lo:hi], or a shared string.
type span struct {
	col    int
	lo, hi int
	str    string
	shared bool
}

func newRows(name string, rc io.ReadCloser, loadSST func() (*sst, error), lim sheet.Limits) *rows {
	return &rows{sheet: name, rc: rc, sc: newXMLScanner(rc, maxToken(lim)), loadSST: loadSST, lim: lim}
}

// Warnings returns the warnings raised since the last call (sheet.Warner): values past the
// column limit, and formulas without a calculated value.
func (r *rows) Warnings() []sheet.Warning {
	r.out = append(r.out[:0], r.warns...)
	r.warns = r.warns[:0]
	if o := r.overflow; o.n > 0 {
		r.out = append(r.out, sheet.Warning{Row: o.last, Col: -1, Rule: o.rule, Lost: o.lost,
			Reason: fmt.Sprintf("%d more warnings in rows %d to %d, the first: %s", o.n, o.first, o.last, o.rule)})
		r.overflow.n, r.overflow.lost = 0, false
	}
	return r.out
}

// Rules of the warnings, without values.
const (
	ruleFormula = "formula not calculated"
	ruleLost    = "value past the column limit"
)

// lostReason says that n values from cell col of row line on were past the column limit.
func lostReason(col, line, n, maxColumns int) string {
	if n == 1 {
		return fmt.Sprintf("the value in cell %s%d was ignored: it is past the last column read (%s)", columnName(col), line, columnName(maxColumns-1))
	}
	return fmt.Sprintf("the values in cell %s%d and %d more cells to its right were ignored: they are past the last column read (%s)",
		columnName(col), line, n-1, columnName(maxColumns-1))
}

func (r *rows) warn(w sheet.Warning) {
	if len(r.warns) >= maxPendingWarnings {
		if r.overflow.n == 0 {
			r.overflow.first, r.overflow.rule = w.Row, w.Rule
		}
		r.overflow.n++
		r.overflow.last = w.Row
		r.overflow.lost = r.overflow.lost || w.Lost
		return
	}
	r.warns = append(r.warns, w)
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
			if r.sawRoot && !r.sawData {
				// A worksheet always has <sheetData>, if empty: without it the part is not
				// the sheet it claims to be (or was read in the wrong encoding).
				return r.fail(fmt.Errorf("the part has no <sheetData>, so no cells"))
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
				r.sawRoot = true
				if string(sc.name) == "sheetData" {
					r.sawData = true
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
				if r.inCell {
					r.hasV = true
					if !sc.selfClose {
						r.v, r.capture = r.v[:0], &r.v
					}
				}
			case "f":
				r.hasF = r.hasF || r.inCell
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
				if len(r.spans) > 0 || r.lostN > 0 {
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
				b = appendCDATA(b, sc.text)
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
	r.inCell, r.lostN = false, 0
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
	r.hasF, r.hasV = false, false
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
	if r.hasF && !r.hasV && !(r.typ == cellInline && r.hasIS) {
		// A formula never calculated (a file written by a program, not Excel): Excel
		// would show a value, the file holds none.
		r.warn(sheet.Warning{Row: r.line, Col: r.col, Rule: ruleFormula,
			Reason: fmt.Sprintf("cell %s holds a formula with no calculated value, read as blank: open and save the file in Excel to calculate it", r.ref())})
		return nil
	}
	sp := span{col: r.col}
	switch r.typ {
	case cellShared:
		if len(r.v) == 0 {
			return nil
		}
		if r.sst == nil && r.loadSST != nil {
			var err error
			if r.sst, err = r.loadSST(); err != nil {
				return r.fail(err)
			}
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
		// Dropped, with a warning at the end of the row: past the header's last column, a
		// value belongs to no column of an extract (in the header row, ingest refuses it).
		r.buf = r.buf[:sp.lo]
		if r.lostN == 0 {
			r.lostCol = r.col
		}
		r.lostN++
		return nil
	}
	if len(r.buf) > r.lim.MaxRowBytes {
		return r.tooLarge("row %d holds more than %d bytes of text (the limit)", r.line, r.lim.MaxRowBytes)
	}
	r.spans = append(r.spans, sp)
	return nil
}

func (r *rows) endRow() error {
	r.count++
	if r.count > r.lim.MaxRows {
		return r.tooLarge("more than %d rows (the limit)", r.lim.MaxRows)
	}
	if r.total != nil && r.total.Add(1) > int64(r.lim.MaxRows) {
		return &WorkbookLimitError{fmt.Sprintf("the workbook has more than %d rows in all its sheets (the limit)", r.lim.MaxRows)}
	}
	if r.lostN > 0 {
		r.warn(sheet.Warning{Row: r.line, Col: r.lostCol, Rule: ruleLost, Lost: true,
			Reason: lostReason(r.lostCol, r.line, r.lostN, r.lim.MaxColumns)})
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
func columnName(col int) string { return sheet.ColumnName(col) }

func (r *rows) fail(err error) error {
	if r.line == 0 {
		return classify(fmt.Errorf("sheet %q: %w", r.sheet, err))
	}
	return classify(fmt.Errorf("sheet %q: row %d: %w", r.sheet, r.line, err))
}

func (r *rows) tooLarge(format string, args ...any) error {
	return fmt.Errorf("%w: sheet %q: %s", ErrTooLarge, r.sheet, fmt.Sprintf(format, args...))
}
