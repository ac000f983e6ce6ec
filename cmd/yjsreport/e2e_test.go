package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/ingest"
)

// sampleDir is the committed sample data, read by the end-to-end tests.
const sampleDir = "../../sample-data"

// runCLI runs the command in-process and fails the test on a non-zero status.
func runCLI(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := Run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("yjsreport %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
	return stdout.String()
}

// pdfText extracts the PDF's text with poppler's pdftotext. Missing poppler skips loudly,
// except under CI, where `make test` installs it and a skip would hide a failure.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext not found: CI must install poppler-utils (make test does)")
		}
		t.Skip("SKIPPED: pdftotext (poppler-utils) is not installed; run `make test` to install it")
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// xlsxText returns every XML part of an xlsx, concatenated: all the text a reader could see.
func xlsxText(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var b strings.Builder
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		b.Write(data)
	}
	return b.String()
}

func findPDF(t *testing.T, dir string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(m) != 1 {
		t.Fatalf("want one PDF in %s, found %v", dir, m)
	}
	return m[0]
}

// TestNoChildLevelDataInReport is the privacy guard of SPEC §6: after generate on the sample,
// no child_id, victim_id or date of birth from the inputs appears in the PDF text, the
// dashboard, indicators.json or indicators.xlsx. (data-quality.csv may, and must, carry ids.)
func TestNoChildLevelDataInReport(t *testing.T) {
	out := t.TempDir()
	runCLI(t, "generate", "--in", sampleDir, "--out", out, "--as-of", "2019-01-31", "--quiet")

	ds, err := ingest.ReadDir(sampleDir, ingest.Options{AsOf: calendar.New(2019, 1, 31)})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	dobs := map[calendar.Date]bool{}
	for _, r := range ds.Disposals {
		ids[r.ChildID] = true
		dobs[r.DateOfBirth] = true
	}
	for _, r := range ds.ETE {
		ids[r.ChildID] = true
		dobs[r.DateOfBirth] = true
	}
	for _, r := range ds.OOCD {
		ids[r.ChildID] = true
		dobs[r.DateOfBirth] = true
	}
	for _, r := range ds.Victims {
		ids[r.ChildID] = true
		ids[r.VictimID] = true
	}
	for _, p := range ds.Problems {
		if p.ChildID != "" {
			ids[p.ChildID] = true
		}
	}
	if len(ids) < 100 || len(dobs) < 100 {
		t.Fatalf("sample too small to be a test: %d ids, %d dates of birth", len(ids), len(dobs))
	}

	outputs := map[string]string{
		"PDF":             pdfText(t, findPDF(t, out)),
		"dashboard.html":  readFile(t, filepath.Join(out, "dashboard.html")),
		"indicators.json": readFile(t, filepath.Join(out, "indicators.json")),
		"indicators.xlsx": xlsxText(t, filepath.Join(out, "indicators.xlsx")),
	}
	// The data-quality list must carry the ids (so the check above is not vacuous).
	dq := readFile(t, filepath.Join(out, "data-quality.csv"))
	foundInDQ := false
	for id := range ids {
		if strings.Contains(dq, ","+id+"\r\n") {
			foundInDQ = true
			break
		}
	}
	if !foundInDQ {
		t.Fatal("data-quality.csv carries no child_id: the privacy check would find nothing either")
	}
	for name, text := range outputs {
		// Ids are compared as whole words, so a numeric victim id is not "found" inside a
		// longer number such as a rate's digits ("28.703331" is one word; a full stop ending a
		// sentence is not part of the word before it).
		words := map[string]bool{}
		for _, w := range strings.FieldsFunc(text, func(r rune) bool {
			return !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == '.')
		}) {
			words[strings.Trim(w, ".")] = true
		}
		for id := range ids {
			if words[id] {
				t.Errorf("%s contains the id %q", name, id)
			}
		}
		for d := range dobs {
			for _, form := range []string{d.String(), d.UK(), d.Long()} {
				if strings.Contains(text, form) {
					t.Errorf("%s contains a date of birth written %q", name, form)
				}
			}
		}
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSameInputsSameOutputs: the same inputs, as-of and config give byte-identical outputs,
// the PDF included. (testdata/script/reproducible.txtar checks the same across two processes.)
func TestSameInputsSameOutputs(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	runCLI(t, "generate", "--in", sampleDir, "--out", a, "--as-of", "2019-01-31", "--quiet")
	runCLI(t, "generate", "--in", sampleDir, "--out", b, "--as-of", "2019-01-31", "--quiet")
	for _, name := range []string{"indicators.json", "indicators.xlsx", "data-quality.csv", "dashboard.html"} {
		if readFile(t, filepath.Join(a, name)) != readFile(t, filepath.Join(b, name)) {
			t.Errorf("%s differs between two runs on the same inputs", name)
		}
	}
	if readFile(t, findPDF(t, a)) != readFile(t, findPDF(t, b)) {
		t.Error("the PDF differs between two runs on the same inputs")
	}
}

// TestInputsUntouched: generate opens inputs read-only and never changes them.
func TestInputsUntouched(t *testing.T) {
	in := t.TempDir()
	runCLI(t, "sample", "--out", in, "--children", "80", "--seed", "5")
	before := snapshot(t, in)
	runCLI(t, "generate", "--in", in, "--out", t.TempDir(), "--as-of", "2019-01-31", "--quiet")
	after := snapshot(t, in)
	if len(before) != len(after) {
		t.Fatalf("input folder changed: %d files before, %d after", len(before), len(after))
	}
	for name, data := range before {
		if after[name] != data {
			t.Errorf("input %s was modified", name)
		}
	}
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, e := range entries {
		info, _ := e.Info()
		m[e.Name()] = readFile(t, filepath.Join(dir, e.Name())) + info.ModTime().String()
	}
	return m
}
