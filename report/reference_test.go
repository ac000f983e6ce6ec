package report_test

// An independent differential check of report.Compute. The ref* functions below are a
// second, deliberately naive (quadratic) implementation of SPEC §2 and §4, written from the
// SPEC text alone; TestComputeMatchesReference feeds both the same seeded random datasets,
// dense in edge cases, and compares every figure, the SPEC v2 ones (§3.6 missing extracts,
// §4.6–§4.9) included. The only production code the reference leans on is the calendar
// (AddMonths, AgeOn, IsSchoolAge, bank holidays), stats.Median, stats.CompareProportions (for
// "significantly worse") and the output structs; the generator also reads
// config.TargetNames.

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/ingest"
	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/stats"
)

// ---------------------------------------------------------------------------------------
// The reference.

// refTierOf is SPEC §3.1's table, written out again rather than taken from ingest so the
// reference shares no logic with the code it checks.
var refTierOf = map[ingest.Outcome]string{
	"community_resolution":       "pre_court",
	"outcome_22":                 "pre_court",
	"youth_caution":              "pre_court",
	"youth_conditional_caution":  "pre_court",
	"discharge":                  "first_tier",
	"fine":                       "first_tier",
	"referral_order":             "first_tier",
	"reparation_order":           "first_tier",
	"youth_rehabilitation_order": "community",
	"detention_training_order":   "custody",
	"long_term_detention":        "custody",
}

// refTierRank orders tiers for "the most serious tier" (custody > community > first_tier > pre_court).
var refTierRank = map[string]int{"pre_court": 1, "first_tier": 2, "community": 3, "custody": 4}

// refFormal is the "formal" column of SPEC §3.1.
func refFormal(o ingest.Outcome) bool {
	return refTierOf[o] != "" && o != "community_resolution" && o != "outcome_22"
}

// refEligible is SPEC 4.1: formal and not a breach; in live mode CR and O22 too.
func refEligible(r ingest.Disposal, live bool) bool {
	if r.Breach == ingest.Yes {
		return false
	}
	return refFormal(r.OutcomeType) || (live && (r.OutcomeType == "community_resolution" || r.OutcomeType == "outcome_22"))
}

// refIndexDate is SPEC 4.1: release_date for custody rows (zero when none), else outcome_date.
func refIndexDate(r ingest.Disposal) calendar.Date {
	if refTierOf[r.OutcomeType] == "custody" {
		return r.ReleaseDate
	}
	return r.OutcomeDate
}

func inQ(q calendar.Quarter, d calendar.Date) bool { return d != 0 && d >= q.Start() && d <= q.End() }

func ratio(a, b int) *float64 {
	if b == 0 {
		return nil
	}
	v := float64(a) / float64(b)
	return &v
}

func refAgeBand(age int) string {
	switch {
	case age <= 14:
		return "10-14"
	case age <= 17:
		return "15-17"
	}
	return "18+"
}

// refCohort is one quarterly reoffending cohort of SPEC 4.1.
func refCohort(rows []ingest.Disposal, cq calendar.Quarter, asOf calendar.Date, live bool) report.Cohort {
	c := report.Cohort{Quarter: cq.Label(), Start: cq.Start().String(), End: cq.End().String(), Status: "provisional"}
	// "mature when as-of ≥ its last day + 18 months"
	if asOf >= cq.End().AddMonths(18) {
		c.Status = "mature"
	}
	c.By = report.CohortBreakdowns{Tier: map[string]report.Counts{}, Gender: map[string]report.Counts{},
		AgeBand: map[string]report.Counts{}, Ethnicity: map[string]report.Counts{}, Locality: map[string]report.Counts{}}
	add := func(m map[string]report.Counts, k string, n int) {
		x := m[k]
		x.Children++
		if n > 0 {
			x.Reoffenders++
		}
		x.Reoffences += n
		m[k] = x
	}
	var days []float64
	seen := map[string]bool{}
	for _, child := range rows {
		id := child.ChildID
		if seen[id] {
			continue
		}
		seen[id] = true
		var index calendar.Date
		for _, r := range rows {
			if r.ChildID == id && refEligible(r, live) {
				if x := refIndexDate(r); inQ(cq, x) && (index == 0 || x < index) {
					index = x
				}
			}
		}
		if index == 0 {
			continue
		}
		var ir *ingest.Disposal
		for i := range rows {
			r := &rows[i]
			if r.ChildID == id && refEligible(*r, live) && refIndexDate(*r) == index {
				if ir == nil || refTierRank[refTierOf[r.OutcomeType]] > refTierRank[refTierOf[ir.OutcomeType]] {
					ir = r
				}
			}
		}
		n := 0
		var first calendar.Date
		lim12, lim18 := index.AddMonths(12), index.AddMonths(18)
		for _, r := range rows {
			if r.ChildID == id && refEligible(r, live) && r.OffenceDate > index && r.OffenceDate <= lim12 && r.OutcomeDate <= lim18 {
				n++
				if first == 0 || r.OffenceDate < first {
					first = r.OffenceDate
				}
			}
		}
		c.Children++
		c.Reoffences += n
		if n > 0 {
			c.Reoffenders++
			days = append(days, float64(first-index))
		}
		add(c.By.Tier, refTierOf[ir.OutcomeType], n)
		add(c.By.Gender, ir.Gender, n)
		add(c.By.Ethnicity, ir.Ethnicity, n)
		add(c.By.Locality, ir.Locality, n)
		add(c.By.AgeBand, refAgeBand(calendar.AgeOn(ir.DateOfBirth, index)), n)
	}
	c.BinaryRate = ratio(c.Reoffenders, c.Children)
	c.FrequencyRate = ratio(c.Reoffences, c.Children)
	c.ReoffencesPerReoffender = ratio(c.Reoffences, c.Reoffenders)
	if m, ok := stats.Median(days); ok {
		c.MedianDaysToFirstReoffence = &m
	}
	return c
}

func refReoffending(rows []ingest.Disposal, q calendar.Quarter, asOf calendar.Date, mode string) report.Reoffending {
	out := report.Reoffending{Mode: mode}
	for k := -7; k <= 0; k++ {
		c := refCohort(rows, q.Add(k), asOf, mode == "live")
		if c.Status == "mature" {
			l := c.Quarter
			out.Headline = &l
		}
		out.Cohorts = append(out.Cohorts, c)
	}
	return out
}

// refFirstEntries maps each first time entrant to the outcome date of their first formal,
// non-breach row, when they were 10–17 on it (SPEC 4.2).
func refFirstEntries(rows []ingest.Disposal) map[string]calendar.Date {
	first := map[string]calendar.Date{}
	dob := map[string]calendar.Date{}
	for _, r := range rows {
		if !refFormal(r.OutcomeType) || r.Breach == ingest.Yes {
			continue
		}
		if f, ok := first[r.ChildID]; !ok || r.OutcomeDate < f {
			first[r.ChildID] = r.OutcomeDate
			dob[r.ChildID] = r.DateOfBirth
		}
	}
	for id, f := range first {
		if a := calendar.AgeOn(dob[id], f); a < 10 || a > 17 {
			delete(first, id)
		}
	}
	return first
}

func refFTECount(first map[string]calendar.Date, from, to calendar.Date) int {
	n := 0
	for _, f := range first {
		if f >= from && f <= to {
			n++
		}
	}
	return n
}

// refCustody counts distinct (child, outcome_date) pairs of custody and of court tiers in q.
func refCustody(rows []ingest.Disposal, q calendar.Quarter) (custody, court int) {
	type pair struct {
		id string
		d  calendar.Date
	}
	cs, ct := map[pair]bool{}, map[pair]bool{}
	for _, r := range rows {
		if !inQ(q, r.OutcomeDate) {
			continue
		}
		t := refTierOf[r.OutcomeType]
		if t == "custody" {
			cs[pair{r.ChildID, r.OutcomeDate}] = true
		}
		if t == "first_tier" || t == "community" || t == "custody" {
			ct[pair{r.ChildID, r.OutcomeDate}] = true
		}
	}
	return len(cs), len(ct)
}

func refSeriousViolence(rows []ingest.Disposal, q calendar.Quarter) report.SeriousViolence {
	var sv report.SeriousViolence
	for _, r := range rows {
		if !refFormal(r.OutcomeType) || r.Breach == ingest.Yes || !inQ(q, r.OutcomeDate) || r.GravityScore < 5 {
			continue
		}
		switch r.OffenceCategory {
		case "violence_against_the_person", "robbery", "drugs":
		default:
			continue
		}
		sv.Offences++
		switch a := calendar.AgeOn(r.DateOfBirth, r.OutcomeDate); {
		case a >= 10 && a <= 15:
			sv.Age10to15++
		case a >= 16 && a <= 17:
			sv.Age16to17++
		}
	}
	return sv
}

// refETERows picks each child's row of the ETE cohort of q: ending in q, the one ending last,
// ties the earlier start, then the first read.
func refETERows(rows []ingest.ETE, q calendar.Quarter) []ingest.ETE {
	var out []ingest.ETE
	seen := map[string]bool{}
	for _, c := range rows {
		if seen[c.ChildID] {
			continue
		}
		seen[c.ChildID] = true
		var best *ingest.ETE
		for i := range rows {
			r := &rows[i]
			if r.ChildID != c.ChildID || !inQ(q, r.InterventionEnd) {
				continue
			}
			if best == nil || r.InterventionEnd > best.InterventionEnd ||
				(r.InterventionEnd == best.InterventionEnd && r.InterventionStart < best.InterventionStart) {
				best = r
			}
		}
		if best != nil {
			out = append(out, *best)
		}
	}
	return out
}

func refETEAdd(g *report.ETEGroup, s ingest.Suitability, off, att ingest.Hours, fullTime float64) {
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
	case !off.Valid:
		g.NotRecorded++
	case off.Value >= fullTime:
		g.FullTime++
	case off.Value > 0:
		g.PartTime++
	default:
		g.None++
	}
	if off.Valid && att.Valid {
		g.HoursOffered += off.Value
		g.HoursAttended += att.Value
	}
}

func refETE(rows []ingest.ETE, q calendar.Quarter, cfg config.Config) report.ETE {
	var e report.ETE
	pick := func(p *report.ETEPoint, dob, on calendar.Date) (*report.ETEGroup, float64) {
		if calendar.IsSchoolAge(dob, on) {
			return &p.SchoolAge, cfg.FullTimeHoursSchoolAge
		}
		return &p.AboveSchoolAge, cfg.FullTimeHoursAboveSchoolAge
	}
	for _, r := range refETERows(rows, q) {
		e.Children++
		g, ft := pick(&e.Start, r.DateOfBirth, r.InterventionStart)
		refETEAdd(g, r.SuitableStart, r.HoursOfferedStart, r.HoursAttendedStart, ft)
		g, ft = pick(&e.End, r.DateOfBirth, r.InterventionEnd)
		refETEAdd(g, r.SuitableEnd, r.HoursOfferedEnd, r.HoursAttendedEnd, ft)
		s, f := r.SuitableStart == ingest.Suitable, r.SuitableEnd == ingest.Suitable
		switch {
		case !s && f:
			e.Movement.Improved++
		case s && !f:
			e.Movement.Declined++
		case s && f:
			e.Movement.StayedSuitable++
		default:
			e.Movement.StayedNotSuitable++
		}
	}
	for k := -7; k <= 0; k++ {
		tq := q.Add(k)
		tr := report.ETETrend{Quarter: tq.Label()}
		for _, r := range refETERows(rows, tq) {
			tr.Children++
			suit := r.SuitableEnd == ingest.Suitable
			if suit {
				tr.SuitableEnd++
			}
			if calendar.IsSchoolAge(r.DateOfBirth, r.InterventionEnd) {
				tr.SchoolAgeChildren++
				if suit {
					tr.SchoolAgeSuitableEnd++
				}
			} else {
				tr.AboveSchoolAgeChildren++
				if suit {
					tr.AboveSchoolAgeSuitableEnd++
				}
			}
		}
		e.Trend = append(e.Trend, tr)
	}
	return e
}

