package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/yjsreport/yjsreport/calendar"
)

// TestConcurrentGenerate runs generate on the sample as on a terminal, so the progress
// display's goroutine runs while files are read in parallel (each reporting to it) and charts
// are drawn in parallel. make test runs it under the race detector; without it, it checks
// only that the run succeeds.
func TestConcurrentGenerate(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	e := &env{stdout: &stdout, stderr: &stderr, today: calendar.New(2019, 1, 31), stderrIsTTY: true}
	if err := e.run(context.Background(), []string{"generate", "--in", sampleDir, "--out", out, "--as-of", "2019-01-31"}); err != nil {
		t.Fatalf("generate: %v\n%s", err, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(out, "indicators.json")); err != nil {
		t.Fatal(err)
	}
}
