// Package report computes every indicator of SPEC §4 as pure functions of a Dataset, a
// reporting quarter, an as-of date and the config, into plain structs that marshal straight
// to the indicators.json of OUTPUT.md. Renderers take these structs and compute nothing new.
package report

// Schema is the indicators.json schema name.
const Schema = "yjsreport/indicators/v1"

// Indicators is the whole of indicators.json.
type Indicators struct {
	Schema string `json:"schema"`
	// Generator is the build that made the file ("yjsreport v1.2.0 (commit …, date)"), so
	// a board pack can be traced to it. Set by the command, not by Compute.
	Generator string `json:"generator"`

	Service string `json:"service"`
	Quarter Period `json:"quarter"`
	AsOf    string `json:"as_of"`
	// PartQuarter is true when the quarter ends after the as-of date (allowed by --partial,
	// SPEC §2): its figures cover the quarter only up to as-of, and every page says so.
	PartQuarter bool `json:"part_quarter"`
	// MissingExtracts names the core extracts (disposals, ete, oocd, in that order) with no
	// sheet, under --partial (SPEC §3.6); [] otherwise.
	MissingExtracts []string        `json:"missing_extracts"`
	Inputs          []Input         `json:"inputs"`
	Reoffending     Reoffending     `json:"reoffending"`
	FTE             FTE             `json:"fte"`
	Custody         Custody         `json:"custody"`
	SeriousViolence SeriousViolence `json:"serious_violence"`
	ETE             ETE             `json:"ete"`
	OOCD            OOCD            `json:"oocd"`
	Victims         *Victims        `json:"victims"`
	// SPEC 4.6: each block is null when not recorded in the ete extract; with the ete
	// extract missing (--partial) every block keeps its shape, with zeros and null rates.
	Accommodation   *Accommodation `json:"accommodation"`
	SEND            *SEND          `json:"send"`
	MentalHealth    *Cascade       `json:"mental_health"`
	SubstanceMisuse *Cascade       `json:"substance_misuse"`
	WiderServices   *WiderServices `json:"wider_services"`
	// SPEC 4.7 and 4.8: null without their extract.
	Feedback        *Feedback        `json:"feedback"`
	BoardAttendance *BoardAttendance `json:"board_attendance"`
	// Series holds each headline indicator for the 8 quarters ending with its period
	// (SPEC 4.9), oldest first, keyed by headline name; [] when none.
	Series map[string][]SeriesPoint `json:"series"`
	// Comparators are the accepted comparators rows in reading order, each against our
	// series value of the same indicator and period; [] without the extract.
	Comparators []ComparatorResult `json:"comparators"`
	// Targets has one entry per configured target, in config.TargetNames order.
	Targets []TargetResult `json:"targets"`
	// Headlines are the headline indicators of SPEC 4.9 whose block is present, in
	// config.TargetNames order, with their series, comparators and change against the
	// previous quarter and the same quarter last year (the PDF's tiles, the dashboard's top).
	Headlines []Headline `json:"headlines"`
	// AreasOfConcern lists, in headline order, each headline that is red against its target
	// or significantly worse than the previous quarter or a year earlier, with the
	// improvement-plan actions linked to it (SPEC 4.9).
	AreasOfConcern []Concern `json:"areas_of_concern"`
}

// Headline returns the headline of the named indicator, or nil when there is none.
func (ind *Indicators) Headline(name string) *Headline {
	for i := range ind.Headlines {
		if ind.Headlines[i].Indicator == name {
			return &ind.Headlines[i]
		}
	}
	return nil
}

// Period is a quarter with its label and dates (YYYY-MM-DD).
type Period struct {
	Label string `json:"label"`
	Start string `json:"start"`
	End   string `json:"end"`
}

// Input is one sheet read, with its row accounting.
type Input struct {
	File       string  `json:"file"`
	Sheet      string  `json:"sheet"`
	Extract    *string `json:"extract"`
	SHA256     string  `json:"sha256"`
	Read       int     `json:"read"`
	Accepted   int     `json:"accepted"`
	Rejected   int     `json:"rejected"`
	Duplicates int     `json:"duplicates"`
	Warnings   int     `json:"warnings"`
}

