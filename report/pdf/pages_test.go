package pdf

import (
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"

	"github.com/yjsreport/yjsreport/ingest"
)

// longInput is the fixture with a data-quality appendix of 200 groups and an improvement plan
// of 60 actions of mixed length, so tables run over many pages and page breaks fall at many
// different heights.
func longInput(t testing.TB) Input {
	t.Helper()
	in := fixtureInput(t)
	files := []struct{ file, sheet string }{
		{"disposals.xlsx", "2015-2017"}, {"disposals.xlsx", "2017-2019"}, {"ete.csv", ""},
		{"oocd.xlsx", "OOCD"}, {"victims.csv", ""}, {"improvement_plan.xlsx", "Action Plan"},
	}
	columns := []string{"offence_date", "outcome_type", "", "gravity_score", "consented_to_contact", "intervention_end", "date_of_birth"}
	rules := []string{"not a date", "two-digit year", "required value blank", "duplicate row",
		"outcome_date before offence_date", "after the as-of date",
		"unknown outcome_type: not one of the codes listed for this extract in the data specification, so the row cannot be counted"}
	sev := []string{"rejected", "warning", "duplicate"}
	in.Quality = nil
	for i := 0; i < 200; i++ {
		f := files[i%len(files)]
		in.Quality = append(in.Quality, QualityRow{File: f.file, Sheet: f.sheet, Column: columns[i%len(columns)],
			Rule: rules[i%len(rules)], Severity: sev[i%len(sev)], Count: 1 + i%17})
	}
	sentence := "Review the referral pathway with partners and report progress to the board. "
	in.Plan = nil
	for i := 0; i < 60; i++ {
		in.Plan = append(in.Plan, ingest.Action{
			Recommendation: fmt.Sprintf("Recommendation %d on the quality of practice", i+1),
			Action:         strings.Repeat(sentence, 1+i%6),
			Owner:          "Head of Service",
			DueDate:        in.AsOf.AddMonths(i%7 - 3),
			RAG:            []ingest.RAG{ingest.Red, ingest.Amber, ingest.Green, ingest.Complete}[i%4],
			Progress:       strings.Repeat("On track; partners engaged. ", 1+i%4),
		})
	}
	return in
}

// bboxWord is one word of `pdftotext -bbox`, its box in points from the top of the page.
type bboxWord struct {
	yMin, yMax float64
	text       string
}

var (
	bboxPageRE = regexp.MustCompile(`<page width="[\d.]+" height="[\d.]+">`)
	bboxWordRE = regexp.MustCompile(`<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>`)
	pdfPagesRE = regexp.MustCompile(`Pages:\s+(\d+)`)
	labelRE    = regexp.MustCompile(`Page \d+ of \d+`)
	digitsRE   = regexp.MustCompile(`^\d+$`)
)

// pagesWords returns the words of every page of the PDF at path.
func pagesWords(t *testing.T, path string) [][]bboxWord {
	t.Helper()
	out := run(t, "pdftotext", "-bbox", path, "-")
	parts := bboxPageRE.Split(out, -1)[1:]
	pages := make([][]bboxWord, len(parts))
	for i, p := range parts {
		for _, m := range bboxWordRE.FindAllStringSubmatch(p, -1) {
			y0, _ := strconv.ParseFloat(m[1], 64)
			y1, _ := strconv.ParseFloat(m[2], 64)
			pages[i] = append(pages[i], bboxWord{y0, y1, html.UnescapeString(m[3])})
		}
	}
	return pages
}

// TestEveryPageNumbered checks SPEC §5 ("header or footer with page N of M") on every printed
// page, not just on the last: the page label must agree with the real page count, no page may
// be empty but for its header and footer, and no text may run into the footer.
func TestEveryPageNumbered(t *testing.T) {
	const ptPerMM = 72 / 25.4
	// The footer row starts 6 mm above the bottom margin: (297 − 14 − 6) mm = 277 mm = 785.2 pt.
	// The page header is 7 mm from the 12 mm top margin: it ends at 19 mm = 53.9 pt.
	footerTop := (pageH - marginB - 6) * ptPerMM
	headerBottom := (marginT + 7) * ptPerMM
	for _, tc := range []struct {
		name string
		in   func(testing.TB) Input
	}{
		{"§5 page N of M: sample-like fixture", fixtureInput},
		{"§5 page N of M: 200 data-quality groups and 60 plan actions", longInput},
		{"§5 page N of M: long variant with disclosure control", func(tb testing.TB) Input {
			in := longInput(tb)
			in.Config.DisclosureControl = true
			return in
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in(t)
			path := writePDF(t, in)
			m := pdfPagesRE.FindStringSubmatch(run(t, "pdfinfo", path))
			if m == nil {
				t.Fatal("pdfinfo gives no page count")
			}
			total, _ := strconv.Atoi(m[1])
			pages := pagesWords(t, path)
			if len(pages) != total {
				t.Fatalf("pdftotext finds %d pages, pdfinfo %d", len(pages), total)
			}
			// Words the footer may hold: "Data as of <as-of>", the marking, "Page i of M".
			footer := map[string]bool{"Page": true, "of": true}
			for _, w := range strings.Fields("Data as of " + in.AsOf.Long() + " " + in.Config.ProtectiveMarking) {
				footer[w] = true
			}
			for i, words := range pages {
				n := i + 1
				var foot []string
				content := 0
				for _, w := range words {
					switch {
					case w.yMin >= footerTop:
						foot = append(foot, w.text)
						if !footer[w.text] && !digitsRE.MatchString(w.text) {
							t.Errorf("page %d: %q printed in the footer area (y %.1f pt ≥ %.1f pt): the page overran", n, w.text, w.yMin, footerTop)
						}
					case w.yMax > footerTop:
						t.Errorf("page %d: %q runs into the footer (y %.1f–%.1f pt, footer from %.1f pt)", n, w.text, w.yMin, w.yMax, footerTop)
					case w.yMin > headerBottom:
						content++
					}
				}
				want := fmt.Sprintf("Page %d of %d", n, total)
				switch got := labelRE.FindString(strings.Join(foot, " ")); got {
				case want:
				case "":
					t.Errorf("page %d of %d has no page number in its footer", n, total)
				default:
					t.Errorf("page %d of %d is numbered %q", n, total, got)
				}
				if content == 0 {
					t.Errorf("page %d of %d holds nothing but its header and footer", n, total)
				}
			}
		})
	}
}

