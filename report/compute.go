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
//
// A core extract (disposals, ete, oocd) with no sheet in ds.Inputs is missing (SPEC 3.6,
// allowed under --partial): the blocks computed from it keep their shape with 0 counts and
// null rates, and its headline series have null values.
func Compute(ds *ingest.Dataset, q calendar.Quarter, asOf calendar.Date, cfg config.Config) *Indicators {
	cfg = withDefaults(cfg)
	missing := ds.MissingCore()
	ind := &Indicators{
		Schema:          Schema,
		Service:         cfg.Service,
		Quarter:         PeriodOf(q),
		AsOf:            asOf.String(),
		PartQuarter:     q.End() > asOf,
		MissingExtracts: []string{},
		Inputs:          Inputs(ds.Inputs),
	}
	gap := map[ingest.Kind]bool{}
	for _, k := range missing {
		ind.MissingExtracts = append(ind.MissingExtracts, string(k))
		gap[k] = true
	}
	span := newSpan(q, TrendQuarters)
	in := seriesInputs{q: q, missing: gap}
	in.headQ, in.hasHead = HeadlineCohort(q, asOf)

	// The disposals' figures are worked out while the others are: the two sets of fields
	// they write do not overlap, and nothing reads either before both are done.
	disposalsDone := make(chan struct{})
	go func() {
		defer close(disposalsDone)
		// The disposals are grouped by child once and reused by reoffending, FTE and custody.
		x := newDisposalIndex(ds.Disposals, cfg.ReoffendingMode == ModeLive)
		ind.Reoffending, in.cohorts = reoffending(x, q, asOf, cfg.ReoffendingMode)
		ind.FTE, ind.Custody, in.rolling = fteAndCustody(x, q, cfg.Population1017)
		if gap[ingest.KindDisposals] {
			// No extract, no rate: a population over no data would read as a true 0.
			ind.FTE.Quarter.RatePer100k, ind.FTE.Rolling12Months.RatePer100k, ind.Custody.RatePer1000 = nil, nil, nil
			for i := range ind.FTE.Trend {
				ind.FTE.Trend[i].RatePer100k = nil
			}
		}
		ind.SeriousViolence = SeriousViolenceIn(ds.Disposals, q)
		in.fte = ind.FTE
	}()

	// One choice of each child's ETE row per quarter serves SPEC 4.3 and 4.6.
	cohorts := eteCohorts(ds.ETE, span)
	ind.ETE = eteWithTrend(ds.ETE, span, cohorts, cfg)
	in.ete = ind.ETE
	for s, c := range cohorts {
		in.needs[s] = needsFigures(ds.ETE, c)
	}
	in.present = KPIRecorded(ds.ETE)
	if gap[ingest.KindETE] {
		// Without the extract nothing says whether it records the KPIs; every block keeps
		// its shape (0 counts, null rates) so that each figure can read "no extract".
		in.present = Recorded{true, true, true, true, true}
	}
	n := in.needs[TrendQuarters-1].recorded(in.present)
	ind.Accommodation, ind.SEND, ind.MentalHealth, ind.SubstanceMisuse, ind.WiderServices =
		n.Accommodation, n.SEND, n.MentalHealth, n.SubstanceMisuse, n.WiderServices

	hol := calendar.NewHolidays(cfg.ExtraBankHolidays, cfg.RemovedBankHolidays)
	for s := range TrendQuarters {
		in.oocd[s] = OOCDFigures(ds.OOCD, span.quarter(s), asOf, hol, cfg.AssessmentWorkingDays)
	}
	ind.OOCD = in.oocd[TrendQuarters-1]
	if ds.HasVictims {
		in.victims = new([TrendQuarters]Victims)
		for s := range TrendQuarters {
			in.victims[s] = VictimFigures(ds.Victims, span.quarter(s))
		}
		v := in.victims[TrendQuarters-1]
		ind.Victims = &v
	}
	if ds.HasFeedback {
		fs := feedbackQuarters(ds.Feedback, q)
		f := withFeedbackTrend(fs, q)
		ind.Feedback = &f
		in.child = new([TrendQuarters]FeedbackCounts)
		for s := range fs {
			in.child[s] = fs[s].Respondents.Child
		}
	}
	if ds.HasAttendance {
		in.board = new([TrendQuarters]BoardAttendance)
		for s := range TrendQuarters {
			in.board[s] = BoardAttendanceIn(ds.Attendance, span.quarter(s))
		}
		b := in.board[TrendQuarters-1]
		ind.BoardAttendance = &b
	}

	<-disposalsDone
	all := in.buildSeries()
	ind.Series = seriesMap(all)
	ind.Comparators = Comparisons(ds.Comparators, ind.Series)
	ind.Targets = Targets(seriesValues(all), cfg)
	ind.Headlines = headlines(all, ind.Comparators, ind.Targets, cfg)
	ind.AreasOfConcern = AreasOfConcern(ind.Headlines, ds.Plan)
	return ind
}

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
