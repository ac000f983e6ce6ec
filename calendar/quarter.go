package calendar

import (
	"fmt"
	"regexp"
	"strconv"
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

var quarterRE = regexp.MustCompile(`^(\d{4})\s*[/-]\s*(\d{2})\s*[ -]?\s*q([1-4])$`)

// ParseQuarter accepts "2018/19 Q2", "2018/19-Q2" and "2018-19-Q2", in any case.
func ParseQuarter(s string) (Quarter, error) {
	m := quarterRE.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return Quarter{}, fmt.Errorf("%q is not a quarter (use e.g. 2018/19 Q2)", s)
	}
	fy, _ := strconv.Atoi(m[1])
	next, _ := strconv.Atoi(m[2])
	if (fy+1)%100 != next {
		return Quarter{}, fmt.Errorf("%q is not a financial year (%d is followed by %02d)", s, fy, (fy+1)%100)
	}
	q, _ := strconv.Atoi(m[3])
	return Quarter{FY: fy, Q: q}, nil
}
