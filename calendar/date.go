// Package calendar holds every date rule of the report in one place: calendar dates without
// time or zone, financial-year quarters, month arithmetic with month-end clamping, age on a
// date, compulsory school age in England, England and Wales bank holidays and working days.
//
// A Date is a day number, so dates compare with < and == and cost four bytes; the zero Date
// means "no date" (a blank optional value).
package calendar

import (
	"fmt"
	"time"
)

// Date is a calendar date: the number of days since 31 December 0000 in the proleptic
// Gregorian calendar, so 0001-01-01 is 1 and the zero value means "no date".
type Date int32

// epochOffset is the Date of 1970-01-01, for converting to and from Unix days.
const epochOffset = 719162 + 1

// New returns the Date for year y, month m (1–12), day d. Out-of-range days and months
// normalise the way time.Date does; use Valid first to reject them. It is integer arithmetic
// (the indicators work out quarter bounds and ages millions of times a run).
func New(y, m, d int) Date {
	// Normalise the month into the year, as time.Date does (month 13 is January next year).
	m--
	y += floorDiv(m, 12)
	m = m - floorDiv(m, 12)*12 + 1
	return Date(daysFromCivil(y, m, 1)+int64(d-1)) + epochOffset
}

// floorDiv is a / b rounded towards minus infinity (b > 0).
func floorDiv(a, b int) int {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

// daysFromCivil returns the days from 1970-01-01 to y-m-d in the proleptic Gregorian
// calendar (Howard Hinnant's days_from_civil).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400 // [0, 399]
	mp := (m + 9) % 12 // March = 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy // [0, 146096]
	return int64(era)*146097 + int64(doe) - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int64) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := int(z - era*146097)                             // [0, 146096]
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // [0, 399]
	y = yoe + int(era)*400
	doy := doe - (365*yoe + yoe/4 - yoe/100) // [0, 365]
	mp := (5*doy + 2) / 153                  // [0, 11]
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// Valid reports whether y-m-d names a real day (31 February does not).
func Valid(y, m, d int) bool {
	if y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= DaysIn(y, m)
}

// FromTime returns the calendar date of t in t's own location.
func FromTime(t time.Time) Date {
	y, m, d := t.Date()
	u := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()
	return Date(u/86400) + epochOffset
}

// Time returns midnight UTC of d.
func (d Date) Time() time.Time {
	return time.Unix(int64(d-epochOffset)*86400, 0).UTC()
}

// IsZero reports whether d is the "no date" value.
func (d Date) IsZero() bool { return d == 0 }

// YMD returns the year, month (1–12) and day of d.
func (d Date) YMD() (y, m, day int) {
	return civilFromDays(int64(d - epochOffset))
}

// Year returns the year of d.
func (d Date) Year() int { y, _, _ := d.YMD(); return y }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// 1970-01-01 was a Thursday.
	w := (int(d-epochOffset) + 4) % 7
	if w < 0 {
		w += 7
	}
	return time.Weekday(w)
}

// String formats d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	y, m, dd := d.YMD()
	return fmt.Sprintf("%04d-%02d-%02d", y, m, dd)
}

// UK formats d as DD/MM/YYYY, the form analysts read.
func (d Date) UK() string {
	if d == 0 {
		return ""
	}
	y, m, dd := d.YMD()
	return fmt.Sprintf("%02d/%02d/%04d", dd, m, y)
}

// Long formats d as "2 January 2006".
func (d Date) Long() string {
	if d == 0 {
		return ""
	}
	return d.Time().Format("2 January 2006")
}

// MarshalText writes YYYY-MM-DD (JSON null handling is the caller's: use *Date or omit).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseISO(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ParseISO parses exactly YYYY-MM-DD (ASCII digits only: no signs, spaces or short fields).
func ParseISO(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, fmt.Errorf("%q is not a date (use YYYY-MM-DD)", s)
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	dd, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || !Valid(y, m, dd) {
		return 0, fmt.Errorf("%q is not a date (use YYYY-MM-DD)", s)
	}
	return New(y, m, dd), nil
}

// digits parses s as an unsigned decimal made only of ASCII digits. fmt.Sscanf would also
// take "+1", " 1" or "1 " in a two-digit field, which is not YYYY-MM-DD.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// DaysIn returns the number of days in month m of year y.
func DaysIn(y, m int) int {
	switch m {
	case 2:
		if IsLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// IsLeap reports whether y is a Gregorian leap year.
func IsLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// AddMonths adds n months keeping the day of the month, clamped to the target month's last
// day (SPEC §2: 29 Feb + 12 months = 28 Feb; 31 Aug + 18 months = 28 or 29 Feb).
func (d Date) AddMonths(n int) Date {
	y, m, dd := d.YMD()
	mi := (y*12 + (m - 1)) + n
	// Floor division, so that months before year 0 cannot give a month of 0 or less.
	ny, nm := mi/12, mi%12
	if nm < 0 {
		ny, nm = ny-1, nm+12
	}
	nm++
	if last := DaysIn(ny, nm); dd > last {
		dd = last
	}
	return New(ny, nm, dd)
}

// AddDays returns d + n days.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// AgeOn returns the child's age in whole years on date on, for date of birth dob. The
// birthday counts from its day; a 29 February birthday counts from 1 March in other years.
func AgeOn(dob, on Date) int {
	by, bm, bd := dob.YMD()
	y, m, d := on.YMD()
	age := y - by
	if bm == 2 && bd == 29 && !IsLeap(y) {
		bm, bd = 3, 1
	}
	if m < bm || (m == bm && d < bd) {
		age--
	}
	return age
}
