package report

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/ingest"
)

// Series cases report 2018/19 Q3 as of 31 January 2019: the series run 2016/17 Q4 … 2018/19
// Q3, and the headline reoffending cohort is 2017/18 Q1, so the reoffending pair runs
// 2015/16 Q2 … 2017/18 Q1.
const seriesAsOf = "2019-01-31"

// showSeries formats a series' values, numerators and denominators for comparison.
func showSeries(ps []SeriesPoint) string {
	s := ""
	for _, p := range ps {
		s += fmt.Sprintf("%s=%v(%v/%v) ", p.Quarter, showf(p.Value), showf(p.Numerator), showf(p.Denominator))
	}
	return s
}

// fteDataset: first time entrants in 2016/17 Q1 (F1), 2017/18 Q3 (F2) and 2018/19 Q3 (F3,
// F4), and two children who are not first time entrants in 2018/19 Q3.
func fteDataset() *ingest.Dataset {
	const dob = "2003-01-01" // 13–15 throughout
	return &ingest.Dataset{
		Inputs: coreInputs(),
		Disposals: []ingest.Disposal{
			disp("F1", dob, "2016-04-20", "2016-05-01", ingest.YouthCaution),
			disp("F2", dob, "2017-11-20", "2017-12-01", ingest.Fine),
			disp("F3", dob, "2018-10-20", "2018-11-01", ingest.YouthCaution),
			// An informal outcome first: the first formal one decides.
			disp("F4", dob, "2018-09-20", "2018-10-01", ingest.CommunityResolution),
			disp("F4", dob, "2018-10-10", "2018-10-20", ingest.YouthCaution),
			// 18 on the outcome date: not an entrant of the 10–17 population.
			disp("F5", "2000-01-01", "2018-11-01", "2018-11-05", ingest.YouthCaution),
			// A breach is not an entry; the first non-breach formal outcome is after the quarter.
			disp("F6", dob, "2018-10-01", "2018-10-10", ingest.Fine, breach),
			disp("F6", dob, "2019-01-01", "2019-01-10", ingest.YouthCaution),
		},
	}
}

func fteConfig(population int) config.Config {
	cfg := config.Default()
	cfg.Population1017 = population
	cfg.Targets = map[string]config.Target{
		"fte_rate_per_100k":          {Target: 15, Better: Lower, AmberWithin: 2},
		"custody_share":              {Target: 0.1, Better: Lower},
		"accommodation_suitable_end": {Target: 0.9, Better: Higher},
	}
	return cfg
}

