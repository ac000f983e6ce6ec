package dashboard

import (
	"github.com/yjsreport/yjsreport/report/chart"
)

func fp(v float64) *float64 { return &v }

// Hostile labels (LIBRARY-NOTES §4): one ends the <script> block if written raw, one is
// go-echarts' function marker, one is an HTML injection for a tooltip that does not escape.
const (
	hostileScript = `</script><script>window.__pwned=1</script>`
	hostileFunc   = `__f__window.__pwned=2__f__`
	hostileImg    = `<img src=x onerror="window.__pwned=3">`
)

// suppressedSecret is a value that disclosure control hides in handSpecs; it must appear
// nowhere in the page, in any of the forms a renderer might print it.
const suppressedSecret = 0.987654

var suppressedForms = []string{"0.987654", "98.7654", "98.8", "98.77", "0.99"}

// handSpecs covers every chart Kind and feature, independent of chart.Build: grouped bars
// with 95% whiskers, a 100% stacked bar, a line with a band, provisional points, a target and
// suppressed points, a suppressed count, and hostile names.
func handSpecs() []chart.Spec {
	return []chart.Spec{
		{
			ID: "line_band", Section: chart.SectionReoffending,
			Title: "Line with band, provisional and suppressed points", Subtitle: "n = children",
			XLabel: "Cohort", YLabel: "% of children", Kind: chart.Line, Percent: true, Unit: "children",
			Categories: []string{"2017/18 Q1", "2017/18 Q2", "2017/18 Q3", "2017/18 Q4"},
			Target:     fp(0.35), TargetText: "Target 35%",
			Series: []chart.Series{{
				Name:   "Reoffended",
				Values: []*float64{fp(0.25), fp(0.5), fp(suppressedSecret), fp(0.2)},
				N:      []int{20, 10, 4, 15},
				Num:    []int{5, 5, 4, 3},
				Lower:  []*float64{fp(0.11), fp(0.24), fp(0.9), fp(0.07)},
				Upper:  []*float64{fp(0.47), fp(0.76), fp(0.999), fp(0.45)},
				// Q3 is hidden (its n is 4); Q4 is provisional.
				Suppressed:  []bool{false, false, true, false},
				Provisional: []bool{false, false, false, true},
			}},
		},
		{
			ID: "bar_ci", Section: chart.SectionReoffending,
			Title: "Grouped bars with whiskers", XLabel: "Tier", YLabel: "% of children",
			Kind: chart.Bar, Percent: true, Unit: "children",
			Categories: []string{"Pre-court", "First-tier", "Community", "Custody"},
			Series: []chart.Series{
				{Name: "Male", Values: []*float64{fp(0.2), fp(0.3), fp(0.4), nil}, N: []int{10, 10, 10, 0},
					Lower: []*float64{fp(0.05), fp(0.1), fp(0.17), nil}, Upper: []*float64{fp(0.5), fp(0.6), fp(0.69), nil}},
				{Name: "Female", Values: []*float64{fp(0.1), fp(0.25), fp(0.5), fp(0.6)}, N: []int{10, 8, 6, 5},
					Lower: []*float64{fp(0.02), fp(0.07), fp(0.19), fp(0.23)}, Upper: []*float64{fp(0.4), fp(0.59), fp(0.81), fp(0.88)}},
			},
		},
		{
			ID: "stacked", Section: chart.SectionETE,
			Title: "100% stacked bar", YLabel: "% of children", Kind: chart.StackedBar, Percent: true,
			Categories: []string{"Start", "End"},
			Series: []chart.Series{
				{Name: "Suitable", Values: []*float64{fp(0.6), fp(0.7)}, Stack: "ete"},
				{Name: "Not suitable", Values: []*float64{fp(0.3), fp(0.25)}, Stack: "ete"},
				{Name: "Unknown", Values: []*float64{fp(0.1), fp(0.05)}, Stack: "ete"},
			},
		},
		{
			ID: "counts", Section: chart.SectionOOCD,
			Title: "Counts with a small one", YLabel: "Decisions", Kind: chart.Bar, Unit: "decisions",
			Categories: []string{"Community resolution", "Outcome 22", "Youth caution"},
			Series: []chart.Series{{Name: "Decisions", Values: []*float64{fp(12), nil, fp(9)},
				Suppressed: []bool{false, true, false}, Labels: []string{"", "<5", ""}}},
		},
		{
			ID: "hostile", Section: "hostile " + hostileImg,
			Title: "Hostile " + hostileImg, Subtitle: hostileScript, Kind: chart.Bar,
			Categories: []string{hostileScript, hostileFunc, hostileImg},
			Series: []chart.Series{
				{Name: hostileScript, Values: []*float64{fp(3), fp(4), fp(5)}},
				{Name: hostileFunc, Values: []*float64{fp(6), fp(7), fp(8)}},
			},
		},
	}
}
