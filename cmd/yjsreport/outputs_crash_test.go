package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// These tests run commits in child processes (the test binary run as "yjsreport-commit",
// see TestMain) and kill them at every step and at random moments, slow their renames, and
// run several at once into one folder. After each, the output folder must hold one complete
// set — every file from one run — the old one or the new one, the user's own files must all
// be there (after the next run's sweep at the latest), and nothing of ours may be left beside
// or inside the folder.

var soak = flag.Int("soak", 1, "multiply the iterations of the crash and concurrency tests (e.g. -soak 50 for a long run)")

// Test hooks, read from the environment of a child process by setTestHooks.
const (
	envKillAt     = "YJSREPORT_TEST_KILL_AT"     // kill the process at the n-th commit step
	envSlow       = "YJSREPORT_TEST_SLOW"        // sleep up to this long before each rename (a slow share)
	envNoExchange = "YJSREPORT_TEST_NO_EXCHANGE" // use the two-rename swap
	envLockWait   = "YJSREPORT_TEST_LOCK_WAIT"   // how long to wait for the lock
	envHold       = "YJSREPORT_TEST_HOLD"        // take the lock, say "locked" and hold it
)

// setTestHooks installs the hooks the environment asks for; it runs in child processes only.
func setTestHooks() {
	if os.Getenv(envNoExchange) != "" {
		useExchange = false
	}
	if d, err := time.ParseDuration(os.Getenv(envLockWait)); err == nil {
		lockWait = d
	}
	killAt, _ := strconv.Atoi(os.Getenv(envKillAt))
	slow, _ := time.ParseDuration(os.Getenv(envSlow))
	if killAt == 0 && slow == 0 {
		return
	}
	n := 0
	commitHook = func(step string) {
		n++
		if slow > 0 && strings.HasPrefix(step, "rename") {
			time.Sleep(rand.N(slow) + 1)
		}
		if n == killAt {
			p, _ := os.FindProcess(os.Getpid())
			p.Kill() // SIGKILL on Unix, TerminateProcess on Windows: no clean-up runs
			select {}
		}
	}
}

