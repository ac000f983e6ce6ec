package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/ingest"
	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/chart/charttest"
)

// sentinel is a child id and date of birth planted in the inputs that must never reach the PDF.
const (
	sentinelID  = "ZZCHILD9931"
	sentinelDOB = "14/03/2003"
)

func fixtureInput(t testing.TB) Input {
	t.Helper()
	ind := charttest.Indicators()
	cfg := config.Default()
	cfg.Service = ind.Service
	cfg.Population1017 = 4800
	asOf, err := calendar.ParseISO(ind.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	problems := []ingest.Problem{
		{File: "disposals.xlsx", Sheet: "Outcomes", Row: 14, Column: "offence_date", Rule: "not a date",
			Reason: fmt.Sprintf("%q is not a date (child %s, born %s)", "31/02/2018", sentinelID, sentinelDOB), Severity: ingest.SevRejected, ChildID: sentinelID},
		{File: "disposals.xlsx", Sheet: "Outcomes", Row: 20, Column: "gravity_score", Rule: "gravity score outside 1–8",
			Reason: "\"9\" is not a gravity score", Severity: ingest.SevWarning, ChildID: sentinelID},
		{File: "disposals.xlsx", Sheet: "Outcomes", Row: 21, Column: "gravity_score", Rule: "gravity score outside 1–8",
			Reason: "\"12\" is not a gravity score", Severity: ingest.SevWarning, ChildID: "C2"},
		{File: "ete.xlsx", Sheet: "ETE", Row: 5, Column: "intervention_end", Rule: "date after the as-of date",
			Reason: "2019-02-03 is after as-of", Severity: ingest.SevRejected, ChildID: "C3"},
		{File: "oocd.xlsx", Sheet: "OOCD", Row: 9, Column: "", Rule: "age on the referral date outside 10–18",
			Reason: "aged 9 on " + sentinelDOB, Severity: ingest.SevRejected, ChildID: sentinelID},
	}
	d := func(s string) calendar.Date {
		v, err := calendar.ParseISO(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	long := strings.Repeat("Review the joint decision-making panel's terms of reference and attendance, and report back on progress. ", 12)
	plan := []ingest.Action{
		{Recommendation: "Improve the timeliness of out-of-court assessments", Action: "Add a second weekly triage slot", Owner: "Head of Service", DueDate: d("2018-12-31"), RAG: ingest.Amber, Progress: "Slot agreed; recruitment under way"},
		{Recommendation: "Improve ETE for post-16 children", Action: "Agree a pathway with the local college", Owner: "ETE lead", DueDate: d("2019-03-31"), RAG: ingest.Green, Progress: "Draft pathway shared"},
		{Recommendation: "Reduce first time entrants", Action: long, Owner: "Police lead", DueDate: d("2018-11-30"), RAG: ingest.Red, Progress: long},
		{Recommendation: "Victim contact within 5 days", Action: "Update the victim contact procedure", Owner: "Victim worker", DueDate: d("2018-10-31"), RAG: ingest.Complete, Progress: "Done"},
	}
	for i := 0; i < 14; i++ {
		plan = append(plan, ingest.Action{Recommendation: fmt.Sprintf("Recommendation %d", i+5), Action: "Action text for this recommendation, in a sentence or two.", Owner: "Board member", DueDate: d("2019-06-30"), RAG: ingest.Green, Progress: "On track"})
	}
	// The triage slot is the plan's action on the red timeliness indicator (SPEC §3.5).
	plan[0].Indicator = "oocd_timeliness_rate"
	ind.AreasOfConcern = report.AreasOfConcern(ind.Headlines, plan)
	return Input{
		Ind: ind, Specs: chart.Build(ind), Plan: plan, HasPlan: true,
		Quality: QualityRows(problems), Skipped: []string{"~$disposals.xlsx"},
		Commentary: map[string]string{
			"summary":     "A steady quarter. Timeliness of out-of-court assessments is the main concern.\n\n- Triage slot added in December\n- Recruitment under way",
			"reoffending": "The newest mature cohort is small; the board should read the trend.",
		},
		Config: cfg, AsOf: asOf, Version: "test",
	}
}

// pdfTool returns the path of a poppler tool, or skips the test (fails under CI).
func pdfTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed (poppler-utils) and CI is set: the PDF cannot be checked", name)
		}
		t.Skipf("SKIPPING PDF TEXT CHECKS: %s not found; install poppler-utils (apt-get install -y poppler-utils)", name)
	}
	return p
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(pdfTool(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

func writePDF(t *testing.T, in Input) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, in); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("PDF_DUMP"); dir != "" {
		os.WriteFile(filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_")+".pdf"), buf.Bytes(), 0o644)
	}
	return path
}

// squash folds whitespace so text split across lines and columns still matches.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestReportText(t *testing.T) {
	in := fixtureInput(t)
	path := writePDF(t, in)
	raw := run(t, "pdftotext", "-layout", path, "-")
	flat := squash(run(t, "pdftotext", path, "-"))

	t.Run("every section heading is present", func(t *testing.T) {
		for _, h := range []string{"Quarterly performance report to the Chief Officer Board", TitleOnAPage, TitleScorecard, TitleAsks,
			TitleConcerns, TitleOverview, TitleReoffending, TitleFTE, TitleETE, TitleOOCD, TitleVictims, TitlePlan, TitleQuality, TitleDefinitions} {
			if !strings.Contains(flat, h) {
				t.Errorf("heading %q missing", h)
			}
		}
	})
	t.Run("without their extracts there is no needs, views or partnership section", func(t *testing.T) {
		for _, h := range []string{TitleNeeds, TitleViews, TitlePartnership} {
			if strings.Contains(flat, h) {
				t.Errorf("heading %q printed for a block that is null", h)
			}
		}
	})
	t.Run("printable data gets no note about characters the fonts lack", func(t *testing.T) {
		if strings.Contains(flat, "cannot print") || strings.Contains(flat, "□") {
			t.Error("a note or a stand-in for a report whose text is all printable")
		}
	})
	t.Run("cover names service, quarter, as-of and marking", func(t *testing.T) {
		for _, s := range []string{"Example County Youth Justice Service", "2018/19 Q3", "Data as of 31 January 2019", "OFFICIAL-SENSITIVE",
			"1 October 2018 to 31 December 2018"} {
			if !strings.Contains(flat, s) {
				t.Errorf("%q missing", s)
			}
		}
	})
	t.Run("headline tiles show the fixture's figures", func(t *testing.T) {
		// Percentages to 1 dp, half away from zero:
		// Binary rate of the headline cohort 2017/18 Q1: 4 of 13 = 30.769% → "30.8%".
		// Timeliness: 6 of 11 = 54.545% → "54.5%", red against 80%.
		// FTE rate: 15 / 4800 × 100,000 = 312.5.  ETE suitable at end: 5 of 6 = 83.33% → "83.3%".
		// Custody share: 1 of 16 = 6.25% → "6.3%".  Completion 8 of 9 = 88.89% → "88.9%".
		// Victims 3 of 5 = "60.0%".
		for _, s := range []string{"30.8%", "4 of 13", "54.5%", "6 of 11", "312.5", "per 100,000; 15", "83.3%", "5 of 6",
			"6.3%", "1 of 16", "88.9%", "8 of 9", "60.0%", "3 of 5", "cohort 2017/18 Q1"} {
			if !strings.Contains(flat, s) {
				t.Errorf("tile figure %q missing", s)
			}
		}
	})
	t.Run("the scorecard has one row per headline: value, numbers, interval, target, RAG, previous, a year ago, significance", func(t *testing.T) {
		for _, c := range []struct{ name, re string }{
			// 4/13: Wilson 95% interval 12.7%–57.6%; target 35% lower is better; previous
			// cohort 5/12 = 41.7%, a year earlier 6/15 = 40.0%; neither change significant.
			{"binary rate", `Reoffending \(binary rate\)\s+30\.8%\s+12\.7%–57\.6%\s+≤ 35\.0%\s+GREEN\s+41\.7%\s+40\.0%\s+none`},
			// 6/11: interval 28.0%–78.7%; red against 80%; previous 8/10 = 80.0%; a year
			// earlier 19/20 = 95.0%: worse, Fisher p = 0.013.
			{"timeliness", `Out-of-court assessments on time\s+54\.5%\s+28\.0%–78\.7%\s+≥ 80\.0%\s+RED\s+80\.0%\s+95\.0%\s+worse than a`},
			// A rate per 100,000 has no interval and is not tested.
			{"FTE rate", `First time entrants per 100,000, last 12 months\s+312\.5\s+–\s+–\s+–\s+166\.7\s+250\.0\s+not tested`},
		} {
			if !regexp.MustCompile(c.re).MatchString(raw) {
				t.Errorf("%s: no scorecard row matching %s", c.name, c.re)
			}
		}
	})
	t.Run("a change is in signed percentage points, as on the dashboard", func(t *testing.T) {
		// Binary rate 4/13 − 5/12 = 0.30769 − 0.41667 = −0.10897 → "−10.9 pts"; 5/12 = 41.67% → "41.7%".
		if !strings.Contains(flat, "▼ −10.9 pts vs previous cohort (41.7%): better") {
			t.Error("the binary rate's change on the previous cohort is not \"▼ −10.9 pts … (41.7%)\"")
		}
	})
	t.Run("RAG is written as a word", func(t *testing.T) {
		for _, s := range []string{"GREEN", "RED", "NO TARGET"} {
			if !strings.Contains(flat, s) {
				t.Errorf("%q missing", s)
			}
		}
	})
	t.Run("significant worsening is an area of concern", func(t *testing.T) {
		// Timeliness 6/11 against 19/20 a year earlier: Fisher p = 0.013 < 0.05, worse.
		if !regexp.MustCompile(`assessments within 10 working days of referral is significantly worse than a year earlier`).MatchString(flat) {
			t.Error("the significant worsening of timeliness is not listed")
		}
		if !strings.Contains(flat, "is RED: 54.5%") {
			t.Error("the red timeliness indicator is not listed")
		}
	})
	t.Run("SPEC 4.9: an area of concern lists its linked actions with owner, due date and RAG, overdue marked", func(t *testing.T) {
		// The triage slot action is linked to timeliness, due 31/12/2018 (before the as-of
		// 31/01/2019), amber: overdue.
		if !strings.Contains(flat, "Add a second weekly triage slot — owner Head of Service, due 31/12/2018, AMBER, OVERDUE") {
			t.Error("the linked action is not listed under its concern")
		}
	})
	t.Run("with no asks in the commentary, the page says so", func(t *testing.T) {
		if !strings.Contains(flat, NoAsks) {
			t.Errorf("%q missing", NoAsks)
		}
	})
	t.Run("improvement plan marks overdue actions", func(t *testing.T) {
		// Due 31/12/2018 (amber) and 30/11/2018 (red) are before the as-of 31/01/2019 and not
		// complete; 31/10/2018 is complete, so not overdue: 2 overdue.
		_, planText, _ := strings.Cut(flat, "The plan has")
		planText, _, _ = strings.Cut(planText, TitleQuality)
		if got := strings.Count(planText, "OVERDUE"); got != 2 {
			t.Errorf("OVERDUE appears %d times in the plan, want 2", got)
		}
		if !strings.Contains(flat, "2 actions are overdue") {
			t.Error("plan summary does not count 2 overdue actions")
		}
	})
	t.Run("data-quality appendix shows rules with counts", func(t *testing.T) {
		if !strings.Contains(flat, "1ad6c50ea1c3") {
			t.Error("SHA-256 prefix of disposals.xlsx missing")
		}
		if strings.Contains(flat, "1ad6c50ea1c3f") {
			t.Error("more than 12 hex characters of the SHA-256 printed")
		}
		// Two warnings under one rule on one column are grouped: a row ending "warning 2".
		if !regexp.MustCompile(`gravity score outside 1–8\s+warning\s+2`).MatchString(raw) {
			t.Error("grouped warning count missing")
		}
	})
	t.Run("no child id or date of birth", func(t *testing.T) {
		for _, s := range []string{sentinelID, sentinelDOB, "31/02/2018"} {
			if strings.Contains(raw, s) {
				t.Errorf("%q leaked into the PDF", s)
			}
		}
	})
	t.Run("officer commentary appears", func(t *testing.T) {
		for _, s := range []string{"Officer commentary", "Triage slot added in December", "read the trend"} {
			if !strings.Contains(flat, s) {
				t.Errorf("%q missing", s)
			}
		}
	})
	t.Run("no maroto error text", func(t *testing.T) {
		if strings.Contains(flat, "could not") {
			t.Error("maroto printed an error into the PDF")
		}
	})
}

func TestReportStructure(t *testing.T) {
	path := writePDF(t, fixtureInput(t))
	info := run(t, "pdfinfo", path)
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("no page count in pdfinfo output:\n%s", info)
	}
	pages, _ := strconv.Atoi(m[1])
	// Cover, on a page, concerns, reoffending (2–3), FTE, ETE, OOCD, victims, plan (2), quality,
	// definitions: between 12 and 20 pages.
	if pages < 12 || pages > 20 {
		t.Errorf("%d pages, want 12–20", pages)
	}
	for _, want := range []string{"Title:", "Example County Youth Justice Service", "Author:", "Subject:", "Quarterly performance report to the Chief Officer Board"} {
		if !strings.Contains(info, want) {
			t.Errorf("metadata %q missing:\n%s", want, info)
		}
	}
	if !regexp.MustCompile(`CreationDate:\s+Thu Jan 31 .*2019`).MatchString(info) {
		t.Errorf("creation date is not the as-of date 2019-01-31:\n%s", info)
	}
	// The modification date is the as-of date too, not the clock, so a rerun gives the same file.
	if !regexp.MustCompile(`ModDate:\s+Thu Jan 31 00:00:00 2019`).MatchString(info) {
		t.Errorf("modification date is not the as-of date 2019-01-31:\n%s", info)
	}
	flat := squash(run(t, "pdftotext", path, "-"))
	if !strings.Contains(flat, fmt.Sprintf("Page %d of %d", pages, pages)) {
		t.Errorf("footer \"Page %d of %d\" missing", pages, pages)
	}
	fonts := run(t, "pdffonts", path)
	lines := strings.Split(strings.TrimSpace(fonts), "\n")
	if len(lines) < 3 {
		t.Fatalf("no fonts listed:\n%s", fonts)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type encoding emb sub uni object ID: emb is the 4th field from the right end.
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
}

func TestDisclosureInPDF(t *testing.T) {
	in := fixtureInput(t)
	in.Config.DisclosureControl = true
	path := writePDF(t, in)
	flat := squash(run(t, "pdftotext", path, "-"))
	// Binary rate 4 of 13: the numerator 4 is 1–4, so the count is "<5" and the rate suppressed.
	if strings.Contains(flat, "30.8% (4 of 13)") {
		t.Error("small count shown with disclosure control on")
	}
	if !strings.Contains(flat, "suppressed <5 of 13") {
		t.Error("the scorecard's value for 4 of 13 should read \"suppressed\" over \"<5 of 13\"")
	}
	// Custody: 1 of 16 → "<5" and the share suppressed.
	if strings.Contains(flat, "6.3% (1 of 16)") {
		t.Error("custody share of 1 of 16 shown")
	}
	if !strings.Contains(flat, "Disclosure control") {
		t.Error("disclosure definition missing")
	}
}

func BenchmarkRender(b *testing.B) {
	in := fixtureInput(b)
	for b.Loop() {
		var buf bytes.Buffer
		if err := Render(&buf, in); err != nil {
			b.Fatal(err)
		}
	}
}

func TestEmptyQuarterRenders(t *testing.T) {
	// A quarter with nothing in it: every rate n/a, no cohorts, no plan, no victims extract.
	ind := &report.Indicators{Schema: report.Schema, Service: "Empty YJS",
		Quarter: report.Period{Label: "2018/19 Q3", Start: "2018-10-01", End: "2018-12-31"}, AsOf: "2019-01-31"}
	cfg := config.Default()
	in := Input{Ind: ind, Specs: chart.Build(ind), Config: cfg, AsOf: calendar.New(2019, 1, 31)}
	path := writePDF(t, in)
	flat := squash(run(t, "pdftotext", path, "-"))
	for _, s := range []string{TitleOnAPage, "No headline indicators could be calculated", "None this quarter",
		"No improvement plan was supplied", "No sheets were read"} {
		if !strings.Contains(flat, s) {
			t.Errorf("%q missing", s)
		}
	}
	if strings.Contains(flat, TitleVictims+" ") && strings.Contains(flat, "Victims of offences whose intervention closed this quarter") {
		t.Error("victims section without a victims extract")
	}
}
