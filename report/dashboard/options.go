package dashboard

import (
	"fmt"
	"math"
	"strconv"

	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/disclosure"
	"github.com/yjsreport/yjsreport/report/format"
)

// The ECharts option is built from Go structs rather than go-echarts: every string in it
// comes from the data (series and category names can be anything a case system exports), so
// the option is marshalled by encoding/json with HTML escaping on and parsed by the page with
// JSON.parse. Nothing in it is ever JavaScript code: the only functions (the tooltip
// formatter and the interval whiskers) live in the page's own script and escape what they
// print. See LIBRARY-NOTES §4 for why go-echarts' renderer cannot be used as it is.

// palette is the UK Government Analysis Function's categorical palette (colour-blind safe in
// this order), so the dashboard matches the PDF and other public-sector charts.
var palette = [...]string{"#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"}

// seriesColor returns the colour of the i-th series.
func seriesColor(i int) string { return palette[i%len(palette)] }

// chartJSON is one chart as handed to the page: the element to draw in and the option.
type chartJSON struct {
	El     string `json:"el"`
	Option option `json:"option"`
}

type option struct {
	Title     *title    `json:"title,omitempty"`
	Animation bool      `json:"animation"`
	Color     []string  `json:"color"`
	Aria      aria      `json:"aria"`
	Tooltip   tooltip   `json:"tooltip"`
	Legend    legend    `json:"legend"`
	Grid      grid      `json:"grid"`
	XAxis     axis      `json:"xAxis"`
	YAxis     axis      `json:"yAxis"`
	Series    []series  `json:"series"`
	TextStyle textStyle `json:"textStyle"`
}

// title is only used for a fixed notice ("all figures hidden"), never for data.
type title struct {
	Text      string         `json:"text"`
	Left      string         `json:"left"`
	Top       string         `json:"top"`
	TextStyle titleTextStyle `json:"textStyle"`
}

type titleTextStyle struct {
	FontSize   int    `json:"fontSize"`
	FontWeight string `json:"fontWeight"`
	Color      string `json:"color"`
}

type aria struct {
	Enabled bool `json:"enabled"`
}

type textStyle struct {
	FontFamily string `json:"fontFamily"`
}

// tooltip has no formatter here: the page sets its own escaping formatter.
type tooltip struct {
	Trigger     string      `json:"trigger"`
	Confine     bool        `json:"confine"`
	AxisPointer axisPointer `json:"axisPointer"`
}

type axisPointer struct {
	Type string `json:"type"`
}

type legend struct {
	Show bool     `json:"show"`
	Type string   `json:"type"`
	Top  int      `json:"top"`
	Left int      `json:"left"`
	Data []string `json:"data"`
}

type grid struct {
	Left         int  `json:"left"`
	Right        int  `json:"right"`
	Top          int  `json:"top"`
	Bottom       int  `json:"bottom"`
	ContainLabel bool `json:"containLabel"`
}

type axis struct {
	Type          string         `json:"type"`
	Data          []string       `json:"data,omitempty"`
	Name          string         `json:"name,omitempty"`
	NameLocation  string         `json:"nameLocation,omitempty"`
	NameGap       int            `json:"nameGap,omitempty"`
	NameTextStyle *nameTextStyle `json:"nameTextStyle,omitempty"`
	Min           *float64       `json:"min,omitempty"`
	MinInterval   float64        `json:"minInterval,omitempty"`
	Max           *float64       `json:"max,omitempty"`
	AxisLabel     axisLabel      `json:"axisLabel"`
}

type nameTextStyle struct {
	Align string `json:"align,omitempty"`
	Color string `json:"color,omitempty"`
}

// axisLabel.Formatter is only ever the constant template "{value}%".
type axisLabel struct {
	Formatter   string `json:"formatter,omitempty"`
	Interval    *int   `json:"interval,omitempty"`
	Width       int    `json:"width,omitempty"`
	Overflow    string `json:"overflow,omitempty"`
	LineHeight  int    `json:"lineHeight,omitempty"`
	HideOverlap bool   `json:"hideOverlap,omitempty"`
}

