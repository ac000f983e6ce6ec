package dashboard

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"html"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/chart/charttest"
)

// fakeECharts stands in for echarts.min.js where the browser is not involved.
var fakeECharts = []byte("/* echarts stand-in */ var echarts = {};")

func render(t *testing.T, in Input) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, in); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

const optionsOpen = `<script type="application/json" id="yjs-chart-options">`

// optionsBlock returns the raw text of the page's JSON block.
func optionsBlock(t *testing.T, page string) string {
	t.Helper()
	i := strings.Index(page, optionsOpen)
	if i < 0 {
		t.Fatal("page has no chart options block")
	}
	rest := page[i+len(optionsOpen):]
	j := strings.Index(rest, "</script>")
	if j < 0 {
		t.Fatal("chart options block is not closed")
	}
	return rest[:j]
}

// jsonStrings collects every string (keys included) of a decoded JSON value.
func jsonStrings(v any, out *[]string) {
	switch v := v.(type) {
	case string:
		*out = append(*out, v)
	case []any:
		for _, e := range v {
			jsonStrings(e, out)
		}
	case map[string]any:
		for k, e := range v {
			*out = append(*out, k)
			jsonStrings(e, out)
		}
	}
}

// TestHostileLabelsStayData checks LIBRARY-NOTES §4's two attacks on the page source: a label
// that ends the <script> block, and go-echarts' __f__ function marker.
func TestHostileLabelsStayData(t *testing.T) {
	for _, js := range [][]byte{nil, fakeECharts} {
		page := render(t, Input{Ind: charttest.Indicators(), Specs: handSpecs(), EChartsJS: js})
		low := strings.ToLower(page)
		// The JSON block, ECharts (inline or from the CDN) and app.js: no other script.
		if n := strings.Count(low, "<script"); n != 3 {
			t.Errorf("page opens %d <script> elements, want 3", n)
		}
		if n := strings.Count(low, "</script"); n != 3 {
			t.Errorf("page has %d </script, want 3: a label ended a script block", n)
		}
		for _, bad := range []string{"<script>window.__pwned", "<img src=x", "onerror=\"window"} {
			if strings.Contains(page, bad) {
				t.Errorf("page holds %q unescaped", bad)
			}
		}
		block := optionsBlock(t, page)
		if strings.ContainsAny(block, "<>") {
			t.Errorf("chart options hold a raw < or >; json.Marshal's HTML escaping is off")
		}
		var v any
		if err := json.Unmarshal([]byte(block), &v); err != nil {
			t.Fatalf("chart options are not JSON: %v", err)
		}
		var strs []string
		jsonStrings(v, &strs)
		inStrings := 0
		exact := map[string]bool{}
		for _, s := range strs {
			inStrings += strings.Count(s, "__pwned")
			exact[s] = true
		}
		// Every __pwned of the block is inside a JSON string: none became code.
		if raw := strings.Count(block, "__pwned"); raw != inStrings || raw == 0 {
			t.Errorf("__pwned occurs %d times in the block, %d of them inside JSON strings", raw, inStrings)
		}
		for _, s := range []string{hostileScript, hostileFunc, hostileImg} {
			if !exact[s] {
				t.Errorf("label %q does not survive as a JSON string", s)
			}
		}
		// Outside the block, labels are HTML text: escaped.
		if !strings.Contains(page, "&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;") {
			t.Errorf("the hostile category is not in the page as escaped text")
		}
	}
}

// chartsOf decodes the page's chart block.
func chartsOf(t *testing.T, page string) map[string]decodedChart {
	t.Helper()
	var list []decodedChart
	if err := json.Unmarshal([]byte(optionsBlock(t, page)), &list); err != nil {
		t.Fatal(err)
	}
	out := map[string]decodedChart{}
	for _, c := range list {
		out[c.El] = c
	}
	return out
}

