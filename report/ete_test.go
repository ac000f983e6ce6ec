package report

import (
	"testing"

	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/ingest"
)

func ete(child, dob, start, end string, s0, s1 ingest.Suitability) ingest.ETE {
	return ingest.ETE{
		ChildID: child, DateOfBirth: d(dob), InterventionType: ingest.ReferralOrder,
		InterventionStart: d(start), InterventionEnd: d(end), SuitableStart: s0, SuitableEnd: s1,
	}
}

func hours(v float64) ingest.Hours { return ingest.Hours{Value: v, Valid: true} }

var blankHours = ingest.Hours{}

func withHours(r ingest.ETE, offStart, attStart, offEnd, attEnd ingest.Hours) ingest.ETE {
	r.HoursOfferedStart, r.HoursAttendedStart, r.HoursOfferedEnd, r.HoursAttendedEnd = offStart, attStart, offEnd, attEnd
	return r
}

// ETE cases use quarter 2018/19 Q1 (1 April – 30 June 2018). A child born 1 January 2004 is
// of school age throughout (leaves on the last Friday of June 2020).
const schoolDOB = "2004-01-01"

func TestETECohortChoice(t *testing.T) {
	S, U, K := ingest.Suitable, ingest.Unsuitable, ingest.SuitUnknown
	tests := []struct {
		name                  string
		rows                  []ingest.ETE
		children, suitableEnd int
	}{
		{
			name: "the child's row is the one ending last",
			rows: []ingest.ETE{
				ete("A", schoolDOB, "2018-01-01", "2018-06-20", U, U),
				ete("A", schoolDOB, "2018-01-01", "2018-05-01", U, S),
			},
			children: 1, suitableEnd: 0,
		},
		{
			name: "ties on the end date: the earlier start",
			rows: []ingest.ETE{
				ete("A", schoolDOB, "2018-02-01", "2018-06-15", U, U),
				ete("A", schoolDOB, "2018-01-10", "2018-06-15", U, S),
			},
			children: 1, suitableEnd: 1,
		},
		{
			name: "ties on end and start: the first read",
			rows: []ingest.ETE{
				ete("A", schoolDOB, "2018-01-10", "2018-06-15", U, S),
				ete("A", schoolDOB, "2018-01-10", "2018-06-15", U, U),
			},
			children: 1, suitableEnd: 1,
		},
		{
			name: "an intervention ending after the quarter is not in its cohort",
			rows: []ingest.ETE{
				ete("A", schoolDOB, "2018-01-10", "2018-06-15", U, S),
				ete("A", schoolDOB, "2018-01-10", "2018-07-01", U, U),
			},
			children: 1, suitableEnd: 1,
		},
		{
			name: "an open intervention is in no cohort",
			rows: []ingest.ETE{
				ete("A", schoolDOB, "2018-01-10", "", K, K),
				ete("B", schoolDOB, "2018-01-10", "2018-04-01", K, S),
			},
			children: 1, suitableEnd: 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := ETECohort(tc.rows, quarter("2018/19 Q1"), config.Default())
			if e.Children != tc.children || e.End.SchoolAge.Suitable != tc.suitableEnd {
				t.Errorf("children %d, suitable at end %d; want %d, %d", e.Children, e.End.SchoolAge.Suitable, tc.children, tc.suitableEnd)
			}
		})
	}
}

func TestETEGroupsAndMovement(t *testing.T) {
	S, U, K := ingest.Suitable, ingest.Unsuitable, ingest.SuitUnknown
	// Above school age throughout: born 1 January 2001 (16th birthday 1 January 2017, left
	// school on 30 June 2017).
	const post16 = "2001-01-01"
	rows := []ingest.ETE{
		// School age: 25 h offered = full time; 24.5 = part time; 0 = none; blank = not recorded.
		withHours(ete("A", schoolDOB, "2018-01-01", "2018-04-10", U, S), hours(25), hours(20), hours(25), hours(25)),
		withHours(ete("B", schoolDOB, "2018-01-01", "2018-04-11", K, K), hours(24.5), hours(10), hours(0), hours(0)),
		withHours(ete("C", schoolDOB, "2018-01-01", "2018-04-12", S, U), hours(0), blankHours, blankHours, blankHours),
		// Above school age: 16 h = full time; 15 = part time; offered without attended is
		// banded but left out of the sums.
		withHours(ete("D", post16, "2018-01-01", "2018-04-13", S, S), hours(16), hours(16), hours(15), hours(12)),
		withHours(ete("E", post16, "2018-01-01", "2018-04-14", K, S), blankHours, hours(3), hours(30), blankHours),
	}
	e := ETECohort(rows, quarter("2018/19 Q1"), config.Default())
	want := ETE{
		Children: 5,
		Start: ETEPoint{
			SchoolAge: ETEGroup{Children: 3, Suitable: 1, Unsuitable: 1, Unknown: 1,
				FullTime: 1, PartTime: 1, None: 1, NotRecorded: 0,
				HoursOffered: 49.5, HoursAttended: 30}, // A 25+20, B 24.5+10; C has no attended
			AboveSchoolAge: ETEGroup{Children: 2, Suitable: 1, Unknown: 1,
				FullTime: 1, NotRecorded: 1, HoursOffered: 16, HoursAttended: 16},
		},
		End: ETEPoint{
			SchoolAge: ETEGroup{Children: 3, Suitable: 1, Unsuitable: 1, Unknown: 1,
				FullTime: 1, None: 1, NotRecorded: 1, HoursOffered: 25, HoursAttended: 25},
			AboveSchoolAge: ETEGroup{Children: 2, Suitable: 2,
				FullTime: 1, PartTime: 1, HoursOffered: 15, HoursAttended: 12},
		},
		// A unsuitable→suitable and E unknown→suitable improved; C suitable→unsuitable
		// declined; D stayed suitable; B unknown→unknown stayed not suitable.
		Movement: Movement{Improved: 2, Declined: 1, StayedSuitable: 1, StayedNotSuitable: 1},
	}
	if e.Children != want.Children || e.Start != want.Start || e.End != want.End || e.Movement != want.Movement {
		t.Errorf("ETE\n got %+v\nwant %+v", e, want)
	}
}

