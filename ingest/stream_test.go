package ingest

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yjsreport/yjsreport/ingest/sheet"
)

// The problems of a read are streamed to Options.Problems in the order of the data-quality
// list, capped in Dataset.Problems by Options.Keep and counted whole in Dataset.Groups; the
// problems of a decoded file waiting for its merge go to a temporary file past spillAt a
// sheet; and a row repeated within a sheet is held as a reference, not a record (issue 16).

// collect returns a sink that appends every problem to *got.
func collect(got *[]Problem) func(Problem) error {
	return func(p Problem) error { *got = append(*got, p); return nil }
}

// rowsOf lists the problems' rows.
func rowsOf(ps []Problem) []int {
	var out []int
	for _, p := range ps {
		out = append(out, p.Row)
	}
	return out
}

func TestKeepCapsProblemsButNotCounts(t *testing.T) {
	h, g := dispHeader, dispGood
	bad := with(h, g, "offence_date", "31/02/2018")
	lines := []string{h, g}
	// rows 3–9: seven copies of row 2; rows 10–12: three rows whose offence_date is no date.
	for range 7 {
		lines = append(lines, g)
	}
	lines = append(lines, bad, bad, bad)
	var got []Problem
	ds := mustRead(t, Options{AsOf: asOf, Keep: 2, Problems: collect(&got)}, memFile{"a.csv", []sheet.Sheet{textSheet("", lines...)}})

	in := ds.Inputs[0]
	if in.Read != 11 || in.Accepted != 1 || in.Duplicates != 7 || in.Rejected != 3 {
		t.Errorf("accounting %+v, want read 11 = accepted 1 + duplicates 7 + rejected 3", in)
	}
	// The sink gets every problem, in row order.
	if want := []int{3, 4, 5, 6, 7, 8, 9, 10, 11, 12}; !reflect.DeepEqual(rowsOf(got), want) {
		t.Errorf("sink got rows %v, want %v", rowsOf(got), want)
	}
	// Dataset.Problems keeps the first two of each group, still in order.
	if want := []int{3, 4, 10, 11}; !reflect.DeepEqual(rowsOf(ds.Problems), want) {
		t.Errorf("kept rows %v, want %v", rowsOf(ds.Problems), want)
	}
	// The groups count every problem.
	want := []ProblemGroup{
		{File: "a.csv", Rule: "duplicate row", Severity: SevDuplicate, Example: "same as a.csv row 2", Count: 7, Kept: 2, Rows: []int{3, 4}},
		{File: "a.csv", Column: "offence_date", Rule: "not a date", Severity: SevRejected,
			Example: `"31/02/2018" is not a date (use DD/MM/YYYY)`, Count: 3, Kept: 2, Rows: []int{10, 11}},
	}
	if !reflect.DeepEqual(ds.Groups, want) {
		t.Errorf("groups\n%+v\nwant\n%+v", ds.Groups, want)
	}
}

func TestKeepZeroKeepsEveryProblem(t *testing.T) {
	lines := []string{dispHeader}
	for range 30 {
		lines = append(lines, dispGood)
	}
	ds := mustRead(t, Options{AsOf: asOf}, memFile{"a.csv", []sheet.Sheet{textSheet("", lines...)}})
	if len(ds.Problems) != 29 || len(ds.Groups) != 1 || ds.Groups[0].Count != 29 || ds.Groups[0].Kept != 29 {
		t.Errorf("without Keep: %d problems, groups %+v; want all 29 kept", len(ds.Problems), ds.Groups)
	}
}

func TestKeepCapsEachSheet(t *testing.T) {
	// A sheet of maxKeptPerSheet+10 groups of one problem each (warnings about cells of as
	// many columns, as a reader gives them) keeps maxKeptPerSheet problems; another sheet
	// keeps its own.
	var ps []Problem
	for i := range maxKeptPerSheet + 10 {
		ps = append(ps, Problem{File: "a.xlsx", Sheet: "S", Row: 2 + i, Column: fmt.Sprint("C", i), Rule: "r", Severity: SevWarning})
	}
	ps = append(ps, Problem{File: "a.xlsx", Sheet: "T", Row: 2, Column: "x", Rule: "r", Severity: SevWarning})
	tl := tally{keep: 5}
	for _, p := range ps {
		tl.add(p)
	}
	if len(tl.groups) != maxKeptPerSheet+11 {
		t.Fatalf("%d groups, want %d", len(tl.groups), maxKeptPerSheet+11)
	}
	if n := len(tl.kept); n != maxKeptPerSheet+1 {
		t.Errorf("kept %d problems, want %d of sheet S and 1 of sheet T", n, maxKeptPerSheet+1)
	}
	if g := tl.groups[maxKeptPerSheet+5]; g.Count != 1 || g.Kept != 0 {
		t.Errorf("a group past the sheet's share: %+v, want counted, none kept", g)
	}
}

