package pdf

import (
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/report"
)

func TestRAGSummaryAndImprovements(t *testing.T) {
	red, green := report.RAGRed, report.RAGGreen
	v := func(x float64) *float64 { return &x }
	ind := &report.Indicators{
		Headlines: []report.Headline{
			{Indicator: "a", Label: "A", Kind: report.KindProportion, Period: "2018/19 Q3",
				Target: &report.TargetResult{RAG: &red}, Current: report.Point{Value: v(0.5), Numerator: 50, Denominator: 100}},
			{Indicator: "b", Label: "B", Kind: report.KindProportion, Period: "2018/19 Q3",
				Target:  &report.TargetResult{RAG: &green},
				Current: report.Point{Value: v(0.6), Numerator: 60, Denominator: 100},
				// Significantly better than last quarter: listed as an improvement.
				Previous:       report.Point{Period: "2018/19 Q2", Value: v(0.4), Numerator: 40, Denominator: 100},
				ChangePrevious: &report.Change{Difference: 0.2, Significant: true, Direction: report.DirectionBetter}},
			{Indicator: "c", Label: "C", Kind: report.KindProportion, Period: "2018/19 Q3",
				Current: report.Point{Value: v(0.7), Numerator: 70, Denominator: 100},
				// Better but not significant: not listed.
				Previous:       report.Point{Period: "2018/19 Q2", Value: v(0.69), Numerator: 69, Denominator: 100},
				ChangePrevious: &report.Change{Difference: 0.01, Direction: report.DirectionBetter}},
		},
	}
	r := &builder{in: Input{Ind: ind}}
	if got, want := r.ragSummary(), "Of the 3 headline indicators: 1 RED, 1 GREEN and 1 with no target."; got != want {
		t.Errorf("ragSummary = %q, want %q", got, want)
	}
	better := r.improvementsList()
	if len(better) != 1 || !strings.HasPrefix(better[0], "B is significantly better than the previous quarter: 60.0%, from 40.0% (2018/19 Q2)") {
		t.Errorf("improvements = %q", better)
	}
}
