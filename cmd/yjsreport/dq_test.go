package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestGoldenDataQuality compares the sample data's data-quality.csv with the reviewed copy in
// testdata/golden, byte for byte: the order of its lines (files in name order, sheets in
// workbook order, rows in order, duplicates where the merge finds them), the BOM, CRLF and
// quoting must not change however the list is made. The copy was written by yjsreport before
// data-quality.csv was streamed (issue 16). Refresh it only on purpose, with
// `go test ./cmd/yjsreport -run GoldenDataQuality -update`.
func TestGoldenDataQuality(t *testing.T) {
	out := t.TempDir()
	runCLI(t, "generate", "--in", sampleDir, "--out", out, "--as-of", "2019-01-31", "--quiet")
	got, err := os.ReadFile(filepath.Join(out, "data-quality.csv"))
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "golden", "sample-2018-19-Q3-data-quality.csv")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("data-quality.csv for the sample differs from %s; review the change with\n"+
			"  go test ./cmd/yjsreport -run GoldenDataQuality -update && git diff %s", golden, golden)
	}
}
