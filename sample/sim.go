package sample

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/yjsreport/yjsreport/calendar"
)

// Outcome codes as the generator knows them (the canonical codes of SPEC §3.1). Each writer
// turns them into the labels its own export uses.
const (
	cr  = "community_resolution"
	o22 = "outcome_22"
	yc  = "youth_caution"
	ycc = "youth_conditional_caution"
	dis = "discharge"
	fin = "fine"
	ro  = "referral_order"
	rep = "reparation_order"
	yro = "youth_rehabilitation_order"
	dto = "detention_training_order"
	ltd = "long_term_detention"
)

// tier returns 1 pre-court, 2 first tier, 3 community, 4 custody (SPEC §3.1).
func tier(code string) int {
	switch code {
	case cr, o22, yc, ycc:
		return 1
	case dis, fin, ro, rep:
		return 2
	case yro:
		return 3
	case dto, ltd:
		return 4
	}
	return 0
}

// yes/no/blank for optional flags.
type yn int8

const (
	ynBlank yn = iota
	ynYes
	ynNo
)

func ynOf(b bool) yn {
	if b {
		return ynYes
	}
	return ynNo
}

// disposal is one proven offence outcome.
type disposal struct {
	offence, outcome, release calendar.Date
	code                      string
	category                  string
	gravity                   int // 0 = blank
	breach                    bool
	note                      string
}

// oocdRow is one out-of-court disposal intervention.
type oocdRow struct {
	code                                   string
	referral                               calendar.Date
	referralMinutes                        int // time of day the referral was logged
	assessment, decision, start, end       calendar.Date
	completion                             string // completed, not_completed, neutral, ""
	atPanel, victimIdentified, viewsSought yn
}

// eteRow is one intervention with ETE at its start and end.
type eteRow struct {
	code               string
	start, end         calendar.Date
	suitStart, suitEnd string  // suitable, unsuitable, unknown, ""
	hoStart, haStart   float64 // -1 = not recorded
	hoEnd, haEnd       float64
	provStart, provEnd string
	// The YJB key performance indicators (SPEC §3.2): accommodation as suitability codes,
	// the rest yes/no/blank; the cascades are need, offered, attending.
	accStart, accEnd string
	send, plan       yn
	mh, sm           [3]yn
	lac, cp, cin, eh yn
}

// victimRow is one victim of an offence whose intervention closed.
type victimRow struct {
	id                               int
	closure                          calendar.Date
	vtype                            string
	consent, views, offered, engaged yn
	note                             string
}

// child is everything the generator knows about one fictional child.
type child struct {
	index                       int // 0-based, in id order
	id                          string
	dob                         calendar.Date
	gender, ethnicity, locality string
	worker                      string
	disposals                   []disposal
	oocd                        []oocdRow
	ete                         []eteRow
	victims                     []victimRow
	needs                       needs
	feedback                    []response
}

// world holds the fixed dates of a run.
type world struct {
	export   calendar.Date // the extracts were taken on this day
	start    calendar.Date // 1 April three financial years before the export's
	split    calendar.Date // 1 April of the previous financial year: the disposals sheet split
	o22Start calendar.Date // Outcome 22 appears from the export's financial year (a pilot)
	// feedbackStart is when the feedback questionnaire was introduced: the first day of
	// the eight quarters ending with the export's latest complete quarter.
	feedbackStart calendar.Date
	startYear     int
}

func newWorld(export calendar.Date) world {
	fy := calendar.QuarterOf(export).FY
	return world{
		export:   export,
		start:    calendar.New(fy-3, 4, 1),
		split:    calendar.New(fy-1, 4, 1),
		o22Start: calendar.New(fy, 4, 1),
		// the first of the eight quarters ending with the latest complete one
		feedbackStart: calendar.LatestEndedBy(export).Add(-7).Start(),
		startYear:     fy - 3,
	}
}

// sim draws children one at a time from seeded streams (r for the records, k for the needs
// and feedback of SPEC v2), so the same seed and options always give the same
// children in the same order.
type sim struct {
	r          *rand.Rand
	k          *rand.Rand // needs and feedback (needs.go)
	w          world
	victimID   int
	responseID int
}

func newSim(seed uint64, w world) *sim {
	// The second PCG word is a fixed constant so that seed alone picks the stream.
	return &sim{r: rand.New(rand.NewPCG(seed, 0x59_4a_53_72_65_70_6f_72)),
		k: rand.New(rand.NewPCG(seed, kpiStream)), w: w, victimID: 700000, responseID: 410000}
}

