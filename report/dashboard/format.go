package dashboard

import "math"

// plotValue is the number handed to ECharts: percentages are drawn on a 0–100 axis so that
// the axis labels can be a plain "{value}%" template (no JavaScript formatter), and values
// are rounded to 6 significant decimals to keep the page small. It is a position on the
// chart, never text: every figure the page prints comes from package report/format.
func plotValue(v float64, percent bool) float64 {
	if percent {
		v *= 100
	}
	return math.Round(v*1e6) / 1e6
}
