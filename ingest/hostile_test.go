package ingest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/yjsreport/yjsreport/ingest/csv"
	"github.com/yjsreport/yjsreport/ingest/sheet"
	"github.com/yjsreport/yjsreport/ingest/xlsx"
)

// The hostile-input corpus (issue 7): files a careless export, a failed copy or a malicious
// sender may put in the input folder. Whatever the file, ReadDir must end in one of:
//
//   - an error: one line, naming the file, with a hint (SPEC §3: "a clear error naming the
//     file"; SPEC §7: "a one-line yjsreport: error: … naming the file, plus a hint");
//   - rows read, each one accepted, rejected with a located reason, or dropped as a
//     duplicate (SPEC §3.6: read = accepted + rejected + duplicates);
//   - the file skipped with a note, where SPEC §3 says so (folders, empty sheets);
//
// and never a panic, a hang or memory out of proportion to the limits.

const (
	hostileDeadline = 10 * time.Second
	// hostileMaxAlloc bounds what one read may allocate in total (so also its peak heap).
	// The big cases stream 16 to 64 MB of sheet XML or CSV, so a reader that held any of
	// them whole would fail; a streaming read of every case allocates under 2 MB.
	hostileMaxAlloc = 16 << 20
)

// goodCSV is a small good extract put beside each hostile file, so a failure is the hostile
// file's and not "no extracts". It is an improvement plan, a kind no hostile file has.
var goodCSV = planHeader + "\n" + planGood + "\n"

// hostileCase is one hostile input and the outcome SPEC asks for: (a) when errFile or errIs
// is set, else (c) when skipped is, else (b).
type hostileCase struct {
	name  string
	make  func(t *testing.T, dir string) // writes the hostile file(s) into dir
	alone bool                           // no good.csv beside it
	lim   sheet.Limits

	// Outcome (a): an error naming errFile (a name in the folder, or "" for the folder
	// itself), wrapping errIs when set, whose message contains msg and hint contains hint.
	errFile      string
	errIs, errOr error // errOr: or this one
	msg, hint    string

	// Outcome (b): the file's one sheet is read with these counts and these problems
	// ("row column rule").
	input    *Input
	problems []string
	check    func(t *testing.T, ds *Dataset)

	// Outcome (c): the file is skipped; skipped is its Dataset.Skipped entry or, for an
	// empty sheet, the problem note's rule.
	skipped string
}

