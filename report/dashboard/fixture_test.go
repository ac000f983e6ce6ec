package dashboard

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/ingest"
	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/chart/charttest"
	"github.com/yjsreport/yjsreport/report/narrative"
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

// hostileV2 is the county-small figures with the SPEC v2 blocks of the county-kpis example,
// where every text that comes from an extract is hostile: question wording, partner names,
// comparator names, improvement-plan text and the officer's commentary.
func hostileV2() (*report.Indicators, []ingest.Action, map[string]string) {
	ind := charttest.Indicators()
	v2 := charttest.IndicatorsV2()
	ind.Accommodation, ind.SEND, ind.MentalHealth, ind.SubstanceMisuse, ind.WiderServices =
		v2.Accommodation, v2.SEND, v2.MentalHealth, v2.SubstanceMisuse, v2.WiderServices
	ind.Feedback, ind.BoardAttendance = v2.Feedback, v2.BoardAttendance
	for name, s := range v2.Series {
		if _, ok := ind.Series[name]; !ok {
			ind.Series[name] = s
		}
	}
	ind.Feedback.Questions[0].Question = hostileScript
	ind.Feedback.Questions[1].Question = hostileFunc
	ind.Feedback.Questions[4].Question = hostileImg // a parent's or carer's question
	ind.BoardAttendance.ByPartner[hostileImg] = report.PartnerAttendance{Expected: 2, Attended: 1}
	ind.BoardAttendance.ByPartner[hostileFunc] = report.PartnerAttendance{Expected: 2, Attended: 2}

	// Published figures under hostile names: one for the ETE headline's quarter, one for
	// the binary rate's cohort.
	var ete, binary *report.Headline
	for i := range ind.Headlines {
		switch ind.Headlines[i].Indicator {
		case "ete_suitable_end":
			ete = &ind.Headlines[i]
		case "binary_reoffending_rate":
			binary = &ind.Headlines[i]
		}
	}
	for _, c := range []struct {
		h     *report.Headline
		name  string
		value float64
	}{{ete, hostileScript, 0.6}, {binary, hostileFunc, 0.35}} {
		d := *c.h.Current.Value - c.value
		r := report.ComparatorResult{Indicator: c.h.Indicator, Comparator: c.name, Period: c.h.Period,
			Value: c.value, Ours: c.h.Current.Value, Difference: &d}
		ind.Comparators = append(ind.Comparators, r)
		c.h.Current.Comparators = append(c.h.Current.Comparators, r)
	}
	ind.AreasOfConcern = []report.Concern{{Indicator: "oocd_timeliness_rate", Red: true, Actions: []int{0}}}
	plan := []ingest.Action{
		{Recommendation: hostileScript, Action: hostileImg, Owner: hostileFunc, DueDate: calendar.New(2018, 12, 1),
			RAG: ingest.Red, Progress: hostileImg, Indicator: "oocd_timeliness_rate"},
		{Recommendation: "Assess on time", Action: "Weekly review of referrals", Owner: "Head of service",
			DueDate: calendar.New(2019, 6, 30), RAG: ingest.Green},
	}
	commentary := map[string]string{
		narrative.Asks:    "- " + hostileImg + "\n- Approve the revised plan",
		narrative.Summary: hostileScript,
		narrative.Views:   hostileFunc,
	}
	return ind, plan, commentary
}

// sampleInput is what `make report` draws: the committed sample (SPEC v2, 2,000 children,
// disclosure control on, comparators, commentary), read and computed as the CLI does.
func sampleInput(t testing.TB, js []byte) Input {
	t.Helper()
	dir := filepath.Join("..", "..", "sample-data")
	f, err := os.Open(filepath.Join(dir, "yjsreport.yaml"))
	if err != nil {
		t.Fatalf("the committed sample is needed: %v", err)
	}
	defer f.Close()
	cfg, err := config.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	asOf := calendar.New(2019, 1, 31)
	ds, err := ingest.ReadDir(dir, ingest.Options{AsOf: asOf, Columns: cfg.Columns, Codes: cfg.Codes})
	if err != nil {
		t.Fatal(err)
	}
	cm, err := os.Open(filepath.Join(dir, "commentary.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer cm.Close()
	commentary, err := narrative.ParseCommentary(cm)
	if err != nil {
		t.Fatal(err)
	}
	ind := report.Compute(ds, calendar.LatestEndedBy(asOf), asOf, cfg)
	return Input{Ind: ind, Specs: chart.ApplyDisclosure(chart.Build(ind)), EChartsJS: js, Marking: cfg.ProtectiveMarking,
		Disclosure: cfg.DisclosureControl, Plan: ds.Plan, HasPlan: ds.HasPlan, Commentary: commentary}
}
