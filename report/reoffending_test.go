package report

import (
	"reflect"
	"testing"

	"github.com/yjsreport/yjsreport/ingest"
)

// Unless a case says otherwise: cohort 2017/18 Q1 (1 April – 30 June 2017), as of 30 June
// 2019, standard mode, children born 1 January 2002 (15 at their index dates).
const dob = "2002-01-01"

func TestReoffendingCohort(t *testing.T) {
	type counts struct{ children, reoffenders, reoffences int }
	tests := []struct {
		name    string
		quarter string
		mode    string
		rows    []ingest.Disposal
		want    counts
		tier    string // when set, the one child's index tier
	}{
		{
			name: "offence exactly 12 months after index counts",
			rows: []ingest.Disposal{
				disp("A", dob, "2017-05-01", "2017-05-10", ingest.YouthCaution),
				disp("A", dob, "2018-05-10", "2018-06-01", ingest.Fine), // 10 May 2017 + 12 months
			},
			want: counts{1, 1, 1},
		},
		{
			name: "offence one day after 12 months does not count",
			rows: []ingest.Disposal{
				disp("A", dob, "2017-05-01", "2017-05-10", ingest.YouthCaution),
				disp("A", dob, "2018-05-11", "2018-06-01", ingest.Fine),
			},
			want: counts{1, 0, 0},
		},
		{
			name: "outcome exactly 18 months after index proves the reoffence",
			rows: []ingest.Disposal{
				disp("A", dob, "2017-05-01", "2017-05-10", ingest.YouthCaution),
				disp("A", dob, "2017-06-01", "2018-11-10", ingest.Fine), // 10 May 2017 + 18 months
			},
			want: counts{1, 1, 1},
		},
		{
			name: "outcome one day after the 18-month proof limit does not count",
			rows: []ingest.Disposal{
				disp("A", dob, "2017-05-01", "2017-05-10", ingest.YouthCaution),
				disp("A", dob, "2017-06-01", "2018-11-11", ingest.Fine),
			},
			want: counts{1, 0, 0},
		},
		{
			name: "offence on the index date is not a reoffence",
			rows: []ingest.Disposal{
				disp("A", dob, "2017-05-01", "2017-05-10", ingest.YouthCaution),
				disp("A", dob, "2017-05-10", "2017-06-01", ingest.Fine), // offence = index, not after
			},
			want: counts{1, 0, 0},
		},
		{
			name:    "29 February index: offence on 28 February next year counts",
			quarter: "2015/16 Q4",
			rows: []ingest.Disposal{
				disp("A", dob, "2016-02-20", "2016-02-29", ingest.YouthCaution),
				disp("A", dob, "2017-02-28", "2017-03-10", ingest.Fine), // 29 Feb 2016 + 12 months = 28 Feb 2017
			},
			want: counts{1, 1, 1},
		},
		{
			name:    "29 February index: offence on 1 March next year does not count",
			quarter: "2015/16 Q4",
			rows: []ingest.Disposal{
				disp("A", dob, "2016-02-20", "2016-02-29", ingest.YouthCaution),
				disp("A", dob, "2017-03-01", "2017-03-10", ingest.Fine),
			},
			want: counts{1, 0, 0},
		},
		{
			name: "custody without release date is not an index event",
			rows: []ingest.Disposal{
				disp("A", dob, "2017-03-01", "2017-05-01", ingest.DetentionTraining),
			},
			want: counts{0, 0, 0},
		},
		{
			name: "custody without release date is still a reoffence",
			rows: []ingest.Disposal{
				disp("A", dob, "2017-04-01", "2017-04-10", ingest.YouthCaution),
				disp("A", dob, "2017-06-01", "2017-07-01", ingest.DetentionTraining),
			},
			want: counts{1, 1, 1},
		},
		{
			name: "custody index date is the release date",
			rows: []ingest.Disposal{
				disp("A", dob, "2016-12-01", "2017-01-15", ingest.DetentionTraining, released("2017-05-15")),
			},
			want: counts{1, 0, 0},
			tier: "custody",
		},
		{
			name:    "custody is not in the cohort of its sentence date",
			quarter: "2016/17 Q4",
			rows: []ingest.Disposal{
				disp("A", dob, "2016-12-01", "2017-01-15", ingest.DetentionTraining, released("2017-05-15")),
			},
			want: counts{0, 0, 0},
		},
		{
			name: "offence before release is not a reoffence of the custody index",
			rows: []ingest.Disposal{
				disp("A", dob, "2016-12-01", "2017-01-15", ingest.DetentionTraining, released("2017-05-15")),
				disp("A", dob, "2017-03-01", "2017-06-01", ingest.Fine), // committed in custody, before the index
			},
			want: counts{1, 0, 0}, // the fine (1 June) is later than the release, so the index stays 15 May
			tier: "custody",
		},
		{
			name: "breach is not an index event",
			rows: []ingest.Disposal{
				disp("A", dob, "2017-05-01", "2017-05-10", ingest.ReferralOrder, breach),
			},
			want: counts{0, 0, 0},
		},
		{
			name: "breach is not a reoffence",
			rows: []ingest.Disposal{
				disp("A", dob, "2017-04-01", "2017-04-10", ingest.YouthCaution),
				disp("A", dob, "2017-06-01", "2017-06-20", ingest.YouthRehabilitation, breach),
			},
			want: counts{1, 0, 0},
		},
		{
			name: "community resolution is not eligible in standard mode",
			rows: []ingest.Disposal{
				disp("A", dob, "2017-04-01", "2017-05-01", ingest.CommunityResolution),
				disp("B", dob, "2017-04-01", "2017-04-10", ingest.YouthCaution),
				disp("B", dob, "2017-05-01", "2017-05-02", ingest.Outcome22),
			},
			want: counts{1, 0, 0},
		},
		{
			name: "community resolution and outcome 22 are eligible in live mode",
			mode: ModeLive,
			rows: []ingest.Disposal{
				disp("A", dob, "2017-04-01", "2017-05-01", ingest.CommunityResolution),
				disp("B", dob, "2017-04-01", "2017-04-10", ingest.YouthCaution),
				disp("B", dob, "2017-05-01", "2017-05-02", ingest.Outcome22),
			},
			want: counts{2, 1, 1},
		},
		{
			name: "index is the earliest index date in the quarter",
			rows: []ingest.Disposal{
				disp("A", dob, "2017-06-01", "2017-06-10", ingest.ReferralOrder),
				disp("A", dob, "2017-04-01", "2017-04-10", ingest.YouthCaution),
			},
			// Index 10 April (caution); the referral order's offence (1 June) follows it.
			want: counts{1, 1, 1},
			tier: "pre_court",
		},
		{
			name: "index row is the most serious tier on the index date",
			rows: []ingest.Disposal{
				disp("A", dob, "2017-05-01", "2017-05-10", ingest.YouthCaution),
				disp("A", dob, "2017-05-02", "2017-05-10", ingest.YouthRehabilitation),
				disp("A", dob, "2017-05-03", "2017-05-10", ingest.Fine),
			},
			want: counts{1, 0, 0},
			tier: "community",
		},
		{
			name: "each reoffence row counts once, two rows with one offence date count twice",
			rows: []ingest.Disposal{
				disp("A", dob, "2017-04-01", "2017-04-10", ingest.YouthCaution),
				disp("A", dob, "2017-07-01", "2017-08-01", ingest.Fine),
				disp("A", dob, "2017-07-01", "2017-08-01", ingest.ReferralOrder),
			},
			want: counts{1, 1, 2},
		},
		{
			name: "another child's offence is not a reoffence",
			rows: []ingest.Disposal{
				disp("A", dob, "2017-04-01", "2017-04-10", ingest.YouthCaution),
				disp("B", dob, "2017-07-01", "2017-08-01", ingest.Fine),
			},
			want: counts{1, 0, 0},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := "2017/18 Q1"
			if tc.quarter != "" {
				q = tc.quarter
			}
			mode := ModeStandard
			if tc.mode != "" {
				mode = tc.mode
			}
			c := ReoffendingCohort(tc.rows, quarter(q), d("2019-06-30"), mode)
			got := counts{c.Children, c.Reoffenders, c.Reoffences}
			if got != tc.want {
				t.Fatalf("children, reoffenders, reoffences = %v, want %v", got, tc.want)
			}
			if tc.tier != "" {
				if c.By.Tier[tc.tier].Children != 1 {
					t.Errorf("tier breakdown %v, want the child under %s", c.By.Tier, tc.tier)
				}
			}
		})
	}
}

