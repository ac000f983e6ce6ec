package dashboard

import (
	"fmt"
	"math"
	"strings"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/ingest"
	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/disclosure"
	"github.com/yjsreport/yjsreport/report/format"
)

type tile struct {
	Class, Label, Period, Value, N, RAG, Target string
	Changes                                     []change
	// Spark is the element id of the tile's sparkline, "" when it has none.
	Spark       string
	Comparators []comparatorView
}

type change struct {
	When, Text, Class, Note string
}

// comparatorView is one published figure for the tile's period, with our difference from it.
type comparatorView struct {
	Name, Value, Diff, Source string
	Color                     string // of its diamonds in the sparkline and charts
}

// isCohort reports whether a headline is measured on reoffending cohorts, so that its
// comparisons are between cohorts, not quarters.
func isCohort(h report.Headline) bool { return report.IsCohort(h.Indicator) }

// whenLabels are the names of a headline's two comparison points.
func whenLabels(h report.Headline) (previous, yearAgo string) {
	if isCohort(h) {
		return "Previous cohort", "Cohort a year earlier"
	}
	return "Previous quarter", "Same quarter a year earlier"
}

// buildTile is one headline tile: value, n, 95% interval, RAG against target, the change
// against the previous quarter (or cohort) and a year earlier, and the published comparators
// of its period. disc is true when disclosure control applies to this headline.
func buildTile(h report.Headline, disc bool) tile {
	t := tile{Label: h.Label, Period: h.Period, Class: "rag-none", RAG: "No target"}
	if t.Label == "" {
		t.Label = h.Indicator
	}
	if isCohort(h) && t.Period != "" {
		// Reoffending is measured on the newest cohort whose follow-up has ended.
		t.Period = "Cohort " + t.Period
	}
	if h.MissingExtract != "" {
		t.Value = "no extract"
		t.N = "no " + h.MissingExtract + " extract was found"
		if h.Target != nil {
			t.Target = "Target " + format.HeadlineFigure(h.Kind, h.Target.Target) + " · " + h.Better + " is better"
			t.RAG = "No extract"
		}
		prev, year := whenLabels(h)
		t.Changes = []change{{When: prev, Text: "no extract", Class: "same"}, {When: year, Text: "no extract", Class: "same"}}
		return t
	}
	cur := h.Current
	hidden := disc && hiddenPoint(h, cur)
	switch {
	case hidden:
		t.Value = disclosure.Suppressed
		t.N = "n = " + disclosure.Count(int(tileN(h, cur)), true)
		if strings.HasPrefix(t.N, "n = <") {
			t.N = "n < " + strings.TrimPrefix(t.N, "n = <")
		}
	case cur.Value == nil:
		t.Value = format.NA
		t.N = "n = " + format.Count(int(math.Round(tileN(h, cur))))
	default:
		t.Value = format.HeadlineFigure(h.Kind, *cur.Value)
		t.N = "n = " + format.Count(int(math.Round(tileN(h, cur))))
		if cur.CI95 != nil {
			t.N += " · 95% interval " + format.Interval(cur.CI95[0], cur.CI95[1], h.Kind == report.KindProportion)
		}
	}
	if h.Target != nil {
		t.Target = "Target " + format.HeadlineFigure(h.Kind, h.Target.Target) + " · " + h.Better + " is better"
		if h.Target.RAG != nil && !hidden {
			switch *h.Target.RAG {
			case "red", "amber", "green":
				t.Class = "rag-" + *h.Target.RAG
				t.RAG = strings.ToUpper((*h.Target.RAG)[:1]) + (*h.Target.RAG)[1:]
			}
		} else if hidden {
			t.RAG = "Not shown"
		} else {
			t.RAG = "No value"
		}
	}
	prev, year := whenLabels(h)
	for _, c := range []struct {
		label string
		other report.Point
		ch    *report.Change
	}{{prev, h.Previous, h.ChangePrevious}, {year, h.YearAgo, h.ChangeYearAgo}} {
		when := c.label
		if c.other.Period != "" {
			when += " (" + c.other.Period + ")"
		}
		switch {
		case disc && (hidden || hiddenPoint(h, c.other)):
			t.Changes = append(t.Changes, change{When: when, Text: "not shown (small numbers)", Class: "same"})
		case c.ch == nil:
			t.Changes = append(t.Changes, change{When: when, Text: "no comparison", Class: "same"})
		default:
			t.Changes = append(t.Changes, describeChange(h.Kind, when, c.ch))
		}
	}
	for _, c := range cur.Comparators {
		cv := comparatorView{Name: c.Comparator, Value: format.HeadlineFigure(h.Kind, c.Value)}
		if c.Source != nil {
			cv.Source = *c.Source
		}
		switch {
		case hidden:
			// Our value is hidden, and the difference would give it away.
			cv.Diff = "difference not shown (small numbers)"
		case c.Difference == nil:
			cv.Diff = "no figure of ours to compare"
		default:
			d := *c.Difference
			size := strings.TrimPrefix(format.Change(h.Kind, math.Abs(d)), "+")
			switch {
			case size == strings.TrimPrefix(format.Change(h.Kind, 0), "+"):
				cv.Diff = "ours the same"
			case d > 0:
				cv.Diff = "ours " + size + " higher"
			default:
				cv.Diff = "ours " + size + " lower"
			}
		}
		t.Comparators = append(t.Comparators, cv)
	}
	return t
}

