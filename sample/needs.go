package sample

import (
	"math/rand/v2"

	"github.com/yjsreport/yjsreport/calendar"
)

// The YJB key performance indicators recorded per intervention (SPEC §3.2) and the
// children's and families' feedback (§3.7) are drawn from a second random stream, so that
// adding them left every row the first stream draws (outcomes, ETE, out-of-court work,
// victims) as it was: the sample's older figures did not move when these were added.

// kpiStream is the second word of the PCG seeding the needs-and-views stream.
const kpiStream = 0x4b_50_49_76_69_65_77_73

// needs is what shapes one child's needs and services, drawn once per child.
type needs struct {
	lookedAfter bool    // looked after (in care) throughout
	send        bool    // an identified special educational need or disability
	mhRisk      float64 // chance of a mental health need at an intervention
	smRisk      float64 // chance of a substance misuse need, before the post-16 rise
	care        int     // for a child not looked after: 0 none, 1 CP plan, 2 child in need, 3 early help
}

// careWeights are the chances that a child who is not looked after is on no plan, a child
// protection plan, a child in need plan or an early help plan.
var careWeights = []float64{0.66, 0.08, 0.14, 0.12}

// drawNeeds draws a child's needs: about one child in eight looked after, three in ten
// with SEND, and mental health and substance misuse needs more likely for both.
func drawNeeds(k *rand.Rand) needs {
	var n needs
	n.lookedAfter = k.Float64() < 0.12
	n.send = k.Float64() < 0.30
	n.mhRisk = 0.36
	if n.lookedAfter {
		n.mhRisk += 0.20
	}
	if n.send {
		n.mhRisk += 0.08
	}
	n.smRisk = 0.20
	if n.lookedAfter {
		n.smRisk += 0.08
	}
	if !n.lookedAfter {
		n.care = pick(k, careWeights)
	}
	return n
}

// pick is sim.weighted for a given stream.
func pick(k *rand.Rand, w []float64) int {
	var sum float64
	for _, x := range w {
		sum += x
	}
	u := k.Float64() * sum
	for i, x := range w {
		if u < x {
			return i
		}
		u -= x
	}
	return len(w) - 1
}

// addNeeds fills in the KPI columns of an intervention: accommodation at start and end,
// SEND and a learning plan, the mental health and substance misuse cascades (need →
// offered → attending, always consistent here: the inconsistent ones are planted faults),
// and the wider services the child was open to at the end. A few values are left blank
// (not recorded), as in real exports. Values at the end are only recorded once the
// intervention has ended.
func (s *sim) addNeeds(c *child, e *eteRow, schoolStart bool) {
	k, n := s.k, &c.needs
	// Accommodation: looked-after children are more often unsuitably housed at the start
	// (placement breakdown, semi-independent living), and most unsuitable starts are fixed.
	pUnsuitable := 0.09
	if n.lookedAfter {
		pUnsuitable = 0.30
	}
	if !schoolStart {
		pUnsuitable += 0.04
	}
	accStart := k.Float64() >= pUnsuitable
	if tier(e.code) == 4 {
		accStart = true // placed in the secure estate
	}
	e.accStart = suitability(accStart)
	if k.Float64() < 0.03 {
		e.accStart = []string{"unknown", ""}[k.IntN(2)]
	}

	e.send = ynOf(n.send)
	if n.send {
		// A formal learning plan is likelier for a child whose ETE ended suitable: the plan
		// is what secured the place.
		p := 0.47
		if e.suitEnd == "suitable" {
			p = 0.66
		}
		e.plan = ynOf(k.Float64() < p)
	} else {
		e.plan = ynNo
	}
	if k.Float64() < 0.04 {
		e.send, e.plan = ynBlank, ynBlank
	}

	e.mh = cascade(k, n.mhRisk, 0.78, 0.66)
	sm := n.smRisk
	if !schoolStart {
		sm += 0.10
	}
	e.sm = cascade(k, sm, 0.76, 0.62)

	if e.end == 0 {
		return
	}
	pEnd := 0.95
	if !accStart {
		pEnd = 0.55
	}
	e.accEnd = suitability(k.Float64() < pEnd)
	if k.Float64() < 0.03 {
		e.accEnd = []string{"unknown", ""}[k.IntN(2)]
	}
	care := n.care
	if !n.lookedAfter && k.Float64() < 0.15 {
		care = pick(k, careWeights) // plans start and end
	}
	e.lac, e.cp, e.cin, e.eh = ynOf(n.lookedAfter), ynOf(care == 1), ynOf(care == 2), ynOf(care == 3)
	if k.Float64() < 0.03 {
		e.lac, e.cp, e.cin, e.eh = ynBlank, ynBlank, ynBlank, ynBlank
	}
}

