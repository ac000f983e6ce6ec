package dashboard

import (
	"math"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart"
)

// Every chart is built with go-echarts' own types (charts.NewLine, NewBar, NewScatter,
// NewCustom, opts.*), and the option it produces (JSON() after Validate()) is marshalled by
// this package with encoding/json, HTML escaping on, into the page's own JSON block. Its
// renderer is never used: it writes option strings into a <script> unescaped and turns any
// "__f__" in data into code (LIBRARY-NOTES §4). Nothing here is ever JavaScript: no formatter
// or opts.FuncOpts is set, the page's fixed app.js owns every formatter, and every text that
// a tooltip or label prints travels beside the option (chartMeta.Tips), already formatted by
// package report/format and escaped by app.js when shown.

// palette is the UK Government Analysis Function's categorical palette (colour-blind safe in
// this order), so the dashboard matches the PDF and other public-sector charts.
var palette = [...]string{"#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"}

// seriesColor returns the colour of the i-th series of our own.
func seriesColor(i int) string { return palette[i%len(palette)] }

// ownColors is how many colours of the palette our own series may take (the most a chart
// has is 3, the ETE trend); published comparators take the rest, each the same colour in
// every chart and tile of the page.
const ownColors = 3

// comparatorColors gives each comparator named in rows a colour of its own, in the order
// they are first listed.
func comparatorColors(rows []report.ComparatorResult) map[string]string {
	out := map[string]string{}
	for _, c := range rows {
		if _, ok := out[c.Comparator]; !ok {
			out[c.Comparator] = palette[ownColors+len(out)%(len(palette)-ownColors)]
		}
	}
	return out
}

// colors assigns the series of a Spec their colours: ours from the start of the palette,
// comparators theirs.
func colors(sp *chart.Spec, comp map[string]string) []string {
	out := make([]string, len(sp.Series))
	own := 0
	for i, s := range sp.Series {
		if c, ok := comp[s.Name]; ok && s.Published {
			out[i] = c
			continue
		}
		out[i] = seriesColor(own)
		own++
	}
	return out
}

// Colours of marks that are not series.
const (
	targetColor = "#d4351c"
	mutedColor  = "#505a5f"
	inkColor    = "#0b0c0c"
)

// empty is ECharts' marker for a missing value (a gap in a line, no bar).
const empty = "-"

// chartJSON is one chart as handed to the page: the element to draw in, the ECharts option
// go-echarts built, and what the page's script needs besides.
type chartJSON struct {
	El     string         `json:"el"`
	Option map[string]any `json:"option"`
	Meta   chartMeta      `json:"meta"`
}

// chartMeta is what app.js needs to finish a chart: how to write axis values, the texts of
// every point (tooltips and the labels of hidden values) by series id, and which bar series
// each whisker series belongs to.
type chartMeta struct {
	Percent    bool             `json:"pct,omitempty"`
	Horizontal bool             `json:"horiz,omitempty"`
	Diverging  bool             `json:"div,omitempty"`
	Spark      bool             `json:"spark,omitempty"`
	Tips       map[string][]tip `json:"tips"`
	// Bars lists the ids of the bar series in drawing order, and Whiskers maps the id of a
	// whisker series to the bar series it sits on, so app.js can place them as ECharts
	// places grouped bars.
	Bars     []string          `json:"bars,omitempty"`
	Whiskers map[string]string `json:"whiskers,omitempty"`
}

// tip is one point's texts: the value as the report writes it ("30.8%", "<5", "n/a"), its n,
// its 95% interval, whether it is provisional, and whether disclosure control hid it.
type tip struct {
	T  string `json:"t"`
	N  string `json:"n,omitempty"`
	CI string `json:"ci,omitempty"`
	P  bool   `json:"p,omitempty"`
	S  bool   `json:"s,omitempty"`
}

// legendItem is one entry of a chart's legend, which the page writes as HTML (it wraps on a
// phone, and its buttons toggle the series) rather than in the canvas.
type legendItem struct {
	Name, Color, Mark string // Mark: "line", "bar" or "point"
}

// rect is what the chart kinds of go-echarts share here: the rectangular chart to set
// options on, and its option once built.
type rect interface {
	charts.Overlaper
	Validate()
	JSON() map[string]interface{}
}

// built is a chart under construction.
type built struct {
	sp     *chart.Spec
	colors []string
	meta   chartMeta
	// shown counts the points with a number drawn; dataMax is the largest value drawn.
	shown   int
	dataMax float64
}