type decodedChart struct {
	El     string `json:"el"`
	Option struct {
		Series []struct {
			ID   string            `json:"id"`
			Type string            `json:"type"`
			Data []json.RawMessage `json:"data"`
		} `json:"series"`
	} `json:"option"`
	Meta struct {
		Tips map[string][]struct {
			T  string `json:"t"`
			N  string `json:"n"`
			CI string `json:"ci"`
			S  bool   `json:"s"`
		} `json:"tips"`
	} `json:"meta"`
}

// TestSuppressedValueNotInPage: SPEC §6, a value hidden by disclosure control is shown as
// "<5"/"suppressed" and its number is nowhere in the file, whatever the Spec held.
func TestSuppressedValueNotInPage(t *testing.T) {
	page := render(t, Input{Ind: charttest.Indicators(), Specs: handSpecs(), EChartsJS: fakeECharts})
	for _, form := range suppressedForms {
		if strings.Contains(page, form) {
			t.Errorf("the suppressed value appears in the page as %q", form)
		}
	}
	charts := chartsOf(t, page)
	value := func(el string, series, i int) string {
		return string(charts[el].Option.Series[series].Data[i])
	}
	// handSpecs: chart-0 is the line, chart-3 the counts.
	cases := []struct {
		name, got, want string
		tip             string
		wantTip         string
	}{
		// Line chart, 2017/18 Q3: a rate over 4 children; no point, no n, no interval.
		{"a suppressed rate on a line is a gap", value("chart-0", 0, 2), `{"value":"-"}`,
			charts["chart-0"].Meta.Tips["s0"][2].T + "|" + charts["chart-0"].Meta.Tips["s0"][2].N + charts["chart-0"].Meta.Tips["s0"][2].CI,
			"suppressed|"},
		// Counts chart, Outcome 22: a zero-height bar carrying the label.
		{"a suppressed count is a labelled empty bar", value("chart-3", 0, 1),
			`{"value":0,"label":{"show":true,"color":"#505a5f","fontSize":11,"position":"top"}}`,
			charts["chart-3"].Meta.Tips["s0"][1].T, "<5"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("point = %s, want %s", tc.got, tc.want)
			}
			if tc.tip != tc.wantTip {
				t.Errorf("texts = %q, want %q", tc.tip, tc.wantTip)
			}
		})
	}
	// The band of the line leaves the hidden point out too (its interval would bound it).
	for _, s := range charts["chart-0"].Option.Series {
		if strings.HasPrefix(s.ID, "band-") && string(s.Data[2]) != `{"value":"-"}` {
			t.Errorf("band series %s holds %s at the suppressed point", s.ID, s.Data[2])
		}
	}
}

// optionOf builds the chart of sp and decodes its option as the page would.
func optionOf(t *testing.T, sp chart.Spec) (map[string]any, chartMeta) {
	t.Helper()
	c, _, _ := buildChart(&sp, "x", nil)
	b, err := json.Marshal(c.Option)
	if err != nil {
		t.Fatal(err)
	}
	var o map[string]any
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	return o, c.Meta
}

