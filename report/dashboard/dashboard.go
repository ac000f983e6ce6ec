// Package dashboard writes dashboard.html (SPEC §5): one self-contained page with the
// headline tiles of the quarter and every chart of report/chart, interactive (tooltips with
// value, n and 95% interval; legend toggles), that opens offline when ECharts is inlined.
//
// The page is safe with any data. Chart options are built as Go structs, marshalled by
// encoding/json with HTML escaping on (so no "</script" or "<!--" can appear), carried in a
// <script type="application/json"> block and read with JSON.parse; the only JavaScript is
// the package's fixed app.js and ECharts itself, both allowed by hash in a Content Security
// Policy. Everything else goes through html/template. Values that disclosure control hides
// (chart.Series.Suppressed, and headline figures over fewer than 5 when Input.Disclosure is
// set) are written as "<5" or "suppressed" and their numbers are not in the file at all.
package dashboard

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/disclosure"
	"github.com/yjsreport/yjsreport/report/format"
)

// ECharts served from its public CDN when the binary was built without it embedded. The
// integrity hash is of the npm package's dist/echarts.min.js, which jsDelivr serves as is.
const (
	EChartsVersion = "5.6.0"
	EChartsCDN     = "https://cdn.jsdelivr.net/npm/echarts@5.6.0/dist/echarts.min.js"
	echartsSRI     = "sha384-pPi0zxBAoDu6+JXW/C68UZLvBUUtU+7zonhif43rqj7pxsGyqyqzcian2Rj37Rss"
)

// fontStack is the page's font, also given to ECharts so chart text matches the page.
const fontStack = `system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif`

//go:embed dashboard.html.tmpl
var pageTemplate string

//go:embed app.js
var appJS string

var tmpl = template.Must(template.New("dashboard").Parse(pageTemplate))

// Input is what the dashboard shows.
type Input struct {
	Ind   *report.Indicators
	Specs []chart.Spec // the charts, in order; disclosure control already applied
	// EChartsJS is the echarts.min.js to inline (see EmbeddedECharts); nil loads it from
	// EChartsCDN, so the page then needs an internet connection to draw its charts.
	EChartsJS []byte
	// Marking is the protective marking shown at the top and bottom (config).
	Marking string
	// Disclosure turns on small-number suppression of the headline tiles (SPEC §6); the
	// Specs carry their own suppression.
	Disclosure bool
}

// Offline reports whether this binary carries ECharts, so that the dashboard it writes
// draws its charts without an internet connection. Callers print a note when it is false.
func Offline() bool { return EmbeddedECharts() != nil }

