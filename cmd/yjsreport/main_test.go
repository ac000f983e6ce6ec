package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"yjsreport": func() {
			setTestHooks()
			os.Exit(Run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
		},
		// A commit of a small tagged set, for the crash and concurrency tests (outputs_crash_test.go).
		"yjsreport-commit": commitChild,
	})
}

// TestScripts runs the command-line scripts in testdata/script: usage, flags, exit statuses
// and each error message, as a user sees them.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			// The worked example of ../shared, when present, for end-to-end scripts.
			env.Setenv("EXAMPLES", examplesDir())
			// Broken workbooks of the ingest corpus (binary, so not inside the scripts).
			testdata, err := filepath.Abs(filepath.Join("..", "..", "ingest", "testdata"))
			if err != nil {
				return err
			}
			env.Setenv("INGEST_TESTDATA", testdata)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"status": cmdStatus,
		},
		Condition: func(cond string) (bool, error) {
			if cond == "examples" {
				return examplesDir() != "", nil
			}
			return false, errors.New("unknown condition " + cond)
		},
	})
}

// cmdStatus is "status N prog args...": run prog and require exit status N exactly, keeping
// its stdout and stderr for the following stdout/stderr checks (SPEC §7's statuses).
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status: %q is not a number", args[0])
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		got = ee.ExitCode()
	} else if err != nil {
		ts.Fatalf("status: %v", err)
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

// examplesDir finds ../shared/examples beside the repository (as laid out for developers
// and CI), or "" when it is not there.
func examplesDir() string {
	if dir := os.Getenv("YJS_EXAMPLES"); dir != "" {
		return dir
	}
	for _, p := range []string{"../../../shared/examples", "../../../../shared/examples"} {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			wd, _ := os.Getwd()
			return wd + "/" + p
		}
	}
	return ""
}