// at walks a decoded option: keys for objects, ints for arrays.
func at(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			a, _ := v.([]any)
			if k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

func TestBuildOption(t *testing.T) {
	specs := handSpecs()
	line, lineMeta := optionOf(t, specs[0])
	bars, barsMeta := optionOf(t, specs[1])
	stacked, _ := optionOf(t, specs[2])
	low := chart.Spec{ID: "low", Kind: chart.Bar, Percent: true, Categories: []string{"a", "b"},
		Target: fp(0.35), Series: []chart.Series{{Name: "s", Values: []*float64{fp(0.1), fp(0.2)}}}}
	lowOpt, _ := optionOf(t, low)
	horiz, _ := optionOf(t, chart.Spec{ID: "h", Kind: chart.Bar, Horizontal: true, Percent: true, Categories: []string{"a", "b"},
		Target: fp(0.5), Series: []chart.Series{{Name: "s", Values: []*float64{fp(0.1), fp(0.2)}}}})
	div, _ := optionOf(t, chart.Spec{ID: "d", Kind: chart.Diverging, Horizontal: true, Percent: true, Categories: []string{"q"},
		Series: []chart.Series{{Name: "no", Negative: true, Stack: "v", Values: []*float64{fp(0.25)}},
			{Name: "yes", Stack: "v", Values: []*float64{fp(0.75)}}}})

	ids := func(o map[string]any) string {
		var s []string
		for _, x := range at(o, "series").([]any) {
			s = append(s, at(x, "id").(string)+"/"+at(x, "type").(string)+"/"+at(x, "name").(string))
		}
		return strings.Join(s, " ")
	}
	cases := []struct {
		name      string
		got, want any
	}{
		{"a line with an interval gets a stacked band under the same name (one legend toggle)",
			ids(line), "s0/line/Reoffended band-lo-0/line/Reoffended band-w-0/line/Reoffended"},
		// Band of 2017/18 Q1: lower 11%, width 47% − 11% = 36 points.
		{"the band starts at the lower bound", at(line, "series", 1, "data", 0, "value"), 11.0},
		{"the band's width is upper − lower", at(line, "series", 2, "data", 0, "value"), 36.0},
		{"percentages are drawn on a 0–100 axis", at(line, "series", 0, "data", 0, "value"), 25.0},
		{"a provisional point is hollow", at(line, "series", 0, "data", 3, "symbol"), "emptyCircle"},
		{"the target is a mark line at 35", at(line, "series", 0, "markLine", "data", 0, "yAxis"), 35.0},
		{"the target's label is its text", at(line, "series", 0, "markLine", "data", 0, "name"), "Target 35%"},
		{"the tooltip texts of a point travel beside the option", lineMeta.Tips["s0"][0], tip{T: "25.0%", N: "20 children", CI: "11.0%–47.0%"}},
		{"grouped bars with intervals get one whisker series each",
			ids(bars), "s0/bar/Male s1/bar/Female band-wh-0/custom/Male band-wh-1/custom/Female"},
		// Male, Pre-court: 5% to 50%.
		{"a whisker is [category, lower, upper]", at(bars, "series", 2, "data", 0, "value"), []any{0.0, 5.0, 50.0}},
		{"each whisker series knows its bars", barsMeta.Whiskers["band-wh-1"], "s1"},
		{"a 100% stacked bar stacks by Series.Stack", at(stacked, "series", 1, "stack"), "ete"},
		{"a 100% stacked bar's axis ends at 100", at(stacked, "yAxis", 0, "max"), 100.0},
		// Data reach 20%, the target is 35%: the axis stretches to 35 × 1.1 = 38.5, rounded
		// up to 50 so that the target line shows.
		{"the axis stretches to show a target above the data", at(lowOpt, "yAxis", 0, "max"), 50.0},
		{"horizontal bars put the categories down the side, first at the top",
			[]any{at(horiz, "yAxis", 0, "type"), at(horiz, "yAxis", 0, "inverse"), at(horiz, "yAxis", 0, "data"), at(horiz, "xAxis", 0, "type")},
			[]any{"category", true, []any{"a", "b"}, "value"}},
		{"a horizontal chart's target is a vertical line", at(horiz, "series", 0, "markLine", "data", 0, "xAxis"), 50.0},
		{"a diverging bar draws negative answers left of zero", at(div, "series", 0, "data", 0, "value"), -25.0},
		{"a diverging bar's axis runs from 100% one side to 100% the other",
			[]any{at(div, "xAxis", 0, "min"), at(div, "xAxis", 0, "max")}, []any{-100.0, 100.0}},
		{"the canvas legend is hidden (the page writes its own)", at(lowOpt, "legend", "show"), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g, _ := json.Marshal(tc.got)
			w, _ := json.Marshal(tc.want)
			if string(g) != string(w) {
				t.Errorf("got %s, want %s", g, w)
			}
		})
	}
}

