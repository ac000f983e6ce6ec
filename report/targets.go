package report

import (
	"fmt"
	"math"

	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/stats"
)

// RAG values of a target (SPEC 4.9).
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

// RAG returns the RAG status of value against target t (SPEC 4.9): with higher better, green
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
	"accommodation_suitable_end":        Higher,
	"send_suitable_ete_with_plan":       Higher,
	"mental_health_need_met":            Higher,
	"substance_misuse_need_met":         Higher,
	"wider_services_end":                Higher,
	"feedback_positive_rate":            Higher,
	"board_attendance_rate":             Higher,
}

// DefaultBetter returns a headline's direction of improvement (Higher or Lower) when no
// target says otherwise, "" for a name that is not a headline.
func DefaultBetter(name string) string { return defaultBetter[name] }

// IsCohort reports whether a headline is of a reoffending cohort (its period, previous and
// year-ago points are cohorts) rather than of a quarter.
func IsCohort(name string) bool { return name == "binary_reoffending_rate" || name == "frequency_rate" }

// headlineLabel is the plain-English name of a headline indicator.
func headlineLabel(name string, cfg config.Config) string {
	switch name {
	case "binary_reoffending_rate":
		return "Children who reoffended within 12 months (binary rate)"
	case "frequency_rate":
		return "Reoffences per child in the cohort (frequency rate)"
	case "fte_rate_per_100k":
		return "First time entrants in the last 12 months per 100,000 children aged 10–17 (YJS-recorded)"
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
	case "accommodation_suitable_end":
		return "Children in suitable accommodation at the end of their intervention"
	case "send_suitable_ete_with_plan":
		return "Children with special educational needs (SEND/ALN) in suitable ETE and with a learning plan"
	case "mental_health_need_met":
		return "Children with a mental health need attending an intervention for it"
	case "substance_misuse_need_met":
		return "Children with a substance misuse need attending an intervention for it"
	case "wider_services_end":
		return "Children open to wider services (care, child protection, child in need, early help) at the end of their intervention"
	case "feedback_positive_rate":
		return "Children's feedback answers that were positive"
	case "board_attendance_rate":
		return "Statutory partners attending board meetings"
	}
	return name
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
