package sample

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/config"
)

func generate(t *testing.T, opt Options) (map[string][]byte, Manifest) {
	t.Helper()
	files, m, err := GenerateMem(opt)
	if err != nil {
		t.Fatal(err)
	}
	return files, m
}

func TestSameSeedGivesByteIdenticalFiles(t *testing.T) {
	// Two runs into two folders; excelize writes stream-written sheets in map order, so
	// this also checks the zip rewrite (two disposals sheets give two streams).
	a, b := t.TempDir(), t.TempDir()
	fa, err := Generate(a, Options{Seed: 42})
	if err != nil {
		t.Fatal(err)
	}
	fb, err := Generate(b, Options{Seed: 42})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(fa, fb) {
		t.Fatalf("file lists differ: %v vs %v", fa, fb)
	}
	want := []string{FileBoard, FileCommentary, FileComparators, FileDisposals, FileETE, FileFeedback, FilePlan, FileOOCD, FileVictims, FileConfig}
	if !slices.Equal(fa, want) {
		t.Errorf("files = %v, want %v", fa, want)
	}
	for _, name := range fa {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
		// No timestamp of now: the workbook properties carry the export's date.
		if strings.HasSuffix(name, ".xlsx") {
			f, err := excelize.OpenReader(bytes.NewReader(x))
			if err != nil {
				t.Fatal(err)
			}
			p, err := f.GetDocProps()
			if err != nil {
				t.Fatal(err)
			}
			if p.Created != "2019-01-31T07:45:00Z" || p.Modified != p.Created {
				t.Errorf("%s: created %q modified %q, want the export date 2019-01-31T07:45:00Z", name, p.Created, p.Modified)
			}
		}
	}
	// Nothing but the files: no temporary files left behind, and files readable by all.
	entries, err := os.ReadDir(a)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o644 {
			t.Errorf("%s has mode %v, want 0644", e.Name(), info.Mode().Perm())
		}
	}
	if !slices.Equal(names, want) {
		t.Errorf("folder holds %v, want %v", names, want)
	}
}

func TestDifferentSeedGivesDifferentFiles(t *testing.T) {
	a, _ := generate(t, Options{Seed: 1, Children: 200})
	b, _ := generate(t, Options{Seed: 2, Children: 200})
	for _, name := range []string{FileBoard, FileDisposals, FileETE, FileFeedback, FileOOCD, FileVictims} {
		if bytes.Equal(a[name], b[name]) {
			t.Errorf("%s is the same for seeds 1 and 2", name)
		}
	}
	// The plan and the published figures are the board's and the statisticians', not
	// drawn with the children.
	for _, name := range []string{FilePlan, FileComparators} {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s should not depend on the seed", name)
		}
	}
}

// TestEveryExtractKindPresent classifies every sheet by its headers alone (SPEC §3): each
// kind appears, the title rows above the oocd and plan headers are skipped, the notes and
// lookup sheets match no kind, and no sheet matches two.
func TestEveryExtractKindPresent(t *testing.T) {
	files, _ := generate(t, Options{Seed: 3, Children: 300})
	tests := []struct {
		file, sheet string
		kind        string // "" = matches no kind
		headerRow   int
	}{
		{FileBoard, "", "board_attendance", 1},
		{FileComparators, "Comparators", "comparators", 3},
		{FileDisposals, "2015-2017", "disposals", 1},
		{FileDisposals, "2017-2019", "disposals", 1},
		{FileDisposals, "Notes", "", 0},
		{FileETE, "", "ete", 1},
		{FileFeedback, "", "feedback", 1},
		{FilePlan, "Action Plan", "improvement_plan", 3},
		{FilePlan, "Lookup", "", 0},
		{FileOOCD, "OOCD", "oocd", 4},
		{FileVictims, "", "victims", 1},
	}
	sheets := readBack(t, files)
	if len(sheets) != len(tests) {
		var got []string
		for _, s := range sheets {
			got = append(got, s.file+"/"+s.sheet)
		}
		t.Fatalf("read %d sheets %v, want %d", len(sheets), got, len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.file+"/"+tt.sheet, func(t *testing.T) {
			sd := sheets[i]
			if sd.file != tt.file || sd.sheet != tt.sheet {
				t.Fatalf("sheet %d is %s/%s, want %s/%s", i, sd.file, sd.sheet, tt.file, tt.sheet)
			}
			kinds, h, _ := classify(sd)
			switch {
			case tt.kind == "" && kinds != nil:
				t.Errorf("matches %v, want no kind", kinds)
			case tt.kind != "" && !slices.Equal(kinds, []string{tt.kind}):
				t.Errorf("matches %v, want exactly %s", kinds, tt.kind)
			case tt.kind != "" && h+1 != tt.headerRow:
				t.Errorf("header on row %d, want %d", h+1, tt.headerRow)
			}
			if tt.kind != "" && len(sd.raw) < tt.headerRow+10 {
				t.Errorf("only %d rows", len(sd.raw))
			}
		})
	}
}

