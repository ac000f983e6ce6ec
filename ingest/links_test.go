package ingest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestReadDirLinks: a link to a file outside the input folder is not read but listed, with
// its target, as skipped and as a note; a link to a file inside the folder is read.
func TestReadDirLinks(t *testing.T) {
	type want struct {
		read    []string // files read, in order
		skipped []string // Dataset.Skipped, with "<outside>" standing for the outside folder
		notes   []string // notes' reasons, likewise
	}
	tests := []struct {
		name string
		// make builds the input folder in dir; outside is a folder beside it holding
		// plan.csv (a good extract). It returns the folder to read.
		make func(t *testing.T, dir, outside string) string
		want want
	}{
		{
			name: "a link to a file outside the folder is not read, and named with its target",
			make: func(t *testing.T, dir, outside string) string {
				symlink(t, filepath.Join(outside, "plan.csv"), filepath.Join(dir, "linked.csv"))
				return dir
			},
			want: want{
				read:    []string{"good.csv"},
				skipped: []string{"linked.csv (a link to <outside>/plan.csv outside the input folder, not read)"},
				notes:   []string{`is a link to "<outside>/plan.csv", outside the input folder: not read (a link is not followed out of the folder; copy the file itself into the folder to include it)`},
			},
		},
		{
			name: "a relative link that climbs out of the folder is outside",
			make: func(t *testing.T, dir, outside string) string {
				symlink(t, filepath.Join("..", filepath.Base(outside), "plan.csv"), filepath.Join(dir, "up.csv"))
				return dir
			},
			want: want{
				read:    []string{"good.csv"},
				skipped: []string{"up.csv (a link to <outside>/plan.csv outside the input folder, not read)"},
				notes:   []string{`is a link to "<outside>/plan.csv", outside the input folder: not read (a link is not followed out of the folder; copy the file itself into the folder to include it)`},
			},
		},
		{
			name: "a link to a link inside the folder that points outside is outside",
			make: func(t *testing.T, dir, outside string) string {
				mkdir(t, filepath.Join(dir, "sub"))
				symlink(t, filepath.Join(outside, "plan.csv"), filepath.Join(dir, "sub", "hop.csv"))
				symlink(t, filepath.Join("sub", "hop.csv"), filepath.Join(dir, "chain.csv"))
				return dir
			},
			want: want{
				read:    []string{"good.csv"},
				skipped: []string{"chain.csv (a link to <outside>/plan.csv outside the input folder, not read)", "sub (folder)"},
				notes:   []string{`is a link to "<outside>/plan.csv", outside the input folder: not read (a link is not followed out of the folder; copy the file itself into the folder to include it)`},
			},
		},
		{
			name: "a link to a file in a sub-folder of the folder is read",
			make: func(t *testing.T, dir, outside string) string {
				mkdir(t, filepath.Join(dir, "sub"))
				writeFile("plan2.csv", goodCSV)(t, filepath.Join(dir, "sub"))
				symlink(t, filepath.Join(dir, "sub", "plan2.csv"), filepath.Join(dir, "inside.csv"))
				return dir
			},
			want: want{read: []string{"good.csv", "inside.csv"}, skipped: []string{"sub (folder)"}},
		},
		{
			name: "a folder reached through a link: a link to a file in it by its real path is inside",
			make: func(t *testing.T, dir, outside string) string {
				mkdir(t, filepath.Join(dir, "sub"))
				writeFile("plan2.csv", goodCSV)(t, filepath.Join(dir, "sub"))
				real, err := filepath.EvalSymlinks(dir)
				if err != nil {
					t.Fatal(err)
				}
				symlink(t, filepath.Join(real, "sub", "plan2.csv"), filepath.Join(dir, "inside.csv"))
				via := filepath.Join(filepath.Dir(outside), "via")
				symlink(t, dir, via)
				return via
			},
			want: want{read: []string{"good.csv", "inside.csv"}, skipped: []string{"sub (folder)"}},
		},
		{
			name: "a link to a folder outside is skipped as a folder, as before",
			make: func(t *testing.T, dir, outside string) string {
				symlink(t, outside, filepath.Join(dir, "else.csv"))
				return dir
			},
			want: want{read: []string{"good.csv"}, skipped: []string{"else.csv (folder)"}},
		},
		{
			name: "a link that is not named as data keeps its note",
			make: func(t *testing.T, dir, outside string) string {
				writeFile("readme.txt", "notes\n")(t, outside)
				symlink(t, filepath.Join(outside, "readme.txt"), filepath.Join(dir, "readme.txt"))
				return dir
			},
			want: want{read: []string{"good.csv"}, skipped: []string{"readme.txt (not a data file)"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			dir, outside := filepath.Join(root, "in"), filepath.Join(root, "outside")
			mkdir(t, dir)
			mkdir(t, outside)
			writeFile("good.csv", goodCSV)(t, dir)
			writeFile("plan.csv", goodCSV)(t, outside)
			read := tt.make(t, dir, outside)

			ds, err := ReadDir(read, Options{AsOf: asOf})
			if err != nil {
				t.Fatal(err)
			}
			realOutside, err := filepath.EvalSymlinks(outside)
			if err != nil {
				t.Fatal(err)
			}
			subst := func(s string) string { return strings.ReplaceAll(s, realOutside, "<outside>") }
			var got want
			for _, in := range ds.Inputs {
				got.read = append(got.read, in.File)
			}
			for _, s := range ds.Skipped {
				got.skipped = append(got.skipped, subst(s))
			}
			for _, p := range ds.Problems {
				if p.Severity == SevNote && p.Row == 0 && p.Sheet == "" {
					got.notes = append(got.notes, subst(p.Reason))
					if p.Rule != "a link to a file outside the input folder: not read" {
						t.Errorf("note rule %q", p.Rule)
					}
				}
			}
			if !slices.Equal(got.read, tt.want.read) {
				t.Errorf("read %q, want %q", got.read, tt.want.read)
			}
			if !slices.Equal(got.skipped, tt.want.skipped) {
				t.Errorf("skipped %q\nwant    %q", got.skipped, tt.want.skipped)
			}
			if !slices.Equal(got.notes, tt.want.notes) {
				t.Errorf("notes %q\nwant  %q", got.notes, tt.want.notes)
			}
			rows := 0
			for _, in := range ds.Inputs {
				rows += in.Read
			}
			if rows != len(tt.want.read) {
				t.Errorf("%d rows read, want one per file read (%d)", rows, len(tt.want.read))
			}
		})
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make a symlink: %v", err)
	}
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}
