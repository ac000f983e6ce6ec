package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/ingest"
	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/dashboard"
	"github.com/yjsreport/yjsreport/report/dqcsv"
	"github.com/yjsreport/yjsreport/report/format"
	"github.com/yjsreport/yjsreport/report/narrative"
	"github.com/yjsreport/yjsreport/report/pdf"
	"github.com/yjsreport/yjsreport/report/xlsxout"
)

const generateSynopsis = "yjsreport generate [--in DIR] [--out DIR] [--quarter Q] [--as-of DATE] [--config FILE] [--commentary FILE] [--partial] [--quiet]"

// genOptions are generate's settings after the command line is checked.
type genOptions struct {
	in, out        string
	quarter        calendar.Quarter
	asOf           calendar.Date
	cfg            config.Config
	cfgPath        string // the config file read, "" for the built-in defaults
	commentary     map[string]string
	commentaryFile string
	quiet          bool
	// partial allows a quarter that ends after as-of and missing core extracts (SPEC §3.6);
	// the report then says so on its pages.
	partial bool
}

func (e *env) generate(ctx context.Context, args []string) error {
	fs := e.newFlags("generate")
	in := fs.String("in", "sample-data", "folder `DIR` of .xlsx and .csv exports to read")
	out := fs.String("out", "out", "folder `DIR` to write the report into")
	quarterFlag := fs.String("quarter", "", "reporting quarter `Q`, e.g. \"2018/19 Q3\" (default: the latest ended by --as-of)")
	asOfFlag := fs.String("as-of", "", "`DATE` the exports were taken, YYYY-MM-DD or DD/MM/YYYY (default today)")
	cfgPath := fs.String("config", "", "YAML config `FILE` (default DIR/yjsreport.yaml if present)")
	commentary := fs.String("commentary", "", "officer commentary `FILE`: Markdown with one '## Section' heading per area")
	partial := fs.Bool("partial", false, "report a quarter not yet over, or without a disposals, ete or oocd extract, saying so on every page")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	if err := e.parseFlags(fs, generateSynopsis, args); err != nil {
		return err
	}
	o := genOptions{in: *in, out: *out, quiet: *quiet, commentaryFile: *commentary, partial: *partial}
	var err error
	if o.asOf, err = e.parseAsOf(*asOfFlag); err != nil {
		return err
	}
	o.quarter = calendar.LatestEndedBy(o.asOf)
	if *quarterFlag != "" {
		if o.quarter, err = calendar.ParseQuarter(*quarterFlag); err != nil {
			return &usageError{msg: fmt.Sprintf("--quarter: %v", err)}
		}
		if err := checkQuarterOver(o.quarter, o.asOf, o.partial); err != nil {
			return err
		}
	}
	if o.cfg, o.cfgPath, err = loadConfig(*cfgPath, o.in); err != nil {
		return err
	}
	if o.commentaryFile != "" {
		if o.commentary, err = readCommentary(o.commentaryFile); err != nil {
			return err
		}
	}
	return e.runGenerate(ctx, o)
}

