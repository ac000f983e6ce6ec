package sample

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
	"github.com/yjsreport/yjsreport/calendar"
)

// This file writes the extracts about organisations rather than children: the published
// figures the officer compares with (comparators.xlsx) and who came to the board
// (board_attendance.csv).

// comparatorCols are the columns of the officer's comparators workbook.
var comparatorCols = []column{
	{"Indicator", "indicator"}, {"Comparator Group", "comparator"}, {"Quarter", "period"},
	{"Figure", "value"}, {"Data Source", "source"}, {"Copied By", ""},
}

// Comparator groups, as the officer writes them.
const (
	cmpNational = "England and Wales"
	cmpRegion   = "South West"
	cmpFamily   = "YOT family"
)

// published is one headline indicator's published figures: the value for the latest
// period of each comparator (0 = not published for that group), how much higher it was
// each quarter before (national first-time entrants fell, for instance), and where it is
// published.
type published struct {
	label  string // as the officer types it
	name   string // the headline name
	kind   figureKind
	latest [3]float64 // England and Wales, region, YOT family
	step   float64    // the figure one quarter earlier is higher by step
	source string
}

type figureKind int

const (
	figRate      figureKind = iota // a proportion, 0–1
	figFrequency                   // reoffences per child
	figPer100k                     // first-time entrants per 100,000
)

// publishedFigures are plausible figures of the time (youth proven reoffending near 40%
// nationally, first-time entrants near 240 per 100,000 a year and falling); the YJB key
// performance indicators are published nationally and regionally only.
var publishedFigures = []published{
	{"Binary reoffending rate", "binary_reoffending_rate", figRate, [3]float64{0.389, 0.362, 0.347}, -0.001, "MoJ Proven reoffending statistics"},
	{"Frequency rate", "frequency_rate", figFrequency, [3]float64{1.12, 0.98, 0.91}, 0.01, "MoJ Proven reoffending statistics"},
	{"First Time Entrants per 100000", "fte_rate_per_100k", figPer100k, [3]float64{236.4, 212.7, 198.2}, 6.5, "YJB Youth justice statistics"},
	{"Custody share", "custody_share", figRate, [3]float64{0.071, 0.064, 0.059}, 0.001, "YJB Youth justice statistics"},
	{"ETE suitable at end", "ete_suitable_end", figRate, [3]float64{0.662, 0.631, 0}, -0.002, "YJB key performance indicators"},
	{"Accommodation suitable at end", "accommodation_suitable_end", figRate, [3]float64{0.912, 0.897, 0}, -0.001, "YJB key performance indicators"},
	{"SEND suitable ETE with plan", "send_suitable_ete_with_plan", figRate, [3]float64{0.463, 0, 0}, -0.003, "YJB key performance indicators"},
	{"Mental health need met", "mental_health_need_met", figRate, [3]float64{0.541, 0.512, 0}, -0.002, "YJB key performance indicators"},
	{"Substance misuse need met", "substance_misuse_need_met", figRate, [3]float64{0.492, 0.468, 0}, -0.002, "YJB key performance indicators"},
	{"Wider services at end", "wider_services_end", figRate, [3]float64{0.407, 0, 0}, 0.001, ""},
}

// wiggle keeps the published series from being straight lines.
var wiggle = [9]float64{0, 0.6, -0.4, 0.3, -0.2, 0.5, -0.6, 0.2, 0.4}

// wiggle is the size of a quarter's ups and downs for figures of the kind.
func (k figureKind) wiggle() float64 {
	switch k {
	case figFrequency:
		return 0.04
	case figPer100k:
		return 4
	}
	return 0.008
}

// headlineCohort is the reoffending headline cohort of SPEC §4.1 for a report on the
// latest quarter complete by export: the newest of the eight cohorts ending with that
// quarter that is mature (export at least 18 months after its last day).
func headlineCohort(export calendar.Date) (calendar.Quarter, bool) {
	latest := calendar.LatestEndedBy(export)
	for i := 0; i < 8; i++ {
		if q := latest.Add(-i); export >= q.End().AddMonths(18) {
			return q, true
		}
	}
	return calendar.Quarter{}, false
}