// TestNoFormatterFromGo: the page's script owns every formatter (issue 13); the options
// carry no "formatter" and no function marker, whatever the data.
func TestNoFormatterFromGo(t *testing.T) {
	page := render(t, Input{Ind: charttest.Indicators(), Specs: chart.Build(charttest.Indicators()), EChartsJS: fakeECharts})
	block := optionsBlock(t, page)
	for _, bad := range []string{`"formatter"`, `"renderItem"`, "__f__"} {
		if strings.Contains(block, bad) {
			t.Errorf("chart options hold %s", bad)
		}
	}
}

func TestTiles(t *testing.T) {
	ind := charttest.Indicators()
	byName := map[string]report.Headline{}
	for _, h := range ind.Headlines {
		byName[h.Indicator] = h
	}
	binary := byName["binary_reoffending_rate"]
	fte := byName["fte_rate_per_100k"]
	cases := []struct {
		name       string
		got        tile
		value, n   string
		rag, class string
		change0    string // first change line: text and note
	}{
		// 4 of 13 children = 30.77%; Wilson 95% 12.68%–57.63%; target 35%, lower is better.
		// Change from 5/12 = 41.67%: −10.9 points, Fisher p = 0.688.
		{"SPEC 4.6 tile: value, n, interval, RAG and change", buildTile(binary, false),
			"30.8%", "n = 13 · 95% interval 12.7%–57.6%", "Green", "rag-green",
			"▼ −10.9 pts, better|not significant (p = 0.688)"},
		// Disclosure: the numerator 4 is a count of 1–4, so the rate would give it away.
		{"SPEC §6 a rate with a numerator of 1–4 is suppressed on the tile", buildTile(binary, true),
			"suppressed", "n = 13", "Not shown", "rag-none", "not shown (small numbers)|"},
		// 15 entrants over 4,800 children × 100,000 = 312.5; no target configured.
		{"a rate per 100,000 shows its count as n", buildTile(fte, true),
			"312.5", "n = 15", "No target", "rag-none", "▲ +145.8, worse|"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := tc.got
			if g.Value != tc.value || g.N != tc.n || g.RAG != tc.rag || g.Class != tc.class {
				t.Errorf("tile = value %q, n %q, RAG %q (%s); want %q, %q, %q (%s)",
					g.Value, g.N, g.RAG, g.Class, tc.value, tc.n, tc.rag, tc.class)
			}
			if len(g.Changes) != 2 {
				t.Fatalf("tile has %d changes, want 2 (last quarter, year ago)", len(g.Changes))
			}
			if c := g.Changes[0].Text + "|" + g.Changes[0].Note; c != tc.change0 {
				t.Errorf("change vs last quarter = %q, want %q", c, tc.change0)
			}
		})
	}
}

