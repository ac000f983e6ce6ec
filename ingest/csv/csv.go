// Package csv reads a CSV file as one sheet of raw text cells, for ingest.
//
// The dialect is what spreadsheet programs write (RFC 4180):
//
//   - Encoding (SPEC §3): UTF-8, with or without a byte-order mark, or Windows-1252 (what
//     Excel's plain "CSV" writes on a UK Windows machine), decided by a first pass over the
//     file, line by line. A file whose every line is valid UTF-8 is UTF-8. A file with lines
//     that are not, and no line that is valid UTF-8 holding a multi-byte character (nor a
//     byte-order mark), is plainly Windows-1252: it is read whole as Windows-1252, with one
//     note. A file with both is UTF-8 with stray Windows-1252 lines (a row pasted in from
//     elsewhere): each line that is not valid UTF-8 is read as Windows-1252, with a warning
//     naming the line. UTF-16 text and files with NUL bytes are refused with ErrNotText.
//   - Line ends: \n, \r\n or a lone \r (old Mac), mixed freely. Inside a quoted field each
//     becomes \n.
//   - Delimiter: comma; a semicolon or tab when the header line has no comma but has one of
//     those (Excel writes ';' where the decimal separator is a comma). Detection looks at the
//     first line only, outside quotes.
//   - Quotes: a field that starts with " runs to the next " that is not doubled; "" inside it is
//     a literal quote. A quote inside an unquoted field is kept as written (5'10" stays 5'10"),
//     as Excel does. A quoted field whose closing quote is followed by anything but a
//     delimiter or line end, or that never closes, is an ErrQuote naming the row where it
//     started: it almost always means an unbalanced quote that would otherwise swallow the
//     following rows into one cell without a word. Losing a file loudly beats losing rows
//     silently.
//   - Rows may have different numbers of fields. Empty lines are skipped but still counted, so
//     Line is the row number a spreadsheet program shows when it opens the file (header = 1).
//   - Text is passed through as written: characters beyond the Basic Multilingual Plane
//     (emoji), right-to-left text, combining marks and control characters (other than NUL,
//     which makes the file not text) are kept.
//
// Limits (sheet.Limits) bound rows, bytes per field and per row; a breach is ErrTooLarge.
// Fields past MaxColumns are dropped: empty ones silently, others with a warning
// (sheet.Warner), which ingest makes an error when it is in the header row.
package csv

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/yjsreport/yjsreport/ingest/sheet"
)

// Errors, usable with errors.Is; the wrapped messages name the row or line.
var (
	// ErrNotText is a file that is not CSV text: NUL bytes, or UTF-16.
	ErrNotText = errors.New("file is not CSV text")
	// ErrQuote is a quoted field that does not close properly.
	ErrQuote = errors.New("unbalanced quotes")
	// ErrTooLarge is a file past one of the sheet.Limits.
	ErrTooLarge = errors.New("file is too large to read safely")
)

// Rules of the notes and warnings, without values.
const (
	ruleWindows1252 = "read as Windows-1252"
	ruleLineNotUTF8 = "line not UTF-8, read as Windows-1252"
	ruleLost        = "value past the column limit"
)

// Open checks a CSV file's encoding and delimiter in one streaming pass and returns it as
// one sheet (Name "", Excel false) whose Open streams the records in a second pass. Neither
// pass holds the file in memory.
func Open(r io.ReaderAt, size int64, lim sheet.Limits) (sheet.Sheet, error) {
	lim = lim.WithDefaults()
	info, err := sniff(io.NewSectionReader(r, 0, size))
	if err != nil {
		return sheet.Sheet{}, err
	}
	sh := sheet.Sheet{Name: ""}
	if info.enc == encWindows1252 {
		sh.Notes = []sheet.Note{{Rule: ruleWindows1252,
			Reason: "the file is not UTF-8, so it was read as Windows-1252 (Excel's plain \"CSV\"): check accented letters and symbols such as £ and €; save it as \"CSV UTF-8\" to be sure"}}
	}
	sh.Open = func() (sheet.Rows, error) {
		var src io.Reader = io.NewSectionReader(r, info.skip, size-info.skip)
		var mixed *mixedReader
		switch info.enc {
		case encWindows1252:
			src = charmap.Windows1252.NewDecoder().Reader(src)
		case encMixed:
			mixed = newMixedReader(src, lim.MaxRowBytes+lim.MaxColumns+64<<10)
			src = mixed
		}
		p := newParser(src, info.comma, lim)
		p.mixed = mixed
		return p, nil
	}
	return sh, nil
}

