package main

import (
	"strings"
	"testing"
	"time"
)

// TestPrinter feeds the printer the events go test -json writes and checks what a person
// watching make test sees.
func TestPrinter(t *testing.T) {
	const mod = "github.com/yjsreport/yjsreport/"
	tests := []struct {
		name     string
		events   string
		label    string
		want     []string // lines that must appear, in this order
		wantNot  []string
		wantCode int
	}{
		{
			name: "a passing package is one line with its time, its tests' log is dropped",
			events: `{"Action":"start","Package":"` + mod + `calendar"}
{"Action":"output","Package":"` + mod + `calendar","Test":"TestQuarter","Output":"    noisy log\n"}
{"Action":"pass","Package":"` + mod + `calendar","Test":"TestQuarter","Elapsed":0.01}
{"Action":"pass","Package":"` + mod + `calendar","Elapsed":0.25}`,
			want:    []string{"ok       0.2s  calendar", "1 packages ok, 0 failed, 0 without tests"},
			wantNot: []string{"noisy log"},
		},
		{
			name: "a failing test's output is shown under its package, and the run fails",
			events: `{"Action":"output","Package":"` + mod + `ingest","Test":"TestRules","Output":"    rules_test.go:12: reason = x, want y\n"}
{"Action":"fail","Package":"` + mod + `ingest","Test":"TestRules","Elapsed":0.1}
{"Action":"output","Package":"` + mod + `ingest","Test":"TestOther","Output":"    fine\n"}
{"Action":"pass","Package":"` + mod + `ingest","Test":"TestOther","Elapsed":0.1}
{"Action":"fail","Package":"` + mod + `ingest","Elapsed":2.5}`,
			label:    "race",
			want:     []string{"FAIL     2.5s  ingest  (race)", "rules_test.go:12: reason = x, want y", "0 packages ok, 1 failed, 0 without tests (race)", "FAILED: ingest"},
			wantNot:  []string{"fine"},
			wantCode: 1,
		},
		{
			name: "a build failure shows the compiler's message",
			events: `{"ImportPath":"` + mod + `report [` + mod + `report.test]","Action":"build-output","Output":"report/x.go:3:1: syntax error\n"}
{"ImportPath":"` + mod + `report [` + mod + `report.test]","Action":"build-fail"}
{"Action":"fail","Package":"` + mod + `report","Elapsed":0,"FailedBuild":"` + mod + `report [` + mod + `report.test]"}`,
			want:     []string{"FAIL     0.0s  report", "report/x.go:3:1: syntax error"},
			wantCode: 1,
		},
		{
			name: "a package without tests and a loud skip are reported",
			events: `{"Action":"skip","Package":"` + mod + `ingest/sheet","Elapsed":0}
{"Action":"output","Package":"` + mod + `report/pdf","Test":"TestText","Output":"    e2e_test.go:40: SKIPPED: pdftotext (poppler-utils) is not installed\n"}
{"Action":"skip","Package":"` + mod + `report/pdf","Test":"TestText","Elapsed":0}
{"Action":"pass","Package":"` + mod + `report/pdf","Elapsed":1}`,
			want: []string{"-        0.0s  ingest/sheet  (no tests)", "ok       1.0s  report/pdf", "SKIPPED: pdftotext", "1 packages ok, 0 failed, 1 without tests"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			p := newPrinter(&b, tt.label, time.Now())
			p.read(strings.NewReader(tt.events))
			code := p.summary()
			out := b.String()
			at := 0
			for _, w := range tt.want {
				i := strings.Index(out[at:], w)
				if i < 0 {
					t.Fatalf("output lacks %q after byte %d:\n%s", w, at, out)
				}
				at += i + len(w)
			}
			for _, w := range tt.wantNot {
				if strings.Contains(out, w) {
					t.Errorf("output has %q:\n%s", w, out)
				}
			}
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d", code, tt.wantCode)
			}
		})
	}
}
