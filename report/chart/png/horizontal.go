package png

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/format"
)

// labelShare is the share of a horizontal chart's width its category labels may take.
const labelShare = 0.38

// newHPlot sets up a chart whose bars run left to right: categories down the side, first at
// the top, values along the bottom. A Diverging chart's axis runs from 100% on the left
// (negative answers) through 0 to 100% on the right.
func newHPlot(s chart.Spec, width vg.Length) (*plot.Plot, error) {
	switch s.Kind {
	case chart.Bar, chart.StackedBar, chart.Diverging:
	default:
		return nil, fmt.Errorf("chart %s: kind %q cannot be drawn across the page", s.ID, s.Kind)
	}
	p := plot.New()
	styleAxes(p)
	// The value axis is along the bottom: its label is the Spec's value label.
	p.X.Label.Text = s.YLabel
	if s.XLabel != s.YLabel {
		p.Y.Label.Text = s.XLabel
	}
	p.Y.Tick.Length = 0

	n := len(s.Categories)
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	lo, hi := hRange(s)
	p.X.Min, p.X.Max = lo, hi
	ticks := valueTicks(s, math.Max(lo, -1), math.Min(hi, 1+1e-9))
	if !s.Percent {
		ticks = valueTicks(s, lo, hi)
	}
	if s.Kind == chart.Diverging {
		for i := range ticks {
			ticks[i].Label = axisValue(math.Abs(ticks[i].Value), niceStep(hi-lo, false), s)
		}
	}
	p.X.Tick.Marker = ticks

	maxChars := int(float64(width/vg.Millimeter) * labelShare / (tickSize * 0.3528 * 0.5))
	nSeries := seriesWithN(s)
	if s.Kind == chart.Diverging && len(s.Series) > 0 && s.Series[0].N != nil {
		nSeries = 0 // the answers to the question, the same for every segment
	}
	var yt plot.ConstantTicks
	for i, c := range s.Categories {
		label := wrap(c, maxChars)
		if nSeries >= 0 {
			label += "\nn=" + countText(s.Series[nSeries].N[i], s.Disclosed)
		}
		yt = append(yt, plot.Tick{Value: float64(n - 1 - i), Label: label})
	}
	p.Y.Tick.Marker = yt

	grid := plotter.NewGrid()
	grid.Horizontal.Color = color.Transparent
	grid.Vertical.Color = gridColor
	grid.Vertical.Width = 0.4
	p.Add(grid)
	p.Add(fn(func(c draw.Canvas, p *plot.Plot) { drawHBars(c, p, s, nSeries < 0) }))
	return p, nil
}

// hRange is the value axis of a horizontal chart: 0 (or −100% for a Diverging chart) to a
// round number past the longest bar and the target, with room for the labels at the bars'
// ends.
func hRange(s chart.Spec) (lo, hi float64) {
	if s.Kind == chart.Diverging {
		// From a little past the longest negative bar to 100%: the right side holds the
		// positive and neutral shares, which may reach 100%.
		neg := 0.0
		for k := range s.Categories {
			sum := 0.0
			for _, se := range s.Series {
				if se.Negative && k < len(se.Values) && se.Values[k] != nil {
					sum += *se.Values[k]
				}
			}
			neg = math.Max(neg, sum)
		}
		return -math.Max(0.25, math.Ceil(neg*1.1/0.25)*0.25), 1
	}
	if s.Kind == chart.StackedBar && s.Percent {
		return 0, 1
	}
	maxV := 0.0
	for k := range s.Categories {
		sum := 0.0
		for _, se := range s.Series {
			if k < len(se.Values) && se.Values[k] != nil {
				if s.Kind == chart.StackedBar {
					sum += *se.Values[k]
				} else {
					maxV = math.Max(maxV, *se.Values[k])
				}
			}
		}
		maxV = math.Max(maxV, sum)
	}
	if s.Target != nil {
		maxV = math.Max(maxV, *s.Target)
	}
	if maxV == 0 {
		if s.Percent {
			return 0, 1
		}
		return 0, 5
	}
	top := maxV * 1.25 // room for the value at the end of the longest bar
	if s.Percent {
		return 0, math.Min(math.Max(top, 0.2), 1.18)
	}
	step := niceStep(top, s.Decimals == 0)
	return 0, math.Ceil(top/step) * step
}

// constantN returns a series' n when it is the same for every category (the children with a
// need, for each stage of a cascade), else -1.
func constantN(se chart.Series) int {
	if len(se.N) == 0 {
		return -1
	}
	for _, n := range se.N[1:] {
		if n != se.N[0] {
			return -1
		}
	}
	return se.N[0]
}