// The encodings a file may be read in.
const (
	encUTF8        = iota // every line is valid UTF-8
	encWindows1252        // no line is UTF-8 with a multi-byte character: Windows-1252 throughout
	encMixed              // UTF-8, with lines that are not read as Windows-1252
)

// fileInfo is what the first pass learns.
type fileInfo struct {
	skip  int64 // bytes of byte-order mark to skip
	enc   int
	comma byte
}

var bom = []byte{0xEF, 0xBB, 0xBF}

// sniff reads the whole file once: it checks the UTF-8 validity of each line (carrying an
// incomplete sequence across chunk boundaries), refuses NUL bytes naming their line, and
// picks the delimiter from the first line.
func sniff(r io.Reader) (fileInfo, error) {
	info := fileInfo{comma: ','}
	buf := make([]byte, 64<<10)
	var (
		lc      lineCheck
		first   = true
		line    = 1
		prevCR  bool
		header  []byte
		inFirst = true
	)
	for {
		n, err := io.ReadFull(r, buf)
		chunk := buf[:n]
		if first && n > 0 {
			first = false
			switch {
			case bytes.HasPrefix(chunk, bom):
				info.skip = 3
				chunk = chunk[3:]
				lc.anyMulti = true // the byte-order mark says UTF-8
			case bytes.HasPrefix(chunk, []byte{0xFF, 0xFE}), bytes.HasPrefix(chunk, []byte{0xFE, 0xFF}):
				return info, fmt.Errorf("%w: it is UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\"", ErrNotText)
			}
		}
		if i := bytes.IndexByte(chunk, 0); i >= 0 {
			line += countLineEnds(chunk[:i], &prevCR)
			return info, fmt.Errorf("%w: line %d contains NUL bytes: is this really a CSV?", ErrNotText, line)
		}
		for rest := chunk; len(rest) > 0; {
			i := bytes.IndexAny(rest, "\r\n")
			if i < 0 {
				lc.piece(rest)
				if inFirst {
					header = append(header, rest[:min(len(rest), 64<<10-len(header))]...)
				}
				prevCR = false
				break
			}
			lc.piece(rest[:i])
			lc.endLine()
			if inFirst {
				header = append(header, rest[:min(i, 64<<10-len(header))]...)
				inFirst = false
			}
			if rest[i] == '\r' || !prevCR {
				line++
			}
			prevCR = rest[i] == '\r'
			rest = rest[i+1:]
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return info, err
		}
	}
	lc.endLine() // the file ends inside a UTF-8 sequence: that line is not valid
	switch {
	case !lc.anyBad:
		info.enc = encUTF8
	case lc.anyMulti:
		info.enc = encMixed
	default:
		info.enc = encWindows1252
	}
	info.comma = delimiter(header)
	return info, nil
}

// countLineEnds counts the line ends in b as the parser does (\r\n is one).
func countLineEnds(b []byte, prevCR *bool) int {
	n := 0
	for _, c := range b {
		if c == '\r' || c == '\n' && !*prevCR {
			n++
		}
		*prevCR = c == '\r'
	}
	return n
}

// lineCheck follows the UTF-8 validity of the lines of a file fed to it in pieces.
type lineCheck struct {
	carry []byte // an incomplete UTF-8 sequence at the end of the last piece
	bad   bool   // the current line is not valid UTF-8
	multi bool   // the current line holds a multi-byte character

	anyBad   bool // some line is not valid UTF-8
	anyMulti bool // some valid line holds a multi-byte character
}

// piece checks the next bytes of the current line (no line ends in b).
func (lc *lineCheck) piece(b []byte) {
	if lc.bad || len(b) == 0 {
		return
	}
	if len(lc.carry) > 0 {
		k := 0
		for k < len(b) && !utf8.FullRune(lc.carry) {
			lc.carry = append(lc.carry, b[k])
			k++
		}
		if !utf8.FullRune(lc.carry) {
			return // still incomplete: b was one or two bytes
		}
		if r, size := utf8.DecodeRune(lc.carry); r == utf8.RuneError && size <= 1 || size != len(lc.carry) {
			lc.bad = true
			return
		}
		lc.multi, lc.carry, b = true, lc.carry[:0], b[k:]
	}
	// Hold back a trailing sequence that may continue in the next piece.
	cut := len(b)
	for k := len(b) - 1; k >= 0 && k >= len(b)-utf8.UTFMax; k-- {
		if utf8.RuneStart(b[k]) {
			if !utf8.FullRune(b[k:]) {
				cut = k
			}
			break
		}
	}
	if !utf8.Valid(b[:cut]) {
		lc.bad = true
		return
	}
	if !lc.multi {
		for _, c := range b[:cut] {
			if c >= utf8.RuneSelf {
				lc.multi = true
				break
			}
		}
	}
	lc.carry = append(lc.carry, b[cut:]...)
}

