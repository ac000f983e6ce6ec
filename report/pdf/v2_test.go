package pdf

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"

	"github.com/yjsreport/yjsreport/calendar"
	yconfig "github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/ingest"
	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart"
)

// kpisAsks is the officer's "Asks of the board" of the kpis fixture.
const kpisAsks = "- Agree to fund a second triage slot from April.\n- Ask the Director of Education to report on post-16 places."

// kpisInput is the county-kpis worked example (testdata/kpis: every extract of SPEC v2, 220
// children, disclosure control on, targets for the new headlines), read and computed as the
// CLI does, with an officer's commentary that asks the board for two decisions.
func kpisInput(t testing.TB) Input {
	t.Helper()
	f, err := os.Open("testdata/kpis-config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := yconfig.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	asOf := calendar.New(2019, 1, 31)
	ds, err := ingest.ReadDir("testdata/kpis", ingest.Options{AsOf: asOf, Columns: cfg.Columns, Codes: cfg.Codes})
	if err != nil {
		t.Fatal(err)
	}
	q, err := calendar.ParseQuarter("2018/19 Q3")
	if err != nil {
		t.Fatal(err)
	}
	ind := report.Compute(ds, q, asOf, cfg)
	return Input{Ind: ind, Specs: chart.Build(ind), Plan: ds.Plan, HasPlan: ds.HasPlan, Quality: QualityRows(ds.Problems),
		Commentary: map[string]string{"asks": kpisAsks}, Config: cfg, AsOf: asOf, Version: "test"}
}

// pdfPagesText returns the text of pages first to last of the PDF at path.
func pdfPagesText(t *testing.T, path string, first, last int) string {
	t.Helper()
	return squash(run(t, "pdftotext", "-f", fmt.Sprint(first), "-l", fmt.Sprint(last), path, "-"))
}

func TestBoardReportV2(t *testing.T) {
	in := kpisInput(t)
	path := writePDF(t, in)
	flat := squash(run(t, "pdftotext", path, "-"))
	raw := run(t, "pdftotext", "-layout", path, "-")
	front := pdfPagesText(t, path, 1, 4)

	t.Run("the new sections are present", func(t *testing.T) {
		for _, h := range []string{TitleScorecard, TitleAsks, TitleNeeds, TitleViews, TitlePartnership} {
			if !strings.Contains(flat, h) {
				t.Errorf("heading %q missing", h)
			}
		}
	})
	t.Run("SPEC 5: the asks of the board are on the first four pages", func(t *testing.T) {
		for _, s := range []string{TitleAsks, "Agree to fund a second triage slot from April.", "Ask the Director of Education to report on post-16 places."} {
			if !strings.Contains(front, s) {
				t.Errorf("%q is not on pages 1–4", s)
			}
		}
	})
	t.Run("the cover says how many asks and areas of concern the pack holds", func(t *testing.T) {
		want := fmt.Sprintf("This quarter: 2 asks of the board and %d areas of concern, after the scorecard.", len(in.Ind.AreasOfConcern))
		if cover := pdfPagesText(t, path, 1, 1); !strings.Contains(cover, want) {
			t.Errorf("cover lacks %q", want)
		}
	})
	t.Run("SPEC 5: every tile carries its comparators, on the first pages", func(t *testing.T) {
		// Binary rate, cohort 2017/18 Q1: England and Wales 0.338, YOT family 0.391.
		// Feedback 2018/19 Q3: England and Wales 0.643, YOT family 0.739.
		for _, s := range []string{"England and Wales 33.8% · YOT family 39.1%", "England and Wales 64.3% · YOT family 73.9%"} {
			if !strings.Contains(front, s) {
				t.Errorf("%q is not on pages 1–4", s)
			}
		}
	})
	t.Run("SPEC 4.9: the scorecard shows a comparator's figure with our difference", func(t *testing.T) {
		// Feedback: ours 11/15 = 73.3%, Wilson interval 48.0%–89.1%; England and Wales 64.3%:
		// 73.33 − 64.3 = +9.0 pts; YOT family 73.9%: 73.33 − 73.9 = −0.6 pts.
		if !regexp.MustCompile(`73\.3%\s+48\.0%–89\.1%.*64\.3%\s+73\.9%`).MatchString(raw) {
			t.Error("no scorecard row for feedback with both comparators")
		}
		for _, s := range []string{"+9.0 pts", "−0.6 pts"} {
			if !strings.Contains(front, s) {
				t.Errorf("difference %q missing", s)
			}
		}
	})
	t.Run("SPEC 6: the tiles' figures are suppressed on fewer than 5, and shown otherwise", func(t *testing.T) {
		// Shown: 7 of 22 = 31.8%; FTE 39 × 100,000 / 7,200 = 541.7; accommodation 10 of 12 =
		// 83.3%. Hidden: victims' RJ 1 of 2; SEND 2 of 3; mental health 1 of 1; substance
		// misuse 1 of 3; wider services 4 of 12 (a numerator of 1–4).
		for _, s := range []string{"31.8% 7 of 22", "541.7", "83.3% 10 of 12", "suppressed <5 of <5", "suppressed <5 of 12"} {
			if !strings.Contains(front, s) {
				t.Errorf("%q missing from the first pages", s)
			}
		}
		for _, s := range []string{"33.3% 4 of 12", "66.7% 2 of 3", "50.0% 1 of 2"} {
			if strings.Contains(flat, s) {
				t.Errorf("%q shown under disclosure control", s)
			}
		}
	})
	t.Run("SPEC 6: board attendance is not suppressed", func(t *testing.T) {
		// 11 of 12 places: 91.7%; Police 1 of 2 meetings (a count below 5, of organisations).
		for _, s := range []string{"91.7% 11 of 12", "Police (1 of 2 meetings)"} {
			if !strings.Contains(flat, s) {
				t.Errorf("%q missing", s)
			}
		}
		// The tile too, where a children's rate of 3 of 4 would read "suppressed": the same
		// input with 3 of 4 places attended this quarter.
		small := kpisInput(t)
		h := small.Ind.Headline("board_attendance_rate")
		v := 0.75
		h.Current.Numerator, h.Current.Denominator, h.Current.Value = 3, 4, &v
		// (pdftotext runs the tiles of a row together, so the figure and its n are looked for apart.)
		if tiles := pdfPagesText(t, writePDF(t, small), 2, 2); !strings.Contains(tiles, "75.0%") || !strings.Contains(tiles, " 3 of 4 ") {
			t.Errorf("board attendance of 3 of 4 is not shown on its tile")
		}
	})
	t.Run("SPEC 4.8: partners below the board's expectation are named", func(t *testing.T) {
		// Target 90%: Police attended 1 of 2 (50%); every other partner 2 of 2.
		if !strings.Contains(flat, "Below the board's expectation (attendance of 90.0% or more): Police (1 of 2 meetings).") {
			t.Error("Police not named below the board's expectation")
		}
	})
	t.Run("SPEC 4.7: the questions are printed in the questionnaire's wording, answers only counted", func(t *testing.T) {
		for _, q := range []string{"My worker listens to me", "I understand my plan", "I feel safer than before",
			"Would you recommend the service to a friend?", "I was kept informed", "My child's worker listened to me", "Things are better at home"} {
			if !strings.Contains(flat, q) {
				t.Errorf("question %q missing", q)
			}
		}
		// "I understand my plan": 4 positive of 4 answered: a count below 5 is "<5" and the
		// share suppressed (4 is 1–4).
		if !regexp.MustCompile(`I understand my plan\s+<5\s+<5\s+0\s+0\s+0\s+suppressed`).MatchString(raw) {
			t.Error("\"I understand my plan\" is not 4 answers, all positive, under disclosure control")
		}
	})
	t.Run("SPEC 4.6: needs figures", func(t *testing.T) {
		// Accommodation at the start 9 of 12 = 75.0%, at the end 10 of 12 = 83.3%.
		for _, re := range []string{`In suitable accommodation at the start\s+12\s+9\s+75\.0%`, `In suitable accommodation at the end\s+12\s+10\s+83\.3%`,
			// SEND identified 3 of 12: a count of 1–4, its share suppressed.
			`With an identified SEND need\s+12\s+<5\s+suppressed`} {
			if !regexp.MustCompile(re).MatchString(raw) {
				t.Errorf("no row matching %s", re)
			}
		}
	})
	t.Run("SPEC 4.9: a red indicator with no linked action says so", func(t *testing.T) {
		// FTE, above-school-age ETE, accommodation and substance misuse are red; the kpis
		// plan links no action to any of them.
		if n := strings.Count(flat, "No action in the improvement plan is linked to this indicator. The board may wish to ask for one."); n != 4 {
			t.Errorf("the missing link is said %d times, want 4", n)
		}
	})
	t.Run("every headline's figure, as its tile writes it, is on the first pages", func(t *testing.T) {
		r := &builder{in: in, disclose: true}
		for i := range in.Ind.Headlines {
			h := &in.Ind.Headlines[i]
			v := r.headlineValue(h)
			if !strings.Contains(front, v) {
				t.Errorf("%s: %q not on the first pages", h.Indicator, v)
			}
		}
	})
}

// TestHeadlineValuesAgreeWithIndicators checks the tiles' figure against indicators.json's
// values, formatted by hand from their numerators and denominators (SPEC §4.9).
func TestHeadlineValuesAgreeWithIndicators(t *testing.T) {
	in := kpisInput(t)
	r := &builder{in: in, disclose: false}
	for _, c := range []struct{ name, want string }{
		{"binary_reoffending_rate", "31.8%"},    // 7 / 22 = 0.31818
		{"frequency_rate", "0.36"},              // 8 / 22 = 0.3636
		{"fte_rate_per_100k", "541.7"},          // 39 × 100,000 / 7,200 = 541.67
		{"custody_share", "0.0%"},               // 0 / 5
		{"ete_suitable_end", "41.7%"},           // 5 / 12
		{"oocd_completion_rate", "77.8%"},       // 7 / 9
		{"oocd_timeliness_rate", "66.7%"},       // 10 / 15
		{"victim_rj_rate", "50.0%"},             // 1 / 2
		{"accommodation_suitable_end", "83.3%"}, // 10 / 12
		{"substance_misuse_need_met", "33.3%"},  // 1 / 3
		{"board_attendance_rate", "91.7%"},      // 11 / 12
	} {
		h := r.in.Ind.Headline(c.name)
		if h == nil {
			t.Errorf("%s: no headline", c.name)
			continue
		}
		if got := r.headlineValue(h); got != c.want {
			t.Errorf("%s: tile reads %q, want %q", c.name, got, c.want)
		}
	}
}

func TestDisclosureHidesComparatorDifference(t *testing.T) {
	// Custody: 1 of 16 is hidden; England and Wales published 6.6% for the quarter. Ours −
	// theirs = 6.25 − 6.6 = −0.35 pts, written "−0.4 pts" (half away from zero): it would
	// give our hidden figure back, so it must not be printed.
	in := fixtureInput(t)
	in.Config.DisclosureControl = true
	for i := range in.Ind.Headlines {
		h := &in.Ind.Headlines[i]
		if h.Indicator == "custody_share" {
			ours, diff := 1.0/16, 1.0/16-0.066
			h.Current.Comparators = []report.ComparatorResult{{Indicator: h.Indicator, Comparator: "England and Wales",
				Period: h.Current.Period, Value: 0.066, Ours: &ours, Difference: &diff}}
		}
	}
	flat := squash(run(t, "pdftotext", writePDF(t, in), "-"))
	if !strings.Contains(flat, "England and Wales 6.6%") {
		t.Error("the comparator's own figure (about organisations) is not shown")
	}
	if strings.Contains(flat, "−0.4") {
		t.Error("the difference from a hidden figure is shown")
	}
	in.Config.DisclosureControl = false
	flat = squash(run(t, "pdftotext", writePDF(t, in), "-"))
	if !strings.Contains(flat, "−0.4 pts") {
		t.Error("without disclosure control the difference −0.4 pts is not shown: the check above proves nothing")
	}
}

func TestPartialQuarterAndMissingExtract(t *testing.T) {
	in := kpisInput(t)
	// As generate --partial would give them: the quarter not over on the as-of date, and no
	// ete extract (its headlines then carry MissingExtract, their values null).
	in.Ind.PartQuarter = true
	in.AsOf = calendar.New(2018, 12, 15)
	in.Ind.MissingExtracts = []string{"ete"}
	ete := map[string]bool{}
	for i := range in.Ind.Headlines {
		h := &in.Ind.Headlines[i]
		if chart.HeadlineSection(h.Indicator) == chart.SectionETE || chart.HeadlineSection(h.Indicator) == chart.SectionNeeds {
			h.MissingExtract = "ete"
			h.Current.Value = nil
			ete[h.Indicator] = true
		}
	}
	in.Specs = chart.Build(in.Ind)
	path := writePDF(t, in)
	pages := pdfPages(t, path)

	t.Run("SPEC 2: every page says part quarter: data to the as-of date", func(t *testing.T) {
		flat := squash(run(t, "pdftotext", path, "-"))
		if n := strings.Count(flat, "Part quarter: data to 15 December 2018"); n < pages {
			t.Errorf("said on %d of %d pages", n, pages)
		}
	})
	t.Run("SPEC 3.6: the cover and the first page name the missing extract", func(t *testing.T) {
		for p := 1; p <= 2; p++ {
			if !strings.Contains(pdfPagesText(t, path, p, p), "no ete extract was supplied") {
				t.Errorf("page %d does not name the missing ete extract", p)
			}
		}
	})
	t.Run("SPEC 3.6: a figure that depends on it reads no extract, not n/a or 0", func(t *testing.T) {
		front := pdfPagesText(t, path, 2, 3)
		// Eight headlines depend on the ete extract; each reads "no extract" on its tile
		// and in the scorecard.
		if n := strings.Count(front, "no extract"); n < 2*len(ete) {
			t.Errorf("\"no extract\" appears %d times on pages 2–3, want at least %d", n, 2*len(ete))
		}
		if strings.Contains(front, "n/a") {
			t.Error("a figure on pages 2–3 reads n/a")
		}
	})
}

// TestPagesFilled checks the layout rule of issue 12: no page is filled to less than a
// third, except the cover and the last page of a section.
func TestPagesFilled(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   func(testing.TB) Input
	}{
		{"sample-like fixture", fixtureInput},
		{"200 data-quality groups and 60 plan actions", longInput},
		{"county-kpis, disclosure control on", kpisInput},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, f, err := layout(tc.in(t))
			if err != nil {
				t.Fatal(err)
			}
			content := usableH - f.headerH - f.footerH
			if len(f.pages) < 3 {
				t.Fatalf("%d pages recorded", len(f.pages))
			}
			if !f.pages[0].sectionEnd || !f.pages[len(f.pages)-1].sectionEnd {
				t.Error("the cover and the last page are not recorded as the ends of sections")
			}
			for i, p := range f.pages[1:] {
				if !p.sectionEnd && p.used < content/3 {
					t.Errorf("page %d is %.0f%% full", i+2, 100*p.used/content)
				}
			}
		})
	}
}

