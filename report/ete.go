package report

import (
	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/ingest"
)

// ETECohort returns SPEC 4.3 for quarter q with its 8-quarter trend; cfg gives the full-time
// hours thresholds.
func ETECohort(rows []ingest.ETE, q calendar.Quarter, cfg config.Config) ETE {
	span := newSpan(q, TrendQuarters)
	return eteWithTrend(rows, span, eteCohorts(rows, span), cfg)
}

// eteWithTrend returns SPEC 4.3 for the last quarter of span, with the trend over span, from
// the cohorts of eteCohorts.
func eteWithTrend(rows []ingest.ETE, span quarterSpan, cohorts [][]int32, cfg config.Config) ETE {
	quarters := make([]ETE, span.len())
	for s, idx := range cohorts {
		quarters[s] = eteFigures(rows, idx, cfg)
	}
	e := quarters[len(quarters)-1]
	e.Trend = make([]ETETrend, len(quarters))
	for i, qe := range quarters {
		e.Trend[i] = ETETrend{
			Quarter:                   span.quarter(i).Label(),
			Children:                  qe.Children,
			SuitableEnd:               qe.End.SchoolAge.Suitable + qe.End.AboveSchoolAge.Suitable,
			SchoolAgeChildren:         qe.End.SchoolAge.Children,
			SchoolAgeSuitableEnd:      qe.End.SchoolAge.Suitable,
			AboveSchoolAgeChildren:    qe.End.AboveSchoolAge.Children,
			AboveSchoolAgeSuitableEnd: qe.End.AboveSchoolAge.Suitable,
		}
	}
	return e
}

// eteCohorts returns, for every quarter of span, the ETE cohort of SPEC 4.3 as one row per
// child: the child's chosen row among those whose intervention ends in the quarter. Each
// quarter lists positions in rows, in the order of each child's first such row. SPEC 4.3 and
// 4.6 both count over these rows, so the choice is made here once.
func eteCohorts(rows []ingest.ETE, span quarterSpan) [][]int32 {
	type key struct {
		child string
		slot  int
	}
	// The child's row of a quarter: the one ending last; ties the earlier start, then the
	// first read (rows are in ingest order, so only a strictly better row replaces).
	chosen := map[key]int32{}
	var order []key // first appearance, so the result does not depend on map order
	for i := range rows {
		r := &rows[i]
		s := span.slot(r.InterventionEnd) // an open intervention (no end) is in no cohort
		if s < 0 {
			continue
		}
		k := key{r.ChildID, s}
		b, ok := chosen[k]
		if !ok {
			chosen[k] = int32(i)
			order = append(order, k)
			continue
		}
		c := &rows[b]
		if r.InterventionEnd > c.InterventionEnd ||
			(r.InterventionEnd == c.InterventionEnd && r.InterventionStart < c.InterventionStart) {
			chosen[k] = int32(i)
		}
	}
	out := make([][]int32, span.len())
	for _, k := range order {
		out[k.slot] = append(out[k.slot], chosen[k])
	}
	return out
}

// eteFigures returns SPEC 4.3 (without trend) for one quarter's cohort.
func eteFigures(rows []ingest.ETE, cohort []int32, cfg config.Config) ETE {
	var e ETE
	for _, i := range cohort {
		r := &rows[i]
		e.Children++
		start := &e.Start.AboveSchoolAge
		if calendar.IsSchoolAge(r.DateOfBirth, r.InterventionStart) {
			start = &e.Start.SchoolAge
		}
		addETE(start, r.SuitableStart, r.HoursOfferedStart, r.HoursAttendedStart, threshold(r.DateOfBirth, r.InterventionStart, cfg))
		end := &e.End.AboveSchoolAge
		if calendar.IsSchoolAge(r.DateOfBirth, r.InterventionEnd) {
			end = &e.End.SchoolAge
		}
		addETE(end, r.SuitableEnd, r.HoursOfferedEnd, r.HoursAttendedEnd, threshold(r.DateOfBirth, r.InterventionEnd, cfg))
		switch was, is := r.SuitableStart == ingest.Suitable, r.SuitableEnd == ingest.Suitable; {
		case !was && is:
			e.Movement.Improved++
		case was && !is:
			e.Movement.Declined++
		case was && is:
			e.Movement.StayedSuitable++
		default:
			e.Movement.StayedNotSuitable++
		}
	}
	return e
}

// threshold returns the full-time hours threshold for the child's school age on date on.
func threshold(dob, on calendar.Date, cfg config.Config) float64 {
	if calendar.IsSchoolAge(dob, on) {
		return cfg.FullTimeHoursSchoolAge
	}
	return cfg.FullTimeHoursAboveSchoolAge
}

// addETE adds one child's ETE at a point to its group.
func addETE(g *ETEGroup, s ingest.Suitability, offered, attended ingest.Hours, fullTime float64) {
	g.Children++
	switch s {
	case ingest.Suitable:
		g.Suitable++
	case ingest.Unsuitable:
		g.Unsuitable++
	default:
		g.Unknown++
	}
	switch {
	case !offered.Valid:
		g.NotRecorded++
	case offered.Value >= fullTime:
		g.FullTime++
	case offered.Value > 0:
		g.PartTime++
	default:
		g.None++
	}
	// Sums only over rows with both recorded, so attended/offered is a fair attendance ratio.
	if offered.Valid && attended.Valid {
		g.HoursOffered += offered.Value
		g.HoursAttended += attended.Value
	}
}
