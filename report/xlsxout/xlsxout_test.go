package xlsxout

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/chart/charttest"
)

func write(t *testing.T, in Input) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, in); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func open(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("indicators.xlsx does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func raw(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func formatted(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func numFmt(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return "numFmt " + strconv.Itoa(st.NumFmt)
}

func fixture() Input {
	ind := charttest.Indicators()
	return Input{Ind: ind, Specs: chart.Build(ind), Marking: "OFFICIAL-SENSITIVE"}
}

// TestCells checks hand-computed cells of the county-small fixture (SPEC §5: the table behind
// every chart, one sheet each).
func TestCells(t *testing.T) {
	in := fixture()
	f := open(t, write(t, in))
	// A plain number is shown with the decimals its Spec asks for.
	rateFmt := "#,##0." + strings.Repeat("0", chart.ByID(in.Specs, chart.IDFTERateTrend).Decimals)
	sheet := chart.IDReoffendingTrend
	cases := []struct {
		name, sheet, cell string
		raw, shown, fmt   string // "" = not checked
	}{
		// 2015/16 Q2, the first of the 8 mature cohorts of the series: 3 of 7 children
		// reoffended = 0.428571…, shown as 42.9% (excelize reads back 15 significant digits,
		// truncated: LIBRARY-NOTES §3).
		{"a rate is a fraction with the 0.0% format", sheet, "B5", "0.428571428571428", "42.9%", "0.0%"},
		{"n is the integer denominator", sheet, "C5", "7", "7", "numFmt 3"},
		// Wilson 95% interval of 3/7: centre (3/7 + 0.27439)/1.54878 = 0.45388, half-width
		// 1.95996·sqrt(0.034985 + 0.019599)/1.54878 = 0.29566 → 0.1582 to 0.7495.
		{"lower 95% is a percentage too", sheet, "D5", "", "15.8%", "0.0%"},
		{"upper 95% is a percentage too", sheet, "E5", "", "75.0%", "0.0%"},
		// The cohorts still being counted are a sheet of their own: 2017/18 Q2 first (7 of 14).
		{"an immature cohort is provisional", chart.IDReoffendingProvisional, "F5", "1", "TRUE", ""},
		{"a provisional rate so far", chart.IDReoffendingProvisional, "B5", "0.5", "50.0%", "0.0%"},
		{"categories are the quarter labels", sheet, "A12", "2017/18 Q1", "2017/18 Q1", ""},
		{"header names the series and the column", sheet, "B4", "Example County Youth Justice Service: value", "", ""},
		// FTE counts by quarter: 14 first time entrants in 2016/17 Q4, an integer.
		{"a count is an integer", chart.IDFTETrend, "B5", "14", "14", "numFmt 3"},
		// The rolling 12-month rate: 39 first time entrants in the 12 months to 2018/19 Q3 of
		// 4,800 children = 812.5 per 100,000.
		{"a rate per 100,000 keeps its decimals", chart.IDFTERateTrend, "B12", "812.5", "", rateFmt},
		// 31/01/2019 is Excel day 43496 (1 Jan 2019 = 43466, + 30).
		{"the as-of date is a real date shown dd/mm/yyyy", ReadmeSheet, "B7", "43496", "31/01/2019", "dd/mm/yyyy"},
		{"the quarter start is a real date", ReadmeSheet, "B5", "43374", "01/10/2018", "dd/mm/yyyy"},
		{"README names the protective marking", ReadmeSheet, "B8", "OFFICIAL-SENSITIVE", "", ""},
		{"README names the schema", ReadmeSheet, "B9", "yjsreport/indicators/v1", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.raw != "" {
				if got := raw(t, f, tc.sheet, tc.cell); got != tc.raw {
					t.Errorf("%s!%s raw = %q, want %q", tc.sheet, tc.cell, got, tc.raw)
				}
			}
			if tc.shown != "" {
				if got := formatted(t, f, tc.sheet, tc.cell); got != tc.shown {
					t.Errorf("%s!%s shows %q, want %q", tc.sheet, tc.cell, got, tc.shown)
				}
			}
			if tc.fmt != "" {
				if got := numFmt(t, f, tc.sheet, tc.cell); got != tc.fmt {
					t.Errorf("%s!%s number format = %q, want %q", tc.sheet, tc.cell, got, tc.fmt)
				}
			}
		})
	}
}

