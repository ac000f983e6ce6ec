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
	fr := &fileResult{}
	intern := make(map[string]string)
	for _, sh := range sheets {
		sr, err := dc.decodeSheet(name, sh, intern)
		if err != nil {
			return nil, err
		}
		sr.input.SHA256 = sum
		fr.sheets = append(fr.sheets, sr)
	}
	return fr, nil
}

// ReadDir reads every extract in dir (SPEC §3): files in byte order of name, sheets in
// workbook order. Hidden files, Excel lock files, files that are not data, sub-folders and
// links to files outside dir are skipped and listed in Dataset.Skipped (a link also as a note
// naming its target). A file that cannot be read is a *FileError naming
// it, and a folder with no extract at all is an error wrapping ErrNoExtracts. Files are
// decoded in parallel but merged in name order, so the result does not depend on timing.
func ReadDir(dir string, opt Options) (*Dataset, error) {
	dc, err := newDecoder(opt)
	if err != nil {
		return nil, err
	}
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

	jobs := make(chan int)
	var wg sync.WaitGroup
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
			}
		}()
	}
	for _, i := range work {
		jobs <- i
	}
	close(jobs)
	wg.Wait()

	m := newMerger()
	var seen []string // what the folder held, for the no-extracts message
	for _, it := range items {
		switch {
		case it.err != nil:
			return nil, it.err
		case it.act == actRefuse:
			return nil, &FileError{File: it.name, Err: errors.New("is " + it.reason), Hint: saveAsHint}
		case it.res == nil:
			m.ds.Skipped = append(m.ds.Skipped, fmt.Sprintf("%s (%s)", it.name, it.reason))
			seen = append(seen, fmt.Sprintf("%s (skipped: %s)", it.name, it.reason))
			if it.link != "" {
				m.ds.Problems = append(m.ds.Problems, linkNote(it.name, it.link))
			}
			continue
		}
		if err := m.addFile(it.res); err != nil {
			return nil, err
		}
		for _, sr := range it.res.sheets {
			seen = append(seen, describeSheet(sr))
		}
	}
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
	case sr.skipped && len(sr.problems) > 0:
		return name + " (" + sr.problems[0].Reason + ")"
	case sr.input.Kind == "":
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
	return dc.readFile(name, r, size, opt.Limits)
}

func (dc *decoder) readFile(name string, r io.ReaderAt, size int64, lim sheet.Limits) (*Dataset, error) {
	m := newMerger()
	switch act, reason := classify(name); act {
	case actSkip:
		m.ds.Skipped = append(m.ds.Skipped, fmt.Sprintf("%s (%s)", name, reason))
	case actRefuse:
		return nil, &FileError{File: name, Err: errors.New("is " + reason), Hint: saveAsHint}
	default:
		fr, err := dc.decodeFile(name, act, r, size, lim)
		if err != nil {
			return nil, err
		}
		if err := m.addFile(fr); err != nil {
			return nil, err
		}
	}
	return m.ds, nil
}

func newDecoder(opt Options) (*decoder, error) {
	cm, err := loadColumnMap(opt.Columns, opt.Codes)
	if err != nil {
		return nil, err
	}
	return &decoder{cm: cm, asOf: opt.AsOf}, nil
}

// merger joins decoded files into a Dataset in reading order, dropping duplicates.
type merger struct {
	ds   *Dataset
	seed maphash.Seed
	// One index per kind: hash of a record's values → its position in the Dataset.
	disposals, ete, oocd, victims, plan, feedback, compars, attend dedupIndex
	// figures maps each comparator figure's indicator, comparator and period to its
	// position in Dataset.Comparators, to find a second, conflicting figure (SPEC §3.8).
	figures map[figureKey]int32
}

// figureKey is what a comparator row gives a figure for.
type figureKey struct {
	indicator, comparator string
	period                calendar.Quarter
}

func newMerger() *merger {
	return &merger{ds: &Dataset{}, seed: maphash.MakeSeed()}
}

// dedupIndex finds an earlier equal record by hash. Only the hash of each record is kept,
// not a copy of it, so a million rows cost a few tens of megabytes; a hash match is
// confirmed by comparing the records themselves, so the result is exact.
type dedupIndex struct {
	first map[uint64]int32   // hash → first record with it
	more  map[uint64][]int32 // hash → further records with it (collisions, very rare)
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
	// kept record. rule and column describe the rejection.
	clash              func(m *merger, rec *T, n int32) (reason string, clashed bool)
	clashRule, clashOn string
}

