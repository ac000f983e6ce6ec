package stats

import (
	"math"
	"testing"
)

// near reports whether got is within tol of want.
func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

func TestWilson(t *testing.T) {
	// With z² = 3.841458820694124:
	//   0/10:  centre = (z²/20)/(1+z²/10) = 0.192073/1.384146 = 0.138766 = half → [0, 0.277533]
	//   5/10:  centre 0.5, half = (z/1.384146)·√(0.025 + z²/400)
	//          = 1.416010 · √0.034604 = 1.416010 · 0.186021 = 0.263407 → [0.236593, 0.763407]
	//   81/263, 15/148, 0/20, 1/29: Newcombe (1998), Statistics in Medicine 17:857–872, the
	//          paper's worked examples for the score (Wilson) method: 0.2553–0.3662,
	//          0.0624–0.1605, 0–0.1611, 0.0061–0.1718 (recomputed from the formula in
	//          Python to the same four places). 81/263 by hand: p̂ = 0.307985,
	//          centre = (0.307985 + 0.007303)/1.014606 = 0.310749,
	//          half = (1.959964/1.014606)·√(0.000810 + 0.0000139) = 1.931749·0.028710 = 0.055461.
	//   10/10: mirror of 0/10 → [0.722467, 1].
	tests := []struct {
		name   string
		k, n   int
		lo, hi float64
		tol    float64
	}{
		{"none of ten", 0, 10, 0, 0.277533, 5e-7},
		{"half of ten", 5, 10, 0.236593, 0.763407, 5e-7},
		{"all of ten", 10, 10, 0.722467, 1, 5e-7},
		{"Newcombe 81/263", 81, 263, 0.2553, 0.3662, 5e-5},
		{"Newcombe 15/148", 15, 148, 0.0624, 0.1605, 5e-5},
		{"Newcombe 0/20", 0, 20, 0, 0.1611, 5e-5},
		{"Newcombe 1/29", 1, 29, 0.0061, 0.1718, 5e-5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi, ok := Wilson(tt.k, tt.n)
			if !ok || !near(lo, tt.lo, tt.tol) || !near(hi, tt.hi, tt.tol) {
				t.Errorf("Wilson(%d, %d) = [%.6f, %.6f] %v, want [%.6f, %.6f]", tt.k, tt.n, lo, hi, ok, tt.lo, tt.hi)
			}
			if lo < 0 || hi > 1 || lo > float64(tt.k)/float64(tt.n) || hi < float64(tt.k)/float64(tt.n) {
				t.Errorf("Wilson(%d, %d) = [%v, %v] does not hold k/n inside [0, 1]", tt.k, tt.n, lo, hi)
			}
		})
	}
	if lo, _, _ := Wilson(0, 7); lo != 0 {
		t.Errorf("Wilson(0, 7) lower bound = %v, want exactly 0", lo)
	}
	if _, hi, _ := Wilson(7, 7); hi != 1 {
		t.Errorf("Wilson(7, 7) upper bound = %v, want exactly 1", hi)
	}
	for _, bad := range [][2]int{{0, 0}, {1, 0}, {-1, 5}, {6, 5}} {
		if _, _, ok := Wilson(bad[0], bad[1]); ok {
			t.Errorf("Wilson(%d, %d) ok, want not ok (rate n/a)", bad[0], bad[1])
		}
	}
}

