package ingest

import (
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/ingest/sheet"
)

// memRows is an in-memory sheet.Rows: row i is on line i+1 unless lines says otherwise.
type memRows struct {
	rows  [][]string
	lines []int
	i     int
}

func (m *memRows) Next() bool      { m.i++; return m.i <= len(m.rows) }
func (m *memRows) Cells() []string { return m.rows[m.i-1] }
func (m *memRows) Err() error      { return nil }
func (m *memRows) Close() error    { return nil }
func (m *memRows) Line() int {
	if m.lines != nil {
		return m.lines[m.i-1]
	}
	return m.i
}

// split turns "a,b,,c" into cells; tests never need a comma inside a cell.
func split(line string) []string {
	if line == "" {
		return nil
	}
	return strings.Split(line, ",")
}

// textSheet is a CSV-like sheet (not Excel) named name, one comma-separated line per row.
func textSheet(name string, lines ...string) sheet.Sheet {
	rows := make([][]string, len(lines))
	for i, l := range lines {
		rows[i] = split(l)
	}
	return rowsSheet(name, false, rows)
}

func rowsSheet(name string, excel bool, rows [][]string) sheet.Sheet {
	return sheet.Sheet{Name: name, Excel: excel, Open: func() (sheet.Rows, error) {
		return &memRows{rows: rows}, nil
	}}
}

// memFile is a file of in-memory sheets.
type memFile struct {
	name   string
	sheets []sheet.Sheet
}

// readMem decodes and merges in-memory files the way ReadDir does, without the folder.
func readMem(opt Options, files ...memFile) (*Dataset, error) {
	dc, err := newDecoder(opt)
	if err != nil {
		return nil, err
	}
	return readMemOpt(dc, opt, files...)
}

// readMemWith is readMem with a decoder made once, for fuzzing.
func readMemWith(dc *decoder, files ...memFile) (*Dataset, error) {
	return readMemOpt(dc, Options{}, files...)
}

// readMemOpt is readMemWith with the options of the merge (the problem sink and cap).
func readMemOpt(dc *decoder, opt Options, files ...memFile) (*Dataset, error) {
	m := newMerger(opt)
	for _, f := range files {
		fr, err := dc.decodeSheets(f.name, "sha-"+f.name, f.sheets)
		if err != nil {
			return nil, err
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

// mustRead is readMem failing the test on error.
func mustRead(t *testing.T, opt Options, files ...memFile) *Dataset {
	t.Helper()
	ds, err := readMem(opt, files...)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return ds
}

// asOf is the as-of date of the tests, as in the worked example.
var asOf = calendar.New(2019, 1, 31)

func d(y, m, dd int) calendar.Date { return calendar.New(y, m, dd) }

// A good row of each kind, and its header. Ages are worked out in each test that depends on
// them.
const (
	dispHeader = "child_id,date_of_birth,offence_date,outcome_date,outcome_type,gender,ethnicity,locality,offence_category,gravity_score,breach,release_date"
	// Born 15/06/2002, so 15 on the outcome date 04/04/2018.
	dispGood = "1001,15/06/2002,01/03/2018,04/04/2018,Referral Order,Male,White,North,robbery,5,no,"

	eteHeader = "child_id,date_of_birth,intervention_type,intervention_start,intervention_end,ete_suitable_start,ete_suitable_end,hours_offered_start,hours_attended_start,hours_offered_end,hours_attended_end,provision_start,provision_end,locality"
	// Born 15/06/2002, so 15 on the start date 01/05/2018.
	eteGood = "1001,15/06/2002,YRO,01/05/2018,30/11/2018,Unsuitable,Suitable,0,0,25,20,None,School,North"

	oocdHeader = "child_id,date_of_birth,outcome_type,referral_date,assessment_date,decision_date,intervention_start,intervention_end,completion,at_panel,victim_identified,victim_views_sought,locality"
	// Born 15/06/2004, so 13 on the referral date 01/03/2018.
	oocdGood = "2001,15/06/2004,YC,01/03/2018,08/03/2018,20/03/2018,26/03/2018,30/06/2018,Completed,yes,yes,no,South"

	victimHeader = "victim_id,child_id,closure_date,consented_to_contact,views_sought,rj_offered,rj_engaged"
	victimGood   = "V1,1001,30/11/2018,yes,yes,yes,yes"

	planHeader = "recommendation,action,owner,due_date,rag,progress"
	planGood   = "Reduce FTE,Extend prevention offer,Head of Service,30/06/2019,Amber,Started"
)

// with returns row with the value of column name (per header) replaced by v.
func with(header, row, name, v string) string {
	h := split(header)
	cells := split(row)
	for len(cells) < len(h) {
		cells = append(cells, "")
	}
	for i, c := range h {
		if c == name {
			cells[i] = v
			return strings.Join(cells, ",")
		}
	}
	panic("no column " + name)
}
