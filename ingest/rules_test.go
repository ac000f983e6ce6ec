package ingest

import (
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/ingest/sheet"
)

// rowCase checks one row of one extract against the rules of SPEC §3 and §3.6.
type rowCase struct {
	name   string
	header string
	row    string
	excel  bool
	opt    func(*Options)
	// want: whether the row is kept, and the one problem expected ("" severity: none).
	kept   bool
	sev    Severity
	column string
	rule   string
	reason string // "" = not checked
	check  func(t *testing.T, ds *Dataset)
}

func (c rowCase) run(t *testing.T) {
	t.Helper()
	opt := Options{AsOf: asOf}
	if c.opt != nil {
		c.opt(&opt)
	}
	sh := textSheet("", c.header, c.row)
	sh.Excel = c.excel
	ds := mustRead(t, opt, memFile{"f.csv", []sheet.Sheet{sh}})
	if len(ds.Inputs) != 1 {
		t.Fatalf("inputs = %+v, want one", ds.Inputs)
	}
	in := ds.Inputs[0]
	wantAcc, wantRej := 0, 1
	if c.kept {
		wantAcc, wantRej = 1, 0
	}
	if in.Read != 1 || in.Accepted != wantAcc || in.Rejected != wantRej {
		t.Errorf("read/accepted/rejected = %d/%d/%d, want 1/%d/%d; problems %v", in.Read, in.Accepted, in.Rejected, wantAcc, wantRej, ds.Problems)
	}
	if c.sev == "" {
		if len(ds.Problems) != 0 {
			t.Errorf("problems = %v, want none", ds.Problems)
		}
	} else {
		if len(ds.Problems) != 1 {
			t.Fatalf("problems = %v, want one %s", ds.Problems, c.sev)
		}
		p := ds.Problems[0]
		if p.Severity != c.sev || p.Column != c.column || p.Rule != c.rule || p.Row != 2 || p.File != "f.csv" {
			t.Errorf("problem = %+v, want severity %s column %s rule %q row 2", p, c.sev, c.column, c.rule)
		}
		if c.reason != "" && p.Reason != c.reason {
			t.Errorf("reason = %q, want %q", p.Reason, c.reason)
		}
		if c.sev == SevWarning && in.Warnings != 1 {
			t.Errorf("warnings = %d, want 1", in.Warnings)
		}
	}
	if c.check != nil {
		c.check(t, ds)
	}
}

