package chart_test

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/report"

	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/chart/charttest"
)

// The expectations below are read off the county-kpis example's figures
// (charttest/testdata/indicators_v2.json) by hand.

func near(a *float64, b float64) bool { return a != nil && math.Abs(*a-b) < 1e-12 }

func mustSpec(t *testing.T, specs []chart.Spec, id string) *chart.Spec {
	t.Helper()
	s := chart.ByID(specs, id)
	if s == nil {
		t.Fatalf("chart %s not built", id)
	}
	return s
}

func TestHeadlineTrends(t *testing.T) {
	specs := chart.Build(charttest.IndicatorsV2())

	t.Run("SPEC 4.9: every headline with a series has a trend chart", func(t *testing.T) {
		for _, name := range []string{"binary_reoffending_rate", "frequency_rate", "fte_rate_per_100k", "custody_share",
			"ete_suitable_end", "ete_suitable_end_school_age", "ete_suitable_end_above_school_age",
			"oocd_completion_rate", "oocd_timeliness_rate", "victim_rj_rate", "accommodation_suitable_end",
			"send_suitable_ete_with_plan", "mental_health_need_met", "substance_misuse_need_met",
			"wider_services_end", "feedback_positive_rate", "board_attendance_rate"} {
			s := chart.ByID(specs, chart.TrendID(name))
			if s == nil {
				t.Errorf("%s: no trend chart %q", name, chart.TrendID(name))
				continue
			}
			if s.Headline != name || len(s.Categories) != 8 {
				t.Errorf("%s: headline %q, %d categories", name, s.Headline, len(s.Categories))
			}
		}
	})

	t.Run("custody share: 8 quarters ending with the reporting quarter, n and numerator", func(t *testing.T) {
		s := mustSpec(t, specs, chart.IDTrendCustodyShare)
		if s.Categories[0] != "2016/17 Q4" || s.Categories[7] != "2018/19 Q3" {
			t.Fatalf("categories %v", s.Categories)
		}
		ours := s.Series[0]
		// 2016/17 Q4: 2 custodial of 13 court sentences; 2018/19 Q3: 0 of 5.
		if !near(ours.Values[0], 2.0/13) || ours.Num[0] != 2 || ours.N[0] != 13 {
			t.Errorf("first point %v (%d of %d)", *ours.Values[0], ours.Num[0], ours.N[0])
		}
		if !near(ours.Values[7], 0) || ours.N[7] != 5 {
			t.Errorf("last point %v of %d", ours.Values[7], ours.N[7])
		}
		if ours.Lower[7] == nil || *ours.Lower[7] != 0 || *ours.Upper[7] <= 0 {
			t.Error("a proportion's point carries its Wilson interval")
		}
		if s.Target != nil {
			t.Error("no target is configured for custody_share")
		}
	})

	t.Run("comparators are points at the periods in the series, and only those", func(t *testing.T) {
		s := mustSpec(t, specs, chart.IDTrendCustodyShare)
		// Both comparators publish 2016/17 Q3 to 2018/19 Q4; the series runs 2016/17 Q4 to
		// 2018/19 Q3, so the first and last of their figures fall outside it.
		if len(s.Series) != 3 {
			t.Fatalf("%d series, want ours, England and Wales and YOT family", len(s.Series))
		}
		ew, fam := s.Series[1], s.Series[2]
		if ew.Name != "England and Wales" || fam.Name != "YOT family" || !ew.Points || !ew.Published {
			t.Errorf("comparator series %q %q points %v published %v", ew.Name, fam.Name, ew.Points, ew.Published)
		}
		if !near(ew.Values[0], 0.059) || !near(ew.Values[7], 0.066) || !near(fam.Values[7], 0.059) || !near(fam.Values[0], 0.06) {
			t.Errorf("England and Wales %v … %v, YOT family %v … %v", ew.Values[0], ew.Values[7], fam.Values[0], fam.Values[7])
		}
	})

	t.Run("reoffending: the main chart is the 8 mature cohorts of the series, with the target", func(t *testing.T) {
		s := mustSpec(t, specs, chart.IDReoffendingTrend)
		if s.Categories[0] != "2015/16 Q2" || s.Categories[7] != "2017/18 Q1" {
			t.Errorf("categories %v", s.Categories)
		}
		for i, p := range s.Series[0].Provisional {
			if p {
				t.Errorf("cohort %s marked provisional in the mature trend", s.Categories[i])
			}
		}
		if s.Target == nil || *s.Target != 0.35 {
			t.Errorf("target %v", s.Target)
		}
		// 2017/18 Q1: 7 of 22.
		if !near(s.Series[0].Values[7], 7.0/22) || s.Series[0].N[7] != 22 {
			t.Errorf("headline cohort %v", s.Series[0].Values[7])
		}
	})

	t.Run("reoffending: provisional cohorts are shown apart and labelled", func(t *testing.T) {
		s := mustSpec(t, specs, chart.IDReoffendingProvisional)
		want := []string{"2017/18 Q2", "2017/18 Q3", "2017/18 Q4", "2018/19 Q1", "2018/19 Q2", "2018/19 Q3"}
		if !slices.Equal(s.Categories, want) {
			t.Errorf("categories %v, want %v", s.Categories, want)
		}
		if s.Title != "Cohorts still being counted" {
			t.Errorf("title %q", s.Title)
		}
	})

	t.Run("reoffences per reoffender come from the two reoffending series", func(t *testing.T) {
		s := mustSpec(t, specs, chart.IDReoffendingFrequency)
		// 2016/17 Q2: 14 reoffences by 6 reoffenders among 16 children.
		if !near(s.Series[0].Values[4], 14.0/16) || !near(s.Series[1].Values[4], 14.0/6) || s.Series[1].N[4] != 6 {
			t.Errorf("frequency %v, per reoffender %v", *s.Series[0].Values[4], *s.Series[1].Values[4])
		}
	})

	t.Run("FTE: the rolling 12-month rate, n = first time entrants", func(t *testing.T) {
		s := mustSpec(t, specs, chart.IDFTERateTrend)
		// 2018/19 Q3: 39 in 12 months of 7,200 children.
		if !near(s.Series[0].Values[7], 39*100000.0/7200) || s.Series[0].N[7] != 39 {
			t.Errorf("last point %v n %d", *s.Series[0].Values[7], s.Series[0].N[7])
		}
		if s.Target == nil || *s.Target != 250 {
			t.Errorf("target %v", s.Target)
		}
	})
}

