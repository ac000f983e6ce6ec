package ingest

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/yjsreport/yjsreport/calendar"
)

// Value parsers of SPEC §3 "Values". They work on the cell's string directly and do not
// allocate on success: an extract of a million rows has several million dates and codes.

// dateFault says why a value is not a date.
type dateFault uint8

const (
	dateOK           dateFault = iota
	dateBad                    // not a date at all, or an impossible one (31/02/2018)
	dateTwoDigitYear           // 4/3/18: the century is a guess, so refuse it
)

// Date limits. Years before 1900 are refused: no child in an extract was born then, and a
// year such as 0018 is a two-digit year in disguise.
const (
	minYear = 1900
	maxYear = 9999
)

var (
	// excel1900 is serial 0 of the 1900 date system shifted by the day Lotus 1-2-3 invented
	// (29 February 1900, serial 60): serials from 61 on are days after 30 December 1899.
	excel1900 = calendar.New(1899, 12, 30)
	excel1904 = calendar.New(1904, 1, 1)
	maxDate   = calendar.New(maxYear, 12, 31)
)

// parseDate reads a date cell. In an Excel sheet a plain number is a date serial (1900 or,
// with date1904, 1904 system; the time of day is dropped); otherwise the text layouts of
// SPEC §3 are accepted, day before month always, with any time part dropped.
func parseDate(s string, excel, date1904 bool) (calendar.Date, dateFault) {
	if excel {
		if n, ok := serialDays(s); ok {
			return fromSerial(n, date1904)
		}
	}
	return parseTextDate(s)
}

