package report

import (
	"strings"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/ingest"
	"github.com/yjsreport/yjsreport/stats"
)

// Reoffending modes of the config (SPEC 4.1).
const (
	ModeStandard = "standard"
	ModeLive     = "live"
)

// Cohort status values.
const (
	StatusMature      = "mature"
	StatusProvisional = "provisional"
)

// TrendQuarters is the number of quarters in every trend and in the reoffending cohort list.
const TrendQuarters = 8

// The follow-up and proof windows of proven reoffending, in months (SPEC 4.1).
const (
	followUpMonths = 12
	proofMonths    = 18 // also the maturity lag of a cohort
)

// Age bands at the index date (SPEC 4.1) and days-to-first-reoffence bands.
var (
	ageBands      = [3]string{"10-14", "15-17", "18+"}
	daysBands     = [4]string{"0-30", "31-90", "91-180", "181-365"}
	daysBandUpper = [3]int{30, 90, 180}
)

// ReoffendingCohort returns the reoffending cohort of quarter q (SPEC 4.1) among all the
// disposals rows; mode is ModeStandard or ModeLive.
func ReoffendingCohort(rows []ingest.Disposal, q calendar.Quarter, asOf calendar.Date, mode string) Cohort {
	x := newDisposalIndex(rows, mode == ModeLive)
	return reoffendingCohorts(x, newSpan(q, 1), asOf, 0)[0]
}

// ReoffendingFigures returns SPEC 4.1 for the 8 quarterly cohorts ending with q.
func ReoffendingFigures(rows []ingest.Disposal, q calendar.Quarter, asOf calendar.Date, mode string) Reoffending {
	x := newDisposalIndex(rows, mode == ModeLive)
	r, _ := reoffending(x, q, asOf, mode)
	return r
}

// Mature reports whether the cohort of q has had its 12 months of follow-up and 6 months for
// proof by asOf: asOf ≥ the quarter's last day + 18 months.
func Mature(q calendar.Quarter, asOf calendar.Date) bool {
	return asOf >= q.End().AddMonths(proofMonths)
}

// HeadlineCohort returns the newest mature cohort among the 8 ending with q, if any.
func HeadlineCohort(q calendar.Quarter, asOf calendar.Date) (calendar.Quarter, bool) {
	for i := range TrendQuarters {
		if c := q.Add(-i); Mature(c, asOf) {
			return c, true
		}
	}
	return calendar.Quarter{}, false
}

// reoffending computes the 8 cohorts ending with q and, for the headline series (SPEC 4.9),
// the 8 cohorts ending with the headline one; all cohorts are returned by quarter.
func reoffending(x *disposalIndex, q calendar.Quarter, asOf calendar.Date, mode string) (Reoffending, map[calendar.Quarter]Cohort) {
	n := TrendQuarters
	h, ok := HeadlineCohort(q, asOf)
	if ok {
		// The headline series may begin before the 8 listed cohorts; widen the one pass to
		// reach it.
		n = max(n, quarterDiff(q, h.Add(-(TrendQuarters-1)))+1)
	}
	// Cohorts before the 8 listed are only counted, for the headline series.
	all := reoffendingCohorts(x, newSpan(q, n), asOf, n-TrendQuarters)
	byQ := make(map[calendar.Quarter]Cohort, len(all))
	first := q.Add(-(n - 1))
	for i, c := range all {
		byQ[first.Add(i)] = c
	}
	r := Reoffending{Mode: mode, Cohorts: all[len(all)-TrendQuarters:]}
	if ok {
		label := h.Label()
		r.Headline = &label
	}
	return r, byQ
}

// cohortAcc accumulates one cohort.
type cohortAcc struct {
	children, reoffenders, reoffences int
	days                              []float64
	bands                             [len(daysBands)]int
	tier                              [ingest.Custody + 1]Counts
	age                               [len(ageBands)]Counts
	gender, ethnicity, locality       map[string]Counts
}

func addCounts(m map[string]Counts, key string, n int) {
	c := m[key]
	c.Children++
	if n > 0 {
		c.Reoffenders++
	}
	c.Reoffences += n
	m[key] = c
}

func (c *Counts) add(n int) {
	c.Children++
	if n > 0 {
		c.Reoffenders++
	}
	c.Reoffences += n
}