func TestPage(t *testing.T) {
	ind := charttest.Indicators()
	specs := chart.Build(ind)
	// Attribute values are HTML-escaped (+ as &#43;); read them as the browser does.
	cdn := html.UnescapeString(render(t, Input{Ind: ind, Specs: specs, Marking: "OFFICIAL-SENSITIVE"}))
	inline := html.UnescapeString(render(t, Input{Ind: ind, Specs: specs, EChartsJS: fakeECharts, Marking: "OFFICIAL-SENSITIVE"}))

	idx := func(page, s string) int { return strings.Index(page, s) }
	cases := []struct {
		name string
		ok   bool
	}{
		{"without embedded ECharts the page loads the pinned CDN copy with its integrity hash",
			strings.Contains(cdn, `src="`+EChartsCDN+`" integrity="`+echartsSRI+`"`)},
		{"with ECharts inlined the page needs no network", !strings.Contains(inline, "cdn.jsdelivr") &&
			strings.Contains(inline, string(fakeECharts))},
		{"the protective marking is at the top and the bottom", strings.Count(inline, "OFFICIAL-SENSITIVE") == 2},
		{"sections come in report order", idx(inline, `id="h-sec-reoffending"`) < idx(inline, `id="h-sec-fte_custody"`) &&
			idx(inline, `id="h-sec-fte_custody"`) < idx(inline, `id="h-sec-ete"`) &&
			idx(inline, `id="h-sec-ete"`) < idx(inline, `id="h-sec-oocd"`) &&
			idx(inline, `id="h-sec-oocd"`) < idx(inline, `id="h-sec-victims"`) && idx(inline, `id="h-sec-reoffending"`) > 0},
		{"one chart container per Spec", strings.Count(inline, `class="plot"`) == len(specs)},
		{"headlines come before the charts", idx(inline, "Headlines</h2>") < idx(inline, `class="plot"`)},
		{"the CSP allows app.js by its hash", strings.Contains(inline, cspHashOf(appJS))},
		{"the CSP allows the inlined ECharts by its hash", strings.Contains(inline, cspHashOf(string(fakeECharts)))},
	}
	for _, tc := range cases {
		if !tc.ok {
			t.Errorf("%s: not so", tc.name)
		}
	}
}

// cspHashOf is computed here independently of cspHash.
func cspHashOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