func (b *built) tips(id string, s *chart.Series) []tip {
	out := make([]tip, len(b.sp.Categories))
	for i := range b.sp.Categories {
		c := resolve(b.sp, s, i)
		t := tip{T: c.txt, N: c.n, CI: c.ci, P: c.prov, S: c.sup}
		if c.show && !b.sp.Percent && b.sp.Unit != "" && !s.Published {
			t.T += " " + b.sp.Unit // "312.5 per 100,000 aged 10–17", "15 children"
		}
		if s.Published && c.show {
			t.T += " (published)"
		}
		out[i] = t
	}
	b.meta.Tips[id] = out
	return out
}

// value is the position of point i of s on the value axis, or empty.
func (b *built) value(s *chart.Series, i int) any {
	c := resolve(b.sp, s, i)
	if !c.show {
		return empty
	}
	v := plotValue(c.v, b.sp.Percent)
	b.shown++
	b.dataMax = math.Max(b.dataMax, v)
	if c.hasCI {
		b.dataMax = math.Max(b.dataMax, plotValue(c.hi, b.sp.Percent))
	}
	if s.Negative {
		return -v
	}
	return v
}

// buildChart turns a Spec into a go-echarts chart and returns its option with the texts
// app.js needs, its legend, and a notice when it has nothing to draw.
func buildChart(sp *chart.Spec, el string, comp map[string]string) (chartJSON, []legendItem, string) {
	b := &built{sp: sp, colors: colors(sp, comp), dataMax: math.Inf(-1), meta: chartMeta{
		Percent: sp.Percent, Horizontal: sp.Horizontal || sp.Kind == chart.Diverging,
		Diverging: sp.Kind == chart.Diverging, Tips: map[string][]tip{},
	}}
	var c rect
	var legend []legendItem
	if sp.Kind == chart.Line {
		c, legend = b.line()
	} else {
		c, legend = b.bars()
	}
	c.Validate()
	if len(sp.Series) < 2 {
		legend = nil // one series needs no key: the chart's title names it
	}
	return chartJSON{El: el, Option: c.JSON(), Meta: b.meta}, legend, b.notice()
}

// global sets the options every chart shares.
func (b *built) global(rc *charts.RectChart, catAxis, valAxis any) {
	sp := b.sp
	pointer := "shadow"
	if sp.Kind == chart.Line {
		pointer = "line"
	}
	rc.SetGlobalOptions(
		charts.WithColorsOpts(b.colors),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
		// The legend is the page's own HTML; ECharts keeps one hidden so that the page's
		// buttons can toggle series through it.
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis",
			AxisPointer: &opts.AxisPointer{Type: pointer}}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "28", Top: "22", Bottom: "8", ContainLabel: opts.Bool(true)}),
	)
	if b.meta.Horizontal {
		rc.SetGlobalOptions(
			charts.WithXAxisOpts(valAxis.(opts.XAxis)),
			charts.WithYAxisOpts(catAxis.(opts.YAxis)),
		)
	} else {
		rc.SetGlobalOptions(
			charts.WithXAxisOpts(catAxis.(opts.XAxis)),
			charts.WithYAxisOpts(valAxis.(opts.YAxis)),
		)
	}
}

// categoryLabel is the category axis' labels, wrapped at spaces: app.js sets the width from
// the chart's real size (never less than the longest word), shows every label (interval 0)
// and sets their line height. Those two go-echarts types as strings, which ECharts does not
// read as numbers ("14" + "14" made a label 1,414 px high).
func categoryLabel() *opts.AxisLabel {
	return &opts.AxisLabel{Show: opts.Bool(true), Overflow: "break"}
}

// axes returns the category and value axes of the Spec, as the x/y types go-echarts wants
// for its orientation.
func (b *built) axes() (catAxis, valAxis any) {
	sp := b.sp
	valueLabel := &opts.AxisLabel{Show: opts.Bool(true), HideOverlap: opts.Bool(true)}
	var min, max any
	var minInterval float64
	switch {
	case sp.Kind == chart.Diverging:
		// Shares of the answers to each side of zero: the whole of each side is 100%.
		min, max = -100.0, 100.0
	case sp.Percent:
		min = 0.0
		if sp.Kind == chart.StackedBar || b.shown == 0 {
			max = 100.0 // a whole, or an empty chart's axis that says "percent" plainly
		}
	case sp.Decimals == 0 && sp.AllWhole():
		minInterval = 1 // counts: no 0.2, 0.4 … ticks
	}
	if b.meta.Horizontal {
		return opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLabel: categoryLabel()},
			opts.XAxis{Type: "value", Min: min, Max: max, MinInterval: minInterval, AxisLabel: valueLabel}
	}
	return opts.XAxis{Type: "category", AxisLabel: categoryLabel()},
		opts.YAxis{Type: "value", Min: min, Max: max, MinInterval: minInterval, AxisLabel: valueLabel}
}