func TestFTEHeadlineIsRolling12Months(t *testing.T) {
	ind := Compute(fteDataset(), quarter("2018/19 Q3"), d(seriesAsOf), fteConfig(10000))

	t.Run("series: FTE in the 12 months ending with each quarter per 100,000 of the population", func(t *testing.T) {
		// Rolling counts 1 (F1 in 2016/17 Q1–Q4), 0, 0, then F2 for four quarters, then F3+F4.
		want := "2016/17 Q4=10(1/10000) 2017/18 Q1=0(0/10000) 2017/18 Q2=0(0/10000) 2017/18 Q3=10(1/10000) " +
			"2017/18 Q4=10(1/10000) 2018/19 Q1=10(1/10000) 2018/19 Q2=10(1/10000) 2018/19 Q3=20(2/10000) "
		if got := showSeries(ind.Series["fte_rate_per_100k"]); got != want {
			t.Errorf("fte series\n got %s\nwant %s", got, want)
		}
	})
	t.Run("the rolling block agrees: 2 entrants, 20 per 100,000", func(t *testing.T) {
		if ind.FTE.Rolling12Months.Count != 2 || ind.FTE.Quarter.Count != 2 {
			t.Errorf("fte %+v", ind.FTE)
		}
		checkF(t, "rolling rate", ind.FTE.Rolling12Months.RatePer100k, ptr(20.0))
	})
	t.Run("headline: the rolling rate now, a quarter before and a year before", func(t *testing.T) {
		h := findHeadline(t, ind.Headlines, "fte_rate_per_100k")
		checkF(t, "current", h.Current.Value, ptr(20.0))
		checkF(t, "previous (2018/19 Q2)", h.Previous.Value, ptr(10.0))
		checkF(t, "year ago (2017/18 Q3)", h.YearAgo.Value, ptr(10.0))
		if h.Current.Numerator != 2 || h.Current.Denominator != 10000 || h.Period != "2018/19 Q3" || h.Kind != KindRatePer100k {
			t.Errorf("headline %+v, want 2 of a population of 10,000 in 2018/19 Q3", h.Current)
		}
		if len(h.Series) != 8 || h.Series[0].Period != "2016/17 Q4" || h.Series[0].CI95 != nil {
			t.Errorf("headline series %+v, want 8 points from 2016/17 Q4 without intervals (not a proportion)", h.Series)
		}
	})
	t.Run("target: the rolling rate against its target", func(t *testing.T) {
		tr := ind.Targets[0]
		if tr.Indicator != "fte_rate_per_100k" || tr.RAG == nil || *tr.RAG != RAGRed {
			t.Errorf("target %+v, want fte red (20 > 15 + 2)", tr)
		}
		checkF(t, "target value", tr.Value, ptr(20.0))
	})
	t.Run("no population: numerator kept, denominator and value null", func(t *testing.T) {
		ind := Compute(fteDataset(), quarter("2018/19 Q3"), d(seriesAsOf), fteConfig(0))
		s := ind.Series["fte_rate_per_100k"]
		if p := s[7]; p.Value != nil || p.Denominator != nil || p.Numerator == nil || *p.Numerator != 2 {
			t.Errorf("2018/19 Q3 %s, want null(2/null)", showSeries(s[7:]))
		}
		h := findHeadline(t, ind.Headlines, "fte_rate_per_100k")
		if h.Current.Value != nil || h.ChangePrevious != nil || h.Target == nil || h.Target.RAG != nil {
			t.Errorf("headline without population %+v, want no value, change or RAG", h)
		}
	})
}

func TestSeriesCustodyShareNullWhenNoCourtSentence(t *testing.T) {
	ind := Compute(fteDataset(), quarter("2018/19 Q3"), d(seriesAsOf), fteConfig(10000))
	// F2's fine in 2017/18 Q3 is the only court sentence (F6's breach fine in 2018/19 Q3 too).
	want := "2016/17 Q4=null(0/0) 2017/18 Q1=null(0/0) 2017/18 Q2=null(0/0) 2017/18 Q3=0(0/1) " +
		"2017/18 Q4=null(0/0) 2018/19 Q1=null(0/0) 2018/19 Q2=null(0/0) 2018/19 Q3=0(0/1) "
	if got := showSeries(ind.Series["custody_share"]); got != want {
		t.Errorf("custody series\n got %s\nwant %s", got, want)
	}
}

