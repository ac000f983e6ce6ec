package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/disclosure"
	"github.com/yjsreport/yjsreport/report/format"
	"github.com/yjsreport/yjsreport/report/pdf"
)

// pdfPagesText is the text of pages first to last of the PDF at path, whitespace folded.
func pdfPagesText(t *testing.T, path string, first, last int) string {
	t.Helper()
	pdfText(t, path) // skips when poppler is missing
	out, err := exec.Command("pdftotext", "-f", strconv.Itoa(first), "-l", strconv.Itoa(last), path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestSampleBoardReport checks the sample's PDF against its own indicators.json (issue 12):
// every headline figure on the first pages as indicators.json has it (written by package
// format, or hidden by disclosure control), the officer's asks of the board on the first
// pages, a section for each block present, the feedback questions in their wording and
// never a word of the feedback export's free-text comments.
func TestSampleBoardReport(t *testing.T) {
	out := t.TempDir()
	notes := filepath.Join(t.TempDir(), "notes.md")
	const ask = "Agree to fund a second out-of-court triage slot from April."
	if err := os.WriteFile(notes, []byte("## Asks of the board\n\n- "+ask+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	runCLI(t, "generate", "--in", sampleDir, "--out", out, "--as-of", "2019-01-31", "--commentary", notes, "--quiet")
	path := findPDF(t, out)
	front := pdfPagesText(t, path, 1, 4)
	all := pdfPagesText(t, path, 1, 1000) // reading order: a table cell's lines stay together
	var ind report.Indicators
	mustJSON(t, filepath.Join(out, "indicators.json"), &ind)
	f, err := os.Open(filepath.Join(sampleDir, "yjsreport.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}

	t.Run("every headline figure is on the first pages as indicators.json has it", func(t *testing.T) {
		if len(ind.Headlines) < 10 {
			t.Fatalf("%d headlines: too few to be a test", len(ind.Headlines))
		}
		for _, h := range ind.Headlines {
			want := format.NA
			switch {
			case h.Current.Value == nil:
			case cfg.DisclosureControl && h.Indicator != "board_attendance_rate" && hiddenPoint(h):
				want = disclosure.Suppressed
			default:
				want = format.HeadlineFigure(h.Kind, *h.Current.Value)
			}
			name := chart.ShortLabel(h.Indicator)
			if !strings.Contains(front, want) {
				t.Errorf("%s (%s): %q is not on pages 1–4", h.Indicator, name, want)
			}
		}
	})
	t.Run("SPEC 5: the asks of the board are on the first pages", func(t *testing.T) {
		for _, s := range []string{pdf.TitleAsks, ask} {
			if !strings.Contains(front, s) {
				t.Errorf("%q is not on pages 1–4", s)
			}
		}
	})
	t.Run("a section for each block present", func(t *testing.T) {
		for _, c := range []struct {
			title   string
			present bool
		}{
			{pdf.TitleNeeds, ind.Accommodation != nil || ind.SEND != nil || ind.MentalHealth != nil || ind.SubstanceMisuse != nil || ind.WiderServices != nil},
			{pdf.TitleViews, ind.Feedback != nil},
			{pdf.TitlePartnership, ind.BoardAttendance != nil},
			{pdf.TitleVictims, ind.Victims != nil},
		} {
			if got := strings.Contains(all, c.title); got != c.present {
				t.Errorf("section %q printed: %v, block present: %v", c.title, got, c.present)
			}
		}
	})
	t.Run("SPEC 4.7: the questions in their own wording", func(t *testing.T) {
		if ind.Feedback == nil {
			t.Skip("the sample has no feedback extract")
		}
		for _, q := range ind.Feedback.Questions {
			if w := strings.Join(strings.Fields(q.Question), " "); !strings.Contains(all, w) {
				t.Errorf("question %q missing", w)
			}
		}
	})
	t.Run("SPEC 3.7: no word of the feedback export's comments", func(t *testing.T) {
		// Every comment the sample writes carries this marker (package sample).
		const marker = "COMMENT-TEXT"
		export, err := os.ReadFile(filepath.Join(sampleDir, "feedback.csv"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(export), marker) {
			t.Fatalf("the sample's feedback.csv has no comment marked %s: the check would find nothing", marker)
		}
		if strings.Contains(all, marker) {
			t.Error("a feedback comment reached the PDF")
		}
	})
}

// hiddenPoint reports whether disclosure control hides a headline's current figure (SPEC §6):
// a count of 1–4 behind a rate per 100,000, else a rate on fewer than 5 or of 1–4.
func hiddenPoint(h report.Headline) bool {
	num, den := int(h.Current.Numerator), int(h.Current.Denominator)
	if h.Kind == report.KindRatePer100k {
		return disclosure.IsSmall(num)
	}
	return disclosure.RateHidden(num, den)
}
