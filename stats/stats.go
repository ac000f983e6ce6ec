// Package stats holds the small statistical tests of SPEC §4: a Wilson 95% interval for
// every proportion shown, and a two-sided test at 5% for every change called significant —
// Fisher's exact test when an expected cell of the 2×2 table is below 5, else the pooled
// two-proportion z-test — plus the median. The functions are pure and take counts.
//
// The check values in the tests come from published sources, each cited next to it:
// Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of
// seven methods", Statistics in Medicine 17:857–872 (its worked examples of the score
// interval); R's fisher.test help page (Agresti's tea-tasting table, p = 0.4857), the
// dieting example of Wikipedia's "Fisher's exact test" (p = 0.002759) and exact
// hypergeometric enumerations worked out in fractions in the test comments; and R's
// prop.test(correct = FALSE), whose X-squared is the square of the z here.
package stats

import (
	"math"
	"slices"
)

// Z95 is the two-sided 95% normal quantile, Φ⁻¹(0.975).
const Z95 = 1.959963984540054

// Alpha is the significance level: a change is significant when its two-sided p < Alpha.
const Alpha = 0.05

// fisherRelTol is the relative tolerance within which a table counts as no more probable
// than the observed one, as in R's fisher.test (relErr = 1 + 10^-7): tables with the same
// exact probability must not be lost to rounding in the log-factorials.
const fisherRelTol = 1e-7

// Wilson returns the Wilson score 95% interval for k successes out of n:
//
//	centre = (p̂ + z²/2n) / (1 + z²/n),  half = z/(1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²)
//
// with p̂ = k/n and z = Z95. Unlike p̂ ± z·se it stays inside [0, 1] and is not empty at
// k = 0 or k = n. ok is false when n ≤ 0 or k is outside 0..n.
func Wilson(k, n int) (lo, hi float64, ok bool) {
	if n <= 0 || k < 0 || k > n {
		return 0, 0, false
	}
	nf := float64(n)
	p := float64(k) / nf
	z2 := Z95 * Z95
	denom := 1 + z2/nf
	centre := (p + z2/(2*nf)) / denom
	half := Z95 / denom * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	lo, hi = centre-half, centre+half
	// At k = 0 the bounds are exactly 0 in real arithmetic (and 1 at k = n); say so rather
	// than print -1e-17.
	if k == 0 {
		lo = 0
	}
	if k == n {
		hi = 1
	}
	return max(lo, 0), min(hi, 1), true
}

// FisherExact returns the two-sided p-value of Fisher's exact test on the 2×2 table
// [[a b] [c d]]: with the margins fixed, a is hypergeometric, and p is the total probability
// of the tables no more probable than the one observed (within a relative 1e-7, as R's
// fisher.test). Probabilities are worked in logs (math.Lgamma), so large counts do not
// overflow. It returns NaN if a count is negative.
func FisherExact(a, b, c, d int) float64 {
	if a < 0 || b < 0 || c < 0 || d < 0 {
		return math.NaN()
	}
	row1, row2, col1 := a+b, c+d, a+c
	n := row1 + row2
	// log P(x) for the table with x in the top-left cell.
	logC := lchoose(n, col1)
	logP := func(x int) float64 {
		return lchoose(row1, x) + lchoose(row2, col1-x) - logC
	}
	obs := logP(a)
	limit := obs + math.Log1p(fisherRelTol)
	p := 0.0
	for x := max(0, col1-row2); x <= min(row1, col1); x++ {
		if lp := logP(x); lp <= limit {
			p += math.Exp(lp)
		}
	}
	return min(p, 1)
}

// lchoose returns log C(n, k).
func lchoose(n, k int) float64 {
	return lfact(n) - lfact(k) - lfact(n-k)
}

// lfact returns log n!.
func lfact(n int) float64 {
	v, _ := math.Lgamma(float64(n) + 1)
	return v
}

// TwoProportionZ returns the pooled two-proportion z statistic for k1/n1 against k2/n2,
//
//	z = (p̂1 − p̂2) / √(p̂(1−p̂)(1/n1 + 1/n2)),  p̂ = (k1+k2)/(n1+n2),
//
// positive when the first proportion is the larger, and its two-sided p-value
// erfc(|z|/√2). z² is the chi-squared statistic of R's prop.test(correct = FALSE). ok is
// false when n1 or n2 is not positive, a count is outside 0..n, or p̂ is 0 or 1 (no spread,
// no test).
func TwoProportionZ(k1, n1, k2, n2 int) (z, p float64, ok bool) {
	if n1 <= 0 || n2 <= 0 || k1 < 0 || k1 > n1 || k2 < 0 || k2 > n2 {
		return 0, 0, false
	}
	pooled := float64(k1+k2) / float64(n1+n2)
	if k1+k2 == 0 || k1+k2 == n1+n2 {
		return 0, 0, false
	}
	se := math.Sqrt(pooled * (1 - pooled) * (1/float64(n1) + 1/float64(n2)))
	z = (float64(k1)/float64(n1) - float64(k2)/float64(n2)) / se
	return z, math.Erfc(math.Abs(z) / math.Sqrt2), true
}

// Test names returned by CompareProportions.
const (
	TestFisher = "fisher"
	TestZ      = "z"
)

// CompareProportions tests k1/n1 against k2/n2 as SPEC §4 says: on the 2×2 table
// [[k1, n1−k1] [k2, n2−k2]], Fisher's exact test when any expected count (row total ×
// column total / grand total) is below 5, else the two-proportion z-test. test is
// TestFisher or TestZ. The change is significant at 5% when p < Alpha. ok is false when n1
// or n2 is not positive or a count is outside 0..n.
//
// When all are successes or all failures some expected count is 0, so that case goes to
// Fisher's test, which gives p = 1.
func CompareProportions(k1, n1, k2, n2 int) (p float64, test string, ok bool) {
	if n1 <= 0 || n2 <= 0 || k1 < 0 || k1 > n1 || k2 < 0 || k2 > n2 {
		return 0, "", false
	}
	n := float64(n1 + n2)
	cols := [2]float64{float64(k1 + k2), float64(n1 - k1 + n2 - k2)}
	for _, row := range [2]float64{float64(n1), float64(n2)} {
		for _, col := range cols {
			if row*col/n < 5 {
				return FisherExact(k1, n1-k1, k2, n2-k2), TestFisher, true
			}
		}
	}
	_, p, ok = TwoProportionZ(k1, n1, k2, n2)
	return p, TestZ, ok
}

// Median returns the median of xs — the middle value, or the mean of the middle two for an
// even count — and false when xs is empty. xs is not changed. NaN values give an
// unspecified result.
func Median(xs []float64) (float64, bool) {
	if len(xs) == 0 {
		return 0, false
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return s[mid], true
	}
	// s[i] + (s[j]-s[i])/2 would avoid overflow at ±MaxFloat64; working-day counts never
	// come near it, and the plain mean is exact for the integers they are.
	return (s[mid-1] + s[mid]) / 2, true
}
