package csv

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/ingest/sheet"
)

type row struct {
	line  int
	cells []string
}

// readAll opens data as a CSV and reads every row, copying cells (Rows reuses the slice).
// It returns the rows read before any error.
func readAll(t *testing.T, data []byte, lim sheet.Limits) ([]row, error) {
	t.Helper()
	s, err := Open(bytes.NewReader(data), int64(len(data)), lim)
	if err != nil {
		return nil, err
	}
	if s.Name != "" || s.Excel || s.Hidden {
		t.Errorf("sheet = %+v, want Name \"\", not Excel, not hidden", s)
	}
	rs, err := s.Open()
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var got []row
	for rs.Next() {
		got = append(got, row{rs.Line(), append([]string(nil), rs.Cells()...)})
	}
	return got, rs.Err()
}

func TestCorpus(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		want    []row
		wantErr error
		errText string // part of the message
	}{
		{name: "UTF-8 with BOM: BOM stripped, multi-byte kept", file: "utf8-bom.csv", want: []row{
			{1, []string{"child_id", "locality"}}, {2, []string{"YJ1", "Zoë Town"}}, {3, []string{"YJ2", "£ €"}}}},
		{name: "UTF-8 without BOM", file: "utf8.csv", want: []row{
			{1, []string{"child_id", "locality"}}, {2, []string{"YJ1", "Zoë Town"}}}},
		// 0xEB ë, 0xA3 £, 0x80 €, 0x93 “, 0x94 ”, 0x92 ’ in Windows-1252.
		{name: "not valid UTF-8 is read as Windows-1252", file: "windows-1252.csv", want: []row{
			{1, []string{"name", "amount", "note"}}, {2, []string{"Zoë", "£1,000", "€ 5 “quoted” it’s"}}}},
		{name: "lone CR ends lines", file: "lone-cr.csv", want: []row{
			{1, []string{"a", "b"}}, {2, []string{"YJ1", "1"}}, {3, []string{"YJ2", "2"}}}},
		{name: "CRLF, LF and CR mixed; no final line end", file: "mixed-line-ends.csv", want: []row{
			{1, []string{"a", "b"}}, {2, []string{"YJ1", "1"}}, {3, []string{"YJ2", "2"}}, {4, []string{"YJ3", "3"}}}},
		{name: "semicolon header without commas is semicolon-delimited", file: "semicolon.csv", want: []row{
			{1, []string{"child_id", "amount", "note"}}, {2, []string{"YJ1", "1,5", "a;b"}}}},
		{name: "tab header without commas is tab-delimited", file: "tab.csv", want: []row{
			{1, []string{"child_id", "amount"}}, {2, []string{"YJ1", "2"}}}},
		// Rows as a spreadsheet shows them: the two-line cell is row 2, the empty line row 3.
		{name: "quoted newlines, doubled quotes, bare quotes; Line is the spreadsheet row", file: "multiline.csv", want: []row{
			{1, []string{"id", "note"}}, {2, []string{"1", "first line\nsecond line"}},
			{4, []string{"2", `say "hi"`}}, {5, []string{"3", `5'10"`}}}},
		{name: "ragged rows are kept as they are", file: "ragged.csv", want: []row{
			{1, []string{"a", "b", "c"}}, {2, []string{"1"}}, {3, []string{"1", "2", "3", "4"}}, {4, []string{"", "", ""}}}},
		{name: "a quote that never closes is an error naming its row", file: "unbalanced-quote.csv",
			want:    []row{{1, []string{"id", "note"}}, {2, []string{"1", "ok"}}},
			wantErr: ErrQuote, errText: "row 3: a quoted field never closes"},
		{name: "text after a closing quote is an error naming the row", file: "stray-quote.csv",
			want:    []row{{1, []string{"id", "note"}}},
			wantErr: ErrQuote, errText: `row 2: a quoted field closes on line 2 but 'c' follows the quote`},
		{name: "NUL bytes are refused naming the line", file: "nul.csv", wantErr: ErrNotText, errText: "line 3 contains NUL bytes"},
		{name: "UTF-16 is refused", file: "utf16.csv", wantErr: ErrNotText, errText: "UTF-16"},
		{name: "an xlsx renamed .csv is refused", file: "xlsx-renamed.csv", wantErr: ErrNotText},
		{name: "an empty file has no rows", file: "empty.csv", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := readAll(t, data, sheet.DefaultLimits)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), tt.errText) {
				t.Errorf("err = %q, want it to contain %q", err, tt.errText)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("rows:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestLimits(t *testing.T) {
	lim := sheet.Limits{MaxRows: 3, MaxColumns: 3, MaxCellBytes: 5, MaxRowBytes: 5}
	tests := []struct {
		name    string
		data    string
		wantErr error
	}{
		{"rows up to MaxRows are read", "a\nb\nc\n", nil},
		{"a row past MaxRows is too large", "a\nb\nc\nd\n", ErrTooLarge},
		{"empty lines do not count toward MaxRows", "a\n\n\n\nb\n\r\nc\n", nil},
		{"fields up to MaxColumns are read", "a,b,c\n", nil},
		{"a field past MaxColumns is dropped, not an error (TestColumnLimit)", "a,b,c,d\n", nil},
		{"a cell of MaxCellBytes is read", "12345\n\"12345\"\n", nil},
		{"an unquoted cell over MaxCellBytes is too large", "123456\n", ErrTooLarge},
		{"a quoted cell over MaxCellBytes is too large", "\"12345\n\"\n", ErrTooLarge},
		{"an unclosed quote in a big file stops at the cell limit", "id\n\"" + strings.Repeat("x\n", 1<<20), ErrTooLarge},
		{"a million empty fields are read up to the limit", strings.Repeat(",", 1_000_000), nil},
		{"a row of MaxRowBytes is read", "1234,5\n", nil},
		{"a row over MaxRowBytes is too large", "1234,56\n", ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAll(t, []byte(tt.data), lim)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

// TestEncodingAcrossChunks: the UTF-8 check must not be fooled by a multi-byte character
// split across the 64 KiB read chunks, nor miss an invalid byte far into the file.
func TestEncodingAcrossChunks(t *testing.T) {
	pad := strings.Repeat("a", 64<<10-1) // "ë" (2 bytes) then straddles the chunk boundary
	got, err := readAll(t, []byte("h\n"+pad[2:]+"ë\n"), sheet.Limits{})
	if err != nil || len(got) != 2 || got[1].cells[0] != pad[2:]+"ë" {
		t.Fatalf("split character: err %v, rows %d", err, len(got))
	}
	got, err = readAll(t, []byte("h\n"+strings.Repeat("aaaa\n", 50_000)+"\xe9\n"), sheet.Limits{})
	if err != nil || len(got) != 50_002 || got[50_001].cells[0] != "é" {
		t.Fatalf("late Windows-1252 byte: err %v, rows %+v", err, len(got))
	}
	// A file ending inside a UTF-8 sequence is not valid UTF-8: read as Windows-1252.
	got, err = readAll(t, []byte("a\n\xc3"), sheet.Limits{})
	if err != nil || len(got) != 2 || got[1].cells[0] != "Ã" {
		t.Fatalf("truncated sequence: err %v, rows %+v", err, got)
	}
}

func TestReopen(t *testing.T) {
	data := []byte("a,b\n1,2\n")
	s, err := Open(bytes.NewReader(data), int64(len(data)), sheet.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		rs, _ := s.Open()
		n := 0
		for rs.Next() {
			n++
		}
		if n != 2 || rs.Err() != nil {
			t.Fatalf("read %d rows, err %v", n, rs.Err())
		}
	}
}
