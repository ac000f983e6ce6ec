package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/ingest/sheet"
)

// headerRows is how far down a sheet the header row may be (SPEC §3): exports often put a
// title, a run date and a blank line above it.
const headerRows = 10

// Age limits of SPEC §3.6: the age of criminal responsibility is 10, and a child sentenced
// at 17 may turn 18 before the order starts.
const (
	minAge = 10
	maxAge = 18
)

// headerRow is one candidate header row mapped to canonical columns.
type headerRow struct {
	pos  [numColumns]int32 // 1-based cell index of each column, 0 when absent
	dups []dupColumn       // later cells naming a column already seen
}

// dupColumn is a header cell that names a column an earlier (leftmost) cell already names.
type dupColumn struct {
	col         column
	kept, extra string
}

// mapHeader maps a row of header cells to canonical columns; cells that name no column are
// ignored, and when two cells name one column the leftmost wins.
func (m *columnMap) mapHeader(cells []string) headerRow {
	var h headerRow
	for i, cell := range cells {
		c, ok := m.header(cell)
		if !ok {
			continue
		}
		if h.pos[c] != 0 {
			h.dups = append(h.dups, dupColumn{c, strings.TrimSpace(cells[h.pos[c]-1]), strings.TrimSpace(cell)})
			continue
		}
		h.pos[c] = int32(i + 1)
	}
	return h
}

// missing lists the required columns of s absent from the row.
func (h *headerRow) missing(s kindSchema) []column {
	var out []column
	for _, c := range s.required {
		if h.pos[c] == 0 {
			out = append(out, c)
		}
	}
	return out
}

// kinds lists the schemas whose required columns the row has.
func (h *headerRow) kinds() []kindSchema {
	var out []kindSchema
	for _, s := range schemas {
		if len(h.missing(s)) == 0 {
			out = append(out, s)
		}
	}
	return out
}

// sheetResult is one sheet decoded, before duplicates are removed.
type sheetResult struct {
	input   Input
	skipped bool // hidden or empty: no Input, only a note
	// problems are the sheet's problems in row order (notes, rejections, warnings), after
	// the first spilled ones, which are in the sheet's spill from spillOff to spillEnd.
	problems           []Problem
	spilled            int
	spillOff, spillEnd int64
	spill              *spill // where the problems past spillAt went
	// The rows accepted so far, of the sheet's kind, each distinct record once; duplicates
	// are resolved when merging.
	disposals pending[Disposal]
	ete       pending[ETE]
	oocd      pending[OOCD]
	victims   pending[Victim]
	plan      pending[Action]
	feedback  pending[FeedbackAnswer]
	compars   pending[Comparator]
	attend    pending[Attendance]
}

// decoder decodes sheets; it is shared by the goroutines of a read and holds no state that
// changes but the code sets' cache of config hints, which is guarded by its own lock.
type decoder struct {
	cm      *columnMap
	asOf    calendar.Date
	tempDir string // Options.TempDir
	spillAt int    // spillAt, lowered by tests
}

// where names a sheet for messages: `sheet "Outcomes"`, or nothing for a CSV file.
func where(sheetName string) string {
	if sheetName == "" {
		return ""
	}
	return fmt.Sprintf("sheet %q: ", sheetName)
}

// whereErr is where(sheetName) for a reader's error, or nothing when the error names the
// sheet already (the xlsx reader's do), so a message names it once.
func whereErr(sheetName string, err error) string {
	w := where(sheetName)
	if w != "" && strings.Contains(err.Error(), strings.TrimSuffix(w, " ")) {
		return ""
	}
	return w
}

// maxQuoted is how many characters of a cell a reason quotes.
const maxQuoted = 40

// quoted quotes a cell's value for a reason, clipped to maxQuoted characters. A reason
// points at a bad value; it need not hold it all, and a 32,767-character cell quoted whole
// would overflow a cell of data-quality.csv in Excel (whose limit that is) and flood the
// terminal.
func quoted(v string) string {
	n, i := 0, 0
	for i < len(v) && n < maxQuoted {
		_, size := utf8.DecodeRuneInString(v[i:])
		i += size
		n++
	}
	if i < len(v) {
		return strconv.Quote(v[:i]) + "…"
	}
	return strconv.Quote(v)
}