// Reoffending is SPEC 4.1.
type Reoffending struct {
	Mode     string   `json:"mode"`
	Headline *string  `json:"headline"`
	Cohorts  []Cohort `json:"cohorts"`
}

// Cohort is one quarterly reoffending cohort.
type Cohort struct {
	Quarter                    string   `json:"quarter"`
	Start                      string   `json:"start"`
	End                        string   `json:"end"`
	Status                     string   `json:"status"` // mature or provisional
	Children                   int      `json:"children"`
	Reoffenders                int      `json:"reoffenders"`
	Reoffences                 int      `json:"reoffences"`
	BinaryRate                 *float64 `json:"binary_rate"`
	FrequencyRate              *float64 `json:"frequency_rate"`
	ReoffencesPerReoffender    *float64 `json:"reoffences_per_reoffender"`
	MedianDaysToFirstReoffence *float64 `json:"median_days_to_first_reoffence"`
	// BinaryCI is the Wilson 95% interval of BinaryRate ([lower, upper]), null when n/a.
	BinaryCI *[2]float64 `json:"binary_rate_ci95"`
	// DaysToFirst bands the days to first reoffence: 0–30, 31–90, 91–180, 181–365.
	DaysToFirst map[string]int   `json:"days_to_first_reoffence_bands"`
	By          CohortBreakdowns `json:"by"`
}

// CohortBreakdowns splits a cohort by the index row's attributes.
type CohortBreakdowns struct {
	Tier      map[string]Counts `json:"tier"`
	Gender    map[string]Counts `json:"gender"`
	AgeBand   map[string]Counts `json:"age_band"`
	Ethnicity map[string]Counts `json:"ethnicity"`
	Locality  map[string]Counts `json:"locality"`
}

// Counts is one breakdown cell of a cohort.
type Counts struct {
	Children    int `json:"children"`
	Reoffenders int `json:"reoffenders"`
	Reoffences  int `json:"reoffences"`
}

// FTE is SPEC 4.2's first time entrants.
type FTE struct {
	Population1017  *int     `json:"population_10_17"`
	Quarter         FTECount `json:"quarter"`
	Rolling12Months FTECount `json:"rolling_12_months"`
	// Trend is the quarterly count for the 8 quarters ending with the reporting quarter.
	Trend []FTETrend `json:"trend"`
}

// FTECount is a count with its rate per 100,000 of the 10–17 population.
type FTECount struct {
	Count       int      `json:"count"`
	RatePer100k *float64 `json:"rate_per_100k"`
}

// FTETrend is one quarter of the FTE trend.
type FTETrend struct {
	Quarter            string   `json:"quarter"`
	Count              int      `json:"count"`
	RatePer100k        *float64 `json:"rate_per_100k"`
	CustodialSentences int      `json:"custodial_sentences"`
	CourtSentences     int      `json:"court_sentences"`
}

// Custody is SPEC 4.2's use of custody.
type Custody struct {
	CustodialSentences int      `json:"custodial_sentences"`
	CourtSentences     int      `json:"court_sentences"`
	Share              *float64 `json:"share"`
	RatePer1000        *float64 `json:"rate_per_1000"`
}

// SeriousViolence is SPEC 4.2's serious violence count.
type SeriousViolence struct {
	Offences  int `json:"offences"`
	Age10to15 int `json:"age_10_15"`
	Age16to17 int `json:"age_16_17"`
}

// ETE is SPEC 4.3.
type ETE struct {
	Children int        `json:"children"`
	Start    ETEPoint   `json:"start"`
	End      ETEPoint   `json:"end"`
	Movement Movement   `json:"movement"`
	Trend    []ETETrend `json:"trend"`
}

// ETEPoint is ETE at the start or the end of interventions, split by school age.
type ETEPoint struct {
	SchoolAge      ETEGroup `json:"school_age"`
	AboveSchoolAge ETEGroup `json:"above_school_age"`
}

