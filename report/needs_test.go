package report

import (
	"testing"

	"github.com/yjsreport/yjsreport/ingest"
)

// kpi sets the KPI columns of an ete row; fields left zero stay blank.
type kpi struct {
	accStart, accEnd                ingest.Suitability
	accRecorded                     bool
	send, plan                      ingest.YesNo
	mhNeed, mhOffered, mhAttending  ingest.YesNo
	smNeed, smOffered, smAttending  ingest.YesNo
	lookedAfter, cp, cin, earlyHelp ingest.YesNo
}

func withKPI(r ingest.ETE, k kpi) ingest.ETE {
	r.AccommodationStart, r.AccommodationEnd, r.AccommodationRecorded = k.accStart, k.accEnd, k.accRecorded
	r.SENDIdentified, r.LearningPlan = k.send, k.plan
	r.MentalHealthNeed, r.MentalHealthOffered, r.MentalHealthAttending = k.mhNeed, k.mhOffered, k.mhAttending
	r.SubstanceNeed, r.SubstanceOffered, r.SubstanceAttending = k.smNeed, k.smOffered, k.smAttending
	r.LookedAfterEnd, r.ChildProtectionEnd, r.ChildInNeedEnd, r.EarlyHelpEnd = k.lookedAfter, k.cp, k.cin, k.earlyHelp
	return r
}

// needsRows is the worked example of SPEC 4.6 for 2018/19 Q3 (1 October – 31 December 2018).
// The cohort is A (its second row, ending last), B, C and F: 4 children. D ended in Q2 and E
// is still open, so neither counts, whatever they record.
func needsRows() []ingest.ETE {
	S, U, K := ingest.Suitable, ingest.Unsuitable, ingest.SuitUnknown
	Y, N := ingest.Yes, ingest.No
	const dob = "2002-01-01"
	return []ingest.ETE{
		// A's first row ends earlier in the quarter: not A's row.
		withKPI(ete("A", dob, "2018-01-01", "2018-10-10", S, S), kpi{accStart: S, accEnd: S, accRecorded: true,
			send: Y, plan: Y, mhNeed: Y, mhOffered: Y, mhAttending: Y, lookedAfter: Y}),
		withKPI(ete("A", dob, "2018-02-01", "2018-11-20", U, S), kpi{accStart: U, accEnd: U, accRecorded: true,
			send: Y, plan: Y, mhNeed: Y, mhOffered: Y, mhAttending: Y, lookedAfter: Y, cp: Y}),
		// B: attending without offered counts in need only; offered but not attending.
		withKPI(ete("B", dob, "2018-03-01", "2018-12-31", U, S), kpi{accStart: K, accEnd: S, accRecorded: true,
			send: Y, plan: N, mhNeed: Y, mhOffered: N, mhAttending: Y, smNeed: Y, smOffered: Y, smAttending: N, earlyHelp: Y}),
		// C: nothing recorded on accommodation or SEND; offered without a need counts nowhere.
		withKPI(ete("C", dob, "2018-04-01", "2018-10-01", U, U), kpi{mhNeed: N, mhOffered: Y, smNeed: Y, smOffered: N}),
		withKPI(ete("D", dob, "2018-05-01", "2018-09-30", S, S), kpi{accStart: S, accEnd: S, accRecorded: true,
			send: Y, plan: Y, mhNeed: Y, smNeed: Y, lookedAfter: Y}),
		withKPI(ete("E", dob, "2018-06-01", "", S, S), kpi{send: Y, mhNeed: Y, earlyHelp: Y}),
		// F: a learning plan without an identified need is not counted; child in need.
		withKPI(ete("F", dob, "2018-04-01", "2018-12-15", U, U), kpi{send: N, plan: Y, cin: Y}),
	}
}