// TestRowsStayOnTheirPage replays the laid-out document the way gofpdf prints it, without
// poppler: gofpdf keeps a running y from the top margin and starts a new printed page when a
// row would end below the bottom margin, while maroto numbers the pages it planned itself.
// The two agree only if every planned page starts a printed page and no row of a planned
// page (its footer included) is pushed onto a printed page of its own (SPEC §5: page N of M).
func TestRowsStayOnTheirPage(t *testing.T) {
	trigger := pageH - marginB // gofpdf's page-break trigger: 283 mm
	for _, tc := range []struct {
		name string
		in   func(testing.TB) Input
	}{
		{"§5 page N of M: sample-like fixture", fixtureInput},
		{"§5 page N of M: 200 data-quality groups and 60 plan actions", longInput},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := document(tc.in(t))
			if err != nil {
				t.Fatal(err)
			}
			y := trigger // as if a page had just been filled: the first row starts page 1
			printed := 0
			pages := m.GetStructure().GetNexts()
			for p, page := range pages {
				for r, row := range page.GetNexts() {
					h, ok := row.GetData().Value.(float64)
					if !ok || h < 0 {
						t.Fatalf("page %d row %d: height %v", p+1, r+1, row.GetData().Value)
					}
					breaks := y+h > trigger
					if breaks {
						printed++
						y = marginT
					}
					switch {
					case r == 0 && !breaks:
						t.Errorf("planned page %d would continue printed page %d (y %.17g mm, first row %g mm)", p+1, printed, y, h)
					case r > 0 && breaks:
						t.Errorf("planned page %d: row %d of %d (%g mm) would start printed page %d", p+1, r+1, len(page.GetNexts()), h, printed)
					}
					y += h
				}
			}
			if printed != len(pages) {
				t.Errorf("%d pages planned and numbered, %d printed", len(pages), printed)
			}
		})
	}
}

// TestGroupRowKeptWithItsRows checks that a table row naming a group ("By locality") moves to
// the next page with the first row of its group rather than closing a page on its own.
func TestGroupRowKeptWithItsRows(t *testing.T) {
	meas, err := newMeasurer()
	if err != nil {
		t.Fatal(err)
	}
	tb := table{cols: []column{{"Group", 40, align.Left}, {"Children", 20, align.Right}},
		rows: [][]tcell{{txt("All"), num("148")}, {txt("Male"), num("123")}, {txt("Female"), num("24")},
			{txt("By locality")}, {txt("North"), num("29")}, {txt("South"), num("15")}, {txt("East"), num("12")},
			{txt("West"), num("9")}, {txt("Coast"), num("8")}}}
	for _, tc := range []struct {
		name      string
		room      int // body rows that fit on the page when the group row is reached
		wantPage1 bool
	}{
		{"group row and its first row fit: both stay", 2, true},
		{"room for the group row alone: it moves to the next page", 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
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
			_, hh := f.tableRow(&tb, tb.rows[0], tableHeader)
			_, bh := f.tableRow(&tb, tb.rows[0], tableBody) // every row here is one line high
			// Fill the page so that after the table header and its first three rows there is
			// room for tc.room rows and half a millimetre.
			f.add(f.remaining() - snap(hh) - float64(3+tc.room)*snap(bh) - 0.5)
			f.table(tb)
			pages := m.GetStructure().GetNexts()
			onPage1 := false
			var walk func(n *node.Node[core.Structure])
			walk = func(n *node.Node[core.Structure]) {
				if n.GetData().Value == "By locality" {
					onPage1 = true
				}
				for _, c := range n.GetNexts() {
					walk(c)
				}
			}
			walk(pages[0])
			if onPage1 != tc.wantPage1 {
				t.Errorf("group row on page 1: %v, want %v (%d pages)", onPage1, tc.wantPage1, len(pages))
			}
		})
	}
}
