package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
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
  yjsreport init     [--out DIR] [--force]
  yjsreport sample   [--out DIR] [--seed N] [--children N]
  yjsreport version

Commands:
  generate   read every .xlsx and .csv in --in and write the report into --out:
             the PDF, dashboard.html, indicators.json, indicators.xlsx and data-quality.csv
  validate   read and check the exports only, and print the data-quality summary
  init       write a yjsreport.yaml to fill in: service name, population, targets and
             your own column headers and codes
  sample     write synthetic exports of a fictional county (no real person)
  version    print the version, to quote when reporting a problem

Dates are DD/MM/YYYY or YYYY-MM-DD; a quarter is e.g. "2018/19 Q3" or 2018-19-Q3.
The config is --config FILE, else yjsreport.yaml in the input folder if there is one.
Put a folder name with spaces in double quotes, without a \ at the end.

Example:
  yjsreport generate --in exports --out report --as-of 31/01/2019

Run 'yjsreport COMMAND --help' for the flags of a command.
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

// usageError is a mistake in the command line (exit 2). hint says what to do instead
// (default: where to find the usage); usage, when set, is printed first.
type usageError struct {
	msg   string
	hint  string
	usage string
}

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
		if ue.usage != "" {
			fmt.Fprint(stderr, ue.usage)
			fmt.Fprintln(stderr)
		}
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
	args = repairArgs(args)
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return &usageError{msg: "no command given"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "-h", "-help", "--help", "help":
		if len(rest) > 0 && slices.Contains(commandList, rest[0]) {
			// "yjsreport help generate" is "yjsreport generate --help".
			return e.run(ctx, []string{rest[0], "--help"})
		}
		fmt.Fprint(e.stdout, usage)
		return nil
	case "generate":
		return e.generate(ctx, rest)
	case "validate":
		return e.validate(ctx, rest)
	case "sample":
		return e.sample(ctx, rest)
	case "init":
		return e.initConfig(ctx, rest)
	case "version", "--version", "-version":
		if len(rest) > 0 {
			return &usageError{msg: fmt.Sprintf("version takes no arguments, got %q", rest[0])}
		}
		b := currentBuild()
		fmt.Fprintf(e.stdout, "yjsreport %s\n%s", b.Version, b.details())
		return nil
	}
	msg := fmt.Sprintf("unknown command %q (want generate, validate, init, sample or version)", cmd)
	if strings.HasPrefix(cmd, "-") {
		msg = fmt.Sprintf("%s comes before a command; give the command first, e.g. yjsreport generate %s", cmd, cmd)
	}
	ue := &usageError{msg: msg}
	if near := nearest(cmd, commandList); near != "" && !strings.HasPrefix(cmd, "-") {
		ue.hint = fmt.Sprintf("did you mean 'yjsreport %s'? run 'yjsreport --help' for usage", near)
	}
	return ue
}

// commandList is the commands, for "help COMMAND" and suggestions.
var commandList = []string{"generate", "validate", "init", "sample", "version"}

// newFlags returns a flag set whose errors become usage errors rather than exits.
func (e *env) newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// pathFlags are the flags that name a file or folder: their values are cleaned of what a
// copied or tab-completed Windows path brings with it (cleanPathArg).
var pathFlags = []string{"in", "out", "config", "commentary"}

// parseFlags parses args, turning flag errors into usage errors (with the command's usage and
// the nearest flag) and --help into help text. Path values are cleaned.
func (e *env) parseFlags(fs *flag.FlagSet, synopsis string, args []string) error {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(e.stdout, flagUsage(fs, synopsis))
		return flag.ErrHelp
	}
	if err != nil {
		return flagError(fs, synopsis, err)
	}
	if fs.NArg() > 0 {
		return strayArgument(fs, args)
	}
	for _, name := range pathFlags {
		if f := fs.Lookup(name); f != nil {
			if err := fs.Set(name, cleanPathArg(f.Value.String(), runtime.GOOS)); err != nil {
				return err
			}
		}
	}
	return nil
}

// flagUsage is a command's --help: its synopsis and every flag with its default.
func flagUsage(fs *flag.FlagSet, synopsis string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage:\n  %s\n\nFlags:\n", synopsis)
	type line struct{ left, right string }
	var lines []line
	width := 0
	fs.VisitAll(func(f *flag.Flag) {
		arg, text := flag.UnquoteUsage(f)
		left := "--" + f.Name
		if arg != "" {
			left += " " + arg
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			text += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		lines = append(lines, line{left, text})
		width = max(width, len(left))
	})
	for _, l := range lines {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, l.left, l.right)
	}
	return b.String()
}

