package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Stamped at link time by `make build` and `make dist`, so that a board pack can be traced to
// the build that made it:
//
//	-X main.stampVersion=$(git describe --tags --always --dirty)
//	-X main.stampCommit=$(git rev-parse HEAD)
//	-X main.stampDate=<the commit's date, YYYY-MM-DD>
//
// The date is the commit's, not the moment of the build, so two builds of one commit are the
// same file and SHA256SUMS can be checked by rebuilding.
var stampVersion, stampCommit, stampDate string

// build is what is known of the binary's origin.
type build struct {
	Version string // a tag such as v1.2.0, git describe's v1.2.0-3-gabc1234-dirty, or "dev"
	Commit  string // the full commit hash, or ""
	Date    string // YYYY-MM-DD, or ""
	Go      string // the Go release that compiled it
}

// devVersion names a build with no version stamped (go build or go run in a checkout).
const devVersion = "dev"

// currentBuild returns the stamped version, else what the Go toolchain recorded
// (debug.ReadBuildInfo: the module version under `go install …@v1.2.0`, the VCS revision
// and time when built in a checkout).
func currentBuild() build {
	return buildFrom(stampVersion, stampCommit, stampDate, readBuildInfo())
}

func readBuildInfo() *debug.BuildInfo {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return nil
	}
	return bi
}

// buildFrom combines the link-time stamps with the build info; a stamp wins.
func buildFrom(version, commit, date string, bi *debug.BuildInfo) build {
	b := build{Version: version, Commit: commit, Date: date, Go: runtime.Version()}
	if bi == nil {
		if b.Version == "" {
			b.Version = devVersion
		}
		return b
	}
	b.Go = bi.GoVersion
	modified := false
	var rev, vcsTime string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			vcsTime = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if b.Version == "" {
		v := bi.Main.Version
		switch {
		case v != "" && v != "(devel)":
			b.Version = v
		case rev != "":
			b.Version = shortCommit(rev)
			if modified {
				b.Version += "-dirty"
			}
		default:
			b.Version = devVersion
		}
	}
	if b.Commit == "" {
		b.Commit = rev
	}
	if b.Date == "" && len(vcsTime) >= len("2006-01-02") {
		b.Date = vcsTime[:len("2006-01-02")]
	}
	return b
}

func shortCommit(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}

// String is the one-line form written into indicators.json (generator):
// "yjsreport v1.2.0 (commit 4a00627c1d2e, 2025-11-29)".
func (b build) String() string { return "yjsreport " + b.line() }

// line is String without the program's name: what the PDF prints after "yjsreport".
func (b build) line() string {
	var extra []string
	// git describe already names the commit ("v1.2.0-3-g4a00627"); say it once.
	if c := shortCommit(b.Commit); c != "" && !strings.Contains(b.Version, c[:min(len(c), 7)]) {
		extra = append(extra, "commit "+c)
	}
	if b.Date != "" {
		extra = append(extra, b.Date)
	}
	if b.Version == devVersion {
		extra = append(extra, "not a release build")
	}
	s := b.Version
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, ", ") + ")"
	}
	return s
}

// details is what `yjsreport version` prints after its first line.
func (b build) details() string {
	var sb strings.Builder
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&sb, "  %-7s %s\n", k, v)
		}
	}
	row("commit", b.Commit)
	row("date", b.Date)
	row("go", b.Go+" "+runtime.GOOS+"/"+runtime.GOARCH)
	if b.Version == devVersion {
		sb.WriteString("  a development build: build with 'make build' or download a release to stamp a version\n")
	}
	return sb.String()
}
