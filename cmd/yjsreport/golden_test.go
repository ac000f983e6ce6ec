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
	checkGolden(t, filepath.Join(out, "indicators.json"), "sample-2018-19-Q3-indicators.json", "Golden")
}

// checkGolden compares the file at path with testdata/golden/name byte for byte, or with
// -update rewrites the golden copy; run names the test for the message.
func checkGolden(t *testing.T, path, name, run string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "golden", name)
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
		t.Errorf("%s for the sample differs from %s; review the change with\n"+
			"  go test ./cmd/yjsreport -run %s -update && git diff %s", filepath.Base(path), golden, run, golden)
	}
}