// endLine ends the current line.
func (lc *lineCheck) endLine() {
	if len(lc.carry) > 0 {
		lc.bad = true // the line ends inside a sequence
	}
	lc.anyBad = lc.anyBad || lc.bad
	lc.anyMulti = lc.anyMulti || !lc.bad && lc.multi
	lc.bad, lc.multi, lc.carry = false, false, lc.carry[:0]
}

// delimiter picks the field delimiter from the header line: a comma if it has one, else a
// semicolon or tab if it has one of those (a header of one column has none of them).
func delimiter(header []byte) byte {
	counts := map[byte]int{}
	inQuote := false
	for _, c := range header {
		if c == '"' {
			inQuote = !inQuote
		} else if !inQuote {
			counts[c]++
		}
	}
	switch {
	case counts[','] > 0:
		return ','
	case counts[';'] > 0:
		return ';'
	case counts['\t'] > 0:
		return '\t'
	}
	return ','
}

// mixedReader passes a file through line by line: a line that is valid UTF-8 as it is, any
// other transcoded from Windows-1252. It counts lines as the parser does and queues the
// numbers of the lines it transcoded, for the parser to warn about. A line is held whole
// while it is judged, so one longer than maxLine is ErrTooLarge.
type mixedReader struct {
	src     *bufio.Reader
	maxLine int
	line    int  // the line being read (1-based)
	prevCR  bool // the last line ended with \r: a \n next is part of its line end
	cur     []byte
	out     []byte // ready to be read
	bad     []int  // transcoded lines not yet taken by the parser
	err     error
}

func newMixedReader(r io.Reader, maxLine int) *mixedReader {
	return &mixedReader{src: bufio.NewReaderSize(r, 64<<10), maxLine: maxLine, line: 1}
}

func (m *mixedReader) Read(p []byte) (int, error) {
	for len(m.out) == 0 {
		if m.err != nil {
			return 0, m.err
		}
		m.fill()
	}
	n := copy(p, m.out)
	m.out = m.out[n:]
	return n, nil
}

// fill reads on to the end of the current line, or to the end of the input, and passes the
// line to out.
func (m *mixedReader) fill() {
	if len(m.out) == 0 {
		m.out = m.out[:0:cap(m.out)]
	}
	for {
		c, err := m.src.ReadByte()
		if err != nil {
			m.flush()
			m.err = err
			return
		}
		if c == '\n' && m.prevCR && len(m.cur) == 0 {
			m.out, m.prevCR = append(m.out, c), false // the \n of \r\n
			return
		}
		if c == '\r' || c == '\n' {
			m.flush()
			m.out = append(m.out, c)
			m.line++
			m.prevCR = c == '\r'
			return
		}
		m.prevCR = false
		m.cur = append(m.cur, c)
		if c < utf8.RuneSelf {
			// Take the ASCII run that follows in one go.
			b, _ := m.src.Peek(m.src.Buffered())
			i := 0
			for i < len(b) && b[i] >= ' ' || i < len(b) && b[i] == '\t' {
				i++
			}
			m.cur = append(m.cur, b[:i]...)
			m.src.Discard(i)
		}
		if len(m.cur) > m.maxLine {
			m.err = fmt.Errorf("%w: line %d is longer than %d bytes", ErrTooLarge, m.line, m.maxLine)
			return
		}
	}
}

// flush passes the current line to out, transcoded when it is not valid UTF-8.
func (m *mixedReader) flush() {
	if utf8.Valid(m.cur) {
		m.out = append(m.out, m.cur...)
	} else {
		for _, c := range m.cur {
			if c < utf8.RuneSelf {
				m.out = append(m.out, c)
			} else {
				m.out = utf8.AppendRune(m.out, charmap.Windows1252.DecodeByte(c))
			}
		}
		m.bad = append(m.bad, m.line)
	}
	m.cur = m.cur[:0]
}

// parser streams records; it implements sheet.Rows and sheet.Warner.
type parser struct {
	br    *bufio.Reader
	comma byte
	lim   sheet.Limits
	mixed *mixedReader // nil unless the file mixes UTF-8 and Windows-1252 lines

	line     int // physical line of the next byte (1-based)
	row      int // row number of the current record
	lastLine int // the current record's last physical line
	count    int // records returned
	err      error
	done     bool

	buf     []byte // the current record's fields, back to back
	ends    []int  // end of each field in buf
	starts  []int  // physical line each field starts on (mixed files only)
	lost    int    // non-empty fields past MaxColumns
	lostAt  int    // the first one's column
	dropped int    // fields past MaxColumns
	cells   []string

	warns, out []sheet.Warning
	more       int // warnings past maxPendingWarnings
	moreRule   string
	moreLost   bool
}

