// Package chart defines every chart of the report once, as data: which series, from which
// indicators, with which labels, intervals and targets. The PDF (report/chart/png via gonum)
// and the dashboard (report/dashboard via ECharts) both draw these Specs, and indicators.xlsx
// writes the table behind each, so all three show the same figures from one place.
package chart

import "math"

// Kind is how a Spec is drawn.
type Kind string

// Chart kinds.
const (
	Bar        Kind = "bar"         // grouped bars, one group per category
	StackedBar Kind = "stacked_bar" // bars stacked by Series.Stack (100% when Spec.Percent and shares)
	Line       Kind = "line"        // lines over the categories (trends), with optional bands
	// Diverging is a stacked bar around zero, one bar per category: series marked Negative
	// extend to the left (or down) of zero, the others to the right, in series order
	// outwards from zero (children's and families' views: disagree | agree, neutral).
	Diverging Kind = "diverging"
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
	// Unit names what a non-percent value counts, for labels and tooltips: "children",
	// "decisions", "per 100,000 aged 10–17", "reoffences per child".
	Unit string
	// Decimals is how many decimal places a value that is not a percentage is shown with;
	// percentages are always written to one decimal place (package report/format, via
	// ValueText).
	Decimals int
	// Additive says the series of one category add up to a total shown elsewhere (stacked
	// bands, breakdowns by type), so disclosure control must apply secondary suppression
	// across them.
	Additive bool
	// Note is a footnote under the chart (what is counted, disclosure control applied).
	Note string
	// Disclosed is set by ApplyDisclosure: renderers then print every count behind a point
	// (N, labels) with disclosure.Count, and a Suppressed point as "<5" or "suppressed".
	Disclosed bool
	// Horizontal bars run left to right with the categories down the side, for long
	// category labels (questions, partner agencies) and funnels.
	Horizontal bool
	// Organisational charts count organisations, not children (board attendance):
	// disclosure control does not apply to them (SPEC §6).
	Organisational bool
	// Headline names the headline indicator (SPEC §4.9) whose series the chart draws as its
	// first series: the tiles' sparklines and the scorecard use it. "" for other charts.
	Headline string
	// MissingExtract names the core extract the chart depends on when it is missing under
	// --partial (SPEC §3.6): renderers then say "no <kind> extract" instead of drawing it.
	MissingExtract string
}

// Series is one named series; every slice has one entry per category.
type Series struct {
	Name   string
	Values []*float64 // nil = n/a (denominator 0, or suppressed)
	// N is the denominator (or the count) behind each value, shown in tooltips and labels;
	// nil when the values are plain counts.
	N []int
	// Num is the numerator behind each rate (reoffenders, children suitable …), used by
	// disclosure control; nil when the values are plain counts.
	Num []int
	// Lower and Upper are a 95% interval per value (Wilson for proportions); nil if none.
	Lower, Upper []*float64
	// Provisional marks values that may still change (immature reoffending cohorts).
	Provisional []bool
	// Suppressed marks values hidden by disclosure control (shown as "<5" or "suppressed").
	Suppressed []bool
	// Labels, when set, is the text to show for each point instead of its value: "" for the
	// value itself, or the disclosure text of a suppressed point ("<5", "*", "suppressed").
	Labels []string
	Stack  string // series with the same Stack are stacked (StackedBar)
	// Points draws the series as markers only, no line: a published comparator's figure at
	// the periods where it matches ours.
	Points bool
	// Published marks a comparator's published figure (national, regional, YOT family):
	// it is about organisations and never suppressed by disclosure control.
	Published bool
	// Negative draws the series to the left of zero in a Diverging chart.
	Negative bool
}

// Sections, in report order.
const (
	SectionReoffending = "reoffending"
	SectionFTECustody  = "fte_custody"
	SectionETE         = "ete"
	SectionOOCD        = "oocd"
	SectionVictims     = "victims"
	SectionNeeds       = "needs"       // needs and wider services (SPEC §4.6)
	SectionViews       = "views"       // children's and families' views (SPEC §4.7)
	SectionPartnership = "partnership" // board attendance (SPEC §4.8)
)

// Sections lists the sections in report order.
var Sections = []string{SectionReoffending, SectionFTECustody, SectionETE, SectionNeeds, SectionOOCD,
	SectionVictims, SectionViews, SectionPartnership}

// AllWhole reports whether every value of the Spec is a whole number (a chart of counts), so
// renderers can write its values and axes without decimals.
func (s *Spec) AllWhole() bool {
	for _, se := range s.Series {
		for _, v := range se.Values {
			if v != nil && *v != math.Trunc(*v) {
				return false
			}
		}
	}
	return true
}
