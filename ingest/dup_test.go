package ingest

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/yjsreport/yjsreport/ingest/sheet"
)

func TestDuplicates(t *testing.T) {
	h, g := dispHeader, dispGood
	other := with(h, g, "child_id", "1002")
	tests := []struct {
		name  string
		files []memFile
		// per input: accepted, rejected, duplicates, warnings
		counts [][4]int
		// the duplicates' reasons, in order
		dupReasons []string
		disposals  int
	}{
		{"duplicate within a sheet dropped",
			[]memFile{{"a.csv", []sheet.Sheet{textSheet("", h, g, other, g)}}},
			[][4]int{{2, 0, 1, 0}}, []string{"same as a.csv row 2"}, 2},
		{"duplicate across files dropped",
			[]memFile{
				{"a.xlsx", []sheet.Sheet{textSheet("Outcomes", h, other, g)}},
				{"b.csv", []sheet.Sheet{textSheet("", h, g)}},
			},
			[][4]int{{2, 0, 0, 0}, {0, 0, 1, 0}}, []string{`same as a.xlsx sheet "Outcomes" row 3`}, 2},
		{"duplicate across sheets with different column order",
			[]memFile{{"a.xlsx", []sheet.Sheet{
				textSheet("One", h, g),
				textSheet("Two", "outcome_type,child_id,date_of_birth,offence_date,outcome_date,gravity_score,breach,gender,ethnicity,locality,offence_category",
					"RO,1001.0,2002-06-15,1 Mar 2018,04/04/2018,5,N,Male,White,North,Robbery"),
			}}},
			[][4]int{{1, 0, 0, 0}, {0, 0, 1, 0}}, []string{`same as a.xlsx sheet "One" row 2`}, 1},
		{"rows differing in an optional column are not duplicates",
			[]memFile{{"a.csv", []sheet.Sheet{textSheet("", h, g, with(h, g, "gravity_score", "6"))}}},
			[][4]int{{2, 0, 0, 0}}, nil, 2},
		{"an invalid optional value blanked makes a duplicate of the blank one, and its warning goes",
			[]memFile{{"a.csv", []sheet.Sheet{textSheet("", h, with(h, g, "gravity_score", ""), with(h, g, "gravity_score", "9"))}}},
			[][4]int{{1, 0, 1, 0}}, []string{"same as a.csv row 2"}, 1},
		{"rejected rows are never duplicates",
			[]memFile{{"a.csv", []sheet.Sheet{textSheet("", h, with(h, g, "offence_date", "x"), with(h, g, "offence_date", "x"))}}},
			[][4]int{{0, 2, 0, 0}}, nil, 0},
		{"a warned row that is not a duplicate counts one warning per row",
			[]memFile{{"a.csv", []sheet.Sheet{textSheet("", h, with(h, with(h, g, "gravity_score", "9"), "breach", "maybe"))}}},
			[][4]int{{1, 0, 0, 1}}, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := mustRead(t, Options{AsOf: asOf}, tt.files...)
			if len(ds.Inputs) != len(tt.counts) {
				t.Fatalf("inputs %+v", ds.Inputs)
			}
			for i, in := range ds.Inputs {
				got := [4]int{in.Accepted, in.Rejected, in.Duplicates, in.Warnings}
				if got != tt.counts[i] {
					t.Errorf("input %d accepted/rejected/duplicates/warnings = %v, want %v", i, got, tt.counts[i])
				}
			}
			var reasons []string
			for _, p := range ds.Problems {
				if p.Severity == SevDuplicate {
					reasons = append(reasons, p.Reason)
					if p.ChildID != "1001" || p.Rule != "duplicate row" {
						t.Errorf("duplicate problem %+v", p)
					}
				}
				if p.Severity == SevWarning && tt.counts[0][3] == 0 && len(tt.files) == 1 {
					t.Errorf("warning of a dropped row kept: %+v", p)
				}
			}
			if !reflect.DeepEqual(reasons, tt.dupReasons) {
				t.Errorf("duplicates %q, want %q", reasons, tt.dupReasons)
			}
			if len(ds.Disposals) != tt.disposals {
				t.Errorf("disposals %d, want %d", len(ds.Disposals), tt.disposals)
			}
		})
	}
}

// TestAccountingProperty feeds random mixes of good, bad, duplicate and blank rows and checks
// SPEC §3.6's accounting: read = accepted + rejected + duplicates for every sheet, the
// Dataset holds exactly the accepted rows, and blank rows are not counted.
func TestAccountingProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	h := dispHeader
	for iter := range 300 {
		var files []memFile
		wantBlank := 0
		nonBlank := 0
		nFiles := 1 + rng.IntN(3)
		for f := range nFiles {
			var sheets []sheet.Sheet
			for s := range 1 + rng.IntN(2) {
				lines := []string{h}
				for range rng.IntN(30) {
					id := fmt.Sprint(1000 + rng.IntN(8)) // few ids, so duplicates happen
					row := with(h, dispGood, "child_id", id)
					switch rng.IntN(6) {
					case 0: // bad required date
						row = with(h, row, "offence_date", "31/02/2018")
					case 1: // blank row
						row = ",,,"
						wantBlank++
					case 2: // invalid optional value
						row = with(h, row, "gravity_score", "9")
					case 3: // different optional value
						row = with(h, row, "gravity_score", fmt.Sprint(1+rng.IntN(8)))
					}
					if row != ",,," {
						nonBlank++
					}
					lines = append(lines, row)
				}
				sheets = append(sheets, textSheet(fmt.Sprintf("S%d", s), lines...))
			}
			files = append(files, memFile{fmt.Sprintf("f%d.xlsx", f), sheets})
		}
		ds := mustRead(t, Options{AsOf: asOf}, files...)
		read, accepted := 0, 0
		for _, in := range ds.Inputs {
			if in.Read != in.Accepted+in.Rejected+in.Duplicates {
				t.Fatalf("iteration %d: %+v breaks read = accepted + rejected + duplicates", iter, in)
			}
			read += in.Read
			accepted += in.Accepted
		}
		if read != nonBlank {
			t.Fatalf("iteration %d: read %d, want %d non-blank rows (%d blank)", iter, read, nonBlank, wantBlank)
		}
		if accepted != len(ds.Disposals) {
			t.Fatalf("iteration %d: accepted %d but the Dataset holds %d", iter, accepted, len(ds.Disposals))
		}
		// No two kept records are equal apart from their source.
		seen := map[Disposal]bool{}
		for _, r := range ds.Disposals {
			r.Src = Source{}
			if seen[r] {
				t.Fatalf("iteration %d: duplicate kept: %+v", iter, r)
			}
			seen[r] = true
		}
		// Each problem row of severity rejected/duplicate is one counted row.
		var rej, dup int
		for _, p := range ds.Problems {
			switch p.Severity {
			case SevRejected:
				rej++
			case SevDuplicate:
				dup++
			}
		}
		var wantRej, wantDup int
		for _, in := range ds.Inputs {
			wantRej += in.Rejected
			wantDup += in.Duplicates
		}
		if rej != wantRej || dup != wantDup {
			t.Fatalf("iteration %d: %d rejected and %d duplicate problems for counts %d and %d", iter, rej, dup, wantRej, wantDup)
		}
	}
}
