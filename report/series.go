package report

import (
	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/ingest"
)

// indicatorSeries is one headline indicator of SPEC 4.9 over the 8 quarters ending with its
// period, as counts; its values are worked out from them on the way out.
type indicatorSeries struct {
	name   string
	kind   string
	points []seriesCounts // oldest first; the last is the indicator's period
	// missing is the core extract the indicator is computed from when that extract is
	// missing (SPEC 3.6): every value is then null, not 0 or n/a.
	missing ingest.Kind
}

// seriesCounts is one point: V = num / den (× 100,000 for a rate per 100,000).
type seriesCounts struct {
	q        calendar.Quarter
	num, den int
	// noDen is true for FTE without a configured population: no denominator, no value.
	noDen bool
}

// value returns point i's value, nil when n/a or when the extract is missing.
func (s *indicatorSeries) value(i int) *float64 {
	p := s.points[i]
	if s.missing != "" || p.noDen {
		return nil
	}
	if s.kind == KindRatePer100k {
		return perPopulation(p.num, p.den, 100000)
	}
	return ratio(p.num, p.den)
}

// last returns the value of the indicator's period, nil when there is none.
func (s *indicatorSeries) last() *float64 {
	if len(s.points) == 0 {
		return nil
	}
	return s.value(len(s.points) - 1)
}

// out returns the series as indicators.json writes it: numerator and denominator are null
// only when there is no figure (a missing extract, or no population for FTE).
func (s *indicatorSeries) out() []SeriesPoint {
	out := make([]SeriesPoint, len(s.points))
	for i, p := range s.points {
		out[i] = SeriesPoint{Quarter: p.q.Label(), Value: s.value(i)}
		if s.missing != "" {
			continue
		}
		n := float64(p.num)
		out[i].Numerator = &n
		if !p.noDen {
			d := float64(p.den)
			out[i].Denominator = &d
		}
	}
	return out
}

// point returns point i as a headline Point, with its Wilson interval for a proportion.
func (s *indicatorSeries) point(i int) Point {
	c := s.points[i]
	p := Point{Period: c.q.Label()}
	if s.missing != "" {
		return p
	}
	p.Numerator, p.Denominator, p.Value = float64(c.num), float64(c.den), s.value(i)
	if s.kind == KindProportion {
		p.CI95 = wilson(c.num, c.den)
	}
	return p
}

// seriesInputs holds the per-quarter figures the series are read from. Arrays run over the 8
// quarters ending with the reporting quarter, oldest first.
type seriesInputs struct {
	q       calendar.Quarter
	headQ   calendar.Quarter // the headline reoffending cohort
	hasHead bool
	cohorts map[calendar.Quarter]Cohort
	fte     FTE // its trend also holds the custody counts
	rolling [TrendQuarters]int
	ete     ETE
	oocd    [TrendQuarters]OOCD
	victims *[TrendQuarters]Victims // nil without a victims extract
	needs   [TrendQuarters]needsCounts
	present Recorded                        // the SPEC 4.6 blocks that are reported
	child   *[TrendQuarters]FeedbackCounts  // children's answers; nil without a feedback extract
	board   *[TrendQuarters]BoardAttendance // nil without a board attendance extract
	missing map[ingest.Kind]bool
}

// buildSeries returns the series of every headline indicator whose block is present, in
// config.TargetNames order (SPEC 4.9): the reoffending, FTE, custody, ETE and OOCD names
// always; the others only with their extract or block.
func (in *seriesInputs) buildSeries() []*indicatorSeries {
	var out []*indicatorSeries
	for _, name := range config.TargetNames {
		if s := in.series(name); s != nil {
			out = append(out, s)
		}
	}
	return out
}