type series struct {
	ID           string     `json:"id"`
	Name         string     `json:"name"`
	Type         string     `json:"type"`
	Stack        string     `json:"stack,omitempty"`
	Data         []any      `json:"data"`
	Z            int        `json:"z,omitempty"`
	Silent       bool       `json:"silent,omitempty"`
	Symbol       string     `json:"symbol,omitempty"`
	SymbolSize   int        `json:"symbolSize,omitempty"`
	ConnectNulls bool       `json:"connectNulls,omitempty"`
	BarMaxWidth  int        `json:"barMaxWidth,omitempty"`
	BarGap       string     `json:"barGap,omitempty"`
	BarCatGap    string     `json:"barCategoryGap,omitempty"`
	LineStyle    *lineStyle `json:"lineStyle,omitempty"`
	AreaStyle    *areaStyle `json:"areaStyle,omitempty"`
	ItemStyle    *itemStyle `json:"itemStyle,omitempty"`
	MarkLine     *markLine  `json:"markLine,omitempty"`
	Tooltip      *showOnly  `json:"tooltip,omitempty"`
	Emphasis     *emphasis  `json:"emphasis,omitempty"`
	Encode       *encode    `json:"encode,omitempty"`
	// Whisker marks a custom series of 95% interval whiskers drawn over bar series number
	// Whisker-1 (1-based so that 0 is left out); the page supplies its renderItem.
	Whisker int `json:"yjsWhisker,omitempty"`
	// Bars is the number of bar series in the chart, for placing whiskers over grouped bars.
	Bars int `json:"yjsBars,omitempty"`
}

// encode maps a custom series' data columns to axes: [category, lower, upper].
type encode struct {
	X int   `json:"x"`
	Y []int `json:"y"`
}

type showOnly struct {
	Show bool `json:"show"`
}

type emphasis struct {
	Disabled bool `json:"disabled"`
}

type lineStyle struct {
	Width   *float64 `json:"width,omitempty"`
	Type    string   `json:"type,omitempty"`
	Color   string   `json:"color,omitempty"`
	Opacity *float64 `json:"opacity,omitempty"`
}

type areaStyle struct {
	Color   string  `json:"color"`
	Opacity float64 `json:"opacity"`
}

type itemStyle struct {
	Color       string   `json:"color,omitempty"`
	Opacity     *float64 `json:"opacity,omitempty"`
	BorderColor string   `json:"borderColor,omitempty"`
	BorderWidth float64  `json:"borderWidth,omitempty"`
	BorderType  string   `json:"borderType,omitempty"`
}

type markLine struct {
	Silent    bool           `json:"silent"`
	Symbol    string         `json:"symbol"`
	LineStyle lineStyle      `json:"lineStyle"`
	Label     label          `json:"label"`
	Data      []markLineItem `json:"data"`
}

type markLineItem struct {
	Name  string  `json:"name"`
	YAxis float64 `json:"yAxis"`
}

// label.Formatter is only ever a constant: "{b}" (the item's own name) or "<5"/"suppressed".
type label struct {
	Show          bool   `json:"show"`
	Position      string `json:"position,omitempty"`
	Rotate        int    `json:"rotate,omitempty"`
	Align         string `json:"align,omitempty"`
	VerticalAlign string `json:"verticalAlign,omitempty"`
	Distance      int    `json:"distance,omitempty"`
	Formatter     string `json:"formatter,omitempty"`
	Color         string `json:"color,omitempty"`
	FontSize      int    `json:"fontSize,omitempty"`
}

// point is one data item. Value is a number or "-" (ECharts' empty value). Txt, N and CI are
// the texts the tooltip shows, already formatted; a suppressed point carries no number at all.
type point struct {
	Value     any        `json:"value"`
	Txt       string     `json:"txt"`
	N         string     `json:"n,omitempty"`
	CI        string     `json:"ci,omitempty"`
	Prov      bool       `json:"prov,omitempty"`
	Sup       bool       `json:"sup,omitempty"`
	Symbol    string     `json:"symbol,omitempty"`
	SymbolSz  int        `json:"symbolSize,omitempty"`
	ItemStyle *itemStyle `json:"itemStyle,omitempty"`
	Label     *label     `json:"label,omitempty"`
}

// empty is ECharts' marker for a missing value (a gap in a line, no bar).
const empty = "-"

// cell is one value of a Spec resolved for display: the number (when shown), its texts, and
// whether disclosure control hid it.
type cell struct {
	show       bool // a number may be drawn
	v          float64
	txt, n, ci string
	prov, sup  bool
	lo, hi     float64
	hasCI      bool
}