// refWorkingDays counts days d with a < d ≤ b that are Monday–Friday and not bank holidays,
// one day at a time.
func refWorkingDays(h *calendar.Holidays, a, b calendar.Date) int {
	n := 0
	for d := a + 1; d <= b; d++ {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday && !h.IsHoliday(d) {
			n++
		}
	}
	return n
}

func refOOCD(rows []ingest.OOCD, q calendar.Quarter, asOf calendar.Date, cfg config.Config) report.OOCD {
	return refOOCDWith(calendar.NewHolidays(cfg.ExtraBankHolidays, cfg.RemovedBankHolidays), rows, q, asOf, cfg)
}

func refOOCDWith(h *calendar.Holidays, rows []ingest.OOCD, q calendar.Quarter, asOf calendar.Date, cfg config.Config) report.OOCD {
	var o report.OOCD
	o.Decided.ByType = map[string]int{}
	o.Completion.ByType = map[string]report.CompletionByType{}
	var wds []float64
	for _, r := range rows {
		if inQ(q, r.DecisionDate) {
			o.Decided.Total++
			o.Decided.ByType[string(r.OutcomeType)]++
			if r.AtPanel == ingest.Yes {
				o.Decided.AtPanel++
			}
			if r.VictimIdentified == ingest.Yes {
				o.Decided.VictimIdentified++
				if r.VictimViewsSought == ingest.Yes {
					o.Decided.VictimViewsSought++
				}
			}
		}
		if inQ(q, r.InterventionEnd) {
			bt := o.Completion.ByType[string(r.OutcomeType)]
			switch r.Completion {
			case ingest.Completed:
				o.Completion.Completed++
				bt.Completed++
			case ingest.NotCompleted:
				o.Completion.NotCompleted++
				bt.NotCompleted++
			case ingest.Neutral:
				o.Completion.Neutral++
				bt.Neutral++
			default:
				o.Completion.NotRecorded++
				bt.NotRecorded++
			}
			o.Completion.ByType[string(r.OutcomeType)] = bt
		}
		if inQ(q, r.ReferralDate) {
			t := &o.Timeliness
			t.Referrals++
			switch {
			case r.AssessmentDate != 0:
				wd := refWorkingDays(h, r.ReferralDate, r.AssessmentDate)
				wds = append(wds, float64(wd))
				if wd <= cfg.AssessmentWorkingDays {
					t.OnTime++
				} else {
					t.Late++
				}
			case refWorkingDays(h, r.ReferralDate, asOf) > cfg.AssessmentWorkingDays:
				t.Overdue++
			default:
				t.Pending++
			}
		}
	}
	o.Completion.Rate = ratio(o.Completion.Completed, o.Completion.Completed+o.Completion.NotCompleted)
	t := &o.Timeliness
	t.Rate = ratio(t.OnTime, t.OnTime+t.Late+t.Overdue)
	if m, ok := stats.Median(wds); ok {
		t.MedianWorkingDays = &m
	}
	return o
}

func refVictims(ds *ingest.Dataset, q calendar.Quarter) *report.Victims {
	if !ds.HasVictims {
		return nil
	}
	v := &report.Victims{}
	for _, r := range ds.Victims {
		if !inQ(q, r.ClosureDate) {
			continue
		}
		v.Victims++
		yes := func(y ingest.YesNo, n *int) {
			if y == ingest.Yes {
				*n++
			}
		}
		yes(r.ConsentedToContact, &v.Consented)
		yes(r.ViewsSought, &v.ViewsSought)
		yes(r.RJOffered, &v.RJOffered)
		yes(r.RJEngaged, &v.RJEngaged)
		if r.ConsentedToContact == ingest.Yes && r.RJEngaged == ingest.Yes {
			v.RJEngagedAndConsented++
		}
	}
	v.Rate = ratio(v.RJEngagedAndConsented, v.Consented)
	return v
}

// refMissing is SPEC 3.6: the core kinds, in the order disposals, ete, oocd, of which no
// sheet was read.
func refMissing(ds *ingest.Dataset) []string {
	out := []string{}
	for _, k := range []ingest.Kind{"disposals", "ete", "oocd"} {
		if !slices.ContainsFunc(ds.Inputs, func(in ingest.Input) bool { return in.Kind == k }) {
			out = append(out, string(k))
		}
	}
	return out
}

// refNeeds is SPEC 4.6 for quarter q on the ETE cohort's chosen rows. A block is reported
// when some accepted ete row, of any date, has a value in one of its columns; with keep
// (the ete extract missing, where OUTPUT.md keeps every block's shape with 0 counts and null
// rates, or for a series point) it is reported whatever the rows record.
func refNeeds(ds *ingest.Dataset, q calendar.Quarter, keep bool) (*report.Accommodation, *report.SEND, *report.Cascade, *report.Cascade, *report.WiderServices) {
	recorded := func(f func(r ingest.ETE) bool) bool { return keep || slices.ContainsFunc(ds.ETE, f) }
	yes := func(v ingest.YesNo) bool { return v == ingest.Yes }
	given := func(vs ...ingest.YesNo) bool {
		return slices.ContainsFunc(vs, func(v ingest.YesNo) bool { return v != ingest.Blank })
	}
	rows := refETERows(ds.ETE, q)
	n := len(rows)

	var acc *report.Accommodation
	if recorded(func(r ingest.ETE) bool { return r.AccommodationRecorded }) {
		acc = &report.Accommodation{Children: n}
		tally := func(p *report.AccommodationPoint, s ingest.Suitability) {
			switch s {
			case ingest.Suitable:
				p.Suitable++
			case ingest.Unsuitable:
				p.Unsuitable++
			default:
				p.Unknown++
			}
		}
		for _, r := range rows {
			tally(&acc.Start, r.AccommodationStart)
			tally(&acc.End, r.AccommodationEnd)
		}
		acc.Rate = ratio(acc.End.Suitable, n)
	}

	var send *report.SEND
	if recorded(func(r ingest.ETE) bool { return given(r.SENDIdentified, r.LearningPlan) }) {
		send = &report.SEND{Children: n}
		for _, r := range rows {
			if r.SENDIdentified == ingest.Blank {
				send.NotRecorded++
			}
			if !yes(r.SENDIdentified) {
				continue
			}
			send.Identified++
			if r.SuitableEnd == ingest.Suitable {
				send.SuitableETEEnd++
			}
			if yes(r.LearningPlan) {
				send.LearningPlan++
			}
			if r.SuitableEnd == ingest.Suitable && yes(r.LearningPlan) {
				send.Both++
			}
		}
		send.Rate = ratio(send.Both, send.Identified)
	}

	cascade := func(cols func(r ingest.ETE) [3]ingest.YesNo) *report.Cascade {
		if !recorded(func(r ingest.ETE) bool { c := cols(r); return given(c[0], c[1], c[2]) }) {
			return nil
		}
		c := &report.Cascade{Children: n}
		for _, r := range rows {
			v := cols(r)
			if yes(v[0]) {
				c.Need++
			}
			if yes(v[0]) && yes(v[1]) {
				c.Offered++
			}
			if yes(v[0]) && yes(v[1]) && yes(v[2]) {
				c.Attending++
			}
		}
		c.NeedRate, c.OfferedRate = ratio(c.Need, n), ratio(c.Offered, c.Need)
		c.AttendingRate, c.NeedMetRate = ratio(c.Attending, c.Offered), ratio(c.Attending, c.Need)
		return c
	}
	mh := cascade(func(r ingest.ETE) [3]ingest.YesNo {
		return [3]ingest.YesNo{r.MentalHealthNeed, r.MentalHealthOffered, r.MentalHealthAttending}
	})
	sm := cascade(func(r ingest.ETE) [3]ingest.YesNo {
		return [3]ingest.YesNo{r.SubstanceNeed, r.SubstanceOffered, r.SubstanceAttending}
	})

	var ws *report.WiderServices
	if recorded(func(r ingest.ETE) bool {
		return given(r.LookedAfterEnd, r.ChildProtectionEnd, r.ChildInNeedEnd, r.EarlyHelpEnd)
	}) {
		ws = &report.WiderServices{Children: n}
		for _, r := range rows {
			if yes(r.LookedAfterEnd) {
				ws.LookedAfter++
			}
			if yes(r.ChildProtectionEnd) {
				ws.ChildProtection++
			}
			if yes(r.ChildInNeedEnd) {
				ws.ChildInNeed++
			}
			if yes(r.EarlyHelpEnd) {
				ws.EarlyHelp++
			}
			if yes(r.LookedAfterEnd) || yes(r.ChildProtectionEnd) || yes(r.ChildInNeedEnd) || yes(r.EarlyHelpEnd) {
				ws.Any++
			}
		}
		ws.Rate = ratio(ws.Any, n)
	}
	return acc, send, mh, sm, ws
}

// refClass is SPEC 4.7's answer classes.
func refClass(a ingest.Answer) string {
	switch a {
	case "strongly_agree", "agree", "yes":
		return "positive"
	case "disagree", "strongly_disagree", "no":
		return "negative"
	case "neither", "dont_know":
		return "neutral"
	}
	return "not_answered"
}

// refFeedbackCounts counts answers rows by class; rate = positive / (positive + neutral + negative).
func refFeedbackCounts(rows []ingest.FeedbackAnswer) report.FeedbackCounts {
	var c report.FeedbackCounts
	ids := map[string]bool{}
	for _, r := range rows {
		ids[r.ResponseID] = true
		switch refClass(r.Answer) {
		case "positive":
			c.Positive++
		case "negative":
			c.Negative++
		case "neutral":
			c.Neutral++
		default:
			c.NotAnswered++
		}
	}
	c.Responses = len(ids)
	c.Rate = ratio(c.Positive, c.Positive+c.Neutral+c.Negative)
	return c
}

// refFeedbackRows returns the answers of one respondent completed in q, in reading order.
func refFeedbackRows(rows []ingest.FeedbackAnswer, q calendar.Quarter, who ingest.Respondent) []ingest.FeedbackAnswer {
	var out []ingest.FeedbackAnswer
	for _, r := range rows {
		if r.Respondent == who && inQ(q, r.CompletedDate) {
			out = append(out, r)
		}
	}
	return out
}

// refFeedback is SPEC 4.7 for quarter q, or nil without the extract.
func refFeedback(ds *ingest.Dataset, q calendar.Quarter) *report.Feedback {
	if !ds.HasFeedback {
		return nil
	}
	f := &report.Feedback{Questions: []report.FeedbackQuestion{}}
	f.Respondents.Child = refFeedbackCounts(refFeedbackRows(ds.Feedback, q, "child"))
	f.Respondents.ParentCarer = refFeedbackCounts(refFeedbackRows(ds.Feedback, q, "parent_carer"))
	for _, who := range []ingest.Respondent{"child", "parent_carer"} {
		rows := refFeedbackRows(ds.Feedback, q, who)
		var seen []string
		for _, r := range rows {
			if text := strings.TrimSpace(r.Question); !slices.Contains(seen, text) {
				seen = append(seen, text)
			}
		}
		for _, text := range seen {
			var mine []ingest.FeedbackAnswer
			for _, r := range rows {
				if strings.TrimSpace(r.Question) == text {
					mine = append(mine, r)
				}
			}
			c := refFeedbackCounts(mine)
			f.Questions = append(f.Questions, report.FeedbackQuestion{Respondent: string(who), Question: text,
				Positive: c.Positive, Neutral: c.Neutral, Negative: c.Negative, NotAnswered: c.NotAnswered, Rate: c.Rate})
		}
	}
	kids := map[string]bool{}
	for _, r := range refFeedbackRows(ds.Feedback, q, "child") {
		if r.ChildID != "" {
			kids[r.ChildID] = true
		}
	}
	f.Children = len(kids)
	for k := -7; k <= 0; k++ {
		tq := q.Add(k)
		f.Trend = append(f.Trend, report.FeedbackTrend{Quarter: tq.Label(),
			Child:       refFeedbackCounts(refFeedbackRows(ds.Feedback, tq, "child")).Responses,
			ParentCarer: refFeedbackCounts(refFeedbackRows(ds.Feedback, tq, "parent_carer")).Responses})
	}
	return f
}