func TestNeedsViewsPartnership(t *testing.T) {
	ind := charttest.IndicatorsV2()
	specs := chart.Build(ind)

	t.Run("SPEC 4.6 accommodation: suitable, unsuitable, unknown at start and end", func(t *testing.T) {
		s := mustSpec(t, specs, chart.IDAccommodation)
		// 12 children: start 9/3/0, end 10/2/0.
		if !near(s.Series[0].Values[0], 9.0/12) || !near(s.Series[0].Values[1], 10.0/12) || !near(s.Series[1].Values[1], 2.0/12) {
			t.Errorf("suitable %v, %v; unsuitable end %v", *s.Series[0].Values[0], *s.Series[0].Values[1], *s.Series[1].Values[1])
		}
	})
	t.Run("SPEC 4.6 SEND: of 3 identified, 2 in suitable ETE, 3 with a plan, 2 both", func(t *testing.T) {
		s := mustSpec(t, specs, chart.IDSEND)
		v := s.Series[0].Values
		if !near(v[0], 2.0/3) || !near(v[1], 1) || !near(v[2], 2.0/3) || s.Series[0].N[2] != 3 {
			t.Errorf("values %v %v %v", *v[0], *v[1], *v[2])
		}
	})
	t.Run("SPEC 4.6 cascades: of those with a need, offered and attending", func(t *testing.T) {
		s := mustSpec(t, specs, chart.IDCascades)
		sm := s.Series[1] // substance misuse: need 3, offered 2, attending 1
		if sm.Name != "Substance misuse" || !near(sm.Values[0], 1) || !near(sm.Values[1], 2.0/3) || !near(sm.Values[2], 1.0/3) {
			t.Errorf("substance misuse %+v", sm)
		}
	})
	t.Run("SPEC 4.6 wider services: any of the four, of all children", func(t *testing.T) {
		s := mustSpec(t, specs, chart.IDWiderServices)
		if !near(s.Series[0].Values[4], 4.0/12) || !near(s.Series[0].Values[0], 2.0/12) {
			t.Errorf("values %v", s.Series[0].Values)
		}
	})
	t.Run("SPEC 4.7 views: children's questions in order, negative to the left", func(t *testing.T) {
		s := mustSpec(t, specs, chart.IDViewsChild)
		want := []string{"My worker listens to me", "I understand my plan", "I feel safer than before",
			"Would you recommend the service to a friend?"}
		if !slices.Equal(s.Categories, want) || s.Kind != chart.Diverging {
			t.Fatalf("categories %v kind %s", s.Categories, s.Kind)
		}
		neg, pos := s.Series[0], s.Series[1]
		// "I feel safer than before": 2 positive, 1 negative, 1 blank → 3 answered.
		if !neg.Negative || pos.Negative || !near(neg.Values[2], 1.0/3) || !near(pos.Values[2], 2.0/3) || pos.N[2] != 3 {
			t.Errorf("negative %v positive %v n %d", *neg.Values[2], *pos.Values[2], pos.N[2])
		}
		p := mustSpec(t, specs, chart.IDViewsParent)
		if len(p.Categories) != 3 || p.Categories[0] != "I was kept informed" {
			t.Errorf("parent questions %v", p.Categories)
		}
	})
	t.Run("SPEC 4.8 attendance: partners lowest first, organisational, with the target", func(t *testing.T) {
		s := mustSpec(t, specs, chart.IDAttendance)
		want := []string{"Police", "Children's Social Care", "Education", "Health", "Housing", "Probation"}
		if !slices.Equal(s.Categories, want) {
			t.Errorf("partners %v", s.Categories)
		}
		if !near(s.Series[0].Values[0], 0.5) || !s.Organisational || s.Target == nil || *s.Target != 0.9 {
			t.Errorf("police %v organisational %v target %v", *s.Series[0].Values[0], s.Organisational, s.Target)
		}
	})
}

