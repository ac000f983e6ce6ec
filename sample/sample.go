// Package sample writes synthetic case-system exports for a fictional county, "Sample
// County", so that yjsreport can be tried, demonstrated and load-tested without any real
// child's data.
//
// Generate writes every extract kind of SPEC §3 the way real systems export them, warts
// included:
//
//   - board_attendance.csv: the board secretary's log, one row per statutory partner
//     (police, children's social care, education, health, probation, housing) per
//     bimonthly board meeting, dates as "12 Jun 2018", Yes/No; education attends about half
//     the time, below the board's expectation every quarter;
//   - comparators.xlsx: figures the officer copied from national and regional statistics
//     (England and Wales, the South West, the YOT family) for most headlines over the eight
//     quarters of their series (for reoffending, the cohorts ending with the headline
//     cohort), as percentage-formatted numbers, "31.4%" text and plain fractions, with a
//     source column, under a title row;
//   - disposals.xlsx: proven outcomes on two sheets ("2015-2017" and "2017-2019", split on
//     1 April of the financial year before the export's) with different header aliases, real
//     Excel date cells, Excel booleans on the second sheet, extra columns ("Worker", "Case
//     Notes") and a "Notes" sheet that is not an extract;
//   - ete.csv: interventions with ETE at start and end and the YJB key performance
//     indicators (accommodation, SEND and learning plan, the mental health and substance
//     misuse cascades, wider services at the end) under real-export headers ("SEND",
//     "EHCP", "MH Need Identified", …), UTF-8 with a BOM and CRLF line ends, UK text dates
//     (DD/MM/YYYY, date of birth as YYYY-MM-DD);
//   - feedback.csv: a survey tool's export of end-of-intervention questionnaires in long
//     form (one row per answer), for about four children in ten and some parents and
//     carers, completion time-stamped, with a free-text "Comments" column whose every entry
//     contains "COMMENT-TEXT", so that a leak into a report would be plain to see;
//   - improvement_plan.xlsx: the board's action tracker after an inspection, due dates as
//     date cells and as "DD Mon YYYY" text, actions linked to headline indicators, and a
//     "Lookup" sheet that is not an extract;
//   - oocd.xlsx: out-of-court interventions under two title rows, referral date-times, dates
//     in dd-mmm-yyyy format;
//   - victims.csv: Windows-1252 (free-text notes carry £ and é), Y/N flags;
//   - yjsreport.yaml: a configuration with a 10–17 population, disclosure control on and a
//     target for most headlines, so a run on the sample shows rates and a mix of RAG ratings.
//
// A handful of deliberate bad rows (impossible and two-digit-year dates, unknown codes,
// blank required values, dates out of order or after the export, invalid optional values,
// inconsistent need → offered → attending cascades, conflicting and malformed published
// figures, exact duplicates within and across sheets, a wholly blank row) are planted in
// each file; the Manifest lists every one as a Fault with its file, sheet, row and column.
//
// Everything comes from PCG streams seeded by Options.Seed (one for the children's records,
// one for their needs and feedback, one for board attendance; the plan and the published
// figures do not depend on the seed); nothing reads the clock or iterates a map, and the
// xlsx zips are rewritten in a fixed order with fixed timestamps, so the same options
// always give byte-identical files. Rows are streamed child by child (children in id order,
// ids allocated in order of first offence), so memory stays small however many children
// are asked for.
package sample

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/yjsreport/yjsreport/calendar"
	"golang.org/x/text/encoding/charmap"
)

// Options say what to generate.
type Options struct {
	// Seed picks the random stream: the same seed and options give the same files.
	Seed uint64
	// Children is the number of fictional children (default DefaultChildren).
	Children int
	// ExportDate is the day the extracts were taken (default 2019-01-31). Activity starts on
	// 1 April three financial years before it.
	ExportDate calendar.Date
}

// DefaultChildren is the size of the default sample: about 1 MB of files, enough for
// eight quarters of trends and mature reoffending cohorts.
const DefaultChildren = 2000

// MaxChildren bounds Options.Children: five million children is several gigabytes of
// exports, more than any real service, and beyond that ids and files stop looking real.
const MaxChildren = 5_000_000

// defaultExportDate is the export date used when Options.ExportDate is zero: quarter
// 2018/19 Q3 is then the latest complete quarter.
var defaultExportDate = calendar.New(2019, 1, 31)

