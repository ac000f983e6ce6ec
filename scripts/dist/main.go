// Command dist builds the release archives of `make dist`: for each platform a binary
// stamped with the version, commit and date, packed with the README, the column map and a
// synthetic sample folder — a .zip for Windows, a .tar.gz for the others — and SHA256SUMS.
//
//	go run ./scripts/dist -version v1.2.0 -commit <sha> -date 2025-11-29 [-tags echarts_embedded] [-out dist]
//
// Archives are reproducible: entries in name order, every time set to the commit's date,
// fixed permissions, no owner names; the binaries are built with -trimpath. So rebuilding a
// commit gives the same SHA256SUMS.
package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/sample"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// platforms are the release targets, as GOOS/GOARCH.
var platforms = []string{
	"windows/amd64", "windows/arm64",
	"darwin/arm64", "darwin/amd64",
	"linux/amd64", "linux/arm64",
}

type options struct {
	root, out             string
	version, commit, date string
	tags                  string
	allowCDN              bool
	targets               []string
	stdout                io.Writer
	goCmd                 string
	// quick builds as go test does (no -trimpath, cgo as the machine has it), so a test
	// reuses the packages its own build compiled instead of compiling everything again.
	quick bool
}

func main() {
	o := options{stdout: os.Stdout, goCmd: "go"}
	flag.StringVar(&o.root, "root", ".", "the repository's root `DIR`")
	flag.StringVar(&o.out, "out", "dist", "`DIR` to write the archives and SHA256SUMS into (emptied first)")
	flag.StringVar(&o.version, "version", "", "version `V` to stamp and name the archives with (git describe)")
	flag.StringVar(&o.commit, "commit", "", "commit `SHA` to stamp")
	flag.StringVar(&o.date, "date", "", "commit date `YYYY-MM-DD` to stamp and to date the archive entries")
	flag.StringVar(&o.tags, "tags", "", "build `TAGS` (echarts_embedded for the offline dashboard)")
	flag.BoolVar(&o.allowCDN, "allow-cdn", false, "build without the embedded ECharts (the dashboard then needs the internet)")
	targets := flag.String("targets", strings.Join(platforms, ","), "comma-separated GOOS/GOARCH `LIST`")
	flag.Parse()
	o.targets = strings.Split(*targets, ",")
	files, err := dist(o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "dist: error:", err)
		os.Exit(1)
	}
	for _, f := range files {
		fmt.Fprintln(o.stdout, "  "+f)
	}
}

// dist builds every target into o.out and returns the files written.
func dist(o options) ([]string, error) {
	if o.version == "" {
		return nil, errors.New("no -version given")
	}
	if strings.ContainsAny(o.version, `/\ `) {
		return nil, fmt.Errorf("version %q must not hold a slash or a space: it names the archives", o.version)
	}
	mtime := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	if o.date != "" {
		d, err := time.Parse("2006-01-02", o.date)
		if err != nil {
			return nil, fmt.Errorf("-date %q is not YYYY-MM-DD", o.date)
		}
		mtime = d
	}
	if !strings.Contains(o.tags, "echarts_embedded") && !o.allowCDN {
		return nil, errors.New("ECharts is not embedded, so the dashboard would need the internet, which council and police networks often block; " +
			"run 'make echarts' (needs npm) and build with -tags echarts_embedded, or give -allow-cdn")
	}
	if err := os.RemoveAll(o.out); err != nil {
		return nil, err
	}
	work := filepath.Join(o.out, ".work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)

	// The files every archive holds besides the binary.
	common, err := commonFiles(o, work)
	if err != nil {
		return nil, err
	}

	var written []string
	sums := map[string]string{}
	for _, t := range o.targets {
		goos, goarch, ok := strings.Cut(strings.TrimSpace(t), "/")
		if !ok {
			return nil, fmt.Errorf("target %q is not GOOS/GOARCH", t)
		}
		name := fmt.Sprintf("yjsreport-%s-%s-%s", o.version, goos, goarch)
		exe := "yjsreport"
		if goos == "windows" {
			exe += ".exe"
		}
		fmt.Fprintf(o.stdout, "building %s/%s\n", goos, goarch)
		bin := filepath.Join(work, name, exe)
		if err := build(o, goos, goarch, bin); err != nil {
			return nil, err
		}
		data, err := os.ReadFile(bin)
		if err != nil {
			return nil, err
		}
		files := append([]file{{name: exe, data: data, mode: 0o755}}, common...)
		var archive bytes.Buffer
		ext := ".tar.gz"
		if goos == "windows" {
			ext = ".zip"
			err = writeZip(&archive, name, files, mtime)
		} else {
			err = writeTarGz(&archive, name, files, mtime)
		}
		if err != nil {
			return nil, err
		}
		out := filepath.Join(o.out, name+ext)
		if err := os.WriteFile(out, archive.Bytes(), 0o644); err != nil {
			return nil, err
		}
		sum := sha256.Sum256(archive.Bytes())
		sums[name+ext] = hex.EncodeToString(sum[:])
		written = append(written, out)
	}
	var names []string
	for n := range sums {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%s  %s\n", sums[n], n)
	}
	sumsFile := filepath.Join(o.out, "SHA256SUMS")
	if err := os.WriteFile(sumsFile, []byte(b.String()), 0o644); err != nil {
		return nil, err
	}
	return append(written, sumsFile), nil
}

// file is one archive entry, by its path inside the archive's top folder ("/"-separated).
type file struct {
	name string
	data []byte
	mode fs.FileMode
}

// commonFiles are the README, licences, the column map and a sample folder made by the tool
// itself (a host build of it).
func commonFiles(o options, work string) ([]file, error) {
	var files []file
	add := func(src, name string, required bool) error {
		data, err := os.ReadFile(filepath.Join(o.root, src))
		if errors.Is(err, fs.ErrNotExist) && !required {
			return nil
		}
		if err != nil {
			return err
		}
		files = append(files, file{name: name, data: data, mode: 0o644})
		return nil
	}
	for _, f := range []struct {
		src, name string
		required  bool
	}{
		{"README.md", "README.md", true},
		{"LICENSE", "LICENSE.txt", false},
		{"templates/columns.yaml", "column-map.yaml", true},
		{"report/dashboard/assets/LICENSE-echarts", "LICENSE-echarts.txt", false},
	} {
		if err := add(f.src, f.name, f.required); err != nil {
			return nil, err
		}
	}

	// The archive's sample is what 'yjsreport sample' writes by default (seed 1, 2,000
	// children, exported 31 January 2019), made by the same package.
	dir := filepath.Join(work, "sample")
	if _, err := sample.Generate(dir, sample.Options{Seed: 1, Children: sample.DefaultChildren, ExportDate: calendar.New(2019, 1, 31)}); err != nil {
		return nil, fmt.Errorf("the sample: %w", err)
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, file{name: path.Join("sample", filepath.ToSlash(rel)), data: data, mode: 0o644})
		return nil
	})
	return files, err
}