func TestRenderErrors(t *testing.T) {
	bad := handSpecs()[:1]
	bad[0].Series[0].N = []int{1, 2}
	cases := []struct {
		name string
		in   Input
		want string
	}{
		{"no indicators", Input{}, "no indicators"},
		{"an ECharts that would end its script block is refused",
			Input{Ind: charttest.Indicators(), EChartsJS: []byte("x='</SCRIPT>'")}, "cannot be inlined"},
		{"a series whose n does not match the categories", Input{Ind: charttest.Indicators(), Specs: bad},
			`series "Reoffended" has 2 n for 4 categories`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := Render(&bytes.Buffer{}, tc.in)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestCellTexts(t *testing.T) {
	pct := &chart.Spec{Percent: true, Unit: "children", Series: []chart.Series{{
		Values: []*float64{fp(4.0 / 13), fp(0.3125)}, N: []int{13, 1600},
		Lower: []*float64{fp(0.1268), fp(0.29)}, Upper: []*float64{fp(0.5763), fp(0.34)},
	}}}
	counts := &chart.Spec{Disclosed: true, Series: []chart.Series{{Values: []*float64{fp(1234), fp(3)}, N: []int{1234, 3}}}}
	c0, c1 := resolve(pct, &pct.Series[0], 0), resolve(pct, &pct.Series[0], 1)
	k0, k1 := resolve(counts, &counts.Series[0], 0), resolve(counts, &counts.Series[0], 1)
	cases := []struct {
		name, got, want string
	}{
		// 4 / 13 = 30.769% → 30.8%, as on the PDF's tiles and tables.
		{"a percentage to 1 dp", c0.txt, "30.8%"},
		// 0.3125 = 31.25%, a true half: away from zero.
		{"a half percentage rounds away from zero", c1.txt, "31.3%"},
		{"the 95% interval to 1 dp", c0.ci, "12.7%–57.6%"},
		{"n with its unit", c0.n, "13 children"},
		{"n with thousands separators", c1.n, "1,600 children"},
		{"a count with thousands separators", k0.txt, "1,234"},
		{"SPEC §6: an n of 1–4 is <5 under disclosure control", k1.n, "<5"},
		{"dates are written the UK way", ukDate("2019-01-31"), "31/01/2019"},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

// TestPageContent checks what issue 13 asks the page to carry beyond the charts, each case
// named after its rule, on the hostile SPEC v2 fixture (whose texts must arrive escaped).
func TestPageContent(t *testing.T) {
	ind, plan, commentary := hostileV2()
	ind.AsOf = "2019-01-31"
	page := render(t, Input{Ind: ind, Specs: chart.Build(ind), Plan: plan, HasPlan: true, Commentary: commentary,
		EChartsJS: fakeECharts})
	text := html.UnescapeString(page)
	binaryTile := text[strings.Index(text, "Children who reoffended within 12 months"):]
	binaryTile = binaryTile[:strings.Index(binaryTile, "</article>")]
	concerns := text[strings.Index(text, `id="h-concerns"`):strings.Index(text, `id="sec-reoffending"`)]
	planSec := text[strings.Index(text, `id="h-plan"`):strings.Index(text, `id="h-data"`)]
	views := text[strings.Index(text, `id="h-sec-views"`):strings.Index(text, `id="h-sec-partnership"`)]
	cases := []struct {
		name string
		ok   bool
	}{
		{"reoffending comparisons are between cohorts, not quarters",
			strings.Contains(binaryTile, "Previous cohort (2016/17 Q4)") && strings.Contains(binaryTile, "Cohort a year earlier (2016/17 Q1)") &&
				!strings.Contains(binaryTile, "Previous quarter") && !strings.Contains(binaryTile, "Same quarter")},
		{"the asks of the board come from the commentary, before the areas of concern",
			strings.Index(text, "Asks of the board") < strings.Index(text, "Areas of concern") &&
				strings.Contains(text, "<li>Approve the revised plan</li>")},
		// 6 of 11 = 54.5% against a target of 80%: red.
		{"an area of concern says why", strings.Contains(concerns, "Red against the target of 80.0% (higher is better): 54.5% in 2018/19 Q3.")},
		{"an area of concern lists its linked action, escaped",
			strings.Contains(page, "<b>&lt;img src=x onerror=&#34;window.__pwned=3&#34;&gt;</b>") && strings.Contains(concerns, "Overdue")},
		// Due 01/12/2018, red, as of 31/01/2019: overdue. The second action is due in June.
		{"the improvement plan marks an action overdue once, the other not",
			strings.Count(planSec, "Overdue") == 1 && strings.Contains(planSec, "Weekly review of referrals")},
		{"an action's indicator is named in plain English", strings.Contains(planSec, "Out-of-court assessments within")},
		{"the officer's summary shows as text", strings.Contains(page, "&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;")},
		{"a section's officer commentary shows under it",
			strings.Contains(views, `<h4>Officer commentary</h4><p>`+hostileFunc+`</p>`)},
		{"the new sections are there", strings.Contains(text, "Needs and wider services") && strings.Contains(text, "Children's and families' views") &&
			strings.Contains(text, `id="h-sec-partnership"`)},
		// Published 60.0% against ours of 5 of 6 = 83.3%: 23.3 points higher.
		{"a tile lists its comparators with our difference", strings.Contains(page, "<b>60.0%</b> · ours 23.3 pts higher")},
		{"every chart has its table of figures", strings.Count(page, "<summary>Table of figures</summary>") == len(chart.Build(ind))},
		{"a full run says nothing of part quarters", !strings.Contains(text, "Part quarter")},
	}
	for _, tc := range cases {
		if !tc.ok {
			t.Errorf("%s: not so", tc.name)
		}
	}
}

// TestPartial: SPEC §2 and §3.6 under --partial, the top of the page says the quarter is a
// part quarter and which extract is missing, and figures that depend on it read "no extract".
func TestPartial(t *testing.T) {
	ind := charttest.Indicators()
	ind.PartQuarter = true
	ind.MissingExtracts = []string{"disposals"}
	for i := range ind.Headlines {
		if ind.Headlines[i].Indicator == "binary_reoffending_rate" {
			ind.Headlines[i].MissingExtract = "disposals"
		}
	}
	specs := chart.Build(ind)
	page := html.UnescapeString(render(t, Input{Ind: ind, Specs: specs, EChartsJS: fakeECharts}))
	tile := page[strings.Index(page, "Children who reoffended within 12 months"):]
	tile = tile[:strings.Index(tile, "</article>")]
	missing := 0
	for _, sp := range specs {
		if sp.MissingExtract != "" {
			missing++
		}
	}
	cases := []struct {
		name string
		ok   bool
	}{
		{"a part quarter is said at the top", strings.Contains(page, "Part quarter: data to 31/01/2019")},
		{"the missing extract is named at the top", strings.Contains(page, "No disposals extract was found")},
		{"a headline of the missing extract reads no extract, not n/a or 0",
			strings.Contains(tile, `<p class="value">no extract</p>`) && !strings.Contains(tile, "n/a") && !strings.Contains(tile, "30.8%")},
		{"its tile has no sparkline", !strings.Contains(tile, `class="spark"`)},
		{"a chart of the missing extract is not drawn but says why",
			missing > 0 && strings.Count(page, "extract was found, so this chart cannot be drawn") == missing &&
				strings.Count(page, ` id="chart-`) == len(specs)-missing},
	}
	for _, tc := range cases {
		if !tc.ok {
			t.Errorf("%s: not so", tc.name)
		}
	}
}

// TestDisclosureOfTiles: SPEC §6 applies to children, not to organisations: board
// attendance over fewer than 5 places is shown; a children's rate is not, nor its sparkline
// points, nor its difference from a comparator.
func TestDisclosureOfTiles(t *testing.T) {
	ind, _, _ := hostileV2()
	var ete report.Headline
	for _, h := range ind.Headlines {
		if h.Indicator == "ete_suitable_end" {
			ete = h
		}
	}
	// 3 of 4 places attended: a rate over fewer than 5, but of organisations.
	v := 0.75
	board := report.Headline{Indicator: "board_attendance_rate", Kind: report.KindProportion, Period: "2018/19 Q3",
		Current: report.Point{Numerator: 3, Denominator: 4, Value: &v}}
	// ETE: 5 of 6, numerator 5 is not small, shown; make it 4 of 6 to hide it.
	hidden := ete
	four := 4.0 / 6
	hidden.Current.Numerator, hidden.Current.Value = 4, &four
	cases := []struct {
		name string
		got  tile
		want string
		diff string
	}{
		{"board attendance is about organisations: shown", buildTile(board, !chart.Organisational(board.Indicator)), "75.0%", ""},
		{"a children's rate with a numerator of 1–4 is hidden", buildTile(hidden, !chart.Organisational(hidden.Indicator)), "suppressed",
			"difference not shown (small numbers)"},
		{"a children's rate of 5 of 6 is shown", buildTile(ete, true), "83.3%", "ours 23.3 pts higher"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got.Value != tc.want {
				t.Errorf("value %q, want %q", tc.got.Value, tc.want)
			}
			if tc.diff != "" && (len(tc.got.Comparators) == 0 || tc.got.Comparators[0].Diff != tc.diff) {
				t.Errorf("comparators %+v, want the difference %q", tc.got.Comparators, tc.diff)
			}
		})
	}
	// A sparkline is drawn from the disclosed trend: a hidden point has no number.
	specs := chart.ApplyDisclosure(chart.Build(charttest.Indicators()))
	page := render(t, Input{Ind: charttest.Indicators(), Specs: specs, EChartsJS: fakeECharts, Disclosure: true})
	for el, c := range chartsOf(t, page) {
		if !strings.HasPrefix(el, "spark-") {
			continue
		}
		for id, tips := range c.Meta.Tips {
			for i, tp := range tips {
				if tp.S {
					for _, s := range c.Option.Series {
						if s.ID == id && string(s.Data[i]) != `{"value":"-"}` {
							t.Errorf("%s: series %s point %d is hidden but drawn as %s", el, id, i, s.Data[i])
						}
					}
				}
			}
		}
	}
}
