package dashboard

import (
	"fmt"
	"math"

	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/disclosure"
	"github.com/yjsreport/yjsreport/report/format"
)

// cell is one value of a Spec resolved for display: the number (when shown), its texts, and
// whether disclosure control hid it.
type cell struct {
	show       bool // a number may be drawn
	v          float64
	txt, n, ci string
	prov, sup  bool
	lo, hi     float64
	hasCI      bool
}

// resolve reads value i of series s, applying disclosure control: a value marked Suppressed
// yields no number, n or interval, whatever the Spec holds, so the hidden figure cannot be
// read from the page's source. On a Spec that went through chart.ApplyDisclosure every n is
// printed with disclosure.Count ("<5" for 1–4).
func resolve(sp *chart.Spec, s *chart.Series, i int) cell {
	var c cell
	if i < len(s.Provisional) {
		c.prov = s.Provisional[i]
	}
	if i < len(s.Suppressed) && s.Suppressed[i] {
		c.sup = true
		c.txt = suppressedText(sp, s, i)
		return c
	}
	if i < len(s.N) {
		c.n = format.Count(s.N[i])
		if sp.Disclosed && disclosure.IsSmall(s.N[i]) {
			c.n = disclosure.Small
		}
		if sp.Percent && sp.Unit != "" {
			c.n += " " + sp.Unit
		}
	}
	if i < len(s.Labels) && s.Labels[i] != "" {
		c.txt = s.Labels[i]
		return c
	}
	if i >= len(s.Values) || s.Values[i] == nil || math.IsNaN(*s.Values[i]) || math.IsInf(*s.Values[i], 0) {
		c.txt = format.NA
		return c
	}
	c.show, c.v = true, *s.Values[i]
	c.txt = chart.ValueText(sp, c.v)
	if i < len(s.Lower) && i < len(s.Upper) && s.Lower[i] != nil && s.Upper[i] != nil {
		c.hasCI, c.lo, c.hi = true, *s.Lower[i], *s.Upper[i]
		c.ci = format.Interval(c.lo, c.hi, sp.Percent)
	}
	return c
}

// suppressedText is the Spec's own label for a hidden point ("<5", "*", "suppressed"), else
// "<5" for a plain count (SPEC §6: counts 1–4 are shown as <5) and "suppressed" for a rate.
func suppressedText(sp *chart.Spec, s *chart.Series, i int) string {
	if i < len(s.Labels) && s.Labels[i] != "" {
		return s.Labels[i]
	}
	if !sp.Percent && s.N == nil && s.Num == nil {
		return disclosure.Small
	}
	return disclosure.Suppressed
}

// hasSuppressed reports whether any value of the Spec is hidden by disclosure control.
func hasSuppressed(sp *chart.Spec) bool {
	for _, s := range sp.Series {
		for _, b := range s.Suppressed {
			if b {
				return true
			}
		}
	}
	return false
}

// hasProvisional reports whether any value of the Spec is provisional.
func hasProvisional(sp *chart.Spec) bool {
	for _, s := range sp.Series {
		for _, b := range s.Provisional {
			if b {
				return true
			}
		}
	}
	return false
}

// niceCeil rounds v up to 1, 2, 2.5 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= v-1e-9 {
			return m * p
		}
	}
	return 10 * p
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// validateSpec checks the shape of a Spec: every per-category slice must match the
// categories, so a mistake in chart.Build shows as an error, not as a shifted chart.
func validateSpec(sp *chart.Spec) error {
	switch sp.Kind {
	case chart.Bar, chart.StackedBar, chart.Line, chart.Diverging:
	default:
		return fmt.Errorf("chart %q: unknown kind %q", sp.ID, sp.Kind)
	}
	n := len(sp.Categories)
	for _, s := range sp.Series {
		if len(s.Values) != n {
			return fmt.Errorf("chart %q: series %q has %d values for %d categories", sp.ID, s.Name, len(s.Values), n)
		}
		// The optional slices are either absent or one entry per category.
		for _, l := range []struct {
			name string
			len  int
		}{{"n", len(s.N)}, {"lower", len(s.Lower)}, {"upper", len(s.Upper)},
			{"provisional", len(s.Provisional)}, {"suppressed", len(s.Suppressed)}} {
			if l.len != 0 && l.len != n {
				return fmt.Errorf("chart %q: series %q has %d %s for %d categories", sp.ID, s.Name, l.len, l.name, n)
			}
		}
	}
	return nil
}
