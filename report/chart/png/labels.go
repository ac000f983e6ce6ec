package png

import (
	"image/color"

	"github.com/yjsreport/yjsreport/report/chart"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// placer puts value labels where nothing else is drawn. It knows every line segment,
// marker, target line and label already on the chart; a label takes the first of its
// candidate places that touches none of them, and is drawn (last, over the chart) on a
// white ground slightly larger than its text, so that no line ever runs through a figure.
type placer struct {
	segs   [][2]vg.Point
	boxes  []vg.Rectangle
	hlines []vg.Length // y of horizontal lines across the chart (targets)
	vlines []vg.Length // x of vertical lines down the chart (targets of horizontal bars)
	area   vg.Rectangle
	labels []cand // placed, to draw
	bars   []bar  // every bar drawn, for tests
}

// bar is a bar (or segment) as drawn: its series, its category and its place.
type bar struct {
	series, category int
	r                vg.Rectangle
}

// placed is called, when set, with each chart's placer once its labels are placed: tests
// read where bars, lines and labels went.
var placed func(s chart.Spec, pl *placer)

// labelPart is one line of a label, drawn at the top of its box downwards.
type labelPart struct {
	text string
	st   text.Style
}

// haloPad is the white margin round a label.
const haloPad = 0.35 * vg.Millimeter

func (pl *placer) addSegment(a, b vg.Point) { pl.segs = append(pl.segs, [2]vg.Point{a, b}) }

func (pl *placer) addBox(r vg.Rectangle) { pl.boxes = append(pl.boxes, r) }

// addMarker blocks the square of radius r round a point.
func (pl *placer) addMarker(p vg.Point, r vg.Length) {
	pl.addBox(vg.Rectangle{Min: vg.Point{X: p.X - r, Y: p.Y - r}, Max: vg.Point{X: p.X + r, Y: p.Y + r}})
}

// size is the width and height of a label made of parts, one above the other.
func size(parts []labelPart) (w, h vg.Length) {
	for _, p := range parts {
		w = max(w, p.st.Width(p.text))
		h += p.st.Height(p.text)
	}
	return w, h
}

// boxAt returns the box of a label of the given size whose anchor is at p, aligned as
// (ax, ay): ax −0.5 centres it on p.X, 0 starts it at p.X, −1 ends it there; ay 0 puts its
// bottom at p.Y, −1 its top, −0.5 its middle.
func boxAt(p vg.Point, w, h vg.Length, ax, ay float64) vg.Rectangle {
	x0 := p.X + vg.Length(ax)*w
	y0 := p.Y + vg.Length(ay)*h
	return vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x0 + w, Y: y0 + h}}
}

// cand is one place a label may go: its box, its lines as drawn there, and whether it needs
// a white ground (not inside a bar, on the bar's own colour).
type cand struct {
	box   vg.Rectangle
	parts []labelPart
	halo  bool
}

// cost is how badly a label at c would sit: 0 when it is inside the chart and touches
// nothing (a bar that holds the label whole, the one it is drawn inside, does not count); a
// line through it
// costs most, then another label, then a bar or marker it covers; outside the chart is
// worst of all.
func (pl *placer) cost(c cand) int {
	g := c.box
	if c.halo {
		g = grow(g, haloPad)
	}
	cost := 0
	if g.Min.X < pl.area.Min.X || g.Max.X > pl.area.Max.X || g.Min.Y < pl.area.Min.Y || g.Max.Y > pl.area.Max.Y {
		cost += 1000
	}
	for _, y := range pl.hlines {
		if y >= g.Min.Y && y <= g.Max.Y {
			cost += 100
		}
	}
	for _, x := range pl.vlines {
		if x >= g.Min.X && x <= g.Max.X {
			cost += 100
		}
	}
	for _, s := range pl.segs {
		if segmentHits(s[0], s[1], g) {
			cost += 50
		}
	}
	for _, l := range pl.labels {
		if overlaps(g, l.box) {
			cost += 30
		}
	}
	for _, b := range pl.boxes {
		if overlaps(g, b) && !contains(b, c.box) {
			cost += 10
		}
	}
	return cost
}

// place puts a label at the first free candidate, or, when none is free, at the one that
// sits least badly, on a white ground that hides whatever it covers.
func (pl *placer) place(cands ...cand) {
	if len(cands) == 0 {
		return
	}
	best, bestCost := cands[0], -1
	for _, c := range cands {
		k := pl.cost(c)
		if k == 0 {
			pl.labels = append(pl.labels, c)
			return
		}
		if bestCost < 0 || k < bestCost {
			best, bestCost = c, k
		}
	}
	best.halo = true
	pl.labels = append(pl.labels, best)
}

// label is a candidate of parts anchored at p (see boxAt), on a white ground.
func label(parts []labelPart, p vg.Point, ax, ay float64) cand {
	w, h := size(parts)
	return cand{box: boxAt(p, w, h, ax, ay), parts: parts, halo: true}
}

// draw draws every label placed, each on its white ground.
func (pl *placer) draw(c draw.Canvas, s chart.Spec) {
	if placed != nil {
		placed(s, pl)
	}
	for _, l := range pl.labels {
		if l.halo {
			g := grow(l.box, haloPad)
			c.FillPolygon(color.White, []vg.Point{g.Min, {X: g.Max.X, Y: g.Min.Y}, g.Max, {X: g.Min.X, Y: g.Max.Y}})
		}
		y := l.box.Max.Y
		cx := (l.box.Min.X + l.box.Max.X) / 2
		for _, p := range l.parts {
			st := p.st
			st.XAlign = draw.XCenter
			st.YAlign = draw.YTop
			c.FillText(st, vg.Point{X: cx, Y: y}, p.text)
			y -= st.Height(p.text)
		}
	}
}

// contains reports whether a holds b whole.
func contains(a, b vg.Rectangle) bool {
	return b.Min.X >= a.Min.X && b.Max.X <= a.Max.X && b.Min.Y >= a.Min.Y && b.Max.Y <= a.Max.Y
}

func grow(r vg.Rectangle, d vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: r.Min.X - d, Y: r.Min.Y - d}, Max: vg.Point{X: r.Max.X + d, Y: r.Max.Y + d}}
}

func overlaps(a, b vg.Rectangle) bool {
	return a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y
}

func inside(p vg.Point, r vg.Rectangle) bool {
	return p.X >= r.Min.X && p.X <= r.Max.X && p.Y >= r.Min.Y && p.Y <= r.Max.Y
}

// segmentHits reports whether the segment a–b touches the rectangle r (Liang–Barsky).
func segmentHits(a, b vg.Point, r vg.Rectangle) bool {
	if inside(a, r) || inside(b, r) {
		return true
	}
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	t0, t1 := 0.0, 1.0
	clip := func(p, q float64) bool {
		if p == 0 {
			return q >= 0
		}
		t := q / p
		if p < 0 {
			if t > t1 {
				return false
			}
			t0 = max(t0, t)
		} else {
			if t < t0 {
				return false
			}
			t1 = min(t1, t)
		}
		return true
	}
	return clip(-dx, float64(a.X-r.Min.X)) && clip(dx, float64(r.Max.X-a.X)) &&
		clip(-dy, float64(a.Y-r.Min.Y)) && clip(dy, float64(r.Max.Y-a.Y)) && t0 <= t1
}
