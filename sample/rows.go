package sample

import (
	"fmt"
	"strings"

	"github.com/yjsreport/yjsreport/calendar"
)

// The columns of each export. Headers use the canonical names or the aliases SPEC §3 lists;
// canon is what the header stands for ("" for extra columns no kind uses).
var (
	disp1Cols = []column{
		{"Child ID", "child_id"}, {"DOB", "date_of_birth"}, {"Sex", "gender"}, {"Ethnicity", "ethnicity"},
		{"Area", "locality"}, {"Offence Date", "offence_date"}, {"Sentence Date", "outcome_date"},
		{"Outcome", "outcome_type"}, {"Offence Category", "offence_category"}, {"Gravity", "gravity_score"},
		{"Breach", "breach"}, {"Release Date", "release_date"}, {"Worker", ""}, {"Case Notes", ""},
	}
	disp2Cols = []column{
		{"Person ID", "child_id"}, {"Birth Date", "date_of_birth"}, {"Gender", "gender"},
		{"Ethnicity", "ethnicity"}, {"Offence Date", "offence_date"}, {"Disposal Date", "outcome_date"},
		{"Disposal Type", "outcome_type"}, {"Offence Category", "offence_category"},
		{"Seriousness", "gravity_score"}, {"Breach", "breach"}, {"Release Date", "release_date"},
		{"Team", "locality"}, {"Case Notes", ""},
	}
	eteCols = []column{
		{"Client ID", "child_id"}, {"DOB", "date_of_birth"}, {"Intervention Type", "intervention_type"},
		{"Intervention Start", "intervention_start"}, {"Intervention End", "intervention_end"},
		{"ETE Suitable Start", "ete_suitable_start"}, {"ETE Suitable End", "ete_suitable_end"},
		{"Hours Offered Start", "hours_offered_start"}, {"Hours Attended Start", "hours_attended_start"},
		{"Hours Offered End", "hours_offered_end"}, {"Hours Attended End", "hours_attended_end"},
		{"Provision Start", "provision_start"}, {"Provision End", "provision_end"},
		{"Locality", "locality"}, {"Worker", ""},
		// The YJB key performance indicators, under the headers a case system exports.
		{"Accommodation Suitable at Start", "accommodation_suitable_start"},
		{"Accommodation Suitable at End", "accommodation_suitable_end"},
		{"SEND", "send_identified"}, {"EHCP", "learning_plan"},
		{"MH Need Identified", "mental_health_need"}, {"MH Intervention Offered", "mental_health_offered"},
		{"MH Attending", "mental_health_attending"},
		{"SM Need Identified", "substance_misuse_need"}, {"SM Intervention Offered", "substance_misuse_offered"},
		{"SM Attending", "substance_misuse_attending"},
		{"Looked After at End", "looked_after_end"}, {"CP Plan at End", "child_protection_end"},
		{"CIN at End", "child_in_need_end"}, {"Early Help at End", "early_help_end"},
	}
	// The feedback export of a survey tool: one row per answer, long form. "Comments" is
	// free text the tool must never read.
	feedbackCols = []column{
		{"Response ID", "response_id"}, {"Child ID", "child_id"}, {"Completed By", "respondent"},
		{"Date Completed", "completed_date"}, {"Question", "question"}, {"Response", "answer"},
		{"Comments", ""},
	}
	oocdCols = []column{
		{"YP ID", "child_id"}, {"Date of Birth", "date_of_birth"}, {"Sex", "gender"},
		{"Outcome", "outcome_type"}, {"Referral Date", "referral_date"},
		{"Assessment Date", "assessment_date"}, {"Decision Date", "decision_date"},
		// The police outcome date, the same as the decision: not an oocd column, so ignored.
		{"Outcome Date", "outcome_date"},
		{"Intervention Start", "intervention_start"}, {"Intervention End", "intervention_end"},
		{"Completion", "completion"}, {"At Panel", "at_panel"}, {"Victim Identified", "victim_identified"},
		{"Victim Views Sought", "victim_views_sought"}, {"Area", "locality"}, {"Worker", ""},
	}
	victimCols = []column{
		{"Victim ID", "victim_id"}, {"Child ID", "child_id"}, {"Victim Type", ""},
		{"Closure Date", "closure_date"}, {"Consented to Contact", "consented_to_contact"},
		{"Views Sought", "views_sought"}, {"RJ Offered", "rj_offered"}, {"RJ Engaged", "rj_engaged"},
		{"Notes", ""},
	}
	planCols = []column{
		{"Ref", ""}, {"Recommendation", "recommendation"}, {"Action", "action"}, {"Owner", "owner"},
		{"Due Date", "due_date"}, {"RAG", "rag"}, {"Progress", "progress"},
		{"Linked Indicator", "indicator"}, {"Last Updated", ""},
	}
)

