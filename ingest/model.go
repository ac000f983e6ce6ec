// Package ingest turns a folder of case-system exports (xlsx workbooks and csv files) into a
// typed Dataset plus the list of every problem found, losing nothing silently (SPEC §3).
//
// It holds the domain model shared by the rest of yjsreport: one record type per extract
// kind, the codes of SPEC §3.1, the Dataset and the Problem. The low-level readers live in
// ingest/xlsx and ingest/csv and hand rows of text cells to this package, which classifies
// each sheet by its headers, parses values by the UK rules, applies the row rules of §3.6 and
// drops duplicates.
package ingest

import "github.com/yjsreport/yjsreport/calendar"

// Kind is an extract kind of SPEC §3.
type Kind string

// The extract kinds, in the order SPEC §3 lists them.
const (
	KindDisposals       Kind = "disposals"
	KindETE             Kind = "ete"
	KindOOCD            Kind = "oocd"
	KindVictims         Kind = "victims"
	KindImprovementPlan Kind = "improvement_plan"
	KindFeedback        Kind = "feedback"
	KindComparators     Kind = "comparators"
	KindBoardAttendance Kind = "board_attendance"
)

// Kinds lists every extract kind.
var Kinds = []Kind{KindDisposals, KindETE, KindOOCD, KindVictims, KindImprovementPlan,
	KindFeedback, KindComparators, KindBoardAttendance}

// CoreKinds are the extracts every report needs (SPEC §3.6): without a sheet of each, a run
// fails unless --partial is given.
var CoreKinds = []Kind{KindDisposals, KindETE, KindOOCD}

// Outcome is a canonical outcome_type code of SPEC §3.1.
type Outcome string

// The outcome codes of SPEC §3.1.
const (
	CommunityResolution     Outcome = "community_resolution"
	Outcome22               Outcome = "outcome_22"
	YouthCaution            Outcome = "youth_caution"
	YouthConditionalCaution Outcome = "youth_conditional_caution"
	Discharge               Outcome = "discharge"
	Fine                    Outcome = "fine"
	ReferralOrder           Outcome = "referral_order"
	ReparationOrder         Outcome = "reparation_order"
	YouthRehabilitation     Outcome = "youth_rehabilitation_order"
	DetentionTraining       Outcome = "detention_training_order"
	LongTermDetention       Outcome = "long_term_detention"
)

// Outcomes lists every outcome code in SPEC order.
var Outcomes = []Outcome{CommunityResolution, Outcome22, YouthCaution, YouthConditionalCaution,
	Discharge, Fine, ReferralOrder, ReparationOrder, YouthRehabilitation, DetentionTraining, LongTermDetention}

// Tier is the disposal tier of SPEC §3.1, ordered from least to most serious.
type Tier int8

// Tiers, least serious first so that a larger Tier is more serious.
const (
	TierNone Tier = iota
	PreCourt
	FirstTier
	Community
	Custody
)

// Tiers lists the real tiers, least serious first.
var Tiers = []Tier{PreCourt, FirstTier, Community, Custody}

// String returns the tier's code (pre_court, first_tier, community, custody).
func (t Tier) String() string {
	switch t {
	case PreCourt:
		return "pre_court"
	case FirstTier:
		return "first_tier"
	case Community:
		return "community"
	case Custody:
		return "custody"
	}
	return ""
}

// Tier returns the outcome's tier.
func (o Outcome) Tier() Tier {
	switch o {
	case CommunityResolution, Outcome22, YouthCaution, YouthConditionalCaution:
		return PreCourt
	case Discharge, Fine, ReferralOrder, ReparationOrder:
		return FirstTier
	case YouthRehabilitation:
		return Community
	case DetentionTraining, LongTermDetention:
		return Custody
	}
	return TierNone
}

// Formal reports whether the outcome is formal (everything but community resolution and
// Outcome 22).
func (o Outcome) Formal() bool {
	return o.Tier() != TierNone && o != CommunityResolution && o != Outcome22
}

// YesNo is an optional yes/no value; the zero value means blank (not recorded).
type YesNo int8

// YesNo values.
const (
	Blank YesNo = iota
	Yes
	No
)

// Suitability of ETE at a point (blank = unknown).
type Suitability int8

// Suitability values; the zero value is unknown.
const (
	SuitUnknown Suitability = iota
	Suitable
	Unsuitable
)

// String returns suitable, unsuitable or unknown.
func (s Suitability) String() string {
	switch s {
	case Suitable:
		return "suitable"
	case Unsuitable:
		return "unsuitable"
	}
	return "unknown"
}

