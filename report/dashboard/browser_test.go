package dashboard

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
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
	Plots        int            `json:"plots"`
	Drawn        int            `json:"drawn"`
	Canvases     int            `json:"canvases"`
	Sparks       int            `json:"sparks"`
	SparksDrawn  int            `json:"sparksDrawn"`
	Fallbacks    int            `json:"fallbacks"`
	Series       map[string]int `json:"series"`
	Pwned        string         `json:"pwned"`
	Images       int            `json:"images"`
	Scripts      int            `json:"scripts"`
	Text         string         `json:"text"`
	Tooltips     []string       `json:"tooltips"`
	Missing      []string       `json:"missing"`
	Overflow     bool           `json:"overflow"`
	OverflowOpen bool           `json:"overflowOpen"`
	Width        int            `json:"width"`
	Wide         []string       `json:"wide"`
	TilesPerRow  int            `json:"tilesPerRow"`
}

// inspectJS checks every chart container, shows a tooltip on every chart (so the tooltip
// formatter runs on every data string) and reports what it found, then opens every table of
// figures and looks again for sideways scrolling.
const inspectJS = `(() => {
  const r = {plots: 0, drawn: 0, canvases: 0, sparks: 0, sparksDrawn: 0, fallbacks: 0, series: {}, tooltips: [], missing: []};
  const doc = document.documentElement;
  r.overflow = doc.scrollWidth > doc.clientWidth;
  r.width = doc.clientWidth;
  const tops = Array.from(document.querySelectorAll('.tile')).map(t => Math.round(t.getBoundingClientRect().top));
  r.tilesPerRow = tops.filter(t => t === tops[0]).length;
  document.querySelectorAll('.spark').forEach(el => {
    r.sparks++;
    if (el.getAttribute('data-drawn') === '1') r.sparksDrawn++;
  });
  document.querySelectorAll('.plot').forEach(el => {
    r.plots++;
    if (el.classList.contains('plot-missing')) r.fallbacks++;
    if (el.getAttribute('data-drawn') === '1') r.drawn++;
    if (el.querySelector('canvas')) r.canvases++;
    if (typeof echarts === 'undefined') return;
    const inst = echarts.getInstanceByDom(el);
    if (!inst) { r.missing.push(el.id); return; }
    const opt = inst.getOption();
    r.series[el.id] = opt.series.filter(s => String(s.id).indexOf('band-') !== 0 && s.data.length > 0).length;
    const horiz = opt.yAxis[0].type === 'category';
    const cats = (horiz ? opt.yAxis[0] : opt.xAxis[0]).data;
    for (let i = 0; i < cats.length; i++) {
      inst.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: i});
      const tip = el.querySelector('div[style*="z-index"]');
      if (tip) r.tooltips.push(tip.innerText);
    }
    inst.dispatchAction({type: 'hideTip'});
  });
  r.pwned = typeof window.__pwned;
  r.images = document.images.length;
  r.scripts = document.scripts.length;
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  r.overflowOpen = doc.scrollWidth > doc.clientWidth;
  r.wide = Array.from(document.querySelectorAll('body *')).filter(e => !e.closest('.tablewrap') &&
    e.getBoundingClientRect().right > doc.clientWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + String(e.textContent).slice(0, 40));
  r.text = document.body.innerText;
  return r;
})()`

// cdnMode says how a page without inlined ECharts meets its CDN in the test.
type cdnMode int