func TestReoffendingSeriesEndsWithHeadlineCohort(t *testing.T) {
	ds := &ingest.Dataset{
		Inputs: coreInputs(),
		Disposals: []ingest.Disposal{
			// 2015/16 Q2 cohort (before the 8 listed cohorts): reoffends once.
			disp("R1", "2002-01-01", "2015-07-01", "2015-08-01", ingest.Fine),
			// The reoffence is also R1's index in the 2016/17 Q1 cohort, with no reoffence after.
			disp("R1", "2002-01-01", "2016-03-01", "2016-04-01", ingest.Fine),
			disp("R2", "2002-01-01", "2017-04-01", "2017-05-01", ingest.ReferralOrder),
		},
	}
	ind := Compute(ds, quarter("2018/19 Q3"), d(seriesAsOf), config.Default())
	t.Run("binary: 8 cohorts ending with the headline cohort, each reoffenders / children", func(t *testing.T) {
		want := "2015/16 Q2=1(1/1) 2015/16 Q3=null(0/0) 2015/16 Q4=null(0/0) 2016/17 Q1=0(0/1) " +
			"2016/17 Q2=null(0/0) 2016/17 Q3=null(0/0) 2016/17 Q4=null(0/0) 2017/18 Q1=0(0/1) "
		if got := showSeries(ind.Series["binary_reoffending_rate"]); got != want {
			t.Errorf("binary series\n got %s\nwant %s", got, want)
		}
	})
	t.Run("frequency: reoffences / children", func(t *testing.T) {
		s := ind.Series["frequency_rate"]
		if len(s) != 8 || !eqf(s[0].Value, ptr(1.0)) || !eqf(s[7].Value, ptr(0.0)) {
			t.Errorf("frequency series %s", showSeries(s))
		}
	})
	t.Run("headline: the cohort, one and four cohorts before", func(t *testing.T) {
		h := findHeadline(t, ind.Headlines, "binary_reoffending_rate")
		if h.Period != "2017/18 Q1" || h.Previous.Period != "2016/17 Q4" || h.YearAgo.Period != "2016/17 Q1" {
			t.Errorf("periods %s %s %s", h.Period, h.Previous.Period, h.YearAgo.Period)
		}
		if h.Series[0].CI95 == nil || h.Series[1].CI95 != nil {
			t.Errorf("intervals %v, %v: want Wilson on 1 of 1, none on 0 of 0", h.Series[0].CI95, h.Series[1].CI95)
		}
	})
	t.Run("no mature cohort: an empty series and a headline without a value", func(t *testing.T) {
		ind := Compute(ds, quarter("2018/19 Q3"), d("2018-06-01"), config.Default())
		for _, name := range []string{"binary_reoffending_rate", "frequency_rate"} {
			s, ok := ind.Series[name]
			if !ok || s == nil || len(s) != 0 {
				t.Errorf("%s series %v (present %v), want []", name, s, ok)
			}
			h := findHeadline(t, ind.Headlines, name)
			if h.Current.Value != nil || h.Period != "" || len(h.Series) != 0 {
				t.Errorf("%s headline %+v, want no period or value", name, h)
			}
		}
	})
}

