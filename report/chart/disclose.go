package chart

import "github.com/yjsreport/yjsreport/report/disclosure"

// ApplyDisclosure returns copies of specs with SPEC §6 applied: counts 1–4 and rates whose
// denominator is below 5 (or whose numerator is 1–4) are set to nil and marked Suppressed, and
// in Additive charts a second cell is hidden when a group would otherwise have exactly one
// hidden cell. Charts of organisations (board attendance) and published comparators' figures
// are left as they are: SPEC §6 protects children, not agencies. A Spec already disclosed is
// left as it is, so applying it twice is applying it once. The input is not changed.
func ApplyDisclosure(specs []Spec) []Spec {
	out := make([]Spec, len(specs))
	for i, s := range specs {
		if s.Organisational || s.Disclosed {
			out[i] = s
			continue
		}
		out[i] = discloseSpec(s)
	}
	return out
}

func discloseSpec(s Spec) Spec {
	s.Disclosed = true
	series := make([]Series, len(s.Series))
	for j, se := range s.Series {
		if se.Published {
			se.Suppressed = make([]bool, len(se.Values))
			se.Labels = make([]string, len(se.Values))
			series[j] = se
			continue
		}
		se.Values = append([]*float64(nil), se.Values...)
		se.Lower = append([]*float64(nil), se.Lower...)
		se.Upper = append([]*float64(nil), se.Upper...)
		if len(se.Lower) == 0 {
			se.Lower, se.Upper = nil, nil
		}
		se.Suppressed = make([]bool, len(se.Values))
		for k, v := range se.Values {
			if v == nil {
				continue
			}
			if se.Num != nil && k < len(se.Num) {
				den := 0
				if k < len(se.N) {
					den = se.N[k]
				}
				se.Suppressed[k] = disclosure.RateHidden(se.Num[k], den)
			} else {
				se.Suppressed[k] = disclosure.IsSmall(int(*v + 0.5))
			}
		}
		series[j] = se
	}
	primary := make([][]bool, len(series))
	for j := range series {
		primary[j] = append([]bool(nil), series[j].Suppressed...)
	}
	if s.Additive {
		secondary(s, series)
	}
	for j := range series {
		if series[j].Published {
			continue
		}
		series[j].Labels = make([]string, len(series[j].Values))
		for k, hid := range series[j].Suppressed {
			if hid {
				series[j].Labels[k] = suppressedText(series[j], k, primary[j][k])
				series[j].Values[k] = nil
				if series[j].Lower != nil {
					series[j].Lower[k], series[j].Upper[k] = nil, nil
				}
			}
		}
	}
	s.Series = series
	return s
}

// count is the count behind a point: its numerator for rates, else its value.
func count(se Series, k int) int {
	if se.Num != nil && k < len(se.Num) {
		return se.Num[k]
	}
	if k < len(se.Values) && se.Values[k] != nil {
		return int(*se.Values[k] + 0.5)
	}
	return 0
}

// secondary hides a second cell in each group that has exactly one: the series of a category
// when there are several (stacks, bands), else the categories of the single series.
func secondary(s Spec, series []Series) {
	if len(series) == 1 {
		se := series[0]
		cells := make([]int, len(se.Values))
		for k := range cells {
			cells[k] = count(se, k)
		}
		hidden := groupHidden(cells, se.Suppressed)
		copy(series[0].Suppressed, hidden)
		return
	}
	for k := range s.Categories {
		cells := make([]int, len(series))
		prim := make([]bool, len(series))
		for j, se := range series {
			cells[j] = count(se, k)
			if k < len(se.Suppressed) {
				prim[j] = se.Suppressed[k]
			}
		}
		hidden := groupHidden(cells, prim)
		for j := range series {
			if k < len(series[j].Suppressed) {
				series[j].Suppressed[k] = hidden[j]
			}
		}
	}
}

// groupHidden adds secondary suppression to a group whose cells were hidden by prim; the
// group's total is taken as shown unless it is itself small.
func groupHidden(cells []int, prim []bool) []bool {
	total := 0
	n := 0
	for i, c := range cells {
		total += c
		if prim[i] {
			n++
		}
	}
	out := append([]bool(nil), prim...)
	if n != 1 || disclosure.IsSmall(total) {
		return out
	}
	if i := disclosure.NextSmallest(cells, out); i >= 0 {
		out[i] = true
	}
	return out
}

// suppressedText is what a hidden point shows: "<5" for a small count, "*" for a count hidden
// only to protect another, "suppressed" for a rate.
func suppressedText(se Series, k int, primary bool) string {
	switch {
	case !primary:
		return disclosure.Secondary
	case se.Num != nil:
		return disclosure.Suppressed
	}
	return disclosure.Small
}
