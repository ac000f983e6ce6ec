// Package narrative writes the report's plain-English commentary: a short generated paragraph
// per section that states the figure, its direction against last quarter and last year, and
// whether the change is statistically significant, without overclaiming on small numbers; and
// it reads the officer's own commentary (commentary.go).
//
// The text is built from report.Indicators alone, so it says nothing the tables do not show,
// and with disclosure control on it states small counts as "fewer than 5" and leaves out
// rates that would reveal them.
package narrative

import (
	"fmt"
	"strings"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/ingest"
	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/disclosure"
	"github.com/yjsreport/yjsreport/report/format"
)

// Section keys, shared by the generated and the officer's commentary; the chart Sections use
// the same strings for the indicator areas.
const (
	Summary         = "summary"
	Reoffending     = "reoffending"
	FTECustody      = "fte_custody"
	ETE             = "ete"
	OOCD            = "oocd"
	Victims         = "victims"
	ImprovementPlan = "improvement_plan"
	Needs           = "needs"
	Views           = "views"
	Partnership     = "partnership"
	// Asks is the officer's "Asks of the board" (also "Decisions", "Recommendations"): what
	// the board is asked to decide, printed on the first pages.
	Asks = "asks"
)

// SmallDenominator is the denominator below which a rate is called small: one child more or
// less moves it by more than five percentage points.
const SmallDenominator = 20

// Options say how figures are written.
type Options struct {
	Disclosure bool // SPEC §6 disclosure control is on
}

// Generate returns the generated paragraph of every indicator section of ind, keyed by
// section (Reoffending, FTECustody, ETE, OOCD; Victims, Needs, Views and Partnership when
// their blocks are present).
func Generate(ind *report.Indicators, o Options) map[string]string {
	w := writer{ind: ind, o: o}
	out := map[string]string{
		Reoffending: w.reoffending(),
		FTECustody:  w.fteCustody(),
		ETE:         w.ete(),
		OOCD:        w.oocd(),
	}
	if ind.Victims != nil {
		out[Victims] = w.victims()
	}
	if ind.Accommodation != nil || ind.SEND != nil || ind.MentalHealth != nil || ind.SubstanceMisuse != nil || ind.WiderServices != nil {
		out[Needs] = w.needs()
	}
	if ind.Feedback != nil {
		out[Views] = w.views()
	}
	if ind.BoardAttendance != nil {
		out[Partnership] = w.partnership()
	}
	return out
}

type writer struct {
	ind *report.Indicators
	o   Options
	// one is what one more or less of the denominator is, for the caution on small
	// numbers: "one child" unless set.
	one string
}

// count writes a count as the page does.
func (w writer) count(n int) string {
	if w.o.Disclosure && disclosure.IsSmall(n) {
		return "fewer than 5"
	}
	return format.Count(n)
}

// share writes "4 of 13 (30.8%)", or only the counts when the rate must be suppressed.
func (w writer) share(num, den int) string {
	if den == 0 {
		return "none"
	}
	if w.o.Disclosure && disclosure.RateHidden(num, den) {
		return w.count(num) + " of " + w.count(den) + " (rate not shown: the numbers are too small to publish)"
	}
	return fmt.Sprintf("%s of %s (%s)", w.count(num), w.count(den), format.Percent(float64(num)/float64(den)))
}

// pointHidden reports whether a headline point's value may not be printed.
func (w writer) pointHidden(kind string, p report.Point) bool {
	if !w.o.Disclosure {
		return false
	}
	if kind == report.KindRatePer100k {
		return disclosure.IsSmall(int(p.Numerator))
	}
	return disclosure.RateHidden(int(p.Numerator), int(p.Denominator))
}

// Change describes a change in plain words: "up from 42.0% the previous quarter (better, but
// within normal variation)". It returns "" when either value is n/a.
func (w writer) change(h *report.Headline, c *report.Change, other report.Point, when string) string {
	if c == nil || other.Value == nil {
		return ""
	}
	if w.pointHidden(h.Kind, other) || w.pointHidden(h.Kind, h.Current) {
		return ""
	}
	var s string
	switch c.Direction {
	case report.DirectionSame:
		return fmt.Sprintf("the same as %s (%s)", when, format.Headline(h.Kind, *other.Value))
	default:
		dir := "down"
		if c.Difference > 0 {
			dir = "up"
		}
		s = fmt.Sprintf("%s from %s %s", dir, format.Headline(h.Kind, *other.Value), when)
	}
	switch {
	case h.Kind != report.KindProportion, c.Test == "":
		s += " (" + c.Direction + ")"
	case c.Significant:
		s += ", a statistically significant change for the " + c.Direction
	default:
		s += " (" + c.Direction + ", but within normal variation)"
	}
	return s
}