// decodeSheet classifies one sheet by its header row and decodes its rows. intern is the
// sheet's string table, and sp where the sheet's problems past spillAt go.
func (dc *decoder) decodeSheet(file string, sh sheet.Sheet, intern map[string]string, sp *spill) (sheetResult, error) {
	res := sheetResult{input: Input{File: file, Sheet: sh.Name}}
	note := func(row int, col, reason, rule string) {
		res.problems = append(res.problems, Problem{File: file, Sheet: sh.Name, Row: row, Column: col,
			Reason: reason, Rule: rule, Severity: SevNote})
	}
	sheetNotes(&res, sh)
	if sh.Hidden {
		res.skipped, res.input.Note = true, "hidden sheet skipped"
		note(0, "", res.input.Note, res.input.Note)
		return res, nil
	}
	rows, err := sh.Open()
	if err != nil {
		return res, &FileError{File: file, Err: fmt.Errorf("%scannot be read: %w", whereErr(sh.Name, err), err), Hint: hintFor(err)}
	}
	defer rows.Close()

	var (
		hdr        headerRow
		schema     kindSchema
		found      bool
		sawAny     bool
		closest    kindSchema
		closestMis []column
		headerLine int
	)
	for !found && rows.Next() {
		cells := rows.Cells()
		if isBlank(cells) {
			continue
		}
		sawAny = true
		line := rows.Line()
		if line > headerRows {
			break
		}
		h := dc.cm.mapHeader(cells)
		switch ks := h.kinds(); len(ks) {
		case 0:
			for _, s := range schemas {
				if mis := h.missing(s); closestMis == nil || len(mis) < len(closestMis) {
					closest, closestMis = s, mis
				}
			}
		case 1:
			hdr, schema, found, headerLine = h, ks[0], true, line
		default:
			names := make([]string, len(ks))
			for i, s := range ks {
				names[i] = string(s.kind)
			}
			both := strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
			return res, &FileError{File: file,
				Err:  fmt.Errorf("%srow %d has the required columns of both %s, so its kind is ambiguous", where(sh.Name), line, both),
				Hint: "put each extract in its own sheet or file, or remove the other kind's columns"}
		}
	}
	if err := rows.Err(); err != nil {
		return res, &FileError{File: file, Err: fmt.Errorf("%scannot be read: %w", whereErr(sh.Name, err), err), Hint: hintFor(err)}
	}
	switch {
	case !sawAny:
		res.skipped, res.input.Note = true, "empty sheet skipped"
		note(0, "", res.input.Note, res.input.Note)
		readerNotes(&res, rows)
		return res, nil
	case !found:
		if closestMis == nil || len(closestMis) == len(closest.required) {
			// Not one required column of any kind: naming a "closest" kind would mislead.
			res.input.Note = fmt.Sprintf("matches no extract: no row in 1-%d has the required columns of any extract", headerRows)
		} else {
			res.input.Note = fmt.Sprintf("matches no extract in rows 1-%d; the closest is %s, missing %s",
				headerRows, closest.kind, columnList(closestMis))
			res.input.Closest = closest.kind
			for _, c := range closestMis {
				res.input.Missing = append(res.input.Missing, c.String())
			}
		}
		note(0, "", res.input.Note, "sheet matches no extract")
		readerNotes(&res, rows)
		return res, nil
	}
	if err := headerWarnings(&res, rows, headerLine); err != nil {
		return res, err
	}

	res.input.Kind = schema.kind
	for _, d := range hdr.dups {
		if schema.has(d.col) {
			note(headerLine, d.col.String(), fmt.Sprintf("columns %s and %s both mean %s; using %s, the leftmost", quoted(d.kept), quoted(d.extra), d.col, quoted(d.kept)),
				"two columns mean one name")
		}
	}
	// line starts at the header row: a read error before any data row is "after" the header.
	r := &rowDecoder{cm: dc.cm, asOf: dc.asOf, excel: sh.Excel, date1904: sh.Date1904, pos: hdr.pos,
		file: file, sheet: sh.Name, intern: intern, line: headerLine, rows: rows}
	for rows.Next() {
		cells := rows.Cells()
		if isBlank(cells) {
			continue
		}
		res.input.Read++
		r.start(cells, rows.Line())
		switch schema.kind {
		case KindDisposals:
			rec := r.disposal()
			if r.finish(&res) {
				res.disposals.add(&disposalKind, rec)
			}
		case KindETE:
			rec := r.ete()
			if r.finish(&res) {
				res.ete.add(&eteKind, rec)
			}
		case KindOOCD:
			rec := r.oocd()
			if r.finish(&res) {
				res.oocd.add(&oocdKind, rec)
			}
		case KindVictims:
			rec := r.victim()
			if r.finish(&res) {
				res.victims.add(&victimKind, rec)
			}
		case KindImprovementPlan:
			rec := r.action()
			if r.finish(&res) {
				res.plan.add(&actionKind, rec)
			}
		case KindFeedback:
			rec := r.feedback()
			if r.finish(&res) {
				res.feedback.add(&feedbackKind, rec)
			}
		case KindComparators:
			rec := r.comparator()
			if r.finish(&res) {
				res.compars.add(&comparatorKind, rec)
			}
		case KindBoardAttendance:
			rec := r.attendance()
			if r.finish(&res) {
				res.attend.add(&attendanceKind, rec)
			}
		}
		if len(res.problems) >= dc.spillAt {
			if err := sp.put(&res); err != nil {
				return res, sp.error(file, err)
			}
		}
	}
	res.dropCaches()
	if err := rows.Err(); err != nil {
		return res, &FileError{File: file, Err: fmt.Errorf("%scannot be read after row %d: %w", whereErr(sh.Name, err), r.line, err), Hint: hintFor(err)}
	}
	r.readerWarnings(&res) // about rows after the last one read: notes
	return res, nil
}

