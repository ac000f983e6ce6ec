package report

import (
	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/ingest"
)

// Needs is SPEC 4.6 for one quarter: the YJB key performance indicators recorded per
// intervention, counted on the ETE cohort of the quarter (SPEC 4.3) and each child's chosen
// row. A block is nil when no accepted ete row, of any date, records a value in any of its
// columns ("not recorded in the extract").
type Needs struct {
	Accommodation   *Accommodation
	SEND            *SEND
	MentalHealth    *Cascade
	SubstanceMisuse *Cascade
	WiderServices   *WiderServices
}

// NeedsIn returns SPEC 4.6 for quarter q.
func NeedsIn(rows []ingest.ETE, q calendar.Quarter) Needs {
	span := newSpan(q, 1)
	n := needsFigures(rows, eteCohorts(rows, span)[0])
	return n.recorded(KPIRecorded(rows))
}

// Recorded says which blocks of SPEC 4.6 the ete extract records: true when at least one
// accepted row, of any date, holds a valid value in one of the block's columns.
type Recorded struct {
	Accommodation, SEND, MentalHealth, SubstanceMisuse, WiderServices bool
}

// All reports whether every block is recorded.
func (r Recorded) All() bool {
	return r.Accommodation && r.SEND && r.MentalHealth && r.SubstanceMisuse && r.WiderServices
}

// KPIRecorded returns which SPEC 4.6 blocks rows record. Accommodation is recorded when a row
// says so (ingest.ETE.AccommodationRecorded: a written "unknown" counts, a blank does not);
// the yes/no blocks when a column of theirs is not blank.
func KPIRecorded(rows []ingest.ETE) Recorded {
	var r Recorded
	for i := range rows {
		e := &rows[i]
		r.Accommodation = r.Accommodation || e.AccommodationRecorded
		r.SEND = r.SEND || e.SENDIdentified != ingest.Blank || e.LearningPlan != ingest.Blank
		r.MentalHealth = r.MentalHealth || e.MentalHealthNeed != ingest.Blank ||
			e.MentalHealthOffered != ingest.Blank || e.MentalHealthAttending != ingest.Blank
		r.SubstanceMisuse = r.SubstanceMisuse || e.SubstanceNeed != ingest.Blank ||
			e.SubstanceOffered != ingest.Blank || e.SubstanceAttending != ingest.Blank
		r.WiderServices = r.WiderServices || e.LookedAfterEnd != ingest.Blank || e.ChildProtectionEnd != ingest.Blank ||
			e.ChildInNeedEnd != ingest.Blank || e.EarlyHelpEnd != ingest.Blank
		if r.All() {
			break
		}
	}
	return r
}

// needsCounts holds every block of SPEC 4.6 for one quarter, whether recorded or not.
type needsCounts struct {
	accommodation   Accommodation
	send            SEND
	mentalHealth    Cascade
	substanceMisuse Cascade
	widerServices   WiderServices
}

// recorded returns the blocks that rec says are recorded; the others are nil.
func (n needsCounts) recorded(rec Recorded) Needs {
	var out Needs
	if rec.Accommodation {
		out.Accommodation = &n.accommodation
	}
	if rec.SEND {
		out.SEND = &n.send
	}
	if rec.MentalHealth {
		out.MentalHealth = &n.mentalHealth
	}
	if rec.SubstanceMisuse {
		out.SubstanceMisuse = &n.substanceMisuse
	}
	if rec.WiderServices {
		out.WiderServices = &n.widerServices
	}
	return out
}

// needsFigures counts SPEC 4.6 over one quarter's ETE cohort (positions in rows).
func needsFigures(rows []ingest.ETE, cohort []int32) needsCounts {
	var n needsCounts
	for _, i := range cohort {
		r := &rows[i]
		addAccommodation(&n.accommodation.Start, r.AccommodationStart)
		addAccommodation(&n.accommodation.End, r.AccommodationEnd)
		s := &n.send
		switch r.SENDIdentified {
		case ingest.Yes:
			s.Identified++
			suitable, plan := r.SuitableEnd == ingest.Suitable, r.LearningPlan == ingest.Yes
			if suitable {
				s.SuitableETEEnd++
			}
			if plan {
				s.LearningPlan++
			}
			if suitable && plan {
				s.Both++
			}
		case ingest.Blank:
			s.NotRecorded++
		}
		addCascade(&n.mentalHealth, r.MentalHealthNeed, r.MentalHealthOffered, r.MentalHealthAttending)
		addCascade(&n.substanceMisuse, r.SubstanceNeed, r.SubstanceOffered, r.SubstanceAttending)
		w := &n.widerServices
		anyOpen := false
		for _, c := range [...]struct {
			v ingest.YesNo
			n *int
		}{{r.LookedAfterEnd, &w.LookedAfter}, {r.ChildProtectionEnd, &w.ChildProtection},
			{r.ChildInNeedEnd, &w.ChildInNeed}, {r.EarlyHelpEnd, &w.EarlyHelp}} {
			if c.v == ingest.Yes {
				*c.n++
				anyOpen = true
			}
		}
		if anyOpen {
			w.Any++
		}
	}
	children := len(cohort)
	a := &n.accommodation
	a.Children = children
	a.Rate = ratio(a.End.Suitable, children)
	s := &n.send
	s.Children = children
	s.Rate = ratio(s.Both, s.Identified)
	for _, c := range []*Cascade{&n.mentalHealth, &n.substanceMisuse} {
		c.Children = children
		c.NeedRate = ratio(c.Need, children)
		c.OfferedRate = ratio(c.Offered, c.Need)
		c.AttendingRate = ratio(c.Attending, c.Offered)
		c.NeedMetRate = ratio(c.Attending, c.Need)
	}
	w := &n.widerServices
	w.Children = children
	w.Rate = ratio(w.Any, children)
	return n
}

func addAccommodation(p *AccommodationPoint, s ingest.Suitability) {
	switch s {
	case ingest.Suitable:
		p.Suitable++
	case ingest.Unsuitable:
		p.Unsuitable++
	default:
		p.Unknown++
	}
}

// addCascade adds one child to a need → offered → attending cascade. A stage counts only when
// every stage before it is yes, so a row saying attending without offered counts in need
// alone (SPEC 4.6; ingest lists it as a warning).
func addCascade(c *Cascade, need, offered, attending ingest.YesNo) {
	if need != ingest.Yes {
		return
	}
	c.Need++
	if offered != ingest.Yes {
		return
	}
	c.Offered++
	if attending == ingest.Yes {
		c.Attending++
	}
}
