package report

import (
	"testing"

	"github.com/yjsreport/yjsreport/ingest"
)

func TestBoardAttendance(t *testing.T) {
	Y, N, B := ingest.Yes, ingest.No, ingest.Blank
	row := func(date, partner string, attended, senior ingest.YesNo) ingest.Attendance {
		return ingest.Attendance{MeetingDate: d(date), Partner: partner, Attended: attended, Senior: senior}
	}
	rows := []ingest.Attendance{
		row("2018-10-15", "Police", Y, Y),
		row("2018-10-15", "Health", N, Y), // senior but absent: not senior attendance
		row("2018-10-15", "Education", Y, B),
		row("2018-12-10", "Police", Y, N),
		row("2018-12-10", "Health", Y, Y),
		row("2018-12-10", "police", N, B),    // partner text as written: a partner of its own
		row("2018-09-20", "Police", Y, Y),    // the quarter before
		row("2019-01-02", "Probation", Y, Y), // the quarter after
	}
	b := BoardAttendanceIn(rows, quarter("2018/19 Q3"))

	t.Run("meetings are distinct dates; expected counts rows; senior needs attended and senior yes", func(t *testing.T) {
		if b.Meetings != 2 || b.Expected != 6 || b.Attended != 4 || b.Senior != 2 {
			t.Errorf("meetings %d expected %d attended %d senior %d, want 2, 6, 4, 2", b.Meetings, b.Expected, b.Attended, b.Senior)
		}
	})
	t.Run("rate = attended / expected; senior rate = senior / expected", func(t *testing.T) {
		checkF(t, "rate", b.Rate, ptr(4.0/6))
		checkF(t, "senior rate", b.SeniorRate, ptr(2.0/6))
	})
	t.Run("by partner as written", func(t *testing.T) {
		want := map[string]PartnerAttendance{
			"Police": {Expected: 2, Attended: 2}, "Health": {Expected: 2, Attended: 1},
			"Education": {Expected: 1, Attended: 1}, "police": {Expected: 1, Attended: 0},
		}
		if len(b.ByPartner) != len(want) {
			t.Errorf("by partner %v, want %v", b.ByPartner, want)
		}
		for k, w := range want {
			if b.ByPartner[k] != w {
				t.Errorf("partner %q = %+v, want %+v", k, b.ByPartner[k], w)
			}
		}
	})
	t.Run("no meeting in the quarter: zeros and null rates", func(t *testing.T) {
		e := BoardAttendanceIn(rows, quarter("2017/18 Q3"))
		if e.Meetings != 0 || e.Expected != 0 || e.Rate != nil || e.SeniorRate != nil || e.ByPartner == nil {
			t.Errorf("empty quarter %+v, want zeros, null rates and an empty map", e)
		}
	})
}
