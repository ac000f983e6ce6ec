package report

import (
	"reflect"
	"testing"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/ingest"
)

func referral(ref, assessed string) ingest.OOCD {
	return ingest.OOCD{ChildID: "A", DateOfBirth: d("2004-01-01"), OutcomeType: ingest.YouthCaution,
		ReferralDate: d(ref), AssessmentDate: d(assessed)}
}

func TestOOCDTimeliness(t *testing.T) {
	type status struct{ onTime, late, overdue, pending int }
	tests := []struct {
		name     string
		quarter  string
		asOf     string
		row      ingest.OOCD
		extra    []string // config bank_holidays.extra
		removed  []string // config bank_holidays.removed
		want     status
		workDays float64 // median working days when assessed
	}{
		// Referral Friday 21 December 2018. Working days after it: Mon 24 (1); Tue 25 and
		// Wed 26 are Christmas and Boxing Day; Thu 27 (2), Fri 28 (3), Mon 31 (4); Tue 1 Jan
		// is New Year's Day; Wed 2 (5), Thu 3 (6), Fri 4 (7), Mon 7 (8), Tue 8 (9),
		// Wed 9 (10), Thu 10 (11).
		{name: "across Christmas: 10 working days is on time", quarter: "2018/19 Q3", asOf: "2019-01-31",
			row: referral("2018-12-21", "2019-01-09"), want: status{onTime: 1}, workDays: 10},
		{name: "across Christmas: 11 working days is late", quarter: "2018/19 Q3", asOf: "2019-01-31",
			row: referral("2018-12-21", "2019-01-10"), want: status{late: 1}, workDays: 11},
		{name: "not assessed and 10 working days passed is pending", quarter: "2018/19 Q3", asOf: "2019-01-09",
			row: referral("2018-12-21", ""), want: status{pending: 1}},
		{name: "not assessed and 11 working days passed is overdue", quarter: "2018/19 Q3", asOf: "2019-01-10",
			row: referral("2018-12-21", ""), want: status{overdue: 1}},
		// Referral Thursday 18 April 2019. Good Friday 19 April and Easter Monday 22 April
		// are holidays: Tue 23 (1) … Fri 26 (4), Mon 29 (5), Tue 30 (6), Wed 1 May (7),
		// Thu 2 (8), Fri 3 (9); Mon 6 May is the early May bank holiday; Tue 7 (10), Wed 8 (11).
		{name: "across Easter and early May: 10 working days is on time", quarter: "2019/20 Q1", asOf: "2019-06-30",
			row: referral("2019-04-18", "2019-05-07"), want: status{onTime: 1}, workDays: 10},
		{name: "across Easter and early May: 11 working days is late", quarter: "2019/20 Q1", asOf: "2019-06-30",
			row: referral("2019-04-18", "2019-05-08"), want: status{late: 1}, workDays: 11},
		{name: "an extra bank holiday from the config is not a working day", quarter: "2018/19 Q3", asOf: "2019-01-31",
			row: referral("2018-12-21", "2019-01-10"), extra: []string{"2019-01-07"}, want: status{onTime: 1}, workDays: 10},
		{name: "a removed bank holiday is a working day", quarter: "2018/19 Q3", asOf: "2019-01-31",
			row: referral("2018-12-21", "2019-01-09"), removed: []string{"2018-12-26"}, want: status{late: 1}, workDays: 11},
		{name: "assessed on the referral date is 0 working days", quarter: "2018/19 Q3", asOf: "2019-01-31",
			row: referral("2018-12-21", "2018-12-21"), want: status{onTime: 1}, workDays: 0},
		{name: "weekend after a Friday referral: Monday is 1 working day", quarter: "2018/19 Q3", asOf: "2019-01-31",
			row: referral("2018-12-21", "2018-12-24"), want: status{onTime: 1}, workDays: 1},
	}
	dates := func(ss []string) []calendar.Date {
		var out []calendar.Date
		for _, s := range ss {
			out = append(out, d(s))
		}
		return out
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hol := calendar.NewHolidays(dates(tc.extra), dates(tc.removed))
			o := OOCDFigures([]ingest.OOCD{tc.row}, quarter(tc.quarter), d(tc.asOf), hol, 10).Timeliness
			got := status{o.OnTime, o.Late, o.Overdue, o.Pending}
			if got != tc.want || o.Referrals != 1 {
				t.Fatalf("on time, late, overdue, pending = %v of %d, want %v of 1", got, o.Referrals, tc.want)
			}
			if tc.row.AssessmentDate != 0 {
				checkF(t, "median working days", o.MedianWorkingDays, &tc.workDays)
			} else {
				checkF(t, "median working days", o.MedianWorkingDays, nil)
			}
		})
	}
}

func TestOOCDTimelinessRate(t *testing.T) {
	hol := calendar.NewHolidays(nil, nil)
	rows := []ingest.OOCD{
		referral("2018-12-03", "2018-12-05"), // Mon → Wed: 2 working days, on time
		referral("2018-12-03", "2018-12-17"), // 10 working days, on time
		referral("2018-12-03", "2018-12-18"), // 11, late
		referral("2018-12-03", ""),           // not assessed, 11+ working days by 31 January: overdue
		referral("2018-09-28", "2018-10-01"), // referred in Q2: not counted
	}
	o := OOCDFigures(rows, quarter("2018/19 Q3"), d("2019-01-31"), hol, 10).Timeliness
	if o.Referrals != 4 || o.OnTime != 2 || o.Late != 1 || o.Overdue != 1 || o.Pending != 0 {
		t.Fatalf("timeliness %+v", o)
	}
	checkF(t, "rate", o.Rate, ptr(0.5))                              // 2 / (2 + 1 + 1)
	checkF(t, "median working days", o.MedianWorkingDays, ptr(10.0)) // of 2, 10, 11

	// Only pending referrals: the rate is n/a, not 0%.
	o = OOCDFigures([]ingest.OOCD{referral("2018-12-21", "")}, quarter("2018/19 Q3"), d("2018-12-31"), hol, 10).Timeliness
	if o.Pending != 1 {
		t.Fatalf("timeliness %+v, want 1 pending", o)
	}
	checkF(t, "rate with only pending referrals", o.Rate, nil)
}