// writeComparators writes comparators.xlsx: for each indicator and comparator group the
// eight quarters of the headline series (for reoffending, the cohorts ending with the
// headline cohort, plus one older cohort that is outside the series), the region one
// quarter behind on the needs indicators. England and Wales rates are number cells shown
// as percentages, the region's are typed as text ("36.2%"), the YOT family's are plain
// fractions. Five rows a tool must not take as they are are planted: an exact duplicate, a
// conflicting second figure, a rate above 1 without a % sign, a malformed quarter and an
// indicator that is not a headline.
func (g *generator) writeComparators(create CreateFunc) ([]Fault, error) {
	export := g.w.export
	b, err := newBook(FileComparators, g.saved, "Published comparators")
	if err != nil {
		return nil, err
	}
	pct := "0.0%"
	pctStyle, err := b.f.NewStyle(&excelize.Style{CustomNumFmt: &pct})
	if err != nil {
		return nil, err
	}
	t := &table{file: FileComparators, sheet: "Comparators", cols: comparatorCols,
		build: func(rec any) []any { return rec.([]any) }}
	titles := [][]any{{"Published comparators for the Chief Officer Board — copied " + export.UK()}, nil}
	if t, err = b.table(t, titles, 3, b.date); err != nil {
		return nil, err
	}
	latest := calendar.LatestEndedBy(export)
	cohort, mature := headlineCohort(export)

	var faults []Fault
	groups := []string{cmpNational, cmpRegion, cmpFamily}
	var conflict []any // the region's headline binary rate, copied again from a revision
	for _, p := range publishedFigures {
		end := latest
		if p.name == "binary_reoffending_rate" || p.name == "frequency_rate" {
			if !mature {
				continue
			}
			end = cohort
		}
		for gi, group := range groups {
			v0 := p.latest[gi]
			if v0 == 0 {
				continue
			}
			// k counts quarters back from the series' last one.
			first, last := 7, 0
			switch {
			case gi == 1 && p.source == "YJB key performance indicators":
				last = 1 // the region publishes a quarter later
			case gi == 0 && p.name == "binary_reoffending_rate":
				first = 8 // one older cohort than the series holds
			}
			for k := first; k >= last; k-- {
				q := end.Add(-k)
				v := v0 + p.step*float64(k) + p.kind.wiggle()*wiggle[k]
				row := []any{p.label, group, periodLabel(gi, q), figureCell(gi, p.kind, v, pctStyle), p.sourceFor(gi, q), copier(gi)}
				n, err := t.write(row)
				if err != nil {
					return nil, err
				}
				if gi == 0 && p.name == "fte_rate_per_100k" && k == 2 {
					// the same line pasted twice
					d, err := t.write(row)
					if err != nil {
						return nil, err
					}
					faults = append(faults, Fault{File: FileComparators, Sheet: t.sheet, Row: d, Severity: SevDuplicate,
						What: "exact duplicate of the row above", OrigSheet: t.sheet, OrigRow: n})
				}
				if gi == 1 && p.name == "binary_reoffending_rate" && k == 0 {
					conflict = []any{p.label, group, periodLabel(gi, q), rateText(v + 0.008), p.source + " (revised)", copier(gi)}
				}
			}
		}
	}

	// Rows added at the end by hand.
	bad := []struct {
		row          []any
		column, what string
	}{
		{conflict, "value", "conflicting figure for the same indicator, comparator and period"},
		{[]any{"ETE suitable at end", cmpRegion, periodLabel(1, latest), 64.2, "YJB key performance indicators", copier(1)},
			"value", "a rate above 1 written without %"},
		{[]any{"OOCD completion rate", cmpNational, fmt.Sprintf("%d Q%d", latest.FY, latest.Q), 0.824, "YJB key performance indicators", copier(0)},
			"period", "malformed quarter (no financial year)"},
		{[]any{"Average caseload per worker", cmpNational, latest.Label(), 11.2, "YJB Youth justice statistics", copier(0)},
			"indicator", "indicator that is not a headline"},
	}
	for _, x := range bad {
		if x.row == nil {
			continue // no mature cohort: no conflicting reoffending figure either
		}
		n, err := t.write(x.row)
		if err != nil {
			return nil, err
		}
		c := t.col(x.column)
		faults = append(faults, Fault{File: FileComparators, Sheet: t.sheet, Row: n, Column: x.column,
			Value: t.text(c, x.row[c]), Severity: SevRejected, What: x.what})
	}
	return faults, g.saveBook(create, FileComparators, b)
}

// periodLabel writes a quarter the way each group's table is copied: "2017/18 Q1",
// "2017-18 Q1", "2017/18-q1".
func periodLabel(group int, q calendar.Quarter) string {
	l := q.Label()
	switch group {
	case 1:
		return l[:4] + "-" + l[5:]
	case 2:
		return l[:7] + "-q" + strconv.Itoa(q.Q)
	}
	return l
}

// figureCell writes a figure: England and Wales rates as number cells shown as
// percentages, the region's rates as text, the YOT family's as plain fractions; other
// figures as plain numbers.
func figureCell(group int, kind figureKind, v float64, pctStyle int) any {
	switch kind {
	case figFrequency:
		return round(v, 2)
	case figPer100k:
		return round(v, 1)
	}
	v = round(v, 3)
	switch group {
	case 0:
		return excelize.Cell{StyleID: pctStyle, Value: v}
	case 1:
		return rateText(v)
	}
	return v
}

// rateText writes a rate as a percentage with one decimal ("36.2%").
func rateText(v float64) string { return strconv.FormatFloat(round(v*100, 1), 'f', 1, 64) + "%" }

func round(v float64, places int) float64 {
	p := 1.0
	for range places {
		p *= 10
	}
	return float64(int64(v*p+0.5)) / p
}

func (p published) sourceFor(group int, q calendar.Quarter) string {
	switch {
	case p.source == "":
		return ""
	case group == 2:
		return "YJB YOT family comparison"
	case p.source == "YJB Youth justice statistics":
		return fmt.Sprintf("%s %d/%02d", p.source, q.FY, (q.FY+1)%100)
	}
	return p.source
}

