package png

import (
	"bytes"
	"fmt"
	"image"
	"sync"
	"testing"

	"gonum.org/v1/plot/vg"

	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/chart/charttest"
)

// capture renders specs and returns each chart's placer, by chart ID.
func capture(t *testing.T, specs []chart.Spec, size func(chart.Spec) Size) map[string]*placer {
	t.Helper()
	var mu sync.Mutex
	got := map[string]*placer{}
	placed = func(s chart.Spec, pl *placer) {
		mu.Lock()
		defer mu.Unlock()
		got[s.ID] = pl
	}
	defer func() { placed = nil }()
	if _, err := RenderAll(specs, size); err != nil {
		t.Fatal(err)
	}
	return got
}

func halfOrFull(s chart.Spec) Size {
	if s.Horizontal {
		return Size{180, 24 + 10*float64(len(s.Categories))}
	}
	return Size{88, 68}
}

// TestNoLabelCrossedByALine is issue 12's "no value label crossed by a line": in every chart
// of both fixtures, with and without disclosure control, at full and half width, no target
// line runs through a value label, no two labels overlap, and a label that a data line
// must pass (three lines close together in a narrow chart) is on its white ground, so the
// line stops at its edge rather than striking the figure through.
func TestNoLabelCrossedByALine(t *testing.T) {
	for _, fx := range []struct {
		name  string
		specs []chart.Spec
	}{
		{"county-small", chart.Build(charttest.Indicators())},
		{"county-kpis", chart.Build(charttest.IndicatorsV2())},
		{"county-kpis disclosed", chart.ApplyDisclosure(chart.Build(charttest.IndicatorsV2()))},
	} {
		for _, size := range []func(chart.Spec) Size{func(chart.Spec) Size { return Size{180, 72} }, halfOrFull} {
			got := capture(t, fx.specs, size)
			if len(got) < len(fx.specs)/2 {
				t.Fatalf("%s: %d of %d charts placed labels", fx.name, len(got), len(fx.specs))
			}
			for id, pl := range got {
				name := fmt.Sprintf("%s %s at %v", fx.name, id, size(*chart.ByID(fx.specs, id)))
				for i, l := range pl.labels {
					text := l.parts[0].text
					g := grow(l.box, haloPad)
					for _, y := range pl.hlines {
						if y > g.Min.Y && y < g.Max.Y {
							t.Errorf("%s: the target line crosses the label %q", name, text)
						}
					}
					for _, x := range pl.vlines {
						if x > g.Min.X && x < g.Max.X {
							t.Errorf("%s: the target line crosses the label %q", name, text)
						}
					}
					for _, s := range pl.segs {
						if segmentHits(s[0], s[1], l.box) && !l.halo {
							t.Errorf("%s: a line crosses the label %q, which has no white ground", name, text)
							break
						}
					}
					for _, o := range pl.labels[i+1:] {
						if overlaps(l.box, o.box) {
							t.Errorf("%s: labels %q and %q overlap", name, text, o.parts[0].text)
						}
					}
				}
			}
		}
	}
}

func TestPlacer(t *testing.T) {
	pl := &placer{area: vg.Rectangle{Max: vg.Point{X: 100, Y: 100}}, hlines: []vg.Length{50}}
	parts := []labelPart{{"31.1%", textStyle(valueSize, ink, true)}}
	above := label(parts, vg.Point{X: 20, Y: 45}, -0.5, 0) // spans y = 45 upwards, across 50
	below := label(parts, vg.Point{X: 20, Y: 44}, -0.5, -1)
	pl.place(above, below)
	if pl.labels[0].box != below.box {
		t.Error("a label crossed by the target line did not move to its next place")
	}
	pl.place(above, above)
	if !pl.labels[1].halo {
		t.Error("a label with no free place is not drawn on its white ground")
	}
}

