// Package chart defines every chart of the report once, as data: which series, from which
// indicators, with which labels, intervals and targets. The PDF (report/chart/png via gonum)
// and the dashboard (report/dashboard via ECharts) both draw these Specs, and indicators.xlsx
// writes the table behind each, so all three show the same figures from one place.
package chart

// Kind is how a Spec is drawn.
type Kind string

// Chart kinds.
const (
	Bar        Kind = "bar"         // grouped bars, one group per category
	StackedBar Kind = "stacked_bar" // bars stacked by Series.Stack (100% when Spec.Percent and shares)
	Line       Kind = "line"        // lines over the categories (trends), with optional bands
)

// Spec is one chart: a title, categories along x, series of values.
type Spec struct {
	ID         string   // stable identifier, also the xlsx sheet name (≤ 31 characters)
	Section    string   // "reoffending", "fte_custody", "ete", "oocd", "victims"
	Title      string   // plain-English title
	Subtitle   string   // e.g. "n = children in each cohort; hollow points are provisional"
	XLabel     string   // axis label with unit
	YLabel     string   // axis label with unit, e.g. "% of children"
	Kind       Kind     //
	Categories []string // x categories, e.g. quarter labels, oldest first
	Series     []Series
	Percent    bool     // values are fractions shown as percentages
	Target     *float64 // a horizontal target line, in the values' units
	TargetText string   // e.g. "Target 35%"
}

// Series is one named series; every slice has one entry per category.
type Series struct {
	Name   string
	Values []*float64 // nil = n/a (denominator 0, or suppressed)
	// N is the denominator (or the count) behind each value, shown in tooltips and labels;
	// nil when the values are plain counts.
	N []int
	// Lower and Upper are a 95% interval per value (Wilson for proportions); nil if none.
	Lower, Upper []*float64
	// Provisional marks values that may still change (immature reoffending cohorts).
	Provisional []bool
	// Suppressed marks values hidden by disclosure control (shown as "<5" or "suppressed").
	Suppressed []bool
	Stack      string // series with the same Stack are stacked (StackedBar)
}