// resolve reads value i of series s, applying disclosure control: a value marked Suppressed
// yields no number, n or interval, whatever the Spec holds, so the hidden figure cannot be
// read from the page's source. On a Spec that went through chart.ApplyDisclosure every n is
// printed with disclosure.Count ("<5" for 1–4).
func resolve(sp *chart.Spec, s *chart.Series, i int) cell {
	var c cell
	if i < len(s.Provisional) {
		c.prov = s.Provisional[i]
	}
	if i < len(s.Suppressed) && s.Suppressed[i] {
		c.sup = true
		c.txt = suppressedText(sp, s, i)
		return c
	}
	if i < len(s.N) {
		c.n = format.Count(s.N[i])
		if sp.Disclosed && disclosure.IsSmall(s.N[i]) {
			c.n = disclosure.Small
		}
		if sp.Percent && sp.Unit != "" {
			c.n += " " + sp.Unit
		}
	}
	if i < len(s.Labels) && s.Labels[i] != "" {
		c.txt = s.Labels[i]
		return c
	}
	if i >= len(s.Values) || s.Values[i] == nil || math.IsNaN(*s.Values[i]) || math.IsInf(*s.Values[i], 0) {
		c.txt = format.NA
		return c
	}
	c.show, c.v = true, *s.Values[i]
	c.txt = chart.ValueText(sp, c.v)
	if i < len(s.Lower) && i < len(s.Upper) && s.Lower[i] != nil && s.Upper[i] != nil {
		c.hasCI, c.lo, c.hi = true, *s.Lower[i], *s.Upper[i]
		c.ci = format.Interval(c.lo, c.hi, sp.Percent)
	}
	return c
}

// suppressedText is the Spec's own label for a hidden point ("<5", "*", "suppressed"), else
// "<5" for a plain count (SPEC §6: counts 1–4 are shown as <5) and "suppressed" for a rate.
func suppressedText(sp *chart.Spec, s *chart.Series, i int) string {
	if i < len(s.Labels) && s.Labels[i] != "" {
		return s.Labels[i]
	}
	if !sp.Percent && s.N == nil && s.Num == nil {
		return disclosure.Small
	}
	return disclosure.Suppressed
}

// hasSuppressed reports whether any value of the Spec is hidden by disclosure control.
func hasSuppressed(sp *chart.Spec) bool {
	for _, s := range sp.Series {
		for _, b := range s.Suppressed {
			if b {
				return true
			}
		}
	}
	return false
}

// hasProvisional reports whether any value of the Spec is provisional.
func hasProvisional(sp *chart.Spec) bool {
	for _, s := range sp.Series {
		for _, b := range s.Provisional {
			if b {
				return true
			}
		}
	}
	return false
}

func f64(v float64) *float64 { return &v }

