// Package pdf lays out the quarterly board report (SPEC §5) with maroto v2: cover,
// performance on a page, areas of concern, one section per indicator area with charts,
// tables and commentary, the improvement plan, the data-quality appendix and definitions.
//
// It computes no figures: everything comes from report.Indicators and the chart.Specs built
// from them. With disclosure control on (config), every count, rate and chart passes through
// report/disclosure first. The PDF never holds a child_id, a date of birth or free text from
// a case row: the data-quality appendix shows rules and counts, never values.
//
// maroto does not repeat table headers after a page break, lets a row overrun the page and
// prints an error into the page for a bad image; this package therefore tracks the page
// itself (layout.go), builds tables row by row (table.go) and checks every chart image first.
//
// Text from the data or the config can hold anything. Every string of the Input passes once
// through the sanitiser of package fonts before layout (characters the fonts lack print as
// fonts.StandIn, and the data-quality appendix says so); a value shown as a label (a group
// of a breakdown, the service, the marking) is cut by chart.Label; a breakdown by a value
// from the data shows at most chart.MaxGroups rows; and wrapping is linear in the length of
// the text (layout.go), so no value can stall the layout or fill pages.
//
// The same Input gives the same bytes, in any process (reproducible.go).
package pdf

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/johnfercher/maroto/v2/pkg/repository"

	"github.com/yjsreport/yjsreport/calendar"
	yconfig "github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/ingest"
	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart"
	chartpng "github.com/yjsreport/yjsreport/report/chart/png"
	"github.com/yjsreport/yjsreport/report/narrative"
	"github.com/yjsreport/yjsreport/report/pdf/fonts"
)

// Input is everything the report shows.
type Input struct {
	Ind   *report.Indicators
	Specs []chart.Spec // from chart.Build(Ind); disclosure is applied here when configured
	Plan  []ingest.Action
	// HasPlan is true when an improvement-plan extract was read (even if empty).
	HasPlan bool
	// Quality is the rejections, duplicates and warnings grouped by file, sheet, column and
	// rule, with counts (see QualityRows); never a value from a row.
	Quality []QualityRow
	// Skipped lists files passed over (hidden, lock files, not data), by name.
	Skipped []string
	// Commentary is the officer's commentary by section key (narrative.ParseCommentary).
	Commentary map[string]string
	Config     yconfig.Config
	AsOf       calendar.Date
	// Version is the tool's version, printed in the metadata as the creator.
	Version string
}

// Colours of the house style.
var (
	ink      = &props.Color{Red: 0x22, Green: 0x22, Blue: 0x22}
	softInk  = &props.Color{Red: 0x55, Green: 0x55, Blue: 0x55}
	white    = &props.Color{Red: 0xFF, Green: 0xFF, Blue: 0xFF}
	navy     = &props.Color{Red: 0x1F, Green: 0x3A, Blue: 0x5F}
	rule     = &props.Color{Red: 0xCC, Green: 0xCC, Blue: 0xCC}
	paleGrey = &props.Color{Red: 0xEE, Green: 0xF1, Blue: 0xF4}
	tileBG   = &props.Color{Red: 0xF4, Green: 0xF6, Blue: 0xF8}
	ragRed   = &props.Color{Red: 0xB7, Green: 0x1C, Blue: 0x1C}
	ragAmber = &props.Color{Red: 0xF2, Green: 0xA9, Blue: 0x00}
	ragGreen = &props.Color{Red: 0x2E, Green: 0x7D, Blue: 0x32}
	ragNone  = &props.Color{Red: 0x90, Green: 0x98, Blue: 0xA0}
)

// Text styles.
var (
	body     = style{size: 9, font: fontstyle.Normal, color: ink}
	bodyBold = style{size: 9, font: fontstyle.Bold, color: ink}
	note     = style{size: 7.5, font: fontstyle.Italic, color: softInk}
	h1       = style{size: 15, font: fontstyle.Bold, color: navy}
	h2       = style{size: 11, font: fontstyle.Bold, color: navy}
	h3       = style{size: 9.5, font: fontstyle.Bold, color: ink}
	officer  = style{size: 9, font: fontstyle.Italic, color: ink}
)