// ETEGroup is OUTPUT.md's G.
type ETEGroup struct {
	Children      int     `json:"children"`
	Suitable      int     `json:"suitable"`
	Unsuitable    int     `json:"unsuitable"`
	Unknown       int     `json:"unknown"`
	FullTime      int     `json:"full_time"`
	PartTime      int     `json:"part_time"`
	None          int     `json:"none"`
	NotRecorded   int     `json:"not_recorded"`
	HoursOffered  float64 `json:"hours_offered"`
	HoursAttended float64 `json:"hours_attended"`
}

// Movement is ETE suitability from start to end.
type Movement struct {
	Improved          int `json:"improved"`
	Declined          int `json:"declined"`
	StayedSuitable    int `json:"stayed_suitable"`
	StayedNotSuitable int `json:"stayed_not_suitable"`
}

// ETETrend is one quarter of the ETE trend.
type ETETrend struct {
	Quarter                   string `json:"quarter"`
	Children                  int    `json:"children"`
	SuitableEnd               int    `json:"suitable_end"`
	SchoolAgeChildren         int    `json:"school_age_children"`
	SchoolAgeSuitableEnd      int    `json:"school_age_suitable_end"`
	AboveSchoolAgeChildren    int    `json:"above_school_age_children"`
	AboveSchoolAgeSuitableEnd int    `json:"above_school_age_suitable_end"`
}

// OOCD is SPEC 4.4.
type OOCD struct {
	Decided    OOCDDecided    `json:"decided"`
	Completion OOCDCompletion `json:"completion"`
	Timeliness OOCDTimeliness `json:"timeliness"`
}

// OOCDDecided counts decisions in the quarter.
type OOCDDecided struct {
	Total             int            `json:"total"`
	ByType            map[string]int `json:"by_type"`
	AtPanel           int            `json:"at_panel"`
	VictimIdentified  int            `json:"victim_identified"`
	VictimViewsSought int            `json:"victim_views_sought"`
}

// OOCDCompletion counts interventions ending in the quarter.
type OOCDCompletion struct {
	Completed    int                         `json:"completed"`
	NotCompleted int                         `json:"not_completed"`
	Neutral      int                         `json:"neutral"`
	NotRecorded  int                         `json:"not_recorded"`
	Rate         *float64                    `json:"rate"`
	ByType       map[string]CompletionByType `json:"by_type"`
}

// CompletionByType is completion for one outcome type.
type CompletionByType struct {
	Completed    int `json:"completed"`
	NotCompleted int `json:"not_completed"`
	Neutral      int `json:"neutral"`
	NotRecorded  int `json:"not_recorded"`
}

// OOCDTimeliness is assessment timeliness of referrals in the quarter.
type OOCDTimeliness struct {
	Referrals         int      `json:"referrals"`
	OnTime            int      `json:"on_time"`
	Late              int      `json:"late"`
	Overdue           int      `json:"overdue"`
	Pending           int      `json:"pending"`
	Rate              *float64 `json:"rate"`
	MedianWorkingDays *float64 `json:"median_working_days"`
}

// Victims is SPEC 4.5.
type Victims struct {
	Victims     int      `json:"victims"`
	Consented   int      `json:"consented"`
	ViewsSought int      `json:"views_sought"`
	RJOffered   int      `json:"rj_offered"`
	RJEngaged   int      `json:"rj_engaged"`
	Rate        *float64 `json:"rate"`
	// RJEngagedAndConsented is the rate's numerator.
	RJEngagedAndConsented int `json:"rj_engaged_and_consented"`
}

// TargetResult is one configured target with its RAG (SPEC 4.9); Value is the indicator's
// series value for its period.
type TargetResult struct {
	Indicator   string   `json:"indicator"`
	Value       *float64 `json:"value"`
	Target      float64  `json:"target"`
	Better      string   `json:"better"`
	AmberWithin float64  `json:"amber_within"`
	RAG         *string  `json:"rag"`
}

