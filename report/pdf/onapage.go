package pdf

import (
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart"
	chartpng "github.com/yjsreport/yjsreport/report/chart/png"
	"github.com/yjsreport/yjsreport/report/disclosure"
	"github.com/yjsreport/yjsreport/report/format"
)

// Performance on a page: three tiles a row, so that all the headlines of SPEC §4.9 fit on
// one page. Each tile is a grid of cells of the same background: the name and the RAG word;
// the figure with its numbers and the sparkline; then target, changes and comparators.
const (
	tilesPerRow = 3
	tileW       = 19 // grid units (3 mm): 57 mm
	tileGap     = 1
	tileLabelW  = 13
	tileBadgeW  = tileW - tileLabelW
	tileValueW  = 10
	tileSparkW  = tileW - tileValueW
	tileSparkH  = 13.0 // mm
)

// sparkSize is the printed size of a tile's sparkline: its cell, less a margin.
var sparkSize = chartpng.Size{W: float64(tileSparkW)*unitW - 1.5, H: tileSparkH - 1}

var (
	tileLabel  = style{size: 7.5, font: fontstyle.Bold, color: ink}
	tileBig    = style{size: 15, font: fontstyle.Bold, color: navy}
	tileDetail = style{size: 7, font: fontstyle.Normal, color: softInk}
	tileText   = style{size: 7, font: fontstyle.Normal, color: ink}
)

// TileNote is the line under the heading of performance on a page.
const TileNote = "Each tile: the latest figure with its numbers; RAG against the board's target; the last 8 quarters (latest point marked, target dashed); the change on the previous quarter and a year earlier (▲ up, ▼ down: within normal variation unless marked significant); published comparators for the same period."

func (r *builder) onAPage() {
	r.heading(TitleOnAPage)
	r.partialBanner()
	r.f.para(TileNote, note, 0, 1.5)
	hs := r.in.Ind.Headlines
	if len(hs) == 0 {
		r.f.para("No headline indicators could be calculated.", body, 0, 2)
		return
	}
	for i := 0; i < len(hs); i += tilesPerRow {
		r.tileRow(hs[i:min(i+tilesPerRow, len(hs))])
	}
}

// tileContent is what one tile says, wrapped to its cells.
type tileContent struct {
	h      *report.Headline
	label  []string
	rag    *string
	badge  string
	target string // "≥ 80.0%", under the RAG word
	value  string
	detail []string
	lines  []string
	spark  []byte
}

func (r *builder) tile(h *report.Headline) tileContent {
	f := r.f
	labelW := float64(tileLabelW)*unitW - 2*cellPad
	name := chart.ShortLabel(h.Indicator)
	if name == "" {
		name = h.Label
	}
	// A reoffending cohort is not the reporting quarter: the tile's name says which it is.
	label := f.meas.truncate(f.meas.wrap(name, tileLabel.font, tileLabel.size, labelW), 2, tileLabel.font, tileLabel.size, labelW)
	if h.Period != "" && h.Period != r.in.Ind.Quarter.Label {
		label = append(label[:1], periodLabel(h))
	}
	tc := tileContent{h: h, label: label}
	t := r.tileTarget(h)
	if t != nil {
		tc.rag = t.RAG
		tc.target = r.scoreTarget(h)
	}
	tc.badge = ragWord(tc.rag)
	if t != nil && tc.rag == nil {
		tc.badge = "NO VALUE"
	}
	if h.MissingExtract != "" {
		tc.badge = "NO EXTRACT"
	}
	tc.value = r.headlineValue(h)
	valueW := float64(tileValueW)*unitW - 2*cellPad
	tc.detail = f.meas.truncate(f.meas.wrap(r.tileDetail(h), tileDetail.font, tileDetail.size, valueW), 2, tileDetail.font, tileDetail.size, valueW)
	lineW := float64(tileW)*unitW - 2*cellPad
	add := func(most int, variants ...string) {
		// The first variant that fits on one line, else the last wrapped to most lines.
		for _, s := range variants {
			if l := f.meas.wrap(s, tileText.font, tileText.size, lineW); len(l) == 1 {
				tc.lines = append(tc.lines, l...)
				return
			}
		}
		s := variants[len(variants)-1]
		tc.lines = append(tc.lines, f.meas.truncate(f.meas.wrap(s, tileText.font, tileText.size, lineW), most, tileText.font, tileText.size, lineW)...)
	}
	if h.MissingExtract == "" {
		when := "vs previous " + periodWord(h)
		add(2, r.tileChange(h, h.ChangePrevious, h.Previous, when, true), r.tileChange(h, h.ChangePrevious, h.Previous, when, false))
		add(2, r.tileChange(h, h.ChangeYearAgo, h.YearAgo, "vs a year earlier", true), r.tileChange(h, h.ChangeYearAgo, h.YearAgo, "vs a year earlier", false))
		tc.lines = append(tc.lines, r.itemLines(r.comparatorItems(h, false), tileText, lineW, 2)...)
	} else {
		add(2, "No "+h.MissingExtract+" extract was supplied: this figure cannot be calculated.")
	}
	if i, ok := r.sparkOf[h.Indicator]; ok {
		tc.spark = r.sparks[i]
	}
	return tc
}

