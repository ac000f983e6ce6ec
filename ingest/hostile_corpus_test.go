package ingest

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The big hostile corpus of issue 16, at the default limits: files of a few megabytes that
// inflate to gigabytes. Each is too slow to build for every `go test` (compressing 2 GB
// takes seconds), so it is written on request, one folder per case, for a driver that runs
// the CLI on each folder under /usr/bin/time -v (see testdata/hostile/README.md):
//
//	go test ./ingest -run TestWriteHostileCorpus -hostile.corpus /tmp/corpus
//
// The limits themselves are tested with lowered limits in TestHostileInputs and in the
// readers' own tests.
var corpusDir = flag.String("hostile.corpus", "", "write the big hostile corpus into this folder")

func TestWriteHostileCorpus(t *testing.T) {
	if *corpusDir == "" {
		t.Skip("run with -hostile.corpus DIR to write the big hostile corpus")
	}
	header := `<row r="1">`
	for i, c := range split(dispHeader) {
		header += fmt.Sprintf(`<c r="%c1" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+i, c)
	}
	header += `</row>`
	// dataRow is dispGood as inline strings on row line, with child_id id.
	dataRow := func(line int, id string) string {
		var b strings.Builder
		fmt.Fprintf(&b, `<row r="%d">`, line)
		for i, v := range split(with(dispHeader, dispGood, "child_id", id)) {
			if v != "" {
				fmt.Fprintf(&b, `<c r="%c%d" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+i, line, v)
			}
		}
		b.WriteString(`</row>`)
		return b.String()
	}
	useSST := text(header + `<row r="2"><c r="A2" t="s"><v>0</v></c></row>`)
	good := text(header + dataRow(2, "1001"))
	latin1 := func(parts []zpart) []zpart {
		return replacePart(parts, "xl/workbook.xml", text(`<?xml version="1.0" encoding="ISO-8859-1"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="`+relNS+`"><sheets><sheet name="Donn`+"\xe9"+`es" sheetId="1" r:id="rId1"/></sheets></workbook>`))
	}

	cases := map[string]func(dir string){
		// 380 million empty strings (1.9 GB): the table stops at MaxSharedStrings.
		"sst-380M-empty-strings": zipCase(t, "sst.xlsx", workbookZParts(repeat(`<sst>`, `<si/>`, 380_000_000, `</sst>`), useSST)),
		// The same table, used by no cell: never read.
		"sst-380M-unused": zipCase(t, "sst.xlsx", workbookZParts(repeat(`<sst>`, `<si/>`, 380_000_000, `</sst>`), good)),
		// 1.9 GB of 30,000-byte strings: the table stops at MaxSharedStringBytes.
		"sst-1.9G-long-strings": zipCase(t, "sst.xlsx", workbookZParts(repeat(`<sst>`, `<si><t>`+strings.Repeat("x", 30_000)+`</t></si>`, 63_000, `</sst>`), useSST)),
		// 83 KB of nested elements in workbook.xml.
		"workbook-nested-83K": zipCase(t, "nested.xlsx", replacePart(workbookZParts(nil, good), "xl/workbook.xml",
			repeat(`<workbook>`, `<a>`, 27_000, strings.Repeat(`</a>`, 27_000)+`</workbook>`))),
		// 2 MB of flat elements in workbook.xml: 50,000 sheets.
		"workbook-flat-2M": zipCase(t, "flat.xlsx", replacePart(workbookZParts(nil, good), "xl/workbook.xml",
			repeat(`<workbook xmlns:r="`+relNS+`"><sheets>`, `<sheet name="S" sheetId="1" r:id="rId1"/>`, 50_000, `</sheets></workbook>`))),
		// 3,000 and 999 sheets naming one part of 2.7 MB.
		"sheets-3000-one-part": zipCase(t, "one-part.xlsx", onePart(3000, header, dataRow)),
		"sheets-999-one-part":  zipCase(t, "one-part.xlsx", onePart(999, header, dataRow)),
		// 1,000 sheets of 2,001 distinct good rows each: past MaxRows for the workbook.
		"sheets-1000-x-2001-rows": zipCase(t, "rows.xlsx", func() []zpart {
			bodies := make([]func(io.Writer), 1000)
			for s := range bodies {
				bodies[s] = func(w io.Writer) {
					io.WriteString(w, header)
					for i := range 2001 {
						io.WriteString(w, dataRow(i+2, fmt.Sprint(1_000_000+s*10_000+i)))
					}
				}
			}
			return workbookZParts(nil, bodies...)
		}()),
		// One sheet of 1,048,575 identical good rows (Excel's limit with the header): one
		// accepted, the rest duplicates; and one row more, past MaxRows.
		"sheet-1M-identical-rows": zipCase(t, "dups.xlsx", workbookZParts(nil, func(w io.Writer) {
			io.WriteString(w, header)
			for i := range 1<<20 - 1 {
				io.WriteString(w, dataRow(i+2, "1001"))
			}
		})),
		"sheet-1M-and-1-rows": zipCase(t, "dups.xlsx", workbookZParts(nil, func(w io.Writer) {
			io.WriteString(w, header)
			for i := range 1 << 20 {
				io.WriteString(w, dataRow(i+2, "1001"))
			}
		})),
		// 1,048,575 distinct good rows: all accepted.
		"sheet-1M-distinct-rows": zipCase(t, "rows.xlsx", workbookZParts(nil, func(w io.Writer) {
			io.WriteString(w, header)
			for i := range 1<<20 - 1 {
				io.WriteString(w, dataRow(i+2, fmt.Sprint(1_000_000+i)))
			}
		})),
		// Rows of 16,384 cells of 1,000 bytes (16 MB a row).
		"rows-16M-bytes": zipCase(t, "fat.xlsx", workbookZParts(nil, repeat(header, `<row>`+strings.Repeat(`<c t="inlineStr"><is><t>`+strings.Repeat("y", 1000)+`</t></is></c>`, 16_384)+`</row>`, 100, ""))),
		// 6,000 rows of 16,384 valued cells (1.6 GB): read to the end, row by row.
		"rows-16384-columns": zipCase(t, "wide.xlsx", workbookZParts(nil, repeat(header, `<row>`+strings.Repeat(`<c><v>1</v></c>`, 16_384)+`</row>`, 6_000, ""))),
		// A sheet part that declares 1 KB and inflates to 390 MB.
		"lying-size-390M": func(dir string) {
			writeXLSX("liar.xlsx", repeatRows(15_000_000), 1024)(t, dir)
		},
		// For the fallback reader: a workbook it may read, with a shared-string table of
		// 262,144 strings (its limit) and with a 60 MB styles part (past its limit).
		"fallback-262k-strings": zipCase(t, "latin1.xlsx", latin1(workbookZParts(
			repeat(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`, `<si><t>a</t></si>`, 1<<18, `</sst>`), useSST))),
		"fallback-60M-styles": zipCase(t, "latin1.xlsx", append(latin1(workbookZParts(nil, good)),
			zpart{"xl/styles.xml", repeat(`<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts>`, `<numFmt numFmtId="164" formatCode="0"/>`, 1_500_000, `</numFmts></styleSheet>`)})),
		// A UTF-8 CSV with a Windows-1252 line, then one line of 100 MB.
		"csv-mixed-100M-line": func(dir string) {
			f, err := os.Create(filepath.Join(dir, "mixed.csv"))
			if err != nil {
				t.Fatal(err)
			}
			repeat("id,name\n1,Zoë\n2,Zo\xeb\n3,", "x", 100<<20, "\n")(f)
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
		},
	}
	for name, make := range cases {
		dir := filepath.Join(*corpusDir, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		make(dir)
		t.Logf("wrote %s", dir)
	}
}

// zipCase is a corpus maker writing parts to name.
func zipCase(t *testing.T, name string, parts []zpart) func(dir string) {
	return func(dir string) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		zipTo(t, f, parts)
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// onePart is a workbook of n sheets whose relationships all name one part of 100,000 good
// rows.
func onePart(n int, header string, dataRow func(int, string) string) []zpart {
	var wb, rels strings.Builder
	wb.WriteString(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="` + relNS + `"><sheets>`)
	rels.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i := range n {
		fmt.Fprintf(&wb, `<sheet name="S%d" sheetId="%d" r:id="rId%d"/>`, i, i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>`, i+1, relNS)
	}
	wb.WriteString(`</sheets></workbook>`)
	rels.WriteString(`</Relationships>`)
	parts := workbookZParts(nil, func(w io.Writer) {
		io.WriteString(w, header)
		for i := range 100_000 {
			io.WriteString(w, dataRow(i+2, fmt.Sprint(1_000_000+i)))
		}
	})
	parts = replacePart(parts, "xl/workbook.xml", text(wb.String()))
	return replacePart(parts, "xl/_rels/workbook.xml.rels", text(rels.String()))
}
