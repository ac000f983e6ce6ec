package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// commitSet commits run's tagged set (outputs_crash_test.go) into out, in this process.
func commitSet(t *testing.T, out, run string) error {
	t.Helper()
	set := newOutputSet(out, io.Discard, true)
	for _, n := range testSet {
		set.add(n, tagged(run, n))
	}
	_, err := set.commit()
	return err
}

// writeSet writes run's tagged set into dir by hand, as a crashed run would have left it.
func writeSet(t testing.TB, dir, run string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range testSet {
		if err := os.WriteFile(filepath.Join(dir, n), tagged(run, n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCommit: the states a crashed or earlier run can leave, and what the next run makes of
// them. Names of leftovers are built by hand from the layout documented in outputs.go.
func TestCommit(t *testing.T) {
	const (
		staging = ".out.yjsreport-new-0000000000000001-99"
		older   = ".out.yjsreport-old-0000000000000001-99"
		newer   = ".out.yjsreport-old-0000000000000002-99"
	)
	tests := []struct {
		name string
		// before makes the state in root (the output folder is root/out).
		before func(t *testing.T, root string)
		run    string // the run committed; "" to sweep only
		want   string // the run whose set out then holds
		// extra are paths under root that must then exist with the given content.
		extra map[string]string
	}{
		{
			name:   "the first run makes the folder and its set",
			before: func(*testing.T, string) {},
			run:    "new", want: "new",
		},
		{
			name: "a run replaces the set and keeps the user's files, sub-folders and links",
			before: func(t *testing.T, root string) {
				writeSet(t, filepath.Join(root, "out"), "old")
				plantUserEntries(t, filepath.Join(root, "out"))
			},
			run: "new", want: "new",
			extra: map[string]string{"out/notes.txt": "my notes\n", "out/archive/q1.txt": "archived\n",
				"out/.my-settings": "hidden but mine\n", "out/older-2018-19-Q2.pdf": "last quarter's report\n"},
		},
		{
			name: "a crashed run's unfinished staging folder (with child ids) is removed",
			before: func(t *testing.T, root string) {
				writeSet(t, filepath.Join(root, "out"), "old")
				writeSet(t, filepath.Join(root, staging), "crashed")
			},
			run: "new", want: "new",
		},
		{
			name: "an unfinished staging folder is removed even when the run only sweeps",
			before: func(t *testing.T, root string) {
				writeSet(t, filepath.Join(root, "out"), "old")
				writeSet(t, filepath.Join(root, staging), "crashed")
			},
			want: "old",
		},
		{
			name: "a crash between the two renames: the old set is put back, the new staging folder removed",
			before: func(t *testing.T, root string) {
				writeSet(t, filepath.Join(root, older), "old")
				writeFile(t, filepath.Join(root, older, replacedMark), "")
				writeFile(t, filepath.Join(root, older, "notes.txt"), "mine\n")
				writeSet(t, filepath.Join(root, staging), "crashed")
			},
			want:  "old",
			extra: map[string]string{"out/notes.txt": "mine\n"},
		},
		{
			name: "with several marked old folders and none in place, the newest is put back",
			before: func(t *testing.T, root string) {
				writeSet(t, filepath.Join(root, older), "oldest")
				writeFile(t, filepath.Join(root, older, replacedMark), "")
				writeSet(t, filepath.Join(root, newer), "old")
				writeFile(t, filepath.Join(root, newer, replacedMark), "")
			},
			want: "old",
		},
		{
			name: "a crash after the swap: the old folder's sub-folder is moved back and the old folder removed",
			before: func(t *testing.T, root string) {
				writeSet(t, filepath.Join(root, "out"), "new")
				writeFile(t, filepath.Join(root, "out", "notes.txt"), "mine\n")
				writeSet(t, filepath.Join(root, staging), "old") // the exchange left the old set here
				writeFile(t, filepath.Join(root, staging, replacedMark), "")
				writeFile(t, filepath.Join(root, staging, "notes.txt"), "mine\n")
				writeFile(t, filepath.Join(root, staging, "archive", "q1.txt"), "archived\n")
			},
			want:  "new",
			extra: map[string]string{"out/notes.txt": "mine\n", "out/archive/q1.txt": "archived\n"},
		},
		{
			name: "an unmarked staging folder is not emptied into the folder (its files are not the user's)",
			before: func(t *testing.T, root string) {
				writeSet(t, filepath.Join(root, "out"), "old")
				writeSet(t, filepath.Join(root, staging), "crashed")
				writeFile(t, filepath.Join(root, staging, "crashed-2018-19-Q4.pdf"), "a crashed run's report\n")
			},
			want: "old",
		},
		{
			name: "a marker left in the folder by a crash before the swap is removed",
			before: func(t *testing.T, root string) {
				writeSet(t, filepath.Join(root, "out"), "old")
				writeFile(t, filepath.Join(root, "out", replacedMark), "")
			},
			run: "new", want: "new",
		},
		{
			name: "hidden temporaries of earlier versions are removed, a user's hidden file kept",
			before: func(t *testing.T, root string) {
				writeSet(t, filepath.Join(root, "out"), "old")
				writeFile(t, filepath.Join(root, "out", ".data-quality.csv.tmp-123456"), "child_id C1001\n")
				writeFile(t, filepath.Join(root, "out", ".indicators.json.tmp-42.old"), "{}\n")
				writeFile(t, filepath.Join(root, "out", ".sample-county-2018-19-Q3.pdf.tmp-7"), "%PDF")
				writeFile(t, filepath.Join(root, "out", ".my-settings"), "hidden but mine\n")
			},
			want:  "old",
			extra: map[string]string{"out/.my-settings": "hidden but mine\n"},
		},
	}
	for _, mode := range []bool{true, false} {
		for _, tt := range tests {
			name := tt.name
			if !mode {
				name += " (two renames)"
			}
			t.Run(name, func(t *testing.T) {
				defer func(old bool) { useExchange = old }(useExchange)
				useExchange = mode
				root := t.TempDir()
				out := filepath.Join(root, "out")
				tt.before(t, root)
				if tt.run == "" {
					sweepOut(t, out)
				} else if err := commitSet(t, out, tt.run); err != nil {
					t.Fatal(err)
				}
				if got, err := setRun(out); err != nil || got != tt.want {
					t.Fatalf("the folder holds run %q (%v), want %q", got, err, tt.want)
				}
				for p, content := range tt.extra {
					if b, err := os.ReadFile(filepath.Join(root, p)); err != nil || string(b) != content {
						t.Errorf("%s: %q (%v), want %q", p, b, err, content)
					}
				}
				if err := checkClean(out); err != nil {
					t.Error(err)
				}
				inside, _ := os.ReadDir(out)
				for _, e := range inside {
					if n := e.Name(); strings.HasPrefix(n, "crashed") {
						t.Errorf("%s of a crashed run is in the output folder", n)
					}
				}
			})
		}
	}
}

// TestCommitThroughLink: an output folder that is a link keeps the link; the folder it points
// to gets the set, and the staging folder goes beside that folder.
func TestCommitThroughLink(t *testing.T) {
	root := t.TempDir()
	real := filepath.Join(root, "share", "reports")
	writeSet(t, real, "old")
	link := filepath.Join(root, "out")
	if err := os.Symlink(real, link); err != nil {
		t.Skipf("cannot make a symlink: %v", err)
	}
	if err := commitSet(t, link, "new"); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the link is gone or replaced (%v)", err)
	}
	if got, err := setRun(real); err != nil || got != "new" {
		t.Fatalf("the linked folder holds run %q (%v), want new", got, err)
	}
	if err := checkClean(real); err != nil {
		t.Error(err)
	}
}

// TestCommitKeepsFolderMode: the replaced folder keeps its permissions (a team's folder).
func TestCommitKeepsFolderMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("folder permissions are ACLs on Windows")
	}
	out := filepath.Join(t.TempDir(), "out")
	writeSet(t, out, "old")
	if err := os.Chmod(out, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := commitSet(t, out, "new"); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o750 {
		t.Errorf("mode %v, want -rwxr-x---", got)
	}
}

// TestCommitLocked: a run finding the output folder locked waits, says so, and gives up
// after lockWait with a message naming the folder and the lock file; once the lock is free
// it goes ahead.
func TestCommitLocked(t *testing.T) {
	in := t.TempDir()
	runCLI(t, "sample", "--out", in, "--children", "40", "--seed", "3")
	root := t.TempDir()
	out := filepath.Join(root, "out")
	holder := newOutputSet(out, io.Discard, true)
	lockPath := filepath.Join(root, ".out"+lockSuffix)
	lk, err := holder.lock(lockPath)
	if err != nil {
		t.Fatal(err)
	}
	defer setLockWait(300 * time.Millisecond)()
	defer func(old time.Duration) { lockNotice = old }(lockNotice)
	lockNotice = 100 * time.Millisecond

	var stdout, stderr bytes.Buffer
	args := []string{"generate", "--in", in, "--out", out, "--as-of", "2019-01-31"}
	if code := Run(context.Background(), args, &stdout, &stderr); code != exitFailed {
		t.Fatalf("exit %d, want %d\n%s", code, exitFailed, stderr.String())
	}
	wantErr := "yjsreport: waiting for another yjsreport run (process " + strconv.Itoa(os.Getpid()) + ") to finish writing to " + out + "\n" +
		"yjsreport: error: another yjsreport run (process " + strconv.Itoa(os.Getpid()) + ") is writing to " + out + "; gave up after 300ms\n" +
		"yjsreport: hint: wait for it to finish, or if none is running remove " + lockPath + " and run again\n"
	if stderr.String() != wantErr {
		t.Errorf("stderr\n%s\nwant\n%s", stderr.String(), wantErr)
	}
	if exists(out) {
		t.Error("a run that did not get the lock wrote the output folder")
	}

	// Released while a run waits: the run goes ahead.
	lockWait = 10 * time.Second
	go func() {
		time.Sleep(200 * time.Millisecond)
		lk.release()
	}()
	stderr.Reset()
	if code := Run(context.Background(), append(args, "--quiet"), &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d after the lock was released\n%s", code, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("--quiet run printed %q", stderr.String())
	}
	if !exists(filepath.Join(out, "indicators.json")) {
		t.Error("no indicators.json after the lock was released")
	}
	if runtime.GOOS != "windows" && exists(lockPath) {
		t.Error("the lock file is left behind")
	}
}

// BenchmarkCommit measures a commit of a five-file set (48 KB each) into a folder holding a
// previous set and a user's files: lock, sweep, write and fsync, hard-link, swap, tidy.
func BenchmarkCommit(b *testing.B) {
	out := filepath.Join(b.TempDir(), "out")
	writeSet(b, out, "old")
	for i := range 20 {
		writeFile(b, filepath.Join(out, "mine", strconv.Itoa(i)+".txt"), "mine\n")
		writeFile(b, filepath.Join(out, "mine-"+strconv.Itoa(i)+".pdf"), "mine\n")
	}
	data := map[string][]byte{}
	for _, n := range testSet {
		data[n] = tagged("bench", n)
	}
	for b.Loop() {
		set := newOutputSet(out, io.Discard, true)
		for _, n := range testSet {
			set.add(n, data[n])
		}
		if _, err := set.commit(); err != nil {
			b.Fatal(err)
		}
	}
}