// weighted picks an index with probability proportional to its weight.
func (s *sim) weighted(w []float64) int { return pick(s.r, w) }

func (s *sim) chance(p float64) bool { return s.r.Float64() < p }

// between returns a whole number in [lo, hi].
func (s *sim) between(lo, hi int) int { return lo + s.r.IntN(hi-lo+1) }

// entryDates returns n first-offence dates between the start of the data and shortly before
// the export, in order, with a gently falling rate (first-time entrants fell nationally over
// these years): density 1.2 at the start falling to 0.8 at the end. The draws are
// stratified, one in each n-th of the distribution, so quarterly counts are smooth even in
// a small sample.
func (s *sim) entryDates(n int) []calendar.Date {
	lo := s.w.start
	span := float64(s.w.export - 10 - lo)
	out := make([]calendar.Date, n)
	for i := range out {
		y := (float64(i) + s.r.Float64()) / float64(n)
		// inverse of F(x) = 1.2x − 0.2x²
		x := (1.2 - math.Sqrt(1.44-0.8*y)) / 0.4
		out[i] = lo + calendar.Date(x*span)
	}
	return out
}

var (
	genders       = []string{"Male", "Female", ""}
	genderWeights = []float64{0.80, 0.18, 0.02}
	ethnicities   = []string{"White", "Black", "Asian", "Mixed", "Other", ""}
	ethWeights    = []float64{0.74, 0.07, 0.06, 0.08, 0.02, 0.03}
	localities    = []string{"North", "South", "East", "West", "City Centre", "Coastal"}
	locWeights    = []float64{0.18, 0.17, 0.15, 0.16, 0.22, 0.12}
	// locality reoffending multipliers, so locality breakdowns differ a little
	locRisk = []float64{0.95, 0.92, 1.0, 0.95, 1.15, 1.1}
	// age at first offence, 10..17
	firstAgeWeights = []float64{2, 3, 6, 11, 16, 21, 23, 18}
)

// offence categories with their YJB gravity range and chance of an identified victim.
type category struct {
	code, label string
	weight      float64
	gLo, gHi    int
	victim      float64
}

var categories = []category{
	{"violence_against_the_person", "Violence Against the Person", 27, 3, 6, 0.85},
	{"theft_and_handling", "Theft and Handling", 18, 1, 3, 0.75},
	{"criminal_damage", "Criminal Damage", 12, 2, 4, 0.8},
	{"drugs", "Drugs", 10, 3, 6, 0.02},
	{"public_order", "Public Order", 8, 2, 4, 0.3},
	{"motoring_offences", "Motoring Offences", 7, 1, 4, 0.05},
	{"burglary", "Burglary", 6, 3, 6, 0.9},
	{"robbery", "Robbery", 5, 5, 7, 0.95},
	{"sexual_offences", "Sexual Offences", 2, 5, 8, 0.95},
	{"fraud_and_forgery", "Fraud and Forgery", 1, 2, 4, 0.6},
	{"other", "Other", 4, 1, 4, 0.2},
}

var categoryWeights = func() []float64 {
	w := make([]float64, len(categories))
	for i, c := range categories {
		w[i] = c.weight
	}
	return w
}()

const breachCategory = "breach_of_statutory_order"

// career is the state that shapes a child's next outcome.
type career struct {
	priors, court int
}

// event is one offence and everything that follows from it.
type event struct {
	offence calendar.Date
	cat     int
	gravity int
	code    string
	outcome calendar.Date // zero when not yet decided by the export
	index   calendar.Date // reoffending index date; zero when none (pending, in custody)
	oocd    *oocdRow
}

