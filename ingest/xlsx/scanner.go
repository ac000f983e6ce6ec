package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// tokKind is the kind of token the XML scanner stopped at.
type tokKind uint8

const (
	tokStart tokKind = iota + 1 // <name attrs> or <name attrs/> (selfClose)
	tokEnd                      // </name>
	tokText                     // character data between tags, or a CDATA section
)

// errTokenTooLong reports a tag or a run of text longer than the scanner's bound. In a
// worksheet that is a cell far past the cell limit, so callers report it as too large.
var errTokenTooLong = errors.New("xml token too long")

// errDoctype is a DOCTYPE in a part; classify makes it ErrUnsupported.
var errDoctype = errors.New("it holds a document type declaration (DOCTYPE), which Excel never writes")

// xmlScanner is a small pull tokenizer for the XML of an xlsx package. It exists because
// encoding/xml allocates a Token per element and a map per attribute set; on a worksheet of a
// million cells that dominates the read (see the package doc for the numbers).
//
// It knows only what SpreadsheetML uses: elements with attributes (any namespace prefix is
// stripped from names), character data with the five predefined entities and character
// references, CDATA, comments and processing instructions (skipped). A DOCTYPE is refused:
// OOXML forbids it and it is the door to entity-expansion attacks.
//
// Tokens point into the scanner's buffer and are valid until the next call to next. The buffer
// grows to hold the longest token, up to maxTok bytes.
type xmlScanner struct {
	r      io.Reader
	buf    []byte
	pos    int // start of unread data in buf
	end    int // end of valid data in buf
	eof    bool
	rerr   error
	maxTok int

	kind      tokKind
	name      []byte // local name (prefix stripped) of a start or end tag
	attrs     []byte // the raw attribute text of a start tag
	selfClose bool   // a start tag written <name/>
	text      []byte // raw (undecoded) character data, or CDATA content when cdata
	cdata     bool

	skipDoctype bool // skip a DOCTYPE as markup instead of refusing it (fallback checks)
}

func newXMLScanner(r io.Reader, maxTok int) *xmlScanner {
	size := 64 << 10
	if size > maxTok {
		size = maxTok
	}
	return &xmlScanner{r: r, buf: make([]byte, size), maxTok: maxTok}
}

