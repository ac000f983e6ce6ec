package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from this run's output")

// TestGoldenIndicators compares the sample data's indicators.json with the reviewed copy in
// testdata/golden. A change in any figure shows here as a diff to review; refresh it only on
// purpose, with `go test ./cmd/yjsreport -run Golden -update`.
func TestGoldenIndicators(t *testing.T) {
	out := t.TempDir()
	runCLI(t, "generate", "--in", sampleDir, "--out", out, "--as-of", "2019-01-31", "--quiet")
	got, err := os.ReadFile(filepath.Join(out, "indicators.json"))
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "golden", "sample-2018-19-Q3-indicators.json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
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
		t.Errorf("indicators.json for the sample differs from %s; review the change with\n"+
			"  go test ./cmd/yjsreport -run Golden -update && git diff %s", golden, golden)
	}
}