func TestDisposalRules(t *testing.T) {
	h, g := dispHeader, dispGood
	w := func(name, v string) string { return with(h, g, name, v) }
	tests := []rowCase{
		{name: "good row is accepted with its values", header: h, row: g, kept: true,
			check: func(t *testing.T, ds *Dataset) {
				want := Disposal{ChildID: "1001", DateOfBirth: d(2002, 6, 15), OffenceDate: d(2018, 3, 1),
					OutcomeDate: d(2018, 4, 4), OutcomeType: ReferralOrder, Gender: "Male", Ethnicity: "White",
					Locality: "North", OffenceCategory: "robbery", GravityScore: 5, Breach: No,
					Src: Source{Input: 0, Row: 2}}
				if ds.Disposals[0] != want {
					t.Errorf("got %+v\nwant %+v", ds.Disposals[0], want)
				}
			}},
		{name: "offence after outcome is rejected", header: h, row: w("offence_date", "05/04/2018"),
			sev: SevRejected, column: "outcome_date", rule: "outcome_date before offence_date",
			reason: "outcome_date 04/04/2018 is before offence_date 05/04/2018"},
		{name: "offence on the outcome day is accepted", header: h, row: w("offence_date", "04/04/2018"), kept: true},
		{name: "two-digit year rejected", header: h, row: w("date_of_birth", "15/6/02"),
			sev: SevRejected, column: "date_of_birth", rule: "two-digit year",
			reason: `"15/6/02" has a two-digit year (use DD/MM/YYYY)`},
		{name: "impossible date rejected", header: h, row: w("offence_date", "31/02/2018"),
			sev: SevRejected, column: "offence_date", rule: "not a date",
			reason: `"31/02/2018" is not a date (use DD/MM/YYYY)`},
		{name: "required value blank rejected", header: h, row: w("child_id", " "),
			sev: SevRejected, column: "child_id", rule: "required value blank"},
		{name: "unknown outcome_type rejected listing the valid codes", header: h, row: w("outcome_type", "Yth Caution"),
			sev: SevRejected, column: "outcome_type", rule: "unknown outcome_type",
			reason: `unknown outcome_type "Yth Caution"; valid: community_resolution, outcome_22, youth_caution, youth_conditional_caution, discharge, fine, referral_order, reparation_order, youth_rehabilitation_order, detention_training_order, long_term_detention; if it means youth_caution, add to the config (yjsreport.yaml): codes: {youth_caution: ["Yth Caution"]}`},
		{name: "unknown code holding a label whole is offered that label's code", header: h, row: w("outcome_type", "Referral Order Ext 2"),
			sev: SevRejected, column: "outcome_type", rule: "unknown outcome_type",
			reason: `unknown outcome_type "Referral Order Ext 2"; valid: community_resolution, outcome_22, youth_caution, youth_conditional_caution, discharge, fine, referral_order, reparation_order, youth_rehabilitation_order, detention_training_order, long_term_detention; if it means referral_order, add to the config (yjsreport.yaml): codes: {referral_order: ["Referral Order Ext 2"]}`},
		{name: "unknown code far from every label is offered CODE to choose", header: h, row: w("outcome_type", "Bail Support"),
			sev: SevRejected, column: "outcome_type", rule: "unknown outcome_type",
			reason: `unknown outcome_type "Bail Support"; valid: community_resolution, outcome_22, youth_caution, youth_conditional_caution, discharge, fine, referral_order, reparation_order, youth_rehabilitation_order, detention_training_order, long_term_detention; to accept it, add to the config (yjsreport.yaml) the valid code it means: codes: {CODE: ["Bail Support"]}`},
		{name: "config code Yth Caution", header: h, row: w("outcome_type", "Yth Caution"), kept: true,
			opt: func(o *Options) { o.Codes = map[string][]string{"youth_caution": {"Yth Caution"}} },
			check: func(t *testing.T, ds *Dataset) {
				if ds.Disposals[0].OutcomeType != YouthCaution {
					t.Errorf("outcome = %q", ds.Disposals[0].OutcomeType)
				}
			}},
		{name: "outcome date after the as-of date is rejected", header: h, row: w("outcome_date", "01/02/2019"),
			sev: SevRejected, column: "outcome_date", rule: "after the as-of date",
			reason: "outcome_date 01/02/2019 is after the as-of date 31/01/2019"},
		{name: "outcome on the as-of date is accepted", header: h, row: w("outcome_date", "31/01/2019"), kept: true},
		// Born 05/04/2008: 9 on 04/04/2018, the day before the 10th birthday.
		{name: "age 9 on the outcome date is rejected", header: h, row: w("date_of_birth", "05/04/2008"),
			sev: SevRejected, column: "date_of_birth", rule: "age outside 10-18",
			reason: "age 9 on outcome_date 04/04/2018 is outside 10-18"},
		{name: "age 10 on the 10th birthday is accepted", header: h, row: w("date_of_birth", "04/04/2008"), kept: true},
		// Born 05/04/1999: still 18 on 04/04/2018; born 04/04/1999: 19 that day.
		{name: "age 18 is accepted", header: h, row: w("date_of_birth", "05/04/1999"), kept: true},
		{name: "age 19 is rejected", header: h, row: w("date_of_birth", "04/04/1999"),
			sev: SevRejected, column: "date_of_birth", rule: "age outside 10-18"},
		{name: "gravity 9 is a warning and the row is kept", header: h, row: w("gravity_score", "9"), kept: true,
			sev: SevWarning, column: "gravity_score", rule: "gravity not 1-8",
			check: func(t *testing.T, ds *Dataset) {
				if ds.Disposals[0].GravityScore != 0 {
					t.Errorf("gravity = %d, want 0 (blank)", ds.Disposals[0].GravityScore)
				}
			}},
		{name: "breach maybe is a warning and the row is kept", header: h, row: w("breach", "maybe"), kept: true,
			sev: SevWarning, column: "breach", rule: "not yes or no",
			check: func(t *testing.T, ds *Dataset) {
				if ds.Disposals[0].Breach != Blank {
					t.Errorf("breach = %d, want blank", ds.Disposals[0].Breach)
				}
			}},
		{name: "breach Y is yes", header: h, row: w("breach", "Y"), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.Disposals[0].Breach != Yes {
					t.Errorf("breach = %d", ds.Disposals[0].Breach)
				}
			}},
		{name: "an Excel boolean 1 is yes", header: h, row: w("breach", "1"), excel: true, kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.Disposals[0].Breach != Yes {
					t.Errorf("breach = %d", ds.Disposals[0].Breach)
				}
			}},
		{name: "FALSE is no", header: h, row: w("breach", "FALSE"), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.Disposals[0].Breach != No {
					t.Errorf("breach = %d", ds.Disposals[0].Breach)
				}
			}},
		{name: "bad optional date is a warning", header: h,
			row: with(h, w("outcome_type", "DTO"), "release_date", "31/02/2018"), kept: true,
			sev: SevWarning, column: "release_date", rule: "not a date"},
		{name: "release before outcome is rejected", header: h,
			row: with(h, w("outcome_type", "DTO"), "release_date", "03/04/2018"),
			sev: SevRejected, column: "release_date", rule: "release_date before outcome_date"},
		{name: "release date after as-of is rejected", header: h,
			row: with(h, w("outcome_type", "DTO"), "release_date", "01/02/2019"),
			sev: SevRejected, column: "release_date", rule: "after the as-of date"},
		{name: "custody release date is kept", header: h,
			row: with(h, w("outcome_type", "Detention and Training Order"), "release_date", "04/10/2018"), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if r := ds.Disposals[0]; r.OutcomeType != DetentionTraining || r.ReleaseDate != d(2018, 10, 4) {
					t.Errorf("got %v %v", r.OutcomeType, r.ReleaseDate)
				}
			}},
		{name: "release date on a non-custody outcome is a warning", header: h, row: w("release_date", "04/10/2018"),
			kept: true, sev: SevWarning, column: "release_date", rule: "release_date on a non-custody outcome"},
		{name: "blank free text becomes unknown", header: h, row: with(h, w("gender", ""), "locality", "  "), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if r := ds.Disposals[0]; r.Gender != "unknown" || r.Locality != "unknown" || r.Ethnicity != "White" {
					t.Errorf("gender %q locality %q ethnicity %q", r.Gender, r.Locality, r.Ethnicity)
				}
			}},
		{name: "text is trimmed", header: h, row: with(h, w("locality", "  North East "), "child_id", " 1001 "), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if r := ds.Disposals[0]; r.Locality != "North East" || r.ChildID != "1001" {
					t.Errorf("locality %q child %q", r.Locality, r.ChildID)
				}
			}},
		{name: "id written as a number is its digits", header: h, row: w("child_id", "1001.0"), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.Disposals[0].ChildID != "1001" {
					t.Errorf("child %q", ds.Disposals[0].ChildID)
				}
			}},
		{name: "offence category label is its code", header: h, row: w("offence_category", "Violence Against the Person"), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.Disposals[0].OffenceCategory != "violence_against_the_person" {
					t.Errorf("category %q", ds.Disposals[0].OffenceCategory)
				}
			}},
		{name: "VATP is violence against the person", header: h, row: w("offence_category", "VATP"), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.Disposals[0].OffenceCategory != "violence_against_the_person" {
					t.Errorf("category %q", ds.Disposals[0].OffenceCategory)
				}
			}},
		{name: "unknown offence category kept as text", header: h, row: w("offence_category", " Kite flying "), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.Disposals[0].OffenceCategory != "Kite flying" {
					t.Errorf("category %q", ds.Disposals[0].OffenceCategory)
				}
			}},
		// 43194 = 43101 (1 Jan 2018) + 31 + 28 + 31 + 3 = 4 April 2018.
		{name: "Excel serial date", header: h, row: w("outcome_date", "43194"), excel: true, kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.Disposals[0].OutcomeDate != d(2018, 4, 4) {
					t.Errorf("outcome %v", ds.Disposals[0].OutcomeDate)
				}
			}},
		{name: "a number in a CSV date column is not a date", header: h, row: w("outcome_date", "43194"),
			sev: SevRejected, column: "outcome_date", rule: "not a date"},
		{name: "date with time part", header: h, row: w("outcome_date", "04/04/2018 13:45"), kept: true},
		{name: "section 250 is long-term detention", header: h, row: w("outcome_type", "Section 250"), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.Disposals[0].OutcomeType != LongTermDetention {
					t.Errorf("outcome %q", ds.Disposals[0].OutcomeType)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

// TestOutcomeLabels checks the labels SPEC §3 names for every outcome code.
func TestOutcomeLabels(t *testing.T) {
	labels := map[string]Outcome{
		"YC": YouthCaution, "Youth Caution": YouthCaution, "YCC": YouthConditionalCaution,
		"Youth Conditional Caution": YouthConditionalCaution, "CR": CommunityResolution,
		"Community Resolution": CommunityResolution, "O22": Outcome22, "Outcome 22": Outcome22,
		"RO": ReferralOrder, "Referral Order": ReferralOrder, "YRO": YouthRehabilitation,
		"Youth Rehabilitation Order": YouthRehabilitation, "DTO": DetentionTraining,
		"Detention and Training Order": DetentionTraining, "Detention Training Order": DetentionTraining,
		"Conditional Discharge": Discharge, "Absolute Discharge": Discharge, "Discharge": Discharge,
		"Section 250": LongTermDetention, "s250": LongTermDetention, "S.250": LongTermDetention,
		"Section 91": LongTermDetention, "Section 90": LongTermDetention, "Long Term Detention": LongTermDetention,
		"Reparation Order": ReparationOrder, "Fine": Fine, "youth_rehabilitation_order": YouthRehabilitation,
		"OUTCOME-22": Outcome22, "Detention & Training Order": DetentionTraining,
		"Conditional Caution": YouthConditionalCaution,
	}
	cm, err := loadColumnMap(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := cm.sets[setOutcome]
	for label, want := range labels {
		i := s.lookup(label)
		if i < 0 || Outcome(s.codes[i]) != want {
			t.Errorf("%q: got index %d, want %s", label, i, want)
		}
	}
}

func TestCodeSets(t *testing.T) {
	cm, err := loadColumnMap(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		set   codeSetID
		label string
		want  string
	}{
		{setCompletion, "Complete", "completed"}, {setCompletion, "Successful", "completed"},
		{setCompletion, "Not Completed", "not_completed"}, {setCompletion, "Unsuccessful", "not_completed"},
		{setCompletion, "neutral", "neutral"},
		{setRAG, "R", "red"}, {setRAG, "A", "amber"}, {setRAG, "G", "green"}, {setRAG, "Completed", "complete"},
		{setRAG, "GREEN", "green"},
		{setSuitability, "Suitable", "suitable"}, {setSuitability, "not suitable", "unsuitable"},
		{setSuitability, "Unknown", "unknown"},
		{setOffence, "Violence Against the Person", "violence_against_the_person"}, {setOffence, "VATP", "violence_against_the_person"},
		{setOffence, "Robbery", "robbery"}, {setOffence, "Drug Offences", "drugs"},
		{setYesNo, "yes", "yes"}, {setYesNo, "Y", "yes"}, {setYesNo, "TRUE", "yes"}, {setYesNo, "1", "yes"},
		{setYesNo, "No", "no"}, {setYesNo, "n", "no"}, {setYesNo, "false", "no"}, {setYesNo, "0", "no"},
	}
	for _, tt := range tests {
		s := cm.sets[tt.set]
		i := s.lookup(tt.label)
		if i < 0 || s.codes[i] != tt.want {
			t.Errorf("%s %q: got %d, want %s", s.name, tt.label, i, tt.want)
		}
	}
	for _, bad := range []string{"maybe", "2", "yess"} {
		if i := cm.sets[setYesNo].lookup(bad); i >= 0 {
			t.Errorf("yes/no %q accepted as %s", bad, cm.sets[setYesNo].codes[i])
		}
	}
}

func TestETERules(t *testing.T) {
	h, g := eteHeader, eteGood
	w := func(name, v string) string { return with(h, g, name, v) }
	tests := []rowCase{
		{name: "good ETE row", header: h, row: g, kept: true,
			check: func(t *testing.T, ds *Dataset) {
				want := ETE{ChildID: "1001", DateOfBirth: d(2002, 6, 15), InterventionType: YouthRehabilitation,
					InterventionStart: d(2018, 5, 1), InterventionEnd: d(2018, 11, 30), SuitableStart: Unsuitable,
					SuitableEnd: Suitable, HoursOfferedStart: Hours{0, true}, HoursAttendedStart: Hours{0, true},
					HoursOfferedEnd: Hours{25, true}, HoursAttendedEnd: Hours{20, true}, ProvisionStart: "None",
					ProvisionEnd: "School", Locality: "North", Src: Source{Row: 2}}
				if ds.ETE[0] != want {
					t.Errorf("got %+v\nwant %+v", ds.ETE[0], want)
				}
			}},
		{name: "intervention end before start is rejected", header: h, row: w("intervention_end", "30/04/2018"),
			sev: SevRejected, column: "intervention_end", rule: "intervention_end before intervention_start"},
		{name: "blank intervention end is still open", header: h, row: w("intervention_end", ""), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.ETE[0].InterventionEnd != 0 {
					t.Errorf("end %v", ds.ETE[0].InterventionEnd)
				}
			}},
		{name: "bad intervention end is rejected", header: h, row: w("intervention_end", "31/11/2018"),
			sev: SevRejected, column: "intervention_end", rule: "not a date"},
		{name: "blank suitability is unknown", header: h, row: w("ete_suitable_end", ""), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.ETE[0].SuitableEnd != SuitUnknown {
					t.Errorf("suitable %v", ds.ETE[0].SuitableEnd)
				}
			}},
		{name: "unknown suitability code is rejected", header: h, row: w("ete_suitable_start", "maybe"),
			sev: SevRejected, column: "ete_suitable_start", rule: "unknown ete_suitable_start",
			reason: `unknown ete_suitable_start "maybe"; valid: suitable, unsuitable, unknown; to accept it, add to the config (yjsreport.yaml) the valid code it means: codes: {CODE: ["maybe"]}`},
		{name: "hours -2 is a warning and not recorded", header: h, row: w("hours_offered_end", "-2"), kept: true,
			sev: SevWarning, column: "hours_offered_end", rule: "hours not a number 0 or more",
			check: func(t *testing.T, ds *Dataset) {
				if ds.ETE[0].HoursOfferedEnd.Valid {
					t.Error("hours kept")
				}
			}},
		{name: "blank hours are not recorded", header: h, row: w("hours_offered_start", ""), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.ETE[0].HoursOfferedStart.Valid {
					t.Error("hours recorded")
				}
			}},
		{name: "intervention type must be a code of 3.1", header: h, row: w("intervention_type", "Bail Support"),
			sev: SevRejected, column: "intervention_type", rule: "unknown intervention_type"},
		// Born 15/06/2002: 15 on 01/05/2018 but the row is checked on the start, not the end.
		{name: "age is taken on the intervention start", header: h, row: w("date_of_birth", "02/05/2008"),
			sev: SevRejected, column: "date_of_birth", rule: "age outside 10-18",
			reason: "age 9 on intervention_start 01/05/2018 is outside 10-18"},
		{name: "intervention end after as-of is rejected", header: h, row: w("intervention_end", "01/02/2019"),
			sev: SevRejected, column: "intervention_end", rule: "after the as-of date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

func TestOOCDRules(t *testing.T) {
	h, g := oocdHeader, oocdGood
	w := func(name, v string) string { return with(h, g, name, v) }
	tests := []rowCase{
		{name: "good OOCD row", header: h, row: g, kept: true,
			check: func(t *testing.T, ds *Dataset) {
				want := OOCD{ChildID: "2001", DateOfBirth: d(2004, 6, 15), OutcomeType: YouthCaution,
					ReferralDate: d(2018, 3, 1), AssessmentDate: d(2018, 3, 8), DecisionDate: d(2018, 3, 20),
					InterventionStart: d(2018, 3, 26), InterventionEnd: d(2018, 6, 30), Completion: Completed,
					AtPanel: Yes, VictimIdentified: Yes, VictimViewsSought: No, Locality: "South", Src: Source{Row: 2}}
				if ds.OOCD[0] != want {
					t.Errorf("got %+v\nwant %+v", ds.OOCD[0], want)
				}
			}},
		{name: "court outcome is not an out-of-court disposal", header: h, row: w("outcome_type", "Referral Order"),
			sev: SevRejected, column: "outcome_type", rule: "outcome_type not out-of-court",
			reason: `outcome_type "Referral Order" (referral_order) is not an out-of-court outcome; valid: community_resolution, outcome_22, youth_caution, youth_conditional_caution`},
		{name: "assessment before referral is rejected", header: h, row: w("assessment_date", "28/02/2018"),
			sev: SevRejected, column: "assessment_date", rule: "assessment_date before referral_date"},
		{name: "decision before referral is rejected", header: h, row: w("decision_date", "28/02/2018"),
			sev: SevRejected, column: "decision_date", rule: "decision_date before referral_date"},
		{name: "assessment on the referral day is accepted", header: h, row: w("assessment_date", "01/03/2018"), kept: true},
		{name: "completion Unsuccessful is not completed", header: h, row: w("completion", "Unsuccessful"), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.OOCD[0].Completion != NotCompleted {
					t.Errorf("completion %d", ds.OOCD[0].Completion)
				}
			}},
		{name: "blank completion is not recorded", header: h, row: w("completion", ""), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.OOCD[0].Completion != CompletionNotRecorded {
					t.Errorf("completion %d", ds.OOCD[0].Completion)
				}
			}},
		{name: "unknown completion is a warning", header: h, row: w("completion", "Ongoing"), kept: true,
			sev: SevWarning, column: "completion", rule: "unknown completion"},
		// Born 15/06/2004: 13 on 01/03/2018. Born 02/03/2008: 9 that day.
		{name: "age is taken on the referral date", header: h, row: w("date_of_birth", "02/03/2008"),
			sev: SevRejected, column: "date_of_birth", rule: "age outside 10-18"},
		{name: "blank referral date is rejected", header: h, row: w("referral_date", ""),
			sev: SevRejected, column: "referral_date", rule: "required value blank"},
		{name: "optional decision date after as-of is still rejected", header: h, row: w("decision_date", "01/02/2019"),
			sev: SevRejected, column: "decision_date", rule: "after the as-of date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

func TestVictimAndPlanRules(t *testing.T) {
	vh, vg := victimHeader, victimGood
	ph, pg := planHeader, planGood
	tests := []rowCase{
		{name: "good victim row", header: vh, row: vg, kept: true,
			check: func(t *testing.T, ds *Dataset) {
				want := Victim{VictimID: "V1", ChildID: "1001", ClosureDate: d(2018, 11, 30), ConsentedToContact: Yes,
					ViewsSought: Yes, RJOffered: Yes, RJEngaged: Yes, Src: Source{Row: 2}}
				if ds.Victims[0] != want || !ds.HasVictims {
					t.Errorf("got %+v, has %v", ds.Victims[0], ds.HasVictims)
				}
			}},
		{name: "rj engaged without consent is a warning", header: vh, row: with(vh, vg, "consented_to_contact", "no"), kept: true,
			sev: SevWarning, column: "rj_engaged", rule: "rj_engaged without consent",
			check: func(t *testing.T, ds *Dataset) {
				if ds.Victims[0].RJEngaged != Yes {
					t.Error("engagement not kept as recorded")
				}
			}},
		{name: "consent is required", header: vh, row: with(vh, vg, "consented_to_contact", ""),
			sev: SevRejected, column: "consented_to_contact", rule: "required value blank"},
		{name: "consent must be yes or no", header: vh, row: with(vh, vg, "consented_to_contact", "maybe"),
			sev: SevRejected, column: "consented_to_contact", rule: "not yes or no"},
		{name: "closure after as-of is rejected", header: vh, row: with(vh, vg, "closure_date", "2019-02-01"),
			sev: SevRejected, column: "closure_date", rule: "after the as-of date"},
		{name: "good plan row; due date after as-of is allowed", header: ph, row: pg, kept: true,
			check: func(t *testing.T, ds *Dataset) {
				want := Action{Recommendation: "Reduce FTE", Action: "Extend prevention offer", Owner: "Head of Service",
					DueDate: d(2019, 6, 30), RAG: Amber, Progress: "Started", Src: Source{Row: 2}}
				if ds.Plan[0] != want || !ds.HasPlan {
					t.Errorf("got %+v, has %v", ds.Plan[0], ds.HasPlan)
				}
			}},
		{name: "rag R is red", header: ph, row: with(ph, pg, "rag", "R"), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.Plan[0].RAG != Red {
					t.Errorf("rag %q", ds.Plan[0].RAG)
				}
			}},
		{name: "rag Completed is complete", header: ph, row: with(ph, pg, "rag", "Completed"), kept: true,
			check: func(t *testing.T, ds *Dataset) {
				if ds.Plan[0].RAG != Complete {
					t.Errorf("rag %q", ds.Plan[0].RAG)
				}
			}},
		{name: "unknown rag rejected", header: ph, row: with(ph, pg, "rag", "Purple"),
			sev: SevRejected, column: "rag", rule: "unknown rag", reason: `unknown rag "Purple"; valid: red, amber, green, complete; to accept it, add to the config (yjsreport.yaml) the valid code it means: codes: {CODE: ["Purple"]}`},
		{name: "plan owner required", header: ph, row: with(ph, pg, "owner", ""),
			sev: SevRejected, column: "owner", rule: "required value blank"},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

// TestRuleHasNoValue checks that a Rule never carries cell content, so the report may print
// it (SPEC §6).
func TestRuleHasNoValue(t *testing.T) {
	h := dispHeader
	rows := []string{
		with(h, dispGood, "offence_date", "31/02/2018"),
		with(h, dispGood, "outcome_type", "SECRET-OUTCOME"),
		with(h, dispGood, "gravity_score", "SECRET9"),
		with(h, dispGood, "breach", "SECRETMAYBE"),
	}
	for _, row := range rows {
		ds := mustRead(t, Options{AsOf: asOf}, memFile{"f.csv", []sheet.Sheet{textSheet("", h, row)}})
		for _, p := range ds.Problems {
			if strings.Contains(p.Rule, "SECRET") || strings.Contains(p.Rule, "31/02") || strings.Contains(p.Rule, "1001") {
				t.Errorf("rule %q carries a value", p.Rule)
			}
			if p.ChildID != "1001" {
				t.Errorf("child id %q not set on the problem", p.ChildID)
			}
		}
	}
}
