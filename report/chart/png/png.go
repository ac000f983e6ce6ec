// Package png draws chart.Specs as PNG images for the PDF with gonum/plot, in one house style:
// the Go sans fonts (the PDF's, package report/pdf/fonts, whose sanitiser every string drawn
// goes through), the Okabe–Ito colour-blind-safe palette, a light horizontal grid, axis
// labels with units, n under each category or bar, dashed target lines with their label,
// provisional points hollow on dashed segments, 95% intervals as translucent bands or
// whiskers, and suppressed points labelled instead of drawn.
//
// Charts are drawn at their printed size at DPI dots per inch, so a 7 pt label prints at 7 pt.
package png

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	_ "image/png" // for image.DecodeConfig in Check
	"math"
	"regexp"
	"runtime"
	"strings"
	"sync"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/disclosure"
	"github.com/yjsreport/yjsreport/report/format"
	"github.com/yjsreport/yjsreport/report/pdf/fonts"
)

// DPI is the resolution charts are drawn at: sharp in print, small enough to draw fast.
const DPI = 200

// Size is a chart's printed size in millimetres.
type Size struct{ W, H float64 }

// Pixels returns the image size a chart of this printed size has at DPI.
func (s Size) Pixels() (w, h int) {
	px := func(mm float64) int { return int(math.Ceil(mm / 25.4 * DPI)) }
	// vgimg rounds the canvas size up to whole dots.
	return px(s.W), px(s.H)
}

// Typeface is the name the Go fonts are registered under in gonum's font cache.
const Typeface = "Go"

// Palette is the Okabe–Ito palette, in the order series take it.
var Palette = []color.NRGBA{
	{0x00, 0x72, 0xB2, 0xFF}, // blue
	{0xE6, 0x9F, 0x00, 0xFF}, // orange
	{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	{0xF0, 0xE4, 0x42, 0xFF}, // yellow
}

// Semantic colours for series whose meaning is fixed across charts.
var (
	grey      = color.NRGBA{0x99, 0x99, 0x99, 0xFF}
	good      = Palette[2]
	bad       = Palette[5]
	mid       = Palette[4]
	ink       = color.NRGBA{0x22, 0x22, 0x22, 0xFF}
	softInk   = color.NRGBA{0x55, 0x55, 0x55, 0xFF}
	gridColor = color.NRGBA{0xDD, 0xDD, 0xDD, 0xFF}
)

func seriesColor(name string, i int) color.NRGBA {
	switch strings.ToLower(name) {
	case "not recorded":
		return grey
	case "completed", "full time":
		return good
	case "not completed", "none":
		return bad
	case "neutral", "part time":
		return mid
	}
	return Palette[i%len(Palette)]
}

var fontOnce sync.Once

// setupFonts registers the Go fonts with gonum and makes them the default. gonum reads its
// font settings from package variables, so this is done once, before any plot is made.
func setupFonts() {
	fontOnce.Do(func() {
		var coll font.Collection
		for _, f := range []struct {
			ttf    []byte
			weight xfont.Weight
			style  xfont.Style
		}{
			{fonts.Regular, xfont.WeightNormal, xfont.StyleNormal},
			{fonts.Bold, xfont.WeightBold, xfont.StyleNormal},
			{fonts.Italic, xfont.WeightNormal, xfont.StyleItalic},
		} {
			face, err := opentype.Parse(f.ttf)
			if err != nil {
				panic("png: the embedded Go font does not parse: " + err.Error()) // cannot happen
			}
			coll = append(coll, font.Face{Font: font.Font{Typeface: Typeface, Weight: f.weight, Style: f.style}, Face: face})
		}
		font.DefaultCache.Add(coll)
		plot.DefaultFont = font.Font{Typeface: Typeface}
	})
}

// printable returns a copy of s whose text the chart can draw, whoever built it: every
// string through the PDF's one sanitiser (package fonts: characters the Go fonts lack become
// its stand-in, control characters go), and categories and series names, which may come
// from the data, cut as labels (chart.ForDisplay).
func printable(s chart.Spec) chart.Spec {
	s, _ = fonts.Copy(s)
	return chart.ForDisplay(s)
}

// Font sizes in points.
const (
	tickSize  = 7
	labelSize = 7.5
	valueSize = 6.5
	nSize     = 6
)

func textStyle(size float64, c color.Color, bold bool) text.Style {
	f := font.Font{Typeface: Typeface, Size: font.Length(size)}
	if bold {
		f.Weight = xfont.WeightBold
	}
	return text.Style{Color: c, Font: f, Handler: plot.DefaultTextHandler, XAlign: draw.XCenter, YAlign: draw.YBottom}
}

// Render draws one chart at the given printed size and returns the PNG.
func Render(s chart.Spec, size Size) ([]byte, error) {
	setupFonts()
	s = printable(s)
	if len(s.Categories) == 0 {
		return nil, fmt.Errorf("chart %s: no categories to draw", s.ID)
	}
	w, h := vg.Length(size.W)*vg.Millimeter, vg.Length(size.H)*vg.Millimeter
	cnv := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(DPI), vgimg.UseBackgroundColor(color.White))
	dc := draw.New(cnv)

	legend := legendItems(s)
	rows := layoutLegend(legend, w)
	legendH := vg.Length(0)
	if rows > 0 {
		legendH = vg.Length(rows)*legendRowH + 1*vg.Millimeter
	}
	p, err := newPlot(s, w)
	if err != nil {
		return nil, err
	}
	p.Draw(draw.Crop(dc, 0, -1*vg.Millimeter, 0, -legendH))
	if rows > 0 {
		drawLegend(dc, legend, w, h-legendRowH/2-0.5*vg.Millimeter)
	}

	rgba, ok := cnv.Image().(*image.RGBA)
	if !ok {
		return nil, fmt.Errorf("chart %s: unexpected canvas image type %T", s.ID, cnv.Image())
	}
	b, err := encodeRGB(rgba)
	if err != nil {
		return nil, fmt.Errorf("chart %s: encoding the png: %w", s.ID, err)
	}
	return b, nil
}