// TestTableSplitKeepsThreeRows checks the rule of issue 12: a table split by a page break
// leaves at least three of its rows (its total row counted with the last) on each page.
func TestTableSplitKeepsThreeRows(t *testing.T) {
	meas, err := newMeasurer()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 4, 5, 6, 7, 10} {
		for _, withTotal := range []bool{false, true} {
			// Start the table at every height on the page, in steps of a third of a row.
			for fill := 0.0; fill < usableH-16; fill += 2 {
				name := fmt.Sprintf("%d rows, total %v, %g mm used", n, withTotal, fill)
				m := maroto.New(config.NewBuilder().WithPageSize(pagesize.A4).
					WithLeftMargin(marginL).WithTopMargin(marginT).WithRightMargin(marginR).WithBottomMargin(marginB).
					WithMaxGridSize(grid).Build())
				if err := m.RegisterHeader(row.New(7), row.New(3)); err != nil {
					t.Fatal(err)
				}
				if err := m.RegisterFooter(row.New(6)); err != nil {
					t.Fatal(err)
				}
				f := &flow{m: m, meas: meas, headerH: 10, footerH: 6, used: 10}
				if fill > 0 {
					f.add(fill)
				}
				tb := table{cols: []column{{"Group", 40, align.Left}, {"Children", 20, align.Right}}}
				for i := 0; i < n; i++ {
					tb.rows = append(tb.rows, []tcell{txt(fmt.Sprintf("row%d", i)), num("1")})
				}
				if withTotal {
					tb.total = []tcell{txt(fmt.Sprintf("row%d", n)), num("9")}
				}
				f.table(tb)
				rows := n
				if withTotal {
					rows++
				}
				for p, page := range m.GetStructure().GetNexts() {
					got := countTexts(page, "row")
					if got > 0 && got < min(3, rows) {
						t.Errorf("%s: page %d holds %d of the table's %d rows", name, p+1, got, rows)
					}
				}
			}
		}
	}
}