const (
	cdnNone    cdnMode = iota // ECharts is inlined; every network request is a failure
	cdnBlocked                // no network: the page must say so and keep its tables
	cdnServed                 // the pinned CDN URL answers with the npm file: SRI and CSP must let it run
)

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
	v2, plan, commentary := hostileV2()
	v2specs := chart.Build(v2)
	hostile := []string{hostileScript, hostileFunc, hostileImg}
	cases := []struct {
		name       string
		in         Input
		cdn        cdnMode
		wantText   []string // must show as text on the page
		wantTip    []string // must show as text in some tooltip
		screenshot string
	}{
		{
			name: "SPEC §5 dashboard of the county-small figures draws every chart",
			in:   Input{Ind: ind, Specs: specs, EChartsJS: js, Marking: "OFFICIAL-SENSITIVE"},
			wantText: []string{
				"OFFICIAL-SENSITIVE", "Headlines", "Areas of concern", "Reoffending", "First time entrants and custody",
				"Education, training and employment", "Out-of-court disposals", "Victims", "Improvement plan",
				"30.8%", // binary rate tile: 4 of 13 = 30.77%
				"Previous cohort (2016/17 Q4)", "Table of figures",
			},
			wantTip:    []string{"n = 13 children"},
			screenshot: "county-small",
		},
		{
			name: "SPEC §6 disclosure control: the same figures with small numbers hidden",
			in: Input{Ind: ind, Specs: chart.ApplyDisclosure(specs), EChartsJS: js, Marking: "OFFICIAL-SENSITIVE",
				Disclosure: true},
			wantText:   []string{"suppressed", "<5", "Disclosure control is on"},
			screenshot: "county-small-disclosure",
		},
		{
			name: "hostile labels show as text and run nothing, every chart kind draws",
			in:   Input{Ind: ind, Specs: handSpecs(), EChartsJS: js, Marking: "OFFICIAL"},
			wantText: append([]string{
				"suppressed", // the hidden line point, in its table
			}, hostile...),
			wantTip:    append([]string{"95% interval 11.0%–47.0%", "n = 20 children"}, hostile...),
			screenshot: "hand-specs",
		},
		{
			name: "hostile question wording, partner and comparator names, plan and commentary stay text (SPEC v2 sections)",
			in: Input{Ind: v2, Specs: v2specs, EChartsJS: js, Marking: "OFFICIAL", Plan: plan, HasPlan: true,
				Commentary: commentary},
			wantText: append([]string{"Asks of the board", "Needs and wider services", "Children's and families' views",
				"Partnership", "Approve the revised plan"}, hostile...),
			wantTip:    hostile,
			screenshot: "v2-hostile",
		},
		{
			name: "the sample report of make report (SPEC v2, disclosure control on) draws every chart and fits a phone",
			in:   sampleInput(t, js),
			wantText: []string{"Asks of the board", "Needs and wider services", "Children's and families' views",
				"Partnership", "England and Wales", "Cohorts still being counted"},
			screenshot: "sample",
		},
		{
			name:       "without ECharts and without a network the page says so and keeps every table",
			in:         Input{Ind: ind, Specs: specs, Marking: "OFFICIAL"},
			cdn:        cdnBlocked,
			wantText:   []string{"The interactive chart needs ECharts", "Table of figures", "30.8%"},
			screenshot: "cdn-blocked",
		},
		{
			name:       "the pinned CDN copy, checked by its integrity hash, draws every chart",
			in:         Input{Ind: ind, Specs: specs, Marking: "OFFICIAL"},
			cdn:        cdnServed,
			wantTip:    []string{"n = 13 children"},
			screenshot: "cdn-served",
		},
	}
	for _, tc := range cases {
		for _, width := range []int{390, 1400} {
			t.Run(tc.name+"/"+strconv.Itoa(width)+"px", func(t *testing.T) {
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

				rep, shot, problems := runPage(t, browser, page, width, tc.cdn, js)
				for _, p := range problems {
					t.Errorf("browser: %s", p)
				}
				drawable := 0
				for i := range tc.in.Specs {
					if tc.in.Specs[i].MissingExtract == "" {
						drawable++
					}
				}
				if rep.Plots != drawable {
					t.Errorf("page has %d chart containers, want %d (one per Spec)", rep.Plots, drawable)
				}
				if tc.cdn == cdnBlocked {
					if rep.Fallbacks != rep.Plots || rep.Drawn != 0 {
						t.Errorf("%d of %d charts say ECharts is missing (%d drawn), want all", rep.Fallbacks, rep.Plots, rep.Drawn)
					}
				} else {
					if rep.Drawn != rep.Plots || rep.Canvases != rep.Plots || len(rep.Missing) > 0 {
						t.Errorf("charts drawn %d, with canvas %d, of %d; without an ECharts instance: %v",
							rep.Drawn, rep.Canvases, rep.Plots, rep.Missing)
					}
					if rep.SparksDrawn != rep.Sparks {
						t.Errorf("sparklines drawn %d of %d", rep.SparksDrawn, rep.Sparks)
					}
					for i := range tc.in.Specs {
						el := "chart-" + strconv.Itoa(i)
						if n, ok := rep.Series[el]; ok && n != len(tc.in.Specs[i].Series) {
							t.Errorf("chart %q: ECharts has %d series with data, want %d", tc.in.Specs[i].ID, n, len(tc.in.Specs[i].Series))
						}
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
				if rep.Overflow || rep.OverflowOpen {
					t.Errorf("page scrolls sideways at %d px wide (tables of figures closed: %v, open: %v); too wide: %q", width, rep.Overflow, rep.OverflowOpen, rep.Wide)
				}
				if width == 390 && rep.TilesPerRow > 1 {
					t.Errorf("%d tiles side by side at 390 px, want them stacked", rep.TilesPerRow)
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
				// YJS_SCREENSHOTS=dir keeps a full-page screenshot of each case, to look at.
				if out := os.Getenv("YJS_SCREENSHOTS"); out != "" {
					name := tc.screenshot + "-" + strconv.Itoa(width)
					if err := os.WriteFile(filepath.Join(out, name+".png"), shot, 0o644); err != nil {
						t.Error(err)
					}
					_ = os.WriteFile(filepath.Join(out, name+".html"), mustRead(t, page), 0o644)
				}
			})
		}
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

// runPage opens page from disk in headless Chromium at the given width (390 px is a phone)
// with the network blocked, except that in cdnServed mode the pinned CDN URL is answered with
// js; it waits for every chart to draw, and returns the page's report, a full-page PNG and
// every problem seen: JavaScript exceptions, console errors, browser log errors and any
// request that is not for a local file (the CDN's, when that is the test).
func runPage(t *testing.T, browser, page string, width int, cdn cdnMode, js []byte) (pageReport, []byte, []string) {
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
		chromedp.WindowSize(width, 900),
	)
	defer cancelAlloc()

	var mu sync.Mutex
	var problems []string
	add := func(s string) {
		if cdn != cdnNone && strings.Contains(s, EChartsCDN) {
			return // the page's own CDN request, which this test answers or blocks on purpose
		}
		if cdn == cdnBlocked && strings.Contains(s, "ERR_BLOCKED_BY_CLIENT") {
			return
		}
		mu.Lock()
		problems = append(problems, s)
		mu.Unlock()
	}
	var tabCtx context.Context
	tc, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithListener(func(ev any) {
		switch ev := ev.(type) {
		case *fetch.EventRequestPaused:
			// Only the CDN URL is intercepted (cdnServed): answer it with the npm file, with
			// the CORS header jsDelivr sends, so the browser checks the integrity hash.
			id := ev.RequestID
			go func() {
				_, err := chromedp.Call(tabCtx, fetch.FulfillRequest, fetch.FulfillRequestParams{
					RequestID: id, ResponseCode: 200, Body: js,
					ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "application/javascript; charset=utf-8"},
						{Name: "Access-Control-Allow-Origin", Value: "*"}},
				})
				if err != nil {
					add("fulfil the CDN request: " + err.Error())
				}
			}()
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
	tabCtx = tc
	defer cancelTab()

	block := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		var patterns []*network.BlockPattern
		if cdn == cdnServed {
			// Earlier patterns win: the CDN URL goes on to the interception below.
			patterns = append(patterns, &network.BlockPattern{URLPattern: EChartsCDN, Block: false})
		}
		patterns = append(patterns,
			&network.BlockPattern{URLPattern: "http://*:*/*", Block: true}, &network.BlockPattern{URLPattern: "https://*:*/*", Block: true},
			&network.BlockPattern{URLPattern: "ws://*:*/*", Block: true}, &network.BlockPattern{URLPattern: "wss://*:*/*", Block: true})
		_, err := cdp.Call(ctx, tg, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: patterns})
		return err
	})
	steps := []chromedp.Action[chromedp.Void]{block}
	if cdn == cdnServed {
		steps = append(steps, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: EChartsCDN}}})
			return err
		}))
	}
	steps = append(steps, chromedp.EmulateViewport(int64(width), 900), chromedp.Navigate("file://"+page))
	if err := chromedp.Do(tabCtx, steps...); err != nil {
		t.Fatalf("open %s: %v", page, err)
	}
	// Every chart sets data-drawn when ECharts reports "finished" (animations included); without
	// ECharts each says so instead.
	done := `Array.from(document.querySelectorAll('.plot, .spark')).every(el => el.getAttribute('data-drawn') === '1')`
	if cdn == cdnBlocked {
		done = `Array.from(document.querySelectorAll('.plot')).every(el => el.classList.contains('plot-missing'))`
	}
	if _, err := chromedp.Run(tabCtx, chromedp.Poll[bool](done, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
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
