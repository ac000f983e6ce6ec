package pdf

import (
	"fmt"

	"github.com/johnfercher/maroto/v2/pkg/consts/align"

	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/disclosure"
	"github.com/yjsreport/yjsreport/report/format"
	"github.com/yjsreport/yjsreport/report/narrative"
)

// needsRecorded reports whether the ete extract records any of SPEC §4.6's needs.
func needsRecorded(ind *report.Indicators) bool {
	return ind.Accommodation != nil || ind.SEND != nil || ind.MentalHealth != nil || ind.SubstanceMisuse != nil || ind.WiderServices != nil
}

// needs is SPEC §4.6: accommodation, SEND, mental health and substance misuse as funnels,
// and wider services, with their trends against target.
func (r *builder) needs() {
	ind := r.in.Ind
	r.section(TitleNeeds)
	if r.missingExtract("ete") {
		return
	}
	r.commentary(narrative.Needs)
	r.chartPair(chart.IDAccommodation, chart.IDSEND)
	r.chartPair(chart.IDCascades, chart.IDWiderServices)
	group := func(name string) []tcell {
		return []tcell{{text: name, bold: true, bg: paleGrey}, {bg: paleGrey}, {bg: paleGrey}, {bg: paleGrey}}
	}
	row := func(what string, num, den int) []tcell {
		return []tcell{txt(what), num2(r.count(den)), num2(r.count(num)), num2(r.pct(num, den))}
	}
	t := table{cols: []column{{"Children whose intervention ended this quarter", 33, align.Left}, {"Out of", 9, align.Right},
		{"Number", 9, align.Right}, {"Share", 9, align.Right}}}
	if a := ind.Accommodation; a != nil {
		t.rows = append(t.rows, group("Accommodation"),
			row("In suitable accommodation at the start", a.Start.Suitable, a.Children),
			row("In suitable accommodation at the end", a.End.Suitable, a.Children))
	}
	if s := ind.SEND; s != nil {
		t.rows = append(t.rows, group("Special educational needs or disabilities (SEND; ALN in Wales)"),
			row("With an identified SEND need", s.Identified, s.Children),
			row("… of whom in suitable ETE at the end", s.SuitableETEEnd, s.Identified),
			row("… of whom with a learning plan (EHCP, IEP, IDP)", s.LearningPlan, s.Identified),
			row("… of whom both (the headline)", s.Both, s.Identified))
	}
	cascade := func(name string, c *report.Cascade) {
		if c == nil {
			return
		}
		t.rows = append(t.rows, group(name),
			row("With a screened or identified need", c.Need, c.Children),
			row("… of whom offered an intervention", c.Offered, c.Need),
			row("… of whom attending (need met, the headline)", c.Attending, c.Need))
	}
	cascade("Mental health", ind.MentalHealth)
	cascade("Substance misuse", ind.SubstanceMisuse)
	if w := ind.WiderServices; w != nil {
		t.rows = append(t.rows, group("Open to wider services at the end"),
			row("Looked after or care experienced", w.LookedAfter, w.Children),
			row("On a child protection plan", w.ChildProtection, w.Children),
			row("A child in need", w.ChildInNeed, w.Children),
			row("On an early help plan", w.EarlyHelp, w.Children),
			row("Any of these (the headline)", w.Any, w.Children))
	}
	r.subheading("Figures for the quarter")
	r.f.table(t)
	r.trends(chart.IDTrendAccommodation, chart.IDTrendSEND, chart.IDTrendMentalHealth, chart.IDTrendSubstanceMisuse, chart.IDTrendWiderServices)
}

func num2(s string) tcell { return tcell{text: s} }

// trends places headline trend charts in pairs, under a heading.
func (r *builder) trends(ids ...string) {
	var have []string
	for _, id := range ids {
		if i, ok := r.chartByID(id); ok && placed(r.specs[i]) {
			have = append(have, id)
		}
	}
	if len(have) == 0 {
		return
	}
	// The heading stays with the first chart.
	first, _ := r.chartByID(have[0])
	r.f.ensure(lineH(h2.size) + 2.5 + 2*lineH(h3.size) + sizeOf(r.specs[first], r.half).H + 3*lineH(note.size))
	r.subheading("Trends against target")
	for i := 0; i < len(have); i += 2 {
		if i+1 < len(have) {
			r.chartPair(have[i], have[i+1])
		} else {
			r.chart(have[i])
		}
	}
}

