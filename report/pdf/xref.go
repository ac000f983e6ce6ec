package pdf

import (
	"fmt"
	"regexp"
	"strconv"
)

// xrefTable is the cross-reference table of a PDF as gofpdf writes it: one section starting
// at object 0, of fixed 20-byte entries ("0000012345 00000 n \n"), then the trailer.
type xrefTable struct {
	at      int // offset of the "xref" keyword
	entries int // offset of the first entry (object 0)
	count   int // number of entries, object 0 included
}

var (
	startXrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	xrefHeadRE  = regexp.MustCompile(`^xref\r?\n0 (\d+)\r?\n`)
)

// xrefEntry is the size of one cross-reference entry.
const xrefEntry = 20

// readXref finds the cross-reference table through the startxref line at the end of pdf.
// The file is never searched for keywords: compressed streams could hold any bytes.
func readXref(pdf []byte) (xrefTable, error) {
	tail := max(0, len(pdf)-1024) // startxref is in the last few bytes
	m := startXrefRE.FindSubmatch(pdf[tail:])
	if m == nil {
		return xrefTable{}, fmt.Errorf("no startxref at the end of the file")
	}
	at, err := strconv.Atoi(string(m[1]))
	if err != nil || at >= len(pdf) {
		return xrefTable{}, fmt.Errorf("startxref %q is outside the file", m[1])
	}
	head := xrefHeadRE.FindSubmatch(pdf[at:])
	if head == nil {
		return xrefTable{}, fmt.Errorf("no cross-reference table at offset %d", at)
	}
	count, _ := strconv.Atoi(string(head[1]))
	x := xrefTable{at: at, entries: at + len(head[0]), count: count}
	if x.entries+xrefEntry*count > len(pdf) {
		return xrefTable{}, fmt.Errorf("the cross-reference table of %d entries runs past the end of the file", count)
	}
	return x, nil
}

// offset returns where object obj starts, checking that "obj 0 obj" is there.
func (x xrefTable) offset(pdf []byte, obj int) (int, error) {
	if obj <= 0 || obj >= x.count {
		return 0, fmt.Errorf("object %d is not in the cross-reference table", obj)
	}
	entry := pdf[x.entries+xrefEntry*obj : x.entries+xrefEntry*obj+xrefEntry]
	off, err := strconv.Atoi(string(entry[:10]))
	if err != nil || off >= len(pdf) {
		return 0, fmt.Errorf("cross-reference entry %q of object %d is not an offset", entry, obj)
	}
	if !hasObjHeader(pdf[off:], obj) {
		return 0, fmt.Errorf("object %d is not at offset %d", obj, off)
	}
	return off, nil
}

// hasObjHeader reports whether b starts with "obj 0 obj".
func hasObjHeader(b []byte, obj int) bool {
	h := strconv.Itoa(obj) + " 0 obj"
	return len(b) >= len(h) && string(b[:len(h)]) == h
}