// stretch makes the value axis reach the target line: ECharts does not stretch an axis to a
// mark line.
func (b *built) stretch(valAxis any, target float64) any {
	if b.sp.Kind == chart.Diverging || (b.sp.Percent && b.sp.Kind == chart.StackedBar) {
		return valAxis
	}
	if !math.IsInf(b.dataMax, -1) && target <= b.dataMax*0.95 {
		return valAxis
	}
	top := niceCeil(target * 1.1)
	switch a := valAxis.(type) {
	case opts.YAxis:
		a.Max = top
		return a
	case opts.XAxis:
		a.Max = top
		return a
	}
	return valAxis
}

// targetLine is the Spec's target as a dashed mark line on a series, labelled with its text
// (the page's script writes the label from the item's own name).
func (b *built) targetLine() []charts.SeriesOpts {
	sp := b.sp
	if sp.Target == nil {
		return nil
	}
	t := plotValue(*sp.Target, sp.Percent)
	name := sp.TargetText
	if name == "" {
		name = "Target " + chart.ValueText(sp, *sp.Target)
	}
	style := charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
		Symbol:    []string{"none", "none"},
		Label:     &opts.Label{Show: opts.Bool(true), Position: "insideEndTop", Color: targetColor},
		LineStyle: &opts.LineStyle{Type: "dashed", Color: targetColor, Width: 2},
	})
	if b.meta.Horizontal {
		// A vertical line's label stands level above its top end, not along the line.
		style = charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
			Symbol:    []string{"none", "none"},
			Label:     &opts.Label{Show: opts.Bool(true), Position: "end", Color: targetColor},
			LineStyle: &opts.LineStyle{Type: "dashed", Color: targetColor, Width: 2},
		})
		return []charts.SeriesOpts{style, charts.WithMarkLineNameXAxisItemOpts(opts.MarkLineNameXAxisItem{Name: name, XAxis: t})}
	}
	return []charts.SeriesOpts{style, charts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{Name: name, YAxis: t})}
}

// notice is what the page says in place of a chart with no figure to draw, "" when it has
// one.
func (b *built) notice() string {
	if b.shown > 0 {
		return ""
	}
	if hasSuppressed(b.sp) {
		return "All figures in this chart are hidden by disclosure control; the table below says which."
	}
	return "No figures for this chart."
}

func seriesID(prefix string, i int) string { return prefix + strconv.Itoa(i) }

// line draws a Line Spec: a line per series with hollow provisional points, a shaded 95% band
// under a series with intervals, published comparators as diamonds, and the target.
func (b *built) line() (rect, []legendItem) {
	sp := b.sp
	c := charts.NewLine()
	c.SetXAxis(nonNil(sp.Categories))
	var legend []legendItem
	var points []*charts.Scatter
	var bands []*charts.Line
	first := true
	for si := range sp.Series {
		s := &sp.Series[si]
		col := b.colors[si]
		id := seriesID("s", si)
		b.tips(id, s)
		if s.Points {
			sc := charts.NewScatter()
			data := make([]opts.ScatterData, len(sp.Categories))
			for i := range sp.Categories {
				data[i] = opts.ScatterData{Value: b.value(s, i), Symbol: "diamond", SymbolSize: 11}
			}
			sc.AddSeries(s.Name, data, charts.WithSeriesId(id),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: col, BorderColor: "#ffffff", BorderWidth: 1}))
			points = append(points, sc)
			legend = append(legend, legendItem{Name: s.Name, Color: col, Mark: "point"})
			continue
		}
		data := make([]opts.LineData, len(sp.Categories))
		var lows, widths []opts.LineData
		hasBand := false
		for i := range sp.Categories {
			data[i] = opts.LineData{Value: b.value(s, i)}
			cl := resolve(sp, s, i)
			if cl.prov {
				// Hollow points for provisional values, as in the PDF.
				data[i].Symbol, data[i].SymbolSize = "emptyCircle", 9
			}
			lo, w := any(empty), any(empty)
			if cl.hasCI {
				hasBand = true
				l, h := plotValue(cl.lo, sp.Percent), plotValue(cl.hi, sp.Percent)
				lo, w = l, h-l
			}
			lows = append(lows, opts.LineData{Value: lo})
			widths = append(widths, opts.LineData{Value: w})
		}
		so := []charts.SeriesOpts{charts.WithSeriesId(id),
			charts.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 7, ShowSymbol: opts.Bool(true)}),
			charts.WithLineStyleOpts(opts.LineStyle{Width: 2.5, Color: col}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: col}),
		}
		if first {
			so = append(so, b.targetLine()...)
			first = false
		}
		c.AddSeries(s.Name, data, so...)
		legend = append(legend, legendItem{Name: s.Name, Color: col, Mark: "line"})
		if hasBand {
			// The 95% band: an invisible lower line with the band's width stacked on it and
			// filled. Same name as the series, so its legend button toggles both.
			band := charts.NewLine()
			stack := seriesID("band", si)
			band.AddSeries(s.Name, lows, charts.WithSeriesId("band-lo-"+strconv.Itoa(si)),
				charts.WithLineChartOpts(opts.LineChart{Stack: stack, Symbol: "none"}),
				charts.WithLineStyleOpts(opts.LineStyle{Opacity: opts.Float(0)}))
			band.AddSeries(s.Name, widths, charts.WithSeriesId("band-w-"+strconv.Itoa(si)),
				charts.WithLineChartOpts(opts.LineChart{Stack: stack, Symbol: "none"}),
				charts.WithLineStyleOpts(opts.LineStyle{Opacity: opts.Float(0)}),
				charts.WithAreaStyleOpts(opts.AreaStyle{Color: col, Opacity: opts.Float(0.15)}))
			bands = append(bands, band)
		}
	}
	for _, p := range points {
		c.Overlap(p)
	}
	for _, bd := range bands {
		c.Overlap(bd)
	}
	catAxis, valAxis := b.axes()
	if sp.Target != nil {
		valAxis = b.stretch(valAxis, plotValue(*sp.Target, sp.Percent))
	}
	b.global(&c.RectChart, catAxis, valAxis)
	return c, legend
}