func TestRepeatsWithinASheet(t *testing.T) {
	h, g := dispHeader, dispGood
	other := with(h, g, "child_id", "1002")
	ch, cg := cmpHeader, cmpGood
	conflicting := with(ch, cg, "value", "0.3")
	tests := []struct {
		name   string
		files  []memFile
		counts [][3]int // per input: accepted, rejected, duplicates
		probs  []string // "row severity reason", in order
	}{
		{"a row repeated after its first copy was a duplicate of an earlier file names the earlier file",
			[]memFile{
				{"a.csv", []sheet.Sheet{textSheet("", h, g)}},
				{"b.csv", []sheet.Sheet{textSheet("", h, g, other, g, g)}},
			},
			[][3]int{{1, 0, 0}, {1, 0, 3}},
			[]string{"2 duplicate same as a.csv row 2", "4 duplicate same as a.csv row 2", "5 duplicate same as a.csv row 2"}},
		{"a repeated row names the first copy in its own sheet",
			[]memFile{{"a.xlsx", []sheet.Sheet{textSheet("One", h, other), textSheet("Two", h, g, g, other, g)}}},
			[][3]int{{1, 0, 0}, {1, 0, 3}},
			[]string{`3 duplicate same as a.xlsx sheet "Two" row 2`, `4 duplicate same as a.xlsx sheet "One" row 2`,
				`5 duplicate same as a.xlsx sheet "Two" row 2`}},
		{"a conflicting comparator figure repeated is rejected each time, never a duplicate",
			[]memFile{{"c.csv", []sheet.Sheet{textSheet("", ch, cg, conflicting, conflicting, cg)}}},
			[][3]int{{1, 2, 1}},
			[]string{
				"3 rejected conflicting figure: c.csv row 2 already gives binary_reoffending_rate for \"England and Wales\" in 2018/19 Q3 as 0.314, this row 0.3; keep one figure per indicator, comparator and period",
				"4 rejected conflicting figure: c.csv row 2 already gives binary_reoffending_rate for \"England and Wales\" in 2018/19 Q3 as 0.314, this row 0.3; keep one figure per indicator, comparator and period",
				"5 duplicate same as c.csv row 2"}},
		{"a repeat's warning goes with it, and only the first copy counts as warned",
			[]memFile{{"a.csv", []sheet.Sheet{textSheet("", h, with(h, g, "gravity_score", "9"), with(h, g, "gravity_score", "9"))}}},
			[][3]int{{1, 0, 1}},
			[]string{`2 warning "9" is not a gravity score (a whole number 1-8); treated as blank`, "3 duplicate same as a.csv row 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := mustRead(t, Options{AsOf: asOf}, tt.files...)
			if len(ds.Inputs) != len(tt.counts) {
				t.Fatalf("inputs %+v", ds.Inputs)
			}
			for i, in := range ds.Inputs {
				if got := [3]int{in.Accepted, in.Rejected, in.Duplicates}; got != tt.counts[i] {
					t.Errorf("input %d: accepted, rejected, duplicates %v, want %v", i, got, tt.counts[i])
				}
			}
			var got []string
			for _, p := range ds.Problems {
				got = append(got, fmt.Sprintf("%d %s %s", p.Row, p.Severity, p.Reason))
			}
			if !reflect.DeepEqual(got, tt.probs) {
				t.Errorf("problems\n%q\nwant\n%q", got, tt.probs)
			}
		})
	}
}

