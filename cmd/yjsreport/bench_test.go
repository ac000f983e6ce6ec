package main

import (
	"bytes"
	"context"
	"testing"
)

// BenchmarkGenerateSample is `make report` after the build: generate on the committed sample
// (2,000 children) into a temp folder — read, compute, render every output, write. Target:
// under 0.5 s a run on a 2-core machine.
func BenchmarkGenerateSample(b *testing.B) {
	out := b.TempDir()
	args := []string{"generate", "--in", sampleDir, "--out", out, "--as-of", "2019-01-31", "--quiet"}
	for b.Loop() {
		var stderr bytes.Buffer
		if code := Run(context.Background(), args, &bytes.Buffer{}, &stderr); code != 0 {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
}