func TestReoffendingChildInTwoCohorts(t *testing.T) {
	// A caution in 2017/18 Q1 and a referral order in Q2: the child is in both cohorts. From
	// the Q1 index (1 May) the order's offence (15 July) is a reoffence; from the Q2 index
	// (1 August) nothing follows.
	rows := []ingest.Disposal{
		disp("A", dob, "2017-04-20", "2017-05-01", ingest.YouthCaution),
		disp("A", dob, "2017-07-15", "2017-08-01", ingest.ReferralOrder),
	}
	r := ReoffendingFigures(rows, quarter("2017/18 Q2"), d("2019-06-30"), ModeStandard)
	if len(r.Cohorts) != 8 || r.Cohorts[0].Quarter != "2015/16 Q3" || r.Cohorts[7].Quarter != "2017/18 Q2" {
		t.Fatalf("cohorts %v … want the 8 quarters 2015/16 Q3 – 2017/18 Q2", r.Cohorts[0].Quarter)
	}
	q1, q2 := r.Cohorts[6], r.Cohorts[7]
	if q1.Children != 1 || q1.Reoffences != 1 {
		t.Errorf("2017/18 Q1: %d children, %d reoffences; want 1, 1", q1.Children, q1.Reoffences)
	}
	if q2.Children != 1 || q2.Reoffences != 0 {
		t.Errorf("2017/18 Q2: %d children, %d reoffences; want 1, 0", q2.Children, q2.Reoffences)
	}
	if q1.By.Tier["pre_court"].Children != 1 || q2.By.Tier["first_tier"].Children != 1 {
		t.Errorf("tiers Q1 %v, Q2 %v; want pre_court then first_tier", q1.By.Tier, q2.By.Tier)
	}
}