func TestETESchoolAgeBoundaries(t *testing.T) {
	S := ingest.Suitable
	tests := []struct {
		name        string
		row         ingest.ETE
		quarter     string
		startSchool bool
		endSchool   bool
	}{
		{
			// 16th birthday 31 August 2018 (January–August): leaves on the last Friday of
			// June 2018, 29 June.
			name:    "16th birthday on 31 August: the last Friday of June itself is school age",
			row:     ete("A", "2002-08-31", "2018-01-10", "2018-06-29", S, S),
			quarter: "2018/19 Q1", startSchool: true, endSchool: true,
		},
		{
			name:    "16th birthday on 31 August: the day after the last Friday of June is above school age",
			row:     ete("A", "2002-08-31", "2018-01-10", "2018-06-30", S, S),
			quarter: "2018/19 Q1", startSchool: true, endSchool: false,
		},
		{
			// 16th birthday 1 September 2018: leaves on the last Friday of June 2019.
			name:    "16th birthday on 1 September: still school age at the end of June",
			row:     ete("A", "2002-09-01", "2018-01-10", "2018-06-30", S, S),
			quarter: "2018/19 Q1", startSchool: true, endSchool: true,
		},
		{
			name:    "school age at start is judged on the start date, at end on the end date",
			row:     ete("A", "2002-08-31", "2018-06-29", "2018-09-10", S, S),
			quarter: "2018/19 Q2", startSchool: true, endSchool: false,
		},
		{
			name:    "16th birthday on 1 September: above school age after the last Friday of June 2019",
			row:     ete("A", "2002-09-01", "2018-06-30", "2019-07-01", S, S),
			quarter: "2019/20 Q2", startSchool: true, endSchool: false,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := ETECohort([]ingest.ETE{tc.row}, quarter(tc.quarter), config.Default())
			if got := e.Start.SchoolAge.Children == 1; got != tc.startSchool || e.Start.AboveSchoolAge.Children+e.Start.SchoolAge.Children != 1 {
				t.Errorf("start school age %v (%+v), want %v", got, e.Start, tc.startSchool)
			}
			if got := e.End.SchoolAge.Children == 1; got != tc.endSchool || e.End.AboveSchoolAge.Children+e.End.SchoolAge.Children != 1 {
				t.Errorf("end school age %v (%+v), want %v", got, e.End, tc.endSchool)
			}
		})
	}
}

func TestETEThresholdsFromConfig(t *testing.T) {
	cfg := config.Default()
	cfg.FullTimeHoursSchoolAge, cfg.FullTimeHoursAboveSchoolAge = 20, 12
	rows := []ingest.ETE{
		withHours(ete("A", schoolDOB, "2018-01-01", "2018-04-10", ingest.Suitable, ingest.Suitable), hours(20), blankHours, hours(19.5), blankHours),
		withHours(ete("B", "2001-01-01", "2018-01-01", "2018-04-10", ingest.Suitable, ingest.Suitable), hours(12), blankHours, hours(11), blankHours),
	}
	e := ETECohort(rows, quarter("2018/19 Q1"), cfg)
	if e.Start.SchoolAge.FullTime != 1 || e.End.SchoolAge.PartTime != 1 ||
		e.Start.AboveSchoolAge.FullTime != 1 || e.End.AboveSchoolAge.PartTime != 1 {
		t.Errorf("configured thresholds 20/12 not applied: %+v", e)
	}
}

func TestETETrend(t *testing.T) {
	S, U := ingest.Suitable, ingest.Unsuitable
	rows := []ingest.ETE{
		ete("A", schoolDOB, "2017-01-01", "2017-05-01", U, S),    // 2017/18 Q1
		ete("A", schoolDOB, "2017-01-01", "2018-05-01", U, U),    // 2018/19 Q1: same child, another quarter
		ete("B", "2001-01-01", "2017-01-01", "2018-06-01", U, S), // 2018/19 Q1, above school age
		ete("C", schoolDOB, "2016-01-01", "2016-06-30", U, S),    // 2016/17 Q1: before the 8 quarters
	}
	e := ETECohort(rows, quarter("2018/19 Q1"), config.Default())
	if len(e.Trend) != 8 || e.Trend[0].Quarter != "2016/17 Q2" {
		t.Fatalf("trend %+v, want 8 quarters from 2016/17 Q2", e.Trend)
	}
	if got, want := e.Trend[3], (ETETrend{Quarter: "2017/18 Q1", Children: 1, SuitableEnd: 1, SchoolAgeChildren: 1, SchoolAgeSuitableEnd: 1}); got != want {
		t.Errorf("2017/18 Q1 %+v, want %+v", got, want)
	}
	if got, want := e.Trend[7], (ETETrend{Quarter: "2018/19 Q1", Children: 2, SuitableEnd: 1, SchoolAgeChildren: 1,
		AboveSchoolAgeChildren: 1, AboveSchoolAgeSuitableEnd: 1}); got != want {
		t.Errorf("2018/19 Q1 %+v, want %+v", got, want)
	}
	total := 0
	for _, tr := range e.Trend {
		total += tr.Children
	}
	if total != 3 {
		t.Errorf("trend children %d in all, want 3", total)
	}
}