func TestComparators(t *testing.T) {
	cmp := func(indicator, comparator, period string, value float64, source string) ingest.Comparator {
		return ingest.Comparator{Indicator: indicator, Comparator: comparator, Period: quarter(period), Value: value, Source: source}
	}
	ds := fteDataset()
	ds.HasComparators = true
	ds.Comparators = []ingest.Comparator{
		cmp("fte_rate_per_100k", "England and Wales", "2018/19 Q3", 15, "Published statistics"),
		cmp("fte_rate_per_100k", "YOT family", "2016/17 Q3", 12, ""),
		cmp("custody_share", "England and Wales", "2018/19 Q2", 0.05, ""),
		cmp("custody_share", "England and Wales", "2017/18 Q3", 0.06, ""),
		cmp("feedback_positive_rate", "England and Wales", "2018/19 Q3", 0.7, ""),
		cmp("fte_rate_per_100k", "South West", "2017/18 Q4", 8, ""),
	}
	ind := Compute(ds, quarter("2018/19 Q3"), d(seriesAsOf), fteConfig(10000))
	tests := []struct {
		name       string
		ours, diff *float64
	}{
		{"period in the series: ours is the series value, difference ours − theirs", ptr(20.0), ptr(5.0)},
		{"period before the series: both null", nil, nil},
		{"series value null (no court sentence): both null", nil, nil},
		{"a value of 0 is compared", ptr(0.0), ptr(-0.06)},
		{"indicator without a series (no feedback extract): both null", nil, nil},
		{"an earlier point of the series", ptr(10.0), ptr(2.0)},
	}
	if len(ind.Comparators) != len(tests) {
		t.Fatalf("%d comparators, want every row (%d)", len(ind.Comparators), len(tests))
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := ind.Comparators[i]
			if c.Indicator != ds.Comparators[i].Indicator || c.Period != ds.Comparators[i].Period.Label() || c.Value != ds.Comparators[i].Value {
				t.Errorf("row %d = %+v, not in reading order", i, c)
			}
			checkF(t, "ours", c.Ours, tc.ours)
			checkF(t, "difference", c.Difference, tc.diff)
		})
	}
	t.Run("source: text, or null when blank", func(t *testing.T) {
		if s := ind.Comparators[0].Source; s == nil || *s != "Published statistics" {
			t.Errorf("source %v", s)
		}
		if s := ind.Comparators[1].Source; s != nil {
			t.Errorf("blank source %q, want null", *s)
		}
	})
	t.Run("headline points carry the comparators of their period", func(t *testing.T) {
		h := findHeadline(t, ind.Headlines, "fte_rate_per_100k")
		if len(h.Current.Comparators) != 1 || h.Current.Comparators[0].Comparator != "England and Wales" {
			t.Errorf("current comparators %+v", h.Current.Comparators)
		}
		if len(h.Series[4].Comparators) != 1 || h.Series[4].Comparators[0].Comparator != "South West" {
			t.Errorf("2017/18 Q4 comparators %+v", h.Series[4].Comparators)
		}
		n := 0
		for _, p := range h.Series {
			n += len(p.Comparators)
		}
		if n != 2 {
			t.Errorf("%d comparators on the series, want 2 (the 2016/17 Q3 one is outside it)", n)
		}
		c := findHeadline(t, ind.Headlines, "custody_share")
		if len(c.YearAgo.Comparators) != 1 || !eqf(c.YearAgo.Comparators[0].Difference, ptr(-0.06)) {
			t.Errorf("custody year-ago comparators %+v", c.YearAgo.Comparators)
		}
	})
	t.Run("no extract: an empty list", func(t *testing.T) {
		ind := Compute(fteDataset(), quarter("2018/19 Q3"), d(seriesAsOf), fteConfig(10000))
		if ind.Comparators == nil || len(ind.Comparators) != 0 {
			t.Errorf("comparators %v, want []", ind.Comparators)
		}
	})
}

func TestTargetsReadTheSeries(t *testing.T) {
	ind := Compute(fteDataset(), quarter("2018/19 Q3"), d(seriesAsOf), fteConfig(10000))
	var names []string
	for _, tr := range ind.Targets {
		names = append(names, tr.Indicator)
	}
	if !slices.Equal(names, []string{"fte_rate_per_100k", "custody_share", "accommodation_suitable_end"}) {
		t.Fatalf("targets %v, want one per configured target in headline order", names)
	}
	checkF(t, "custody share 0 of 1 in 2018/19 Q3", ind.Targets[1].Value, ptr(0.0))
	if r := ind.Targets[1].RAG; r == nil || *r != RAGGreen {
		t.Errorf("custody share 0 against 0.1 lower: %v, want green", r)
	}
	if tr := ind.Targets[2]; tr.Value != nil || tr.RAG != nil {
		t.Errorf("a target whose block is null (no KPI recorded): %+v, want null value and RAG", tr)
	}
}

