package pdf

import (
	"math"
	"strconv"
	"strings"

	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/disclosure"
	"github.com/yjsreport/yjsreport/report/narrative"
)

// count formats a count under disclosure control.
func (r *builder) count(n int) string { return disclosure.Count(n, r.disclose) }

// pct formats num/den as a whole percentage: "n/a" when den is 0, "suppressed" when
// disclosure control hides it.
func (r *builder) pct(num, den int) string {
	if den == 0 {
		return "n/a"
	}
	if r.disclose && disclosure.RateHidden(num, den) {
		return disclosure.Suppressed
	}
	return narrative.Percent(float64(num) / float64(den))
}

// ratio formats num/den with decimals, under the same rules as pct.
func (r *builder) ratio(num, den, decimals int) string {
	if den == 0 {
		return "n/a"
	}
	if r.disclose && disclosure.RateHidden(num, den) {
		return disclosure.Suppressed
	}
	return strconv.FormatFloat(float64(num)/float64(den), 'f', decimals, 64)
}

// interval formats a Wilson interval "(18–60%)".
func interval(ci *[2]float64) string {
	if ci == nil {
		return ""
	}
	return "(" + strconv.FormatFloat(math.Round(ci[0]*100), 'f', 0, 64) + "–" + narrative.Percent(ci[1]) + ")"
}

func hours(v float64) string {
	return strings.TrimSuffix(strconv.FormatFloat(v, 'f', 1, 64), ".0")
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
		return "n/a"
	}
	if r.pointHidden(h.Kind, h.Current) {
		return "suppressed"
	}
	switch h.Kind {
	case report.KindProportion:
		return narrative.Percent(*h.Current.Value)
	case report.KindRatePer100k:
		return strconv.FormatFloat(*h.Current.Value, 'f', 1, 64)
	}
	return strconv.FormatFloat(*h.Current.Value, 'f', 2, 64)
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

// targetText is "Target 35% or lower".
func targetText(h *report.Headline, t *report.TargetResult) string {
	if t == nil {
		return "No target set (" + h.Better + " is better)"
	}
	dir := "or higher"
	if t.Better == report.Lower || (t.Better == "" && h.Better == report.Lower) {
		dir = "or lower"
	}
	s := "Target " + narrative.Value(h.Kind, t.Target) + " " + dir
	if t.AmberWithin > 0 {
		s += " (amber within " + amberText(h.Kind, t.AmberWithin) + ")"
	}
	return s
}

func amberText(kind string, v float64) string {
	if kind == report.KindProportion {
		return strconv.FormatFloat(math.Round(v*1000)/10, 'f', -1, 64) + " pts"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// changeText is one change line of a tile: "▼ 11 pts on last cohort: better, within normal
// variation".
func (r *builder) changeText(h *report.Headline, c *report.Change, other report.Point, when string) string {
	if c == nil || other.Value == nil {
		return "– no comparison " + when + " (n/a)"
	}
	if r.pointHidden(h.Kind, other) || r.pointHidden(h.Kind, h.Current) {
		return "– comparison " + when + " suppressed (small numbers)"
	}
	arrow := "="
	switch {
	case c.Direction == report.DirectionSame:
	case c.Difference > 0:
		arrow = "▲"
	default:
		arrow = "▼"
	}
	var mag string
	switch h.Kind {
	case report.KindProportion:
		mag = strconv.FormatFloat(math.Abs(math.Round(c.Difference*100)), 'f', 0, 64) + " pts"
	case report.KindRatePer100k:
		mag = strconv.FormatFloat(math.Abs(c.Difference), 'f', 1, 64)
	default:
		mag = strconv.FormatFloat(math.Abs(c.Difference), 'f', 2, 64)
	}
	word := c.Direction
	if c.Direction == report.DirectionSame {
		return "= no change " + when + " (" + narrative.Value(h.Kind, *other.Value) + ")"
	}
	sig := "within normal variation"
	switch {
	case h.Kind != report.KindProportion || c.Test == "":
		sig = "not tested for significance"
	case c.Significant:
		sig = "significant"
	}
	return arrow + " " + mag + " " + when + " (" + narrative.Value(h.Kind, *other.Value) + "): " + word + ", " + sig
}
