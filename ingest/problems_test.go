package ingest

import (
	"slices"
	"testing"
)

func TestGroupProblems(t *testing.T) {
	ps := []Problem{
		{File: "a.csv", Row: 5, Column: "offence_date", Rule: "not a date", Reason: `"31/02/2018" is not a date`, Severity: SevRejected},
		{File: "a.csv", Row: 7, Column: "outcome_type", Rule: "unknown outcome_type", Reason: "x", Severity: SevRejected},
		{File: "a.csv", Row: 9, Column: "offence_date", Rule: "not a date", Reason: `"1/13/2018" is not a date`, Severity: SevRejected},
		{File: "a.csv", Row: 9, Column: "offence_date", Rule: "not a date", Reason: "y", Severity: SevWarning},
		{File: "b.csv", Row: 2, Column: "offence_date", Rule: "not a date", Reason: "z", Severity: SevRejected},
		{File: "b.csv", Row: 0, Rule: "empty sheet", Reason: "empty sheet skipped", Severity: SevNote},
	}
	got := GroupProblems(ps)
	// Same file, column, rule and severity group together (rows 5 and 9); a different
	// severity, file or rule starts its own group; groups keep first-occurrence order.
	want := []ProblemGroup{
		{File: "a.csv", Column: "offence_date", Rule: "not a date", Severity: SevRejected, Example: `"31/02/2018" is not a date`, Count: 2, Rows: []int{5, 9}},
		{File: "a.csv", Column: "outcome_type", Rule: "unknown outcome_type", Severity: SevRejected, Example: "x", Count: 1, Rows: []int{7}},
		{File: "a.csv", Column: "offence_date", Rule: "not a date", Severity: SevWarning, Example: "y", Count: 1, Rows: []int{9}},
		{File: "b.csv", Column: "offence_date", Rule: "not a date", Severity: SevRejected, Example: "z", Count: 1, Rows: []int{2}},
		{File: "b.csv", Rule: "empty sheet", Severity: SevNote, Example: "empty sheet skipped", Count: 1},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d groups, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.File != w.File || g.Column != w.Column || g.Rule != w.Rule || g.Severity != w.Severity ||
			g.Example != w.Example || g.Count != w.Count || !slices.Equal(g.Rows, w.Rows) {
			t.Errorf("group %d = %+v, want %+v", i, g, w)
		}
	}
}