// cascade draws need → offered → attending: a need with chance pNeed, an intervention
// offered for pOffered of needs, attended for pAttend of those offered. Stages after a no
// are left blank (not applicable), and a few needs are not recorded at all.
func cascade(k *rand.Rand, pNeed, pOffered, pAttend float64) [3]yn {
	var v [3]yn
	if k.Float64() < 0.05 {
		return v
	}
	v[0] = ynOf(k.Float64() < pNeed)
	if v[0] != ynYes {
		return v
	}
	v[1] = ynOf(k.Float64() < pOffered)
	if v[1] != ynYes {
		return v
	}
	v[2] = ynOf(k.Float64() < pAttend)
	return v
}

// question is one question of a feedback questionnaire with the chances of each answer:
// strongly agree, agree, neither, disagree, strongly disagree, don't know for statements;
// yes, no, don't know for yes/no questions.
type question struct {
	text  string
	yesNo bool
	w     []float64
}

// Viewpoint-style end-of-intervention questionnaires, in the order they are asked.
var (
	childQuestions = []question{
		{"My worker listens to me", false, []float64{0.46, 0.40, 0.06, 0.03, 0.01, 0.04}},
		{"I understand my plan", false, []float64{0.40, 0.44, 0.07, 0.03, 0.02, 0.04}},
		{"I feel safer than before", false, []float64{0.30, 0.42, 0.14, 0.06, 0.03, 0.05}},
		{"The work I did has helped me stay out of trouble", false, []float64{0.33, 0.42, 0.12, 0.05, 0.03, 0.05}},
		{"Would you recommend the service to a friend?", true, []float64{0.86, 0.05, 0.09}},
	}
	parentQuestions = []question{
		{"I was kept informed", false, []float64{0.40, 0.38, 0.10, 0.06, 0.03, 0.03}},
		{"Staff treated my child with respect", false, []float64{0.48, 0.38, 0.07, 0.03, 0.02, 0.02}},
		{"The service has made a positive difference to my family", false, []float64{0.30, 0.38, 0.17, 0.07, 0.04, 0.04}},
		{"Would you recommend the service to another family?", true, []float64{0.82, 0.06, 0.12}},
	}
	likertLabels = []string{"Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree", "Don't know"}
	yesNoLabels  = []string{"Yes", "No", "Don't know"}
)

// Free-text comments of the feedback export. Each carries the marker COMMENT-TEXT, so a
// test can prove the tool never reads the column: the text must never reach a report.
var (
	childComments = []string{
		"COMMENT-TEXT: my worker helped me sort out college",
		"COMMENT-TEXT: sessions were boring sometimes",
		"COMMENT-TEXT: I liked the boxing project",
		"COMMENT-TEXT: Jordan always rang me back",
		"COMMENT-TEXT: wish it was nearer my house",
	}
	parentComments = []string{
		"COMMENT-TEXT: the worker kept me in the loop",
		"COMMENT-TEXT: meetings clashed with my shifts",
		"COMMENT-TEXT: he is calmer at home now",
	}
)

// response is one completed questionnaire: the answers are indexes into the question's
// labels, -1 for a question skipped.
type response struct {
	id        int
	parent    bool
	completed calendar.Date
	minutes   int    // time of day it was submitted
	label     string // how the respondent is written
	withID    bool   // the child's id is on the rows
	answers   []int8
	comment   int // index into the comments, -1 for none
}

// addFeedback adds the questionnaires completed at the end of an intervention: about two
// in five interventions ending since feedback started have the child's, and about a third
// of those a parent's or carer's too. A child unhappy overall answers negatively throughout.
func (s *sim) addFeedback(c *child, end calendar.Date) {
	k := s.k
	if end < s.w.feedbackStart || k.Float64() >= 0.37 {
		return
	}
	done := end.AddDays(k.IntN(12))
	if done > s.w.export {
		return // not yet returned
	}
	s.addResponse(c, done, false, childQuestions, len(childComments))
	if k.Float64() < 0.35 {
		s.addResponse(c, done.AddDays(k.IntN(3)), true, parentQuestions, len(parentComments))
	}
}

func (s *sim) addResponse(c *child, done calendar.Date, parent bool, qs []question, comments int) {
	k := s.k
	if done > s.w.export {
		return
	}
	s.responseID += 1 + k.IntN(3)
	r := response{id: s.responseID, parent: parent, completed: done, minutes: 9*60 + k.IntN(10*60), comment: -1}
	if parent {
		r.label = []string{"Parent/Carer", "Parent/Carer", "Parent/Carer", "Parent", "Carer"}[k.IntN(5)]
	} else {
		r.label = "Young person"
		r.withID = k.Float64() < 0.85
	}
	unhappy := k.Float64() < 0.05
	for _, q := range qs {
		w := q.w
		if unhappy {
			// agree and disagree swap places
			if q.yesNo {
				w = []float64{w[1], w[0], w[2]}
			} else {
				w = []float64{w[4], w[3], w[2], w[1], w[0], w[5]}
			}
		}
		a := int8(pick(k, w))
		if k.Float64() < 0.03 {
			a = -1
		}
		r.answers = append(r.answers, a)
	}
	if k.Float64() < 0.25 {
		r.comment = k.IntN(comments)
	}
	c.feedback = append(c.feedback, r)
}
