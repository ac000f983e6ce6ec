// Package csv reads a CSV file as one sheet of raw text cells, for ingest.
//
// The dialect is what spreadsheet programs write (RFC 4180):
//
//   - Encoding: UTF-8, with or without a byte-order mark. A file that is not valid UTF-8 is
//     read as Windows-1252 (what Excel's plain "CSV" writes on a UK Windows machine), decided
//     for the whole file by a first pass over it. UTF-16 text and files with NUL bytes are
//     refused with ErrNotText.
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
//
// Limits (sheet.Limits) bound rows, fields per row and bytes per field; a breach is
// ErrTooLarge.
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

// Open checks a CSV file's encoding and delimiter in one streaming pass and returns it as
// one sheet (Name "", Excel false) whose Open streams the records in a second pass. Neither
// pass holds the file in memory.
func Open(r io.ReaderAt, size int64, lim sheet.Limits) (sheet.Sheet, error) {
	lim = withDefaults(lim)
	info, err := sniff(io.NewSectionReader(r, 0, size))
	if err != nil {
		return sheet.Sheet{}, err
	}
	open := func() (sheet.Rows, error) {
		var src io.Reader = io.NewSectionReader(r, info.skip, size-info.skip)
		if !info.utf8 {
			src = charmap.Windows1252.NewDecoder().Reader(src)
		}
		return newParser(src, info.comma, lim), nil
	}
	return sheet.Sheet{Name: "", Open: open}, nil
}

// fileInfo is what the first pass learns.
type fileInfo struct {
	skip  int64 // bytes of byte-order mark to skip
	utf8  bool  // valid UTF-8; otherwise Windows-1252
	comma byte
}

var bom = []byte{0xEF, 0xBB, 0xBF}

// sniff reads the whole file once: it checks UTF-8 validity (carrying an incomplete
// sequence across chunk boundaries), refuses NUL bytes naming their line, and picks the
// delimiter from the first line.
func sniff(r io.Reader) (fileInfo, error) {
	info := fileInfo{utf8: true, comma: ','}
	buf := make([]byte, 64<<10)
	var (
		carry   []byte // an incomplete UTF-8 sequence at the end of the last chunk
		data    []byte // carry + chunk, reused
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
			case bytes.HasPrefix(chunk, []byte{0xFF, 0xFE}), bytes.HasPrefix(chunk, []byte{0xFE, 0xFF}):
				return info, fmt.Errorf("%w: it is UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\"", ErrNotText)
			}
		}
		for i, c := range chunk {
			switch c {
			case 0:
				return info, fmt.Errorf("%w: line %d contains NUL bytes: is this really a CSV?", ErrNotText, line)
			case '\n':
				if !prevCR {
					line++
				}
			case '\r':
				line++
			}
			prevCR = c == '\r'
			if inFirst {
				if c == '\n' || c == '\r' || len(header) >= 64<<10 {
					inFirst = false
				} else {
					header = append(header, chunk[i])
				}
			}
		}
		if info.utf8 {
			data = append(append(data[:0], carry...), chunk...)
			cut := len(data)
			// Hold back a trailing sequence that may continue in the next chunk.
			for k := len(data) - 1; k >= 0 && k >= len(data)-utf8.UTFMax; k-- {
				if utf8.RuneStart(data[k]) {
					if !utf8.FullRune(data[k:]) {
						cut = k
					}
					break
				}
			}
			if !utf8.Valid(data[:cut]) {
				info.utf8 = false
			}
			carry = append(carry[:0], data[cut:]...)
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return info, err
		}
	}
	if len(carry) > 0 {
		info.utf8 = false // the file ends inside a UTF-8 sequence
	}
	info.comma = delimiter(header)
	return info, nil
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

func withDefaults(l sheet.Limits) sheet.Limits {
	d := sheet.DefaultLimits
	if l.MaxRows <= 0 {
		l.MaxRows = d.MaxRows
	}
	if l.MaxColumns <= 0 {
		l.MaxColumns = d.MaxColumns
	}
	if l.MaxCellBytes <= 0 {
		l.MaxCellBytes = d.MaxCellBytes
	}
	return l
}

// parser streams records; it implements sheet.Rows.
type parser struct {
	br    *bufio.Reader
	comma byte
	lim   sheet.Limits

	line  int // physical line of the next byte (1-based)
	row   int // row number of the current record
	count int // records returned
	err   error
	done  bool

	buf   []byte // the current record's fields, back to back
	ends  []int  // end of each field in buf
	cells []string
}

func newParser(r io.Reader, comma byte, lim sheet.Limits) *parser {
	return &parser{br: bufio.NewReaderSize(r, 64<<10), comma: comma, lim: lim, line: 1}
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
			p.err, p.done = fmt.Errorf("%w: more than %d rows", ErrTooLarge, p.lim.MaxRows), true
			return false
		}
		s := string(p.buf)
		p.cells = p.cells[:0]
		start := 0
		for _, end := range p.ends {
			p.cells = append(p.cells, s[start:end])
			start = end
		}
		return true
	}
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
	p.buf, p.ends = p.buf[:0], p.ends[:0]
	for {
		start := len(p.buf)
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
		p.ends = append(p.ends, len(p.buf))
		if len(p.ends) > p.lim.MaxColumns {
			return false, false, fmt.Errorf("%w: %s has more than %d cells", ErrTooLarge, p.where(p.row, startLine), p.lim.MaxColumns)
		}
		switch {
		case atEOF:
			return true, false, nil
		case c == '\n' || c == '\r':
			return true, false, p.newline(c)
		}
		// c is the delimiter: next field.
	}
}