// TestEverySpecRoundTrips reads every chart sheet back and compares each cell with the Spec
// it was written from: one sheet per Spec, in order, every number equal, header frozen.
func TestEverySpecRoundTrips(t *testing.T) {
	in := fixture()
	f := open(t, write(t, in))
	list := f.GetSheetList()
	if len(list) != len(in.Specs)+2 || list[0] != HeadlinesSheet || list[1] != ReadmeSheet {
		t.Fatalf("sheets = %v, want Headlines, README, then one per Spec (%d)", list, len(in.Specs))
	}
	for k, sp := range in.Specs {
		name := list[k+2]
		if name != sp.ID {
			t.Errorf("sheet %d is %q, want the Spec ID %q", k+2, name, sp.ID)
		}
		panes, err := f.GetPanes(name)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != headerRows || panes.XSplit != 1 {
			t.Errorf("%s: panes %+v, want the %d header rows and the category column frozen", name, panes, headerRows)
		}
		for i, cat := range sp.Categories {
			row := headerRows + 1 + i
			if got := raw(t, f, name, cellOf(1, row)); got != cat {
				t.Errorf("%s row %d category = %q, want %q", name, row, got, cat)
			}
			for j, s := range sp.Series {
				base := 2 + j*len(seriesColumns)
				checkNum(t, f, name, cellOf(base, row), s.Values, i)
				checkNum(t, f, name, cellOf(base+2, row), s.Lower, i)
				checkNum(t, f, name, cellOf(base+3, row), s.Upper, i)
				if i < len(s.N) {
					if got := raw(t, f, name, cellOf(base+1, row)); got != strconv.Itoa(s.N[i]) {
						t.Errorf("%s!%s n = %q, want %d", name, cellOf(base+1, row), got, s.N[i])
					}
				}
				if sp.Percent && i < len(s.Values) && s.Values[i] != nil {
					if got := numFmt(t, f, name, cellOf(base, row)); got != "0.0%" {
						t.Errorf("%s!%s: a percentage has number format %q", name, cellOf(base, row), got)
					}
				}
			}
		}
	}
}

func checkNum(t *testing.T, f *excelize.File, sheet, cell string, vs []*float64, i int) {
	t.Helper()
	got := raw(t, f, sheet, cell)
	if i >= len(vs) || vs[i] == nil {
		if got != "" {
			t.Errorf("%s!%s = %q, want empty (n/a)", sheet, cell, got)
		}
		return
	}
	g, err := strconv.ParseFloat(got, 64)
	// excelize reads back at most 15 significant digits (LIBRARY-NOTES §3).
	if err != nil || math.Abs(g-*vs[i]) > 1e-12*math.Max(1, math.Abs(*vs[i])) {
		t.Errorf("%s!%s = %q, want %v", sheet, cell, got, *vs[i])
	}
}

// TestDeterministic: the same input gives the same bytes, so reruns do not churn the output
// folder and a file can be checked against another run.
func TestDeterministic(t *testing.T) {
	a := write(t, fixture())
	for range 3 {
		if b := write(t, fixture()); !bytes.Equal(a, b) {
			t.Fatal("two writes of the same indicators differ")
		}
	}
	f := open(t, a)
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(props.Created, "2019-01-31") || !strings.HasPrefix(props.Modified, "2019-01-31") {
		t.Errorf("document dates %q / %q, want the as-of date 2019-01-31", props.Created, props.Modified)
	}
	if dir := os.Getenv("YJS_XLSX_OUT"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "indicators.xlsx"), a, 0o644)
	}
}

// TestRefusesDisclosedSpecs: indicators.* hold the true aggregates (OUTPUT.md, SPEC §6).
func TestRefusesDisclosedSpecs(t *testing.T) {
	in := fixture()
	in.Specs = chart.ApplyDisclosure(in.Specs)
	var buf bytes.Buffer
	err := Write(&buf, in)
	if err == nil || !strings.Contains(err.Error(), "disclosure") {
		t.Fatalf("Write with suppressed specs: err = %v, want a refusal naming disclosure", err)
	}
}

func TestSheetNames(t *testing.T) {
	long := strings.Repeat("a", 40)
	cases := []struct {
		name string
		ids  []string
		want []string
	}{
		{"a valid ID is the sheet name", []string{"fte_trend"}, []string{"fte_trend"}},
		{"Excel's limit of 31 characters", []string{long}, []string{strings.Repeat("a", 31)}},
		{"characters Excel forbids become _", []string{`a/b\c?d*e[f]g:h`}, []string{"a_b_c_d_e_f_g_h"}},
		{"README is taken, in any case", []string{"readme"}, []string{"readme~2"}},
		{"Headlines is taken too", []string{"HEADLINES"}, []string{"HEADLINES~2"}},
		{"duplicates after truncation are numbered", []string{long, long + "b"},
			[]string{strings.Repeat("a", 31), strings.Repeat("a", 29) + "~2"}},
		{"an empty ID still gets a name", []string{""}, []string{"chart"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			specs := make([]chart.Spec, len(tc.ids))
			for i, id := range tc.ids {
				specs[i].ID = id
			}
			got := SheetNames(specs)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("SheetNames(%q) = %q, want %q", tc.ids, got, tc.want)
			}
		})
	}
}