func TestAreasOfConcern(t *testing.T) {
	plan := []ingest.Action{
		{Action: "a", Indicator: "fte_rate_per_100k"},
		{Action: "b", Indicator: "custody_share"},
		{Action: "c", Indicator: "FTE rate per 100k"},
		{Action: "d"},
		{Action: "e", Indicator: "oocd_completion_rate"},
	}
	t.Run("a red indicator, with the actions linked to it", func(t *testing.T) {
		ds := fteDataset()
		ds.Plan, ds.HasPlan = plan, true
		ind := Compute(ds, quarter("2018/19 Q3"), d(seriesAsOf), fteConfig(10000))
		want := []Concern{{Indicator: "fte_rate_per_100k", Red: true, Actions: []int{0, 2}}}
		if fmt.Sprint(ind.AreasOfConcern) != fmt.Sprint(want) {
			t.Errorf("areas of concern %+v, want %+v", ind.AreasOfConcern, want)
		}
	})

	// OOCD completion in 2018/19 Q2 and Q3: k of n completed in each.
	completion := func(prevK, prevN, nowK, nowN int) *ingest.Dataset {
		ds := &ingest.Dataset{Inputs: coreInputs(), Plan: plan, HasPlan: true}
		add := func(end string, k, n int) {
			for i := range n {
				c := ingest.NotCompleted
				if i < k {
					c = ingest.Completed
				}
				ds.OOCD = append(ds.OOCD, ingest.OOCD{ChildID: fmt.Sprint("O", len(ds.OOCD)), OutcomeType: ingest.YouthCaution,
					ReferralDate: d("2018-04-02"), AssessmentDate: d("2018-04-03"), InterventionEnd: d(end), Completion: c})
			}
		}
		add("2018-08-01", prevK, prevN)
		add("2018-11-01", nowK, nowN)
		return ds
	}
	t.Run("a significant change for the worse, without a target", func(t *testing.T) {
		ind := Compute(completion(20, 20, 0, 20), quarter("2018/19 Q3"), d(seriesAsOf), config.Default())
		want := []Concern{{Indicator: "oocd_completion_rate", WorseThanPrevious: true, Actions: []int{4}}}
		if fmt.Sprint(ind.AreasOfConcern) != fmt.Sprint(want) {
			t.Errorf("areas of concern %+v, want %+v", ind.AreasOfConcern, want)
		}
	})
	t.Run("a change for the worse within normal variation is not a concern", func(t *testing.T) {
		ind := Compute(completion(2, 2, 1, 2), quarter("2018/19 Q3"), d(seriesAsOf), config.Default())
		if len(ind.AreasOfConcern) != 0 {
			t.Errorf("areas of concern %+v, want none", ind.AreasOfConcern)
		}
		if ind.AreasOfConcern == nil {
			t.Error("areas of concern null, want []")
		}
	})
	t.Run("a significant change for the better is not a concern", func(t *testing.T) {
		ind := Compute(completion(0, 20, 20, 20), quarter("2018/19 Q3"), d(seriesAsOf), config.Default())
		if len(ind.AreasOfConcern) != 0 {
			t.Errorf("areas of concern %+v, want none", ind.AreasOfConcern)
		}
	})
}

