package report

import (
	"fmt"
	"math"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/stats"
)

// RAG values of a target (SPEC 4.6).
const (
	RAGGreen = "green"
	RAGAmber = "amber"
	RAGRed   = "red"
)

// Directions of improvement.
const (
	Higher = "higher"
	Lower  = "lower"
)

// Headline kinds.
const (
	KindProportion  = "proportion"
	KindRatePer100k = "rate_per_100k"
	KindFrequency   = "frequency"
)

// Change directions.
const (
	DirectionBetter = "better"
	DirectionWorse  = "worse"
	DirectionSame   = "same"
)

// Significance is the two-sided level at which a change is called significant (SPEC §4).
const Significance = 0.05

// tolerance absorbs floating-point error in comparisons of rates with targets: 0.8 − 0.05 is
// 0.7500000000000001 in binary, and a value of exactly 3/4 must still be amber.
const tolerance = 1e-9

// RAG returns the RAG status of value against target t (SPEC 4.6): with higher better, green
// when value ≥ target, amber when value ≥ target − amber_within, else red; the mirror image
// when lower is better. A nil value (n/a) has no RAG.
func RAG(value *float64, t config.Target) *string {
	if value == nil {
		return nil
	}
	v := *value
	var r string
	if t.Better == Lower {
		switch {
		case v <= t.Target+tolerance:
			r = RAGGreen
		case v <= t.Target+t.AmberWithin+tolerance:
			r = RAGAmber
		default:
			r = RAGRed
		}
	} else {
		switch {
		case v >= t.Target-tolerance:
			r = RAGGreen
		case v >= t.Target-t.AmberWithin-tolerance:
			r = RAGAmber
		default:
			r = RAGRed
		}
	}
	return &r
}

// Targets returns one result per configured target, in config.TargetNames order; values maps
// an indicator to its value (nil or absent = n/a).
func Targets(values map[string]*float64, cfg config.Config) []TargetResult {
	out := []TargetResult{}
	for _, name := range config.TargetNames {
		t, ok := cfg.Targets[name]
		if !ok {
			continue
		}
		v := values[name]
		out = append(out, TargetResult{
			Indicator: name, Value: v, Target: t.Target, Better: t.Better, AmberWithin: t.AmberWithin,
			RAG: RAG(v, t),
		})
	}
	return out
}

// defaultBetter is each headline indicator's direction of improvement when no target says.
var defaultBetter = map[string]string{
	"binary_reoffending_rate":           Lower,
	"frequency_rate":                    Lower,
	"fte_rate_per_100k":                 Lower,
	"custody_share":                     Lower,
	"ete_suitable_end":                  Higher,
	"ete_suitable_end_school_age":       Higher,
	"ete_suitable_end_above_school_age": Higher,
	"oocd_completion_rate":              Higher,
	"oocd_timeliness_rate":              Higher,
	"victim_rj_rate":                    Higher,
}

// headlineInputs holds what the headlines are drawn from.
type headlineInputs struct {
	q          calendar.Quarter
	cfg        config.Config
	hasVictims bool
	headQ      calendar.Quarter // the headline reoffending cohort
	hasHead    bool
	cohorts    map[calendar.Quarter]Cohort
	fte        FTE // its trend also holds the custody counts
	ete        ETE
	oocd       [3]OOCD     // by comparisons
	victims    [3]*Victims // by comparisons; nil without a victims extract
}

// points returns the current, previous and year-ago points of one headline indicator; kind
// is "" for a name this package does not know.
func (h *headlineInputs) points(name string) (kind string, pts [3]Point) {
	if _, known := defaultBetter[name]; !known {
		return "", pts
	}
	trend := func(back int) int { return len(h.fte.Trend) - 1 - back } // index into 8-quarter trends
	for i, back := range comparisons {
		label := h.q.Add(-back).Label()
		switch name {
		case "binary_reoffending_rate", "frequency_rate":
			if !h.hasHead {
				continue
			}
			cq := h.headQ.Add(-back)
			c := h.cohorts[cq]
			if name == "binary_reoffending_rate" {
				kind, pts[i] = KindProportion, proportion(c.Reoffenders, c.Children, cq.Label())
			} else {
				kind, pts[i] = KindFrequency, plain(c.Reoffences, c.Children, 1, cq.Label())
			}
		case "fte_rate_per_100k":
			t := h.fte.Trend[trend(back)]
			pop := 0
			if h.fte.Population1017 != nil {
				pop = *h.fte.Population1017
			}
			kind, pts[i] = KindRatePer100k, plain(t.Count, pop, 100000, label)
		case "custody_share":
			t := h.fte.Trend[trend(back)]
			kind, pts[i] = KindProportion, proportion(t.CustodialSentences, t.CourtSentences, label)
		case "ete_suitable_end":
			t := h.ete.Trend[trend(back)]
			kind, pts[i] = KindProportion, proportion(t.SuitableEnd, t.Children, label)
		case "ete_suitable_end_school_age":
			t := h.ete.Trend[trend(back)]
			kind, pts[i] = KindProportion, proportion(t.SchoolAgeSuitableEnd, t.SchoolAgeChildren, label)
		case "ete_suitable_end_above_school_age":
			t := h.ete.Trend[trend(back)]
			kind, pts[i] = KindProportion, proportion(t.AboveSchoolAgeSuitableEnd, t.AboveSchoolAgeChildren, label)
		case "oocd_completion_rate":
			c := h.oocd[i].Completion
			kind, pts[i] = KindProportion, proportion(c.Completed, c.Completed+c.NotCompleted, label)
		case "oocd_timeliness_rate":
			t := h.oocd[i].Timeliness
			kind, pts[i] = KindProportion, proportion(t.OnTime, t.OnTime+t.Late+t.Overdue, label)
		case "victim_rj_rate":
			v := h.victims[i]
			kind, pts[i] = KindProportion, proportion(v.RJEngagedAndConsented, v.Consented, label)
		}
	}
	if kind == "" { // reoffending without a mature cohort
		kind = KindProportion
		if name == "frequency_rate" {
			kind = KindFrequency
		}
	}
	return kind, pts
}

