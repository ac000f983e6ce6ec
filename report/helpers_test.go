package report

import (
	"testing"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/ingest"
)

// d parses an ISO date for tests; "" is the zero Date (blank).
func d(s string) calendar.Date {
	if s == "" {
		return 0
	}
	v, err := calendar.ParseISO(s)
	if err != nil {
		panic(err)
	}
	return v
}

// quarter parses a quarter label for tests.
func quarter(s string) calendar.Quarter {
	q, err := calendar.ParseQuarter(s)
	if err != nil {
		panic(err)
	}
	return q
}

// disp builds a disposals row; opts adjust optional fields.
func disp(child, dob, offence, outcome string, typ ingest.Outcome, opts ...func(*ingest.Disposal)) ingest.Disposal {
	r := ingest.Disposal{
		ChildID: child, DateOfBirth: d(dob), OffenceDate: d(offence), OutcomeDate: d(outcome),
		OutcomeType: typ, Gender: "unknown", Ethnicity: "unknown", Locality: "unknown",
	}
	for _, o := range opts {
		o(&r)
	}
	return r
}

func breach(r *ingest.Disposal) { r.Breach = ingest.Yes }

func released(s string) func(*ingest.Disposal) {
	return func(r *ingest.Disposal) { r.ReleaseDate = d(s) }
}

func attrs(gender, ethnicity, locality string) func(*ingest.Disposal) {
	return func(r *ingest.Disposal) { r.Gender, r.Ethnicity, r.Locality = gender, ethnicity, locality }
}

func offence(category string, gravity int) func(*ingest.Disposal) {
	return func(r *ingest.Disposal) { r.OffenceCategory, r.GravityScore = category, gravity }
}

// ptr returns a pointer to v, for expected optional values.
func ptr[T any](v T) *T { return &v }

// eqf reports whether two optional floats are both nil or equal within 1e-12.
func eqf(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	diff := *a - *b
	return diff < 1e-12 && diff > -1e-12
}

// showf formats an optional float for failure messages.
func showf(p *float64) any {
	if p == nil {
		return "null"
	}
	return *p
}

func checkF(t *testing.T, what string, got, want *float64) {
	t.Helper()
	if !eqf(got, want) {
		t.Errorf("%s = %v, want %v", what, showf(got), showf(want))
	}
}

// coreInputs lists one sheet of each core extract, so that a hand-built Dataset has none
// missing (SPEC 3.6).
func coreInputs() []ingest.Input {
	return []ingest.Input{
		{File: "disposals.csv", Kind: ingest.KindDisposals},
		{File: "ete.csv", Kind: ingest.KindETE},
		{File: "oocd.csv", Kind: ingest.KindOOCD},
	}
}
