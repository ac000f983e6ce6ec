package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/ingest"
	"github.com/yjsreport/yjsreport/report/format"
)

const validateSynopsis = "yjsreport validate [--in DIR] [--as-of DATE] [--config FILE] [--strict] [--partial]"

func (e *env) validate(ctx context.Context, args []string) error {
	fs := e.newFlags("validate")
	in := fs.String("in", "sample-data", "folder `DIR` of .xlsx and .csv exports to read")
	asOfFlag := fs.String("as-of", "", "`DATE` the exports were taken, YYYY-MM-DD or DD/MM/YYYY (default today)")
	cfgPath := fs.String("config", "", "YAML config `FILE` (default DIR/yjsreport.yaml if present)")
	strict := fs.Bool("strict", false, "exit with status 3 when any row is rejected (for scripts)")
	partial := fs.Bool("partial", false, "carry on when a disposals, ete or oocd extract is missing")
	if err := e.parseFlags(fs, validateSynopsis, args); err != nil {
		return err
	}
	asOf, err := e.parseAsOf(*asOfFlag)
	if err != nil {
		return err
	}
	cfg, _, err := loadConfig(*cfgPath, *in)
	if err != nil {
		return err
	}
	setMemoryLimit()
	ds, err := readInputs(*in, asOf, cfg, ingest.Options{Keep: problemsKept})
	if err != nil {
		return err
	}
	printValidation(e.stdout, *in, asOf, ds)
	if err := checkExtracts(ds, *partial); err != nil {
		return err
	}
	if n := rejectedRows(ds); *strict && n > 0 {
		return &strictError{rejected: n}
	}
	return nil
}

// problemsKept is how many problems of each group (file, sheet, column, rule, severity) a
// run keeps in memory: validate prints the first maxRowsShown rows of each, and everything
// else reads the groups' counts, so a file of millions of bad rows costs a few kilobytes.
const problemsKept = maxRowsShown

// readInputs reads the input folder with opt (its AsOf, Columns and Codes from the
// arguments), turning file-level failures into errors with hints.
func readInputs(dir string, asOf calendar.Date, cfg config.Config, opt ingest.Options) (*ingest.Dataset, error) {
	opt.AsOf, opt.Columns, opt.Codes = asOf, cfg.Columns, cfg.Codes
	ds, err := ingest.ReadDir(dir, opt)
	if err != nil {
		var fe *ingest.FileError
		var ce *cliError
		switch {
		case errors.As(err, &ce):
			return nil, err
		case errors.As(err, &fe) && fe.Hint != "":
			return nil, withHint(err, fe.Hint)
		}
		return nil, withHint(err, "check the --in folder holds the case-system exports as .xlsx or .csv")
	}
	return ds, nil
}

func rejectedRows(ds *ingest.Dataset) int {
	n := 0
	for _, in := range ds.Inputs {
		n += in.Rejected
	}
	return n
}

// maxRowsShown is how many row numbers validate prints for each reason.
const maxRowsShown = 5

// printValidation prints, per sheet, the kind detected and the row accounting, then the
// problems grouped by sheet, column and rule with the first few row numbers.
func printValidation(w io.Writer, dir string, asOf calendar.Date, ds *ingest.Dataset) {
	fmt.Fprintf(w, "Inputs in %s (as of %s)\n\n", dir, asOf.UK())
	tw := newTable(w, "file", "sheet", "extract", "read", "accepted", "rejected", "duplicates", "warnings")
	for _, in := range ds.Inputs {
		kind := string(in.Kind)
		if kind == "" {
			kind = "(none)"
		}
		tw.row(in.File, in.Sheet, kind, in.Read, in.Accepted, in.Rejected, in.Duplicates, in.Warnings)
	}
	tw.flush()
	for _, in := range ds.Inputs {
		if in.Kind == "" && in.Note != "" {
			fmt.Fprintf(w, "\n%s: %s", sheetName(in.File, in.Sheet), in.Note)
		}
	}
	for _, s := range ds.Skipped {
		fmt.Fprintf(w, "\nskipped %s", s)
	}
	if len(ds.Skipped) > 0 || hasNoKind(ds) {
		fmt.Fprintln(w)
	}
	groups := bySeverity(ds.Groups)
	if len(groups) == 0 {
		fmt.Fprintf(w, "\nNo rows rejected, duplicated or set aside.\n")
		return
	}
	fmt.Fprintf(w, "\nProblems by reason (every row is listed in data-quality.csv by generate):\n")
	for _, g := range groups {
		where := sheetName(g.File, g.Sheet)
		col := ""
		if g.Column != "" {
			col = " column " + g.Column + ":"
		}
		fmt.Fprintf(w, "  %-9s %5d  %s:%s %s%s\n", g.Severity, g.Count, where, col, g.Example, rowsText(g))
	}
}