// dropCaches lets go of what found the sheet's repeated rows as it was decoded: only the
// records and the repeats wait for the merge.
func (res *sheetResult) dropCaches() {
	res.disposals.cache, res.ete.cache, res.oocd.cache, res.victims.cache = nil, nil, nil, nil
	res.plan.cache, res.feedback.cache, res.compars.cache, res.attend.cache = nil, nil, nil, nil
}

// has reports whether c is a column of the kind.
func (s kindSchema) has(c column) bool {
	for _, x := range s.required {
		if x == c {
			return true
		}
	}
	for _, x := range s.optional {
		if x == c {
			return true
		}
	}
	return false
}

// need says how a column's value is treated when blank or invalid.
type need uint8

const (
	optional need = iota // blank is fine; invalid is a warning and the value is set aside
	required             // blank or invalid rejects the row
	present              // a required column whose blank means something (still open, unknown)
)

// rowDecoder parses the cells of one row into a record, collecting the row's rejection (the
// first found) and warnings. One rowDecoder serves a whole sheet, so a row costs no
// allocation beyond its record and the strings it keeps.
type rowDecoder struct {
	cm          *columnMap
	asOf        calendar.Date
	excel       bool
	date1904    bool
	pos         [numColumns]int32
	file, sheet string
	intern      map[string]string
	cells       []string
	line        int
	rejected    bool
	rejection   Problem
	warns       []Problem
	childID     string
	rows        sheet.Rows // for the reader's warnings (readers.go)
}

func (r *rowDecoder) start(cells []string, line int) {
	r.cells, r.line, r.rejected, r.warns, r.childID = cells, line, false, r.warns[:0], ""
}

// finish records the row's outcome in res and reports whether the row was accepted.
func (r *rowDecoder) finish(res *sheetResult) bool {
	r.readerWarnings(res)
	if r.rejected {
		res.input.Rejected++
		r.rejection.ChildID = r.childID
		res.problems = append(res.problems, r.rejection)
		return false
	}
	for _, w := range r.warns {
		w.ChildID = r.childID
		res.problems = append(res.problems, w)
	}
	return true
}

// val returns the trimmed cell of column c ("" when the column is absent or the row short).
func (r *rowDecoder) val(c column) string {
	p := r.pos[c]
	if p == 0 || int(p) > len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[p-1])
}

func (r *rowDecoder) reject(c column, rule, reason string) {
	if r.rejected {
		return
	}
	r.rejected = true
	r.rejection = Problem{File: r.file, Sheet: r.sheet, Row: r.line, Column: c.String(),
		Reason: reason, Rule: rule, Severity: SevRejected}
}

func (r *rowDecoder) warn(c column, rule, reason string) {
	r.warns = append(r.warns, Problem{File: r.file, Sheet: r.sheet, Row: r.line, Column: c.String(),
		Reason: reason + "; treated as blank", Rule: rule, Severity: SevWarning})
}

// bad reports an invalid value: a rejection when the column is required, else a warning.
func (r *rowDecoder) bad(c column, n need, rule, reason string) {
	if n == optional {
		r.warn(c, rule, reason)
	} else {
		r.reject(c, rule, reason)
	}
}