func TestHostileInputs(t *testing.T) {
	// A disposals extract as xlsx cells: row 1 the header, then rows built by the cases.
	dispCols := split(dispHeader)
	col := func(name string) int {
		for i, c := range dispCols {
			if c == name {
				return i
			}
		}
		panic(name)
	}
	headerRow := xrow(1, inlineCells(dispCols)...)
	// dispRow is dispGood as inline-string cells with child_id id and the cell of column
	// name replaced by the raw cell XML c (with its r attribute filled in).
	dispRow := func(line int, id, name, c string) string {
		cells := inlineCells(split(with(dispHeader, with(dispHeader, dispGood, "child_id", id), name, "")))
		cells[col(name)] = c
		return xrow(line, cells...)
	}
	long := func(s string) string { return strings.Repeat(s, 32_767) } // Excel's cell limit, in characters

	tests := []hostileCase{
		{
			name: "empty .csv (zero bytes) is an error naming it",
			make: writeFile("empty.csv", ""), errFile: "empty.csv", errIs: ErrEmptyFile, msg: "0 bytes", hint: "export it again",
		},
		{
			name: "empty .xlsx (zero bytes) is an error naming it",
			make: writeFile("empty.xlsx", ""), errFile: "empty.xlsx", errIs: ErrEmptyFile, msg: "0 bytes", hint: "export it again",
		},
		{
			name: "truncated .xlsx (a real workbook cut in half) is an error naming it",
			make: func(t *testing.T, dir string) {
				data := readTestdata(t, "workbook.xlsx")
				writeFile("cut.xlsx", string(data[:len(data)/2]))(t, dir)
			},
			errFile: "cut.xlsx", errIs: xlsx.ErrCorrupt, msg: "not a complete zip package", hint: "save it as .xlsx",
		},
		{
			// 10 MB of rows (ten times the lowered limit) deflate to about 10 KB; the zip's
			// own header is honest, so the package is refused before the sheet is inflated.
			name: "zip bomb (sheet expands past MaxUnzipBytes) is an error naming it",
			make: writeXLSX("bomb.xlsx", repeatRows(400_000), 0),
			lim:  sheet.Limits{MaxUnzipBytes: 1 << 20}, errFile: "bomb.xlsx", errIs: xlsx.ErrTooLarge, hint: "split",
		},
		{
			// The same bomb whose zip header claims 100 bytes: the reader must stop at the
			// claim while inflating, not trust it. Inflating past the claim is a damaged
			// package (archive/zip's check) or too large (the reader's own count): either
			// is right.
			name: "zip bomb with a lying size header is an error naming it",
			make: writeXLSX("liar.xlsx", repeatRows(400_000), 100),
			lim:  sheet.Limits{MaxUnzipBytes: 1 << 20}, errFile: "liar.xlsx", errIs: xlsx.ErrTooLarge, errOr: xlsx.ErrCorrupt,
		},
		{
			// 10^6 cells of `<c><v>1</v></c>` is 16 MB of XML, within the default unzip
			// limit: past Excel's 16,384 columns, the row is not one Excel wrote.
			name: "a sheet of 10^6 columns is an error naming it",
			make: writeXLSX("wide.xlsx", func(w io.Writer) {
				io.WriteString(w, `<row r="1">`)
				chunk := strings.Repeat(`<c><v>1</v></c>`, 10_000)
				for range 100 {
					io.WriteString(w, chunk)
				}
				io.WriteString(w, `</row>`)
			}, 0),
			errFile: "wide.xlsx", errIs: xlsx.ErrTooLarge, msg: "more than 16384 cells", hint: "split",
		},
		{
			// Fields past the last column read (XFD) are dropped with a warning; the row is
			// then decoded as usual: "1" is not a date of birth. A rejected row lists only
			// its rejection.
			name:     "a CSV row of 10^6 columns is read to the last column",
			make:     writeFile("wide.csv", dispHeader+"\n"+strings.Repeat("1,", 1_000_000)+"\n"),
			input:    &Input{File: "wide.csv", Kind: KindDisposals, Read: 1, Rejected: 1},
			problems: []string{"2 date_of_birth not a date"},
		},
		{
			name:    "a CSV header row of 10^6 columns is an error naming it",
			make:    writeFile("wide-header.csv", strings.Repeat(dispHeader+",", 100_000)+"\n"+dispGood+"\n"),
			errFile: "wide-header.csv", msg: "header row 1 has values past the last column read", hint: "stray values",
		},
		{
			name: "a Word document renamed .xlsx is an error naming it",
			make: copyHostile("letter.docx", "letter.xlsx"), errFile: "letter.xlsx", errIs: xlsx.ErrDocument,
			msg: "Word document", hint: "not a spreadsheet",
		},
		{
			// Issue 16: 10^7 empty shared strings inflate 50 MB from 50 KB. The table is
			// read on first use, and stops at the limit on strings (lowered here).
			name: "a shared-string table of 10^7 strings is an error naming it and the limit",
			make: writeZip("sst.xlsx", workbookZParts(repeat(`<sst>`, `<si/>`, 10_000_000, `</sst>`),
				text(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`))),
			lim:     sheet.Limits{MaxSharedStrings: 100_000},
			errFile: "sst.xlsx", errIs: xlsx.ErrTooLarge, msg: "more than 100000 shared strings (the limit)", hint: "split",
		},
		{
			name: "a shared-string table past the byte limit is an error naming it and the limit",
			make: writeZip("sstbytes.xlsx", workbookZParts(repeat(`<sst>`, `<si><t>`+strings.Repeat("x", 1000)+`</t></si>`, 10_000, `</sst>`),
				text(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`))),
			lim:     sheet.Limits{MaxSharedStringBytes: 1 << 20},
			errFile: "sstbytes.xlsx", errIs: xlsx.ErrTooLarge, msg: "more than 1048576 bytes of shared strings (the limit)", hint: "split",
		},
		{
			// No sheet uses the table: it is never read, however large.
			name: "an unused shared-string bomb costs nothing",
			make: writeZip("unused.xlsx", workbookZParts(repeat(`<sst>`, `<si/>`, 10_000_000, `</sst>`),
				text(headerRow+dispRow(2, "1001", "locality", inline("North"))))),
			input: &Input{File: "unused.xlsx", Sheet: "Data", Kind: KindDisposals, Read: 1, Accepted: 1},
		},
		{
			name: "a workbook.xml nested 30,000 deep is an error naming the limit",
			make: writeZip("nested.xlsx", replacePart(workbookZParts(nil, text(headerRow)), "xl/workbook.xml",
				repeat(`<workbook>`+strings.Repeat("<a>", 30_000), "", 0, strings.Repeat("</a>", 30_000)+`</workbook>`))),
			errFile: "nested.xlsx", errIs: xlsx.ErrTooLarge, msg: "nest more than 64 deep", hint: "split",
		},
		{
			name: "a workbook.xml listing 50,000 sheets is an error naming the limit",
			make: writeZip("flat.xlsx", replacePart(workbookZParts(nil, text(headerRow)), "xl/workbook.xml",
				repeat(`<workbook xmlns:r="`+relNS+`"><sheets>`, `<sheet name="S" sheetId="1" r:id="rId1"/>`, 50_000, `</sheets></workbook>`))),
			errFile: "flat.xlsx", errIs: xlsx.ErrTooLarge, msg: "more than 1000 sheets (the limit)", hint: "split",
		},
		{
			// Issue 16: one part under many sheet names, read once per name, multiplies its
			// rows without limit. Excel gives each sheet its own part.
			name: "two sheets naming one part are an error naming the file",
			make: writeZip("twice.xlsx", replacePart(workbookZParts(nil, text(headerRow), text(headerRow)), "xl/_rels/workbook.xml.rels",
				text(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
					`<Relationship Id="rId1" Type="`+relNS+`/worksheet" Target="worksheets/sheet1.xml"/>`+
					`<Relationship Id="rId2" Type="`+relNS+`/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`))),
			errFile: "twice.xlsx", errIs: xlsx.ErrCorrupt, msg: "tampered", hint: "save it as .xlsx",
		},
		{
			name: "two zip entries of one name are an error naming the file",
			make: writeZip("dup.xlsx", append(workbookZParts(nil, text(headerRow)),
				zpart{"xl/worksheets/sheet1.xml", text(`<worksheet><sheetData/></worksheet>`)})),
			errFile: "dup.xlsx", errIs: xlsx.ErrCorrupt, msg: "damaged or has been tampered with", hint: "save it as .xlsx",
		},
		{
			name:    "a row holding more than MaxRowBytes is an error naming it",
			make:    writeZip("fatrow.xlsx", workbookZParts(nil, repeat(`<row r="1">`, `<c t="inlineStr"><is><t>`+strings.Repeat("x", 10_000)+`</t></is></c>`, 1000, `</row>`))),
			lim:     sheet.Limits{MaxRowBytes: 1 << 20},
			errFile: "fatrow.xlsx", errIs: xlsx.ErrTooLarge, msg: "row 1 holds more than 1048576 bytes of text (the limit)", hint: "split",
		},
		{
			// The worksheet part is UTF-16, as OOXML allows: its rows are read, not lost.
			name: "a worksheet in UTF-16 is read",
			make: writeZip("utf16.xlsx", replacePart(workbookZParts(nil, text("")), "xl/worksheets/sheet1.xml", func(w io.Writer) {
				io.WriteString(w, utf16LE(`<?xml version="1.0" encoding="UTF-16"?><worksheet><sheetData>`+headerRow+dispRow(2, "1001", "locality", inline("Zoë Town"))+`</sheetData></worksheet>`))
			})),
			input: &Input{File: "utf16.xlsx", Sheet: "Data", Kind: KindDisposals, Read: 1, Accepted: 1},
			check: func(t *testing.T, ds *Dataset) {
				if len(ds.Disposals) != 1 || ds.Disposals[0].Locality != "Zoë Town" {
					t.Errorf("disposals %+v", ds.Disposals)
				}
			},
		},
		{
			// Text in any script passes through the reader unchanged (the PDF's font is
			// another matter); control characters are kept.
			name: "emoji, right-to-left text, combining marks and control characters are kept",
			make: writeXLSX("scripts.xlsx", sheetRows(headerRow,
				dispRow(2, "1001", "locality", inline("👩🏽‍⚕️ 😀 𝄞")),
				dispRow(3, "1002", "locality", inline("\u200fمرحبا שלום")),
				dispRow(4, "1003", "locality", inline("Zoe\u0308")),
				dispRow(5, "1004", "locality", `<c t="inlineStr"><is><t>a_x0001_b</t></is></c>`),
			), 0),
			input: &Input{File: "scripts.xlsx", Sheet: "Data", Kind: KindDisposals, Read: 4, Accepted: 4},
			check: func(t *testing.T, ds *Dataset) {
				var got []string
				for _, r := range ds.Disposals {
					got = append(got, r.Locality)
				}
				if want := []string{"👩🏽‍⚕️ 😀 𝄞", "\u200fمرحبا שלום", "Zoe\u0308", "a\x01b"}; !reflect.DeepEqual(got, want) {
					t.Errorf("localities %q, want %q", got, want)
				}
			},
		},
		{
			// One line of 64 MB with no line end: the reader must give up at MaxCellBytes
			// (131,068 bytes by default), not buffer the line.
			name: "a CSV of one endless line is an error naming it",
			make: func(t *testing.T, dir string) {
				f, err := os.Create(filepath.Join(dir, "endless.csv"))
				if err != nil {
					t.Fatal(err)
				}
				chunk := bytes.Repeat([]byte("x"), 1<<20)
				for range 64 {
					f.Write(chunk)
				}
				if err := f.Close(); err != nil {
					t.Fatal(err)
				}
			},
			errFile: "endless.csv", errIs: csv.ErrTooLarge, msg: "longer than", hint: "split",
		},
		{
			// Row 2: 32,767 × "é" (65,534 bytes) in locality, free text, kept whole.
			// Row 3: 32,767 digits as text in offence_date, not a date.
			name: "32,767-character cells: free text is kept, a date is rejected",
			make: writeXLSX("long.xlsx", sheetRows(headerRow,
				dispRow(2, "1001", "locality", inline(long("é"))),
				dispRow(3, "1002", "offence_date", inline(long("1"))),
			), 0),
			input:    &Input{File: "long.xlsx", Sheet: "Data", Kind: KindDisposals, Read: 2, Accepted: 1, Rejected: 1},
			problems: []string{"3 offence_date not a date"},
			check: func(t *testing.T, ds *Dataset) {
				if len(ds.Disposals) != 1 || ds.Disposals[0].Locality != long("é") {
					t.Errorf("the 32,767-character locality was not kept whole")
				}
				// The reason quotes the first 40 characters of the cell.
				want := `"` + strings.Repeat("1", 40) + `"… is not a date (use DD/MM/YYYY)`
				for _, p := range ds.Problems {
					if p.File == "long.xlsx" && p.Reason != want {
						t.Errorf("reason %.100q, want %q", p.Reason, want)
					}
				}
			},
		},
		{
			name: "32,767-character CSV cells: free text is kept, a date is rejected",
			make: writeFile("long.csv", dispHeader+"\n"+
				with(dispHeader, dispGood, "locality", long("é"))+"\n"+
				with(dispHeader, with(dispHeader, dispGood, "child_id", "1002"), "offence_date", long("1"))+"\n"),
			input:    &Input{File: "long.csv", Kind: KindDisposals, Read: 2, Accepted: 1, Rejected: 1},
			problems: []string{"3 offence_date not a date"},
			check: func(t *testing.T, ds *Dataset) {
				if len(ds.Disposals) != 1 || ds.Disposals[0].Locality != long("é") {
					t.Errorf("the 32,767-character locality was not kept whole")
				}
			},
		},
		{
			name:    "malformed sheet XML is an error naming it",
			make:    writeXLSX("malformed.xlsx", sheetRows(headerRow, `<row r="2"><c r="A2" t="inlineStr"><is><t>1001</t></is></c><c r=B2>`), 0),
			errFile: "malformed.xlsx", errIs: xlsx.ErrCorrupt, msg: `sheet "Data"`, hint: "save it as .xlsx",
		},
		{
			name: "XML cut off mid-row is an error naming it",
			make: writeXLSX("cutoff.xlsx", func(w io.Writer) {
				io.WriteString(w, headerRow+`<row r="2"><c r="A2" t="inlineStr"><is><t>10`)
			}, -1),
			errFile: "cutoff.xlsx", errIs: xlsx.ErrCorrupt, hint: "save it as .xlsx",
		},
		{
			// Row 2: TODAY() with the cached serial 43160 = 43101 (1 Jan 2018) + 59 days =
			// 1 March 2018, which is used. Row 3: never calculated, no cached value, so
			// offence_date is blank. Row 4: a cached #DIV/0! error is not a date.
			name: "formulas in a date column: the cached value is used, none is blank",
			make: writeXLSX("formulas.xlsx", sheetRows(headerRow,
				dispRow(2, "1001", "offence_date", `<c><f>TODAY()</f><v>43160</v></c>`),
				dispRow(3, "1002", "offence_date", `<c><f>TODAY()</f></c>`),
				dispRow(4, "1003", "offence_date", `<c t="e"><f>1/0</f><v>#DIV/0!</v></c>`),
			), 0),
			input:    &Input{File: "formulas.xlsx", Sheet: "Data", Kind: KindDisposals, Read: 3, Accepted: 1, Rejected: 2},
			problems: []string{"3 offence_date required value blank", "4 offence_date not a date"},
			check: func(t *testing.T, ds *Dataset) {
				if len(ds.Disposals) != 1 || ds.Disposals[0].OffenceDate != d(2018, 3, 1) {
					t.Errorf("disposals %+v, want one with offence_date 01/03/2018", ds.Disposals)
				}
			},
		},
		{
			name: "password-protected workbook is an error naming it",
			make: copyHostile("encrypted.xlsx", "encrypted.xlsx"), errFile: "encrypted.xlsx", errIs: xlsx.ErrEncrypted, hint: "remove the password",
		},
		{
			name: "legacy .xls is an error naming it",
			make: copyHostile("legacy.xls", "legacy.xls"), errFile: "legacy.xls", msg: "Excel 97-2003", hint: "save it as .xlsx",
		},
		{
			name: "legacy .xls renamed .xlsx is an error naming it",
			make: copyHostile("legacy.xls", "renamed.xlsx"), errFile: "renamed.xlsx", errIs: xlsx.ErrLegacyXLS, hint: "save it as .xlsx",
		},
		{
			name: ".xlsx that is really CSV is an error naming it",
			make: writeFile("text.xlsx", dispHeader+"\n"+dispGood+"\n"), errFile: "text.xlsx", errIs: xlsx.ErrNotXLSX, msg: "plain text", hint: "save it as .xlsx",
		},
		{
			name: ".csv that is really an OLE file (.xls) is an error naming it",
			make: copyHostile("legacy.xls", "ole.csv"), errFile: "ole.csv", msg: "is named .csv but is an old-style .xls", hint: "right extension",
		},
		{
			name: ".csv that is really an encrypted workbook is an error naming it",
			make: copyHostile("encrypted.xlsx", "secret.csv"), errFile: "secret.csv", msg: "is named .csv but", hint: "right extension",
		},
		{
			name:    "CSV with NUL bytes is an error naming it",
			make:    writeFile("nul.csv", dispHeader+"\n"+"1001,15/06/2002\x00,01/03/2018\n"),
			errFile: "nul.csv", errIs: csv.ErrNotText, msg: "line 2", hint: "CSV UTF-8",
		},
		{
			// \n, \r\n and a lone \r end rows 1, 2 and 3: all three records are read.
			name: "mixed line endings: every row is read",
			make: writeFile("mixed.csv", dispHeader+"\n"+
				with(dispHeader, dispGood, "child_id", "1001")+"\r\n"+
				with(dispHeader, dispGood, "child_id", "1002")+"\r"+
				with(dispHeader, dispGood, "child_id", "1003")+"\n"),
			input: &Input{File: "mixed.csv", Kind: KindDisposals, Read: 3, Accepted: 3},
			check: func(t *testing.T, ds *Dataset) {
				var ids []string
				for _, r := range ds.Disposals {
					ids = append(ids, fmt.Sprintf("%s@%d", r.ChildID, r.Src.Row))
				}
				if want := []string{"1001@2", "1002@3", "1003@4"}; !reflect.DeepEqual(ids, want) {
					t.Errorf("rows %q, want %q", ids, want)
				}
			},
		},
		{
			// The quote opened in row 2 never closes: read on, it would swallow row 3.
			name: "a quote that never closes is an error naming the file and row",
			make: writeFile("quote.csv", dispHeader+"\n"+
				with(dispHeader, dispGood, "locality", `"North`)+"\n"+
				with(dispHeader, dispGood, "child_id", "1002")+"\n"),
			errFile: "quote.csv", errIs: csv.ErrQuote, msg: "row 2", hint: "quote mark",
		},
		{
			name: "text after a closing quote is an error naming the file and row",
			make: writeFile("quote2.csv", dispHeader+"\n"+
				with(dispHeader, dispGood, "locality", `"North"ern`)+"\n"),
			errFile: "quote2.csv", errIs: csv.ErrQuote, msg: "row 2", hint: "quote mark",
		},
		{
			name: "a folder with no extracts (only a .txt) is an error naming the folder",
			make: writeFile("readme.txt", "exports go here\n"), alone: true,
			errFile: "", errIs: ErrNoExtracts, msg: "readme.txt (skipped: not a data file)", hint: "header row",
		},
		{
			// Running as root (as in CI), chmod 000 does not stop reading, so an
			// unreadable file is made another way: a symbolic link to nothing.
			name: "a dangling symlink named .csv is an error naming it",
			make: func(t *testing.T, dir string) {
				if err := os.Symlink(filepath.Join(dir, "gone.csv"), filepath.Join(dir, "link.csv")); err != nil {
					t.Skipf("cannot make a symlink: %v", err)
				}
			},
			errFile: "link.csv", errIs: os.ErrNotExist, msg: "cannot be opened", hint: "still in the input folder",
		},
		{
			name: "a folder named x.csv is skipped as a folder",
			make: func(t *testing.T, dir string) {
				if err := os.Mkdir(filepath.Join(dir, "x.csv"), 0o755); err != nil {
					t.Fatal(err)
				}
			},
			skipped: "x.csv (folder)",
		},
		{
			name: "a symlink to a folder, named x.csv, is skipped as a folder",
			make: func(t *testing.T, dir string) {
				sub := t.TempDir()
				if err := os.Symlink(sub, filepath.Join(dir, "x.csv")); err != nil {
					t.Skipf("cannot make a symlink: %v", err)
				}
			},
			skipped: "x.csv (folder)",
		},
	}
	if os.Geteuid() != 0 {
		// Only where permission bits bind (not as root): chmod 000 makes the file unreadable.
		tests = append(tests, hostileCase{
			name: "a file without read permission is an error naming it",
			make: func(t *testing.T, dir string) {
				writeFile("locked.csv", goodCSV)(t, dir)
				if err := os.Chmod(filepath.Join(dir, "locked.csv"), 0); err != nil {
					t.Fatal(err)
				}
			},
			errFile: "locked.csv", errIs: os.ErrPermission, msg: "cannot be opened", hint: "permission",
		})
	}
	if mkfifo, err := exec.LookPath("mkfifo"); err == nil {
		// Opening a named pipe for reading waits for a writer, which never comes.
		tests = append(tests, hostileCase{
			name: "a named pipe called .csv is an error naming it, not a hang",
			make: func(t *testing.T, dir string) {
				if out, err := exec.Command(mkfifo, filepath.Join(dir, "pipe.csv")).CombinedOutput(); err != nil {
					t.Skipf("mkfifo: %v %s", err, out)
				}
			},
			errFile: "pipe.csv", msg: "not a regular file", hint: "exported file itself",
		})
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { runHostileCase(t, tt) })
	}
}

