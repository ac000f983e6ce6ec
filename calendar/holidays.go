package calendar

import (
	"slices"
	"time"
)

// England and Wales bank holidays, from their rules (Banking and Financial Dealings Act 1971
// and the royal proclamations that follow it):
//
//   - New Year's Day, 1 January; on a Saturday or Sunday, the next Monday instead;
//   - Good Friday and Easter Monday (Easter Sunday by the anonymous Gregorian algorithm);
//   - early May bank holiday, the first Monday of May;
//   - spring bank holiday, the last Monday of May;
//   - summer bank holiday, the last Monday of August;
//   - Christmas Day and Boxing Day; one that falls on a weekend moves to the next weekday
//     that is not already a holiday (25th Saturday: Monday 27th and Tuesday 28th; 25th
//     Sunday: Monday 26th and Tuesday 27th; 25th Friday: Friday 25th and Monday 28th);
//
// and the one-off changes made by proclamation, listed in oneOffs. Only the weekday on which
// the holiday is taken is a bank holiday: 25 December 2021, a Saturday, is not in the list, its
// substitute Monday 27 December is. The rules are those in force since 1978 (the first early
// May holiday); earlier years get the same rules, which is not their history.
// Check lists are the gov.uk ones (https://www.gov.uk/bank-holidays).

// maxPerYear bounds the bank holidays of one year: eight by rule plus at most three one-offs
// (2022 had ten), with room to spare.
const maxPerYear = 12

// The years for which NewHolidays precomputes the calendar: every date a youth justice
// extract can hold, and a century of future due dates. Dates outside are still answered,
// by working the rules out on each call.
const (
	windowFirstYear = 1900
	windowLastYear  = 2200
)

// Holidays is a bank holiday calendar: the built-in England and Wales bank holidays with the
// configured extra dates added and removed dates taken away. It is read-only once made, so
// one value may be shared by any number of goroutines.
type Holidays struct {
	first, last Date   // the precomputed window, whole years
	days        []Date // every holiday in [first, last], sorted, no duplicates
	workdays    []Date // the holidays in days that fall Monday–Friday
}

// NewHolidays returns the built-in calendar with the extra dates added and the removed dates
// taken away (config bank_holidays.extra and .removed). A date in both lists is not a holiday:
// removal is applied last. Zero dates are ignored.
func NewHolidays(extra, removed []Date) *Holidays {
	lo, hi := windowFirstYear, windowLastYear
	for _, list := range [][]Date{extra, removed} {
		for _, d := range list {
			if d == 0 {
				continue
			}
			y := d.Year()
			lo, hi = min(lo, y), max(hi, y)
		}
	}
	days := make([]Date, 0, (hi-lo+1)*9+len(extra))
	var buf [maxPerYear]Date
	for y := lo; y <= hi; y++ {
		n := yearHolidays(y, &buf)
		days = append(days, buf[:n]...)
	}
	for _, d := range extra {
		if d != 0 {
			days = append(days, d)
		}
	}
	slices.Sort(days)
	days = slices.Compact(days)
	if len(removed) > 0 {
		days = slices.DeleteFunc(days, func(d Date) bool { return slices.Contains(removed, d) })
	}
	h := &Holidays{first: New(lo, 1, 1), last: New(hi, 12, 31), days: days}
	for _, d := range days {
		if isWeekday(d) {
			h.workdays = append(h.workdays, d)
		}
	}
	return h
}

// IsHoliday reports whether d is a bank holiday in h.
func (h *Holidays) IsHoliday(d Date) bool {
	if d >= h.first && d <= h.last {
		_, found := slices.BinarySearch(h.days, d)
		return found
	}
	// Outside the window no extra or removed date can apply (the window covers their years).
	var buf [maxPerYear]Date
	n := yearHolidays(d.Year(), &buf)
	return slices.Contains(buf[:n], d)
}

// IsWorkingDay reports whether d is Monday–Friday and not a bank holiday.
func (h *Holidays) IsWorkingDay(d Date) bool { return isWeekday(d) && !h.IsHoliday(d) }

// WorkingDaysBetween returns the number of working days d with a < d ≤ b, 0 when b ≤ a
// (SPEC §4.4: the referral day itself does not count, the assessment day does). So
// WorkingDaysBetween(a, b) ≤ n exactly when b ≤ AddWorkingDays(a, n), for n ≥ 0.
func (h *Holidays) WorkingDaysBetween(a, b Date) int {
	if b <= a {
		return 0
	}
	if a+1 < h.first || b > h.last {
		n := 0
		for d := a + 1; d <= b; d++ {
			if h.IsWorkingDay(d) {
				n++
			}
		}
		return n
	}
	// Weekdays in (a, b] by arithmetic, less the weekday holidays in (a, b] by two binary
	// searches: a few dozen operations whatever the span, for ~100k referrals a run.
	n := weekdaysThrough(b) - weekdaysThrough(a)
	i, _ := slices.BinarySearch(h.workdays, a+1) // first holiday > a
	j, _ := slices.BinarySearch(h.workdays, b+1) // first holiday > b
	return n - (j - i)
}

