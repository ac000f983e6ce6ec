package ingest

import (
	"errors"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/ingest/sheet"
	"github.com/yjsreport/yjsreport/templates"
)

func TestBuiltInMapLoads(t *testing.T) {
	if _, err := loadColumnMap(nil, nil); err != nil {
		t.Fatal(err)
	}
}

// TestSpecAliases checks every header alias SPEC §3 and the brief name.
func TestSpecAliases(t *testing.T) {
	cm, err := loadColumnMap(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	aliases := map[string]string{
		"DOB": "date_of_birth", "Date of Birth": "date_of_birth", "Birth Date": "date_of_birth",
		"Child ID": "child_id", "Person ID": "child_id", "YP ID": "child_id", "Client ID": "child_id",
		"Sex": "gender", "Area": "locality", "Team": "locality",
		"Sentence Date": "outcome_date", "Disposal Date": "outcome_date", "Outcome Date": "outcome_date",
		"Outcome": "outcome_type", "Disposal": "outcome_type", "Disposal Type": "outcome_type",
		"Gravity": "gravity_score", "Seriousness": "gravity_score",
		"CHILD_ID": "child_id", "date-of-birth": "date_of_birth", "Offence.Date": "offence_date",
	}
	for label, want := range aliases {
		c, ok := cm.header(label)
		if !ok || c.String() != want {
			t.Errorf("header %q = %v (%v), want %s", label, c, ok, want)
		}
	}
	if c, ok := cm.header("Case Ref"); ok {
		t.Errorf("Case Ref is built in as %s; the config test needs it not to be", c)
	}
}

func TestConfigAdditions(t *testing.T) {
	tests := []struct {
		name           string
		columns, codes map[string][]string
		wantErr        string
	}{
		{"config alias is accepted", map[string][]string{"child_id": {"Case Ref"}}, nil, ""},
		{"config code is accepted", nil, map[string][]string{"youth_caution": {"Yth Caution"}}, ""},
		{"unknown column name is an error naming it", map[string][]string{"chld_id": {"Case Ref"}}, nil, `unknown column "chld_id"`},
		{"unknown code is an error naming it", nil, map[string][]string{"yth_caution": {"Yth Caution"}}, `unknown code "yth_caution"`},
		{"alias already meaning another column is an error", map[string][]string{"child_id": {"Area"}}, nil, `label "Area" already means locality`},
		{"label already meaning another code is an error", nil, map[string][]string{"youth_caution": {"YCC"}}, `label "YCC" of youth_caution already means youth_conditional_caution`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadColumnMap(tt.columns, tt.codes)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("error %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("error %v, want it to contain %s", err, tt.wantErr)
			}
		})
	}
}

func TestBadColumnMaps(t *testing.T) {
	base := string(templates.ColumnMap)
	tests := []struct{ name, from, to, want string }{
		{"a kind's required list must match the tool", "required: [child_id, date_of_birth, offence_date, outcome_date, outcome_type]",
			"required: [child_id, date_of_birth, offence_date, outcome_date]", "kinds.disposals.required"},
		{"an alias may mean one column only", "gender: [Sex, Gender Identity]", "gender: [Sex, Gender Identity, Area]", `label "Area"`},
		{"a fixed code set must keep its codes", "    neutral: [Neutral, Neutral Closure, Closed Neutral, Neutral Ending]", "", "completion: must list exactly"},
		{"an unknown key is refused", "\ncolumns:\n", "\ncolumnz: {}\ncolumns:\n", "columnz"},
		{"the indicator set must keep every headline name", "    board_attendance_rate: [Board Attendance Rate, Board Attendance, Partner Attendance Rate]\n", "", "indicator: must list exactly"},
		{"a kind's optional list must match the tool", "    optional: [progress, indicator]", "    optional: [progress]", "kinds.improvement_plan.optional"},
		{"a new kind cannot be left out", "  board_attendance:\n    # One row per statutory partner per board meeting.\n    required: [meeting_date, partner, attended]\n    optional: [senior]\n", "", "kinds: must list exactly"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(base, tt.from) {
				t.Fatalf("map lacks %q", tt.from)
			}
			_, err := parseColumnMap([]byte(strings.Replace(base, tt.from, tt.to, 1)))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to mention %s", err, tt.want)
			}
		})
	}
}