// TestFaultsArePlantedAndBreakTheRules reads every planted fault back at its file, sheet,
// row and column and judges the row by SPEC §3.6: rejected faults are rejected, warnings
// kept with a warning, duplicates repeat their original's parsed values, blank rows are
// blank, and notes are sheets of no kind. Every row that is not a fault must pass cleanly
// and be unique.
func TestFaultsArePlantedAndBreakTheRules(t *testing.T) {
	for _, opt := range []Options{
		{Seed: 1},
		{Seed: 9, Children: 700, ExportDate: calendar.New(2020, 6, 30)},
	} {
		t.Run(fmt.Sprintf("seed %d children %d export %s", opt.Seed, opt.Children, opt.ExportDate), func(t *testing.T) {
			files, m := generate(t, opt)
			checkFaults(t, files, m, opt)
		})
	}
}

// The faults the brief asks for in each file (file, column, what).
var wantFaults = [][3]string{
	{FileDisposals, "offence_date", "impossible date 31 February"},
	{FileDisposals, "outcome_date", "two-digit year"},
	{FileDisposals, "outcome_type", "unknown outcome code"},
	{FileDisposals, "child_id", "blank child id"},
	{FileDisposals, "outcome_date", "outcome date before the offence date"},
	{FileDisposals, "outcome_date", "outcome date after the export date"},
	{FileDisposals, "release_date", "release date before the outcome date"},
	{FileDisposals, "date_of_birth", "date of birth makes the child 9 on the outcome date"},
	{FileDisposals, "gravity_score", "gravity 9 is outside 1–8: treated as blank"},
	{FileDisposals, "breach", "breach is not yes or no: treated as blank"},
	{FileDisposals, "", "exact duplicate of the row above"},
	{FileDisposals, "", "the same outcome exported in both sheets"},
	{FileDisposals, "", "wholly blank row (spaces only): skipped, not counted"},
	{FileDisposals, "", "a notes sheet that matches no extract kind"},
	{FileETE, "intervention_start", "impossible date 31 February"},
	{FileETE, "intervention_end", "two-digit year"},
	{FileETE, "intervention_type", "unknown intervention code"},
	{FileETE, "date_of_birth", "blank date of birth"},
	{FileETE, "intervention_end", "intervention end before its start"},
	{FileETE, "intervention_end", "intervention end after the export date"},
	{FileETE, "ete_suitable_end", "unknown suitability code"},
	{FileETE, "hours_offered_end", "negative hours: treated as blank"},
	{FileETE, "", "exact duplicate of the row above"},
	{FileETE, "", "wholly blank row (spaces only): skipped, not counted"},
	{FileOOCD, "referral_date", "impossible date 31 February"},
	{FileOOCD, "date_of_birth", "two-digit year"},
	{FileOOCD, "outcome_type", "unknown outcome code"},
	{FileOOCD, "outcome_type", "a court sentence is not an out-of-court code"},
	{FileOOCD, "child_id", "blank child id"},
	{FileOOCD, "assessment_date", "assessment date before the referral date"},
	{FileOOCD, "decision_date", "decision date after the export date"},
	{FileOOCD, "intervention_end", "intervention end before its start"},
	{FileOOCD, "at_panel", "at panel is not yes or no: treated as blank"},
	{FileOOCD, "", "exact duplicate of the row above"},
	{FileVictims, "closure_date", "impossible date 31 February"},
	{FileVictims, "closure_date", "two-digit year"},
	{FileVictims, "consented_to_contact", "blank consent"},
	{FileVictims, "victim_id", "blank victim id"},
	{FileVictims, "closure_date", "closure date after the export date"},
	{FileVictims, "rj_engaged", "engaged in RJ without consent to contact"},
	{FileVictims, "", "exact duplicate of the row above"},
	{FilePlan, "rag", "unknown RAG status"},
	{FilePlan, "owner", "blank owner"},
	{FilePlan, "indicator", "linked indicator is not a headline"},
	{FilePlan, "", "a lookup sheet that matches no extract kind"},
	// SPEC v2
	{FileETE, "learning_plan", "learning plan is not yes or no"},
	{FileETE, "accommodation_suitable_end", "accommodation is not a suitability code"},
	{FileETE, "mental_health_attending", "mental health: attending yes but not offered"},
	{FileETE, "mental_health_offered", "mental health: offered yes but need not recorded"},
	{FileETE, "substance_misuse_offered", "substance misuse: offered yes but no need identified"},
	{FileFeedback, "respondent", "unknown respondent"},
	{FileFeedback, "completed_date", "completed date after the export date"},
	{FileFeedback, "answer", "unknown answer"},
	{FileFeedback, "response_id", "blank response id"},
	{FileFeedback, "", "exact duplicate of the row above"},
	{FileComparators, "value", "conflicting figure"},
	{FileComparators, "value", "a rate above 1 written without %"},
	{FileComparators, "period", "malformed quarter"},
	{FileComparators, "indicator", "indicator that is not a headline"},
	{FileComparators, "", "exact duplicate of the row above"},
	{FileBoard, "attended", "attendance is not yes or no"},
	{FileBoard, "senior", "seniority is not yes or no"},
	{FileBoard, "meeting_date", "meeting date after the export date"},
	{FileBoard, "", "exact duplicate of the row above"},
}

