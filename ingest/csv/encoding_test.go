package csv

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/ingest/sheet"
)

// readWarn opens data and reads every row, with the sheet's notes and every warning.
func readWarn(t *testing.T, data []byte, lim sheet.Limits) ([]row, []sheet.Note, []sheet.Warning, error) {
	t.Helper()
	s, err := Open(bytes.NewReader(data), int64(len(data)), lim)
	if err != nil {
		return nil, nil, nil, err
	}
	rs, err := s.Open()
	if err != nil {
		return nil, nil, nil, err
	}
	defer rs.Close()
	var (
		got   []row
		warns []sheet.Warning
	)
	for rs.Next() {
		got = append(got, row{rs.Line(), append([]string(nil), rs.Cells()...)})
		warns = append(warns, rs.(sheet.Warner).Warnings()...)
	}
	return got, s.Notes, warns, rs.Err()
}

// lineWarn is the warning for line l, in row r, column col.
func lineWarn(r, col, l int) sheet.Warning {
	return sheet.Warning{Row: r, Col: col, Rule: ruleLineNotUTF8,
		Reason: "line " + strconv.Itoa(l) + " of the file is not valid UTF-8, so it was read as Windows-1252: check its accented letters and symbols"}
}

// SPEC §3: "a file that is not valid UTF-8 and has no valid UTF-8 multi-byte sequence is read
// whole as Windows-1252; in a file that has both, each line that is not valid UTF-8 is read
// as Windows-1252 and listed as a warning."
func TestEncodingByLine(t *testing.T) {
	w1252 := []sheet.Note{{Rule: ruleWindows1252}}
	tests := []struct {
		name  string
		data  string
		want  []row
		notes []sheet.Note // Reason not compared
		warns []sheet.Warning
	}{
		{"all UTF-8: read as it is", "name,town\nZoë,Bromley\n",
			[]row{{1, []string{"name", "town"}}, {2, []string{"Zoë", "Bromley"}}}, nil, nil},
		{"no line valid UTF-8 with a multi-byte character: plainly Windows-1252, one note",
			"name,town\nZo\xeb,Bromley\n\xa3 5,\x80\n",
			[]row{{1, []string{"name", "town"}}, {2, []string{"Zoë", "Bromley"}}, {3, []string{"£ 5", "€"}}}, w1252, nil},
		// 0xC3 0xA9 is "é" in UTF-8 and "Ã©" in Windows-1252; on a line with another byte
		// that is not UTF-8, the line is not valid UTF-8, so it is no evidence of UTF-8.
		{"a UTF-8 sequence on a line that is not UTF-8 is no evidence of UTF-8",
			"name\nCaf\xc3\xa9 \xeb\n",
			[]row{{1, []string{"name"}}, {2, []string{"CafÃ© ë"}}}, w1252, nil},
		{"one stray Windows-1252 line in UTF-8: that line read as Windows-1252, with a warning naming it",
			"name,town\nZoë,Bromley\nZo\xeb,Bromley\nRenée,Orpington\n",
			[]row{{1, []string{"name", "town"}}, {2, []string{"Zoë", "Bromley"}}, {3, []string{"Zoë", "Bromley"}}, {4, []string{"Renée", "Orpington"}}},
			nil, []sheet.Warning{lineWarn(3, 0, 3)}},
		{"a valid UTF-8 character on a Windows-1252 line is read as Windows-1252 too (the whole line)",
			"name,town\nZoë,Bromley\nCaf\xc3\xa9,\xa3\n",
			[]row{{1, []string{"name", "town"}}, {2, []string{"Zoë", "Bromley"}}, {3, []string{"CafÃ©", "£"}}},
			nil, []sheet.Warning{lineWarn(3, 0, 3)}},
		{"the warning names the column of the first cell with a non-ASCII character",
			"a,b,c\nZoë,x,y\n1,2,\x80 3\n",
			[]row{{1, []string{"a", "b", "c"}}, {2, []string{"Zoë", "x", "y"}}, {3, []string{"1", "2", "€ 3"}}},
			nil, []sheet.Warning{lineWarn(3, 2, 3)}},
		{"a byte-order mark says UTF-8: a Windows-1252 line is then a stray one",
			"\xef\xbb\xbfname\nZo\xeb\n",
			[]row{{1, []string{"name"}}, {2, []string{"Zoë"}}}, nil, []sheet.Warning{lineWarn(2, 0, 2)}},
		{"a quoted cell over two lines, one of them Windows-1252: the warning goes to its row",
			"id,note\n1,\"Zoë\nZo\xeb\"\n2,ok\n",
			[]row{{1, []string{"id", "note"}}, {2, []string{"1", "Zoë\nZoë"}}, {3, []string{"2", "ok"}}},
			nil, []sheet.Warning{lineWarn(2, 1, 3)}},
		{"CR and CR LF line ends count lines the same way",
			"a\r\nZoë\rZo\xeb\r\nok\n",
			[]row{{1, []string{"a"}}, {2, []string{"Zoë"}}, {3, []string{"Zoë"}}, {4, []string{"ok"}}},
			nil, []sheet.Warning{lineWarn(3, 0, 3)}},
		{"a file ending inside a UTF-8 sequence: that line is not UTF-8",
			"a\nZoë\nZo\xc3",
			[]row{{1, []string{"a"}}, {2, []string{"Zoë"}}, {3, []string{"ZoÃ"}}},
			nil, []sheet.Warning{lineWarn(3, 0, 3)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, notes, warns, err := readWarn(t, []byte(tt.data), sheet.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("rows\n%+v\nwant\n%+v", got, tt.want)
			}
			if len(notes) != len(tt.notes) || len(notes) == 1 && notes[0].Rule != tt.notes[0].Rule {
				t.Errorf("notes %+v, want %+v", notes, tt.notes)
			}
			if !reflect.DeepEqual(warns, tt.warns) {
				t.Errorf("warnings\n%+v\nwant\n%+v", warns, tt.warns)
			}
		})
	}
}