// newChild draws child number i whose first offence is on first.
func (s *sim) newChild(i int, id string, first calendar.Date) *child {
	c := &child{index: i, id: id, needs: drawNeeds(s.k)}
	c.gender = genders[s.weighted(genderWeights)]
	c.ethnicity = ethnicities[s.weighted(ethWeights)]
	loc := s.weighted(locWeights)
	c.locality = localities[loc]
	c.worker = workers[s.r.IntN(len(workers))]

	// First event: it must be on record by the export so every child appears in an extract.
	// Draw its shape, then move the offence back (by up to a year more than needed, so late
	// outcomes do not pile up just before the export) until its outcome (court) or referral
	// (out of court) falls by the export.
	var st career
	ev := s.draw(st, first, true)
	age := 10 + s.weighted(firstAgeWeights)
	c.dob = ev.offence.AddMonths(-12 * age).AddDays(-s.r.IntN(365))
	s.record(c, &st, ev)

	for ev.index != 0 {
		p := reoffendP(ev.code, st) * locRisk[loc]
		var next calendar.Date
		switch {
		case s.chance(p):
			next = ev.index + 1 + calendar.Date(364*math.Pow(s.r.Float64(), 1.3))
		case s.chance(0.18):
			next = ev.index + 366 + calendar.Date(s.r.IntN(540))
		default:
			return c
		}
		if next > s.w.export || calendar.AgeOn(c.dob, next) >= 18 {
			return c
		}
		ev = s.draw(st, next, false)
		s.record(c, &st, ev)
	}
	return c
}

// reoffendP is the chance of a further proven offence within 12 months of an index event:
// about a fifth after out-of-court disposals, over a third after court sentences.
func reoffendP(code string, st career) float64 {
	var p float64
	switch code {
	case cr, o22:
		p = 0.24
	case yc, ycc:
		p = 0.22
	case dis, fin:
		p = 0.32
	case ro, rep:
		p = 0.38
	case yro:
		p = 0.47
	case dto, ltd:
		p = 0.55
	}
	return p + 0.03*float64(min(st.court, 3))
}

// draw shapes one offence and its outcome. For a child's first event (first=true) the
// dates are moved earlier until the outcome is on or before the export.
func (s *sim) draw(st career, offence calendar.Date, first bool) *event {
	ev := &event{cat: s.weighted(categoryWeights)}
	cat := categories[ev.cat]
	ev.gravity = s.between(cat.gLo, cat.gHi)
	ev.code = s.decide(st, ev.gravity, offence)
	if tier(ev.code) == 1 {
		// referral, assessment (working days), decision
		d1 := s.between(1, 21)
		wd := s.between(2, 10)
		if s.chance(0.22) {
			wd = s.between(11, 25)
		}
		d3 := s.between(1, 10)
		for {
			o := &oocdRow{code: ev.code}
			o.referral = offence.AddDays(d1)
			o.assessment = addWorkingDays(o.referral, wd)
			o.decision = o.assessment.AddDays(d3)
			// A first referral only has to be received by the export: children referred
			// in the last weeks are still waiting for assessment or decision, and appear
			// in the oocd extract alone.
			if first && o.referral > s.w.export {
				offence -= o.referral - s.w.export + calendar.Date(s.r.IntN(365))
				continue
			}
			ev.offence, ev.oocd = offence, o
			break
		}
		if ev.oocd.decision <= s.w.export {
			ev.outcome = ev.oocd.decision
		}
		ev.oocd.referralMinutes = s.between(8*60, 18*60)
	} else {
		lag := 21 + int(160*math.Pow(s.r.Float64(), 1.3))
		if first && offence.AddDays(lag) > s.w.export {
			offence = s.w.export - calendar.Date(lag) - calendar.Date(s.r.IntN(365))
		}
		ev.offence = offence
		if o := offence.AddDays(lag); o <= s.w.export {
			ev.outcome = o
		}
	}
	return ev
}

// decide picks the outcome of an offence from the child's history and its gravity.
func (s *sim) decide(st career, gravity int, on calendar.Date) string {
	preCourt := func(w []float64) string {
		code := []string{cr, yc, ycc}[s.weighted(w)]
		if code == cr && on >= s.w.o22Start && s.chance(0.2) {
			code = o22
		}
		return code
	}
	switch {
	case st.priors == 0 && gravity <= 4 && s.chance(0.8):
		return preCourt([]float64{0.5, 0.32, 0.18})
	case st.priors == 0 && gravity <= 6 && s.chance(0.35):
		return preCourt([]float64{0, 0.6, 0.4})
	case st.priors > 0 && st.court == 0 && gravity <= 5 && s.chance(0.4):
		return preCourt([]float64{0.2, 0.4, 0.4})
	}
	var codes []string
	var w []float64
	if st.court == 0 {
		codes = []string{ro, dis, fin, rep, yro, dto, ltd}
		w = []float64{0.65, 0.1, 0.06, 0.04, 0.12, 0.02, 0.01}
	} else {
		codes = []string{yro, ro, fin, dis, rep, dto, ltd}
		w = []float64{0.55, 0.17, 0.07, 0.05, 0.03, 0.09, 0.04}
	}
	code := codes[s.weighted(w)]
	if code == ltd && gravity < 6 {
		code = dto
	}
	return code
}

