package calendar

import (
	"slices"
	"strings"
	"testing"
)

// days parses a space-separated list of ISO dates.
func days(t testing.TB, s string) []Date {
	t.Helper()
	var out []Date
	for _, f := range strings.Fields(s) {
		out = append(out, day(t, f))
	}
	return out
}

// TestBankHolidaysGovUK compares whole years with the gov.uk lists
// (https://www.gov.uk/bank-holidays, england-and-wales).
func TestBankHolidaysGovUK(t *testing.T) {
	tests := []struct {
		name string
		year int
		want string
	}{
		{"2011 with the royal wedding and Christmas on a Sunday", 2011,
			"2011-01-03 2011-04-22 2011-04-25 2011-04-29 2011-05-02 2011-05-30 2011-08-29 2011-12-26 2011-12-27"},
		{"2012 with the Diamond Jubilee", 2012,
			"2012-01-02 2012-04-06 2012-04-09 2012-05-07 2012-06-04 2012-06-05 2012-08-27 2012-12-25 2012-12-26"},
		{"2018 by the rules", 2018,
			"2018-01-01 2018-03-30 2018-04-02 2018-05-07 2018-05-28 2018-08-27 2018-12-25 2018-12-26"},
		{"2019 by the rules", 2019,
			"2019-01-01 2019-04-19 2019-04-22 2019-05-06 2019-05-27 2019-08-26 2019-12-25 2019-12-26"},
		{"2020 with VE Day and Boxing Day on a Saturday", 2020,
			"2020-01-01 2020-04-10 2020-04-13 2020-05-08 2020-05-25 2020-08-31 2020-12-25 2020-12-28"},
		{"2021 with Christmas on a Saturday", 2021,
			"2021-01-01 2021-04-02 2021-04-05 2021-05-03 2021-05-31 2021-08-30 2021-12-27 2021-12-28"},
		{"2022 with the Platinum Jubilee and the state funeral", 2022,
			"2022-01-03 2022-04-15 2022-04-18 2022-05-02 2022-06-02 2022-06-03 2022-08-29 2022-09-19 2022-12-26 2022-12-27"},
		{"2023 with the coronation", 2023,
			"2023-01-02 2023-04-07 2023-04-10 2023-05-01 2023-05-08 2023-05-29 2023-08-28 2023-12-25 2023-12-26"},
		{"2024 by the rules", 2024,
			"2024-01-01 2024-03-29 2024-04-01 2024-05-06 2024-05-27 2024-08-26 2024-12-25 2024-12-26"},
		{"2025 by the rules", 2025,
			"2025-01-01 2025-04-18 2025-04-21 2025-05-05 2025-05-26 2025-08-25 2025-12-25 2025-12-26"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := days(t, tt.want)
			if got := BankHolidays(tt.year); !slices.Equal(got, want) {
				t.Errorf("BankHolidays(%d) =\n %v\nwant\n %v", tt.year, got, want)
			}
			h := NewHolidays(nil, nil)
			for _, d := range want {
				if !h.IsHoliday(d) || h.IsWorkingDay(d) {
					t.Errorf("%s should be a holiday and not a working day", d)
				}
			}
		})
	}
}

