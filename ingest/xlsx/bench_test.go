package xlsx

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/yjsreport/yjsreport/ingest/sheet"
)

const benchRows, benchCols = 100_000, 12

var localities = []string{"City Centre", "North", "South", "East", "West & Rural"}
var outcomes = []string{"Youth Caution", "Referral Order", "YRO", "Community Resolution", "DTO"}

// streamWriterWorkbook writes a 100,000 × 12 sheet with excelize's StreamWriter, which writes
// text as inline strings: ids, localities and outcome types, integers, decimals and three
// date columns (time.Time values become date serials with a date style).
func streamWriterWorkbook(tb testing.TB) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		tb.Fatal(err)
	}
	header := make([]any, benchCols)
	for i := range header {
		header[i] = fmt.Sprintf("column_%d", i+1)
	}
	if err := sw.SetRow("A1", header); err != nil {
		tb.Fatal(err)
	}
	base := time.Date(2015, 4, 1, 0, 0, 0, 0, time.UTC)
	row := make([]any, benchCols)
	for i := range benchRows {
		row[0] = fmt.Sprintf("YJ%07d", 1000000+i%5000)
		row[1] = excelize.Cell{StyleID: dateStyle, Value: base.AddDate(-15, 0, i%3000)}
		row[2] = localities[i%len(localities)]
		row[3] = outcomes[i%len(outcomes)]
		row[4] = excelize.Cell{StyleID: dateStyle, Value: base.AddDate(0, 0, i%1500)}
		row[5] = excelize.Cell{StyleID: dateStyle, Value: base.AddDate(0, 0, i%1500+30)}
		row[6] = i % 9
		row[7] = float64(i%40) / 4
		row[8] = "Completed"
		row[9] = i%2 == 0
		row[10] = fmt.Sprintf("note %d", i)
		row[11] = i
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			tb.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// sharedStringsWorkbook writes the same shape as Excel itself would: text cells refer to a
// shared-string table (one entry per distinct text).
func sharedStringsWorkbook(tb testing.TB) []byte {
	tb.Helper()
	var strs []string
	index := map[string]int{}
	ss := func(s string) string {
		i, ok := index[s]
		if !ok {
			i = len(strs)
			index[s] = i
			strs = append(strs, s)
		}
		return fmt.Sprint(i)
	}
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	sb.WriteString(`<row r="1">`)
	for c := range benchCols {
		fmt.Fprintf(&sb, `<c r="%s1" t="s"><v>%s</v></c>`, columnName(c), ss(fmt.Sprintf("column_%d", c+1)))
	}
	sb.WriteString(`</row>`)
	for i := range benchRows {
		r := i + 2
		fmt.Fprintf(&sb, `<row r="%d" spans="1:12">`, r)
		cell := func(c int, t, v string) {
			if t != "" {
				t = ` t="` + t + `"`
			}
			fmt.Fprintf(&sb, `<c r="%s%d"%s><v>%s</v></c>`, columnName(c), r, t, v)
		}
		cell(0, "s", ss(fmt.Sprintf("YJ%07d", 1000000+i%5000)))
		fmt.Fprintf(&sb, `<c r="B%d" s="1"><v>%d</v></c>`, r, 36617+i%3000)
		cell(2, "s", ss(localities[i%len(localities)]))
		cell(3, "s", ss(outcomes[i%len(outcomes)]))
		fmt.Fprintf(&sb, `<c r="E%d" s="1"><v>%d</v></c>`, r, 42095+i%1500)
		fmt.Fprintf(&sb, `<c r="F%d" s="1"><v>%d</v></c>`, r, 42125+i%1500)
		cell(6, "", fmt.Sprint(i%9))
		cell(7, "", fmt.Sprint(float64(i%40)/4))
		cell(8, "s", ss("Completed"))
		cell(9, "b", fmt.Sprint(i%2))
		cell(10, "s", ss(fmt.Sprintf("note %d", i)))
		cell(11, "", fmt.Sprint(i))
		sb.WriteString(`</row>`)
	}
	sb.WriteString(`</sheetData></worksheet>`)
	var sst strings.Builder
	fmt.Fprintf(&sst, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(strs), len(strs))
	for _, s := range strs {
		fmt.Fprintf(&sst, `<si><t>%s</t></si>`, xmlEscape(s))
	}
	sst.WriteString(`</sst>`)
	return buildXLSX(tb, workbookParts(`<workbookPr/>`, []testSheet{{name: "Sheet1", xml: sb.String()}}, sst.String()))
}

func BenchmarkReadXLSX_100k(b *testing.B) {
	for _, tc := range []struct {
		name string
		gen  func(testing.TB) []byte
	}{
		{"inline-strings-excelize-streamwriter", streamWriterWorkbook},
		{"shared-strings", sharedStringsWorkbook},
	} {
		b.Run(tc.name, func(b *testing.B) {
			data := tc.gen(b)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				sheets, err := Open(bytes.NewReader(data), int64(len(data)), sheet.DefaultLimits)
				if err != nil {
					b.Fatal(err)
				}
				rs, err := sheets[0].Open()
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for rs.Next() {
					if len(rs.Cells()) != benchCols {
						b.Fatalf("row %d has %d cells, want %d: %q", rs.Line(), len(rs.Cells()), benchCols, rs.Cells())
					}
					n++
				}
				if rs.Err() != nil || n != benchRows+1 {
					b.Fatalf("read %d rows, err %v", n, rs.Err())
				}
				rs.Close()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(benchRows+1), "ns/row")
		})
	}
}

// BenchmarkExcelizeRows_100k is the alternative this package replaces: excelize's streaming
// Rows iterator with raw cell values, on the same StreamWriter file.
func BenchmarkExcelizeRows_100k(b *testing.B) {
	data := streamWriterWorkbook(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 1 << 30, UnzipXMLSizeLimit: 16 << 20})
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows("Sheet1")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			cols, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				b.Fatal(err)
			}
			if len(cols) != benchCols {
				b.Fatalf("row has %d cells", len(cols))
			}
			n++
		}
		rows.Close()
		f.Close()
		if n != benchRows+1 {
			b.Fatalf("read %d rows", n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(benchRows+1), "ns/row")
}
