package sample

import (
	"testing"
	"time"

	"github.com/yjsreport/yjsreport/calendar"
)

// children draws the default sample's children without writing any file.
func drawChildren(seed uint64, n int, export calendar.Date) ([]*child, world) {
	w := newWorld(export)
	s := newSim(seed, w)
	firsts := s.entryDates(n)
	out := make([]*child, n)
	id := 100000
	for i, f := range firsts {
		id += s.between(1, 4)
		out[i] = s.newChild(i, "YP", f)
	}
	return out, w
}

// shape holds rough rates of the sample, worked out directly from SPEC §4 on the
// generator's own records (no ingest), to check the sample looks like a real service.
type shape struct {
	court, outOfCourt                   rate // binary reoffending by index tier, mature cohorts
	fteByQuarter                        []int
	custodyNoRelease, ltd, breaches     int
	eteSchool, eteAbove                 rate // suitable at end, last 8 quarters
	completion, timeliness, rj, consent rate
	custodyShare                        rate // custody (child, outcome date) pairs of court pairs, last 8 quarters
	gravity5plus                        int
	// SPEC §3.2's KPI columns over interventions ending in the last 8 quarters
	accEnd, send, plan, lac, wider      rate
	mhNeed, mhOffered, mhAttending      rate
	smNeed, smOffered, smAttending      rate
	accStartLAC, accStartOther          rate // unsuitable at the start
	feedbackChildren, parents, positive rate
}

type rate struct{ num, den int }

func (r rate) value() float64 {
	if r.den == 0 {
		return -1
	}
	return float64(r.num) / float64(r.den)
}

func measure(cs []*child, w world) shape {
	var sh shape
	asOf := w.export
	latest := calendar.LatestEndedBy(asOf)
	first8 := latest.Add(-7)
	eligible := func(d disposal) bool { return tier(d.code) > 0 && d.code != cr && d.code != o22 && !d.breach }
	index := func(d disposal) calendar.Date {
		if tier(d.code) == 4 {
			return d.release
		}
		return d.outcome
	}
	// mature cohorts: as-of ≥ last day + 18 months
	for q := (calendar.Quarter{FY: w.startYear, Q: 1}); asOf >= q.End().AddMonths(18); q = q.Next() {
		for _, c := range cs {
			var idx calendar.Date
			t := 0
			for _, d := range c.disposals {
				if !eligible(d) {
					continue
				}
				x := index(d)
				if x == 0 || !q.Contains(x) {
					continue
				}
				if idx == 0 || x < idx {
					idx, t = x, tier(d.code)
				} else if x == idx && tier(d.code) > t {
					t = tier(d.code)
				}
			}
			if idx == 0 {
				continue
			}
			re := false
			for _, d := range c.disposals {
				if eligible(d) && d.offence > idx && d.offence <= idx.AddMonths(12) && d.outcome <= idx.AddMonths(18) {
					re = true
				}
			}
			r := &sh.court
			if t == 1 {
				r = &sh.outOfCourt
			}
			r.den++
			if re {
				r.num++
			}
		}
	}
	fte := make([]int, 8)
	for _, c := range cs {
		var firstFormal calendar.Date
		for _, d := range c.disposals {
			if eligible(d) && (firstFormal == 0 || d.outcome < firstFormal) {
				firstFormal = d.outcome
			}
			if tier(d.code) == 4 && d.release == 0 {
				sh.custodyNoRelease++
			}
			if d.code == ltd {
				sh.ltd++
			}
			if d.breach {
				sh.breaches++
			}
			if d.gravity >= 5 && (d.category == "violence_against_the_person" || d.category == "robbery" || d.category == "drugs") {
				sh.gravity5plus++
			}
		}
		pairs := map[calendar.Date]int{}
		for _, d := range c.disposals {
			if tier(d.code) > 1 && d.outcome >= first8.Start() {
				pairs[d.outcome] = max(pairs[d.outcome], tier(d.code))
			}
		}
		for _, t := range pairs {
			sh.custodyShare.den++
			if t == 4 {
				sh.custodyShare.num++
			}
		}
		for i := range fte {
			if first8.Add(i).Contains(firstFormal) && calendar.AgeOn(c.dob, firstFormal) <= 17 {
				fte[i]++
			}
		}
		ended, answered := false, false
		for _, e := range c.ete {
			if e.end == 0 || e.end < first8.Start() {
				continue
			}
			ended = true
			kpis(&sh, c, e)
			r := &sh.eteAbove
			if schoolAge(c.dob, e.end) {
				r = &sh.eteSchool
			}
			r.den++
			if e.suitEnd == "suitable" {
				r.num++
			}
		}
		for _, f := range c.feedback {
			answered = answered || !f.parent
			if f.parent {
				sh.parents.num++
				continue
			}
			sh.parents.den++
			for i, a := range f.answers {
				switch {
				case a < 0:
				case !childQuestions[i].yesNo && a <= 1, childQuestions[i].yesNo && a == 0:
					sh.positive.num++
					sh.positive.den++
				default:
					sh.positive.den++
				}
			}
		}
		if ended {
			sh.feedbackChildren.den++
			if answered {
				sh.feedbackChildren.num++
			}
		}
		for _, o := range c.oocd {
			switch o.completion {
			case "completed":
				sh.completion.num++
				sh.completion.den++
			case "not_completed":
				sh.completion.den++
			}
			if o.assessment != 0 {
				sh.timeliness.den++
				if o.assessment <= addWorkingDays(o.referral, 10) {
					sh.timeliness.num++
				}
			}
		}
		for _, v := range c.victims {
			sh.consent.den++
			if v.consent == ynYes {
				sh.consent.num++
				sh.rj.den++
				if v.engaged == ynYes {
					sh.rj.num++
				}
			}
		}
	}
	sh.fteByQuarter = fte
	return sh
}

