package report

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/ingest"
)

// headlineDataset: reporting quarter 2018/19 Q3 as of 31 January 2019, so the headline
// reoffending cohort is 2017/18 Q1 (30 June 2017 + 18 months = 30 December 2018 ≤ as-of; Q2's
// 30 March 2019 is not), compared with 2016/17 Q4 and 2016/17 Q1.
func headlineDataset() *ingest.Dataset {
	return &ingest.Dataset{
		Disposals: []ingest.Disposal{
			// 2016/17 Q1 cohort: 1 child, reoffends (offence 1 August 2016).
			disp("CHILD-SECRET-1", "2002-01-01", "2016-05-01", "2016-05-10", ingest.YouthCaution),
			disp("CHILD-SECRET-1", "2002-01-01", "2016-08-01", "2016-09-01", ingest.Fine),
			// 2017/18 Q1 cohort: 1 child, no reoffence.
			disp("CHILD-SECRET-2", "2002-01-01", "2017-05-01", "2017-05-10", ingest.YouthCaution),
		},
		OOCD: []ingest.OOCD{
			// 2018/19 Q3: 1 completed of 2; Q2: 2 of 2.
			{ChildID: "CHILD-SECRET-3", OutcomeType: ingest.YouthCaution, ReferralDate: d("2018-06-01"), InterventionEnd: d("2018-10-10"), Completion: ingest.Completed},
			{ChildID: "CHILD-SECRET-3", OutcomeType: ingest.YouthCaution, ReferralDate: d("2018-06-01"), InterventionEnd: d("2018-10-11"), Completion: ingest.NotCompleted},
			{ChildID: "CHILD-SECRET-3", OutcomeType: ingest.YouthCaution, ReferralDate: d("2018-06-01"), InterventionEnd: d("2018-08-10"), Completion: ingest.Completed},
			{ChildID: "CHILD-SECRET-3", OutcomeType: ingest.YouthCaution, ReferralDate: d("2018-06-01"), InterventionEnd: d("2018-08-11"), Completion: ingest.Completed},
		},
		Inputs: []ingest.Input{
			{File: "disposals.csv", Kind: ingest.KindDisposals, Read: 4, Accepted: 3, Rejected: 1},
			{File: "notes.xlsx", Sheet: "Cover", Kind: ""},
			{File: "ete.csv", Kind: ingest.KindETE},
			{File: "oocd.csv", Kind: ingest.KindOOCD},
		},
	}
}

func headlineConfig() config.Config {
	cfg := config.Default()
	cfg.Service = "Test YJS"
	cfg.Targets = map[string]config.Target{
		"oocd_completion_rate": {Target: 0.85, Better: Higher, AmberWithin: 0.05},
		"custody_share":        {Target: 0.1, Better: Higher}, // a board's own direction overrides "lower"
		"victim_rj_rate":       {Target: 0.5, Better: Higher},
	}
	return cfg
}

func findHeadline(t *testing.T, hs []Headline, name string) Headline {
	t.Helper()
	for _, h := range hs {
		if h.Indicator == name {
			return h
		}
	}
	t.Fatalf("no headline %q", name)
	return Headline{}
}