// blank handles an empty cell: a rejection when the value is required.
func (r *rowDecoder) blank(c column, n need) {
	if n == required {
		r.reject(c, "required value blank", "required value is blank")
	}
}

// str returns s from the file's string table, so that a locality or child_id repeated on
// thousands of rows is stored once, and no kept string pins a reader's buffer.
func (r *rowDecoder) str(s string) string {
	if v, ok := r.intern[s]; ok {
		return v
	}
	s = strings.Clone(s)
	r.intern[s] = s
	return s
}

func (r *rowDecoder) id(c column) string {
	v := r.val(c)
	if v == "" {
		r.blank(c, required)
		return ""
	}
	return r.str(normID(v))
}

func (r *rowDecoder) date(c column, n need) calendar.Date {
	if r.rejected {
		return 0
	}
	v := r.val(c)
	if v == "" {
		r.blank(c, n)
		return 0
	}
	d, fault := parseDate(v, r.excel, r.date1904)
	switch fault {
	case dateOK:
		return d
	case dateTwoDigitYear:
		r.bad(c, n, "two-digit year", fmt.Sprintf("%s has a two-digit year (use DD/MM/YYYY)", quoted(v)))
	default:
		r.bad(c, n, "not a date", fmt.Sprintf("%s is not a date (use DD/MM/YYYY)", quoted(v)))
	}
	return 0
}

// code returns the index of the cell's code in set, or -1 when blank or invalid.
func (r *rowDecoder) code(c column, set codeSetID, n need) int {
	if r.rejected {
		return -1
	}
	v := r.val(c)
	if v == "" {
		r.blank(c, n)
		return -1
	}
	s := r.cm.sets[set]
	i := s.lookup(v)
	if i < 0 {
		if set == setYesNo {
			r.bad(c, n, "not yes or no", fmt.Sprintf("%s is not yes or no", quoted(v)))
		} else {
			reason := fmt.Sprintf("unknown %s %s; valid: %s", c, quoted(v), s.valid())
			if utf8.RuneCountInString(v) <= maxQuoted { // a label, not a paragraph pasted in
				reason += "; " + s.configHint(v)
			}
			r.bad(c, n, "unknown "+c.String(), reason)
		}
	}
	return i
}

func (r *rowDecoder) outcome(c column) Outcome {
	if i := r.code(c, setOutcome, required); i >= 0 {
		return Outcome(r.cm.sets[setOutcome].codes[i])
	}
	return ""
}

func (r *rowDecoder) yesNo(c column, n need) YesNo {
	switch i := r.code(c, setYesNo, n); {
	case i < 0:
		return Blank
	case r.cm.sets[setYesNo].codes[i] == "yes":
		return Yes
	}
	return No
}

// suitability returns the cell's suitability (blank = unknown) and whether it held a valid
// value.
func (r *rowDecoder) suitability(c column, n need) (Suitability, bool) {
	i := r.code(c, setSuitability, n)
	if i < 0 {
		return SuitUnknown, false
	}
	switch r.cm.sets[setSuitability].codes[i] {
	case "suitable":
		return Suitable, true
	case "unsuitable":
		return Unsuitable, true
	}
	return SuitUnknown, true
}

// free returns trimmed free text, "unknown" when blank (gender, ethnicity, locality).
func (r *rowDecoder) free(c column) string {
	v := r.val(c)
	if v == "" {
		return "unknown"
	}
	return r.str(v)
}

// text returns trimmed text; a required one must not be blank.
func (r *rowDecoder) text(c column, n need) string {
	v := r.val(c)
	if v == "" {
		r.blank(c, n)
		return ""
	}
	return r.str(v)
}

func (r *rowDecoder) gravity(c column) int {
	v := r.val(c)
	if v == "" {
		return 0
	}
	g, ok := parseGravity(v)
	if !ok {
		r.warn(c, "gravity not 1-8", fmt.Sprintf("%s is not a gravity score (a whole number 1-8)", quoted(v)))
	}
	return g
}

func (r *rowDecoder) hours(c column) Hours {
	v := r.val(c)
	if v == "" {
		return Hours{}
	}
	h, ok := parseHours(v)
	if !ok {
		r.warn(c, "hours not a number 0 or more", fmt.Sprintf("%s is not a number of hours (0 or more)", quoted(v)))
		return Hours{}
	}
	return Hours{Value: h, Valid: true}
}

