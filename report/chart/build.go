package chart

import (
	"math"
	"sort"
	"strings"

	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/format"
	"github.com/yjsreport/yjsreport/stats"
)

// Chart IDs, stable across releases: the dashboard anchors and the indicators.xlsx sheet names
// are these strings (an xlsx sheet name is at most 31 characters).
const (
	IDReoffendingTrend     = "reoffending_binary_trend"
	IDReoffendingFrequency = "reoffending_frequency_trend"
	IDReoffendingByTier    = "reoffending_by_tier"
	IDReoffendingDays      = "reoffending_days_to_first"
	IDFTETrend             = "fte_trend"
	IDFTERateTrend         = "fte_rate_trend"
	IDCustodyTrend         = "custody_trend"
	IDETEStartEnd          = "ete_suitable_start_end"
	IDETEHoursEnd          = "ete_hours_end"
	IDETEMovement          = "ete_movement"
	IDETETrend             = "ete_trend"
	IDOOCDByType           = "oocd_decided_by_type"
	IDOOCDCompletion       = "oocd_completion_by_type"
	IDOOCDTimeliness       = "oocd_timeliness"
	IDVictims              = "victims"
)

// Labels used on the page for codes of SPEC §3.1 and §4.
var (
	tierCodes  = []string{"pre_court", "first_tier", "community", "custody"}
	tierLabels = []string{"Pre-court", "First-tier", "Community", "Custody"}
	// PreCourtCodes are the out-of-court outcome types, in SPEC order.
	preCourtCodes  = []string{"community_resolution", "outcome_22", "youth_caution", "youth_conditional_caution"}
	daysBandCodes  = []string{"0-30", "31-90", "91-180", "181-365"}
	daysBandLabels = []string{"0–30 days", "31–90 days", "91–180 days", "181–365 days"}
)

// AboveSchoolAge is the page label SPEC §4 asks for.
const AboveSchoolAge = "Above school age (post-16)"