func TestSeriesPresence(t *testing.T) {
	always := config.TargetNames[:9]
	t.Run("the reoffending, FTE, custody, ETE and OOCD names always; others need their extract or block", func(t *testing.T) {
		ind := Compute(&ingest.Dataset{Inputs: coreInputs()}, quarter("2018/19 Q3"), d(seriesAsOf), config.Default())
		if got := slices.Sorted(maps.Keys(ind.Series)); !slices.Equal(got, slices.Sorted(slices.Values(always))) {
			t.Errorf("series keys %v, want %v", got, always)
		}
	})
	t.Run("every name with every extract and KPI block", func(t *testing.T) {
		ds := &ingest.Dataset{Inputs: coreInputs(), ETE: needsRows(), Feedback: feedbackRows(),
			HasVictims: true, HasFeedback: true, HasAttendance: true}
		ind := Compute(ds, quarter("2018/19 Q3"), d(seriesAsOf), config.Default())
		if len(ind.Series) != len(config.TargetNames) || len(ind.Headlines) != len(config.TargetNames) {
			t.Fatalf("%d series and %d headlines, want %d", len(ind.Series), len(ind.Headlines), len(config.TargetNames))
		}
		for i, h := range ind.Headlines {
			if h.Indicator != config.TargetNames[i] || h.Label == "" || h.Label == h.Indicator {
				t.Errorf("headline %d: %q labelled %q", i, h.Indicator, h.Label)
			}
			if i >= 9 && (h.Better != Higher || h.Kind != KindProportion) {
				t.Errorf("%s: better %s kind %s, want higher, proportion", h.Indicator, h.Better, h.Kind)
			}
		}
		// Worked values (needs_test.go, feedback_test.go) at 2018/19 Q2 and Q3.
		for name, want := range map[string][2]*float64{
			"accommodation_suitable_end":  {ptr(1.0), ptr(1.0 / 4)}, // Q2: D suitable at end
			"send_suitable_ete_with_plan": {ptr(1.0), ptr(1.0 / 2)},
			"mental_health_need_met":      {ptr(0.0), ptr(1.0 / 2)}, // Q2: D's need not offered
			"substance_misuse_need_met":   {ptr(0.0), ptr(0.0)},
			"wider_services_end":          {ptr(1.0), ptr(3.0 / 4)},
			"feedback_positive_rate":      {ptr(1.0 / 2), ptr(3.0 / 6)}, // children's answers only
			"victim_rj_rate":              {nil, nil},
			"board_attendance_rate":       {nil, nil},
		} {
			s := ind.Series[name]
			checkF(t, name+" 2018/19 Q2", s[6].Value, want[0])
			checkF(t, name+" 2018/19 Q3", s[7].Value, want[1])
		}
	})
}