func TestDisclosureV2(t *testing.T) {
	specs := chart.ApplyDisclosure(chart.Build(charttest.IndicatorsV2()))
	t.Run("SPEC 6: board attendance is about organisations and is not suppressed", func(t *testing.T) {
		s := mustSpec(t, specs, chart.IDAttendance)
		if s.Disclosed || s.Series[0].Values[0] == nil {
			t.Error("police attendance of 1 in 2 was suppressed")
		}
	})
	t.Run("SPEC 6: comparators' published figures are never suppressed", func(t *testing.T) {
		// A published frequency of 1.12 reoffences per child would be hidden as a count of 1 if
		// disclosure control treated it as one of ours.
		ind := charttest.IndicatorsV2()
		for i := range ind.Comparators {
			if c := &ind.Comparators[i]; c.Indicator == "custody_share" && c.Comparator == "England and Wales" && c.Period == "2018/19 Q3" {
				c.Value = 1.12
			}
		}
		s := mustSpec(t, chart.ApplyDisclosure(chart.Build(ind)), chart.IDTrendCustodyShare)
		if !near(s.Series[1].Values[7], 1.12) || s.Series[1].Labels[7] != "" {
			t.Errorf("comparator suppressed: %v %q", s.Series[1].Values[7], s.Series[1].Labels[7])
		}
	})
	t.Run("SPEC 6: a rate on fewer than 5 children is suppressed (SEND, 3 identified)", func(t *testing.T) {
		s := mustSpec(t, specs, chart.IDSEND)
		for i, v := range s.Series[0].Values {
			if v != nil || s.Series[0].Labels[i] == "" {
				t.Errorf("SEND point %d shown", i)
			}
		}
	})
	t.Run("SPEC 6: a trend point on fewer than 5 is suppressed, others shown (accommodation)", func(t *testing.T) {
		s := mustSpec(t, specs, chart.IDTrendAccommodation)
		// 2017/18 Q1: 2 of 2 children; 2018/19 Q3: 10 of 12.
		if s.Series[0].Values[1] != nil || !near(s.Series[0].Values[7], 10.0/12) {
			t.Errorf("accommodation trend: 2017/18 Q1 %v, 2018/19 Q3 %v", s.Series[0].Values[1], s.Series[0].Values[7])
		}
	})
}

func TestDisclosureTwiceIsOnce(t *testing.T) {
	once := chart.ApplyDisclosure(chart.Build(charttest.Indicators()))
	twice := chart.ApplyDisclosure(once)
	if !reflect.DeepEqual(once, twice) {
		for i := range once {
			if !reflect.DeepEqual(once[i], twice[i]) {
				t.Errorf("%s: a second ApplyDisclosure changed the chart (labels %q became %q)", once[i].ID,
					once[i].Series[0].Labels, twice[i].Series[0].Labels)
			}
		}
	}
}

