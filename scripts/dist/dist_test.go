package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestArchiveForThisMachine is make dist for the platform the test runs on: the archive is
// built, checked against SHA256SUMS, unpacked, and the binary inside runs on its own sample
// into a folder whose name has a space, stamped with the version it was built as. It builds
// as go test does (quick), to reuse the test build's packages; make dist adds -trimpath and
// CGO_ENABLED=0.
func TestArchiveForThisMachine(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the release binary")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("SKIPPED: no go command on PATH")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	o := options{root: root, out: t.TempDir(), version: "v0.0.0-test", commit: "0123456789abcdef0123456789abcdef01234567",
		date: "2025-01-02", targets: []string{runtime.GOOS + "/" + runtime.GOARCH}, stdout: io.Discard, goCmd: goCmd, quick: true}
	if _, err := os.Stat(filepath.Join(root, "report", "dashboard", "assets", "echarts.min.js")); err == nil {
		o.tags = "echarts_embedded"
	} else {
		o.allowCDN = true
	}
	files, err := dist(o)
	if err != nil {
		t.Fatal(err)
	}
	name := "yjsreport-v0.0.0-test-" + runtime.GOOS + "-" + runtime.GOARCH
	ext := ".tar.gz"
	if runtime.GOOS == "windows" {
		ext = ".zip"
	}
	archive := filepath.Join(o.out, name+ext)
	if len(files) != 2 || files[0] != archive || files[1] != filepath.Join(o.out, "SHA256SUMS") {
		t.Fatalf("files written = %v", files)
	}
	data, err := os.ReadFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if got, want := readFile(t, files[1]), hex.EncodeToString(sum[:])+"  "+name+ext+"\n"; got != want {
		t.Errorf("SHA256SUMS = %q, want %q", got, want)
	}

	dir := t.TempDir()
	if ext == ".zip" {
		unzip(t, data, dir)
	} else {
		untar(t, data, dir)
	}
	top := filepath.Join(dir, name)
	for _, f := range []string{"README.md", "column-map.yaml", "sample/disposals.xlsx", "sample/ete.csv", "sample/oocd.xlsx", "sample/yjsreport.yaml"} {
		if _, err := os.Stat(filepath.Join(top, filepath.FromSlash(f))); err != nil {
			t.Errorf("the archive lacks %s: %v", f, err)
		}
	}
	exe := filepath.Join(top, "yjsreport")
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	run := func(args ...string) string {
		cmd := exec.Command(exe, args...)
		cmd.Dir = top
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("yjsreport %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	if out := run("version"); !strings.HasPrefix(out, "yjsreport v0.0.0-test\n") || !strings.Contains(out, "date    2025-01-02") {
		t.Errorf("yjsreport version printed:\n%s", out)
	}
	run("generate", "--in", "sample", "--out", "board pack", "--as-of", "2019-01-31", "--quiet")
	var ind struct{ Generator string }
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(top, "board pack", "indicators.json"))), &ind); err != nil {
		t.Fatal(err)
	}
	if want := "yjsreport v0.0.0-test (commit 0123456789ab, 2025-01-02)"; ind.Generator != want {
		t.Errorf("generator = %q, want %q", ind.Generator, want)
	}
	pdfs, _ := filepath.Glob(filepath.Join(top, "board pack", "*.pdf"))
	if len(pdfs) != 1 {
		t.Errorf("PDFs written: %v", pdfs)
	}
}

// TestArchivesAreReproducible: the same files make the same bytes whatever order they come
// in, with every entry under the top folder, dated with the commit's date and given fixed
// permissions.
func TestArchivesAreReproducible(t *testing.T) {
	mtime := time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)
	files := []file{
		{name: "yjsreport.exe", data: []byte("MZ binary"), mode: 0o755},
		{name: "sample/ete.csv", data: []byte("Child ID\r\n"), mode: 0o644},
		{name: "README.md", data: []byte("# yjsreport\n"), mode: 0o644},
	}
	reversed := []file{files[2], files[1], files[0]}
	for _, format := range []struct {
		name  string
		write func(io.Writer, string, []file, time.Time) error
	}{{"zip", writeZip}, {"tar.gz", writeTarGz}} {
		t.Run(format.name, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := format.write(&a, "yjsreport-v1-windows-amd64", files, mtime); err != nil {
				t.Fatal(err)
			}
			if err := format.write(&b, "yjsreport-v1-windows-amd64", reversed, mtime); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("the order of the files changed the archive")
			}
			dir := t.TempDir()
			if format.name == "zip" {
				unzip(t, a.Bytes(), dir)
			} else {
				untar(t, a.Bytes(), dir)
			}
			for _, f := range files {
				p := filepath.Join(dir, "yjsreport-v1-windows-amd64", filepath.FromSlash(f.name))
				got, err := os.ReadFile(p)
				if err != nil || !bytes.Equal(got, f.data) {
					t.Errorf("%s: %q, %v", f.name, got, err)
					continue
				}
				fi, _ := os.Stat(p)
				if runtime.GOOS != "windows" && fi.Mode().Perm() != f.mode {
					t.Errorf("%s: mode %v, want %v", f.name, fi.Mode().Perm(), f.mode)
				}
				if !fi.ModTime().Equal(mtime) {
					t.Errorf("%s: modified %v, want %v", f.name, fi.ModTime(), mtime)
				}
			}
		})
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// unzip and untar unpack an archive into dir as a user's tool would, keeping modes and times.
func unzip(t *testing.T, data []byte, dir string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if f.FileInfo().IsDir() {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		write(t, p, b, f.Mode(), f.Modified)
	}
}

func untar(t *testing.T, data []byte, dir string) {
	t.Helper()
	gr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, filepath.FromSlash(h.Name))
		if h.Typeflag == tar.TypeDir {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		write(t, p, b, fs.FileMode(h.Mode), h.ModTime)
	}
}

func write(t *testing.T, p string, b []byte, mode fs.FileMode, mtime time.Time) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, mode.Perm()); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode.Perm()); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, mtime, mtime); err != nil {
		t.Fatal(err)
	}
}