// RenderAll draws every spec concurrently (at most GOMAXPROCS at a time) and returns the
// PNGs in the order of specs; the first error (in spec order) is returned.
func RenderAll(specs []chart.Spec, sizeOf func(chart.Spec) Size) ([][]byte, error) {
	setupFonts()
	out := make([][]byte, len(specs))
	errs := make([]error, len(specs))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i := range specs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			out[i], errs[i] = Render(specs[i], sizeOf(specs[i]))
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Check decodes the PNG's header and confirms it is an image of the size expected; the PDF
// library prints an error into the page instead of failing on a bad image, so every chart is
// checked before it is placed.
func Check(b []byte, size Size) error {
	cfg, kind, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("not a readable image: %w", err)
	}
	if kind != "png" {
		return fmt.Errorf("a %s image, not png", kind)
	}
	w, h := size.Pixels()
	if abs(cfg.Width-w) > 1 || abs(cfg.Height-h) > 1 {
		return fmt.Errorf("image is %d×%d pixels, want %d×%d", cfg.Width, cfg.Height, w, h)
	}
	return nil
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// newPlot sets up axes, grid and the plotters of s.
func newPlot(s chart.Spec, width vg.Length) (*plot.Plot, error) {
	p := plot.New()
	p.BackgroundColor = color.Transparent
	p.X.Label.Text = s.XLabel
	p.Y.Label.Text = s.YLabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		// Keep gonum's alignments (they differ by axis); change only font and colour.
		a.Label.TextStyle.Font = font.Font{Typeface: Typeface, Size: labelSize}
		a.Label.TextStyle.Color = softInk
		a.Tick.Label.Font = font.Font{Typeface: Typeface, Size: tickSize}
		a.Tick.Label.Color = ink
		a.LineStyle.Color = grey
		a.LineStyle.Width = 0.5
		a.Tick.LineStyle.Color = grey
		a.Tick.LineStyle.Width = 0.5
		a.Padding = 0
	}
	p.X.Tick.Length = 0
	p.X.Label.Padding = 1.5 * vg.Millimeter
	p.Y.Label.Padding = 1.5 * vg.Millimeter

	n := len(s.Categories)
	p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	lo, hi := yRange(s)
	p.Y.Min, p.Y.Max = lo, hi
	step := niceStep(hi-lo, !s.Percent && s.Decimals == 0)
	var yt plot.ConstantTicks
	for v := lo; v <= hi+step/1000; v += step {
		yt = append(yt, plot.Tick{Value: v, Label: axisValue(v, step, s)})
	}
	p.Y.Tick.Marker = yt

	// Category labels, wrapped to fit, with n underneath when one series carries it.
	catWidth := float64(width/vg.Millimeter) * 0.85 / float64(n)
	maxChars := int(catWidth / (tickSize * 0.3528 * 0.52))
	nSeries := seriesWithN(s)
	var xt plot.ConstantTicks
	for i, c := range s.Categories {
		if maxChars < len([]rune(c)) {
			c = shortQuarter(c)
		}
		label := wrap(c, maxChars)
		if nSeries >= 0 {
			label += "\nn=" + countText(s.Series[nSeries].N[i], s.Disclosed)
		}
		xt = append(xt, plot.Tick{Value: float64(i), Label: label})
	}
	p.X.Tick.Marker = xt

	grid := plotter.NewGrid()
	grid.Vertical.Color = color.Transparent
	grid.Horizontal.Color = gridColor
	grid.Horizontal.Width = 0.4
	p.Add(grid)

	switch s.Kind {
	case chart.Line:
		p.Add(fn(func(c draw.Canvas, p *plot.Plot) { drawLines(c, p, s) }))
	case chart.Diverging:
		// Drawn as a stacked bar until the diverging layout is drawn here.
		s.Kind = chart.StackedBar
		p.Add(fn(func(c draw.Canvas, p *plot.Plot) { drawBars(c, p, s, nSeries < 0) }))
	case chart.Bar, chart.StackedBar:
		p.Add(fn(func(c draw.Canvas, p *plot.Plot) { drawBars(c, p, s, nSeries < 0) }))
	default:
		return nil, fmt.Errorf("chart %s: unknown kind %q", s.ID, s.Kind)
	}
	if s.Target != nil {
		p.Add(fn(func(c draw.Canvas, p *plot.Plot) { drawTarget(c, p, s) }))
	}
	return p, nil
}