// tileDetail is the line under a tile's figure: the numbers behind it.
func (r *builder) tileDetail(h *report.Headline) string {
	if h.MissingExtract != "" {
		return "no " + h.MissingExtract + " extract"
	}
	num, den := int(h.Current.Numerator), int(h.Current.Denominator)
	var s string
	switch h.Kind {
	case report.KindProportion:
		if den == 0 {
			s = "none to count"
		} else {
			s = r.hcount(h, num) + " of " + r.hcount(h, den)
		}
	case report.KindRatePer100k:
		if h.Current.Value == nil {
			s = "no population set"
		} else {
			s = "per 100,000; " + r.hcount(h, num) + " children"
		}
	default:
		s = r.hcount(h, num) + " reoffences, " + r.hcount(h, den) + " children"
	}
	return s
}

// tileChange is one change line of a tile: "▼ −10.9 pts vs previous cohort (41.7%): better",
// with ", significant" when a test says so; without the earlier figure unless withOther.
func (r *builder) tileChange(h *report.Headline, c *report.Change, other report.Point, when string, withOther bool) string {
	if c == nil || other.Value == nil {
		return "– " + when + ": n/a"
	}
	if r.pointHidden(h, other) || r.pointHidden(h, h.Current) {
		return "– " + when + ": suppressed"
	}
	if c.Direction == report.DirectionSame {
		return "= " + when + " (" + format.HeadlineFigure(h.Kind, *other.Value) + "): no change"
	}
	size := format.Change(h.Kind, c.Difference)
	arrow := format.Arrow(size)
	if arrow == "" {
		arrow = "="
	}
	s := arrow + " " + size + " " + when
	if withOther {
		s += " (" + format.HeadlineFigure(h.Kind, *other.Value) + ")"
	}
	s += ": " + c.Direction
	if c.Significant && h.Kind == report.KindProportion {
		s += ", significant"
	}
	return s
}

// comparatorsText lists the published comparators of a headline's latest figure:
// "England and Wales 34.2% · YOT family 41.0%", with our difference from each when diff is
// set and our figure may be shown (SPEC §6: a difference would give a hidden figure back).
func (r *builder) comparatorsText(h *report.Headline, diff bool) string {
	return strings.Join(r.comparatorItems(h, diff), " · ")
}

// comparatorItems are the comparators of comparatorsText, one string each.
func (r *builder) comparatorItems(h *report.Headline, diff bool) []string {
	var parts []string
	for _, c := range h.Current.Comparators {
		s := chart.Label(c.Comparator) + " " + format.HeadlineFigure(h.Kind, c.Value)
		if diff && c.Difference != nil && h.Current.Value != nil && !r.pointHidden(h, h.Current) {
			s += " (ours " + format.Change(h.Kind, *c.Difference) + ")"
		}
		parts = append(parts, s)
	}
	return parts
}

