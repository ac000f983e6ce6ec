package ingest

import (
	"math"
	"testing"

	"github.com/yjsreport/yjsreport/calendar"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		excel    bool
		date1904 bool
		want     calendar.Date
		fault    dateFault
	}{
		{"ISO date", "2018-03-04", false, false, d(2018, 3, 4), dateOK},
		{"ISO with one-digit month and day", "2018-3-4", false, false, d(2018, 3, 4), dateOK},
		{"UK slash date, day first", "04/03/2018", false, false, d(2018, 3, 4), dateOK},
		{"UK slash date, one-digit day and month", "4/3/2018", false, false, d(2018, 3, 4), dateOK},
		{"UK order even when the day could be a month", "12/01/2018", false, false, d(2018, 1, 12), dateOK},
		{"UK dash date", "04-03-2018", false, false, d(2018, 3, 4), dateOK},
		{"day Mon year", "4 Mar 2018", false, false, d(2018, 3, 4), dateOK},
		{"day-Mon-year", "04-Mar-2018", false, false, d(2018, 3, 4), dateOK},
		{"month name any case", "04-MAR-2018", false, false, d(2018, 3, 4), dateOK},
		{"full month name", "4 March 2018", false, false, d(2018, 3, 4), dateOK},
		{"Sept", "4 Sept 2018", false, false, d(2018, 9, 4), dateOK},
		{"time part dropped after UK date", "04/03/2018 13:45", false, false, d(2018, 3, 4), dateOK},
		{"time with seconds dropped", "2018-03-04 00:00:00", false, false, d(2018, 3, 4), dateOK},
		{"ISO T time dropped", "2018-03-04T00:00:00", false, false, d(2018, 3, 4), dateOK},
		{"ISO T time with fraction and zone dropped", "2018-03-04T10:00:00.000+01:00", false, false, d(2018, 3, 4), dateOK},
		{"12-hour time dropped", "04/03/2018 1:45 PM", false, false, d(2018, 3, 4), dateOK},
		{"29 February in a leap year", "29/02/2016", false, false, d(2016, 2, 29), dateOK},

		{"31 February is not a date", "31/02/2018", false, false, 0, dateBad},
		{"29 February outside a leap year", "29/02/2018", false, false, 0, dateBad},
		{"month 13 is not a date", "01/13/2018", false, false, 0, dateBad},
		{"US order with day > 12 is not a date", "03/31/2018", false, false, 0, dateBad},
		{"two-digit year", "4/3/18", false, false, 0, dateTwoDigitYear},
		{"two-digit year with month name", "04-Mar-18", false, false, 0, dateTwoDigitYear},
		{"two-digit year with time", "04/03/18 13:45", false, false, 0, dateTwoDigitYear},
		{"three-digit year", "04/03/201", false, false, 0, dateBad},
		{"year before 1900", "04/03/0018", false, false, 0, dateBad},
		{"mixed separators", "04/03-2018", false, false, 0, dateBad},
		{"year first with slashes is not a listed layout", "2018/03/04", false, false, 0, dateBad},
		{"text", "unknown", false, false, 0, dateBad},
		{"trailing junk", "04/03/2018x", false, false, 0, dateBad},
		{"bad time", "04/03/2018 25:00", false, false, 0, dateBad},
		{"a number outside an Excel sheet", "43163", false, false, 0, dateBad},

		// Serial 43101 is 1 January 2018 in the 1900 system; 43163 = 43101 + 31 (Jan) + 28
		// (Feb) + 3 = 4 March 2018.
		{"Excel serial", "43163", true, false, d(2018, 3, 4), dateOK},
		{"Excel serial with time of day", "43163.5625", true, false, d(2018, 3, 4), dateOK},
		// The 1904 system counts from 1 January 1904, 1462 days after the 1900 system's
		// serial 0 (30 December 1899): 43163 − 1462 = 41701.
		{"Excel 1904 serial", "41701", true, true, d(2018, 3, 4), dateOK},
		{"Excel serial 1 is 1 January 1900", "1", true, false, d(1900, 1, 1), dateOK},
		{"Excel serial 59 is 28 February 1900", "59", true, false, d(1900, 2, 28), dateOK},
		{"Excel serial 60 is the Lotus 29 February 1900", "60", true, false, 0, dateBad},
		{"Excel serial 61 is 1 March 1900", "61", true, false, d(1900, 3, 1), dateOK},
		{"Excel serial 0", "0", true, false, 0, dateBad},
		{"negative serial", "-5", true, false, 0, dateBad},
		{"huge serial", "99999999", true, false, 0, dateBad},
		{"text date in an Excel sheet", "04/03/2018", true, false, d(2018, 3, 4), dateOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, fault := parseDate(tt.in, tt.excel, tt.date1904)
			if got != tt.want || fault != tt.fault {
				t.Errorf("parseDate(%q) = %v, fault %d; want %v, fault %d", tt.in, got, fault, tt.want, tt.fault)
			}
		})
	}
}