func checkFaults(t *testing.T, files map[string][]byte, m Manifest, opt Options) {
	asOf := opt.ExportDate
	if asOf == 0 {
		asOf = defaultExportDate
	}
	for _, w := range wantFaults {
		found := false
		for _, f := range m.Faults {
			if f.File == w[0] && f.Column == w[1] && strings.HasPrefix(f.What, w[2]) {
				found = true
			}
		}
		if !found {
			t.Errorf("no fault %q in %s column %q", w[2], w[0], w[1])
		}
	}

	type loc struct {
		file, sheet string
		row         int
	}
	sheets := map[[2]string]sheetData{}
	for _, sd := range readBack(t, files) {
		sheets[[2]string{sd.file, sd.sheet}] = sd
	}
	faultAt := map[loc]bool{}
	for _, f := range m.Faults {
		faultAt[loc{f.File, f.Sheet, f.Row}] = true
	}
	// judgeRow judges row r (1-based) of a sheet of one kind.
	judgeRow := func(sd sheetData, r int) (verdict, bool) {
		kinds, cols := sd.kinds, sd.cols
		if len(kinds) != 1 || r > len(sd.raw) {
			return verdict{}, false
		}
		row := sd.raw[r-1]
		get := func(c string) string {
			if j, ok := cols[c]; ok && j < len(row) {
				return row[j]
			}
			return ""
		}
		return judge(kinds[0], get, sd.excel, asOf), true
	}
	isBlank := func(row []string) bool {
		for _, c := range row {
			if strings.TrimSpace(c) != "" {
				return false
			}
		}
		return true
	}

	for _, f := range m.Faults {
		name := fmt.Sprintf("%s %q row %d %s", f.File, f.Sheet, f.Row, f.What)
		sd, ok := sheets[[2]string{f.File, f.Sheet}]
		if !ok {
			t.Errorf("%s: no such sheet", name)
			continue
		}
		if f.Severity == SevNote {
			if sd.kinds != nil || f.Row != 0 {
				t.Errorf("%s: a note sheet should match no kind, matches %v", name, sd.kinds)
			}
			continue
		}
		if f.Row < 2 || f.Row > len(sd.raw) {
			t.Errorf("%s: row out of range (sheet has %d rows)", name, len(sd.raw))
			continue
		}
		if f.Severity == SevBlank {
			if !isBlank(sd.raw[f.Row-1]) {
				t.Errorf("%s: row is not blank: %q", name, sd.raw[f.Row-1])
			}
			continue
		}
		v, ok := judgeRow(sd, f.Row)
		if !ok {
			t.Errorf("%s: sheet is not of one kind", name)
			continue
		}
		if f.Column != "" {
			shown := sd.shown[f.Row-1]
			got := ""
			if j := sd.cols[f.Column]; j < len(shown) {
				got = strings.TrimSpace(shown[j])
			}
			if got != f.Value {
				t.Errorf("%s: column %s reads %q, want %q", name, f.Column, got, f.Value)
			}
		}
		switch f.Severity {
		case SevRejected:
			if len(v.rejected) == 0 && !conflicts(sd, f.Row, v, asOf) {
				t.Errorf("%s: SPEC §3.6 does not reject the row %q", name, sd.raw[f.Row-1])
			}
		case SevWarning:
			if len(v.rejected) > 0 || len(v.warnings) == 0 {
				t.Errorf("%s: want a kept row with a warning, got rejections %q warnings %q", name, v.rejected, v.warnings)
			}
		case SevDuplicate:
			orig, ok := sheets[[2]string{f.File, f.OrigSheet}]
			if !ok || f.OrigRow == 0 {
				t.Errorf("%s: no original given", name)
				continue
			}
			o, _ := judgeRow(orig, f.OrigRow)
			if len(v.rejected) > 0 || o.key != v.key {
				t.Errorf("%s: not a duplicate of %s row %d:\n%s\n%s", name, f.OrigSheet, f.OrigRow, v.key, o.key)
			}
		default:
			t.Errorf("%s: unexpected severity %q", name, f.Severity)
		}
	}

	// Every other row is good and unique, so the tool's counts are exactly the faults.
	for _, sd := range sheets {
		if len(sd.kinds) != 1 {
			continue
		}
		h := sd.header
		seen := map[string]int{}
		figures := map[string]int{}
		bad := 0
		for r := h + 2; r <= len(sd.raw); r++ {
			if faultAt[loc{sd.file, sd.sheet, r}] {
				continue
			}
			if isBlank(sd.raw[r-1]) {
				t.Errorf("%s %q row %d: unplanned blank row", sd.file, sd.sheet, r)
				continue
			}
			v, _ := judgeRow(sd, r)
			if len(v.rejected)+len(v.warnings) > 0 && bad < 5 {
				bad++
				t.Errorf("%s %q row %d: unplanned problem %q %q in %q", sd.file, sd.sheet, r, v.rejected, v.warnings, sd.raw[r-1])
			}
			if prev, dup := seen[v.key]; dup && bad < 5 {
				bad++
				t.Errorf("%s %q row %d: unplanned duplicate of row %d", sd.file, sd.sheet, r, prev)
			}
			if prev, dup := figures[v.figure]; v.figure != "" && dup && bad < 5 {
				bad++
				t.Errorf("%s %q row %d: a second figure for the same indicator, comparator and period as row %d", sd.file, sd.sheet, r, prev)
			}
			seen[v.key] = r
			figures[v.figure] = r
		}
	}
}