func newParser(r io.Reader, comma byte, lim sheet.Limits) *parser {
	return &parser{br: bufio.NewReaderSize(r, 64<<10), comma: comma, lim: lim.WithDefaults(), line: 1}
}

// Cells returns the current record's fields; the slice is reused by Next.
func (p *parser) Cells() []string { return p.cells }

// Line returns the current record's row number (header = 1; empty lines count).
func (p *parser) Line() int { return p.row }

// Err returns the error that stopped Next.
func (p *parser) Err() error { return p.err }

// Close ends reading.
func (p *parser) Close() error {
	p.done = true
	return nil
}

// Warnings returns the warnings raised since the last call (sheet.Warner): fields past the
// column limit, and lines read as Windows-1252.
func (p *parser) Warnings() []sheet.Warning {
	p.out = append(p.out[:0], p.warns...)
	p.warns = p.warns[:0]
	if p.more > 0 {
		p.out = append(p.out, sheet.Warning{Row: p.row, Col: -1, Rule: p.moreRule, Lost: p.moreLost,
			Reason: fmt.Sprintf("%d more warnings up to row %d, the first: %s", p.more, p.row, p.moreRule)})
		p.more, p.moreLost = 0, false
	}
	return p.out
}

// maxPendingWarnings bounds the warnings held for a caller that has not asked for them:
// past it, further warnings are counted and summed up in one.
const maxPendingWarnings = 10_000

func (p *parser) warn(w sheet.Warning) {
	if len(p.warns) < maxPendingWarnings {
		p.warns = append(p.warns, w)
		return
	}
	if p.more == 0 {
		p.moreRule = w.Rule
	}
	p.more++
	p.moreLost = p.moreLost || w.Lost
}

// Next reads the next non-empty record.
func (p *parser) Next() bool {
	if p.done {
		return false
	}
	for {
		ok, empty, err := p.record()
		if err != nil {
			p.err, p.done, p.cells = err, true, p.cells[:0]
			return false
		}
		if !ok {
			p.done = true
			return false
		}
		if empty {
			continue
		}
		p.count++
		if p.count > p.lim.MaxRows {
			p.err, p.done = fmt.Errorf("%w: more than %d rows (the limit)", ErrTooLarge, p.lim.MaxRows), true
			return false
		}
		s := string(p.buf)
		p.cells = p.cells[:0]
		start := 0
		for _, end := range p.ends {
			p.cells = append(p.cells, s[start:end])
			start = end
		}
		p.warnRecord()
		return true
	}
}

