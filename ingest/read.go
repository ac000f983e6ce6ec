package ingest

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/ingest/sheet"
	"github.com/yjsreport/yjsreport/ingest/xlsx"
)

// Options control a read.
type Options struct {
	// AsOf is the date the extracts were taken: a row with a later date is rejected
	// (SPEC §3.6). The zero Date turns that check off.
	AsOf calendar.Date
	// Columns adds header aliases (canonical column → labels) and Codes adds code labels
	// (canonical code → labels), as the config's columns and codes keys do (SPEC §8).
	Columns, Codes map[string][]string
	// Limits bound each file; zero fields take sheet.DefaultLimits.
	Limits sheet.Limits
	// FileDone, when set, is called as each file has been read, with its data rows read
	// (all sheets) — for progress on a long run. Files are read concurrently, so it may be
	// called from several goroutines at once.
	FileDone func(file string, rows int)
	// Problems, when set, is given every problem as the read finds it, in the order of the
	// data-quality list (files in name order, sheets in workbook order, rows in order), so
	// that a caller can write them out without holding them all. An error it returns ends
	// the read with that error.
	Problems func(Problem) error
	// Keep, when above 0, caps Dataset.Problems at the first Keep problems of each group
	// (ProblemGroup) and the first 1,000 of each sheet, while Dataset.Groups still counts
	// every one: a read of millions of bad rows then holds a few thousand. 0 keeps every
	// problem. Give Problems as well, or the problems past the cap are seen only as counts.
	Keep int
	// TempDir is where the problems of a decoded file wait, past a few thousand a sheet,
	// for the file's turn to be merged: in a temporary file, unlinked at once where the
	// system allows and removed as the read ends. "" is the system's temporary folder.
	TempDir string
}

// FileError is a file (or the input folder) that cannot be read, with a hint saying what
// to do about it. Err is what went wrong, without the file name.
type FileError struct {
	File string
	Err  error
	Hint string
}

func (e *FileError) Error() string { return e.File + ": " + e.Err.Error() }

// Unwrap returns the cause, so errors.Is finds the readers' sentinel errors.
func (e *FileError) Unwrap() error { return e.Err }

// ErrNoExtracts is wrapped by the error ReadDir returns when no sheet of the folder is an
// extract of any kind.
var ErrNoExtracts = errors.New("no extracts found")

// ErrEmptyFile is a data file of zero bytes.
var ErrEmptyFile = errors.New("is empty (0 bytes): the export may have failed")

// String locates and states the problem: `disposals.xlsx: sheet "Outcomes": row 14, column
// offence_date: "31/02/2018" is not a date (use DD/MM/YYYY)`.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	b.WriteString(": ")
	b.WriteString(where(p.Sheet))
	switch {
	case p.Row > 0 && p.Column != "":
		fmt.Fprintf(&b, "row %d, column %s: ", p.Row, p.Column)
	case p.Row > 0:
		fmt.Fprintf(&b, "row %d: ", p.Row)
	case p.Column != "":
		fmt.Fprintf(&b, "column %s: ", p.Column)
	}
	b.WriteString(p.Reason)
	return b.String()
}

// What to do with a file, decided from its name.
type action uint8

const (
	actSkip action = iota
	actXLSX
	actCSV
	actRefuse // a spreadsheet format the tool cannot read
)

// notData are extensions of files that are plainly not extracts; they are skipped with a
// note rather than refused, since a folder of exports often holds a readme or the config.
var notData = map[string]bool{
	".txt": true, ".md": true, ".pdf": true, ".yaml": true, ".yml": true, ".json": true,
	".doc": true, ".docx": true, ".rtf": true, ".odt": true, ".ppt": true, ".pptx": true,
	".html": true, ".htm": true, ".xml": true, ".png": true, ".jpg": true, ".jpeg": true,
	".gif": true, ".svg": true, ".zip": true, ".log": true, ".ini": true, ".msg": true,
	".eml": true, ".bak": true, ".tmp": true, ".sql": true,
}

// refused are spreadsheet formats the tool does not read, with how to describe them.
var refused = map[string]string{
	".xls":     "an old-style Excel 97-2003 workbook (.xls), which cannot be read",
	".xlsb":    "an Excel binary workbook (.xlsb), which cannot be read",
	".ods":     "an OpenDocument spreadsheet (.ods), which cannot be read",
	".numbers": "a Numbers spreadsheet, which cannot be read",
	".xlt":     "an old-style Excel template (.xlt), which cannot be read",
}

const saveAsHint = "open it in Excel and save it as .xlsx (Excel Workbook) or .csv"

// classify decides from a file's name whether to read, skip or refuse it; reason explains
// a skip or a refusal.
func classify(name string) (action, string) {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case strings.HasPrefix(name, "~$"):
		return actSkip, "Excel lock file"
	case strings.HasPrefix(name, "."):
		return actSkip, "hidden file"
	case ext == ".xlsx" || ext == ".xlsm":
		return actXLSX, ""
	case ext == ".csv":
		return actCSV, ""
	case refused[ext] != "":
		return actRefuse, refused[ext]
	case notData[ext]:
		return actSkip, "not a data file"
	}
	return actSkip, "not an .xlsx or .csv file"
}

// fileResult is one file decoded, before duplicates are removed.
type fileResult struct {
	sheets []sheetResult
}