// commitChild is the test binary run as "yjsreport-commit OUT RUN": it commits the tagged
// set of RUN into OUT, printing "ready" when it starts the commit.
func commitChild() {
	setTestHooks()
	out, run := os.Args[1], os.Args[2]
	set := newOutputSet(out, os.Stderr, true)
	if os.Getenv(envHold) != "" {
		target, _ := resolvePath(out)
		if _, err := set.lock(filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+lockSuffix)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println("locked")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	for _, n := range testSet {
		set.add(n, tagged(run, n))
	}
	fmt.Println("ready")
	if _, err := set.commit(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// testSet is the set a commit child writes: the names generate writes.
var testSet = []string{"dashboard.html", "data-quality.csv", "indicators.json", "indicators.xlsx", "report-2018-19-Q3.pdf"}

// tagged is the content of the file name of run's set: a first line naming both, filler and
// a last line naming the run, so a file torn or mixed between runs shows. data-quality.csv
// carries a child id, as the real one does.
func tagged(run, name string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "run %s file %s\n", run, name)
	if name == "data-quality.csv" {
		b.WriteString("child_id C1001\n")
	}
	for b.Len() < 48<<10 {
		b.WriteString("0123456789abcdef")
	}
	fmt.Fprintf(&b, "end %s\n", run)
	return b.Bytes()
}

// setRun returns the run whose complete set the folder holds, or why it holds none.
func setRun(out string) (string, error) {
	run := ""
	for _, n := range testSet {
		b, err := os.ReadFile(filepath.Join(out, n))
		if err != nil {
			return "", fmt.Errorf("%s: %w", n, err)
		}
		var r, f string
		if _, err := fmt.Sscanf(string(b), "run %s file %s\n", &r, &f); err != nil || f != n {
			return "", fmt.Errorf("%s is not a file of a set", n)
		}
		if !bytes.Equal(b, tagged(r, n)) {
			return "", fmt.Errorf("%s of run %s is torn", n, r)
		}
		if run != "" && r != run {
			return "", fmt.Errorf("a mixed set: %s is from run %s, others from run %s", n, r, run)
		}
		run = r
	}
	return run, nil
}

// plantUserEntries puts a user's own things in the output folder: a file, a hidden file, a
// sub-folder, a link and an older quarter's report.
func plantUserEntries(t *testing.T, out string) {
	t.Helper()
	for name, content := range userFiles {
		path := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("notes.txt", filepath.Join(out, "link")); err != nil {
		t.Logf("no symlink: %v", err)
	}
}

var userFiles = map[string]string{
	"notes.txt":            "my notes\n",
	".my-settings":         "hidden but mine\n",
	"archive/q1.txt":       "archived\n",
	"older-2018-19-Q2.pdf": "last quarter's report\n",
}

// checkUserEntries reports a user's entry that is missing or changed.
func checkUserEntries(out string) error {
	for name, content := range userFiles {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			return fmt.Errorf("the user's %s is lost: %v", name, err)
		}
		if string(b) != content {
			return fmt.Errorf("the user's %s is changed: %q", name, b)
		}
	}
	if to, err := os.Readlink(filepath.Join(out, "link")); err == nil && to != "notes.txt" {
		return fmt.Errorf("the user's link points to %q", to)
	}
	return nil
}

// checkClean reports anything of ours left beside the output folder or hidden in it.
func checkClean(out string) error {
	parent, base := filepath.Dir(out), filepath.Base(out)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if n := e.Name(); n != base && (removeLockFile || n != "."+base+lockSuffix) {
			return fmt.Errorf("%s left beside the output folder", n)
		}
	}
	inside, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	for _, e := range inside {
		if n := e.Name(); strings.HasPrefix(n, ".") && userFiles[n] == "" {
			return fmt.Errorf("%s left in the output folder", n)
		}
	}
	return nil
}

// sweepOut does what the next run does first: take the lock and sweep.
func sweepOut(t *testing.T, out string) {
	t.Helper()
	o := newOutputSet(out, io.Discard, true)
	target, err := resolvePath(out)
	if err != nil {
		t.Fatal(err)
	}
	parent, base := filepath.Dir(target), filepath.Base(target)
	lk, err := o.lock(filepath.Join(parent, "."+base+lockSuffix))
	if err != nil {
		t.Fatal(err)
	}
	defer lk.release()
	if err := o.sweep(parent, base, target); err != nil {
		t.Fatal(err)
	}
}

func childCmd(t *testing.T, out, run string, env ...string) *exec.Cmd {
	t.Helper()
	bin, err := exec.LookPath("yjsreport-commit")
	if err != nil {
		t.Fatalf("the commit child is not on PATH (set up by TestMain): %v", err)
	}
	cmd := exec.Command(bin, out, run)
	cmd.Env = append(os.Environ(), env...)
	return cmd
}

// commitIn commits run's set into out in a child process, which must succeed.
func commitIn(t *testing.T, out, run string, env ...string) {
	t.Helper()
	if b, err := childCmd(t, out, run, env...).CombinedOutput(); err != nil {
		t.Fatalf("commit %s: %v\n%s", run, err, b)
	}
}

// killed reports whether a child was killed rather than exited (on Windows a killed
// process exits with status 1).
func killed(err error) bool {
	var ee *exec.ExitError
	return errors.As(err, &ee) && (!ee.Exited() || runtime.GOOS == "windows")
}

// swapModes are the two ways of swapping the folders; the second is Windows' (and that of
// filesystems without an atomic swap), exercised here on any system.
var swapModes = []struct {
	name string
	env  []string
}{
	{"atomic swap", nil},
	{"two renames", []string{envNoExchange + "=1"}},
}

// afterCrash checks the output folder straight after a run of run was killed, when the
// previous complete set was prev; then sweeps it as the next run does and checks again. It
// returns the run whose set the folder then holds, and what the crash left: "old", "new" or
// "missing" (the folder gone: only in the two-rename window).
func afterCrash(t *testing.T, out, prev, run string, atomic bool) (string, string) {
	t.Helper()
	left := ""
	got, err := setRun(out)
	switch {
	case err == nil && got == prev:
		left = "old"
	case err == nil && got == run:
		left = "new"
	case err == nil:
		t.Fatalf("the folder holds the set of run %s, want %s or %s", got, prev, run)
	case !atomic && errors.Is(err, os.ErrNotExist) && !exists(out):
		left = "missing"
	default:
		t.Fatalf("after the crash: %v", err)
	}
	if left != "missing" {
		if err := userRegularFiles(out); err != nil {
			t.Fatalf("after the crash: %v", err)
		}
	}
	sweepOut(t, out)
	got, err = setRun(out)
	if err != nil {
		t.Fatalf("after the sweep: %v", err)
	}
	if want := map[string]string{"old": prev, "new": run, "missing": prev}[left]; got != want {
		t.Fatalf("after the sweep the folder holds run %s, want %s", got, want)
	}
	if err := checkUserEntries(out); err != nil {
		t.Fatalf("after the sweep: %v", err)
	}
	if err := checkClean(out); err != nil {
		t.Fatalf("after the sweep: %v", err)
	}
	return got, left
}

// userRegularFiles checks the user's top-level files, which are hard-linked into the new set
// before the swap and so are never missing while the folder exists.
func userRegularFiles(out string) error {
	for name, content := range userFiles {
		if strings.Contains(name, "/") {
			continue // a sub-folder moves across after the swap
		}
		if b, err := os.ReadFile(filepath.Join(out, name)); err != nil || string(b) != content {
			return fmt.Errorf("the user's %s is missing or changed (%v)", name, err)
		}
	}
	return nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// TestCommitKilledAtEachStep kills a commit at each of its steps in turn (kill -9: no
// clean-up runs) and checks the folder after each.
func TestCommitKilledAtEachStep(t *testing.T) {
	for _, mode := range swapModes {
		t.Run(mode.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			commitIn(t, out, "first")
			plantUserEntries(t, out)
			prev := "first"
			seen := map[string]int{}
			for k := 1; ; k++ {
				run := fmt.Sprintf("kill%d", k)
				err := childCmd(t, out, run, append(mode.env, fmt.Sprintf("%s=%d", envKillAt, k))...).Run()
				if err == nil {
					// The commit has fewer than k steps: it ran to the end.
					if got, err := setRun(out); err != nil || got != run {
						t.Fatalf("a finished run left %q (%v)", got, err)
					}
					break
				}
				if !killed(err) {
					t.Fatalf("run %s: %v, want killed at step %d", run, err, k)
				}
				var left string
				prev, left = afterCrash(t, out, prev, run, mode.env == nil)
				seen[left]++
			}
			t.Logf("killed at each of the steps: the folder held the old set %d times, the new %d times, was missing %d times",
				seen["old"], seen["new"], seen["missing"])
			// Both outcomes must have happened, or the steps do not cover the swap.
			if seen["old"] == 0 || seen["new"] == 0 {
				t.Errorf("outcomes %v: want crashes leaving the old set and the new set", seen)
			}
			if mode.env != nil && seen["missing"] == 0 {
				t.Errorf("outcomes %v: the window between the two renames was not hit", seen)
			}
		})
	}
}

// TestCommitKilledAtRandomMoments kills commits at random moments, between steps as well as
// at them (mid-write, mid-fsync), with renames slowed a little so the kill can land anywhere.
func TestCommitKilledAtRandomMoments(t *testing.T) {
	for _, mode := range swapModes {
		t.Run(mode.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			commitIn(t, out, "first")
			plantUserEntries(t, out)
			prev := "first"
			seen := map[string]int{}
			// start runs a commit of run and returns when it says it is ready to commit.
			start := func(run string) *exec.Cmd {
				cmd := childCmd(t, out, run, append(mode.env, envSlow+"=4ms")...)
				stdout, err := cmd.StdoutPipe()
				if err != nil {
					t.Fatal(err)
				}
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || line != "ready\n" {
					t.Fatalf("child said %q (%v)", line, err)
				}
				return cmd
			}
			// How long a commit takes here, so the kills fall within it.
			began := time.Now()
			if err := start("timed").Wait(); err != nil {
				t.Fatal(err)
			}
			span, prev := time.Since(began)*5/4, "timed"
			for i := range 8 * *soak {
				run := fmt.Sprintf("r%d", i)
				cmd := start(run)
				time.Sleep(rand.N(span))
				cmd.Process.Kill()
				err := cmd.Wait()
				if err == nil {
					if got, err := setRun(out); err != nil || got != run {
						t.Fatalf("a finished run left %q (%v)", got, err)
					}
					prev = run
					seen["finished"]++
					continue
				}
				var left string
				prev, left = afterCrash(t, out, prev, run, mode.env == nil)
				seen[left]++
			}
			t.Logf("a commit takes about %v; outcomes of killing at random within %v: %v", span*4/5, span, seen)
		})
	}
}