// bars draws the bar kinds: grouped bars with 95% whiskers, stacked bars, horizontal bars and
// the diverging bar. A hidden value in a grouped bar is a zero-height bar labelled "<5" or
// "suppressed", so the gap reads as hidden rather than as zero.
func (b *built) bars() (rect, []legendItem) {
	sp := b.sp
	stacked := sp.Kind == chart.StackedBar || sp.Kind == chart.Diverging
	c := charts.NewBar()
	c.SetXAxis(nonNil(sp.Categories))
	if b.meta.Horizontal {
		c.XYReversal()
	}
	var legend []legendItem
	var whiskers []*charts.Custom
	b.meta.Whiskers = map[string]string{}
	first := true
	for si := range sp.Series {
		s := &sp.Series[si]
		col := b.colors[si]
		id := seriesID("s", si)
		b.tips(id, s)
		data := make([]opts.BarData, len(sp.Categories))
		var whisk []opts.CustomData
		for i := range sp.Categories {
			data[i] = opts.BarData{Value: b.value(s, i)}
			cl := resolve(sp, s, i)
			switch {
			case cl.sup && !stacked:
				data[i].Value = 0
				pos := "top"
				if b.meta.Horizontal {
					pos = "right"
				}
				// app.js stands the label on end when it is wider than its bar's room.
				data[i].Label = &opts.Label{Show: opts.Bool(true), Position: pos, Color: mutedColor, FontSize: 11}
			case cl.prov:
				data[i].ItemStyle = &opts.ItemStyle{Color: col, Opacity: opts.Float(0.45), BorderColor: col, BorderWidth: 1.5}
			}
			if cl.hasCI && !stacked {
				l, h := plotValue(cl.lo, sp.Percent), plotValue(cl.hi, sp.Percent)
				whisk = append(whisk, opts.CustomData{Value: []float64{float64(i), l, h}})
			}
		}
		so := []charts.SeriesOpts{charts.WithSeriesId(id),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: col}),
			charts.WithBarChartOpts(opts.BarChart{BarGap: "30%", BarCategoryGap: "20%"}),
			charts.WithSeriesOpts(func(ss *charts.SingleSeries) { ss.BarMaxWidth = "56" }),
		}
		if stacked {
			stack := s.Stack
			if stack == "" {
				stack = "all"
			}
			so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: stack, BarCategoryGap: "30%"}))
		}
		if first && sp.Kind != chart.Diverging {
			so = append(so, b.targetLine()...)
			first = false
		}
		c.AddSeries(s.Name, data, so...)
		b.meta.Bars = append(b.meta.Bars, id)
		legend = append(legend, legendItem{Name: s.Name, Color: col, Mark: "bar"})
		if len(whisk) > 0 {
			w := charts.NewCustom()
			wid := seriesID("band-wh-", si)
			enc := opts.Encode{X: 0, Y: []int{1, 2}}
			if b.meta.Horizontal {
				enc = opts.Encode{X: []int{1, 2}, Y: 0}
			}
			w.AddSeries(s.Name, whisk, charts.WithSeriesId(wid), charts.WithEncodeOpts(enc),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: inkColor}))
			b.meta.Whiskers[wid] = id
			whiskers = append(whiskers, w)
		}
	}
	for _, w := range whiskers {
		c.Overlap(w)
	}
	catAxis, valAxis := b.axes()
	if sp.Target != nil && sp.Kind != chart.Diverging {
		valAxis = b.stretch(valAxis, plotValue(*sp.Target, sp.Percent))
	}
	b.global(&c.RectChart, catAxis, valAxis)
	return c, legend
}