func (e *env) runGenerate(_ context.Context, o genOptions) error {
	if err := checkInOut(o.in, o.out); err != nil {
		return err
	}
	setMemoryLimit()
	set := newOutputSet(o.out, e.stderr, o.quiet)
	set.tidy()
	started := time.Now()
	// data-quality.csv is written into the staging folder as the input is read, so that a
	// run with millions of bad rows never holds them (SPEC §3.6, issue 16). A failed run
	// removes it with the staging folder; a crashed one leaves it to the next run's sweep.
	if err := set.open(); err != nil {
		return err
	}
	defer set.discard()
	f, err := set.stream(dqName)
	if err != nil {
		return err
	}
	scratch, err := set.scratch()
	if err != nil {
		return err
	}
	dq := dqcsv.NewWriter(f)
	dqFailed := func(err error) error {
		return withHint(fmt.Errorf("%s cannot be written: %w", filepath.Join(o.out, dqName), unwrapPath(err)),
			"check the free space and permissions of the output folder")
	}
	prog := e.progress(o.quiet)
	defer prog.done()
	prog.stage("reading %s", o.in)
	ds, err := readInputs(o.in, o.asOf, o.cfg, ingest.Options{FileDone: prog.fileDone, TempDir: scratch, Keep: problemsKept,
		Problems: func(p ingest.Problem) error {
			if err := dq.Write(p); err != nil {
				return dqFailed(err)
			}
			return nil
		}})
	if err != nil {
		return err
	}
	if err := dq.Flush(); err != nil {
		return dqFailed(err)
	}
	if err := checkExtracts(ds, o.partial); err != nil {
		return err
	}
	prog.stage("computing indicators")
	ind := report.Compute(ds, o.quarter, o.asOf, o.cfg)
	ind.Generator = currentBuild().String()

	prog.stage("rendering")
	if quarterIsEmpty(ind) {
		fmt.Fprintf(e.stderr, "yjsreport: warning: no outcome, intervention or referral in the exports falls in %s; "+
			"is --as-of (%s) the date the exports were taken?\n", ind.Quarter.Label, o.asOf.UK())
	}
	js, err := json.MarshalIndent(ind, "", "  ")
	if err != nil {
		return fmt.Errorf("indicators.json: %w", err)
	}
	set.add("indicators.json", append(js, '\n'))
	notes, err := renderOutputs(set, ds, ind, o)
	if err != nil {
		return err
	}
	written, err := set.commit()
	if err != nil {
		return err
	}
	prog.done()
	if !o.quiet {
		printSummary(e.stdout, o, ds, ind, written, notes, time.Since(started))
	}
	return nil
}

// checkQuarterOver refuses a quarter that ends after the as-of date (SPEC §2): its figures
// would be incomplete and read as a fall. --partial allows it, and the report then says
// "part quarter: data to <as-of>" on every page. A quarter that has not started has no data
// at all and is refused even then.
func checkQuarterOver(q calendar.Quarter, asOf calendar.Date, partial bool) error {
	switch {
	case q.Start() > asOf:
		return &usageError{msg: fmt.Sprintf("--quarter %s starts after the as-of date %s: there is no data for it yet", q, asOf.UK())}
	case q.End() > asOf && !partial:
		return &usageError{msg: fmt.Sprintf("--quarter %s is not over on the as-of date %s (it ends %s): its figures would be incomplete; "+
			"report %s, or give --partial to report the part quarter, marked as such on every page",
			q, asOf.UK(), q.End().UK(), calendar.LatestEndedBy(asOf))}
	}
	return nil
}

// checkExtracts fails when a disposals, ete or oocd extract is missing (SPEC §3.6), naming
// each and what the sheets of no kind lack, unless --partial is given.
func checkExtracts(ds *ingest.Dataset, partial bool) error {
	err := ds.MissingExtracts()
	if err == nil || partial {
		return nil
	}
	var me *ingest.MissingExtractsError
	if errors.As(err, &me) {
		return withHint(err, me.Hint)
	}
	return err
}

// quarterIsEmpty reports whether nothing at all happened in the reporting quarter — most
// likely a wrong --as-of or --quarter rather than a quiet quarter.
func quarterIsEmpty(ind *report.Indicators) bool {
	last := ind.Reoffending.Cohorts[len(ind.Reoffending.Cohorts)-1]
	return last.Children == 0 && ind.FTE.Quarter.Count == 0 && ind.Custody.CourtSentences == 0 &&
		ind.ETE.Children == 0 && ind.OOCD.Decided.Total == 0 && ind.OOCD.Timeliness.Referrals == 0 &&
		ind.OOCD.Completion.Completed+ind.OOCD.Completion.NotCompleted+ind.OOCD.Completion.Neutral+ind.OOCD.Completion.NotRecorded == 0
}