// views is SPEC §4.7: what children and parents or carers said, per question, and how many
// questionnaires came back.
func (r *builder) views() {
	fb := r.in.Ind.Feedback
	r.section(TitleViews)
	r.commentary(narrative.Views)
	r.chart(chart.IDViewsChild)
	r.chart(chart.IDViewsParent)
	// The respondents' totals.
	rt := table{cols: []column{{"Respondent", 14, align.Left}, {"Questionnaires", 8, align.Right}, {"Answers", 7, align.Right},
		{"Agree or yes", 7, align.Right}, {"Neither or don't know", 8, align.Right}, {"Disagree or no", 8, align.Right}, {"% positive", 8, align.Right}}}
	for _, p := range []struct {
		name string
		c    report.FeedbackCounts
	}{{"Children", fb.Respondents.Child}, {"Parents and carers", fb.Respondents.ParentCarer}} {
		rt.rows = append(rt.rows, r.answerCells(p.name, p.c.Positive, p.c.Neutral, p.c.Negative, r.count(p.c.Responses)))
	}
	r.subheading("Answers this quarter")
	r.f.table(rt)
	// Every question, children's first, each respondent's capped as its chart is.
	qt := table{maxLines: 4, cols: []column{{"Question (the questionnaire's wording)", 22, align.Left}, {"Answers", 6, align.Right},
		{"Agree or yes", 6, align.Right}, {"Neither or don't know", 7, align.Right}, {"Disagree or no", 7, align.Right},
		{"Not answered", 6, align.Right}, {"% positive", 6, align.Right}}}
	for _, who := range []struct{ code, name string }{{"child", "Children's questions"}, {"parent_carer", "Parents' and carers' questions"}} {
		n, shown := 0, 0
		for _, q := range fb.Questions {
			if q.Respondent != who.code {
				continue
			}
			if n++; n > chart.MaxQuestions {
				continue
			}
			if shown == 0 {
				g := []tcell{{text: who.name, bold: true, bg: paleGrey}}
				for range qt.cols[1:] {
					g = append(g, tcell{bg: paleGrey})
				}
				qt.rows = append(qt.rows, g)
			}
			shown++
			c := r.answerCells(q.Question, q.Positive, q.Neutral, q.Negative, "")
			qt.rows = append(qt.rows, []tcell{c[0], c[2], c[3], c[4], c[5], num(r.count(q.NotAnswered)), c[6]})
		}
		if n > chart.MaxQuestions {
			qt.rows = append(qt.rows, []tcell{txt(fmt.Sprintf("… and %d more questions (listed in indicators.json)", n-chart.MaxQuestions))})
		}
	}
	if len(qt.rows) > 0 {
		r.subheading("Answers by question")
		r.f.table(qt)
	}
	r.f.para("Answers are counted, never listed: no comment or answer of a child or family is printed. Agree or yes counts strongly agree, agree and yes; disagree or no counts disagree, strongly disagree and no.", note, 0, 2)
	r.chartPair(chart.IDViewsResponses, chart.IDTrendFeedbackPositive)
}

// answerCells is a row of answers: label, questionnaires (or ""), answers, then agree,
// neither and disagree under disclosure control (the answers are their total, shown), and
// the share positive.
func (r *builder) answerCells(label string, pos, neu, neg int, responses string) []tcell {
	answered := pos + neu + neg
	cells, _ := disclosure.Column([]int{pos, neu, neg}, r.disclose)
	rate := r.pct(pos, answered)
	if cells[0].Hidden {
		rate = disclosure.Suppressed
	}
	return []tcell{txt(label), num(responses), num(r.count(answered)), num(cell(cells[0])), num(cell(cells[1])), num(cell(cells[2])), num(rate)}
}

// partnership is SPEC §4.8: board attendance by partner, at the agreed seniority, and the
// partners below the board's expectation named.
func (r *builder) partnership() {
	b := r.in.Ind.BoardAttendance
	r.section(TitlePartnership)
	r.commentary(narrative.Partnership)
	r.chart(chart.IDAttendance)
	t := table{cols: []column{{"Partner", 30, align.Left}, {"Meetings expected", 10, align.Right}, {"Attended", 10, align.Right}, {"Attendance", 10, align.Right}}}
	partners := chart.PartnersByAttendance(b)
	shown := partners
	if len(partners) > chart.MaxPartners {
		shown = partners[:chart.MaxPartners-1]
	}
	for _, p := range shown {
		a := b.ByPartner[p]
		t.rows = append(t.rows, []tcell{txt(chart.Label(p)), num(format.Count(a.Expected)), num(format.Count(a.Attended)), num(orgPct(a.Attended, a.Expected))})
	}
	if len(shown) < len(partners) {
		rest := chart.SumPartners(b, partners[len(shown):])
		t.rows = append(t.rows, []tcell{txt(fmt.Sprintf("All others (%d partners)", rest.Partners)), num(format.Count(rest.Expected)),
			num(format.Count(rest.Attended)), num(orgPct(rest.Attended, rest.Expected))})
	}
	t.total = []tcell{txt("All partners"), num(format.Count(b.Expected)), num(format.Count(b.Attended)), num(orgPct(b.Attended, b.Expected))}
	r.subheading("Attendance this quarter")
	r.f.table(t)
	r.f.para(fmt.Sprintf("Meetings this quarter: %s. Places attended at the agreed level of seniority: %s of %s expected (%s). Board attendance is about organisations, not children: disclosure control does not apply to it.",
		format.Count(b.Meetings), format.Count(b.Senior), format.Count(b.Expected), orgPct(b.Senior, b.Expected)), note, 0, 2)
	r.trends(chart.IDTrendBoardAttendance)
}

// orgPct is a share of organisations' places: never suppressed (SPEC §6).
func orgPct(num, den int) string {
	if den == 0 {
		return format.NA
	}
	return format.Percent(float64(num) / float64(den))
}