// TestStreamedEqualsWhole reads random mixes of good, bad, repeated, conflicting and blank
// rows of every kind twice: once keeping every problem, once streaming them through a sink
// with Keep 1 and a spill every 2 problems. The sink must get exactly the first read's
// problems, in its order; Dataset.Problems the first of each group; Dataset.Groups the same
// counts; and each sheet's accounting must be exact and the same.
func TestStreamedEqualsWhole(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for iter := range 100 {
		var files []memFile
		for f := range 1 + rng.IntN(3) {
			var sheets []sheet.Sheet
			for s := range 1 + rng.IntN(3) {
				k := propKinds[rng.IntN(len(propKinds))]
				lines := []string{k.header}
				for range rng.IntN(40) {
					row := with(k.header, k.good, k.key, k.keys[rng.IntN(len(k.keys))])
					switch rng.IntN(6) {
					case 0:
						row = with(k.header, row, k.bad[0], k.bad[1])
					case 1:
						row = ",,,"
					case 2:
						row = with(k.header, row, k.invalid[0], k.invalid[1])
					case 3, 4:
						row = with(k.header, row, k.vary, k.values[rng.IntN(len(k.values))])
					}
					lines = append(lines, row)
				}
				sheets = append(sheets, textSheet(fmt.Sprintf("S%d", s), lines...))
			}
			files = append(files, memFile{fmt.Sprintf("f%d.xlsx", f), sheets})
		}
		whole := mustRead(t, Options{AsOf: asOf}, files...)

		// The oracle: the same read with every repeat turned back into a record of its own,
		// as decoding held them before, so that the merge alone finds every duplicate.
		oracle, err := readExpanded(files...)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(whole.Problems, oracle.Problems) || !reflect.DeepEqual(whole.Inputs, oracle.Inputs) {
			t.Fatalf("iteration %d: with the sheets' repeats\n%v\n%+v\nwithout\n%v\n%+v", iter, whole.Problems, whole.Inputs, oracle.Problems, oracle.Inputs)
		}
		if !reflect.DeepEqual(whole.Disposals, oracle.Disposals) || !reflect.DeepEqual(whole.ETE, oracle.ETE) ||
			!reflect.DeepEqual(whole.Feedback, oracle.Feedback) || !reflect.DeepEqual(whole.Comparators, oracle.Comparators) ||
			!reflect.DeepEqual(whole.Attendance, oracle.Attendance) {
			t.Fatalf("iteration %d: the records kept differ with and without the sheets' repeats", iter)
		}

		dc, err := newDecoder(Options{AsOf: asOf, TempDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		dc.spillAt = 2
		var got []Problem
		streamed, err := readMemOpt(dc, Options{Keep: 1, Problems: collect(&got)}, files...)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, whole.Problems) {
			t.Fatalf("iteration %d: the sink got\n%v\nwant\n%v", iter, got, whole.Problems)
		}
		if !reflect.DeepEqual(streamed.Inputs, whole.Inputs) {
			t.Fatalf("iteration %d: inputs\n%+v\nwant\n%+v", iter, streamed.Inputs, whole.Inputs)
		}
		for _, in := range streamed.Inputs {
			if in.Read != in.Accepted+in.Rejected+in.Duplicates {
				t.Fatalf("iteration %d: %+v breaks read = accepted + rejected + duplicates", iter, in)
			}
		}
		wantGroups := GroupProblems(whole.Problems)
		var firsts []Problem
		seen := map[groupKey]bool{}
		for _, p := range whole.Problems {
			if k := (groupKey{p.File, p.Sheet, p.Column, p.Rule, p.Severity}); !seen[k] {
				seen[k] = true
				firsts = append(firsts, p)
			}
		}
		if len(streamed.Groups) != len(wantGroups) {
			t.Fatalf("iteration %d: %d groups, want %d", iter, len(streamed.Groups), len(wantGroups))
		}
		for i, g := range streamed.Groups {
			w := wantGroups[i]
			if g.Count != w.Count || g.Example != w.Example || g.Kept != 1 {
				t.Fatalf("iteration %d: group %+v, want count %d of %+v, one kept", iter, g, w.Count, w)
			}
		}
		if !reflect.DeepEqual(streamed.Problems, firsts) {
			t.Fatalf("iteration %d: kept\n%v\nwant the first of each group\n%v", iter, streamed.Problems, firsts)
		}
		if len(streamed.Disposals) != len(whole.Disposals) || len(streamed.ETE) != len(whole.ETE) ||
			len(streamed.Feedback) != len(whole.Feedback) || len(streamed.Comparators) != len(whole.Comparators) ||
			len(streamed.Attendance) != len(whole.Attendance) {
			t.Fatalf("iteration %d: the records kept differ", iter)
		}
	}
}

func TestSpillRoundTrip(t *testing.T) {
	ps := []Problem{
		{File: "a.xlsx", Sheet: "Outcomes", Row: 14, Column: "offence_date", Reason: `"31/02/2018" is not a date`, Rule: "not a date", Severity: SevRejected, ChildID: "C1"},
		{File: "a.xlsx", Sheet: "Outcomes", Row: 15, Column: "offence_date", Reason: "ü\x00\r\n" + strings.Repeat("x", 70_000), Rule: "not a date", Severity: SevRejected},
		{File: "a.xlsx", Sheet: "Outcomes", Reason: "note", Rule: "", Severity: SevNote},
		{},
	}
	tmp := t.TempDir()
	sp := &spill{dir: tmp}
	defer sp.close()
	res := &sheetResult{problems: append([]Problem(nil), ps[:2]...)}
	if err := sp.put(res); err != nil {
		t.Fatal(err)
	}
	// Where the system lets a file be removed while open, it has no name once made, so that
	// nothing of it (child ids) outlives the process however it ends.
	if entries, _ := os.ReadDir(tmp); runtime.GOOS == "linux" && len(entries) != 0 {
		t.Errorf("the spill file has a name while open: %v", entries)
	}
	res.problems = append(res.problems, ps[2:]...)
	if err := sp.put(res); err != nil {
		t.Fatal(err)
	}
	res.problems = append(res.problems, Problem{File: "in memory", Row: 99})
	if err := sp.flush(); err != nil {
		t.Fatal(err)
	}
	if res.spilled != 4 {
		t.Fatalf("spilled %d, want 4", res.spilled)
	}
	it := newSheetProblems(sp, res)
	var got []Problem
	for {
		if _, ok := it.peek(); !ok {
			break
		}
		got = append(got, it.next())
	}
	if it.err != nil {
		t.Fatal(it.err)
	}
	want := append(ps, Problem{File: "in memory", Row: 99})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back\n%q\nwant\n%q", got, want)
	}
}

