// Package dashboard writes dashboard.html (SPEC §5): one self-contained page that carries
// what the board report carries — the headline tiles with sparklines and comparators, the
// asks of the board, the areas of concern with their linked actions, the generated and the
// officer's commentary, every chart of report/chart (interactive: tooltips with value, n and
// 95% interval; legend buttons that hide or show a series) each with its table of figures,
// the improvement plan and the inputs read — readable on a phone as on a desktop, and drawing
// its charts offline when ECharts is inlined.
//
// The charts are built with go-echarts (echarts.go), but the page is this package's own: the
// options go-echarts produces are marshalled by encoding/json with HTML escaping on (so no
// "</script" or "<!--" can appear), carried in a <script type="application/json"> block and
// read with JSON.parse; the only JavaScript is the package's fixed app.js and ECharts
// itself, both allowed by hash in a Content Security Policy. Everything else goes through
// html/template. Values that disclosure control hides (chart.Series.Suppressed, and headline
// figures, sparkline points and comparator differences when Input.Disclosure is set) are
// written as "<5" or "suppressed" and their numbers are not in the file at all.
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
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/ingest"
	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/format"
	"github.com/yjsreport/yjsreport/report/narrative"
)

// ECharts served from its public CDN when the binary was built without it embedded. The
// integrity hash is of the npm package's dist/echarts.min.js, which jsDelivr serves as is.
const (
	EChartsVersion = "5.6.0"
	EChartsCDN     = "https://cdn.jsdelivr.net/npm/echarts@5.6.0/dist/echarts.min.js"
	echartsSRI     = "sha384-pPi0zxBAoDu6+JXW/C68UZLvBUUtU+7zonhif43rqj7pxsGyqyqzcian2Rj37Rss"
)

//go:embed dashboard.html.tmpl
var pageTemplate string

//go:embed app.js
var appJS string

var tmpl = template.Must(template.New("dashboard").Parse(pageTemplate))

// Input is what the dashboard shows.
type Input struct {
	Ind   *report.Indicators
	Specs []chart.Spec // the charts, in order; disclosure control already applied when on
	// Plan is the improvement plan as read (AreasOfConcern's actions are positions in it);
	// HasPlan is true when an improvement-plan extract was read, even an empty one.
	Plan    []ingest.Action
	HasPlan bool
	// Commentary is the officer's commentary by section key (narrative.ParseCommentary):
	// the asks of the board, the summary and each section's own.
	Commentary map[string]string
	// EChartsJS is the echarts.min.js to inline (see EmbeddedECharts); nil loads it from
	// EChartsCDN, so the page then needs an internet connection to draw its charts.
	EChartsJS []byte
	// Marking is the protective marking shown at the top and bottom (config).
	Marking string
	// Disclosure turns on small-number suppression of the headline tiles, their sparklines
	// and comparator differences and of the generated commentary (SPEC §6); the Specs carry
	// their own suppression.
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
	page := buf.Bytes()
	if !utf8.Valid(page) {
		// html/template escapes but passes invalid UTF-8 through (a file or sheet name in a
		// legacy encoding): the page is served as UTF-8, so such bytes become U+FFFD. The
		// scripts are JSON and app.js, always valid, so their CSP hashes do not change.
		page = bytes.ToValidUTF8(page, []byte("\uFFFD"))
	}
	_, err = w.Write(page)
	return err
}

// page is the template's data.
type page struct {
	Title, Service, Quarter, QuarterDates, AsOf, Marking string
	CSP                                                  string
	// PartQuarter and Missing are the notices at the top of a --partial run (SPEC §2, §3.6).
	PartQuarter, Missing string
	Nav                  []navItem
	Tiles                []tile
	Asks                 []block
	Concerns             []concernView
	RAGSummary           string
	Overview             []block
	Sections             []section
	Plan                 planView
	Inputs               []inputRow
	Options              template.JS
	EChartsInline        template.JS
	EChartsURL           string
	EChartsSRI           string
	App                  template.JS
	Disclosure           bool
}

type navItem struct{ ID, Title string }

// block is one paragraph or bullet of commentary.
type block struct {
	Text   string
	Bullet bool
}

type section struct {
	ID, Title string
	Generated string
	Officer   []block
	Charts    []chartView
}

// sectionTitles names the sections of chart.Sections, as the PDF does.
var sectionTitles = map[string]string{
	chart.SectionReoffending: "Reoffending",
	chart.SectionFTECustody:  "First time entrants and custody",
	chart.SectionETE:         "Education, training and employment",
	chart.SectionNeeds:       "Needs and wider services",
	chart.SectionOOCD:        "Out-of-court disposals",
	chart.SectionVictims:     "Victims",
	chart.SectionViews:       "Children's and families' views",
	chart.SectionPartnership: "Partnership",
}