// File names, in the order Generate returns them.
const (
	FileBoard       = "board_attendance.csv"
	FileComparators = "comparators.xlsx"
	FileDisposals   = "disposals.xlsx"
	FileETE         = "ete.csv"
	FileFeedback    = "feedback.csv"
	FilePlan        = "improvement_plan.xlsx"
	FileOOCD        = "oocd.xlsx"
	FileVictims     = "victims.csv"
	FileConfig      = "yjsreport.yaml"
	// FileCommentary is a synthetic officer commentary (generate --commentary), so the sample
	// report shows the asks of the board and an officer's words in each section.
	FileCommentary = "commentary.md"
)

//go:embed commentary.md
var commentary []byte

// Manifest describes what a generation wrote.
type Manifest struct {
	Files    []string // base names, in name order
	Children int      // distinct children across the extracts
	Faults   []Fault  // every deliberate fault, by file, sheet and row
}

// CreateFunc opens the named output for writing; Close must report any write error.
type CreateFunc func(name string) (io.WriteCloser, error)

// Generate writes the sample into dir (created if needed) and returns the names of the
// files written. Files are written under temporary names and renamed into place only when
// all of them were written, so a failed run leaves dir as it was.
func Generate(dir string, opt Options) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("sample: %w", err)
	}
	var temps []*tempFile
	create := func(name string) (io.WriteCloser, error) {
		f, err := os.CreateTemp(dir, "."+name+".*.tmp")
		if err != nil {
			return nil, err
		}
		t := &tempFile{File: f, final: filepath.Join(dir, name)}
		temps = append(temps, t)
		return t, nil
	}
	m, err := GenerateTo(create, opt)
	for _, t := range temps {
		if err == nil {
			err = t.commit()
		}
	}
	for _, t := range temps {
		_ = t.File.Close()
		_ = os.Remove(t.File.Name()) // a no-op once renamed
	}
	if err != nil {
		return nil, fmt.Errorf("sample: %s: %w", dir, err)
	}
	return m.Files, nil
}

// tempFile is an output written under a temporary name.
type tempFile struct {
	*os.File
	final  string
	closed bool
}

func (t *tempFile) Close() error {
	if t.closed {
		return nil
	}
	t.closed = true
	return t.File.Close()
}

