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

// propKind is how TestAccountingProperty makes rows of one kind: a good row, and the changes
// that make a row bad (rejected), give it an invalid optional value (a warning) or vary it
// (so that some rows repeat or, for comparators, contradict earlier ones).
type propKind struct {
	header, good string
	key          string   // a column given one of few values, so duplicates happen
	keys         []string // its values
	bad          [2]string
	invalid      [2]string
	vary         string
	values       []string
}

var propKinds = []propKind{
	{dispHeader, dispGood, "child_id", []string{"1000", "1001", "1002", "1003", "1004", "1005", "1006", "1007"},
		[2]string{"offence_date", "31/02/2018"}, [2]string{"gravity_score", "9"},
		"gravity_score", []string{"1", "2", "3", "4", "5", "6", "7", "8"}},
	{eteKPIHeader, eteKPIGood, "child_id", []string{"1000", "1001", "1002", "1003"},
		[2]string{"intervention_start", "x"}, [2]string{"send_identified", "maybe"},
		"mental_health_need", []string{"yes", "no", ""}}, // need no or blank: a cascade warning
	{fbHeader, fbGood, "response_id", []string{"R1", "R2", "R3", "R4"},
		[2]string{"answer", "Sometimes"}, [2]string{"answer", ""}, // a blank answer is valid
		"answer", []string{"Agree", "Disagree", "", "Yes"}},
	{cmpHeader, cmpGood, "comparator", []string{"England and Wales", "South West", "YOT family"},
		[2]string{"value", "x"}, [2]string{"value", "31.4"}, // a rate above 1: rejected
		"value", []string{"31.4%", "0.314", "0.3", "30%"}}, // same figure, or a conflicting one
	{attHeader, attGood, "partner", []string{"Police", "Health", "Education", "Probation"},
		[2]string{"attended", ""}, [2]string{"senior", "maybe"},
		"senior", []string{"Yes", "No", ""}},
}