// fn adapts a drawing function to a gonum Plotter.
type fn func(c draw.Canvas, p *plot.Plot)

func (f fn) Plot(c draw.Canvas, p *plot.Plot) { f(c, p) }

// seriesWithN returns the index of the series whose n goes under the category labels: the
// only series when there is one, the first of a line chart (the others are explained in the
// subtitle), else -1 (bars then carry their own n).
func seriesWithN(s chart.Spec) int {
	if len(s.Series) == 0 || s.Series[0].N == nil {
		return -1
	}
	if len(s.Series) == 1 || s.Kind == chart.Line || s.Kind == chart.StackedBar {
		return 0
	}
	return -1
}

// countText is the n of a category or bar: "<5" for 1–4 under disclosure control, else the
// count with thousands separators.
func countText(n int, disclosed bool) string {
	if disclosed && disclosure.IsSmall(n) {
		return disclosure.Small
	}
	return format.Count(n)
}

// yRange returns the value axis range: from 0 to a round number above the largest value,
// interval end and target, with room above for the labels.
func yRange(s chart.Spec) (lo, hi float64) {
	if s.Kind == chart.StackedBar && s.Percent {
		return 0, 1
	}
	maxV := 0.0
	consider := func(v *float64) {
		if v != nil && *v > maxV {
			maxV = *v
		}
	}
	if s.Kind == chart.StackedBar {
		for k := range s.Categories {
			sum := map[string]float64{}
			for _, se := range s.Series {
				if k < len(se.Values) && se.Values[k] != nil {
					sum[se.Stack] += *se.Values[k]
				}
			}
			for _, v := range sum {
				consider(&v)
			}
		}
	} else {
		for _, se := range s.Series {
			for k := range se.Values {
				consider(se.Values[k])
				if k < len(se.Upper) {
					consider(se.Upper[k])
				}
			}
		}
	}
	consider(s.Target)
	if maxV == 0 {
		if s.Percent {
			return 0, 1
		}
		return 0, 5
	}
	top := maxV * 1.22 // room for value labels above the highest point
	step := niceStep(top, !s.Percent && s.Decimals == 0)
	hi = math.Ceil(top/step) * step
	if s.Percent && hi > 1 {
		hi = 1.1 // 100% with a little room for labels; ticks stop at 100%
	}
	return 0, hi
}

// niceStep returns a tick step of 1, 2, 2.5 or 5 × 10^k giving about five ticks.
func niceStep(span float64, integer bool) float64 {
	if span <= 0 {
		return 1
	}
	raw := span / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag * 10
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if raw <= m*mag {
			step = m * mag
			break
		}
	}
	if integer && step < 1 {
		step = 1
	}
	return step
}

// axisValue is the label of the value-axis tick at v, with as many decimal places as the
// step between ticks needs (package format, as everywhere): "20%", "2.5%", "1,000", "0.25".
func axisValue(v, step float64, s chart.Spec) string {
	if s.Percent {
		if v > 1+1e-9 {
			return ""
		}
		return format.PercentTo(v, stepDecimals(step*100))
	}
	return format.Number(v, stepDecimals(step))
}