// pdfName is the board report's file name: <service-slug>-<yyyy-yy>-Q<n>.pdf.
func pdfName(service string, q calendar.Quarter) string {
	return slug(service) + "-" + q.Slug() + ".pdf"
}

// maxSlug caps the service's part of the PDF's name, so that a long service name still
// gives a file name that Windows, OneDrive and email attachments accept (a full path must
// stay under 260 characters on Windows).
const maxSlug = 60

// slug lowercases s and keeps letters and digits, joining words with "-", cut at a word
// boundary to at most maxSlug characters.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	out := b.String()
	if len(out) > maxSlug {
		out = out[:maxSlug]
		if i := strings.LastIndexByte(out, '-'); i > maxSlug/2 {
			out = out[:i]
		}
		out = strings.TrimSuffix(out, "-")
	}
	if out == "" {
		return "report"
	}
	return out
}

// softMemoryLimit is the Go runtime's soft memory limit that generate and validate set,
// unless the GOMEMLIMIT environment variable sets one: a backstop, not what bounds a run.
// A run's memory is bounded by what it holds — the accepted records (about 200 MB for a
// million rows), a few problems of each kind (the rest stream to data-quality.csv) and one
// 16-byte entry per run of duplicate rows — but by default the garbage collector lets the
// heap grow to twice what is live before collecting, and a file of a million rows, while it
// is read, holds growing slices and tables for a moment twice over. Near this limit the
// collector works harder instead, so that a run whose live data is well under it stays
// under a gigabyte (issue 16: every hostile input and the whole hostile folder). A run
// whose live data is larger still succeeds, more slowly: the limit is soft.
const softMemoryLimit = 768 << 20

// gcPercent lets the heap grow to three times what is live before a collection (Go's default
// is twice): a county's run holds a few hundred megabytes at most, and reading a national
// run's 1.2 million rows then spends a tenth less time collecting. softMemoryLimit still
// bounds the whole: near it the collector works harder, whatever gcPercent says.
const gcPercent = 200

// setMemoryLimit sets softMemoryLimit unless GOMEMLIMIT is set, and gcPercent unless GOGC is.
func setMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}

// dqName is the data-quality list's file name (SPEC §5).
const dqName = "data-quality.csv"

// renderOutputs renders the PDF, dashboard and indicators.xlsx into set, each in memory, so
// nothing is written unless every output rendered (data-quality.csv is in the set already,
// written as the input was read). It returns notes for the summary.
func renderOutputs(set *outputSet, ds *ingest.Dataset, ind *report.Indicators, o genOptions) ([]string, error) {
	specs := chart.Build(ind)
	shown := specs
	if o.cfg.DisclosureControl {
		shown = chart.ApplyDisclosure(specs)
	}
	var notes []string
	js := dashboard.EmbeddedECharts()
	if js == nil {
		notes = append(notes, "this build has no embedded ECharts: dashboard.html loads it from the internet (build with 'make build' to draw offline)")
	}

	// The dashboard and indicators.xlsx are made while the PDF is: each reads the figures
	// and the Specs and changes neither.
	var dash, xb bytes.Buffer
	var dashErr, xlsxErr error
	others := make(chan struct{})
	go func() {
		defer close(others)
		dashErr = dashboard.Render(&dash, dashboard.Input{Ind: ind, Specs: shown, EChartsJS: js,
			Plan: ds.Plan, HasPlan: ds.HasPlan, Commentary: o.commentary,
			Marking: o.cfg.ProtectiveMarking, Disclosure: o.cfg.DisclosureControl})
		xlsxErr = xlsxout.Write(&xb, xlsxout.Input{Ind: ind, Specs: specs, Marking: o.cfg.ProtectiveMarking})
	}()
	var pdfBuf bytes.Buffer
	pdfErr := pdf.Render(&pdfBuf, pdf.Input{
		Ind: ind, Specs: specs, Plan: ds.Plan, HasPlan: ds.HasPlan,
		Quality: pdf.QualityRowsOf(ds.Groups), Skipped: ds.Skipped,
		Commentary: o.commentary, Config: o.cfg, AsOf: o.asOf, Version: currentBuild().line(),
	})
	<-others
	switch {
	case pdfErr != nil:
		return nil, fmt.Errorf("the PDF could not be made: %w", pdfErr)
	case dashErr != nil:
		return nil, fmt.Errorf("dashboard.html could not be made: %w", dashErr)
	case xlsxErr != nil:
		return nil, fmt.Errorf("indicators.xlsx could not be made: %w", xlsxErr)
	}
	set.add(pdfName(o.cfg.Service, o.quarter), pdfBuf.Bytes())
	set.add("dashboard.html", dash.Bytes())
	set.add("indicators.xlsx", xb.Bytes())
	return notes, nil
}