// build returns one headline per indicator of config.TargetNames, leaving out victim_rj_rate
// when there is no victims extract.
func (h *headlineInputs) build() []Headline {
	out := []Headline{}
	for _, name := range config.TargetNames {
		if name == "victim_rj_rate" && !h.hasVictims {
			continue
		}
		kind, pts := h.points(name)
		if kind == "" {
			continue
		}
		better := defaultBetter[name]
		if t, ok := h.cfg.Targets[name]; ok && t.Better != "" {
			better = t.Better
		}
		hl := Headline{
			Indicator: name, Label: headlineLabel(name, h.cfg), Period: pts[0].Period,
			Kind: kind, Better: better, Current: pts[0], Previous: pts[1], YearAgo: pts[2],
		}
		hl.ChangePrevious = compare(pts[0], pts[1], kind, better)
		hl.ChangeYearAgo = compare(pts[0], pts[2], kind, better)
		out = append(out, hl)
	}
	return out
}

// values returns the current value of every headline indicator, for the targets.
func (h *headlineInputs) values() map[string]*float64 {
	v := map[string]*float64{}
	for _, name := range config.TargetNames {
		if name == "victim_rj_rate" && !h.hasVictims {
			continue
		}
		_, pts := h.points(name)
		v[name] = pts[0].Value
	}
	return v
}

// headlineLabel is the plain-English name of a headline indicator.
func headlineLabel(name string, cfg config.Config) string {
	switch name {
	case "binary_reoffending_rate":
		return "Children who reoffended within 12 months (binary rate)"
	case "frequency_rate":
		return "Reoffences per child in the cohort (frequency rate)"
	case "fte_rate_per_100k":
		return "First time entrants per 100,000 children aged 10–17 (YJS-recorded)"
	case "custody_share":
		return "Custodial sentences as a share of court sentences"
	case "ete_suitable_end":
		return "Children in suitable ETE at the end of their intervention"
	case "ete_suitable_end_school_age":
		return "Suitable ETE at the end of intervention: school age"
	case "ete_suitable_end_above_school_age":
		return "Suitable ETE at the end of intervention: above school age (post-16)"
	case "oocd_completion_rate":
		return "Out-of-court interventions completed"
	case "oocd_timeliness_rate":
		return fmt.Sprintf("Out-of-court assessments within %d working days of referral", cfg.AssessmentWorkingDays)
	case "victim_rj_rate":
		return "Victims engaged in restorative justice, of those consenting to contact"
	}
	return name
}

// proportion is a Point of k out of n with its Wilson interval.
func proportion(k, n int, period string) Point {
	return Point{Period: period, Numerator: float64(k), Denominator: float64(n), Value: ratio(k, n), CI95: wilson(k, n)}
}

// plain is a Point of num / den × per, without an interval.
func plain(num, den int, per float64, period string) Point {
	p := Point{Period: period, Numerator: float64(num), Denominator: float64(den)}
	if den > 0 {
		v := float64(num) / float64(den) * per
		p.Value = &v
	}
	return p
}

// compare returns the change from other to cur, nil when either is n/a. Only proportions are
// tested (Fisher's exact test or the two-proportion z-test, as stats chooses); a rate per
// 100,000 or a frequency is never called significant.
func compare(cur, other Point, kind, better string) *Change {
	if cur.Value == nil || other.Value == nil {
		return nil
	}
	c := &Change{Difference: *cur.Value - *other.Value}
	if kind == KindProportion {
		p, test, ok := stats.CompareProportions(int(cur.Numerator), int(cur.Denominator), int(other.Numerator), int(other.Denominator))
		if ok {
			c.PValue, c.Test, c.Significant = &p, test, p < Significance
		}
	}
	c.Direction = direction(c.Difference, better)
	return c
}

// direction names a difference by the indicator's direction of improvement.
func direction(diff float64, better string) string {
	if math.Abs(diff) <= tolerance {
		return DirectionSame
	}
	if (diff > 0) == (better == Higher) {
		return DirectionBetter
	}
	return DirectionWorse
}
