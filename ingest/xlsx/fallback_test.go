package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/ingest/sheet"
)

const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`

// latin1Workbook is a workbook this reader refuses and excelize reads: its workbook.xml
// declares ISO-8859-1 and names its sheet "Données" in it (é is the byte 0xE9).
func latin1Workbook(sheetXML string) []part {
	parts := workbookParts("", []testSheet{{name: "Donn\xe9es", xml: sheetXML}},
		`<sst `+ns+` count="1" uniqueCount="1"><si><t>Zoë</t></si></sst>`)
	parts[2].body = strings.Replace(parts[2].body, `encoding="UTF-8"`, `encoding="ISO-8859-1"`, 1)
	return parts
}

var fallbackSheet = `<worksheet ` + ns + `><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>43101</v></c></row>` +
	`<row r="3"><c r="B3" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`

func TestFallbackReadsWhatThisReaderRefuses(t *testing.T) {
	tests := []struct {
		name  string
		parts []part
		why   string // in the note
	}{
		{"a workbook declared ISO-8859-1", latin1Workbook(fallbackSheet), `text encoding "ISO-8859-1"`},
		{"a worksheet with a DOCTYPE", func() []part {
			p := workbookParts("", []testSheet{{name: "Données", xml: `<!DOCTYPE worksheet>` + fallbackSheet}},
				`<sst `+ns+`><si><t>Zoë</t></si></sst>`)
			return p
		}(), "DOCTYPE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := buildXLSX(t, tt.parts)
			// This reader refuses it, at Open or on reading the sheet.
			var cause error
			sheets, err := openPackage(bytes.NewReader(b), int64(len(b)), withDefaults(sheet.Limits{}))
			if err == nil {
				_, cause = readAll(t, sheets[0])
			} else {
				cause = err
			}
			if !errors.Is(cause, ErrUnsupported) || !CanFallback(cause) {
				t.Fatalf("this reader: err = %v, want ErrUnsupported that the fallback may get past", cause)
			}
			fb, err := Fallback(bytes.NewReader(b), int64(len(b)), sheet.Limits{}, cause)
			if err != nil {
				t.Fatal(err)
			}
			if len(fb) != 1 || fb[0].Name != "Données" || !fb[0].Excel || fb[0].Hidden {
				t.Fatalf("sheets %+v", fb)
			}
			if n := fb[0].Notes; len(n) != 1 || n[0].Rule != ruleFallback || !strings.Contains(n[0].Reason, tt.why) {
				t.Errorf("notes %+v, want one saying why (%s)", n, tt.why)
			}
			got, err := readAll(t, fb[0])
			if err != nil {
				t.Fatal(err)
			}
			if want := []wantRow{{1, []string{"Zoë", "43101"}}, {3, []string{"", "x"}}}; !reflect.DeepEqual(got, want) {
				t.Errorf("rows %+v, want %+v", got, want)
			}
		})
	}
	t.Run("Open falls back by itself for a package it refuses at Open", func(t *testing.T) {
		b := buildXLSX(t, latin1Workbook(fallbackSheet))
		sheets, err := Open(bytes.NewReader(b), int64(len(b)), sheet.Limits{})
		if err != nil || len(sheets) != 1 || len(sheets[0].Notes) != 1 {
			t.Fatalf("err %v, sheets %+v", err, sheets)
		}
	})
}

// TestFallbackRefuses: the fallback is never used to get past a limit, encryption, a file of
// another type or a tampered one, and it refuses what excelize would read wrongly without a
// word.
func TestFallbackRefuses(t *testing.T) {
	unsupported := ErrUnsupported
	tests := []struct {
		name    string
		parts   []part
		wantErr error
		msg     string
	}{
		{"a worksheet whose XML breaks off (excelize would end the sheet there)",
			latin1Workbook(`<worksheet ` + ns + `><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</c></row></sheetData></worksheet>`),
			ErrCorrupt, "xl/worksheets/sheet1.xml"},
		{"a shared-string index past the table (excelize would read the index as the text)",
			latin1Workbook(`<worksheet ` + ns + `><sheetData><row r="1"><c r="A1" t="s"><v>1</v></c></row></sheetData></worksheet>`),
			ErrCorrupt, `shared string "1", which does not exist`},
		{"an entity the DOCTYPE declares (excelize expands none)",
			latin1Workbook(`<!DOCTYPE worksheet [<!ENTITY x "boom">]><worksheet ` + ns + `><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>`),
			ErrCorrupt, "xl/worksheets/sheet1.xml"},
		{"a part nested past maxDepth", func() []part {
			p := latin1Workbook(fallbackSheet)
			return append(p, part{"xl/styles.xml", `<styleSheet>` + strings.Repeat("<a>", 1000) + strings.Repeat("</a>", 1000) + `</styleSheet>`})
		}(), ErrTooLarge, "nest more than 64 deep"},
		{"more shared strings than excelize should hold", func() []part {
			p := latin1Workbook(fallbackSheet)
			for i := range p {
				if p[i].name == "xl/sharedStrings.xml" {
					p[i].body = `<sst ` + ns + `><si><t>Zoë</t></si>` + strings.Repeat(`<si/>`, fallbackMaxStrings) + `</sst>`
				}
			}
			return p
		}(), ErrTooLarge, "too many for the fallback reader"},
		{"a part other than a worksheet too large for excelize to decode whole", append(latin1Workbook(fallbackSheet),
			part{"xl/styles.xml", `<styleSheet>` + strings.Repeat(" ", maxSmallPart) + `</styleSheet>`}), ErrTooLarge, "xl/styles.xml expands to more than"},
		{"a package too large for excelize to hold", append(latin1Workbook(fallbackSheet),
			part{"xl/media/big.bin", ""}), ErrTooLarge, "too large for the fallback reader"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := buildXLSX(t, tt.parts)
			if tt.name == "a package too large for excelize to hold" {
				// An entry declaring fallbackMaxUnzip bytes: the check is on declared sizes,
				// before anything is inflated.
				b = buildXLSXRaw(t, tt.parts[:len(tt.parts)-1], "xl/media/big.bin", fallbackMaxUnzip)
			}
			_, err := Fallback(bytes.NewReader(b), int64(len(b)), sheet.Limits{}, fallbackOK(unsupported))
			if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("Fallback: err = %v, want %v saying %q", err, tt.wantErr, tt.msg)
			}
			// Open reports its own reason, not the fallback's.
			_, err = Open(bytes.NewReader(b), int64(len(b)), sheet.Limits{})
			if !errors.Is(err, ErrUnsupported) {
				t.Errorf("Open: err = %v, want this reader's ErrUnsupported", err)
			}
		})
	}

	causes := []struct {
		name string
		err  error
	}{
		{"past a limit", fallbackOK(ErrTooLarge)},
		{"not marked for the fallback", ErrCorrupt},
		{"encrypted", ErrEncrypted},
		{"a document", ErrDocument},
	}
	b := buildXLSX(t, latin1Workbook(fallbackSheet))
	for _, c := range causes {
		t.Run("not for a file refused as "+c.name, func(t *testing.T) {
			if CanFallback(c.err) {
				t.Errorf("CanFallback(%v) = true", c.err)
			}
			if _, err := Fallback(bytes.NewReader(b), int64(len(b)), sheet.Limits{}, c.err); err != c.err {
				t.Errorf("Fallback read a file refused as %v: err = %v", c.err, err)
			}
		})
	}
	for _, file := range []string{"encrypted.xlsx", "letter.docx", "truncated.xlsx", "legacy.xls"} {
		t.Run("Open does not fall back for "+file, func(t *testing.T) {
			sheets, err := openFile(t, file, sheet.Limits{})
			if err == nil || CanFallback(err) {
				t.Errorf("err = %v, sheets %d", err, len(sheets))
			}
		})
	}
}

func TestFallbackLimits(t *testing.T) {
	row := func(cells string) string {
		return `<worksheet ` + ns + `><sheetData>` + cells + `</sheetData></worksheet>`
	}
	tests := []struct {
		name    string
		sheet   string
		lim     sheet.Limits
		want    []wantRow
		warns   int
		wantErr error
	}{
		{"values past MaxColumns are dropped with a warning",
			row(`<row r="1"><c r="A1"><v>1</v></c><c r="D1"><v>4</v></c></row>`), sheet.Limits{MaxColumns: 3},
			[]wantRow{{1, []string{"1"}}}, 1, nil},
		{"rows past MaxRows are too large",
			row(`<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c></row>`), sheet.Limits{MaxRows: 1},
			[]wantRow{{1, []string{"1"}}}, 0, ErrTooLarge},
		{"a cell past MaxCellBytes is too large",
			row(`<row r="1"><c r="A1" t="inlineStr"><is><t>12345</t></is></c></row>`), sheet.Limits{MaxCellBytes: 4},
			nil, 0, ErrTooLarge},
		{"a row past MaxRowBytes is too large",
			row(`<row r="1"><c r="A1"><v>123</v></c><c r="B1"><v>45</v></c></row>`), sheet.Limits{MaxRowBytes: 4},
			nil, 0, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := buildXLSX(t, latin1Workbook(tt.sheet))
			sheets, err := Fallback(bytes.NewReader(b), int64(len(b)), tt.lim, fallbackOK(ErrUnsupported))
			if err != nil {
				t.Fatal(err)
			}
			got, warns, err := readAllWarn(t, sheets[0])
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if !reflect.DeepEqual(got, tt.want) || len(warns) != tt.warns {
				t.Errorf("rows %+v warnings %+v, want %+v and %d warnings", got, warns, tt.want, tt.warns)
			}
		})
	}
}

// buildXLSXRaw is buildXLSX plus a stored entry name of one byte that declares size bytes.
func buildXLSXRaw(tb testing.TB, parts []part, name string, size uint64) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, _ := zw.Create(p.name)
		w.Write([]byte(p.body))
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store, CompressedSize64: 1, UncompressedSize64: size})
	if err != nil {
		tb.Fatal(err)
	}
	w.Write([]byte("x"))
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
