package narrative

import (
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart/charttest"
)

// The expectations below are worked by hand from the county-kpis example's figures
// (charttest.IndicatorsV2: SPEC §4.6–§4.8 blocks, no headlines).

func TestGenerateV2(t *testing.T) {
	ind := charttest.IndicatorsV2()
	for _, c := range []struct {
		name, key string
		disclose  bool
		want      []string
		notWant   []string
	}{
		{
			name: "SPEC 4.6 accommodation: suitable at the start and the end, of all children", key: Needs,
			// 12 children; suitable 9 at the start (75.0%), 10 at the end (83.33% → 83.3%).
			want: []string{"Of the 12 children whose intervention ended this quarter, 9 of 12 (75.0%) were in suitable accommodation at the start and 10 of 12 (83.3%) at the end."},
		},
		{
			name: "SPEC 4.6 SEND: of those identified, suitable ETE, a plan and both", key: Needs,
			// 3 identified; 2 in suitable ETE (66.7%), 3 with a plan (100.0%), 2 both.
			want: []string{"3 children had an identified special educational need or disability (SEND); of them, 2 of 3 (66.7%) were in suitable education, training or employment at the end, 3 of 3 (100.0%) had a learning plan, and 2 of 3 (66.7%) had both."},
		},
		{
			name: "SPEC 4.6 cascades: need, offered and attending, one child in the singular", key: Needs,
			// Mental health: need 1, offered 1, attending 1. Substance misuse: 3, 2, 1.
			want: []string{"1 child had a screened or identified mental health need: 1 of 1 (100.0%) were offered",
				"3 children had a screened or identified substance misuse need: 2 of 3 (66.7%) were offered an intervention and 1 of 3 (33.3%) were attending one."},
			notWant: []string{"1 children"},
		},
		{
			name: "SPEC 4.6 wider services: any of the four, and each", key: Needs,
			// Any 4 of 12 = 33.3%; looked after 2, child protection 0, child in need 2, early help 0.
			want: []string{"At the end of their intervention, 4 of 12 (33.3%) were open to wider services: 2 looked after or care experienced, 0 on a child protection plan, 2 children in need and 0 on an early help plan"},
		},
		{
			name: "SPEC 6: needs with disclosure control: counts of 1–4 and their rates are not stated", key: Needs, disclose: true,
			want: []string{"Fewer than 5 children had an identified special educational need or disability (SEND): too few to say more",
				"Fewer than 5 children had a screened or identified mental health need: too few to say more",
				"fewer than 5 of 12 (rate not shown: the numbers are too small to publish) were open to wider services"},
			notWant: []string{"2 of 3", "66.7%", "33.3%", "1 child "},
		},
		{
			name: "SPEC 4.7 views: questionnaires, the least positive question and the parents' share", key: Views,
			// Children's questions: 3/4, 4/4, 2/3, 2/4 positive: the lowest is "Would you
			// recommend…", 2 of 4 (50.0%). Parents: 1 positive of 3 answered (33.3%).
			want: []string{"Feedback questionnaires completed this quarter: 4 from children and 1 from parents or carers.",
				"The question children answered least positively was \"Would you recommend the service to a friend?\": 2 of 4 (50.0%) positive.",
				"Parents' and carers' answers that were positive: 1 of 3 (33.3%)."},
		},
		{
			name: "SPEC 6: views with disclosure control: no question named on fewer than 5 answers", key: Views, disclose: true,
			want:    []string{"fewer than 5 from children and fewer than 5 from parents or carers"},
			notWant: []string{"least positively", "50.0%", "33.3%"},
		},
		{
			name: "SPEC 4.8 partnership: meetings, attendance, seniority, and the partner below expectation", key: Partnership,
			// 11 of 12 places (91.7%), 9 of 12 senior (75.0%); target 90%: Police 1 of 2.
			want: []string{"The board met 2 times this quarter. Partners attended 11 of 12 (91.7%) of the places expected, 9 of 12 (75.0%) at the agreed level of seniority.",
				"Below the board's expectation (attendance of 90.0% or more): Police (1 of 2 meetings)."},
		},
		{
			name: "SPEC 6: board attendance is about organisations: shown under disclosure control", key: Partnership, disclose: true,
			want: []string{"11 of 12 (91.7%)", "Police (1 of 2 meetings)"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Generate(ind, Options{Disclosure: c.disclose})[c.key]
			for _, s := range c.want {
				if !strings.Contains(got, s) {
					t.Errorf("missing %q in\n%s", s, got)
				}
			}
			for _, s := range c.notWant {
				if strings.Contains(got, s) {
					t.Errorf("unexpected %q in\n%s", s, got)
				}
			}
		})
	}
	t.Run("needs are in paragraphs, one per need", func(t *testing.T) {
		// Accommodation, SEND, mental health, substance misuse, wider services.
		if n := len(strings.Split(Generate(ind, Options{})[Needs], "\n\n")); n != 5 {
			t.Errorf("%d paragraphs, want 5", n)
		}
	})
	t.Run("without their blocks, no needs, views or partnership paragraph", func(t *testing.T) {
		ind := charttest.IndicatorsV2()
		ind.Accommodation, ind.SEND, ind.MentalHealth, ind.SubstanceMisuse, ind.WiderServices = nil, nil, nil, nil, nil
		ind.Feedback, ind.BoardAttendance = nil, nil
		got := Generate(ind, Options{})
		for _, k := range []string{Needs, Views, Partnership} {
			if _, ok := got[k]; ok {
				t.Errorf("%s paragraph without its block", k)
			}
		}
	})
}