// buildOption turns a Spec into an ECharts option.
func buildOption(sp *chart.Spec) option {
	stacked := sp.Kind == chart.StackedBar
	isLine := sp.Kind == chart.Line
	o := option{
		Animation: true,
		Aria:      aria{Enabled: true},
		TextStyle: textStyle{FontFamily: fontStack},
		Tooltip:   tooltip{Trigger: "axis", Confine: true, AxisPointer: axisPointer{Type: "shadow"}},
		// A legend only when there is more than one series to tell apart (or to toggle).
		Legend: legend{Show: len(sp.Series) > 1, Type: "scroll", Top: 0, Left: 0},
		Grid:   grid{Left: 12, Right: 28, Top: 34, Bottom: 8, ContainLabel: true},
		XAxis: axis{
			Type: "category", Data: nonNil(sp.Categories),
			Name: sp.XLabel, NameLocation: "middle", NameGap: 46,
			// Long category names (localities, "2018/19 Q3") wrap instead of being dropped or
			// running into each other; the page sets the width from the chart's real size.
			AxisLabel: axisLabel{Interval: new(int), Width: labelWidth(len(sp.Categories)), Overflow: "break", LineHeight: 14},
		},
		YAxis: axis{
			Type: "value", Name: sp.YLabel, NameLocation: "end", NameGap: 14,
			NameTextStyle: &nameTextStyle{Align: "left", Color: "#505a5f"},
			AxisLabel:     axisLabel{HideOverlap: true},
		},
	}
	if o.Legend.Show {
		o.Grid.Top = 62 // the legend's row above the y-axis name
	}
	if sp.XLabel != "" {
		// Room for the axis name under the category labels: the page sets nameGap to just
		// below the labels' last line (the name's top), and the name is about 16 px high.
		o.Grid.Bottom = 26
	}
	if isLine {
		o.Tooltip.AxisPointer.Type = "line"
	}
	if sp.Percent {
		o.YAxis.AxisLabel.Formatter = "{value}%"
		o.YAxis.Min = f64(0)
	} else if sp.Decimals == 0 && sp.AllWhole() {
		o.YAxis.MinInterval = 1 // counts: no 0.2, 0.4 … ticks
	}
	if stacked && sp.Percent {
		o.YAxis.Max = f64(100)
	}

	nBars := 0
	if !isLine {
		nBars = len(sp.Series)
	}
	var bands, whiskers []series
	dataMax := math.Inf(-1)
	shown := 0
	for si := range sp.Series {
		s := &sp.Series[si]
		col := seriesColor(si)
		o.Color = append(o.Color, col)
		o.Legend.Data = append(o.Legend.Data, s.Name)
		main := series{ID: "s" + strconv.Itoa(si), Name: s.Name, Z: 3}
		var lows, widths []any
		var whisk []any
		hasBand := false
		for i := range sp.Categories {
			c := resolve(sp, s, i)
			p := point{Value: empty, Txt: c.txt, N: c.n, CI: c.ci, Prov: c.prov, Sup: c.sup}
			if c.show && !sp.Percent && sp.Unit != "" {
				p.Txt += " " + sp.Unit // "312.5 per 100,000 aged 10–17", "15 children"
			}
			if c.show {
				shown++
				p.Value = plotValue(c.v, sp.Percent)
				dataMax = math.Max(dataMax, p.Value.(float64))
			}
			if c.hasCI {
				dataMax = math.Max(dataMax, plotValue(c.hi, sp.Percent))
			}
			switch {
			case isLine:
				if c.prov {
					// Hollow points for provisional values, as in the PDF.
					p.Symbol, p.SymbolSz = "emptyCircle", 9
				}
			case c.sup && !stacked:
				// A zero-height bar carrying the "<5"/"suppressed" label, so the gap reads
				// as hidden rather than as zero or missing. Long labels stand upright so those
				// of grouped bars do not run into each other.
				p.Value = 0
				p.Label = &label{Show: true, Position: "top", Formatter: c.txt, Color: "#505a5f", FontSize: 11}
				if len(sp.Series) > 1 && len(c.txt) > 2 {
					p.Label.Position, p.Label.Rotate, p.Label.Align, p.Label.VerticalAlign, p.Label.Distance =
						"insideBottom", 90, "left", "middle", 4
				}
			case c.prov:
				p.ItemStyle = &itemStyle{Opacity: f64(0.45), BorderColor: col, BorderWidth: 1.5, BorderType: "dashed"}
			}
			main.Data = append(main.Data, p)

			lo, w := any(empty), any(empty)
			if c.hasCI {
				hasBand = true
				lo = plotValue(c.lo, sp.Percent)
				w = plotValue(c.hi, sp.Percent) - plotValue(c.lo, sp.Percent)
				whisk = append(whisk, []float64{float64(i), plotValue(c.lo, sp.Percent), plotValue(c.hi, sp.Percent)})
			}
			lows, widths = append(lows, lo), append(widths, w)
		}
		if isLine {
			main.Type = "line"
			main.Symbol, main.SymbolSize = "circle", 7
			main.LineStyle = &lineStyle{Width: f64(2.5)}
			if hasBand {
				// The 95% band: an invisible lower line with the band's width stacked on top
				// and filled. Same name as the series, so the legend toggles both.
				stack := "band" + strconv.Itoa(si)
				bands = append(bands,
					series{ID: "band-lo-" + strconv.Itoa(si), Name: s.Name, Type: "line", Stack: stack,
						Data: lows, Symbol: "none", Silent: true, Z: 1,
						LineStyle: &lineStyle{Opacity: f64(0)}, Tooltip: &showOnly{}, Emphasis: &emphasis{Disabled: true}},
					series{ID: "band-w-" + strconv.Itoa(si), Name: s.Name, Type: "line", Stack: stack,
						Data: widths, Symbol: "none", Silent: true, Z: 1,
						LineStyle: &lineStyle{Opacity: f64(0)}, AreaStyle: &areaStyle{Color: col, Opacity: 0.15},
						Tooltip: &showOnly{}, Emphasis: &emphasis{Disabled: true}})
			}
		} else {
			main.Type = "bar"
			main.BarMaxWidth = 56
			main.BarGap, main.BarCatGap = "30%", "20%"
			if stacked {
				main.Stack = s.Stack
				if main.Stack == "" {
					main.Stack = "all"
				}
			} else if hasBand {
				whiskers = append(whiskers, series{ID: "band-wh-" + strconv.Itoa(si), Name: s.Name, Type: "custom",
					Data: whisk, Silent: true, Z: 4, Whisker: si + 1, Bars: nBars,
					Encode:    &encode{X: 0, Y: []int{1, 2}},
					ItemStyle: &itemStyle{Color: "#0b0c0c"}, Tooltip: &showOnly{}})
			}
		}
		o.Series = append(o.Series, main)
	}
	o.Series = append(o.Series, bands...)
	o.Series = append(o.Series, whiskers...)
	if shown == 0 {
		msg := "No figures for this chart"
		if hasSuppressed(sp) {
			msg = "All figures in this chart are hidden by disclosure control"
		}
		o.Title = &title{Text: msg, Left: "center", Top: "middle",
			TextStyle: titleTextStyle{FontSize: 14, FontWeight: "normal", Color: "#505a5f"}}
	}

	if sp.Target != nil && len(o.Series) > 0 {
		t := plotValue(*sp.Target, sp.Percent)
		o.Series[0].MarkLine = &markLine{
			Silent: true, Symbol: "none",
			LineStyle: lineStyle{Type: "dashed", Color: "#d4351c", Width: f64(2)},
			// The label is the item's own name ("{b}"), never a template built from data.
			Label: label{Show: true, Position: "insideEndTop", Formatter: "{b}", Color: "#d4351c"},
			Data:  []markLineItem{{Name: targetText(sp), YAxis: t}},
		}
		// ECharts does not stretch the axis to a mark line; do it so the target shows.
		if o.YAxis.Max == nil && (math.IsInf(dataMax, -1) || t > dataMax*0.95) {
			o.YAxis.Max = f64(niceCeil(t * 1.1))
		}
	}
	return o
}

