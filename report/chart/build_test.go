package chart_test

import (
	"math"
	"testing"

	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/chart/charttest"
)

func TestBuild(t *testing.T) {
	ind := charttest.Indicators()
	specs := chart.Build(ind)
	t.Run("ids are unique and fit an xlsx sheet name", func(t *testing.T) {
		seen := map[string]bool{}
		for _, s := range specs {
			if len(s.ID) == 0 || len(s.ID) > 31 {
				t.Errorf("id %q: length %d", s.ID, len(s.ID))
			}
			if seen[s.ID] {
				t.Errorf("id %q twice", s.ID)
			}
			seen[s.ID] = true
			if s.Title == "" || s.YLabel == "" || s.Section == "" {
				t.Errorf("%s: title, y label and section are required", s.ID)
			}
			for _, se := range s.Series {
				if len(se.Values) != len(s.Categories) {
					t.Errorf("%s/%s: %d values for %d categories", s.ID, se.Name, len(se.Values), len(s.Categories))
				}
			}
		}
	})
	t.Run("every chart of the brief is built for the fixture", func(t *testing.T) {
		for _, id := range []string{chart.IDReoffendingTrend, chart.IDReoffendingFrequency, chart.IDReoffendingByTier,
			chart.IDFTETrend, chart.IDFTERateTrend, chart.IDCustodyTrend, chart.IDETEStartEnd, chart.IDETEHoursEnd,
			chart.IDETETrend, chart.IDOOCDByType, chart.IDOOCDCompletion, chart.IDOOCDTimeliness, chart.IDVictims} {
			if chart.ByID(specs, id) == nil {
				t.Errorf("%s missing", id)
			}
		}
	})
	t.Run("SPEC 4.1, 4.9: reoffending trend is the 8 mature cohorts of the series, target drawn", func(t *testing.T) {
		s := chart.ByID(specs, chart.IDReoffendingTrend)
		se := s.Series[0]
		if len(s.Categories) != 8 || s.Categories[0] != "2015/16 Q2" || s.Categories[7] != "2017/18 Q1" {
			t.Fatalf("categories %v", s.Categories)
		}
		for i, p := range se.Provisional {
			if p {
				t.Errorf("cohort %d marked provisional", i)
			}
		}
		// 2017/18 Q1: 4 of 13.
		if se.N[7] != 13 || se.Num[7] != 4 || math.Abs(*se.Values[7]-4.0/13) > 1e-12 {
			t.Errorf("2017/18 Q1 point = %v (%d of %d)", *se.Values[7], se.Num[7], se.N[7])
		}
		if se.Lower[7] == nil || *se.Lower[7] >= 4.0/13 || *se.Upper[7] <= 4.0/13 {
			t.Error("Wilson interval missing or not around the rate")
		}
		if s.Target == nil || *s.Target != 0.35 || s.TargetText != "Target 35.0%" {
			t.Errorf("target = %v %q", s.Target, s.TargetText)
		}
	})
	t.Run("SPEC 4.1: the six provisional cohorts are apart", func(t *testing.T) {
		s := chart.ByID(specs, chart.IDReoffendingProvisional)
		if s == nil || len(s.Categories) != 6 || s.Categories[0] != "2017/18 Q2" {
			t.Fatalf("provisional chart %+v", s)
		}
	})
	t.Run("victims chart is left out without a victims extract", func(t *testing.T) {
		ind := charttest.Indicators()
		ind.Victims = nil
		if chart.ByID(chart.Build(ind), chart.IDVictims) != nil {
			t.Error("victims chart built without victims")
		}
	})
	t.Run("ETE labels say above school age (post-16)", func(t *testing.T) {
		s := chart.ByID(specs, chart.IDETEStartEnd)
		if s.Categories[1] != "Above school age (post-16)" {
			t.Errorf("category %q", s.Categories[1])
		}
	})
}

func TestWilsonInterval(t *testing.T) {
	// Wilson 95% for 4 of 13 (z = 1.95996): centre = (p + z²/2n)/(1 + z²/n) with p = 0.30769,
	// z²/n = 0.29549, z²/2n = 0.14775 → centre = 0.45544/1.29549 = 0.35156; half-width =
	// z·sqrt(p(1−p)/n + z²/4n²)/(1 + z²/n) = 1.95996·sqrt(0.016387 + 0.005683)/1.29549 = 0.22474
	// → [0.1268, 0.5763].
	ind := charttest.Indicators()
	s := chart.ByID(chart.Build(ind), chart.IDReoffendingTrend)
	lo, hi := *s.Series[0].Lower[7], *s.Series[0].Upper[7]
	if math.Abs(lo-0.1268) > 0.0005 || math.Abs(hi-0.5763) > 0.0005 {
		t.Errorf("Wilson(4, 13) = [%.4f, %.4f], want [0.1268, 0.5763]", lo, hi)
	}
}

