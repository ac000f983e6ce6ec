package calendar

import (
	"testing"
	"time"
)

func TestSchoolLeavingDate(t *testing.T) {
	tests := []struct {
		name string
		dob  string
		want string
	}{
		// IPSEA: born 23 Sep 2007, B = 23 Sep 2023 (Sep–Dec), so the last Friday of June
		// 2024; 30 June 2024 is a Sunday, so 28 June.
		{"IPSEA example: 16 in September leaves the June after", "2007-09-23", "2024-06-28"},
		// B = 31 Aug 2018 (Jan–Aug): last Friday of June 2018; 30 June 2018 is a Saturday,
		// so 29 June — before the 16th birthday, as the law has it.
		{"16th birthday on 31 August leaves that June", "2002-08-31", "2018-06-29"},
		// B = 1 Sep 2018 (Sep–Dec): last Friday of June 2019; 30 June 2019 is a Sunday → 28.
		{"16th birthday on 1 September leaves the next June", "2002-09-01", "2019-06-28"},
		// B = 1 Jan 2018: June 2018 → 29 June.
		{"16th birthday on 1 January leaves that June", "2002-01-01", "2018-06-29"},
		// B = 31 Dec 2018: June 2019 → 28 June.
		{"16th birthday on 31 December leaves the next June", "2002-12-31", "2019-06-28"},
		// B = 29 Feb 2024 (leap, Jan–Aug): June 2024 → 28 June.
		{"29 Feb birth, 16th birthday in a leap year", "2008-02-29", "2024-06-28"},
		// 2100 is not a leap year: B = 1 Mar 2100 (as AgeOn), Jan–Aug: last Friday of June
		// 2100; 30 June 2100 is a Wednesday, so Friday 25 June.
		{"29 Feb birth, 16th birthday in a common year is 1 March", "2084-02-29", "2100-06-25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SchoolLeavingDate(day(t, tt.dob)); got != day(t, tt.want) {
				t.Errorf("SchoolLeavingDate(%s) = %s, want %s", tt.dob, got, tt.want)
			}
		})
	}
	if got := SchoolLeavingDate(0); got != 0 {
		t.Errorf("SchoolLeavingDate(no date) = %s, want no date", got)
	}
}

func TestIsSchoolAge(t *testing.T) {
	tests := []struct {
		name    string
		dob, on string
		want    bool
	}{
		{"the last Friday of June itself is school age", "2007-09-23", "2024-06-28", true},
		{"the day after is above school age", "2007-09-23", "2024-06-29", false},
		{"after the 16th birthday but before the June: school age", "2007-09-23", "2023-10-01", true},
		{"aged 17 is above school age", "2007-09-23", "2024-09-23", false},
		{"aged 10 is school age", "2007-09-23", "2017-09-23", true},
		{"31 August birthday: above school age on the 16th birthday", "2002-08-31", "2018-08-31", false},
		{"1 September birthday: school age on the 16th birthday", "2002-09-01", "2018-09-01", true},
		{"no date of birth is not school age", "", "2018-09-01", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var dob Date
			if tt.dob != "" {
				dob = day(t, tt.dob)
			}
			if got := IsSchoolAge(dob, day(t, tt.on)); got != tt.want {
				t.Errorf("IsSchoolAge(%s, %s) = %v, want %v", tt.dob, tt.on, got, tt.want)
			}
		})
	}
}

// TestSchoolLeavingDateShape checks, for every birth date over twelve years, what any
// leaving date must be: a Friday in June, the last one, in the school year (1 Sep – 31 Aug)
// in which AgeOn first gives 16.
func TestSchoolLeavingDateShape(t *testing.T) {
	for dob := New(2000, 1, 1); dob < New(2012, 1, 1); dob++ {
		l := SchoolLeavingDate(dob)
		_, m, _ := l.YMD()
		if l.Weekday() != time.Friday || m != 6 || monthOf(l.AddDays(7)) != 7 {
			t.Fatalf("SchoolLeavingDate(%s) = %s is not the last Friday of June", dob, l)
		}
		// B: the first day AgeOn says 16.
		b := New(dob.Year()+16, 1, 1) - 1
		for AgeOn(dob, b) < 16 {
			b++
		}
		by, bm, _ := b.YMD()
		schoolYearEnd := by // the school year containing B ends in August of this year
		if bm >= 9 {
			schoolYearEnd++
		}
		if l.Year() != schoolYearEnd {
			t.Fatalf("dob %s: B %s, leaving %s not in the school year ending Aug %d", dob, b, l, schoolYearEnd)
		}
	}
}

func monthOf(d Date) int { _, m, _ := d.YMD(); return m }
