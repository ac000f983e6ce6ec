package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// TestBuildFrom: where the version comes from. A release is stamped by make; go install
// records the module version; a build in a checkout records the commit.
func TestBuildFrom(t *testing.T) {
	vcs := func(rev, when, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.time", Value: when}, {Key: "vcs.modified", Value: modified}}
	}
	const rev = "4a00627c1d2e5f60718293a4b5c6d7e8f9a0b1c2"
	tests := []struct {
		name                   string
		version, commit, date  string
		bi                     *debug.BuildInfo
		wantVersion, wantShown string
	}{
		{"make stamps version, commit and date", "v1.2.0", rev, "2025-11-29",
			&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}},
			"v1.2.0", "yjsreport v1.2.0 (commit 4a00627c1d2e, 2025-11-29)"},
		{"git describe past a tag names the commit once", "v1.2.0-3-g4a00627-dirty", rev, "2025-11-29",
			&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}},
			"v1.2.0-3-g4a00627-dirty", "yjsreport v1.2.0-3-g4a00627-dirty (2025-11-29)"},
		{"go install @version gives the module version", "", "", "",
			&debug.BuildInfo{Main: debug.Module{Version: "v1.3.1"}},
			"v1.3.1", "yjsreport v1.3.1"},
		{"go build in a checkout gives the commit and its date", "", "", "",
			&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "2025-11-28T17:04:05Z", "false")},
			"4a00627c1d2e", "yjsreport 4a00627c1d2e (2025-11-28)"},
		{"uncommitted changes are marked dirty", "", "", "",
			&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "2025-11-28T17:04:05Z", "true")},
			"4a00627c1d2e-dirty", "yjsreport 4a00627c1d2e-dirty (2025-11-28)"},
		{"a stamp wins over the build info", "v2.0.0", "", "",
			&debug.BuildInfo{Main: debug.Module{Version: "v1.3.1"}, Settings: vcs(rev, "2025-11-28T17:04:05Z", "false")},
			"v2.0.0", "yjsreport v2.0.0 (commit 4a00627c1d2e, 2025-11-28)"},
		{"nothing known says so", "", "", "",
			&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}},
			"dev", "yjsreport dev (not a release build)"},
		{"no build info at all", "", "", "", nil, "dev", "yjsreport dev (not a release build)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := buildFrom(tt.version, tt.commit, tt.date, tt.bi)
			if b.Version != tt.wantVersion {
				t.Errorf("version = %q, want %q", b.Version, tt.wantVersion)
			}
			if got := b.String(); got != tt.wantShown {
				t.Errorf("String() = %q, want %q", got, tt.wantShown)
			}
		})
	}
}

// TestVersionInOutputs: the stamped version reaches `yjsreport version`, indicators.json
// (generator), the PDF's metadata (Creator) and the foot of its data-quality appendix, so a
// board pack can be traced to the build that made it.
func TestVersionInOutputs(t *testing.T) {
	defer func(v, c, d string) { stampVersion, stampCommit, stampDate = v, c, d }(stampVersion, stampCommit, stampDate)
	stampVersion, stampCommit, stampDate = "v9.8.7", "0123456789abcdef0123456789abcdef01234567", "2025-01-02"
	const want = "yjsreport v9.8.7 (commit 0123456789ab, 2025-01-02)"

	if out := runCLI(t, "version"); !strings.HasPrefix(out, "yjsreport v9.8.7\n") ||
		!strings.Contains(out, "commit  0123456789abcdef0123456789abcdef01234567") || !strings.Contains(out, "date    2025-01-02") {
		t.Errorf("yjsreport version printed:\n%s", out)
	}

	out := t.TempDir()
	runCLI(t, "generate", "--in", sampleDir, "--out", out, "--as-of", "2019-01-31", "--quiet")
	var ind struct {
		Generator string `json:"generator"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "indicators.json"))), &ind); err != nil {
		t.Fatal(err)
	}
	if ind.Generator != want {
		t.Errorf("indicators.json generator = %q, want %q", ind.Generator, want)
	}

	pdf := findPDF(t, out)
	text := pdfText(t, pdf) // skips loudly without poppler, as pdfinfo is poppler too
	if !strings.Contains(oneLine(text), "Made by "+want) {
		t.Errorf("the PDF's text does not say %q", "Made by "+want)
	}
	info, err := exec.Command("pdfinfo", pdf).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	if !strings.Contains(string(info), "Creator:") || !strings.Contains(oneLine(string(info)), want) {
		t.Errorf("pdfinfo does not show %q as the creator:\n%s", want, info)
	}
}
