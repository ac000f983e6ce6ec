package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"reflect"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/ingest/sheet"
)

// readSheet builds a one-sheet package from sheetData (and an optional shared-string table)
// and reads it with lim, returning the rows or the first error from Open or Next.
func readSheet(t *testing.T, sheetData, sst string, lim sheet.Limits) ([]wantRow, error) {
	t.Helper()
	b := buildXLSX(t, workbookParts("", []testSheet{{name: "S", xml: worksheet(sheetData)}}, sst))
	return readPackage(t, b, lim)
}

func readPackage(t *testing.T, b []byte, lim sheet.Limits) ([]wantRow, error) {
	t.Helper()
	sheets, err := Open(bytes.NewReader(b), int64(len(b)), lim)
	if err != nil {
		return nil, err
	}
	return readAll(t, sheets[0])
}

func cells(n int, ref func(i int) string, v string) string {
	var sb strings.Builder
	for i := range n {
		sb.WriteString(`<c` + ref(i) + `><v>` + v + `</v></c>`)
	}
	return sb.String()
}

func TestLimits(t *testing.T) {
	small := sheet.Limits{MaxRows: 3, MaxColumns: 3, MaxCellBytes: 10, MaxUnzipBytes: 1 << 20}
	noRef := func(int) string { return "" }
	tests := []struct {
		name    string
		data    string
		sst     string
		lim     sheet.Limits
		wantErr error // nil: must read without error
	}{
		{"rows up to MaxRows are read", `<row r="1"><c><v>1</v></c></row><row r="2"><c><v>1</v></c></row><row r="3"><c><v>1</v></c></row>`, "", small, nil},
		{"a row past MaxRows is too large", strings.Repeat(`<row><c><v>1</v></c></row>`, 4), "", small, ErrTooLarge},
		{"empty rows do not count toward MaxRows", strings.Repeat(`<row/><row><c s="1"/></row>`, 10) + `<row><c><v>1</v></c></row>`, "", small, nil},
		{"values up to MaxColumns are read", `<row><c r="C1"><v>1</v></c></row>`, "", small, nil},
		{"a value past MaxColumns is dropped, not an error (TestColumnLimit)", `<row><c r="D1"><v>1</v></c></row>`, "", small, nil},
		{"an empty styled cell past MaxColumns is ignored", `<row><c r="A1"><v>1</v></c><c r="XFD1" s="4"/></row>`, "", small, nil},
		{"a value in XFD, Excel's last column, is read by default", `<row><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>`, "", sheet.DefaultLimits, nil},
		{"a million valued cells exceed Excel's width", `<row>` + cells(1_000_000, noRef, "1") + `</row>`, "", sheet.DefaultLimits, ErrTooLarge},
		{"a million empty cells exceed Excel's width", `<row>` + strings.Repeat(`<c s="1"/>`, 1_000_000) + `</row>`, "", sheet.DefaultLimits, ErrTooLarge},
		{"a row of MaxRowBytes is read", `<row>` + cells(3, noRef, "123") + `</row>`, "", sheet.Limits{MaxRowBytes: 9}, nil},
		{"a row over MaxRowBytes is too large", `<row>` + cells(3, noRef, "123") + `<c><v>4</v></c></row>`, "", sheet.Limits{MaxRowBytes: 9}, ErrTooLarge},
		{"MaxSharedStrings strings are read", `<row><c t="s"><v>2</v></c></row>`, `<sst><si><t>a</t></si><si/><si><t>c</t></si></sst>`, sheet.Limits{MaxSharedStrings: 3}, nil},
		{"a table past MaxSharedStrings is too large", `<row><c t="s"><v>0</v></c></row>`, `<sst><si><t>a</t></si><si/><si><t>c</t></si><si/></sst>`, sheet.Limits{MaxSharedStrings: 3}, ErrTooLarge},
		{"MaxSharedStringBytes of strings are read", `<row><c t="s"><v>1</v></c></row>`, `<sst><si><t>ab</t></si><si><r><t>c</t></r><r><t>d</t></r></si></sst>`, sheet.Limits{MaxSharedStringBytes: 4}, nil},
		{"a table past MaxSharedStringBytes is too large", `<row><c t="s"><v>1</v></c></row>`, `<sst><si><t>ab</t></si><si><r><t>c</t></r><r><t>de</t></r></si></sst>`, sheet.Limits{MaxSharedStringBytes: 4}, ErrTooLarge},
		{"an unused shared-string table past its limits is never read", `<row><c t="inlineStr"><is><t>x</t></is></c></row>`, `<sst><si/><si/><si/><si/></sst>`, sheet.Limits{MaxSharedStrings: 3}, nil},
		{"a cell of MaxCellBytes is read", `<row><c t="inlineStr"><is><t>0123456789</t></is></c></row>`, "", small, nil},
		{"a cell over MaxCellBytes is too large", `<row><c t="inlineStr"><is><t>0123456789a</t></is></c></row>`, "", small, ErrTooLarge},
		{"entities count decoded: 10 bytes written as 50 is fine", `<row><c t="inlineStr"><is><t>` + strings.Repeat("&amp;", 10) + `</t></is></c></row>`, "", small, nil},
		{"a 10 MB cell fails without reading it whole", `<row><c><v>` + strings.Repeat("9", 10<<20) + `</v></c></row>`, "", sheet.Limits{MaxCellBytes: 100, MaxUnzipBytes: 1 << 30}, ErrTooLarge},
		{"a shared string over MaxCellBytes is too large", `<row><c t="s"><v>0</v></c></row>`, `<sst><si><t>0123456789a</t></si></sst>`, small, ErrTooLarge},
		{"a package expanding past MaxUnzipBytes is too large", strings.Repeat(`<row><c><v>1</v></c></row>`, 60_000), "", small, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readSheet(t, tt.data, tt.sst, tt.lim)
			if tt.wantErr == nil && err != nil || !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

// TestZipBombLyingHeader: a part whose zip header claims 100 bytes but which inflates to
// 10 MB must fail, not be read past its claim.
func TestZipBombLyingHeader(t *testing.T) {
	body := worksheet(strings.Repeat(`<row><c><v>1</v></c></row>`, 400_000)) // ~10 MB
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
	fw.Write([]byte(body))
	fw.Close()

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range workbookParts("", []testSheet{{name: "S", xml: ""}}, "") {
		if p.name == "xl/worksheets/sheet1.xml" {
			w, err := zw.CreateRaw(&zip.FileHeader{
				Name: p.name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE([]byte(body)),
				CompressedSize64: uint64(deflated.Len()), UncompressedSize64: 100,
			})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(deflated.Bytes())
			continue
		}
		w, _ := zw.Create(p.name)
		w.Write([]byte(p.body))
	}
	zw.Close()

	rows, err := readPackage(t, buf.Bytes(), sheet.Limits{MaxUnzipBytes: 1 << 20})
	if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v after %d rows, want a corrupt or too-large error", err, len(rows))
	}
	if len(rows) > 10 {
		t.Errorf("read %d rows past a 100-byte claim", len(rows))
	}
}

// TestBoundedReader checks the second line of defence on its own: counting the bytes that
// actually come out of a part, whatever the zip reader checks.
func TestBoundedReader(t *testing.T) {
	b := &boundedReader{rc: nopCloser{strings.NewReader(strings.Repeat("x", 1000))}, max: 999, part: "p"}
	var buf bytes.Buffer
	_, err := buf.ReadFrom(b)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	b = &boundedReader{rc: nopCloser{strings.NewReader(strings.Repeat("x", 1000))}, max: 1000, part: "p"}
	if _, err := buf.ReadFrom(b); err != nil {
		t.Fatalf("exactly max bytes: err = %v", err)
	}
}

type nopCloser struct{ *strings.Reader }

func (nopCloser) Close() error { return nil }

func TestMalformedSheets(t *testing.T) {
	tests := []struct {
		name string
		data string
		sst  string
	}{
		{"unknown entity is corrupt", `<row><c t="inlineStr"><is><t>&nbsp;</t></is></c></row>`, ""},
		{"unterminated entity is corrupt", `<row><c t="inlineStr"><is><t>a & b</t></is></c></row>`, ""},
		{"shared string index past the table is corrupt", `<row><c t="s"><v>1</v></c></row>`, `<sst><si><t>a</t></si></sst>`},
		{"shared string without a table is corrupt", `<row><c t="s"><v>0</v></c></row>`, ""},
		{"non-numeric shared string index is corrupt", `<row><c t="s"><v>x</v></c></row>`, `<sst><si><t>a</t></si></sst>`},
		{"bad cell reference is corrupt", `<row><c r="1A"><v>1</v></c></row>`, ""},
		{"column past XFD is corrupt", `<row><c r="XFE1"><v>1</v></c></row>`, ""},
		{"bad row number is corrupt", `<row r="x"><c><v>1</v></c></row>`, ""},
		{"unquoted attribute is corrupt", `<row r=1><c><v>1</v></c></row>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readSheet(t, tt.data, tt.sst, sheet.DefaultLimits)
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("err = %v, want ErrCorrupt", err)
			}
		})
	}
	t.Run("sheet part cut off inside sheetData is corrupt", func(t *testing.T) {
		b := buildXLSX(t, workbookParts("", []testSheet{{name: "S", xml: `<worksheet><sheetData><row><c><v>1</v></c></row><row><c><v>2`}}, ""))
		_, err := readPackage(t, b, sheet.DefaultLimits)
		if !errors.Is(err, ErrCorrupt) {
			t.Fatalf("err = %v, want ErrCorrupt", err)
		}
	})
	t.Run("malformed workbook.xml is corrupt", func(t *testing.T) {
		parts := workbookParts("", []testSheet{{name: "S", xml: worksheet("")}}, "")
		parts[2].body = `<workbook><sheets><sheet name="a" r:id="rId1"></sheets>`
		_, err := readPackage(t, buildXLSX(t, parts), sheet.DefaultLimits)
		if !errors.Is(err, ErrCorrupt) {
			t.Fatalf("err = %v, want ErrCorrupt", err)
		}
	})
}

func TestErrorMessagesNameTheProblem(t *testing.T) {
	tests := []struct {
		file string
		want string
	}{
		{"csv-renamed.xlsx", "plain text (a CSV file renamed .xlsx?)"},
		{"encrypted.xlsx", "password-protected"},
		{"legacy.xls", "Excel 97-2003"},
		{"ods-renamed.xlsx", ".ods"},
		{"no-workbook.xlsx", "xl/workbook.xml is missing"},
	}
	for _, tt := range tests {
		_, err := openFile(t, tt.file, sheet.Limits{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want it to say %q", tt.file, err, tt.want)
		}
	}
	_, err := readSheet(t, `<row r="14"><c r="C14" t="inlineStr"><is><t>0123456789a</t></is></c></row>`, "", sheet.Limits{MaxCellBytes: 10})
	if err == nil || !strings.Contains(err.Error(), `sheet "S": cell C14 is longer than 10 bytes`) {
		t.Errorf("cell limit: err = %v, want it to name sheet and cell", err)
	}
}

func TestRowStructure(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []wantRow
	}{
		{"a stray end tag does not repeat a row",
			`<row r="1"><c><v>1</v></c></row></row><row r="2"><c><v>2</v></c></row>`,
			[]wantRow{{1, []string{"1"}}, {2, []string{"2"}}}},
		{"a cell outside any row is ignored",
			`<c r="A1"><v>9</v></c><row r="3"><c r="B3"><v>3</v></c></row>`,
			[]wantRow{{3, []string{"", "3"}}}},
		{"a self-closing row has no cells and is not returned",
			`<row r="1"/><row r="2" spans="1:2"><c r="A2" t="b"><v>0</v></c></row>`,
			[]wantRow{{2, []string{"0"}}}},
		{"lower-case column letters are read",
			`<row r="1"><c r="c1"><v>1</v></c></row>`,
			[]wantRow{{1, []string{"", "", "1"}}}},
		{"an attribute value may hold '>'",
			`<row r="1" x="a>b"><c r="A1" t="str"><v>x</v></c></row>`,
			[]wantRow{{1, []string{"x"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readSheet(t, tt.data, "", sheet.DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestSharedStringBlocks: strings are found whatever the blocks they fall in, empty ones
// included, at a block's end and after the last block.
func TestSharedStringBlocks(t *testing.T) {
	var want []string
	b := &sstBuilder{blockSize: 10, off: []uint32{0}}
	// Blocks of 10: bbbccccddd | fffffggggg | hhhhhhhhhh | ikkkkkkkkk | llnnnnnn·· | oooooooo·· | ppp,
	// the last two started before the block before them is full.
	for i, n := range []int{0, 3, 4, 3, 0, 5, 5, 10, 1, 0, 9, 2, 0, 6, 8, 3, 0, 0} {
		s := strings.Repeat(string(rune('a'+i)), n)
		want = append(want, s)
		if err := b.add([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	tab := b.done()
	if tab.len() != len(want) {
		t.Fatalf("len %d, want %d", tab.len(), len(want))
	}
	for i, w := range want {
		if got := tab.get(i); got != w {
			t.Errorf("string %d = %q, want %q", i, got, w)
		}
	}
	if len(tab.blocks) != 7 {
		t.Errorf("%d blocks %q, want 7", len(tab.blocks), tab.blocks)
	}
}
