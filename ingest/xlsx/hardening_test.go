package xlsx

import (
	"bytes"
	"encoding/binary"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/yjsreport/yjsreport/ingest/sheet"
)

// Issue 15: each finding, as the rule it breaks.

// encode16 writes s as UTF-16, little- or big-endian, with or without a byte-order mark.
func encode16(s string, big, bom bool) string {
	var order binary.AppendByteOrder = binary.LittleEndian
	if big {
		order = binary.BigEndian
	}
	var b []byte
	if bom {
		b = order.AppendUint16(b, 0xFEFF)
	}
	for _, c := range utf16.Encode([]rune(s)) {
		b = order.AppendUint16(b, c)
	}
	return string(b)
}

// readAllWarn reads every row of a sheet with the warnings taken after each row.
func readAllWarn(t *testing.T, s sheet.Sheet) ([]wantRow, []sheet.Warning, error) {
	t.Helper()
	rs, err := s.Open()
	if err != nil {
		return nil, nil, err
	}
	defer rs.Close()
	var (
		got   []wantRow
		warns []sheet.Warning
	)
	take := func() {
		if w, ok := rs.(sheet.Warner); ok {
			warns = append(warns, w.Warnings()...)
		}
	}
	for rs.Next() {
		got = append(got, wantRow{rs.Line(), append([]string(nil), rs.Cells()...)})
		take()
	}
	take()
	return got, warns, rs.Err()
}

// The cells of the encoding cases: a shared string with an emoji, a number, an inline
// string with a line break.
const (
	encSST   = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Zoë 😀</t></si></sst>`
	encSheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>43101</v></c><c r="C1" t="inlineStr"><is><t>x&#10;y</t></is></c></row></sheetData></worksheet>`
)

var encWant = []wantRow{{1, []string{"Zoë 😀", "43101", "x\ny"}}}

// encParts is a one-sheet workbook whose parts named in enc are passed through it.
func encParts(enc map[string]func(string) string) []part {
	parts := workbookParts("", []testSheet{{name: "S", xml: encSheet}}, encSST)
	for i := range parts {
		if f := enc[parts[i].name]; f != nil {
			parts[i].body = f(parts[i].body)
		}
	}
	return parts
}

func TestUTF16PartsAreTranscoded(t *testing.T) {
	le := func(s string) string { return encode16(strings.Replace(s, "UTF-8", "UTF-16", 1), false, true) }
	be := func(s string) string { return encode16(strings.Replace(s, "UTF-8", "UTF-16", 1), true, true) }
	leNoBOM := func(s string) string { return encode16(s, false, false) }
	beNoBOM := func(s string) string { return encode16(s, true, false) }
	const ws, sst, wb = "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml"
	tests := []struct {
		name string
		enc  map[string]func(string) string
	}{
		{"worksheet in UTF-16LE with a byte-order mark", map[string]func(string) string{ws: le}},
		{"worksheet in UTF-16BE with a byte-order mark", map[string]func(string) string{ws: be}},
		{"worksheet in UTF-16LE without a byte-order mark, starting <?xml", map[string]func(string) string{ws: leNoBOM}},
		{"worksheet in UTF-16BE without a byte-order mark, starting <?xml", map[string]func(string) string{ws: beNoBOM}},
		{"shared strings in UTF-16LE", map[string]func(string) string{sst: le}},
		{"workbook in UTF-16BE", map[string]func(string) string{wb: be}},
		{"every part in UTF-16", map[string]func(string) string{ws: le, sst: be, wb: le,
			"xl/_rels/workbook.xml.rels": be, "_rels/.rels": le, "[Content_Types].xml": le}},
		{"a UTF-8 byte-order mark is dropped", map[string]func(string) string{ws: func(s string) string { return "\xEF\xBB\xBF" + s }}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readPackage(t, buildXLSX(t, encParts(tt.enc)), sheet.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, encWant) {
				t.Errorf("got %+v, want %+v", got, encWant)
			}
		})
	}
}

