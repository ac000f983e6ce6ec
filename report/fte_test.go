package report

import (
	"testing"

	"github.com/yjsreport/yjsreport/ingest"
)

// FTE and custody cases use quarter 2018/19 Q1 (1 April – 30 June 2018) and children born
// 1 January 2003 (15 in 2018) unless they say otherwise.
const dob03 = "2003-01-01"

func TestFTE(t *testing.T) {
	tests := []struct {
		name string
		rows []ingest.Disposal
		want int
	}{
		{
			name: "first formal outcome in the quarter is an FTE",
			rows: []ingest.Disposal{disp("A", dob03, "2018-04-01", "2018-05-01", ingest.YouthCaution)},
			want: 1,
		},
		{
			name: "a child with an earlier formal row is not an FTE in a later quarter",
			rows: []ingest.Disposal{
				disp("A", dob03, "2017-04-01", "2017-05-01", ingest.YouthCaution),
				disp("A", dob03, "2018-04-01", "2018-05-01", ingest.ReferralOrder),
			},
			want: 0,
		},
		{
			name: "earlier history read later still counts (order of rows does not matter)",
			rows: []ingest.Disposal{
				disp("A", dob03, "2018-04-01", "2018-05-01", ingest.ReferralOrder),
				disp("A", dob03, "2017-04-01", "2017-05-01", ingest.YouthCaution),
			},
			want: 0,
		},
		{
			name: "community resolution before a caution does not stop the caution being first formal",
			rows: []ingest.Disposal{
				disp("A", dob03, "2017-12-01", "2017-12-10", ingest.CommunityResolution),
				disp("A", dob03, "2018-01-01", "2018-02-01", ingest.Outcome22),
				disp("A", dob03, "2018-04-01", "2018-05-10", ingest.YouthCaution),
			},
			want: 1,
		},
		{
			name: "community resolution alone is not an FTE",
			rows: []ingest.Disposal{disp("A", dob03, "2018-04-01", "2018-05-01", ingest.CommunityResolution)},
			want: 0,
		},
		{
			name: "age 18 on the first formal outcome is not an FTE",
			// 18th birthday on the outcome date.
			rows: []ingest.Disposal{disp("A", "2000-05-01", "2018-04-01", "2018-05-01", ingest.YouthCaution)},
			want: 0,
		},
		{
			name: "age 17 the day before the 18th birthday is an FTE",
			rows: []ingest.Disposal{disp("A", "2000-05-02", "2018-04-01", "2018-05-01", ingest.YouthCaution)},
			want: 1,
		},
		{
			name: "breach is not a first formal outcome",
			rows: []ingest.Disposal{disp("A", dob03, "2018-04-01", "2018-05-01", ingest.ReferralOrder, breach)},
			want: 0,
		},
		{
			name: "an earlier breach does not stop a later first formal outcome",
			rows: []ingest.Disposal{
				disp("A", dob03, "2017-04-01", "2017-05-01", ingest.ReferralOrder, breach),
				disp("A", dob03, "2018-04-01", "2018-05-01", ingest.Fine),
			},
			want: 1,
		},
		{
			name: "two formal rows in the quarter are one FTE",
			rows: []ingest.Disposal{
				disp("A", dob03, "2018-04-01", "2018-05-01", ingest.YouthCaution),
				disp("A", dob03, "2018-05-05", "2018-06-01", ingest.ReferralOrder),
			},
			want: 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := FTEIn(tc.rows, quarter("2018/19 Q1"), 50000)
			if f.Quarter.Count != tc.want {
				t.Errorf("FTE count %d, want %d", f.Quarter.Count, tc.want)
			}
		})
	}
}

func TestFTERatesAndTrend(t *testing.T) {
	rows := []ingest.Disposal{
		disp("A", dob03, "2017-04-01", "2017-05-01", ingest.YouthCaution),  // 2017/18 Q1: outside rolling year
		disp("B", dob03, "2017-07-01", "2017-08-01", ingest.YouthCaution),  // 2017/18 Q2
		disp("C", dob03, "2017-10-01", "2017-11-01", ingest.Fine),          // 2017/18 Q3
		disp("D", dob03, "2018-04-01", "2018-05-01", ingest.YouthCaution),  // 2018/19 Q1
		disp("E", dob03, "2018-04-01", "2018-06-30", ingest.ReferralOrder), // 2018/19 Q1, last day
		disp("F", dob03, "2018-06-01", "2018-07-01", ingest.ReferralOrder), // 2018/19 Q2: after
	}
	f := FTEIn(rows, quarter("2018/19 Q1"), 50000)
	if f.Quarter.Count != 2 || f.Rolling12Months.Count != 4 {
		t.Fatalf("quarter %d, rolling %d; want 2 (D, E) and 4 (B, C, D, E)", f.Quarter.Count, f.Rolling12Months.Count)
	}
	checkF(t, "quarter rate", f.Quarter.RatePer100k, ptr(4.0))         // 2 / 50,000 × 100,000
	checkF(t, "rolling rate", f.Rolling12Months.RatePer100k, ptr(8.0)) // 4 / 50,000 × 100,000
	if f.Population1017 == nil || *f.Population1017 != 50000 {
		t.Errorf("population %v, want 50000", f.Population1017)
	}
	wantTrend := []int{0, 0, 0, 1, 1, 1, 0, 2} // 2016/17 Q2 … 2018/19 Q1
	if len(f.Trend) != 8 || f.Trend[0].Quarter != "2016/17 Q2" || f.Trend[7].Quarter != "2018/19 Q1" {
		t.Fatalf("trend quarters %v", f.Trend)
	}
	for i, w := range wantTrend {
		if f.Trend[i].Count != w {
			t.Errorf("trend %s = %d, want %d", f.Trend[i].Quarter, f.Trend[i].Count, w)
		}
	}

	noPop := FTEIn(rows, quarter("2018/19 Q1"), 0)
	if noPop.Population1017 != nil || noPop.Quarter.RatePer100k != nil || noPop.Rolling12Months.RatePer100k != nil {
		t.Errorf("without a population the rates must be null: %+v", noPop)
	}
	if noPop.Quarter.Count != 2 {
		t.Errorf("without a population the count is still %d, want 2", noPop.Quarter.Count)
	}
}

