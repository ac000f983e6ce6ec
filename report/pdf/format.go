package pdf

import (
	"strings"

	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart"
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

// pointHidden reports whether a point of headline h is hidden by disclosure control. Board
// attendance is about organisations and is never hidden (SPEC §6).
func (r *builder) pointHidden(h *report.Headline, p report.Point) bool {
	if !r.disclose || chart.Organisational(h.Indicator) {
		return false
	}
	if h.Kind == report.KindRatePer100k {
		return disclosure.IsSmall(int(p.Numerator))
	}
	return disclosure.RateHidden(int(p.Numerator), int(p.Denominator))
}

// hcount writes a count behind headline h: under disclosure control unless h counts
// organisations.
func (r *builder) hcount(h *report.Headline, n int) string {
	if chart.Organisational(h.Indicator) {
		return format.Count(n)
	}
	return r.count(n)
}

// headlineValue is a tile's big figure.
func (r *builder) headlineValue(h *report.Headline) string {
	if h.MissingExtract != "" {
		return "no extract"
	}
	if h.Current.Value == nil {
		return format.NA
	}
	if r.pointHidden(h, h.Current) {
		return disclosure.Suppressed
	}
	return format.HeadlineFigure(h.Kind, *h.Current.Value)
}