func TestComputeHeadlines(t *testing.T) {
	ind := Compute(headlineDataset(), quarter("2018/19 Q3"), d("2019-01-31"), headlineConfig())

	var names []string
	for _, h := range ind.Headlines {
		names = append(names, h.Indicator)
	}
	// No victims, feedback or board attendance extract and no KPI column recorded: only the
	// names SPEC 4.9 always reports.
	want := strings.Join(config.TargetNames[:9], ",")
	if strings.Join(names, ",") != want {
		t.Fatalf("headlines %v, want %s", names, want)
	}

	reo := findHeadline(t, ind.Headlines, "binary_reoffending_rate")
	if reo.Period != "2017/18 Q1" || reo.Previous.Period != "2016/17 Q4" || reo.YearAgo.Period != "2016/17 Q1" {
		t.Errorf("reoffending periods %q, %q, %q; want the headline cohort, one and four quarters before",
			reo.Period, reo.Previous.Period, reo.YearAgo.Period)
	}
	checkF(t, "reoffending now (0 of 1)", reo.Current.Value, ptr(0.0))
	checkF(t, "reoffending previous (no children)", reo.Previous.Value, nil)
	checkF(t, "reoffending a year before (1 of 1)", reo.YearAgo.Value, ptr(1.0))
	if reo.ChangePrevious != nil {
		t.Errorf("change against an empty cohort %+v, want null", reo.ChangePrevious)
	}
	if c := reo.ChangeYearAgo; c == nil || c.Difference != -1 || c.Direction != DirectionBetter || c.Test != "fisher" || c.Significant {
		t.Errorf("change a year before %+v, want −1, better (lower is better), Fisher, not significant", c)
	}
	if reo.Kind != KindProportion || reo.Better != Lower || reo.Current.CI95 == nil {
		t.Errorf("reoffending kind %q better %q CI %v", reo.Kind, reo.Better, reo.Current.CI95)
	}

	oocd := findHeadline(t, ind.Headlines, "oocd_completion_rate")
	checkF(t, "completion now", oocd.Current.Value, ptr(0.5))
	checkF(t, "completion previous", oocd.Previous.Value, ptr(1.0))
	if c := oocd.ChangePrevious; c == nil || c.Difference != -0.5 || c.Direction != DirectionWorse || c.PValue == nil || c.Significant {
		t.Errorf("completion change %+v, want −0.5, worse, tested, not significant", c)
	}
	if oocd.Target == nil || oocd.Target.RAG == nil || *oocd.Target.RAG != RAGRed {
		t.Errorf("completion target %+v, want red (0.5 < 0.80)", oocd.Target)
	}
	if h := findHeadline(t, ind.Headlines, "custody_share"); h.Better != Higher {
		t.Errorf("custody share better %q, want the target's higher", h.Better)
	}
	if h := findHeadline(t, ind.Headlines, "frequency_rate"); h.Kind != KindFrequency || h.ChangeYearAgo == nil || h.ChangeYearAgo.PValue != nil {
		t.Errorf("frequency headline %+v: a frequency is not tested", h)
	}

	if len(ind.Targets) != 3 || ind.Targets[0].Indicator != "custody_share" || ind.Targets[1].Indicator != "oocd_completion_rate" {
		t.Fatalf("targets %+v", ind.Targets)
	}
	if v := ind.Targets[2]; v.Indicator != "victim_rj_rate" || v.Value != nil || v.RAG != nil {
		t.Errorf("victim target without a victims extract %+v, want null value and RAG", v)
	}
	if ind.Victims != nil {
		t.Errorf("victims %+v without a victims extract, want null", ind.Victims)
	}

	// With a victims extract (even empty): the victims block and the headline appear.
	ds := headlineDataset()
	ds.HasVictims = true
	ind = Compute(ds, quarter("2018/19 Q3"), d("2019-01-31"), headlineConfig())
	if ind.Victims == nil || ind.Victims.Rate != nil || len(ind.Headlines) != 10 || ind.Headlines[9].Indicator != "victim_rj_rate" {
		t.Errorf("with an empty victims extract: victims %+v, %d headlines", ind.Victims, len(ind.Headlines))
	}
}

func TestComputeJSON(t *testing.T) {
	ind := Compute(headlineDataset(), quarter("2018/19 Q3"), d("2019-01-31"), headlineConfig())
	b, err := json.Marshal(ind)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if strings.Contains(s, "SECRET") {
		t.Errorf("indicators.json holds a child_id: %s", s)
	}
	for _, want := range []string{
		`"schema":"yjsreport/indicators/v1"`, `"service":"Test YJS"`,
		`"quarter":{"label":"2018/19 Q3","start":"2018-10-01","end":"2018-12-31"}`, `"as_of":"2019-01-31"`,
		`"extract":"disposals"`, `"extract":null`, `"victims":null`, `"mode":"standard"`, `"headline":"2017/18 Q1"`,
		`"population_10_17":null`, `"missing_extracts":[]`, `"accommodation":null`, `"send":null`,
		`"mental_health":null`, `"substance_misuse":null`, `"wider_services":null`, `"feedback":null`,
		`"board_attendance":null`, `"comparators":[]`,
		// completion 0.5 is red against 0.85; no plan, so no linked actions
		`"areas_of_concern":[{"indicator":"oocd_completion_rate","red":true,"worse_than_previous":false,"worse_than_year_ago":false,"actions":[]}]`,
		// the 8 cohorts ending with the headline cohort 2017/18 Q1; 2015/16 Q2 has no children
		`"series":{"binary_reoffending_rate":[{"quarter":"2015/16 Q2","value":null,"numerator":0,"denominator":0}`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("indicators.json lacks %s", want)
		}
	}
}

