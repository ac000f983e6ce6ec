// Package sheet is the small contract between the file readers (ingest/xlsx, ingest/csv) and
// the decoding rules in ingest: a file is a list of sheets, a sheet a stream of rows of text
// cells. Readers know file formats; they know nothing of extract kinds.
package sheet

// Rows streams the rows of one sheet. Blank rows may or may not be returned; the caller
// skips them. Cells are raw text: an Excel number or date cell comes as its number
// ("43101" or "43101.5"), a boolean cell as "1" or "0", text as written.
//
// Rows may also implement Warner, to report what it had to do to a row.
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

// Warner is implemented by Rows that report warnings about the rows they read: a value
// dropped, a cell read in a way the person who supplied the file should check.
type Warner interface {
	// Warnings returns the warnings raised since the last call, in row order. They
	// concern the rows read so far: the current row, or rows before it that Next did not
	// return. The slice may be reused by the next call to Warnings. A reader holds at
	// most some thousands for a caller that does not ask, and sums up the rest in one.
	Warnings() []Warning
}

// Warning is something a reader noticed about a cell or a row.
type Warning struct {
	Row int // the row's number, as Line gives it
	// Col is the 0-based column of the cell concerned, or -1 for the whole row.
	Col int
	// Rule is the reason without the values, for grouping ("formula not calculated").
	Rule string
	// Reason says what was found and what to do, naming the cell.
	Reason string
	// Lost means values were dropped from the row (they were past the column limit). In
	// the header row that is fatal: a column of the extract may be among them.
	Lost bool
}

// Note is something a reader did to a whole sheet that the person who supplied the file
// should know (the encoding it guessed, the fallback reader it used).
type Note struct {
	Rule   string // the reason without the values, for grouping
	Reason string
}

// Sheet is one sheet of a workbook, or a whole CSV file (Name "").
type Sheet struct {
	Name     string
	Hidden   bool
	Excel    bool // cells come from an xlsx: a number in a date column is a date serial
	Date1904 bool // the workbook uses the 1904 date system
	Notes    []Note
	// Open starts reading the sheet's rows.
	Open func() (Rows, error)
}

// Limits bound the resources one file may take, so a hostile or broken file fails clearly
// and quickly instead of exhausting memory. Each is far above what a real extract needs.
type Limits struct {
	// MaxRows is the most rows a sheet may have, and a workbook in all its sheets (each
	// sheet's rows are held until the file is merged): Excel's own limit for a sheet,
	// 1,048,576. A real county exports tens of thousands of rows.
	MaxRows int
	// MaxColumns is how many columns of a row are read: Excel's own width (A to XFD).
	// Values past it are dropped with a warning (an error in the header row).
	MaxColumns int
	// MaxCellBytes is the longest cell (Excel's own limit is 32,767 characters, at most 4
	// bytes each in UTF-8).
	MaxCellBytes int
	// MaxRowBytes is the most text one row may hold: a row is held whole while it is read,
	// and 16,384 cells of MaxCellBytes would be 2 GiB. A real row is a few kilobytes.
	MaxRowBytes int
	// MaxUnzipBytes is the most an xlsx may expand to in total (zip-bomb guard), counting
	// the bytes actually inflated, not the sizes the zip declares.
	MaxUnzipBytes int64
	// MaxSharedStrings and MaxSharedStringBytes bound an xlsx's shared-string table, the
	// one part held whole in memory (as one block of text plus 4 bytes of offset per
	// string). Excel writes one entry per distinct text: a million-row extract has a few
	// million at most.
	MaxSharedStrings     int
	MaxSharedStringBytes int
	// MaxSheets is the most sheets a workbook may list: each is read and decoded. Exports
	// have a handful.
	MaxSheets int
}

// DefaultLimits are the limits used unless a caller sets its own.
var DefaultLimits = Limits{
	MaxRows:              1 << 20,
	MaxColumns:           16_384,
	MaxCellBytes:         32_767 * 4,
	MaxRowBytes:          16 << 20,
	MaxUnzipBytes:        2 << 30,
	MaxSharedStrings:     8 << 20,
	MaxSharedStringBytes: 256 << 20,
	MaxSheets:            1_000,
}

// WithDefaults fills each zero (or negative) limit from DefaultLimits, so a zero Limits is
// safe.
func (l Limits) WithDefaults() Limits {
	d := DefaultLimits
	if l.MaxRows <= 0 {
		l.MaxRows = d.MaxRows
	}
	if l.MaxColumns <= 0 {
		l.MaxColumns = d.MaxColumns
	}
	if l.MaxCellBytes <= 0 {
		l.MaxCellBytes = d.MaxCellBytes
	}
	if l.MaxRowBytes <= 0 {
		l.MaxRowBytes = d.MaxRowBytes
	}
	if l.MaxUnzipBytes <= 0 {
		l.MaxUnzipBytes = d.MaxUnzipBytes
	}
	if l.MaxSharedStrings <= 0 {
		l.MaxSharedStrings = d.MaxSharedStrings
	}
	if l.MaxSharedStringBytes <= 0 {
		l.MaxSharedStringBytes = d.MaxSharedStringBytes
	}
	if l.MaxSheets <= 0 {
		l.MaxSheets = d.MaxSheets
	}
	return l
}

// ColumnName is the letters of a 0-based column as a spreadsheet shows them: 0 → A,
// 26 → AA, 16383 → XFD.
func ColumnName(col int) string {
	if col < 0 {
		return "?"
	}
	var b [8]byte
	i := len(b)
	for col++; col > 0 && i > 0; col = (col - 1) / 26 {
		i--
		b[i] = byte('A' + (col-1)%26)
	}
	return string(b[i:])
}