// buildSpark is a headline tile's sparkline: our series (the trend Spec's first) with the
// published comparators as diamonds and the target as a dashed line, no axes.
func buildSpark(sp *chart.Spec, el string, comp map[string]string) chartJSON {
	b := &built{sp: sp, colors: colors(sp, comp), dataMax: math.Inf(-1), meta: chartMeta{Percent: sp.Percent, Spark: true, Tips: map[string][]tip{}}}
	c := charts.NewLine()
	c.SetXAxis(nonNil(sp.Categories))
	for si := range sp.Series {
		s := &sp.Series[si]
		if si > 0 && !s.Points {
			continue // the sparkline is the headline's own series and its comparators
		}
		id := seriesID("s", si)
		b.tips(id, s)
		col := b.colors[si]
		if s.Points {
			sc := charts.NewScatter()
			data := make([]opts.ScatterData, len(sp.Categories))
			for i := range sp.Categories {
				data[i] = opts.ScatterData{Value: b.value(s, i), Symbol: "diamond", SymbolSize: 7}
			}
			sc.AddSeries(s.Name, data, charts.WithSeriesId(id), charts.WithItemStyleOpts(opts.ItemStyle{Color: col}))
			c.Overlap(sc)
			continue
		}
		data := make([]opts.LineData, len(sp.Categories))
		for i := range sp.Categories {
			data[i] = opts.LineData{Value: b.value(s, i)}
		}
		so := []charts.SeriesOpts{charts.WithSeriesId(id),
			charts.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 4, ShowSymbol: opts.Bool(true)}),
			charts.WithLineStyleOpts(opts.LineStyle{Width: 2, Color: col}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: col}),
		}
		if sp.Target != nil {
			so = append(so, charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
				Symbol:    []string{"none", "none"},
				Label:     &opts.Label{Show: opts.Bool(false)},
				LineStyle: &opts.LineStyle{Type: "dashed", Color: targetColor, Width: 1},
			}), charts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{
				Name: sp.TargetText, YAxis: plotValue(*sp.Target, sp.Percent)}))
		}
		c.AddSeries(s.Name, data, so...)
	}
	// The range follows the figures (and the target), not zero: a sparkline shows the shape.
	yMin, yMax := math.Inf(1), math.Inf(-1)
	for _, se := range sp.Series {
		for _, v := range se.Values {
			if v != nil {
				yMin, yMax = math.Min(yMin, plotValue(*v, sp.Percent)), math.Max(yMax, plotValue(*v, sp.Percent))
			}
		}
	}
	if sp.Target != nil {
		t := plotValue(*sp.Target, sp.Percent)
		yMin, yMax = math.Min(yMin, t), math.Max(yMax, t)
	}
	y := opts.YAxis{Type: "value", Show: opts.Bool(false), Scale: opts.Bool(true), AxisLabel: &opts.AxisLabel{Show: opts.Bool(false)}}
	if !math.IsInf(yMin, 1) {
		pad := math.Max((yMax-yMin)*0.15, 0.5)
		y.Min, y.Max = math.Max(0, yMin-pad), yMax+pad
	}
	c.SetGlobalOptions(
		charts.WithColorsOpts(b.colors),
		charts.WithAnimation(false),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", AxisPointer: &opts.AxisPointer{Type: "line"}}),
		charts.WithGridOpts(opts.Grid{Left: "6", Right: "6", Top: "6", Bottom: "6"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Show: opts.Bool(false), AxisLabel: &opts.AxisLabel{Show: opts.Bool(false)}}),
		charts.WithYAxisOpts(y),
	)
	c.Validate()
	return chartJSON{El: el, Option: c.JSON(), Meta: b.meta}
}
