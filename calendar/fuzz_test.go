package calendar

import "testing"

// FuzzDate checks that day numbers, time.Time and year-month-day agree, and that AddMonths
// always lands on a real day: the same day of the month, or the target month's last day.
func FuzzDate(f *testing.F) {
	// Day numbers as Python's date.toordinal counts them (0001-01-01 is 1).
	f.Add(int32(736753), int16(18)) // 2018-02-28
	f.Add(int32(736023), int16(12)) // 2016-02-29
	f.Add(int32(736572), int16(18)) // 2017-08-31
	f.Add(int32(1), int16(-1))
	f.Add(int32(3652059), int16(1)) // 9999-12-31
	lo, hi := New(1, 1, 1), New(9999, 12, 31)
	f.Fuzz(func(t *testing.T, n int32, months int16) {
		d := Date(n)
		if d < lo || d > hi {
			return
		}
		y, m, dd := d.YMD()
		if !Valid(y, m, dd) {
			t.Fatalf("%d: YMD %d-%d-%d is not a real day", n, y, m, dd)
		}
		if New(y, m, dd) != d {
			t.Fatalf("New(YMD(%d)) = %d", n, New(y, m, dd))
		}
		if n == 736753 && (y != 2018 || m != 2 || dd != 28) {
			t.Fatalf("day 736753 is %d-%d-%d, want 2018-02-28 (Python ordinal)", y, m, dd)
		}
		if FromTime(d.Time()) != d {
			t.Fatalf("FromTime(Time(%d)) = %d", n, FromTime(d.Time()))
		}
		if ty, tm, td := d.Time().Date(); ty != y || int(tm) != m || td != dd {
			t.Fatalf("%d: Time() is %v, YMD %d-%d-%d", n, d.Time(), y, m, dd)
		}
		if d.Weekday() != d.Time().Weekday() {
			t.Fatalf("%s: Weekday %v, time says %v", d, d.Weekday(), d.Time().Weekday())
		}
		if back, err := ParseISO(d.String()); err != nil || back != d {
			t.Fatalf("ParseISO(%q) = %s, %v", d.String(), back, err)
		}

		ti := y*12 + m - 1 + int(months)
		if ti < 12 || ti >= 10000*12 { // outside years 1–9999
			return
		}
		e := d.AddMonths(int(months))
		ey, em, ed := e.YMD()
		if !Valid(ey, em, ed) {
			t.Fatalf("%s.AddMonths(%d) = %d-%d-%d, not a real day", d, months, ey, em, ed)
		}
		if ey*12+em-1 != ti {
			t.Fatalf("%s.AddMonths(%d) = %s, wrong month", d, months, e)
		}
		if want := min(dd, DaysIn(ey, em)); ed != want {
			t.Fatalf("%s.AddMonths(%d) = %s, want day %d", d, months, e, want)
		}
	})
}

// FuzzParseISO checks that whatever ParseISO accepts prints back as the same text.
func FuzzParseISO(f *testing.F) {
	for _, s := range []string{"2018-07-01", "2019-02-29", "2018-+7-01", " 018-07-01", "9999-12-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseISO(s)
		if err != nil {
			return
		}
		if d.String() != s {
			t.Fatalf("ParseISO(%q) = %s", s, d)
		}
	})
}

// FuzzParseQuarter checks that an accepted quarter is a real one and its label parses back.
func FuzzParseQuarter(f *testing.F) {
	for _, s := range []string{"2018/19-Q2", "2018-19-Q2", "2018/19 q2", "2018/20 Q2", "1999/00 Q4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuarter(s)
		if err != nil {
			return
		}
		if q.Q < 1 || q.Q > 4 {
			t.Fatalf("ParseQuarter(%q) = %+v", s, q)
		}
		for _, form := range []string{q.Label(), q.Slug()} {
			if back, err := ParseQuarter(form); err != nil || back != q {
				t.Fatalf("ParseQuarter(%q) = %+v, %v; want %+v", form, back, err, q)
			}
		}
		if QuarterOf(q.Start()) != q || QuarterOf(q.End()) != q || q.End().AddDays(1) != q.Next().Start() {
			t.Fatalf("%+v: bounds inconsistent", q)
		}
	})
}