func TestHeaderRules(t *testing.T) {
	type want struct {
		kind                       Kind
		read, accepted, rejected   int
		note                       string // substring of Input.Note
		problems                   int
		problemRule, problemReason string
		problemRow                 int
	}
	tests := []struct {
		name  string
		opt   Options
		sheet sheet.Sheet
		want  want
	}{
		{"title row above header skipped", Options{},
			textSheet("", "Disposals extract for the board,,", ",,", dispHeader, dispGood),
			want{kind: KindDisposals, read: 1, accepted: 1}},
		{"header on row 10 is found", Options{},
			textSheet("", "title", "", "", "", "", "", "", "", "run 2019-01-31", dispHeader, dispGood),
			want{kind: KindDisposals, read: 1, accepted: 1}},
		{"header on row 11 is not looked for", Options{},
			textSheet("", "title", "", "", "", "", "", "", "", "", "run", dispHeader, dispGood),
			want{note: "no row in 1-10 has the required columns of any extract", problems: 1, problemRule: "sheet matches no extract"}},
		{"DOB alias", Options{},
			textSheet("", "Child ID,DOB,Offence Date,Sentence Date,Disposal Type", "1001,15/06/2002,01/03/2018,04/04/2018,RO"),
			want{kind: KindDisposals, read: 1, accepted: 1}},
		{"Birth Date and Person ID aliases", Options{},
			textSheet("", "PERSON_ID,Birth Date,offence date,Disposal Date,Outcome", "1001,15/06/2002,01/03/2018,04/04/2018,RO"),
			want{kind: KindDisposals, read: 1, accepted: 1}},
		{"config alias Case Ref", Options{Columns: map[string][]string{"child_id": {"Case Ref"}}},
			textSheet("", "Case Ref,DOB,Offence Date,Outcome Date,Outcome", "1001,15/06/2002,01/03/2018,04/04/2018,RO"),
			want{kind: KindDisposals, read: 1, accepted: 1}},
		{"without the config alias Case Ref matches nothing, naming the missing column", Options{},
			textSheet("", "Case Ref,DOB,Offence Date,Outcome Date,Outcome", "1001,15/06/2002,01/03/2018,04/04/2018,RO"),
			want{note: "the closest is disposals, missing child_id", problems: 1, problemRule: "sheet matches no extract"}},
		{"closest kind names all its missing columns", Options{},
			textSheet("", "child_id,date_of_birth,outcome_type", "1001,15/06/2002,RO"),
			want{note: "the closest is oocd, missing referral_date", problems: 1}},
		{"unknown columns are ignored", Options{},
			textSheet("", "Notes,"+dispHeader+",Worker", "secret note,"+dispGood+",Bob"),
			want{kind: KindDisposals, read: 1, accepted: 1}},
		{"two columns for one name: leftmost used, noted", Options{},
			textSheet("", dispHeader+",Area", dispGood+",South"),
			want{kind: KindDisposals, read: 1, accepted: 1, problems: 1, problemRule: "two columns mean one name",
				problemReason: `columns "locality" and "Area" both mean locality; using "locality", the leftmost`, problemRow: 1}},
		{"wholly blank rows are skipped and not counted", Options{AsOf: asOf},
			textSheet("", dispHeader, dispGood, ",, ,", "", with(dispHeader, dispGood, "child_id", "1002")),
			want{kind: KindDisposals, read: 2, accepted: 2}},
		{"header only: an extract with no rows", Options{},
			textSheet("", victimHeader),
			want{kind: KindVictims}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := mustRead(t, tt.opt, memFile{"f.csv", []sheet.Sheet{tt.sheet}})
			if len(ds.Inputs) != 1 {
				t.Fatalf("inputs %+v", ds.Inputs)
			}
			in, w := ds.Inputs[0], tt.want
			if in.Kind != w.kind || in.Read != w.read || in.Accepted != w.accepted || in.Rejected != w.rejected {
				t.Errorf("input %+v, want kind %q read %d accepted %d rejected %d", in, w.kind, w.read, w.accepted, w.rejected)
			}
			if !strings.Contains(in.Note, w.note) || (w.note == "") != (in.Note == "") {
				t.Errorf("note %q, want %q", in.Note, w.note)
			}
			if len(ds.Problems) != w.problems {
				t.Fatalf("problems %v, want %d", ds.Problems, w.problems)
			}
			if w.problems > 0 {
				p := ds.Problems[0]
				if p.Severity != SevNote || (w.problemRule != "" && p.Rule != w.problemRule) ||
					(w.problemReason != "" && p.Reason != w.problemReason) || p.Row != w.problemRow {
					t.Errorf("problem %+v", p)
				}
			}
		})
	}
}