// stepDecimals is the number of decimal places that writes every multiple of step exactly
// (steps are 1, 2, 2.5 or 5 × 10^k), at most 3.
func stepDecimals(step float64) int {
	for d := 0; d < 3; d++ {
		x := step * math.Pow(10, float64(d))
		if math.Abs(x-math.Round(x)) < 1e-6*math.Max(1, x) {
			return d
		}
	}
	return 3
}

// valueText is a point's label: its disclosure text, or its value as the tables, tiles and
// dashboard write it (chart.ValueText), so a chart and the table under it agree: "31.1%".
// Only values of 100 or more lose their decimals ("312", not "312.5"), as a label on a point
// must stay narrow; the tables have the decimals.
func valueText(s chart.Spec, se chart.Series, k int) string {
	if k < len(se.Labels) && se.Labels[k] != "" {
		return se.Labels[k]
	}
	if se.Values[k] == nil {
		return format.NA
	}
	v := *se.Values[k]
	if !s.Percent && math.Abs(v) >= 100 {
		return format.Number(v, 0)
	}
	return chart.ValueText(&s, v)
}

var quarterLabel = regexp.MustCompile(`^\d{2}(\d{2}/\d{2}) (Q[1-4])$`)

// shortQuarter writes "2016/17 Q4" as "16/17 Q4" when categories are narrow.
func shortQuarter(c string) string {
	if m := quarterLabel.FindStringSubmatch(c); m != nil {
		return m[2] + "\n" + m[1]
	}
	return c
}