// TestHeadlinesSheet checks the first sheet (issue 13): one row per headline of the county-small
// fixture with typed cells, the header frozen, and a value and difference per comparator.
func TestHeadlinesSheet(t *testing.T) {
	in := fixture()
	// One published figure for the binary rate's cohort: 32.3%; ours is 4/13 = 0.307692…,
	// so the difference is 0.307692 − 0.323 = −0.015308 (−1.5 points).
	diff := 4.0/13 - 0.323
	cmp := report.ComparatorResult{Indicator: "binary_reoffending_rate", Comparator: "England and Wales",
		Period: "2017/18 Q1", Value: 0.323, Ours: &in.Ind.Headlines[0].Current.Numerator, Difference: &diff}
	in.Ind.Comparators = append(in.Ind.Comparators, cmp)
	in.Ind.Headlines[0].Current.Comparators = []report.ComparatorResult{cmp}
	f := open(t, write(t, in))
	if list := f.GetSheetList(); list[0] != HeadlinesSheet {
		t.Fatalf("first sheet is %q, want %q", list[0], HeadlinesSheet)
	}
	head := map[string]string{}
	for col := 1; col <= 22; col++ {
		h := raw(t, f, HeadlinesSheet, cellOf(col, 1))
		c, _ := excelize.ColumnNumberToName(col)
		head[h] = c
	}
	cell := func(heading string, row int) string {
		c, ok := head[heading]
		if !ok {
			t.Fatalf("the Headlines sheet has no column %q; it has %v", heading, head)
		}
		return c + strconv.Itoa(row)
	}
	// Row 2 is binary_reoffending_rate (config.TargetNames order), row 4 fte_rate_per_100k,
	// row 10 oocd_timeliness_rate.
	cases := []struct {
		name, heading string
		row           int
		raw, shown    string
	}{
		{"one row per headline, by name", "Indicator", 2, "binary_reoffending_rate", ""},
		{"the period of a reoffending headline is its cohort", "Period", 2, "2017/18 Q1", ""},
		// 4 of 13 children = 30.769…%.
		{"a proportion is a fraction shown as a percentage", "Value", 2, "", "30.8%"},
		{"the numerator is an integer", "Numerator", 2, "4", "4"},
		{"the denominator is an integer", "Denominator", 2, "13", "13"},
		// Wilson 95% of 4/13: 12.68% to 57.63%.
		{"the 95% interval's lower end", "Lower 95%", 2, "", "12.7%"},
		{"the 95% interval's upper end", "Upper 95%", 2, "", "57.6%"},
		{"the target in the value's unit", "Target", 2, "0.35", "35.0%"},
		{"better is the direction", "Better", 2, "lower", ""},
		{"the RAG word", "RAG", 2, "green", ""},
		{"the previous cohort", "Previous period", 2, "2016/17 Q4", ""},
		// 5 of 12 = 41.67%; 30.77 − 41.67 = −10.9 points.
		{"the previous value", "Previous value", 2, "", "41.7%"},
		{"the change on previous, in points", "Change on previous", 2, "", "-10.9%"},
		{"significance is a boolean", "Change on previous significant", 2, "0", "FALSE"},
		{"the year-ago cohort", "Year-ago period", 2, "2016/17 Q1", ""},
		{"the comparator's published figure", "England and Wales: value", 2, "0.323", "32.3%"},
		{"our difference from the comparator", "England and Wales: difference", 2, "", "-1.5%"},
		{"no comparator figure is a blank cell", "England and Wales: value", 3, "", ""},
		// 15 first time entrants over 4,800 children × 100,000 = 312.5.
		{"a rate per 100,000 to one decimal", "Value", 4, "312.5", "312.5"},
		// 312.5 − 166.67 = +145.8; not a proportion, so no test.
		{"a change of a rate is signed", "Change on previous", 4, "", "+145.8"},
		{"no test, no significance", "Change on previous significant", 4, "", ""},
		{"no target, no RAG", "RAG", 4, "", ""},
		{"red is written as such", "RAG", 10, "red", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := cell(tc.heading, tc.row)
			if got := raw(t, f, HeadlinesSheet, c); tc.raw != "" && got != tc.raw {
				t.Errorf("%s raw = %q, want %q", c, got, tc.raw)
			}
			if got := formatted(t, f, HeadlinesSheet, c); (tc.shown != "" || tc.raw == "") && got != tc.shown {
				t.Errorf("%s shows %q, want %q", c, got, tc.shown)
			}
		})
	}
	if n := len(in.Ind.Headlines); raw(t, f, HeadlinesSheet, cellOf(1, n+1)) == "" || raw(t, f, HeadlinesSheet, cellOf(1, n+2)) != "" {
		t.Errorf("the sheet does not have exactly %d headline rows", n)
	}
	panes, err := f.GetPanes(HeadlinesSheet)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v, want the header row frozen", panes)
	}
	if w, _ := f.GetColWidth(HeadlinesSheet, head["Headline"]); w < 30 {
		t.Errorf("the Headline column is %v wide, want room for the names", w)
	}
	// The README explains every column of the Headlines sheet.
	rows, err := f.GetRows(ReadmeSheet)
	if err != nil {
		t.Fatal(err)
	}
	explained := map[string]bool{}
	for _, r := range rows {
		if len(r) > 1 && r[1] != "" {
			explained[r[0]] = true
		}
	}
	for h := range head {
		if h != "" && !explained[h] {
			t.Errorf("the README does not explain the Headlines column %q", h)
		}
	}
}
