package ingest

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/ingest/sheet"
)

// Good rows of the SPEC v2 extracts, and their headers.
const (
	// eteGood plus the KPI columns of SPEC §3.2: accommodation unsuitable → suitable, SEND
	// with a plan, a whole mental-health cascade, a substance-misuse need of no, and a child
	// protection plan at the end.
	eteKPIHeader = eteHeader + ",accommodation_suitable_start,accommodation_suitable_end,send_identified,learning_plan," +
		"mental_health_need,mental_health_offered,mental_health_attending," +
		"substance_misuse_need,substance_misuse_offered,substance_misuse_attending," +
		"looked_after_end,child_protection_end,child_in_need_end,early_help_end"
	eteKPIGood = eteGood + ",Unsuitable,Suitable,yes,yes,yes,yes,yes,no,,,no,yes,no,"

	fbHeader = "response_id,respondent,completed_date,question,answer,child_id"
	fbGood   = "R1,Young person,15/01/2019,My worker listens to me,Agree,1001"

	cmpHeader = "indicator,comparator,period,value,source"
	cmpGood   = "Binary reoffending rate,England and Wales,2018/19 Q3,31.4%,MoJ statistics"

	attHeader = "meeting_date,partner,attended,senior"
	attGood   = "10/12/2018,Police,Yes,Yes"
)

// eteKPIWant is eteKPIGood decoded, worked out from the row by hand.
func eteKPIWant() ETE {
	return ETE{ChildID: "1001", DateOfBirth: d(2002, 6, 15), InterventionType: YouthRehabilitation,
		InterventionStart: d(2018, 5, 1), InterventionEnd: d(2018, 11, 30), SuitableStart: Unsuitable,
		SuitableEnd: Suitable, HoursOfferedStart: Hours{0, true}, HoursAttendedStart: Hours{0, true},
		HoursOfferedEnd: Hours{25, true}, HoursAttendedEnd: Hours{20, true}, ProvisionStart: "None",
		ProvisionEnd: "School", Locality: "North",
		AccommodationStart: Unsuitable, AccommodationEnd: Suitable, AccommodationRecorded: true,
		SENDIdentified: Yes, LearningPlan: Yes,
		MentalHealthNeed: Yes, MentalHealthOffered: Yes, MentalHealthAttending: Yes,
		SubstanceNeed: No, LookedAfterEnd: No, ChildProtectionEnd: Yes, ChildInNeedEnd: No,
		Src: Source{Row: 2}}
}

