package narrative

import (
	"fmt"
	"strings"

	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/disclosure"
	"github.com/yjsreport/yjsreport/report/format"
)

// needs writes SPEC §4.6's paragraphs, separated by a blank line: accommodation at the
// start and end, SEND, the mental health and substance misuse cascades, and wider services,
// each headline with its changes and target.
func (w writer) needs() string {
	ind := w.ind
	var paras []string
	var parts []string
	next := func() {
		if p := join(parts); p != "" {
			paras = append(paras, p)
		}
		parts = nil
	}
	if a := ind.Accommodation; a != nil {
		if a.Children == 0 {
			parts = append(parts, "No interventions with accommodation recorded ended this quarter.")
		} else {
			parts = append(parts, fmt.Sprintf("Of the %s whose intervention ended this quarter, %s were in suitable accommodation at the start and %s at the end.",
				w.children(a.Children), w.share(a.Start.Suitable, a.Children), w.share(a.End.Suitable, a.Children)))
			parts = append(parts, w.headlineSentence(w.ind.Headline("accommodation_suitable_end"), "Suitable accommodation at the end"))
		}
	}
	next()
	if s := ind.SEND; s != nil {
		switch {
		case s.Identified == 0:
			parts = append(parts, "No child whose intervention ended this quarter had an identified special educational need or disability (SEND).")
		case w.small(s.Identified):
			parts = append(parts, "Fewer than 5 children had an identified special educational need or disability (SEND): too few to say more without identifying them.")
		default:
			parts = append(parts, fmt.Sprintf("%s had an identified special educational need or disability (SEND); of them, %s were in suitable education, training or employment at the end, %s had a learning plan, and %s had both.",
				capital(w.children(s.Identified)), w.share(s.SuitableETEEnd, s.Identified), w.share(s.LearningPlan, s.Identified), w.share(s.Both, s.Identified)))
			parts = append(parts, w.headlineSentence(w.ind.Headline("send_suitable_ete_with_plan"), "Children with SEND in suitable ETE with a plan"))
		}
	}
	next()
	for _, c := range []struct {
		name, headline string
		c              *report.Cascade
	}{{"mental health", "mental_health_need_met", ind.MentalHealth}, {"substance misuse", "substance_misuse_need_met", ind.SubstanceMisuse}} {
		if c.c == nil {
			continue
		}
		if c.c.Need == 0 {
			parts = append(parts, fmt.Sprintf("No child had an identified %s need this quarter.", c.name))
			next()
			continue
		}
		if w.small(c.c.Need) {
			parts = append(parts, fmt.Sprintf("Fewer than 5 children had a screened or identified %s need: too few to say more without identifying them.", c.name))
			next()
			continue
		}
		parts = append(parts, fmt.Sprintf("%s had a screened or identified %s need: %s were offered an intervention and %s were attending one.",
			capital(w.children(c.c.Need)), c.name, w.share(c.c.Offered, c.c.Need), w.share(c.c.Attending, c.c.Need)))
		parts = append(parts, w.headlineSentence(w.ind.Headline(c.headline), "Children with a "+c.name+" need attending"))
		next()
	}
	if ws := ind.WiderServices; ws != nil && ws.Children > 0 {
		parts = append(parts, fmt.Sprintf("At the end of their intervention, %s were open to wider services: %s looked after or care experienced, %s on a child protection plan, %s children in need and %s on an early help plan (a child may be open to several).",
			w.share(ws.Any, ws.Children), w.count(ws.LookedAfter), w.count(ws.ChildProtection), w.count(ws.ChildInNeed), w.count(ws.EarlyHelp)))
	}
	next()
	return strings.Join(paras, "\n\n")
}

// small reports whether a count is hidden by disclosure control.
func (w writer) small(n int) bool { return w.o.Disclosure && disclosure.IsSmall(n) }

// children writes a number of children: "1 child", "12 children", "fewer than 5 children".
func (w writer) children(n int) string {
	if n == 1 && !w.o.Disclosure {
		return "1 child"
	}
	return w.count(n) + " children"
}