// Headline writes the sentence of one headline indicator: its value, its changes against the
// previous quarter and the same quarter last year, and a caution when the numbers are small.
func (w writer) headlineSentence(h *report.Headline, subject string) string {
	if h == nil {
		return ""
	}
	if h.Current.Value == nil {
		return subject + " cannot be calculated this quarter: there is nothing to count (n/a)."
	}
	var b strings.Builder
	if h.Kind == report.KindProportion {
		fmt.Fprintf(&b, "%s: %s", subject, w.share(int(h.Current.Numerator), int(h.Current.Denominator)))
	} else if w.pointHidden(h.Kind, h.Current) {
		fmt.Fprintf(&b, "%s: not shown (the numbers are too small to publish)", subject)
	} else {
		fmt.Fprintf(&b, "%s: %s", subject, format.Headline(h.Kind, *h.Current.Value))
	}
	var parts []string
	if s := w.change(h, h.ChangePrevious, h.Previous, "the previous "+periodWord(h)); s != "" {
		parts = append(parts, s)
	}
	if s := w.change(h, h.ChangeYearAgo, h.YearAgo, "a year earlier"); s != "" {
		parts = append(parts, s)
	}
	if len(parts) > 0 {
		b.WriteString("; " + strings.Join(parts, "; and "))
	}
	b.WriteString(".")
	if len(parts) > 0 && h.Kind != report.KindProportion {
		b.WriteString(" This measure is not tested for significance.")
	}
	if t := w.target(h); t != nil && t.RAG != nil {
		fmt.Fprintf(&b, " Against the target of %s (%s is better) it is %s.", format.Headline(h.Kind, t.Target), h.Better, strings.ToUpper(*t.RAG))
	}
	if h.Kind == report.KindProportion && h.Current.Denominator > 0 && h.Current.Denominator < SmallDenominator {
		one := w.one
		if one == "" {
			one = "one child"
		}
		fmt.Fprintf(&b, " The numbers are small (%s), so the rate moves a lot with %s more or less; read the trend, not a single quarter.",
			w.count(int(h.Current.Denominator)), one)
	}
	return b.String()
}

// target returns the headline's target result, from the headline or else from ind.Targets.
func (w writer) target(h *report.Headline) *report.TargetResult {
	if h.Target != nil {
		return h.Target
	}
	for i := range w.ind.Targets {
		if w.ind.Targets[i].Indicator == h.Indicator {
			return &w.ind.Targets[i]
		}
	}
	return nil
}

func periodWord(h *report.Headline) string {
	if report.IsCohort(h.Indicator) {
		return "cohort"
	}
	return "quarter"
}

func (w writer) reoffending() string {
	r := w.ind.Reoffending
	if r.Headline == nil {
		return "No reoffending cohort has yet had the full 18 months needed to prove reoffending, so there is no headline rate; the cohorts shown are provisional."
	}
	var c *report.Cohort
	provisional := 0
	for i := range r.Cohorts {
		if r.Cohorts[i].Quarter == *r.Headline {
			c = &r.Cohorts[i]
		}
		if r.Cohorts[i].Status != report.StatusMature {
			provisional++
		}
	}
	var b strings.Builder
	h := w.ind.Headline("binary_reoffending_rate")
	if c != nil {
		fmt.Fprintf(&b, "The headline cohort is %s, the newest with the full 18 months to prove reoffending: %s children, of whom %s reoffended within 12 months, committing %s proven reoffences. ",
			c.Quarter, w.count(c.Children), w.count(c.Reoffenders), w.count(c.Reoffences))
	}
	b.WriteString(w.headlineSentence(h, "Children who reoffended"))
	if f := w.ind.Headline("frequency_rate"); f != nil && f.Current.Value != nil {
		b.WriteString(" " + w.headlineSentence(f, "Reoffences per child"))
	}
	if provisional > 0 {
		fmt.Fprintf(&b, " The %d later cohorts are provisional: their reoffending is still being counted, so their rates will rise.", provisional)
	}
	return b.String()
}

