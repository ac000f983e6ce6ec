package png

import (
	"bytes"
	"os"
	"path/filepath"
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