func TestMissingExtracts(t *testing.T) {
	only := func(kinds ...ingest.Kind) []ingest.Input {
		var in []ingest.Input
		for _, k := range kinds {
			in = append(in, ingest.Input{File: string(k) + ".csv", Kind: k})
		}
		return in
	}
	allNull := func(t *testing.T, ind *Indicators, name string) {
		t.Helper()
		s := ind.Series[name]
		if len(s) != 8 {
			t.Fatalf("%s: %d points, want 8", name, len(s))
		}
		for _, p := range s {
			if p.Value != nil || p.Numerator != nil || p.Denominator != nil {
				t.Errorf("%s %s = %v(%v/%v), want null: no extract", name, p.Quarter, showf(p.Value), showf(p.Numerator), showf(p.Denominator))
			}
		}
	}
	cfg := fteConfig(10000)

	t.Run("ete missing: blocks keep their shape with zeros and null rates; series null", func(t *testing.T) {
		ind := Compute(&ingest.Dataset{Inputs: only(ingest.KindDisposals, ingest.KindOOCD)}, quarter("2018/19 Q3"), d(seriesAsOf), cfg)
		if !slices.Equal(ind.MissingExtracts, []string{"ete"}) {
			t.Errorf("missing extracts %v", ind.MissingExtracts)
		}
		if ind.Accommodation == nil || ind.SEND == nil || ind.MentalHealth == nil || ind.SubstanceMisuse == nil || ind.WiderServices == nil {
			t.Fatalf("a KPI block is null with the ete extract missing, want zeros")
		}
		if ind.Accommodation.Children != 0 || ind.Accommodation.Rate != nil || ind.MentalHealth.NeedMetRate != nil {
			t.Errorf("accommodation %+v, want 0 children, null rate", *ind.Accommodation)
		}
		for _, name := range []string{"ete_suitable_end", "ete_suitable_end_school_age", "ete_suitable_end_above_school_age",
			"accommodation_suitable_end", "send_suitable_ete_with_plan", "mental_health_need_met", "substance_misuse_need_met", "wider_services_end"} {
			allNull(t, ind, name)
			if h := findHeadline(t, ind.Headlines, name); h.MissingExtract != "ete" || h.Current.Value != nil || h.Period != "2018/19 Q3" {
				t.Errorf("%s headline: missing %q value %v period %q", name, h.MissingExtract, showf(h.Current.Value), h.Period)
			}
		}
		if tr := ind.Targets[2]; tr.Indicator != "accommodation_suitable_end" || tr.Value != nil || tr.RAG != nil {
			t.Errorf("target %+v, want null value and RAG", tr)
		}
		// The FTE extract is there: no entrants is a true 0.
		h := findHeadline(t, ind.Headlines, "fte_rate_per_100k")
		if h.MissingExtract != "" || !eqf(h.Current.Value, ptr(0.0)) {
			t.Errorf("fte with its extract: missing %q value %v, want 0", h.MissingExtract, showf(h.Current.Value))
		}
	})
	t.Run("disposals missing: rates null despite a population; reoffending headline is still the newest mature cohort", func(t *testing.T) {
		ind := Compute(&ingest.Dataset{Inputs: only(ingest.KindETE, ingest.KindOOCD)}, quarter("2018/19 Q3"), d(seriesAsOf), cfg)
		if !slices.Equal(ind.MissingExtracts, []string{"disposals"}) {
			t.Errorf("missing extracts %v", ind.MissingExtracts)
		}
		f := ind.FTE
		if f.Population1017 == nil || f.Quarter.RatePer100k != nil || f.Rolling12Months.RatePer100k != nil || f.Trend[7].RatePer100k != nil || ind.Custody.RatePer1000 != nil {
			t.Errorf("fte %+v custody %+v, want population kept and every rate null", f, ind.Custody)
		}
		if ind.Reoffending.Headline == nil || *ind.Reoffending.Headline != "2017/18 Q1" {
			t.Errorf("reoffending headline %v, want 2017/18 Q1", ind.Reoffending.Headline)
		}
		for _, name := range []string{"binary_reoffending_rate", "frequency_rate", "fte_rate_per_100k", "custody_share"} {
			allNull(t, ind, name)
			if h := findHeadline(t, ind.Headlines, name); h.MissingExtract != "disposals" {
				t.Errorf("%s headline: missing %q, want disposals", name, h.MissingExtract)
			}
		}
		if s := ind.Series["binary_reoffending_rate"]; s[0].Quarter != "2015/16 Q2" || s[7].Quarter != "2017/18 Q1" {
			t.Errorf("binary series %s, want the cohorts 2015/16 Q2 … 2017/18 Q1", showSeries(s))
		}
		if tr := ind.Targets[0]; tr.Value != nil || tr.RAG != nil {
			t.Errorf("fte target %+v, want no value and no RAG", tr)
		}
	})
	t.Run("oocd missing, then all: named in the order disposals, ete, oocd", func(t *testing.T) {
		ind := Compute(&ingest.Dataset{Inputs: only(ingest.KindETE, ingest.KindDisposals)}, quarter("2018/19 Q3"), d(seriesAsOf), cfg)
		allNull(t, ind, "oocd_completion_rate")
		allNull(t, ind, "oocd_timeliness_rate")
		ind = Compute(&ingest.Dataset{Inputs: only(ingest.KindVictims)}, quarter("2018/19 Q3"), d(seriesAsOf), cfg)
		if !slices.Equal(ind.MissingExtracts, []string{"disposals", "ete", "oocd"}) {
			t.Errorf("missing extracts %v", ind.MissingExtracts)
		}
	})
	t.Run("nothing missing: an empty list", func(t *testing.T) {
		ind := Compute(&ingest.Dataset{Inputs: coreInputs()}, quarter("2018/19 Q3"), d(seriesAsOf), cfg)
		if ind.MissingExtracts == nil || len(ind.MissingExtracts) != 0 {
			t.Errorf("missing extracts %v, want []", ind.MissingExtracts)
		}
		for _, h := range ind.Headlines {
			if h.MissingExtract != "" {
				t.Errorf("%s: missing %q", h.Indicator, h.MissingExtract)
			}
		}
	})
}