func TestNeedsWorkedExample(t *testing.T) {
	n := NeedsIn(needsRows(), quarter("2018/19 Q3"))
	if n.Accommodation == nil || n.SEND == nil || n.MentalHealth == nil || n.SubstanceMisuse == nil || n.WiderServices == nil {
		t.Fatalf("a recorded block is null: %+v", n)
	}

	t.Run("accommodation at start and end of each child's chosen row; rate = suitable at end / children", func(t *testing.T) {
		a := *n.Accommodation
		want := Accommodation{Children: 4,
			Start: AccommodationPoint{Suitable: 0, Unsuitable: 1, Unknown: 3},
			End:   AccommodationPoint{Suitable: 1, Unsuitable: 1, Unknown: 2}}
		checkF(t, "rate", a.Rate, ptr(1.0/4))
		a.Rate = nil
		if a != want {
			t.Errorf("accommodation %+v, want %+v", a, want)
		}
	})
	t.Run("SEND: identified yes, blank not recorded; suitable ETE, plan and both among the identified", func(t *testing.T) {
		s := *n.SEND
		want := SEND{Children: 4, Identified: 2, NotRecorded: 1, SuitableETEEnd: 2, LearningPlan: 1, Both: 1}
		checkF(t, "rate = both / identified", s.Rate, ptr(1.0/2))
		s.Rate = nil
		if s != want {
			t.Errorf("send %+v, want %+v", s, want)
		}
	})
	t.Run("mental health cascade: a stage counts only after every earlier stage is yes", func(t *testing.T) {
		c := *n.MentalHealth
		if c.Children != 4 || c.Need != 2 || c.Offered != 1 || c.Attending != 1 {
			t.Errorf("cascade %+v, want 4 children, need 2, offered 1, attending 1", c)
		}
		checkF(t, "need rate = need / children", c.NeedRate, ptr(2.0/4))
		checkF(t, "offered rate = offered / need", c.OfferedRate, ptr(1.0/2))
		checkF(t, "attending rate = attending / offered", c.AttendingRate, ptr(1.0))
		checkF(t, "need met = attending / need", c.NeedMetRate, ptr(1.0/2))
	})
	t.Run("substance misuse cascade: offered but not attending; none attending is 0, not n/a", func(t *testing.T) {
		c := *n.SubstanceMisuse
		if c.Children != 4 || c.Need != 2 || c.Offered != 1 || c.Attending != 0 {
			t.Errorf("cascade %+v, want 4 children, need 2, offered 1, attending 0", c)
		}
		checkF(t, "need rate", c.NeedRate, ptr(2.0/4))
		checkF(t, "offered rate", c.OfferedRate, ptr(1.0/2))
		checkF(t, "attending rate", c.AttendingRate, ptr(0.0))
		checkF(t, "need met", c.NeedMetRate, ptr(0.0))
	})
	t.Run("wider services at the end: each yes, any = at least one; rate = any / children", func(t *testing.T) {
		w := *n.WiderServices
		want := WiderServices{Children: 4, LookedAfter: 1, ChildProtection: 1, ChildInNeed: 1, EarlyHelp: 1, Any: 3}
		checkF(t, "rate", w.Rate, ptr(3.0/4))
		w.Rate = nil
		if w != want {
			t.Errorf("wider services %+v, want %+v", w, want)
		}
	})
}

func TestNeedsBlockPresence(t *testing.T) {
	Y, N, K := ingest.Yes, ingest.No, ingest.SuitUnknown
	const dob = "2002-01-01"
	inQ := ete("A", dob, "2018-06-01", "2018-11-01", K, K) // in the cohort, records nothing
	// out is a row outside the quarter (ended in Q1) that records one column.
	out := func(k kpi) ingest.ETE { return withKPI(ete("Z", dob, "2018-01-01", "2018-05-01", K, K), k) }
	tests := []struct {
		name string
		rows []ingest.ETE
		want Recorded
	}{
		{"no KPI column recorded: every block null", []ingest.ETE{inQ}, Recorded{}},
		{"accommodation written as unknown on a row of another quarter: reported",
			[]ingest.ETE{inQ, out(kpi{accRecorded: true})}, Recorded{Accommodation: true}},
		{"learning plan alone (no) records SEND", []ingest.ETE{inQ, out(kpi{plan: N})}, Recorded{SEND: true}},
		{"mental health attending alone records the mental health block", []ingest.ETE{inQ, out(kpi{mhAttending: N})}, Recorded{MentalHealth: true}},
		{"substance misuse offered alone records its block", []ingest.ETE{inQ, out(kpi{smOffered: Y})}, Recorded{SubstanceMisuse: true}},
		{"early help alone records wider services", []ingest.ETE{inQ, out(kpi{earlyHelp: N})}, Recorded{WiderServices: true}},
		{"an open intervention's value records its block", []ingest.ETE{inQ,
			withKPI(ete("Y", dob, "2018-01-01", "", K, K), kpi{lookedAfter: Y})}, Recorded{WiderServices: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := NeedsIn(tc.rows, quarter("2018/19 Q3"))
			got := Recorded{n.Accommodation != nil, n.SEND != nil, n.MentalHealth != nil, n.SubstanceMisuse != nil, n.WiderServices != nil}
			if got != tc.want {
				t.Fatalf("blocks present %+v, want %+v", got, tc.want)
			}
			// A block recorded elsewhere holds the quarter's cohort, with zeros where the
			// cohort's row is blank.
			if n.SEND != nil && (n.SEND.Children != 1 || n.SEND.Identified != 0 || n.SEND.NotRecorded != 1 || n.SEND.Rate != nil) {
				t.Errorf("SEND %+v, want 1 child not recorded, rate null", *n.SEND)
			}
			if n.Accommodation != nil && (n.Accommodation.End.Unknown != 1 || *n.Accommodation.Rate != 0) {
				t.Errorf("accommodation %+v, want 1 unknown at end, rate 0", *n.Accommodation)
			}
		})
	}
}

func TestNeedsEmptyCohortRatesAreNull(t *testing.T) {
	rows := []ingest.ETE{withKPI(ete("A", "2002-01-01", "2018-01-01", "2018-05-01", ingest.Suitable, ingest.Suitable),
		kpi{accRecorded: true, accEnd: ingest.Suitable, send: ingest.Yes, mhNeed: ingest.Yes, smNeed: ingest.Yes, earlyHelp: ingest.Yes})}
	n := NeedsIn(rows, quarter("2018/19 Q3"))
	for name, v := range map[string]*float64{
		"accommodation": n.Accommodation.Rate, "send": n.SEND.Rate, "mental health need": n.MentalHealth.NeedRate,
		"mental health need met": n.MentalHealth.NeedMetRate, "substance misuse offered": n.SubstanceMisuse.OfferedRate,
		"wider services": n.WiderServices.Rate,
	} {
		if v != nil {
			t.Errorf("%s rate over no children = %v, want null (n/a)", name, *v)
		}
	}
}