func TestDivergingAndHorizontal(t *testing.T) {
	specs := chart.Build(charttest.IndicatorsV2())
	got := capture(t, specs, halfOrFull)
	t.Run("SPEC 4.7: negative answers left of zero, positive and neutral right, first question on top", func(t *testing.T) {
		s, pl := chart.ByID(specs, chart.IDViewsChild), got[chart.IDViewsChild]
		if pl == nil || len(pl.bars) == 0 {
			t.Fatal("no bars drawn")
		}
		// Every bar starts or ends at zero: the right edge of a negative one.
		zero := vg.Length(1e9)
		for _, b := range pl.bars {
			if s.Series[b.series].Negative {
				zero = min(zero, b.r.Max.X)
			}
		}
		topY := map[int]vg.Length{}
		for _, b := range pl.bars {
			neg := s.Series[b.series].Negative
			if neg && b.r.Max.X > zero+0.01 || !neg && b.r.Min.X < zero-0.01 {
				t.Errorf("question %d, %s: bar from %v to %v, zero at %v", b.category, s.Series[b.series].Name, b.r.Min.X, b.r.Max.X, zero)
			}
			topY[b.category] = max(topY[b.category], b.r.Max.Y)
		}
		for k := 1; k < len(s.Categories); k++ {
			if topY[k] >= topY[k-1] {
				t.Errorf("question %d is drawn above question %d", k+1, k)
			}
		}
	})
	t.Run("a horizontal bar is as long as its value", func(t *testing.T) {
		// Attendance: Police 1 of 2 = 50%, the others 100%: Police's bar is half as long.
		s, pl := chart.ByID(specs, chart.IDAttendance), got[chart.IDAttendance]
		var police, other vg.Length
		for _, b := range pl.bars {
			w := b.r.Max.X - b.r.Min.X
			if s.Categories[b.category] == "Police" {
				police = w
			} else {
				other = w
			}
		}
		if d := float64(police/other) - 0.5; d > 1e-6 || d < -1e-6 {
			t.Errorf("Police %v, the others %v", police, other)
		}
	})
	t.Run("SPEC 4.9: a comparator is markers only, never a line", func(t *testing.T) {
		// Custody share: ours for 8 quarters (7 segments), two comparators as points.
		s, pl := chart.ByID(specs, chart.IDTrendCustodyShare), got[chart.IDTrendCustodyShare]
		want := 0
		v := s.Series[0].Values
		for k := 1; k < len(v); k++ {
			if v[k-1] != nil && v[k] != nil {
				want++
			}
		}
		if len(pl.segs) != want {
			t.Errorf("%d line segments drawn, want %d (ours only)", len(pl.segs), want)
		}
	})
}

func TestMissingExtractChart(t *testing.T) {
	// SPEC §3.6: a chart whose extract is missing is a frame saying so, even with nothing
	// to draw.
	s := chart.Spec{ID: "x", Title: "Reoffending", MissingExtract: "disposals"}
	b, err := Render(s, Size{88, 62})
	if err != nil {
		t.Fatal(err)
	}
	if err := Check(b, Size{88, 62}); err != nil {
		t.Error(err)
	}
}

// darkInStrip counts the pixels that are not near white in the rightmost mm of a PNG.
func darkInStrip(t *testing.T, b []byte, mm float64) int {
	t.Helper()
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	r := img.Bounds()
	from := r.Max.X - int(mm/25.4*DPI)
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := from; x < r.Max.X; x++ {
			c, _, _, _ := img.At(x, y).RGBA()
			if c < 0xC000 {
				n++
			}
		}
	}
	return n
}

func TestSparkline(t *testing.T) {
	v := func(f float64) *float64 { return &f }
	size := Size{25, 12}
	spec := func(vals ...*float64) chart.Spec {
		return chart.Spec{ID: "s", Kind: chart.Line, Series: []chart.Series{{Values: vals}}}
	}
	shown, err := Sparkline(spec(v(0.1), v(0.3), v(0.2), v(0.4)), size)
	if err != nil {
		t.Fatal(err)
	}
	hidden, err := Sparkline(spec(v(0.1), v(0.3), v(0.2), nil), size)
	if err != nil {
		t.Fatal(err)
	}
	if err := Check(shown, size); err != nil {
		t.Error(err)
	}
	// The latest point is drawn 1.6 mm from the right edge, its mark 0.9 mm across.
	if darkInStrip(t, shown, 2.4) == 0 {
		t.Fatal("the latest point is not marked: the check below proves nothing")
	}
	if n := darkInStrip(t, hidden, 2.4); n != 0 {
		t.Errorf("SPEC §6: a suppressed latest point is drawn (%d dark pixels at the right edge)", n)
	}
}

func TestNoTextUnderSevenPoints(t *testing.T) {
	for name, size := range map[string]float64{"tick": tickSize, "axis label": labelSize, "value": valueSize, "n": nSize} {
		if size < 7 {
			t.Errorf("%s text is %g pt: under 7 pt is not legible on a printed A4 page", name, size)
		}
	}
}