// countTexts counts the text components under n whose value starts with prefix.
func countTexts(n *node.Node[core.Structure], prefix string) int {
	c := 0
	if s, ok := n.GetData().Value.(string); ok && strings.HasPrefix(s, prefix) {
		c++
	}
	for _, k := range n.GetNexts() {
		c += countTexts(k, prefix)
	}
	return c
}

// TestNoHeadingAtPageFoot checks that a heading is never the last thing on a page: it moves
// to the next page with what it heads. A heading is told by its size (pdftotext's word boxes
// are as tall as the font): the section and sub-section headings are 11 pt or more, nothing
// else printed below a tile's figure is above 10 pt.
func TestNoHeadingAtPageFoot(t *testing.T) {
	const ptPerMM = 72 / 25.4
	footerTop := (pageH - marginB - 6) * ptPerMM
	for _, tc := range []struct {
		name string
		in   func(testing.TB) Input
	}{
		{"sample-like fixture", fixtureInput},
		{"county-kpis, disclosure control on", kpisInput},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pages := pagesWords(t, writePDF(t, tc.in(t)))
			for i, words := range pages[1 : len(pages)-1] {
				var last []bboxWord
				for _, w := range words {
					if w.yMax >= footerTop {
						continue
					}
					switch {
					case len(last) == 0 || w.yMin > last[0].yMin+1:
						last = []bboxWord{w}
					case w.yMin > last[0].yMin-1:
						last = append(last, w)
					}
				}
				if len(last) > 0 && last[0].yMax-last[0].yMin > 12.5 {
					var text []string
					for _, w := range last {
						text = append(text, w.text)
					}
					t.Errorf("page %d ends with the heading %q", i+2, strings.Join(text, " "))
				}
			}
		})
	}
}