// rowsText lists the first maxRowsShown rows of a group, and how many more it has:
// " (rows 2, 3, 4, 5, 6 and 1,999,990 more rows with the same reason)", or "" for a group
// about whole sheets.
func rowsText(g ingest.ProblemGroup) string {
	if len(g.Rows) == 0 {
		return ""
	}
	shown := g.Rows[:min(len(g.Rows), maxRowsShown)]
	rows := make([]string, len(shown))
	for i, r := range shown {
		rows[i] = fmt.Sprint(r)
	}
	text := " (rows " + strings.Join(rows, ", ")
	if more := g.Count - len(shown); more > 0 {
		rows := "rows"
		if more == 1 {
			rows = "row"
		}
		text += fmt.Sprintf(" and %s more %s with the same reason", format.Count(more), rows)
	}
	return text + ")"
}

func hasNoKind(ds *ingest.Dataset) bool {
	for _, in := range ds.Inputs {
		if in.Kind == "" && in.Note != "" {
			return true
		}
	}
	return false
}

func sheetName(file, sheet string) string {
	if sheet == "" {
		return file
	}
	return fmt.Sprintf("%s sheet %q", file, sheet)
}

// bySeverity orders the problem groups rejections first, then duplicates, warnings and
// notes, each in reading order.
func bySeverity(groups []ingest.ProblemGroup) []ingest.ProblemGroup {
	out := slices.Clone(groups)
	sev := map[ingest.Severity]int{ingest.SevRejected: 0, ingest.SevDuplicate: 1, ingest.SevWarning: 2, ingest.SevNote: 3}
	sort.SliceStable(out, func(i, j int) bool { return sev[out[i].Severity] < sev[out[j].Severity] })
	return out
}

// table prints aligned columns with text left and numbers right.
type table struct {
	w     io.Writer
	rows  [][]string
	right []bool
}

func newTable(w io.Writer, header ...string) *table {
	t := &table{w: w}
	t.rows = append(t.rows, header)
	return t
}

func (t *table) row(cells ...any) {
	r := make([]string, len(cells))
	if t.right == nil {
		t.right = make([]bool, len(cells))
	}
	for i, c := range cells {
		switch v := c.(type) {
		case int:
			r[i] = fmt.Sprint(v)
			t.right[i] = true
		default:
			r[i] = fmt.Sprint(v)
		}
	}
	t.rows = append(t.rows, r)
}

func (t *table) flush() {
	width := make([]int, len(t.rows[0]))
	for _, r := range t.rows {
		for i, c := range r {
			if n := len([]rune(c)); n > width[i] {
				width[i] = n
			}
		}
	}
	for _, r := range t.rows {
		var b strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", width[i]-len([]rune(c)))
			if i > 0 {
				b.WriteString("  ")
			}
			if t.right != nil && t.right[i] {
				b.WriteString(pad + c)
			} else {
				b.WriteString(c + pad)
			}
		}
		fmt.Fprintln(t.w, strings.TrimRight(b.String(), " "))
	}
}
