package pdf

import (
	"strings"

	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/disclosure"
	"github.com/yjsreport/yjsreport/report/format"
)

// count formats a count under disclosure control: "<5" for 1–4 when on, else the number
// with thousands separators.
func (r *builder) count(n int) string {
	if r.disclose && disclosure.IsSmall(n) {
		return disclosure.Count(n, true)
	}
	return format.Count(n)
}

// cell is a disclosure.Column cell as printed: its hidden text, else its number with
// thousands separators.
func cell(c disclosure.Cell) string {
	if c.Hidden {
		return c.Text
	}
	return format.Count(c.Value)
}

// pct formats num/den as a percentage (one decimal place): "n/a" when den is 0, "suppressed"
// when disclosure control hides it.
func (r *builder) pct(num, den int) string {
	if den == 0 {
		return format.NA
	}
	if r.disclose && disclosure.RateHidden(num, den) {
		return disclosure.Suppressed
	}
	return format.Percent(float64(num) / float64(den))
}

// ratio formats num/den with decimals, under the same rules as pct.
func (r *builder) ratio(num, den, decimals int) string {
	if den == 0 {
		return format.NA
	}
	if r.disclose && disclosure.RateHidden(num, den) {
		return disclosure.Suppressed
	}
	return format.Number(float64(num)/float64(den), decimals)
}

// interval formats a Wilson interval "(18.0%–60.0%)".
func interval(ci *[2]float64) string {
	if ci == nil {
		return ""
	}
	return "(" + format.Interval(ci[0], ci[1], true) + ")"
}

// ragWord is the RAG status as the page writes it, and its colour.
func ragWord(rag *string) string {
	if rag == nil {
		return "NO TARGET"
	}
	return strings.ToUpper(*rag)
}

// pointHidden reports whether a headline point is hidden by disclosure control.
func (r *builder) pointHidden(kind string, p report.Point) bool {
	if !r.disclose {
		return false
	}
	if kind == report.KindRatePer100k {
		return disclosure.IsSmall(int(p.Numerator))
	}
	return disclosure.RateHidden(int(p.Numerator), int(p.Denominator))
}

// headlineValue is a tile's big figure.
func (r *builder) headlineValue(h *report.Headline) string {
	if h.Current.Value == nil {
		return format.NA
	}
	if r.pointHidden(h.Kind, h.Current) {
		return disclosure.Suppressed
	}
	return format.HeadlineFigure(h.Kind, *h.Current.Value)
}

// headlineDetail is the line beside the big figure: its numerator and denominator.
func (r *builder) headlineDetail(h *report.Headline) string {
	num, den := int(h.Current.Numerator), int(h.Current.Denominator)
	switch h.Kind {
	case report.KindProportion:
		return "(" + r.count(num) + " of " + r.count(den) + ")"
	case report.KindRatePer100k:
		if h.Current.Value == nil {
			return "(no population set)"
		}
		return "per 100,000 (" + r.count(num) + " children)"
	}
	return "per child (" + r.count(num) + " reoffences, " + r.count(den) + " children)"
}

// targetText is "Target 35.0% or lower (amber within 5.0 pts)".
func targetText(h *report.Headline, t *report.TargetResult) string {
	if t == nil {
		return "No target set (" + h.Better + " is better)"
	}
	dir := "or higher"
	if t.Better == report.Lower || (t.Better == "" && h.Better == report.Lower) {
		dir = "or lower"
	}
	s := "Target " + format.Headline(h.Kind, t.Target) + " " + dir
	if t.AmberWithin > 0 {
		s += " (amber within " + amberText(h.Kind, t.AmberWithin) + ")"
	}
	return s
}

// amberText is the amber tolerance in the indicator's units: points for a proportion.
func amberText(kind string, v float64) string {
	if kind == report.KindProportion {
		return format.PointsSize(v)
	}
	return format.HeadlineFigure(kind, v)
}

// changeText is one change line of a tile: "▼ −10.9 pts vs previous cohort (41.7%): better,
// within normal variation". The size is written as the dashboard writes it (format.Change),
// and the arrow follows the written sign, so a change too small to show is not an arrow.
func (r *builder) changeText(h *report.Headline, c *report.Change, other report.Point, when string) string {
	if c == nil || other.Value == nil {
		return "– no comparison " + when + " (n/a)"
	}
	if r.pointHidden(h.Kind, other) || r.pointHidden(h.Kind, h.Current) {
		return "– comparison " + when + " suppressed (small numbers)"
	}
	if c.Direction == report.DirectionSame {
		return "= no change " + when + " (" + format.Headline(h.Kind, *other.Value) + ")"
	}
	size := format.Change(h.Kind, c.Difference)
	arrow := format.Arrow(size)
	if arrow == "" {
		arrow = "="
	}
	word := c.Direction
	sig := "within normal variation"
	switch {
	case h.Kind != report.KindProportion || c.Test == "":
		sig = "not tested for significance"
	case c.Significant:
		sig = "significant"
	}
	return arrow + " " + size + " " + when + " (" + format.Headline(h.Kind, *other.Value) + "): " + word + ", " + sig
}