// record turns an event into the child's rows: disposals, the OOCD intervention or court
// order, ETE for the intervention, breaches and victims.
func (s *sim) record(c *child, st *career, ev *event) {
	export := s.w.export
	cat := categories[ev.cat]
	victim := s.chance(cat.victim)
	if ev.oocd != nil {
		o := ev.oocd
		switch {
		case o.referral > export:
			ev.oocd = nil
		case o.assessment > export:
			o.assessment, o.decision = 0, 0
		case o.decision > export:
			o.decision = 0
		}
		if ev.oocd != nil {
			s.fillOOCD(c, o, cat, victim)
			c.oocd = append(c.oocd, *o)
		}
	}
	if ev.outcome == 0 {
		return // not decided by the export: no proven outcome yet
	}
	st.priors++
	t := tier(ev.code)
	if t > 1 {
		st.court++
	}
	d := disposal{offence: ev.offence, outcome: ev.outcome, code: ev.code,
		category: cat.code, gravity: ev.gravity}
	if s.chance(0.015) {
		d.gravity = 0 // not recorded
	}
	ev.index = ev.outcome
	var start, end calendar.Date
	switch ev.code {
	case dto, ltd:
		term := []int{4, 6, 8, 10, 12, 18, 24}[s.weighted([]float64{0.25, 0.2, 0.15, 0.1, 0.15, 0.1, 0.05})]
		if ev.code == ltd {
			term = 24 + 6*s.r.IntN(9)
		}
		d.release = ev.outcome.AddMonths(term / 2)
		ev.index = d.release
		if d.release > export {
			d.release, ev.index = 0, 0 // still in custody: not yet an index event
		}
		start, end = ev.outcome, ev.outcome.AddMonths(term)
	case ro:
		start = ev.outcome.AddDays(s.between(0, 14))
		end = start.AddMonths([]int{3, 6, 9, 12}[s.weighted([]float64{0.2, 0.35, 0.2, 0.25})])
	case rep:
		start = ev.outcome.AddDays(s.between(0, 14))
		end = start.AddMonths(s.between(1, 3))
	case yro:
		start = ev.outcome.AddDays(s.between(0, 14))
		end = start.AddMonths([]int{6, 9, 12, 18, 24}[s.weighted([]float64{0.15, 0.15, 0.35, 0.2, 0.15})])
	case cr, o22, yc, ycc:
		start, end = ev.oocd.start, ev.oocd.end
	}
	d.note = s.caseNote(ev.code)
	c.disposals = append(c.disposals, d)

	// Several offences are often sentenced together: same outcome, earlier offences.
	extra := 0
	switch {
	case t > 1 && s.chance(0.22):
		extra = 1 + s.r.IntN(2)
	case t == 1 && s.chance(0.05):
		extra = 1
	}
	prev := ev.offence
	for range extra {
		k := s.weighted(categoryWeights)
		e := d
		// each earlier offence strictly before the last, so no two rows are the same
		e.offence = prev.AddDays(-s.between(1, 60))
		prev = e.offence
		e.category = categories[k].code
		e.gravity = min(s.between(categories[k].gLo, categories[k].gHi), max(d.gravity, 1))
		e.note = ""
		c.disposals = append(c.disposals, e)
	}

	if start != 0 && start <= export {
		if end > export {
			end = 0 // still open
		}
		if t > 1 {
			s.addETE(c, ev.code, start, end)
		} else if s.chance(0.85) {
			// most out-of-court interventions record ETE too
			s.addETE(c, ev.code, start, end)
		}
		if end != 0 && victim {
			s.addVictims(c, end)
		}
	}

	// Breach of a court order: a new sentence for the breach, left out of reoffending.
	if (ev.code == ro && s.chance(0.06)) || (ev.code == yro && s.chance(0.12)) || (ev.code == dto && s.chance(0.1)) {
		from := start
		if ev.code == dto {
			from = ev.index // breach of the licence after release
		}
		if from != 0 {
			b := from.AddDays(s.between(20, 200))
			out := b.AddDays(s.between(14, 60))
			if out <= export && calendar.AgeOn(c.dob, out) <= 18 {
				code := ev.code
				switch ev.code {
				case ro:
					code = []string{ro, yro}[s.weighted([]float64{0.4, 0.6})]
				case yro:
					code = []string{yro, dto}[s.weighted([]float64{0.8, 0.2})]
				}
				bd := disposal{offence: b, outcome: out, code: code, category: breachCategory, breach: true}
				if code == dto {
					if r := out.AddMonths(s.between(1, 3)); r <= export {
						bd.release = r
					}
				}
				c.disposals = append(c.disposals, bd)
			}
		}
	}
}

