package calendar

import (
	"testing"
	"time"
)

// day parses an ISO date for a test table; a typo in a table is a test bug, so it fails hard.
func day(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseISO(s)
	if err != nil {
		t.Fatalf("bad test date: %v", err)
	}
	return d
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		name  string
		start string
		n     int
		want  string
	}{
		{"29 Feb + 12 months clamps to 28 Feb", "2016-02-29", 12, "2017-02-28"},
		{"29 Feb + 48 months stays 29 Feb", "2016-02-29", 48, "2020-02-29"},
		{"31 Aug + 18 months clamps to 28 Feb in a common year", "2017-08-31", 18, "2019-02-28"},
		{"31 Aug + 18 months clamps to 29 Feb in a leap year", "2018-08-31", 18, "2020-02-29"},
		{"30 Jun + 18 months is 30 Dec (cohort maturity)", "2018-06-30", 18, "2019-12-30"},
		{"31 Mar + 18 months is 30 Sep", "2019-03-31", 18, "2020-09-30"},
		{"31 Jan + 1 month is 28 Feb", "2019-01-31", 1, "2019-02-28"},
		{"31 Jan + 1 month is 29 Feb in a leap year", "2020-01-31", 1, "2020-02-29"},
		{"31 Dec + 12 months crosses the year", "2018-12-31", 12, "2019-12-31"},
		{"15 Nov + 2 months crosses the year", "2018-11-15", 2, "2019-01-15"},
		{"minus 2 months crosses back", "2019-01-15", -2, "2018-11-15"},
		{"31 Mar - 1 month clamps to 28 Feb", "2019-03-31", -1, "2019-02-28"},
		{"zero months is the same day", "2018-05-17", 0, "2018-05-17"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := day(t, tt.start).AddMonths(tt.n); got != day(t, tt.want) {
				t.Errorf("%s + %d months = %s, want %s", tt.start, tt.n, got, tt.want)
			}
		})
	}
}

func TestAgeOn(t *testing.T) {
	tests := []struct {
		name    string
		dob, on string
		want    int
	}{
		{"day before the birthday", "2002-05-10", "2018-05-09", 15},
		{"the birthday itself counts", "2002-05-10", "2018-05-10", 16},
		{"day after the birthday", "2002-05-10", "2018-05-11", 16},
		{"earlier month than birthday", "2002-05-10", "2018-04-30", 15},
		{"born that day is 0", "2018-01-01", "2018-01-01", 0},
		{"29 Feb birthday: 28 Feb in a common year not yet", "2004-02-29", "2021-02-28", 16},
		{"29 Feb birthday: 1 Mar in a common year counts", "2004-02-29", "2021-03-01", 17},
		{"29 Feb birthday: 28 Feb in a leap year not yet", "2004-02-29", "2024-02-28", 19},
		{"29 Feb birthday: 29 Feb in a leap year counts", "2004-02-29", "2024-02-29", 20},
		{"29 Feb birthday: 2100 is not a leap year", "2084-02-29", "2100-02-28", 15},
		{"29 Feb birthday: 1 Mar 2100 counts", "2084-02-29", "2100-03-01", 16},
		{"31 Dec birthday on 1 Jan", "2001-12-31", "2019-01-01", 17},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AgeOn(day(t, tt.dob), day(t, tt.on)); got != tt.want {
				t.Errorf("AgeOn(%s, %s) = %d, want %d", tt.dob, tt.on, got, tt.want)
			}
		})
	}
}

func TestWeekday(t *testing.T) {
	// Weekdays checked against a printed calendar (and Python's datetime).
	tests := []struct {
		date string
		want time.Weekday
	}{
		{"1970-01-01", time.Thursday},
		{"0001-01-01", time.Monday},
		{"1900-01-01", time.Monday},
		{"2000-02-29", time.Tuesday},
		{"2018-12-25", time.Tuesday},
		{"2024-06-28", time.Friday},
		{"2021-12-25", time.Saturday},
		{"2022-12-25", time.Sunday},
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			d := day(t, tt.date)
			if got := d.Weekday(); got != tt.want {
				t.Errorf("%s.Weekday() = %v, want %v", tt.date, got, tt.want)
			}
			if got := d.Time().Weekday(); got != tt.want {
				t.Errorf("%s.Time().Weekday() = %v, want %v", tt.date, got, tt.want)
			}
		})
	}
}

