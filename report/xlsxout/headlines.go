package xlsxout

import (
	"github.com/xuri/excelize/v2"

	"github.com/yjsreport/yjsreport/report"
)

// The Headlines sheet has one header row (frozen) and one row per headline indicator of
// SPEC §4.9, in report order, so that a performance officer can paste it into the board's
// own template: every figure a typed number in its unit's format, blank when n/a.

// headlineColumn is one column of the Headlines sheet: its heading, what the README says of
// it, its width, and how to read its cell from a headline.
type headlineColumn struct {
	head, meaning string
	width         float64
	cell          func(st *styles, h *report.Headline) (any, error)
}

// headlineColumns returns the columns of the Headlines sheet for ind: the fixed ones, then a
// value and a difference for each comparator named in the comparators extract, in the order
// first listed.
func headlineColumns(ind *report.Indicators) []headlineColumn {
	text := func(get func(h *report.Headline) string) func(*styles, *report.Headline) (any, error) {
		return func(_ *styles, h *report.Headline) (any, error) {
			if v := get(h); v != "" {
				return v, nil
			}
			return nil, nil
		}
	}
	value := func(get func(h *report.Headline) *float64) func(*styles, *report.Headline) (any, error) {
		return func(st *styles, h *report.Headline) (any, error) {
			v := get(h)
			if v == nil || h.MissingExtract != "" {
				return nil, nil
			}
			id, err := st.headlineValue(h.Kind)
			return styled(*v, id), err
		}
	}
	count := func(get func(h *report.Headline) float64) func(*styles, *report.Headline) (any, error) {
		return func(st *styles, h *report.Headline) (any, error) {
			if h.MissingExtract != "" {
				return nil, nil
			}
			return styled(get(h), st.integer), nil
		}
	}
	change := func(get func(h *report.Headline) *report.Change) func(*styles, *report.Headline) (any, error) {
		return func(st *styles, h *report.Headline) (any, error) {
			c := get(h)
			if c == nil || h.MissingExtract != "" {
				return nil, nil
			}
			id, err := st.headlineChange(h.Kind)
			return styled(c.Difference, id), err
		}
	}
	significant := func(get func(h *report.Headline) *report.Change) func(*styles, *report.Headline) (any, error) {
		return func(_ *styles, h *report.Headline) (any, error) {
			c := get(h)
			if c == nil || c.Test == "" || h.MissingExtract != "" {
				return nil, nil
			}
			return c.Significant, nil
		}
	}
	ci := func(k int) func(*styles, *report.Headline) (any, error) {
		return func(st *styles, h *report.Headline) (any, error) {
			if h.Current.CI95 == nil || h.MissingExtract != "" {
				return nil, nil
			}
			return styled(h.Current.CI95[k], st.percent), nil
		}
	}
	target := func(get func(t *report.TargetResult) any) func(*styles, *report.Headline) (any, error) {
		return func(_ *styles, h *report.Headline) (any, error) {
			if h.Target == nil {
				return nil, nil
			}
			return get(h.Target), nil
		}
	}
	cols := []headlineColumn{
		{"Indicator", "The headline's name as in indicators.json and the config's targets (SPEC §4.9).", 30,
			text(func(h *report.Headline) string { return h.Indicator })},
		{"Headline", "What the indicator measures, in plain English.", 50, text(func(h *report.Headline) string { return h.Label })},
		{"Period", "The quarter the value is for; for the two reoffending indicators, the cohort (the newest whose 12 months of reoffending and 6 months for it to be proven have passed).", 11,
			text(func(h *report.Headline) string { return h.Period })},
		{"Value", "The indicator's value: a percentage (stored as a fraction, 0.25 shown as 25.0%), a rate per 100,000 children aged 10–17, or reoffences per child. Blank when it cannot be calculated (n/a) or its extract is missing.", 11,
			value(func(h *report.Headline) *float64 { return h.Current.Value })},
		{"Numerator", "The count the value is calculated from: children, interventions, victims, answers or places (for the rate per 100,000, the first time entrants in the 12 months).", 11,
			count(func(h *report.Headline) float64 { return h.Current.Numerator })},
		{"Denominator", "What the numerator is divided by: the children, interventions, victims, answers or places counted (for the rate per 100,000, the population aged 10–17).", 12,
			count(func(h *report.Headline) float64 { return h.Current.Denominator })},
		{"Lower 95%", "The lower end of the 95% interval of a percentage (Wilson score interval); blank for the other kinds.", 10, ci(0)},
		{"Upper 95%", "The upper end of the 95% interval of a percentage.", 10, ci(1)},
		{"Target", "The board's target for the indicator (config), in the value's unit; blank when none is set.", 10,
			func(st *styles, h *report.Headline) (any, error) {
				if h.Target == nil {
					return nil, nil
				}
				id, err := st.headlineValue(h.Kind)
				return styled(h.Target.Target, id), err
			}},
		{"Better", "Which way is better for this indicator: higher or lower.", 8, text(func(h *report.Headline) string { return h.Better })},
		{"RAG", "Red, amber or green against the target (SPEC §4.9); blank with no target or no value.", 8,
			target(func(t *report.TargetResult) any {
				if t.RAG == nil {
					return nil
				}
				return *t.RAG
			})},
		{"Previous period", "The quarter before (for reoffending, the cohort before).", 11, text(func(h *report.Headline) string { return h.Previous.Period })},
		{"Previous value", "The indicator's value in the previous period.", 11, value(func(h *report.Headline) *float64 { return h.Previous.Value })},
		{"Change on previous", "Value minus previous value. For a percentage the difference is in percentage points, stored as a fraction (+0.05 shown as +5.0%).", 11,
			change(func(h *report.Headline) *report.Change { return h.ChangePrevious })},
		{"Change on previous significant", "TRUE when the change is statistically significant (two-sided test at 5%: Fisher's exact test, or the two-proportion z-test); blank when no test applies (not a percentage, or n/a).", 13,
			significant(func(h *report.Headline) *report.Change { return h.ChangePrevious })},
		{"Year-ago period", "The same quarter a year earlier (for reoffending, the cohort four quarters earlier).", 11, text(func(h *report.Headline) string { return h.YearAgo.Period })},
		{"Year-ago value", "The indicator's value a year earlier.", 11, value(func(h *report.Headline) *float64 { return h.YearAgo.Value })},
		{"Change on a year ago", "Value minus the year-ago value, as for the change on previous.", 11,
			change(func(h *report.Headline) *report.Change { return h.ChangeYearAgo })},
		{"Change on a year ago significant", "TRUE when the change on a year ago is statistically significant, as above.", 13,
			significant(func(h *report.Headline) *report.Change { return h.ChangeYearAgo })},
		{"Missing extract", "The core extract (disposals, ete or oocd) the figures depend on when it was missing from a --partial run: its figures are then blank. Blank otherwise.", 10,
			text(func(h *report.Headline) string { return h.MissingExtract })},
	}
	var names []string
	seen := map[string]bool{}
	for _, c := range ind.Comparators {
		if !seen[c.Comparator] {
			seen[c.Comparator] = true
			names = append(names, c.Comparator)
		}
	}
	for _, name := range names {
		find := func(h *report.Headline) *report.ComparatorResult {
			for i := range h.Current.Comparators {
				if h.Current.Comparators[i].Comparator == name {
					return &h.Current.Comparators[i]
				}
			}
			return nil
		}
		cols = append(cols,
			headlineColumn{name + ": value", "The published figure of " + name + " for the same indicator and period, from the comparators extract (in the value's unit); blank when none was given.", 12,
				func(st *styles, h *report.Headline) (any, error) {
					c := find(h)
					if c == nil {
						return nil, nil
					}
					id, err := st.headlineValue(h.Kind)
					return styled(c.Value, id), err
				}},
			headlineColumn{name + ": difference", "Our value minus the published figure of " + name + " (percentage points for a percentage, as for the changes); blank when either is missing.", 12,
				func(st *styles, h *report.Headline) (any, error) {
					c := find(h)
					if c == nil || c.Difference == nil || h.MissingExtract != "" {
						return nil, nil
					}
					id, err := st.headlineChange(h.Kind)
					return styled(*c.Difference, id), err
				}})
	}
	return cols
}

