package calendar

import (
	"errors"
	"testing"
)

func TestQuarterBounds(t *testing.T) {
	tests := []struct {
		name       string
		q          Quarter
		start, end string
		label      string
		slug       string
	}{
		{"Q1 is April to June", Quarter{2018, 1}, "2018-04-01", "2018-06-30", "2018/19 Q1", "2018-19-Q1"},
		{"Q2 is July to September", Quarter{2018, 2}, "2018-07-01", "2018-09-30", "2018/19 Q2", "2018-19-Q2"},
		{"Q3 is October to December", Quarter{2018, 3}, "2018-10-01", "2018-12-31", "2018/19 Q3", "2018-19-Q3"},
		{"Q4 is January to March of the next calendar year", Quarter{2018, 4}, "2019-01-01", "2019-03-31", "2018/19 Q4", "2018-19-Q4"},
		{"Q4 ending in a leap year", Quarter{2019, 4}, "2020-01-01", "2020-03-31", "2019/20 Q4", "2019-20-Q4"},
		{"century: 1999/00", Quarter{1999, 4}, "2000-01-01", "2000-03-31", "1999/00 Q4", "1999-00-Q4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.q.Start(); got != day(t, tt.start) {
				t.Errorf("Start() = %s, want %s", got, tt.start)
			}
			if got := tt.q.End(); got != day(t, tt.end) {
				t.Errorf("End() = %s, want %s", got, tt.end)
			}
			if got := tt.q.Label(); got != tt.label {
				t.Errorf("Label() = %q, want %q", got, tt.label)
			}
			if got := tt.q.String(); got != tt.label {
				t.Errorf("String() = %q, want %q", got, tt.label)
			}
			if got := tt.q.Slug(); got != tt.slug {
				t.Errorf("Slug() = %q, want %q", got, tt.slug)
			}
			for _, d := range []string{tt.start, tt.end} {
				if !tt.q.Contains(day(t, d)) || QuarterOf(day(t, d)) != tt.q {
					t.Errorf("%s should be in %s", d, tt.q)
				}
			}
			if tt.q.Contains(day(t, tt.start)-1) || tt.q.Contains(day(t, tt.end)+1) {
				t.Errorf("%s contains a day outside it", tt.q)
			}
		})
	}
	if (Quarter{2018, 2}).Contains(0) {
		t.Errorf("a quarter contains the zero Date")
	}
}

func TestQuarterAdd(t *testing.T) {
	tests := []struct {
		name string
		q    Quarter
		n    int
		want Quarter
	}{
		{"Q4 + 1 starts the next financial year", Quarter{2018, 4}, 1, Quarter{2019, 1}},
		{"Q1 - 1 is the previous year's Q4", Quarter{2019, 1}, -1, Quarter{2018, 4}},
		{"+8 is two years on", Quarter{2018, 2}, 8, Quarter{2020, 2}},
		{"-7 for an 8-quarter trend", Quarter{2018, 2}, -7, Quarter{2016, 3}},
		{"0 is the same", Quarter{2018, 3}, 0, Quarter{2018, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.q.Add(tt.n); got != tt.want {
				t.Errorf("%s.Add(%d) = %s, want %s", tt.q, tt.n, got, tt.want)
			}
		})
	}
	q := Quarter{2018, 4}
	if q.Next() != (Quarter{2019, 1}) || q.Prev() != (Quarter{2018, 3}) {
		t.Errorf("Next/Prev of %s wrong", q)
	}
}

func TestLatestEndedBy(t *testing.T) {
	tests := []struct {
		name, asOf string
		want       Quarter
	}{
		{"mid-January: Q3 ended 31 Dec", "2019-01-31", Quarter{2018, 3}},
		{"on the quarter's last day it has ended", "2018-12-31", Quarter{2018, 3}},
		{"the day before the end: the quarter before", "2018-12-30", Quarter{2018, 2}},
		{"31 March ends Q4", "2019-03-31", Quarter{2018, 4}},
		{"1 April: Q4 of the year just ended", "2019-04-01", Quarter{2018, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LatestEndedBy(day(t, tt.asOf)); got != tt.want {
				t.Errorf("LatestEndedBy(%s) = %s, want %s", tt.asOf, got, tt.want)
			}
		})
	}
}

func TestParseQuarterYearError(t *testing.T) {
	_, err := ParseQuarter("2018/20 Q1")
	var ye *YearError
	if !errors.As(err, &ye) || ye.Quarter != (Quarter{2018, 1}) || err.Error() != `"2018/20 Q1" is not a financial year (2018 is followed by 19)` {
		t.Errorf("err = %v", err)
	}
}

func TestParseQuarter(t *testing.T) {
	tests := []struct {
		in   string
		want Quarter
		ok   bool
	}{
		{"2018/19-Q2", Quarter{2018, 2}, true},
		{"2018-19-Q2", Quarter{2018, 2}, true},
		{"2018/19 Q2", Quarter{2018, 2}, true},
		{"2018/19 q2", Quarter{2018, 2}, true},
		{" 2018/19 Q2 ", Quarter{2018, 2}, true},
		{"1999/00 Q4", Quarter{1999, 4}, true},
		{"2018/20 Q2", Quarter{}, false},
		{"2018 Q2", Quarter{}, false},
		{"2018/19 Q5", Quarter{}, false},
		{"2018/19 Q0", Quarter{}, false},
		{"2018/19", Quarter{}, false},
		{"18/19 Q2", Quarter{}, false},
		{"2018 / 19 - Q3", Quarter{2018, 3}, true},
		{"2018/19Q2", Quarter{}, false}, // a space or '-' before Q (SPEC §3.8)
		{"20180/19 Q2", Quarter{}, false},
		{"", Quarter{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseQuarter(tt.in)
			if tt.ok != (err == nil) {
				t.Fatalf("ParseQuarter(%q) error = %v, want ok=%v", tt.in, err, tt.ok)
			}
			if got != tt.want {
				t.Errorf("ParseQuarter(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}
