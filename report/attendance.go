package report

import (
	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/ingest"
)

// BoardAttendanceIn returns SPEC 4.8 for quarter q: rows with meeting_date in q, each row one
// statutory partner expected at one meeting. These are counts of organisations, not children.
func BoardAttendanceIn(rows []ingest.Attendance, q calendar.Quarter) BoardAttendance {
	b := BoardAttendance{ByPartner: map[string]PartnerAttendance{}}
	meetings := map[calendar.Date]bool{}
	for i := range rows {
		r := &rows[i]
		if !q.Contains(r.MeetingDate) {
			continue
		}
		meetings[r.MeetingDate] = true
		b.Expected++
		p := b.ByPartner[r.Partner]
		p.Expected++
		if r.Attended == ingest.Yes {
			b.Attended++
			p.Attended++
			if r.Senior == ingest.Yes {
				b.Senior++
			}
		}
		b.ByPartner[r.Partner] = p
	}
	b.Meetings = len(meetings)
	b.Rate = ratio(b.Attended, b.Expected)
	b.SeniorRate = ratio(b.Senior, b.Expected)
	return b
}
