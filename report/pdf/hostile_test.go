package pdf

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/yjsreport/yjsreport/ingest"
	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/chart/charttest"
	"github.com/yjsreport/yjsreport/report/dashboard"
	"github.com/yjsreport/yjsreport/report/dqcsv"
	"github.com/yjsreport/yjsreport/report/pdf/fonts"
	"github.com/yjsreport/yjsreport/report/xlsxout"
)

// hostileInput is the fixture with hostile text (charttest.HostileTexts) in every string a
// user's data or config can put in the PDF: indicators, config, improvement plan, officer's
// commentary, data-quality rows, skipped files.
func hostileInput(t testing.TB) Input {
	t.Helper()
	in := fixtureInput(t)
	in.Ind = charttest.Hostile()
	in.Specs = chart.Build(in.Ind)
	in.Config.Service = in.Ind.Service
	in.Config.ProtectiveMarking = "OFFICIAL " + charttest.Emoji + " " + charttest.Long
	in.Version = "v1 " + charttest.Emoji
	// Every section's commentary holds the hostile texts as paragraphs and bullets; one has
	// the 100,000-character word too (about 20 pages of it).
	in.Commentary = map[string]string{"summary": strings.Join(charttest.HostileTexts, "\n\n- ")}
	for _, key := range []string{"reoffending", "fte_custody", "ete", "oocd", "victims", "improvement_plan"} {
		in.Commentary[key] = strings.Join(charttest.HostileNames, "\n\n- ")
	}
	for i, s := range charttest.HostileTexts {
		in.Plan = append(in.Plan, ingest.Action{Recommendation: s, Action: s, Owner: s, DueDate: in.AsOf, RAG: ingest.Amber, Progress: s})
		name := charttest.HostileNames[i%len(charttest.HostileNames)]
		in.Quality = append(in.Quality, QualityRow{File: name, Sheet: name, Column: s, Rule: s, Severity: "warning", Count: i + 1})
	}
	in.Skipped = charttest.HostileNames
	return in
}

// notDrawable returns the characters of s that are neither drawable by the PDF's fonts nor
// white space pdftotext adds (newlines, form feeds between pages).
func notDrawable(s string) []rune {
	var out []rune
	for _, r := range s {
		if !fonts.Has(r) && !unicode.IsSpace(r) {
			out = append(out, r)
		}
	}
	return out
}