// flagError turns the flag package's error into one a user can act on.
func flagError(fs *flag.FlagSet, synopsis string, err error) error {
	msg := err.Error()
	name := func(prefix string) string {
		return strings.TrimLeft(strings.TrimPrefix(msg, prefix), "-")
	}
	help := fmt.Sprintf("run 'yjsreport %s --help' for every flag", fs.Name())
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		bad := name("flag provided but not defined: ")
		ue := &usageError{msg: fmt.Sprintf("unknown flag --%s for %s", bad, fs.Name()), usage: flagUsage(fs, synopsis), hint: help}
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		if near := nearest(bad, names); near != "" {
			ue.hint = fmt.Sprintf("did you mean --%s? %s", near, help)
		}
		return ue
	case strings.HasPrefix(msg, "flag needs an argument: "):
		bad := name("flag needs an argument: ")
		arg := "a value"
		if f := fs.Lookup(bad); f != nil {
			if a, _ := flag.UnquoteUsage(f); a != "" {
				arg = a
			}
		}
		return &usageError{msg: fmt.Sprintf("--%s needs %s after it", bad, arg), hint: help}
	case strings.HasPrefix(msg, "invalid value "):
		// invalid value "x" for flag -seed: parse error (the number flags: --seed, --children)
		val, rest, ok := strings.Cut(strings.TrimPrefix(msg, "invalid value "), " for flag -")
		if flagName, _, _ := strings.Cut(rest, ":"); ok {
			return &usageError{msg: fmt.Sprintf("--%s %s is not a whole number", flagName, val), hint: help}
		}
	case strings.HasPrefix(msg, "invalid boolean value "):
		// invalid boolean value "maybe" for -quiet: parse error
		_, rest, ok := strings.Cut(msg, " for -")
		if flagName, _, _ := strings.Cut(rest, ":"); ok {
			return &usageError{msg: fmt.Sprintf("--%s takes no value: give --%s on its own", flagName, flagName), hint: help}
		}
	}
	return &usageError{msg: msg, hint: help}
}

// strayArgument explains an argument that is not a flag or a flag's value. The usual cause is
// a folder name with spaces typed without quotes (--in C:\Users\Jo Bloggs\Exports), or a
// folder given without --in.
func strayArgument(fs *flag.FlagSet, args []string) error {
	stray := fs.Arg(0)
	ue := &usageError{msg: fmt.Sprintf("unexpected argument %q (flags come as --name value)", stray),
		hint: fmt.Sprintf("run 'yjsreport %s --help' for every flag", fs.Name())}
	// Where the stray argument is, and what came before it.
	i := len(args) - fs.NArg()
	if i >= 2 && i < len(args) {
		flagName := strings.TrimLeft(args[i-2], "-")
		for _, p := range pathFlags {
			if flagName == p && !strings.HasPrefix(args[i-1], "-") {
				joined := args[i-1] + " " + stray
				ue.msg = fmt.Sprintf("unexpected argument %q after --%s %q", stray, p, args[i-1])
				ue.hint = fmt.Sprintf("a name with spaces must be in double quotes: --%s \"%s\"", p, joined)
				return ue
			}
		}
	}
	if fs.Lookup("in") != nil {
		if fi, err := os.Stat(stray); err == nil && fi.IsDir() {
			ue.hint = fmt.Sprintf("to read the exports in that folder, give it with --in: --in %s", quoteIfSpaced(stray))
		}
	}
	return ue
}

func quoteIfSpaced(s string) string {
	if strings.ContainsAny(s, " \t") {
		return `"` + s + `"`
	}
	return s
}

// checkInputDir fails early, and clearly, when --in is not an existing folder: a file given
// by mistake otherwise surfaces as a puzzling config error ("not a directory").
func checkInputDir(dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return withHint(fmt.Errorf("input folder %q does not exist", dir),
			"check the --in path; in PowerShell put a path with spaces in double quotes: --in \"C:\\Users\\Jo Bloggs\\Exports\"")
	case err != nil:
		return withHint(fmt.Errorf("input folder %q cannot be read: %w", dir, unwrapPath(err)),
			"check the folder exists and you may read it (--in)")
	case !fi.IsDir():
		parent := filepath.Dir(dir)
		return withHint(fmt.Errorf("--in %q is a file; --in wants the folder that holds the exports", dir),
			fmt.Sprintf("put the exports together in one folder and give that folder, e.g. --in %s", quoteIfSpaced(parent)))
	}
	return nil
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
// The input folder is checked first: it is where the config is looked for.
func loadConfig(path, inDir string) (config.Config, string, error) {
	if err := checkInputDir(inDir); err != nil {
		return config.Config{}, "", err
	}
	explicit := path != ""
	if !explicit {
		path = filepath.Join(inDir, configFile)
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
		return cfg, "", withHint(fmt.Errorf("config %s: %w", path, err), "see the Configuration section of the README, or run 'yjsreport init --out DIR' for a commented example of every key")
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
