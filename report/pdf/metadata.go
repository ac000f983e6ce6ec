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
	infoRefRE = regexp.MustCompile(`/Info (\d+) 0 R`)
	modDateRE = regexp.MustCompile(`/ModDate \(D:(\d{14})\)`)
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
	x, err := readXref(pdf)
	if err != nil {
		return err
	}
	ref := infoRefRE.FindSubmatch(pdf[x.entries+xrefEntry*x.count:])
	if ref == nil {
		return fmt.Errorf("the trailer names no /Info dictionary")
	}
	obj, _ := strconv.Atoi(string(ref[1]))
	off, err := x.offset(pdf, obj)
	if err != nil {
		return err
	}
	body := pdf[off:]
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