// wrap breaks a label into lines of at most max characters at spaces.
func wrap(s string, max int) string {
	if max < 6 {
		max = 6
	}
	if len([]rune(s)) <= max {
		return s
	}
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len([]rune(line))+1+len([]rune(w)) > max {
			lines = append(lines, line)
			line = w
			continue
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return strings.Join(append(lines, line), "\n")
}

func drawTarget(c draw.Canvas, p *plot.Plot, s chart.Spec) {
	trX, trY := p.Transforms(&c)
	y := trY(*s.Target)
	x0, x1 := trX(p.X.Min), trX(p.X.Max)
	// The line's label is in the legend, where it cannot sit on a data label.
	c.StrokeLine2(targetStyle, x0, y, x1, y)
}

var targetStyle = draw.LineStyle{Color: ink, Width: 0.8, Dashes: []vg.Length{3, 2}}

func drawLines(c draw.Canvas, p *plot.Plot, s chart.Spec) {
	trX, trY := p.Transforms(&c)
	// Bands first, under every line.
	for i, se := range s.Series {
		if se.Lower == nil || se.Upper == nil {
			continue
		}
		col := seriesColor(se.Name, i)
		band := color.NRGBA{col.R, col.G, col.B, 0x38}
		var run []int
		flush := func() {
			if len(run) >= 2 {
				var pts []vg.Point
				for _, k := range run {
					pts = append(pts, vg.Point{X: trX(float64(k)), Y: trY(*se.Upper[k])})
				}
				for j := len(run) - 1; j >= 0; j-- {
					k := run[j]
					pts = append(pts, vg.Point{X: trX(float64(k)), Y: trY(*se.Lower[k])})
				}
				c.FillPolygon(band, pts)
			} else if len(run) == 1 {
				k := run[0]
				x := trX(float64(k))
				c.StrokeLine2(draw.LineStyle{Color: band, Width: 3}, x, trY(*se.Lower[k]), x, trY(*se.Upper[k]))
			}
			run = run[:0]
		}
		for k := range se.Values {
			if k < len(se.Lower) && se.Lower[k] != nil && se.Upper[k] != nil && se.Values[k] != nil {
				run = append(run, k)
			} else {
				flush()
			}
		}
		flush()
	}
	for i, se := range s.Series {
		// Every point of the first series carries its value; further series are read from
		// the axis (their labels would collide with the first's).
		labelAll := i == 0
		col := seriesColor(se.Name, i)
		prov := func(k int) bool { return k < len(se.Provisional) && se.Provisional[k] }
		solid := draw.LineStyle{Color: col, Width: 1.4}
		dashed := draw.LineStyle{Color: col, Width: 1.4, Dashes: []vg.Length{2.5, 1.8}}
		for k := 1; k < len(se.Values); k++ {
			a, b := se.Values[k-1], se.Values[k]
			if a == nil || b == nil {
				continue
			}
			st := solid
			if prov(k-1) || prov(k) {
				st = dashed
			}
			c.StrokeLine2(st, trX(float64(k-1)), trY(*a), trX(float64(k)), trY(*b))
		}
		for k, v := range se.Values {
			x := trX(float64(k))
			if v == nil {
				if k < len(se.Labels) && se.Labels[k] != "" && i == 0 {
					st := textStyle(valueSize, softInk, false)
					c.FillText(st, vg.Point{X: x, Y: trY(p.Y.Min) + 1*vg.Millimeter}, se.Labels[k])
				}
				continue
			}
			pt := vg.Point{X: x, Y: trY(*v)}
			r := vg.Length(2.1)
			if prov(k) {
				c.DrawGlyph(draw.GlyphStyle{Color: color.White, Radius: r, Shape: draw.CircleGlyph{}}, pt)
				c.DrawGlyph(draw.GlyphStyle{Color: col, Radius: r, Shape: draw.RingGlyph{}}, pt)
			} else {
				c.DrawGlyph(draw.GlyphStyle{Color: col, Radius: r, Shape: draw.CircleGlyph{}}, pt)
			}
			if labelAll {
				st := textStyle(valueSize, ink, true)
				c.FillText(st, vg.Point{X: x, Y: pt.Y + 1.5*vg.Millimeter}, valueText(s, se, k))
			}
		}
	}
}

func drawBars(c draw.Canvas, p *plot.Plot, s chart.Spec, barN bool) {
	trX, trY := p.Transforms(&c)
	// Group series into bars: one bar per series, or per stack.
	var stacks []string
	stackOf := make([]int, len(s.Series))
	for i, se := range s.Series {
		key := fmt.Sprint("#", i)
		if s.Kind == chart.StackedBar {
			key = se.Stack
		}
		found := -1
		for j, k := range stacks {
			if k == key {
				found = j
			}
		}
		if found < 0 {
			stacks = append(stacks, key)
			found = len(stacks) - 1
		}
		stackOf[i] = found
	}
	group := 0.72
	if len(stacks) == 1 {
		group = 0.55
	}
	bw := group / float64(len(stacks))
	y0 := trY(p.Y.Min)
	for k := range s.Categories {
		base := make([]float64, len(stacks))
		for i, se := range s.Series {
			g := stackOf[i]
			col := seriesColor(se.Name, i)
			xl := float64(k) - group/2 + float64(g)*bw + bw*0.06
			xr := xl + bw*0.88
			xm := trX((xl + xr) / 2)
			v := se.Values[k]
			if v == nil {
				if s.Kind != chart.StackedBar {
					txt := valueText(s, se, k)
					st := textStyle(valueSize, softInk, false)
					c.FillText(st, vg.Point{X: xm, Y: y0 + 0.8*vg.Millimeter}, txt)
				}
				continue
			}
			b0, b1 := base[g], base[g]+*v
			base[g] = b1
			rect := []vg.Point{
				{X: trX(xl), Y: trY(b0)}, {X: trX(xr), Y: trY(b0)},
				{X: trX(xr), Y: trY(b1)}, {X: trX(xl), Y: trY(b1)},
			}
			c.FillPolygon(col, rect)
			if s.Kind == chart.StackedBar {
				// Label a segment inside when it is tall enough to hold the text.
				if trY(b1)-trY(b0) >= 3.2*vg.Millimeter {
					st := textStyle(valueSize, segmentInk(col), true)
					st.YAlign = draw.YCenter
					c.FillText(st, vg.Point{X: xm, Y: (trY(b0) + trY(b1)) / 2}, valueText(s, se, k))
				}
				continue
			}
			top := trY(b1)
			if k < len(se.Upper) && se.Lower != nil && se.Upper[k] != nil && se.Lower[k] != nil {
				lo, hi := trY(*se.Lower[k]), trY(*se.Upper[k])
				ws := draw.LineStyle{Color: ink, Width: 0.6}
				cap := (trX(xr) - trX(xl)) * 0.2
				c.StrokeLine2(ws, xm, lo, xm, hi)
				c.StrokeLine2(ws, xm-cap, lo, xm+cap, lo)
				c.StrokeLine2(ws, xm-cap, hi, xm+cap, hi)
				top = max(top, hi)
			}
			label := valueText(s, se, k)
			st := textStyle(valueSize, ink, true)
			pt := vg.Point{X: xm, Y: top + 0.7*vg.Millimeter}
			if barN && se.N != nil {
				ns := textStyle(nSize, softInk, false)
				c.FillText(ns, pt, "n="+countText(se.N[k], s.Disclosed))
				pt.Y += 2.6 * vg.Millimeter
			}
			c.FillText(st, pt, label)
		}
		if s.Kind == chart.StackedBar && !s.Percent {
			// The stack's total above it.
			for g := range stacks {
				if base[g] > 0 {
					xm := trX(float64(k) - group/2 + (float64(g)+0.5)*bw)
					st := textStyle(valueSize, ink, true)
					c.FillText(st, vg.Point{X: xm, Y: trY(base[g]) + 0.7*vg.Millimeter}, chart.ValueText(&s, base[g]))
				}
			}
		}
	}
}

// segmentInk picks black or white text for a filled segment by its luminance.
func segmentInk(c color.NRGBA) color.Color {
	l := 0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)
	if l > 140 {
		return ink
	}
	return color.White
}