// close removes the file's spilled problems; a nil result has none.
func (fr *fileResult) close() {
	if fr == nil {
		return
	}
	for i := range fr.sheets {
		fr.sheets[i].spill.close()
	}
}

// decodeFile reads one file of the given action.
func (dc *decoder) decodeFile(name string, act action, r io.ReaderAt, size int64, lim sheet.Limits) (*fileResult, error) {
	if size == 0 {
		// A zero-byte export is almost always a failed one; carrying on would report the
		// quarter without that extract.
		return nil, &FileError{File: name, Err: ErrEmptyFile,
			Hint: "export it again from the case system, or take it out of the input folder"}
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(r, 0, size)); err != nil {
		return nil, &FileError{File: name, Err: fmt.Errorf("cannot be read: %w", err), Hint: hintFor(err)}
	}
	sum := hex.EncodeToString(h.Sum(nil))
	var sheets []sheet.Sheet
	switch act {
	case actXLSX:
		return dc.decodeXLSX(name, sum, r, size, lim)
	case actCSV:
		head := make([]byte, 512)
		n, _ := r.ReadAt(head, 0)
		if f := sniff(head[:n]); f != "" {
			return nil, &FileError{File: name, Err: fmt.Errorf("is named .csv but is %s", f),
				Hint: "open it in Excel and save it as .csv, or give it the right extension"}
		}
		s, err := openCSV(r, size, lim)
		if err != nil {
			return nil, &FileError{File: name, Err: err, Hint: hintFor(err)}
		}
		sheets = []sheet.Sheet{s}
	}
	return dc.decodeSheets(name, sum, sheets)
}

// decodeSheets decodes the sheets of one file, whose SHA-256 is sum.
func (dc *decoder) decodeSheets(name, sum string, sheets []sheet.Sheet) (*fileResult, error) {
	// The sheets of a workbook are decoded at once, up to one per processor: a county's
	// disposals split over yearly sheets is the longest file of a run. Each sheet has its own
	// string table and its own spill, so nothing is shared while they run; the results keep
	// workbook order, and the first error in that order is the one returned.
	fr := &fileResult{sheets: make([]sheetResult, len(sheets))}
	errs := make([]error, len(sheets))
	decode := func(i int) {
		sp := &spill{dir: dc.tempDir}
		sr, err := dc.decodeSheet(name, sheets[i], make(map[string]string), sp)
		if err == nil {
			if err = sp.flush(); err != nil {
				err = sp.error(name, err)
			}
		}
		sr.input.SHA256 = sum
		sr.spill = sp
		fr.sheets[i], errs[i] = sr, err
	}
	if n := min(len(sheets), runtime.GOMAXPROCS(0)); n > 1 {
		next := make(chan int)
		var wg sync.WaitGroup
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					decode(i)
				}
			}()
		}
		for i := range sheets {
			next <- i
		}
		close(next)
		wg.Wait()
	} else {
		for i := range sheets {
			if decode(i); errs[i] != nil {
				break
			}
		}
	}
	for _, err := range errs {
		var wl *xlsx.WorkbookLimitError
		if errors.As(err, &wl) { // the file's, whichever sheet passed it first
			fr.close()
			return nil, &FileError{File: name, Err: wl, Hint: hintFor(wl)}
		}
	}
	for _, err := range errs {
		if err != nil {
			fr.close()
			return nil, err
		}
	}
	return fr, nil
}

// ReadDir reads every extract in dir (SPEC §3): files in byte order of name, sheets in
// workbook order. Hidden files, Excel lock files, files that are not data, sub-folders and
// links to files outside dir are skipped and listed in Dataset.Skipped (a link also as a note
// naming its target). A file that cannot be read is a *FileError naming
// it, and a folder with no extract at all is an error wrapping ErrNoExtracts. Files are
// decoded in parallel but merged in name order, so the result does not depend on timing:
// the problems reach Options.Problems in that order as each file is merged, and the first
// error in name order is the one returned.
func ReadDir(dir string, opt Options) (*Dataset, error) {
	dc, err := newDecoder(opt)
	if err != nil {
		return nil, err
	}
	return dc.readDir(dir, opt)
}