// category returns the canonical offence category, or the trimmed text when the map does
// not know it (only three categories matter to an indicator).
func (r *rowDecoder) category(c column) string {
	v := r.val(c)
	if v == "" {
		return ""
	}
	s := r.cm.sets[setOffence]
	if i := s.lookup(v); i >= 0 {
		return s.codes[i]
	}
	return r.str(v)
}

// notAfterAsOf rejects a date after the as-of date: the extract cannot know the future, so
// the date is a typo. A zero as-of turns the check off.
func (r *rowDecoder) notAfterAsOf(c column, d calendar.Date) {
	if r.rejected || d == 0 || r.asOf == 0 || d <= r.asOf {
		return
	}
	r.reject(c, "after the as-of date", fmt.Sprintf("%s %s is after the as-of date %s", c, d.UK(), r.asOf.UK()))
}

// order rejects a row whose later date comes before its earlier one.
func (r *rowDecoder) order(early column, e calendar.Date, late column, l calendar.Date) {
	if r.rejected || e == 0 || l == 0 || e <= l {
		return
	}
	r.reject(late, late.String()+" before "+early.String(),
		fmt.Sprintf("%s %s is before %s %s", late, l.UK(), early, e.UK()))
}

// age rejects a row whose child is not 10–18 on the key date.
func (r *rowDecoder) age(dob calendar.Date, key column, on calendar.Date) {
	if r.rejected || dob == 0 || on == 0 {
		return
	}
	if a := calendar.AgeOn(dob, on); a < minAge || a > maxAge {
		r.reject(colDOB, "age outside 10-18", fmt.Sprintf("age %d on %s %s is outside 10-18", a, key, on.UK()))
	}
}

func (r *rowDecoder) disposal() Disposal {
	d := Disposal{Src: Source{Row: r.line}}
	d.ChildID = r.id(colChildID)
	r.childID = d.ChildID
	d.DateOfBirth = r.date(colDOB, required)
	d.OffenceDate = r.date(colOffenceDate, required)
	d.OutcomeDate = r.date(colOutcomeDate, required)
	d.OutcomeType = r.outcome(colOutcomeType)
	if r.rejected {
		return d
	}
	d.Gender = r.free(colGender)
	d.Ethnicity = r.free(colEthnicity)
	d.Locality = r.free(colLocality)
	d.OffenceCategory = r.category(colOffenceCategory)
	d.GravityScore = r.gravity(colGravity)
	d.Breach = r.yesNo(colBreach, optional)
	d.ReleaseDate = r.date(colReleaseDate, optional)
	if d.ReleaseDate != 0 && d.OutcomeType.Tier() != Custody {
		// A release date means nothing for a non-custodial outcome (SPEC §3.1).
		r.warn(colReleaseDate, "release_date on a non-custody outcome",
			fmt.Sprintf("release_date %s given for %s, which is not custody", d.ReleaseDate.UK(), d.OutcomeType))
		d.ReleaseDate = 0
	}
	r.notAfterAsOf(colDOB, d.DateOfBirth)
	r.notAfterAsOf(colOffenceDate, d.OffenceDate)
	r.notAfterAsOf(colOutcomeDate, d.OutcomeDate)
	r.notAfterAsOf(colReleaseDate, d.ReleaseDate)
	r.order(colOffenceDate, d.OffenceDate, colOutcomeDate, d.OutcomeDate)
	r.order(colOutcomeDate, d.OutcomeDate, colReleaseDate, d.ReleaseDate)
	r.age(d.DateOfBirth, colOutcomeDate, d.OutcomeDate)
	return d
}

