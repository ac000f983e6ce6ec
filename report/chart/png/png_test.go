package png

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/chart/charttest"
)

func TestRenderAllDecodesAtPrintedSize(t *testing.T) {
	specs := chart.Build(charttest.Indicators())
	size := func(s chart.Spec) Size { return Size{180, 75} }
	pngs, err := RenderAll(specs, size)
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("CHART_DUMP"); dir != "" {
		for i, b := range pngs {
			os.WriteFile(filepath.Join(dir, specs[i].ID+".png"), b, 0o644)
		}
	}
	for i, b := range pngs {
		if err := Check(b, size(specs[i])); err != nil {
			t.Errorf("%s: %v", specs[i].ID, err)
		}
	}
}

func TestRenderAllKeepsOrder(t *testing.T) {
	specs := chart.Build(charttest.Indicators())
	size := Size{88, 62}
	all, err := RenderAll(specs, func(chart.Spec) Size { return size })
	if err != nil {
		t.Fatal(err)
	}
	// 88 mm at 200 dpi = 88 / 25.4 × 200 = 692.9 → 693 px; 62 mm → 488.2 → 489 px.
	if w, h := size.Pixels(); w != 693 || h != 489 {
		t.Errorf("Pixels() = %d×%d, want 693×489", w, h)
	}
	for i, s := range specs {
		one, err := Render(s, size)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(one, all[i]) {
			t.Errorf("%s: RenderAll result %d is not the chart's own rendering", s.ID, i)
		}
	}
}

func TestCheckRejectsBadImages(t *testing.T) {
	if err := Check([]byte("not a png"), Size{88, 62}); err == nil {
		t.Error("garbage accepted")
	}
	b, err := Render(chart.Build(charttest.Indicators())[0], Size{180, 72})
	if err != nil {
		t.Fatal(err)
	}
	if err := Check(b, Size{88, 62}); err == nil {
		t.Error("a 180×72 mm image passed as 88×62 mm")
	}
}

func TestDisclosedChartRenders(t *testing.T) {
	specs := chart.ApplyDisclosure(chart.Build(charttest.Indicators()))
	if _, err := RenderAll(specs, func(chart.Spec) Size { return Size{180, 72} }); err != nil {
		t.Fatal(err)
	}
}

func TestAxisAndPointLabels(t *testing.T) {
	pct := chart.Spec{Percent: true}
	counts := chart.Spec{}
	rate := chart.Spec{Decimals: 1}
	v := func(f float64) *float64 { return &f }
	for _, c := range []struct {
		name, got, want string
	}{
		{"a percentage tick on a 10-point step is whole", axisValue(0.3, 0.1, pct), "30%"},
		{"a percentage tick on a 2.5-point step has one place", axisValue(0.075, 0.025, pct), "7.5%"},
		{"ticks above 100% are left blank", axisValue(1.1, 0.1, pct), ""},
		{"count ticks have thousands separators", axisValue(2000, 500, counts), "2,000"},
		{"a tick on a 0.25 step has two places", axisValue(0.5, 0.25, counts), "0.50"},
		// 4 / 13 = 30.77% → 30.8%, as the table beside the chart and the tile say.
		{"a percentage point label has 1 dp like every percentage", valueText(pct, chart.Series{Values: []*float64{v(4.0 / 13)}}, 0), "30.8%"},
		// 15 / 4,800 × 100,000 = 312.5 → 313 (half away from zero) on a point.
		{"a label of 100 or more is a whole number", valueText(rate, chart.Series{Values: []*float64{v(312.5)}}, 0), "313"},
		{"a smaller rate keeps the Spec's decimals", valueText(rate, chart.Series{Values: []*float64{v(61.24)}}, 0), "61.2"},
		{"a suppressed point shows its label", valueText(pct, chart.Series{Values: []*float64{nil}, Labels: []string{"suppressed"}}, 0), "suppressed"},
		{"a missing value is n/a", valueText(pct, chart.Series{Values: []*float64{nil}}, 0), "n/a"},
		{"n under a bar has separators", countText(1234, true), "1,234"},
		{"SPEC §6: n of 1–4 is <5 under disclosure control", countText(3, true), "<5"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
}

func TestHostileTextIsDrawnPrintable(t *testing.T) {
	// Labels from the data may hold anything; the chart draws them through the PDF's
	// sanitiser and label rule whoever built the Spec.
	s := chart.Build(charttest.Indicators())[0]
	s.Categories[0] = "Leeds\x00 😀 שלום\tNorth " + strings.Repeat("x", 100000)
	s.Series[0].Name = "Cafe\u0301 👍🏽"
	s.XLabel = "axis\u200b ✓"
	got := printable(s)
	for _, c := range []struct{ name, got, want string }{
		{"a category is sanitised and cut as a label", got.Categories[0], "Leeds □ □□□□ North " + strings.Repeat("x", 60) + "…"}, // 19 + 60 + 1 = MaxLabel
		{"a series name is sanitised", got.Series[0].Name, "Café □"},
		{"every other string is sanitised", got.XLabel, "axis □"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	if s.Categories[0][:5] != "Leeds" || s.Series[0].Name != "Cafe\u0301 👍🏽" {
		t.Error("the caller's Spec was changed")
	}
	b, err := Render(s, Size{180, 72})
	if err != nil {
		t.Fatal(err)
	}
	if err := Check(b, Size{180, 72}); err != nil {
		t.Error(err)
	}
}