func (dc *decoder) readDir(dir string, opt Options) (*Dataset, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, &FileError{File: dir, Err: fmt.Errorf("cannot read the input folder: %w", unwrapPath(err)),
			Hint: "check the folder exists and you may read it (--in)"}
	}
	type item struct {
		name   string
		act    action
		reason string
		res    *fileResult
		err    error
		link   string // the target of a link that points outside dir
	}
	items := make([]item, len(entries)) // os.ReadDir sorts by name, in byte order
	var work []int
	for i, e := range entries {
		items[i] = item{name: e.Name()}
		if e.IsDir() {
			items[i].reason = "folder"
			continue
		}
		items[i].act, items[i].reason = classify(e.Name())
		if e.Type()&fs.ModeSymlink != 0 && items[i].act != actSkip {
			if target, outside := linkOutside(dir, e.Name()); outside {
				items[i].act, items[i].reason = actSkip, "a link to "+target+" outside the input folder, not read"
				items[i].link = target
			}
		}
		if items[i].act == actXLSX || items[i].act == actCSV {
			work = append(work, i)
		}
	}

	// Files are decoded by a few workers and merged here in name order as each one's turn
	// comes. The workers run at most readAhead files ahead of the merge (a file takes a
	// token as it is handed out and gives it back as its merge starts), so that the files
	// decoded and waiting, with their records and problems, stay few however many the
	// folder holds.
	var (
		jobs   = make(chan int)
		tokens = make(chan struct{}, readAhead())
		stop   = make(chan struct{})
		done   = make([]chan struct{}, len(items))
		wg     sync.WaitGroup
	)
	for _, i := range work {
		done[i] = make(chan struct{})
	}
	for range min(runtime.GOMAXPROCS(0), max(len(work), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				it := &items[i]
				var skip string
				it.res, skip, it.err = dc.readPath(filepath.Join(dir, it.name), it.name, it.act, opt.Limits)
				if skip != "" {
					it.reason = skip
				}
				if opt.FileDone != nil && it.res != nil {
					rows := 0
					for _, sr := range it.res.sheets {
						rows += sr.input.Read
					}
					opt.FileDone(it.name, rows)
				}
				close(done[i])
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, i := range work {
			select {
			case tokens <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case jobs <- i:
			case <-stop:
				return
			}
		}
	}()
	defer func() {
		// On an early return, let the workers finish what they hold, then remove what
		// every file decoded but not merged set aside.
		close(stop)
		wg.Wait()
		for i := range items {
			items[i].res.close()
		}
	}()

	m := newMerger(opt)
	var seen []string // what the folder held, for the no-extracts message
	for i := range items {
		if done[i] != nil {
			<-done[i]
			<-tokens // the next file may start while this one is merged
		}
		it := &items[i]
		switch {
		case it.err != nil:
			return nil, it.err
		case it.act == actRefuse:
			return nil, &FileError{File: it.name, Err: errors.New("is " + it.reason), Hint: saveAsHint}
		case it.res == nil:
			m.ds.Skipped = append(m.ds.Skipped, fmt.Sprintf("%s (%s)", it.name, it.reason))
			seen = append(seen, fmt.Sprintf("%s (skipped: %s)", it.name, it.reason))
			if it.link != "" {
				if err := m.emit(linkNote(it.name, it.link)); err != nil {
					return nil, err
				}
			}
			continue
		}
		if err := m.addFile(it.res); err != nil {
			return nil, err
		}
		for _, sr := range it.res.sheets {
			seen = append(seen, describeSheet(sr))
		}
		it.res.close()
		it.res.sheets = nil // merged: the Dataset holds what is kept
	}
	m.finish()
	for _, in := range m.ds.Inputs {
		if in.Kind != "" {
			return m.ds, nil
		}
	}
	what := "the folder is empty"
	if len(seen) > 0 {
		what = "saw " + strings.Join(seen, "; ")
	}
	return nil, &FileError{File: dir, Err: fmt.Errorf("%w: %s", ErrNoExtracts, what),
		Hint: "put the case-system exports (.xlsx or .csv) in this folder; each needs a header row with its extract's columns, " +
			"e.g. child_id, date_of_birth, offence_date, outcome_date and outcome_type for disposals (the README lists every extract); " +
			"headers named differently can be added under columns: in yjsreport.yaml ('yjsreport init' writes one)"}
}

// unwrapPath drops the *fs.PathError wrapper, whose path the FileError already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func describeSheet(sr sheetResult) string {
	name := sr.input.File
	if sr.input.Sheet != "" {
		name += fmt.Sprintf(" sheet %q", sr.input.Sheet)
	}
	switch {
	case sr.input.Kind == "": // skipped (hidden or empty) or of no kind: its note says which
		return name + " (" + sr.input.Note + ")"
	}
	return name + " (" + string(sr.input.Kind) + ")"
}

// readPath opens and decodes one file of the folder. A name that is a folder after all
// (a symbolic link to one) is skipped, with skip saying why.
func (dc *decoder) readPath(path, name string, act action, lim sheet.Limits) (res *fileResult, skip string, err error) {
	// Look before opening: opening a named pipe waits for a writer that may never come.
	st, err := os.Stat(path)
	if err != nil {
		return nil, "", &FileError{File: name, Err: fmt.Errorf("cannot be opened: %w", unwrapPath(err)), Hint: hintFor(err)}
	}
	if st.IsDir() {
		return nil, "folder", nil
	}
	if !st.Mode().IsRegular() {
		return nil, "", notRegular(name)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, "", &FileError{File: name, Err: fmt.Errorf("cannot be opened: %w", unwrapPath(err)), Hint: hintFor(err)}
	}
	defer f.Close()
	st, err = f.Stat()
	if err != nil {
		return nil, "", &FileError{File: name, Err: fmt.Errorf("cannot be read: %w", unwrapPath(err)), Hint: hintFor(err)}
	}
	if !st.Mode().IsRegular() { // replaced since the look
		return nil, "", notRegular(name)
	}
	res, err = dc.decodeFile(name, act, f, st.Size(), lim)
	return res, "", err
}

func notRegular(name string) error {
	return &FileError{File: name, Err: errors.New("is not a regular file (a pipe, socket or device)"),
		Hint: "put the exported file itself in the input folder"}
}