func TestETEKPIRules(t *testing.T) {
	h, g := eteKPIHeader, eteKPIGood
	w := func(pairs ...string) string {
		row := g
		for i := 0; i < len(pairs); i += 2 {
			row = with(h, row, pairs[i], pairs[i+1])
		}
		return row
	}
	ete := func(t *testing.T, ds *Dataset) ETE {
		t.Helper()
		if len(ds.ETE) != 1 {
			t.Fatalf("ete %+v", ds.ETE)
		}
		return ds.ETE[0]
	}
	tests := []rowCase{
		{name: "good row with every KPI column", header: h, row: g, kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if got, want := ete(t, ds), eteKPIWant(); got != want {
					t.Errorf("got  %+v\nwant %+v", got, want)
				}
			}},
		{name: "blank accommodation is unknown and not recorded", header: h,
			row: w("accommodation_suitable_start", "", "accommodation_suitable_end", " "), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if e := ete(t, ds); e.AccommodationStart != SuitUnknown || e.AccommodationEnd != SuitUnknown || e.AccommodationRecorded {
					t.Errorf("accommodation %v %v recorded %v", e.AccommodationStart, e.AccommodationEnd, e.AccommodationRecorded)
				}
			}},
		{name: "accommodation unknown written out is recorded", header: h,
			row: w("accommodation_suitable_start", "", "accommodation_suitable_end", "Not Known"), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if e := ete(t, ds); e.AccommodationEnd != SuitUnknown || !e.AccommodationRecorded {
					t.Errorf("accommodation end %v recorded %v", e.AccommodationEnd, e.AccommodationRecorded)
				}
			}},
		{name: "accommodation at the start alone is recorded", header: h,
			row: w("accommodation_suitable_start", "Suitable", "accommodation_suitable_end", ""), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if e := ete(t, ds); e.AccommodationStart != Suitable || e.AccommodationEnd != SuitUnknown || !e.AccommodationRecorded {
					t.Errorf("accommodation %v %v recorded %v", e.AccommodationStart, e.AccommodationEnd, e.AccommodationRecorded)
				}
			}},
		{name: "accommodation not suitable is unsuitable", header: h,
			row: w("accommodation_suitable_end", "not suitable"), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if e := ete(t, ds); e.AccommodationEnd != Unsuitable {
					t.Errorf("accommodation end %v", e.AccommodationEnd)
				}
			}},
		{name: "invalid accommodation is a warning treated as blank", header: h,
			row: w("accommodation_suitable_start", "sofa surfing", "accommodation_suitable_end", ""), kept: true,
			sev: SevWarning, column: "accommodation_suitable_start", rule: "unknown accommodation_suitable_start",
			reason: `unknown accommodation_suitable_start "sofa surfing"; valid: suitable, unsuitable, unknown; to accept it, add to the config (yjsreport.yaml) the valid code it means: codes: {CODE: ["sofa surfing"]}; treated as blank`,
			check: func(t *testing.T, ds *Dataset) {
				if e := ete(t, ds); e.AccommodationStart != SuitUnknown || e.AccommodationRecorded {
					t.Errorf("accommodation start %v recorded %v; want unknown, not recorded", e.AccommodationStart, e.AccommodationRecorded)
				}
			}},
		{name: "accommodation is recorded when either column holds a valid value", header: h,
			row: w("accommodation_suitable_start", "sofa surfing", "accommodation_suitable_end", "Suitable"), kept: true,
			sev: SevWarning, column: "accommodation_suitable_start", rule: "unknown accommodation_suitable_start",
			check: func(t *testing.T, ds *Dataset) {
				if e := ete(t, ds); !e.AccommodationRecorded || e.AccommodationEnd != Suitable {
					t.Errorf("recorded %v end %v", e.AccommodationRecorded, e.AccommodationEnd)
				}
			}},
		{name: "invalid yes/no KPI is a warning treated as blank", header: h, row: w("send_identified", "pending"), kept: true,
			sev: SevWarning, column: "send_identified", rule: "not yes or no",
			reason: `"pending" is not yes or no; treated as blank`,
			check: func(t *testing.T, ds *Dataset) {
				if e := ete(t, ds); e.SENDIdentified != Blank || e.LearningPlan != Yes {
					t.Errorf("send %v plan %v", e.SENDIdentified, e.LearningPlan)
				}
			}},
		{name: "KPI yes/no takes Y, N, TRUE and FALSE", header: h,
			row: w("looked_after_end", "Y", "child_protection_end", "N", "child_in_need_end", "TRUE", "early_help_end", "false"), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				e := ete(t, ds)
				if got := [4]YesNo{e.LookedAfterEnd, e.ChildProtectionEnd, e.ChildInNeedEnd, e.EarlyHelpEnd}; got != [4]YesNo{Yes, No, Yes, No} {
					t.Errorf("wider services %v", got)
				}
			}},
		{name: "an ete extract without KPI columns records none", header: eteHeader, row: eteGood, kept: true,
			check: func(t *testing.T, ds *Dataset) {
				e := ete(t, ds)
				if e.AccommodationRecorded || e.SENDIdentified != Blank || e.MentalHealthNeed != Blank || e.EarlyHelpEnd != Blank {
					t.Errorf("KPIs recorded from no columns: %+v", e)
				}
			}},
		{name: "a bad KPI value never rejects the row", header: h, row: w("early_help_end", "31/02/2018"), kept: true,
			sev: SevWarning, column: "early_help_end", rule: "not yes or no"},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