func TestBankHolidayRules(t *testing.T) {
	tests := []struct {
		name    string
		date    string
		holiday bool
	}{
		// New Year's Day substitutes.
		{"New Year on a Saturday moves to Monday 3 Jan", "2011-01-03", true},
		{"New Year on a Saturday is not itself listed", "2011-01-01", false},
		{"New Year on a Sunday moves to Monday 2 Jan", "2017-01-02", true},
		// Christmas and Boxing Day substitutes.
		{"2010: Christmas Saturday → Monday 27", "2010-12-27", true},
		{"2010: Boxing Sunday → Tuesday 28", "2010-12-28", true},
		{"2015: Christmas Friday stays", "2015-12-25", true},
		{"2015: Boxing Saturday → Monday 28", "2015-12-28", true},
		{"2015: Sunday 27 is no substitute", "2015-12-27", false},
		{"2016: Christmas Sunday, Boxing Monday 26", "2016-12-26", true},
		{"2016: Christmas substitute Tuesday 27", "2016-12-27", true},
		{"2016: Wednesday 28 is a working day", "2016-12-28", false},
		{"2021: Christmas Saturday → Monday 27", "2021-12-27", true},
		{"2021: Boxing Sunday → Tuesday 28", "2021-12-28", true},
		{"2022: Christmas Sunday → 26 Boxing Monday", "2022-12-26", true},
		{"2022: Christmas substitute Tuesday 27", "2022-12-27", true},
		// One-off changes since 2010.
		{"2011 royal wedding added", "2011-04-29", true},
		{"2012 spring moved away from 28 May", "2012-05-28", false},
		{"2012 spring moved to 4 June", "2012-06-04", true},
		{"2012 Diamond Jubilee 5 June added", "2012-06-05", true},
		{"2020 early May moved away from 4 May", "2020-05-04", false},
		{"2020 early May moved to 8 May", "2020-05-08", true},
		{"2022 spring moved away from 30 May", "2022-05-30", false},
		{"2022 spring moved to 2 June", "2022-06-02", true},
		{"2022 Platinum Jubilee 3 June added", "2022-06-03", true},
		{"2022 state funeral 19 Sep added", "2022-09-19", true},
		{"2023 coronation 8 May added", "2023-05-08", true},
		{"2023 early May still 1 May", "2023-05-01", true},
		// Earlier one-offs (proclamations; gov.uk lists start in 2012).
		{"1995 early May moved away from 1 May", "1995-05-01", false},
		{"1995 early May moved to 8 May", "1995-05-08", true},
		{"1999 millennium 31 Dec added", "1999-12-31", true},
		{"2002 spring moved away from 27 May", "2002-05-27", false},
		{"2002 Golden Jubilee 3 June", "2002-06-03", true},
		{"2002 spring 4 June", "2002-06-04", true},
		// Outside the precomputed window the rules still apply (weekdays from a calendar:
		// 25 and 26 Dec 2300 are Tuesday and Wednesday; Easter 2300 is 8 April).
		{"Christmas 2300 outside the window", "2300-12-25", true},
		{"Boxing Day 2300 outside the window", "2300-12-26", true},
		{"Good Friday 2300 outside the window", "2300-04-06", true},
		{"an ordinary day in 2300", "2300-04-04", false},
	}
	h := NewHolidays(nil, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := h.IsHoliday(day(t, tt.date)); got != tt.holiday {
				t.Errorf("IsHoliday(%s) = %v, want %v", tt.date, got, tt.holiday)
			}
		})
	}
}