// Headline is one headline indicator of SPEC 4.9 with its numerator and denominator now,
// last quarter and the same quarter last year, the significance of each change, its
// 8-quarter series and the comparators of each point: everything the board's "performance
// on a page" tiles, sparklines and "areas of concern" need, so renderers compute nothing.
type Headline struct {
	Indicator string `json:"indicator"` // a target name of config.TargetNames
	Label     string `json:"label"`     // plain-English name
	Period    string `json:"period"`    // quarter label the value is for (the cohort for reoffending)
	Kind      string `json:"kind"`      // "proportion", "rate_per_100k", "frequency"
	Better    string `json:"better"`    // "higher" or "lower": the direction of improvement
	Current   Point  `json:"current"`
	Previous  Point  `json:"previous"` // the quarter before
	YearAgo   Point  `json:"year_ago"` // four quarters before
	// ChangePrevious and ChangeYearAgo compare Current with each, null when either is n/a.
	ChangePrevious *Change       `json:"change_previous"`
	ChangeYearAgo  *Change       `json:"change_year_ago"`
	Target         *TargetResult `json:"target"`
	// Series is the indicator for the 8 quarters ending with Period, oldest first, as in
	// Indicators.Series but with Wilson intervals for proportions and each point's
	// comparators; empty for the reoffending pair when there is no mature cohort.
	Series []Point `json:"series"`
	// MissingExtract names the core extract (disposals, ete or oocd) that the figures depend
	// on when it is missing under --partial: every value is then null and should read "no
	// extract", not "n/a". "" otherwise.
	MissingExtract string `json:"missing_extract,omitempty"`
}

// Concern is one of the board's "areas of concern" (SPEC 4.9): a headline indicator that is
// red, or significantly worse than before, with the improvement-plan actions linked to it.
type Concern struct {
	Indicator string `json:"indicator"`
	// Red is true when the indicator is red against its target.
	Red bool `json:"red"`
	// WorseThanPrevious and WorseThanYearAgo are true when the change against that point is
	// significant (SPEC §4) and for the worse.
	WorseThanPrevious bool `json:"worse_than_previous"`
	WorseThanYearAgo  bool `json:"worse_than_year_ago"`
	// Actions are the positions, in the improvement plan as read (Dataset.Plan), of the
	// actions whose indicator is this one; [] when none. Positions, not text, so that
	// indicators.json stays free of row text.
	Actions []int `json:"actions"`
}

// Point is a value with its numerator and denominator; Value is null when n/a.
type Point struct {
	Period      string      `json:"period"`
	Numerator   float64     `json:"numerator"`
	Denominator float64     `json:"denominator"`
	Value       *float64    `json:"value"`
	CI95        *[2]float64 `json:"ci95"` // Wilson interval, for proportions only
	// Comparators are the published figures for the same indicator and period, with our
	// difference from each (SPEC 4.9); only on headline points.
	Comparators []ComparatorResult `json:"comparators,omitempty"`
}

// Change is the difference Current − other, with whether it is statistically significant
// (two-sided, 5%) and whether it is better or worse given the indicator's direction.
type Change struct {
	Difference  float64  `json:"difference"`
	PValue      *float64 `json:"p_value"` // null when no test applies (not a proportion)
	Test        string   `json:"test"`    // "fisher", "z", or "" when none
	Significant bool     `json:"significant"`
	Direction   string   `json:"direction"` // "better", "worse" or "same"
}

// Accommodation is SPEC 4.6's suitable accommodation, on the ETE cohort.
type Accommodation struct {
	Children int                `json:"children"`
	Start    AccommodationPoint `json:"start"`
	End      AccommodationPoint `json:"end"`
	Rate     *float64           `json:"rate"` // suitable at end / children
}

// AccommodationPoint is OUTPUT.md's A.
type AccommodationPoint struct {
	Suitable   int `json:"suitable"`
	Unsuitable int `json:"unsuitable"`
	Unknown    int `json:"unknown"`
}

// SEND is SPEC 4.6's special educational needs and disabilities (ALN in Wales).
type SEND struct {
	Children       int      `json:"children"`
	Identified     int      `json:"identified"`
	NotRecorded    int      `json:"not_recorded"`
	SuitableETEEnd int      `json:"suitable_ete_end"` // of those identified
	LearningPlan   int      `json:"learning_plan"`    // of those identified
	Both           int      `json:"both"`             // of those identified
	Rate           *float64 `json:"rate"`             // both / identified
}