func TestTwoKindsIsAnError(t *testing.T) {
	// Every required column of both disposals and oocd.
	h := "child_id,date_of_birth,offence_date,outcome_date,outcome_type,referral_date"
	_, err := readMem(Options{}, memFile{"mixed.xlsx", []sheet.Sheet{textSheet("Both", h)}})
	var fe *FileError
	if !errors.As(err, &fe) || fe.File != "mixed.xlsx" || !strings.Contains(err.Error(), "disposals and oocd") ||
		!strings.Contains(err.Error(), `sheet "Both"`) || fe.Hint == "" {
		t.Fatalf("error %v, want a FileError naming the sheet and both kinds", err)
	}
}

func TestHiddenAndEmptySheets(t *testing.T) {
	hidden := textSheet("Lookup", dispHeader, dispGood)
	hidden.Hidden = true
	ds := mustRead(t, Options{AsOf: asOf}, memFile{"w.xlsx", []sheet.Sheet{
		hidden,
		textSheet("Empty", "", ",,"),
		textSheet("Outcomes", dispHeader, dispGood),
	}})
	if len(ds.Inputs) != 1 || ds.Inputs[0].Sheet != "Outcomes" || ds.Inputs[0].Accepted != 1 {
		t.Errorf("inputs %+v, want only Outcomes", ds.Inputs)
	}
	if len(ds.Problems) != 2 || ds.Problems[0].Sheet != "Lookup" || ds.Problems[0].Rule != "hidden sheet skipped" ||
		ds.Problems[1].Sheet != "Empty" || ds.Problems[1].Rule != "empty sheet skipped" ||
		ds.Problems[0].Severity != SevNote || ds.Problems[1].Severity != SevNote {
		t.Errorf("problems %+v", ds.Problems)
	}
}

func TestMatchHeaderIgnoresNonKindDuplicates(t *testing.T) {
	// Comments and Update both mean progress, which is no column of disposals: no note.
	ds := mustRead(t, Options{AsOf: asOf}, memFile{"f.csv", []sheet.Sheet{
		textSheet("", dispHeader+",Comments,Update", dispGood+",a,b")}})
	if len(ds.Problems) != 0 {
		t.Errorf("problems %v", ds.Problems)
	}
}

// TestLooseMatching: headers and codes decorated the way exports decorate them still match,
// after the SPEC folding fails, with brackets dropped, "&" read as "and" and any other
// punctuation ignored; a loose form shared by two columns matches neither.
func TestLooseMatching(t *testing.T) {
	cm, err := loadColumnMap(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	headers := map[string]string{
		"Date of Birth (DD/MM/YYYY)": "date_of_birth",
		"Breach?":                    "breach",
		"Child ID:":                  "child_id",
		"Offence Date [dd/mm/yyyy]":  "offence_date",
		"Gravity Score (1-8)":        "gravity_score",
	}
	for label, want := range headers {
		c, ok := cm.header(label)
		if !ok || c.String() != want {
			t.Errorf("header %q = %v (%v), want %s", label, c, ok, want)
		}
	}
	for _, label := range []string{"Date (of birth)", "Notes?", "(DOB)"} {
		if c, ok := cm.header(label); ok {
			t.Errorf("header %q matched %s; want no match", label, c)
		}
	}
	codes := map[string]Outcome{
		"Referral Order (RO)":        ReferralOrder,
		"Detention & Training Order": DetentionTraining,
		"Youth Caution*":             YouthCaution,
		"YRO (with ISS)":             YouthRehabilitation,
	}
	set := cm.sets[setOutcome]
	for label, want := range codes {
		if i := set.lookup(label); i < 0 || Outcome(set.codes[i]) != want {
			t.Errorf("code %q = %d, want %s", label, i, want)
		}
	}
	if i := set.lookup("Yth Caution"); i >= 0 {
		t.Errorf("Yth Caution matched %s; a misspelling must stay unknown", set.codes[i])
	}

	// Two columns whose labels differ only in punctuation: the loose form is ambiguous.
	amb, err := loadColumnMap(map[string][]string{"locality": {"Area/Team"}, "ethnicity": {"Area Team?"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := amb.header("Area:Team"); ok {
		t.Errorf("ambiguous loose header matched %s", c)
	}
}
