package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/ingest/sheet"
	"github.com/yjsreport/yjsreport/ingest/xlsx"
)

// How what the readers report (sheet notes, row warnings) becomes Problems.

// zpart is one part of a hand-built package; body writes its content.
type zpart struct {
	name string
	body func(io.Writer)
}

func text(s string) func(io.Writer) { return func(w io.Writer) { io.WriteString(w, s) } }

const relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

// workbookZParts lays out a package of one sheet per body, named sheets[i] ("Data",
// "Data2", …) with parts xl/worksheets/sheet<i+1>.xml, and a shared-string table when sst is
// not nil. Each body writes the sheet's <sheetData> content.
func workbookZParts(sst func(io.Writer), bodies ...func(io.Writer)) []zpart {
	var wb, rels strings.Builder
	wb.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="` + relNS + `"><sheets>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	parts := []zpart{
		{"[Content_Types].xml", text(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`)},
		{"_rels/.rels", text(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + relNS + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`)},
	}
	for i, body := range bodies {
		name := "Data"
		if i > 0 {
			name += fmt.Sprint(i + 1)
		}
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, name, i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, relNS, i+1)
		parts = append(parts, zpart{fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), func(w io.Writer) {
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
			body(w)
			io.WriteString(w, `</sheetData></worksheet>`)
		}})
	}
	wb.WriteString(`</sheets></workbook>`)
	if sst != nil {
		rels.WriteString(`<Relationship Id="rIdS" Type="` + relNS + `/sharedStrings" Target="sharedStrings.xml"/>`)
		parts = append(parts, zpart{"xl/sharedStrings.xml", sst})
	}
	rels.WriteString(`</Relationships>`)
	return append(parts, zpart{"xl/workbook.xml", text(wb.String())}, zpart{"xl/_rels/workbook.xml.rels", text(rels.String())})
}