// tileN is the "n" of a headline: the children behind a proportion or a frequency, the
// count behind a rate per 100,000 (whose denominator is the population).
func tileN(h report.Headline, p report.Point) float64 {
	if h.Kind == report.KindRatePer100k {
		return p.Numerator
	}
	return p.Denominator
}

// hiddenPoint reports whether disclosure control hides a headline point, by the rules of
// package disclosure: a rate over fewer than 5 or with a numerator of 1–4, a count of 1–4.
func hiddenPoint(h report.Headline, p report.Point) bool {
	num, den := int(math.Round(p.Numerator)), int(math.Round(p.Denominator))
	switch h.Kind {
	case report.KindRatePer100k:
		// The denominator is the population; the count of entrants is what must not be small.
		return disclosure.IsSmall(num)
	default:
		return p.Value != nil && disclosure.RateHidden(num, den)
	}
}

// describeChange words a change: arrow and signed size (percentage points for proportions,
// as the PDF writes it), better or worse, and whether it is statistically significant. The
// arrow follows the written sign, so a change too small to show has none.
func describeChange(kind, when string, c *report.Change) change {
	size := format.Change(kind, c.Difference)
	arrow := "● "
	if a := format.Arrow(size); a != "" {
		arrow = a + " "
	}
	ch := change{When: when, Text: arrow + size}
	switch c.Direction {
	case report.DirectionBetter:
		ch.Class, ch.Text = "better", ch.Text+", better"
	case report.DirectionWorse:
		ch.Class, ch.Text = "worse", ch.Text+", worse"
	default:
		ch.Class, ch.Text = "same", ch.Text+", no change"
	}
	if c.Test != "" {
		if c.Significant {
			ch.Note = "significant"
		} else {
			ch.Note = "not significant"
		}
		if c.PValue != nil {
			ch.Note += " (p = " + format.PValue(*c.PValue) + ")"
		}
	}
	return ch
}

// concernView is one area of concern: the indicator, why it is a concern, and the
// improvement-plan actions linked to it.
type concernView struct {
	Label   string
	Reasons []string
	Actions []planRow
}

// buildConcerns words SPEC §4.9's areas of concern: each red indicator and significant change
// for the worse, with its linked actions. With disclosure control on, a figure that would
// reveal a small number is not printed, but the concern is still listed.
func buildConcerns(ind *report.Indicators, plan []ingest.Action, asOf calendar.Date, disc bool) []concernView {
	var out []concernView
	for _, c := range ind.AreasOfConcern {
		h := ind.Headline(c.Indicator)
		if h == nil {
			continue
		}
		d := disc && !chart.Organisational(h.Indicator)
		cv := concernView{Label: h.Label}
		hidden := d && hiddenPoint(*h, h.Current)
		cur := func() string {
			if hidden || h.Current.Value == nil {
				return "not shown (small numbers)"
			}
			return format.Headline(h.Kind, *h.Current.Value)
		}
		period := h.Period
		if isCohort(*h) {
			period = "cohort " + period
		}
		if c.Red && h.Target != nil {
			cv.Reasons = append(cv.Reasons, fmt.Sprintf("Red against the target of %s (%s is better): %s in %s.",
				format.Headline(h.Kind, h.Target.Target), h.Better, cur(), period))
		}
		prev, year := whenLabels(*h)
		for _, w := range []struct {
			worse bool
			label string
			other report.Point
		}{{c.WorseThanPrevious, prev, h.Previous}, {c.WorseThanYearAgo, year, h.YearAgo}} {
			if !w.worse {
				continue
			}
			label := strings.ToLower(w.label[:1]) + w.label[1:]
			if hidden || w.other.Value == nil || (d && hiddenPoint(*h, w.other)) {
				cv.Reasons = append(cv.Reasons, fmt.Sprintf("Significantly worse than the %s (%s); the figures are not shown (small numbers).", label, w.other.Period))
				continue
			}
			cv.Reasons = append(cv.Reasons, fmt.Sprintf("Significantly worse than the %s: %s, from %s in %s.",
				label, cur(), format.Headline(h.Kind, *w.other.Value), w.other.Period))
		}
		for _, k := range c.Actions {
			if k >= 0 && k < len(plan) {
				cv.Actions = append(cv.Actions, newPlanRow(plan[k], asOf, ""))
			}
		}
		out = append(out, cv)
	}
	return out
}

// ragSummary counts the headline indicators by RAG status in one sentence.
func ragSummary(hs []report.Headline) string {
	counts := map[string]int{}
	for _, h := range hs {
		switch {
		case h.Target == nil:
			counts["no target"]++
		case h.Target.RAG == nil:
			counts["no value"]++
		default:
			counts[*h.Target.RAG]++
		}
	}
	var parts []string
	for _, k := range []string{report.RAGRed, report.RAGAmber, report.RAGGreen, "no value", "no target"} {
		if n := counts[k]; n > 0 {
			word := k
			if k == "no target" || k == "no value" {
				word = "with " + k
			}
			parts = append(parts, fmt.Sprintf("%d %s", n, word))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return fmt.Sprintf("Of the %d headline indicators: %s.", len(hs), format.List(parts))
}
