package ingest

import (
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/yjsreport/yjsreport/ingest/csv"
	"github.com/yjsreport/yjsreport/ingest/sheet"
	"github.com/yjsreport/yjsreport/ingest/xlsx"
)

// The file readers, in one place so the rest of the package sees only sheet.Sheet, and how
// what they report becomes Problems.

func openXLSX(r io.ReaderAt, size int64, lim sheet.Limits) ([]sheet.Sheet, error) {
	return xlsx.Open(r, size, lim)
}

func openCSV(r io.ReaderAt, size int64, lim sheet.Limits) (sheet.Sheet, error) {
	return csv.Open(r, size, lim)
}

// decodeXLSX reads and decodes the sheets of an xlsx file whose SHA-256 is sum. When a
// sheet fails part-way in a way the fallback reader may get past (xlsx.CanFallback: a
// shared-string table in an unsupported encoding, say), the whole file is read again by the
// fallback reader, so that no sheet mixes rows of both; if that fails too, the first error
// stands.
func (dc *decoder) decodeXLSX(name, sum string, r io.ReaderAt, size int64, lim sheet.Limits) (*fileResult, error) {
	sheets, err := openXLSX(r, size, lim)
	if err != nil {
		return nil, &FileError{File: name, Err: err, Hint: hintFor(err)}
	}
	fr, err := dc.decodeSheets(name, sum, sheets)
	if err != nil && xlsx.CanFallback(err) {
		if fb, ferr := xlsx.Fallback(r, size, lim, err); ferr == nil {
			if fr2, err2 := dc.decodeSheets(name, sum, fb); err2 == nil {
				return fr2, nil
			}
		}
	}
	return fr, err
}

// sniff says what a .csv file really is when it is a workbook under the wrong name, or ""
// when it is not one (the CSV reader judges the rest).
func sniff(head []byte) string {
	switch xlsx.Sniff(head) {
	case xlsx.XLSXZip:
		return "a zip package (an .xlsx workbook or similar), not CSV text"
	case xlsx.OLE:
		return "an old-style .xls or encrypted workbook, not CSV text"
	}
	return ""
}

// hintFor says what to do about a reader's error.
func hintFor(err error) string {
	switch {
	case errors.Is(err, xlsx.ErrEncrypted):
		return "open it in Excel with its password, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it, OK), and save a copy as .xlsx (Excel Workbook) or .csv"
	case errors.Is(err, xlsx.ErrDocument):
		return "it is not a spreadsheet: put the extract exported from the case system in the input folder, or take this file out"
	case errors.Is(err, xlsx.ErrTooLarge), errors.Is(err, csv.ErrTooLarge):
		return "check it is the right file; if it is, split the extract into smaller files"
	case errors.Is(err, csv.ErrQuote):
		return "a quote mark in the row named is not closed; correct it, or open the file in Excel and save it as .csv again"
	case errors.Is(err, csv.ErrNotText):
		return "save it from Excel as \"CSV UTF-8 (Comma delimited)\" or as .xlsx (Excel Workbook)"
	case errors.Is(err, fs.ErrPermission):
		return "check you have permission to read it"
	case errors.Is(err, fs.ErrNotExist):
		return "check the file is still in the input folder"
	}
	return saveAsHint
}

// sheetNotes adds the notes a reader made about a whole sheet (sheet.Sheet.Notes).
func sheetNotes(res *sheetResult, sh sheet.Sheet) {
	for _, n := range sh.Notes {
		res.problems = append(res.problems, Problem{File: res.input.File, Sheet: sh.Name,
			Reason: n.Reason, Rule: n.Rule, Severity: SevNote})
	}
}

// readerNotes adds the reader's pending warnings (sheet.Warner) as notes: they concern rows
// that were not decoded (title rows, blank rows, rows after the last).
func readerNotes(res *sheetResult, rows sheet.Rows) {
	w, ok := rows.(sheet.Warner)
	if !ok {
		return
	}
	for _, x := range w.Warnings() {
		res.problems = append(res.problems, Problem{File: res.input.File, Sheet: res.input.Sheet, Row: x.Row,
			Column: columnLetters(x.Col), Reason: x.Reason, Rule: x.Rule, Severity: SevNote})
	}
}

// headerWarnings checks the reader's warnings up to the header row: values dropped from the
// header row (past the last column read) are an error, since a column of the extract may be
// among them; the rest become notes.
func headerWarnings(res *sheetResult, rows sheet.Rows, headerLine int) error {
	w, ok := rows.(sheet.Warner)
	if !ok {
		return nil
	}
	for _, x := range w.Warnings() {
		if x.Lost && x.Row == headerLine {
			return &FileError{File: res.input.File,
				Err: fmt.Errorf("%sthe header row %d has values past the last column read, from cell %s%d on: a column of the extract may be among them",
					where(res.input.Sheet), x.Row, columnLetters(x.Col), x.Row),
				Hint: "delete the stray values to the right of the header row, or save the extract with fewer columns"}
		}
		res.problems = append(res.problems, Problem{File: res.input.File, Sheet: res.input.Sheet, Row: x.Row,
			Column: columnLetters(x.Col), Reason: x.Reason, Rule: x.Rule, Severity: SevNote})
	}
	return nil
}

// readerWarnings takes the reader's warnings raised up to the current data row. Those about
// the row become its warnings (a cell of a column of the kind is named by the column, any
// other by its letters); on a rejected row they are dropped like its other warnings, except
// that one about the rejected cell is added to the rejection's reason (a formula never
// calculated explains a "blank" required value). Those about earlier rows, which were not
// read (blank rows), become notes.
func (r *rowDecoder) readerWarnings(res *sheetResult) {
	w, ok := r.rows.(sheet.Warner)
	if !ok {
		return
	}
	for _, x := range w.Warnings() {
		col := r.columnOf(x.Col)
		switch {
		case x.Row != r.line:
			res.problems = append(res.problems, Problem{File: r.file, Sheet: r.sheet, Row: x.Row,
				Column: col, Reason: x.Reason, Rule: x.Rule, Severity: SevNote})
		case r.rejected:
			if col != "" && col == r.rejection.Column {
				r.rejection.Reason += " (" + x.Reason + ")"
			}
		default:
			r.warns = append(r.warns, Problem{File: r.file, Sheet: r.sheet, Row: x.Row,
				Column: col, Reason: x.Reason, Rule: x.Rule, Severity: SevWarning})
		}
	}
}

// columnOf names the 0-based cell col of the current sheet: the canonical column it is of,
// or its letters ("" for -1, the whole row).
func (r *rowDecoder) columnOf(col int) string {
	if col < 0 {
		return ""
	}
	for c := range numColumns {
		if int(r.pos[c]) == col+1 {
			return c.String()
		}
	}
	return columnLetters(col)
}

// columnLetters is a 0-based column as a spreadsheet names it ("" for -1, the whole row).
func columnLetters(col int) string {
	if col < 0 {
		return ""
	}
	return sheet.ColumnName(col)
}