// reoffendingCohorts computes the cohort of every quarter of span in one pass over children;
// the cohorts of slots before detail get their counts only (no breakdowns or days to first
// reoffence).
func reoffendingCohorts(x *disposalIndex, span quarterSpan, asOf calendar.Date, detail int) []Cohort {
	accs := make([]cohortAcc, span.len())
	for i := range accs {
		accs[i].gender = map[string]Counts{}
		accs[i].ethnicity = map[string]Counts{}
		accs[i].locality = map[string]Counts{}
	}
	best := make([]int, span.len()) // per quarter, the index row's position in the child's rows
	for c := range x.children() {
		rs := x.child(c)
		found := false
		for s := range best {
			best[s] = -1
		}
		for i := range rs {
			r := &rs[i]
			if r.index == 0 { // not eligible, or custody not yet released
				continue
			}
			s := span.slot(r.index)
			if s < 0 {
				continue
			}
			// Earliest index date in the quarter; on that date the most serious tier; then
			// the first read (rows are in ingest order, so only a strictly better row wins).
			if b := best[s]; b < 0 || r.index < rs[b].index || (r.index == rs[b].index && r.tier > rs[b].tier) {
				best[s] = i
				found = true
			}
		}
		if !found {
			continue
		}
		for s, b := range best {
			if b < 0 {
				continue
			}
			idx := rs[b].index
			n, first := reoffences(rs, idx)
			a := &accs[s]
			a.children++
			a.reoffences += n
			if n > 0 {
				a.reoffenders++
			}
			if s < detail {
				continue
			}
			if n > 0 {
				days := int(first - idx)
				a.days = append(a.days, float64(days))
				a.bands[daysBand(days)]++
			}
			src := &x.src[rs[b].src]
			a.tier[rs[b].tier].add(n)
			a.age[ageBand(calendar.AgeOn(rs[b].dob, idx))].add(n)
			addCounts(a.gender, textKey(src.Gender), n)
			addCounts(a.ethnicity, textKey(src.Ethnicity), n)
			addCounts(a.locality, textKey(src.Locality), n)
		}
	}
	out := make([]Cohort, span.len())
	for s := range accs {
		out[s] = accs[s].cohort(span.quarter(s), asOf)
	}
	return out
}

// reoffences counts the child's proven reoffences after index date idx (SPEC 4.1): eligible
// rows with idx < offence ≤ idx + 12 months, proven (outcome) by idx + 18 months. It also
// returns the offence date of the first one (0 when none).
func reoffences(rs []drow, idx calendar.Date) (n int, first calendar.Date) {
	followUp, proof := idx.AddMonths(followUpMonths), idx.AddMonths(proofMonths)
	for i := range rs {
		r := &rs[i]
		if r.flags&flagEligible == 0 {
			continue
		}
		if r.offence > idx && r.offence <= followUp && r.outcome <= proof {
			n++
			if first == 0 || r.offence < first {
				first = r.offence
			}
		}
	}
	return n, first
}

func (a *cohortAcc) cohort(q calendar.Quarter, asOf calendar.Date) Cohort {
	c := Cohort{
		Quarter: q.Label(), Start: q.Start().String(), End: q.End().String(),
		Status:                  StatusProvisional,
		Children:                a.children,
		Reoffenders:             a.reoffenders,
		Reoffences:              a.reoffences,
		BinaryRate:              ratio(a.reoffenders, a.children),
		FrequencyRate:           ratio(a.reoffences, a.children),
		ReoffencesPerReoffender: ratio(a.reoffences, a.reoffenders),
		DaysToFirst:             make(map[string]int, len(daysBands)),
		By: CohortBreakdowns{
			Tier:      make(map[string]Counts, len(ingest.Tiers)),
			AgeBand:   make(map[string]Counts, len(ageBands)),
			Gender:    a.gender,
			Ethnicity: a.ethnicity,
			Locality:  a.locality,
		},
	}
	if Mature(q, asOf) {
		c.Status = StatusMature
	}
	if m, ok := stats.Median(a.days); ok {
		c.MedianDaysToFirstReoffence = &m
	}
	c.BinaryCI = wilson(a.reoffenders, a.children)
	for i, k := range daysBands {
		c.DaysToFirst[k] = a.bands[i]
	}
	for _, t := range ingest.Tiers {
		c.By.Tier[t.String()] = a.tier[t]
	}
	for i, k := range ageBands {
		c.By.AgeBand[k] = a.age[i]
	}
	return c
}

// ageBand returns the position in ageBands of an age at the index date. Ingest rejects
// children under 10 on the outcome date, so a lower age cannot occur; it would fall in 10-14.
func ageBand(age int) int {
	switch {
	case age >= 18:
		return 2
	case age >= 15:
		return 1
	}
	return 0
}

// daysBand returns the position in daysBands. A reoffence is at most 12 months after the
// index, which is 366 days across a 29 February, so the last band takes anything above 180.
func daysBand(days int) int {
	for i, u := range daysBandUpper {
		if days <= u {
			return i
		}
	}
	return len(daysBandUpper)
}

// textKey returns a free-text breakdown value, blank as "unknown" (SPEC §3).
func textKey(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return "unknown"
	}
	return s
}