// TestComputeJSONHoldsNoRowText: SPEC §6, no child_id or free text from a row reaches
// indicators.json from the v2 extracts either (question wording and partner names are the
// questionnaire's and the board's, and may be shown).
func TestComputeJSONHoldsNoRowText(t *testing.T) {
	ds := headlineDataset()
	ds.HasFeedback, ds.HasAttendance, ds.HasPlan, ds.HasComparators = true, true, true, true
	ds.Feedback = []ingest.FeedbackAnswer{{ResponseID: "RESPONSE-SECRET", Respondent: ingest.RespondentChild,
		CompletedDate: d("2018-11-01"), Question: "My worker listens to me", Answer: ingest.Agree, ChildID: "CHILD-SECRET-9"}}
	ds.Attendance = []ingest.Attendance{{MeetingDate: d("2018-11-02"), Partner: "Police", Attended: ingest.Yes}}
	ds.Plan = []ingest.Action{{Recommendation: "SECRET recommendation", Action: "SECRET action", Owner: "SECRET owner",
		Progress: "SECRET progress", RAG: ingest.Red, Indicator: "oocd_completion_rate"}}
	ds.Comparators = []ingest.Comparator{{Indicator: "oocd_completion_rate", Comparator: "England and Wales",
		Period: quarter("2018/19 Q3"), Value: 0.8}}
	b, err := json.Marshal(Compute(ds, quarter("2018/19 Q3"), d("2019-01-31"), headlineConfig()))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "SECRET") {
		t.Errorf("indicators.json holds row text: %s", b)
	}
	for _, want := range []string{`"question":"My worker listens to me"`, `"Police":{"expected":1,"attended":1}`,
		`"areas_of_concern":[{"indicator":"oocd_completion_rate","red":true,"worse_than_previous":false,"worse_than_year_ago":false,"actions":[0]}]`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("indicators.json lacks %s", want)
		}
	}
}

func TestComputeDenominatorsZeroAreNull(t *testing.T) {
	cfg := config.Default()
	cfg.Population1017 = 0
	ind := Compute(&ingest.Dataset{}, quarter("2018/19 Q3"), d("2019-01-31"), cfg)
	for _, c := range ind.Reoffending.Cohorts {
		if c.BinaryRate != nil || c.FrequencyRate != nil || c.ReoffencesPerReoffender != nil || c.MedianDaysToFirstReoffence != nil || c.BinaryCI != nil {
			t.Errorf("cohort %s of no children has a rate", c.Quarter)
		}
	}
	nulls := map[string]*float64{
		"fte quarter rate":     ind.FTE.Quarter.RatePer100k,
		"fte rolling rate":     ind.FTE.Rolling12Months.RatePer100k,
		"custody share":        ind.Custody.Share,
		"custody rate":         ind.Custody.RatePer1000,
		"oocd completion rate": ind.OOCD.Completion.Rate,
		"oocd timeliness rate": ind.OOCD.Timeliness.Rate,
		"oocd median days":     ind.OOCD.Timeliness.MedianWorkingDays,
	}
	for name, v := range nulls {
		if v != nil {
			t.Errorf("%s = %v, want null", name, *v)
		}
	}
	for _, h := range ind.Headlines {
		if h.Current.Value != nil || h.ChangePrevious != nil || h.ChangeYearAgo != nil {
			t.Errorf("headline %s has a value or change with no data", h.Indicator)
		}
	}
	b, _ := json.Marshal(ind)
	for _, want := range []string{`"inputs":[]`, `"targets":[]`, `"binary_rate":null`, `"rate":null`, `"by_type":{}`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("empty dataset JSON lacks %s", want)
		}
	}
}

func TestComputePartQuarter(t *testing.T) {
	ds := &ingest.Dataset{Inputs: coreInputs()}
	for _, c := range []struct {
		name, quarter, asOf string
		want                bool
	}{
		{"SPEC 2: a quarter that ends after as-of is a part quarter", "2018/19 Q4", "2019-01-31", true},
		{"SPEC 2: a quarter that ended before as-of is whole", "2018/19 Q3", "2019-01-31", false},
		{"SPEC 2: a quarter ending on the as-of date is whole", "2018/19 Q3", "2018-12-31", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Compute(ds, quarter(c.quarter), d(c.asOf), config.Default()).PartQuarter; got != c.want {
				t.Errorf("PartQuarter = %v, want %v", got, c.want)
			}
		})
	}
}
