package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckInOut: --out may not be --in or inside it, nor --in inside --out, however the
// paths are spelt; anything else is fine.
func TestCheckInOut(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"in/sub", "in2", "out/exports", "share/real"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	links := os.Symlink(filepath.Join(root, "in"), filepath.Join(root, "inlink")) == nil &&
		os.Symlink(filepath.Join(root, "share"), filepath.Join(root, "sharelink")) == nil
	tests := []struct {
		name, in, out string
		want          string // part of the error; "" for none
		needLinks     bool
	}{
		{name: "out equal to in is refused", in: "in", out: "in", want: `--out "in" is the input folder`},
		{name: "out with a trailing separator and dots is still in", in: "in", out: "./in/./", want: "is the input folder"},
		{name: "out inside in is refused", in: "in", out: "in/report", want: `--out "in/report" is inside the input folder "in"`},
		{name: "out inside an existing sub-folder of in is refused", in: "in", out: "in/sub/x/y", want: "is inside the input folder"},
		{name: "out that climbs back into in is refused", in: "in", out: "in2/../in/report", want: "is inside the input folder"},
		{name: "out equal to in through a link is refused", in: "in", out: "inlink", want: "is the input folder", needLinks: true},
		{name: "in through a link, out inside the real folder, is refused", in: "inlink", out: "in/sub", want: "is inside the input folder", needLinks: true},
		{name: "in inside out is refused", in: "out/exports", out: "out", want: `--in "out/exports" is inside the output folder "out", which each run replaces`},
		{name: "in inside out through a link is refused", in: "sharelink/real", out: "share", want: "is inside the output folder", needLinks: true},
		{name: "a sibling whose name starts like in is fine", in: "in", out: "in2"},
		{name: "a new folder beside in is fine", in: "in", out: "report"},
		{name: "in beside out is fine", in: "in2", out: "out"},
		{name: "in that does not exist is left to the reading", in: "nowhere", out: "nowhere/report"},
	}
	t.Chdir(root)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.needLinks && !links {
				t.Skip("cannot make symlinks here")
			}
			err := checkInOut(tt.in, tt.out)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var ue *usageError
			if !errors.As(err, &ue) {
				t.Fatalf("error %v, want a usage error", err)
			}
			if !strings.Contains(ue.msg, tt.want) {
				t.Errorf("error %q, want it to contain %q", ue.msg, tt.want)
			}
			if !strings.Contains(ue.hint, "separate folders") {
				t.Errorf("hint %q", ue.hint)
			}
		})
	}
}
