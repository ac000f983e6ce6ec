package csv

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/yjsreport/yjsreport/ingest/sheet"
)

// BenchmarkReadCSV_100k reads 100,000 rows × 12 columns (about 8 MB) through both passes.
func BenchmarkReadCSV_100k(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("\xef\xbb\xbfchild_id,dob,locality,outcome,start,end,n,hours,status,breach,note,seq\r\n")
	for i := range 100_000 {
		fmt.Fprintf(&buf, "YJ%07d,%02d/%02d/2004,North,Youth Caution,01/04/2019,30/06/2019,%d,%.2f,Completed,No,\"note, %d\",%d\r\n",
			1000000+i%5000, 1+i%28, 1+i%12, i%9, float64(i%40)/4, i, i)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		s, err := Open(bytes.NewReader(data), int64(len(data)), sheet.DefaultLimits)
		if err != nil {
			b.Fatal(err)
		}
		rs, _ := s.Open()
		n := 0
		for rs.Next() {
			if len(rs.Cells()) != 12 {
				b.Fatalf("row %d: %q", rs.Line(), rs.Cells())
			}
			n++
		}
		if rs.Err() != nil || n != 100_001 {
			b.Fatalf("%d rows, %v", n, rs.Err())
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100_001, "ns/row")
}