// fillOOCD completes an out-of-court row: intervention, completion, panel and victim.
func (s *sim) fillOOCD(c *child, o *oocdRow, cat category, victim bool) {
	export := s.w.export
	if o.decision != 0 {
		if s.chance(0.03) {
			o.assessment = 0 // decided, but the assessment was never recorded
		}
		o.start = o.decision.AddDays(s.between(0, 10))
		o.end = o.start.AddDays(s.between(28, 84))
		if o.start > export {
			o.start, o.end = 0, 0
		} else if o.end > export {
			o.end = 0
		}
		if o.end != 0 {
			o.completion = []string{"completed", "not_completed", "neutral", ""}[s.weighted([]float64{0.8, 0.14, 0.03, 0.03})]
		}
		pp := 0.55
		if o.code == yc || o.code == ycc {
			pp = 0.88
		}
		o.atPanel = ynOf(s.chance(pp))
		if s.chance(0.02) {
			o.atPanel = ynBlank
		}
	}
	o.victimIdentified = ynOf(victim)
	if victim {
		o.viewsSought = ynOf(s.chance(0.8))
		if s.chance(0.03) {
			o.viewsSought = ynBlank
		}
	}
}

// school-age provision and hours.
var (
	provSchool = []string{"Mainstream school", "Alternative provision", "Pupil referral unit", "Electively home educated", "Special school"}
	provAbove  = []string{"College", "Training provider", "Apprenticeship", "Employment"}
)

// addETE records ETE at the start and end of an intervention: about 70% suitable at the
// end of school age and 50% above it.
func (s *sim) addETE(c *child, code string, start, end calendar.Date) {
	e := eteRow{code: code, start: start, end: end, hoStart: -1, haStart: -1, hoEnd: -1, haEnd: -1}
	schoolStart := schoolAge(c.dob, start)
	pStart := 0.38
	if schoolStart {
		pStart = 0.62
	}
	suitStart := s.chance(pStart)
	e.suitStart = suitability(suitStart)
	if tier(code) == 4 {
		suitStart, e.suitStart = true, "suitable" // education in the secure estate
		e.provStart = "Secure estate education"
		e.hoStart, e.haStart = 25, 25-float64(s.r.IntN(3))*2.5
	} else {
		e.provStart, e.hoStart, e.haStart = s.provision(schoolStart, suitStart)
	}
	if s.chance(0.04) {
		e.suitStart = []string{"unknown", ""}[s.r.IntN(2)]
	}
	if s.chance(0.1) {
		e.hoStart, e.haStart = -1, -1
	}
	if end != 0 {
		schoolEnd := schoolAge(c.dob, end)
		var p float64
		switch {
		case schoolEnd && suitStart:
			p = 0.88
		case schoolEnd:
			p = 0.42
		case suitStart:
			p = 0.8
		default:
			p = 0.36
		}
		suitEnd := s.chance(p)
		e.suitEnd = suitability(suitEnd)
		e.provEnd, e.hoEnd, e.haEnd = s.provision(schoolEnd, suitEnd)
		if s.chance(0.03) {
			e.suitEnd = []string{"unknown", ""}[s.r.IntN(2)]
		}
		if s.chance(0.12) {
			e.hoEnd, e.haEnd = -1, -1
		}
	}
	s.addNeeds(c, &e, schoolStart)
	if end != 0 {
		s.addFeedback(c, end)
	}
	c.ete = append(c.ete, e)
}

func suitability(ok bool) string {
	if ok {
		return "suitable"
	}
	return "unsuitable"
}

