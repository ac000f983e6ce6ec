package ingest

import (
	"fmt"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/yjsreport/yjsreport/ingest/sheet"
)

// benchRows builds n distinct disposal rows as an Excel sheet gives them (date serials).
func benchRows(n int) [][]string {
	rows := make([][]string, 0, n+1)
	rows = append(rows, split("Child ID,DOB,Gender,Ethnicity,Area,Offence Date,Outcome Date,Outcome,Offence Category,Gravity,Breach,Release Date"))
	outcomes := []string{"Youth Caution", "Referral Order", "YRO", "Community Resolution", "Fine", "DTO"}
	areas := []string{"North", "South", "East", "West", "City Centre"}
	for i := range n {
		dob := 36500 + i%2000 // 1999–2005
		offence := 42500 + i%700
		rel := ""
		out := outcomes[i%len(outcomes)]
		if out == "DTO" {
			rel = fmt.Sprint(offence + 200)
		}
		rows = append(rows, []string{fmt.Sprintf("YJ%07d", i/3), fmt.Sprint(dob), "Male", "White",
			areas[i%len(areas)], fmt.Sprint(offence), fmt.Sprint(offence + 30 + i%3), out, "theft_and_handling",
			fmt.Sprint(1 + i%8), "No", rel})
	}
	return rows
}

// BenchmarkDecode decodes 100,000 in-memory disposal rows, the work ingest adds on top of
// the file reader.
func BenchmarkDecode(b *testing.B) {
	const n = 100_000
	rows := benchRows(n)
	sh := rowsSheet("Outcomes", true, rows)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		ds, err := readMem(Options{AsOf: d(2019, 1, 31)}, memFile{"big.xlsx", []sheet.Sheet{sh}})
		if err != nil {
			b.Fatal(err)
		}
		if in := ds.Inputs[0]; in.Read != n || in.Accepted+in.Rejected+in.Duplicates != n {
			b.Fatalf("%+v", in)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkReadDirXLSX is ingest end to end — file, zip, sheet XML, decoding, rules,
// duplicates — on a 12-column disposals workbook of 10,000 and 100,000 rows written by
// excelize with real date cells. Target: 100,000 rows in under 2 s on a 2-core machine.
func BenchmarkReadDirXLSX(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			writeBenchWorkbook(b, filepath.Join(dir, "disposals.xlsx"), benchRows(n))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				ds, err := ReadDir(dir, Options{AsOf: d(2019, 1, 31)})
				if err != nil {
					b.Fatal(err)
				}
				if in := ds.Inputs[0]; in.Read != n {
					b.Fatalf("%+v", in)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// writeBenchWorkbook writes rows (header first) with excelize's StreamWriter; the columns
// holding serials (DOB, offence, outcome and release dates) are written as real dates.
func writeBenchWorkbook(b *testing.B, path string, rows [][]string) {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	dateCol := map[int]bool{1: true, 5: true, 6: true, 11: true}
	for r, row := range rows {
		cells := make([]any, len(row))
		for c, v := range row {
			if r > 0 && dateCol[c] && v != "" {
				serial, _ := strconv.Atoi(v)
				cells[c] = excelize.Cell{StyleID: style, Value: serial}
			} else {
				cells[c] = v
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := sw.SetRow(cell, cells); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
}