// TestCascadeWarnings checks SPEC §4.6: a row with offered or attending yes but an earlier
// stage not yes is kept as recorded, with one warning per cascade naming the first stage that
// breaks it and the stages before it that are not yes.
func TestCascadeWarnings(t *testing.T) {
	h, g := eteKPIHeader, eteKPIGood
	mh := func(need, offered, attending string) string {
		return with(h, with(h, with(h, g, "mental_health_need", need), "mental_health_offered", offered), "mental_health_attending", attending)
	}
	sm := func(need, offered, attending string) string {
		return with(h, with(h, with(h, g, "substance_misuse_need", need), "substance_misuse_offered", offered), "substance_misuse_attending", attending)
	}
	const rule = "mental health offered or attending without the stage before"
	tests := []rowCase{
		{name: "offered yes without need is a warning and the values are kept", header: h, row: mh("no", "yes", "yes"), kept: true,
			sev: SevWarning, column: "mental_health_offered", rule: rule,
			reason: "mental_health_offered is yes but mental_health_need is not: check the cascade (need → offered → attending)",
			check: func(t *testing.T, ds *Dataset) {
				e := ds.ETE[0]
				if e.MentalHealthNeed != No || e.MentalHealthOffered != Yes || e.MentalHealthAttending != Yes {
					t.Errorf("cascade %v %v %v, want no yes yes as recorded", e.MentalHealthNeed, e.MentalHealthOffered, e.MentalHealthAttending)
				}
			}},
		{name: "attending yes with offered blank names offered", header: h, row: mh("yes", "", "yes"), kept: true,
			sev: SevWarning, column: "mental_health_attending", rule: rule,
			reason: "mental_health_attending is yes but mental_health_offered is not: check the cascade (need → offered → attending)"},
		{name: "attending yes alone names need and offered", header: h, row: mh("", "", "yes"), kept: true,
			sev: SevWarning, column: "mental_health_attending", rule: rule,
			reason: "mental_health_attending is yes but mental_health_need and mental_health_offered are not: check the cascade (need → offered → attending)"},
		{name: "attending yes with need no and offered yes is one warning, on offered", header: h, row: mh("no", "yes", "yes"), kept: true,
			sev: SevWarning, column: "mental_health_offered", rule: rule},
		{name: "a cascade that stops early is no warning", header: h, row: mh("yes", "no", ""), kept: true},
		{name: "need yes alone is no warning", header: h, row: mh("yes", "", ""), kept: true},
		{name: "every stage no is no warning", header: h, row: mh("no", "no", "no"), kept: true},
		{name: "substance misuse offered without need is a warning", header: h, row: sm("", "Y", ""), kept: true,
			sev: SevWarning, column: "substance_misuse_offered", rule: "substance misuse offered or attending without the stage before",
			reason: "substance_misuse_offered is yes but substance_misuse_need is not: check the cascade (need → offered → attending)"},
		{name: "a rejected row has no cascade warning", header: h, row: with(h, mh("no", "yes", ""), "intervention_start", ""),
			sev: SevRejected, column: "intervention_start", rule: "required value blank"},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}

	t.Run("both cascades broken: one warning each, one warned row", func(t *testing.T) {
		row := with(h, with(h, mh("", "yes", "yes"), "substance_misuse_need", "no"), "substance_misuse_attending", "yes")
		ds := mustRead(t, Options{AsOf: asOf}, memFile{"f.csv", []sheet.Sheet{textSheet("", h, row)}})
		got := problemList(ds)
		want := []string{"2 mental_health_offered warning", "2 substance_misuse_attending warning"}
		if !slices.Equal(got, want) || ds.Inputs[0].Warnings != 1 {
			t.Errorf("problems %q warnings %d, want %q and 1 warned row", got, ds.Inputs[0].Warnings, want)
		}
	})
	t.Run("an invalid need is not yes: its own warning and the cascade's", func(t *testing.T) {
		ds := mustRead(t, Options{AsOf: asOf}, memFile{"f.csv", []sheet.Sheet{textSheet("", h, mh("maybe", "yes", "no"))}})
		got := problemList(ds)
		want := []string{"2 mental_health_need warning", "2 mental_health_offered warning"}
		if !slices.Equal(got, want) {
			t.Errorf("problems %q, want %q", got, want)
		}
	})
}

// problemList describes each problem as "row column severity".
func problemList(ds *Dataset) []string {
	var out []string
	for _, p := range ds.Problems {
		out = append(out, strings.Join([]string{strconv.Itoa(p.Row), p.Column, string(p.Severity)}, " "))
	}
	return out
}