// Cascade is OUTPUT.md's C: need → offered → attending, for mental health and for
// substance misuse (SPEC 4.6).
type Cascade struct {
	Children      int      `json:"children"`
	Need          int      `json:"need"`
	Offered       int      `json:"offered"`
	Attending     int      `json:"attending"`
	NeedRate      *float64 `json:"need_rate"`      // need / children
	OfferedRate   *float64 `json:"offered_rate"`   // offered / need
	AttendingRate *float64 `json:"attending_rate"` // attending / offered
	NeedMetRate   *float64 `json:"need_met_rate"`  // attending / need
}

// WiderServices is SPEC 4.6's children open to wider services at the end of intervention.
type WiderServices struct {
	Children        int      `json:"children"`
	LookedAfter     int      `json:"looked_after"`
	ChildProtection int      `json:"child_protection"`
	ChildInNeed     int      `json:"child_in_need"`
	EarlyHelp       int      `json:"early_help"`
	Any             int      `json:"any"`
	Rate            *float64 `json:"rate"` // any / children
}

// Feedback is SPEC 4.7's children's and families' views.
type Feedback struct {
	Respondents FeedbackRespondents `json:"respondents"`
	Questions   []FeedbackQuestion  `json:"questions"`
	Children    int                 `json:"children"`
	Trend       []FeedbackTrend     `json:"trend"`
}

// FeedbackRespondents has both respondents, always.
type FeedbackRespondents struct {
	Child       FeedbackCounts `json:"child"`
	ParentCarer FeedbackCounts `json:"parent_carer"`
}

// FeedbackCounts is OUTPUT.md's F.
type FeedbackCounts struct {
	Responses   int      `json:"responses"`
	Positive    int      `json:"positive"`
	Neutral     int      `json:"neutral"`
	Negative    int      `json:"negative"`
	NotAnswered int      `json:"not_answered"`
	Rate        *float64 `json:"rate"` // positive / (positive + neutral + negative)
}

// FeedbackQuestion is one question's answers in the quarter.
type FeedbackQuestion struct {
	Respondent  string   `json:"respondent"`
	Question    string   `json:"question"`
	Positive    int      `json:"positive"`
	Neutral     int      `json:"neutral"`
	Negative    int      `json:"negative"`
	NotAnswered int      `json:"not_answered"`
	Rate        *float64 `json:"rate"`
}

// FeedbackTrend is responses per respondent in one quarter.
type FeedbackTrend struct {
	Quarter     string `json:"quarter"`
	Child       int    `json:"child"`
	ParentCarer int    `json:"parent_carer"`
}

// BoardAttendance is SPEC 4.8.
type BoardAttendance struct {
	Meetings   int                          `json:"meetings"`
	Expected   int                          `json:"expected"`
	Attended   int                          `json:"attended"`
	Senior     int                          `json:"senior"`
	Rate       *float64                     `json:"rate"`
	SeniorRate *float64                     `json:"senior_rate"`
	ByPartner  map[string]PartnerAttendance `json:"by_partner"`
}

// PartnerAttendance is one partner's attendance in the quarter.
type PartnerAttendance struct {
	Expected int `json:"expected"`
	Attended int `json:"attended"`
}

// SeriesPoint is one quarter of a headline series; Value is null when n/a.
type SeriesPoint struct {
	Quarter     string   `json:"quarter"`
	Value       *float64 `json:"value"`
	Numerator   *float64 `json:"numerator"`
	Denominator *float64 `json:"denominator"`
}

// ComparatorResult is one accepted comparators row set against our value of the same
// indicator and period (SPEC 4.9).
type ComparatorResult struct {
	Indicator  string   `json:"indicator"`
	Comparator string   `json:"comparator"`
	Period     string   `json:"period"`
	Value      float64  `json:"value"`
	Source     *string  `json:"source"`
	Ours       *float64 `json:"ours"`
	Difference *float64 `json:"difference"` // ours − theirs
}
