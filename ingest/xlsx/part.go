package xlsx

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync/atomic"

	"golang.org/x/text/encoding/unicode"
)

// boundedReader counts the bytes actually inflated from a part. It fails once the part
// gives more than max bytes (a zip header that lies about the size), or once the package
// as a whole has given more than its total allows: a part read twice counts twice, so a
// workbook listing one part under 3,000 sheet names cannot inflate it 3,000 times.
type boundedReader struct {
	rc    io.ReadCloser
	n     int64
	max   int64
	part  string
	total *atomic.Int64 // shared by every part of the package; nil: not counted
	limit int64         // for total
}

func (b *boundedReader) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	b.n += int64(n)
	if b.n > b.max {
		return 0, fmt.Errorf("%w: %s expands past %d bytes, its declared size or the limit for its kind of part", ErrTooLarge, b.part, b.max)
	}
	if b.total != nil && b.total.Add(int64(n)) > b.limit {
		return 0, &WorkbookLimitError{fmt.Sprintf("its parts expand to more than %d bytes in all (the limit)", b.limit)}
	}
	return n, err
}

func (b *boundedReader) Close() error { return b.rc.Close() }

// The encodings a part may be in. OOXML parts are UTF-8 or UTF-16 (ECMA-376 Part 2, §8.1.4);
// a byte-order mark or the first characters tell which (XML 1.0, Appendix F).
const (
	encUTF8 = iota
	encUTF16
)

// textPart turns a part's bytes into UTF-8 XML for the scanner: a UTF-8 byte-order mark is
// dropped, UTF-16 (little- or big-endian, with a byte-order mark or starting "<?") is
// transcoded, and the encoding the XML declaration names is checked. A label that is UTF-8
// or ASCII under another spelling ("UTF8", "us-ascii") is accepted; any other is
// ErrUnsupported, which the fallback reader may get past. With anyLabel, any label is
// accepted (the fallback's checks, which only look at the markup).
func textPart(name string, rc io.ReadCloser, anyLabel bool) (io.ReadCloser, error) {
	br := bufio.NewReaderSize(rc, 4096)
	head, err := br.Peek(4)
	if err != nil && err != io.EOF {
		rc.Close()
		return nil, fmt.Errorf("%w: %s: %w", ErrCorrupt, name, err)
	}
	var (
		src io.Reader = br
		enc           = encUTF8
	)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		src, enc = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Reader(br), encUTF16
	case bytes.HasPrefix(head, []byte{'<', 0, '?', 0}):
		src, enc = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder().Reader(br), encUTF16
	case bytes.HasPrefix(head, []byte{0, '<', 0, '?'}):
		src, enc = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder().Reader(br), encUTF16
	}
	if enc == encUTF16 {
		br = bufio.NewReaderSize(src, 4096)
		src = br
	}
	// The declaration, when there is one, is the very first thing in the part.
	decl, _ := br.Peek(256)
	if label, ok := declaredEncoding(decl); ok && !anyLabel {
		switch norm := normLabel(label); {
		case utf8Labels[norm]:
		case enc == encUTF16 && utf16Labels[norm]:
		default:
			rc.Close()
			return nil, fallbackOK(fmt.Errorf("%w: %s is written in the text encoding %q, which this reader does not read",
				ErrUnsupported, name, clip([]byte(label), 30)))
		}
	}
	return readCloser{src, rc}, nil
}

type readCloser struct {
	io.Reader
	io.Closer
}

// declaredEncoding finds the encoding pseudo-attribute of an XML declaration at the start
// of b: `<?xml version="1.0" encoding="UTF-8"?>`.
func declaredEncoding(b []byte) (string, bool) {
	if !bytes.HasPrefix(b, []byte("<?xml")) || len(b) < 6 || !isSpace(b[5]) {
		return "", false
	}
	end := bytes.Index(b, []byte("?>"))
	if end < 0 {
		return "", false
	}
	attrs := b[5:end]
	for {
		name, val, rest, ok, err := nextAttr(attrs)
		if !ok || err != nil {
			return "", false
		}
		if string(name) == "encoding" {
			return string(val), true
		}
		attrs = rest
	}
}

// normLabel folds an encoding label for comparison: lower case, without "-", "_" or spaces.
func normLabel(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '-', '_', ' ':
			return -1
		}
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// utf8Labels are the IANA names and aliases of UTF-8 and of US-ASCII (a subset of UTF-8),
// folded by normLabel.
var utf8Labels = map[string]bool{
	"utf8": true, "unicode11utf8": true, "unicode20utf8": true, "xunicode20utf8": true,
	"usascii": true, "ascii": true, "us": true, "iso646us": true, "iso646.irv:1991": true,
	"ansix3.41968": true, "ansix3.41986": true, "csascii": true, "cp367": true, "ibm367": true,
	"isoir6": true,
}

// utf16Labels are the names of UTF-16 a part transcoded from UTF-16 may declare.
var utf16Labels = map[string]bool{
	"utf16": true, "utf16le": true, "utf16be": true, "ucs2": true, "iso10646ucs2": true,
	"csunicode": true, "unicode": true,
}