// Render writes the report PDF to w.
func Render(w io.Writer, in Input) error {
	b, err := Bytes(in)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Bytes returns the report PDF.
func Bytes(in Input) ([]byte, error) {
	m, err := document(in)
	if err != nil {
		return nil, err
	}
	doc, err := m.Generate()
	if err != nil {
		return nil, fmt.Errorf("laying out the pdf: %w", err)
	}
	b, err := orderImages(doc.GetBytes())
	if err != nil {
		return nil, fmt.Errorf("putting the pdf's images in order: %w", err)
	}
	if err := stampModDate(b, in.AsOf.Time()); err != nil {
		return nil, fmt.Errorf("setting the pdf's modification date: %w", err)
	}
	return b, nil
}

// document lays the report out in a maroto document, ready to generate.
func document(in Input) (core.Maroto, error) {
	m, _, err := layout(in)
	return m, err
}

// layout lays the report out and returns the document and the flow that placed its rows,
// which records how full each page is.
func layout(in Input) (core.Maroto, *flow, error) {
	if in.Ind == nil {
		return nil, nil, fmt.Errorf("pdf: no indicators")
	}
	// Every string from the data or the config, wherever it is printed, is made printable
	// here, once: see package fonts.
	in, standIns := fonts.Copy(in)
	specs := in.Specs
	if in.Config.DisclosureControl {
		specs = chart.ApplyDisclosure(specs)
	}
	// Every chart, and the sparkline of each headline tile (drawn from its trend after
	// disclosure control), in one concurrent pass.
	// A chart the report does not place is not drawn.
	half := halves(specs)
	jobs := make([]chartpng.Job, 0, len(specs)+len(in.Ind.Headlines))
	jobOf := make([]int, len(specs))
	for i, s := range specs {
		jobOf[i] = -1
		if placed(s) {
			jobOf[i] = len(jobs)
			jobs = append(jobs, chartpng.Job{Spec: s, Size: sizeOf(s, half)})
		}
	}
	nCharts := len(jobs)
	sparkOf := map[string]int{}
	for _, h := range in.Ind.Headlines {
		for _, s := range specs {
			if s.Headline == h.Indicator && s.ID == chart.TrendID(h.Indicator) && s.Kind == chart.Line && s.MissingExtract == "" {
				sparkOf[h.Indicator] = len(jobs) - nCharts
				jobs = append(jobs, chartpng.Job{Spec: s, Size: sparkSize, Sparkline: true})
				break
			}
		}
	}
	images, err := chartpng.RenderJobs(jobs)
	if err != nil {
		return nil, nil, fmt.Errorf("drawing the charts: %w", err)
	}
	for i, b := range images {
		if err := chartpng.Check(b, jobs[i].Size); err != nil {
			return nil, nil, fmt.Errorf("chart %s: %w", jobs[i].Spec.ID, err)
		}
	}
	pngs := make([][]byte, len(specs))
	for i, j := range jobOf {
		if j >= 0 {
			pngs[i] = images[j]
		}
	}
	sparks := images[nCharts:]
	meas, err := newMeasurer()
	if err != nil {
		return nil, nil, fmt.Errorf("loading the fonts: %w", err)
	}
	service := in.Config.Service
	if in.Ind.Service != "" {
		service = in.Ind.Service
	}
	service = chart.Label(service)
	marking := chart.Label(in.Config.ProtectiveMarking)

	faces, err := repository.New().
		AddUTF8FontFromBytes(family, fontstyle.Normal, fonts.Regular).
		AddUTF8FontFromBytes(family, fontstyle.Bold, fonts.Bold).
		AddUTF8FontFromBytes(family, fontstyle.Italic, fonts.Italic).
		AddUTF8FontFromBytes(family, fontstyle.BoldItalic, fonts.BoldItalic).
		Load()
	if err != nil {
		return nil, nil, fmt.Errorf("loading the fonts: %w", err)
	}
	creator := "yjsreport"
	if in.Version != "" {
		creator += " " + in.Version
	}
	title := fmt.Sprintf("%s: quarterly performance report, %s", service, in.Ind.Quarter.Label)
	cfg := config.NewBuilder().
		WithPageSize(pagesize.A4).
		WithLeftMargin(marginL).WithTopMargin(marginT).WithRightMargin(marginR).WithBottomMargin(marginB).
		WithMaxGridSize(grid).
		WithCustomFonts(faces).
		WithDefaultFont(&props.Font{Family: family, Size: 9}).
		WithPageNumber(props.PageNumber{Pattern: "Page {current} of {total}", Place: props.RightBottom, Family: family, Size: 7.5, Color: softInk}).
		WithTitle(title, true).
		WithAuthor(service, true).
		WithSubject("Quarterly performance report to the Chief Officer Board, "+in.Ind.Quarter.Label, true).
		WithCreator(creator, true).
		WithKeywords("youth justice, performance, "+in.Ind.Quarter.Label+", "+marking, true).
		WithCreationDate(in.AsOf.Time()).
		WithCompression(true).
		Build()
	m := maroto.New(cfg)

	// Header and footer cells are one line high: their text is cut to one line.
	oneLine := func(s string, st fontstyle.Type, units int) string {
		w := float64(units) * unitW
		return meas.truncate(meas.wrap(s, st, 7.5, w), 1, st, 7.5, w)[0]
	}
	headerH := 7.0
	header := row.New(headerH).Add(
		text.NewCol(42, oneLine(service+" · Quarterly performance report · "+in.Ind.Quarter.Label, fontstyle.Normal, 42),
			props.Text{Family: family, Size: 7.5, Color: softInk, Top: 1}).WithStyle(cellStyle(nil, border.Bottom, rule)),
		text.NewCol(18, oneLine(marking, fontstyle.Bold, 18), props.Text{Family: family, Style: fontstyle.Bold, Size: 7.5, Color: ink, Align: align.Right, Top: 1}).
			WithStyle(cellStyle(nil, border.Bottom, rule)),
	)
	if err := m.RegisterHeader(header, row.New(3).Add(col.New(grid))); err != nil {
		return nil, nil, fmt.Errorf("page header: %w", err)
	}
	footerH := 6.0
	// A part quarter says so on every page (SPEC §2).
	asOfText := props.Text{Family: family, Size: 7, Color: softInk, Top: 2.5}
	footerLeft := "Data as of " + in.AsOf.Long()
	if in.Ind.PartQuarter {
		footerLeft = "Part quarter: data to " + in.AsOf.Long()
		asOfText.Style, asOfText.Color, asOfText.Size = fontstyle.Bold, ragRed, 7.5
	}
	footer := row.New(footerH).Add(
		text.NewCol(20, footerLeft, asOfText),
		text.NewCol(20, oneLine(marking, fontstyle.Bold, 20), props.Text{Family: family, Style: fontstyle.Bold, Size: 7.5, Color: ink, Align: align.Center, Top: 2.5}),
		col.New(20),
	)
	if err := m.RegisterFooter(footer); err != nil {
		return nil, nil, fmt.Errorf("page footer: %w", err)
	}

	f := &flow{m: m, meas: meas, headerH: headerH + 3, footerH: footerH}
	f.used = f.headerH
	r := &builder{f: f, in: in, specs: specs, pngs: pngs, half: half, sparks: sparks, sparkOf: sparkOf, service: service, marking: marking,
		disclose: in.Config.DisclosureControl, standIns: standIns > 0}
	r.gen = narrative.Generate(in.Ind, narrative.Options{Disclosure: r.disclose})
	r.build()
	return m, f, nil
}

// Printed sizes of charts, in millimetres.
var (
	halfSize  = chartpng.Size{W: 88, H: 68}
	wideSize  = chartpng.Size{W: 180, H: 64}
	fullSize  = chartpng.Size{W: 180, H: 72}
	shortSize = chartpng.Size{W: 180, H: 52}
)

// pairGroups are the charts placed two side by side at half width: in each group, the
// charts present are paired in order, and one left without a partner is drawn full width.
// The sections place them by the same rule (chartPair, trends).
var pairGroups = [][]string{
	{chart.IDReoffendingByTier, chart.IDReoffendingDays},
	{chart.IDFTETrend, chart.IDFTERateTrend},
	{chart.IDETEHoursEnd, chart.IDETEMovement},
	{chart.IDTrendETESchoolAge, chart.IDTrendETEAbove},
	{chart.IDAccommodation, chart.IDSEND},
	{chart.IDCascades, chart.IDWiderServices},
	{chart.IDTrendAccommodation, chart.IDTrendSEND, chart.IDTrendMentalHealth, chart.IDTrendSubstanceMisuse, chart.IDTrendWiderServices},
	{chart.IDOOCDByType, chart.IDOOCDTimeliness},
	{chart.IDTrendOOCDCompletion, chart.IDTrendOOCDTimeliness},
	{chart.IDViewsResponses, chart.IDTrendFeedbackPositive},
}

// placed reports whether the report places chart s: the school-age and above-school-age
// trends only for their own target, since their lines are in the ETE trend.
func placed(s chart.Spec) bool {
	if s.ID == chart.IDTrendETESchoolAge || s.ID == chart.IDTrendETEAbove {
		return s.Target != nil
	}
	return true
}

// halves returns the charts of specs drawn at half width: those with a partner.
func halves(specs []chart.Spec) map[string]bool {
	present := map[string]bool{}
	for _, s := range specs {
		present[s.ID] = placed(s)
	}
	out := map[string]bool{}
	for _, g := range pairGroups {
		var have []string
		for _, id := range g {
			if present[id] {
				have = append(have, id)
			}
		}
		for i := 0; i+1 < len(have); i += 2 {
			out[have[i]], out[have[i+1]] = true, true
		}
	}
	return out
}

// sizeOf is each chart's printed size: trends full width, small breakdowns half width when
// they sit in pairs (half), and charts of questions or partners as tall as their bars need.
func sizeOf(s chart.Spec, half map[string]bool) chartpng.Size {
	switch {
	case half[s.ID]:
		return halfSize
	case s.ID == chart.IDReoffendingProvisional:
		return shortSize
	case s.ID == chart.IDViewsChild || s.ID == chart.IDViewsParent:
		return chartpng.Size{W: 180, H: math.Min(24+10.5*float64(len(s.Categories)), 230)}
	case s.ID == chart.IDAttendance:
		return chartpng.Size{W: 180, H: math.Min(22+8*float64(len(s.Categories)), 150)}
	case s.ID == chart.IDReoffendingFrequency, s.ID == chart.IDCustodyTrend, s.ID == chart.IDVictims, s.ID == chart.IDOOCDCompletion:
		return wideSize
	}
	return fullSize
}

// builder writes the sections.
type builder struct {
	f     *flow
	in    Input
	specs []chart.Spec
	pngs  [][]byte
	half  map[string]bool // charts drawn at half width, in pairs
	// sparks are the tiles' sparklines; sparkOf gives a headline's index into them.
	sparks   [][]byte
	sparkOf  map[string]int
	service  string
	marking  string
	disclose bool
	gen      map[string]string
	// standIns is true when some character of the data or config could not be printed and
	// was replaced by fonts.StandIn; the data-quality appendix says so.
	standIns bool
}

func (r *builder) heading(s string) {
	r.f.ensure(40) // a heading never sits alone at the foot of a page
	lh := lineH(h1.size)
	r.f.add(lh+2.5, linesCol(grid, []string{s}, h1, 0, 0).WithStyle(cellStyle(nil, border.Bottom, navy)))
	r.f.space(3)
}

func (r *builder) subheading(s string) {
	r.f.ensure(45) // with room for a table's header and first rows, or a paragraph, under it
	r.f.space(1.5)
	r.f.para(s, h2, 0, 1)
}

// chartByID returns the index of the chart of that ID, if it was drawn.
func (r *builder) chartByID(id string) (int, bool) {
	for i := range r.specs {
		if r.specs[i].ID == id && r.pngs[i] != nil {
			return i, true
		}
	}
	return 0, false
}

// chart places one chart full width, with its title above and its subtitle and any note below.
func (r *builder) chart(id string) {
	i, ok := r.chartByID(id)
	if !ok {
		return
	}
	s := r.specs[i]
	size := sizeOf(s, r.half)
	titleLines := r.f.meas.wrap(s.Title, h3.font, h3.size, contentW)
	noteLines := r.f.meas.wrap(chartNote(s), note.font, note.size, contentW)
	r.f.ensure(float64(len(titleLines))*lineH(h3.size) + size.H + float64(len(noteLines))*lineH(note.size) + 2)
	r.f.linesBlock(titleLines, h3, 0)
	r.f.add(size.H, imageCol(grid, r.pngs[i]))
	r.f.linesBlock(noteLines, note, 0)
	r.f.space(3)
}

// chartPair places two half-width charts side by side (or one, when the other is absent).
func (r *builder) chartPair(a, b string) {
	ia, okA := r.chartByID(a)
	ib, okB := r.chartByID(b)
	switch {
	case !okA && !okB:
		return
	case !okB:
		r.chart(a)
		return
	case !okA:
		r.chart(b)
		return
	}
	half := grid / 2
	w := float64(half)*unitW - 2
	ta := r.f.meas.wrap(r.specs[ia].Title, h3.font, h3.size, w)
	tb := r.f.meas.wrap(r.specs[ib].Title, h3.font, h3.size, w)
	na := r.f.meas.wrap(chartNote(r.specs[ia]), note.font, note.size, w)
	nb := r.f.meas.wrap(chartNote(r.specs[ib]), note.font, note.size, w)
	th := float64(max(len(ta), len(tb))) * lineH(h3.size)
	nh := float64(max(len(na), len(nb))) * lineH(note.size)
	size := sizeOf(r.specs[ia], r.half)
	r.f.ensure(th + size.H + nh + 2)
	r.f.add(th+0.5, linesCol(half, ta, h3, 0, 0), linesCol(half, tb, h3, 0, 2))
	r.f.add(size.H, imageCol(half, r.pngs[ia]), imageCol(half, r.pngs[ib]))
	r.f.add(nh+0.5, linesCol(half, na, note, 0, 0), linesCol(half, nb, note, 0, 2))
	r.f.space(3)
}

// chartNote is the line under a chart: its subtitle, and a word on suppression.
func chartNote(s chart.Spec) string {
	n := s.Subtitle
	if s.Note != "" {
		n += ". " + s.Note
	}
	if s.Disclosed {
		for _, se := range s.Series {
			for _, sup := range se.Suppressed {
				if sup {
					return n + ". Some figures are hidden by disclosure control (<5 = 1 to 4; * = hidden so a small number cannot be worked out)."
				}
			}
		}
	}
	return n
}

// commentary places the generated paragraph and the officer's commentary of a section.
func (r *builder) commentary(key string) {
	for _, p := range strings.Split(r.gen[key], "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			r.f.para(p, body, 0, 2)
		}
	}
	if r.gen[key] != "" {
		r.f.space(0.5)
	}
	r.officer(key)
}

func (r *builder) officer(key string) {
	c := strings.TrimSpace(r.in.Commentary[key])
	if c == "" {
		return
	}
	r.f.ensure(20)
	r.f.para("Officer commentary", h3, 0, 0.5)
	for _, bl := range narrative.Blocks(c) {
		if strings.HasPrefix(bl, "- ") {
			r.f.bullet(strings.TrimPrefix(bl, "- "), officer, "•", officer)
		} else {
			r.f.para(bl, officer, 0, 1.5)
		}
	}
	r.f.space(2)
}
