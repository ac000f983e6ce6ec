package xlsx

import (
	"bytes"
	"encoding/binary"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the generated files in testdata/")

// TestGenerateTestdata rewrites the generated corpus files with -update. The copied ones
// (legacy.xls, encrypted.xlsx, excel-sharedstrings.xlsx, openpyxl-inline.xlsx) are real files
// from other writers; see testdata/README.md.
func TestGenerateTestdata(t *testing.T) {
	if !*update {
		t.Skip("run with -update to regenerate testdata")
	}
	good := buildXLSX(t, excelLikeParts())
	files := map[string][]byte{
		"excel-like.xlsx":   good,
		"excelize.xlsx":     excelizeWorkbook(t),
		"truncated.xlsx":    good[:len(good)*6/10],
		"empty.xlsx":        nil,
		"csv-renamed.xlsx":  []byte("child_id,date_of_birth\r\nYJ1,01/02/2005\r\n"),
		"ole-document.xlsx": compoundFile([]string{"WordDocument", "1Table"}),
		"no-workbook.xlsx":  buildXLSX(t, []part{{"docProps/app.xml", "<Properties/>"}}),
		"ods-renamed.xlsx": buildXLSX(t, []part{
			{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
			{"content.xml", "<office:document-content/>"},
		}),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join("testdata", name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// excelLikeParts is a workbook written the way Excel writes one, with each feature the
// reader must handle (see TestOpenCorpus for the expected cells).
func excelLikeParts() []part {
	sst := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="8">` +
		`<si><t>child_id</t></si>` +
		`<si><t>outcome_date</t></si>` +
		`<si><t>locality</t></si>` +
		`<si><r><rPr><b/><sz val="11"/></rPr><t>Zo</t></r><r><t>ë</t></r><r><t xml:space="preserve"> Smith</t></r>` +
		`<rPh sb="0" eb="2"><t>ゾエ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>` +
		`<si><t>line one_x000D_&#10;line two</t></si>` +
		`<si><t>_x005F_x000D_ literal</t></si>` +
		`<si><t/></si>` +
		`<si><t>Leeds &amp; Bradford</t></si>` +
		`</sst>`
	data := worksheet(
		`<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>` +
			`<c r="D1" t="inlineStr"><is><t>notes</t></is></c></row>` +
			`<row r="2" spans="1:7"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>43101</v></c><c r="C2" t="s"><v>7</v></c>` +
			`<c r="D2" t="str"><f>UPPER(A2)</f><v>ZOË SMITH</v></c><c r="E2" s="1"><f>B2+1</f><v>43102</v></c>` +
			`<c r="F2" t="b"><v>1</v></c><c r="G2" t="b"><v>0</v></c></row>` +
			`<row r="4" spans="1:6"><c r="A4" t="e"><f>#REF!+1</f><v>#REF!</v></c><c r="C4" t="d"><v>2018-01-01T00:00:00</v></c>` +
			`<c r="D4" s="3"/><c r="F4"><v>-0.1199</v></c></row>` +
			`<row r="5" spans="1:3" s="2" customFormat="1"><c r="A5" s="2"/><c r="B5" t="s"><v>6</v></c></row>` +
			`<row r="6"><c r="A6" t="inlineStr"><is><t xml:space="preserve"> a &amp; b &lt;c&gt; &quot;q&quot; &#x41;&#66; </t></is></c>` +
			`<c r="B6" t="s"><v>4</v></c><c r="C6" t="s"><v>5</v></c></row>` +
			`<row><c><v>1</v></c><c><v>2</v></c><c r="E7"><v>5</v></c><c><v>6</v></c></row>` +
			`<row r="8"><c r="B8" t="inlineStr"><is><r><t>in</t></r><r><rPr><i/></rPr><t>line</t></r></is></c><!-- a comment -->` +
			`<c r="C8" t="str"><v><![CDATA[a<b]]></v></c><c r="D8" t="inlineStr"><is><t>x` + "\r\n" + `y</t></is></c></row>`)
	hidden := `<?xml version="1.0" encoding="UTF-8"?>` +
		`<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
		`<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>prefixed</x:t></x:is></x:c><x:c r="B1"><x:v>7</x:v></x:c></x:row>` +
		`</x:sheetData></x:worksheet>`
	return workbookParts(`<workbookPr date1904="1"/>`, []testSheet{
		{name: "Data & Notes", xml: data},
		{name: "Lookup", state: "hidden", xml: hidden},
		{name: "Secret", state: "veryHidden", xml: worksheet("")},
	}, sst)
}

// excelizeWorkbook is written with excelize's ordinary API (shared strings, rich text, a
// formula with no cached value, the 1904 date system, a hidden sheet, a gap row).
func excelizeWorkbook(t *testing.T) []byte {
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	yes := true
	must(f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}))
	must(f.SetSheetName("Sheet1", "Outcomes"))
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	must(f.SetSheetRow("Outcomes", "A1", &[]any{"child_id", "outcome_date", "breach", "gravity_score"}))
	must(f.SetSheetRow("Outcomes", "A2", &[]any{"YJ1", 41639, true, 3.5}))
	must(f.SetCellStyle("Outcomes", "B2", "B2", date))
	must(f.SetCellValue("Outcomes", "A4", "YJ2"))
	must(f.SetCellFormula("Outcomes", "D4", "D2*2"))
	must(f.SetCellValue("Outcomes", "A5", "YJ3"))
	must(f.SetCellRichText("Outcomes", "C5", []excelize.RichTextRun{{Text: "Zo"}, {Text: "ë", Font: &excelize.Font{Bold: true}}}))
	_, err = f.NewSheet("Lookup")
	must(err)
	must(f.SetCellValue("Lookup", "A1", "x"))
	must(f.SetSheetVisible("Lookup", false))
	var buf bytes.Buffer
	must(f.Write(&buf))
	return buf.Bytes()
}

// compoundFile builds a minimal OLE compound file (MS-CFB version 3, 512-byte sectors):
// the header, one FAT sector and one directory sector holding a root entry and up to three
// empty streams with the given names.
func compoundFile(streams []string) []byte {
	le := binary.LittleEndian
	b := make([]byte, 512*3)
	copy(b, oleMagic)
	le.PutUint16(b[24:], 0x3E)       // minor version
	le.PutUint16(b[26:], 3)          // major version
	le.PutUint16(b[28:], 0xFFFE)     // byte order
	le.PutUint16(b[30:], 9)          // sector shift: 512
	le.PutUint16(b[32:], 6)          // mini sector shift
	le.PutUint32(b[44:], 1)          // FAT sectors
	le.PutUint32(b[48:], 1)          // first directory sector
	le.PutUint32(b[56:], 4096)       // mini stream cutoff
	le.PutUint32(b[60:], 0xFFFFFFFE) // no mini FAT
	le.PutUint32(b[68:], 0xFFFFFFFE) // no DIFAT sectors
	for i := range 109 {
		le.PutUint32(b[76+4*i:], 0xFFFFFFFF)
	}
	le.PutUint32(b[76:], 0) // FAT in sector 0
	fat := b[512:1024]
	for i := 0; i < 128; i++ {
		le.PutUint32(fat[4*i:], 0xFFFFFFFF)
	}
	le.PutUint32(fat[0:], 0xFFFFFFFD) // sector 0: FAT
	le.PutUint32(fat[4:], 0xFFFFFFFE) // sector 1: directory, end of chain
	dir := b[1024:1536]
	entry := func(i int, name string, typ byte) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(e[2*j:], c)
		}
		le.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66] = typ
		e[67] = 1 // black
		le.PutUint32(e[68:], 0xFFFFFFFF)
		le.PutUint32(e[72:], 0xFFFFFFFF)
		le.PutUint32(e[76:], 0xFFFFFFFF)
		le.PutUint32(e[116:], 0xFFFFFFFE)
	}
	entry(0, "Root Entry", 5)
	for i, s := range streams {
		entry(i+1, s, 2)
	}
	// Chain the streams as right siblings under the root so a conforming reader finds them.
	if len(streams) > 0 {
		le.PutUint32(dir[76:], 1) // root's child
		for i := 1; i < len(streams); i++ {
			le.PutUint32(dir[128*i+72:], uint32(i+1)) // right sibling
		}
	}
	return b
}