func TestParseISO(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		y, m, d int
		ok      bool
	}{
		{"plain date", "2018-07-01", 2018, 7, 1, true},
		{"leap day in a leap year", "2020-02-29", 2020, 2, 29, true},
		{"first representable day", "0001-01-01", 1, 1, 1, true},
		{"leap day in a common year is not a date", "2019-02-29", 0, 0, 0, false},
		{"31 April is not a date", "2018-04-31", 0, 0, 0, false},
		{"month 13", "2018-13-01", 0, 0, 0, false},
		{"month 00", "2018-00-10", 0, 0, 0, false},
		{"day 00", "2018-01-00", 0, 0, 0, false},
		{"year 0000", "0000-01-01", 0, 0, 0, false},
		{"short month", "2018-7-01", 0, 0, 0, false},
		{"slashes", "2018/07/01", 0, 0, 0, false},
		{"UK order", "01-07-2018", 0, 0, 0, false},
		{"two-digit year", "18-07-01", 0, 0, 0, false},
		{"sign in a field", "2018-+7-01", 0, 0, 0, false},
		{"space in a field", "2018-07-1 ", 0, 0, 0, false},
		{"leading space", " 018-07-01", 0, 0, 0, false},
		{"time suffix", "2018-07-01T00:00", 0, 0, 0, false},
		{"empty", "", 0, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseISO(tt.in)
			if !tt.ok {
				if err == nil {
					t.Fatalf("ParseISO(%q) = %s, want an error", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseISO(%q): %v", tt.in, err)
			}
			if y, m, d := got.YMD(); y != tt.y || m != tt.m || d != tt.d {
				t.Errorf("ParseISO(%q) = %04d-%02d-%02d, want %04d-%02d-%02d", tt.in, y, m, d, tt.y, tt.m, tt.d)
			}
		})
	}
}

func TestFormats(t *testing.T) {
	d := New(2018, 7, 1)
	if got := d.String(); got != "2018-07-01" {
		t.Errorf("String() = %q", got)
	}
	if got := d.UK(); got != "01/07/2018" {
		t.Errorf("UK() = %q", got)
	}
	if got := d.Long(); got != "1 July 2018" {
		t.Errorf("Long() = %q", got)
	}
	var zero Date
	if zero.String() != "" || zero.UK() != "" || zero.Long() != "" || !zero.IsZero() {
		t.Errorf("zero Date should format as empty and be IsZero")
	}
	b, _ := d.MarshalText()
	var back Date
	if err := back.UnmarshalText(b); err != nil || back != d {
		t.Errorf("text round trip: got %s, %v", back, err)
	}
	if err := back.UnmarshalText([]byte("31/12/2018")); err == nil {
		t.Errorf("UnmarshalText accepted a UK date")
	}
}

func TestCalendarBasics(t *testing.T) {
	leap := map[int]bool{1900: false, 2000: true, 2016: true, 2018: false, 2100: false, 2400: true}
	for y, want := range leap {
		if IsLeap(y) != want {
			t.Errorf("IsLeap(%d) = %v, want %v", y, !want, want)
		}
	}
	if DaysIn(2019, 2) != 28 || DaysIn(2020, 2) != 29 || DaysIn(2018, 4) != 30 || DaysIn(2018, 12) != 31 {
		t.Errorf("DaysIn wrong")
	}
	if Valid(2019, 2, 29) || !Valid(2020, 2, 29) || Valid(2018, 0, 1) || Valid(0, 1, 1) || Valid(10000, 1, 1) {
		t.Errorf("Valid wrong")
	}
	// New normalises like time.Date: 29 Feb 2018 is 1 Mar 2018.
	if got := New(2018, 2, 29); got != New(2018, 3, 1) {
		t.Errorf("New(2018, 2, 29) = %s, want 2018-03-01", got)
	}
	if New(1, 1, 1) != 1 {
		t.Errorf("New(1, 1, 1) = %d, want 1 (the day-number origin)", New(1, 1, 1))
	}
	if got := New(2018, 12, 31).AddDays(1); got != New(2019, 1, 1) {
		t.Errorf("AddDays across a year = %s", got)
	}
	// FromTime takes the calendar date in t's own zone: 23:30 on 30 June in UTC+1 is
	// 22:30 UTC, still 30 June either way, but 00:30 on 1 July in UTC+1 is 30 June in UTC.
	bst := time.FixedZone("BST", 3600)
	if got := FromTime(time.Date(2018, 7, 1, 0, 30, 0, 0, bst)); got != New(2018, 7, 1) {
		t.Errorf("FromTime in BST = %s, want 2018-07-01", got)
	}
}

// TestNewAgreesWithTimeDate checks the integer arithmetic of New and YMD against the standard
// library's time.Date on every day from 1800 to 2200 and on out-of-range days and months,
// which must normalise as time.Date does.
func TestNewAgreesWithTimeDate(t *testing.T) {
	for d := New(1800, 1, 1); d <= New(2200, 12, 31); d++ {
		tm := time.Unix(int64(d-epochOffset)*86400, 0).UTC()
		y, m, day := d.YMD()
		if y != tm.Year() || m != int(tm.Month()) || day != tm.Day() {
			t.Fatalf("YMD(%d) = %d-%d-%d, time says %s", d, y, m, day, tm.Format("2006-01-02"))
		}
		if back := New(y, m, day); back != d {
			t.Fatalf("New(%d, %d, %d) = %d, want %d", y, m, day, back, d)
		}
	}
	for _, c := range [][3]int{{2019, 13, 1}, {2019, 0, 1}, {2019, -13, 5}, {2020, 2, 30}, {2019, 3, 0}, {2019, 1, -40}, {1, 1, 1}, {9999, 12, 31}, {2019, 25, 400}} {
		want := FromTime(time.Date(c[0], time.Month(c[1]), c[2], 0, 0, 0, 0, time.UTC))
		if got := New(c[0], c[1], c[2]); got != want {
			t.Errorf("New(%v) = %v, time.Date says %v", c, got, want)
		}
	}
}