func TestApplyDisclosure(t *testing.T) {
	specs := chart.Build(charttest.Indicators())
	out := chart.ApplyDisclosure(specs)
	t.Run("input is not changed", func(t *testing.T) {
		if specs[0].Disclosed || specs[0].Series[0].Values[4] == nil {
			t.Error("ApplyDisclosure changed its input")
		}
	})
	t.Run("SPEC §6: rate with numerator 1–4 is suppressed", func(t *testing.T) {
		se := chart.ByID(out, chart.IDReoffendingTrend).Series[0]
		// 2017/18 Q1 is 4 of 13: hidden. 2016/17 Q1 is 6 of 12: shown.
		if se.Values[7] != nil || !se.Suppressed[7] || se.Labels[7] != "suppressed" || se.Lower[7] != nil {
			t.Errorf("4 of 13 not suppressed: %v %v %q", se.Values[7], se.Suppressed[7], se.Labels[7])
		}
		if se.Values[3] == nil || se.Suppressed[3] {
			t.Error("6 of 12 suppressed")
		}
	})
	t.Run("SPEC §6: counts 1–4 become <5 with secondary suppression", func(t *testing.T) {
		// Timeliness: on time 6, late 3, overdue 2, pending 0. Late and overdue are small:
		// two hidden cells, so no secondary suppression.
		se := chart.ByID(out, chart.IDOOCDTimeliness).Series[0]
		if se.Values[0] == nil || se.Values[1] != nil || se.Values[2] != nil || se.Values[3] == nil {
			t.Errorf("timeliness values %v", se.Values)
		}
		if se.Labels[1] != "<5" || se.Labels[2] != "<5" {
			t.Errorf("labels %q", se.Labels)
		}
		// Decided by type: community resolution 2, outcome 22 1, youth caution 2, conditional 4:
		// all four small, all hidden, nothing to add.
		d := chart.ByID(out, chart.IDOOCDByType).Series[0]
		for i, v := range d.Values {
			if v != nil {
				t.Errorf("decision count %d shown", i)
			}
		}
	})
	t.Run("secondary suppression in an additive chart with one small cell", func(t *testing.T) {
		s := chart.Spec{ID: "x", Kind: chart.Bar, Additive: true, Categories: []string{"a", "b", "c"},
			Series: []chart.Series{{Name: "n", Values: []*float64{fp(3), fp(10), fp(7)}}}}
		got := chart.ApplyDisclosure([]chart.Spec{s})[0].Series[0]
		// 3 is small; total 20 shown; 7 is the next smallest and is hidden as "*".
		if got.Values[0] != nil || got.Values[1] == nil || got.Values[2] != nil || got.Labels[2] != "*" || got.Labels[0] != "<5" {
			t.Errorf("values %v labels %q", got.Values, got.Labels)
		}
	})
}

func fp(v float64) *float64 { return &v }

func TestValueText(t *testing.T) {
	pct := &chart.Spec{Percent: true}
	rate := &chart.Spec{Decimals: 1}
	counts := &chart.Spec{}
	for _, c := range []struct {
		name string
		sp   *chart.Spec
		v    float64
		want string
	}{
		// 4 / 13 = 30.769% → 30.8%.
		{"percentages to 1 dp", pct, 4.0 / 13, "30.8%"},
		{"a percentage Spec ignores Decimals", &chart.Spec{Percent: true, Decimals: 0}, 0.35, "35.0%"},
		// 15 / 4,800 × 100,000 = 312.5.
		{"a rate per 100,000 to the Spec's decimals", rate, 15.0 / 4800 * 100000, "312.5"},
		{"counts with thousands separators", counts, 1234, "1,234"},
		// 2 / 3 = 0.666… → 0.67.
		{"a fraction on a Spec of counts keeps two places", counts, 2.0 / 3, "0.67"},
	} {
		if got := chart.ValueText(c.sp, c.v); got != c.want {
			t.Errorf("%s: ValueText(%v) = %q, want %q", c.name, c.v, got, c.want)
		}
	}
}

func TestAllWhole(t *testing.T) {
	v := func(x float64) *float64 { return &x }
	counts := chart.Spec{Series: []chart.Series{{Values: []*float64{v(3), nil, v(12)}}}}
	rates := chart.Spec{Series: []chart.Series{{Values: []*float64{v(3), v(0.25)}}}}
	if !counts.AllWhole() {
		t.Error("a Spec of counts (and a gap) is all whole")
	}
	if rates.AllWhole() {
		t.Error("a Spec holding 0.25 is not all whole")
	}
}
