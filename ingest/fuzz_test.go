package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/ingest/sheet"
)

// FuzzParseDate checks that parseDate never panics, that whatever it accepts is a real
// date that reads back the same in another layout, and that a two-digit year is never
// accepted.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2018-03-04", "04/03/2018", "4/3/18", "31/02/2018", "04-Mar-2018",
		"4 March 2018", "04/03/2018 13:45", "2018-03-04T00:00:00Z", "43163", "43163.5", "60", "",
		"29/02/2016", "1/1/1900", "31/12/9999 23:59:59.999 pm", "01-01-0099"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, excel bool) {
		got, fault := parseDate(s, excel, false)
		if fault != dateOK {
			if got != 0 {
				t.Fatalf("%q: fault %d with date %v", s, fault, got)
			}
			return
		}
		y, m, dd := got.YMD()
		if !calendar.Valid(y, m, dd) || y < minYear {
			t.Fatalf("%q accepted as invalid date %v", s, got)
		}
		for _, again := range []string{got.UK(), got.String(), got.Time().Format("2 Jan 2006")} {
			if back, f := parseDate(again, false, false); f != dateOK || back != got {
				t.Fatalf("%q → %v, but %q reads back as %v (fault %d)", s, got, again, back, f)
			}
		}
		if _, isSerial := serialDays(s); excel && isSerial {
			return
		}
		// A text date's year must be written in full in the input.
		if !strings.Contains(s, fmt.Sprintf("%04d", y)) {
			t.Fatalf("%q accepted as %v without its four-digit year", s, got)
		}
	})
}

// FuzzMatchHeader checks that header matching never panics, is blind to case and to the
// separators SPEC §3 ignores, and maps each column to one cell at most.
func FuzzMatchHeader(f *testing.F) {
	dc, err := newDecoder(Options{AsOf: asOf})
	if err != nil {
		f.Fatal(err)
	}
	cm := dc.cm
	f.Add("child_id,DOB,Offence Date,Sentence Date,Disposal Type")
	f.Add("Case Ref,,\u00a0Area,Team,area")
	f.Add("recommendation,action,owner,due_date,rag,progress,Status")
	f.Fuzz(func(t *testing.T, line string) {
		cells := strings.Split(line, ",")
		h := cm.mapHeader(cells)
		for c := range numColumns {
			p := h.pos[c]
			if p == 0 {
				continue
			}
			if int(p) > len(cells) {
				t.Fatalf("column %s at %d of %d cells", c, p, len(cells))
			}
			if got, _ := cm.header(cells[p-1]); got != c {
				t.Fatalf("column %s mapped to cell %q meaning %s", c, cells[p-1], got)
			}
		}
		// Changing case and separators changes nothing.
		var alt []string
		for _, c := range cells {
			alt = append(alt, "_"+strings.ToUpper(strings.ReplaceAll(c, " ", "-"))+" ")
		}
		if h2 := cm.mapHeader(alt); h2.pos != h.pos {
			// Upper-casing can change non-ASCII text in ways folding does not undo.
			if isASCII(line) {
				t.Fatalf("%q and %q map differently", cells, alt)
			}
		}
		if len(h.kinds()) > 1 {
			return // an error for the caller, not a panic
		}
		// Decoding a sheet with this header never panics or breaks the accounting.
		ds, err := readMemWith(dc, memFile{"f.csv", []sheet.Sheet{textSheet("", line, line, dispGood)}})
		if err != nil {
			return
		}
		for _, in := range ds.Inputs {
			if in.Read != in.Accepted+in.Rejected+in.Duplicates {
				t.Fatalf("accounting broken: %+v", in)
			}
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// FuzzReadCSV feeds arbitrary bytes through the CSV reader and the decoding rules: no
// panic, and the accounting of SPEC §3.6 holds whatever the file.
func FuzzReadCSV(f *testing.F) {
	dc, err := newDecoder(Options{AsOf: asOf})
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(dispHeader + "\n" + dispGood + "\n" + dispGood + "\n"))
	f.Add([]byte("title\n\n" + oocdHeader + "\r\n" + oocdGood + "\r\n" + with(oocdHeader, oocdGood, "referral_date", "4/3/18")))
	f.Add([]byte(victimHeader + "\n" + victimGood + "\n\"unclosed"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := dc.readFile("f.csv", bytes.NewReader(data), int64(len(data)), sheet.Limits{})
		if err != nil {
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not a *FileError", err)
			}
			return
		}
		n := 0
		for _, in := range ds.Inputs {
			if in.Read != in.Accepted+in.Rejected+in.Duplicates {
				t.Fatalf("accounting broken: %+v", in)
			}
			n += in.Accepted
		}
		if n != len(ds.Disposals)+len(ds.ETE)+len(ds.OOCD)+len(ds.Victims)+len(ds.Plan) {
			t.Fatalf("accepted %d, dataset holds other", n)
		}
	})
}