// itemLines sets items on lines of width w, " · " between items on a line, an item never
// split unless it is wider than a line; at most most lines, the last cut with an ellipsis.
func (r *builder) itemLines(items []string, st style, w float64, most int) []string {
	var lines []string
	line := ""
	for _, it := range items {
		try := it
		if line != "" {
			try = line + " · " + it
		}
		if line == "" || len(r.f.meas.wrap(try, st.font, st.size, w)) == 1 {
			line = try
			continue
		}
		lines = append(lines, line)
		line = it
	}
	if line != "" {
		lines = append(lines, line)
	}
	var out []string
	for _, l := range lines {
		out = append(out, r.f.meas.wrap(l, st.font, st.size, w)...)
	}
	return r.f.meas.truncate(out, most, st.font, st.size, w)
}

// tileRow places up to three tiles side by side.
func (r *builder) tileRow(hs []report.Headline) {
	f := r.f
	tiles := make([]tileContent, len(hs))
	nLabel, nDetail, nLines := 1, 1, 0
	for i := range hs {
		tiles[i] = r.tile(&hs[i])
		nLabel = max(nLabel, len(tiles[i].label))
		nDetail = max(nDetail, len(tiles[i].detail))
		nLines = max(nLines, len(tiles[i].lines))
	}
	labelH := float64(nLabel)*lineH(tileLabel.size) + 2*cellPad
	valueH := max(tileSparkH, lineH(tileBig.size)+float64(nDetail)*lineH(tileDetail.size)+1)
	linesH := float64(nLines)*lineH(tileText.size) + 1.2
	f.ensure(labelH + valueH + linesH + 2.5)

	bg := cellStyle(tileBG, border.None, nil)
	var row1, row2, row3 []core.Col
	for i := 0; i < tilesPerRow; i++ {
		if i > 0 {
			row1, row2, row3 = append(row1, col.New(tileGap)), append(row2, col.New(tileGap)), append(row3, col.New(tileGap))
		}
		if i >= len(tiles) {
			row1, row2, row3 = append(row1, col.New(tileW)), append(row2, col.New(tileW)), append(row3, col.New(tileW))
			continue
		}
		t := tiles[i]
		badge := col.New(tileBadgeW)
		top := labelH/2 - lineH(7.5)/2 + 0.2
		if t.target != "" {
			top = labelH/2 - lineH(7.5)/2 - lineH(7)/2
			badge.Add(text.New("target "+t.target, props.Text{Family: family, Size: 7, Color: ragInk(t.rag), Align: align.Center, Top: top + lineH(7.5)}))
		}
		badge.Add(text.New(t.badge, props.Text{Family: family, Style: fontstyle.Bold, Size: 7.5, Color: ragInk(t.rag), Align: align.Center, Top: top}))
		row1 = append(row1,
			linesCol(tileLabelW, t.label, tileLabel, cellPad, cellPad).WithStyle(bg),
			badge.WithStyle(cellStyle(ragColor(t.rag), border.None, nil)))
		big := tileBig
		if t.h.Current.Value == nil || strings.ContainsAny(t.value, "abcdefghijklmnopqrstuvwxyz") {
			big.size = 11 // a word ("suppressed", "no extract") in place of the figure
		}
		value := col.New(tileValueW).Add(text.New(t.value, big.props(0.6+lineH(tileBig.size)-lineH(big.size), cellPad, 0)))
		for j, l := range t.detail {
			value.Add(text.New(l, tileDetail.props(lineH(tileBig.size)+0.6+float64(j)*lineH(tileDetail.size), cellPad, 0)))
		}
		row2 = append(row2, value.WithStyle(bg), r.sparkCol(t.spark).WithStyle(bg))
		row3 = append(row3, linesCol(tileW, t.lines, tileText, 0.2, cellPad).WithStyle(bg))
	}
	row1 = append(row1, col.New(grid-tilesPerRow*tileW-(tilesPerRow-1)*tileGap))
	row2 = append(row2, col.New(grid-tilesPerRow*tileW-(tilesPerRow-1)*tileGap))
	row3 = append(row3, col.New(grid-tilesPerRow*tileW-(tilesPerRow-1)*tileGap))
	f.add(labelH, row1...)
	f.add(valueH, row2...)
	f.add(linesH, row3...)
	f.space(2.5)
}

// sparkCol is the cell of a tile's sparkline (empty when there is none to draw).
func (r *builder) sparkCol(png []byte) core.Col {
	c := col.New(tileSparkW)
	if png != nil {
		c.Add(imageComponent(png, props.Rect{Center: true, Percent: 100}))
	}
	return c
}