func TestCustody(t *testing.T) {
	rows := []ingest.Disposal{
		// A: DTO and YRO on one date = one court pair, one custody pair; a DTO for breach on
		// another date counts too (SPEC 4.1: breaches still count in custody).
		disp("A", dob03, "2018-04-01", "2018-05-01", ingest.DetentionTraining),
		disp("A", dob03, "2018-04-01", "2018-05-01", ingest.YouthRehabilitation),
		disp("A", dob03, "2018-05-10", "2018-06-01", ingest.DetentionTraining, breach),
		// B: two first-tier sentences on one date = one court pair.
		disp("B", dob03, "2018-04-01", "2018-05-03", ingest.ReferralOrder),
		disp("B", dob03, "2018-04-02", "2018-05-03", ingest.Fine),
		// C: a caution is not a court sentence; D: custody outside the quarter.
		disp("C", dob03, "2018-04-01", "2018-05-03", ingest.YouthCaution),
		disp("D", dob03, "2018-03-01", "2018-03-31", ingest.LongTermDetention),
		// E: the same date as A's custody, another child: a separate pair.
		disp("E", dob03, "2018-04-01", "2018-05-01", ingest.LongTermDetention),
	}
	c := CustodyIn(rows, quarter("2018/19 Q1"), 4000)
	if c.CustodialSentences != 3 || c.CourtSentences != 4 {
		t.Fatalf("custodial %d, court %d; want 3 (A twice, E) and 4 (A twice, B, E)", c.CustodialSentences, c.CourtSentences)
	}
	checkF(t, "share", c.Share, ptr(0.75))
	checkF(t, "rate per 1,000", c.RatePer1000, ptr(0.75)) // 3 / 4,000 × 1,000

	none := CustodyIn(rows[5:6], quarter("2018/19 Q1"), 0)
	if none.Share != nil || none.RatePer1000 != nil {
		t.Errorf("no court sentences and no population: share %v rate %v, want null", showf(none.Share), showf(none.RatePer1000))
	}
}

func TestBreachExcludedFromReoffendingAndFTEButCountedInCustody(t *testing.T) {
	rows := []ingest.Disposal{disp("A", dob03, "2018-04-01", "2018-05-01", ingest.DetentionTraining, breach, released("2018-06-01"))}
	q := quarter("2018/19 Q1")
	if n := ReoffendingCohort(rows, q, d("2020-01-01"), ModeStandard).Children; n != 0 {
		t.Errorf("reoffending cohort %d, want 0", n)
	}
	if n := FTEIn(rows, q, 1000).Quarter.Count; n != 0 {
		t.Errorf("FTE %d, want 0", n)
	}
	if c := CustodyIn(rows, q, 1000); c.CustodialSentences != 1 || c.CourtSentences != 1 {
		t.Errorf("custody %d of %d, want 1 of 1", c.CustodialSentences, c.CourtSentences)
	}
}

func TestSeriousViolence(t *testing.T) {
	rows := []ingest.Disposal{
		// Count: gravity 5+, formal, one of the three categories, outcome in the quarter.
		disp("A", "2003-01-01", "2018-04-01", "2018-05-01", ingest.YouthCaution, offence("robbery", 5)),                      // 15
		disp("A", "2003-01-01", "2018-04-02", "2018-05-01", ingest.Fine, offence("drugs", 8)),                                // 15, second offence of A
		disp("B", "2002-01-01", "2018-04-01", "2018-05-01", ingest.ReferralOrder, offence("violence_against_the_person", 6)), // 16
		disp("C", "2000-06-01", "2018-04-01", "2018-05-01", ingest.ReferralOrder, offence("Violence Against The Person", 5)), // 17
		disp("D", "2000-04-01", "2018-04-01", "2018-05-01", ingest.ReferralOrder, offence("robbery", 7)),                     // 18: total only
		// Not counted: gravity 4, other category, community resolution, breach, outside the quarter.
		disp("E", "2003-01-01", "2018-04-01", "2018-05-01", ingest.Fine, offence("robbery", 4)),
		disp("E", "2003-01-01", "2018-04-01", "2018-05-01", ingest.Fine, offence("theft_and_handling", 8)),
		disp("E", "2003-01-01", "2018-04-01", "2018-05-01", ingest.CommunityResolution, offence("robbery", 6)),
		disp("E", "2003-01-01", "2018-04-01", "2018-05-01", ingest.YouthRehabilitation, offence("robbery", 6), breach),
		disp("E", "2003-01-01", "2018-03-01", "2018-03-31", ingest.Fine, offence("robbery", 6)),
	}
	got := SeriousViolenceIn(rows, quarter("2018/19 Q1"))
	want := SeriousViolence{Offences: 5, Age10to15: 2, Age16to17: 2}
	if got != want {
		t.Errorf("serious violence %+v, want %+v", got, want)
	}
}
