package xlsx

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/yjsreport/yjsreport/ingest/sheet"
)

// TestAgreesWithExcelize reads each workbook with this reader and with excelize's Rows
// (raw cell values), an independent implementation, and compares them cell by cell: sheet
// names, row numbers and cells of every row holding a value. Trailing empty cells are not
// compared (excelize keeps a formula's empty cell, this reader does not).
//
// Constructs where the two differ on purpose are left out, and said why: UTF-16 parts
// (excelize cannot read them), relationship targets with %20 (excelize does not unescape
// them), values past the column limit (this reader drops them with a warning).
func TestAgreesWithExcelize(t *testing.T) {
	files := map[string][]byte{}
	for _, name := range []string{
		"testdata/excel-like.xlsx", "testdata/excelize.xlsx", "testdata/excel-sharedstrings.xlsx",
		"testdata/openpyxl-inline.xlsx", "../testdata/workbook.xlsx", "../testdata/date1904.xlsx",
	} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(name)] = b
	}
	gen := func(name, data, sst string) {
		files[name] = buildXLSX(t, workbookParts("", []testSheet{{name: "S", xml: `<worksheet ` + ns + `><sheetData>` + data + `</sheetData></worksheet>`}}, sst))
	}
	gen("cdata line ends", `<row r="1"><c r="A1" t="str"><v><![CDATA[a`+"\r\n"+`b`+"\r"+`c]]></v></c><c r="B1" t="s"><v>0</v></c>`+
		`<c r="C1" t="inlineStr"><is><t>d`+"\r\n"+`e</t></is></c></row>`,
		`<sst `+ns+`><si><t><![CDATA[f`+"\r\n"+`g]]></t></si></sst>`)
	gen("formulas without cached values", `<row r="2"><c r="A2"><v>1</v></c><c r="B2"><f>A2*2</f></c><c r="C2"><f>A2</f><v>1</v></c></row>`+
		`<row r="3"><c r="A3"><f>1</f></c><c r="B3"><v>3</v></c></row>`, "")
	gen("text beyond ASCII", `<row r="1"><c r="A1" t="inlineStr"><is><t>👩🏽‍⚕️ 😀 𝄞</t></is></c><c r="B1" t="s"><v>0</v></c>`+
		`<c r="C1" t="inlineStr"><is><t>Zoe&#x308; a_x0001_b&#9;c</t></is></c></row>`,
		`<sst `+ns+`><si><t>`+"\u200fمرحبا שלום"+`</t></si></sst>`)
	gen("a value in Excel's last column", `<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>`, "")
	gen("rows and cells without references", `<row><c><v>1</v></c><c t="b"><v>1</v></c></row><row><c r="C2" t="e"><v>#N/A</v></c><c><v>2.5</v></c></row>`, "")
	gen("rich text and phonetic runs", `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`,
		`<sst `+ns+`><si><r><t>Zo</t></r><r><rPr><b/></rPr><t>ë</t></r><rPh sb="0" eb="1"><t>ゾ</t></rPh></si></sst>`)
	asciiWB := workbookParts("", []testSheet{{name: "S", xml: encSheet}}, encSST)
	asciiWB[2].body = strings.Replace(asciiWB[2].body, `encoding="UTF-8"`, `encoding="us-ascii"`, 1)
	files["a workbook declared us-ascii"] = buildXLSX(t, asciiWB)

	for name, b := range files {
		t.Run(name, func(t *testing.T) {
			ours := map[string]map[int][]string{}
			var ourNames []string
			sheets, err := Open(bytes.NewReader(b), int64(len(b)), sheet.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range sheets {
				rows, err := readAll(t, s)
				if err != nil {
					t.Fatal(err)
				}
				ourNames = append(ourNames, s.Name)
				ours[s.Name] = map[int][]string{}
				for _, r := range rows {
					if c := trimCells(r.cells); len(c) > 0 {
						ours[s.Name][r.line] = c
					}
				}
			}

			f, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			theirs := map[string]map[int][]string{}
			theirNames := f.GetSheetList()
			for _, s := range theirNames {
				theirs[s] = map[int][]string{}
				rows, err := f.Rows(s)
				if err != nil {
					t.Fatal(err)
				}
				for n := 1; rows.Next(); n++ {
					cols, err := rows.Columns(excelize.Options{RawCellValue: true})
					if err != nil {
						t.Fatal(err)
					}
					if c := trimCells(cols); len(c) > 0 {
						theirs[s][n] = c
					}
				}
				rows.Close()
			}
			if !reflect.DeepEqual(ourNames, theirNames) {
				t.Fatalf("sheets %q, excelize %q", ourNames, theirNames)
			}
			compared := 0
			for _, s := range ourNames {
				compared += len(ours[s])
				if !reflect.DeepEqual(ours[s], theirs[s]) {
					t.Errorf("sheet %q:\n ours     %v\n excelize %v", s, ours[s], theirs[s])
				}
			}
			if compared == 0 {
				t.Error("no row compared")
			}
			t.Logf("%d rows agree", compared)
		})
	}
}

// trimCells drops trailing empty cells; nil when none is left.
func trimCells(c []string) []string {
	n := len(c)
	for n > 0 && c[n-1] == "" {
		n--
	}
	if n == 0 {
		return nil
	}
	return append([]string(nil), c[:n]...)
}