// refAttendance is SPEC 4.8 for quarter q, or nil without the extract.
func refAttendance(ds *ingest.Dataset, q calendar.Quarter) *report.BoardAttendance {
	if !ds.HasAttendance {
		return nil
	}
	b := &report.BoardAttendance{ByPartner: map[string]report.PartnerAttendance{}}
	var dates []calendar.Date
	for _, r := range ds.Attendance {
		if !inQ(q, r.MeetingDate) {
			continue
		}
		if !slices.Contains(dates, r.MeetingDate) {
			dates = append(dates, r.MeetingDate)
		}
		b.Expected++
		p := b.ByPartner[r.Partner]
		p.Expected++
		if r.Attended == ingest.Yes {
			b.Attended++
			p.Attended++
		}
		if r.Attended == ingest.Yes && r.Senior == ingest.Yes {
			b.Senior++
		}
		b.ByPartner[r.Partner] = p
	}
	b.Meetings = len(dates)
	b.Rate, b.SeniorRate = ratio(b.Attended, b.Expected), ratio(b.Senior, b.Expected)
	return b
}

// refNames is SPEC 4.9's table of headline names, in order, with whether each is a
// proportion (tested for significance; §3.8 says frequency and FTE are not rates).
var refNames = []struct {
	name       string
	proportion bool
	lower      bool // lower is better (by default)
}{
	{"binary_reoffending_rate", true, true}, {"frequency_rate", false, true},
	{"fte_rate_per_100k", false, true}, {"custody_share", true, true},
	{"ete_suitable_end", true, false}, {"ete_suitable_end_school_age", true, false},
	{"ete_suitable_end_above_school_age", true, false}, {"oocd_completion_rate", true, false},
	{"oocd_timeliness_rate", true, false}, {"victim_rj_rate", true, false},
	{"accommodation_suitable_end", true, false}, {"send_suitable_ete_with_plan", true, false},
	{"mental_health_need_met", true, false}, {"substance_misuse_need_met", true, false},
	{"wider_services_end", true, false}, {"feedback_positive_rate", true, false},
	{"board_attendance_rate", true, false},
}

// refPoint is one series point with whole-number N and D: nd[2] is false when D is null.
type refPoint struct {
	q      calendar.Quarter
	n, d   int
	hasD   bool
	absent bool // the extract it depends on is missing: value, N and D null
}

func (p refPoint) value(per float64) *float64 {
	if p.absent || !p.hasD || p.d == 0 {
		return nil
	}
	v := float64(p.n) / float64(p.d) * per
	return &v
}

// refSeries is SPEC 4.9's series: for each headline name whose block is present, the 8
// quarters ending with its period (for the reoffending pair, the 8 cohorts ending with the
// headline cohort; none without one).
func refSeries(ds *ingest.Dataset, q calendar.Quarter, asOf calendar.Date, cfg config.Config) map[string][]refPoint {
	missing := refMissing(ds)
	gone := func(k string) bool { return slices.Contains(missing, k) }
	out := map[string][]refPoint{}
	each := func(name, core string, f func(tq calendar.Quarter) (n, d int)) {
		for k := -7; k <= 0; k++ {
			tq := q.Add(k)
			n, d := f(tq)
			out[name] = append(out[name], refPoint{q: tq, n: n, d: d, hasD: true, absent: core != "" && gone(core)})
		}
	}

	out["binary_reoffending_rate"], out["frequency_rate"] = []refPoint{}, []refPoint{}
	if h := refReoffending(ds.Disposals, q, asOf, cfg.ReoffendingMode).Headline; h != nil {
		hq, _ := calendar.ParseQuarter(*h)
		for k := -7; k <= 0; k++ {
			c := refCohort(ds.Disposals, hq.Add(k), asOf, cfg.ReoffendingMode == "live")
			out["binary_reoffending_rate"] = append(out["binary_reoffending_rate"],
				refPoint{q: hq.Add(k), n: c.Reoffenders, d: c.Children, hasD: true, absent: gone("disposals")})
			out["frequency_rate"] = append(out["frequency_rate"],
				refPoint{q: hq.Add(k), n: c.Reoffences, d: c.Children, hasD: true, absent: gone("disposals")})
		}
	}
	first := refFirstEntries(ds.Disposals)
	each("fte_rate_per_100k", "disposals", func(tq calendar.Quarter) (int, int) {
		return refFTECount(first, tq.Add(-3).Start(), tq.End()), cfg.Population1017
	})
	if cfg.Population1017 <= 0 {
		for i := range out["fte_rate_per_100k"] {
			out["fte_rate_per_100k"][i].hasD = false
		}
	}
	each("custody_share", "disposals", func(tq calendar.Quarter) (int, int) { return refCustody(ds.Disposals, tq) })
	endOf := func(tq calendar.Quarter, school int) (n, d int) {
		for _, r := range refETERows(ds.ETE, tq) {
			s := calendar.IsSchoolAge(r.DateOfBirth, r.InterventionEnd)
			if school == 0 || (school == 1) == s {
				d++
				if r.SuitableEnd == ingest.Suitable {
					n++
				}
			}
		}
		return n, d
	}
	each("ete_suitable_end", "ete", func(tq calendar.Quarter) (int, int) { return endOf(tq, 0) })
	each("ete_suitable_end_school_age", "ete", func(tq calendar.Quarter) (int, int) { return endOf(tq, 1) })
	each("ete_suitable_end_above_school_age", "ete", func(tq calendar.Quarter) (int, int) { return endOf(tq, 2) })
	hol := calendar.NewHolidays(cfg.ExtraBankHolidays, cfg.RemovedBankHolidays)
	each("oocd_completion_rate", "oocd", func(tq calendar.Quarter) (int, int) {
		c := refOOCDWith(hol, ds.OOCD, tq, asOf, cfg).Completion
		return c.Completed, c.Completed + c.NotCompleted
	})
	each("oocd_timeliness_rate", "oocd", func(tq calendar.Quarter) (int, int) {
		t := refOOCDWith(hol, ds.OOCD, tq, asOf, cfg).Timeliness
		return t.OnTime, t.OnTime + t.Late + t.Overdue
	})
	if ds.HasVictims {
		each("victim_rj_rate", "", func(tq calendar.Quarter) (int, int) {
			v := refVictims(ds, tq)
			return v.RJEngagedAndConsented, v.Consented
		})
	}
	acc, send, mh, sm, ws := refNeeds(ds, q, gone("ete"))
	if acc != nil {
		each("accommodation_suitable_end", "ete", func(tq calendar.Quarter) (int, int) {
			a, _, _, _, _ := refNeeds(ds, tq, true)
			return a.End.Suitable, a.Children
		})
	}
	if send != nil {
		each("send_suitable_ete_with_plan", "ete", func(tq calendar.Quarter) (int, int) {
			_, s, _, _, _ := refNeeds(ds, tq, true)
			return s.Both, s.Identified
		})
	}
	if mh != nil {
		each("mental_health_need_met", "ete", func(tq calendar.Quarter) (int, int) {
			_, _, c, _, _ := refNeeds(ds, tq, true)
			return c.Attending, c.Need
		})
	}
	if sm != nil {
		each("substance_misuse_need_met", "ete", func(tq calendar.Quarter) (int, int) {
			_, _, _, c, _ := refNeeds(ds, tq, true)
			return c.Attending, c.Need
		})
	}
	if ws != nil {
		each("wider_services_end", "ete", func(tq calendar.Quarter) (int, int) {
			_, _, _, _, w := refNeeds(ds, tq, true)
			return w.Any, w.Children
		})
	}
	if ds.HasFeedback {
		// children's positive answers over children's answered (positive, neutral, negative)
		each("feedback_positive_rate", "", func(tq calendar.Quarter) (int, int) {
			c := refFeedbackCounts(refFeedbackRows(ds.Feedback, tq, "child"))
			return c.Positive, c.Positive + c.Neutral + c.Negative
		})
	}
	if ds.HasAttendance {
		each("board_attendance_rate", "", func(tq calendar.Quarter) (int, int) {
			b := refAttendance(ds, tq)
			return b.Attended, b.Expected
		})
	}
	return out
}

// refPer is the scale of a headline's value: per 100,000 for FTE.
func refPer(name string) float64 {
	if name == "fte_rate_per_100k" {
		return 100000
	}
	return 1
}

// refSeriesJSON writes the reference series as indicators.json does.
func refSeriesJSON(s map[string][]refPoint) map[string][]report.SeriesPoint {
	out := map[string][]report.SeriesPoint{}
	for name, ps := range s {
		out[name] = []report.SeriesPoint{}
		for _, p := range ps {
			sp := report.SeriesPoint{Quarter: p.q.Label(), Value: p.value(refPer(name))}
			if !p.absent {
				n := float64(p.n)
				sp.Numerator = &n
				if p.hasD {
					d := float64(p.d)
					sp.Denominator = &d
				}
			}
			out[name] = append(out[name], sp)
		}
	}
	return out
}

// refRAG is SPEC 4.9's RAG, with the same 1e-9 allowance for binary fractions as Compute
// (0.8 − 0.05 must let 0.75 be amber).
func refRAG(v *float64, t config.Target) *string {
	if v == nil {
		return nil
	}
	const eps = 1e-9
	x, r := *v, "red"
	if t.Better == "lower" {
		x, t.Target = -x, -t.Target // mirror image
	}
	switch {
	case x >= t.Target-eps:
		r = "green"
	case x >= t.Target-t.AmberWithin-eps:
		r = "amber"
	}
	return &r
}