// printSummary prints what the run read, its headline figures and the files written.
func printSummary(w io.Writer, o genOptions, ds *ingest.Dataset, ind *report.Indicators, written, notes []string, took time.Duration) {
	var read, acc, rej, dup, warn, sheets int
	for _, in := range ds.Inputs {
		if in.Kind == "" {
			continue
		}
		sheets++
		read += in.Read
		acc += in.Accepted
		rej += in.Rejected
		dup += in.Duplicates
		warn += in.Warnings
	}
	fmt.Fprintf(w, "%s — %s (as of %s)\n", ind.Service, ind.Quarter.Label, ind.AsOf)
	fmt.Fprintf(w, "read %s extract sheets: %s rows, %s accepted, %s rejected, %s duplicates, %s with warnings\n",
		format.Count(sheets), format.Count(read), format.Count(acc), format.Count(rej), format.Count(dup), format.Count(warn))
	if o.cfgPath != "" {
		fmt.Fprintf(w, "config %s\n", o.cfgPath)
	} else {
		fmt.Fprintf(w, "no config file: built-in defaults (no targets, no population); 'yjsreport init --out %s' writes one to fill in\n", quoteIfSpaced(o.in))
	}
	if len(ind.Headlines) > 0 {
		fmt.Fprintln(w, "\nheadlines:")
		tw := newTable(w, "indicator", "period", "value", "n", "RAG")
		for _, h := range ind.Headlines {
			value, n := "n/a", ""
			if h.Current.Value != nil {
				// Written as the PDF and the dashboard write it (package format).
				value = format.Headline(h.Kind, *h.Current.Value)
				num, den := format.Number(h.Current.Numerator, 0), format.Number(h.Current.Denominator, 0)
				switch h.Kind {
				case report.KindProportion:
					n = num + " of " + den
				case report.KindRatePer100k:
					n = num + " children"
				default:
					n = den + " children"
				}
			}
			rag := ""
			if h.Target != nil && h.Target.RAG != nil {
				rag = *h.Target.RAG
			}
			period := h.Period
			if period == "" {
				period = "-"
			}
			label := chart.ShortLabel(h.Indicator)
			if label == "" {
				label = h.Label
			}
			tw.row(label, period, value, n, rag)
		}
		tw.flush()
	}
	fmt.Fprintln(w, "\nwrote:")
	for _, f := range written {
		fmt.Fprintf(w, "  %s\n", f)
	}
	for _, n := range notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	if rej+dup+warn > 0 {
		fmt.Fprintf(w, "see data-quality.csv for every row rejected, duplicated or set aside\n")
	}
	fmt.Fprintf(w, "done in %.1fs\n", took.Seconds())
}

func readCommentary(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, withHint(fmt.Errorf("commentary %s: %w", path, unwrapPath(err)), "check the --commentary path")
	}
	defer f.Close()
	c, err := narrative.ParseCommentary(f)
	if err != nil {
		return nil, withHint(fmt.Errorf("commentary %s: %w", path, err),
			"use one '## Section' heading per area; see the README's Officer commentary section")
	}
	return c, nil
}
