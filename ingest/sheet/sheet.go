// Package sheet is the small contract between the file readers (ingest/xlsx, ingest/csv) and
// the decoding rules in ingest: a file is a list of sheets, a sheet a stream of rows of text
// cells. Readers know file formats; they know nothing of extract kinds.
package sheet

// Rows streams the rows of one sheet. Blank rows may or may not be returned; the caller
// skips them. Cells are raw text: an Excel number or date cell comes as its number
// ("43101" or "43101.5"), a boolean cell as "1" or "0", text as written.
type Rows interface {
	// Next advances to the next row; false at the end or on error (see Err).
	Next() bool
	// Cells returns the current row's cells, left to right (trailing empty cells may be
	// missing). The slice may be reused by the next call to Next.
	Cells() []string
	// Line returns the current row's 1-based row number as a spreadsheet program shows it
	// (for CSV, the record number: header row = 1).
	Line() int
	// Err returns the error that stopped Next, if any.
	Err() error
	// Close releases the sheet's resources.
	Close() error
}

// Sheet is one sheet of a workbook, or a whole CSV file (Name "").
type Sheet struct {
	Name     string
	Hidden   bool
	Excel    bool // cells come from an xlsx: a number in a date column is a date serial
	Date1904 bool // the workbook uses the 1904 date system
	// Open starts reading the sheet's rows.
	Open func() (Rows, error)
}

// Limits bound the resources one file may take, so a hostile or broken file fails clearly
// instead of exhausting memory.
type Limits struct {
	// MaxRows is the most rows a sheet may have. A real county exports tens of thousands;
	// a whole country's four years is about a million outcomes.
	MaxRows int
	// MaxColumns is the most cells a row may have.
	MaxColumns int
	// MaxCellBytes is the longest cell (Excel's own limit is 32,767 characters).
	MaxCellBytes int
	// MaxUnzipBytes is the most an xlsx may expand to in total (zip-bomb guard).
	MaxUnzipBytes int64
}

// DefaultLimits are the limits used unless a caller sets its own.
var DefaultLimits = Limits{
	MaxRows:       2_000_000,
	MaxColumns:    1_000,
	MaxCellBytes:  32_767 * 4,
	MaxUnzipBytes: 2 << 30,
}