func TestEncodingLabels(t *testing.T) {
	label := func(l string) map[string]func(string) string {
		f := func(s string) string { return strings.Replace(s, `encoding="UTF-8"`, `encoding="`+l+`"`, 1) }
		return map[string]func(string) string{"xl/workbook.xml": f, "xl/worksheets/sheet1.xml": f, "xl/sharedStrings.xml": f}
	}
	for _, l := range []string{"UTF-8", "utf-8", "UTF8", "utf_8", "us-ascii", "US-ASCII", "ascii", "ANSI_X3.4-1968"} {
		t.Run("the label "+l+" is UTF-8 or ASCII: accepted", func(t *testing.T) {
			got, err := readPackage(t, buildXLSX(t, encParts(label(l))), sheet.Limits{})
			if err != nil || !reflect.DeepEqual(got, encWant) {
				t.Fatalf("err %v, rows %+v", err, got)
			}
		})
	}
	for _, l := range []string{"ISO-8859-1", "windows-1252", "UTF-16"} {
		t.Run("the label "+l+" on 8-bit text is not read by this reader (but may be by the fallback)", func(t *testing.T) {
			b := buildXLSX(t, encParts(label(l)))
			_, err := openPackage(bytes.NewReader(b), int64(len(b)), withDefaults(sheet.Limits{}))
			if !errors.Is(err, ErrUnsupported) || !CanFallback(err) || !strings.Contains(err.Error(), `"`+l+`"`) {
				t.Fatalf("err = %v, want ErrUnsupported naming %q, fallback allowed", err, l)
			}
		})
	}
}