func (r *rowDecoder) ete() ETE {
	e := ETE{Src: Source{Row: r.line}}
	e.ChildID = r.id(colChildID)
	r.childID = e.ChildID
	e.DateOfBirth = r.date(colDOB, required)
	e.InterventionType = r.outcome(colInterventionType)
	e.InterventionStart = r.date(colInterventionStart, required)
	e.InterventionEnd = r.date(colInterventionEnd, present)
	e.SuitableStart, _ = r.suitability(colSuitableStart, present)
	e.SuitableEnd, _ = r.suitability(colSuitableEnd, present)
	if r.rejected {
		return e
	}
	e.HoursOfferedStart = r.hours(colHoursOfferedStart)
	e.HoursAttendedStart = r.hours(colHoursAttendedStart)
	e.HoursOfferedEnd = r.hours(colHoursOfferedEnd)
	e.HoursAttendedEnd = r.hours(colHoursAttendedEnd)
	e.ProvisionStart = r.text(colProvisionStart, optional)
	e.ProvisionEnd = r.text(colProvisionEnd, optional)
	e.Locality = r.free(colLocality)
	var okStart, okEnd bool
	e.AccommodationStart, okStart = r.suitability(colAccommodationStart, optional)
	e.AccommodationEnd, okEnd = r.suitability(colAccommodationEnd, optional)
	e.AccommodationRecorded = okStart || okEnd
	e.SENDIdentified = r.yesNo(colSENDIdentified, optional)
	e.LearningPlan = r.yesNo(colLearningPlan, optional)
	e.MentalHealthNeed = r.yesNo(colMentalHealthNeed, optional)
	e.MentalHealthOffered = r.yesNo(colMentalHealthOffered, optional)
	e.MentalHealthAttending = r.yesNo(colMentalHealthAttending, optional)
	e.SubstanceNeed = r.yesNo(colSubstanceNeed, optional)
	e.SubstanceOffered = r.yesNo(colSubstanceOffered, optional)
	e.SubstanceAttending = r.yesNo(colSubstanceAttending, optional)
	e.LookedAfterEnd = r.yesNo(colLookedAfterEnd, optional)
	e.ChildProtectionEnd = r.yesNo(colChildProtectionEnd, optional)
	e.ChildInNeedEnd = r.yesNo(colChildInNeedEnd, optional)
	e.EarlyHelpEnd = r.yesNo(colEarlyHelpEnd, optional)
	r.notAfterAsOf(colDOB, e.DateOfBirth)
	r.notAfterAsOf(colInterventionStart, e.InterventionStart)
	r.notAfterAsOf(colInterventionEnd, e.InterventionEnd)
	r.order(colInterventionStart, e.InterventionStart, colInterventionEnd, e.InterventionEnd)
	r.age(e.DateOfBirth, colInterventionStart, e.InterventionStart)
	r.cascade("mental health", [3]column{colMentalHealthNeed, colMentalHealthOffered, colMentalHealthAttending},
		[3]YesNo{e.MentalHealthNeed, e.MentalHealthOffered, e.MentalHealthAttending})
	r.cascade("substance misuse", [3]column{colSubstanceNeed, colSubstanceOffered, colSubstanceAttending},
		[3]YesNo{e.SubstanceNeed, e.SubstanceOffered, e.SubstanceAttending})
	return e
}

// cascade warns, once per cascade, about a row whose offered or attending is yes while an
// earlier stage is not (SPEC §4.6): need → offered → attending. The values are kept as
// recorded, since which of them is wrong is for the team to find out. The warning names the
// first stage that is yes after one that is not, and every earlier stage that is not yes.
func (r *rowDecoder) cascade(name string, cols [3]column, v [3]YesNo) {
	if r.rejected {
		return
	}
	for i := 1; i < len(v); i++ {
		if v[i] != Yes {
			continue
		}
		var not []string
		for j := range i {
			if v[j] != Yes {
				not = append(not, cols[j].String())
			}
		}
		if len(not) == 0 {
			continue
		}
		verb := "is"
		if len(not) > 1 {
			verb = "are"
		}
		r.warns = append(r.warns, Problem{File: r.file, Sheet: r.sheet, Row: r.line, Column: cols[i].String(),
			Reason: fmt.Sprintf("%s is yes but %s %s not: check the cascade (need → offered → attending)",
				cols[i], strings.Join(not, " and "), verb),
			Rule: name + " offered or attending without the stage before", Severity: SevWarning})
		return
	}
}

// preCourt lists the pre_court codes for messages, in SPEC order.
func preCourt() string {
	var s []string
	for _, o := range Outcomes {
		if o.Tier() == PreCourt {
			s = append(s, string(o))
		}
	}
	return strings.Join(s, ", ")
}