// fill moves unread data to the front of the buffer and reads more, growing the buffer
// when a token already fills it. It reports whether any more data can arrive.
func (s *xmlScanner) fill() bool {
	if s.eof || s.rerr != nil {
		return false
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= s.maxTok {
			s.rerr = fmt.Errorf("%w: more than %d bytes", errTokenTooLong, s.maxTok)
			return false
		}
		n := min(2*len(s.buf), s.maxTok)
		nb := make([]byte, n)
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for range 100 {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err == io.EOF {
			s.eof = true
			return n > 0
		}
		if err != nil {
			s.rerr = err
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	s.rerr = io.ErrNoProgress
	return false
}

// fail returns the error that ends the scan: the reader's, or an unexpected end.
func (s *xmlScanner) fail() error {
	if s.rerr != nil {
		return s.rerr
	}
	return io.ErrUnexpectedEOF
}

// next advances to the next token. It returns io.EOF at the end of the input (only between
// tokens) and any other error for malformed or truncated input.
func (s *xmlScanner) next() error {
	for {
		if s.pos >= s.end {
			if !s.fill() {
				if s.rerr != nil {
					return s.rerr
				}
				return io.EOF
			}
			continue
		}
		b := s.buf[s.pos:s.end]
		if b[0] != '<' {
			i := bytes.IndexByte(b, '<')
			if i < 0 {
				if s.eof {
					i = len(b)
				} else {
					if !s.fill() && s.rerr != nil {
						return s.rerr
					}
					continue
				}
			}
			s.kind, s.text, s.cdata = tokText, b[:i], false
			s.pos += i
			return nil
		}
		n, err := s.tag(b)
		if err != nil {
			return err
		}
		if n < 0 { // incomplete: read more and try again
			if !s.fill() {
				return s.fail()
			}
			continue
		}
		s.pos += n
		if s.kind != 0 {
			return nil
		}
		// A comment or processing instruction: skipped.
	}
}

// tag parses the markup at the start of b (b[0] == '<'). It returns the bytes consumed, or
// -1 when b does not yet hold the whole construct. It sets s.kind to 0 for skipped markup.
func (s *xmlScanner) tag(b []byte) (int, error) {
	s.kind = 0
	if len(b) < 2 {
		return -1, nil
	}
	switch b[1] {
	case '/':
		i := bytes.IndexByte(b, '>')
		if i < 0 {
			return -1, nil
		}
		s.kind, s.name = tokEnd, localName(bytes.TrimRight(b[2:i], " \t\r\n"))
		return i + 1, nil
	case '?':
		i := bytes.Index(b, []byte("?>"))
		if i < 0 {
			return -1, nil
		}
		return i + 2, nil
	case '!':
		switch {
		case bytes.HasPrefix(b, []byte("<!--")):
			i := bytes.Index(b[4:], []byte("-->"))
			if i < 0 {
				return -1, nil
			}
			return 4 + i + 3, nil
		case bytes.HasPrefix(b, []byte("<![CDATA[")):
			i := bytes.Index(b[9:], []byte("]]>"))
			if i < 0 {
				return -1, nil
			}
			s.kind, s.text, s.cdata = tokText, b[9:9+i], true
			return 9 + i + 3, nil
		case len(b) < 9:
			return -1, nil
		case bytes.HasPrefix(b, []byte("<!DOCTYPE")) && s.skipDoctype:
			return doctypeEnd(b), nil
		case bytes.HasPrefix(b, []byte("<!DOCTYPE")):
			// OOXML forbids a DTD, and its entity declarations are the door to
			// entity-expansion attacks. The fallback reader (encoding/xml, which expands no
			// declared entity) may read such a part.
			return 0, errDoctype
		}
		return 0, fmt.Errorf("unexpected markup %q", clip(b, 20))
	}
	// A start tag. '>' may appear inside a quoted attribute value, so track quotes.
	var q byte
	end := -1
	for i := 1; i < len(b); i++ {
		c := b[i]
		if q != 0 {
			if c == q {
				q = 0
			}
			continue
		}
		if c == '"' || c == '\'' {
			q = c
		} else if c == '>' {
			end = i
			break
		} else if c == '<' {
			return 0, fmt.Errorf("malformed tag %q", clip(b[:i], 40))
		}
	}
	if end < 0 {
		return -1, nil
	}
	body := b[1:end]
	s.selfClose = len(body) > 0 && body[len(body)-1] == '/'
	if s.selfClose {
		body = body[:len(body)-1]
	}
	n := 0
	for n < len(body) && !isSpace(body[n]) {
		n++
	}
	if n == 0 {
		return 0, fmt.Errorf("malformed tag %q", clip(b[:end+1], 40))
	}
	s.kind, s.name, s.attrs = tokStart, localName(body[:n]), body[n:]
	return end + 1, nil
}

// doctypeEnd returns the length of the DOCTYPE declaration at the start of b, or -1 when b
// does not hold all of it: up to the '>' outside quotes and the [internal subset].
func doctypeEnd(b []byte) int {
	var q byte
	depth := 0
	for i := 9; i < len(b); i++ {
		c := b[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '>' && depth <= 0:
			return i + 1
		}
	}
	return -1
}

// localName strips a namespace prefix: x:c → c.
func localName(b []byte) []byte {
	if i := bytes.LastIndexByte(b, ':'); i >= 0 {
		return b[i+1:]
	}
	return b
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// nextAttr splits the first attribute off raw attribute text. ok is false when none is left.
// The name is local (prefix stripped); the value is raw: entity references are not yet
// decoded.
func nextAttr(b []byte) (name, val, rest []byte, ok bool, err error) {
	name, val, rest, ok, err = nextAttrQ(b)
	return localName(name), val, rest, ok, err
}

// nextAttrQ is nextAttr keeping the name's prefix (r:id).
func nextAttrQ(b []byte) (name, val, rest []byte, ok bool, err error) {
	i := 0
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	if i == len(b) {
		return nil, nil, nil, false, nil
	}
	j := i
	for j < len(b) && b[j] != '=' && !isSpace(b[j]) {
		j++
	}
	name = b[i:j]
	for j < len(b) && isSpace(b[j]) {
		j++
	}
	if j == len(b) || b[j] != '=' {
		return nil, nil, nil, false, fmt.Errorf("attribute %q has no value", clip(name, 20))
	}
	j++
	for j < len(b) && isSpace(b[j]) {
		j++
	}
	if j == len(b) || (b[j] != '"' && b[j] != '\'') {
		return nil, nil, nil, false, fmt.Errorf("attribute %q value is not quoted", clip(name, 20))
	}
	q := b[j]
	k := bytes.IndexByte(b[j+1:], q)
	if k < 0 {
		return nil, nil, nil, false, fmt.Errorf("attribute %q value is not closed", clip(name, 20))
	}
	return name, b[j+1 : j+1+k], b[j+1+k+1:], true, nil
}

// appendText appends XML character data to dst, decoding entity and character references
// and normalising line ends (\r\n and lone \r become \n) as an XML parser must.
func appendText(dst, raw []byte) ([]byte, error) {
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 {
		return append(dst, raw...), nil
	}
	for i := 0; i < len(raw); {
		c := raw[i]
		switch c {
		case '\r':
			dst = append(dst, '\n')
			i++
			if i < len(raw) && raw[i] == '\n' {
				i++
			}
		case '&':
			j := bytes.IndexByte(raw[i:], ';')
			if j < 0 || j > 12 {
				return dst, fmt.Errorf("unterminated entity reference %q", clip(raw[i:], 12))
			}
			ent := raw[i+1 : i+j]
			var err error
			dst, err = appendEntity(dst, ent)
			if err != nil {
				return dst, err
			}
			i += j + 1
		default:
			j := i + 1
			for j < len(raw) && raw[j] != '&' && raw[j] != '\r' {
				j++
			}
			dst = append(dst, raw[i:j]...)
			i = j
		}
	}
	return dst, nil
}

func appendEntity(dst, ent []byte) ([]byte, error) {
	switch string(ent) {
	case "amp":
		return append(dst, '&'), nil
	case "lt":
		return append(dst, '<'), nil
	case "gt":
		return append(dst, '>'), nil
	case "quot":
		return append(dst, '"'), nil
	case "apos":
		return append(dst, '\''), nil
	}
	if len(ent) >= 2 && ent[0] == '#' {
		var n uint64
		var err error
		if ent[1] == 'x' || ent[1] == 'X' {
			n, err = strconv.ParseUint(string(ent[2:]), 16, 32)
		} else {
			n, err = strconv.ParseUint(string(ent[1:]), 10, 32)
		}
		if err == nil && n > 0 && n <= utf8.MaxRune && utf8.ValidRune(rune(n)) {
			return utf8.AppendRune(dst, rune(n)), nil
		}
	}
	return dst, fmt.Errorf("invalid entity reference %q", "&"+string(ent)+";")
}

// appendCDATA appends the content of a CDATA section to dst, normalising line ends (\r\n and
// lone \r become \n) as an XML parser must there too.
func appendCDATA(dst, raw []byte) []byte {
	for {
		i := bytes.IndexByte(raw, '\r')
		if i < 0 {
			return append(dst, raw...)
		}
		dst = append(append(dst, raw[:i]...), '\n')
		raw = raw[i+1:]
		if len(raw) > 0 && raw[0] == '\n' {
			raw = raw[1:]
		}
	}
}

// appendUnescapedXString decodes the _xHHHH_ escapes OOXML uses in string values for
// characters XML cannot carry (Excel writes a carriage return in a cell as _x000D_);
// _x005F_ escapes a literal underscore, so "_x005F_x000D_" reads "_x000D_".
func appendUnescapedXString(dst, s []byte) []byte {
	for {
		i := bytes.Index(s, []byte("_x"))
		if i < 0 || len(s) < i+7 {
			return append(dst, s...)
		}
		h := s[i+2 : i+6]
		if s[i+6] != '_' || !isHex4(h) {
			dst = append(dst, s[:i+2]...)
			s = s[i+2:]
			continue
		}
		n, _ := strconv.ParseUint(string(h), 16, 16)
		dst = append(dst, s[:i]...)
		dst = utf8.AppendRune(dst, rune(n))
		s = s[i+7:]
	}
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// clip shortens input quoted in error messages.
func clip(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}