func TestEasterSunday(t *testing.T) {
	// Published Easter dates, including the earliest (22 March) and latest (25 April) possible.
	for _, s := range strings.Fields("1818-03-22 2000-04-23 2008-03-23 2018-04-01 2019-04-21 " +
		"2020-04-12 2024-03-31 2025-04-20 2038-04-25 2285-03-22 2300-04-08") {
		want := day(t, s)
		if got := EasterSunday(want.Year()); got != want {
			t.Errorf("EasterSunday(%d) = %s, want %s", want.Year(), got, want)
		}
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	tests := []struct {
		name           string
		extra, removed string
		a, b           string
		want           int
	}{
		// Thu 29 Mar 2018 → Tue 3 Apr: Fri 30 Good Friday, Sat, Sun, Mon 2 Easter Monday,
		// Tue 3 counts: 1.
		{"across Easter 2018", "", "", "2018-03-29", "2018-04-03", 1},
		// Wed 28 Mar → Fri 13 Apr 2018: Thu 29 (1), Tue 3–Fri 6 (5), Mon 9–Fri 13 (10).
		{"ten working days over Easter 2018", "", "", "2018-03-28", "2018-04-13", 10},
		// Fri 21 Dec 2018 → Wed 2 Jan 2019: Mon 24 (1), Tue 25 and Wed 26 holidays, Thu 27
		// (2), Fri 28 (3), Mon 31 (4), Tue 1 Jan holiday, Wed 2 (5).
		{"across Christmas 2018", "", "", "2018-12-21", "2019-01-02", 5},
		{"config extra 24 Dec 2018 is not a working day", "2018-12-24", "", "2018-12-21", "2019-01-02", 4},
		{"config removed 26 Dec 2018 is a working day", "", "2018-12-26", "2018-12-21", "2019-01-02", 6},
		{"config extra on a Saturday changes nothing", "2018-12-22", "", "2018-12-21", "2019-01-02", 5},
		{"a date both extra and removed is removed", "2018-12-24", "2018-12-24", "2018-12-21", "2019-01-02", 5},
		{"the start day is not counted, the end day is", "", "", "2018-06-04", "2018-06-05", 1},
		{"same day is 0", "", "", "2018-06-04", "2018-06-04", 0},
		{"end before start is 0", "", "", "2018-06-05", "2018-06-04", 0},
		{"Friday to Saturday is 0", "", "", "2018-06-08", "2018-06-09", 0},
		{"Friday to Monday is 1", "", "", "2018-06-08", "2018-06-11", 1},
		{"Saturday to Sunday is 0", "", "", "2018-06-09", "2018-06-10", 0},
		{"Sunday to Monday is 1", "", "", "2018-06-10", "2018-06-11", 1},
		// 2018 has 261 weekdays (365 days = 52 weeks + Monday 1 Jan) and 8 holidays, all on
		// weekdays: 253 working days from 31 Dec 2017 (excluded) to 31 Dec 2018.
		{"a whole year 2018", "", "", "2017-12-31", "2018-12-31", 253},
		// Outside the window: Mon 24 Dec 2300 → Thu 27 Dec; Tue 25 and Wed 26 holidays.
		{"across Christmas 2300 outside the window", "", "", "2300-12-24", "2300-12-27", 1},
		// An extra date widens the window: Mon 3 Jun 2250 → Wed 5 Jun, extra Tue 4 Jun.
		{"config extra far in the future", "2250-06-04", "", "2250-06-03", "2250-06-05", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := NewHolidays(days(t, tt.extra), days(t, tt.removed))
			if got := h.WorkingDaysBetween(day(t, tt.a), day(t, tt.b)); got != tt.want {
				t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestAddWorkingDays(t *testing.T) {
	tests := []struct {
		name string
		a    string
		n    int
		want string
	}{
		{"10 working days from Wed 28 Mar 2018 skip Easter", "2018-03-28", 10, "2018-04-13"},
		{"1 working day from Thu 29 Mar 2018 is Tue 3 Apr", "2018-03-29", 1, "2018-04-03"},
		{"1 working day from Mon 24 Dec 2018 is Thu 27", "2018-12-24", 1, "2018-12-27"},
		{"from a Saturday, 1 working day is Monday", "2018-06-09", 1, "2018-06-11"},
		{"0 is the day itself, even a holiday", "2018-12-25", 0, "2018-12-25"},
		{"-1 from Tue 3 Apr 2018 is Thu 29 Mar", "2018-04-03", -1, "2018-03-29"},
		{"-5 from Mon 11 Jun 2018 is Mon 4 Jun", "2018-06-11", -5, "2018-06-04"},
	}
	h := NewHolidays(nil, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := h.AddWorkingDays(day(t, tt.a), tt.n); got != day(t, tt.want) {
				t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", tt.a, tt.n, got, tt.want)
			}
		})
	}
}

// TestWorkingDaysAgreement checks the fast counting path against a day-by-day count, and
// the on-time identity WorkingDaysBetween(a, b) ≤ n ⇔ b ≤ AddWorkingDays(a, n), over
// 2010–2024 with a config extra and removed date.
func TestWorkingDaysAgreement(t *testing.T) {
	h := NewHolidays(days(t, "2016-12-23"), days(t, "2019-05-06"))
	for a := New(2010, 1, 1); a < New(2025, 1, 1); a += 3 {
		for _, span := range []int{1, 6, 14, 30, 400} {
			b := a.AddDays(span)
			slow := 0
			for d := a + 1; d <= b; d++ {
				if d.Weekday() >= 1 && d.Weekday() <= 5 && !h.IsHoliday(d) {
					slow++
				}
			}
			if got := h.WorkingDaysBetween(a, b); got != slow {
				t.Fatalf("WorkingDaysBetween(%s, %s) = %d, day by day %d", a, b, got, slow)
			}
		}
		due := h.AddWorkingDays(a, 10)
		// due is the first day on which 10 working days have passed.
		if h.WorkingDaysBetween(a, due) != 10 || h.WorkingDaysBetween(a, due-1) != 9 {
			t.Fatalf("AddWorkingDays(%s, 10) = %s inconsistent with WorkingDaysBetween", a, due)
		}
		if !h.IsWorkingDay(due) {
			t.Fatalf("AddWorkingDays(%s, 10) = %s is not a working day", a, due)
		}
	}
}

func TestHolidaysDoNotAllocate(t *testing.T) {
	h := NewHolidays(nil, nil)
	a, b := New(2018, 3, 28), New(2018, 4, 13)
	far := New(2300, 12, 25)
	allocs := testing.AllocsPerRun(100, func() {
		_ = h.WorkingDaysBetween(a, b)
		_ = h.IsHoliday(b)
		_ = h.IsHoliday(far)
		_ = h.AddWorkingDays(a, 10)
	})
	if allocs != 0 {
		t.Errorf("holiday look-ups allocate %v times per run, want 0", allocs)
	}
}

func BenchmarkWorkingDaysBetween(b *testing.B) {
	h := NewHolidays(nil, nil)
	a := New(2018, 3, 28)
	for i := 0; b.Loop(); i++ {
		_ = h.WorkingDaysBetween(a+Date(i%1000), a+Date(i%1000+14))
	}
}

func BenchmarkNewHolidays(b *testing.B) {
	for b.Loop() {
		_ = NewHolidays(nil, nil)
	}
}