func TestReoffendingRatesAndBreakdowns(t *testing.T) {
	rows := []ingest.Disposal{
		// A: 14 at index 1 May 2017 (born 2 May 2002); reoffences 21 May (20 days) and 1 Sept.
		disp("A", "2002-05-02", "2017-04-20", "2017-05-01", ingest.YouthCaution, attrs("Male", "White", "North")),
		disp("A", "2002-05-02", "2017-05-21", "2017-06-15", ingest.Fine, attrs("Male", "White", "North")),
		disp("A", "2002-05-02", "2017-09-01", "2017-10-01", ingest.ReferralOrder, attrs("Male", "White", "North")),
		// B: 15 at index 10 June 2017; one reoffence 18 September (100 days: 20 + 31 + 31 + 18).
		disp("B", "2002-01-01", "2017-06-01", "2017-06-10", ingest.ReferralOrder, attrs("Female", "", "North")),
		disp("B", "2002-01-01", "2017-09-18", "2017-10-20", ingest.Fine, attrs("Female", "", "North")),
		// C: 18 at index 1 May 2017 (born 1 May 1999); no reoffence.
		disp("C", "1999-05-01", "2017-04-01", "2017-05-01", ingest.YouthRehabilitation, attrs("", "Black", "")),
	}
	c := ReoffendingCohort(rows, quarter("2017/18 Q1"), d("2018-12-29"), ModeStandard)
	if c.Children != 3 || c.Reoffenders != 2 || c.Reoffences != 3 {
		t.Fatalf("counts %d/%d/%d, want 3 children, 2 reoffenders, 3 reoffences", c.Children, c.Reoffenders, c.Reoffences)
	}
	checkF(t, "binary rate", c.BinaryRate, ptr(2.0/3))
	checkF(t, "frequency rate", c.FrequencyRate, ptr(1.0))
	checkF(t, "reoffences per reoffender", c.ReoffencesPerReoffender, ptr(1.5))
	checkF(t, "median days to first reoffence", c.MedianDaysToFirstReoffence, ptr(60.0)) // (20 + 100) / 2
	if c.BinaryCI == nil || c.BinaryCI[0] >= 2.0/3 || c.BinaryCI[1] <= 2.0/3 {
		t.Errorf("Wilson interval %v does not surround 2/3", c.BinaryCI)
	}
	if c.Status != StatusProvisional { // 30 June 2017 + 18 months = 30 December 2018
		t.Errorf("status %q as of 29 December 2018, want provisional", c.Status)
	}
	wantBands := map[string]int{"0-30": 1, "31-90": 0, "91-180": 1, "181-365": 0}
	if !reflect.DeepEqual(c.DaysToFirst, wantBands) {
		t.Errorf("days bands %v, want %v", c.DaysToFirst, wantBands)
	}
	want := CohortBreakdowns{
		Tier: map[string]Counts{
			"pre_court": {1, 1, 2}, "first_tier": {1, 1, 1}, "community": {1, 0, 0}, "custody": {},
		},
		AgeBand:   map[string]Counts{"10-14": {1, 1, 2}, "15-17": {1, 1, 1}, "18+": {1, 0, 0}},
		Gender:    map[string]Counts{"Male": {1, 1, 2}, "Female": {1, 1, 1}, "unknown": {1, 0, 0}},
		Ethnicity: map[string]Counts{"White": {1, 1, 2}, "unknown": {1, 1, 1}, "Black": {1, 0, 0}},
		Locality:  map[string]Counts{"North": {2, 2, 3}, "unknown": {1, 0, 0}},
	}
	if !reflect.DeepEqual(c.By, want) {
		t.Errorf("breakdowns\n got %+v\nwant %+v", c.By, want)
	}
}

