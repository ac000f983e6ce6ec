package png

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/yjsreport/yjsreport/report/chart"
)

// styleAxes gives both axes the house style.
func styleAxes(p *plot.Plot) {
	// No background: the canvas is white already, and filling a transparent one costs as
	// much as a bar across the whole chart.
	p.BackgroundColor = nil
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
	p.X.Label.Padding = 1.5 * vg.Millimeter
	p.Y.Label.Padding = 1.5 * vg.Millimeter
}

// valueTicks returns the ticks of a value axis from lo to hi.
func valueTicks(s chart.Spec, lo, hi float64) plot.ConstantTicks {
	step := niceStep(hi-lo, !s.Percent && s.Decimals == 0)
	var t plot.ConstantTicks
	for v := lo; v <= hi+step/1000; v += step {
		t = append(t, plot.Tick{Value: v, Label: axisValue(v, step, s)})
	}
	return t
}

// newPlot sets up axes, grid and the plotters of s.
func newPlot(s chart.Spec, width vg.Length) (*plot.Plot, error) {
	if s.Horizontal || s.Kind == chart.Diverging {
		return newHPlot(s, width)
	}
	p := plot.New()
	styleAxes(p)
	p.X.Label.Text = s.XLabel
	p.Y.Label.Text = s.YLabel
	p.X.Tick.Length = 0

	n := len(s.Categories)
	p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	lo, hi := yRange(s)
	p.Y.Min, p.Y.Max = lo, hi
	p.Y.Tick.Marker = valueTicks(s, lo, hi)

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
	case chart.Bar, chart.StackedBar:
		p.Add(fn(func(c draw.Canvas, p *plot.Plot) { drawBars(c, p, s, nSeries < 0) }))
	default:
		return nil, fmt.Errorf("chart %s: unknown kind %q", s.ID, s.Kind)
	}
	return p, nil
}

var targetStyle = draw.LineStyle{Color: ink, Width: 0.8, Dashes: []vg.Length{3, 2}}

// newPlacer returns a placer for the data area of c, reaching a little above it (the value
// axis leaves room there for labels) and knowing the target line.
func newPlacer(c draw.Canvas, targetY, targetX *vg.Length) *placer {
	pl := &placer{area: c.Rectangle}
	pl.area.Max.Y += 2 * vg.Millimeter
	if targetY != nil {
		pl.hlines = append(pl.hlines, *targetY)
	}
	if targetX != nil {
		pl.vlines = append(pl.vlines, *targetX)
	}
	return pl
}

