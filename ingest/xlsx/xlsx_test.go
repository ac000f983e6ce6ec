package xlsx

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/richardlehane/mscfb"

	"github.com/yjsreport/yjsreport/ingest/sheet"
)

type wantRow struct {
	line  int
	cells []string
}

type wantSheet struct {
	name     string
	hidden   bool
	date1904 bool
	rows     []wantRow // nil: rows not checked; use nrows
	nrows    int
}

// readAll reads every row of a sheet, copying cells (Rows may reuse the slice).
func readAll(t *testing.T, s sheet.Sheet) ([]wantRow, error) {
	t.Helper()
	rs, err := s.Open()
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var got []wantRow
	for rs.Next() {
		got = append(got, wantRow{rs.Line(), append([]string(nil), rs.Cells()...)})
	}
	return got, rs.Err()
}

func openFile(t *testing.T, name string, lim sheet.Limits) ([]sheet.Sheet, error) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return Open(bytes.NewReader(b), int64(len(b)), lim)
}

func TestOpenCorpus(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		want    []wantSheet
		wantErr error
	}{
		{
			name: "excel-like workbook: every cell type, gaps, hidden sheets, 1904 dates",
			file: "excel-like.xlsx",
			want: []wantSheet{
				{name: "Data & Notes", date1904: true, rows: []wantRow{
					{1, []string{"child_id", "outcome_date", "locality", "notes"}},
					// rich text runs concatenated, phonetic run dropped; a date is its serial;
					// str and plain formulas give their cached values; booleans 1/0.
					{2, []string{"Zoë Smith", "43101", "Leeds & Bradford", "ZOË SMITH", "43102", "1", "0"}},
					// row 3 absent; B4 absent and D4 a styled empty cell read as "".
					{4, []string{"#REF!", "", "2018-01-01T00:00:00", "", "", "-0.1199"}},
					// row 5 has only empty cells (an empty shared string): not returned.
					{6, []string{` a & b <c> "q" AB `, "line one\r\nline two", "_x000D_ literal"}},
					// a row without r follows row 6; cells without r follow the previous cell.
					{7, []string{"1", "2", "", "", "5", "6"}},
					// inline rich text, CDATA, a literal CR LF normalised to LF as XML requires.
					{8, []string{"", "inline", "a<b", "x\ny"}},
				}},
				{name: "Lookup", hidden: true, date1904: true, rows: []wantRow{{1, []string{"prefixed", "7"}}}},
				{name: "Secret", hidden: true, date1904: true, rows: []wantRow{}},
			},
		},
		{
			name: "excelize-written workbook: shared strings, rich text, formula without cached value",
			file: "excelize.xlsx",
			want: []wantSheet{
				{name: "Outcomes", date1904: true, rows: []wantRow{
					{1, []string{"child_id", "outcome_date", "breach", "gravity_score"}},
					{2, []string{"YJ1", "41639", "1", "3.5"}},
					{4, []string{"YJ2"}}, // D4 = D2*2 was never calculated: no cached value
					{5, []string{"YJ3", "", "Zoë"}},
				}},
				{name: "Lookup", hidden: true, date1904: true, rows: []wantRow{{1, []string{"x"}}}},
			},
		},
		{
			name: "Excel-written workbook: rich-text shared string",
			file: "excel-sharedstrings.xlsx",
			want: []wantSheet{
				{name: "Sheet1", rows: []wantRow{{1, []string{"A"}}}},
				{name: "Sheet2", rows: []wantRow{{1, []string{"Test Weight (Kgs)"}}}},
			},
		},
		{
			// The worked example's files are written with inline strings (openpyxl style) and
			// an absolute relationship target (/xl/worksheets/sheet1.xml). 79 <row> elements.
			name: "openpyxl-written workbook: inline strings",
			file: "openpyxl-inline.xlsx",
			want: []wantSheet{{name: "Victims", nrows: 79, rows: nil}},
		},
		{name: "empty file is not an xlsx", file: "empty.xlsx", wantErr: ErrNotXLSX},
		{name: "CSV renamed .xlsx is not an xlsx", file: "csv-renamed.xlsx", wantErr: ErrNotXLSX},
		{name: "truncated zip is corrupt", file: "truncated.xlsx", wantErr: ErrCorrupt},
		{name: "password-protected workbook is encrypted", file: "encrypted.xlsx", wantErr: ErrEncrypted},
		{name: "Excel 97-2003 workbook is legacy xls", file: "legacy.xls", wantErr: ErrLegacyXLS},
		{name: "OLE file that is no workbook is not an xlsx", file: "ole-document.xlsx", wantErr: ErrNotXLSX},
		{name: "zip without a workbook part is corrupt", file: "no-workbook.xlsx", wantErr: ErrCorrupt},
		{name: "OpenDocument spreadsheet is not an xlsx", file: "ods-renamed.xlsx", wantErr: ErrNotXLSX},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sheets, err := openFile(t, tt.file, sheet.DefaultLimits)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				t.Logf("%s: %v", tt.file, err)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(sheets) != len(tt.want) {
				t.Fatalf("got %d sheets, want %d", len(sheets), len(tt.want))
			}
			for i, w := range tt.want {
				s := sheets[i]
				if s.Name != w.name || s.Hidden != w.hidden || s.Date1904 != w.date1904 || !s.Excel {
					t.Errorf("sheet %d = {%q hidden=%v 1904=%v excel=%v}, want {%q %v %v true}",
						i, s.Name, s.Hidden, s.Date1904, s.Excel, w.name, w.hidden, w.date1904)
				}
				got, err := readAll(t, s)
				if err != nil {
					t.Fatalf("sheet %q: %v", s.Name, err)
				}
				if w.rows == nil {
					if len(got) != w.nrows {
						t.Errorf("sheet %q: %d rows, want %d", s.Name, len(got), w.nrows)
					}
					continue
				}
				if len(got) == 0 {
					got = []wantRow{}
				}
				if !reflect.DeepEqual(got, w.rows) {
					t.Errorf("sheet %q rows:\n got %+v\nwant %+v", s.Name, got, w.rows)
				}
			}
		})
	}
}