// ReadFile reads one file given as bytes, named name (the name decides its format, as in
// ReadDir). Unlike ReadDir it is not an error for the file to hold no extract. It serves
// tests and fuzzing, and callers that hold files in memory.
func ReadFile(name string, r io.ReaderAt, size int64, opt Options) (*Dataset, error) {
	dc, err := newDecoder(opt)
	if err != nil {
		return nil, err
	}
	return dc.readFile(name, r, size, opt)
}

func (dc *decoder) readFile(name string, r io.ReaderAt, size int64, opt Options) (*Dataset, error) {
	m := newMerger(opt)
	switch act, reason := classify(name); act {
	case actSkip:
		m.ds.Skipped = append(m.ds.Skipped, fmt.Sprintf("%s (%s)", name, reason))
	case actRefuse:
		return nil, &FileError{File: name, Err: errors.New("is " + reason), Hint: saveAsHint}
	default:
		fr, err := dc.decodeFile(name, act, r, size, opt.Limits)
		if err != nil {
			return nil, err
		}
		defer fr.close()
		if err := m.addFile(fr); err != nil {
			return nil, err
		}
	}
	m.finish()
	return m.ds, nil
}

// readAhead is how many files may be decoded and waiting for their turn to merge, counting
// those being decoded: enough to keep every core busy when a big file holds up the merge.
func readAhead() int { return 2 * runtime.GOMAXPROCS(0) }

func newDecoder(opt Options) (*decoder, error) {
	cm, err := loadColumnMap(opt.Columns, opt.Codes)
	if err != nil {
		return nil, err
	}
	return &decoder{cm: cm, asOf: opt.AsOf, tempDir: opt.TempDir, spillAt: spillAt}, nil
}

// merger joins decoded files into a Dataset in reading order, dropping duplicates, and hands
// every problem to the caller's sink in that order.
type merger struct {
	ds   *Dataset
	seed maphash.Seed
	// One index per kind: hash of a record's values → its position in the Dataset.
	disposals, ete, oocd, victims, plan, feedback, compars, attend dedupIndex
	// figures maps each comparator figure's indicator, comparator and period to its
	// position in Dataset.Comparators, to find a second, conflicting figure (SPEC §3.8).
	figures map[figureKey]int32
	sink    func(Problem) error // Options.Problems
	tally   tally               // the groups, and the problems kept
}

// figureKey is what a comparator row gives a figure for.
type figureKey struct {
	indicator, comparator string
	period                calendar.Quarter
}

func newMerger(opt Options) *merger {
	return &merger{ds: &Dataset{}, seed: maphash.MakeSeed(), sink: opt.Problems, tally: tally{keep: opt.Keep}}
}

// emit passes a problem, in reading order, to the sink and the tally.
func (m *merger) emit(p Problem) error {
	if m.sink != nil {
		if err := m.sink(p); err != nil {
			return err
		}
	}
	m.tally.add(p)
	return nil
}

// finish puts the problems kept and the groups in the Dataset.
func (m *merger) finish() {
	m.ds.Problems, m.ds.Groups = m.tally.kept, m.tally.groups
}

// dedupIndex finds an earlier equal record by hash. Only the hash of each record is kept,
// not a copy of it: a map entry of 8 bytes of hash and 4 of position, about 20 bytes a
// record with the map's own overhead (up to twice that just after the map grows), so a
// million rows cost a few tens of megabytes. A hash match is confirmed by comparing the
// records themselves, so the result is exact.
type dedupIndex struct {
	first map[uint64]int32   // hash → first record with it
	more  map[uint64][]int32 // hash → further records with it (collisions, very rare)
}

// find returns the position of a record in recs equal to rec whose hash is sum, or -1.
func find[T any](idx *dedupIndex, sum uint64, recs []T, rec *T, equal func(a, b *T) bool) int32 {
	j, ok := idx.first[sum]
	if !ok {
		return -1
	}
	if equal(&recs[j], rec) {
		return j
	}
	for _, j := range idx.more[sum] {
		if equal(&recs[j], rec) {
			return j
		}
	}
	return -1
}

// insert records that the record at position n has hash sum.
func (idx *dedupIndex) insert(sum uint64, n int32) {
	if idx.first == nil {
		idx.first = map[uint64]int32{}
	}
	if _, ok := idx.first[sum]; !ok {
		idx.first[sum] = n
		return
	}
	if idx.more == nil {
		idx.more = map[uint64][]int32{}
	}
	idx.more[sum] = append(idx.more[sum], n)
}

// recordKind ties a record type to its Source, child, hash and equality. The functions take
// pointers into record slices, so calling them allocates nothing.
type recordKind[T any] struct {
	src   func(*T) *Source
	child func(*T) string
	hash  func(*maphash.Hash, *T) // every field but Src
	equal func(a, b *T) bool      // every field but Src
	// clash, when set, finds an accepted record that rec, not a duplicate, contradicts, and
	// returns the reason rec is rejected for; when there is none it records rec as the n-th
	// kept record. clashRule and clashOn are the rejection's rule and column.
	clash              func(m *merger, rec *T, n int32) (reason string, clashed bool)
	clashRule, clashOn string
}