// TestAccountingProperty feeds random mixes of good, bad, duplicate, conflicting and blank
// rows of every kind with rules of its own and checks SPEC §3.6's accounting: read =
// accepted + rejected + duplicates for every sheet, the Dataset holds exactly the accepted
// rows, no two kept rows are equal, no two kept comparators give one figure, and blank rows
// are not counted.
func TestAccountingProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for iter := range 300 {
		var files []memFile
		wantBlank := 0
		nonBlank := 0
		nFiles := 1 + rng.IntN(3)
		for f := range nFiles {
			var sheets []sheet.Sheet
			for s := range 1 + rng.IntN(2) {
				k := propKinds[rng.IntN(len(propKinds))]
				h := k.header
				lines := []string{h}
				for range rng.IntN(30) {
					row := with(h, k.good, k.key, k.keys[rng.IntN(len(k.keys))])
					switch rng.IntN(6) {
					case 0:
						row = with(h, row, k.bad[0], k.bad[1])
					case 1: // blank row
						row = ",,,"
						wantBlank++
					case 2:
						row = with(h, row, k.invalid[0], k.invalid[1])
					case 3, 4:
						row = with(h, row, k.vary, k.values[rng.IntN(len(k.values))])
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
		if held := len(ds.Disposals) + len(ds.ETE) + len(ds.Feedback) + len(ds.Comparators) + len(ds.Attendance); accepted != held {
			t.Fatalf("iteration %d: accepted %d but the Dataset holds %d", iter, accepted, held)
		}
		// No two kept records are equal apart from their source.
		if err := distinct(ds.Disposals, func(r *Disposal) { r.Src = Source{} }); err != "" {
			t.Fatalf("iteration %d: duplicate kept: %s", iter, err)
		}
		if err := distinct(ds.ETE, func(r *ETE) { r.Src = Source{} }); err != "" {
			t.Fatalf("iteration %d: duplicate kept: %s", iter, err)
		}
		if err := distinct(ds.Feedback, func(r *FeedbackAnswer) { r.Src = Source{} }); err != "" {
			t.Fatalf("iteration %d: duplicate kept: %s", iter, err)
		}
		if err := distinct(ds.Attendance, func(r *Attendance) { r.Src = Source{} }); err != "" {
			t.Fatalf("iteration %d: duplicate kept: %s", iter, err)
		}
		// No two kept comparators give a figure for one indicator, comparator and period.
		if err := distinct(ds.Comparators, func(r *Comparator) {
			*r = Comparator{Indicator: r.Indicator, Comparator: r.Comparator, Period: r.Period}
		}); err != "" {
			t.Fatalf("iteration %d: conflicting figures kept: %s", iter, err)
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

// distinct reports a record of recs that equals an earlier one once key has reduced both,
// or "".
func distinct[T comparable](recs []T, key func(*T)) string {
	seen := map[T]bool{}
	for _, r := range recs {
		key(&r)
		if seen[r] {
			return fmt.Sprintf("%+v", r)
		}
		seen[r] = true
	}
	return ""
}

// TestDuplicatesV2 checks the duplicate rule of SPEC §3.6 on the SPEC v2 columns and kinds:
// every column of the kind counts, after parsing.
func TestDuplicatesV2(t *testing.T) {
	eh, eg := eteKPIHeader, eteKPIGood
	tests := []struct {
		name       string
		header     string
		rows       []string
		accepted   int
		duplicates int
	}{
		{"ete rows equal in every KPI column are duplicates", eh, []string{eg, eg}, 1, 1},
		{"ete rows differing only in a wider-services column are not duplicates", eh,
			[]string{eg, with(eh, eg, "early_help_end", "yes")}, 2, 0},
		{"ete rows differing only in accommodation are not duplicates", eh,
			[]string{eg, with(eh, eg, "accommodation_suitable_start", "Suitable")}, 2, 0},
		{"ete rows differing only in a cascade stage are not duplicates", eh,
			[]string{eg, with(eh, eg, "mental_health_attending", "no")}, 2, 0},
		{"yes written Y and yes is one value: duplicates", eh,
			[]string{eg, with(eh, eg, "send_identified", "Y")}, 1, 1},
		// Blank and "unknown" both read unknown, but only "unknown" is a recorded value
		// (SPEC §4.6 reports a block only when some row recorded one), so they differ.
		{"accommodation blank and unknown written out are not duplicates", eh,
			[]string{with(eh, with(eh, eg, "accommodation_suitable_end", ""), "accommodation_suitable_start", ""),
				with(eh, with(eh, eg, "accommodation_suitable_end", ""), "accommodation_suitable_start", "unknown")}, 2, 0},
		{"the same answer twice is a duplicate", fbHeader, []string{fbGood, fbGood}, 1, 1},
		{"another answer to the same question is kept", fbHeader, []string{fbGood, with(fbHeader, fbGood, "answer", "Disagree")}, 2, 0},
		{"answer labels that mean one code are duplicates", fbHeader,
			[]string{with(fbHeader, fbGood, "answer", "Don't know"), with(fbHeader, fbGood, "answer", "not sure")}, 1, 1},
		{"the same attendance twice is a duplicate", attHeader, []string{attGood, attGood}, 1, 1},
		{"attendance differing in senior is kept", attHeader, []string{attGood, with(attHeader, attGood, "senior", "")}, 2, 0},
		{"a plan action differing only in its indicator is kept", planHeader + ",indicator",
			[]string{planGood + ",custody_share", planGood + ",frequency_rate"}, 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := mustRead(t, Options{AsOf: asOf}, memFile{"a.csv", []sheet.Sheet{textSheet("", append([]string{tt.header}, tt.rows...)...)}})
			in := ds.Inputs[0]
			if in.Accepted != tt.accepted || in.Duplicates != tt.duplicates || in.Rejected != 0 {
				t.Errorf("accepted/duplicates/rejected = %d/%d/%d, want %d/%d/0; problems %v",
					in.Accepted, in.Duplicates, in.Rejected, tt.accepted, tt.duplicates, ds.Problems)
			}
		})
	}
}