func TestOOCDDecidedAndCompletion(t *testing.T) {
	row := func(typ ingest.Outcome, decided, ended string, c ingest.Completion, panel, victim, views ingest.YesNo) ingest.OOCD {
		return ingest.OOCD{ChildID: "A", DateOfBirth: d("2004-01-01"), OutcomeType: typ, ReferralDate: d("2018-06-01"),
			DecisionDate: d(decided), InterventionEnd: d(ended), Completion: c,
			AtPanel: panel, VictimIdentified: victim, VictimViewsSought: views}
	}
	Y, N, B := ingest.Yes, ingest.No, ingest.Blank
	rows := []ingest.OOCD{
		row(ingest.YouthCaution, "2018-10-01", "2018-12-31", ingest.Completed, Y, Y, Y),
		row(ingest.YouthCaution, "2018-11-01", "2018-12-01", ingest.NotCompleted, N, Y, N),
		row(ingest.CommunityResolution, "2018-12-31", "2018-12-10", ingest.Neutral, Y, N, Y),     // views without a victim: not counted
		row(ingest.Outcome22, "2018-09-30", "2018-10-10", ingest.CompletionNotRecorded, B, B, B), // decided in Q2
		row(ingest.YouthConditionalCaution, "2018-10-05", "", ingest.Completed, B, B, B),         // still open
		row(ingest.YouthConditionalCaution, "2018-07-05", "2018-11-05", ingest.Completed, B, B, B),
	}
	o := OOCDFigures(rows, quarter("2018/19 Q3"), d("2019-01-31"), calendar.NewHolidays(nil, nil), 10)
	wantDecided := OOCDDecided{Total: 4, AtPanel: 2, VictimIdentified: 2, VictimViewsSought: 1,
		ByType: map[string]int{"youth_caution": 2, "community_resolution": 1, "youth_conditional_caution": 1}}
	if !reflect.DeepEqual(o.Decided, wantDecided) {
		t.Errorf("decided\n got %+v\nwant %+v", o.Decided, wantDecided)
	}
	c := o.Completion
	if c.Completed != 2 || c.NotCompleted != 1 || c.Neutral != 1 || c.NotRecorded != 1 {
		t.Errorf("completion %+v, want 2 completed, 1 not, 1 neutral, 1 not recorded", c)
	}
	checkF(t, "completion rate", c.Rate, ptr(2.0/3)) // neutral and not recorded left out
	wantBy := map[string]CompletionByType{
		"youth_caution":             {Completed: 1, NotCompleted: 1},
		"community_resolution":      {Neutral: 1},
		"outcome_22":                {NotRecorded: 1},
		"youth_conditional_caution": {Completed: 1},
	}
	if !reflect.DeepEqual(c.ByType, wantBy) {
		t.Errorf("completion by type\n got %+v\nwant %+v", c.ByType, wantBy)
	}

	// Only neutral closures: the completion rate is n/a.
	o = OOCDFigures(rows[2:3], quarter("2018/19 Q3"), d("2019-01-31"), calendar.NewHolidays(nil, nil), 10)
	checkF(t, "completion rate with only neutral closures", o.Completion.Rate, nil)
}

func TestVictimFigures(t *testing.T) {
	v := func(closed string, consent, views, offered, engaged ingest.YesNo) ingest.Victim {
		return ingest.Victim{VictimID: "V", ChildID: "A", ClosureDate: d(closed), ConsentedToContact: consent,
			ViewsSought: views, RJOffered: offered, RJEngaged: engaged}
	}
	Y, N, B := ingest.Yes, ingest.No, ingest.Blank
	rows := []ingest.Victim{
		v("2018-10-01", Y, Y, Y, Y),
		v("2018-11-01", Y, Y, Y, N),
		v("2018-12-31", N, Y, B, Y), // engaged without consent: counted as engaged, not in the rate
		v("2018-12-01", N, B, B, B),
		v("2018-09-30", Y, Y, Y, Y), // closed in Q2
	}
	got := VictimFigures(rows, quarter("2018/19 Q3"))
	want := Victims{Victims: 4, Consented: 2, ViewsSought: 3, RJOffered: 2, RJEngaged: 2, RJEngagedAndConsented: 1, Rate: ptr(0.5)}
	if got.Victims != want.Victims || got.Consented != want.Consented || got.ViewsSought != want.ViewsSought ||
		got.RJOffered != want.RJOffered || got.RJEngaged != want.RJEngaged || got.RJEngagedAndConsented != want.RJEngagedAndConsented {
		t.Errorf("victims %+v, want %+v", got, want)
	}
	checkF(t, "rate", got.Rate, want.Rate)

	none := VictimFigures(rows[3:4], quarter("2018/19 Q3"))
	checkF(t, "rate with no consent", none.Rate, nil)
}