// dupWorkbook writes name: one sheet "Data" of the disposals header and n copies of dispGood
// (rows 2 to n+1), the rows without references so that writing a million takes a second.
func dupWorkbook(tb testing.TB, path string, n int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	row := func(line string) string {
		var b strings.Builder
		b.WriteString("<row>")
		for _, c := range inlineCells(split(line)) {
			b.WriteString(c)
		}
		b.WriteString("</row>")
		return b.String()
	}
	for _, p := range workbookZParts(nil, func(w io.Writer) {
		io.WriteString(w, row(dispHeader))
		chunk := strings.Repeat(row(dispGood), 1000)
		for range n / 1000 {
			io.WriteString(w, chunk)
		}
		io.WriteString(w, strings.Repeat(row(dispGood), n%1000))
	}) {
		w, err := zw.Create(p.name)
		if err != nil {
			tb.Fatal(err)
		}
		p.body(w)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
}

// peakHeap samples the heap in use every few milliseconds until stop is called, which
// returns the highest seen, in MiB.
func peakHeap() (stop func() float64) {
	var (
		mu   sync.Mutex
		peak uint64
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		mu.Lock()
		peak = max(peak, ms.HeapAlloc)
		mu.Unlock()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				sample()
			}
		}
	}()
	return func() float64 {
		sample()
		close(done)
		wg.Wait()
		return float64(peak) / (1 << 20)
	}
}