func TestSheetData(t *testing.T) {
	tests := []struct {
		name    string
		part    string
		want    []wantRow
		wantErr error
	}{
		{"a worksheet with content but no sheetData is damaged, not empty",
			`<worksheet><dimension ref="A1"/><cols><col min="1" max="2"/></cols></worksheet>`, nil, ErrCorrupt},
		{"a part that is not XML at all is damaged, not empty", "\x00<\x00w\x00o\x00r\x00k\x00", nil, ErrCorrupt},
		{"an empty sheetData is an empty sheet", `<worksheet><sheetData/></worksheet>`, nil, nil},
		{"an empty part is an empty sheet", ``, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := buildXLSX(t, workbookParts("", []testSheet{{name: "S", xml: tt.part}}, ""))
			got, err := readPackage(t, b, sheet.Limits{})
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), `sheet "S"`) {
				t.Errorf("err %q does not name the sheet", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("rows %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestColumnLimit(t *testing.T) {
	lim := sheet.Limits{MaxColumns: 3}
	data := `<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c><c r="D1"><v>4</v></c><c r="F1" t="inlineStr"><is><t>6</t></is></c></row>` +
		`<row r="2"><c r="E2"><v>5</v></c></row>` +
		`<row r="3"><c r="A3"><v>1</v></c><c r="E3" s="2"/></row>`
	b := buildXLSX(t, workbookParts("", []testSheet{{name: "S", xml: worksheet(data)}}, ""))
	sheets, err := Open(bytes.NewReader(b), int64(len(b)), lim)
	if err != nil {
		t.Fatal(err)
	}
	got, warns, err := readAllWarn(t, sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	// Values past C are dropped; a row of nothing else is returned blank, so that its
	// warning reaches the caller; an empty styled cell past C is nothing.
	want := []wantRow{{1, []string{"1", "", "3"}}, {2, nil}, {3, []string{"1"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows %+v, want %+v", got, want)
	}
	wantW := []sheet.Warning{
		{Row: 1, Col: 3, Rule: ruleLost, Lost: true, Reason: "the values in cell D1 and 1 more cells to its right were ignored: they are past the last column read (C)"},
		{Row: 2, Col: 4, Rule: ruleLost, Lost: true, Reason: "the value in cell E2 was ignored: it is past the last column read (C)"},
	}
	if !reflect.DeepEqual(warns, wantW) {
		t.Errorf("warnings\n%+v\nwant\n%+v", warns, wantW)
	}
}

func TestFormulaWithoutValue(t *testing.T) {
	warnB2 := []sheet.Warning{{Row: 2, Col: 1, Rule: ruleFormula,
		Reason: "cell B2 holds a formula with no calculated value, read as blank: open and save the file in Excel to calculate it"}}
	tests := []struct {
		name  string
		cell  string // cell B2, after A2 = 1
		want  []string
		warns []sheet.Warning
	}{
		{"a formula never calculated is blank, with a warning", `<c r="B2"><f>A2*2</f></c>`, []string{"1"}, warnB2},
		{"a shared formula never calculated is blank, with a warning", `<c r="B2"><f t="shared" si="0"/></c>`, []string{"1"}, warnB2},
		{"a text formula never calculated is blank, with a warning", `<c r="B2" t="str"><f>A2&amp;"x"</f></c>`, []string{"1"}, warnB2},
		{"a formula's cached value is read", `<c r="B2"><f>A2*2</f><v>2</v></c>`, []string{"1", "2"}, nil},
		{"a formula calculated to empty text is blank, without a warning", `<c r="B2" t="str"><f>""</f><v></v></c>`, []string{"1"}, nil},
		{"an empty self-closing value is a calculated blank", `<c r="B2" t="str"><f>""</f><v/></c>`, []string{"1"}, nil},
		{"an inline string with a formula element is its text", `<c r="B2" t="inlineStr"><f>x</f><is><t>y</t></is></c>`, []string{"1", "y"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := buildXLSX(t, workbookParts("", []testSheet{{name: "S", xml: worksheet(`<row r="2"><c r="A2"><v>1</v></c>` + tt.cell + `</row>`)}}, ""))
			sheets, err := Open(bytes.NewReader(b), int64(len(b)), sheet.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			got, warns, err := readAllWarn(t, sheets[0])
			if err != nil {
				t.Fatal(err)
			}
			if want := []wantRow{{2, tt.want}}; !reflect.DeepEqual(got, want) {
				t.Errorf("rows %+v, want %+v", got, want)
			}
			if !reflect.DeepEqual(warns, tt.warns) {
				t.Errorf("warnings %+v, want %+v", warns, tt.warns)
			}
		})
	}
	t.Run("a row of formulas never calculated is not returned, but its warning is", func(t *testing.T) {
		b := buildXLSX(t, workbookParts("", []testSheet{{name: "S", xml: worksheet(
			`<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="B2"><f>A1</f></c></row><row r="3"><c r="A3"><v>3</v></c></row>`)}}, ""))
		sheets, _ := Open(bytes.NewReader(b), int64(len(b)), sheet.Limits{})
		rs, err := sheets[0].Open()
		if err != nil {
			t.Fatal(err)
		}
		w := rs.(sheet.Warner)
		if !rs.Next() || rs.Line() != 1 || len(w.Warnings()) != 0 {
			t.Fatalf("row 1: line %d", rs.Line())
		}
		if !rs.Next() || rs.Line() != 3 {
			t.Fatalf("want row 3 next, got %d", rs.Line())
		}
		if got := w.Warnings(); len(got) != 1 || got[0].Row != 2 || got[0].Col != 1 {
			t.Errorf("warnings %+v, want one about B2", got)
		}
	})
}

func TestCDATALineEnds(t *testing.T) {
	// XML normalises CR LF and a lone CR to LF everywhere, CDATA sections included.
	data := `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="str"><v><![CDATA[c` + "\r\n" + `d` + "\r" + `e]]></v></c>` +
		`<c r="C1" t="inlineStr"><is><t><![CDATA[f` + "\r\n" + `g]]></t></is></c></row>`
	got, err := readSheet(t, data, `<sst><si><t><![CDATA[a`+"\r\n"+`b]]></t></si></sst>`, sheet.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []wantRow{{1, []string{"a\nb", "c\nd\ne", "f\ng"}}}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestRelationshipTargetsAreURIs(t *testing.T) {
	tests := []struct {
		name, target, part string
	}{
		{"%20 in a target is a space in the part name", "worksheets/sheet%201.xml", "xl/worksheets/sheet 1.xml"},
		{"other escapes are decoded too", "worksheets/D%C3%A9c.xml", "xl/worksheets/Déc.xml"},
		{"a part whose zip name is written escaped is found", "worksheets/sheet%201.xml", "xl/worksheets/sheet%201.xml"},
		{"an absolute target is read", "/xl/worksheets/sheet%201.xml", "xl/worksheets/sheet 1.xml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := workbookParts("", []testSheet{{name: "S", xml: worksheet(`<row r="1"><c r="A1"><v>7</v></c></row>`)}}, "")
			for i := range parts {
				switch parts[i].name {
				case "xl/_rels/workbook.xml.rels":
					parts[i].body = strings.Replace(parts[i].body, `Target="worksheets/sheet1.xml"`, `Target="`+tt.target+`"`, 1)
				case "xl/worksheets/sheet1.xml":
					parts[i].name = tt.part
				}
			}
			got, err := readPackage(t, buildXLSX(t, parts), sheet.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if want := []wantRow{{1, []string{"7"}}}; !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v", got)
			}
		})
	}
}

func TestTamperedPackages(t *testing.T) {
	base := func() []part {
		return workbookParts("", []testSheet{
			{name: "A", xml: worksheet(`<row r="1"><c r="A1"><v>1</v></c></row>`)},
			{name: "B", xml: worksheet(`<row r="1"><c r="A1"><v>2</v></c></row>`)},
		}, "")
	}
	tests := []struct {
		name  string
		parts func() []part
		msg   string
	}{
		{"two zip entries with the same name are refused", func() []part {
			return append(base(), part{"xl/worksheets/sheet1.xml", worksheet(`<row r="1"><c r="A1"><v>9</v></c></row>`)})
		}, `two entries named "xl/worksheets/sheet1.xml" and "xl/worksheets/sheet1.xml"`},
		{"two zip entries whose names differ only in case are refused", func() []part {
			return append(base(), part{"XL/Worksheets/Sheet1.xml", worksheet(`<row r="1"><c r="A1"><v>9</v></c></row>`)})
		}, `"XL/Worksheets/Sheet1.xml"`},
		{"two entries that differ only by a leading slash are refused", func() []part {
			return append(base(), part{"/xl/worksheets/sheet1.xml", worksheet(``)})
		}, "two entries"},
		{"two sheets naming one part are refused", func() []part {
			p := base()
			p[3].body = strings.Replace(p[3].body, "sheet2.xml", "sheet1.xml", 1)
			return p
		}, `sheets "A" and "B" both name the part xl/worksheets/sheet1.xml`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := buildXLSX(t, tt.parts())
			_, err := Open(bytes.NewReader(b), int64(len(b)), sheet.Limits{})
			if !errors.Is(err, ErrCorrupt) || CanFallback(err) || !strings.Contains(err.Error(), "tampered") || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("err = %v, want a damaged-or-tampered error naming %s, no fallback", err, tt.msg)
			}
		})
	}
}

func TestDocumentsRenamedXLSX(t *testing.T) {
	tests := []struct {
		file, msg string
	}{
		{"letter.docx", "Word document"},        // LibreOffice Writer 7.4, --convert-to docx
		{"letter.odt", "OpenDocument text"},     // LibreOffice Writer 7.4, --convert-to odt
		{"slides.pptx", "PowerPoint"},           // LibreOffice Impress 7.4, --convert-to pptx
		{"ods-renamed.xlsx", ".ods"},            // a spreadsheet, but not one this tool reads
		{"no-workbook.xlsx", "is missing"},      // a zip of nothing in particular
		{"ole-document.xlsx", "not a workbook"}, // an old Word file
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := openFile(t, tt.file, sheet.Limits{})
			if err == nil || !strings.Contains(err.Error(), tt.msg) || CanFallback(err) {
				t.Fatalf("err = %v, want one saying %q, no fallback", err, tt.msg)
			}
			isDoc := strings.HasSuffix(tt.file, ".docx") || strings.HasSuffix(tt.file, ".odt") || strings.HasSuffix(tt.file, ".pptx")
			if errors.Is(err, ErrDocument) != isDoc {
				t.Errorf("errors.Is(err, ErrDocument) = %v, want %v", !isDoc, isDoc)
			}
		})
	}
}

// TestPackageLimits: issue 16's hostile packages, each refused quickly at a documented limit.
func TestPackageLimits(t *testing.T) {
	row := `<row r="1"><c r="A1"><v>1</v></c></row>`
	sheets := func(n int, part func(i int) string) []testSheet {
		s := make([]testSheet, n)
		for i := range s {
			s[i] = testSheet{name: "S" + strings.Repeat("x", i), xml: part(i)}
		}
		return s
	}
	nested := func(depth int) string {
		return `<workbook>` + strings.Repeat("<a>", depth) + strings.Repeat("</a>", depth) + `<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`
	}
	withWorkbook := func(wb string) []part {
		p := workbookParts("", []testSheet{{name: "S", xml: worksheet(row)}}, "")
		p[2].body = wb
		return p
	}
	tests := []struct {
		name    string
		parts   []part
		lim     sheet.Limits
		wantErr error
		msg     string
	}{
		{"MaxSheets sheets are read", workbookParts("", sheets(3, func(int) string { return worksheet(row) }), ""),
			sheet.Limits{MaxSheets: 3}, nil, ""},
		{"a workbook listing more than MaxSheets sheets is too large",
			workbookParts("", sheets(4, func(int) string { return worksheet(row) }), ""),
			sheet.Limits{MaxSheets: 3}, ErrTooLarge, "more than 3 sheets"},
		{"a workbook nested maxDepth deep is read", withWorkbook(nested(maxDepth - 1)), sheet.Limits{}, nil, ""},
		{"a workbook nested deeper than maxDepth is too large", withWorkbook(nested(maxDepth)), sheet.Limits{}, ErrTooLarge, "nest more than 64 deep"},
		{"a workbook nested 30,000 deep is too large", withWorkbook(nested(30_000)), sheet.Limits{}, ErrTooLarge, "nest more than 64 deep"},
		{"a workbook part past maxSmallPart is too large",
			withWorkbook(`<workbook>` + strings.Repeat(" ", maxSmallPart) + `</workbook>`), sheet.Limits{}, ErrTooLarge, "xl/workbook.xml expands to"},
		{"a relationships part nested deeper than maxDepth is too large", func() []part {
			p := workbookParts("", []testSheet{{name: "S", xml: worksheet(row)}}, "")
			p[3].body = `<Relationships>` + strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100) + `</Relationships>`
			return p
		}(), sheet.Limits{}, ErrTooLarge, "xl/_rels/workbook.xml.rels: elements nest"},
		{"unbalanced tags in the workbook are damaged", withWorkbook(`<workbook><sheets><sheet name="a" r:id="rId1"></sheets></workbook>`),
			sheet.Limits{}, ErrCorrupt, "does not close"},
		{"two root elements in the workbook are damaged", withWorkbook(`<workbook/><workbook/>`), sheet.Limits{}, ErrCorrupt, "more than one root"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := buildXLSX(t, tt.parts)
			start := time.Now()
			_, err := openPackage(bytes.NewReader(b), int64(len(b)), withDefaults(tt.lim))
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) || err != nil && !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("err = %v, want %v saying %q", err, tt.wantErr, tt.msg)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// TestReadingCountsWhatIsInflated: the limits on bytes inflated and rows hold for the
// workbook as a whole, however its parts are read.
func TestReadingCountsWhatIsInflated(t *testing.T) {
	body := worksheet(strings.Repeat(`<row><c><v>1</v></c></row>`, 21_000)) // 546 KB: read twice, past 1 MiB
	b := buildXLSX(t, workbookParts("", []testSheet{{name: "S", xml: body}}, ""))
	sheets, err := Open(bytes.NewReader(b), int64(len(b)), sheet.Limits{MaxUnzipBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := readAll(t, sheets[0]); err != nil {
		t.Fatalf("first read: %v", err)
	}
	if _, err := readAll(t, sheets[0]); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "in all (the limit)") {
		t.Fatalf("second read: err = %v, want the package's inflated bytes past MaxUnzipBytes", err)
	}

	two := buildXLSX(t, workbookParts("", []testSheet{
		{name: "A", xml: worksheet(`<row><c><v>1</v></c></row><row><c><v>2</v></c></row>`)},
		{name: "B", xml: worksheet(`<row><c><v>1</v></c></row><row><c><v>2</v></c></row>`)},
	}, ""))
	sheets, err = Open(bytes.NewReader(two), int64(len(two)), sheet.Limits{MaxRows: 3})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := readAll(t, sheets[0]); err != nil {
		t.Fatal(err)
	}
	rows, err := readAll(t, sheets[1])
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "in all its sheets") || len(rows) != 1 {
		t.Fatalf("sheet B: %d rows, err = %v, want 1 row then the workbook's MaxRows", len(rows), err)
	}
}

// TestTextPassesThrough: characters beyond the BMP, right-to-left text, combining marks and
// control characters come out as written. Control characters other than tab and line feed
// (written _xHHHH_, as Excel does, or as character references) are kept: dropping them
// is the PDF writer's business, and data-quality.csv should show what the file held.
func TestTextPassesThrough(t *testing.T) {
	texts := []struct{ name, xml, want string }{
		{"emoji beyond the BMP", "👩🏽‍⚕️ 😀 𝄞", "👩🏽‍⚕️ 😀 𝄞"},
		{"right-to-left text with a mark", "\u200fمرحبا שלום", "\u200fمرحبا שלום"},
		{"combining marks kept, not composed", "Zoe\u0308 n\u0303", "Zoe\u0308 n\u0303"},
		{"control characters written as _xHHHH_ are kept", "a_x0001_b_x001F_c_x0009_d_x000A_e", "a\x01b\x1fc\td\ne"},
		{"control characters written as references are kept", "a&#x1;b&#x7F;c&#x85;d", "a\x01b\x7fc\u0085d"},
	}
	for _, tt := range texts {
		t.Run(tt.name, func(t *testing.T) {
			data := `<row r="1"><c r="A1" t="inlineStr"><is><t>` + tt.xml + `</t></is></c><c r="B1" t="s"><v>0</v></c></row>`
			got, err := readSheet(t, data, `<sst><si><t>`+tt.xml+`</t></si></sst>`, sheet.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if want := []wantRow{{1, []string{tt.want, tt.want}}}; !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v, want %+v", got, want)
			}
		})
	}
}