func TestPartnersBelow(t *testing.T) {
	b := &report.BoardAttendance{ByPartner: map[string]report.PartnerAttendance{
		"Police": {Expected: 2, Attended: 1}, "Health": {Expected: 2, Attended: 2}, "Housing": {Expected: 3, Attended: 2},
		"Education": {Expected: 1, Attended: 0},
	}}
	for _, c := range []struct {
		name    string
		targets []report.TargetResult
		want    string
		expect  string
	}{
		// Without a target every missed meeting counts: Education 0/1, Police 1/2, Housing
		// 2/3, lowest first.
		{"no target: a partner who missed any meeting", nil,
			"Education (0 of 1 meeting) | Police (1 of 2 meetings) | Housing (2 of 3 meetings)", "every meeting a partner is expected at"},
		// Target 60%: Housing 66.7% meets it; Police 50% and Education 0% do not.
		{"with a target: below it", []report.TargetResult{{Indicator: "board_attendance_rate", Target: 0.6}},
			"Education (0 of 1 meeting) | Police (1 of 2 meetings)", "attendance of 60.0% or more"},
		// Target 50%: exactly 50% meets it.
		{"a partner exactly at the target meets it", []report.TargetResult{{Indicator: "board_attendance_rate", Target: 0.5}},
			"Education (0 of 1 meeting)", "attendance of 50.0% or more"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, expect := PartnersBelow(&report.Indicators{BoardAttendance: b, Targets: c.targets})
			if strings.Join(got, " | ") != c.want || expect != c.expect {
				t.Errorf("got %q (%s), want %q (%s)", got, expect, c.want, c.expect)
			}
		})
	}
}

func TestFTESentenceIsForTwelveMonths(t *testing.T) {
	// The FTE headline is the rolling 12-month rate (SPEC §4.9): 15 / 4,800 × 100,000 = 312.5.
	got := Generate(charttest.Indicators(), Options{})[FTECustody]
	if !strings.Contains(got, "The rate per 100,000 children aged 10–17 over the last 12 months: 312.5 per 100,000") {
		t.Errorf("the FTE rate is not said to be for the last 12 months:\n%s", got)
	}
}
