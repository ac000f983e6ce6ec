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
	"bufio"
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
	dw := NewWriter(w)
	for _, p := range problems {
		if err := dw.Write(p); err != nil {
			return err
		}
	}
	return dw.Flush()
}

// Writer writes data-quality.csv one problem at a time, as a read finds them
// (ingest.Options.Problems), so that a run with millions of problems never holds the file
// or the problems in memory.
type Writer struct {
	b       *bufio.Writer
	cw      *csv.Writer
	started bool // the byte-order mark and the header are written
	rec     [7]string
}

// NewWriter returns a Writer writing to w. It writes nothing until the first problem or
// Flush; call Flush at the end.
func NewWriter(w io.Writer) *Writer {
	b := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(b) // writes into b itself, which is large enough
	cw.UseCRLF = true
	return &Writer{b: b, cw: cw}
}

func (w *Writer) start() error {
	if w.started {
		return nil
	}
	w.started = true
	if _, err := w.b.WriteString(bom); err != nil {
		return fmt.Errorf("data-quality.csv: %w", err)
	}
	if err := w.cw.Write(Header); err != nil {
		return fmt.Errorf("data-quality.csv: %w", err)
	}
	return nil
}

// Write writes one problem's line.
func (w *Writer) Write(p ingest.Problem) error {
	if err := w.start(); err != nil {
		return err
	}
	row := ""
	if p.Row > 0 {
		row = strconv.Itoa(p.Row)
	}
	w.rec = [7]string{p.File, p.Sheet, row, p.Column, string(p.Severity), p.Reason, p.ChildID}
	for i := range w.rec {
		w.rec[i] = Neutralise(w.rec[i])
	}
	if err := w.cw.Write(w.rec[:]); err != nil {
		return fmt.Errorf("data-quality.csv: %w", err)
	}
	return nil
}

// Flush writes the header if no problem was written, and everything buffered.
func (w *Writer) Flush() error {
	if err := w.start(); err != nil {
		return err
	}
	w.cw.Flush()
	if err := w.cw.Error(); err != nil {
		return fmt.Errorf("data-quality.csv: %w", err)
	}
	if err := w.b.Flush(); err != nil {
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
