package report

import (
	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/ingest"
)

// Serious violence (SPEC 4.2): the offence categories, folded as headers are (no spaces,
// "_", "-" or "."; lower case), and the lowest gravity score that counts.
var seriousCategories = map[string]bool{
	"violenceagainsttheperson": true,
	"robbery":                  true,
	"drugs":                    true,
}

const seriousMinGravity = 5

// FTEIn returns the first time entrants of SPEC 4.2 for quarter q, the rolling 12 months
// ending with q and the 8-quarter trend (with each quarter's custody counts); population is
// the 10–17 population, 0 when not configured (rates null).
func FTEIn(rows []ingest.Disposal, q calendar.Quarter, population int) FTE {
	x := newDisposalIndex(rows, false)
	f, _, _ := fteAndCustody(x, q, population)
	return f
}

// CustodyIn returns SPEC 4.2's use of custody in quarter q.
func CustodyIn(rows []ingest.Disposal, q calendar.Quarter, population int) Custody {
	x := newDisposalIndex(rows, false)
	_, c, _ := fteAndCustody(x, q, population)
	return c
}

// rollingQuarters is the number of quarters in a rolling 12 months.
const rollingQuarters = 4

// courtCounts is one quarter's child-level disposal counts.
type courtCounts struct {
	fte, custody, court int
}

// fteAndCustody computes FTE and custody for the 8 quarters ending with q, and the first time
// entrants of the 12 months ending with each of those quarters (the FTE headline series of
// SPEC 4.9), in one pass over children.
func fteAndCustody(x *disposalIndex, q calendar.Quarter, population int) (FTE, Custody, [TrendQuarters]int) {
	// The rolling count of the trend's first quarter reaches three quarters further back.
	span := newSpan(q, TrendQuarters+rollingQuarters-1)
	all := courtQuarters(x, span)
	var rolling [TrendQuarters]int
	for i := range rolling {
		for _, c := range all[i : i+rollingQuarters] {
			// Each child has one first formal outcome, so quarters add up to distinct children.
			rolling[i] += c.fte
		}
	}
	counts := all[rollingQuarters-1:]
	f := FTE{Trend: make([]FTETrend, len(counts))}
	if population > 0 {
		p := population
		f.Population1017 = &p
	}
	for i, c := range counts {
		f.Trend[i] = FTETrend{
			Quarter: q.Add(i - (TrendQuarters - 1)).Label(), Count: c.fte, RatePer100k: perPopulation(c.fte, population, 100000),
			CustodialSentences: c.custody, CourtSentences: c.court,
		}
	}
	last := counts[len(counts)-1]
	f.Quarter = FTECount{Count: last.fte, RatePer100k: perPopulation(last.fte, population, 100000)}
	r := rolling[len(rolling)-1]
	f.Rolling12Months = FTECount{Count: r, RatePer100k: perPopulation(r, population, 100000)}
	return f, custodyOf(last, population), rolling
}

func custodyOf(c courtCounts, population int) Custody {
	return Custody{
		CustodialSentences: c.custody,
		CourtSentences:     c.court,
		Share:              ratio(c.custody, c.court),
		RatePer1000:        perPopulation(c.custody, population, 1000),
	}
}

// courtQuarters counts, per quarter of span, first time entrants and distinct (child,
// outcome_date) custody and court pairs.
func courtQuarters(x *disposalIndex, span quarterSpan) []courtCounts {
	out := make([]courtCounts, span.len())
	type pair struct {
		date    calendar.Date
		custody bool
	}
	var buf []pair
	for c := range x.children() {
		rs := x.child(c)
		// FTE: the first formal non-breach row in the whole extract (earliest outcome date,
		// then first read) decides, whatever came before it informally.
		first := -1
		buf = buf[:0]
		for i := range rs {
			r := &rs[i]
			if r.flags&flagFormalNB != 0 && (first < 0 || r.outcome < rs[first].outcome) {
				first = i
			}
			if r.flags&flagCourt != 0 && span.slot(r.outcome) >= 0 {
				buf = append(buf, pair{r.outcome, r.flags&flagCustody != 0})
			}
		}
		if first >= 0 {
			r := &rs[first]
			if s := span.slot(r.outcome); s >= 0 {
				if age := calendar.AgeOn(r.dob, r.outcome); age >= 10 && age <= 17 {
					out[s].fte++
				}
			}
		}
		if len(buf) == 0 {
			continue
		}
		// A child's court rows are few: insertion sort by date, then count distinct dates.
		for i := 1; i < len(buf); i++ {
			for j := i; j > 0 && buf[j].date < buf[j-1].date; j-- {
				buf[j], buf[j-1] = buf[j-1], buf[j]
			}
		}
		for i := 0; i < len(buf); {
			d, custody := buf[i].date, false
			for ; i < len(buf) && buf[i].date == d; i++ {
				custody = custody || buf[i].custody
			}
			s := span.slot(d)
			out[s].court++
			if custody {
				out[s].custody++
			}
		}
	}
	return out
}

// SeriousViolenceIn returns SPEC 4.2's serious violence in quarter q: formal non-breach rows
// (offences, not children) with the outcome in q, gravity ≥ 5, in violence against the
// person, robbery or drugs; split by age on the outcome date.
func SeriousViolenceIn(rows []ingest.Disposal, q calendar.Quarter) SeriousViolence {
	var sv SeriousViolence
	start, end := q.Start(), q.End()
	for i := range rows {
		d := &rows[i]
		if d.OutcomeDate < start || d.OutcomeDate > end || d.GravityScore < seriousMinGravity ||
			!d.OutcomeType.Formal() || d.Breach == ingest.Yes || !seriousCategories[foldCode(d.OffenceCategory)] {
			continue
		}
		sv.Offences++
		switch age := calendar.AgeOn(d.DateOfBirth, d.OutcomeDate); {
		case age >= 10 && age <= 15:
			sv.Age10to15++
		case age >= 16 && age <= 17:
			sv.Age16to17++
		}
	}
	return sv
}

// foldCode folds a code the way SPEC §3 folds headers: lower case, without spaces, "_", "-"
// and ".". Ingest already gives canonical codes; folding again costs little and keeps a
// hand-built Dataset (or an unrecognised spelling kept as text) from slipping through.
func foldCode(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '_' || c == '-' || c == '.' || c == '\t':
			continue
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}
