package chart

import (
	"sort"

	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/format"
)

// Chart IDs of the sections SPEC v2 added.
const (
	IDAccommodation  = "needs_accommodation"
	IDSEND           = "needs_send"
	IDCascades       = "needs_cascades"
	IDWiderServices  = "needs_wider_services"
	IDViewsChild     = "views_child"
	IDViewsParent    = "views_parent_carer"
	IDViewsResponses = "views_responses"
	IDAttendance     = "partnership_attendance"
)

// MaxQuestions is the most questions a chart of one respondent's views shows: a
// questionnaire rarely has more than about 15, and a chart of more could not be read. The
// first MaxQuestions in the questionnaire's order are drawn and the chart's note says how
// many are left out; indicators.json lists every question.
const MaxQuestions = 20

// MaxPartners is the most partners the board attendance chart shows: the MaxPartners − 1
// with the lowest attendance, then one bar of all the others together. A board has about
// ten statutory partners; a mis-mapped column could give hundreds.
const MaxPartners = 15

// eteCohort begins the subtitle of every chart on the ETE cohort: the children it counts.
const eteCohort = "Children whose intervention ended this quarter"

// accommodation compares suitable accommodation at the start and the end (SPEC §4.6).
func accommodation(ind *report.Indicators) *Spec {
	a := ind.Accommodation
	if a == nil {
		return nil
	}
	points := []report.AccommodationPoint{a.Start, a.End}
	band := func(name string, get func(report.AccommodationPoint) int) Series {
		s := Series{Name: name, Stack: "accommodation"}
		for _, p := range points {
			s.Values = append(s.Values, rate(get(p), a.Children))
			s.N = append(s.N, a.Children)
			s.Num = append(s.Num, get(p))
		}
		return s
	}
	return &Spec{
		ID: IDAccommodation, Section: SectionNeeds,
		Title:    "Children in suitable accommodation at the start and end of their intervention",
		Subtitle: eteCohort + "; n = children",
		XLabel:   "Point of the intervention", YLabel: "% of children",
		Kind:       StackedBar,
		Categories: []string{"At start", "At end"},
		Series: []Series{
			band("Suitable", func(p report.AccommodationPoint) int { return p.Suitable }),
			band("Unsuitable", func(p report.AccommodationPoint) int { return p.Unsuitable }),
			band("Unknown", func(p report.AccommodationPoint) int { return p.Unknown }),
		},
		Percent: true, Unit: "children", Additive: true,
	}
}

// send shows, of the children with an identified special educational need or disability,
// how many were in suitable ETE at the end, had a learning plan, and both (SPEC §4.6).
func send(ind *report.Indicators) *Spec {
	b := ind.SEND
	if b == nil {
		return nil
	}
	s := Series{Name: "Children with SEND"}
	for _, k := range []int{b.SuitableETEEnd, b.LearningPlan, b.Both} {
		s.Values = append(s.Values, rate(k, b.Identified))
		s.N = append(s.N, b.Identified)
		s.Num = append(s.Num, k)
		lo, hi := wilson(k, b.Identified)
		s.Lower = append(s.Lower, lo)
		s.Upper = append(s.Upper, hi)
	}
	return &Spec{
		ID: IDSEND, Section: SectionNeeds,
		Title:    "Children with special educational needs or disabilities (SEND, ALN in Wales)",
		Subtitle: "Of the children with an identified SEND need whose intervention ended this quarter; n = children with SEND",
		XLabel:   "", YLabel: "% of children with SEND",
		Kind: Bar, Horizontal: true,
		Categories: []string{"In suitable ETE at the end", "With a learning plan (EHCP, IEP, IDP)", "Both"},
		Series:     []Series{s}, Percent: true, Unit: "children with SEND",
	}
}