type legendItem struct {
	name   string
	col    color.NRGBA
	hollow bool
	line   bool
	target bool
	// x and row are where layoutLegend put the item.
	x   vg.Length
	row int
}

const (
	legendRowH   = 4.2 * vg.Millimeter
	legendSwatch = 5 * vg.Millimeter
	legendLeft   = 14 * vg.Millimeter
)

// layoutLegend places the items in rows across width w and returns the number of rows.
func layoutLegend(items []legendItem, w vg.Length) int {
	if len(items) == 0 {
		return 0
	}
	st := textStyle(tickSize, ink, false)
	x, row := legendLeft, 0
	for i := range items {
		iw := legendSwatch + 1.2*vg.Millimeter + st.Width(items[i].name)
		if x > legendLeft && x+iw > w-2*vg.Millimeter {
			x, row = legendLeft, row+1
		}
		items[i].x, items[i].row = x, row
		x += iw + 4*vg.Millimeter
	}
	return row + 1
}

func legendItems(s chart.Spec) []legendItem {
	var out []legendItem
	if len(s.Series) > 1 {
		for i, se := range s.Series {
			out = append(out, legendItem{name: se.Name, col: seriesColor(se.Name, i), line: s.Kind == chart.Line})
		}
	}
	if s.Kind == chart.Line && anyProvisional(s) {
		out = append(out, legendItem{name: "Provisional (still maturing)", col: softInk, hollow: true, line: true})
	}
	if s.Target != nil {
		out = append(out, legendItem{name: s.TargetText, col: ink, line: true, target: true})
	}
	return out
}

func anyProvisional(s chart.Spec) bool {
	for _, se := range s.Series {
		for _, pr := range se.Provisional {
			if pr {
				return true
			}
		}
	}
	return false
}

func drawLegend(c draw.Canvas, items []legendItem, w, top vg.Length) {
	st := textStyle(tickSize, ink, false)
	st.XAlign = draw.XLeft
	st.YAlign = draw.YCenter
	for _, it := range items {
		x := it.x
		y := top - vg.Length(it.row)*legendRowH
		sw := legendSwatch
		switch {
		case it.target:
			c.StrokeLine2(targetStyle, x, y, x+sw, y)
		case it.line:
			ls := draw.LineStyle{Color: it.col, Width: 1.4}
			if it.hollow {
				ls.Dashes = []vg.Length{2.5, 1.8}
			}
			c.StrokeLine2(ls, x, y, x+sw, y)
			pt := vg.Point{X: x + sw/2, Y: y}
			if it.hollow {
				c.DrawGlyph(draw.GlyphStyle{Color: color.White, Radius: 2.1, Shape: draw.CircleGlyph{}}, pt)
				c.DrawGlyph(draw.GlyphStyle{Color: it.col, Radius: 2.1, Shape: draw.RingGlyph{}}, pt)
			} else {
				c.DrawGlyph(draw.GlyphStyle{Color: it.col, Radius: 2.1, Shape: draw.CircleGlyph{}}, pt)
			}
		default:
			c.FillPolygon(it.col, []vg.Point{{X: x, Y: y - 1.3*vg.Millimeter}, {X: x + sw*0.7, Y: y - 1.3*vg.Millimeter},
				{X: x + sw*0.7, Y: y + 1.3*vg.Millimeter}, {X: x, Y: y + 1.3*vg.Millimeter}})
		}
		c.FillText(st, vg.Point{X: x + sw + 1.2*vg.Millimeter, Y: y}, it.name)
	}
}
