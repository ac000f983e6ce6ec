package report_test

// An independent differential check of report.Compute. The ref* functions below are a
// second, deliberately naive (quadratic) implementation of SPEC §2 and §4, written from the
// SPEC text alone; TestComputeMatchesReference feeds both the same seeded random datasets,
// dense in edge cases, and compares every figure. The only production code the reference
// leans on is the calendar (AddMonths, AgeOn, IsSchoolAge, bank holidays), stats.Median and
// the output structs.

import (
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
	var o report.OOCD
	o.Decided.ByType = map[string]int{}
	o.Completion.ByType = map[string]report.CompletionByType{}
	h := calendar.NewHolidays(cfg.ExtraBankHolidays, cfg.RemovedBankHolidays)
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
	per := func(n int, scale float64) *float64 {
		if pop == nil {
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
	return df.out
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
	// Rows are read interleaved, not child by child, so "first read" matters.
	r.Shuffle(len(ds.Disposals), func(i, j int) { ds.Disposals[i], ds.Disposals[j] = ds.Disposals[j], ds.Disposals[i] })
	r.Shuffle(len(ds.ETE), func(i, j int) { ds.ETE[i], ds.ETE[j] = ds.ETE[j], ds.ETE[i] })
	r.Shuffle(len(ds.OOCD), func(i, j int) { ds.OOCD[i], ds.OOCD[j] = ds.OOCD[j], ds.OOCD[i] })
	// Ingest drops exact duplicates (§3.6), so the dataset never holds two equal rows.
	ds.Disposals = refDedupe(ds.Disposals, func(r *ingest.Disposal) *ingest.Source { return &r.Src })
	ds.ETE = refDedupe(ds.ETE, func(r *ingest.ETE) *ingest.Source { return &r.Src })
	ds.OOCD = refDedupe(ds.OOCD, func(r *ingest.OOCD) *ingest.Source { return &r.Src })
	ds.Victims = refDedupe(ds.Victims, func(r *ingest.Victim) *ingest.Source { return &r.Src })
	return ds, q, g.asOf, cfg
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
	}
	return &cur
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
		t.Errorf("seed %d (quarter %s, as-of %s, mode %s, extra holidays %v): %d differences, first:\n  %s\nsmallest case:\n%s  -> %s",
			seed, q.Label(), asOf, cfg.ReoffendingMode, cfg.ExtraBankHolidays, len(diffs), diffs[0], refDump(small), strings.Join(still, "\n  -> "))
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