func TestMissingExtract(t *testing.T) {
	ind := charttest.IndicatorsV2()
	ind.MissingExtracts = []string{"ete"}
	for _, s := range chart.Build(ind) {
		want := ""
		if s.Section == chart.SectionETE || s.Section == chart.SectionNeeds {
			want = "ete"
		}
		if s.MissingExtract != want {
			t.Errorf("%s: missing extract %q, want %q", s.ID, s.MissingExtract, want)
		}
	}
}

func TestShortLabels(t *testing.T) {
	seen := map[string]string{}
	for _, name := range config.TargetNames {
		s := chart.ShortLabel(name)
		if s == "" {
			t.Errorf("%s: no tile name", name)
		}
		if other, dup := seen[s]; dup {
			t.Errorf("%s and %s are both called %q on their tiles", name, other, s)
		}
		seen[s] = name
	}
	if chart.ShortLabel("not_a_headline") != "" {
		t.Error("a name that is not a headline has a tile name")
	}
}

func TestCaps(t *testing.T) {
	t.Run("a questionnaire of 25 questions: the first MaxQuestions are drawn and the note says so", func(t *testing.T) {
		ind := charttest.IndicatorsV2()
		var qs []report.FeedbackQuestion
		for i := 0; i < 25; i++ {
			qs = append(qs, report.FeedbackQuestion{Respondent: "child", Question: fmt.Sprintf("Question %d", i+1), Positive: 10, Negative: 5})
		}
		ind.Feedback.Questions = append(qs, ind.Feedback.Questions...)
		s := mustSpec(t, chart.Build(ind), chart.IDViewsChild)
		if len(s.Categories) != chart.MaxQuestions || s.Categories[0] != "Question 1" || s.Categories[19] != "Question 20" {
			t.Errorf("%d questions drawn, from %q to %q", len(s.Categories), s.Categories[0], s.Categories[len(s.Categories)-1])
		}
		// 25 added and the example's 4 children's questions: 29.
		if !strings.Contains(s.Note, "The first 20 of 29 questions are shown") {
			t.Errorf("note %q", s.Note)
		}
		if p := mustSpec(t, chart.Build(ind), chart.IDViewsParent); len(p.Categories) != 3 || p.Note != "" {
			t.Errorf("the parents' chart changed: %d questions, note %q", len(p.Categories), p.Note)
		}
	})
	t.Run("18 partners: the 14 lowest, then all others summed", func(t *testing.T) {
		ind := charttest.IndicatorsV2()
		b := &report.BoardAttendance{ByPartner: map[string]report.PartnerAttendance{}}
		// Partner 01 attended 0 of 4 meetings, partner 02 1 of 4, … up to 4 of 4, in turn.
		for i := 1; i <= 18; i++ {
			b.ByPartner[fmt.Sprintf("Partner %02d", i)] = report.PartnerAttendance{Expected: 4, Attended: (i - 1) % 5}
		}
		ind.BoardAttendance = b
		s := mustSpec(t, chart.Build(ind), chart.IDAttendance)
		if len(s.Categories) != chart.MaxPartners {
			t.Fatalf("%d bars, want %d", len(s.Categories), chart.MaxPartners)
		}
		// Attended 0: partners 01, 06, 11, 16; 1: 02, 07, 12, 17; 2: 03, 08, 13, 18 (12
		// partners); 3: 04, 09, 14; 4: 05, 10, 15. The 14 lowest are those 12, then 04 and
		// 09; all others are 14 (3 of 4) and 05, 10, 15 (4 of 4 each): 15 of 16.
		if s.Categories[0] != "Partner 01" || s.Categories[13] != "Partner 09" {
			t.Errorf("first %q, 14th %q", s.Categories[0], s.Categories[13])
		}
		last := s.Categories[14]
		if last != "All others (4 partners)" || !near(s.Series[0].Values[14], 15.0/16) || s.Series[0].N[14] != 16 {
			t.Errorf("last bar %q = %v of %d", last, s.Series[0].Values[14], s.Series[0].N[14])
		}
		if !strings.Contains(s.Note, "indicators.json lists every partner") {
			t.Errorf("note %q", s.Note)
		}
	})
}