// Render writes dashboard.html.
func Render(w io.Writer, in Input) error {
	if in.Ind == nil {
		return errors.New("dashboard: no indicators")
	}
	// Labels that may come from the data are shown by the report's one rule, as in the PDF.
	specs := make([]chart.Spec, len(in.Specs))
	for i, s := range in.Specs {
		specs[i] = chart.ForDisplay(s)
	}
	in.Specs = specs
	p, err := buildPage(in)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, p); err != nil {
		return fmt.Errorf("dashboard: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// page is the template's data.
type page struct {
	Title, Service, Quarter, QuarterDates, AsOf, Marking string
	CSP                                                  string
	Tiles                                                []tile
	Sections                                             []section
	Options                                              template.JS
	EChartsInline                                        template.JS
	EChartsURL, EChartsSRI                               string
	App                                                  template.JS
	Disclosure                                           bool
}

type tile struct {
	Class, Label, Period, Value, N, RAG, Target string
	Changes                                     []change
}

type change struct {
	When, Text, Class, Note string
}

type section struct {
	ID, Title string
	Charts    []chartView
}

type chartView struct {
	El, Title string
	Notes     []string
	Head      []string
	Rows      [][]string
}

// sectionTitles names the sections of chart.Spec.Section, in the PDF's order.
var sectionTitles = []struct{ id, title string }{
	{"reoffending", "Reoffending"},
	{"fte_custody", "First time entrants and custody"},
	{"ete", "Education, training and employment"},
	{"oocd", "Out-of-court disposals"},
	{"victims", "Victims"},
}

func buildPage(in Input) (*page, error) {
	ind := in.Ind
	marking := in.Marking
	if marking == "" {
		marking = "OFFICIAL"
	}
	p := &page{
		Title:        ind.Service + " — youth justice dashboard, " + ind.Quarter.Label,
		Service:      ind.Service,
		Quarter:      ind.Quarter.Label,
		QuarterDates: ukDate(ind.Quarter.Start) + " to " + ukDate(ind.Quarter.End),
		AsOf:         ukDate(ind.AsOf),
		Marking:      marking,
		App:          template.JS(appJS),
		Disclosure:   in.Disclosure,
	}
	for _, h := range ind.Headlines {
		p.Tiles = append(p.Tiles, buildTile(h, in.Disclosure))
	}

	var charts []chartJSON
	var order []section
	idx := map[string]int{}
	for _, st := range sectionTitles {
		idx[st.id] = len(order)
		order = append(order, section{ID: "sec-" + st.id, Title: st.title})
	}
	for i := range in.Specs {
		sp := &in.Specs[i]
		if err := validateSpec(sp); err != nil {
			return nil, fmt.Errorf("dashboard: %w", err)
		}
		k, ok := idx[sp.Section]
		if !ok {
			// A section this package does not know yet still shows, under its own name.
			k = len(order)
			idx[sp.Section] = k
			order = append(order, section{ID: "sec-" + strconv.Itoa(k), Title: sp.Section})
		}
		el := "chart-" + strconv.Itoa(i)
		order[k].Charts = append(order[k].Charts, buildChartView(sp, el))
		charts = append(charts, chartJSON{El: el, Option: buildOption(sp)})
	}
	for _, s := range order {
		if len(s.Charts) > 0 {
			p.Sections = append(p.Sections, s)
		}
	}

	// json.Marshal escapes <, > and & (and U+2028/9) inside strings, so nothing in the data
	// can end the <script> block or open a comment in it.
	opts, err := json.Marshal(nonNilCharts(charts))
	if err != nil {
		return nil, fmt.Errorf("dashboard: chart options: %w", err)
	}
	p.Options = template.JS(opts)

	scriptHashes := []string{cspHash(appJS)}
	if in.EChartsJS != nil {
		if err := checkInlineScript(in.EChartsJS); err != nil {
			return nil, err
		}
		p.EChartsInline = template.JS(in.EChartsJS)
		scriptHashes = append(scriptHashes, cspHash(string(in.EChartsJS)))
	} else {
		p.EChartsURL, p.EChartsSRI = EChartsCDN, echartsSRI
		scriptHashes = append(scriptHashes, EChartsCDN)
	}
	// Only the page's own two scripts may run: anything injected, however it got in, is
	// blocked by the browser. Styles are inline (ECharts' tooltips set style attributes).
	p.CSP = "default-src 'none'; script-src " + strings.Join(scriptHashes, " ") +
		"; style-src 'unsafe-inline'; img-src data: blob:; base-uri 'none'; form-action 'none'"
	return p, nil
}

func nonNilCharts(c []chartJSON) []chartJSON {
	if c == nil {
		return []chartJSON{}
	}
	return c
}

// checkInlineScript refuses script text that would end or confuse the <script> element it
// is inlined into.
func checkInlineScript(js []byte) error {
	low := bytes.ToLower(js)
	for _, bad := range []string{"</script", "<!--", "<script"} {
		if bytes.Contains(low, []byte(bad)) {
			return fmt.Errorf("dashboard: echarts.min.js contains %q and cannot be inlined", bad)
		}
	}
	return nil
}

// cspHash is the Content Security Policy source for an inline script's exact text.
func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// buildChartView is a chart's heading, notes and table of figures (the accessible
// alternative to the canvas, and what shows when ECharts cannot load).
func buildChartView(sp *chart.Spec, el string) chartView {
	v := chartView{El: el, Title: sp.Title}
	if sp.Subtitle != "" {
		v.Notes = append(v.Notes, sp.Subtitle)
	}
	if hasProvisional(sp) && !strings.Contains(sp.Subtitle, "provisional") {
		if sp.Kind == chart.Line {
			v.Notes = append(v.Notes, "Hollow points are provisional: the figure may still change.")
		} else {
			v.Notes = append(v.Notes, "Faded bars are provisional: the figure may still change.")
		}
	}
	if sp.Note != "" {
		v.Notes = append(v.Notes, sp.Note)
	}
	if hasSuppressed(sp) {
		v.Notes = append(v.Notes, "Some figures are hidden by disclosure control (shown as “<5”, “*” or “suppressed”).")
	}

	cat := "Category"
	if sp.XLabel != "" {
		cat = sp.XLabel
	}
	v.Head = []string{cat}
	type cols struct{ n, ci bool }
	have := make([]cols, len(sp.Series))
	for si, s := range sp.Series {
		have[si].n = len(s.N) > 0
		have[si].ci = len(s.Lower) > 0 && len(s.Upper) > 0
		name := s.Name
		if unit := valueUnit(sp); unit != "" && len(sp.Series) == 1 {
			name += " (" + unit + ")"
		}
		v.Head = append(v.Head, name)
		if have[si].n {
			v.Head = append(v.Head, s.Name+": n")
		}
		if have[si].ci {
			v.Head = append(v.Head, s.Name+": 95% interval")
		}
	}
	for i, c := range sp.Categories {
		row := []string{c}
		for si := range sp.Series {
			cl := resolve(sp, &sp.Series[si], i)
			t := cl.txt
			if cl.prov {
				t += " (provisional)"
			}
			row = append(row, t)
			if have[si].n {
				row = append(row, cl.n)
			}
			if have[si].ci {
				row = append(row, cl.ci)
			}
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}

// buildTile is one headline tile: value, n, 95% interval, RAG against target, and the change
// against the previous quarter and the same quarter a year ago.
func buildTile(h report.Headline, disc bool) tile {
	t := tile{Label: h.Label, Period: h.Period, Class: "rag-none", RAG: "No target"}
	if t.Label == "" {
		t.Label = h.Indicator
	}
	if strings.Contains(h.Indicator, "reoffending") && t.Period != "" {
		// Reoffending is measured on the newest cohort whose follow-up has ended.
		t.Period += " cohort"
	}
	cur := h.Current
	hidden := disc && hiddenPoint(h, cur)
	switch {
	case hidden:
		t.Value = disclosure.Suppressed
		t.N = "n = " + disclosure.Count(int(tileN(h, cur)), true)
		if strings.HasPrefix(t.N, "n = <") {
			t.N = "n < " + strings.TrimPrefix(t.N, "n = <")
		}
	case cur.Value == nil:
		t.Value = format.NA
		t.N = "n = " + format.Count(int(math.Round(tileN(h, cur))))
	default:
		t.Value = format.HeadlineFigure(h.Kind, *cur.Value)
		t.N = "n = " + format.Count(int(math.Round(tileN(h, cur))))
		if cur.CI95 != nil {
			t.N += " · 95% interval " + format.Interval(cur.CI95[0], cur.CI95[1], h.Kind == report.KindProportion)
		}
	}
	if h.Target != nil {
		t.Target = "Target " + format.HeadlineFigure(h.Kind, h.Target.Target) + " · " + h.Better + " is better"
		if h.Target.RAG != nil && !hidden {
			switch *h.Target.RAG {
			case "red", "amber", "green":
				t.Class = "rag-" + *h.Target.RAG
				t.RAG = strings.ToUpper((*h.Target.RAG)[:1]) + (*h.Target.RAG)[1:]
			}
		} else if hidden {
			t.RAG = "Not shown"
		} else {
			t.RAG = "No value"
		}
	}
	for _, c := range []struct {
		label string
		other report.Point
		ch    *report.Change
	}{{"Last quarter", h.Previous, h.ChangePrevious}, {"Year ago", h.YearAgo, h.ChangeYearAgo}} {
		when := c.label
		if c.other.Period != "" {
			when += " (" + c.other.Period + ")"
		}
		switch {
		case disc && (hidden || hiddenPoint(h, c.other)):
			t.Changes = append(t.Changes, change{When: when, Text: "not shown (small numbers)", Class: "same"})
		case c.ch == nil:
			t.Changes = append(t.Changes, change{When: when, Text: "no comparison", Class: "same"})
		default:
			t.Changes = append(t.Changes, describeChange(h.Kind, when, c.ch))
		}
	}
	return t
}

// tileN is the "n" of a headline: the children behind a proportion or a frequency, the
// count behind a rate per 100,000 (whose denominator is the population).
func tileN(h report.Headline, p report.Point) float64 {
	if h.Kind == "rate_per_100k" {
		return p.Numerator
	}
	return p.Denominator
}

// hiddenPoint reports whether disclosure control hides a headline point, by the rules of
// package disclosure: a rate over fewer than 5 or with a numerator of 1–4, a count of 1–4.
func hiddenPoint(h report.Headline, p report.Point) bool {
	num, den := int(math.Round(p.Numerator)), int(math.Round(p.Denominator))
	switch h.Kind {
	case "rate_per_100k":
		// The denominator is the population; the count of entrants is what must not be small.
		return disclosure.IsSmall(num)
	default:
		return p.Value != nil && disclosure.RateHidden(num, den)
	}
}

// valueUnit is what a chart's values are in, for the table heading.
func valueUnit(sp *chart.Spec) string {
	if sp.YLabel != "" {
		return sp.YLabel
	}
	return sp.Unit
}

// describeChange words a change: arrow and signed size (percentage points for proportions,
// as the PDF writes it), better or worse, and whether it is statistically significant. The
// arrow follows the written sign, so a change too small to show has none.
func describeChange(kind, when string, c *report.Change) change {
	size := format.Change(kind, c.Difference)
	arrow := "● "
	if a := format.Arrow(size); a != "" {
		arrow = a + " "
	}
	ch := change{When: when, Text: arrow + size}
	switch c.Direction {
	case "better":
		ch.Class, ch.Text = "better", ch.Text+", better"
	case "worse":
		ch.Class, ch.Text = "worse", ch.Text+", worse"
	default:
		ch.Class, ch.Text = "same", ch.Text+", no change"
	}
	if c.Test != "" {
		if c.Significant {
			ch.Note = "significant"
		} else {
			ch.Note = "not significant"
		}
		if c.PValue != nil {
			ch.Note += " (p = " + format.PValue(*c.PValue) + ")"
		}
	}
	return ch
}

// ukDate turns YYYY-MM-DD into DD/MM/YYYY; anything else is shown as it is.
func ukDate(s string) string {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		return s[8:10] + "/" + s[5:7] + "/" + s[0:4]
	}
	return s
}