// CodeLabel returns the plain-English label of a canonical code (outcome types, tiers),
// or the code with underscores as spaces, capitalised, when it is not known.
func CodeLabel(code string) string {
	switch code {
	case "community_resolution":
		return "Community resolution"
	case "outcome_22":
		return "Outcome 22"
	case "youth_caution":
		return "Youth caution"
	case "youth_conditional_caution":
		return "Youth conditional caution"
	case "discharge":
		return "Discharge"
	case "fine":
		return "Fine"
	case "referral_order":
		return "Referral order"
	case "reparation_order":
		return "Reparation order"
	case "youth_rehabilitation_order":
		return "Youth rehabilitation order"
	case "detention_training_order":
		return "Detention and training order"
	case "long_term_detention":
		return "Long-term detention"
	case "pre_court":
		return "Pre-court"
	case "first_tier":
		return "First-tier"
	case "community":
		return "Community"
	case "custody":
		return "Custody"
	}
	s := strings.ReplaceAll(code, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Build returns every chart of the report for ind, in report order: each section's charts,
// then the trend of each of its headlines that has no chart of its own. Charts with nothing
// to show (no extract, no population for rates, no mature cohort) are left out.
func Build(ind *report.Indicators) []Spec {
	bySection := map[string][]*Spec{
		SectionReoffending: {reoffendingTrend(ind), reoffendingFrequency(ind), reoffendingProvisional(ind),
			reoffendingByTier(ind), reoffendingDays(ind)},
		SectionFTECustody: {fteTrend(ind), fteRateTrend(ind), custodyTrend(ind)},
		SectionETE:        {eteStartEnd(ind), eteHoursEnd(ind), eteMovement(ind), eteTrend(ind)},
		SectionNeeds:      {accommodation(ind), send(ind), cascades(ind), widerServices(ind)},
		SectionOOCD:       {oocdByType(ind), oocdCompletion(ind), oocdTimeliness(ind)},
		SectionVictims:    {victims(ind)},
		SectionViews: {views(ind, "child", IDViewsChild, "children"),
			views(ind, "parent_carer", IDViewsParent, "parents and carers"), viewsResponses(ind)},
		SectionPartnership: {attendance(ind)},
	}
	for _, name := range config.TargetNames {
		meta, ok := headlines[name]
		if !ok || isDedicated(meta.id) {
			continue
		}
		bySection[meta.section] = append(bySection[meta.section], headlineTrend(ind, name))
	}
	missing := map[string]bool{}
	for _, k := range ind.MissingExtracts {
		missing[k] = true
	}
	var out []Spec
	for _, sec := range Sections {
		for _, sp := range bySection[sec] {
			if sp == nil {
				continue
			}
			if core := sectionCore(sp); missing[core] {
				sp.MissingExtract = core
			}
			out = append(out, *sp)
		}
	}
	return out
}

// isDedicated reports whether a headline's trend is drawn by its section's own chart.
func isDedicated(id string) bool {
	switch id {
	case IDReoffendingTrend, IDReoffendingFrequency, IDFTERateTrend, IDETETrend:
		return true
	}
	return false
}

// sectionCore is the core extract (SPEC §3.6) a chart's figures come from, "" for the
// optional extracts.
func sectionCore(sp *Spec) string {
	switch sp.Section {
	case SectionReoffending, SectionFTECustody:
		return "disposals"
	case SectionETE, SectionNeeds:
		return "ete"
	case SectionOOCD:
		return "oocd"
	}
	return ""
}

// ByID returns the spec with the given ID, or nil.
func ByID(specs []Spec, id string) *Spec {
	for i := range specs {
		if specs[i].ID == id {
			return &specs[i]
		}
	}
	return nil
}

// HeadlineCohort returns the headline reoffending cohort, or nil when none is mature.
func HeadlineCohort(ind *report.Indicators) *report.Cohort {
	if ind.Reoffending.Headline == nil {
		return nil
	}
	for i := range ind.Reoffending.Cohorts {
		if ind.Reoffending.Cohorts[i].Quarter == *ind.Reoffending.Headline {
			return &ind.Reoffending.Cohorts[i]
		}
	}
	return nil
}

// reoffendingTrend is the binary rate of the 8 mature cohorts ending with the headline
// cohort (SPEC §4.9's series): cohorts still being counted are shown apart
// (reoffendingProvisional), so the trend never seems to fall because offences are not yet
// proven.
func reoffendingTrend(ind *report.Indicators) *Spec {
	sp := headlineTrend(ind, "binary_reoffending_rate")
	if sp == nil {
		return nil
	}
	sp.Title = "Children who reoffended within 12 months, by cohort"
	sp.Subtitle = "Mature cohorts only (each has had 18 months for reoffending to be proven); n = children in the cohort; shaded band = 95% interval"
	return sp
}

// reoffendingFrequency draws reoffences per child (the frequency headline's series) and per
// reoffender over the same mature cohorts.
func reoffendingFrequency(ind *report.Indicators) *Spec {
	sp := headlineTrend(ind, "frequency_rate")
	if sp == nil {
		return nil
	}
	freq := sp.Series[0]
	freq.Name = "Reoffences per child (frequency)"
	per := Series{Name: "Reoffences per reoffender"}
	binary := ind.Series["binary_reoffending_rate"]
	for i, p := range ind.Series["frequency_rate"] {
		reoffences, reoffenders := intOf(p.Numerator), 0
		if i < len(binary) && binary[i].Quarter == p.Quarter {
			reoffenders = intOf(binary[i].Numerator)
		}
		per.Values = append(per.Values, rate(reoffences, reoffenders))
		per.N = append(per.N, reoffenders)
		per.Num = append(per.Num, reoffences)
	}
	sp.Series = append([]Series{freq, per}, sp.Series[1:]...)
	sp.Title = "Reoffences per child and per reoffender, by cohort"
	sp.Subtitle = "Mature cohorts only; n = children (per child) and reoffenders (per reoffender)"
	return sp
}

func reoffendingByTier(ind *report.Indicators) *Spec {
	c := HeadlineCohort(ind)
	if c == nil {
		return nil
	}
	s := Series{Name: "Children who reoffended"}
	for _, code := range tierCodes {
		n := c.By.Tier[code]
		s.Values = append(s.Values, rate(n.Reoffenders, n.Children))
		s.N = append(s.N, n.Children)
		s.Num = append(s.Num, n.Reoffenders)
		lo, hi := wilson(n.Reoffenders, n.Children)
		s.Lower = append(s.Lower, lo)
		s.Upper = append(s.Upper, hi)
	}
	return &Spec{
		ID: IDReoffendingByTier, Section: SectionReoffending,
		Title:    "Reoffending by disposal tier, cohort " + c.Quarter,
		Subtitle: "n = children in the cohort at each tier; whiskers = 95% interval",
		XLabel:   "Tier of the index caution or sentence",
		YLabel:   "% of children who reoffended",
		Kind:     Bar, Categories: append([]string(nil), tierLabels...), Series: []Series{s}, Percent: true, Unit: "children",
	}
}

func reoffendingDays(ind *report.Indicators) *Spec {
	c := HeadlineCohort(ind)
	if c == nil || c.Reoffenders == 0 {
		return nil
	}
	s := Series{Name: "Reoffenders"}
	for _, code := range daysBandCodes {
		s.Values = append(s.Values, f(float64(c.DaysToFirst[code])))
	}
	return &Spec{
		ID: IDReoffendingDays, Section: SectionReoffending,
		Title:    "Time to first reoffence, cohort " + c.Quarter,
		Subtitle: "Days from the caution, sentence or release to the first proven reoffence",
		XLabel:   "Days to first reoffence",
		YLabel:   "Reoffenders (children)",
		Kind:     Bar, Categories: append([]string(nil), daysBandLabels...), Series: []Series{s},
		Unit: "children", Additive: true,
	}
}

// fteQuarters returns the FTE trend, or the reporting quarter alone when the trend is absent.
func fteQuarters(ind *report.Indicators) []report.FTETrend {
	if len(ind.FTE.Trend) > 0 {
		return ind.FTE.Trend
	}
	return []report.FTETrend{{
		Quarter: ind.Quarter.Label, Count: ind.FTE.Quarter.Count, RatePer100k: ind.FTE.Quarter.RatePer100k,
		CustodialSentences: ind.Custody.CustodialSentences, CourtSentences: ind.Custody.CourtSentences,
	}}
}

func fteTrend(ind *report.Indicators) *Spec {
	tr := fteQuarters(ind)
	s := Series{Name: "First time entrants"}
	var cats []string
	for _, t := range tr {
		cats = append(cats, t.Quarter)
		s.Values = append(s.Values, f(float64(t.Count)))
	}
	return &Spec{
		ID: IDFTETrend, Section: SectionFTECustody,
		Title:    "First time entrants (YJS-recorded), by quarter",
		Subtitle: "Children aged 10–17 receiving their first caution or sentence",
		XLabel:   "Quarter", YLabel: "First time entrants (children)",
		Kind: Bar, Categories: cats, Series: []Series{s}, Unit: "children",
	}
}

// fteRateTrend is the FTE headline's series: first time entrants in the 12 months ending
// with each quarter per 100,000 children aged 10–17 (the published basis, SPEC §4.9).
func fteRateTrend(ind *report.Indicators) *Spec {
	sp := headlineTrend(ind, "fte_rate_per_100k")
	if sp == nil || !anyValue(sp.Series[0]) {
		return nil
	}
	sp.Title = "First time entrants per 100,000 children aged 10–17, rolling 12 months"
	sp.Subtitle = "YJS-recorded; each point counts the 12 months ending with the quarter; n = first time entrants in those 12 months"
	return sp
}

func anyValue(s Series) bool {
	for _, v := range s.Values {
		if v != nil {
			return true
		}
	}
	return false
}

func custodyTrend(ind *report.Indicators) *Spec {
	tr := fteQuarters(ind)
	court := Series{Name: "Court sentences"}
	cust := Series{Name: "Custodial sentences"}
	var cats []string
	for _, t := range tr {
		cats = append(cats, t.Quarter)
		court.Values = append(court.Values, f(float64(t.CourtSentences)))
		cust.Values = append(cust.Values, f(float64(t.CustodialSentences)))
	}
	return &Spec{
		ID: IDCustodyTrend, Section: SectionFTECustody,
		Title:    "Court sentences and custodial sentences, by quarter",
		Subtitle: "Sentencing occasions (a child sentenced on one day counts once)",
		XLabel:   "Quarter", YLabel: "Sentencing occasions",
		Kind: Bar, Categories: cats, Series: []Series{court, cust}, Unit: "sentences",
	}
}

func eteStartEnd(ind *report.Indicators) *Spec {
	if ind.ETE.Children == 0 {
		return nil
	}
	point := func(name string, p report.ETEPoint) Series {
		s := Series{Name: name}
		groups := []report.ETEGroup{p.SchoolAge, p.AboveSchoolAge, sumGroups(p.SchoolAge, p.AboveSchoolAge)}
		for _, g := range groups {
			s.Values = append(s.Values, rate(g.Suitable, g.Children))
			s.N = append(s.N, g.Children)
			s.Num = append(s.Num, g.Suitable)
			lo, hi := wilson(g.Suitable, g.Children)
			s.Lower = append(s.Lower, lo)
			s.Upper = append(s.Upper, hi)
		}
		return s
	}
	return &Spec{
		ID: IDETEStartEnd, Section: SectionETE,
		Title:    "Children in suitable education, training or employment at the start and end of their intervention",
		Subtitle: "Interventions ending this quarter; school age on the start and end dates; n = children; whiskers = 95% interval",
		XLabel:   "Age group", YLabel: "% in suitable ETE",
		Kind:       Bar,
		Categories: []string{"School age", AboveSchoolAge, "All children"},
		Series:     []Series{point("At start", ind.ETE.Start), point("At end", ind.ETE.End)},
		Percent:    true, Unit: "children",
	}
}

func sumGroups(a, b report.ETEGroup) report.ETEGroup {
	return report.ETEGroup{
		Children: a.Children + b.Children, Suitable: a.Suitable + b.Suitable,
		Unsuitable: a.Unsuitable + b.Unsuitable, Unknown: a.Unknown + b.Unknown,
		FullTime: a.FullTime + b.FullTime, PartTime: a.PartTime + b.PartTime,
		None: a.None + b.None, NotRecorded: a.NotRecorded + b.NotRecorded,
		HoursOffered: a.HoursOffered + b.HoursOffered, HoursAttended: a.HoursAttended + b.HoursAttended,
	}
}

func eteHoursEnd(ind *report.Indicators) *Spec {
	if ind.ETE.Children == 0 {
		return nil
	}
	groups := []report.ETEGroup{ind.ETE.End.SchoolAge, ind.ETE.End.AboveSchoolAge}
	band := func(name string, get func(report.ETEGroup) int) Series {
		s := Series{Name: name, Stack: "hours"}
		for _, g := range groups {
			s.Values = append(s.Values, rate(get(g), g.Children))
			s.N = append(s.N, g.Children)
			s.Num = append(s.Num, get(g))
		}
		return s
	}
	return &Spec{
		ID: IDETEHoursEnd, Section: SectionETE,
		Title:    "Hours of education, training or employment offered at the end of the intervention",
		Subtitle: "Share of children in each hours band; n = children in the age group",
		XLabel:   "Age group on the end date", YLabel: "% of children",
		Kind:       StackedBar,
		Categories: []string{"School age", AboveSchoolAge},
		Series: []Series{
			band("Full time", func(g report.ETEGroup) int { return g.FullTime }),
			band("Part time", func(g report.ETEGroup) int { return g.PartTime }),
			band("None", func(g report.ETEGroup) int { return g.None }),
			band("Not recorded", func(g report.ETEGroup) int { return g.NotRecorded }),
		},
		Percent: true, Unit: "children", Additive: true,
	}
}

func eteMovement(ind *report.Indicators) *Spec {
	if ind.ETE.Children == 0 {
		return nil
	}
	m := ind.ETE.Movement
	s := Series{Name: "Children", Values: []*float64{
		f(float64(m.Improved)), f(float64(m.Declined)), f(float64(m.StayedSuitable)), f(float64(m.StayedNotSuitable)),
	}}
	return &Spec{
		ID: IDETEMovement, Section: SectionETE,
		Title:    "Change in ETE suitability from start to end of the intervention",
		Subtitle: "Improved = not suitable at start, suitable at end (unknown counts as not suitable)",
		XLabel:   "Movement", YLabel: "Children",
		Kind:       Bar,
		Categories: []string{"Improved", "Declined", "Stayed suitable", "Stayed not suitable"},
		Series:     []Series{s}, Unit: "children", Additive: true,
	}
}

func eteTrend(ind *report.Indicators) *Spec {
	tr := ind.ETE.Trend
	if len(tr) == 0 {
		return nil
	}
	all := Series{Name: "All children"}
	sch := Series{Name: "School age"}
	abv := Series{Name: AboveSchoolAge}
	var cats []string
	for _, t := range tr {
		cats = append(cats, t.Quarter)
		all.Values = append(all.Values, rate(t.SuitableEnd, t.Children))
		all.N = append(all.N, t.Children)
		all.Num = append(all.Num, t.SuitableEnd)
		lo, hi := wilson(t.SuitableEnd, t.Children)
		all.Lower = append(all.Lower, lo)
		all.Upper = append(all.Upper, hi)
		sch.Values = append(sch.Values, rate(t.SchoolAgeSuitableEnd, t.SchoolAgeChildren))
		sch.N = append(sch.N, t.SchoolAgeChildren)
		sch.Num = append(sch.Num, t.SchoolAgeSuitableEnd)
		abv.Values = append(abv.Values, rate(t.AboveSchoolAgeSuitableEnd, t.AboveSchoolAgeChildren))
		abv.N = append(abv.N, t.AboveSchoolAgeChildren)
		abv.Num = append(abv.Num, t.AboveSchoolAgeSuitableEnd)
	}
	sp := &Spec{
		ID: IDETETrend, Section: SectionETE,
		Title:    "Children in suitable ETE at the end of their intervention, by quarter",
		Subtitle: "n = children whose intervention ended in the quarter (all children); shaded band = 95% interval for all children",
		XLabel:   "Quarter the intervention ended", YLabel: "% in suitable ETE at end",
		Kind: Line, Categories: cats, Series: []Series{all, sch, abv}, Percent: true, Unit: "children",
	}
	sp.Headline = "ete_suitable_end"
	sp.Series = append(sp.Series, comparatorSeries(ind, "ete_suitable_end", cats)...)
	setTarget(sp, ind, "ete_suitable_end")
	return sp
}

// outOfCourtTypes returns the pre-court codes in SPEC order, then any others present, sorted.
func outOfCourtTypes(keys []string) []string {
	out := append([]string(nil), preCourtCodes...)
	known := map[string]bool{}
	for _, k := range preCourtCodes {
		known[k] = true
	}
	var extra []string
	for _, k := range keys {
		if !known[k] {
			extra = append(extra, k)
			known[k] = true
		}
	}
	sort.Strings(extra)
	return append(out, extra...)
}

func oocdByType(ind *report.Indicators) *Spec {
	d := ind.OOCD.Decided
	var keys []string
	for k := range d.ByType {
		keys = append(keys, k)
	}
	s := Series{Name: "Decisions"}
	var cats []string
	for _, k := range outOfCourtTypes(keys) {
		cats = append(cats, CodeLabel(k))
		s.Values = append(s.Values, f(float64(d.ByType[k])))
	}
	return &Spec{
		ID: IDOOCDByType, Section: SectionOOCD,
		Title:    "Out-of-court disposals decided this quarter, by type",
		Subtitle: "Interventions with a decision date in the quarter (" + format.Count(d.Total) + " in all)",
		XLabel:   "Outcome type", YLabel: "Decisions (interventions)",
		Kind: Bar, Categories: cats, Series: []Series{s}, Unit: "decisions", Additive: true,
	}
}

func oocdCompletion(ind *report.Indicators) *Spec {
	c := ind.OOCD.Completion
	var keys []string
	for k := range c.ByType {
		keys = append(keys, k)
	}
	mk := func(name string, get func(report.CompletionByType) int) Series {
		s := Series{Name: name, Stack: "completion"}
		for _, k := range outOfCourtTypes(keys) {
			s.Values = append(s.Values, f(float64(get(c.ByType[k]))))
		}
		return s
	}
	var cats []string
	for _, k := range outOfCourtTypes(keys) {
		cats = append(cats, CodeLabel(k))
	}
	return &Spec{
		ID: IDOOCDCompletion, Section: SectionOOCD,
		Title:    "Out-of-court interventions ending this quarter, by type and completion",
		Subtitle: "Interventions with an end date in the quarter",
		XLabel:   "Outcome type", YLabel: "Interventions",
		Kind: StackedBar, Categories: cats,
		Series: []Series{
			mk("Completed", func(b report.CompletionByType) int { return b.Completed }),
			mk("Not completed", func(b report.CompletionByType) int { return b.NotCompleted }),
			mk("Neutral", func(b report.CompletionByType) int { return b.Neutral }),
			mk("Not recorded", func(b report.CompletionByType) int { return b.NotRecorded }),
		},
		Unit: "interventions", Additive: true,
	}
}

func oocdTimeliness(ind *report.Indicators) *Spec {
	t := ind.OOCD.Timeliness
	s := Series{Name: "Referrals", Values: []*float64{
		f(float64(t.OnTime)), f(float64(t.Late)), f(float64(t.Overdue)), f(float64(t.Pending)),
	}}
	return &Spec{
		ID: IDOOCDTimeliness, Section: SectionOOCD,
		Title:    "Out-of-court referrals this quarter: timeliness of assessment",
		Subtitle: "Referrals received in the quarter; pending = not yet assessed and not yet due",
		XLabel:   "Assessment", YLabel: "Referrals",
		Kind: Bar, Categories: []string{"On time", "Late", "Overdue", "Pending"},
		Series: []Series{s}, Unit: "referrals", Additive: true,
	}
}

func victims(ind *report.Indicators) *Spec {
	v := ind.Victims
	if v == nil {
		return nil
	}
	s := Series{Name: "Victims", Values: []*float64{
		f(float64(v.Victims)), f(float64(v.Consented)), f(float64(v.ViewsSought)), f(float64(v.RJOffered)), f(float64(v.RJEngaged)),
	}}
	return &Spec{
		ID: IDVictims, Section: SectionVictims,
		Title:    "Victims of offences whose intervention closed this quarter",
		Subtitle: "Each bar counts victims (rows) saying yes",
		XLabel:   "", YLabel: "Victims",
		Kind:       Bar,
		Categories: []string{"All victims", "Consented to contact", "Views sought", "Restorative justice offered", "Restorative justice engaged"},
		Series:     []Series{s}, Unit: "victims",
	}
}

// setTarget draws the configured target of indicator name, if any.
func setTarget(sp *Spec, ind *report.Indicators, name string) {
	for _, t := range ind.Targets {
		if t.Indicator != name {
			continue
		}
		v := t.Target
		sp.Target = &v
		sp.TargetText = "Target " + ValueText(sp, v)
		return
	}
}

// ValueText writes a value of sp as the report's tables, tooltips and target labels show it,
// by package format: a percentage to one decimal place ("31.1%"), any other value to
// sp.Decimals with thousands separators, or to two places when a Spec of whole numbers holds
// a fraction (0.67 reoffences is not "1").
func ValueText(sp *Spec, v float64) string {
	if sp.Percent {
		return format.Percent(v)
	}
	d := sp.Decimals
	if d == 0 && v != math.Trunc(v) {
		d = 2
	}
	return format.Number(v, d)
}

func f(v float64) *float64 { return &v }

func rate(num, den int) *float64 {
	if den == 0 {
		return nil
	}
	return f(float64(num) / float64(den))
}

// wilson is the Wilson score 95% interval of k/n (stats.Wilson); nil when n is 0.
func wilson(k, n int) (lo, hi *float64) {
	l, h, ok := stats.Wilson(k, n)
	if !ok {
		return nil, nil
	}
	return f(l), f(h)
}