// pending holds a decoded sheet's accepted records until the merge. A row equal to a
// recent record of its sheet is kept as a repeat of it, not as a second record (24 bytes for
// a run of rows repeating one record, one after another), so a sheet of a million copies of
// one row holds one record and one repeat. At the merge a repeat is a duplicate of the
// record it repeats, or of the record that one is a duplicate of, or rejected with it for the
// same clash: what the merge would have found for it.
//
// Repeats are found by a small cache of recent records, not an index of them all: the merge
// finds every duplicate in any case, and a sheet of distinct rows, the largest a read holds,
// should cost no more than its records while it is decoded.
type pending[T any] struct {
	recs  []T
	reps  []sheetRepeat // in reading order
	cache []int32       // hash → 1 + a record of recs with it, or 0; while the sheet is decoded
	h     maphash.Hash
}

// repeatCache is how many recent records pending remembers (16 KiB): runs of copies of a row
// and rows repeating in cycles of up to a few thousand are found.
const repeatCache = 4096

// sheetRepeat is n rows, numbered from row on and read one after another, each equal to an
// earlier record of their sheet.
type sheetRepeat struct {
	row int   // the first row's number
	n   int32 // rows in the run
	of  int32 // the record they repeat, in pending.recs
	at  int32 // how many records were read before them: their place in reading order
}

// add takes an accepted record. It is appended first and looked at where it lies, so that
// the record, passed by value, stays off the heap.
func (p *pending[T]) add(k *recordKind[T], rec T) {
	n := len(p.recs)
	p.recs = append(p.recs, rec)
	if n >= math.MaxInt32 {
		return // kept: the merge finds it a duplicate all the same
	}
	if p.cache == nil {
		p.cache = make([]int32, repeatCache)
	}
	r := &p.recs[n]
	p.h.Reset()
	k.hash(&p.h, r)
	slot := &p.cache[p.h.Sum64()%repeatCache]
	j := *slot - 1
	if j < 0 || !k.equal(&p.recs[j], r) {
		*slot = int32(n) + 1
		return
	}
	row := k.src(r).Row
	var zero T
	p.recs[n] = zero // let go of its strings
	p.recs = p.recs[:n]
	if last := len(p.reps) - 1; last >= 0 {
		if l := &p.reps[last]; l.of == j && l.at == int32(n) && l.row+int(l.n) == row && l.n < math.MaxInt32 {
			l.n++
			return
		}
	}
	p.reps = append(p.reps, sheetRepeat{row: row, n: 1, of: j, at: int32(n)})
}

// mergeEvent is n rows of a sheet, numbered from row on and read one after another, dropped
// or rejected at the merge: duplicates of the record at position ref of the Dataset's
// records of their kind, or, when ref < 0, the sheet's clash -ref-1 (one row).
type mergeEvent struct {
	row int
	n   int32
	ref int32
}

// add appends e, extending the last event when e continues its run of duplicates.
func (mr *merged) add(e mergeEvent) {
	if last := len(mr.events) - 1; last >= 0 && e.ref >= 0 {
		if l := &mr.events[last]; l.ref == e.ref && l.row+int(l.n) == e.row && int64(l.n)+int64(e.n) <= math.MaxInt32 {
			l.n += e.n
			return
		}
	}
	mr.events = append(mr.events, e)
}

// merged is what merging a sheet's records found, in reading order; the problems are made
// from it one at a time as they are written (see mergeSheet), not held.
type merged struct {
	events  []mergeEvent
	clashes []Problem                                  // the rows rejected for clashing with a kept record
	dupOf   func(ref int32) (src Source, child string) // the record a duplicate repeats
}

// mergeRecords appends the sheet's records to dst, dropping those equal (apart from where
// they were read) to an earlier one, and rejecting those that clash with one. It returns the
// rows it dropped or rejected, in reading order.
func mergeRecords[T any](m *merger, k *recordKind[T], idx *dedupIndex, dst *[]T, p *pending[T], inIdx int) merged {
	recs := p.recs
	if idx.first == nil {
		idx.first = make(map[uint64]int32, len(recs))
	}
	if len(*dst) == 0 {
		// The first sheet of its kind: keep the records where they are. Record i is read
		// before anything is written at position <= i, so filtering in place is safe.
		*dst = recs[:0:len(recs)]
	} else {
		*dst = slices.Grow(*dst, len(recs))
	}
	in := &m.ds.Inputs[inIdx]
	out := merged{dupOf: func(ref int32) (Source, string) {
		r := &(*dst)[ref]
		return *k.src(r), k.child(r)
	}}
	// fate of each record: its position in dst, or that of the earlier record it repeats,
	// or -1-c for the clash c it was rejected for. The sheet's repeats share their record's.
	var fate []int32
	if len(p.reps) > 0 {
		fate = make([]int32, len(recs))
	}
	repeats := func(before int) {
		for len(p.reps) > 0 && int(p.reps[0].at) <= before {
			r := p.reps[0]
			p.reps = p.reps[1:]
			f := fate[r.of]
			if f < 0 {
				for row := r.row; row < r.row+int(r.n); row++ {
					in.Rejected++
					c := out.clashes[-1-f]
					c.Row = row
					out.clashes = append(out.clashes, c)
					out.add(mergeEvent{row, 1, int32(-len(out.clashes))})
				}
				continue
			}
			in.Duplicates += int(r.n)
			out.add(mergeEvent{r.row, r.n, f})
		}
	}
	h := new(maphash.Hash)
	h.SetSeed(m.seed)
	for i := range recs {
		repeats(i)
		rec := &recs[i]
		k.src(rec).Input = inIdx
		h.Reset()
		k.hash(h, rec)
		sum := h.Sum64()
		if j := find(idx, sum, *dst, rec, k.equal); j >= 0 {
			in.Duplicates++
			out.add(mergeEvent{k.src(rec).Row, 1, j})
			if fate != nil {
				fate[i] = j
			}
			continue
		}
		n := int32(len(*dst))
		if k.clash != nil {
			if reason, clashed := k.clash(m, rec, n); clashed {
				in.Rejected++
				out.clashes = append(out.clashes, Problem{File: in.File, Sheet: in.Sheet, Row: k.src(rec).Row, Column: k.clashOn,
					Reason: reason, Rule: k.clashRule, Severity: SevRejected, ChildID: k.child(rec)})
				out.add(mergeEvent{k.src(rec).Row, 1, int32(-len(out.clashes))})
				if fate != nil {
					fate[i] = int32(-len(out.clashes))
				}
				continue
			}
		}
		idx.insert(sum, n)
		if fate != nil {
			fate[i] = n
		}
		*dst = append(*dst, *rec)
		in.Accepted++
	}
	repeats(len(recs))
	if len(*dst) == 0 {
		*dst = nil // let go of the sheet's records when none was kept
	}
	return out
}

