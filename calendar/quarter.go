package calendar

import (
	"fmt"
	"strings"
)

// Quarter is a financial-year quarter: Q1 April–June, Q2 July–September, Q3 October–December,
// Q4 January–March. FY is the year the financial year starts in (2018 for 2018/19).
type Quarter struct {
	FY int // financial year start, e.g. 2018 for 2018/19
	Q  int // 1–4
}

// Start returns the first day of q.
func (q Quarter) Start() Date {
	m := 4 + (q.Q-1)*3 // Apr, Jul, Oct, Jan(+12)
	y := q.FY
	if m > 12 {
		m -= 12
		y++
	}
	return New(y, m, 1)
}

// End returns the last day of q.
func (q Quarter) End() Date { return q.Next().Start() - 1 }

// Contains reports whether d falls in q.
func (q Quarter) Contains(d Date) bool { return d != 0 && d >= q.Start() && d <= q.End() }

// Next returns the quarter after q.
func (q Quarter) Next() Quarter { return q.Add(1) }

// Prev returns the quarter before q.
func (q Quarter) Prev() Quarter { return q.Add(-1) }

// Add returns the quarter n quarters after q (n may be negative).
func (q Quarter) Add(n int) Quarter {
	i := q.FY*4 + (q.Q - 1) + n
	return Quarter{FY: i / 4, Q: i%4 + 1}
}

// Label returns the board's label, e.g. "2018/19 Q2".
func (q Quarter) Label() string {
	return fmt.Sprintf("%d/%02d Q%d", q.FY, (q.FY+1)%100, q.Q)
}

// Slug returns the file-name form, e.g. "2018-19-Q2".
func (q Quarter) Slug() string {
	return fmt.Sprintf("%d-%02d-Q%d", q.FY, (q.FY+1)%100, q.Q)
}

// String returns Label.
func (q Quarter) String() string { return q.Label() }

// QuarterOf returns the financial quarter containing d.
func QuarterOf(d Date) Quarter {
	y, m, _ := d.YMD()
	if m <= 3 {
		return Quarter{FY: y - 1, Q: 4}
	}
	return Quarter{FY: y, Q: (m-4)/3 + 1}
}

// LatestEndedBy returns the latest quarter that ended on or before d (SPEC §2 default).
func LatestEndedBy(d Date) Quarter {
	q := QuarterOf(d)
	if q.End() == d {
		return q
	}
	return q.Prev()
}

// ParseQuarter reads a financial-year quarter label (SPEC §2, §3.8): YYYY/YY or YYYY-YY, then
// a space or '-', then Q1–Q4, in any case, with spaces allowed around the separators:
// "2018/19 Q3", "2018-19-q3", "2018/19-Q3", "2018 / 19 - Q3". YY must be the year after
// YYYY: when it is not, the error is a *YearError holding the quarter read, so a message can
// show the right form. It does not allocate unless it fails.
func ParseQuarter(s string) (Quarter, error) {
	q, ok, yearOK := scanQuarter(strings.TrimSpace(s))
	switch {
	case !ok:
		return Quarter{}, fmt.Errorf("%q is not a quarter (use e.g. 2018/19 Q2)", s)
	case !yearOK:
		return Quarter{}, &YearError{Input: s, Quarter: q}
	}
	return q, nil
}

// YearError is a quarter label whose YY is not the year after its YYYY ("2018/20 Q1").
type YearError struct {
	Input   string
	Quarter Quarter // the quarter of the label's first year
}

func (e *YearError) Error() string {
	return fmt.Sprintf("%q is not a financial year (%d is followed by %02d)", e.Input, e.Quarter.FY, (e.Quarter.FY+1)%100)
}

// scanQuarter reads a trimmed label; ok is false when it is not of the form, yearOK false
// when YY is not the year after YYYY.
func scanQuarter(s string) (q Quarter, ok, yearOK bool) {
	fy, i := fourDigits(s, 0)
	if i != 4 {
		return Quarter{}, false, false
	}
	i = skipSpaces(s, i)
	if i == len(s) || (s[i] != '/' && s[i] != '-') {
		return Quarter{}, false, false
	}
	i = skipSpaces(s, i+1)
	if i+2 > len(s) || !isDigit(s[i]) || !isDigit(s[i+1]) {
		return Quarter{}, false, false
	}
	yy, j := int(s[i]-'0')*10+int(s[i+1]-'0'), i+2
	k := skipSpaces(s, j)
	sep := k > j
	if k < len(s) && s[k] == '-' {
		k, sep = skipSpaces(s, k+1), true
	}
	if !sep || len(s)-k != 2 || s[k]|0x20 != 'q' || s[k+1] < '1' || s[k+1] > '4' {
		return Quarter{}, false, false
	}
	q = Quarter{FY: fy, Q: int(s[k+1] - '0')}
	return q, true, yy == (fy+1)%100
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// fourDigits reads four digits at i, returning their value and i+4, or i when they are not.
func fourDigits(s string, i int) (int, int) {
	if i+4 > len(s) {
		return 0, i
	}
	n := 0
	for _, c := range []byte(s[i : i+4]) {
		if !isDigit(c) {
			return 0, i
		}
		n = n*10 + int(c-'0')
	}
	if i+4 < len(s) && isDigit(s[i+4]) {
		return 0, i // five digits or more
	}
	return n, i + 4
}

func skipSpaces(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}