// cascades draws mental health and substance misuse as funnels: of the children with an
// identified need, the share offered an intervention and the share attending (SPEC §4.6).
func cascades(ind *report.Indicators) *Spec {
	var series []Series
	add := func(name string, c *report.Cascade) {
		if c == nil {
			return
		}
		s := Series{Name: name}
		for _, k := range []int{c.Need, c.Offered, c.Attending} {
			s.Values = append(s.Values, rate(k, c.Need))
			s.N = append(s.N, c.Need)
			s.Num = append(s.Num, k)
		}
		series = append(series, s)
	}
	add("Mental health", ind.MentalHealth)
	add("Substance misuse", ind.SubstanceMisuse)
	if len(series) == 0 {
		return nil
	}
	return &Spec{
		ID: IDCascades, Section: SectionNeeds,
		Title:    "Mental health and substance misuse: from need to attending",
		Subtitle: "Of the children with a screened or identified need whose intervention ended this quarter; n = children with a need",
		XLabel:   "", YLabel: "% of children with a need",
		Kind: Bar, Horizontal: true,
		Categories: []string{"Need identified", "Intervention offered", "Attending"},
		Series:     series, Percent: true, Unit: "children with a need",
	}
}

// widerServices shows the children open to wider services at the end (SPEC §4.6).
func widerServices(ind *report.Indicators) *Spec {
	w := ind.WiderServices
	if w == nil {
		return nil
	}
	s := Series{Name: "Children"}
	for _, k := range []int{w.LookedAfter, w.ChildProtection, w.ChildInNeed, w.EarlyHelp, w.Any} {
		s.Values = append(s.Values, rate(k, w.Children))
		s.N = append(s.N, w.Children)
		s.Num = append(s.Num, k)
	}
	return &Spec{
		ID: IDWiderServices, Section: SectionNeeds,
		Title:    "Children open to wider services at the end of their intervention",
		Subtitle: eteCohort + "; a child may be open to several; n = children",
		XLabel:   "", YLabel: "% of children",
		Kind: Bar, Horizontal: true,
		Categories: []string{"Looked after or care experienced", "Child protection plan", "Child in need",
			"Early help plan", "Any of these"},
		Series: []Series{s}, Percent: true, Unit: "children",
	}
}

// views draws one respondent's answers per question as a diverging bar: negative answers to
// the left of zero, positive and neutral to the right, as shares of the answers given
// (SPEC §4.7). The question wording is the questionnaire's own; answers are never listed.
func views(ind *report.Indicators, respondent, id, who string) *Spec {
	if ind.Feedback == nil {
		return nil
	}
	neg := Series{Name: "Disagree or no", Negative: true, Stack: "views"}
	pos := Series{Name: "Agree or yes", Stack: "views"}
	neu := Series{Name: "Neither or don't know", Stack: "views"}
	var cats []string
	total := 0
	for _, q := range ind.Feedback.Questions {
		if q.Respondent != respondent {
			continue
		}
		if total++; total > MaxQuestions {
			continue
		}
		cats = append(cats, q.Question)
		answered := q.Positive + q.Neutral + q.Negative
		for _, p := range []struct {
			s *Series
			k int
		}{{&neg, q.Negative}, {&pos, q.Positive}, {&neu, q.Neutral}} {
			p.s.Values = append(p.s.Values, rate(p.k, answered))
			p.s.N = append(p.s.N, answered)
			p.s.Num = append(p.s.Num, p.k)
		}
	}
	if len(cats) == 0 {
		return nil
	}
	note := ""
	if total > MaxQuestions {
		note = "The first " + format.Count(MaxQuestions) + " of " + format.Count(total) +
			" questions are shown; indicators.json lists every question"
	}
	return &Spec{
		ID: id, Section: SectionViews, Note: note,
		Title:    "What " + who + " told us this quarter",
		Subtitle: "Share of the answers given to each question; n = answers (a question left blank is not counted)",
		XLabel:   "% of answers", YLabel: "% of answers",
		Kind: Diverging, Horizontal: true, Categories: cats,
		Series:  []Series{neg, pos, neu},
		Percent: true, Unit: "answers", Additive: true,
	}
}