// refSeriesPart fills missing_extracts, series, comparators, targets, headlines and areas
// of concern (SPEC 3.6, 4.9).
func refSeriesPart(ind *report.Indicators, ds *ingest.Dataset, q calendar.Quarter, asOf calendar.Date, cfg config.Config) {
	ind.MissingExtracts = refMissing(ds)
	s := refSeries(ds, q, asOf, cfg)
	ind.Series = refSeriesJSON(s)
	valueAt := func(name, period string) *float64 {
		for _, p := range ind.Series[name] {
			if p.Quarter == period {
				return p.Value
			}
		}
		return nil
	}
	ind.Comparators = []report.ComparatorResult{}
	for _, c := range ds.Comparators {
		r := report.ComparatorResult{Indicator: c.Indicator, Comparator: c.Comparator, Period: c.Period.Label(), Value: c.Value}
		if c.Source != "" {
			src := c.Source
			r.Source = &src
		}
		if v := valueAt(c.Indicator, r.Period); v != nil {
			ours, diff := *v, *v-c.Value
			r.Ours, r.Difference = &ours, &diff
		}
		ind.Comparators = append(ind.Comparators, r)
	}
	last := func(name string) *float64 {
		ps := ind.Series[name]
		if len(ps) == 0 {
			return nil
		}
		return ps[len(ps)-1].Value
	}
	ind.Targets = []report.TargetResult{}
	for _, n := range refNames {
		if t, ok := cfg.Targets[n.name]; ok {
			ind.Targets = append(ind.Targets, report.TargetResult{Indicator: n.name, Value: last(n.name),
				Target: t.Target, Better: t.Better, AmberWithin: t.AmberWithin, RAG: refRAG(last(n.name), t)})
		}
	}
	ind.AreasOfConcern = []report.Concern{}
	for _, n := range refNames {
		ps, ok := s[n.name]
		if !ok {
			continue
		}
		h := report.Headline{Indicator: n.name}
		deps := map[string]string{"binary_reoffending_rate": "disposals", "frequency_rate": "disposals",
			"fte_rate_per_100k": "disposals", "custody_share": "disposals", "oocd_completion_rate": "oocd",
			"oocd_timeliness_rate": "oocd", "victim_rj_rate": "", "feedback_positive_rate": "", "board_attendance_rate": ""}
		dep, named := deps[n.name]
		if !named {
			dep = "ete" // SPEC 4.3 and 4.6
		}
		if slices.Contains(ind.MissingExtracts, dep) {
			h.MissingExtract = dep
		}
		point := func(p refPoint) report.Point {
			return report.Point{Period: p.q.Label(), Numerator: float64(p.n), Denominator: float64(p.d), Value: p.value(refPer(n.name))}
		}
		for _, p := range ps {
			h.Series = append(h.Series, point(p))
		}
		if len(ps) == 8 {
			h.Current, h.Previous, h.YearAgo, h.Period = point(ps[7]), point(ps[6]), point(ps[3]), ps[7].q.Label()
		}
		ind.Headlines = append(ind.Headlines, h)

		// Areas of concern: red, or significantly worse than the quarter before or a year before.
		lower := n.lower
		if t, ok := cfg.Targets[n.name]; ok {
			lower = t.Better == "lower"
		}
		worse := func(other report.Point) bool {
			if !n.proportion || h.Current.Value == nil || other.Value == nil {
				return false
			}
			p, _, ok := stats.CompareProportions(int(h.Current.Numerator), int(h.Current.Denominator), int(other.Numerator), int(other.Denominator))
			diff := *h.Current.Value - *other.Value
			return ok && p < 0.05 && ((lower && diff > 0) || (!lower && diff < 0))
		}
		c := report.Concern{Indicator: n.name, WorseThanPrevious: worse(h.Previous), WorseThanYearAgo: worse(h.YearAgo), Actions: []int{}}
		if t, ok := cfg.Targets[n.name]; ok {
			r := refRAG(last(n.name), t)
			c.Red = r != nil && *r == "red"
		}
		if c.Red || c.WorseThanPrevious || c.WorseThanYearAgo {
			for i, a := range ds.Plan {
				if a.Indicator == n.name {
					c.Actions = append(c.Actions, i)
				}
			}
			ind.AreasOfConcern = append(ind.AreasOfConcern, c)
		}
	}
}

// refCompute is the reference's Indicators, filled in for the figures it checks.
func refCompute(ds *ingest.Dataset, q calendar.Quarter, asOf calendar.Date, cfg config.Config) *report.Indicators {
	ind := &report.Indicators{}
	ind.Reoffending = refReoffending(ds.Disposals, q, asOf, cfg.ReoffendingMode)
	first := refFirstEntries(ds.Disposals)
	var pop *int
	if cfg.Population1017 > 0 {
		p := cfg.Population1017
		pop = &p
	}
	noDisposals := slices.Contains(refMissing(ds), "disposals")
	per := func(n int, scale float64) *float64 {
		if pop == nil || noDisposals { // no extract: no rate (OUTPUT.md)
			return nil
		}
		v := float64(n) / float64(*pop) * scale
		return &v
	}
	qc := refFTECount(first, q.Start(), q.End())
	rc := refFTECount(first, q.Add(-3).Start(), q.End())
	ind.FTE = report.FTE{Population1017: pop,
		Quarter:         report.FTECount{Count: qc, RatePer100k: per(qc, 1e5)},
		Rolling12Months: report.FTECount{Count: rc, RatePer100k: per(rc, 1e5)}}
	for k := -7; k <= 0; k++ {
		tq := q.Add(k)
		n := refFTECount(first, tq.Start(), tq.End())
		cs, ct := refCustody(ds.Disposals, tq)
		ind.FTE.Trend = append(ind.FTE.Trend, report.FTETrend{Quarter: tq.Label(), Count: n,
			RatePer100k: per(n, 1e5), CustodialSentences: cs, CourtSentences: ct})
	}
	cs, ct := refCustody(ds.Disposals, q)
	ind.Custody = report.Custody{CustodialSentences: cs, CourtSentences: ct, Share: ratio(cs, ct), RatePer1000: per(cs, 1e3)}
	ind.SeriousViolence = refSeriousViolence(ds.Disposals, q)
	ind.ETE = refETE(ds.ETE, q, cfg)
	ind.OOCD = refOOCD(ds.OOCD, q, asOf, cfg)
	ind.Victims = refVictims(ds, q)
	ind.Accommodation, ind.SEND, ind.MentalHealth, ind.SubstanceMisuse, ind.WiderServices =
		refNeeds(ds, q, slices.Contains(refMissing(ds), "ete"))
	ind.Feedback = refFeedback(ds, q)
	ind.BoardAttendance = refAttendance(ds, q)
	refSeriesPart(ind, ds, q, asOf, cfg)
	return ind
}

// ---------------------------------------------------------------------------------------
// Comparison.

type differ struct{ out []string }

func (df *differ) eq(path string, got, want any) {
	if fmt.Sprint(got) != fmt.Sprint(want) {
		df.out = append(df.out, fmt.Sprintf("%s: got %v, want %v", path, got, want))
	}
}

func fptr(p *float64) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprintf("%.9g", *p)
}

func (df *differ) num(path string, got, want *float64) {
	if (got == nil) != (want == nil) || (got != nil && math.Abs(*got-*want) > 1e-9*math.Max(1, math.Abs(*want))) {
		df.out = append(df.out, fmt.Sprintf("%s: got %s, want %s", path, fptr(got), fptr(want)))
	}
}

// counts compares breakdown maps, a missing key being all zeros.
func (df *differ) counts(path string, got, want map[string]report.Counts) {
	keys := map[string]bool{}
	for k := range got {
		keys[k] = true
	}
	for k := range want {
		keys[k] = true
	}
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range keys {
			if !yield(k) {
				return
			}
		}
	}) {
		df.eq(path+"."+k, got[k], want[k])
	}
}

func (df *differ) group(path string, got, want report.ETEGroup) {
	df.eq(path+".counts", fmt.Sprint(got.Children, got.Suitable, got.Unsuitable, got.Unknown,
		got.FullTime, got.PartTime, got.None, got.NotRecorded),
		fmt.Sprint(want.Children, want.Suitable, want.Unsuitable, want.Unknown,
			want.FullTime, want.PartTime, want.None, want.NotRecorded))
	ho, wo := got.HoursOffered, want.HoursOffered
	df.num(path+".hours_offered", &ho, &wo)
	ha, wa := got.HoursAttended, want.HoursAttended
	df.num(path+".hours_attended", &ha, &wa)
}

func nonZeroInts(m map[string]int) string {
	var parts []string
	for _, k := range slices.Sorted(mapKeys(m)) {
		if m[k] != 0 {
			parts = append(parts, fmt.Sprintf("%s=%d", k, m[k]))
		}
	}
	return strings.Join(parts, " ")
}