func TestNormID(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain digits kept", "1001", "1001"},
		{"number with .0 is its digits", "1001.0", "1001"},
		{"number with .000 is its digits", "1001.000", "1001"},
		{"scientific notation from Excel", "1.001E3", "1001"},
		{"scientific notation with plus", "1.001E+03", "1001"},
		{"a real fraction is kept", "1001.5", "1001.5"},
		{"leading zeros kept", "001001", "001001"},
		{"text id kept", "YJ1000093", "YJ1000093"},
		{"text with a dot kept", "A.0", "A.0"},
		{"a non-integer in scientific notation is kept", "1.0015E3", "1.0015E3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := normID(tt.in); got != tt.want {
				t.Errorf("normID(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestGravityAndHours(t *testing.T) {
	gravity := []struct {
		in   string
		want int
		ok   bool
	}{
		{"1", 1, true}, {"8", 8, true}, {"5.0", 5, true}, {"0", 0, false}, {"9", 0, false},
		{"4.5", 0, false}, {"high", 0, false}, {"-1", 0, false},
	}
	for _, g := range gravity {
		if got, ok := parseGravity(g.in); got != g.want || ok != g.ok {
			t.Errorf("gravity %q = %d, %v; want %d, %v", g.in, got, ok, g.want, g.ok)
		}
	}
	hours := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"0", 0, true}, {"25", 25, true}, {"10.5", 10.5, true}, {"-2", 0, false}, {"NaN", 0, false},
		{"Inf", 0, false}, {"0x10", 0, false}, {"12 hours", 0, false},
	}
	for _, h := range hours {
		if got, ok := parseHours(h.in); got != h.want || ok != h.ok {
			t.Errorf("hours %q = %v, %v; want %v, %v", h.in, got, ok, h.want, h.ok)
		}
	}
}

func TestFold(t *testing.T) {
	same := [][2]string{
		{"Date of Birth", "date_of_birth"},
		{"DATE-OF-BIRTH", "dateofbirth"},
		{"D.O.B.", "dob"},
		{" Child\u00a0ID ", "child_id"}, // a non-breaking space from a copy-paste
		{"\ufeffchild_id", "child_id"},  // a stray byte-order mark
		{"Outcome 22", "outcome_22"},
	}
	for _, s := range same {
		if fold(s[0]) != fold(s[1]) {
			t.Errorf("fold(%q) = %q, fold(%q) = %q; want equal", s[0], fold(s[0]), s[1], fold(s[1]))
		}
	}
	if fold("Outcome Date") == fold("Outcome") {
		t.Error("Outcome Date and Outcome fold alike")
	}
}

