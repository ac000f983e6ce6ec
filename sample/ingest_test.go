package sample

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/ingest"
	"github.com/yjsreport/yjsreport/report"
)

// These tests run the tool's own reader (package ingest) on the sample: every planted fault
// must be reported where the Manifest says, with the severity SPEC §3.6 gives it, and
// nothing else may be reported.

// readSample generates the sample for opt into a folder and reads it with ingest.
func readSample(t *testing.T, opt Options) (map[string][]byte, Manifest, *ingest.Dataset, calendar.Date) {
	t.Helper()
	files, m := generate(t, opt)
	dir := t.TempDir()
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	asOf := opt.ExportDate
	if asOf == 0 {
		asOf = defaultExportDate
	}
	ds, err := ingest.ReadDir(dir, ingest.Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	return files, m, ds, asOf
}

var ingestOptions = []Options{
	{Seed: 1},
	{Seed: 9, Children: 700, ExportDate: calendar.New(2020, 6, 30)},
}

// TestIngestReportsEveryFault: each planted fault is a problem of ingest at its file,
// sheet, row and column with the fault's severity; every problem ingest reports is a
// planted fault; and each sheet's accounting holds (read = accepted + rejected +
// duplicates, with the rejected, duplicate and warned rows exactly the planted ones, and
// read the sheet's rows that are not wholly blank).
func TestIngestReportsEveryFault(t *testing.T) {
	for _, opt := range ingestOptions {
		t.Run(fmt.Sprintf("seed %d children %d export %s", opt.Seed, opt.Children, opt.ExportDate), func(t *testing.T) {
			files, m, ds, _ := readSample(t, opt)
			type at struct {
				file, sheet string
				row         int
				column      string
				severity    string
			}
			problems := map[at]int{}
			for _, p := range ds.Problems {
				problems[at{p.File, p.Sheet, p.Row, p.Column, string(p.Severity)}]++
			}
			type sheetKey struct{ file, sheet string }
			want := map[sheetKey]map[string]int{} // severity → rows
			planted := map[at]bool{}
			for _, f := range m.Faults {
				if f.Severity == SevBlank {
					continue // skipped and not counted (SPEC §3)
				}
				k := at{f.File, f.Sheet, f.Row, f.Column, f.Severity}
				planted[k] = true
				if problems[k] == 0 {
					t.Errorf("%s %q row %d column %q (%s): ingest reports no %s problem there", f.File, f.Sheet, f.Row, f.Column, f.What, f.Severity)
				}
				sk := sheetKey{f.File, f.Sheet}
				if want[sk] == nil {
					want[sk] = map[string]int{}
				}
				want[sk][f.Severity]++
			}
			for _, p := range ds.Problems {
				if p.File == FileVictims && p.Row == 0 && p.Severity == ingest.SevNote && strings.Contains(p.Reason, "Windows-1252") {
					continue // victims.csv is written in Windows-1252 on purpose; SPEC §3 asks for the note
				}
				if !planted[at{p.File, p.Sheet, p.Row, p.Column, string(p.Severity)}] {
					t.Errorf("unplanned problem: %s", p.String())
				}
			}

			// Rows as a spreadsheet shows them, read independently of ingest.
			dataRows := map[sheetKey]int{}
			for _, sd := range readBack(t, files) {
				if len(sd.kinds) != 1 {
					continue
				}
				n := 0
				for _, row := range sd.raw[sd.header+1:] {
					if strings.TrimSpace(strings.Join(row, "")) != "" {
						n++
					}
				}
				dataRows[sheetKey{sd.file, sd.sheet}] = n
			}
			if len(ds.Inputs) != len(dataRows)+2 { // + the notes and lookup sheets
				t.Errorf("ingest read %d sheets, want %d", len(ds.Inputs), len(dataRows)+2)
			}
			for _, in := range ds.Inputs {
				sk := sheetKey{in.File, in.Sheet}
				name := fmt.Sprintf("%s %q", in.File, in.Sheet)
				if in.Kind == "" {
					if want[sk][SevNote] != 1 {
						t.Errorf("%s: a sheet of no kind that is not a planted note", name)
					}
					continue
				}
				if in.Read != in.Accepted+in.Rejected+in.Duplicates {
					t.Errorf("%s: read %d ≠ accepted %d + rejected %d + duplicates %d", name, in.Read, in.Accepted, in.Rejected, in.Duplicates)
				}
				if in.Read != dataRows[sk] {
					t.Errorf("%s: read %d rows, the sheet has %d that are not wholly blank", name, in.Read, dataRows[sk])
				}
				w := want[sk]
				if in.Rejected != w[SevRejected] || in.Duplicates != w[SevDuplicate] || in.Warnings != w[SevWarning] {
					t.Errorf("%s: rejected %d, duplicates %d, warned %d; planted %d, %d, %d", name,
						in.Rejected, in.Duplicates, in.Warnings, w[SevRejected], w[SevDuplicate], w[SevWarning])
				}
			}
			if !ds.HasFeedback || !ds.HasComparators || !ds.HasAttendance || !ds.HasPlan || !ds.HasVictims {
				t.Errorf("an optional extract was not found: feedback %v, comparators %v, board attendance %v, plan %v, victims %v",
					ds.HasFeedback, ds.HasComparators, ds.HasAttendance, ds.HasPlan, ds.HasVictims)
			}
		})
	}
}

// commentMarker is in every free-text comment of the feedback export (needs.go).
const commentMarker = "COMMENT-TEXT"

// TestFeedbackCommentsNeverRead: the feedback export's free-text "Comments" column (SPEC
// §3.7) reaches neither what ingest keeps nor indicators.json, though it is in the file.
func TestFeedbackCommentsNeverRead(t *testing.T) {
	files, _, ds, asOf := readSample(t, Options{Seed: 1})
	comments := 0
	for _, sd := range readBack(t, files) {
		if sd.file != FileFeedback {
			continue
		}
		for _, row := range sd.raw {
			for _, cell := range row {
				if strings.Contains(cell, commentMarker) {
					comments++
				}
			}
		}
	}
	if comments < 20 {
		t.Fatalf("the feedback export holds %d comments: the check below would prove nothing", comments)
	}
	if !ds.HasFeedback || len(ds.Feedback) < 1000 {
		t.Fatalf("ingest kept %d feedback answers: the check below would prove nothing", len(ds.Feedback))
	}
	kept, err := json.Marshal(ds)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(kept, []byte(commentMarker)) {
		t.Errorf("ingest kept comment text (a record or a problem holds %q)", commentMarker)
	}
	cfg, err := config.Parse(bytes.NewReader(files[FileConfig]))
	if err != nil {
		t.Fatal(err)
	}
	ind := report.Compute(ds, calendar.LatestEndedBy(asOf), asOf, cfg)
	out, err := json.Marshal(ind)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte(commentMarker)) {
		t.Errorf("indicators.json holds comment text %q", commentMarker)
	}
}