// serialDays reads an unsigned decimal number and returns its whole part (the day, with
// the time rounded to the millisecond). Numbers too long
// to be a serial are refused rather than overflowing.
func serialDays(s string) (int, bool) {
	n, i := 0, 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		if i >= 9 {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i == 0 {
		return 0, false
	}
	if i < len(s) {
		if s[i] != '.' || i+1 == len(s) {
			return 0, false
		}
		for _, c := range []byte(s[i+1:]) {
			if c < '0' || c > '9' {
				return 0, false
			}
		}
		// The time is rounded to the millisecond first, so float noise just below midnight
		// (43469.99999999999) is the next day, as Excel shows it, not the day before.
		if f, err := strconv.ParseFloat(s[i:], 64); err == nil && f*86_400_000 >= 86_399_999.5 {
			n++
		}
	}
	return n, true
}

// fromSerial converts an Excel day serial to a date.
func fromSerial(n int, date1904 bool) (calendar.Date, dateFault) {
	var d calendar.Date
	switch {
	case date1904:
		d = excel1904 + calendar.Date(n)
	case n == 0 || n == 60: // 0 January 1900 and the Lotus 29 February 1900 are not days
		return 0, dateBad
	case n < 60:
		d = excel1900 + calendar.Date(n+1)
	default:
		d = excel1900 + calendar.Date(n)
	}
	if d > maxDate {
		return 0, dateBad
	}
	return d, dateOK
}

// parseTextDate reads YYYY-MM-DD, DD/MM/YYYY, DD-MM-YYYY, DD Mon YYYY or DD-Mon-YYYY (day
// and month of one or two digits, month names short or full), optionally followed by a time.
func parseTextDate(s string) (calendar.Date, dateFault) {
	a, i := digits(s, 0)
	var y, m, d, yearLen int
	switch {
	case i == 4 && i < len(s) && s[i] == '-': // YYYY-MM-DD
		y, yearLen = a, 4
		var j int
		if m, j = digits(s, i+1); j-(i+1) < 1 || j-(i+1) > 2 || j >= len(s) || s[j] != '-' {
			return 0, dateBad
		}
		k := j + 1
		if d, i = digits(s, k); i-k < 1 || i-k > 2 {
			return 0, dateBad
		}
	case i >= 1 && i <= 2 && i < len(s): // DD?MM?YYYY or DD?Mon?YYYY
		d = a
		sep := s[i]
		if sep != '/' && sep != '-' && sep != ' ' {
			return 0, dateBad
		}
		j := i + 1
		var k int
		if m, k = digits(s, j); k > j {
			if sep == ' ' || k-j > 2 {
				return 0, dateBad
			}
		} else {
			if sep == '/' {
				return 0, dateBad
			}
			k = j
			for k < len(s) && isLetter(s[k]) {
				k++
			}
			if m = monthByName(s[j:k]); m == 0 {
				return 0, dateBad
			}
		}
		if k >= len(s) || s[k] != sep {
			return 0, dateBad
		}
		k++
		if y, i = digits(s, k); i-k != 4 {
			if i-k == 2 && timeRest(s[i:]) {
				return 0, dateTwoDigitYear
			}
			return 0, dateBad
		}
		yearLen = 4
	default:
		return 0, dateBad
	}
	if yearLen != 4 || !timeRest(s[i:]) || y < minYear || !calendar.Valid(y, m, d) {
		return 0, dateBad
	}
	return calendar.New(y, m, d), dateOK
}

// digits reads up to 5 decimal digits from s[i:] (more would be no part of a date) and
// returns their value and the index after them.
func digits(s string, i int) (int, int) {
	n, start := 0, i
	for i < len(s) && '0' <= s[i] && s[i] <= '9' && i-start < 5 {
		n = n*10 + int(s[i]-'0')
		i++
	}
	return n, i
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

var monthNames = [...]string{"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"}

// monthByName returns 1–12 for a month's three-letter abbreviation, "Sept", or full name.
func monthByName(w string) int {
	if len(w) < 3 {
		return 0
	}
	for i, name := range monthNames {
		if strings.EqualFold(w, name) || strings.EqualFold(w, name[:3]) || (i == 8 && strings.EqualFold(w, "sept")) {
			return i + 1
		}
	}
	return 0
}

// timeRest reports whether the text after a date is empty or a time of day to drop:
// " 13:45", " 1:45 pm", " 00:00:00", "T00:00:00.000Z", "T10:00:00+01:00".
func timeRest(s string) bool {
	if s == "" {
		return true
	}
	if s[0] != ' ' && s[0] != 'T' && s[0] != 't' {
		return false
	}
	i := 1
	for i < len(s) && s[i] == ' ' {
		i++
	}
	h, j := digits(s, i)
	if j-i < 1 || j-i > 2 || h > 23 {
		return false
	}
	i = j
	parts := 0 // minutes, then optional seconds
	for parts < 2 && i < len(s) && s[i] == ':' {
		v, k := digits(s, i+1)
		if k-(i+1) != 2 || v > 59 {
			return false
		}
		i = k
		parts++
	}
	if parts == 0 {
		return false
	}
	if parts == 2 && i < len(s) && s[i] == '.' { // fraction of a second
		k := i + 1
		for k < len(s) && '0' <= s[k] && s[k] <= '9' {
			k++
		}
		if k == i+1 {
			return false
		}
		i = k
	}
	rest := strings.TrimLeft(s[i:], " ")
	switch {
	case rest == "":
		return true
	case strings.EqualFold(rest, "am") || strings.EqualFold(rest, "pm"):
		return h >= 1 && h <= 12
	case rest == "Z" || rest == "z":
		return true
	case rest[0] == '+' || rest[0] == '-':
		z := rest[1:]
		return len(z) == 5 && isDigits(z[:2]) && z[2] == ':' && isDigits(z[3:]) || len(z) == 4 && isDigits(z) || len(z) == 2 && isDigits(z)
	}
	return false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// normID makes an id written as a number the same as its digits: "1001.0" and "1.001E3"
// (how Excel or a CSV export may write 1001) become "1001". Anything else is kept as written.
func normID(s string) string {
	if i := strings.IndexByte(s, '.'); i > 0 && isDigits(s[:i]) && strings.Trim(s[i+1:], "0") == "" {
		if !strings.ContainsAny(s[i+1:], "eE") {
			return s[:i]
		}
	}
	if e := strings.IndexAny(s, "eE"); e > 0 && isDecimal(s[:e]) {
		exp := strings.TrimPrefix(s[e+1:], "+")
		if isDigits(exp) && len(exp) <= 2 {
			if f, err := strconv.ParseFloat(s, 64); err == nil && f < 1e15 && f == float64(int64(f)) {
				return strconv.FormatInt(int64(f), 10)
			}
		}
	}
	return s
}

// isDecimal reports whether s is digits with at most one '.' between digits.
func isDecimal(s string) bool {
	i := strings.IndexByte(s, '.')
	if i < 0 {
		return isDigits(s)
	}
	return isDigits(s[:i]) && isDigits(s[i+1:])
}

// parseNumber reads a plain decimal number ("12", "10.5", "-2", "1.5E1"); no thousands
// separators, no units.
func parseNumber(s string) (float64, bool) {
	if s == "" || !(s[0] == '-' || s[0] == '+' || s[0] == '.' || '0' <= s[0] && s[0] <= '9') {
		return 0, false // refuses "Inf", "NaN" and hex, which ParseFloat would take
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == 'x' || c == 'X' || c == '_' || c == 'p' || c == 'P' || c == 'i' || c == 'n' || c == 'N' {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// parseGravity reads a YJB gravity score, a whole number 1–8 ("5" or, from Excel, "5.0").
func parseGravity(s string) (int, bool) {
	if len(s) == 1 && '1' <= s[0] && s[0] <= '8' {
		return int(s[0] - '0'), true
	}
	f, ok := parseNumber(s)
	if !ok || f != float64(int(f)) || f < 1 || f > 8 {
		return 0, false
	}
	return int(f), true
}

// parseHours reads a non-negative number of hours.
func parseHours(s string) (float64, bool) {
	f, ok := parseNumber(s)
	if !ok || f < 0 || f > 1e6 {
		return 0, false
	}
	return f, true
}

// isBlank reports whether every cell of a row is empty or spaces.
func isBlank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// quarterFault says why a value is not a quarter label.
type quarterFault uint8

const (
	quarterOK        quarterFault = iota
	quarterBad                    // not the form YYYY/YY Qn
	quarterWrongYear              // the form, but YY is not the year after YYYY
)

// parseQuarterLabel reads a comparator's period (SPEC §3.8) by calendar.ParseQuarter, the one
// grammar of quarter labels, and refuses a year before minYear as dates do. On
// quarterWrongYear the quarter read is returned, so a message can show the right form.
func parseQuarterLabel(s string) (calendar.Quarter, quarterFault) {
	q, err := calendar.ParseQuarter(s)
	var ye *calendar.YearError
	switch {
	case err == nil && q.FY >= minYear:
		return q, quarterOK
	case errors.As(err, &ye) && ye.Quarter.FY >= minYear:
		return ye.Quarter, quarterWrongYear
	}
	return calendar.Quarter{}, quarterBad
}

// parseFigure reads a published figure (SPEC §3.8): a plain number, or a number followed by
// '%' (spaces allowed before it) that is divided by 100, so that "31.4%" is exactly the same
// value as "0.314". pct says whether it was written as a percentage.
func parseFigure(s string) (v float64, pct, ok bool) {
	s = strings.TrimSpace(s)
	if rest, found := strings.CutSuffix(s, "%"); found {
		rest = strings.TrimRight(rest, " ")
		if _, ok := parseNumber(rest); !ok {
			return 0, true, false
		}
		v, pct = percentOf(rest), true
		ok = !math.IsNaN(v)
	} else {
		v, ok = parseNumber(s)
	}
	if v == 0 {
		v = 0 // -0 == 0, so both must be +0 to hash alike
	}
	return v, pct, ok
}

// percentOf returns the number s (already checked by parseNumber) divided by 100. The
// division is done on the decimal text, by lowering its exponent, so the result is the float
// nearest the exact decimal: 31.4 / 100 in floating point is not 0.314, but "31.4e-2" is.
func percentOf(s string) float64 {
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(s[i+1:])
		if err != nil {
			return math.NaN()
		}
		mant, exp = s[:i], e
	}
	f, err := strconv.ParseFloat(mant+"e"+strconv.Itoa(exp-2), 64)
	if err != nil {
		return math.NaN()
	}
	return f
}