// provision draws a provision and the hours offered and attended per week.
func (s *sim) provision(school, suitable bool) (string, float64, float64) {
	var prov string
	var offered float64
	switch {
	case school && suitable:
		prov = provSchool[s.weighted([]float64{0.6, 0.2, 0.1, 0.03, 0.07})]
		offered = []float64{25, 27.5, 30, 32.5}[s.r.IntN(4)]
		if s.chance(0.2) {
			offered = float64(s.between(10, 22))
		}
	case school:
		prov = []string{"Mainstream school", "Alternative provision", "Pupil referral unit", "None"}[s.weighted([]float64{0.3, 0.2, 0.15, 0.35})]
		offered = []float64{0, 0, 5, 6, 10, 12.5, 15}[s.r.IntN(7)]
		if prov == "None" {
			offered = 0
		}
	case suitable:
		i := s.weighted([]float64{0.5, 0.25, 0.1, 0.15})
		prov = provAbove[i]
		switch i {
		case 0:
			offered = []float64{16, 16.5, 18}[s.r.IntN(3)]
		case 1:
			offered = []float64{20, 25, 30}[s.r.IntN(3)]
		default:
			offered = []float64{30, 37.5}[s.r.IntN(2)]
		}
		if s.chance(0.15) {
			offered = float64(s.between(8, 15))
		}
	default:
		prov = []string{"None", "College", "Training provider"}[s.weighted([]float64{0.7, 0.15, 0.15})]
		offered = 0
		if prov != "None" {
			offered = float64(s.between(4, 12))
		}
	}
	attended := math.Round(offered*(0.55+0.45*s.r.Float64())*2) / 2
	return prov, offered, attended
}

var victimTypes = []string{"Individual", "Individual", "Individual", "Business", "School", "Public body"}

var victimNotes = []string{
	"", "", "", "",
	"Letter of apology sent",
	"Declined further contact",
	"Café owner met the child at an RJ conference",
	"Repair costs of £60 agreed as reparation",
	"Moved away – no further contact",
	"Shop manager happy with indirect reparation",
	"Wanted to know the outcome only",
	"Résumé of the intervention shared by letter",
}

// addVictims adds one to three victims closed on the intervention's end date.
func (s *sim) addVictims(c *child, closure calendar.Date) {
	n := 1 + s.weighted([]float64{0.8, 0.15, 0.05})
	for range n {
		s.victimID += s.between(1, 3)
		v := victimRow{id: s.victimID, closure: closure}
		v.vtype = victimTypes[s.r.IntN(len(victimTypes))]
		consent := s.chance(0.45)
		v.consent = ynOf(consent)
		if consent {
			v.views = ynOf(s.chance(0.9))
			offered := s.chance(0.85)
			v.offered = ynOf(offered)
			if offered {
				v.engaged = ynOf(s.chance(0.5))
			} else {
				v.engaged = ynNo
			}
		} else {
			v.views = ynOf(s.chance(0.35))
			v.offered = []yn{ynNo, ynBlank}[s.r.IntN(2)]
			v.engaged = []yn{ynNo, ynBlank}[s.r.IntN(2)]
		}
		v.note = victimNotes[s.r.IntN(len(victimNotes))]
		c.victims = append(c.victims, v)
	}
}

var workers = []string{"Case Manager 01", "Case Manager 02", "Case Manager 03", "Case Manager 04",
	"Case Manager 05", "Case Manager 06", "Case Manager 07", "Case Manager 08", "Senior Practitioner 1",
	"Senior Practitioner 2", "Prevention Worker 1", "Prevention Worker 2"}

var caseNotes = []string{"", "", "", "Attending sessions", "Plan agreed with family", "Missed appointment; letter sent",
	"Reparation project completed", "Transferred in from another area", "Referred to substance misuse worker",
	"Good engagement", "Review due"}

func (s *sim) caseNote(code string) string {
	if tier(code) == 4 {
		return []string{"Custody case", "Resettlement plan in place", ""}[s.r.IntN(3)]
	}
	return caseNotes[s.r.IntN(len(caseNotes))]
}

// addWorkingDays returns the date n working days (Monday to Friday) after d. Bank holidays
// are ignored: the generator only needs timeliness to be roughly three in four.
func addWorkingDays(d calendar.Date, n int) calendar.Date {
	for n > 0 {
		d++
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return d
}

// schoolAge reports whether a child born on dob is of compulsory school age on d (SPEC §4):
// up to the last Friday of June of the school year in which they turn 16.
func schoolAge(dob, d calendar.Date) bool {
	y, _, _ := dob.YMD()
	b := dob.AddMonths(16 * 12)
	_, bm, _ := b.YMD()
	ly := y + 16
	if bm >= 9 {
		ly++
	}
	last := calendar.New(ly, 6, 30)
	for last.Weekday() != time.Friday {
		last--
	}
	return d <= last
}
