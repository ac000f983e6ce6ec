// Package xlsxout writes indicators.xlsx (SPEC §5): a Headlines sheet (one row per headline
// indicator, ready to paste into a board template; headlines.go), a README sheet that
// explains every column, then the table behind every chart of report/chart, one sheet each,
// named by the chart's ID.
//
// Each chart sheet has three title rows (title, description, units and target) and a header
// row, all frozen, then one row per category with, for every series, five typed columns:
// value, n, lower 95%, upper 95% and provisional. Percentages are stored as fractions with a
// "0.0%" format, counts as integers, dates (README) as real dates formatted dd/mm/yyyy.
//
// Like indicators.json (OUTPUT.md), the workbook holds the true, unsuppressed aggregates:
// SPEC §6's disclosure control applies to the PDF and the dashboard only, so Write refuses
// Specs that went through chart.ApplyDisclosure. It never holds a child_id.
//
// The file is deterministic: the same Input gives the same bytes (document dates are the
// as-of date, and the zip entries are written in a fixed order with no timestamps).
package xlsxout

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart"
)

// HeadlinesSheet is the name of the first sheet; ReadmeSheet of the second.
const (
	HeadlinesSheet = "Headlines"
	ReadmeSheet    = "README"
)

// MaxSheetName is Excel's limit on the length of a sheet name.
const MaxSheetName = 31

// Column headings of a chart sheet, after "Category": one group per series.
var seriesColumns = []string{"value", "n", "lower 95%", "upper 95%", "provisional"}

// headerRows is the number of frozen rows at the top of a chart sheet.
const headerRows = 4

// Input is what indicators.xlsx holds.
type Input struct {
	Ind   *report.Indicators
	Specs []chart.Spec // chart.Build's specs, without disclosure control
	// Marking is the protective marking (config), printed on the README.
	Marking string
}

// Write writes indicators.xlsx to w.
func Write(w io.Writer, in Input) error {
	if in.Ind == nil {
		return errors.New("xlsxout: no indicators")
	}
	for i := range in.Specs {
		if in.Specs[i].Disclosed {
			return fmt.Errorf("xlsxout: chart %q has disclosure control applied; indicators.xlsx holds the true figures, so pass the specs of chart.Build", in.Specs[i].ID)
		}
	}
	f := excelize.NewFile()
	defer f.Close()

	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("xlsxout: %w", err)
	}
	names := SheetNames(in.Specs)
	if err := f.SetSheetName("Sheet1", HeadlinesSheet); err != nil {
		return fmt.Errorf("xlsxout: %w", err)
	}
	if _, err := f.NewSheet(ReadmeSheet); err != nil {
		return fmt.Errorf("xlsxout: %w", err)
	}
	for _, n := range names {
		if _, err := f.NewSheet(n); err != nil {
			return fmt.Errorf("xlsxout: sheet %q: %w", n, err)
		}
	}
	cols := headlineColumns(in.Ind)
	if err := writeHeadlines(f, st, in.Ind, cols); err != nil {
		return fmt.Errorf("xlsxout: sheet %q: %w", HeadlinesSheet, err)
	}
	if err := writeReadme(f, st, in, names, cols); err != nil {
		return fmt.Errorf("xlsxout: sheet %q: %w", ReadmeSheet, err)
	}
	for i := range in.Specs {
		if err := writeSpec(f, st, names[i], &in.Specs[i]); err != nil {
			return fmt.Errorf("xlsxout: sheet %q: %w", names[i], err)
		}
	}
	f.SetActiveSheet(0)

	// Fixed document properties: the workbook's dates are the data's as-of date, never now.
	asOf := in.Ind.AsOf + "T00:00:00Z"
	if err := f.SetDocProps(&excelize.DocProperties{
		Created: asOf, Modified: asOf, Creator: "yjsreport", LastModifiedBy: "yjsreport",
		Title:       in.Ind.Service + " indicators " + in.Ind.Quarter.Label,
		Description: "Table behind every chart of the quarterly youth justice report (" + report.Schema + ")",
		Language:    "en-GB",
	}); err != nil {
		return fmt.Errorf("xlsxout: document properties: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return fmt.Errorf("xlsxout: %w", err)
	}
	return repack(w, buf.Bytes())
}

