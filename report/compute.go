package report

import (
	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/ingest"
	"github.com/yjsreport/yjsreport/stats"
)

// Compute returns every indicator of SPEC §4 for reporting quarter q from the dataset read as
// of asOf. It is a pure function of its arguments: no clock, no I/O. Zero-valued thresholds
// of cfg (a Config not made by config.Default or config.Parse) take the built-in defaults.
func Compute(ds *ingest.Dataset, q calendar.Quarter, asOf calendar.Date, cfg config.Config) *Indicators {
	cfg = withDefaults(cfg)
	ind := &Indicators{
		Schema:  Schema,
		Service: cfg.Service,
		Quarter: PeriodOf(q),
		AsOf:    asOf.String(),
		Inputs:  Inputs(ds.Inputs),
	}

	// The disposals are grouped by child once and reused by reoffending, FTE and custody.
	x := newDisposalIndex(ds.Disposals, cfg.ReoffendingMode == ModeLive)
	var byCohort map[calendar.Quarter]Cohort
	ind.Reoffending, byCohort = reoffending(x, q, asOf, cfg.ReoffendingMode)
	ind.FTE, ind.Custody = fteAndCustody(x, q, cfg.Population1017)
	ind.SeriousViolence = SeriousViolenceIn(ds.Disposals, q)
	ind.ETE = ETECohort(ds.ETE, q, cfg)

	// OOCD and victims for the quarter, the one before and the same quarter last year (the
	// headline comparisons); every other area's earlier quarters come from its trend.
	hol := calendar.NewHolidays(cfg.ExtraBankHolidays, cfg.RemovedBankHolidays)
	var oocd [3]OOCD
	var victims [3]*Victims
	for i, back := range comparisons {
		oocd[i] = OOCDFigures(ds.OOCD, q.Add(-back), asOf, hol, cfg.AssessmentWorkingDays)
		if ds.HasVictims {
			v := VictimFigures(ds.Victims, q.Add(-back))
			victims[i] = &v
		}
	}
	ind.OOCD = oocd[0]
	ind.Victims = victims[0]

	h := headlineInputs{
		q: q, cfg: cfg, hasVictims: ds.HasVictims,
		cohorts: byCohort, fte: ind.FTE, ete: ind.ETE, oocd: oocd, victims: victims,
	}
	h.headQ, h.hasHead = HeadlineCohort(q, asOf)
	ind.Headlines = h.build()
	ind.Targets = Targets(h.values(), cfg)
	for i := range ind.Headlines {
		for j := range ind.Targets {
			if ind.Targets[j].Indicator == ind.Headlines[i].Indicator {
				t := ind.Targets[j]
				ind.Headlines[i].Target = &t
			}
		}
	}
	return ind
}

// comparisons are the quarters back from the reporting quarter that headlines compare: now,
// the quarter before and the same quarter last year.
var comparisons = [3]int{0, 1, 4}

// withDefaults fills zero thresholds from config.Default.
func withDefaults(cfg config.Config) config.Config {
	def := config.Default()
	if cfg.ReoffendingMode == "" {
		cfg.ReoffendingMode = def.ReoffendingMode
	}
	if cfg.FullTimeHoursSchoolAge == 0 {
		cfg.FullTimeHoursSchoolAge = def.FullTimeHoursSchoolAge
	}
	if cfg.FullTimeHoursAboveSchoolAge == 0 {
		cfg.FullTimeHoursAboveSchoolAge = def.FullTimeHoursAboveSchoolAge
	}
	if cfg.AssessmentWorkingDays == 0 {
		cfg.AssessmentWorkingDays = def.AssessmentWorkingDays
	}
	if cfg.Service == "" {
		cfg.Service = def.Service
	}
	return cfg
}

// PeriodOf returns q's label and dates.
func PeriodOf(q calendar.Quarter) Period {
	return Period{Label: q.Label(), Start: q.Start().String(), End: q.End().String()}
}

// Inputs converts ingest's sheet accounting; a sheet of no kind has a null extract.
func Inputs(in []ingest.Input) []Input {
	out := make([]Input, len(in))
	for i, s := range in {
		out[i] = Input{
			File: s.File, Sheet: s.Sheet, SHA256: s.SHA256,
			Read: s.Read, Accepted: s.Accepted, Rejected: s.Rejected, Duplicates: s.Duplicates,
			Warnings: s.Warnings,
		}
		if s.Kind != "" {
			k := string(s.Kind)
			out[i].Extract = &k
		}
	}
	return out
}

// ratio returns num/den, or nil ("n/a") when den is 0.
func ratio(num, den int) *float64 {
	if den == 0 {
		return nil
	}
	v := float64(num) / float64(den)
	return &v
}

// perPopulation returns count per `per` of the population, nil when no population is set.
func perPopulation(count, population int, per float64) *float64 {
	if population <= 0 {
		return nil
	}
	v := float64(count) / float64(population) * per
	return &v
}

// wilson returns the Wilson 95% interval of k/n, nil when n is 0.
func wilson(k, n int) *[2]float64 {
	lo, hi, ok := stats.Wilson(k, n)
	if !ok {
		return nil
	}
	return &[2]float64{lo, hi}
}