// Completion of an out-of-court intervention; the zero value is not recorded.
type Completion int8

// Completion values.
const (
	CompletionNotRecorded Completion = iota
	Completed
	NotCompleted
	Neutral
)

// RAG is an improvement-plan status.
type RAG string

// RAG values of the improvement plan.
const (
	Red      RAG = "red"
	Amber    RAG = "amber"
	Green    RAG = "green"
	Complete RAG = "complete"
)

// Hours is an optional non-negative number of hours; Valid is false when not recorded.
type Hours struct {
	Value float64
	Valid bool
}

// Source locates a record in its input, for the data-quality list.
type Source struct {
	Input int // index into Dataset.Inputs
	Row   int // 1-based row number in the sheet (as Excel shows it)
}

// Disposal is one proven offence outcome (SPEC §3.1).
type Disposal struct {
	ChildID         string
	DateOfBirth     calendar.Date
	OffenceDate     calendar.Date
	OutcomeDate     calendar.Date
	OutcomeType     Outcome
	Gender          string // trimmed text; "unknown" when blank
	Ethnicity       string
	Locality        string
	OffenceCategory string // canonical folded code when recognised, else trimmed text; "" when blank
	GravityScore    int    // 1–8; 0 when blank or invalid
	Breach          YesNo
	ReleaseDate     calendar.Date // custody only; zero when blank
	Src             Source
}

// ETE is one intervention with the child's ETE at its start and end (SPEC §3.2).
type ETE struct {
	ChildID            string
	DateOfBirth        calendar.Date
	InterventionType   Outcome
	InterventionStart  calendar.Date
	InterventionEnd    calendar.Date // zero = still open
	SuitableStart      Suitability
	SuitableEnd        Suitability
	HoursOfferedStart  Hours
	HoursAttendedStart Hours
	HoursOfferedEnd    Hours
	HoursAttendedEnd   Hours
	ProvisionStart     string
	ProvisionEnd       string
	Locality           string
	// The YJB key performance indicators recorded per intervention (SPEC §3.2). Blank (not
	// recorded) is the zero value of each.
	AccommodationStart Suitability
	AccommodationEnd   Suitability
	// AccommodationRecorded is true when either accommodation column held a valid value
	// (suitable, unsuitable or unknown written out), so that a block of blanks is "not
	// recorded in the extract" (SPEC §4.6).
	AccommodationRecorded bool
	SENDIdentified        YesNo
	LearningPlan          YesNo
	MentalHealthNeed      YesNo
	MentalHealthOffered   YesNo
	MentalHealthAttending YesNo
	SubstanceNeed         YesNo
	SubstanceOffered      YesNo
	SubstanceAttending    YesNo
	LookedAfterEnd        YesNo
	ChildProtectionEnd    YesNo
	ChildInNeedEnd        YesNo
	EarlyHelpEnd          YesNo
	Src                   Source
}

// OOCD is one out-of-court disposal intervention (SPEC §3.3).
type OOCD struct {
	ChildID           string
	DateOfBirth       calendar.Date
	OutcomeType       Outcome
	ReferralDate      calendar.Date
	AssessmentDate    calendar.Date
	DecisionDate      calendar.Date
	InterventionStart calendar.Date
	InterventionEnd   calendar.Date
	Completion        Completion
	AtPanel           YesNo
	VictimIdentified  YesNo
	VictimViewsSought YesNo
	Locality          string
	Src               Source
}

// Victim is one victim of an offence whose intervention closed (SPEC §3.4).
type Victim struct {
	VictimID           string
	ChildID            string
	ClosureDate        calendar.Date
	ConsentedToContact YesNo
	ViewsSought        YesNo
	RJOffered          YesNo
	RJEngaged          YesNo
	Src                Source
}

// Action is one line of the board's improvement plan (SPEC §3.5). Its text is the board's
// own and is printed in the report; it must not name a child.
type Action struct {
	Recommendation string
	Action         string
	Owner          string
	DueDate        calendar.Date
	RAG            RAG
	Progress       string
	// Indicator links the action to a headline indicator (a name of config.TargetNames,
	// SPEC §4.9); "" when blank.
	Indicator string
	Src       Source
}

// Respondent is who answered a feedback questionnaire (SPEC §3.7).
type Respondent string

// Respondents, children first (the order the report lists them in).
const (
	RespondentChild       Respondent = "child"
	RespondentParentCarer Respondent = "parent_carer"
)

// Respondents lists the respondents in report order.
var Respondents = []Respondent{RespondentChild, RespondentParentCarer}