// TestManyDuplicatesBoundedMemory reads a workbook of 500,000 copies of one row (50,000 with
// -short) with a sink and Keep, as generate does: every duplicate reaches the sink, in
// order, and the heap stays within a few tens of megabytes. Before issue 16 each duplicate
// cost a Problem (~1 KB with its share of the slices) and each row a record until the merge:
// a 500,000-row sheet took 600 MB. The 2-million-row case is BenchmarkDuplicateRows in
// cmd/yjsreport, with the CLI's peak under /usr/bin/time.
func TestManyDuplicatesBoundedMemory(t *testing.T) {
	n := 500_000
	if testing.Short() {
		n = 50_000
	}
	dir := t.TempDir()
	dupWorkbook(t, filepath.Join(dir, "dups.xlsx"), n)
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	stop := peakHeap()
	count, nextRow := 0, 3
	var bad []string
	ds, err := ReadDir(dir, Options{AsOf: asOf, Keep: 5, TempDir: t.TempDir(), Problems: func(p Problem) error {
		if p.Row != nextRow || p.Severity != SevDuplicate || p.Reason != `same as dups.xlsx sheet "Data" row 2` || p.ChildID != "1001" {
			if len(bad) < 3 {
				bad = append(bad, fmt.Sprintf("%+v", p))
			}
		}
		count++
		nextRow++
		return nil
	}})
	peak := stop() - float64(base.HeapAlloc)/(1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if len(bad) > 0 {
		t.Errorf("the sink got, where a duplicate of row 2 was due: %v", bad)
	}
	if count != n-1 {
		t.Errorf("the sink got %d problems, want %d duplicates", count, n-1)
	}
	in := ds.Inputs[0]
	if in.Read != n || in.Accepted != 1 || in.Duplicates != n-1 || in.Rejected != 0 {
		t.Errorf("accounting %+v, want read %d = 1 accepted + %d duplicates", in, n, n-1)
	}
	if len(ds.Problems) != 5 || len(ds.Groups) != 1 || ds.Groups[0].Count != n-1 {
		t.Errorf("kept %d problems and groups %+v; want 5 kept and one group counting %d", len(ds.Problems), ds.Groups, n-1)
	}
	t.Logf("%d rows: peak heap %.0f MiB above the %.0f MiB before the read", n, peak, float64(base.HeapAlloc)/(1<<20))
	if peak > 16 {
		t.Errorf("peak heap %.0f MiB for %d copies of one row, want under 16 MiB", peak, n)
	}
}

// readDirSpilling is ReadDir with a spill every spillAt problems.
func readDirSpilling(dir string, opt Options, spillAt int) (*Dataset, error) {
	dc, err := newDecoder(opt)
	if err != nil {
		return nil, err
	}
	dc.spillAt = spillAt
	return dc.readDir(dir, opt)
}

// badRowsFolder writes three CSV files of n rows each whose offence_date is no date.
func badRowsFolder(t *testing.T, n int) string {
	dir := t.TempDir()
	for _, name := range []string{"a.csv", "b.csv", "c.csv"} {
		lines := []string{dispHeader}
		for i := range n {
			lines = append(lines, with(dispHeader, with(dispHeader, dispGood, "child_id", fmt.Sprint(i)), "offence_date", "31/02/2018"))
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestSpilledProblemsInOrderAndRemoved(t *testing.T) {
	dir := badRowsFolder(t, 50)
	tmp := t.TempDir()
	var got []Problem
	_, err := readDirSpilling(dir, Options{AsOf: asOf, TempDir: tmp, Problems: collect(&got)}, 7)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, f := range []string{"a.csv", "b.csv", "c.csv"} {
		for row := 2; row <= 51; row++ {
			want = append(want, fmt.Sprintf("%s %d", f, row))
		}
	}
	var have []string
	for _, p := range got {
		have = append(have, fmt.Sprintf("%s %d", p.File, p.Row))
	}
	if !reflect.DeepEqual(have, want) {
		t.Errorf("problems in order\n%v\nwant\n%v", have, want)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("left in the temporary folder: %v", entries)
	}
}

func TestSinkErrorEndsTheRead(t *testing.T) {
	dir := badRowsFolder(t, 50)
	tmp := t.TempDir()
	full := errors.New("disk full")
	n := 0
	_, err := readDirSpilling(dir, Options{AsOf: asOf, TempDir: tmp, Problems: func(Problem) error {
		n++
		if n == 60 {
			return full
		}
		return nil
	}}, 7)
	if !errors.Is(err, full) {
		t.Fatalf("error %v, want the sink's", err)
	}
	if n != 60 {
		t.Errorf("the sink was called %d times, want none after its error", n)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("left in the temporary folder: %v", entries)
	}
}

func TestSpillFailureNamesTheFolder(t *testing.T) {
	dir := badRowsFolder(t, 20)
	nowhere := filepath.Join(t.TempDir(), "gone")
	_, err := readDirSpilling(dir, Options{AsOf: asOf, TempDir: nowhere}, 5)
	var fe *FileError
	if !errors.As(err, &fe) || fe.File != "a.csv" && fe.File != "b.csv" && fe.File != "c.csv" {
		t.Fatalf("error %v, want a *FileError naming a file", err)
	}
	if !strings.Contains(err.Error(), "cannot be set aside in a temporary file in "+nowhere) || !strings.Contains(fe.Hint, nowhere) {
		t.Errorf("error %q (hint %q) should name the temporary folder %s", err, fe.Hint, nowhere)
	}
}

// readExpanded is readMem with each sheet's repeats turned back into records of their own
// before the merge.
func readExpanded(files ...memFile) (*Dataset, error) {
	dc, err := newDecoder(Options{AsOf: asOf})
	if err != nil {
		return nil, err
	}
	m := newMerger(Options{})
	for _, f := range files {
		fr, err := dc.decodeSheets(f.name, "sha-"+f.name, f.sheets)
		if err != nil {
			return nil, err
		}
		for i := range fr.sheets {
			sr := &fr.sheets[i]
			expand(&sr.disposals, &disposalKind)
			expand(&sr.ete, &eteKind)
			expand(&sr.oocd, &oocdKind)
			expand(&sr.victims, &victimKind)
			expand(&sr.plan, &actionKind)
			expand(&sr.feedback, &feedbackKind)
			expand(&sr.compars, &comparatorKind)
			expand(&sr.attend, &attendanceKind)
		}
		err = m.addFile(fr)
		fr.close()
		if err != nil {
			return nil, err
		}
	}
	m.finish()
	return m.ds, nil
}

// expand puts a copy of the repeated record in place of each repeat, in reading order.
func expand[T any](p *pending[T], k *recordKind[T]) {
	var out []T
	reps := p.reps
	for i := 0; i <= len(p.recs); i++ {
		for len(reps) > 0 && int(reps[0].at) <= i {
			r := reps[0]
			reps = reps[1:]
			for row := r.row; row < r.row+int(r.n); row++ {
				c := p.recs[r.of]
				k.src(&c).Row = row
				out = append(out, c)
			}
		}
		if i < len(p.recs) {
			out = append(out, p.recs[i])
		}
	}
	p.recs, p.reps = out, nil
}

// TestRepeatsKeepReadingOrder: a sheet's records and repeats give back every accepted
// record, with its row, in reading order — rows with gaps (rejected and blank rows between
// them) and rows numbered out of order (a damaged workbook) included.
func TestRepeatsKeepReadingOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	partners := []string{"Police", "Health", "Education"}
	for iter := range 500 {
		var p pending[Attendance]
		var want []Attendance
		row := 1
		for range rng.IntN(60) {
			switch rng.IntN(5) {
			case 0:
				row += 1 + rng.IntN(3) // rows not accepted in between
			case 1:
				row = 2 + rng.IntN(100) // numbered out of order
			default:
				row++
			}
			rec := Attendance{MeetingDate: d(2018, 10, 1), Partner: partners[rng.IntN(len(partners))], Attended: Yes, Src: Source{Row: row}}
			want = append(want, rec)
			p.add(&attendanceKind, rec)
		}
		expand(&p, &attendanceKind)
		if !reflect.DeepEqual(p.recs, want) {
			t.Fatalf("iteration %d: records and repeats give\n%v\nwant\n%v", iter, p.recs, want)
		}
	}
}

// TestCopyOfAnOldRowIsADuplicate: the cache that finds a sheet's repeats remembers recent
// rows only; a copy of a row read 10,000 distinct rows earlier is a duplicate all the same.
func TestCopyOfAnOldRowIsADuplicate(t *testing.T) {
	lines := []string{dispHeader}
	for i := range 10_000 {
		lines = append(lines, with(dispHeader, dispGood, "child_id", fmt.Sprint(10_000+i)))
	}
	lines = append(lines, lines[1:]...) // rows 10,002 to 20,001 copy rows 2 to 10,001
	ds := mustRead(t, Options{AsOf: asOf}, memFile{"a.csv", []sheet.Sheet{textSheet("", lines...)}})
	if in := ds.Inputs[0]; in.Accepted != 10_000 || in.Duplicates != 10_000 {
		t.Fatalf("accepted %d, duplicates %d; want 10,000 and 10,000", in.Accepted, in.Duplicates)
	}
	for i, p := range ds.Problems {
		if want := fmt.Sprintf("same as a.csv row %d", i+2); p.Row != 10_002+i || p.Reason != want {
			t.Fatalf("problem %d: row %d %q, want row %d %q", i, p.Row, p.Reason, 10_002+i, want)
		}
	}
}
