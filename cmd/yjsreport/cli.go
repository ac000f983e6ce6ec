package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/config"
)

// Exit statuses of SPEC §7.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
	exitStrict = 3
)

const usage = `yjsreport — the quarterly youth justice performance report for the Chief Officer Board

Usage:
  yjsreport generate [--in DIR] [--out DIR] [--quarter Q] [--as-of DATE] [--config FILE] [--commentary FILE] [--partial] [--quiet]
  yjsreport validate [--in DIR] [--as-of DATE] [--config FILE] [--strict] [--partial]
  yjsreport sample   [--out DIR] [--seed N] [--children N]
  yjsreport version

Commands:
  generate   read every .xlsx and .csv in --in and write the report into --out:
             the PDF, dashboard.html, indicators.json, indicators.xlsx and data-quality.csv
  validate   read and check the exports only, and print the data-quality summary
  sample     write synthetic exports of a fictional county (no real person)
  version    print the version

Dates are DD/MM/YYYY or YYYY-MM-DD; a quarter is e.g. "2018/19 Q3" or 2018-19-Q3.
The config is --config FILE, else yjsreport.yaml in the input folder if there is one.

Example:
  yjsreport generate --in exports/2018-19-Q3 --out report --as-of 31/01/2019

Exit status: 0 done (rejected rows are reported, not fatal), 1 the run failed,
2 usage error, 3 --strict and some rows were rejected.
`

// cliError is an error for the user with a hint saying what to do.
type cliError struct {
	err  error
	hint string
}

func (e *cliError) Error() string { return e.err.Error() }
func (e *cliError) Unwrap() error { return e.err }

func withHint(err error, hint string) error { return &cliError{err: err, hint: hint} }

// usageError is a mistake in the command line (exit 2), with a hint when the general one
// (see --help) would not say what to do.
type usageError struct{ msg, hint string }

func (e *usageError) Error() string { return e.msg }

// strictError reports --strict with rejected rows (exit 3); the summary is already printed.
type strictError struct{ rejected int }

func (e *strictError) Error() string {
	if e.rejected == 1 {
		return "1 row was rejected (--strict)"
	}
	return fmt.Sprintf("%d rows were rejected (--strict)", e.rejected)
}

// env is what the commands need from the outside world, read once here.
type env struct {
	stdout, stderr io.Writer
	today          calendar.Date
	stderrIsTTY    bool
}

// Run runs the command line args and returns the exit status. It is main without os.Exit,
// so deferred clean-up runs and tests can call it.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr, today: calendar.FromTime(time.Now())}
	if f, ok := stderr.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			e.stderrIsTTY = true
		}
	}
	err := e.run(ctx, args)
	if err == nil {
		return exitOK
	}
	var ue *usageError
	var ce *cliError
	var se *strictError
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "yjsreport: error: %s\n", ue.msg)
		hint := ue.hint
		if hint == "" {
			hint = "run 'yjsreport --help' for usage"
		}
		fmt.Fprintf(stderr, "yjsreport: hint: %s\n", hint)
		return exitUsage
	case errors.As(err, &se):
		fmt.Fprintf(stderr, "yjsreport: error: %s\n", err)
		fmt.Fprintf(stderr, "yjsreport: hint: fix the rows listed above in the case system, or run without --strict\n")
		return exitStrict
	case errors.As(err, &ce):
		fmt.Fprintf(stderr, "yjsreport: error: %s\n", oneLine(ce.err.Error()))
		if ce.hint != "" {
			fmt.Fprintf(stderr, "yjsreport: hint: %s\n", ce.hint)
		}
		return exitFailed
	default:
		fmt.Fprintf(stderr, "yjsreport: error: %s\n", oneLine(err.Error()))
		return exitFailed
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func (e *env) run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return &usageError{msg: "no command given"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(e.stdout, usage)
		return nil
	case "generate":
		return e.generate(ctx, rest)
	case "validate":
		return e.validate(ctx, rest)
	case "sample":
		return e.sample(ctx, rest)
	case "version", "--version", "-version":
		if len(rest) > 0 {
			return &usageError{msg: fmt.Sprintf("version takes no arguments, got %q", rest[0])}
		}
		fmt.Fprintf(e.stdout, "yjsreport %s\n", version())
		return nil
	}
	return &usageError{msg: fmt.Sprintf("unknown command %q (want generate, validate, sample or version)", cmd)}
}

// newFlags returns a flag set whose errors become usage errors rather than exits.
func (e *env) newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses args, turning flag errors into usage errors and --help into help text.
func (e *env) parseFlags(fs *flag.FlagSet, synopsis string, args []string) error {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(e.stdout, "Usage:\n  %s\n\nFlags:\n", synopsis)
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
		return flag.ErrHelp
	}
	if err != nil {
		return &usageError{msg: strings.TrimPrefix(err.Error(), "flag provided but not defined: ")}
	}
	if fs.NArg() > 0 {
		return &usageError{msg: fmt.Sprintf("unexpected argument %q (flags come as --name value)", fs.Arg(0))}
	}
	return nil
}

func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += " " + rev + modified
	}
	return v + " " + bi.GoVersion
}

// parseAsOf reads --as-of, defaulting to today (the clock is read once, in Run).
func (e *env) parseAsOf(s string) (calendar.Date, error) {
	if s == "" {
		return e.today, nil
	}
	d, err := parseUserDate(s)
	if err != nil {
		return 0, &usageError{msg: fmt.Sprintf("--as-of: %v", err)}
	}
	return d, nil
}

// parseUserDate accepts YYYY-MM-DD or DD/MM/YYYY on the command line.
func parseUserDate(s string) (calendar.Date, error) {
	s = strings.TrimSpace(s)
	if d, err := calendar.ParseISO(s); err == nil {
		return d, nil
	}
	var d, m, y int
	if n, err := fmt.Sscanf(s, "%d/%d/%d", &d, &m, &y); err == nil && n == 3 && y >= 1000 && calendar.Valid(y, m, d) {
		return calendar.New(y, m, d), nil
	}
	return 0, fmt.Errorf("%q is not a date (use YYYY-MM-DD or DD/MM/YYYY)", s)
}

// loadConfig reads --config, else yjsreport.yaml in the input folder, else the defaults.
func loadConfig(path, inDir string) (config.Config, string, error) {
	explicit := path != ""
	if !explicit {
		path = inDir + string(os.PathSeparator) + "yjsreport.yaml"
	}
	f, err := os.Open(path)
	if err != nil {
		if !explicit && errors.Is(err, os.ErrNotExist) {
			return config.Default(), "", nil
		}
		return config.Config{}, "", withHint(fmt.Errorf("config %s: %w", path, unwrapPath(err)), "check the --config path")
	}
	defer f.Close()
	cfg, err := config.Parse(f)
	if err != nil {
		return cfg, "", withHint(fmt.Errorf("config %s: %w", path, err), "see the Configuration section of the README for the keys and their values")
	}
	return cfg, path, nil
}

// unwrapPath drops the *PathError wrapper whose path the caller already names.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