// Answer is a feedback answer code of SPEC §3.7; "" is not answered (blank).
type Answer string

// The answer codes of SPEC §3.7.
const (
	NotAnswered      Answer = ""
	StronglyAgree    Answer = "strongly_agree"
	Agree            Answer = "agree"
	Neither          Answer = "neither"
	Disagree         Answer = "disagree"
	StronglyDisagree Answer = "strongly_disagree"
	AnswerYes        Answer = "yes"
	AnswerNo         Answer = "no"
	DontKnow         Answer = "dont_know"
)

// Answers lists the answer codes in SPEC order.
var Answers = []Answer{StronglyAgree, Agree, Neither, Disagree, StronglyDisagree, AnswerYes, AnswerNo, DontKnow}

// FeedbackAnswer is one answer to one question of a feedback questionnaire (SPEC §3.7).
// Question is the questionnaire's own wording and may be printed; free-text comment columns
// are never read.
type FeedbackAnswer struct {
	ResponseID    string
	Respondent    Respondent
	CompletedDate calendar.Date
	Question      string
	Answer        Answer
	ChildID       string // "" when not given
	Src           Source
}

// Comparator is one published figure to compare a headline indicator with (SPEC §3.8).
type Comparator struct {
	Indicator  string           // a name of config.TargetNames
	Comparator string           // e.g. "England and Wales", as written (trimmed)
	Period     calendar.Quarter // the cohort quarter for reoffending, else the figure's quarter
	Value      float64          // a fraction for rates (31.4% = 0.314)
	Source     string           // "" when blank
	Src        Source
}

// Attendance is one statutory partner at one board meeting (SPEC §3.9).
type Attendance struct {
	MeetingDate calendar.Date
	Partner     string // as written (trimmed)
	Attended    YesNo
	Senior      YesNo // blank when not recorded
	Src         Source
}

// Input is one sheet read (a CSV file is one sheet named ""), with its row accounting:
// Read = Accepted + Rejected + Duplicates always.
type Input struct {
	File       string // base name of the file
	Sheet      string // "" for CSV
	Kind       Kind   // "" when the sheet matched no kind
	SHA256     string // of the whole file, hex
	Read       int
	Accepted   int
	Rejected   int
	Duplicates int
	Warnings   int
	Note       string // why a sheet matched no kind, or was skipped
	// For a sheet of no kind that has some required column of some kind: the kind it is
	// closest to (fewest required columns missing) and the columns it lacks for it.
	Closest Kind
	Missing []string
}

// Severity says what became of a row with a problem.
type Severity string

// Severities of a Problem.
const (
	SevRejected  Severity = "rejected"  // the row was left out
	SevDuplicate Severity = "duplicate" // the row repeated an earlier one and was dropped
	SevWarning   Severity = "warning"   // an optional value was set aside; the row was kept
	SevNote      Severity = "note"      // about a file or sheet, not a row
)

// Problem is something wrong with the input, located as precisely as possible. Reason is
// written for a performance officer to act on; ChildID is for the data-quality list only and
// never reaches the report.
type Problem struct {
	File   string
	Sheet  string
	Row    int    // 0 when about the whole sheet or file
	Column string // canonical column name, or "" when about the row or sheet
	Reason string // full message, may quote the cell's value: for the team, not the report
	// Rule is the reason without any value from the row (e.g. "not a date"), so problems can
	// be grouped and printed in the report without revealing row content.
	Rule     string
	Severity Severity
	ChildID  string
}

// Dataset is everything read from an input folder.
type Dataset struct {
	Disposals  []Disposal
	ETE        []ETE
	OOCD       []OOCD
	Victims    []Victim
	HasVictims bool // a victims extract was present (even if empty)
	Plan       []Action
	HasPlan    bool
	// The optional extracts of SPEC v2; Has… is true when a sheet of the kind was found,
	// even if none of its rows was accepted (SPEC §4.6).
	Feedback       []FeedbackAnswer
	HasFeedback    bool
	Comparators    []Comparator
	HasComparators bool
	Attendance     []Attendance
	HasAttendance  bool
	Inputs         []Input
	// Problems lists the problems found, in the order of the data-quality list: every one,
	// unless Options.Keep capped it to the first few of each group (Options.Problems then
	// received every one).
	Problems []Problem
	// Groups counts every problem by file, sheet, column, rule and severity, in the order
	// each group first occurs, however many Problems holds.
	Groups []ProblemGroup
	// Skipped lists files passed over with a note (hidden, lock files, not data).
	Skipped []string
}