// locate names where a record was read: `disposals.xlsx sheet "Outcomes" row 12`.
func (m *merger) locate(s Source) string {
	in := m.ds.Inputs[s.Input]
	if in.Sheet == "" {
		return fmt.Sprintf("%s row %d", in.File, s.Row)
	}
	return fmt.Sprintf("%s sheet %q row %d", in.File, in.Sheet, s.Row)
}

func hstr(h *maphash.Hash, s string) { h.WriteString(s); h.WriteByte(0) }
func hint(h *maphash.Hash, v int64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(v))
	h.Write(b[:])
}
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
func hhours(h *maphash.Hash, v Hours) {
	if v.Valid {
		x := v.Value
		if x == 0 {
			x = 0 // -0 == 0, so both must hash as +0
		}
		hint(h, int64(math.Float64bits(x)))
	} else {
		hint(h, -1)
	}
}

var (
	disposalKind = recordKind[Disposal]{
		src:   func(r *Disposal) *Source { return &r.Src },
		child: func(r *Disposal) string { return r.ChildID },
		hash: func(h *maphash.Hash, r *Disposal) {
			hstr(h, r.ChildID)
			hint(h, int64(r.DateOfBirth)<<32|int64(r.OffenceDate))
			hint(h, int64(r.OutcomeDate)<<32|int64(r.ReleaseDate))
			hstr(h, string(r.OutcomeType))
			hstr(h, r.Gender)
			hstr(h, r.Ethnicity)
			hstr(h, r.Locality)
			hstr(h, r.OffenceCategory)
			hint(h, int64(r.GravityScore)<<8|int64(r.Breach))
		},
		equal: func(a, b *Disposal) bool { x, y := *a, *b; x.Src, y.Src = Source{}, Source{}; return x == y },
	}
	eteKind = recordKind[ETE]{
		src:   func(r *ETE) *Source { return &r.Src },
		child: func(r *ETE) string { return r.ChildID },
		hash: func(h *maphash.Hash, r *ETE) {
			hstr(h, r.ChildID)
			hint(h, int64(r.DateOfBirth)<<32|int64(r.InterventionStart))
			hint(h, int64(r.InterventionEnd)<<16|int64(r.SuitableStart)<<8|int64(r.SuitableEnd))
			hstr(h, string(r.InterventionType))
			hhours(h, r.HoursOfferedStart)
			hhours(h, r.HoursAttendedStart)
			hhours(h, r.HoursOfferedEnd)
			hhours(h, r.HoursAttendedEnd)
			hstr(h, r.ProvisionStart)
			hstr(h, r.ProvisionEnd)
			hstr(h, r.Locality)
			hint(h, int64(r.AccommodationStart)<<16|int64(r.AccommodationEnd)<<8|int64(b2i(r.AccommodationRecorded)))
			var kpi int64 // twelve yes/no values of 2 bits each
			for _, v := range [...]YesNo{r.SENDIdentified, r.LearningPlan, r.MentalHealthNeed, r.MentalHealthOffered,
				r.MentalHealthAttending, r.SubstanceNeed, r.SubstanceOffered, r.SubstanceAttending,
				r.LookedAfterEnd, r.ChildProtectionEnd, r.ChildInNeedEnd, r.EarlyHelpEnd} {
				kpi = kpi<<2 | int64(v)
			}
			hint(h, kpi)
		},
		equal: func(a, b *ETE) bool { x, y := *a, *b; x.Src, y.Src = Source{}, Source{}; return x == y },
	}
	oocdKind = recordKind[OOCD]{
		src:   func(r *OOCD) *Source { return &r.Src },
		child: func(r *OOCD) string { return r.ChildID },
		hash: func(h *maphash.Hash, r *OOCD) {
			hstr(h, r.ChildID)
			hstr(h, string(r.OutcomeType))
			hint(h, int64(r.DateOfBirth)<<32|int64(r.ReferralDate))
			hint(h, int64(r.AssessmentDate)<<32|int64(r.DecisionDate))
			hint(h, int64(r.InterventionStart)<<32|int64(r.InterventionEnd))
			hint(h, int64(r.Completion)<<24|int64(r.AtPanel)<<16|int64(r.VictimIdentified)<<8|int64(r.VictimViewsSought))
			hstr(h, r.Locality)
		},
		equal: func(a, b *OOCD) bool { x, y := *a, *b; x.Src, y.Src = Source{}, Source{}; return x == y },
	}
	victimKind = recordKind[Victim]{
		src:   func(r *Victim) *Source { return &r.Src },
		child: func(r *Victim) string { return r.ChildID },
		hash: func(h *maphash.Hash, r *Victim) {
			hstr(h, r.VictimID)
			hstr(h, r.ChildID)
			hint(h, int64(r.ClosureDate)<<32|int64(r.ConsentedToContact)<<24|int64(r.ViewsSought)<<16|int64(r.RJOffered)<<8|int64(r.RJEngaged))
		},
		equal: func(a, b *Victim) bool { x, y := *a, *b; x.Src, y.Src = Source{}, Source{}; return x == y },
	}
	actionKind = recordKind[Action]{
		src:   func(r *Action) *Source { return &r.Src },
		child: func(r *Action) string { return "" },
		hash: func(h *maphash.Hash, r *Action) {
			hstr(h, r.Recommendation)
			hstr(h, r.Action)
			hstr(h, r.Owner)
			hint(h, int64(r.DueDate))
			hstr(h, string(r.RAG))
			hstr(h, r.Progress)
		},
		equal: func(a, b *Action) bool { x, y := *a, *b; x.Src, y.Src = Source{}, Source{}; return x == y },
	}
	feedbackKind = recordKind[FeedbackAnswer]{
		src:   func(r *FeedbackAnswer) *Source { return &r.Src },
		child: func(r *FeedbackAnswer) string { return r.ChildID },
		hash: func(h *maphash.Hash, r *FeedbackAnswer) {
			hstr(h, r.ResponseID)
			hstr(h, string(r.Respondent))
			hint(h, int64(r.CompletedDate))
			hstr(h, r.Question)
			hstr(h, string(r.Answer))
			hstr(h, r.ChildID)
		},
		equal: func(a, b *FeedbackAnswer) bool { x, y := *a, *b; x.Src, y.Src = Source{}, Source{}; return x == y },
	}
	comparatorKind = recordKind[Comparator]{
		src:   func(r *Comparator) *Source { return &r.Src },
		child: func(r *Comparator) string { return "" },
		hash: func(h *maphash.Hash, r *Comparator) {
			hstr(h, r.Indicator)
			hstr(h, r.Comparator)
			hint(h, int64(r.Period.FY)<<8|int64(r.Period.Q))
			hint(h, int64(math.Float64bits(r.Value)))
			hstr(h, r.Source)
		},
		equal:     func(a, b *Comparator) bool { x, y := *a, *b; x.Src, y.Src = Source{}, Source{}; return x == y },
		clash:     clashingFigure,
		clashRule: "conflicting comparator figure",
		clashOn:   colValue.String(),
	}
	attendanceKind = recordKind[Attendance]{
		src:   func(r *Attendance) *Source { return &r.Src },
		child: func(r *Attendance) string { return "" },
		hash: func(h *maphash.Hash, r *Attendance) {
			hint(h, int64(r.MeetingDate)<<16|int64(r.Attended)<<8|int64(r.Senior))
			hstr(h, r.Partner)
		},
		equal: func(a, b *Attendance) bool { x, y := *a, *b; x.Src, y.Src = Source{}, Source{}; return x == y },
	}
)