// scorecardNote explains the scorecard's columns.
const scorecardNote = "One row per headline indicator. Previous: the quarter before (the cohort before, for reoffending); a year ago: the same quarter a year earlier. Significant change: a two-sided test at the 5% level against either; rates per 100,000 and frequencies are not tested. Comparators: the published figure for the same period and, under it, our difference from it (ours minus theirs)."

// scorecard is every headline in one table: value with its numbers, 95% interval, target,
// RAG, previous and year-ago values, significance and comparators.
func (r *builder) scorecard() {
	hs := r.in.Ind.Headlines
	if len(hs) == 0 {
		return
	}
	r.f.endSection()
	r.heading(TitleScorecard)
	r.f.para(scorecardNote, note, 0, 2)
	// Comparators get a column each when there are at most three of them, else one column
	// listing all.
	var names []string
	seen := map[string]bool{}
	for i := range hs {
		for _, c := range hs[i].Current.Comparators {
			if !seen[c.Comparator] {
				seen[c.Comparator] = true
				names = append(names, c.Comparator)
			}
		}
	}
	cols := []column{{"Indicator", 11, align.Left}, {"Value and numbers", 6, align.Right},
		{"95% interval", 7, align.Right}, {"Target", 4, align.Right}, {"RAG", 4, align.Center},
		{"Previous", 5, align.Right}, {"A year ago", 5, align.Right}, {"Significant change", 6, align.Left}}
	perComparator := len(names) > 0 && len(names) <= 3
	switch {
	case perComparator:
		for _, n := range names {
			cols = append(cols, column{chart.Label(n), 1, align.Right})
		}
	case len(names) > 3:
		cols = append(cols, column{"Comparators", 12, align.Left})
	}
	t := table{cols: cols, small: true, maxLines: 6}
	for i := range hs {
		h := &hs[i]
		name := chart.ShortLabel(h.Indicator)
		if name == "" {
			name = h.Label
		}
		row := []tcell{{text: name, bold: true}}
		if h.MissingExtract != "" {
			row = append(row, num("no extract"), num("–"), num(r.scoreTarget(h)), tcell{text: "–"}, num("–"), num("–"), txt("–"))
			for range cols[len(row):] {
				row = append(row, num("–"))
			}
			t.rows = append(t.rows, row)
			continue
		}
		tr := r.tileTarget(h)
		var rag *string
		if tr != nil {
			rag = tr.RAG
		}
		ragCell := tcell{text: "–"}
		if rag != nil {
			ragCell = tcell{text: strings.ToUpper(*rag), bold: true, bg: ragColor(rag), fg: ragInk(rag)}
		}
		row = append(row, num(r.headlineValue(h)+"\n"+r.scoreNumber(h)), num(r.scoreInterval(h)), num(r.scoreTarget(h)), ragCell,
			num(r.pointValue(h, h.Previous)), num(r.pointValue(h, h.YearAgo)), txt(r.significance(h)))
		switch {
		case perComparator:
			for _, n := range names {
				row = append(row, num(r.comparatorCell(h, n)))
			}
		case len(names) > 3:
			row = append(row, txt(strings.ReplaceAll(r.comparatorsText(h, true), " · ", "\n")))
		}
		t.rows = append(t.rows, row)
	}
	// Every column as wide as its figures need; the indicator's name takes the rest, or,
	// with a list of comparators, the list does and the name has 9 units.
	if len(names) > 3 {
		last := len(t.cols) - 1
		r.f.fit(&t, last, 12)
		if d := 9 - t.cols[0].units; d > 0 {
			t.cols[0].units += d
			t.cols[last].units -= d
		}
	} else {
		r.f.fit(&t, 0, 8)
	}
	r.f.table(t)
	r.f.para(r.ragSummary(), body, 0, 2)
}

// scoreNumber is the scorecard's "Number" cell: the numbers behind the value.
func (r *builder) scoreNumber(h *report.Headline) string {
	num, den := int(h.Current.Numerator), int(h.Current.Denominator)
	switch h.Kind {
	case report.KindProportion:
		if den == 0 {
			return format.NA
		}
		return r.hcount(h, num) + " of " + r.hcount(h, den)
	case report.KindRatePer100k:
		return r.hcount(h, num) + " children"
	}
	return r.hcount(h, num) + " reoffences,\n" + r.hcount(h, den) + " children"
}