// mergeRecords appends the sheet's records to dst, dropping those equal (apart from where
// they were read) to an earlier one, and rejecting those that clash with one. It returns the
// problems of the rows it dropped or rejected, in row order.
func mergeRecords[T any](m *merger, k recordKind[T], idx *dedupIndex, dst *[]T, recs []T, inIdx int) []Problem {
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
	var dups []Problem
	h := new(maphash.Hash)
	h.SetSeed(m.seed)
	for i := range recs {
		rec := &recs[i]
		k.src(rec).Input = inIdx
		h.Reset()
		k.hash(h, rec)
		sum := h.Sum64()
		earlier := -1
		if j, ok := idx.first[sum]; ok {
			if k.equal(&(*dst)[j], rec) {
				earlier = int(j)
			} else {
				for _, j := range idx.more[sum] {
					if k.equal(&(*dst)[j], rec) {
						earlier = int(j)
						break
					}
				}
			}
		}
		if earlier >= 0 {
			in.Duplicates++
			dups = append(dups, Problem{File: in.File, Sheet: in.Sheet, Row: k.src(rec).Row,
				Reason: "same as " + m.locate(*k.src(&(*dst)[earlier])), Rule: "duplicate row",
				Severity: SevDuplicate, ChildID: k.child(rec)})
			continue
		}
		n := int32(len(*dst))
		if k.clash != nil {
			if reason, clashed := k.clash(m, rec, n); clashed {
				in.Rejected++
				dups = append(dups, Problem{File: in.File, Sheet: in.Sheet, Row: k.src(rec).Row, Column: k.clashOn,
					Reason: reason, Rule: k.clashRule, Severity: SevRejected, ChildID: k.child(rec)})
				continue
			}
		}
		if _, ok := idx.first[sum]; ok {
			if idx.more == nil {
				idx.more = map[uint64][]int32{}
			}
			idx.more[sum] = append(idx.more[sum], n)
		} else {
			idx.first[sum] = n
		}
		*dst = append(*dst, *rec)
		in.Accepted++
	}
	return dups
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

// addFile merges one decoded file into the Dataset.
func (m *merger) addFile(fr *fileResult) error {
	ds := m.ds
	for _, sr := range fr.sheets {
		if sr.skipped {
			ds.Problems = append(ds.Problems, sr.problems...)
			continue
		}
		inIdx := len(ds.Inputs)
		in := sr.input
		in.Accepted, in.Duplicates, in.Warnings = 0, 0, 0
		ds.Inputs = append(ds.Inputs, in)
		var dups []Problem
		switch in.Kind {
		case KindDisposals:
			dups = mergeRecords(m, disposalKind, &m.disposals, &ds.Disposals, sr.disposals, inIdx)
		case KindETE:
			dups = mergeRecords(m, eteKind, &m.ete, &ds.ETE, sr.ete, inIdx)
		case KindOOCD:
			dups = mergeRecords(m, oocdKind, &m.oocd, &ds.OOCD, sr.oocd, inIdx)
		case KindVictims:
			ds.HasVictims = true
			dups = mergeRecords(m, victimKind, &m.victims, &ds.Victims, sr.victims, inIdx)
		case KindImprovementPlan:
			ds.HasPlan = true
			dups = mergeRecords(m, actionKind, &m.plan, &ds.Plan, sr.plan, inIdx)
		case KindFeedback:
			ds.HasFeedback = true
			dups = mergeRecords(m, feedbackKind, &m.feedback, &ds.Feedback, sr.feedback, inIdx)
		case KindComparators:
			ds.HasComparators = true
			dups = mergeRecords(m, comparatorKind, &m.compars, &ds.Comparators, sr.compars, inIdx)
		case KindBoardAttendance:
			ds.HasAttendance = true
			dups = mergeRecords(m, attendanceKind, &m.attend, &ds.Attendance, sr.attend, inIdx)
		}
		in2 := &ds.Inputs[inIdx]
		ds.Problems, in2.Warnings = mergeProblems(ds.Problems, sr.problems, dups)
		if in2.Read != in2.Accepted+in2.Rejected+in2.Duplicates {
			return fmt.Errorf("internal error: %s: %sread %d rows but accepted %d + rejected %d + duplicates %d",
				in2.File, where(in2.Sheet), in2.Read, in2.Accepted, in2.Rejected, in2.Duplicates)
		}
	}
	return nil
}

// mergeProblems appends a sheet's problems and the problems of the rows dropped or rejected
// while merging (dups) to out in row order. Such a row's warnings are dropped with it. It
// returns the number of rows kept with a warning.
func mergeProblems(out, probs, dups []Problem) ([]Problem, int) {
	dupRow := make(map[int]bool, len(dups))
	for _, d := range dups {
		dupRow[d.Row] = true
	}
	warned, lastWarned := 0, -1
	i, j := 0, 0
	for i < len(probs) || j < len(dups) {
		if j < len(dups) && (i == len(probs) || dups[j].Row < probs[i].Row) {
			out = append(out, dups[j])
			j++
			continue
		}
		p := probs[i]
		i++
		if p.Severity == SevWarning {
			if dupRow[p.Row] {
				continue
			}
			if p.Row != lastWarned {
				warned++
				lastWarned = p.Row
			}
		}
		out = append(out, p)
	}
	return out, warned
}
