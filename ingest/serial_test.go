package ingest

import (
	"testing"

	"github.com/yjsreport/yjsreport/calendar"
)

// TestSerialTimeRoundedToTheMillisecond: a date serial's time is rounded to the millisecond
// before the day is taken (issue 15). 43469 is 4 January 2019 in the 1900 system.
func TestSerialTimeRoundedToTheMillisecond(t *testing.T) {
	tests := []struct {
		name, serial string
		want         calendar.Date
	}{
		{"float noise just below midnight is the next day", "43469.99999999999", d(2019, 1, 5)},
		{"less than half a millisecond before midnight is the next day", "43469.999999995", d(2019, 1, 5)},
		{"one millisecond before midnight is the same day", "43469.99999998843", d(2019, 1, 4)},
		{"23:59:59 is the same day", "43469.999988425923", d(2019, 1, 4)},
		{"noon is the same day", "43469.5", d(2019, 1, 4)},
		{"a whole serial is its day", "43469", d(2019, 1, 4)},
		{"float noise just above midnight is the same day", "43469.00000000001", d(2019, 1, 4)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, fault := parseDate(tt.serial, true, false)
			if fault != dateOK || got != tt.want {
				t.Errorf("parseDate(%q) = %s (%v), want %s", tt.serial, got.UK(), fault, tt.want.UK())
			}
		})
	}
}