// Outcome labels: the older export spells them out, the newer one abbreviates.
var (
	labelsOld = map[string]string{
		cr: "Community Resolution", o22: "Outcome 22", yc: "Youth Caution", ycc: "Youth Conditional Caution",
		dis: "Conditional Discharge", fin: "Fine", ro: "Referral Order", rep: "Reparation Order",
		yro: "Youth Rehabilitation Order", dto: "Detention Training Order", ltd: "Long Term Detention",
	}
	labelsNew = map[string]string{
		cr: "CR", o22: "O22", yc: "YC", ycc: "YCC", dis: "Conditional Discharge", fin: "Fine", ro: "RO",
		rep: "Reparation Order", yro: "YRO", dto: "DTO", ltd: "Section 250",
	}
)

// label returns the outcome's label; one discharge in four is written as plain "Discharge",
// decided from the offence date so that the two sheets agree.
func label(labels map[string]string, code string, offence calendar.Date) string {
	if code == dis && offence%4 == 0 {
		return "Discharge"
	}
	return labels[code]
}

func categoryLabel(code string) string {
	for _, c := range categories {
		if c.code == code {
			return c.label
		}
	}
	if code == breachCategory {
		return "Breach of Statutory Order"
	}
	return code
}

func optDate(d calendar.Date) any {
	if d == 0 {
		return nil
	}
	return d
}

func optInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func optHours(h float64) any {
	if h < 0 {
		return nil
	}
	return h
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

func ynText(v yn, yes, no string) string {
	switch v {
	case ynYes:
		return yes
	case ynNo:
		return no
	}
	return ""
}

func titleCase(code string) string {
	switch code {
	case "suitable":
		return "Suitable"
	case "unsuitable":
		return "Unsuitable"
	case "unknown":
		return "Unknown"
	case "completed":
		return "Completed"
	case "not_completed":
		return "Not Completed"
	case "neutral":
		return "Neutral"
	}
	return code
}

func (g *generator) disp1Row(rec any) []any {
	r := rec.(dispRec)
	c, d := r.c, r.d
	return []any{c.id, c.dob, c.gender, c.ethnicity, c.locality, d.offence, d.outcome,
		label(labelsOld, d.code, d.offence), categoryLabel(d.category), optInt(d.gravity), yesNo(d.breach),
		optDate(d.release), c.worker, d.note}
}

func (g *generator) disp2Row(rec any) []any {
	r := rec.(dispRec)
	c, d := r.c, r.d
	// The newer system writes codes for categories and Excel booleans for breach.
	return []any{c.id, c.dob, c.gender, c.ethnicity, d.offence, d.outcome,
		label(labelsNew, d.code, d.offence), d.category, optInt(d.gravity), d.breach,
		optDate(d.release), c.locality, d.note}
}

func (g *generator) eteRow(rec any) []any {
	r := rec.(eteRec)
	c, e := r.c, r.e
	y := func(v yn) string { return ynText(v, "Y", "N") }
	return []any{c.id, c.dob, labelsOld[e.code], e.start, optDate(e.end),
		titleCase(e.suitStart), titleCase(e.suitEnd),
		optHours(e.hoStart), optHours(e.haStart), optHours(e.hoEnd), optHours(e.haEnd),
		e.provStart, e.provEnd, c.locality, c.worker,
		titleCase(e.accStart), titleCase(e.accEnd), y(e.send), y(e.plan),
		y(e.mh[0]), y(e.mh[1]), y(e.mh[2]), y(e.sm[0]), y(e.sm[1]), y(e.sm[2]),
		y(e.lac), y(e.cp), y(e.cin), y(e.eh)}
}

func (g *generator) feedbackRow(rec any) []any {
	r := rec.(feedbackRec)
	c, resp, i := r.c, r.r, r.q
	qs, comments := childQuestions, childComments
	if resp.parent {
		qs, comments = parentQuestions, parentComments
	}
	q := qs[i]
	var answer, id, comment string
	if a := resp.answers[i]; a >= 0 {
		if q.yesNo {
			answer = yesNoLabels[a]
		} else {
			answer = likertLabels[a]
		}
	}
	if resp.withID {
		id = c.id
	}
	if resp.comment >= 0 && i == len(qs)-1 {
		comment = comments[resp.comment]
	}
	return []any{fmt.Sprintf("VP%06d", resp.id), id, resp.label, stamp{resp.completed, resp.minutes}, q.text, answer, comment}
}

func (g *generator) oocdRow(rec any) []any {
	r := rec.(oocdRec)
	c, o := r.c, r.o
	return []any{c.id, c.dob, c.gender, labelsOld[o.code], stamp{o.referral, o.referralMinutes},
		optDate(o.assessment), optDate(o.decision), optDate(o.decision),
		optDate(o.start), optDate(o.end), titleCase(o.completion),
		ynText(o.atPanel, "Yes", "No"), ynText(o.victimIdentified, "Yes", "No"),
		ynText(o.viewsSought, "Yes", "No"), c.locality, c.worker}
}

func (g *generator) victimRow(rec any) []any {
	r := rec.(victimRec)
	c, v := r.c, r.v
	return []any{v.id, c.id, v.vtype, v.closure, ynText(v.consent, "Y", "N"),
		ynText(v.views, "Y", "N"), ynText(v.offered, "Y", "N"), ynText(v.engaged, "Y", "N"), v.note}
}

// planItem is one line of the improvement plan; due is in days from the export date.
type planItem struct {
	ref, rec, action, owner string
	due                     int
	rag, progress           string
	text                    bool   // due date typed as text ("DD Mon YYYY")
	indicator               string // the headline the action is linked to, as typed; "" for none
}

var planRecs = []string{
	"Improve the quality of assessment and planning for desistance",
	"Strengthen the board's oversight of performance",
	"Improve access to education, training and employment",
	"Make out-of-court disposal decisions timely and well evidenced",
	"Improve the service to victims",
	"Meet children's health and wellbeing needs",
}

// planItems link some actions to headline indicators, written the way an officer types
// them (names, aliases, a code). No action is linked to SEND: the sample's report shows a
// red headline with linked actions (out-of-court timeliness) and one without any.
var planItems = []planItem{
	{"1.1", planRecs[0], "Refresher training on assessment and planning for all case managers", "Operations Manager", -150, "Complete", "Delivered to all case managers in October", false, "Binary reoffending rate"},
	{"1.2", planRecs[0], "Monthly case audits with feedback to workers", "Practice Lead", -60, "Amber", "Audits running; feedback loop not yet consistent", false, ""},
	{"1.3", planRecs[0], "Review the quality assurance framework", "Head of Service", 45, "Green", "Draft framework shared with managers", true, ""},
	{"2.1", planRecs[1], "Quarterly performance report with RAG-rated indicators", "Performance Manager", -30, "Complete", "First report presented to this board", false, ""},
	{"2.2", planRecs[1], "Induction on youth justice for new board members", "Board Chair", -20, "Red", "Not yet scheduled; two members still to attend", false, "Board attendance"},
	{"2.3", planRecs[1], "Add the reoffending tracker to the board dashboard", "Performance Manager", 60, "Green", "Tracker built; awaiting data sign-off", true, "Frequency rate"},
	{"3.1", planRecs[2], "Agree a post-16 pathway with the local college", "Education Lead", -45, "Amber", "College agreed in principle; places not confirmed", false, "ETE Suitable Post-16"},
	{"3.2", planRecs[2], "Track reduced timetables for children open to the service", "Education Lead", 30, "Green", "Monthly list agreed with schools", false, "ETE Suitable School Age"},
	{"3.3", planRecs[2], "Secure funding for an ETE worker for 2019/20", "Head of Service", 90, "Amber", "Bid submitted to the partnership", true, "ETE suitable at end"},
	{"4.1", planRecs[3], "Agree OOCD assessment timescales with the police", "Police Inspector", -90, "Complete", "Ten working days agreed and in the protocol", false, "OOCD Timeliness"},
	{"4.2", planRecs[3], "Review the joint decision panel's terms of reference", "Head of Service", -10, "Red", "Delayed by police restructure; new date to be set", false, "OOCD timeliness rate"},
	{"4.3", planRecs[3], "Record victim views before every panel decision", "Victims Officer", 20, "Amber", "Recorded in most cases; audit planned", false, ""},
	{"5.1", planRecs[4], "Offer restorative justice to every consenting victim", "Restorative Justice Coordinator", 75, "Green", "Offer letter revised", true, "victim_rj_rate"},
	{"5.2", planRecs[4], "Review the victim consent process with the police", "Victims Officer", -35, "Amber", "Meeting held; process changes drafted", false, "RJ Rate"},
	{"5.3", planRecs[4], "Publish victim satisfaction survey results", "Performance Manager", 120, "Green", "Survey running until March", true, ""},
	{"6.1", planRecs[5], "Agree a CAMHS in-reach offer for children open to the service", "Health Lead", 50, "Amber", "Clinician seconded two days a week from January", false, "Mental health need met"},
	{"6.2", planRecs[5], "Recommission the young people's substance misuse pathway", "Public Health Commissioner", 100, "Green", "Specification agreed; tender out", true, "Substance Misuse Need Met"},
	{"6.3", planRecs[5], "Use children's feedback in case supervision", "Practice Lead", -5, "Amber", "Feedback summaries shared with managers", false, "Children's feedback"},
}

// writePlan writes improvement_plan.xlsx: about twenty actions under six inspection
// recommendations, some linked to a headline indicator, plus two rows a tool must reject,
// one linked to something that is not a headline, and a lookup sheet.
func (g *generator) writePlan(create CreateFunc) ([]Fault, error) {
	export := g.w.export
	b, err := newBook(FilePlan, g.saved, "Improvement plan")
	if err != nil {
		return nil, err
	}
	t := &table{file: FilePlan, sheet: "Action Plan", cols: planCols, build: func(rec any) []any { return rec.([]any) }}
	titles := [][]any{
		{"Youth Justice Service Improvement Plan — inspection recommendations"},
		{"Updated for the Chief Officer Board, " + export.UK()},
	}
	if t, err = b.table(t, titles, 3, b.date); err != nil {
		return nil, err
	}
	row := func(it planItem) []any {
		due := export.AddDays(it.due)
		var dueCell any = due
		if it.text {
			dueCell = due.Time().Format("2 Jan 2006")
		}
		return []any{it.ref, it.rec, it.action, it.owner, dueCell, it.rag, it.progress, it.indicator, export.AddDays(-14)}
	}
	var faults []Fault
	for i, it := range planItems {
		if _, err := t.write(row(it)); err != nil {
			return nil, err
		}
		switch i {
		case 4:
			bad := planItem{"2.4", planRecs[1], "Partnership data-sharing agreement refreshed", "Head of Service", 15, "Not started", "", false, ""}
			n, err := t.write(row(bad))
			if err != nil {
				return nil, err
			}
			faults = append(faults, Fault{File: FilePlan, Sheet: t.sheet, Row: n, Column: "rag", Value: "Not started",
				Severity: SevRejected, What: "unknown RAG status"})
		case 10:
			bad := planItem{"4.4", planRecs[3], "Share panel outcomes with schools", "", 40, "Green", "Owner to be agreed", false, "OOCD completion rate"}
			n, err := t.write(row(bad))
			if err != nil {
				return nil, err
			}
			faults = append(faults, Fault{File: FilePlan, Sheet: t.sheet, Row: n, Column: "owner",
				Severity: SevRejected, What: "blank owner"})
		case 14:
			odd := planItem{"5.4", planRecs[4], "Report staff sickness absence in the victims team", "Victims Officer", 25, "Green", "Monthly figures from HR", false, "Staff sickness"}
			n, err := t.write(row(odd))
			if err != nil {
				return nil, err
			}
			faults = append(faults, Fault{File: FilePlan, Sheet: t.sheet, Row: n, Column: "indicator", Value: "Staff sickness",
				Severity: SevWarning, What: "linked indicator is not a headline: kept, link treated as blank"})
		}
	}
	if err := b.textSheet("Lookup", [][]any{
		{"RAG", "Meaning"},
		{"Red", "Off track or overdue: board attention needed"},
		{"Amber", "At risk: some slippage"},
		{"Green", "On track"},
		{"Complete", "Done and evidenced"},
	}, []float64{12, 50}); err != nil {
		return nil, err
	}
	faults = append(faults, Fault{File: FilePlan, Sheet: "Lookup", Severity: SevNote,
		What: "a lookup sheet that matches no extract kind"})
	return faults, g.saveBook(create, FilePlan, b)
}

// writeConfig writes yjsreport.yaml with a 10–17 population in proportion to the number of
// children (about 85 per child, which gives first-time-entrant rates of a few hundred per
// 100,000 a year, as in England at the time), disclosure control on (a board report is
// shared beyond the service) and board targets for every headline the board manages to.
func (g *generator) writeConfig(create CreateFunc) error {
	pop := max(100, (g.opt.Children*85+50)/100*100)
	var b strings.Builder
	fmt.Fprintf(&b, "# Configuration for the synthetic Sample County extracts (written by yjsreport sample).\n")
	fmt.Fprintf(&b, "service: Sample County Youth Justice Service\n")
	fmt.Fprintf(&b, "protective_marking: OFFICIAL-SENSITIVE\n")
	fmt.Fprintf(&b, "population_10_17: %d\n", pop)
	fmt.Fprintf(&b, "reoffending: {mode: standard}\n")
	fmt.Fprintf(&b, "disclosure_control: true\n")
	fmt.Fprintf(&b, "targets:\n")
	fmt.Fprintf(&b, "  binary_reoffending_rate: {target: 0.35, better: lower, amber_within: 0.03}\n")
	fmt.Fprintf(&b, "  custody_share: {target: 0.06, better: lower, amber_within: 0.01}\n")
	fmt.Fprintf(&b, "  ete_suitable_end: {target: 0.6, better: higher, amber_within: 0.05}\n")
	fmt.Fprintf(&b, "  ete_suitable_end_above_school_age: {target: 0.5, better: higher, amber_within: 0.05}\n")
	fmt.Fprintf(&b, "  oocd_completion_rate: {target: 0.85, better: higher, amber_within: 0.05}\n")
	fmt.Fprintf(&b, "  oocd_timeliness_rate: {target: 0.8, better: higher, amber_within: 0.05}\n")
	fmt.Fprintf(&b, "  victim_rj_rate: {target: 0.4, better: higher, amber_within: 0.05}\n")
	fmt.Fprintf(&b, "  accommodation_suitable_end: {target: 0.9, better: higher, amber_within: 0.05}\n")
	fmt.Fprintf(&b, "  send_suitable_ete_with_plan: {target: 0.55, better: higher, amber_within: 0.05}\n")
	fmt.Fprintf(&b, "  mental_health_need_met: {target: 0.5, better: higher, amber_within: 0.05}\n")
	fmt.Fprintf(&b, "  substance_misuse_need_met: {target: 0.45, better: higher, amber_within: 0.05}\n")
	fmt.Fprintf(&b, "  wider_services_end: {target: 0.35, better: higher, amber_within: 0.05}\n")
	fmt.Fprintf(&b, "  feedback_positive_rate: {target: 0.75, better: higher, amber_within: 0.05}\n")
	fmt.Fprintf(&b, "  board_attendance_rate: {target: 0.8, better: higher, amber_within: 0.1}\n")
	return writeFile(create, FileConfig, []byte(b.String()))
}

// writeFile writes one whole file through create.
func writeFile(create CreateFunc, name string, b []byte) error {
	out, err := create(name)
	if err != nil {
		return err
	}
	if _, err := out.Write(b); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}