// conflicts reports whether comparator row r gives a second, different figure for the
// indicator, comparator and period of an earlier row that is kept (SPEC §3.8).
func conflicts(sd sheetData, r int, v verdict, asOf calendar.Date) bool {
	if v.figure == "" || len(sd.kinds) != 1 {
		return false
	}
	for e := sd.header + 2; e < r; e++ {
		row := sd.raw[e-1]
		get := func(c string) string {
			if j, ok := sd.cols[c]; ok && j < len(row) {
				return row[j]
			}
			return ""
		}
		w := judge(sd.kinds[0], get, sd.excel, asOf)
		if len(w.rejected) == 0 && w.figure == v.figure && w.key != v.key {
			return true
		}
	}
	return false
}

// TestChildrenCountHonoured counts distinct child ids across the extracts.
func TestChildrenCountHonoured(t *testing.T) {
	idRE := regexp.MustCompile(`^YP\d{6}$`)
	for _, n := range []int{1, 37, 250} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			files, m := generate(t, Options{Seed: 5, Children: n})
			if m.Children != n {
				t.Errorf("manifest says %d children, want %d", m.Children, n)
			}
			ids := map[string]bool{}
			for _, sd := range readBack(t, files) {
				kinds, h, cols := classify(sd)
				j, ok := cols["child_id"]
				if len(kinds) != 1 || !ok {
					continue
				}
				for _, row := range sd.raw[h+1:] {
					if j < len(row) && strings.TrimSpace(row[j]) != "" {
						id := strings.TrimSpace(row[j])
						if !idRE.MatchString(id) {
							t.Errorf("%s: child id %q is not like YP100234", sd.file, id)
						}
						ids[id] = true
					}
				}
			}
			if len(ids) != n {
				t.Errorf("%d distinct children in the extracts, want %d", len(ids), n)
			}
		})
	}
}