func (r *rowDecoder) oocd() OOCD {
	o := OOCD{Src: Source{Row: r.line}}
	o.ChildID = r.id(colChildID)
	r.childID = o.ChildID
	o.DateOfBirth = r.date(colDOB, required)
	o.OutcomeType = r.outcome(colOutcomeType)
	if !r.rejected && o.OutcomeType.Tier() != PreCourt {
		r.reject(colOutcomeType, "outcome_type not out-of-court",
			fmt.Sprintf("outcome_type %s (%s) is not an out-of-court outcome; valid: %s", quoted(r.val(colOutcomeType)), o.OutcomeType, preCourt()))
	}
	o.ReferralDate = r.date(colReferralDate, required)
	if r.rejected {
		return o
	}
	o.AssessmentDate = r.date(colAssessmentDate, optional)
	o.DecisionDate = r.date(colDecisionDate, optional)
	o.InterventionStart = r.date(colInterventionStart, optional)
	o.InterventionEnd = r.date(colInterventionEnd, optional)
	switch i := r.code(colCompletion, setCompletion, optional); {
	case i < 0:
	default:
		switch r.cm.sets[setCompletion].codes[i] {
		case "completed":
			o.Completion = Completed
		case "not_completed":
			o.Completion = NotCompleted
		case "neutral":
			o.Completion = Neutral
		}
	}
	o.AtPanel = r.yesNo(colAtPanel, optional)
	o.VictimIdentified = r.yesNo(colVictimIdentified, optional)
	o.VictimViewsSought = r.yesNo(colVictimViewsSought, optional)
	o.Locality = r.free(colLocality)
	r.notAfterAsOf(colDOB, o.DateOfBirth)
	r.notAfterAsOf(colReferralDate, o.ReferralDate)
	r.notAfterAsOf(colAssessmentDate, o.AssessmentDate)
	r.notAfterAsOf(colDecisionDate, o.DecisionDate)
	r.notAfterAsOf(colInterventionStart, o.InterventionStart)
	r.notAfterAsOf(colInterventionEnd, o.InterventionEnd)
	r.order(colReferralDate, o.ReferralDate, colAssessmentDate, o.AssessmentDate)
	r.order(colReferralDate, o.ReferralDate, colDecisionDate, o.DecisionDate)
	r.order(colInterventionStart, o.InterventionStart, colInterventionEnd, o.InterventionEnd)
	r.age(o.DateOfBirth, colReferralDate, o.ReferralDate)
	return o
}

func (r *rowDecoder) victim() Victim {
	v := Victim{Src: Source{Row: r.line}}
	v.VictimID = r.id(colVictimID)
	v.ChildID = r.id(colChildID)
	r.childID = v.ChildID
	v.ClosureDate = r.date(colClosureDate, required)
	v.ConsentedToContact = r.yesNo(colConsented, required)
	if r.rejected {
		return v
	}
	v.ViewsSought = r.yesNo(colViewsSought, optional)
	v.RJOffered = r.yesNo(colRJOffered, optional)
	v.RJEngaged = r.yesNo(colRJEngaged, optional)
	r.notAfterAsOf(colClosureDate, v.ClosureDate)
	if !r.rejected && v.RJEngaged == Yes && v.ConsentedToContact != Yes {
		// Kept as recorded (SPEC §4.5): the victim engaged, so the consent field is
		// probably what is wrong, and the team should look.
		r.warns = append(r.warns, Problem{File: r.file, Sheet: r.sheet, Row: r.line, Column: colRJEngaged.String(),
			Reason: "rj_engaged is yes but consented_to_contact is not", Rule: "rj_engaged without consent", Severity: SevWarning})
	}
	return v
}

func (r *rowDecoder) action() Action {
	a := Action{Src: Source{Row: r.line}}
	a.Recommendation = r.text(colRecommendation, required)
	a.Action = r.text(colAction, required)
	a.Owner = r.text(colOwner, required)
	// due_date may be after as-of: it is a plan (SPEC §3.6).
	a.DueDate = r.date(colDueDate, required)
	if i := r.code(colRAG, setRAG, required); i >= 0 {
		a.RAG = RAG(r.cm.sets[setRAG].codes[i])
	}
	if r.rejected {
		return a
	}
	a.Progress = r.text(colProgress, optional)
	if i := r.code(colIndicator, setIndicator, optional); i >= 0 {
		a.Indicator = r.cm.sets[setIndicator].codes[i]
	}
	return a
}

