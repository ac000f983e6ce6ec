// Package format is the one place numbers are written for people, so the PDF, the dashboard,
// the commentary and the terminal summary agree: a figure that reads 31.1% on the board's PDF
// reads 31.1% on the dashboard, in the generated commentary and in indicators.xlsx.
//
// The conventions are those of YJB publications (DOMAIN-NOTES: "percentages to 1 dp,
// per-reoffender rates to 2 dp"):
//
//   - a percentage has one decimal place: "31.1%", "0.0%", "100.0%";
//   - a change in a percentage is in percentage points, signed: "−2.5 pts", "+0.3 pts", "0.0 pts";
//   - a rate per 100,000 has one decimal place, a frequency (reoffences per child, per
//     reoffender) two;
//   - counts and numbers have thousands separators: "1,234";
//   - a minus sign is the true minus "−" (U+2212), as in print, never a hyphen.
//
// Rounding is half away from zero on the decimal value a person would read, which is how
// Excel shows a cell, so the PDF and the dashboard agree with indicators.xlsx: 0.3125 is
// 31.25% and is written "31.3%" (strconv would give "31.2", rounding half to even), and
// 0.145 is written "15%" to no decimals although its binary value is 0.14499999…. To get
// there a value is first taken to 15 significant digits (as Excel does), which drops the
// noise of binary arithmetic, and percentages are scaled by moving the decimal point, not by
// multiplying by 100. A value that rounds to zero is written without a sign ("0.0%", never
// "−0.0%"), and NaN or an infinity, which no indicator should produce, is written "n/a".
package format

import (
	"strconv"
	"strings"

	"github.com/yjsreport/yjsreport/report"
)

// Minus is the minus sign of a negative figure.
const Minus = "−"

// NA is the text of a value that does not exist, such as a rate whose denominator is 0.
const NA = "n/a"

// Count writes a count with thousands separators: 1234 → "1,234".
func Count(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return Minus + group(s[1:])
	}
	return group(s)
}

// Number writes v to the given decimal places, with thousands separators: (1234.56, 1) →
// "1,234.6". A negative decimals is taken as 0.
func Number(v float64, decimals int) string { return fixed(v, 0, decimals, false) }

// Percent writes a fraction as a percentage to one decimal place: 0.311 → "31.1%".
func Percent(v float64) string { return PercentTo(v, 1) }

// PercentTo writes a fraction as a percentage to the given decimal places: for chart axis
// ticks ("20%", "2.5%") and point labels, where Percent's one place is more than needed.
func PercentTo(v float64, decimals int) string {
	if !finite(v) {
		return NA
	}
	return fixed(v, 2, decimals, false) + "%"
}

// Points writes the difference between two fractions in percentage points, to one decimal
// place and signed: −0.025 → "−2.5 pts", 0.003 → "+0.3 pts"; no change, or one too small to
// show, is "0.0 pts".
func Points(diff float64) string {
	if !finite(diff) {
		return NA
	}
	return fixed(diff, 2, 1, true) + " pts"
}

// PointsSize writes a margin in percentage points, unsigned: 0.05 → "5.0 pts" (an amber
// tolerance, which is a width, not a change).
func PointsSize(v float64) string {
	if !finite(v) {
		return NA
	}
	return fixed(v, 2, 1, false) + " pts"
}

// Signed writes a change to the given decimal places with its sign: "+3.2", "−0.05"; no
// change, or one too small to show, has no sign ("0.00").
func Signed(v float64, decimals int) string { return fixed(v, 0, decimals, true) }

// RatePer100k writes a rate per 100,000 to one decimal place with its unit:
// "61.2 per 100,000".
func RatePer100k(v float64) string { return Number(v, 1) + " per 100,000" }

// Frequency writes a frequency (reoffences per child or per reoffender) to two decimal
// places: "0.53".
func Frequency(v float64) string { return Number(v, 2) }

// Interval writes a 95% interval: "24.2%–38.9%" for fractions (percent true), else the two
// numbers to two decimal places.
func Interval(lo, hi float64, percent bool) string {
	if percent {
		return Percent(lo) + "–" + Percent(hi)
	}
	return Number(lo, 2) + "–" + Number(hi, 2)
}

// Hours writes a number of hours to at most one decimal place, a whole number without one:
// 25 → "25", 12.5 → "12.5", 1234 → "1,234".
func Hours(v float64) string { return strings.TrimSuffix(Number(v, 1), ".0") }