func TestReoffendingEmptyCohortIsNotZeroPercent(t *testing.T) {
	c := ReoffendingCohort(nil, quarter("2017/18 Q1"), d("2019-06-30"), ModeStandard)
	if c.BinaryRate != nil || c.FrequencyRate != nil || c.ReoffencesPerReoffender != nil ||
		c.MedianDaysToFirstReoffence != nil || c.BinaryCI != nil {
		t.Errorf("empty cohort rates %v %v %v %v %v, want all null", showf(c.BinaryRate), showf(c.FrequencyRate),
			showf(c.ReoffencesPerReoffender), showf(c.MedianDaysToFirstReoffence), c.BinaryCI)
	}
	// A cohort without reoffenders: binary 0 (0 of 1), per reoffender n/a.
	c = ReoffendingCohort([]ingest.Disposal{disp("A", dob, "2017-04-01", "2017-04-10", ingest.Fine)},
		quarter("2017/18 Q1"), d("2019-06-30"), ModeStandard)
	checkF(t, "binary rate", c.BinaryRate, ptr(0.0))
	checkF(t, "per reoffender", c.ReoffencesPerReoffender, nil)
	checkF(t, "median days", c.MedianDaysToFirstReoffence, nil)
}

func TestReoffendingMaturity(t *testing.T) {
	tests := []struct {
		name     string
		quarter  string
		asOf     string
		mature   bool
		headline string // for the 8 cohorts ending with quarter
	}{
		{"mature on the last day + 18 months", "2017/18 Q1", "2018-12-30", true, "2017/18 Q1"},
		{"provisional the day before", "2017/18 Q1", "2018-12-29", false, "2016/17 Q4"},
		// 31 December 2017 + 18 months = 30 June 2019 (no 31 June).
		{"month-end clamped: 31 December + 18 months is 30 June", "2017/18 Q3", "2019-06-30", true, "2017/18 Q3"},
		{"headline is the newest mature cohort", "2018/19 Q3", "2019-01-31", false, "2017/18 Q1"},
		{"no mature cohort among the 8: no headline", "2018/19 Q3", "2018-09-29", false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Mature(quarter(tc.quarter), d(tc.asOf)); got != tc.mature {
				t.Errorf("Mature(%s, %s) = %v, want %v", tc.quarter, tc.asOf, got, tc.mature)
			}
			r := ReoffendingFigures(nil, quarter(tc.quarter), d(tc.asOf), ModeStandard)
			got := ""
			if r.Headline != nil {
				got = *r.Headline
			}
			if got != tc.headline {
				t.Errorf("headline %q, want %q", got, tc.headline)
			}
			for _, c := range r.Cohorts {
				if want := Mature(quarter(c.Quarter), d(tc.asOf)); (c.Status == StatusMature) != want {
					t.Errorf("cohort %s status %q", c.Quarter, c.Status)
				}
			}
		})
	}
}
