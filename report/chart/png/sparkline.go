package png

import (
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/yjsreport/yjsreport/report/chart"
)

// sparkInk is a sparkline's line: the report's navy.
var sparkInk = color.NRGBA{0x1F, 0x3A, 0x5F, 0xFF}

// Sparkline draws the first series of a trend (a headline's eight quarters, after disclosure
// control) as a tile's sparkline: the line, broken where a value is n/a or hidden; the target
// as a faint dashed line; the latest point marked. It has no text: the tile beside it gives
// the figures. The value range is the series' own (with the target), so a sparkline shows
// the shape of the trend, not its level.
func Sparkline(s chart.Spec, size Size) ([]byte, error) {
	setupFonts()
	cnv, c := newCanvas(size)
	if len(s.Series) > 0 && s.MissingExtract == "" {
		drawSparkline(c, s.Series[0].Values, s.Target)
	}
	return encode(s.ID+" sparkline", cnv)
}

func drawSparkline(c draw.Canvas, values []*float64, target *float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range values {
		if v != nil {
			lo, hi = math.Min(lo, *v), math.Max(hi, *v)
		}
	}
	if math.IsInf(lo, 1) {
		return // nothing to draw
	}
	if target != nil {
		lo, hi = math.Min(lo, *target), math.Max(hi, *target)
	}
	if hi-lo < 1e-9 {
		lo, hi = lo-0.5*math.Max(math.Abs(lo), 1e-3), hi+0.5*math.Max(math.Abs(hi), 1e-3)
	}
	r := c.Rectangle
	pad := vg.Length(1.6) * vg.Millimeter
	x := func(i int) vg.Length {
		if len(values) < 2 {
			return (r.Min.X + r.Max.X) / 2
		}
		return r.Min.X + pad + (r.Max.X-r.Min.X-2*pad)*vg.Length(float64(i)/float64(len(values)-1))
	}
	y := func(v float64) vg.Length {
		return r.Min.Y + pad + (r.Max.Y-r.Min.Y-2*pad)*vg.Length((v-lo)/(hi-lo))
	}
	if target != nil {
		c.StrokeLine2(draw.LineStyle{Color: color.NRGBA{0x99, 0x99, 0x99, 0xFF}, Width: 0.6, Dashes: []vg.Length{1.8, 1.4}},
			r.Min.X+pad/2, y(*target), r.Max.X-pad/2, y(*target))
	}
	line := draw.LineStyle{Color: sparkInk, Width: 1.1}
	for i := 1; i < len(values); i++ {
		if values[i-1] != nil && values[i] != nil {
			c.StrokeLine2(line, x(i-1), y(*values[i-1]), x(i), y(*values[i]))
		}
	}
	for i, v := range values {
		// A point with no neighbour shown would be invisible without a dot.
		alone := v != nil && (i == 0 || values[i-1] == nil) && (i == len(values)-1 || values[i+1] == nil)
		if alone && i != len(values)-1 {
			c.DrawGlyph(draw.GlyphStyle{Color: sparkInk, Radius: 0.9, Shape: draw.CircleGlyph{}}, vg.Point{X: x(i), Y: y(*v)})
		}
	}
	if last := values[len(values)-1]; last != nil {
		pt := vg.Point{X: x(len(values) - 1), Y: y(*last)}
		c.DrawGlyph(draw.GlyphStyle{Color: color.White, Radius: 2.6, Shape: draw.CircleGlyph{}}, pt)
		c.DrawGlyph(draw.GlyphStyle{Color: sparkInk, Radius: 2.0, Shape: draw.CircleGlyph{}}, pt)
	}
}
