package ingest

import (
	"slices"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/ingest/sheet"
)

// TestV2HeaderAliases checks the headers real exports use for the SPEC v2 columns, and that
// the aliases that were there before keep their meaning.
func TestV2HeaderAliases(t *testing.T) {
	cm, err := loadColumnMap(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	aliases := map[string]string{
		// ete KPI columns
		"Accommodation Suitable at Start": "accommodation_suitable_start", "Accommodation Suitable at End": "accommodation_suitable_end",
		"Suitable Accommodation at Start": "accommodation_suitable_start", "Suitable Accommodation at End": "accommodation_suitable_end",
		"SEND": "send_identified", "SEN": "send_identified", "SEND Identified": "send_identified",
		"ALN": "send_identified", "ALN Identified": "send_identified",
		"EHCP": "learning_plan", "Learning Plan": "learning_plan", "EHCP or IEP": "learning_plan",
		"MH Need Identified": "mental_health_need", "Mental Health Need": "mental_health_need",
		"MH Intervention Offered": "mental_health_offered", "MH Attending": "mental_health_attending",
		"SM Need": "substance_misuse_need", "Substance Misuse Need Identified": "substance_misuse_need",
		"SM Intervention Offered": "substance_misuse_offered", "SM Attending": "substance_misuse_attending",
		"Looked After at End": "looked_after_end", "CP Plan at End": "child_protection_end",
		"CIN at End": "child_in_need_end", "Early Help at End": "early_help_end",
		"Mental Health Need (Y/N)": "mental_health_need", // loosely, as decorated exports write it
		// feedback
		"Response ID": "response_id", "Respondent Type": "respondent", "Respondent": "respondent",
		"Date Completed": "completed_date", "Completed Date": "completed_date", "Question": "question",
		"Answer": "answer", "Response": "answer",
		// comparators
		"Indicator": "indicator", "Measure": "indicator", "Comparator": "comparator",
		"Comparator Group": "comparator", "Benchmark": "comparator", "Period": "period", "Quarter": "period",
		"Value": "value", "Source": "source",
		// board attendance
		"Meeting Date": "meeting_date", "Date of Meeting": "meeting_date", "Partner": "partner",
		"Partner Agency": "partner", "Agency": "partner", "Attended": "attended", "Present": "attended",
		"Senior": "senior", "Senior Attendee": "senior",
		// existing aliases that must keep their meaning
		"Status": "rag", "Outcome": "outcome_type", "Area": "locality", "Comments": "progress",
		"Hours Attended at End": "hours_attended_end", "ETE Suitable at End": "ete_suitable_end",
	}
	for label, want := range aliases {
		c, ok := cm.header(label)
		if !ok || c.String() != want {
			t.Errorf("header %q = %v (%v), want %s", label, c, ok, want)
		}
	}
	// Headers that must stay unknown: a bare "Date" could be any date, and "Completed" is as
	// likely a yes/no as a date.
	for _, label := range []string{"Date", "Completed", "Looked After", "Rate"} {
		if c, ok := cm.header(label); ok {
			t.Errorf("header %q matched %s; want no match", label, c)
		}
	}
}

// TestV2Codes checks the labels SPEC §3.7 and the brief give for respondents and answers, and
// that indicator names match like codes.
func TestV2Codes(t *testing.T) {
	cm, err := loadColumnMap(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		set   codeSetID
		label string
		want  string
	}{
		{setRespondent, "Young person", "child"}, {setRespondent, "YP", "child"}, {setRespondent, "Child", "child"},
		{setRespondent, "Parent", "parent_carer"}, {setRespondent, "Carer", "parent_carer"},
		{setRespondent, "Parent/Carer", "parent_carer"}, {setRespondent, "Family", "parent_carer"},
		{setRespondent, "parent_carer", "parent_carer"},
		{setAnswer, "Strongly agree", "strongly_agree"}, {setAnswer, "Agree", "agree"},
		{setAnswer, "Neither agree nor disagree", "neither"}, {setAnswer, "Neither", "neither"},
		{setAnswer, "Disagree", "disagree"}, {setAnswer, "Strongly disagree", "strongly_disagree"},
		{setAnswer, "Yes", "yes"}, {setAnswer, "y", "yes"}, {setAnswer, "true", "yes"},
		{setAnswer, "No", "no"}, {setAnswer, "n", "no"}, {setAnswer, "false", "no"},
		{setAnswer, "Don't know", "dont_know"}, {setAnswer, "Dont know", "dont_know"},
		{setAnswer, "Don\u2019t know", "dont_know"}, // a typographic apostrophe, loosely
		{setAnswer, "Not sure", "dont_know"}, {setAnswer, "dont_know", "dont_know"},
		{setIndicator, "Binary reoffending rate", "binary_reoffending_rate"},
		{setIndicator, "binary_reoffending_rate", "binary_reoffending_rate"},
		{setIndicator, "FTE rate per 100,000", "fte_rate_per_100k"},
		{setIndicator, "Board Attendance Rate", "board_attendance_rate"},
		{setSuitability, "Not suitable", "unsuitable"},
	}
	for _, tt := range tests {
		s := cm.sets[tt.set]
		i := s.lookup(tt.label)
		if i < 0 || s.codes[i] != tt.want {
			t.Errorf("%s %q: got %d, want %s", s.name, tt.label, i, tt.want)
		}
	}
	// A score is no answer, and neither is a yes/no of Excel (1, 0): their meaning differs
	// from one questionnaire to the next.
	for _, bad := range []string{"1", "0", "4", "Sometimes", "Agreed"} {
		if i := cm.sets[setAnswer].lookup(bad); i >= 0 {
			t.Errorf("answer %q accepted as %s", bad, cm.sets[setAnswer].codes[i])
		}
	}
}

// TestIndicatorCodesAreTargetNames keeps the indicator code set of columns.yaml equal to the
// headline names of config (SPEC §4.9), in the same order, since the order is the one
// messages list them in.
func TestIndicatorCodesAreTargetNames(t *testing.T) {
	cm, err := loadColumnMap(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := cm.sets[setIndicator].codes; !slices.Equal(got, config.TargetNames) {
		t.Errorf("columns.yaml indicator codes\n%q\nwant config.TargetNames\n%q", got, config.TargetNames)
	}
}

// TestKindsDoNotOverlap: no kind's required columns are all columns of another kind, so a
// sheet that has every column of one kind is never of a second kind too (SPEC §3: a sheet
// of two kinds is an error), however many optional columns it carries.
func TestKindsDoNotOverlap(t *testing.T) {
	for _, a := range schemas {
		for _, b := range schemas {
			if a.kind == b.kind {
				continue
			}
			all := true
			for _, c := range b.required {
				all = all && a.has(c)
			}
			if all {
				t.Errorf("a %s sheet with all its columns has every required column of %s", a.kind, b.kind)
			}
		}
	}
}

// TestClassification checks each kind's headers classify as that kind, the SPEC v1 layouts
// as before, and the v2 kinds by the aliases real exports use.
func TestClassification(t *testing.T) {
	tests := []struct {
		name, header string
		want         Kind
	}{
		{"v1 disposals", dispHeader, KindDisposals},
		{"v1 ete", eteHeader, KindETE},
		{"v1 oocd", oocdHeader, KindOOCD},
		{"v1 victims", victimHeader, KindVictims},
		{"v1 improvement plan", planHeader, KindImprovementPlan},
		{"v1 improvement plan with Status and Comments", "Recommendation,Action,Lead,Deadline,Status,Comments", KindImprovementPlan},
		{"ete with every KPI column", eteKPIHeader, KindETE},
		{"improvement plan with an indicator", planHeader + ",indicator", KindImprovementPlan},
		{"feedback", fbHeader, KindFeedback},
		{"feedback as exported", "Response ID,Respondent Type,Date Completed,Question,Response,Child ID,Comments", KindFeedback},
		{"comparators", cmpHeader, KindComparators},
		{"comparators as published", "Measure,Benchmark,Quarter,Value,Source", KindComparators},
		{"board attendance", attHeader, KindBoardAttendance},
		{"board attendance as minuted", "Date of Meeting,Partner Agency,Present,Senior Attendee", KindBoardAttendance},
		{"disposals with a Quarter and a Value column stay disposals", dispHeader + ",Quarter,Value", KindDisposals},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := mustRead(t, Options{AsOf: asOf}, memFile{"f.csv", []sheet.Sheet{textSheet("", tt.header)}})
			if len(ds.Inputs) != 1 || ds.Inputs[0].Kind != tt.want {
				t.Errorf("inputs %+v, want one of kind %s", ds.Inputs, tt.want)
			}
		})
	}
	t.Run("a plan that also has the comparators' columns is ambiguous", func(t *testing.T) {
		_, err := readMem(Options{}, memFile{"f.csv", []sheet.Sheet{textSheet("", planHeader+",indicator,comparator,period,value")}})
		if err == nil || !strings.Contains(err.Error(), "improvement_plan and comparators") {
			t.Errorf("error %v, want an ambiguous-kind error naming both", err)
		}
	})
}
