// Package dqcsv writes data-quality.csv (SPEC §5): one line per problem found in the input —
// every rejected and duplicate row, every warning and every note about a file or sheet — for
// the performance team to correct at source.
//
// The file is UTF-8 with a byte-order mark (so Excel opens it as UTF-8), CRLF line ends
// (RFC 4180) and the header
//
//	file,sheet,row,column,severity,reason,child_id
//
// row is the spreadsheet row number, empty for a problem about a whole file or sheet.
// Unlike every other output, this file may carry child_id (SPEC §6): it is for the team that
// owns the case system, to find the record. Reasons quote cell values, so every cell that a
// spreadsheet program would read as a formula (starting with =, +, -, @, a tab or a carriage
// return) is written with a leading single quote, which makes it plain text.
package dqcsv

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/yjsreport/yjsreport/ingest"
)

// Header is the first line of data-quality.csv.
var Header = []string{"file", "sheet", "row", "column", "severity", "reason", "child_id"}

// bom is the UTF-8 byte-order mark.
const bom = "\ufeff"

// Write writes problems, in the order given, as data-quality.csv.
func Write(w io.Writer, problems []ingest.Problem) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return fmt.Errorf("data-quality.csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(Header); err != nil {
		return fmt.Errorf("data-quality.csv: %w", err)
	}
	for _, p := range problems {
		row := ""
		if p.Row > 0 {
			row = strconv.Itoa(p.Row)
		}
		rec := []string{p.File, p.Sheet, row, p.Column, string(p.Severity), p.Reason, p.ChildID}
		for i := range rec {
			rec[i] = Neutralise(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("data-quality.csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("data-quality.csv: %w", err)
	}
	return nil
}

// Neutralise returns s made safe from formula injection (CSV injection, OWASP): a cell that
// starts with =, +, -, @, a tab or a carriage return gets a leading single quote, so Excel,
// LibreOffice and Google Sheets show it as text instead of evaluating it.
func Neutralise(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
