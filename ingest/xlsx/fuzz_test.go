package xlsx

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yjsreport/yjsreport/ingest/sheet"
)

// FuzzSheetXML feeds arbitrary worksheet XML to the row scanner: it must never panic or
// hang, and every row it returns must respect the limits.
func FuzzSheetXML(f *testing.F) {
	for _, p := range excelLikeParts() {
		if strings.HasPrefix(p.name, "xl/worksheets/") {
			f.Add([]byte(p.body))
		}
	}
	f.Add([]byte(`<sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c t="inlineStr"><is><r><t>a</t></r><rPh><t>b</t></rPh></is></c></row></sheetData>`))
	f.Add([]byte(`<sheetData><row><c><v><![CDATA[x]]></v><!-- c --></c><?pi x?></row>`))
	lim := sheet.Limits{MaxRows: 50, MaxColumns: 20, MaxCellBytes: 64, MaxUnzipBytes: 1 << 20}
	strs := func() (*sst, error) {
		return &sst{blocks: []string{"ab"}, blockSize: 1 << 20, off: []uint32{0, 1, 2}}, nil
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rs := newRows("S", io.NopCloser(bytes.NewReader(data)), strs, lim)
		defer rs.Close()
		for n := 0; rs.Next(); n++ {
			if n >= lim.MaxRows {
				t.Fatalf("returned more than MaxRows rows")
			}
			if len(rs.Cells()) > lim.MaxColumns {
				t.Fatalf("row %d has %d cells", rs.Line(), len(rs.Cells()))
			}
			for _, c := range rs.Cells() {
				if len(c) > 2*lim.MaxCellBytes { // _xHHHH_ decoding may lengthen a cell slightly
					t.Fatalf("cell of %d bytes", len(c))
				}
			}
			if rs.Line() <= 0 {
				t.Fatalf("line %d", rs.Line())
			}
		}
	})
}

// FuzzInlineStringRoundTrip: any text Excel can hold, written as an escaped inline string,
// reads back unchanged.
func FuzzInlineStringRoundTrip(f *testing.F) {
	for _, s := range []string{"Zoë", "a & b <c>", `"q" 'a'`, " lead", "£1,000", "line\nbreak", "]]>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.Contains(s, "_x") || strings.ContainsRune(s, '\r') || !xmlChars(s) || s == "" {
			return
		}
		data := `<sheetData><row r="3"><c r="B3" t="inlineStr"><is><t xml:space="preserve">` + xmlEscape(s) + `</t></is></c></row></sheetData>`
		rs := newRows("S", io.NopCloser(strings.NewReader(data)), nil, sheet.DefaultLimits)
		if !rs.Next() {
			t.Fatalf("no row: %v", rs.Err())
		}
		if got := rs.Cells(); len(got) != 2 || got[0] != "" || got[1] != s || rs.Line() != 3 {
			t.Fatalf("got %q on line %d, want [\"\" %q] on line 3", got, rs.Line(), s)
		}
	})
}

// xmlChars reports whether s holds only characters XML 1.0 allows.
func xmlChars(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError {
			return false
		}
	}
	return true
}

// FuzzSharedStrings: the shared-string parser never panics, and every string respects the
// cell limit.
func FuzzSharedStrings(f *testing.F) {
	for _, p := range excelLikeParts() {
		if p.name == "xl/sharedStrings.xml" {
			f.Add([]byte(p.body))
		}
	}
	f.Add([]byte(`<sst><si><r><t>a</t></r><rPh><t>b</t></rPh></si><si/><si><t>_x0041_</t></si></sst>`))
	lim := sheet.Limits{MaxCellBytes: 64}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := parseSST(bytes.NewReader(data), "sst", withDefaults(lim))
		if err != nil {
			return
		}
		for i := range s.len() {
			if len(s.get(i)) > 2*lim.MaxCellBytes {
				t.Fatalf("string %d has %d bytes", i, len(s.get(i)))
			}
		}
	})
}