func (r *rowDecoder) feedback() FeedbackAnswer {
	f := FeedbackAnswer{Src: Source{Row: r.line}}
	if v := r.val(colChildID); v != "" {
		f.ChildID = r.str(normID(v))
		r.childID = f.ChildID
	}
	f.ResponseID = r.id(colResponseID)
	if i := r.code(colRespondent, setRespondent, required); i >= 0 {
		f.Respondent = Respondent(r.cm.sets[setRespondent].codes[i])
	}
	f.CompletedDate = r.date(colCompletedDate, required)
	f.Question = r.text(colQuestion, required)
	// A blank answer is a question not answered (SPEC §3.7); anything else must be a code.
	if i := r.code(colAnswer, setAnswer, present); i >= 0 {
		f.Answer = Answer(r.cm.sets[setAnswer].codes[i])
	}
	r.notAfterAsOf(colCompletedDate, f.CompletedDate)
	return f
}

func (r *rowDecoder) comparator() Comparator {
	c := Comparator{Src: Source{Row: r.line}}
	if i := r.code(colIndicator, setIndicator, required); i >= 0 {
		c.Indicator = r.cm.sets[setIndicator].codes[i]
	}
	c.Comparator = r.text(colComparator, required)
	c.Period = r.period(colPeriod)
	c.Value = r.figure(colValue, c.Indicator)
	if r.rejected {
		return c
	}
	c.Source = r.text(colSource, optional)
	return c
}

// period reads a comparator's quarter label (SPEC §3.8); it is not a date, so the as-of
// check does not apply: a published figure may be for a cohort quarter after it.
func (r *rowDecoder) period(c column) calendar.Quarter {
	if r.rejected {
		return calendar.Quarter{}
	}
	v := r.val(c)
	if v == "" {
		r.blank(c, required)
		return calendar.Quarter{}
	}
	q, fault := parseQuarterLabel(v)
	switch fault {
	case quarterOK:
		return q
	case quarterWrongYear:
		r.reject(c, "period not a financial year", fmt.Sprintf("%s is not a financial year: %d is followed by %02d (write it as %d/%02d Q%d)",
			quoted(v), q.FY, (q.FY+1)%100, q.FY, (q.FY+1)%100, q.Q))
	default:
		r.reject(c, "period not a quarter", fmt.Sprintf("%s is not a quarter (write it as 2018/19 Q3 or 2018-19-Q3)", quoted(v)))
	}
	return calendar.Quarter{}
}

// figure reads a comparator's value (SPEC §3.8): a number 0 or more, where "31.4%" is 0.314;
// for an indicator that is a rate, a value above 1 without a % sign is refused, as it is
// surely a percentage whose sign was left off.
func (r *rowDecoder) figure(c column, indicator string) float64 {
	if r.rejected {
		return 0
	}
	v := r.val(c)
	if v == "" {
		r.blank(c, required)
		return 0
	}
	x, pct, ok := parseFigure(v)
	switch {
	case !ok:
		r.reject(c, "value not a number", fmt.Sprintf("%s is not a number (write e.g. 0.314 or 31.4%%)", quoted(v)))
	case x < 0:
		r.reject(c, "value below 0", fmt.Sprintf("%s is below 0; a published figure is 0 or more", quoted(v)))
	case indicator == "" || !config.IsRate(indicator) || x <= 1:
		return x
	case pct:
		r.reject(c, "rate above 100%", fmt.Sprintf("%s is above 100%%, which %s, a rate, cannot be", quoted(v), indicator))
	default:
		r.reject(c, "rate above 1 without %", fmt.Sprintf("%s is above 1 but %s is a rate: write %s%% or %s",
			quoted(v), indicator, v, strconv.FormatFloat(percentOf(v), 'f', -1, 64)))
	}
	return 0
}

func (r *rowDecoder) attendance() Attendance {
	a := Attendance{Src: Source{Row: r.line}}
	a.MeetingDate = r.date(colMeetingDate, required)
	a.Partner = r.text(colPartner, required)
	a.Attended = r.yesNo(colAttended, required)
	if r.rejected {
		return a
	}
	a.Senior = r.yesNo(colSenior, optional)
	r.notAfterAsOf(colMeetingDate, a.MeetingDate)
	if !r.rejected && a.Senior == Yes && a.Attended != Yes {
		// Kept as recorded: senior counts only with attended yes (SPEC §4.8), and the
		// team should see which of the two is wrong.
		r.warns = append(r.warns, Problem{File: r.file, Sheet: r.sheet, Row: r.line, Column: colSenior.String(),
			Reason: "senior is yes but attended is no: senior counts only when the partner attended", Rule: "senior without attendance", Severity: SevWarning})
	}
	return a
}