// targetText is the target line's label.
func targetText(sp *chart.Spec) string {
	if sp.TargetText != "" {
		return sp.TargetText
	}
	return "Target " + chart.ValueText(sp, *sp.Target)
}

// labelWidth is the width in pixels an x-axis label may take before it wraps, so labels of
// many categories do not run into each other on a half-width chart at a 1366 px screen.
func labelWidth(n int) int {
	switch {
	case n <= 4:
		return 120
	case n <= 6:
		return 80
	default:
		return 60
	}
}

// niceCeil rounds v up to 1, 2, 2.5 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= v-1e-9 {
			return m * p
		}
	}
	return 10 * p
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// validateSpec checks the shape of a Spec: every per-category slice must match the
// categories, so a mistake in chart.Build shows as an error, not as a shifted chart.
func validateSpec(sp *chart.Spec) error {
	switch sp.Kind {
	case chart.Bar, chart.StackedBar, chart.Line, chart.Diverging:
	default:
		return fmt.Errorf("chart %q: unknown kind %q", sp.ID, sp.Kind)
	}
	n := len(sp.Categories)
	for _, s := range sp.Series {
		if len(s.Values) != n {
			return fmt.Errorf("chart %q: series %q has %d values for %d categories", sp.ID, s.Name, len(s.Values), n)
		}
		// The optional slices are either absent or one entry per category.
		for _, l := range []struct {
			name string
			len  int
		}{{"n", len(s.N)}, {"lower", len(s.Lower)}, {"upper", len(s.Upper)},
			{"provisional", len(s.Provisional)}, {"suppressed", len(s.Suppressed)}} {
			if l.len != 0 && l.len != n {
				return fmt.Errorf("chart %q: series %q has %d %s for %d categories", sp.ID, s.Name, l.len, l.name, n)
			}
		}
	}
	return nil
}
