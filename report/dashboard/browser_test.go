package dashboard

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/chart/charttest"
)

// skipOrFail skips a test that needs a tool this machine lacks, loudly; under CI (env CI
// set) the tool must be there, so the test fails instead.
func skipOrFail(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("CI is set but %s", why)
	}
	t.Skipf("SKIPPING BROWSER TEST: %s (run scripts/install-test-deps.sh and `make echarts`; under CI this fails)", why)
}

// findBrowser returns a Chromium or Chrome binary, or "".
func findBrowser() string {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// echartsForTest is the real ECharts: embedded when built with the tag, else the asset file
// the Makefile fetches.
func echartsForTest(t *testing.T) []byte {
	t.Helper()
	if js := EmbeddedECharts(); js != nil {
		return js
	}
	js, err := os.ReadFile(filepath.Join("assets", "echarts.min.js"))
	if err != nil {
		skipOrFail(t, "assets/echarts.min.js is missing ("+err.Error()+")")
	}
	return js
}

// pageReport is what the page reports about itself after drawing.
type pageReport struct {
	Plots     int            `json:"plots"`
	Drawn     int            `json:"drawn"`
	Canvases  int            `json:"canvases"`
	Series    []int          `json:"series"`
	Pwned     string         `json:"pwned"`
	Images    int            `json:"images"`
	Scripts   int            `json:"scripts"`
	Text      string         `json:"text"`
	Tooltips  []string       `json:"tooltips"`
	Missing   []string       `json:"missing"`
	Overflow  bool           `json:"overflow"`
	Overlaps  map[string]int `json:"overlaps"`
	TileWidth float64        `json:"tileWidth"`
}

// inspectJS checks every chart container, shows a tooltip on every chart (so the tooltip
// formatter runs on every data string) and reports what it found.
const inspectJS = `(() => {
  const r = {plots: 0, drawn: 0, canvases: 0, series: [], tooltips: [], missing: []};
  document.querySelectorAll('.plot').forEach(el => {
    r.plots++;
    if (el.getAttribute('data-drawn') === '1') r.drawn++;
    if (el.querySelector('canvas')) r.canvases++;
    const inst = echarts.getInstanceByDom(el);
    if (!inst) { r.missing.push(el.id); r.series.push(0); return; }
    const opt = inst.getOption();
    r.series.push(opt.series.filter(s => String(s.id).indexOf('band-') !== 0 && s.data.length > 0).length);
    for (let i = 0; i < opt.xAxis[0].data.length; i++) {
      inst.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: i});
      const tip = el.querySelector('div[style*="z-index"]');
      if (tip) r.tooltips.push(tip.innerText);
    }
    inst.dispatchAction({type: 'hideTip'});
  });
  r.pwned = typeof window.__pwned;
  r.images = document.images.length;
  r.scripts = document.scripts.length;
  r.text = document.body.innerText;
  r.overflow = document.documentElement.scrollWidth > document.documentElement.clientWidth;
  const t = document.querySelector('.tile');
  r.tileWidth = t ? t.getBoundingClientRect().width : 0;
  return r;
})()`

func TestDashboardInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	browser := findBrowser()
	if browser == "" {
		skipOrFail(t, "no Chromium or Chrome binary found on PATH")
	}
	js := echartsForTest(t)

	ind := charttest.Indicators()
	specs := chart.Build(ind)
	cases := []struct {
		name       string
		in         Input
		wantText   []string // must show as text on the page
		wantTip    []string // must show as text in some tooltip
		screenshot string
	}{
		{
			name: "SPEC §5 dashboard of the county-small figures draws every chart",
			in:   Input{Ind: ind, Specs: specs, EChartsJS: js, Marking: "OFFICIAL-SENSITIVE"},
			wantText: []string{
				"OFFICIAL-SENSITIVE", "Headlines", "Reoffending", "First time entrants and custody",
				"Education, training and employment", "Out-of-court disposals", "Victims",
				"30.8%", // binary rate tile: 4 of 13 = 30.77%
			},
			wantTip:    []string{"n = 13 children"},
			screenshot: "dashboard-county-small.png",
		},
		{
			name: "SPEC §6 disclosure control: the same figures with small numbers hidden",
			in: Input{Ind: ind, Specs: chart.ApplyDisclosure(specs), EChartsJS: js, Marking: "OFFICIAL-SENSITIVE",
				Disclosure: true},
			wantText:   []string{"suppressed", "<5", "Disclosure control is on"},
			screenshot: "dashboard-county-small-disclosure.png",
		},
		{
			name: "hostile labels show as text and run nothing, every chart kind draws",
			in:   Input{Ind: ind, Specs: handSpecs(), EChartsJS: js, Marking: "OFFICIAL"},
			wantText: []string{
				hostileScript, hostileFunc, hostileImg,
				"suppressed", // the hidden line point, in its table
			},
			wantTip:    []string{hostileScript, hostileFunc, hostileImg, "95% interval 11.0%–47.0%", "n = 20 children"},
			screenshot: "dashboard-hand-specs.png",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			page := filepath.Join(dir, "dashboard.html")
			f, err := os.Create(page)
			if err != nil {
				t.Fatal(err)
			}
			if err := Render(f, tc.in); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}

			rep, shot, problems := runPage(t, browser, page)
			for _, p := range problems {
				t.Errorf("browser: %s", p)
			}
			if rep.Plots != len(tc.in.Specs) {
				t.Errorf("page has %d chart containers, want %d (one per Spec)", rep.Plots, len(tc.in.Specs))
			}
			if rep.Drawn != rep.Plots || rep.Canvases != rep.Plots || len(rep.Missing) > 0 {
				t.Errorf("charts drawn %d, with canvas %d, of %d; without an ECharts instance: %v",
					rep.Drawn, rep.Canvases, rep.Plots, rep.Missing)
			}
			for i, n := range rep.Series {
				if i < len(tc.in.Specs) && n != len(tc.in.Specs[i].Series) {
					t.Errorf("chart %q: ECharts has %d series with data, want %d", tc.in.Specs[i].ID, n, len(tc.in.Specs[i].Series))
				}
			}
			if rep.Pwned != "undefined" {
				t.Errorf("window.__pwned is %s: a hostile label ran as code", rep.Pwned)
			}
			if rep.Images != 0 {
				t.Errorf("page has %d <img> elements: a hostile label was parsed as HTML", rep.Images)
			}
			// The JSON block, ECharts and app.js: no script element came from data.
			if rep.Scripts != 3 {
				t.Errorf("page has %d <script> elements, want 3", rep.Scripts)
			}
			if rep.Overflow {
				t.Errorf("page scrolls sideways at 1366 px wide")
			}
			for _, s := range tc.wantText {
				if !strings.Contains(rep.Text, s) {
					t.Errorf("page text lacks %q", s)
				}
			}
			tips := strings.Join(rep.Tooltips, "\n")
			for _, s := range tc.wantTip {
				if !strings.Contains(tips, s) {
					t.Errorf("no tooltip shows %q; tooltips:\n%s", s, tips)
				}
			}
			if strings.Contains(rep.Text, "98.8") || strings.Contains(tips, "98.8") {
				t.Errorf("the suppressed value shows on the page")
			}

			out := filepath.Join("testdata", "out")
			if err := os.MkdirAll(out, 0o755); err == nil {
				_ = os.WriteFile(filepath.Join(out, tc.screenshot), shot, 0o644)
				_ = os.WriteFile(filepath.Join(out, strings.TrimSuffix(tc.screenshot, ".png")+".html"), mustRead(t, page), 0o644)
			}
		})
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// runPage opens page from disk in headless Chromium at a 1366 px laptop width with the
// network blocked, waits for every chart to draw, and returns the page's report, a full-page
// PNG and every problem seen: JavaScript exceptions, console errors, browser log errors and
// any request that is not for a local file.
func runPage(t *testing.T, browser, page string) (pageReport, []byte, []string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(browser),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1366, 900),
	)
	defer cancelAlloc()

	var mu sync.Mutex
	var problems []string
	add := func(s string) {
		mu.Lock()
		problems = append(problems, s)
		mu.Unlock()
	}
	tabCtx, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithListener(func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				msg += " " + d.Exception.Description
			}
			add("uncaught exception: " + msg)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				add("console." + string(ev.Type) + ": " + strings.Join(parts, " "))
			}
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError {
				add("browser log error: " + ev.Entry.Text + " " + ev.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			u := ev.Request.URL
			if !strings.HasPrefix(u, "file:") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
				add("network request: " + u)
			}
		}
	}))
	defer cancelTab()

	block := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: []*network.BlockPattern{
			{URLPattern: "http://*:*/*", Block: true}, {URLPattern: "https://*:*/*", Block: true},
			{URLPattern: "ws://*:*/*", Block: true}, {URLPattern: "wss://*:*/*", Block: true},
		}})
		return err
	})
	if err := chromedp.Do(tabCtx, block, chromedp.EmulateViewport(1366, 900), chromedp.Navigate("file://"+page)); err != nil {
		t.Fatalf("open %s: %v", page, err)
	}
	// Every chart sets data-drawn when ECharts reports "finished" (animations included).
	if _, err := chromedp.Run(tabCtx, chromedp.Poll[bool](
		`Array.from(document.querySelectorAll('.plot')).every(el => el.getAttribute('data-drawn') === '1')`,
		chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		add("charts did not all finish drawing: " + err.Error())
	}
	// The screenshot comes first: inspecting opens tooltips.
	shot, err := chromedp.Run(tabCtx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	raw, err := chromedp.Run(tabCtx, chromedp.Evaluate[json.RawMessage](inspectJS))
	if err != nil {
		t.Fatalf("inspect page: %v", err)
	}
	var rep pageReport
	if err := json.Unmarshal(raw, &rep); err != nil {
		t.Fatalf("inspect page: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	return rep, shot, append([]string(nil), problems...)
}
