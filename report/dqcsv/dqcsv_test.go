package dqcsv

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/ingest"
)

func TestWrite(t *testing.T) {
	problems := []ingest.Problem{
		{File: "disposals.xlsx", Sheet: "Outcomes", Row: 14, Column: "offence_date",
			Reason: `"31/02/2018" is not a date (use DD/MM/YYYY)`, Severity: ingest.SevRejected, ChildID: "C0001"},
		{File: "ete.csv", Row: 3, Reason: "repeats row 2", Severity: ingest.SevDuplicate, ChildID: "C0002"},
		{File: "oocd.xlsx", Sheet: "OOCD", Row: 7, Column: "locality", Reason: "blank locality set aside",
			Severity: ingest.SevWarning, ChildID: "=HYPERLINK(\"http://x\",\"y\")"},
		{File: "notes.txt", Reason: "not a data file, skipped", Severity: ingest.SevNote},
		{File: "-2+3", Sheet: "@SUM(A1)", Row: 9, Column: "+cmd", Reason: "\tTAB", Severity: ingest.SevRejected,
			ChildID: "\rCR"},
	}
	var buf bytes.Buffer
	if err := Write(&buf, problems); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\ufeff") {
		t.Fatal("data-quality.csv does not start with a UTF-8 BOM")
	}
	if !strings.HasPrefix(out[3:], "file,sheet,row,column,severity,reason,child_id\r\n") {
		t.Fatalf("header line = %q", strings.SplitN(out[3:], "\n", 2)[0])
	}
	recs, err := csv.NewReader(strings.NewReader(out[3:])).ReadAll()
	if err != nil {
		t.Fatalf("data-quality.csv does not parse: %v", err)
	}
	want := [][]string{
		{"file", "sheet", "row", "column", "severity", "reason", "child_id"},
		// SPEC §5: file, sheet, row, column, reason, severity; the team's child_id (SPEC §6).
		{"disposals.xlsx", "Outcomes", "14", "offence_date", "rejected", `"31/02/2018" is not a date (use DD/MM/YYYY)`, "C0001"},
		// A CSV file has no sheet.
		{"ete.csv", "", "3", "", "duplicate", "repeats row 2", "C0002"},
		// A formula in a cell is written as text: a leading quote.
		{"oocd.xlsx", "OOCD", "7", "locality", "warning", "blank locality set aside", `'=HYPERLINK("http://x","y")`},
		// A note about a whole file has no row.
		{"notes.txt", "", "", "", "note", "not a data file, skipped", ""},
		// Every cell starting with - + @ tab or CR is neutralised, in every column
		// (encoding/csv's writer in CRLF mode drops a lone CR from a field; checked below).
		{"'-2+3", "'@SUM(A1)", "9", "'+cmd", "rejected", "'\tTAB", "'CR"},
	}
	if !strings.Contains(out, ",\"'CR\"\r\n") {
		t.Errorf("a cell starting with a carriage return is not neutralised:\n%q", out)
	}
	if len(recs) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%q", len(recs), len(want), recs)
	}
	for i := range want {
		if strings.Join(recs[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("line %d = %q, want %q", i+1, recs[i], want[i])
		}
	}
}

func TestNeutralise(t *testing.T) {
	cases := []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{"+44 7700", "'+44 7700"},
		{"-5", "'-5"},
		{"@cmd", "'@cmd"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"C0001", "C0001"},
		{"a=b", "a=b"}, // only the first character makes a formula
		{"", ""},
	}
	for _, tc := range cases {
		if got := Neutralise(tc.in); got != tc.want {
			t.Errorf("Neutralise(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, nil); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != "\ufefffile,sheet,row,column,severity,reason,child_id\r\n" {
		t.Errorf("no problems: got %q, want the BOM and header only", got)
	}
}