// TestParseQuarterLabel checks the quarter labels of SPEC §3.8: YYYY/YY or YYYY-YY, a space
// or '-', then Q1–Q4, any case, spaces around separators allowed, YY the year after YYYY.
func TestParseQuarterLabel(t *testing.T) {
	q := func(fy, n int) calendar.Quarter { return calendar.Quarter{FY: fy, Q: n} }
	tests := []struct {
		name  string
		in    string
		want  calendar.Quarter
		fault quarterFault
	}{
		{"slash and space", "2018/19 Q3", q(2018, 3), quarterOK},
		{"hyphens", "2018-19-Q2", q(2018, 2), quarterOK},
		{"slash and hyphen", "2018/19-Q4", q(2018, 4), quarterOK},
		{"hyphen and space", "2018-19 Q1", q(2018, 1), quarterOK},
		{"lower case q", "2018/19 q3", q(2018, 3), quarterOK},
		{"spaces around the separators", "2018 / 19 - Q3", q(2018, 3), quarterOK},
		{"several spaces", "2018/19   Q3", q(2018, 3), quarterOK},
		{"surrounding spaces trimmed", "  2018/19 Q3 ", q(2018, 3), quarterOK},
		{"century turn: 1999/00", "1999/00 Q4", q(1999, 4), quarterOK},
		{"no separator before Q", "2018/19Q3", calendar.Quarter{}, quarterBad},
		{"no separator between the years", "201819 Q3", calendar.Quarter{}, quarterBad},
		{"a dot is not a separator", "2018.19 Q3", calendar.Quarter{}, quarterBad},
		{"second year in full", "2018/2019 Q3", calendar.Quarter{}, quarterBad},
		{"two-digit first year", "18/19 Q3", calendar.Quarter{}, quarterBad},
		{"no year pair", "2018 Q3", calendar.Quarter{}, quarterBad},
		{"Q0", "2018/19 Q0", calendar.Quarter{}, quarterBad},
		{"Q5", "2018/19 Q5", calendar.Quarter{}, quarterBad},
		{"quarter spelt out", "2018/19 Quarter 3", calendar.Quarter{}, quarterBad},
		{"trailing text", "2018/19 Q3 (provisional)", calendar.Quarter{}, quarterBad},
		{"a date", "2018-10-01", calendar.Quarter{}, quarterBad},
		{"empty", "", calendar.Quarter{}, quarterBad},
		{"year before 1900", "0018/19 Q3", calendar.Quarter{}, quarterBad},
		{"YY not the year after", "2018/20 Q3", q(2018, 3), quarterWrongYear},
		{"YY the same year", "2018/18 Q1", q(2018, 1), quarterWrongYear},
		{"century turn wrong", "1999/99 Q1", q(1999, 1), quarterWrongYear},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, fault := parseQuarterLabel(tt.in)
			if got != tt.want || fault != tt.fault {
				t.Errorf("parseQuarterLabel(%q) = %v, %d; want %v, %d", tt.in, got, fault, tt.want, tt.fault)
			}
		})
	}
}

// TestParseFigure checks comparator values (SPEC §3.8): a number, or a number and '%'
// divided by 100 so that "31.4%" is exactly the value "0.314".
func TestParseFigure(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    float64
		pct, ok bool
	}{
		{"decimal", "0.314", 0.314, false, true},
		{"percentage", "31.4%", 0.314, true, true},
		{"space before %", "31.4 %", 0.314, true, true},
		{"surrounding spaces", " 31.4% ", 0.314, true, true},
		{"whole percentage", "57%", 0.57, true, true},
		{"exact where 0.7 / 100 is not: 0.7% is 0.007", "0.7%", 0.007, true, true},
		{"exact where 2.2 / 100 is not: 2.2% is 0.022", "2.2%", 0.022, true, true},
		{"small percentage", "0.07%", 0.0007, true, true},
		{"exponent", "3.14E-1", 0.314, false, true},
		{"exponent with %", "3.14E1%", 0.314, true, true},
		{"large number", "234.5", 234.5, false, true},
		{"zero", "0", 0, false, true},
		{"negative zero is zero", "-0", 0, false, true},
		{"negative", "-1.5", -1.5, false, true},
		{"lone %", "%", 0, true, false},
		{"double %", "31.4%%", 0, true, false},
		{"% first", "%31.4", 0, false, false},
		{"text", "n/a", 0, false, false},
		{"thousands separator", "1,234", 0, false, false},
		{"NaN", "NaN", 0, false, false},
		{"NaN%", "NaN%", 0, true, false},
		{"empty", "", 0, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, pct, ok := parseFigure(tt.in)
			if ok != tt.ok || (ok && (got != tt.want || pct != tt.pct)) {
				t.Errorf("parseFigure(%q) = %v, %v, %v; want %v, %v, %v", tt.in, got, pct, ok, tt.want, tt.pct, tt.ok)
			}
			if ok && got == 0 && math.Signbit(got) {
				t.Errorf("parseFigure(%q) = -0; want +0 so equal figures hash alike", tt.in)
			}
		})
	}
}