// views writes SPEC §4.7's paragraph: how many questionnaires came back, the share of
// children's and parents' or carers' answers that were positive, and the question children
// answered least positively, when its numbers may be shown. Answers are never quoted.
func (w writer) views() string {
	fb := w.ind.Feedback
	ch, pc := fb.Respondents.Child, fb.Respondents.ParentCarer
	if ch.Responses == 0 && pc.Responses == 0 {
		return "No feedback questionnaires were completed this quarter."
	}
	var parts []string
	parts = append(parts, fmt.Sprintf("Feedback questionnaires completed this quarter: %s from children and %s from parents or carers.",
		w.count(ch.Responses), w.count(pc.Responses)))
	if answered := ch.Positive + ch.Neutral + ch.Negative; answered > 0 {
		parts = append(parts, w.headlineSentence(w.ind.Headline("feedback_positive_rate"), "Children's answers that were positive"))
		if q := w.lowestQuestion("child"); q != "" {
			parts = append(parts, q)
		}
	}
	if answered := pc.Positive + pc.Neutral + pc.Negative; answered > 0 {
		parts = append(parts, fmt.Sprintf("Parents' and carers' answers that were positive: %s.", w.share(pc.Positive, answered)))
	}
	parts = append(parts, "Each questionnaire is a few answers from one child or family: read the shares alongside the numbers.")
	return join(parts)
}

// lowestQuestion names the children's question with the smallest share of positive answers,
// when that share may be published; "" otherwise or when every question has the same share.
func (w writer) lowestQuestion(respondent string) string {
	var low *report.FeedbackQuestion
	lowRate, highRate := 2.0, -1.0
	n := 0
	for i, q := range w.ind.Feedback.Questions {
		if q.Respondent != respondent {
			continue
		}
		n++
		answered := q.Positive + q.Neutral + q.Negative
		if answered == 0 || (w.o.Disclosure && disclosure.RateHidden(q.Positive, answered)) {
			continue
		}
		r := float64(q.Positive) / float64(answered)
		if r < lowRate {
			low, lowRate = &w.ind.Feedback.Questions[i], r
		}
		highRate = max(highRate, r)
	}
	if low == nil || n < 2 || lowRate == highRate {
		return ""
	}
	answered := low.Positive + low.Neutral + low.Negative
	return fmt.Sprintf("The question children answered least positively was \"%s\": %s positive.", chart.Label(low.Question), w.share(low.Positive, answered))
}

// partnership writes SPEC §4.8's paragraph: meetings, attendance and seniority, the headline
// against its target, and the partners below the board's expectation. Attendance is about
// organisations, so no figure is suppressed.
func (w writer) partnership() string {
	b := w.ind.BoardAttendance
	if b.Expected == 0 {
		return "No board meeting with partners expected is recorded this quarter."
	}
	org := writer{ind: w.ind, o: Options{}, one: "one place"} // organisations: never suppressed (SPEC §6)
	meetings := "once"
	if b.Meetings != 1 {
		meetings = format.Count(b.Meetings) + " times"
	}
	parts := []string{fmt.Sprintf("The board met %s this quarter. Partners attended %s of the places expected, %s at the agreed level of seniority.",
		meetings, org.share(b.Attended, b.Expected), org.share(b.Senior, b.Expected))}
	parts = append(parts, org.headlineSentence(org.ind.Headline("board_attendance_rate"), "Attendance"))
	below, expect := PartnersBelow(w.ind)
	if len(below) == 0 {
		parts = append(parts, "Every partner met the board's expectation ("+expect+").")
		return join(parts)
	}
	return join(parts) + "\n\nBelow the board's expectation (" + expect + "): " + format.List(below) + "."
}

// PartnersBelow names the board's partners whose attendance this quarter is below the
// board's expectation — the board_attendance_rate target when one is set, else attending
// every meeting they were expected at — with their attendance ("Police (1 of 2 meetings)"),
// lowest first; and says what the expectation is. Partner names are cut as labels.
func PartnersBelow(ind *report.Indicators) (partners []string, expectation string) {
	b := ind.BoardAttendance
	if b == nil {
		return nil, ""
	}
	target := 1.0
	expectation = "every meeting a partner is expected at"
	for _, t := range ind.Targets {
		if t.Indicator == "board_attendance_rate" {
			target = t.Target
			expectation = "attendance of " + format.Percent(t.Target) + " or more"
		}
	}
	for _, p := range chart.PartnersByAttendance(b) {
		a := b.ByPartner[p]
		if a.Expected == 0 || float64(a.Attended)/float64(a.Expected) >= target-1e-12 {
			continue
		}
		word := "meetings"
		if a.Expected == 1 {
			word = "meeting"
		}
		partners = append(partners, fmt.Sprintf("%s (%s of %s %s)", chart.Label(p), format.Count(a.Attended), format.Count(a.Expected), word))
	}
	return partners, expectation
}

func join(parts []string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}
