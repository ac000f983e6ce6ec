// Package png draws chart.Specs as PNG images for the PDF with gonum/plot, in one house style:
// the Go sans fonts (the PDF's, package report/pdf/fonts, whose sanitiser every string drawn
// goes through), the Okabe–Ito colour-blind-safe palette, a light grid, axis labels with
// units, n under each category or beside each bar, dashed target lines named in the legend,
// provisional values hollow and dashed, 95% intervals as translucent bands or whiskers,
// published comparators as markers without a line, and suppressed points labelled instead
// of drawn. Bars run across the page when Spec.Horizontal is set (long labels, funnels), and
// a Diverging chart puts negative answers to the left of zero.
//
// No value label is crossed by a line: each label takes the first free place among a few
// (above or below a point; above, inside or beyond a bar) clear of every line, marker,
// target and other label, and it is drawn last on a white ground, so even in a crowded
// chart a line stops at its edge.
//
// Charts are drawn at their printed size at DPI dots per inch, so a 7 pt label prints at
// 7 pt; no text is smaller than 7 pt. Sparkline draws a headline's series as a tile's
// sparkline, and RenderJobs draws charts and sparklines together on every core.
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

	"git.sr.ht/~sbinet/gg"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
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
	case "not recorded", "unknown", "neither or don't know":
		return grey
	case "completed", "full time", "suitable", "agree or yes":
		return good
	case "not completed", "none", "unsuitable", "disagree or no":
		return bad
	case "neutral", "part time":
		return mid
	}
	return Palette[i%len(Palette)]
}

// markerShapes are the glyphs of published comparators' points, one per comparator, so
// that each reads apart from the others and from our own round points without colour.
var markerShapes = []draw.GlyphDrawer{draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.PyramidGlyph{}, draw.CrossGlyph{}, draw.PlusGlyph{}}

// comparatorColors are the colours of comparators' markers: dark and distinct from the
// palette's first colour, which is ours.
var comparatorColors = []color.NRGBA{
	{0x33, 0x33, 0x33, 0xFF}, // near black
	Palette[5],               // vermillion
	Palette[3],               // reddish purple
	Palette[1],               // orange
	Palette[2],               // bluish green
}