// AddWorkingDays returns the n-th working day after a (n > 0), the |n|-th working day before
// a (n < 0), or a itself (n == 0). a need not be a working day and is never counted.
func (h *Holidays) AddWorkingDays(a Date, n int) Date {
	d := a
	for n > 0 {
		d++
		if h.IsWorkingDay(d) {
			n--
		}
	}
	for n < 0 {
		d--
		if h.IsWorkingDay(d) {
			n++
		}
	}
	return d
}

// BankHolidays returns the built-in England and Wales bank holidays of year, sorted, without
// any configured changes.
func BankHolidays(year int) []Date {
	var buf [maxPerYear]Date
	n := yearHolidays(year, &buf)
	return slices.Clone(buf[:n])
}

// yearHolidays writes the built-in bank holidays of year y into out, sorted, and returns how
// many there are. It does not allocate, so IsHoliday can call it outside the window.
func yearHolidays(y int, out *[maxPerYear]Date) int {
	n := 0
	out[n] = nextFreeWeekday(New(y, 1, 1), 0)
	n++
	easter := EasterSunday(y)
	out[n], out[n+1] = easter-2, easter+1
	n += 2
	out[n] = firstWeekdayOf(y, 5, time.Monday)
	out[n+1] = lastWeekdayOf(y, 5, time.Monday)
	out[n+2] = lastWeekdayOf(y, 8, time.Monday)
	n += 3
	christmas := nextFreeWeekday(New(y, 12, 25), 0)
	out[n] = christmas
	out[n+1] = nextFreeWeekday(New(y, 12, 26), christmas)
	n += 2
	n = oneOffs(y, out, n)
	slices.Sort(out[:n])
	return n
}

// nextFreeWeekday returns d, or if d is a Saturday, a Sunday or the day taken, the next day
// that is none of these: the substitute-day rule.
func nextFreeWeekday(d, taken Date) Date {
	for !isWeekday(d) || d == taken {
		d++
	}
	return d
}

// oneOffs applies the changes made by royal proclamation to year y's rule-made holidays
// out[:n] and returns the new count. Sources: gov.uk bank holiday lists (2012 on) and the
// proclamations for the earlier years.
func oneOffs(y int, out *[maxPerYear]Date, n int) int {
	move := func(from, to Date) {
		for i := range out[:n] {
			if out[i] == from {
				out[i] = to
			}
		}
	}
	add := func(d Date) {
		out[n] = d
		n++
	}
	switch y {
	case 1981:
		add(New(1981, 7, 29)) // royal wedding
	case 1995:
		move(New(1995, 5, 1), New(1995, 5, 8)) // early May moved for VE Day's 50th anniversary
	case 1999:
		add(New(1999, 12, 31)) // millennium
	case 2002:
		move(New(2002, 5, 27), New(2002, 6, 4)) // spring moved for the Golden Jubilee
		add(New(2002, 6, 3))                    // Golden Jubilee
	case 2011:
		add(New(2011, 4, 29)) // royal wedding
	case 2012:
		move(New(2012, 5, 28), New(2012, 6, 4)) // spring moved for the Diamond Jubilee
		add(New(2012, 6, 5))                    // Diamond Jubilee
	case 2020:
		move(New(2020, 5, 4), New(2020, 5, 8)) // early May moved for VE Day's 75th anniversary
	case 2022:
		move(New(2022, 5, 30), New(2022, 6, 2)) // spring moved for the Platinum Jubilee
		add(New(2022, 6, 3))                    // Platinum Jubilee
		add(New(2022, 9, 19))                   // state funeral of Queen Elizabeth II
	case 2023:
		add(New(2023, 5, 8)) // coronation of King Charles III
	}
	return n
}

// EasterSunday returns Easter Sunday of year y in the Gregorian calendar, by the anonymous
// Gregorian algorithm (Meeus/Jones/Butcher).
func EasterSunday(y int) Date {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return New(y, month, day)
}

// isWeekday reports whether d falls Monday–Friday. Date 1 (1 January 0001) was a Monday, so
// the weekday is d mod 7 with Sunday 0.
func isWeekday(d Date) bool {
	w := int(d) % 7
	if w < 0 {
		w += 7
	}
	return w >= 1 && w <= 5
}

// weekdaysThrough returns the number of Monday–Friday days in [1, d], for d ≥ 0: five per
// whole week, then days 1–5 of the part week.
func weekdaysThrough(d Date) int {
	n := int(d)
	return 5*(n/7) + min(n%7, 5)
}