// build compiles the command for goos/goarch ("" for this machine), stamped.
func build(o options, goos, goarch, out string) error {
	ldflags := fmt.Sprintf("-s -w -X main.stampVersion=%s -X main.stampCommit=%s -X main.stampDate=%s", o.version, o.commit, o.date)
	args := []string{"build", "-ldflags", ldflags, "-o", out}
	if !o.quick {
		args = append(args, "-trimpath") // no build machine's paths in the binary
	}
	if o.tags != "" {
		args = append(args, "-tags", o.tags)
	}
	args = append(args, "./cmd/yjsreport")
	cmd := exec.Command(o.goCmd, args...)
	cmd.Dir = o.root
	cmd.Env = os.Environ()
	if !o.quick {
		cmd.Env = append(cmd.Env, "CGO_ENABLED=0") // one static binary, the same from any build machine
	}
	if goos != "" {
		cmd.Env = append(cmd.Env, "GOOS="+goos, "GOARCH="+goarch)
	}
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s/%s: %v\n%s", goos, goarch, err, msg)
	}
	return nil
}

// sorted returns the files in name order, so that archives do not depend on the walk.
func sorted(files []file) []file {
	s := append([]file(nil), files...)
	sort.Slice(s, func(i, j int) bool { return s[i].name < s[j].name })
	return s
}

// dirs lists the folders the files need, top first, in name order.
func dirs(top string, files []file) []string {
	set := map[string]bool{top: true}
	for _, f := range files {
		for d := path.Dir(f.name); d != "."; d = path.Dir(d) {
			set[top+"/"+d] = true
		}
	}
	var out []string
	for d := range set {
		out = append(out, d)
	}
	sort.Strings(out)
	return out
}

// writeZip writes the files under the folder top, as Windows' own Extract All reads them.
func writeZip(w io.Writer, top string, files []file, mtime time.Time) error {
	zw := zip.NewWriter(w)
	for _, d := range dirs(top, files) {
		h := &zip.FileHeader{Name: d + "/", Method: zip.Store, Modified: mtime}
		h.SetMode(fs.ModeDir | 0o755)
		if _, err := zw.CreateHeader(h); err != nil {
			return err
		}
	}
	for _, f := range sorted(files) {
		h := &zip.FileHeader{Name: top + "/" + f.name, Method: zip.Deflate, Modified: mtime}
		h.SetMode(f.mode)
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// writeTarGz writes the files under the folder top as a gzipped tar.
func writeTarGz(w io.Writer, top string, files []file, mtime time.Time) error {
	gw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	gw.ModTime = mtime
	tw := tar.NewWriter(gw)
	for _, d := range dirs(top, files) {
		if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: d + "/", Mode: 0o755, ModTime: mtime}); err != nil {
			return err
		}
	}
	for _, f := range sorted(files) {
		h := &tar.Header{Typeflag: tar.TypeReg, Name: top + "/" + f.name, Mode: int64(f.mode), Size: int64(len(f.data)), ModTime: mtime}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if _, err := tw.Write(f.data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gw.Close()
}
