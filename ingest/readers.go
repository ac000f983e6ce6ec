package ingest

import (
	"errors"
	"io"
	"io/fs"

	"github.com/yjsreport/yjsreport/ingest/csv"
	"github.com/yjsreport/yjsreport/ingest/sheet"
	"github.com/yjsreport/yjsreport/ingest/xlsx"
)

// The file readers, in one place so the rest of the package sees only sheet.Sheet.

func openXLSX(r io.ReaderAt, size int64, lim sheet.Limits) ([]sheet.Sheet, error) {
	return xlsx.Open(r, size, lim)
}

func openCSV(r io.ReaderAt, size int64, lim sheet.Limits) (sheet.Sheet, error) {
	return csv.Open(r, size, lim)
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