func TestFisherExact(t *testing.T) {
	tests := []struct {
		name       string
		a, b, c, d int
		want       float64
		tol        float64
	}{
		// R ?fisher.test, Agresti's tea tasting: margins 4,4 / 4,4, P(x) = C(4,x)C(4,4−x)/70
		// = 1, 16, 36, 16, 1 (/70); observed x=3 (16/70); 1+16+16+1 = 34/70 = 0.485714.
		{"tea tasting (R fisher.test help)", 3, 1, 1, 3, 34.0 / 70, 1e-12},
		// Wikipedia "Fisher's exact test" dieting example, R gives 0.002759. Margins 10,14 /
		// 12,12: P(x) = C(10,x)C(14,12−x)/C(24,12); tables as or less likely than x=1 are
		// x = 0, 1, 9, 10: (1 + 40 + 40 + 1)/29716 = 41/14858 = 0.00275946.
		{"dieting example (Wikipedia, R 0.002759)", 1, 9, 11, 3, 41.0 / 14858, 1e-12},
		// Margins 5,5 / 6,4: P(x), x=1..5 = 1/42, 5/21, 10/21, 5/21, 1/42. Observed x=2 ties
		// with x=4 exactly (5/21), reached through different log-factorials: the tolerance
		// must keep both. p = 1/42 + 5/21 + 5/21 + 1/42 = 11/21.
		{"tie with the mirror table is kept", 2, 3, 4, 1, 11.0 / 21, 1e-12},
		// Margins 5,5 / 5,5, P(x) = C(5,x)²/252; x=0 and x=5 each 1/252: p = 2/252 = 1/126.
		{"perfect separation of five", 0, 5, 5, 0, 1.0 / 126, 1e-12},
		// x=10 of margins 10,10 / 10,10: 2/184756 = 1/92378.
		{"perfect separation of ten", 10, 0, 0, 10, 1.0 / 92378, 1e-15},
		// The most likely table has p = 1.
		{"most likely table", 5, 5, 5, 5, 1, 1e-12},
		// Rows 10,10, first column 9: P(x) = C(10,x)C(10,9−x)/C(20,9), numerators for
		// x = 0..9: 10, 450, 5400, 25200, 52920, 52920, 25200, 5400, 450, 10 over 167960.
		// Observed x=7 (5400); p = 2(10 + 450 + 5400)/167960 = 11720/167960 = 293/4199.
		{"7/10 against 2/10", 7, 3, 2, 8, 293.0 / 4199, 1e-12},
		// Margins 40,10 / 10,40: P(x) ∝ C(40,x)C(10,10−x); observed x=5 is 165818016, the
		// no-more-likely tables are x = 0..5: 1 + 400 + 35100 + 1185600 + 19191900 +
		// 165818016 = 186231017, over C(50,10) = 10272278170.
		{"5/40 against 5/10", 5, 35, 5, 5, 186231017.0 / 10272278170, 1e-12},
		// Large counts: exact-fraction enumeration (Python fractions and math.comb) gives
		// 0.0148050760601, 0.0076865510765 and 0.1614692915085.
		{"large counts 100/300 against 130/300", 100, 200, 130, 170, 0.0148050760601, 1e-10},
		{"large counts 400/1000 against 460/1000", 400, 600, 460, 540, 0.0076865510765, 1e-10},
		{"large counts 5000/10000 against 5100/10000", 5000, 5000, 5100, 4900, 0.1614692915085, 1e-9},
		{"an empty table is as likely as can be", 0, 0, 0, 0, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FisherExact(tt.a, tt.b, tt.c, tt.d)
			if !near(got, tt.want, tt.tol) {
				t.Errorf("FisherExact(%d, %d, %d, %d) = %.12g, want %.12g", tt.a, tt.b, tt.c, tt.d, got, tt.want)
			}
			// The test does not care which way round the table is written.
			if sw := FisherExact(tt.c, tt.d, tt.a, tt.b); !near(sw, got, 1e-12) {
				t.Errorf("rows swapped: %.12g, want %.12g", sw, got)
			}
			if tr := FisherExact(tt.a, tt.c, tt.b, tt.d); !near(tr, got, 1e-12) {
				t.Errorf("transposed: %.12g, want %.12g", tr, got)
			}
		})
	}
	if p := FisherExact(-1, 2, 3, 4); !math.IsNaN(p) {
		t.Errorf("FisherExact with a negative count = %v, want NaN", p)
	}
}

