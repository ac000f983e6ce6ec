package ingest

import (
	"fmt"
	"testing"

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