func copier(group int) string {
	return []string{"Performance team", "Performance team", "Business support"}[group]
}

// boardCols are the columns of the board secretary's attendance log.
var boardCols = []column{
	{"Board Date", "meeting_date"}, {"Partner Agency", "partner"}, {"Attendee Role", ""},
	{"Present", "attended"}, {"Senior Attendee", "senior"},
}

// boardPartner is a statutory partner with its chance of attending a meeting and of
// sending someone senior when it does. Education sends someone half the time, below the
// board's expectation every quarter.
type boardPartner struct {
	name           string
	attend, senior float64
	seniorRole     string
	deputyRole     string
}

var boardPartners = []boardPartner{
	{"Police", 0.92, 0.85, "Superintendent", "Inspector"},
	{"Children's Social Care", 0.90, 0.85, "Director of Children's Services", "Service Manager"},
	{"Education", 0.55, 0.55, "Head of Inclusion", "Education Welfare Officer"},
	{"Health", 0.80, 0.75, "Designated Nurse", "Named Nurse"},
	{"Probation", 0.90, 0.90, "Head of Probation Delivery Unit", "Senior Probation Officer"},
	{"Housing", 0.72, 0.70, "Head of Housing Options", "Housing Officer"},
}

// boardStream is the second word of the PCG seeding board attendance.
const boardStream = 0x42_6f_61_72_64_41_74_74

// boardMeetings returns the board's meetings from start to export: every other month
// (February, April, June, August, October, December), on the second Tuesday.
func boardMeetings(start, export calendar.Date) []calendar.Date {
	var out []calendar.Date
	y, m, _ := start.YMD()
	if m%2 == 1 {
		m++ // December + 1 does not arise: 12 is even
	}
	for {
		d := calendar.New(y, m, 1)
		for d.Weekday() != time.Tuesday {
			d++
		}
		d += 7
		if d > export {
			return out
		}
		if d >= start {
			out = append(out, d)
		}
		if m += 2; m > 12 {
			m -= 12
			y++
		}
	}
}

// writeAttendance writes board_attendance.csv: one row per partner per meeting, dates
// typed as "12 Jun 2018", with a row whose attendance reads "Maybe", an invalid seniority,
// a row entered twice, and the next meeting's first row filled in ahead of time.
func (g *generator) writeAttendance(create CreateFunc) ([]Fault, error) {
	out, err := create(FileBoard)
	if err != nil {
		return nil, err
	}
	cf, err := newCSV(out, false)
	if err != nil {
		_ = out.Close()
		return nil, err
	}
	t := cf.table(&table{file: FileBoard, cols: boardCols,
		dateText: func(_ int, d calendar.Date) string { return d.Time().Format("2 Jan 2006") }})
	k := rand.New(rand.NewPCG(g.opt.Seed, boardStream))
	meetings := boardMeetings(g.w.start, g.w.export)
	var faults []Fault
	fail := func(err error) ([]Fault, error) { _ = out.Close(); return nil, err }
	if _, err := t.write(t.headers()); err != nil {
		return fail(err)
	}
	fault := func(n int, column, value, severity, what string) {
		faults = append(faults, Fault{File: FileBoard, Row: n, Column: column, Value: value, Severity: severity, What: what})
	}
	for mi, d := range meetings {
		for pi, p := range boardPartners {
			row := []any{d, p.name, "", "No", ""}
			if k.Float64() < p.attend {
				row[3] = "Yes"
				if k.Float64() < p.senior {
					row[2], row[4] = p.seniorRole, "Yes"
				} else {
					row[2], row[4] = p.deputyRole, "No"
				}
			}
			switch {
			case mi == len(meetings)/3 && pi == 5:
				row[3] = "Maybe"
			case mi == len(meetings)/2 && pi == 3:
				row[2], row[3], row[4] = p.deputyRole, "Yes", "Deputy"
			}
			n, err := t.write(row)
			if err != nil {
				return fail(err)
			}
			switch {
			case row[3] == "Maybe":
				fault(n, "attended", "Maybe", SevRejected, "attendance is not yes or no")
			case row[4] == "Deputy":
				fault(n, "senior", "Deputy", SevWarning, "seniority is not yes or no: treated as blank")
			case mi == 2*len(meetings)/3 && pi == 0:
				d, err := t.write(row)
				if err != nil {
					return fail(err)
				}
				faults = append(faults, Fault{File: FileBoard, Row: d, Severity: SevDuplicate,
					What: "exact duplicate of the row above", OrigRow: n})
			}
		}
	}
	// The next meeting's first row, filled in before it took place.
	next := boardMeetings(g.w.export, g.w.export.AddMonths(3))
	if len(next) > 0 {
		p := boardPartners[0]
		n, err := t.write([]any{next[0], p.name, p.seniorRole, "Yes", "Yes"})
		if err != nil {
			return fail(err)
		}
		fault(n, "meeting_date", t.text(0, next[0]), SevRejected, "meeting date after the export date")
	}
	if err := cf.close(); err != nil {
		return fail(err)
	}
	return faults, out.Close()
}
