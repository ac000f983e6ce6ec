package ingest

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the generated files in testdata/")

// TestWriteTestdata regenerates the small workbooks in testdata/ with excelize, an
// independent writer, when run with -update. The files are committed; this test only
// documents how they were made.
func TestWriteTestdata(t *testing.T) {
	if !*update {
		t.Skip("run with -update to regenerate testdata/")
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

	// workbook.xlsx: a notes sheet, an extract under a title, a hidden and an empty sheet.
	f := excelize.NewFile()
	must(f.SetSheetName("Sheet1", "Notes"))
	must(f.SetSheetRow("Notes", "A1", &[]any{"About this export"}))
	must(f.SetSheetRow("Notes", "A2", &[]any{"Run on 31/01/2019 by the performance team"}))
	_, err := f.NewSheet("Outcomes")
	must(err)
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	rows := [][]any{
		{"Youth Justice Disposals (OFFICIAL-SENSITIVE)"},
		nil,
		{"Child ID", "DOB", "Offence Date", "Sentence Date", "Disposal Type", "Sex", "Area", "Gravity"},
		{1001, day(2002, 6, 15), day(2018, 3, 1), day(2018, 4, 4), "YRO", "Male", "North", 5},
		{"1002", "15/07/2003", "2018-05-01", "10 May 2018", "Referral Order", "Female", "South", 3},
		{1001, day(2002, 6, 15), day(2018, 3, 1), day(2018, 4, 4), "YRO", "Male", "North", 5},
		{"1003", "01/01/2003", "01/02/2018", "31/02/2018", "YC", "Male", "East", 2},
		{"1004", "01/01/2003", "01/02/2018", "01/03/2018", "YC", "Male", "East", 9},
	}
	for i, r := range rows {
		if r == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		must(f.SetSheetRow("Outcomes", cell, &r))
	}
	must(f.SetCellStyle("Outcomes", "B4", "D6", dateStyle))
	_, err = f.NewSheet("Old")
	must(err)
	must(f.SetSheetRow("Old", "A1", &[]any{"victim_id", "child_id", "closure_date", "consented_to_contact"}))
	must(f.SetSheetRow("Old", "A2", &[]any{"V9", "1001", "01/01/2018", "yes"}))
	must(f.SetSheetVisible("Old", false))
	_, err = f.NewSheet("Blank")
	must(err)
	must(f.SaveAs(filepath.Join("testdata", "workbook.xlsx")))

	// date1904.xlsx: a victims extract in the 1904 date system, with an Excel boolean.
	// 4 April 2018 is serial 43194 in the 1900 system and 43194 − 1462 = 41732 in 1904.
	g := excelize.NewFile()
	yes := true
	must(g.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}))
	must(g.SetSheetName("Sheet1", "Victims"))
	must(g.SetSheetRow("Victims", "A1", &[]any{"Victim ID", "Child ID", "Closure Date", "Consent to Contact", "RJ Engaged"}))
	must(g.SetSheetRow("Victims", "A2", &[]any{"V1", "1001", 41732}))
	must(g.SetCellBool("Victims", "D2", true))
	must(g.SetCellBool("Victims", "E2", false))
	must(g.SaveAs(filepath.Join("testdata", "date1904.xlsx")))
	// encrypted.xlsx: the same workbook with a password, as Excel's "Encrypt with Password".
	must(g.SaveAs(filepath.Join("testdata", "encrypted.xlsx"), excelize.Options{Password: "secret"}))

	// corrupt.xlsx: a workbook cut short, as by a failed copy.
	data, err := os.ReadFile(filepath.Join("testdata", "workbook.xlsx"))
	must(err)
	must(os.WriteFile(filepath.Join("testdata", "corrupt.xlsx"), data[:len(data)/2], 0o644))
}
