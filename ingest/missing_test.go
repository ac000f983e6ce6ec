package ingest

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/ingest/sheet"
)

// TestMissingExtracts checks SPEC §3.6: when no sheet of disposals, ete or oocd is found the
// run fails naming each missing kind and, for every sheet of no kind, the closest kind's
// missing columns.
func TestMissingExtracts(t *testing.T) {
	// An ete export whose intervention_end header was renamed, so it matches no kind.
	badETE := textSheet("Sheet1", "child_id,date_of_birth,intervention_type,intervention_start,Closed On,ete_suitable_start,ete_suitable_end")
	tests := []struct {
		name    string
		files   []memFile
		missing []Kind
		msg     string // "" = no error
	}{
		{"all three core extracts: nothing missing",
			[]memFile{
				{"d.csv", []sheet.Sheet{textSheet("", dispHeader)}},
				{"e.csv", []sheet.Sheet{textSheet("", eteHeader)}},
				{"o.csv", []sheet.Sheet{textSheet("", oocdHeader)}},
			}, nil, ""},
		{"a sheet with no rows still counts as present",
			[]memFile{
				{"d.csv", []sheet.Sheet{textSheet("", dispHeader)}},
				{"e.csv", []sheet.Sheet{textSheet("", eteHeader, with(eteHeader, eteGood, "child_id", ""))}},
				{"o.csv", []sheet.Sheet{textSheet("", oocdHeader)}},
			}, nil, ""},
		{"a mislabelled ete export: ete missing, the sheet named with the column it lacks",
			[]memFile{
				{"d.csv", []sheet.Sheet{textSheet("", dispHeader)}},
				{"ete.xlsx", []sheet.Sheet{badETE}},
				{"o.csv", []sheet.Sheet{textSheet("", oocdHeader)}},
			}, []Kind{KindETE},
			`no ete extract found: no sheet has the columns child_id, date_of_birth, intervention_type, intervention_start, intervention_end, ete_suitable_start, ete_suitable_end; ete.xlsx: sheet "Sheet1" is closest to ete but lacks intervention_end`},
		{"only optional extracts: all three missing, in the order disposals, ete, oocd",
			[]memFile{
				{"notes.csv", []sheet.Sheet{textSheet("", "Some,notes")}},
				{"plan.csv", []sheet.Sheet{textSheet("", planHeader)}},
			}, []Kind{KindDisposals, KindETE, KindOOCD},
			"no disposals, ete or oocd extract found: " +
				"no sheet has the disposals columns child_id, date_of_birth, offence_date, outcome_date, outcome_type; " +
				"no sheet has the ete columns child_id, date_of_birth, intervention_type, intervention_start, intervention_end, ete_suitable_start, ete_suitable_end; " +
				"no sheet has the oocd columns child_id, date_of_birth, outcome_type, referral_date; " +
				"notes.csv has the required columns of no extract in rows 1-10"},
		{"two missing, two unmatched sheets in reading order",
			[]memFile{
				{"d.csv", []sheet.Sheet{textSheet("", dispHeader)}},
				{"w.xlsx", []sheet.Sheet{badETE, textSheet("OOCD", "child_id,date_of_birth,outcome_type")}},
			}, []Kind{KindETE, KindOOCD},
			"no ete or oocd extract found: " +
				"no sheet has the ete columns child_id, date_of_birth, intervention_type, intervention_start, intervention_end, ete_suitable_start, ete_suitable_end; " +
				"no sheet has the oocd columns child_id, date_of_birth, outcome_type, referral_date; " +
				`w.xlsx: sheet "Sheet1" is closest to ete but lacks intervention_end; ` +
				`w.xlsx: sheet "OOCD" is closest to oocd but lacks referral_date`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := mustRead(t, Options{AsOf: asOf}, tt.files...)
			if got := ds.MissingCore(); !slices.Equal(got, tt.missing) {
				t.Errorf("MissingCore = %v, want %v", got, tt.missing)
			}
			err := ds.MissingExtracts()
			if tt.msg == "" {
				if err != nil {
					t.Errorf("error %v, want none", err)
				}
				return
			}
			var me *MissingExtractsError
			if !errors.As(err, &me) {
				t.Fatalf("error %v, want a *MissingExtractsError", err)
			}
			if err.Error() != tt.msg {
				t.Errorf("message\n%s\nwant\n%s", err, tt.msg)
			}
			if !slices.Equal(me.Kinds, tt.missing) || me.Hint == "" {
				t.Errorf("kinds %v hint %q", me.Kinds, me.Hint)
			}
		})
	}
}

// TestMissingExtractsHint: when a sheet comes close to a missing kind, the hint gives the
// exact config line that maps its own header for the first column it lacks.
func TestMissingExtractsHint(t *testing.T) {
	badETE := textSheet("Sheet1", "child_id,date_of_birth,intervention_type,intervention_start,Finish,ete_suitable_start,ete_suitable_end")
	ds := mustRead(t, Options{}, memFile{"d.csv", []sheet.Sheet{textSheet("", dispHeader)}},
		memFile{"o.csv", []sheet.Sheet{textSheet("", "child_id,date_of_birth,outcome_type,referral_date")}},
		memFile{"ete.xlsx", []sheet.Sheet{badETE}})
	var me *MissingExtractsError
	if !errors.As(ds.MissingExtracts(), &me) {
		t.Fatal("no MissingExtractsError")
	}
	want := `if ete.xlsx sheet "Sheet1" names intervention_end differently, add its header to the config (yjsreport.yaml): columns: {intervention_end: ["Your header"]}`
	if !strings.HasPrefix(me.Hint, want) {
		t.Errorf("hint %q, want it to start %q", me.Hint, want)
	}
}

// TestUnmatchedSheetClosest: a sheet of no kind records its closest kind and what it lacks,
// for the missing-extracts message; a sheet with no required column of any kind records none.
func TestUnmatchedSheetClosest(t *testing.T) {
	ds := mustRead(t, Options{}, memFile{"w.xlsx", []sheet.Sheet{
		textSheet("Board", "meeting_date,partner"),
		textSheet("Notes", "Some,notes"),
	}})
	if in := ds.Inputs[0]; in.Closest != KindBoardAttendance || !slices.Equal(in.Missing, []string{"attended"}) {
		t.Errorf("Board: closest %q missing %q, want board_attendance [attended]", in.Closest, in.Missing)
	}
	if in := ds.Inputs[1]; in.Closest != "" || in.Missing != nil {
		t.Errorf("Notes: closest %q missing %q, want none", in.Closest, in.Missing)
	}
}