func TestOpenpyxlInlineFirstRows(t *testing.T) {
	// Cells as written in the file's XML (row 2: A2..E2, F and G absent).
	sheets, err := openFile(t, "openpyxl-inline.xlsx", sheet.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := readAll(t, sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	want := []wantRow{
		{1, []string{"victim_id", "child_id", "closure_date", "consented_to_contact", "views_sought", "rj_offered", "rj_engaged"}},
		{2, []string{"V500000", "YJ1000009", "42256", "No", "No"}},
	}
	if !reflect.DeepEqual(got[:2], want) {
		t.Errorf("got %+v, want %+v", got[:2], want)
	}
}

func TestSheetsReopen(t *testing.T) {
	// A sheet can be read twice (e.g. once to find its header, once to decode it).
	sheets, err := openFile(t, "excel-like.xlsx", sheet.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	a, err1 := readAll(t, sheets[0])
	b, err2 := readAll(t, sheets[0])
	if err1 != nil || err2 != nil || !reflect.DeepEqual(a, b) || len(a) != 6 {
		t.Errorf("second read differs: %v %v\n%+v\n%+v", err1, err2, a, b)
	}
}

func TestCompoundFileGeneratorIsValid(t *testing.T) {
	// The synthetic OLE file must be one a real CFB reader accepts, or the
	// "not a workbook" test would only test the generator against itself.
	doc, err := mscfb.New(bytes.NewReader(compoundFile([]string{"WordDocument", "1Table"})))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for f, err := doc.Next(); err == nil; f, err = doc.Next() {
		names = append(names, f.Name)
	}
	if !reflect.DeepEqual(names, []string{"WordDocument", "1Table"}) {
		t.Errorf("mscfb sees %q", names)
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		head []byte
		want Format
	}{
		{"zip local header is a zip", []byte("PK\x03\x04\x14\x00"), XLSXZip},
		{"empty zip is a zip", []byte("PK\x05\x06"), XLSXZip},
		{"OLE signature is OLE", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0}, OLE},
		{"CSV is text", []byte("child_id,dob\r\nYJ1,01/01/2005\n"), Text},
		{"Windows-1252 CSV is text", []byte("name\nZo\xeb \xa3\n"), Text},
		{"UTF-8 BOM CSV is text", []byte("\xef\xbb\xbfa,b\n"), Text},
		{"UTF-16 with BOM is text", []byte{0xFF, 0xFE, 'a', 0, ',', 0}, Text},
		{"empty is text", nil, Text},
		{"NUL bytes are binary", []byte("a\x00b"), Binary},
		{"PDF-ish binary is binary", []byte("%PDF-1.7\n\x01\x02\x03"), Binary},
	}
	for _, tt := range tests {
		if got := Sniff(tt.head); got != tt.want {
			t.Errorf("%s: Sniff = %v, want %v", tt.name, got, tt.want)
		}
	}
}
