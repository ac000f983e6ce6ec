package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
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
	f.Add("Response ID,Respondent Type,Date Completed,Question,Response,Child ID")
	f.Add("Measure,Benchmark,Quarter,Value,Source,recommendation,action,owner,due_date,rag")
	f.Add("Date of Meeting,Agency,Present,Senior,SEND,EHCP,MH Attending")
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
	f.Add([]byte(eteKPIHeader + "\n" + eteKPIGood + "\n" + with(eteKPIHeader, eteKPIGood, "mental_health_need", "no") + "\n"))
	f.Add([]byte(fbHeader + "\n" + fbGood + "\n" + with(fbHeader, fbGood, "answer", "") + "\n"))
	f.Add([]byte(cmpHeader + "\n" + cmpGood + "\n" + with(cmpHeader, cmpGood, "value", "0.3") + "\n" + with(cmpHeader, cmpGood, "value", "0.314") + "\n"))
	f.Add([]byte(attHeader + "\n" + attGood + "\n" + attGood + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := dc.readFile("f.csv", bytes.NewReader(data), int64(len(data)), Options{})
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
		if n != len(ds.Disposals)+len(ds.ETE)+len(ds.OOCD)+len(ds.Victims)+len(ds.Plan)+
			len(ds.Feedback)+len(ds.Comparators)+len(ds.Attendance) {
			t.Fatalf("accepted %d, dataset holds other", n)
		}
	})
}

// FuzzParseQuarterLabel checks that a quarter label the parser accepts is a real quarter that
// reads back the same from its board label and its file-name form, and that its text holds
// the financial year written as SPEC §3.8 asks.
func FuzzParseQuarterLabel(f *testing.F) {
	for _, s := range []string{"2018/19 Q3", "2018-19-Q2", "2018/19-q4", "2018 / 19 - Q1", "1999/00 Q4",
		"2018/20 Q3", "2018/19Q3", "2018/2019 Q3", "18/19 Q3", "2018/19 Q5", "", " 2018/19 Q3 ", "9999/00 Q4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, fault := parseQuarterLabel(s)
		switch fault {
		case quarterBad:
			if q != (calendar.Quarter{}) {
				t.Fatalf("%q: refused with quarter %v", s, q)
			}
			return
		case quarterWrongYear:
			if _, f := parseQuarterLabel(q.Label()); f != quarterOK {
				t.Fatalf("%q: the form the message suggests, %q, is refused", s, q.Label())
			}
			return
		}
		if q.Q < 1 || q.Q > 4 || q.FY < minYear || q.FY > 9999 {
			t.Fatalf("%q accepted as %+v", s, q)
		}
		for _, again := range []string{q.Label(), q.Slug(), strings.ToLower(q.Label())} {
			if back, f := parseQuarterLabel(again); f != quarterOK || back != q {
				t.Fatalf("%q → %v, but %q reads back as %v (fault %d)", s, q, again, back, f)
			}
		}
		if !strings.Contains(s, fmt.Sprint(q.FY)) {
			t.Fatalf("%q accepted as %v without its year", s, q)
		}
	})
}

// FuzzParseFigure checks that a figure the parser accepts is a finite number that reads
// back exactly from its decimal form, and that "x%" is the same value as x / 100 written as a
// decimal.
func FuzzParseFigure(f *testing.F) {
	for _, s := range []string{"0.314", "31.4%", "31.4 %", "57%", "0.7%", "3.14E1%", "1e-3", "-0", "100%", "%",
		"31.4%%", "NaN", "1e400", "1,234", ".5", "5.", "+7%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, pct, ok := parseFigure(s)
		if !ok {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) || (v == 0 && math.Signbit(v)) {
			t.Fatalf("%q accepted as %v", s, v)
		}
		dec := strconv.FormatFloat(v, 'g', -1, 64)
		if back, bpct, ok := parseFigure(dec); !ok || bpct || back != v {
			t.Fatalf("%q → %v, but %q reads back as %v, %v, %v", s, v, dec, back, bpct, ok)
		}
		if pct {
			whole, _, ok := parseFigure(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%")))
			if !ok {
				t.Fatalf("%q accepted, but not without its %%", s)
			}
			// x% is x / 100 to within rounding (the parser divides on the text, exactly).
			if d := math.Abs(whole/100 - v); d > 1e-15*math.Abs(v) && !(whole/100 == 0 || v == 0) {
				t.Fatalf("%q = %v, but %v / 100 = %v", s, v, whole, whole/100)
			}
		}
	})
}