// TestMixedEncodingAcrossChunks: lines are judged whole, whatever the reads' boundaries.
func TestMixedEncodingAcrossChunks(t *testing.T) {
	pad := strings.Repeat("a", 64<<10-3)
	data := "h\n" + pad + "ë\n" + "x\xeby\n" + strings.Repeat("z", 70<<10) + "\xa3\n" + "é\n"
	got, notes, warns, err := readWarn(t, []byte(data), sheet.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 0 || len(got) != 5 || got[1].cells[0] != pad+"ë" || got[2].cells[0] != "xëy" ||
		got[3].cells[0] != strings.Repeat("z", 70<<10)+"£" || got[4].cells[0] != "é" {
		t.Fatalf("notes %v, %d rows", notes, len(got))
	}
	if len(warns) != 2 || warns[0].Row != 3 || warns[1].Row != 4 {
		t.Errorf("warnings %+v, want rows 3 and 4", warns)
	}
}

func TestColumnLimit(t *testing.T) {
	lim := sheet.Limits{MaxColumns: 3}
	data := "a,b,c,,\n1,2,3,4,,6\n,,,x\n"
	got, _, warns, err := readWarn(t, []byte(data), lim)
	if err != nil {
		t.Fatal(err)
	}
	want := []row{{1, []string{"a", "b", "c"}}, {2, []string{"1", "2", "3"}}, {3, []string{"", "", ""}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows %+v, want %+v", got, want)
	}
	wantW := []sheet.Warning{
		{Row: 2, Col: 3, Rule: ruleLost, Lost: true, Reason: "the values in cell D2 and 1 more cells to its right were ignored: they are past the last column read (C)"},
		{Row: 3, Col: 3, Rule: ruleLost, Lost: true, Reason: "the value in cell D3 was ignored: it is past the last column read (C)"},
	}
	if !reflect.DeepEqual(warns, wantW) {
		t.Errorf("warnings\n%+v\nwant\n%+v", warns, wantW)
	}
}

// TestTextPassesThrough: text comes out as written, in any script, control characters
// included (NUL makes the file not text).
func TestTextPassesThrough(t *testing.T) {
	cells := []string{"👩🏽‍⚕️ 😀 𝄞", "\u200fمرحبا שלום", "Zoe\u0308 n\u0303", "a\x01b\x1fc\x7fd\u0085e", "tab\there"}
	data := "h\n" + strings.Join(cells, ",") + "\n"
	got, notes, warns, err := readWarn(t, []byte(data), sheet.Limits{})
	if err != nil || len(notes) != 0 || len(warns) != 0 {
		t.Fatalf("err %v notes %v warnings %v", err, notes, warns)
	}
	if !reflect.DeepEqual(got[1].cells, cells) {
		t.Errorf("got %q, want %q", got[1].cells, cells)
	}
}