// TestDefaultSampleIsSmall keeps the committed sample under about 1.5 MB.
func TestDefaultSampleIsSmall(t *testing.T) {
	files, m := generate(t, Options{Seed: 1})
	total := 0
	for _, name := range m.Files {
		total += len(files[name])
	}
	if total > 1_500_000 {
		t.Errorf("default sample is %d bytes, want at most 1,500,000", total)
	}
	if m.Children != DefaultChildren {
		t.Errorf("default children = %d, want %d", m.Children, DefaultChildren)
	}
}

func TestConfigIsValid(t *testing.T) {
	files, _ := generate(t, Options{Seed: 1, Children: 50})
	cfg, err := config.Parse(bytes.NewReader(files[FileConfig]))
	if err != nil {
		t.Fatalf("yjsreport.yaml: %v", err)
	}
	// 50 children × 85 = 4,250, rounded to the nearest hundred.
	if cfg.Population1017 != 4300 {
		t.Errorf("population = %d, want 4300", cfg.Population1017)
	}
	if len(cfg.Targets) == 0 || cfg.Service != "Sample County Youth Justice Service" {
		t.Errorf("config = %+v", cfg)
	}
	if !cfg.DisclosureControl {
		t.Error("disclosure control is off; a board report shared beyond the service needs it on (SPEC §6)")
	}
	// SPEC v2's headlines that a board sets a target for.
	for _, name := range []string{"accommodation_suitable_end", "send_suitable_ete_with_plan",
		"mental_health_need_met", "substance_misuse_need_met", "wider_services_end",
		"feedback_positive_rate", "board_attendance_rate"} {
		tg, ok := cfg.Targets[name]
		if !ok {
			t.Errorf("no target for %s", name)
			continue
		}
		if tg.Better != "higher" || tg.Target <= 0 || tg.Target >= 1 || tg.AmberWithin <= 0 || tg.AmberWithin > 0.1 {
			t.Errorf("%s: target %+v is not a realistic higher-is-better rate with a small amber band", name, tg)
		}
	}
}

func TestOptionsAreChecked(t *testing.T) {
	for _, opt := range []Options{{Children: -1}, {Children: MaxChildren + 1}, {ExportDate: calendar.New(1800, 1, 1)}} {
		if _, _, err := GenerateMem(opt); err == nil {
			t.Errorf("%+v: want an error", opt)
		}
	}
	if _, err := Generate(filepath.Join(t.TempDir(), "file"), Options{Children: 5}); err != nil {
		t.Errorf("a new folder should be created: %v", err)
	}
	f := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(f, Options{Children: 5}); err == nil || !strings.Contains(err.Error(), f) {
		t.Errorf("writing into a file: want an error naming it, got %v", err)
	}
}

func TestFaultsMatchesGenerate(t *testing.T) {
	opt := Options{Seed: 11, Children: 300}
	_, m := generate(t, opt)
	f, err := Faults(opt)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(f, m.Faults) {
		t.Errorf("Faults and GenerateMem disagree")
	}
}

// TestFailedRunLeavesFolderAsItWas: files are renamed into place only when all were
// written, so a run that cannot finish changes nothing.
func TestFailedRunLeavesFolderAsItWas(t *testing.T) {
	dir := t.TempDir()
	// A folder where ete.csv should go makes its rename fail.
	if err := os.Mkdir(filepath.Join(dir, FileETE), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(dir, Options{Children: 20}); err == nil {
		t.Fatal("want an error")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != FileETE {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v, want only the %s folder", names, FileETE)
	}
}
