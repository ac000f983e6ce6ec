package dashboard

import (
	"math"
	"strconv"
	"strings"
)

// textNA is shown for a value that does not exist (its denominator is 0).
const textNA = "n/a"

// formatValue writes a chart value the way the PDF does (chart.FormatValue): percentages and
// numbers to the Spec's decimals, with thousands separators. A non-whole number on a Spec that
// asks for no decimals keeps one or two, rather than showing 0.67 reoffences as "1".
func formatValue(v float64, percent bool, decimals int) string {
	if percent {
		return formatFixed(v*100, decimals) + "%"
	}
	if decimals == 0 && v != math.Trunc(v) {
		return formatNumber(v)
	}
	return formatFixed(v, decimals)
}

// formatFixed writes v with prec decimals and thousands separators.
func formatFixed(v float64, prec int) string {
	p := math.Pow(10, float64(prec))
	s := strconv.FormatFloat(math.Round(v*p)/p, 'f', prec, 64)
	whole, frac, ok := strings.Cut(s, ".")
	if !ok {
		return groupThousands(whole)
	}
	return groupThousands(whole) + "." + frac
}

// formatNumber writes a plain number: whole numbers grouped in thousands, otherwise one
// decimal place from 10 upwards and two below (0.67 reoffences per child, 312.5 per 100,000).
func formatNumber(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return groupThousands(strconv.FormatInt(int64(v), 10))
	}
	prec := 2
	if math.Abs(v) >= 10 {
		prec = 1
	}
	s := strconv.FormatFloat(v, 'f', prec, 64)
	whole, frac, _ := strings.Cut(s, ".")
	return groupThousands(whole) + "." + frac
}

// formatInt writes a count with thousands separators.
func formatInt(n int) string {
	return groupThousands(strconv.Itoa(n))
}

// groupThousands puts commas between groups of three digits of an integer string.
func groupThousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	if len(s) <= 3 {
		return sign + s
	}
	var b strings.Builder
	b.WriteString(sign)
	head := len(s) % 3
	if head > 0 {
		b.WriteString(s[:head])
	}
	for i := head; i < len(s); i += 3 {
		if b.Len() > len(sign) {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// formatInterval writes a 95% interval as "13%–58%".
func formatInterval(lo, hi float64, percent bool, decimals int) string {
	return formatValue(lo, percent, decimals) + "–" + formatValue(hi, percent, decimals)
}

// plotValue is the number handed to ECharts: percentages are drawn on a 0–100 axis so that
// the axis labels can be a plain "{value}%" template (no JavaScript formatter), and values
// are rounded to 6 significant decimals to keep the page small.
func plotValue(v float64, percent bool) float64 {
	if percent {
		v *= 100
	}
	return math.Round(v*1e6) / 1e6
}
