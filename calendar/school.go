package calendar

import "time"

// SchoolLeavingDate returns the last day on which a child born on dob is of compulsory school
// age in England (SPEC §4): with B the 16th birthday, the last Friday of June of B's year if B
// falls 1 January–31 August, else the last Friday of June of the following year. The school
// year runs 1 September–31 August, so this is the last Friday of June of the school year in
// which the child turns 16. A 29 February birthday falls on 1 March in a non-leap year, as in
// AgeOn; both dates are in January–August, so the convention never changes the answer.
// The zero dob ("no date of birth") gives the zero Date.
func SchoolLeavingDate(dob Date) Date {
	if dob == 0 {
		return 0
	}
	y, m, _ := dob.YMD()
	// B's month is dob's month (29 February becomes 1 March, still before September).
	by := y + 16
	if m >= 9 {
		by++
	}
	return lastWeekdayOf(by, 6, time.Friday)
}

// IsSchoolAge reports whether a child born on dob is of compulsory school age on date on,
// that is on ≤ SchoolLeavingDate(dob); otherwise the child is "above school age (post-16)".
// It reports false for the zero dob: callers that must tell "unknown" apart check
// dob.IsZero() first.
func IsSchoolAge(dob, on Date) bool {
	if dob == 0 {
		return false
	}
	return on <= SchoolLeavingDate(dob)
}

// lastWeekdayOf returns the last day of month m of year y that falls on weekday wd.
func lastWeekdayOf(y, m int, wd time.Weekday) Date {
	last := New(y, m, DaysIn(y, m))
	return last - Date((int(last.Weekday())-int(wd)+7)%7)
}

// firstWeekdayOf returns the first day of month m of year y that falls on weekday wd.
func firstWeekdayOf(y, m int, wd time.Weekday) Date {
	first := New(y, m, 1)
	return first + Date((int(wd)-int(first.Weekday())+7)%7)
}