func nonZeroCompletion(m map[string]report.CompletionByType) string {
	var parts []string
	for _, k := range slices.Sorted(mapKeys(m)) {
		if v := m[k]; v != (report.CompletionByType{}) {
			parts = append(parts, fmt.Sprintf("%s=%v", k, v))
		}
	}
	return strings.Join(parts, " ")
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func compareIndicators(got, want *report.Indicators) []string {
	df := &differ{}
	gr, wr := got.Reoffending, want.Reoffending
	df.eq("reoffending.mode", gr.Mode, wr.Mode)
	hs := func(p *string) string {
		if p == nil {
			return "null"
		}
		return *p
	}
	df.eq("reoffending.headline", hs(gr.Headline), hs(wr.Headline))
	if len(gr.Cohorts) != len(wr.Cohorts) {
		df.eq("reoffending.cohorts.len", len(gr.Cohorts), len(wr.Cohorts))
	} else {
		for i := range wr.Cohorts {
			g, w := gr.Cohorts[i], wr.Cohorts[i]
			p := "cohort " + w.Quarter + "."
			df.eq(p+"quarter", g.Quarter, w.Quarter)
			df.eq(p+"start/end", g.Start+" "+g.End, w.Start+" "+w.End)
			df.eq(p+"status", g.Status, w.Status)
			df.eq(p+"children", g.Children, w.Children)
			df.eq(p+"reoffenders", g.Reoffenders, w.Reoffenders)
			df.eq(p+"reoffences", g.Reoffences, w.Reoffences)
			df.num(p+"binary_rate", g.BinaryRate, w.BinaryRate)
			df.num(p+"frequency_rate", g.FrequencyRate, w.FrequencyRate)
			df.num(p+"reoffences_per_reoffender", g.ReoffencesPerReoffender, w.ReoffencesPerReoffender)
			df.num(p+"median_days_to_first_reoffence", g.MedianDaysToFirstReoffence, w.MedianDaysToFirstReoffence)
			// Every reoffender's days to first reoffence (1–366) must land in some band.
			sum := 0
			for _, n := range g.DaysToFirst {
				sum += n
			}
			df.eq(p+"days_to_first_reoffence_bands.sum", sum, w.Reoffenders)
			df.counts(p+"by.tier", g.By.Tier, w.By.Tier)
			df.counts(p+"by.gender", g.By.Gender, w.By.Gender)
			df.counts(p+"by.age_band", g.By.AgeBand, w.By.AgeBand)
			df.counts(p+"by.ethnicity", g.By.Ethnicity, w.By.Ethnicity)
			df.counts(p+"by.locality", g.By.Locality, w.By.Locality)
		}
	}

	gf, wf := got.FTE, want.FTE
	df.eq("fte.quarter.count", gf.Quarter.Count, wf.Quarter.Count)
	df.num("fte.quarter.rate_per_100k", gf.Quarter.RatePer100k, wf.Quarter.RatePer100k)
	df.eq("fte.rolling_12_months.count", gf.Rolling12Months.Count, wf.Rolling12Months.Count)
	df.num("fte.rolling_12_months.rate_per_100k", gf.Rolling12Months.RatePer100k, wf.Rolling12Months.RatePer100k)
	if len(gf.Trend) != len(wf.Trend) {
		df.eq("fte.trend.len", len(gf.Trend), len(wf.Trend))
	} else {
		for i, w := range wf.Trend {
			g := gf.Trend[i]
			df.eq("fte.trend "+w.Quarter, fmt.Sprint(g.Quarter, " count=", g.Count, " custodial=", g.CustodialSentences, " court=", g.CourtSentences),
				fmt.Sprint(w.Quarter, " count=", w.Count, " custodial=", w.CustodialSentences, " court=", w.CourtSentences))
			df.num("fte.trend "+w.Quarter+".rate_per_100k", g.RatePer100k, w.RatePer100k)
		}
	}
	df.eq("custody.custodial_sentences", got.Custody.CustodialSentences, want.Custody.CustodialSentences)
	df.eq("custody.court_sentences", got.Custody.CourtSentences, want.Custody.CourtSentences)
	df.num("custody.share", got.Custody.Share, want.Custody.Share)
	df.num("custody.rate_per_1000", got.Custody.RatePer1000, want.Custody.RatePer1000)
	df.eq("serious_violence", got.SeriousViolence, want.SeriousViolence)

	ge, we := got.ETE, want.ETE
	df.eq("ete.children", ge.Children, we.Children)
	df.group("ete.start.school_age", ge.Start.SchoolAge, we.Start.SchoolAge)
	df.group("ete.start.above_school_age", ge.Start.AboveSchoolAge, we.Start.AboveSchoolAge)
	df.group("ete.end.school_age", ge.End.SchoolAge, we.End.SchoolAge)
	df.group("ete.end.above_school_age", ge.End.AboveSchoolAge, we.End.AboveSchoolAge)
	df.eq("ete.movement", ge.Movement, we.Movement)
	if len(ge.Trend) != len(we.Trend) {
		df.eq("ete.trend.len", len(ge.Trend), len(we.Trend))
	} else {
		for i, w := range we.Trend {
			df.eq("ete.trend "+w.Quarter, ge.Trend[i], w)
		}
	}

	go_, wo := got.OOCD, want.OOCD
	df.eq("oocd.decided", fmt.Sprint(go_.Decided.Total, go_.Decided.AtPanel, go_.Decided.VictimIdentified, go_.Decided.VictimViewsSought),
		fmt.Sprint(wo.Decided.Total, wo.Decided.AtPanel, wo.Decided.VictimIdentified, wo.Decided.VictimViewsSought))
	df.eq("oocd.decided.by_type", nonZeroInts(go_.Decided.ByType), nonZeroInts(wo.Decided.ByType))
	gc, wc := go_.Completion, wo.Completion
	df.eq("oocd.completion", fmt.Sprint(gc.Completed, gc.NotCompleted, gc.Neutral, gc.NotRecorded),
		fmt.Sprint(wc.Completed, wc.NotCompleted, wc.Neutral, wc.NotRecorded))
	df.num("oocd.completion.rate", gc.Rate, wc.Rate)
	df.eq("oocd.completion.by_type", nonZeroCompletion(gc.ByType), nonZeroCompletion(wc.ByType))
	gt, wt := go_.Timeliness, wo.Timeliness
	df.eq("oocd.timeliness", fmt.Sprintf("referrals=%d on_time=%d late=%d overdue=%d pending=%d", gt.Referrals, gt.OnTime, gt.Late, gt.Overdue, gt.Pending),
		fmt.Sprintf("referrals=%d on_time=%d late=%d overdue=%d pending=%d", wt.Referrals, wt.OnTime, wt.Late, wt.Overdue, wt.Pending))
	df.num("oocd.timeliness.rate", gt.Rate, wt.Rate)
	df.num("oocd.timeliness.median_working_days", gt.MedianWorkingDays, wt.MedianWorkingDays)

	switch {
	case (got.Victims == nil) != (want.Victims == nil):
		df.eq("victims.present", got.Victims != nil, want.Victims != nil)
	case want.Victims != nil:
		g, w := *got.Victims, *want.Victims
		df.num("victims.rate", g.Rate, w.Rate)
		g.Rate, w.Rate = nil, nil
		df.eq("victims", g, w)
	}

	df.eq("missing_extracts", got.MissingExtracts, want.MissingExtracts)
	// Blocks of whole-number counts and rates k/n: compared as their JSON.
	for _, b := range []struct {
		path      string
		got, want any
	}{
		{"accommodation", got.Accommodation, want.Accommodation}, {"send", got.SEND, want.SEND},
		{"mental_health", got.MentalHealth, want.MentalHealth}, {"substance_misuse", got.SubstanceMisuse, want.SubstanceMisuse},
		{"wider_services", got.WiderServices, want.WiderServices}, {"feedback", got.Feedback, want.Feedback},
		{"board_attendance", got.BoardAttendance, want.BoardAttendance},
	} {
		df.eq(b.path, jsonOf(b.got), jsonOf(b.want))
	}

	df.eq("series.keys", slices.Sorted(mapKeys(got.Series)), slices.Sorted(mapKeys(want.Series)))
	for name, ws := range want.Series {
		gs := got.Series[name]
		if gs == nil || len(gs) != len(ws) {
			df.eq("series "+name+".len", len(gs), len(ws))
			continue
		}
		for i, w := range ws {
			p := "series " + name + " " + w.Quarter
			df.eq(p+".quarter", gs[i].Quarter, w.Quarter)
			df.num(p+".value", gs[i].Value, w.Value)
			df.num(p+".numerator", gs[i].Numerator, w.Numerator)
			df.num(p+".denominator", gs[i].Denominator, w.Denominator)
		}
	}
	if len(got.Comparators) != len(want.Comparators) || got.Comparators == nil {
		df.eq("comparators.len", fmt.Sprint(len(got.Comparators), got.Comparators == nil), fmt.Sprint(len(want.Comparators), false))
	} else {
		for i, w := range want.Comparators {
			g := got.Comparators[i]
			p := fmt.Sprintf("comparators[%d] %s %s", i, w.Indicator, w.Period)
			df.eq(p, fmt.Sprint(g.Indicator, g.Comparator, g.Period, g.Value, jsonOf(g.Source)),
				fmt.Sprint(w.Indicator, w.Comparator, w.Period, w.Value, jsonOf(w.Source)))
			df.num(p+".ours", g.Ours, w.Ours)
			df.num(p+".difference", g.Difference, w.Difference)
		}
	}
	if len(got.Targets) != len(want.Targets) {
		df.eq("targets.len", len(got.Targets), len(want.Targets))
	} else {
		for i, w := range want.Targets {
			g := got.Targets[i]
			p := "targets " + w.Indicator
			df.eq(p, fmt.Sprint(g.Indicator, g.Target, g.Better, g.AmberWithin, jsonOf(g.RAG)),
				fmt.Sprint(w.Indicator, w.Target, w.Better, w.AmberWithin, jsonOf(w.RAG)))
			df.num(p+".value", g.Value, w.Value)
		}
	}
	var gn, wn []string
	for _, h := range got.Headlines {
		gn = append(gn, h.Indicator)
	}
	for _, h := range want.Headlines {
		wn = append(wn, h.Indicator)
	}
	df.eq("headlines", gn, wn)
	if slices.Equal(gn, wn) {
		for i, w := range want.Headlines {
			g := got.Headlines[i]
			p := "headline " + w.Indicator
			df.eq(p+".missing_extract", g.MissingExtract, w.MissingExtract)
			df.eq(p+".period", g.Period, w.Period)
			for _, pt := range []struct {
				name      string
				got, want report.Point
			}{{"current", g.Current, w.Current}, {"previous", g.Previous, w.Previous}, {"year_ago", g.YearAgo, w.YearAgo}} {
				df.eq(p+"."+pt.name+".period", pt.got.Period, pt.want.Period)
				df.num(p+"."+pt.name+".value", pt.got.Value, pt.want.Value)
				if pt.want.Value != nil {
					df.eq(p+"."+pt.name+".n/d", fmt.Sprint(pt.got.Numerator, "/", pt.got.Denominator), fmt.Sprint(pt.want.Numerator, "/", pt.want.Denominator))
				}
			}
			if len(g.Series) != len(w.Series) {
				df.eq(p+".series.len", len(g.Series), len(w.Series))
				continue
			}
			for j := range w.Series {
				df.num(p+".series "+w.Series[j].Period, g.Series[j].Value, w.Series[j].Value)
			}
		}
	}
	df.eq("areas_of_concern", jsonOf(got.AreasOfConcern), jsonOf(want.AreasOfConcern))
	return df.out
}

// jsonOf is v as indicators.json writes it.
func jsonOf(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// ---------------------------------------------------------------------------------------
// The generator: small datasets dense in SPEC's edge cases, holding only rows ingest would
// accept (SPEC §3.6).

type refGen struct {
	r       *rand.Rand
	q       calendar.Quarter
	asOf    calendar.Date
	lo      calendar.Date
	hol     *calendar.Holidays
	special []calendar.Date
}

func (g *refGen) chance(p float64) bool { return g.r.Float64() < p }

func (g *refGen) between(a, b calendar.Date) calendar.Date {
	if b <= a {
		return a
	}
	return a + calendar.Date(g.r.IntN(int(b-a)+1))
}

// date is a day in the window, half the time one of the special days.
func (g *refGen) date() calendar.Date {
	if g.chance(0.5) {
		return g.special[g.r.IntN(len(g.special))]
	}
	return g.between(g.lo, g.asOf)
}

func oneOf[T any](g *refGen, xs ...T) T { return xs[g.r.IntN(len(xs))] }

func (g *refGen) yesNo() ingest.YesNo {
	return oneOf(g, ingest.Blank, ingest.Yes, ingest.No, ingest.Yes)
}

// dob is a date of birth making the child about 9–19 on some day of the window, often born
// on 29 February or around 31 August / 1 September.
func (g *refGen) dob() calendar.Date {
	ref := g.date()
	age := oneOf(g, 9, 10, 10, 11, 13, 14, 15, 15, 16, 17, 17, 18, 18, 19)
	d := ref.AddMonths(-12 * age)
	switch g.r.IntN(6) {
	case 0:
		y := d.Year()
		for !calendar.IsLeap(y) {
			y--
		}
		return calendar.New(y, 2, 29)
	case 1:
		return calendar.New(d.Year(), oneOf(g, 8, 9), 1) - calendar.Date(oneOf(g, 0, 1))
	case 2:
		return d + calendar.Date(oneOf(g, -1, 0, 1))
	}
	return d + calendar.Date(g.r.IntN(601)-300)
}

func (g *refGen) hours() ingest.Hours {
	if g.chance(0.25) {
		return ingest.Hours{}
	}
	return ingest.Hours{Value: oneOf(g, 0, 0, 0.25, 10, 15.5, 16, 16, 24.5, 25, 25, 30), Valid: true}
}

func (g *refGen) child(id string, ds *ingest.Dataset) {
	dob := g.dob()
	gender := oneOf(g, "male", "female", "unknown")
	eth := oneOf(g, "white", "black", "asian", "unknown")
	loc := oneOf(g, "north", "south", "unknown")
	var rows []ingest.Disposal
	for i, n := 0, 1+g.r.IntN(6); i < n; i++ {
		var off, out calendar.Date
		switch {
		case i > 0 && g.chance(0.15):
			// same-day twin of an earlier row (tier ties, same (child, date) pairs)
			p := rows[g.r.IntN(len(rows))]
			off, out = p.OffenceDate, p.OutcomeDate
		case i == 0 || g.chance(0.25):
			out = g.date()
			off = out - calendar.Date(oneOf(g, 0, 0, 1, g.r.IntN(120)))
		default:
			p := rows[g.r.IntN(len(rows))]
			idx := refIndexDate(p)
			if idx == 0 {
				idx = p.OutcomeDate
			}
			switch g.r.IntN(8) {
			case 0:
				off = idx.AddMonths(12)
			case 1:
				off = idx.AddMonths(12) + 1
			case 2:
				off = idx
			case 3:
				off = idx + 1
			default:
				off = idx + calendar.Date(g.r.IntN(500))
			}
			switch g.r.IntN(6) {
			case 0:
				out = idx.AddMonths(18)
			case 1:
				out = idx.AddMonths(18) + 1
			case 2:
				out = off
			case 3:
				out = max(off, p.OutcomeDate)
			default:
				out = off + calendar.Date(g.r.IntN(200))
			}
		}
		r := ingest.Disposal{ChildID: id, DateOfBirth: dob, OffenceDate: off, OutcomeDate: out,
			OutcomeType: ingest.Outcomes[g.r.IntN(len(ingest.Outcomes))],
			Gender:      gender, Ethnicity: eth, Locality: loc,
			OffenceCategory: oneOf(g, "", "violence_against_the_person", "robbery", "drugs", "theft_and_handling", "criminal_damage"),
			GravityScore:    g.r.IntN(9),
			Breach:          oneOf(g, ingest.Blank, ingest.No, ingest.No, ingest.Yes),
		}
		if g.chance(0.05) {
			// an inconsistent date of birth: each figure uses the row it picked
			r.DateOfBirth = dob + calendar.Date(oneOf(g, -366, -1, 1, 365))
		}
		if g.chance(0.2) {
			r.Gender = oneOf(g, "male", "female", "unknown", "Unknown")
			r.Ethnicity = oneOf(g, "white", "mixed")
			r.Locality = oneOf(g, "north", "east")
		}
		if refTierOf[r.OutcomeType] == "custody" && g.chance(0.65) {
			r.ReleaseDate = oneOf(g, out, out+calendar.Date(g.r.IntN(400)), g.date(), out.AddMonths(oneOf(g, 3, 6, 12)))
		}
		rows = append(rows, r)
	}
	for _, r := range rows {
		if r.OffenceDate <= r.OutcomeDate && r.OutcomeDate <= g.asOf && r.OffenceDate > 0 &&
			(r.ReleaseDate == 0 || (r.OutcomeDate <= r.ReleaseDate && r.ReleaseDate <= g.asOf)) &&
			ageOK(r.DateOfBirth, r.OutcomeDate) {
			ds.Disposals = append(ds.Disposals, r)
		}
	}

	// ETE interventions, ending around the quarter ends and the school-leaving Friday.
	var etes []ingest.ETE
	leave := calendar.SchoolLeavingDate(dob)
	for i, n := 0, g.r.IntN(4); i < n; i++ {
		e := ingest.ETE{ChildID: id, DateOfBirth: dob, InterventionType: ingest.Outcomes[g.r.IntN(len(ingest.Outcomes))],
			SuitableStart:     oneOf(g, ingest.SuitUnknown, ingest.Suitable, ingest.Unsuitable),
			SuitableEnd:       oneOf(g, ingest.SuitUnknown, ingest.Suitable, ingest.Suitable, ingest.Unsuitable),
			HoursOfferedStart: g.hours(), HoursAttendedStart: g.hours(), HoursOfferedEnd: g.hours(), HoursAttendedEnd: g.hours(),
			Locality: loc}
		switch {
		case i > 0 && g.chance(0.4):
			p := etes[g.r.IntN(len(etes))]
			e.InterventionEnd = p.InterventionEnd
			e.InterventionStart = oneOf(g, p.InterventionStart, p.InterventionStart+1, p.InterventionStart-3)
		case g.chance(0.3):
			e.InterventionEnd = leave + calendar.Date(oneOf(g, -1, 0, 1))
			e.InterventionStart = oneOf(g, leave-calendar.Date(g.r.IntN(300)), leave, leave+1)
		default:
			e.InterventionEnd = g.date()
			e.InterventionStart = e.InterventionEnd - calendar.Date(g.r.IntN(400))
		}
		if g.chance(0.12) {
			e.InterventionEnd = 0
		}
		etes = append(etes, e)
	}
	for _, e := range etes {
		if e.InterventionStart <= g.asOf && e.InterventionEnd <= g.asOf &&
			(e.InterventionEnd == 0 || e.InterventionStart <= e.InterventionEnd) && ageOK(dob, e.InterventionStart) {
			ds.ETE = append(ds.ETE, e)
		}
	}

	// Out-of-court disposals, referred around holidays and near as-of.
	for i, n := 0, g.r.IntN(4); i < n; i++ {
		o := ingest.OOCD{ChildID: id, DateOfBirth: dob,
			OutcomeType: oneOf(g, ingest.CommunityResolution, ingest.Outcome22, ingest.YouthCaution, ingest.YouthConditionalCaution),
			Completion:  oneOf(g, ingest.CompletionNotRecorded, ingest.Completed, ingest.Completed, ingest.NotCompleted, ingest.Neutral),
			AtPanel:     g.yesNo(), VictimIdentified: g.yesNo(), VictimViewsSought: g.yesNo(), Locality: loc}
		switch g.r.IntN(3) {
		case 0:
			o.ReferralDate = g.hol.AddWorkingDays(g.asOf, -oneOf(g, 8, 9, 10, 11, 12)) - calendar.Date(oneOf(g, 0, 0, 1))
		default:
			o.ReferralDate = g.date()
		}
		if !g.chance(0.25) {
			k := oneOf(g, 0, 5, 9, 10, 10, 11, 11, 12, 20)
			o.AssessmentDate = g.hol.AddWorkingDays(o.ReferralDate, k) + calendar.Date(oneOf(g, 0, 0, 0, 1, 2))
		}
		if !g.chance(0.2) {
			o.DecisionDate = o.ReferralDate + calendar.Date(g.r.IntN(60))
		}
		if g.chance(0.8) {
			o.InterventionStart = max(o.ReferralDate, o.DecisionDate) + calendar.Date(g.r.IntN(10))
			if g.chance(0.8) {
				o.InterventionEnd = o.InterventionStart + calendar.Date(g.r.IntN(200))
			}
		}
		if g.chance(0.2) {
			o.InterventionEnd = g.date() // an end about a quarter boundary
			o.InterventionStart = min(o.InterventionStart, o.InterventionEnd)
		}
		// Steps not yet taken by as-of are blank, so recent referrals stay unassessed.
		for _, d := range []*calendar.Date{&o.AssessmentDate, &o.DecisionDate, &o.InterventionStart, &o.InterventionEnd} {
			if *d > g.asOf {
				*d = 0
			}
		}
		if o.InterventionStart == 0 {
			o.InterventionEnd = 0
		}
		if o.ReferralDate <= g.asOf && o.AssessmentDate <= g.asOf && o.DecisionDate <= g.asOf &&
			o.InterventionStart <= g.asOf && o.InterventionEnd <= g.asOf &&
			(o.InterventionEnd == 0 || o.InterventionStart <= o.InterventionEnd) &&
			(o.AssessmentDate == 0 || o.ReferralDate <= o.AssessmentDate) &&
			(o.DecisionDate == 0 || o.ReferralDate <= o.DecisionDate) && ageOK(dob, o.ReferralDate) {
			ds.OOCD = append(ds.OOCD, o)
		}
	}
}

func ageOK(dob, on calendar.Date) bool {
	a := calendar.AgeOn(dob, on)
	return a >= 10 && a <= 18
}

// refDataset builds one random case: dataset, reporting quarter, as-of and config.
func refDataset(seed uint64) (*ingest.Dataset, calendar.Quarter, calendar.Date, config.Config) {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	q := calendar.Quarter{FY: 2015 + r.IntN(9), Q: 1 + r.IntN(4)}
	g := &refGen{r: r, q: q}
	switch r.IntN(4) {
	case 0: // soon after the quarter, so some referrals are still pending
		g.asOf = q.End() + calendar.Date(r.IntN(15))
	case 1: // exactly (or a day short of) a cohort's maturity date
		g.asOf = max(q.End(), q.Add(-r.IntN(8)).End().AddMonths(18)-calendar.Date(r.IntN(2)))
	default:
		g.asOf = q.End() + calendar.Date(r.IntN(900))
	}
	cfg := config.Default()
	if seed%2 == 1 {
		cfg.ReoffendingMode = "live"
	}
	if r.IntN(2) == 0 {
		cfg.Population1017 = 56000
	}
	if r.IntN(5) == 0 {
		// a one-off extra bank holiday on a weekday near the end of the quarter
		d := q.End() - calendar.Date(r.IntN(20))
		for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			d--
		}
		cfg.ExtraBankHolidays = []calendar.Date{d}
	}
	g.hol = calendar.NewHolidays(cfg.ExtraBankHolidays, cfg.RemovedBankHolidays)
	g.lo = q.Add(-11).Start().AddMonths(-24)
	for k := -12; k <= 1; k++ {
		s, e := q.Add(k).Start(), q.Add(k).End()
		g.special = append(g.special, s, s+1, e, e-1)
	}
	for y := g.lo.Year(); y <= g.asOf.Year(); y++ {
		leave := calendar.SchoolLeavingDate(calendar.New(y-16, 1, 1))
		easter := calendar.EasterSunday(y)
		g.special = append(g.special, leave, leave+1, calendar.New(y, 8, 31), calendar.New(y, 9, 1),
			easter-3, easter-2, easter+1, easter+2, calendar.New(y, 12, 23), calendar.New(y, 12, 24),
			calendar.New(y, 12, 27), calendar.New(y, 1, 2))
		if calendar.IsLeap(y) {
			g.special = append(g.special, calendar.New(y, 2, 28), calendar.New(y, 2, 29), calendar.New(y, 3, 1))
		}
	}
	g.special = append(g.special, g.asOf, g.asOf-1)
	g.special = slices.DeleteFunc(g.special, func(d calendar.Date) bool { return d < g.lo || d > g.asOf })

	ds := &ingest.Dataset{Inputs: []ingest.Input{{File: "disposals.csv", Kind: ingest.KindDisposals},
		{File: "ete.csv", Kind: ingest.KindETE}, {File: "oocd.csv", Kind: ingest.KindOOCD}}}
	nChildren := 5 + r.IntN(36)
	for i := range nChildren {
		g.child(fmt.Sprintf("C%03d", i), ds)
	}
	if r.IntN(4) > 0 {
		ds.HasVictims = true
		for i, n := 0, r.IntN(30); i < n; i++ {
			ds.Victims = append(ds.Victims, ingest.Victim{VictimID: fmt.Sprintf("V%03d", i),
				ChildID: fmt.Sprintf("C%03d", r.IntN(nChildren)), ClosureDate: g.date(),
				ConsentedToContact: oneOf(g, ingest.Yes, ingest.No, ingest.Yes), ViewsSought: g.yesNo(),
				RJOffered: g.yesNo(), RJEngaged: g.yesNo()})
		}
	}
	g.v2(ds, nChildren, &cfg)
	// Rows are read interleaved, not child by child, so "first read" matters.
	r.Shuffle(len(ds.Disposals), func(i, j int) { ds.Disposals[i], ds.Disposals[j] = ds.Disposals[j], ds.Disposals[i] })
	r.Shuffle(len(ds.ETE), func(i, j int) { ds.ETE[i], ds.ETE[j] = ds.ETE[j], ds.ETE[i] })
	r.Shuffle(len(ds.OOCD), func(i, j int) { ds.OOCD[i], ds.OOCD[j] = ds.OOCD[j], ds.OOCD[i] })
	// Ingest drops exact duplicates (§3.6), so the dataset never holds two equal rows.
	ds.Disposals = refDedupe(ds.Disposals, func(r *ingest.Disposal) *ingest.Source { return &r.Src })
	ds.ETE = refDedupe(ds.ETE, func(r *ingest.ETE) *ingest.Source { return &r.Src })
	ds.OOCD = refDedupe(ds.OOCD, func(r *ingest.OOCD) *ingest.Source { return &r.Src })
	ds.Victims = refDedupe(ds.Victims, func(r *ingest.Victim) *ingest.Source { return &r.Src })
	r.Shuffle(len(ds.Feedback), func(i, j int) { ds.Feedback[i], ds.Feedback[j] = ds.Feedback[j], ds.Feedback[i] })
	ds.Feedback = refDedupe(ds.Feedback, func(r *ingest.FeedbackAnswer) *ingest.Source { return &r.Src })
	ds.Attendance = refDedupe(ds.Attendance, func(r *ingest.Attendance) *ingest.Source { return &r.Src })
	return ds, q, g.asOf, cfg
}

// v2 adds what SPEC v2 reads: the KPI columns of the ete rows (whole blocks left blank at
// times, and blank cascade stages), feedback answers (response ids reused across quarters,
// blank answers and child ids, question wordings differing in case and spaces), comparators
// for periods in and out of the series, board attendance, an improvement plan linked to
// indicators, targets for any headline name, and now and then a missing core extract.
func (g *refGen) v2(ds *ingest.Dataset, nChildren int, cfg *config.Config) {
	r := g.r
	S, U, K := ingest.Suitable, ingest.Unsuitable, ingest.SuitUnknown
	blank := [5]bool{} // accommodation, SEND, mental health, substance misuse, wider services
	for i := range blank {
		blank[i] = g.chance(0.25)
	}
	for i := range ds.ETE {
		e := &ds.ETE[i]
		if !blank[0] {
			e.AccommodationStart, e.AccommodationEnd = oneOf(g, K, S, S, U), oneOf(g, K, S, S, U)
			// both unknown: written out ("recorded") or blank
			e.AccommodationRecorded = e.AccommodationStart != K || e.AccommodationEnd != K || g.chance(0.5)
		}
		if !blank[1] {
			e.SENDIdentified, e.LearningPlan = g.yesNo(), g.yesNo()
		}
		if !blank[2] {
			e.MentalHealthNeed, e.MentalHealthOffered, e.MentalHealthAttending = g.yesNo(), g.yesNo(), g.yesNo()
		}
		if !blank[3] {
			e.SubstanceNeed, e.SubstanceOffered, e.SubstanceAttending = g.yesNo(), g.yesNo(), g.yesNo()
		}
		if !blank[4] {
			e.LookedAfterEnd, e.ChildProtectionEnd, e.ChildInNeedEnd, e.EarlyHelpEnd = g.yesNo(), g.yesNo(), g.yesNo(), g.yesNo()
		}
		if g.chance(0.1) { // a block recorded on some rows only
			e.SENDIdentified, e.LearningPlan, e.AccommodationRecorded = ingest.Blank, ingest.Blank, false
			e.AccommodationStart, e.AccommodationEnd = K, K
		}
	}
	// Now and then a block with one column recorded and the others blank throughout, so that
	// any one column records its block.
	type col = func(e *ingest.ETE) *ingest.YesNo
	for _, block := range [][]col{
		{func(e *ingest.ETE) *ingest.YesNo { return &e.SENDIdentified }, func(e *ingest.ETE) *ingest.YesNo { return &e.LearningPlan }},
		{func(e *ingest.ETE) *ingest.YesNo { return &e.MentalHealthNeed }, func(e *ingest.ETE) *ingest.YesNo { return &e.MentalHealthOffered },
			func(e *ingest.ETE) *ingest.YesNo { return &e.MentalHealthAttending }},
		{func(e *ingest.ETE) *ingest.YesNo { return &e.SubstanceNeed }, func(e *ingest.ETE) *ingest.YesNo { return &e.SubstanceOffered },
			func(e *ingest.ETE) *ingest.YesNo { return &e.SubstanceAttending }},
		{func(e *ingest.ETE) *ingest.YesNo { return &e.LookedAfterEnd }, func(e *ingest.ETE) *ingest.YesNo { return &e.ChildProtectionEnd },
			func(e *ingest.ETE) *ingest.YesNo { return &e.ChildInNeedEnd }, func(e *ingest.ETE) *ingest.YesNo { return &e.EarlyHelpEnd }},
	} {
		if !g.chance(0.3) {
			continue
		}
		keep := r.IntN(len(block))
		for j, c := range block {
			for i := range ds.ETE {
				if j != keep {
					*c(&ds.ETE[i]) = ingest.Blank
				}
			}
		}
	}

	if g.chance(0.7) {
		ds.HasFeedback = true
		questions := []string{"My worker listens to me", "my worker listens to me", " I understand my plan ",
			"I understand my plan", "I feel safer", "Things are better at home"}
		answers := append([]ingest.Answer{ingest.NotAnswered, ingest.NotAnswered}, ingest.Answers...)
		for i, n := 0, r.IntN(30); i < n; i++ {
			id := fmt.Sprintf("R%02d", r.IntN(12)) // a few ids, so some recur in other quarters
			who := oneOf(g, ingest.RespondentChild, ingest.RespondentChild, ingest.RespondentParentCarer)
			done := g.date()
			child := oneOf(g, "", fmt.Sprintf("C%03d", r.IntN(nChildren)))
			for j, m := 0, 1+r.IntN(4); j < m; j++ {
				ds.Feedback = append(ds.Feedback, ingest.FeedbackAnswer{ResponseID: id, Respondent: who, CompletedDate: done,
					Question: oneOf(g, questions...), Answer: oneOf(g, answers...), ChildID: child})
			}
		}
	}

	if g.chance(0.7) {
		ds.HasComparators = true
		names := append(slices.Clone(config.TargetNames), "binary_reoffending_rate", "fte_rate_per_100k", "ete_suitable_end")
		type key struct {
			indicator, comparator string
			period                calendar.Quarter
		}
		seen := map[key]bool{}
		for i, n := 0, r.IntN(25); i < n; i++ {
			c := ingest.Comparator{Indicator: oneOf(g, names...), Comparator: oneOf(g, "England and Wales", "South West", "YOT family"),
				Period: g.q.Add(r.IntN(18) - 15), Value: oneOf(g, 0, 0.25, r.Float64(), 1), Source: oneOf(g, "", "Published statistics")}
			if c.Indicator == "fte_rate_per_100k" || c.Indicator == "frequency_rate" {
				c.Value *= 200 // not a rate of SPEC 3.8: may be above 1
			}
			// a second figure for the same indicator, comparator and period is rejected by ingest
			if k := (key{c.Indicator, c.Comparator, c.Period}); !seen[k] {
				seen[k] = true
				c.Src = ingest.Source{Row: len(ds.Comparators) + 2}
				ds.Comparators = append(ds.Comparators, c)
			}
		}
	}

	if g.chance(0.6) {
		ds.HasAttendance = true
		partners := []string{"Police", "Health", "Education", "Children's Social Care", "police"}
		for i, n := 0, r.IntN(16); i < n; i++ {
			day := g.date()
			// Some boards are well attended and some not, so that a quarter can be
			// significantly worse than the one before.
			turnout := oneOf(g, 0.05, 0.6, 0.95)
			for _, p := range partners[:1+r.IntN(len(partners))] {
				for j := range 1 + r.IntN(3) { // teams of one agency, each a partner of its own
					a := ingest.Attendance{MeetingDate: day, Partner: p + strings.Repeat(" team", j), Attended: ingest.No, Senior: g.yesNo()}
					if g.chance(turnout) {
						a.Attended = ingest.Yes
					}
					ds.Attendance = append(ds.Attendance, a)
				}
			}
		}
	}

	if g.chance(0.6) {
		ds.HasPlan = true
		for i, n := 0, r.IntN(8); i < n; i++ {
			ds.Plan = append(ds.Plan, ingest.Action{Recommendation: "r", Action: fmt.Sprint("a", i), Owner: "o",
				DueDate: g.date(), RAG: ingest.Amber, Indicator: oneOf(g, append([]string{""}, config.TargetNames...)...),
				Src: ingest.Source{Row: i + 2}})
		}
	}

	cfg.Targets = map[string]config.Target{}
	for _, name := range config.TargetNames {
		if !g.chance(0.35) {
			continue
		}
		t := config.Target{Better: oneOf(g, "higher", "lower"), AmberWithin: oneOf(g, 0, 0.05, 0.25)}
		switch name {
		case "fte_rate_per_100k":
			t.Target = oneOf(g, 0, 1.7857142857142858, 5, 20)
		case "frequency_rate":
			t.Target = oneOf(g, 0.5, 1, 2)
		default:
			t.Target = oneOf(g, 0, 0.25, 0.5, 0.75, 0.8, 1)
		}
		cfg.Targets[name] = t
	}

	if g.chance(0.15) {
		// A core extract missing (--partial): no sheet, so no rows.
		for _, k := range []ingest.Kind{ingest.KindDisposals, ingest.KindETE, ingest.KindOOCD} {
			if !g.chance(0.5) {
				continue
			}
			ds.Inputs = slices.DeleteFunc(ds.Inputs, func(in ingest.Input) bool { return in.Kind == k })
			switch k {
			case ingest.KindDisposals:
				ds.Disposals = nil
			case ingest.KindETE:
				ds.ETE = nil
			case ingest.KindOOCD:
				ds.OOCD = nil
			}
		}
	}
}

// refDedupe drops rows equal to an earlier one and numbers the rest in reading order.
func refDedupe[T comparable](rows []T, src func(*T) *ingest.Source) []T {
	var out []T
	for _, r := range rows {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	for i := range out {
		*src(&out[i]) = ingest.Source{Row: i + 2}
	}
	return out
}

// refDiffs compares Compute with the reference for each of the 8 quarters ending with q.
func refDiffs(ds *ingest.Dataset, q calendar.Quarter, asOf calendar.Date, cfg config.Config) []string {
	var out []string
	for k := -7; k <= 0; k++ {
		rq := q.Add(k)
		got := report.Compute(ds, rq, asOf, cfg)
		want := refCompute(ds, rq, asOf, cfg)
		for _, d := range compareIndicators(got, want) {
			out = append(out, "quarter "+rq.Label()+": "+d)
		}
	}
	return out
}

// diffPath is a difference without its values, to keep the same failure while shrinking.
func diffPath(d string) string { return d[:strings.Index(d, ": got ")] }

// refShrink removes rows one at a time while the first difference persists, to show the
// smallest failing case.
func refShrink(ds *ingest.Dataset, q calendar.Quarter, asOf calendar.Date, cfg config.Config, path string) *ingest.Dataset {
	fails := func(c *ingest.Dataset) bool {
		return slices.ContainsFunc(refDiffs(c, q, asOf, cfg), func(d string) bool { return diffPath(d) == path })
	}
	cur := *ds
	for changed := true; changed; {
		changed = false
		for i := 0; i < len(cur.Disposals); i++ {
			c := cur
			c.Disposals = slices.Delete(slices.Clone(cur.Disposals), i, i+1)
			if fails(&c) {
				cur, changed, i = c, true, i-1
			}
		}
		for i := 0; i < len(cur.ETE); i++ {
			c := cur
			c.ETE = slices.Delete(slices.Clone(cur.ETE), i, i+1)
			if fails(&c) {
				cur, changed, i = c, true, i-1
			}
		}
		for i := 0; i < len(cur.OOCD); i++ {
			c := cur
			c.OOCD = slices.Delete(slices.Clone(cur.OOCD), i, i+1)
			if fails(&c) {
				cur, changed, i = c, true, i-1
			}
		}
		for i := 0; i < len(cur.Victims); i++ {
			c := cur
			c.Victims = slices.Delete(slices.Clone(cur.Victims), i, i+1)
			if fails(&c) {
				cur, changed, i = c, true, i-1
			}
		}
		changed = shrinkRows(&cur, func(ds *ingest.Dataset) *[]ingest.FeedbackAnswer { return &ds.Feedback }, fails) || changed
		changed = shrinkRows(&cur, func(ds *ingest.Dataset) *[]ingest.Comparator { return &ds.Comparators }, fails) || changed
		changed = shrinkRows(&cur, func(ds *ingest.Dataset) *[]ingest.Attendance { return &ds.Attendance }, fails) || changed
		changed = shrinkRows(&cur, func(ds *ingest.Dataset) *[]ingest.Action { return &ds.Plan }, fails) || changed
	}
	return &cur
}

// shrinkRows removes rows of one kind one at a time while fails holds; it reports whether
// any was removed.
func shrinkRows[T any](cur *ingest.Dataset, rows func(*ingest.Dataset) *[]T, fails func(*ingest.Dataset) bool) bool {
	changed := false
	for i := 0; i < len(*rows(cur)); i++ {
		c := *cur
		*rows(&c) = slices.Delete(slices.Clone(*rows(cur)), i, i+1)
		if fails(&c) {
			*cur, changed, i = c, true, i-1
		}
	}
	return changed
}

func refDump(ds *ingest.Dataset) string {
	var b strings.Builder
	for _, r := range ds.Disposals {
		fmt.Fprintf(&b, "  disposal %s dob=%s off=%s out=%s %s rel=%s breach=%d g=%s grav=%d cat=%q\n", r.ChildID, r.DateOfBirth,
			r.OffenceDate, r.OutcomeDate, r.OutcomeType, r.ReleaseDate, r.Breach, r.Gender, r.GravityScore, r.OffenceCategory)
	}
	for _, r := range ds.ETE {
		fmt.Fprintf(&b, "  ete %s dob=%s %s..%s suit %s->%s hours start %v/%v end %v/%v\n", r.ChildID, r.DateOfBirth,
			r.InterventionStart, r.InterventionEnd, r.SuitableStart, r.SuitableEnd,
			r.HoursOfferedStart, r.HoursAttendedStart, r.HoursOfferedEnd, r.HoursAttendedEnd)
	}
	for _, r := range ds.OOCD {
		fmt.Fprintf(&b, "  oocd %s dob=%s %s ref=%s assess=%s decision=%s int=%s..%s completion=%d\n", r.ChildID, r.DateOfBirth,
			r.OutcomeType, r.ReferralDate, r.AssessmentDate, r.DecisionDate, r.InterventionStart, r.InterventionEnd, r.Completion)
	}
	for _, r := range ds.Victims {
		fmt.Fprintf(&b, "  victim %s closure=%s consent=%d views=%d rjo=%d rje=%d\n", r.VictimID, r.ClosureDate,
			r.ConsentedToContact, r.ViewsSought, r.RJOffered, r.RJEngaged)
	}
	for _, r := range ds.ETE {
		fmt.Fprintf(&b, "  ete kpi %s end=%s acc %s->%s rec=%v send=%d plan=%d mh=%d%d%d sm=%d%d%d wider=%d%d%d%d\n", r.ChildID, r.InterventionEnd,
			r.AccommodationStart, r.AccommodationEnd, r.AccommodationRecorded, r.SENDIdentified, r.LearningPlan,
			r.MentalHealthNeed, r.MentalHealthOffered, r.MentalHealthAttending, r.SubstanceNeed, r.SubstanceOffered, r.SubstanceAttending,
			r.LookedAfterEnd, r.ChildProtectionEnd, r.ChildInNeedEnd, r.EarlyHelpEnd)
	}
	for _, r := range ds.Feedback {
		fmt.Fprintf(&b, "  feedback %s %s %s %q %q child=%q\n", r.ResponseID, r.Respondent, r.CompletedDate, r.Question, r.Answer, r.ChildID)
	}
	for _, r := range ds.Comparators {
		fmt.Fprintf(&b, "  comparator %s %q %s %v %q\n", r.Indicator, r.Comparator, r.Period, r.Value, r.Source)
	}
	for _, r := range ds.Attendance {
		fmt.Fprintf(&b, "  attendance %s %q attended=%d senior=%d\n", r.MeetingDate, r.Partner, r.Attended, r.Senior)
	}
	for i, r := range ds.Plan {
		fmt.Fprintf(&b, "  action %d indicator=%q\n", i, r.Indicator)
	}
	fmt.Fprintf(&b, "  extracts: %v feedback=%v comparators=%v attendance=%v plan=%v\n", ds.Inputs,
		ds.HasFeedback, ds.HasComparators, ds.HasAttendance, ds.HasPlan)
	return b.String()
}

// TestComputeMatchesReference is the differential check: 200 seeded random datasets, every
// figure of the reporting quarter and of the 8 cohort/trend quarters, each quarter in turn
// taken as the reporting quarter.
func TestComputeMatchesReference(t *testing.T) {
	const seeds = 200
	failed := 0
	for seed := uint64(1); seed <= seeds; seed++ {
		ds, q, asOf, cfg := refDataset(seed)
		diffs := refDiffs(ds, q, asOf, cfg)
		if len(diffs) == 0 {
			continue
		}
		failed++
		if failed > 3 {
			t.Errorf("seed %d: %d differences (first: %s)", seed, len(diffs), diffs[0])
			continue
		}
		small := refShrink(ds, q, asOf, cfg, diffPath(diffs[0]))
		var still []string
		for _, d := range refDiffs(small, q, asOf, cfg) {
			if diffPath(d) == diffPath(diffs[0]) {
				still = append(still, d)
			}
		}
		t.Errorf("seed %d (quarter %s, as-of %s, mode %s, extra holidays %v, population %d, targets %v): %d differences, first:\n  %s\nsmallest case:\n%s  -> %s",
			seed, q.Label(), asOf, cfg.ReoffendingMode, cfg.ExtraBankHolidays, cfg.Population1017, cfg.Targets,
			len(diffs), diffs[0], refDump(small), strings.Join(still, "\n  -> "))
	}
}

// TestReferenceGeneratorCoversEdgeCases guards the generator: a differential test whose
// data never reach the edge cases proves little.
func TestReferenceGeneratorCoversEdgeCases(t *testing.T) {
	var n struct {
		children, reoffences, custodyNoRelease, breach, leapDOB, sameDay, fte, eteEndTie int
		onTime, late, overdue, pending, schoolBoth                                       int
		at12m, at12m1, at18m, at18m1, day366                                             int
	}
	for seed := uint64(1); seed <= 200; seed++ {
		ds, q, asOf, cfg := refDataset(seed)
		want := refCompute(ds, q, asOf, cfg)
		for _, c := range want.Reoffending.Cohorts {
			n.children += c.Children
			n.reoffences += c.Reoffences
		}
		for k := -7; k <= 0; k++ {
			w := refCompute(ds, q.Add(k), asOf, cfg)
			n.fte += w.FTE.Quarter.Count
			tm := w.OOCD.Timeliness
			n.onTime += tm.OnTime
			n.late += tm.Late
			n.overdue += tm.Overdue
			n.pending += tm.Pending
			if w.ETE.End.SchoolAge.Children > 0 && w.ETE.End.AboveSchoolAge.Children > 0 {
				n.schoolBoth++
			}
		}
		for i, r := range ds.Disposals {
			if refTierOf[r.OutcomeType] == "custody" && r.ReleaseDate == 0 {
				n.custodyNoRelease++
			}
			if r.Breach == ingest.Yes {
				n.breach++
			}
			if _, m, d := r.DateOfBirth.YMD(); m == 2 && d == 29 {
				n.leapDOB++
			}
			for _, s := range ds.Disposals[:i] {
				if s.ChildID == r.ChildID && s.OutcomeDate == r.OutcomeDate {
					n.sameDay++
				}
			}
			// offences and outcomes on and just past the 12- and 18-month limits of an index
			for _, p := range ds.Disposals {
				idx := refIndexDate(p)
				if p.ChildID != r.ChildID || idx == 0 || !refEligible(p, false) || !refEligible(r, false) {
					continue
				}
				switch r.OffenceDate {
				case idx.AddMonths(12):
					n.at12m++
					if r.OffenceDate-idx == 366 {
						n.day366++
					}
				case idx.AddMonths(12) + 1:
					n.at12m1++
				}
				if r.OffenceDate > idx {
					switch r.OutcomeDate {
					case idx.AddMonths(18):
						n.at18m++
					case idx.AddMonths(18) + 1:
						n.at18m1++
					}
				}
			}
		}
		for i, r := range ds.ETE {
			for _, s := range ds.ETE[:i] {
				if s.ChildID == r.ChildID && s.InterventionEnd == r.InterventionEnd && r.InterventionEnd != 0 {
					n.eteEndTie++
				}
			}
		}
	}
	t.Logf("coverage: %+v", n)
	for name, v := range map[string]int{"cohort children": n.children, "reoffences": n.reoffences,
		"custody rows without release": n.custodyNoRelease, "breaches": n.breach, "29 Feb DOBs": n.leapDOB,
		"same-day rows": n.sameDay, "first time entrants": n.fte, "ETE end-date ties": n.eteEndTie,
		"on time": n.onTime, "late": n.late, "overdue": n.overdue, "pending": n.pending,
		"ETE quarters with both school-age groups": n.schoolBoth,
		"offence at index + 12 months":             n.at12m, "offence at index + 12 months + 1 day": n.at12m1,
		"outcome at index + 18 months": n.at18m, "outcome at index + 18 months + 1 day": n.at18m1,
		"first reoffence window of 366 days": n.day366} {
		if v < 20 {
			t.Errorf("generator reached %q only %d times; want at least 20", name, v)
		}
	}
}

// TestReferenceGeneratorCoversV2EdgeCases guards the generator's SPEC v2 part in the same way.
func TestReferenceGeneratorCoversV2EdgeCases(t *testing.T) {
	n := map[string]int{}
	for seed := uint64(1); seed <= 200; seed++ {
		ds, q, asOf, cfg := refDataset(seed)
		if len(refMissing(ds)) > 0 {
			n["datasets with a core extract missing"]++
		}
		for k := -7; k <= 0; k++ {
			w := refCompute(ds, q.Add(k), asOf, cfg)
			if w.SEND == nil || w.Accommodation == nil || w.MentalHealth == nil || w.SubstanceMisuse == nil || w.WiderServices == nil {
				n["quarters with a KPI block null"]++
			}
			if w.MentalHealth != nil && w.MentalHealth.Children > 0 {
				n["quarters with a mental health cohort"]++
			}
			if w.SEND != nil && w.SEND.Identified > w.SEND.Both && w.SEND.LearningPlan+w.SEND.SuitableETEEnd > 0 {
				n["SEND identified without both suitable ETE and a plan"]++
			}
			if f := w.Feedback; f != nil && len(f.Questions) > 0 {
				n["quarters with feedback questions"]++
				if f.Respondents.Child.NotAnswered > 0 {
					n["quarters with a child's blank answer"]++
				}
			}
			if b := w.BoardAttendance; b != nil && b.Meetings > 1 {
				n["quarters with several board meetings"]++
			}
			for _, c := range w.Comparators {
				switch {
				case c.Ours != nil:
					n["comparators with our value"]++
				case slices.ContainsFunc(w.Series[c.Indicator], func(p report.SeriesPoint) bool { return p.Quarter == c.Period }):
					n["comparators at a null series value"]++
				case w.Series[c.Indicator] == nil:
					n["comparators for an indicator with no series"]++
				default:
					n["comparators for a period outside the series"]++
				}
			}
			for _, tr := range w.Targets {
				if tr.RAG != nil {
					n["targets "+*tr.RAG]++
				} else {
					n["targets without a value"]++
				}
			}
			for _, c := range w.AreasOfConcern {
				if len(c.Actions) > 0 {
					n["areas of concern with linked actions"]++
				}
				if c.WorseThanPrevious || c.WorseThanYearAgo {
					n["significant changes for the worse"]++
				}
			}
			if s := w.Series["fte_rate_per_100k"]; len(s) == 8 && s[7].Numerator != nil && *s[7].Numerator > 1 {
				n["rolling FTE counts above 1"]++
			}
		}
		// cascade rows with a later stage yes after an earlier stage not yes
		for _, e := range ds.ETE {
			if e.MentalHealthNeed != ingest.Yes && (e.MentalHealthOffered == ingest.Yes || e.MentalHealthAttending == ingest.Yes) ||
				e.SubstanceOffered != ingest.Yes && e.SubstanceAttending == ingest.Yes {
				n["cascade rows yes after a stage not yes"]++
			}
			if e.MentalHealthNeed == ingest.Yes && e.MentalHealthOffered == ingest.Blank {
				n["cascade rows with a blank stage after need"]++
			}
		}
		quarters := map[string]map[calendar.Quarter]bool{}
		for _, f := range ds.Feedback {
			id := string(f.Respondent) + "/" + f.ResponseID
			if quarters[id] == nil {
				quarters[id] = map[calendar.Quarter]bool{}
			}
			quarters[id][calendar.QuarterOf(f.CompletedDate)] = true
		}
		for _, qs := range quarters {
			if len(qs) > 1 {
				n["response ids in several quarters"]++
			}
		}
	}
	t.Logf("coverage: %v", n)
	for _, name := range []string{"datasets with a core extract missing", "quarters with a KPI block null",
		"quarters with a mental health cohort", "SEND identified without both suitable ETE and a plan", "quarters with feedback questions",
		"quarters with a child's blank answer", "quarters with several board meetings", "comparators with our value",
		"comparators at a null series value", "comparators for an indicator with no series", "comparators for a period outside the series",
		"targets green", "targets amber", "targets red", "targets without a value", "areas of concern with linked actions",
		"significant changes for the worse", "rolling FTE counts above 1", "cascade rows yes after a stage not yes",
		"cascade rows with a blank stage after need", "response ids in several quarters"} {
		if n[name] < 20 {
			t.Errorf("generator reached %q only %d times; want at least 20", name, n[name])
		}
	}
}