// drawLines draws a line chart: the 95% bands, the target, each series as a line (a
// comparator as markers only), then the first series' value labels where no line or marker
// is.
func drawLines(c draw.Canvas, p *plot.Plot, s chart.Spec) {
	trX, trY := p.Transforms(&c)
	var ty *vg.Length
	if s.Target != nil {
		y := trY(*s.Target)
		ty = &y
	}
	pl := newPlacer(c, ty, nil)
	// Bands first, under every line.
	for i, se := range s.Series {
		if se.Lower == nil || se.Upper == nil || se.Points {
			continue
		}
		col, _ := styleOf(s, i)
		band := color.NRGBA{col.R, col.G, col.B, 0x30}
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
	if ty != nil {
		c.StrokeLine2(targetStyle, trX(p.X.Min), *ty, trX(p.X.Max), *ty)
	}
	const r = vg.Length(2.1)
	// Lines, from the last series to the first, so ours is on top.
	for i := len(s.Series) - 1; i >= 0; i-- {
		se := s.Series[i]
		if se.Points {
			continue
		}
		col, _ := styleOf(s, i)
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
			pa, pb := vg.Point{X: trX(float64(k - 1)), Y: trY(*a)}, vg.Point{X: trX(float64(k)), Y: trY(*b)}
			c.StrokeLine2(st, pa.X, pa.Y, pb.X, pb.Y)
			pl.addSegment(pa, pb)
		}
		for k, v := range se.Values {
			if v == nil {
				continue
			}
			pt := vg.Point{X: trX(float64(k)), Y: trY(*v)}
			if prov(k) {
				c.DrawGlyph(draw.GlyphStyle{Color: color.White, Radius: r, Shape: draw.CircleGlyph{}}, pt)
				c.DrawGlyph(draw.GlyphStyle{Color: col, Radius: r, Shape: draw.RingGlyph{}}, pt)
			} else {
				c.DrawGlyph(draw.GlyphStyle{Color: col, Radius: r, Shape: draw.CircleGlyph{}}, pt)
			}
			pl.addMarker(pt, r)
		}
	}
	// Published comparators: markers only, over the lines.
	for i, se := range s.Series {
		if !se.Points {
			continue
		}
		col, shape := styleOf(s, i)
		for k, v := range se.Values {
			if v == nil {
				continue
			}
			pt := vg.Point{X: trX(float64(k)), Y: trY(*v)}
			c.DrawGlyph(draw.GlyphStyle{Color: color.White, Radius: 2.9, Shape: draw.CircleGlyph{}}, pt)
			c.DrawGlyph(draw.GlyphStyle{Color: col, Radius: 2.4, Shape: shape}, pt)
			pl.addMarker(pt, 2.6)
		}
	}
	// The first series' value labels, above a point or below it, wherever is free.
	if len(s.Series) == 0 || s.Series[0].Points {
		pl.draw(c, s)
		return
	}
	se := s.Series[0]
	st := textStyle(valueSize, ink, true)
	gap := 1.4 * vg.Millimeter
	for k, v := range se.Values {
		x := trX(float64(k))
		if v == nil {
			if k < len(se.Labels) && se.Labels[k] != "" {
				// At the foot of the chart, on one of three levels so that neighbours'
				// texts do not overlap in a narrow chart.
				parts := []labelPart{{se.Labels[k], textStyle(valueSize, softInk, false)}}
				_, h := size(parts)
				y := trY(p.Y.Min) + 1*vg.Millimeter
				var cands []cand
				for lvl := 0; lvl < 3; lvl++ {
					cands = append(cands, label(parts, vg.Point{X: x, Y: y + vg.Length(lvl)*(h+0.3*vg.Millimeter)}, -0.5, 0))
				}
				pl.place(cands...)
			}
			continue
		}
		parts := []labelPart{{valueText(s, se, k), st}}
		_, h := size(parts)
		y := trY(*v)
		side := gap + 0.8*vg.Millimeter
		pl.place(label(parts, vg.Point{X: x, Y: y + gap}, -0.5, 0), label(parts, vg.Point{X: x, Y: y - gap}, -0.5, -1),
			label(parts, vg.Point{X: x + side, Y: y + gap/2}, 0, 0), label(parts, vg.Point{X: x - side, Y: y + gap/2}, -1, 0),
			label(parts, vg.Point{X: x + side, Y: y - gap/2}, 0, -1), label(parts, vg.Point{X: x - side, Y: y - gap/2}, -1, -1),
			label(parts, vg.Point{X: x, Y: y + gap + h}, -0.5, 0), label(parts, vg.Point{X: x, Y: y - gap - h}, -0.5, -1),
			label(parts, vg.Point{X: x, Y: y + gap + 2*h}, -0.5, 0), label(parts, vg.Point{X: x, Y: y - gap - 2*h}, -0.5, -1))
	}
	pl.draw(c, s)
}

// stacksOf groups series into bars: one bar per series, or per Stack in a stacked chart.
// It returns the bars' keys and the bar of each series.
func stacksOf(s chart.Spec) (stacks []string, stackOf []int) {
	stackOf = make([]int, len(s.Series))
	for i, se := range s.Series {
		key := fmt.Sprint("#", i)
		if s.Kind == chart.StackedBar || s.Kind == chart.Diverging {
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
	return stacks, stackOf
}

// fillBar fills a bar; a provisional one (a figure still being counted) is pale with a
// dashed outline, so it does not read as a result.
func fillBar(c draw.Canvas, r vg.Rectangle, col color.NRGBA, provisional bool) {
	pts := []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}}
	if !provisional {
		c.FillPolygon(col, pts)
		return
	}
	c.FillPolygon(pale(col), pts)
	c.StrokeLines(draw.LineStyle{Color: col, Width: 0.7, Dashes: []vg.Length{2, 1.5}}, append(pts, pts[0]))
}

// pale is col mixed with three parts of white.
func pale(col color.NRGBA) color.NRGBA {
	mix := func(v uint8) uint8 { return uint8((int(v) + 3*255) / 4) }
	return color.NRGBA{mix(col.R), mix(col.G), mix(col.B), 0xFF}
}

// inkOn returns parts recoloured for a bar of colour col (white or dark by its luminance).
func inkOn(parts []labelPart, col color.NRGBA, provisional bool) []labelPart {
	out := make([]labelPart, len(parts))
	for i, p := range parts {
		if provisional {
			p.st.Color = ink
		} else {
			p.st.Color = segmentInk(col)
		}
		out[i] = p
	}
	return out
}

