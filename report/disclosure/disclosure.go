// Package disclosure holds the small-number rules of SPEC §6, applied to every figure the PDF
// and the dashboard show when disclosure control is on:
//
//   - primary suppression: a count from 1 to 4 is shown as "<5" (0 is shown: it identifies no one);
//   - a rate is suppressed when its denominator is below 5, or when its numerator is itself a
//     hidden count (1–4), since a rate and its denominator give the numerator back;
//   - secondary suppression: when the cells of a group add up to a total that is shown and
//     exactly one cell is hidden, the next smallest cell is hidden too, so the hidden one cannot
//     be worked out by subtraction.
//
// indicators.json always holds the true figures; these rules are for what is printed.
package disclosure

import "strconv"

// Threshold is the smallest count shown as itself (SPEC §6: counts 1–4 are "<5").
const Threshold = 5

// Small is the text of a count hidden by primary suppression.
const Small = "<5"

// Secondary is the text of a cell hidden by secondary suppression: not "<5", which would be
// false for a cell of 5 or more.
const Secondary = "*"

// Suppressed is the text of a rate or other figure hidden by the rules.
const Suppressed = "suppressed"

// IsSmall reports whether a count is hidden by primary suppression (1 to 4).
func IsSmall(n int) bool { return n >= 1 && n < Threshold }

// RateHidden reports whether a rate num/den must be suppressed: its denominator is below 5
// (including 0, when the rate is n/a anyway) or its numerator is a hidden count.
func RateHidden(num, den int) bool { return den < Threshold || IsSmall(num) }

// Count formats a count as the page shows it: "<5" for 1–4 when on, else the number.
func Count(n int, on bool) string {
	if on && IsSmall(n) {
		return Small
	}
	return strconv.Itoa(n)
}

// Group applies primary and secondary suppression to cells that add up to a total. When
// totalShown is false (the total is itself hidden, or is not printed anywhere) only primary
// suppression applies. The result has one entry per cell: true when the cell is hidden;
// secondary[i] tells a cell hidden only to protect another.
func Group(cells []int, totalShown bool) (hidden, secondary []bool) {
	hidden = make([]bool, len(cells))
	secondary = make([]bool, len(cells))
	n := 0
	for i, c := range cells {
		if IsSmall(c) {
			hidden[i] = true
			n++
		}
	}
	if n != 1 || !totalShown {
		return hidden, secondary
	}
	if best := NextSmallest(cells, hidden); best >= 0 {
		hidden[best] = true
		secondary[best] = true
	}
	return hidden, secondary
}

// NextSmallest returns the cell to hide by secondary suppression: the smallest cell not
// already hidden, preferring a non-zero one (a zero is often known to be zero from
// elsewhere); -1 when every cell is hidden.
func NextSmallest(cells []int, hidden []bool) int {
	best := -1
	for i, c := range cells {
		if hidden[i] {
			continue
		}
		if best < 0 || better(c, cells[best]) {
			best = i
		}
	}
	return best
}

// better reports whether cell a is a better secondary choice than b: the smallest non-zero
// cell, else a zero.
func better(a, b int) bool {
	switch {
	case a > 0 && b == 0:
		return true
	case a == 0 && b > 0:
		return false
	}
	return a < b
}

// Cell is one printed figure after disclosure control.
type Cell struct {
	Value  int
	Hidden bool
	Text   string // what to print: the number, "<5" or "*"
}

// Column applies Group to a table column whose total is printed, returning the printed cells
// and the printed total. With on false every cell is its number.
func Column(cells []int, on bool) (out []Cell, total Cell) {
	sum := 0
	for _, c := range cells {
		sum += c
	}
	total = Cell{Value: sum, Text: strconv.Itoa(sum)}
	out = make([]Cell, len(cells))
	if !on {
		for i, c := range cells {
			out[i] = Cell{Value: c, Text: strconv.Itoa(c)}
		}
		return out, total
	}
	if IsSmall(sum) {
		total.Hidden, total.Text = true, Small
	}
	hidden, secondary := Group(cells, !total.Hidden)
	for i, c := range cells {
		out[i] = Cell{Value: c, Hidden: hidden[i], Text: strconv.Itoa(c)}
		switch {
		case secondary[i]:
			out[i].Text = Secondary
		case hidden[i]:
			out[i].Text = Small
		}
	}
	return out, total
}