// viewsResponses is the number of questionnaires returned per quarter (SPEC §4.7).
func viewsResponses(ind *report.Indicators) *Spec {
	if ind.Feedback == nil || len(ind.Feedback.Trend) == 0 {
		return nil
	}
	child := Series{Name: "Children"}
	parent := Series{Name: "Parents and carers"}
	var cats []string
	for _, t := range ind.Feedback.Trend {
		cats = append(cats, t.Quarter)
		child.Values = append(child.Values, f(float64(t.Child)))
		parent.Values = append(parent.Values, f(float64(t.ParentCarer)))
	}
	return &Spec{
		ID: IDViewsResponses, Section: SectionViews,
		Title:    "Feedback questionnaires returned, by quarter",
		Subtitle: "Responses completed in each quarter",
		XLabel:   quarterAxis, YLabel: "Responses",
		Kind: Bar, Categories: cats, Series: []Series{child, parent}, Unit: "responses",
	}
}

// attendance is each statutory partner's attendance at the board this quarter (SPEC §4.8),
// lowest first so those below the board's expectation lead.
func attendance(ind *report.Indicators) *Spec {
	b := ind.BoardAttendance
	if b == nil || len(b.ByPartner) == 0 {
		return nil
	}
	partners := PartnersByAttendance(b)
	s := Series{Name: "Meetings attended"}
	cats := partners
	var rest PartnerAttendanceTotal
	if len(partners) > MaxPartners {
		cats = append([]string(nil), partners[:MaxPartners-1]...)
		rest = SumPartners(b, partners[MaxPartners-1:])
	}
	for _, p := range cats {
		a := b.ByPartner[p]
		s.Values = append(s.Values, rate(a.Attended, a.Expected))
		s.N = append(s.N, a.Expected)
		s.Num = append(s.Num, a.Attended)
	}
	note := ""
	if rest.Partners > 0 {
		cats = append(cats, "All others ("+format.Count(rest.Partners)+" partners)")
		s.Values = append(s.Values, rate(rest.Attended, rest.Expected))
		s.N = append(s.N, rest.Expected)
		s.Num = append(s.Num, rest.Attended)
		note = "The " + format.Count(MaxPartners-1) + " partners with the lowest attendance are shown, then all others together; indicators.json lists every partner"
	}
	sp := &Spec{
		ID: IDAttendance, Section: SectionPartnership, Note: note,
		Categories: cats,
		Title:      "Board attendance by partner this quarter",
		Subtitle:   "n = meetings the partner was expected at",
		XLabel:     "", YLabel: "% of meetings attended",
		Kind: Bar, Horizontal: true, Series: []Series{s},
		Percent: true, Unit: "meetings", Organisational: true,
	}
	setTarget(sp, ind, "board_attendance_rate")
	return sp
}

// PartnerAttendanceTotal is the attendance of several partners together.
type PartnerAttendanceTotal struct {
	Partners, Expected, Attended int
}

// SumPartners adds up the attendance of the named partners of b.
func SumPartners(b *report.BoardAttendance, partners []string) PartnerAttendanceTotal {
	t := PartnerAttendanceTotal{Partners: len(partners)}
	for _, p := range partners {
		t.Expected += b.ByPartner[p].Expected
		t.Attended += b.ByPartner[p].Attended
	}
	return t
}

// PartnersByAttendance lists the board's partners, lowest attendance rate first, then by
// name, so that those furthest below the board's expectation come first.
func PartnersByAttendance(b *report.BoardAttendance) []string {
	out := make([]string, 0, len(b.ByPartner))
	for p := range b.ByPartner {
		out = append(out, p)
	}
	share := func(p string) float64 {
		a := b.ByPartner[p]
		if a.Expected == 0 {
			return 2 // none expected: last
		}
		return float64(a.Attended) / float64(a.Expected)
	}
	sort.Slice(out, func(i, j int) bool {
		si, sj := share(out[i]), share(out[j])
		if si != sj {
			return si < sj
		}
		return out[i] < out[j]
	})
	return out
}
