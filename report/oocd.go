package report

import (
	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/ingest"
	"github.com/yjsreport/yjsreport/stats"
)

// OOCDFigures returns SPEC 4.4 for quarter q, counting rows (interventions): decisions,
// completions and assessment timeliness. Working days use hol; an assessment is on time
// within limit working days of the referral; asOf decides overdue against pending.
func OOCDFigures(rows []ingest.OOCD, q calendar.Quarter, asOf calendar.Date, hol *calendar.Holidays, limit int) OOCD {
	o := OOCD{
		Decided:    OOCDDecided{ByType: map[string]int{}},
		Completion: OOCDCompletion{ByType: map[string]CompletionByType{}},
	}
	start, end := q.Start(), q.End()
	in := func(d calendar.Date) bool { return d != 0 && d >= start && d <= end }
	var days []float64
	for i := range rows {
		r := &rows[i]
		typ := string(r.OutcomeType)
		if in(r.DecisionDate) {
			d := &o.Decided
			d.Total++
			d.ByType[typ]++
			if r.AtPanel == ingest.Yes {
				d.AtPanel++
			}
			if r.VictimIdentified == ingest.Yes {
				d.VictimIdentified++
				if r.VictimViewsSought == ingest.Yes {
					d.VictimViewsSought++
				}
			}
		}
		if in(r.InterventionEnd) {
			c := &o.Completion
			bt := c.ByType[typ]
			switch r.Completion {
			case ingest.Completed:
				c.Completed++
				bt.Completed++
			case ingest.NotCompleted:
				c.NotCompleted++
				bt.NotCompleted++
			case ingest.Neutral:
				c.Neutral++
				bt.Neutral++
			default:
				c.NotRecorded++
				bt.NotRecorded++
			}
			c.ByType[typ] = bt
		}
		if in(r.ReferralDate) {
			t := &o.Timeliness
			t.Referrals++
			switch {
			case r.AssessmentDate != 0:
				wd := hol.WorkingDaysBetween(r.ReferralDate, r.AssessmentDate)
				days = append(days, float64(wd))
				if wd <= limit {
					t.OnTime++
				} else {
					t.Late++
				}
			case hol.WorkingDaysBetween(r.ReferralDate, asOf) > limit:
				t.Overdue++
			default:
				t.Pending++
			}
		}
	}
	c := &o.Completion
	c.Rate = ratio(c.Completed, c.Completed+c.NotCompleted)
	t := &o.Timeliness
	t.Rate = ratio(t.OnTime, t.OnTime+t.Late+t.Overdue)
	if m, ok := stats.Median(days); ok {
		t.MedianWorkingDays = &m
	}
	return o
}

// VictimFigures returns SPEC 4.5 for quarter q: rows with closure_date in q, each count a
// count of rows saying yes; the rate is consented and engaged over consented.
func VictimFigures(rows []ingest.Victim, q calendar.Quarter) Victims {
	var v Victims
	start, end := q.Start(), q.End()
	for i := range rows {
		r := &rows[i]
		if r.ClosureDate < start || r.ClosureDate > end {
			continue
		}
		v.Victims++
		if r.ConsentedToContact == ingest.Yes {
			v.Consented++
			if r.RJEngaged == ingest.Yes {
				v.RJEngagedAndConsented++
			}
		}
		if r.ViewsSought == ingest.Yes {
			v.ViewsSought++
		}
		if r.RJOffered == ingest.Yes {
			v.RJOffered++
		}
		if r.RJEngaged == ingest.Yes {
			v.RJEngaged++
		}
	}
	v.Rate = ratio(v.RJEngagedAndConsented, v.Consented)
	return v
}