// styleOf returns the colour and, for a published comparator, the marker of series i of s.
// Comparators take their own colours and shapes in order; other series the palette.
func styleOf(s chart.Spec, i int) (col color.NRGBA, marker draw.GlyphDrawer) {
	if s.Series[i].Points {
		k := 0
		for j := 0; j < i; j++ {
			if s.Series[j].Points {
				k++
			}
		}
		return comparatorColors[k%len(comparatorColors)], markerShapes[k%len(markerShapes)]
	}
	k := 0
	for j := 0; j < i; j++ {
		if !s.Series[j].Points {
			k++
		}
	}
	return seriesColor(s.Series[i].Name, k), nil
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
//
// Nothing is smaller than 7 pt, the smallest a board member can read on a printed A4 page.
const (
	tickSize  = 7
	labelSize = 7.5
	valueSize = 7
	nSize     = 7
)

func textStyle(size float64, c color.Color, bold bool) text.Style {
	f := font.Font{Typeface: Typeface, Size: font.Length(size)}
	if bold {
		f.Weight = xfont.WeightBold
	}
	return text.Style{Color: c, Font: f, Handler: plot.DefaultTextHandler, XAlign: draw.XCenter, YAlign: draw.YBottom}
}

// Render draws one chart at the given printed size and returns the PNG. A chart whose core
// extract is missing (Spec.MissingExtract) is drawn as a frame saying so.
func Render(s chart.Spec, size Size) ([]byte, error) {
	setupFonts()
	s = printable(s)
	cnv, dc := newCanvas(size)
	w, h := vg.Length(size.W)*vg.Millimeter, vg.Length(size.H)*vg.Millimeter
	switch {
	case s.MissingExtract != "":
		drawMissing(dc, "No "+s.MissingExtract+" extract: this chart cannot be drawn")
	case len(s.Categories) == 0:
		return nil, fmt.Errorf("chart %s: no categories to draw", s.ID)
	default:
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
	}
	return encode(s.ID, cnv)
}

// newCanvas is a white canvas of the printed size at DPI, its text drawn by textCanvas.
func newCanvas(size Size) (*vgimg.Canvas, draw.Canvas) {
	w, h := size.Pixels()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	// vgimg would copy an image given to it; a context made for it draws on it in place.
	ctx := gg.NewContextForRGBA(img)
	ctx.SetLineCapButt()
	ctx.InvertY()
	cnv := vgimg.NewWith(vgimg.UseImageWithContext(img, ctx), vgimg.UseDPI(DPI))
	return cnv, draw.New(newTextCanvas(cnv))
}

func encode(id string, cnv *vgimg.Canvas) ([]byte, error) {
	rgba, ok := cnv.Image().(*image.RGBA)
	if !ok {
		return nil, fmt.Errorf("chart %s: unexpected canvas image type %T", id, cnv.Image())
	}
	b, err := encodeRGB(rgba)
	if err != nil {
		return nil, fmt.Errorf("chart %s: encoding the png: %w", id, err)
	}
	return b, nil
}

// drawMissing draws a grey frame with msg in its middle, in place of a chart that cannot be
// drawn.
func drawMissing(c draw.Canvas, msg string) {
	r := c.Rectangle
	in := vg.Length(1) * vg.Millimeter
	frame := []vg.Point{{X: r.Min.X + in, Y: r.Min.Y + in}, {X: r.Max.X - in, Y: r.Min.Y + in},
		{X: r.Max.X - in, Y: r.Max.Y - in}, {X: r.Min.X + in, Y: r.Max.Y - in}, {X: r.Min.X + in, Y: r.Min.Y + in}}
	c.FillPolygon(color.NRGBA{0xF4, 0xF6, 0xF8, 0xFF}, frame)
	c.StrokeLines(draw.LineStyle{Color: grey, Width: 0.6, Dashes: []vg.Length{3, 2}}, frame)
	st := textStyle(labelSize+1, softInk, true)
	st.YAlign = draw.YCenter
	c.FillText(st, c.Center(), msg)
}

// Job is one image to draw: a chart, or the sparkline of a headline's trend.
type Job struct {
	Spec      chart.Spec
	Size      Size
	Sparkline bool
}

// RenderAll draws every spec concurrently (at most GOMAXPROCS at a time) and returns the
// PNGs in the order of specs; the first error (in spec order) is returned.
func RenderAll(specs []chart.Spec, sizeOf func(chart.Spec) Size) ([][]byte, error) {
	jobs := make([]Job, len(specs))
	for i, s := range specs {
		jobs[i] = Job{Spec: s, Size: sizeOf(s)}
	}
	return RenderJobs(jobs)
}

// RenderJobs draws every job concurrently (at most GOMAXPROCS at a time) and returns the
// PNGs in the order of jobs; the first error (in job order) is returned.
func RenderJobs(jobs []Job) ([][]byte, error) {
	setupFonts()
	out := make([][]byte, len(jobs))
	errs := make([]error, len(jobs))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if jobs[i].Sparkline {
				out[i], errs[i] = Sparkline(jobs[i].Spec, jobs[i].Size)
			} else {
				out[i], errs[i] = Render(jobs[i].Spec, jobs[i].Size)
			}
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
	marker draw.GlyphDrawer // a comparator's marker, drawn alone
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
			col, marker := styleOf(s, i)
			name := se.Name
			if s.Horizontal && s.Kind == chart.Bar {
				if n := constantN(se); n >= 0 {
					name += " (n=" + countText(n, s.Disclosed) + ")"
				}
			}
			out = append(out, legendItem{name: name, col: col, line: s.Kind == chart.Line && !se.Points, marker: marker})
		}
	}
	if anyProvisional(s) {
		name := "Provisional (still maturing)"
		if s.Kind != chart.Line {
			name = "Still being counted: will rise"
		}
		out = append(out, legendItem{name: name, col: softInk, hollow: true, line: s.Kind == chart.Line})
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
		case it.marker != nil:
			c.DrawGlyph(draw.GlyphStyle{Color: it.col, Radius: 2.4, Shape: it.marker}, vg.Point{X: x + sw/2, Y: y})
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
		case it.hollow:
			fillBar(c, vg.Rectangle{Min: vg.Point{X: x, Y: y - 1.3*vg.Millimeter}, Max: vg.Point{X: x + sw*0.7, Y: y + 1.3*vg.Millimeter}}, it.col, true)
		default:
			c.FillPolygon(it.col, []vg.Point{{X: x, Y: y - 1.3*vg.Millimeter}, {X: x + sw*0.7, Y: y - 1.3*vg.Millimeter},
				{X: x + sw*0.7, Y: y + 1.3*vg.Millimeter}, {X: x, Y: y + 1.3*vg.Millimeter}})
		}
		c.FillText(st, vg.Point{X: x + sw + 1.2*vg.Millimeter, Y: y}, it.name)
	}
}