func (w writer) fteCustody() string {
	var b strings.Builder
	f := w.ind.FTE
	fmt.Fprintf(&b, "%s children entered the youth justice system for the first time in %s (YJS-recorded first time entrants); %s in the last 12 months.",
		capital(w.count(f.Quarter.Count)), w.ind.Quarter.Label, w.count(f.Rolling12Months.Count))
	if h := w.ind.Headline("fte_rate_per_100k"); h != nil && h.Current.Value != nil {
		b.WriteString(" " + w.headlineSentence(h, "The rate per 100,000 children aged 10–17 over the last 12 months"))
	}
	cu := w.ind.Custody
	if cu.CourtSentences == 0 {
		b.WriteString(" There were no court sentences this quarter.")
	} else {
		b.WriteString(" " + w.headlineSentence(w.ind.Headline("custody_share"), "Court sentences that were custodial"))
	}
	sv := w.ind.SeriousViolence
	fmt.Fprintf(&b, " Serious violence: %s proven offences this quarter.", w.count(sv.Offences))
	return b.String()
}

func (w writer) ete() string {
	e := w.ind.ETE
	if e.Children == 0 {
		return "No interventions with education, training or employment (ETE) records ended this quarter."
	}
	var b strings.Builder
	start := e.Start.SchoolAge.Suitable + e.Start.AboveSchoolAge.Suitable
	end := e.End.SchoolAge.Suitable + e.End.AboveSchoolAge.Suitable
	fmt.Fprintf(&b, "%s children finished an intervention this quarter. In suitable education, training or employment: %s at the start and %s at the end.",
		capital(w.count(e.Children)), w.share(start, e.Children), w.share(end, e.Children))
	fmt.Fprintf(&b, " At the end, school age: %s; above school age (post-16): %s.",
		w.share(e.End.SchoolAge.Suitable, e.End.SchoolAge.Children), w.share(e.End.AboveSchoolAge.Suitable, e.End.AboveSchoolAge.Children))
	if h := w.ind.Headline("ete_suitable_end"); h != nil {
		b.WriteString(" " + w.headlineSentence(h, "Overall"))
	}
	m := e.Movement
	fmt.Fprintf(&b, " %s improved and %s declined between start and end.", capital(w.count(m.Improved)), w.count(m.Declined))
	return b.String()
}

func (w writer) oocd() string {
	o := w.ind.OOCD
	var b strings.Builder
	fmt.Fprintf(&b, "%s out-of-court disposals were decided this quarter, %s at the joint decision panel.",
		capital(w.count(o.Decided.Total)), w.count(o.Decided.AtPanel))
	if c := w.ind.Headline("oocd_completion_rate"); c != nil {
		b.WriteString(" " + w.headlineSentence(c, "Interventions completed, of those ending completed or not completed"))
	}
	if t := w.ind.Headline("oocd_timeliness_rate"); t != nil {
		b.WriteString(" " + w.headlineSentence(t, "Assessments on time"))
	}
	if m := o.Timeliness.MedianWorkingDays; m != nil {
		fmt.Fprintf(&b, " The median time to assessment was %s working days.", format.Days(*m))
	}
	if o.Timeliness.Overdue > 0 {
		fmt.Fprintf(&b, " %s referrals are overdue for assessment.", capital(w.count(o.Timeliness.Overdue)))
	}
	return b.String()
}

func (w writer) victims() string {
	v := w.ind.Victims
	var b strings.Builder
	fmt.Fprintf(&b, "%s victims were linked to interventions that closed this quarter; %s consented to contact and %s had their views sought.",
		capital(w.count(v.Victims)), w.count(v.Consented), w.count(v.ViewsSought))
	if h := w.ind.Headline("victim_rj_rate"); h != nil {
		b.WriteString(" " + w.headlineSentence(h, "Victims consenting to contact who engaged in restorative justice"))
	}
	return b.String()
}

// Plan summarises the improvement plan: actions by status and those overdue (due before
// asOf and not complete).
func Plan(actions []ingest.Action, asOf calendar.Date) string {
	if len(actions) == 0 {
		return "No improvement plan was supplied with this quarter's extracts."
	}
	n := map[ingest.RAG]int{}
	overdue := 0
	for _, a := range actions {
		n[a.RAG]++
		if Overdue(a, asOf) {
			overdue++
		}
	}
	s := fmt.Sprintf("The plan has %d actions: %d red, %d amber, %d green and %d complete.",
		len(actions), n[ingest.Red], n[ingest.Amber], n[ingest.Green], n[ingest.Complete])
	switch overdue {
	case 0:
		s += " None is overdue."
	case 1:
		s += " 1 action is overdue (due before the as-of date and not complete)."
	default:
		s += fmt.Sprintf(" %d actions are overdue (due before the as-of date and not complete).", overdue)
	}
	return s
}

// Overdue reports whether an action is overdue: due before asOf and not complete.
func Overdue(a ingest.Action, asOf calendar.Date) bool {
	return a.RAG != ingest.Complete && a.DueDate != 0 && a.DueDate < asOf
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