// TestHostileCorpus runs every renderer — PDF, dashboard, indicators.xlsx, data-quality.csv
// — on indicators, specs and rows carrying emoji, right-to-left text, combining marks,
// control characters, invalid UTF-8, markup and a 100,000-character word: none may panic, and
// each output must be valid.
func TestHostileCorpus(t *testing.T) {
	in := hostileInput(t)

	t.Run("pdf", func(t *testing.T) {
		path := writePDF(t, in)
		text := run(t, "pdftotext", path, "-")
		flat := squash(text)
		if bad := notDrawable(text); len(bad) > 0 {
			t.Errorf("the PDF's text holds %d characters its fonts cannot draw, such as %q", len(bad), string(bad[:min(len(bad), 10)]))
		}
		for _, s := range []string{"😀", "ש", "ا", "\x1b", "\x00", "\u202e"} {
			if strings.Contains(text, s) {
				t.Errorf("the PDF's text holds %q", s)
			}
		}
		t.Run("characters the fonts lack are printed as the stand-in", func(t *testing.T) {
			// "Leeds 😀 👍🏽 👨‍👩‍👧 🇬🇧": one stand-in for the emoji, one for the thumb and its
			// skin tone, three for the family, two for the flag's regional indicators.
			if !strings.Contains(flat, "Leeds □ □ □□□ □□") {
				t.Errorf("no %q in the PDF's text", "Leeds □ □ □□□ □□")
			}
			if !strings.Contains(flat, "□□□□ □□□□□ evil") {
				t.Errorf("Hebrew and Arabic are not a stand-in per letter with the override removed")
			}
			if !strings.Contains(flat, "□ done □") {
				t.Errorf("characters of the BMP the fonts lack are not stand-ins")
			}
		})
		t.Run("the data-quality appendix says so, once", func(t *testing.T) {
			if n := strings.Count(flat, "characters this report's font cannot print"); n != 1 {
				t.Errorf("the note appears %d times, want once", n)
			}
		})
		t.Run("a decomposed accent prints as the composed letter", func(t *testing.T) {
			if !strings.Contains(flat, "Café x□") {
				t.Errorf("no %q in the PDF's text", "Café x□")
			}
		})
		t.Run("control characters are removed and line breaks kept", func(t *testing.T) {
			if !strings.Contains(flat, "North [31mred[0m") {
				t.Errorf("no %q in the PDF's text", "North [31mred[0m")
			}
		})
		t.Run("a 100,000-character group is shown cut to MaxLabel characters", func(t *testing.T) {
			// chart.Label keeps 79 characters and an ellipsis: Northamptonshire × 4 is 64,
			// then 15 of the next.
			noSpace := strings.Join(strings.Fields(text), "")
			want := strings.Repeat("Northamptonshire", 4) + "Northamptonshir…"
			if !strings.Contains(noSpace, want) {
				t.Errorf("no %q in the PDF's text", want)
			}
		})
		t.Run("the report stays short", func(t *testing.T) {
			// The fixture is 15 pages. The 100,000-character word of the summary commentary
			// is printed whole (about 20 pages: the officer's text is never cut); in a table
			// cell it is cut to a few lines, as a label to one.
			pages := pdfPages(t, path)
			if pages > 45 {
				t.Errorf("%d pages", pages)
			}
		})
	})

	t.Run("dashboard", func(t *testing.T) {
		var buf bytes.Buffer
		// The dashboard shows the service and the marking (config) as written; the marking
		// here is the hostile one without the 100,000-character word.
		err := dashboard.Render(&buf, dashboard.Input{Ind: in.Ind, Specs: in.Specs, Marking: "OFFICIAL " + charttest.Emoji})
		if err != nil {
			t.Fatal(err)
		}
		page := buf.String()
		if !utf8.ValidString(page) {
			t.Error("the page is not valid UTF-8")
		}
		if strings.Count(strings.ToLower(page), "</script") != strings.Count(strings.ToLower(page), "<script") {
			t.Error("a label ended a script block")
		}
		if strings.ContainsRune(page, 0) {
			t.Error("the page holds a NUL")
		}
		if strings.Contains(page, strings.Repeat("Northamptonshire", 5)) {
			t.Error("a label from the data is not cut to chart.MaxLabel characters")
		}
		i := strings.Index(page, `id="yjs-chart-options">`)
		if i < 0 {
			t.Fatal("no chart options")
		}
		block := page[i+len(`id="yjs-chart-options">`):]
		block = block[:strings.Index(block, "</script>")]
		var v any
		if err := json.Unmarshal([]byte(block), &v); err != nil {
			t.Errorf("the chart options are not JSON: %v", err)
		}
	})

	t.Run("indicators.xlsx", func(t *testing.T) {
		var buf bytes.Buffer
		if err := xlsxout.Write(&buf, xlsxout.Input{Ind: in.Ind, Specs: in.Specs, Marking: in.Config.ProtectiveMarking}); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatalf("the workbook does not open: %v", err)
		}
		defer f.Close()
		for _, sheet := range f.GetSheetList() {
			if _, err := f.GetRows(sheet); err != nil {
				t.Errorf("sheet %q does not read: %v", sheet, err)
			}
		}
	})

	t.Run("data-quality.csv", func(t *testing.T) {
		var problems []ingest.Problem
		for i, s := range charttest.HostileTexts {
			problems = append(problems, ingest.Problem{File: s, Sheet: s, Row: i + 2, Column: s, Reason: fmt.Sprintf("%q is not a date", s), Rule: s, Severity: ingest.SevRejected, ChildID: s})
		}
		var buf bytes.Buffer
		if err := dqcsv.Write(&buf, problems); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatalf("the file is not CSV: %v", err)
		}
		if len(recs) != len(problems)+1 {
			t.Errorf("%d records, want a header and %d rows", len(recs), len(problems))
		}
		for i, rec := range recs[1:] {
			if !slicesContainsRow(rec, strconv.Itoa(problems[i].Row)) {
				t.Errorf("record %d %q lost its row number %d", i+1, rec, problems[i].Row)
			}
		}
	})
}

func slicesContainsRow(rec []string, row string) bool {
	for _, f := range rec {
		if f == row {
			return true
		}
	}
	return false
}

// pdfPages is the page count of the PDF at path (poppler's pdfinfo).
func pdfPages(t *testing.T, path string) int {
	t.Helper()
	m := pdfPagesRE.FindStringSubmatch(run(t, "pdfinfo", path))
	if m == nil {
		t.Fatal("pdfinfo gives no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestManyGroups: 20,000 distinct localities (a mis-mapped column) gave a 907-page report;
// the breakdown now shows chart.MaxGroups rows, the last summing the others.
func TestManyGroups(t *testing.T) {
	base := fixtureInput(t)
	basePages := pdfPages(t, writePDF(t, base))
	in := fixtureInput(t)
	in.Ind = charttest.ManyGroups(20000)
	in.Specs = chart.Build(in.Ind)
	path := writePDF(t, in)
	if pages := pdfPages(t, path); pages > basePages+1 {
		t.Errorf("%d pages, the fixture has %d", pages, basePages)
	}
	flat := squash(run(t, "pdftotext", "-layout", path, "-"))
	// 20,000 groups of one child: 19 shown, then 19,981 summed. The others row: 19,981
	// children; reoffenders are the odd-numbered localities among 00020–20000: 9,990.
	if !strings.Contains(flat, "All others (19,981 groups) 19,981 9,990 9,990 50.0%") {
		t.Errorf("no row of all others with its sums in:\n%s", flat)
	}
	if !strings.Contains(flat, "Locality 00019") || strings.Contains(flat, "Locality 00020") {
		t.Error("want the first 19 localities by name (all of one child), and no more")
	}
	if !strings.Contains(flat, "indicators.json lists every group") {
		t.Error("no note that the breakdown is cut")
	}
	if dir := os.Getenv("PDF_DUMP"); dir != "" {
		b, _ := os.ReadFile(path)
		os.WriteFile(filepath.Join(dir, "many-groups.pdf"), b, 0o644)
	}
}