// TestQuotedClipsLongCells: a reason quotes at most 40 characters (not bytes) of a cell.
func TestQuotedClipsLongCells(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"blank", "", `""`},
		{"40 characters are quoted whole", strings.Repeat("é", 40), `"` + strings.Repeat("é", 40) + `"`},
		{"41 characters are clipped to 40 and marked", strings.Repeat("é", 41), `"` + strings.Repeat("é", 40) + `"…`},
		{"a line end is escaped, not written", "a\nb", `"a\nb"`},
		{"invalid UTF-8 counts a byte a character", strings.Repeat("\xff", 41), `"` + strings.Repeat(`\xff`, 40) + `"…`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := quoted(tt.in); got != tt.want {
				t.Errorf("quoted(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

// runHostileCase builds the case's folder, reads it under a deadline and a memory bound, and
// checks the outcome.
func runHostileCase(t *testing.T, tt hostileCase) {
	dir := t.TempDir()
	if !tt.alone {
		writeFile("good.csv", goodCSV)(t, dir)
	}
	tt.make(t, dir)

	type result struct {
		ds    *Dataset
		err   error
		alloc uint64
		panic any
	}
	done := make(chan result, 1)
	go func() {
		var res result
		defer func() {
			res.panic = recover()
			done <- res
		}()
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		res.ds, res.err = ReadDir(dir, Options{AsOf: asOf, Limits: tt.lim})
		runtime.ReadMemStats(&after)
		res.alloc = after.TotalAlloc - before.TotalAlloc
	}()
	var res result
	select {
	case res = <-done:
	case <-time.After(hostileDeadline):
		t.Fatalf("ReadDir did not return within %v", hostileDeadline)
	}
	if res.panic != nil {
		t.Fatalf("ReadDir panicked: %v", res.panic)
	}
	t.Logf("allocated %.1f MB", float64(res.alloc)/(1<<20))
	if res.alloc > hostileMaxAlloc {
		t.Errorf("ReadDir allocated %d MB, more than %d MB", res.alloc>>20, hostileMaxAlloc>>20)
	}
	ds, err := res.ds, res.err

	switch {
	case tt.errFile != "" || tt.errIs == ErrNoExtracts:
		want := tt.errFile
		if want == "" {
			want = dir
		}
		checkFileError(t, err, want, tt.errIs, tt.errOr, tt.msg, tt.hint)
	case err != nil:
		t.Fatalf("ReadDir: %v", err)
	case tt.skipped != "":
		checkSkipped(t, ds, tt.skipped)
	default:
		checkInput(t, ds, tt)
	}
}

// checkFileError checks outcome (a): one line that starts with the file's name, a hint.
func checkFileError(t *testing.T, err error, file string, is, or error, msg, hint string) {
	t.Helper()
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("error %v, want a *FileError", err)
	}
	text := err.Error()
	t.Logf("error: %s\nhint: %s", text, fe.Hint)
	if strings.ContainsAny(text, "\r\n") {
		t.Errorf("error is not one line: %q", text)
	}
	if fe.File != file || !strings.HasPrefix(text, file+": ") {
		t.Errorf("error %q names %q, want %q", text, fe.File, file)
	}
	if !strings.Contains(text, msg) {
		t.Errorf("error %q lacks %q", text, msg)
	}
	if is != nil && !errors.Is(err, is) && (or == nil || !errors.Is(err, or)) {
		t.Errorf("error %q is not %v (or %v)", text, is, or)
	}
	if fe.Hint == "" || strings.ContainsAny(fe.Hint, "\r\n") || !strings.Contains(fe.Hint, hint) {
		t.Errorf("hint %q, want one line containing %q", fe.Hint, hint)
	}
}

// checkSkipped checks outcome (c): the file is listed as skipped, or its sheet noted as
// empty, and the good file is still read.
func checkSkipped(t *testing.T, ds *Dataset, want string) {
	t.Helper()
	found := false
	for _, s := range ds.Skipped {
		found = found || s == want
	}
	for _, p := range ds.Problems {
		found = found || p.Rule == want && p.Severity == SevNote
	}
	if !found {
		t.Errorf("skipped %q, problems %v: want %q", ds.Skipped, ds.Problems, want)
	}
	if len(ds.Inputs) != 1 || ds.Inputs[0].File != "good.csv" || len(ds.Plan) != 1 {
		t.Errorf("inputs %+v, want only good.csv read", ds.Inputs)
	}
}

// checkInput checks outcome (b): the counts, the identity read = accepted + rejected +
// duplicates, and every problem located and explained.
func checkInput(t *testing.T, ds *Dataset, tt hostileCase) {
	t.Helper()
	var got *Input
	for i := range ds.Inputs {
		if ds.Inputs[i].File == tt.input.File {
			got = &ds.Inputs[i]
		}
	}
	if got == nil {
		t.Fatalf("no input %s in %+v", tt.input.File, ds.Inputs)
	}
	counts := func(in *Input) string {
		return fmt.Sprintf("sheet %q kind %q read %d accepted %d rejected %d duplicates %d",
			in.Sheet, in.Kind, in.Read, in.Accepted, in.Rejected, in.Duplicates)
	}
	if counts(got) != counts(tt.input) {
		t.Errorf("input %s\nwant  %s", counts(got), counts(tt.input))
	}
	if got.Read != got.Accepted+got.Rejected+got.Duplicates {
		t.Errorf("read %d != accepted %d + rejected %d + duplicates %d", got.Read, got.Accepted, got.Rejected, got.Duplicates)
	}
	var probs []string
	for _, p := range ds.Problems {
		if p.File != tt.input.File {
			continue
		}
		probs = append(probs, fmt.Sprintf("%d %s %s", p.Row, p.Column, p.Rule))
		if p.Severity != SevNote && (p.Row == 0 || p.Column == "") || p.Reason == "" {
			t.Errorf("problem %+v is not located and explained", p)
		}
		// The reason goes to data-quality.csv, which people open in Excel (a cell holds at
		// most 32,767 characters) and to the terminal: it quotes a bad value, not a page.
		if len(p.Reason) > 200 || strings.ContainsAny(p.Reason, "\r\n") {
			t.Errorf("reason of row %d is %d bytes or several lines: %.80q…", p.Row, len(p.Reason), p.Reason)
		}
	}
	if !reflect.DeepEqual(probs, tt.problems) {
		t.Errorf("problems %q\nwant %q", probs, tt.problems)
	}
	if tt.check != nil {
		tt.check(t, ds)
	}
}

// writeZip returns a case maker writing parts as a zip package to name.
func writeZip(name string, parts []zpart) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
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

// repeat writes head, then unit n times, then tail, without holding it all.
func repeat(head, unit string, n int, tail string) func(io.Writer) {
	return func(w io.Writer) {
		io.WriteString(w, head)
		if unit != "" && n > 0 {
			per := max(1, min(n, 64<<10/len(unit)))
			chunk := strings.Repeat(unit, per)
			for i := 0; i+per <= n; i += per {
				io.WriteString(w, chunk)
			}
			io.WriteString(w, strings.Repeat(unit, n%per))
		}
		io.WriteString(w, tail)
	}
}

func utf16LE(s string) string {
	b := []byte{0xFF, 0xFE}
	for _, c := range utf16.Encode([]rune(s)) {
		b = append(b, byte(c), byte(c>>8))
	}
	return string(b)
}

// writeFile returns a case maker writing content to name.
func writeFile(name, content string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// copyHostile returns a case maker copying testdata/hostile/src to name.
func copyHostile(src, name string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		writeFile(name, string(readTestdata(t, filepath.Join("hostile", src))))(t, dir)
	}
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// inline returns an inline-string cell (its r attribute is added by xrow).
func inline(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<c t="inlineStr"><is><t>`)
	xmlEscape(&b, s)
	b.WriteString(`</t></is></c>`)
	return b.String()
}

func xmlEscape(b *strings.Builder, s string) {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	r.WriteString(b, s)
}

func inlineCells(vals []string) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = inline(v)
	}
	return out
}

// xrow is row line of cells, each given its reference (columns A–Z only); "" cells are left
// out.
func xrow(line int, cells ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, line)
	for i, c := range cells {
		if c == "" {
			continue
		}
		b.WriteString(strings.Replace(c, "<c", fmt.Sprintf(`<c r="%c%d"`, 'A'+i, line), 1))
	}
	b.WriteString(`</row>`)
	return b.String()
}

// sheetRows writes the given rows as a sheet's body.
func sheetRows(rows ...string) func(io.Writer) {
	return func(w io.Writer) {
		for _, r := range rows {
			io.WriteString(w, r)
		}
	}
}

// repeatRows writes n identical one-cell rows without references, 26 bytes each.
func repeatRows(n int) func(io.Writer) {
	return func(w io.Writer) {
		chunk := strings.Repeat(`<row><c><v>1</v></c></row>`, 10_000)
		for range n / 10_000 {
			io.WriteString(w, chunk)
		}
	}
}

// writeXLSX returns a case maker writing a one-sheet ("Data") workbook to name, the sheet's
// rows streamed by body. claim > 0 writes the sheet part with a zip header claiming claim
// uncompressed bytes (a lying header); claim < 0 leaves the sheet XML unclosed.
func writeXLSX(name string, body func(io.Writer), claim int64) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		zw := zip.NewWriter(f)
		add := func(part, content string) {
			w, err := zw.Create(part)
			if err != nil {
				t.Fatal(err)
			}
			io.WriteString(w, content)
		}
		const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
		add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`+
			`<Default Extension="xml" ContentType="application/xml"/>`+
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`+
			`</Types>`)
		add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
			`<Relationship Id="rId1" Type="`+rel+`/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
		add("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
			`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="`+rel+`">`+
			`<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`)
		add("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
			`<Relationship Id="rId1" Type="`+rel+`/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)

		writeSheet := func(w io.Writer) {
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
				`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
			body(w)
			if claim >= 0 {
				io.WriteString(w, `</sheetData></worksheet>`)
			}
		}
		const sheetPart = "xl/worksheets/sheet1.xml"
		if claim > 0 {
			// Deflate by hand, counting the true size and CRC, then store it with a
			// header that lies about the size.
			var deflated bytes.Buffer
			fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
			crc := crc32.NewIEEE()
			writeSheet(io.MultiWriter(fw, crc))
			fw.Close()
			w, err := zw.CreateRaw(&zip.FileHeader{Name: sheetPart, Method: zip.Deflate, CRC32: crc.Sum32(),
				CompressedSize64: uint64(deflated.Len()), UncompressedSize64: uint64(claim)})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(deflated.Bytes())
		} else {
			w, err := zw.Create(sheetPart)
			if err != nil {
				t.Fatal(err)
			}
			writeSheet(w)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		if st, err := f.Stat(); err == nil && st.Size() > 1<<20 {
			t.Fatalf("%s is %d bytes; a hostile case should be small on disk", name, st.Size())
		}
	}
}