// scoreInterval is the Wilson 95% interval of a proportion, "" for other kinds.
func (r *builder) scoreInterval(h *report.Headline) string {
	if h.Kind != report.KindProportion || h.Current.CI95 == nil || h.Current.Value == nil {
		return "–"
	}
	if r.pointHidden(h, h.Current) {
		return disclosure.Suppressed
	}
	return format.Interval(h.Current.CI95[0], h.Current.CI95[1], true)
}

// scoreTarget is "≤ 35.0%" or "≥ 80.0%", "–" without a target.
func (r *builder) scoreTarget(h *report.Headline) string {
	t := r.tileTarget(h)
	if t == nil {
		return "–"
	}
	op := "≥ "
	if t.Better == report.Lower || (t.Better == "" && h.Better == report.Lower) {
		op = "≤ "
	}
	return op + format.HeadlineFigure(h.Kind, t.Target)
}

// pointValue is a previous or year-ago figure as the scorecard writes it.
func (r *builder) pointValue(h *report.Headline, p report.Point) string {
	switch {
	case p.Value == nil:
		return format.NA
	case r.pointHidden(h, p):
		return disclosure.Suppressed
	}
	return format.HeadlineFigure(h.Kind, *p.Value)
}

// significance says which changes a test finds significant: "worse than previous", "better
// than a year ago", "none", or that the measure is not tested.
func (r *builder) significance(h *report.Headline) string {
	if h.Kind != report.KindProportion {
		return "not tested"
	}
	var out []string
	for _, c := range []struct {
		ch    *report.Change
		other report.Point
		when  string
	}{{h.ChangePrevious, h.Previous, "previous"}, {h.ChangeYearAgo, h.YearAgo, "a year ago"}} {
		if c.ch == nil || c.ch.Test == "" {
			continue
		}
		if c.ch.Significant {
			if r.pointHidden(h, h.Current) || r.pointHidden(h, c.other) {
				out = append(out, c.ch.Direction+" than "+c.when+" (figures suppressed)")
			} else {
				out = append(out, c.ch.Direction+" than "+c.when)
			}
		}
	}
	if len(out) == 0 {
		if h.ChangePrevious == nil && h.ChangeYearAgo == nil {
			return "–"
		}
		return "none"
	}
	return strings.Join(out, "; ")
}

// comparatorCell is one comparator's figure for the headline's period, with our difference
// on a second line unless our figure is hidden.
func (r *builder) comparatorCell(h *report.Headline, name string) string {
	for _, c := range h.Current.Comparators {
		if c.Comparator != name {
			continue
		}
		s := format.HeadlineFigure(h.Kind, c.Value)
		if c.Difference != nil && h.Current.Value != nil && !r.pointHidden(h, h.Current) {
			s += "\n" + format.Change(h.Kind, *c.Difference)
		}
		return s
	}
	return "–"
}

// partialBanner says, on the first page after the cover, that the quarter is not over or
// that core extracts are missing (SPEC §2, §3.6).
func (r *builder) partialBanner() {
	for _, s := range r.partialNotes() {
		r.f.bullet(s, style{size: 9, font: fontstyle.Bold, color: ragRed}, "!", style{size: 9, font: fontstyle.Bold, color: ragRed})
	}
	if len(r.partialNotes()) > 0 {
		r.f.space(1.5)
	}
}

// partialNotes are the sentences about a part quarter and missing extracts, if any.
func (r *builder) partialNotes() []string {
	ind := r.in.Ind
	var out []string
	if ind.PartQuarter {
		out = append(out, "Part quarter: the figures cover "+longISO(ind.Quarter.Start)+" to "+r.in.AsOf.Long()+
			" only (data to "+r.in.AsOf.Long()+"); the quarter ends "+longISO(ind.Quarter.End)+", so counts are incomplete.")
	}
	if len(ind.MissingExtracts) > 0 {
		out = append(out, "Missing extracts: no "+format.List(ind.MissingExtracts)+" extract was supplied. Every figure that depends on one reads \"no extract\".")
	}
	return out
}