// zipTo writes parts as a zip package to w.
func zipTo(t *testing.T, w io.Writer, parts []zpart) {
	t.Helper()
	zw := zip.NewWriter(w)
	for _, p := range parts {
		pw, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		p.body(pw)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

func zipBytes(t *testing.T, parts []zpart) []byte {
	var b bytes.Buffer
	zipTo(t, &b, parts)
	return b.Bytes()
}

// replacePart returns parts with the named part's content replaced.
func replacePart(parts []zpart, name string, body func(io.Writer)) []zpart {
	out := append([]zpart(nil), parts...)
	for i := range out {
		if out[i].name == name {
			out[i].body = body
		}
	}
	return out
}

// fileProblems is "row column rule severity" for each problem of a file.
func fileProblems(ds *Dataset, file string) []string {
	var out []string
	for _, p := range ds.Problems {
		if p.File == file {
			out = append(out, fmt.Sprintf("%d %s %s %s", p.Row, p.Column, p.Rule, p.Severity))
		}
	}
	return out
}

func TestReaderWarningsBecomeProblems(t *testing.T) {
	dispCols := split(dispHeader)
	// row writes a disposals row: dispGood with child_id id, its cells inline strings, and
	// extra cells (raw XML with their r) appended.
	row := func(line int, id string, extra ...string) string {
		cells := split(with(dispHeader, dispGood, "child_id", id))
		var b strings.Builder
		fmt.Fprintf(&b, `<row r="%d">`, line)
		for i, v := range cells {
			if v != "" {
				fmt.Fprintf(&b, `<c r="%c%d" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+i, line, v)
			}
		}
		b.WriteString(strings.Join(extra, ""))
		b.WriteString(`</row>`)
		return b.String()
	}
	header := func() string {
		var b strings.Builder
		b.WriteString(`<row r="1">`)
		for i, v := range dispCols {
			fmt.Fprintf(&b, `<c r="%c1" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+i, v)
		}
		b.WriteString(`</row>`)
		return b.String()
	}()

	tests := []struct {
		name     string
		file     string
		data     []byte
		input    Input // counts only
		problems []string
		reason   string // part of the reason of the first problem, when set
	}{
		{
			name: "a formula never calculated in an optional column: the row is kept with a warning naming the column",
			file: "f.xlsx",
			data: zipBytes(t, workbookZParts(nil, text(header+
				strings.Replace(row(2, "1001"), `<c r="H2" t="inlineStr"><is><t>North</t></is></c>`, `<c r="H2"><f>Lookup!A1</f></c>`, 1)))),
			input:    Input{Read: 1, Accepted: 1, Warnings: 1},
			problems: []string{"2 locality formula not calculated warning"},
			reason:   "cell H2 holds a formula with no calculated value, read as blank: open and save the file in Excel to calculate it",
		},
		{
			name: "a formula never calculated in a required column: the rejection says why the value is blank",
			file: "f.xlsx",
			data: zipBytes(t, workbookZParts(nil, text(header+
				strings.Replace(row(2, "1001"), `<c r="C2" t="inlineStr"><is><t>01/03/2018</t></is></c>`, `<c r="C2"><f>TODAY()</f></c>`, 1)))),
			input:    Input{Read: 1, Rejected: 1},
			problems: []string{"2 offence_date required value blank rejected"},
			reason:   "required value is blank (cell C2 holds a formula with no calculated value",
		},
		{
			name:     "a formula never calculated outside the extract's columns: a warning naming the column by its letters",
			file:     "f.xlsx",
			data:     zipBytes(t, workbookZParts(nil, text(header+row(2, "1001", `<c r="P2"><f>1+1</f></c>`)))),
			input:    Input{Read: 1, Accepted: 1, Warnings: 1},
			problems: []string{"2 P formula not calculated warning"},
		},
		{
			name:     "a row of formulas never calculated is blank, not read, and noted",
			file:     "f.xlsx",
			data:     zipBytes(t, workbookZParts(nil, text(header+row(2, "1001")+`<row r="3"><c r="A3"><f>A2</f></c></row>`+row(4, "1002")))),
			input:    Input{Read: 2, Accepted: 2},
			problems: []string{"3 child_id formula not calculated note"},
		},
		{
			name:     "a row of formulas never calculated after the last row is noted too",
			file:     "f.xlsx",
			data:     zipBytes(t, workbookZParts(nil, text(header+row(2, "1001")+`<row r="9"><c r="B9"><f>A2</f></c></row>`))),
			input:    Input{Read: 1, Accepted: 1},
			problems: []string{"9 date_of_birth formula not calculated note"},
		},
		{
			name:     "a stray value in column XFD of a data row is ignored (Excel's last column is read)",
			file:     "f.xlsx",
			data:     zipBytes(t, workbookZParts(nil, text(header+row(2, "1001", `<c r="XFD2" t="inlineStr"><is><t>note</t></is></c>`)))),
			input:    Input{Read: 1, Accepted: 1},
			problems: nil,
		},
		{
			name:     "a CSV value past the last column read, in a data row: kept row, warning naming the cell",
			file:     "f.csv",
			data:     []byte(dispHeader + "\n" + dispGood + strings.Repeat(",", 16_384-11) + "note\n"), // dispGood ends in column L (index 11)
			input:    Input{Read: 1, Accepted: 1, Warnings: 1},
			problems: []string{"2 XFE value past the column limit warning"},
			reason:   "the value in cell XFE2 was ignored: it is past the last column read (XFD)",
		},
		{
			name:     "a UTF-8 CSV with one Windows-1252 line: the line read as Windows-1252, a warning naming it",
			file:     "f.csv",
			data:     []byte(dispHeader + "\n" + with(dispHeader, dispGood, "locality", "Tŷ Newydd") + "\n" + with(dispHeader, with(dispHeader, dispGood, "child_id", "1002"), "locality", "Caf\xe9 Quarter") + "\n"),
			input:    Input{Read: 2, Accepted: 2, Warnings: 1},
			problems: []string{"3 locality line not UTF-8, read as Windows-1252 warning"},
			reason:   "line 3 of the file is not valid UTF-8, so it was read as Windows-1252",
		},
		{
			name:     "a plainly Windows-1252 CSV: one note for the file",
			file:     "f.csv",
			data:     []byte(dispHeader + "\n" + with(dispHeader, dispGood, "locality", "Caf\xe9 Quarter") + "\n"),
			input:    Input{Read: 1, Accepted: 1},
			problems: []string{"0  read as Windows-1252 note"},
			reason:   "the file is not UTF-8, so it was read as Windows-1252",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := ReadFile(tt.file, bytes.NewReader(tt.data), int64(len(tt.data)), Options{AsOf: asOf})
			if err != nil {
				t.Fatal(err)
			}
			if len(ds.Inputs) != 1 {
				t.Fatalf("inputs %+v", ds.Inputs)
			}
			in := ds.Inputs[0]
			got := Input{Read: in.Read, Accepted: in.Accepted, Rejected: in.Rejected, Duplicates: in.Duplicates, Warnings: in.Warnings}
			if !reflect.DeepEqual(got, tt.input) {
				t.Errorf("counts %+v, want %+v", got, tt.input)
			}
			if probs := fileProblems(ds, tt.file); !reflect.DeepEqual(probs, tt.problems) {
				t.Errorf("problems %q, want %q", probs, tt.problems)
			}
			if tt.reason != "" && (len(ds.Problems) == 0 || !strings.Contains(ds.Problems[0].Reason, tt.reason)) {
				t.Errorf("problems %+v, want the first to say %q", ds.Problems, tt.reason)
			}
		})
	}
}

func TestHeaderRowValuesPastTheLastColumn(t *testing.T) {
	tests := []struct {
		name, file string
		data       []byte
	}{
		{"CSV", "f.csv", []byte(dispHeader + strings.Repeat(",", 16_384) + "notes\n" + dispGood + "\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadFile(tt.file, bytes.NewReader(tt.data), int64(len(tt.data)), Options{AsOf: asOf})
			var fe *FileError
			if !errors.As(err, &fe) || fe.File != tt.file || !strings.Contains(err.Error(), "header row 1 has values past the last column read") ||
				!strings.Contains(fe.Hint, "stray values") {
				t.Fatalf("err = %v, want a FileError naming the header row", err)
			}
		})
	}
}

// TestFallbackThroughIngest: a workbook this reader refuses part-way (a DOCTYPE in a
// worksheet, found when it is read) is read whole by the fallback reader, with a note.
func TestFallbackThroughIngest(t *testing.T) {
	good := split(with(dispHeader, dispGood, "locality", "Zoë Town"))
	cells := func(line int, vals []string) string {
		var b strings.Builder
		fmt.Fprintf(&b, `<row r="%d">`, line)
		for i, v := range vals {
			if v != "" {
				fmt.Fprintf(&b, `<c r="%c%d" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+i, line, v)
			}
		}
		b.WriteString(`</row>`)
		return b.String()
	}
	body := cells(1, split(dispHeader)) + cells(2, good)
	parts := workbookZParts(nil, text(body), text(body))
	// The second sheet's part has a DOCTYPE: this reader reads the first sheet, then stops.
	parts = replacePart(parts, "xl/worksheets/sheet2.xml", text(`<?xml version="1.0"?><!DOCTYPE worksheet><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+body+`</sheetData></worksheet>`))
	data := zipBytes(t, parts)
	ds, err := ReadFile("f.xlsx", bytes.NewReader(data), int64(len(data)), Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Inputs) != 2 || ds.Inputs[0].Accepted != 1 || ds.Inputs[1].Duplicates != 1 || len(ds.Disposals) != 1 || ds.Disposals[0].Locality != "Zoë Town" {
		t.Fatalf("inputs %+v disposals %+v", ds.Inputs, ds.Disposals)
	}
	want := []string{"0  read by the fallback reader note", "0  read by the fallback reader note", "2  duplicate row duplicate"}
	if got := fileProblems(ds, "f.xlsx"); !reflect.DeepEqual(got, want) {
		t.Errorf("problems %q, want %q", got, want)
	}
	if want := `read by the fallback reader (excelize), because the workbook is written in a way this reader does not read: sheet "Data2": it holds a document type declaration (DOCTYPE), which Excel never writes`; ds.Problems[0].Reason != want {
		t.Errorf("note %q does not say why", ds.Problems[0].Reason)
	}
}

// TestWorkbookLimitIsTheFiles: the sheets of a workbook are read at once, so which one passes
// a limit on the whole workbook first depends on timing; the error names the file, never a
// sheet or row, so that the same file always gives the same message.
func TestWorkbookLimitIsTheFiles(t *testing.T) {
	var body strings.Builder
	for line := 1; line <= 6; line++ {
		fmt.Fprintf(&body, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>x%d</t></is></c></row>`, line, line, line)
	}
	parts := workbookZParts(nil, text(body.String()), text(body.String()), text(body.String()))
	data := zipBytes(t, parts)
	for range 20 {
		_, err := ReadFile("f.xlsx", bytes.NewReader(data), int64(len(data)), Options{Limits: sheet.Limits{MaxRows: 10}})
		var fe *FileError
		if !errors.As(err, &fe) || !errors.Is(err, xlsx.ErrTooLarge) {
			t.Fatalf("err = %v, want a FileError wrapping ErrTooLarge", err)
		}
		if want := "f.xlsx: file is too large to read safely: the workbook has more than 10 rows in all its sheets (the limit)"; err.Error() != want {
			t.Fatalf("err = %q, want %q", err, want)
		}
	}
}