// series returns one indicator's series, nil when its block is absent.
func (in *seriesInputs) series(name string) *indicatorSeries {
	s := &indicatorSeries{name: name, kind: KindProportion}
	// quarterly adds the 8 quarters ending with the reporting quarter.
	quarterly := func(f func(i int) (num, den int)) {
		for i := range TrendQuarters {
			num, den := f(i)
			s.points = append(s.points, seriesCounts{q: in.q.Add(i - (TrendQuarters - 1)), num: num, den: den})
		}
	}
	switch name {
	case "binary_reoffending_rate", "frequency_rate":
		s.missing = in.gap(ingest.KindDisposals)
		if name == "frequency_rate" {
			s.kind = KindFrequency
		}
		if !in.hasHead {
			break // no mature cohort: an empty series
		}
		for i := range TrendQuarters {
			cq := in.headQ.Add(i - (TrendQuarters - 1))
			c := in.cohorts[cq]
			num := c.Reoffenders
			if name == "frequency_rate" {
				num = c.Reoffences
			}
			s.points = append(s.points, seriesCounts{q: cq, num: num, den: c.Children})
		}
	case "fte_rate_per_100k":
		s.missing, s.kind = in.gap(ingest.KindDisposals), KindRatePer100k
		pop := 0
		if in.fte.Population1017 != nil {
			pop = *in.fte.Population1017
		}
		quarterly(func(i int) (int, int) { return in.rolling[i], pop })
		for i := range s.points {
			s.points[i].noDen = pop <= 0
		}
	case "custody_share":
		s.missing = in.gap(ingest.KindDisposals)
		quarterly(func(i int) (int, int) { t := in.fte.Trend[i]; return t.CustodialSentences, t.CourtSentences })
	case "ete_suitable_end":
		s.missing = in.gap(ingest.KindETE)
		quarterly(func(i int) (int, int) { t := in.ete.Trend[i]; return t.SuitableEnd, t.Children })
	case "ete_suitable_end_school_age":
		s.missing = in.gap(ingest.KindETE)
		quarterly(func(i int) (int, int) { t := in.ete.Trend[i]; return t.SchoolAgeSuitableEnd, t.SchoolAgeChildren })
	case "ete_suitable_end_above_school_age":
		s.missing = in.gap(ingest.KindETE)
		quarterly(func(i int) (int, int) {
			t := in.ete.Trend[i]
			return t.AboveSchoolAgeSuitableEnd, t.AboveSchoolAgeChildren
		})
	case "oocd_completion_rate":
		s.missing = in.gap(ingest.KindOOCD)
		quarterly(func(i int) (int, int) { c := in.oocd[i].Completion; return c.Completed, c.Completed + c.NotCompleted })
	case "oocd_timeliness_rate":
		s.missing = in.gap(ingest.KindOOCD)
		quarterly(func(i int) (int, int) { t := in.oocd[i].Timeliness; return t.OnTime, t.OnTime + t.Late + t.Overdue })
	case "victim_rj_rate":
		if in.victims == nil {
			return nil
		}
		quarterly(func(i int) (int, int) { v := in.victims[i]; return v.RJEngagedAndConsented, v.Consented })
	case "accommodation_suitable_end":
		if !in.present.Accommodation {
			return nil
		}
		s.missing = in.gap(ingest.KindETE)
		quarterly(func(i int) (int, int) { a := in.needs[i].accommodation; return a.End.Suitable, a.Children })
	case "send_suitable_ete_with_plan":
		if !in.present.SEND {
			return nil
		}
		s.missing = in.gap(ingest.KindETE)
		quarterly(func(i int) (int, int) { x := in.needs[i].send; return x.Both, x.Identified })
	case "mental_health_need_met":
		if !in.present.MentalHealth {
			return nil
		}
		s.missing = in.gap(ingest.KindETE)
		quarterly(func(i int) (int, int) { c := in.needs[i].mentalHealth; return c.Attending, c.Need })
	case "substance_misuse_need_met":
		if !in.present.SubstanceMisuse {
			return nil
		}
		s.missing = in.gap(ingest.KindETE)
		quarterly(func(i int) (int, int) { c := in.needs[i].substanceMisuse; return c.Attending, c.Need })
	case "wider_services_end":
		if !in.present.WiderServices {
			return nil
		}
		s.missing = in.gap(ingest.KindETE)
		quarterly(func(i int) (int, int) { w := in.needs[i].widerServices; return w.Any, w.Children })
	case "feedback_positive_rate":
		if in.child == nil {
			return nil
		}
		quarterly(func(i int) (int, int) { c := in.child[i]; return c.Positive, c.answered() })
	case "board_attendance_rate":
		if in.board == nil {
			return nil
		}
		quarterly(func(i int) (int, int) { b := in.board[i]; return b.Attended, b.Expected })
	default:
		return nil
	}
	return s
}

// gap returns kind when that core extract is missing, else "".
func (in *seriesInputs) gap(kind ingest.Kind) ingest.Kind {
	if in.missing[kind] {
		return kind
	}
	return ""
}

// seriesMap returns the series of indicators.json keyed by headline name.
func seriesMap(all []*indicatorSeries) map[string][]SeriesPoint {
	m := make(map[string][]SeriesPoint, len(all))
	for _, s := range all {
		m[s.name] = s.out()
	}
	return m
}

