// Command testprogress runs `go test -json` with the given arguments and prints one line per
// package as each finishes — result, time, package — so that a long `make test` shows what
// it is doing; the output of a failing test or build is printed in full. While packages are
// still running and nothing has been printed for a while, it says which.
//
//	go run ./scripts/testprogress [-label race] -- [go test flags] packages...
//
// It exits with go test's status.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"time"
)

// quietFor is how long the output may stay silent before a "still running" line.
const quietFor = 30 * time.Second

// event is one line of `go test -json` (cmd/test2json), with the build events of Go 1.24.
type event struct {
	Action      string
	Package     string
	Test        string
	Elapsed     float64
	Output      string
	ImportPath  string // build-output, build-fail
	FailedBuild string
}

func main() {
	label := flag.String("label", "", "word shown after each package, e.g. race")
	flag.Parse()
	os.Exit(run(*label, flag.Args(), os.Stdout))
}

func run(label string, args []string, w io.Writer) int {
	cmd := exec.Command("go", append([]string{"test", "-json"}, args...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		fmt.Fprintln(os.Stderr, "testprogress:", err)
		return 1
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "testprogress:", err)
		return 1
	}
	p := newPrinter(w, label, start)
	stop := make(chan struct{})
	go p.heartbeat(stop)
	p.read(out)
	close(stop)
	err = cmd.Wait()
	code := p.summary()
	var ee *exec.ExitError
	if errors.As(err, &ee) && code == 0 {
		code = ee.ExitCode()
	} else if err != nil && code == 0 {
		fmt.Fprintln(os.Stderr, "testprogress:", err)
		code = 1
	}
	return code
}

type printer struct {
	w     io.Writer
	label string
	start time.Time

	mu        sync.Mutex
	last      time.Time
	running   map[string]time.Time // package → when its test binary started
	output    map[string][]string  // package or package/test → output lines
	build     map[string][]string  // import path → compiler output
	failed    map[string]bool      // package/test that failed
	counts    map[string]int       // ok, FAIL, skip (no test files)
	slowest   []pkgTime            // for the summary
	failedPkg []string
}

type pkgTime struct {
	pkg string
	sec float64
}

func newPrinter(w io.Writer, label string, start time.Time) *printer {
	return &printer{w: w, label: label, start: start, last: start,
		running: map[string]time.Time{}, output: map[string][]string{}, build: map[string][]string{},
		failed: map[string]bool{}, counts: map[string]int{}}
}

func (p *printer) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if len(line) == 0 || line[0] != '{' || json.Unmarshal(line, &e) != nil {
			p.println(string(line)) // not an event: say it as it came
			continue
		}
		p.event(e)
	}
}

func (p *printer) println(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintln(p.w, s)
	p.last = time.Now()
}

// short drops the module path from a package's import path.
func short(pkg string) string { return strings.TrimPrefix(pkg, "github.com/yjsreport/yjsreport/") }

func (p *printer) event(e event) {
	p.mu.Lock()
	defer p.mu.Unlock()
	key := e.Package
	if e.Test != "" {
		key += "/" + e.Test
	}
	switch e.Action {
	case "build-output":
		p.build[e.ImportPath] = append(p.build[e.ImportPath], e.Output)
	case "start":
		p.running[e.Package] = time.Now()
	case "output":
		p.output[key] = append(p.output[key], e.Output)
	case "fail":
		if e.Test != "" {
			p.failed[key] = true
			return
		}
		delete(p.running, e.Package)
		p.counts["FAIL"]++
		p.failedPkg = append(p.failedPkg, short(e.Package))
		p.line("FAIL", e)
		if e.FailedBuild != "" {
			for _, l := range p.build[e.FailedBuild] {
				fmt.Fprint(p.w, "      "+l)
			}
		}
		// The failing tests' output, then the package's own (a panic, a TestMain failure).
		var keys []string
		for k := range p.failed {
			if strings.HasPrefix(k, e.Package+"/") {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			for _, l := range p.output[k] {
				fmt.Fprint(p.w, "      "+l)
			}
		}
		if len(keys) == 0 {
			for _, l := range p.output[e.Package] {
				fmt.Fprint(p.w, "      "+l)
			}
		}
	case "pass", "skip":
		if e.Test != "" {
			if e.Action == "pass" {
				delete(p.output, key) // a passing test's log is not needed
			}
			return
		}
		delete(p.running, e.Package)
		status := "ok"
		if e.Action == "skip" {
			status = "-"
		}
		p.counts[status]++
		p.line(status, e)
		// Loud skips (a missing pdftotext or chromium) are worth seeing.
		for k, lines := range p.output {
			if k != e.Package && !strings.HasPrefix(k, e.Package+"/") {
				continue
			}
			for _, l := range lines {
				if strings.Contains(l, "SKIPPED") {
					fmt.Fprint(p.w, "      "+strings.TrimSpace(l)+"\n")
				}
			}
		}
	}
}

// line prints one package's result; the caller holds the lock.
func (p *printer) line(status string, e event) {
	note := ""
	if status == "-" {
		note = "no tests"
	}
	if p.label != "" && note != "" {
		note += ", " + p.label
	} else if p.label != "" {
		note = p.label
	}
	if note != "" {
		note = "  (" + note + ")"
	}
	fmt.Fprintf(p.w, "%-4s %7.1fs  %s%s\n", status, e.Elapsed, short(e.Package), note)
	p.slowest = append(p.slowest, pkgTime{short(e.Package), e.Elapsed})
	p.last = time.Now()
}

// heartbeat says which packages are still running when nothing was printed for quietFor.
func (p *printer) heartbeat(stop <-chan struct{}) {
	t := time.NewTicker(5 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			p.mu.Lock()
			if time.Since(p.last) >= quietFor {
				var names []string
				for pkg := range p.running {
					names = append(names, short(pkg))
				}
				sort.Strings(names)
				what := "compiling"
				if len(names) > 0 {
					what = "running " + strings.Join(names, ", ")
				}
				fmt.Fprintf(p.w, "...  %6.0fs  still %s\n", time.Since(p.start).Seconds(), what)
				p.last = time.Now()
			}
			p.mu.Unlock()
		}
	}
}

// summary prints the totals and returns 1 when a package failed.
func (p *printer) summary() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	took := time.Since(p.start).Round(time.Second)
	sort.Slice(p.slowest, func(i, j int) bool { return p.slowest[i].sec > p.slowest[j].sec })
	var slow []string
	for _, s := range p.slowest[:min(3, len(p.slowest))] {
		slow = append(slow, fmt.Sprintf("%s %.0fs", s.pkg, s.sec))
	}
	label := ""
	if p.label != "" {
		label = " (" + p.label + ")"
	}
	fmt.Fprintf(p.w, "%d packages ok, %d failed, %d without tests%s in %s; slowest: %s\n",
		p.counts["ok"], p.counts["FAIL"], p.counts["-"], label, took, strings.Join(slow, ", "))
	if p.counts["FAIL"] > 0 {
		fmt.Fprintf(p.w, "FAILED: %s\n", strings.Join(p.failedPkg, ", "))
		return 1
	}
	return 0
}