// drawHBars draws horizontal bars: grouped (one bar per series in each category), stacked,
// or diverging round zero, with the value at the end of a bar or inside a segment, clear of
// the target line.
func drawHBars(c draw.Canvas, p *plot.Plot, s chart.Spec, barN bool) {
	trX, trY := p.Transforms(&c)
	n := len(s.Categories)
	stacks, stackOf := stacksOf(s)
	group := 0.72
	if len(stacks) == 1 {
		group = 0.6
	}
	bh := group / float64(len(stacks))
	x0 := trX(0)
	var tx *vg.Length
	if s.Target != nil {
		x := trX(*s.Target)
		tx = &x
	}
	pl := newPlacer(c, nil, tx)
	pl.area.Max.Y -= 2 * vg.Millimeter
	pl.area.Max.X += 1 * vg.Millimeter
	var labels [][]cand
	for k := range s.Categories {
		yc := float64(n - 1 - k)
		pos := make([]float64, len(stacks))
		neg := make([]float64, len(stacks))
		shown := 0
		hidden := ""
		for i, se := range s.Series {
			g := stackOf[i]
			col, _ := styleOf(s, i)
			yt := yc + group/2 - float64(g)*bh - bh*0.08
			yb := yt - bh*0.84
			ym := trY((yt + yb) / 2)
			v := se.Values[k]
			if v == nil {
				txt := valueText(s, se, k)
				if s.Kind == chart.Bar {
					parts := []labelPart{{txt, textStyle(valueSize, softInk, false)}}
					labels = append(labels, []cand{label(parts, vg.Point{X: x0 + 1*vg.Millimeter, Y: ym}, 0, -0.5)})
				} else if hidden == "" && k < len(se.Labels) && se.Labels[k] != "" {
					hidden = se.Labels[k]
				}
				continue
			}
			if *v > 0 {
				shown++
			}
			var a, b float64
			if se.Negative {
				a, b = -neg[g]-*v, -neg[g]
				neg[g] += *v
			} else {
				a, b = pos[g], pos[g]+*v
				pos[g] += *v
			}
			rect := vg.Rectangle{Min: vg.Point{X: trX(a), Y: trY(yb)}, Max: vg.Point{X: trX(b), Y: trY(yt)}}
			prov := k < len(se.Provisional) && se.Provisional[k]
			fillBar(c, rect, col, prov)
			pl.addBox(rect)
			pl.bars = append(pl.bars, bar{i, k, rect})
			if s.Kind != chart.Bar {
				parts := inkOn([]labelPart{{valueText(s, se, k), textStyle(valueSize, ink, true)}}, col, prov)
				w, h := size(parts)
				if rect.Max.X-rect.Min.X >= w+1.2*vg.Millimeter && rect.Max.Y-rect.Min.Y >= h {
					in := label(parts, vg.Point{X: (rect.Min.X + rect.Max.X) / 2, Y: ym}, -0.5, -0.5)
					in.halo = false
					labels = append(labels, []cand{in})
				}
				continue
			}
			txt := valueText(s, se, k)
			if barN && se.N != nil && constantN(se) < 0 {
				txt += " (n=" + countText(se.N[k], s.Disclosed) + ")"
			}
			parts := []labelPart{{txt, textStyle(valueSize, ink, true)}}
			end := rect.Max.X
			cands := []cand{label(parts, vg.Point{X: end + 1*vg.Millimeter, Y: ym}, 0, -0.5)}
			in := label(inkOn(parts, col, prov), vg.Point{X: end - 1*vg.Millimeter, Y: ym}, -1, -0.5)
			in.halo = false
			cands = append(cands, in)
			if tx != nil && *tx > end {
				cands = append(cands, label(parts, vg.Point{X: *tx + 1*vg.Millimeter, Y: ym}, 0, -0.5))
			}
			labels = append(labels, cands)
		}
		if shown == 0 && hidden != "" {
			// Every share of the row that is not zero is hidden: say so in the row.
			txt := hidden
			if hidden != format.NA {
				txt = "not shown: numbers too small to publish"
			}
			parts := []labelPart{{txt, textStyle(valueSize, softInk, false)}}
			labels = append(labels, []cand{label(parts, vg.Point{X: x0 + 1.5*vg.Millimeter, Y: trY(yc)}, 0, -0.5)})
		}
	}
	if s.Kind == chart.Diverging {
		c.StrokeLine2(draw.LineStyle{Color: ink, Width: 0.8}, x0, trY(p.Y.Min), x0, trY(p.Y.Max))
	}
	if tx != nil {
		c.StrokeLine2(targetStyle, *tx, trY(p.Y.Min), *tx, trY(p.Y.Max))
	}
	for _, l := range labels {
		pl.place(l...)
	}
	pl.draw(c, s)
}