func buildPage(in Input) (*page, error) {
	ind := in.Ind
	marking := in.Marking
	if marking == "" {
		marking = "OFFICIAL"
	}
	asOf, _ := calendar.ParseISO(ind.AsOf) // zero (nothing overdue) when the date is not set
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
	if ind.PartQuarter {
		p.PartQuarter = "Part quarter: data to " + ukDate(ind.AsOf) + ". The quarter ends on " + ukDate(ind.Quarter.End) +
			", so its figures are incomplete and will change."
	}
	if len(ind.MissingExtracts) > 0 {
		p.Missing = "No " + format.List(ind.MissingExtracts) + " extract was found: every figure that depends on it reads “no extract”."
	}

	var charts []chartJSON
	comp := comparatorColors(ind.Comparators)
	for i, h := range ind.Headlines {
		t := buildTile(h, in.Disclosure && !chart.Organisational(h.Indicator))
		for k := range t.Comparators {
			t.Comparators[k].Color = comp[t.Comparators[k].Name]
		}
		if sp := trendSpec(in.Specs, h.Indicator); sp != nil && h.MissingExtract == "" && shownPoints(sp) > 1 {
			t.Spark = "spark-" + strconv.Itoa(i)
			charts = append(charts, buildSpark(sp, t.Spark, comp))
		}
		p.Tiles = append(p.Tiles, t)
	}
	p.Nav = append(p.Nav, navItem{"headlines", "Headlines"})
	p.Asks = blocks(in.Commentary[narrative.Asks])
	if len(p.Asks) > 0 {
		p.Nav = append(p.Nav, navItem{"asks", "Asks of the board"})
	}
	p.Concerns = buildConcerns(ind, in.Plan, asOf, in.Disclosure)
	p.RAGSummary = ragSummary(ind.Headlines)
	p.Nav = append(p.Nav, navItem{"concerns", "Areas of concern"})
	p.Overview = blocks(in.Commentary[narrative.Summary])

	gen := narrative.Generate(ind, narrative.Options{Disclosure: in.Disclosure})
	bySection := map[string][]int{}
	var order []string
	for i := range in.Specs {
		sp := &in.Specs[i]
		if err := validateSpec(sp); err != nil {
			return nil, fmt.Errorf("dashboard: %w", err)
		}
		if _, ok := bySection[sp.Section]; !ok && sectionTitles[sp.Section] == "" {
			order = append(order, sp.Section) // a section this package does not know yet
		}
		bySection[sp.Section] = append(bySection[sp.Section], i)
	}
	for k, id := range append(append([]string(nil), chart.Sections...), order...) {
		s := section{ID: "sec-" + strconv.Itoa(k), Title: id, Generated: gen[id], Officer: blocks(in.Commentary[id])}
		if t, ok := sectionTitles[id]; ok {
			s.ID, s.Title = "sec-"+id, t
		}
		for _, i := range bySection[id] {
			sp := &in.Specs[i]
			el := "chart-" + strconv.Itoa(i)
			v := buildChartView(sp, el)
			if sp.MissingExtract == "" {
				cj, legend, notice := buildChart(sp, el, comp)
				v.Legend, v.Notice = legend, notice
				charts = append(charts, cj)
			}
			s.Charts = append(s.Charts, v)
		}
		if len(s.Charts) > 0 || s.Generated != "" || len(s.Officer) > 0 {
			p.Sections = append(p.Sections, s)
			p.Nav = append(p.Nav, navItem{s.ID, s.Title})
		}
	}
	p.Plan = buildPlan(in, asOf)
	p.Nav = append(p.Nav, navItem{"plan", "Improvement plan"}, navItem{"data", "Data"})
	p.Inputs = buildInputs(ind.Inputs)

	// json.Marshal escapes <, > and & (and U+2028/9) inside strings, so nothing in the data
	// can end the <script> block or open a comment in it.
	if charts == nil {
		charts = []chartJSON{}
	}
	opts, err := json.Marshal(charts)
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

// trendSpec returns the chart that draws a headline's series, or nil.
func trendSpec(specs []chart.Spec, name string) *chart.Spec {
	for i := range specs {
		if specs[i].Headline == name && specs[i].ID == chart.TrendID(name) {
			return &specs[i]
		}
	}
	return nil
}

// shownPoints counts the points of a trend's own series that have a value to draw: a
// sparkline of fewer than two shows nothing.
func shownPoints(sp *chart.Spec) int {
	n := 0
	if len(sp.Series) > 0 {
		for _, v := range sp.Series[0].Values {
			if v != nil {
				n++
			}
		}
	}
	return n
}

// blocks splits commentary into paragraphs and bullets.
func blocks(text string) []block {
	var out []block
	for _, b := range narrative.Blocks(text) {
		if t, ok := strings.CutPrefix(b, "- "); ok {
			out = append(out, block{Text: t, Bullet: true})
		} else {
			out = append(out, block{Text: b})
		}
	}
	return out
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

// ukDate turns YYYY-MM-DD into DD/MM/YYYY; anything else is shown as it is.
func ukDate(s string) string {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		return s[8:10] + "/" + s[5:7] + "/" + s[0:4]
	}
	return s
}