func TestTwoProportionZ(t *testing.T) {
	// 30/100 against 45/100: pooled 75/200 = 0.375; se = √(0.375·0.625·(1/100+1/100)) =
	// √0.0046875; z = −0.15/√0.0046875, z² = 0.0225/0.0046875 = 4.8 exactly, so
	// z = −2.190890; R prop.test(c(30,45), c(100,100), correct = FALSE): X-squared = 4.8,
	// p-value = 0.02846.
	tests := []struct {
		name           string
		k1, n1, k2, n2 int
		z, p           float64
		ok             bool
	}{
		{"first lower", 30, 100, 45, 100, -math.Sqrt(4.8), 0.0284597, true},
		{"first higher: sign flips, p the same", 45, 100, 30, 100, math.Sqrt(4.8), 0.0284597, true},
		// 4/20 against 16/20: pooled 0.5, se = √(0.25·0.1) = 0.158114; z = −0.6/0.158114 =
		// −3.794733 (z² = 0.36/0.025 = 14.4); two-sided p = erfc(3.794733/√2) = 0.000148.
		{"4/20 against 16/20", 4, 20, 16, 20, -math.Sqrt(14.4), 0.000147802, true},
		{"equal proportions give z = 0, p = 1", 10, 40, 5, 20, 0, 1, true},
		{"no denominator", 0, 0, 3, 10, 0, 0, false},
		{"all failures: no spread", 0, 10, 0, 20, 0, 0, false},
		{"all successes: no spread", 10, 10, 20, 20, 0, 0, false},
		{"count above its denominator", 11, 10, 2, 20, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z, p, ok := TwoProportionZ(tt.k1, tt.n1, tt.k2, tt.n2)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			if !near(z, tt.z, 1e-9) || !near(p, tt.p, 5e-7) {
				t.Errorf("TwoProportionZ(%d/%d, %d/%d) = z %.7f p %.7f, want z %.7f p %.7f",
					tt.k1, tt.n1, tt.k2, tt.n2, z, p, tt.z, tt.p)
			}
		})
	}
}

func TestCompareProportions(t *testing.T) {
	tests := []struct {
		name           string
		k1, n1, k2, n2 int
		p              float64
		test           string
		significant    bool
		ok             bool
	}{
		// Expected cells 37.5, 62.5, 37.5, 62.5, all ≥ 5: z-test, p = 0.02846 (above).
		{"all expected cells at least 5 uses the z-test", 30, 100, 45, 100, 0.0284597, TestZ, true, true},
		// [[3 7] [8 2]]: column totals 11 and 9, expected 5.5 and 4.5 < 5: Fisher, p =
		// 293/4199 = 0.0698 — not significant, though the z-test would say p = 0.025.
		{"an expected cell below 5 uses Fisher's test", 3, 10, 8, 10, 293.0 / 4199, TestFisher, false, true},
		// [[5 35] [5 5]]: expected 10·10/50 = 2 < 5: Fisher, p = 186231017/10272278170.
		{"small second group uses Fisher's test", 5, 40, 5, 10, 186231017.0 / 10272278170, TestFisher, true, true},
		// [[5 5] [5 5]]: every expected cell is exactly 5, which is not below 5, so the
		// z-test; equal proportions give z = 0, p = 1.
		{"expected cell of exactly 5 uses the z-test", 5, 10, 5, 10, 1, TestZ, false, true},
		// No failures at all: expected failures 0 < 5: Fisher, p = 1.
		{"all successes go to Fisher with p = 1", 10, 10, 20, 20, 1, TestFisher, false, true},
		{"empty first group is n/a", 0, 0, 3, 10, 0, "", false, false},
		{"empty second group is n/a", 3, 10, 0, 0, 0, "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, test, ok := CompareProportions(tt.k1, tt.n1, tt.k2, tt.n2)
			if ok != tt.ok || test != tt.test {
				t.Fatalf("CompareProportions(%d/%d, %d/%d) = %v %q %v, want test %q ok %v",
					tt.k1, tt.n1, tt.k2, tt.n2, p, test, ok, tt.test, tt.ok)
			}
			if !ok {
				return
			}
			if !near(p, tt.p, 5e-7) {
				t.Errorf("p = %.9f, want %.9f", p, tt.p)
			}
			if (p < Alpha) != tt.significant {
				t.Errorf("significant = %v, want %v (p = %.4f)", p < Alpha, tt.significant, p)
			}
		})
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		name string
		xs   []float64
		want float64
		ok   bool
	}{
		{"empty has no median", nil, 0, false},
		{"one value", []float64{7}, 7, true},
		{"odd count: middle value of the sorted list", []float64{9, 1, 4}, 4, true},
		{"even count: mean of the middle two", []float64{10, 2, 3, 8}, 5.5, true},
		{"ties", []float64{3, 3, 1, 3}, 3, true},
		{"negative values", []float64{-1, -5, 2}, -1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]float64(nil), tt.xs...)
			got, ok := Median(in)
			if ok != tt.ok || got != tt.want {
				t.Errorf("Median(%v) = %v %v, want %v %v", tt.xs, got, ok, tt.want, tt.ok)
			}
			for i := range in {
				if in[i] != tt.xs[i] {
					t.Fatalf("Median reordered its input: %v", in)
				}
			}
		})
	}
}