// TestConcurrentCommits runs five commits at once into one folder, with slowed renames (a
// network share): each waits for the lock, all succeed, and the folder ends with the complete
// set of one of them.
func TestConcurrentCommits(t *testing.T) {
	for _, mode := range swapModes {
		t.Run(mode.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			commitIn(t, out, "first")
			plantUserEntries(t, out)
			for round := range 2 * *soak {
				var runs []string
				var wg sync.WaitGroup
				errs := make([]error, 5)
				outs := make([][]byte, 5)
				for i := range 5 {
					run := fmt.Sprintf("c%d-%d", round, i)
					runs = append(runs, run)
					wg.Add(1)
					go func() {
						defer wg.Done()
						outs[i], errs[i] = childCmd(t, out, run, append(mode.env, envSlow+"=15ms")...).CombinedOutput()
					}()
				}
				wg.Wait()
				for i, err := range errs {
					if err != nil {
						t.Fatalf("run %s: %v\n%s", runs[i], err, outs[i])
					}
				}
				got, err := setRun(out)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Contains(runs, got) {
					t.Fatalf("the folder holds run %s, want one of %v", got, runs)
				}
				if err := checkUserEntries(out); err != nil {
					t.Fatal(err)
				}
				if err := checkClean(out); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestRunsAtOnceIntoOneFolder is issue 16's finding end to end: generate runs at once into one
// folder, with slowed renames, all succeed, and the folder holds the whole output of one of
// them, byte for byte (the PDF by its text). Three runs by default (five with -soak).
func TestRunsAtOnceIntoOneFolder(t *testing.T) {
	in := t.TempDir()
	runCLI(t, "sample", "--out", in, "--children", "40", "--seed", "3")
	asOfs := []string{"2019-01-31", "2019-02-28"}
	runs := 3
	if *soak > 1 {
		runs = 5
	}
	want := map[string]string{} // as-of → output folder of a run alone
	for _, a := range asOfs {
		want[a] = t.TempDir()
		runCLI(t, "generate", "--in", in, "--out", want[a], "--as-of", a, "--quiet")
	}
	out := filepath.Join(t.TempDir(), "out")
	var wg sync.WaitGroup
	errs := make([]error, runs)
	outs := make([][]byte, runs)
	for i := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command("yjsreport", "generate", "--in", in, "--out", out, "--as-of", asOfs[i%len(asOfs)], "--quiet")
			cmd.Env = append(os.Environ(), envSlow+"=30ms")
			outs[i], errs[i] = cmd.CombinedOutput()
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("run %d: %v\n%s", i, err, outs[i])
		}
	}
	var js struct {
		AsOf string `json:"as_of"`
	}
	if err := jsonFile(filepath.Join(out, "indicators.json"), &js); err != nil {
		t.Fatal(err)
	}
	ref, ok := want[js.AsOf]
	if !ok {
		t.Fatalf("indicators.json is as of %q, not of any run", js.AsOf)
	}
	for _, name := range []string{"indicators.json", "indicators.xlsx", "data-quality.csv", "dashboard.html"} {
		if readFile(t, filepath.Join(out, name)) != readFile(t, filepath.Join(ref, name)) {
			t.Errorf("%s is not from the run as of %s, as indicators.json is", name, js.AsOf)
		}
	}
	if pdfText(t, findPDF(t, out)) != pdfText(t, findPDF(t, ref)) {
		t.Errorf("the PDF is not from the run as of %s, as indicators.json is", js.AsOf)
	}
	if err := checkClean(out); err != nil {
		t.Fatal(err)
	}
}

// TestLockReleasedWhenHolderDies: a run that holds the lock and is killed leaves it free.
func TestLockReleasedWhenHolderDies(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	cmd := childCmd(t, out, "holder", envHold+"=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || line != "locked\n" {
		t.Fatalf("child said %q (%v)", line, err)
	}
	lockPath := filepath.Join(filepath.Dir(out), ".out"+lockSuffix)
	defer setLockWait(100 * time.Millisecond)()
	o := newOutputSet(out, io.Discard, true)
	if _, err := o.lock(lockPath); err == nil {
		t.Fatal("took the lock while another process held it")
	} else if want := fmt.Sprintf("another yjsreport run (process %d) is writing to %s", cmd.Process.Pid, out); !strings.Contains(err.Error(), want) {
		t.Fatalf("error %q, want it to contain %q", err, want)
	}
	cmd.Process.Kill()
	cmd.Wait()
	start := time.Now()
	lockWait = 5 * time.Second
	lk, err := o.lock(lockPath)
	if err != nil {
		t.Fatalf("the lock of a killed run is not free: %v", err)
	}
	lk.release()
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v to get the lock of a killed run", d)
	}
}

// setLockWait sets lockWait for a test and returns the function that restores it.
func setLockWait(d time.Duration) func() {
	old := lockWait
	lockWait = d
	return func() { lockWait = old }
}

func jsonFile(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