// clashingFigure rejects a second comparator figure for one indicator, comparator and
// period (SPEC §3.8): the report can show only one, and which is right is for the officer
// to say. An equal row is a duplicate, dropped before this is asked.
func clashingFigure(m *merger, rec *Comparator, n int32) (string, bool) {
	k := figureKey{rec.Indicator, rec.Comparator, rec.Period}
	j, ok := m.figures[k]
	if !ok {
		if m.figures == nil {
			m.figures = map[figureKey]int32{}
		}
		m.figures[k] = n
		return "", false
	}
	e := &m.ds.Comparators[j]
	src := func(s string) string {
		if s == "" {
			return "no source"
		}
		return "source " + quoted(s)
	}
	mine, theirs := figureText(rec.Value), figureText(e.Value)
	if e.Source != rec.Source {
		mine += " (" + src(rec.Source) + ")"
		theirs += " (" + src(e.Source) + ")"
	}
	return fmt.Sprintf("conflicting figure: %s already gives %s for %s in %s as %s, this row %s; keep one figure per indicator, comparator and period",
		m.locate(e.Src), rec.Indicator, quoted(rec.Comparator), rec.Period.Label(), theirs, mine), true
}

// figureText writes a comparator value as a decimal, the way the tool holds it.
func figureText(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// addFile merges one decoded file into the Dataset, passing its problems on in order.
func (m *merger) addFile(fr *fileResult) error {
	ds := m.ds
	for i := range fr.sheets {
		sr := &fr.sheets[i]
		if sr.skipped {
			if _, err := m.mergeSheet(sr, merged{}); err != nil {
				return err
			}
			continue
		}
		inIdx := len(ds.Inputs)
		in := sr.input
		in.Accepted, in.Duplicates, in.Warnings = 0, 0, 0
		ds.Inputs = append(ds.Inputs, in)
		var mr merged
		switch in.Kind {
		case KindDisposals:
			mr = mergeRecords(m, &disposalKind, &m.disposals, &ds.Disposals, &sr.disposals, inIdx)
		case KindETE:
			mr = mergeRecords(m, &eteKind, &m.ete, &ds.ETE, &sr.ete, inIdx)
		case KindOOCD:
			mr = mergeRecords(m, &oocdKind, &m.oocd, &ds.OOCD, &sr.oocd, inIdx)
		case KindVictims:
			ds.HasVictims = true
			mr = mergeRecords(m, &victimKind, &m.victims, &ds.Victims, &sr.victims, inIdx)
		case KindImprovementPlan:
			ds.HasPlan = true
			mr = mergeRecords(m, &actionKind, &m.plan, &ds.Plan, &sr.plan, inIdx)
		case KindFeedback:
			ds.HasFeedback = true
			mr = mergeRecords(m, &feedbackKind, &m.feedback, &ds.Feedback, &sr.feedback, inIdx)
		case KindComparators:
			ds.HasComparators = true
			mr = mergeRecords(m, &comparatorKind, &m.compars, &ds.Comparators, &sr.compars, inIdx)
		case KindBoardAttendance:
			ds.HasAttendance = true
			mr = mergeRecords(m, &attendanceKind, &m.attend, &ds.Attendance, &sr.attend, inIdx)
		}
		warned, err := m.mergeSheet(sr, mr)
		if err != nil {
			return err
		}
		in2 := &ds.Inputs[inIdx]
		in2.Warnings = warned
		if in2.Read != in2.Accepted+in2.Rejected+in2.Duplicates {
			return fmt.Errorf("internal error: %s: %sread %d rows but accepted %d + rejected %d + duplicates %d",
				in2.File, where(in2.Sheet), in2.Read, in2.Accepted, in2.Rejected, in2.Duplicates)
		}
	}
	return nil
}

// mergeSheet passes on, in row order, the sheet's problems found as it was decoded and those
// of the rows dropped or rejected while merging (mr). Such a row's warnings are dropped with
// it. It returns the number of rows kept with a warning.
//
// The two lists are merged as sorted lists by row, a decoded problem first on a tie, which is
// reading order when the rows are numbered in order (a damaged workbook may number them
// otherwise, and gets the same order on every run).
func (m *merger) mergeSheet(sr *sheetResult, mr merged) (int, error) {
	var dropped rowSet
	for _, e := range mr.events {
		for row := e.row; row < e.row+int(e.n); row++ {
			dropped.add(row)
		}
	}
	probs := newSheetProblems(sr.spill, sr)
	var (
		warned, lastWarned = 0, -1
		lastRef            = int32(-1)
		lastReason, child  string
	)
	events, off := mr.events, 0 // the next row is events[0].row+off
	for {
		p, ok := probs.peek()
		if len(events) > 0 && (!ok || events[0].row+off < p.Row) {
			e := events[0]
			row := e.row + off
			if off++; off == int(e.n) {
				events, off = events[1:], 0
			}
			if e.ref < 0 {
				if err := m.emit(mr.clashes[-1-e.ref]); err != nil {
					return 0, err
				}
				continue
			}
			if e.ref != lastRef {
				// A run of copies of one row is common: make its reason once.
				var src Source
				src, child = mr.dupOf(e.ref)
				lastRef, lastReason = e.ref, "same as "+m.locate(src)
			}
			if err := m.emit(Problem{File: sr.input.File, Sheet: sr.input.Sheet, Row: row, Reason: lastReason,
				Rule: "duplicate row", Severity: SevDuplicate, ChildID: child}); err != nil {
				return 0, err
			}
			continue
		}
		if !ok {
			break
		}
		q := probs.next()
		if q.Severity == SevWarning {
			if dropped.has(q.Row) {
				continue
			}
			if q.Row != lastWarned {
				warned++
				lastWarned = q.Row
			}
		}
		if err := m.emit(q); err != nil {
			return 0, err
		}
	}
	if probs.err != nil {
		return 0, sr.spill.error(sr.input.File, probs.err)
	}
	return warned, nil
}

// rowSet is a set of row numbers: one bit a row up to the highest, so a sheet of a million
// rows dropped at the merge costs 128 KiB; row numbers beyond any real sheet go in a map.
type rowSet struct {
	bits []uint64
	far  map[int]bool
}

// maxRowBits bounds the bit set (8 MiB); a row past it is a damaged file's.
const maxRowBits = 1 << 26

func (s *rowSet) add(row int) {
	if row < 0 || row >= maxRowBits {
		if s.far == nil {
			s.far = map[int]bool{}
		}
		s.far[row] = true
		return
	}
	w := row / 64
	if w >= len(s.bits) {
		s.bits = slices.Grow(s.bits, w+1-len(s.bits))[:w+1]
	}
	s.bits[w] |= 1 << (row % 64)
}

func (s *rowSet) has(row int) bool {
	if row < 0 || row >= maxRowBits {
		return s.far[row]
	}
	w := row / 64
	return w < len(s.bits) && s.bits[w]&(1<<(row%64)) != 0
}