// headlineValue is the number format of a headline's values: a percentage to one decimal
// place, a rate per 100,000 to one, reoffences per child to two.
func (s *styles) headlineValue(kind string) (int, error) {
	switch kind {
	case report.KindProportion:
		return s.percent, nil
	case report.KindRatePer100k:
		return s.number(1)
	}
	return s.number(2)
}

// headlineChange is the number format of a change: signed, in the value's unit.
func (s *styles) headlineChange(kind string) (int, error) {
	f := "+#,##0.00;-#,##0.00;0.00"
	switch kind {
	case report.KindProportion:
		f = "+0.0%;-0.0%;0.0%"
	case report.KindRatePer100k:
		f = "+#,##0.0;-#,##0.0;0.0"
	}
	if id, ok := s.custom[f]; ok {
		return id, nil
	}
	id, err := s.f.NewStyle(&excelize.Style{CustomNumFmt: &f})
	s.custom[f] = id
	return id, err
}

// writeHeadlines writes the Headlines sheet: the header row, frozen, then one row per
// headline.
func writeHeadlines(f *excelize.File, st *styles, ind *report.Indicators, cols []headlineColumn) error {
	sw, err := f.NewStreamWriter(HeadlinesSheet)
	if err != nil {
		return err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, XSplit: 0, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
	}); err != nil {
		return err
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = styled(c.head, st.header)
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 32}); err != nil {
		return err
	}
	for r := range ind.Headlines {
		h := &ind.Headlines[r]
		row := make([]any, len(cols))
		for i, c := range cols {
			v, err := c.cell(st, h)
			if err != nil {
				return err
			}
			row[i] = v
		}
		if err := sw.SetRow(cellOf(1, r+2), row); err != nil {
			return err
		}
	}
	return sw.Flush()
}
