package pdf

import (
	"bytes"
	"regexp"
	"testing"
	"time"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
)

// plainPDF is a one-page maroto PDF, its ModDate the clock (gofpdf's default).
func plainPDF(t *testing.T) []byte {
	t.Helper()
	m := maroto.New()
	m.AddRows(text.NewRow(10, "hello"))
	doc, err := m.Generate()
	if err != nil {
		t.Fatal(err)
	}
	return doc.GetBytes()
}

func TestStampModDate(t *testing.T) {
	asOf := time.Date(2019, 1, 31, 0, 0, 0, 0, time.UTC)
	modDate := regexp.MustCompile(`/ModDate \(D:(\d{14})\)`)

	t.Run("metadata dates are the as-of date: ModDate rewritten in place", func(t *testing.T) {
		orig := plainPDF(t)
		b := append([]byte(nil), orig...)
		if err := stampModDate(b, asOf); err != nil {
			t.Fatal(err)
		}
		m := modDate.FindSubmatch(b)
		if m == nil || string(m[1]) != "20190131000000" {
			t.Fatalf("ModDate after stamping: %q, want D:20190131000000", m)
		}
		// Only the 14 digits may change, so every xref offset still points at its object.
		if len(b) != len(orig) {
			t.Fatalf("length %d, was %d", len(b), len(orig))
		}
		loc := modDate.FindSubmatchIndex(orig)
		for i := range b {
			if b[i] != orig[i] && (i < loc[2] || i >= loc[3]) {
				t.Fatalf("byte %d changed outside the ModDate digits", i)
			}
		}
	})
	for _, tc := range []struct {
		name  string
		spoil func([]byte) []byte
	}{
		{"a file cut short is an error, not a guess", func(b []byte) []byte { return b[:len(b)-40] }},
		{"an Info dictionary without ModDate is an error",
			func(b []byte) []byte { return bytes.Replace(b, []byte("/ModDate"), []byte("/ModXate"), 1) }},
		{"a wrong startxref is an error", func(b []byte) []byte {
			return regexp.MustCompile(`startxref\n\d+`).ReplaceAll(b, []byte("startxref\n12"))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := stampModDate(tc.spoil(plainPDF(t)), asOf); err == nil {
				t.Error("no error")
			}
		})
	}
}