func TestPlanIndicatorRules(t *testing.T) {
	h := planHeader + ",indicator"
	w := func(v string) string { return planGood + "," + v }
	indicator := func(want string) func(*testing.T, *Dataset) {
		return func(t *testing.T, ds *Dataset) {
			if got := ds.Plan[0].Indicator; got != want {
				t.Errorf("indicator %q, want %q", got, want)
			}
		}
	}
	tests := []rowCase{
		{name: "indicator code links the action", header: h, row: w("fte_rate_per_100k"), kept: true, check: indicator("fte_rate_per_100k")},
		{name: "indicator label matches like a code", header: h, row: w("Binary reoffending rate"), kept: true, check: indicator("binary_reoffending_rate")},
		{name: "indicator in capitals with hyphens", header: h, row: w("ETE-SUITABLE-END"), kept: true, check: indicator("ete_suitable_end")},
		{name: "blank indicator links nothing", header: h, row: w(""), kept: true, check: indicator("")},
		{name: "a bracketed age group is not dropped: above school age", header: h, row: w("ETE suitable at end (above school age)"),
			kept: true, check: indicator("ete_suitable_end_above_school_age")},
		{name: "a bracketed age group is not dropped: school age", header: h, row: w("ETE Suitable at End (School Age)"),
			kept: true, check: indicator("ete_suitable_end_school_age")},
		{name: "the report's own label links the action", header: h, row: w(`"Suitable ETE at the end of intervention: above school age (post-16)"`),
			kept: true, check: indicator("ete_suitable_end_above_school_age")},
		{name: "unknown indicator is a warning treated as blank", header: h, row: w("Reducing knife crime"), kept: true,
			sev: SevWarning, column: "indicator", rule: "unknown indicator",
			reason: `unknown indicator "Reducing knife crime"; valid: ` + strings.Join(config.TargetNames, ", ") + `; to accept it, add to the config (yjsreport.yaml) the valid code it means: codes: {CODE: ["Reducing knife crime"]}; treated as blank`,
			check:  indicator("")},
		{name: "a plan without the indicator column is read as before", header: planHeader, row: planGood, kept: true, check: indicator("")},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

func TestFeedbackRules(t *testing.T) {
	h, g := fbHeader, fbGood
	w := func(name, v string) string { return with(h, g, name, v) }
	answer := func(want Answer) func(*testing.T, *Dataset) {
		return func(t *testing.T, ds *Dataset) {
			if got := ds.Feedback[0].Answer; got != want {
				t.Errorf("answer %q, want %q", got, want)
			}
		}
	}
	respondent := func(want Respondent) func(*testing.T, *Dataset) {
		return func(t *testing.T, ds *Dataset) {
			if got := ds.Feedback[0].Respondent; got != want {
				t.Errorf("respondent %q, want %q", got, want)
			}
		}
	}
	tests := []rowCase{
		{name: "good feedback row", header: h, row: g, kept: true,
			check: func(t *testing.T, ds *Dataset) {
				want := FeedbackAnswer{ResponseID: "R1", Respondent: RespondentChild, CompletedDate: d(2019, 1, 15),
					Question: "My worker listens to me", Answer: Agree, ChildID: "1001", Src: Source{Row: 2}}
				if len(ds.Feedback) != 1 || ds.Feedback[0] != want || !ds.HasFeedback {
					t.Errorf("got %+v (has %v)\nwant %+v", ds.Feedback, ds.HasFeedback, want)
				}
			}},
		{name: "blank answer is not answered and the row is kept", header: h, row: w("answer", "  "), kept: true, check: answer(NotAnswered)},
		{name: "neither agree nor disagree is neither", header: h, row: w("answer", "Neither agree nor disagree"), kept: true, check: answer(Neither)},
		{name: "don't know is dont_know", header: h, row: w("answer", "Don't know"), kept: true, check: answer(DontKnow)},
		{name: "not sure is dont_know", header: h, row: w("answer", "not sure"), kept: true, check: answer(DontKnow)},
		{name: "y is yes", header: h, row: w("answer", "y"), kept: true, check: answer(AnswerYes)},
		{name: "FALSE is no", header: h, row: w("answer", "FALSE"), kept: true, check: answer(AnswerNo)},
		{name: "unknown answer is rejected listing the codes", header: h, row: w("answer", "Sometimes"),
			sev: SevRejected, column: "answer", rule: "unknown answer",
			reason: `unknown answer "Sometimes"; valid: strongly_agree, agree, neither, disagree, strongly_disagree, yes, no, dont_know; to accept it, add to the config (yjsreport.yaml) the valid code it means: codes: {CODE: ["Sometimes"]}`},
		{name: "a score is not an answer", header: h, row: w("answer", "4"),
			sev: SevRejected, column: "answer", rule: "unknown answer"},
		{name: "parent/carer is parent_carer", header: h, row: w("respondent", "Parent/Carer"), kept: true, check: respondent(RespondentParentCarer)},
		{name: "family is parent_carer", header: h, row: w("respondent", "family"), kept: true, check: respondent(RespondentParentCarer)},
		{name: "YP is child", header: h, row: w("respondent", "YP"), kept: true, check: respondent(RespondentChild)},
		{name: "unknown respondent is rejected listing the codes", header: h, row: w("respondent", "Teacher"),
			sev: SevRejected, column: "respondent", rule: "unknown respondent",
			reason: `unknown respondent "Teacher"; valid: child, parent_carer; to accept it, add to the config (yjsreport.yaml) the valid code it means: codes: {CODE: ["Teacher"]}`},
		{name: "blank respondent is rejected", header: h, row: w("respondent", ""),
			sev: SevRejected, column: "respondent", rule: "required value blank"},
		{name: "blank response_id is rejected", header: h, row: w("response_id", ""),
			sev: SevRejected, column: "response_id", rule: "required value blank"},
		{name: "blank question is rejected", header: h, row: w("question", ""),
			sev: SevRejected, column: "question", rule: "required value blank"},
		{name: "completed date not a date is rejected", header: h, row: w("completed_date", "Jan 2019"),
			sev: SevRejected, column: "completed_date", rule: "not a date"},
		{name: "completed date after the as-of date is rejected", header: h, row: w("completed_date", "01/02/2019"),
			sev: SevRejected, column: "completed_date", rule: "after the as-of date",
			reason: "completed_date 01/02/2019 is after the as-of date 31/01/2019"},
		{name: "blank child_id is none", header: h, row: w("child_id", ""), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.Feedback[0].ChildID != "" {
					t.Errorf("child %q", ds.Feedback[0].ChildID)
				}
			}},
		{name: "child_id written as a number is its digits", header: h, row: w("child_id", "1001.0"), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.Feedback[0].ChildID != "1001" {
					t.Errorf("child %q", ds.Feedback[0].ChildID)
				}
			}},
		{name: "child_id is optional", header: "response_id,respondent,completed_date,question,answer",
			row: "R1,Parent,15/01/2019,I was kept informed,Strongly agree", kept: true, check: answer(StronglyAgree)},
		// Born 01/01/2015: 4 on 15/01/2019. Feedback has no age rule; the column is not its own.
		{name: "no age check", header: h + ",date_of_birth", row: g + ",01/01/2015", kept: true},
		{name: "question text is trimmed and otherwise kept", header: h, row: w("question", "  I feel SAFER now?  "), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.Feedback[0].Question != "I feel SAFER now?" {
					t.Errorf("question %q", ds.Feedback[0].Question)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

func TestComparatorRules(t *testing.T) {
	h, g := cmpHeader, cmpGood
	w := func(pairs ...string) string {
		row := g
		for i := 0; i < len(pairs); i += 2 {
			row = with(h, row, pairs[i], pairs[i+1])
		}
		return row
	}
	value := func(want float64) func(*testing.T, *Dataset) {
		return func(t *testing.T, ds *Dataset) {
			if got := ds.Comparators[0].Value; got != want {
				t.Errorf("value %v, want %v", got, want)
			}
		}
	}
	period := func(fy, q int) func(*testing.T, *Dataset) {
		return func(t *testing.T, ds *Dataset) {
			if got := ds.Comparators[0].Period; got != (calendar.Quarter{FY: fy, Q: q}) {
				t.Errorf("period %v, want %d Q%d", got, fy, q)
			}
		}
	}
	tests := []rowCase{
		{name: "good comparator row; 31.4% is 0.314", header: h, row: g, kept: true,
			check: func(t *testing.T, ds *Dataset) {
				want := Comparator{Indicator: "binary_reoffending_rate", Comparator: "England and Wales",
					Period: calendar.Quarter{FY: 2018, Q: 3}, Value: 0.314, Source: "MoJ statistics", Src: Source{Row: 2}}
				if len(ds.Comparators) != 1 || ds.Comparators[0] != want || !ds.HasComparators {
					t.Errorf("got %+v (has %v)\nwant %+v", ds.Comparators, ds.HasComparators, want)
				}
			}},
		{name: "a space before % is allowed", header: h, row: w("value", "31.4 %"), kept: true, check: value(0.314)},
		{name: "a bare decimal is its value", header: h, row: w("value", "0.314"), kept: true, check: value(0.314)},
		{name: "57.3% is exactly 0.573", header: h, row: w("value", "57.3%"), kept: true, check: value(0.573)},
		{name: "a number cell is its stored value", header: h, row: w("value", "0.314"), excel: true, kept: true, check: value(0.314)},
		{name: "a rate of exactly 1 is accepted", header: h, row: w("value", "1"), kept: true, check: value(1)},
		{name: "100% is 1", header: h, row: w("value", "100%"), kept: true, check: value(1)},
		{name: "0 is accepted", header: h, row: w("value", "0"), kept: true, check: value(0)},
		{name: "a rate above 1 without % is rejected with the forms to write", header: h, row: w("value", "31.4"),
			sev: SevRejected, column: "value", rule: "rate above 1 without %",
			reason: `"31.4" is above 1 but binary_reoffending_rate is a rate: write 31.4% or 0.314`},
		{name: "a rate above 100% is rejected", header: h, row: w("value", "140%"),
			sev: SevRejected, column: "value", rule: "rate above 100%"},
		{name: "frequency_rate is not a rate: 1.52 is accepted", header: h, row: w("indicator", "frequency_rate", "value", "1.52"), kept: true, check: value(1.52)},
		{name: "fte_rate_per_100k is not a rate: 234.5 is accepted", header: h, row: w("indicator", "FTE rate", "value", "234.5"), kept: true, check: value(234.5)},
		{name: "a negative value is rejected", header: h, row: w("value", "-0.1"),
			sev: SevRejected, column: "value", rule: "value below 0"},
		{name: "a value that is not a number is rejected", header: h, row: w("value", "n/a"),
			sev: SevRejected, column: "value", rule: "value not a number",
			reason: `"n/a" is not a number (write e.g. 0.314 or 31.4%)`},
		{name: "a lone % is not a number", header: h, row: w("value", "%"),
			sev: SevRejected, column: "value", rule: "value not a number"},
		{name: "a blank value is rejected", header: h, row: w("value", ""),
			sev: SevRejected, column: "value", rule: "required value blank"},
		{name: "unknown indicator is rejected listing the headline names", header: h, row: w("indicator", "Knife crime"),
			sev: SevRejected, column: "indicator", rule: "unknown indicator",
			reason: `unknown indicator "Knife crime"; valid: ` + strings.Join(config.TargetNames, ", ") + `; to accept it, add to the config (yjsreport.yaml) the valid code it means: codes: {CODE: ["Knife crime"]}`},
		{name: "blank comparator is rejected", header: h, row: w("comparator", ""),
			sev: SevRejected, column: "comparator", rule: "required value blank"},
		{name: "blank source is none", header: h, row: w("source", ""), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.Comparators[0].Source != "" {
					t.Errorf("source %q", ds.Comparators[0].Source)
				}
			}},
		{name: "period 2018-19-q3 is 2018/19 Q3", header: h, row: w("period", "2018-19-q3"), kept: true, check: period(2018, 3)},
		{name: "period with spaces around separators", header: h, row: w("period", "2018 / 19 - Q4"), kept: true, check: period(2018, 4)},
		{name: "a period after the as-of date is accepted: it is not a date", header: h, row: w("period", "2019/20 Q2"), kept: true, check: period(2019, 2)},
		{name: "blank period is rejected", header: h, row: w("period", ""),
			sev: SevRejected, column: "period", rule: "required value blank"},
		{name: "a period with the year written twice in full is rejected with the form", header: h, row: w("period", "2018/2019 Q3"),
			sev: SevRejected, column: "period", rule: "period not a quarter",
			reason: `"2018/2019 Q3" is not a quarter (write it as 2018/19 Q3 or 2018-19-Q3)`},
		{name: "a date is not a period", header: h, row: w("period", "01/10/2018"),
			sev: SevRejected, column: "period", rule: "period not a quarter"},
		{name: "YY not the year after YYYY is rejected with the right form", header: h, row: w("period", "2018/20 Q3"),
			sev: SevRejected, column: "period", rule: "period not a financial year",
			reason: `"2018/20 Q3" is not a financial year: 2018 is followed by 19 (write it as 2018/19 Q3)`},
		{name: "Q5 is rejected", header: h, row: w("period", "2018/19 Q5"),
			sev: SevRejected, column: "period", rule: "period not a quarter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

// TestComparatorConflicts checks SPEC §3.8: a second row with the same indicator, comparator
// and period after parsing, in any sheet or file, is rejected as a conflicting figure naming
// the earlier row, or dropped as a duplicate when its value and source are equal too.
func TestComparatorConflicts(t *testing.T) {
	h, g := cmpHeader, cmpGood
	w := func(pairs ...string) string {
		row := g
		for i := 0; i < len(pairs); i += 2 {
			row = with(h, row, pairs[i], pairs[i+1])
		}
		return row
	}
	one := func(rows ...string) []memFile {
		return []memFile{{"a.csv", []sheet.Sheet{textSheet("", append([]string{h}, rows...)...)}}}
	}
	tests := []struct {
		name  string
		files []memFile
		// per input: accepted, rejected, duplicates
		counts [][3]int
		// the problems, as "row severity reason"
		problems []string
		values   []float64 // of the kept comparators, in order
	}{
		{"another value for the same figure is rejected naming the first",
			one(g, w("value", "0.33")),
			[][3]int{{1, 1, 0}},
			[]string{`3 rejected conflicting figure: a.csv row 2 already gives binary_reoffending_rate for "England and Wales" in 2018/19 Q3 as 0.314, this row 0.33; keep one figure per indicator, comparator and period`},
			[]float64{0.314}},
		{"31.4% and 0.314 with the same source are a duplicate",
			one(g, w("value", "0.314")),
			[][3]int{{1, 0, 1}}, []string{"3 duplicate same as a.csv row 2"}, []float64{0.314}},
		{"the same value from another source is a conflict naming both sources",
			one(g, w("source", "")),
			[][3]int{{1, 1, 0}},
			[]string{`3 rejected conflicting figure: a.csv row 2 already gives binary_reoffending_rate for "England and Wales" in 2018/19 Q3 as 0.314 (source "MoJ statistics"), this row 0.314 (no source); keep one figure per indicator, comparator and period`},
			[]float64{0.314}},
		{"indicator label and code, and two forms of a period, are the same figure",
			one(g, w("indicator", "binary_reoffending_rate", "period", "2018-19-Q3", "value", "0.3")),
			[][3]int{{1, 1, 0}}, nil, []float64{0.314}},
		{"another comparator, period or indicator is another figure",
			one(g, w("comparator", "South West", "value", "0.3"), w("period", "2018/19 Q2", "value", "0.3"),
				w("indicator", "custody_share", "value", "0.3")),
			[][3]int{{4, 0, 0}}, nil, []float64{0.314, 0.3, 0.3, 0.3}},
		{"comparator text is compared as written (trimmed)",
			one(g, w("comparator", " England and Wales ", "value", "0.3")),
			[][3]int{{1, 1, 0}}, nil, []float64{0.314}},
		{"a conflict across files names the earlier file, sheet and row",
			[]memFile{
				{"a.xlsx", []sheet.Sheet{textSheet("Published", h, w("comparator", "South West"), g)}},
				{"b.csv", []sheet.Sheet{textSheet("", h, w("value", "33%"))}},
			},
			[][3]int{{2, 0, 0}, {0, 1, 0}},
			[]string{`2 rejected conflicting figure: a.xlsx sheet "Published" row 3 already gives binary_reoffending_rate for "England and Wales" in 2018/19 Q3 as 0.314, this row 0.33; keep one figure per indicator, comparator and period`},
			[]float64{0.314, 0.314}},
		{"the same figure in another file, written 31.4%, is a duplicate there, not a conflict",
			[]memFile{
				{"a.csv", []sheet.Sheet{textSheet("", h, g)}},
				{"b.csv", []sheet.Sheet{textSheet("", h, w("value", "31.4%"))}},
			},
			[][3]int{{1, 0, 0}, {0, 0, 1}}, []string{"2 duplicate same as a.csv row 2"}, []float64{0.314}},
		{"a rejected row does not block a later figure",
			one(w("value", "x"), w("value", "0.3"), g),
			[][3]int{{1, 2, 0}}, nil, []float64{0.3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := mustRead(t, Options{AsOf: asOf}, tt.files...)
			if len(ds.Inputs) != len(tt.counts) {
				t.Fatalf("inputs %+v", ds.Inputs)
			}
			for i, in := range ds.Inputs {
				if got := [3]int{in.Accepted, in.Rejected, in.Duplicates}; got != tt.counts[i] {
					t.Errorf("input %d accepted/rejected/duplicates = %v, want %v; problems %v", i, got, tt.counts[i], ds.Problems)
				}
				if in.Read != in.Accepted+in.Rejected+in.Duplicates {
					t.Errorf("input %d breaks read = accepted + rejected + duplicates: %+v", i, in)
				}
			}
			if tt.problems != nil {
				var got []string
				for _, p := range ds.Problems {
					got = append(got, strings.Join([]string{strconv.Itoa(p.Row), string(p.Severity), p.Reason}, " "))
					if p.Severity == SevRejected && strings.HasPrefix(p.Reason, "conflicting") &&
						(p.Rule != "conflicting comparator figure" || p.Column != "value") {
						t.Errorf("conflict problem %+v", p)
					}
				}
				if !slices.Equal(got, tt.problems) {
					t.Errorf("problems\n%q\nwant\n%q", got, tt.problems)
				}
			}
			var values []float64
			for _, c := range ds.Comparators {
				values = append(values, c.Value)
			}
			if !slices.Equal(values, tt.values) {
				t.Errorf("values %v, want %v", values, tt.values)
			}
		})
	}
}

func TestBoardAttendanceRules(t *testing.T) {
	h, g := attHeader, attGood
	w := func(name, v string) string { return with(h, g, name, v) }
	tests := []rowCase{
		{name: "good attendance row", header: h, row: g, kept: true,
			check: func(t *testing.T, ds *Dataset) {
				want := Attendance{MeetingDate: d(2018, 12, 10), Partner: "Police", Attended: Yes, Senior: Yes, Src: Source{Row: 2}}
				if len(ds.Attendance) != 1 || ds.Attendance[0] != want || !ds.HasAttendance {
					t.Errorf("got %+v (has %v)\nwant %+v", ds.Attendance, ds.HasAttendance, want)
				}
			}},
		{name: "blank attended is rejected", header: h, row: w("attended", ""),
			sev: SevRejected, column: "attended", rule: "required value blank"},
		{name: "attended must be yes or no", header: h, row: w("attended", "sent apologies"),
			sev: SevRejected, column: "attended", rule: "not yes or no"},
		{name: "blank partner is rejected", header: h, row: w("partner", ""),
			sev: SevRejected, column: "partner", rule: "required value blank"},
		{name: "meeting date not a date is rejected", header: h, row: w("meeting_date", "December"),
			sev: SevRejected, column: "meeting_date", rule: "not a date"},
		{name: "meeting date after the as-of date is rejected", header: h, row: w("meeting_date", "2019-02-01"),
			sev: SevRejected, column: "meeting_date", rule: "after the as-of date"},
		{name: "blank senior is not recorded", header: h, row: w("senior", ""), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.Attendance[0].Senior != Blank {
					t.Errorf("senior %v", ds.Attendance[0].Senior)
				}
			}},
		{name: "invalid senior is a warning treated as blank", header: h, row: w("senior", "deputy"), kept: true,
			sev: SevWarning, column: "senior", rule: "not yes or no"},
		{name: "senior yes without attendance is a warning, kept as recorded", header: h, row: w("attended", "No"), kept: true,
			sev: SevWarning, column: "senior", rule: "senior without attendance",
			check: func(t *testing.T, ds *Dataset) {
				if a := ds.Attendance[0]; a.Attended != No || a.Senior != Yes {
					t.Errorf("attended %v senior %v", a.Attended, a.Senior)
				}
			}},
		{name: "partner text is kept as written", header: h, row: w("partner", " Children's Social Care "), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.Attendance[0].Partner != "Children's Social Care" {
					t.Errorf("partner %q", ds.Attendance[0].Partner)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}