// kpis counts one ended intervention's KPI columns into sh.
func kpis(sh *shape, c *child, e eteRow) {
	count := func(r *rate, den, num bool) {
		if den {
			r.den++
			if num {
				r.num++
			}
		}
	}
	count(&sh.accEnd, true, e.accEnd == "suitable")
	count(&sh.send, true, e.send == ynYes)
	count(&sh.plan, e.send == ynYes, e.plan == ynYes)
	count(&sh.lac, true, e.lac == ynYes)
	count(&sh.wider, true, e.lac == ynYes || e.cp == ynYes || e.cin == ynYes || e.eh == ynYes)
	count(&sh.mhNeed, true, e.mh[0] == ynYes)
	count(&sh.mhOffered, e.mh[0] == ynYes, e.mh[1] == ynYes)
	count(&sh.mhAttending, e.mh[1] == ynYes, e.mh[2] == ynYes)
	count(&sh.smNeed, true, e.sm[0] == ynYes)
	count(&sh.smOffered, e.sm[0] == ynYes, e.sm[1] == ynYes)
	count(&sh.smAttending, e.sm[1] == ynYes, e.sm[2] == ynYes)
	count(&sh.accStartLAC, c.needs.lookedAfter, e.accStart == "unsuitable")
	count(&sh.accStartOther, !c.needs.lookedAfter, e.accStart == "unsuitable")
}