// Days writes a number of days (a median, which may end in .5) as Hours writes hours.
func Days(v float64) string { return Hours(v) }

// PValue writes a p-value to three decimal places, or "<0.001" below that.
func PValue(p float64) string {
	if p < 0.001 {
		return "<0.001"
	}
	return Number(p, 3)
}

// HeadlineFigure writes a headline value by its kind (report.Headline.Kind) as a tile shows
// it, beside its unit: "31.1%" for a proportion, "61.2" for a rate per 100,000, "0.53" for a
// frequency.
func HeadlineFigure(kind string, v float64) string {
	switch kind {
	case report.KindProportion:
		return Percent(v)
	case report.KindRatePer100k:
		return Number(v, 1)
	}
	return Frequency(v)
}

// Headline writes a headline value by its kind as a sentence states it: "31.1%",
// "61.2 per 100,000", "0.53".
func Headline(kind string, v float64) string {
	if kind == report.KindRatePer100k {
		return RatePer100k(v)
	}
	return HeadlineFigure(kind, v)
}

// Change writes the change in a headline value by its kind, signed: "−2.5 pts" for a
// proportion, "+3.2" for a rate per 100,000, "−0.05" for a frequency.
func Change(kind string, diff float64) string {
	switch kind {
	case report.KindProportion:
		return Points(diff)
	case report.KindRatePer100k:
		return Signed(diff, 1)
	}
	return Signed(diff, 2)
}

func finite(v float64) bool { return v == v && v-v == 0 }

// fixed writes v×10^shift rounded half away from zero to decimals places, with thousands
// separators; signed puts "+" before a positive result. A result of zero has no sign.
func fixed(v float64, shift, decimals int, signed bool) string {
	if !finite(v) {
		return NA
	}
	decimals = max(decimals, 0)
	neg := v < 0
	if neg {
		v = -v
	}
	m := scaled(v, shift+decimals)
	if len(m) <= decimals {
		m = strings.Repeat("0", decimals-len(m)+1) + m
	}
	whole, frac := m[:len(m)-decimals], m[len(m)-decimals:]
	s := group(whole)
	if decimals > 0 {
		s += "." + frac
	}
	switch {
	case strings.Trim(m, "0") == "":
		return s // zero, whatever the sign of v
	case neg:
		return Minus + s
	case signed:
		return "+" + s
	}
	return s
}

// scaled returns the decimal digits of v×10^k rounded half away from zero to an integer,
// without leading zeros ("0" for zero), for v ≥ 0. v is first taken to 15 significant
// digits, so the rounding is of the decimal value a person reads, not of its binary
// approximation.
func scaled(v float64, k int) string {
	if v == 0 {
		return "0"
	}
	// "d.dddddddddddddde±XX": 15 significant digits D, so v = D × 10^(exp−14).
	s := strconv.FormatFloat(v, 'e', 14, 64)
	mant, expText, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(expText)
	digits := mant[:1] + mant[2:]
	t := exp - 14 + k // v×10^k = D × 10^t
	if t >= 0 {
		return digits + strings.Repeat("0", t)
	}
	keep := len(digits) + t // digits left of the point once D is scaled
	if keep < 0 {
		return "0"
	}
	kept, next := digits[:keep], digits[keep]
	if next >= '5' {
		kept = increment(kept)
	}
	kept = strings.TrimLeft(kept, "0")
	if kept == "" {
		return "0"
	}
	return kept
}

// increment adds one to a string of decimal digits ("" is 0).
func increment(d string) string {
	b := []byte(d)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < '9' {
			b[i]++
			return string(b)
		}
		b[i] = '0'
	}
	return "1" + string(b)
}

// group puts commas between groups of three digits of a string of digits.
func group(s string) string {
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	head := len(s) % 3
	if head == 0 {
		head = 3
	}
	b.WriteString(s[:head])
	for i := head; i < len(s); i += 3 {
		b.WriteByte(',')
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// List writes words for people: "a", "a and b", "a, b and c"; "" for none.
func List(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// Arrow returns the arrow for a change as written by Change or Points: "▲" for a written
// increase, "▼" for a decrease, "" when it rounds to no change — so the arrow always agrees
// with the printed sign.
func Arrow(written string) string {
	switch {
	case strings.HasPrefix(written, "+"):
		return "▲"
	case strings.HasPrefix(written, Minus):
		return "▼"
	}
	return ""
}