// seriesValues returns each indicator's value for its period, for the targets.
func seriesValues(all []*indicatorSeries) map[string]*float64 {
	m := make(map[string]*float64, len(all))
	for _, s := range all {
		m[s.name] = s.last()
	}
	return m
}

// Comparisons returns SPEC 4.9's comparators: every accepted comparators row, in reading
// order, with ours = our series value of the same indicator and period and difference =
// ours − theirs; both null when the period is not in the series, its value is null, or the
// indicator has no series.
func Comparisons(rows []ingest.Comparator, series map[string][]SeriesPoint) []ComparatorResult {
	out := make([]ComparatorResult, 0, len(rows))
	for i := range rows {
		r := &rows[i]
		c := ComparatorResult{
			Indicator: canonicalIndicator(r.Indicator), Comparator: r.Comparator, Period: r.Period.Label(), Value: r.Value,
		}
		if r.Source != "" {
			src := r.Source
			c.Source = &src
		}
		for _, p := range series[c.Indicator] {
			if p.Quarter == c.Period && p.Value != nil {
				ours, diff := *p.Value, *p.Value-r.Value
				c.Ours, c.Difference = &ours, &diff
			}
		}
		out = append(out, c)
	}
	return out
}

// headlines returns one Headline per series: its current, previous and year-ago points
// (the last, second last and fifth last of the series), the changes between them, its
// series with intervals, the comparators of each point and its target.
func headlines(all []*indicatorSeries, comparators []ComparatorResult, targets []TargetResult, cfg config.Config) []Headline {
	out := make([]Headline, 0, len(all))
	for _, s := range all {
		better := defaultBetter[s.name]
		if t, ok := cfg.Targets[s.name]; ok && t.Better != "" {
			better = t.Better
		}
		h := Headline{
			Indicator: s.name, Label: headlineLabel(s.name, cfg), Kind: s.kind, Better: better,
			Series: make([]Point, len(s.points)), MissingExtract: string(s.missing),
		}
		for i := range s.points {
			p := s.point(i)
			for _, c := range comparators {
				if c.Indicator == s.name && c.Period == p.Period {
					p.Comparators = append(p.Comparators, c)
				}
			}
			h.Series[i] = p
		}
		if n := len(h.Series); n == TrendQuarters {
			h.Current, h.Previous, h.YearAgo = h.Series[n-1], h.Series[n-2], h.Series[n-1-4]
			h.Period = h.Current.Period
		}
		h.ChangePrevious = compare(h.Current, h.Previous, s.kind, better)
		h.ChangeYearAgo = compare(h.Current, h.YearAgo, s.kind, better)
		for i := range targets {
			if targets[i].Indicator == s.name {
				t := targets[i]
				h.Target = &t
			}
		}
		out = append(out, h)
	}
	return out
}

// AreasOfConcern returns SPEC 4.9's areas of concern: each headline that is red against its
// target or significantly worse than the previous quarter or a year earlier, in headline
// order, with the positions in plan of the actions linked to its indicator.
func AreasOfConcern(hs []Headline, plan []ingest.Action) []Concern {
	out := []Concern{}
	for i := range hs {
		h := &hs[i]
		c := Concern{
			Indicator:         h.Indicator,
			Red:               h.Target != nil && h.Target.RAG != nil && *h.Target.RAG == RAGRed,
			WorseThanPrevious: worse(h.ChangePrevious),
			WorseThanYearAgo:  worse(h.ChangeYearAgo),
			Actions:           []int{},
		}
		if !c.Red && !c.WorseThanPrevious && !c.WorseThanYearAgo {
			continue
		}
		for j := range plan {
			if canonicalIndicator(plan[j].Indicator) == h.Indicator {
				c.Actions = append(c.Actions, j)
			}
		}
		out = append(out, c)
	}
	return out
}

func worse(c *Change) bool { return c != nil && c.Significant && c.Direction == DirectionWorse }

// canonicalIndicator returns the headline name a written indicator matches, folded as codes
// are (SPEC 3.5, 3.8: "Binary reoffending rate" = binary_reoffending_rate); ingest gives
// canonical names already, so this only guards a hand-built Dataset.
func canonicalIndicator(s string) string {
	f := foldCode(s)
	for _, name := range config.TargetNames {
		if foldCode(name) == f {
			return name
		}
	}
	return s
}