// TestShapeLikeARealService checks the default sample's rough rates against the brief:
// reoffending 35–40% after court and about 20% after out-of-court disposals (SPEC 4.1),
// first-time entrants every quarter (4.2), some custody without release, ETE suitable at
// end about 70% of school age and 50% above (4.3), OOCD completion about 85% and
// timeliness about 75% (4.4), and some victims engaged in RJ (4.5).
func TestShapeLikeARealService(t *testing.T) {
	start := time.Now()
	cs, w := drawChildren(1, DefaultChildren, defaultExportDate)
	sh := measure(cs, w)
	t.Logf("drew %d children in %v", len(cs), time.Since(start))
	t.Logf("reoffending: court %d/%d = %.3f, out of court %d/%d = %.3f", sh.court.num, sh.court.den, sh.court.value(), sh.outOfCourt.num, sh.outOfCourt.den, sh.outOfCourt.value())
	t.Logf("FTE by quarter (last 8): %v", sh.fteByQuarter)
	t.Logf("custody share %d/%d = %.3f", sh.custodyShare.num, sh.custodyShare.den, sh.custodyShare.value())
	t.Logf("custody without release %d, long-term detention %d, breaches %d, serious violence rows %d", sh.custodyNoRelease, sh.ltd, sh.breaches, sh.gravity5plus)
	t.Logf("ETE suitable at end: school age %.3f (%d), above %.3f (%d)", sh.eteSchool.value(), sh.eteSchool.den, sh.eteAbove.value(), sh.eteAbove.den)
	t.Logf("OOCD completion %.3f (%d), timeliness %.3f (%d); victims consent %.3f (%d), RJ %.3f (%d)", sh.completion.value(), sh.completion.den, sh.timeliness.value(), sh.timeliness.den, sh.consent.value(), sh.consent.den, sh.rj.value(), sh.rj.den)

	within := func(name string, r rate, lo, hi float64) {
		t.Helper()
		if v := r.value(); v < lo || v > hi {
			t.Errorf("%s = %d/%d = %.3f, want %.2f–%.2f", name, r.num, r.den, v, lo, hi)
		}
	}
	within("binary reoffending after court disposals", sh.court, 0.32, 0.45)
	within("binary reoffending after out-of-court disposals", sh.outOfCourt, 0.14, 0.27)
	within("ETE suitable at end, school age", sh.eteSchool, 0.62, 0.78)
	within("ETE suitable at end, above school age", sh.eteAbove, 0.40, 0.60)
	within("OOCD completion", sh.completion, 0.78, 0.92)
	within("custody share of court sentences", sh.custodyShare, 0.03, 0.10)
	within("OOCD timeliness", sh.timeliness, 0.65, 0.85)
	within("victims RJ engaged of consented", sh.rj, 0.25, 0.6)
	// SPEC v2, over interventions ending in the last 8 quarters: the brief's rates.
	t.Logf("accommodation suitable at end %.3f; unsuitable at start: looked after %.3f, others %.3f", sh.accEnd.value(), sh.accStartLAC.value(), sh.accStartOther.value())
	t.Logf("SEND %.3f, with a plan %.3f; looked after %.3f; wider services %.3f", sh.send.value(), sh.plan.value(), sh.lac.value(), sh.wider.value())
	t.Logf("mental health need %.3f offered %.3f attending %.3f; substance misuse %.3f %.3f %.3f", sh.mhNeed.value(), sh.mhOffered.value(), sh.mhAttending.value(), sh.smNeed.value(), sh.smOffered.value(), sh.smAttending.value())
	t.Logf("children giving feedback %d/%d = %.3f, parent responses per child response %.3f, positive %.3f", sh.feedbackChildren.num, sh.feedbackChildren.den, sh.feedbackChildren.value(), sh.parents.value(), sh.positive.value())
	within("accommodation suitable at end", sh.accEnd, 0.84, 0.92)
	within("SEND identified", sh.send, 0.24, 0.36)
	within("learning plan of SEND", sh.plan, 0.48, 0.64)
	within("mental health need", sh.mhNeed, 0.34, 0.46)
	within("mental health offered of need", sh.mhOffered, 0.68, 0.84)
	within("mental health attending of offered", sh.mhAttending, 0.56, 0.74)
	within("substance misuse need", sh.smNeed, 0.19, 0.31)
	within("substance misuse offered of need", sh.smOffered, 0.66, 0.86)
	within("substance misuse attending of offered", sh.smAttending, 0.50, 0.72)
	within("open to wider services at end", sh.wider, 0.34, 0.46)
	within("looked after at end", sh.lac, 0.09, 0.16)
	within("children giving feedback, of those ending an intervention", sh.feedbackChildren, 0.33, 0.47)
	within("parent or carer responses per child response", sh.parents, 0.25, 0.45)
	within("children's positive answers", sh.positive, 0.72, 0.86)
	if sh.accStartLAC.value() < 2*sh.accStartOther.value() {
		t.Errorf("looked-after children should start unsuitably housed at least twice as often: %.3f vs %.3f", sh.accStartLAC.value(), sh.accStartOther.value())
	}
	for i, n := range sh.fteByQuarter {
		if n == 0 {
			t.Errorf("no first-time entrants in quarter %s", calendar.LatestEndedBy(w.export).Add(i-7))
		}
	}
	if sh.custodyNoRelease == 0 || sh.ltd == 0 || sh.breaches == 0 || sh.gravity5plus == 0 {
		t.Errorf("want custody without release, long-term detention, breaches and serious violence, got %d, %d, %d, %d",
			sh.custodyNoRelease, sh.ltd, sh.breaches, sh.gravity5plus)
	}
}