// commit makes the file readable like any data file (CreateTemp makes it private) and
// renames it into place.
func (t *tempFile) commit() error {
	if !t.closed {
		return fmt.Errorf("%s was not closed", filepath.Base(t.final))
	}
	if err := os.Chmod(t.File.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(t.File.Name(), t.final)
}

// Faults returns the faults planted for opt, generating the sample in memory only.
func Faults(opt Options) ([]Fault, error) {
	m, err := GenerateTo(func(string) (io.WriteCloser, error) { return nopCloser{io.Discard}, nil }, opt)
	return m.Faults, err
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// GenerateMem generates the sample in memory, for tests: file name → contents.
func GenerateMem(opt Options) (map[string][]byte, Manifest, error) {
	files := map[string][]byte{}
	m, err := GenerateTo(func(name string) (io.WriteCloser, error) {
		return &memFile{name: name, files: files}, nil
	}, opt)
	return files, m, err
}

type memFile struct {
	bytes.Buffer
	name  string
	files map[string][]byte
}

func (f *memFile) Close() error { f.files[f.name] = f.Bytes(); return nil }

// normalise fills in defaults and checks the options.
func (opt Options) normalise() (Options, error) {
	if opt.Children == 0 {
		opt.Children = DefaultChildren
	}
	if opt.Children < 1 || opt.Children > MaxChildren {
		return opt, fmt.Errorf("children %d is out of range (1 to %d)", opt.Children, MaxChildren)
	}
	if opt.ExportDate == 0 {
		opt.ExportDate = defaultExportDate
	}
	if y := opt.ExportDate.Year(); y < 1910 || y > 9000 {
		return opt, fmt.Errorf("export date %s is out of range", opt.ExportDate)
	}
	return opt, nil
}

// generator holds the open outputs of one run.
type generator struct {
	opt      Options
	w        world
	sim      *sim
	saved    time.Time // the export's timestamp, for document properties and zip entries
	disp     *book
	d1, d2   *table
	oocdBook *book
	oocd     *table
	fbCSV    *csvFile
	fb       *table
	eteCSV   *csvFile
	ete      *table
	vicCSV   *csvFile
	victims  *table
	closers  []io.WriteCloser
}

// GenerateTo writes the sample through create and describes it. Outputs are closed in
// name order; on error, outputs already created are closed and the error returned.
func GenerateTo(create CreateFunc, opt Options) (Manifest, error) {
	opt, err := opt.normalise()
	if err != nil {
		return Manifest{}, err
	}
	g := &generator{opt: opt, w: newWorld(opt.ExportDate)}
	g.sim = newSim(opt.Seed, g.w)
	g.saved = opt.ExportDate.Time().Add(7*time.Hour + 45*time.Minute)
	m, err := g.run(create)
	if err != nil {
		for _, c := range g.closers {
			_ = c.Close()
		}
		return Manifest{}, err
	}
	return m, nil
}

func (g *generator) run(create CreateFunc) (Manifest, error) {
	n := g.opt.Children
	var m Manifest
	if err := g.open(create); err != nil {
		return m, err
	}

	firsts := g.sim.entryDates(n)
	// Only children who entered well before the split have rows on the first disposals
	// sheet, so its faults are spread over those.
	early := 0
	for early < n && firsts[early] < g.w.split-120 {
		early++
	}
	plantDisposals(g.d1, g.d2, max(early, 1), n, g.w.export)
	idNum := 100000
	for i, first := range firsts {
		idNum += g.sim.between(1, 4)
		c := g.sim.newChild(i, fmt.Sprintf("YP%06d", idNum), first)
		if err := g.writeChild(c); err != nil {
			return m, err
		}
	}

	// CSV files were streamed as we went; close them now.
	if err := g.eteCSV.close(); err != nil {
		return m, fmt.Errorf("%s: %w", FileETE, err)
	}
	if err := g.vicCSV.close(); err != nil {
		return m, fmt.Errorf("%s: %w", FileVictims, err)
	}
	if err := g.fbCSV.close(); err != nil {
		return m, fmt.Errorf("%s: %w", FileFeedback, err)
	}
	for _, c := range g.closers {
		if err := c.Close(); err != nil {
			return m, err
		}
	}
	g.closers = nil

	if err := g.saveBook(create, FileDisposals, g.disp); err != nil {
		return m, err
	}
	if err := g.saveBook(create, FileOOCD, g.oocdBook); err != nil {
		return m, err
	}
	planFaults, err := g.writePlan(create)
	if err != nil {
		return m, err
	}
	cmpFaults, err := g.writeComparators(create)
	if err != nil {
		return m, err
	}
	boardFaults, err := g.writeAttendance(create)
	if err != nil {
		return m, err
	}
	if err := g.writeConfig(create); err != nil {
		return m, err
	}
	if err := writeFile(create, FileCommentary, commentary); err != nil {
		return m, err
	}

	m.Files = []string{FileBoard, FileCommentary, FileComparators, FileDisposals, FileETE, FileFeedback, FilePlan,
		FileOOCD, FileVictims, FileConfig}
	m.Children = n
	m.Faults = append(m.Faults, Fault{File: FileDisposals, Sheet: "Notes", Severity: SevNote,
		What: "a notes sheet that matches no extract kind"})
	for _, t := range []*table{g.d1, g.d2, g.ete, g.fb, g.oocd, g.victims} {
		m.Faults = append(m.Faults, t.faults...)
	}
	m.Faults = append(m.Faults, planFaults...)
	m.Faults = append(m.Faults, cmpFaults...)
	m.Faults = append(m.Faults, boardFaults...)
	slices.SortStableFunc(m.Faults, func(a, b Fault) int {
		switch {
		case a.File != b.File:
			return cmpStr(a.File, b.File)
		case a.Sheet != b.Sheet:
			return cmpStr(a.Sheet, b.Sheet)
		}
		return a.Row - b.Row
	})
	return m, nil
}

func cmpStr(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (g *generator) saveBook(create CreateFunc, name string, b *book) error {
	out, err := create(name)
	if err != nil {
		return err
	}
	if err := b.save(out); err != nil {
		_ = out.Close()
		return fmt.Errorf("%s: %w", name, err)
	}
	return out.Close()
}

// open prepares every extract's table and plants its faults.
func (g *generator) open(create CreateFunc) error {
	n, export := g.opt.Children, g.w.export
	var err error

	// disposals.xlsx
	if g.disp, err = newBook(FileDisposals, g.saved, "Proven outcomes"); err != nil {
		return err
	}
	s1 := fmt.Sprintf("%d-%d", g.w.startYear, g.w.split.Year())
	s2 := fmt.Sprintf("%d-%d", g.w.split.Year(), export.Year())
	g.d1 = &table{file: FileDisposals, sheet: s1, cols: disp1Cols, build: g.disp1Row}
	if g.d1, err = g.disp.table(g.d1, nil, 1, g.disp.date); err != nil {
		return err
	}
	g.d2 = &table{file: FileDisposals, sheet: s2, cols: disp2Cols, build: g.disp2Row}
	if g.d2, err = g.disp.table(g.d2, nil, 1, g.disp.date); err != nil {
		return err
	}
	if err := g.disp.textSheet("Notes", [][]any{
		{"Proven outcomes export"},
		{"Source: case management system, report PO-114 (one row per offence outcome)"},
		{"Run on " + export.UK() + " 07:45 by the performance team"},
		{"Sheets hold outcomes by sentence date; the second export started on " + g.w.split.UK()},
		{"Seriousness is the YJB gravity score (1 to 8); breach rows are sentences for breach of an order"},
		{"Synthetic data for a fictional county: no real person"},
	}, []float64{90}); err != nil {
		return err
	}

	// oocd.xlsx
	if g.oocdBook, err = newBook(FileOOCD, g.saved, "Out of court disposals"); err != nil {
		return err
	}
	g.oocd = &table{file: FileOOCD, sheet: "OOCD", cols: oocdCols, build: g.oocdRow}
	titles := [][]any{
		{"Out of Court Disposals — export " + export.UK()},
		{"Sample County Youth Justice Service"},
		nil,
	}
	if g.oocd, err = g.oocdBook.table(g.oocd, titles, 4, g.oocdBook.dateMon); err != nil {
		return err
	}
	g.oocd.dateText = func(_ int, d calendar.Date) string { return d.Time().Format("02-Jan-2006") }
	plantOOCD(g.oocd, n, export)

	// ete.csv: UTF-8 with BOM
	out, err := create(FileETE)
	if err != nil {
		return err
	}
	g.closers = append(g.closers, out)
	if g.eteCSV, err = newCSV(out, true); err != nil {
		return err
	}
	g.ete = g.eteCSV.table(&table{file: FileETE, cols: eteCols, build: g.eteRow,
		dateText: func(col int, d calendar.Date) string {
			if col == 1 {
				return d.String() // date of birth comes from another table, ISO style
			}
			return d.UK()
		}})
	if _, err := g.ete.write(g.ete.headers()); err != nil {
		return err
	}
	plantETE(g.ete, n, export)

	// victims.csv: Windows-1252
	out, err = create(FileVictims)
	if err != nil {
		return err
	}
	g.closers = append(g.closers, out)
	enc := charmap.Windows1252.NewEncoder().Writer(out)
	if g.vicCSV, err = newCSV(enc, false); err != nil {
		return err
	}
	g.victims = g.vicCSV.table(&table{file: FileVictims, cols: victimCols, build: g.victimRow, dateText: ukDate})
	if _, err := g.victims.write(g.victims.headers()); err != nil {
		return err
	}
	plantVictims(g.victims, n, export)

	// feedback.csv: the survey tool's export, one row per answer, UTF-8 without a BOM
	out, err = create(FileFeedback)
	if err != nil {
		return err
	}
	g.closers = append(g.closers, out)
	if g.fbCSV, err = newCSV(out, false); err != nil {
		return err
	}
	g.fb = g.fbCSV.table(&table{file: FileFeedback, cols: feedbackCols, build: g.feedbackRow, dateText: ukDate})
	if _, err := g.fb.write(g.fb.headers()); err != nil {
		return err
	}
	plantFeedback(g.fb, n, export)
	return nil
}

type dispRec struct {
	c *child
	d *disposal
}

type eteRec struct {
	c *child
	e *eteRow
}

type oocdRec struct {
	c *child
	o *oocdRow
}

type victimRec struct {
	c *child
	v *victimRow
}

// feedbackRec is the answer to question q of a response.
type feedbackRec struct {
	c *child
	r *response
	q int
}

func (g *generator) writeChild(c *child) error {
	for _, t := range []*table{g.d1, g.d2, g.ete, g.fb, g.oocd, g.victims} {
		t.child = c.index
	}
	slices.SortStableFunc(c.disposals, func(a, b disposal) int {
		if a.outcome != b.outcome {
			return int(a.outcome - b.outcome)
		}
		return int(a.offence - b.offence)
	})
	for i := range c.disposals {
		t := g.d1
		if c.disposals[i].outcome >= g.w.split {
			t = g.d2
		}
		if err := t.emit(dispRec{c, &c.disposals[i]}); err != nil {
			return err
		}
	}
	for i := range c.ete {
		if err := g.ete.emit(eteRec{c, &c.ete[i]}); err != nil {
			return err
		}
	}
	for i := range c.oocd {
		if err := g.oocd.emit(oocdRec{c, &c.oocd[i]}); err != nil {
			return err
		}
	}
	for i := range c.victims {
		if err := g.victims.emit(victimRec{c, &c.victims[i]}); err != nil {
			return err
		}
	}
	for i := range c.feedback {
		r := &c.feedback[i]
		for q := range r.answers {
			if err := g.fb.emit(feedbackRec{c, r, q}); err != nil {
				return err
			}
		}
	}
	return nil
}