// drawBars draws grouped or stacked bars, with whiskers, the target, and each bar's value
// (and n when barN) where no line crosses it: above the bar, else inside its top, else above
// the target line.
func drawBars(c draw.Canvas, p *plot.Plot, s chart.Spec, barN bool) {
	trX, trY := p.Transforms(&c)
	stacks, stackOf := stacksOf(s)
	group := 0.72
	if len(stacks) == 1 {
		group = 0.55
	}
	bw := group / float64(len(stacks))
	y0 := trY(p.Y.Min)
	var ty *vg.Length
	if s.Target != nil {
		y := trY(*s.Target)
		ty = &y
	}
	pl := newPlacer(c, ty, nil)
	var labels [][]cand
	for k := range s.Categories {
		base := make([]float64, len(stacks))
		for i, se := range s.Series {
			g := stackOf[i]
			col, _ := styleOf(s, i)
			xl := float64(k) - group/2 + float64(g)*bw + bw*0.06
			xr := xl + bw*0.88
			xm := trX((xl + xr) / 2)
			v := se.Values[k]
			if v == nil {
				if s.Kind != chart.StackedBar {
					// At the foot of the bar's place, on one of three levels so that
					// neighbours' texts do not overlap in a narrow chart.
					parts := []labelPart{{valueText(s, se, k), textStyle(valueSize, softInk, false)}}
					_, h := size(parts)
					var cands []cand
					for lvl := 0; lvl < 3; lvl++ {
						cands = append(cands, label(parts, vg.Point{X: xm, Y: y0 + 0.8*vg.Millimeter + vg.Length(lvl)*(h+0.3*vg.Millimeter)}, -0.5, 0))
					}
					labels = append(labels, cands)
				}
				continue
			}
			b0, b1 := base[g], base[g]+*v
			base[g] = b1
			rect := vg.Rectangle{Min: vg.Point{X: trX(xl), Y: trY(b0)}, Max: vg.Point{X: trX(xr), Y: trY(b1)}}
			prov := k < len(se.Provisional) && se.Provisional[k]
			fillBar(c, rect, col, prov)
			pl.addBox(rect)
			pl.bars = append(pl.bars, bar{i, k, rect})
			mid := vg.Point{X: xm, Y: (rect.Min.Y + rect.Max.Y) / 2}
			if s.Kind == chart.StackedBar {
				// A segment's label goes inside it when it is big enough to hold the text.
				parts := inkOn([]labelPart{{valueText(s, se, k), textStyle(valueSize, ink, true)}}, col, prov)
				w, h := size(parts)
				if rect.Max.Y-rect.Min.Y >= h+1*vg.Millimeter && rect.Max.X-rect.Min.X >= w+0.6*vg.Millimeter {
					in := label(parts, mid, -0.5, -0.5)
					in.halo = false
					labels = append(labels, []cand{in})
				}
				continue
			}
			top := rect.Max.Y
			whisker := false
			if k < len(se.Upper) && se.Lower != nil && se.Upper[k] != nil && se.Lower[k] != nil {
				lo, hi := trY(*se.Lower[k]), trY(*se.Upper[k])
				ws := draw.LineStyle{Color: ink, Width: 0.6}
				cp := (rect.Max.X - rect.Min.X) * 0.2
				c.StrokeLine2(ws, xm, lo, xm, hi)
				c.StrokeLine2(ws, xm-cp, lo, xm+cp, lo)
				c.StrokeLine2(ws, xm-cp, hi, xm+cp, hi)
				pl.addSegment(vg.Point{X: xm, Y: lo}, vg.Point{X: xm, Y: hi})
				pl.addSegment(vg.Point{X: xm - cp, Y: hi}, vg.Point{X: xm + cp, Y: hi})
				pl.addSegment(vg.Point{X: xm - cp, Y: lo}, vg.Point{X: xm + cp, Y: lo})
				top = max(top, hi)
				whisker = true
			}
			parts := []labelPart{{valueText(s, se, k), textStyle(valueSize, ink, true)}}
			if barN && se.N != nil {
				parts = append(parts, labelPart{"n=" + countText(se.N[k], s.Disclosed), textStyle(nSize, softInk, false)})
			}
			cands := []cand{label(parts, vg.Point{X: xm, Y: top + 1.0*vg.Millimeter}, -0.5, 0)}
			if !whisker {
				// Inside the top of the bar, on its colour (a whisker would run through it).
				in := label(inkOn(parts, col, prov), vg.Point{X: xm, Y: rect.Max.Y - 0.6*vg.Millimeter}, -0.5, -1)
				in.halo = false
				cands = append(cands, in)
			}
			if ty != nil && *ty > top {
				cands = append(cands, label(parts, vg.Point{X: xm, Y: *ty + 0.9*vg.Millimeter}, -0.5, 0))
			}
			labels = append(labels, cands)
		}
		if s.Kind == chart.StackedBar && !s.Percent {
			// The stack's total above it.
			for g := range stacks {
				if base[g] > 0 {
					xm := trX(float64(k) - group/2 + (float64(g)+0.5)*bw)
					parts := []labelPart{{chart.ValueText(&s, base[g]), textStyle(valueSize, ink, true)}}
					labels = append(labels, []cand{label(parts, vg.Point{X: xm, Y: trY(base[g]) + 0.7*vg.Millimeter}, -0.5, 0)})
				}
			}
		}
	}
	if ty != nil {
		c.StrokeLine2(targetStyle, trX(p.X.Min), *ty, trX(p.X.Max), *ty)
	}
	for _, l := range labels {
		pl.place(l...)
	}
	pl.draw(c, s)
}