// warnRecord raises the current record's warnings.
func (p *parser) warnRecord() {
	if p.lost > 0 {
		cell := fmt.Sprintf("%s%d", sheet.ColumnName(p.lostAt), p.row)
		reason := fmt.Sprintf("the value in cell %s was ignored: it is past the last column read (%s)", cell, sheet.ColumnName(p.lim.MaxColumns-1))
		if p.lost > 1 {
			reason = fmt.Sprintf("the values in cell %s and %d more cells to its right were ignored: they are past the last column read (%s)",
				cell, p.lost-1, sheet.ColumnName(p.lim.MaxColumns-1))
		}
		p.warn(sheet.Warning{Row: p.row, Col: p.lostAt, Rule: ruleLost, Reason: reason, Lost: true})
	}
	if p.mixed == nil {
		return
	}
	bad := p.mixed.bad
	n := 0
	for n < len(bad) && bad[n] <= p.lastLine {
		l := bad[n]
		n++
		col := -1
		for k, start := range p.starts {
			end := p.lastLine
			if k+1 < len(p.starts) {
				end = p.starts[k+1]
			}
			lo := 0
			if k > 0 {
				lo = p.ends[k-1]
			}
			if start <= l && l <= end && !isASCII(p.buf[lo:p.ends[k]]) {
				col = k
				break
			}
		}
		p.warn(sheet.Warning{Row: p.row, Col: col, Rule: ruleLineNotUTF8,
			Reason: fmt.Sprintf("line %d of the file is not valid UTF-8, so it was read as Windows-1252: check its accented letters and symbols", l)})
	}
	p.mixed.bad = append(bad[:0], bad[n:]...)
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// newline consumes the rest of a line end whose first byte c was just read.
func (p *parser) newline(c byte) error {
	if c == '\r' {
		if n, err := p.br.ReadByte(); err == nil && n != '\n' {
			p.br.UnreadByte()
		} else if err != nil && err != io.EOF {
			return err
		}
	}
	p.line++
	return nil
}

// where names a record's place for messages: its row, and its line when that differs.
func (p *parser) where(row, line int) string {
	if row == line {
		return fmt.Sprintf("row %d", row)
	}
	return fmt.Sprintf("row %d (line %d of the file)", row, line)
}

// record reads one record into buf/ends. ok is false at the end of the input; empty is
// true for an empty line.
func (p *parser) record() (ok, empty bool, err error) {
	c, err := p.br.ReadByte()
	if err == io.EOF {
		return false, false, nil
	}
	if err != nil {
		return false, false, err
	}
	p.row++
	startLine := p.line
	if c == '\n' || c == '\r' {
		return true, true, p.newline(c)
	}
	p.br.UnreadByte()
	p.buf, p.ends, p.starts, p.lost, p.dropped = p.buf[:0], p.ends[:0], p.starts[:0], 0, 0
	for {
		start := len(p.buf)
		fieldLine := p.line
		c, err := p.br.ReadByte()
		atEOF := err == io.EOF
		if err != nil && !atEOF {
			return false, false, err
		}
		if !atEOF && c == '"' {
			// Quoted field.
			for {
				c, err := p.br.ReadByte()
				if err == io.EOF {
					return false, false, fmt.Errorf("%w: %s: a quoted field never closes: the file ends inside it (a stray \" ?)",
						ErrQuote, p.where(p.row, startLine))
				}
				if err != nil {
					return false, false, err
				}
				switch c {
				case '"':
					n, err := p.br.ReadByte()
					if err == nil && n == '"' {
						p.buf = append(p.buf, '"')
						continue
					}
					if err == nil {
						p.br.UnreadByte()
					} else if err != io.EOF {
						return false, false, err
					}
					if err == nil && n != p.comma && n != '\n' && n != '\r' {
						next, _, _ := p.br.ReadRune()
						return false, false, fmt.Errorf("%w: %s: a quoted field closes on line %d but %q follows the quote (a stray \" ?)",
							ErrQuote, p.where(p.row, startLine), p.line, next)
					}
				case '\r', '\n':
					if err := p.newline(c); err != nil {
						return false, false, err
					}
					p.buf = append(p.buf, '\n')
				default:
					p.buf = append(p.buf, c)
				}
				if len(p.buf)-start > p.lim.MaxCellBytes {
					return false, false, fmt.Errorf("%w: %s: a quoted cell is longer than %d bytes (a stray \" ?)",
						ErrTooLarge, p.where(p.row, startLine), p.lim.MaxCellBytes)
				}
				if c != '"' {
					continue
				}
				break
			}
			c, err = p.br.ReadByte()
			atEOF = err == io.EOF
			if err != nil && !atEOF {
				return false, false, err
			}
		} else {
			// Unquoted field: up to the delimiter or line end.
			for !atEOF && c != p.comma && c != '\n' && c != '\r' {
				p.buf = append(p.buf, c)
				if len(p.buf)-start > p.lim.MaxCellBytes {
					break
				}
				c, err = p.br.ReadByte()
				atEOF = err == io.EOF
				if err != nil && !atEOF {
					return false, false, err
				}
			}
		}
		if len(p.buf)-start > p.lim.MaxCellBytes {
			return false, false, fmt.Errorf("%w: %s: a cell is longer than %d bytes", ErrTooLarge, p.where(p.row, startLine), p.lim.MaxCellBytes)
		}
		if len(p.ends) < p.lim.MaxColumns {
			p.ends = append(p.ends, len(p.buf))
			if p.mixed != nil {
				p.starts = append(p.starts, fieldLine)
			}
			if len(p.buf) > p.lim.MaxRowBytes {
				return false, false, fmt.Errorf("%w: %s holds more than %d bytes of text (the limit)", ErrTooLarge, p.where(p.row, startLine), p.lim.MaxRowBytes)
			}
		} else {
			// Past the last column read: dropped, with a warning when not empty.
			if len(p.buf) > start {
				if p.lost == 0 {
					p.lostAt = p.lim.MaxColumns + p.dropped
				}
				p.lost++
			}
			p.buf = p.buf[:start]
			p.dropped++
		}
		switch {
		case atEOF:
			p.lastLine = p.line
			return true, false, nil
		case c == '\n' || c == '\r':
			p.lastLine = p.line
			return true, false, p.newline(c)
		}
		// c is the delimiter: next field.
	}
}