// SheetNames returns the sheet name of each Spec: its ID made valid for Excel (no []:*?/\,
// at most 31 characters) and unique, ignoring case, among the others, Headlines and README.
func SheetNames(specs []chart.Spec) []string {
	used := map[string]bool{strings.ToLower(ReadmeSheet): true, strings.ToLower(HeadlinesSheet): true}
	out := make([]string, len(specs))
	for i := range specs {
		base := strings.Map(func(r rune) rune {
			if strings.ContainsRune(`[]:*?/\`, r) || r < 0x20 {
				return '_'
			}
			return r
		}, specs[i].ID)
		base = strings.Trim(base, "'")
		if base == "" {
			base = "chart"
		}
		name := truncRunes(base, MaxSheetName)
		for k := 2; used[strings.ToLower(name)]; k++ {
			suffix := fmt.Sprintf("~%d", k)
			name = truncRunes(base, MaxSheetName-len(suffix)) + suffix
		}
		used[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

func truncRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n])
}

// styles are the workbook's cell styles.
type styles struct {
	title, bold, header, wrap, date, percent, integer int
	decimals                                          map[int]int    // number format with n decimals
	custom                                            map[string]int // by number format
	f                                                 *excelize.File
}

func newStyles(f *excelize.File) (*styles, error) {
	s := &styles{decimals: map[int]int{}, custom: map[string]int{}, f: f}
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	s.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	s.bold = mk(&excelize.Style{Font: &excelize.Font{Bold: true}})
	s.header = mk(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "bottom"},
		Border:    []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F3F2F1"}},
	})
	s.wrap = mk(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	dmy := "dd/mm/yyyy"
	s.date = mk(&excelize.Style{CustomNumFmt: &dmy, Alignment: &excelize.Alignment{Horizontal: "left"}})
	pct := "0.0%"
	s.percent = mk(&excelize.Style{CustomNumFmt: &pct})
	s.integer = mk(&excelize.Style{NumFmt: 3}) // #,##0
	return s, err
}

// number returns the style for a plain number with n decimals ("#,##0.00").
func (s *styles) number(n int) (int, error) {
	if n <= 0 {
		return s.integer, nil
	}
	if id, ok := s.decimals[n]; ok {
		return id, nil
	}
	fmtStr := "#,##0." + strings.Repeat("0", n)
	id, err := s.f.NewStyle(&excelize.Style{CustomNumFmt: &fmtStr})
	s.decimals[n] = id
	return id, err
}

func cellOf(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

func styled(v any, style int) excelize.Cell { return excelize.Cell{Value: v, StyleID: style} }

// parseDate reads an indicators.json date (YYYY-MM-DD); a bad one is left as text.
func parseDate(s string) any {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return t
}

func writeReadme(f *excelize.File, st *styles, in Input, names []string, cols []headlineColumn) error {
	sw, err := f.NewStreamWriter(ReadmeSheet)
	if err != nil {
		return err
	}
	widths := []float64{28, 62, 70, 14, 12, 12, 12, 12, 12}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	ind := in.Ind
	date := func(s string) excelize.Cell {
		v := parseDate(s)
		if _, ok := v.(time.Time); ok {
			return styled(v, st.date)
		}
		return excelize.Cell{Value: v}
	}
	marking := in.Marking
	if marking == "" {
		marking = "OFFICIAL"
	}
	rows := [][]any{
		{styled("yjsreport — indicators.xlsx", st.title)},
		{},
		{styled("Service", st.bold), ind.Service},
		{styled("Reporting quarter", st.bold), ind.Quarter.Label},
		{styled("Quarter start", st.bold), date(ind.Quarter.Start)},
		{styled("Quarter end", st.bold), date(ind.Quarter.End)},
		{styled("Data as of", st.bold), date(ind.AsOf)},
		{styled("Protective marking", st.bold), marking},
		{styled("Schema", st.bold), report.Schema},
		{styled("Generated from", st.bold), styled("The figures of indicators.json of the same run, computed by yjsreport from the input files listed under Inputs below. First the Headlines sheet (one row per headline indicator, to paste into the board's template), then one sheet per chart of the board report and dashboard, holding the table behind it.", st.wrap)},
		{styled("Disclosure", st.bold), styled("True, unsuppressed aggregates: disclosure control (counts of 1–4 shown as <5) applies to the PDF and the dashboard only. No child_id, name, date of birth or free text is included. Handle under the protective marking above.", st.wrap)},
		{},
		{styled("Columns of the Headlines sheet", st.header), styled("Meaning", st.header)},
	}
	for _, c := range cols {
		rows = append(rows, []any{c.head, styled(c.meaning, st.wrap)})
	}
	rows = append(rows, [][]any{
		{},
		{styled("Columns of a chart sheet", st.header), styled("Meaning", st.header)},
		{"Category", "The chart's x-axis category: a quarter, tier, outcome type, age group …"},
		{"<series>: value", "The figure. Percentages are stored as fractions (0.25) shown as 25.0%."},
		{"<series>: n", "The number behind the figure: the denominator of a rate, or the count."},
		{"<series>: lower 95%, upper 95%", "The 95% interval of a proportion (Wilson score interval); blank when none."},
		{"<series>: provisional", "TRUE when the figure may still change (a reoffending cohort still inside its follow-up)."},
		{},
		{styled("Sheet", st.header), styled("Chart", st.header), styled("Description", st.header), styled("Units", st.header)},
	}...)
	for i := range in.Specs {
		sp := &in.Specs[i]
		units := sp.YLabel
		if units == "" {
			units = sp.Unit
		}
		rows = append(rows, []any{names[i], styled(sp.Title, st.wrap), styled(sp.Subtitle, st.wrap), units})
	}
	rows = append(rows, []any{}, []any{
		styled("Inputs: file", st.header), styled("Sheet", st.header), styled("SHA-256", st.header),
		styled("Extract", st.header), styled("Rows read", st.header), styled("Accepted", st.header),
		styled("Rejected", st.header), styled("Duplicates", st.header), styled("Warnings", st.header),
	})
	for _, inp := range ind.Inputs {
		extract := ""
		if inp.Extract != nil {
			extract = *inp.Extract
		}
		rows = append(rows, []any{inp.File, inp.Sheet, inp.SHA256, extract,
			styled(inp.Read, st.integer), styled(inp.Accepted, st.integer), styled(inp.Rejected, st.integer),
			styled(inp.Duplicates, st.integer), styled(inp.Warnings, st.integer)})
	}
	for r, row := range rows {
		if err := sw.SetRow(cellOf(1, r+1), row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func writeSpec(f *excelize.File, st *styles, name string, sp *chart.Spec) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	// Widths first: the stream writer needs them before any row.
	catWidth := 14.0
	for _, c := range sp.Categories {
		catWidth = math.Max(catWidth, math.Min(40, float64(utf8.RuneCountInString(c))+2))
	}
	if err := sw.SetColWidth(1, 1, catWidth); err != nil {
		return err
	}
	if n := len(sp.Series) * len(seriesColumns); n > 0 {
		if err := sw.SetColWidth(2, 1+n, 14); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, XSplit: 1, YSplit: headerRows, TopLeftCell: cellOf(2, headerRows+1), ActivePane: "bottomRight",
	}); err != nil {
		return err
	}

	valueStyle := st.percent
	if !sp.Percent {
		d := sp.Decimals
		if d == 0 && !sp.AllWhole() {
			d = 2
		}
		if valueStyle, err = st.number(d); err != nil {
			return err
		}
	}
	units := sp.YLabel
	if units == "" {
		units = sp.Unit
	}
	third := []any{styled("Units", st.bold), units}
	if sp.Target != nil {
		third = append(third, styled("Target", st.bold), styled(*sp.Target, valueStyle))
	}
	header := []any{styled("Category", st.header)}
	for _, s := range sp.Series {
		for _, c := range seriesColumns {
			header = append(header, styled(s.Name+": "+c, st.header))
		}
	}
	rows := [][]any{{styled(sp.Title, st.title)}, {sp.Subtitle}, third}
	for r, row := range rows {
		if err := sw.SetRow(cellOf(1, r+1), row); err != nil {
			return err
		}
	}
	if err := sw.SetRow(cellOf(1, headerRows), header, excelize.RowOpts{Height: 48}); err != nil {
		return err
	}
	for i, cat := range sp.Categories {
		row := []any{cat}
		for _, s := range sp.Series {
			row = append(row, valueCell(s.Values, i, sp, valueStyle, st))
			if i < len(s.N) {
				row = append(row, styled(s.N[i], st.integer))
			} else {
				row = append(row, nil)
			}
			row = append(row, valueCell(s.Lower, i, sp, valueStyle, st), valueCell(s.Upper, i, sp, valueStyle, st))
			if i < len(s.Provisional) {
				row = append(row, s.Provisional[i])
			} else {
				row = append(row, nil)
			}
		}
		if err := sw.SetRow(cellOf(1, headerRows+1+i), row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// valueCell is value i of vs as a typed cell: an integer for a whole count, else a number
// in the value style; nil (an empty cell) when n/a.
func valueCell(vs []*float64, i int, sp *chart.Spec, style int, st *styles) any {
	if i >= len(vs) || vs[i] == nil || math.IsNaN(*vs[i]) || math.IsInf(*vs[i], 0) {
		return nil
	}
	v := *vs[i]
	if !sp.Percent && style == st.integer && v == math.Trunc(v) && math.Abs(v) < 1<<53 {
		return styled(int64(v), style)
	}
	return styled(v, style)
}

// repack rewrites the zip that excelize made with its entries in a fixed order and without
// timestamps: excelize writes streamed sheets in map order, so two writes of the same workbook
// would otherwise differ. [Content_Types].xml comes first, as Office writes it.
func repack(w io.Writer, b []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return fmt.Errorf("xlsxout: repack: %w", err)
	}
	files := append([]*zip.File(nil), zr.File...)
	rank := func(n string) int {
		switch n {
		case "[Content_Types].xml":
			return 0
		case "_rels/.rels":
			return 1
		}
		return 2
	}
	sort.Slice(files, func(i, j int) bool {
		ri, rj := rank(files[i].Name), rank(files[j].Name)
		if ri != rj {
			return ri < rj
		}
		return files[i].Name < files[j].Name
	})
	zw := zip.NewWriter(w)
	for _, zf := range files {
		rc, err := zf.Open()
		if err != nil {
			return fmt.Errorf("xlsxout: repack %s: %w", zf.Name, err)
		}
		out, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate})
		if err == nil {
			_, err = io.Copy(out, rc)
		}
		rc.Close()
		if err != nil {
			return fmt.Errorf("xlsxout: repack %s: %w", zf.Name, err)
		}
	}
	return zw.Close()
}
