package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// pdfDate is the PDF date format gofpdf writes: "D:" then local digits, no zone.
const pdfDate = "20060102150405"

var (
	startXrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	xrefHeadRE  = regexp.MustCompile(`^xref\r?\n0 (\d+)\r?\n`)
	infoRefRE   = regexp.MustCompile(`/Info (\d+) 0 R`)
	modDateRE   = regexp.MustCompile(`/ModDate \(D:(\d{14})\)`)
)

// stampModDate writes t as the /ModDate of the PDF's document information dictionary, in
// place.
//
// The report's metadata dates are the as-of date, never the clock, so the same inputs give
// the same file. maroto passes only a creation date on to gofpdf, and gofpdf writes the time
// of generation as ModDate unless told otherwise through its setter (which maroto does not
// expose) or through a process-wide default (shared state, racy between reports). Both the
// old and new values are "(D:" + 14 digits + ")", so overwriting the digits keeps every byte
// offset, and so the cross-reference table, valid. The dictionary is found through the
// trailer and the cross-reference table rather than by searching the file, since compressed
// streams could hold any bytes.
func stampModDate(pdf []byte, t time.Time) error {
	digits := t.Format(pdfDate)
	if len(digits) != 14 {
		return fmt.Errorf("date %s does not fit the pdf date format", t)
	}
	tail := max(0, len(pdf)-1024) // startxref is in the last few bytes
	m := startXrefRE.FindSubmatch(pdf[tail:])
	if m == nil {
		return fmt.Errorf("no startxref at the end of the file")
	}
	xref, err := strconv.Atoi(string(m[1]))
	if err != nil || xref >= len(pdf) {
		return fmt.Errorf("startxref %q is outside the file", m[1])
	}
	head := xrefHeadRE.FindSubmatch(pdf[xref:])
	if head == nil {
		return fmt.Errorf("no cross-reference table at offset %d", xref)
	}
	count, _ := strconv.Atoi(string(head[1]))
	entries := xref + len(head[0])
	trailer := pdf[entries+20*count:]
	ref := infoRefRE.FindSubmatch(trailer)
	if ref == nil {
		return fmt.Errorf("the trailer names no /Info dictionary")
	}
	obj, _ := strconv.Atoi(string(ref[1]))
	if obj <= 0 || obj >= count {
		return fmt.Errorf("/Info object %d is not in the cross-reference table", obj)
	}
	// Each entry is 20 bytes: a 10-digit offset, a generation and a flag.
	entry := pdf[entries+20*obj : entries+20*obj+20]
	off, err := strconv.Atoi(string(entry[:10]))
	if err != nil || off >= len(pdf) {
		return fmt.Errorf("cross-reference entry %q of object %d is not an offset", entry, obj)
	}
	body := pdf[off:]
	if !bytes.HasPrefix(body, []byte(strconv.Itoa(obj)+" 0 obj")) {
		return fmt.Errorf("object %d is not at offset %d", obj, off)
	}
	end := bytes.Index(body, []byte("endobj"))
	if end < 0 {
		return fmt.Errorf("object %d has no endobj", obj)
	}
	loc := modDateRE.FindSubmatchIndex(body[:end])
	if loc == nil {
		return fmt.Errorf("the /Info dictionary has no /ModDate")
	}
	copy(body[loc[2]:loc[3]], digits)
	return nil
}
