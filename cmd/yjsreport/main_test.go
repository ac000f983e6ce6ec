package main

import (
	"context"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"yjsreport": func() { os.Exit(Run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)) },
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
			return nil
		},
	})
}

func examplesDir() string {
	for _, p := range []string{"../../../shared/examples", "../../../../shared/examples"} {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			abs, _ := os.Getwd()
			return abs + "/" + p
		}
	}
	return ""
}
