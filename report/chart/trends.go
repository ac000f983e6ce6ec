package chart

import (
	"github.com/yjsreport/yjsreport/report"
)

// headlineMeta is how one headline indicator of SPEC §4.9 is charted.
type headlineMeta struct {
	id      string // chart ID of its trend
	section string
	percent bool   // a proportion, drawn as a percentage with its 95% interval
	ylabel  string // y axis, with unit
	unit    string // what N counts
	xlabel  string
	dec     int // decimals of a value that is not a percentage
	// short is the headline's name on a tile, where a line holds about 30 characters; the
	// full label (report.Headline.Label) is in the scorecard.
	short string
}

// Trend chart IDs of the headlines that have no chart of their own (SPEC §4.9); the others
// draw their series in the section's main chart (IDReoffendingTrend, IDReoffendingFrequency,
// IDFTERateTrend, IDETETrend).
const (
	IDTrendCustodyShare     = "trend_custody_share"
	IDTrendETESchoolAge     = "trend_ete_school_age"
	IDTrendETEAbove         = "trend_ete_above_school_age"
	IDTrendOOCDCompletion   = "trend_oocd_completion"
	IDTrendOOCDTimeliness   = "trend_oocd_timeliness"
	IDTrendVictimRJ         = "trend_victim_rj"
	IDTrendAccommodation    = "trend_accommodation"
	IDTrendSEND             = "trend_send"
	IDTrendMentalHealth     = "trend_mental_health"
	IDTrendSubstanceMisuse  = "trend_substance_misuse"
	IDTrendWiderServices    = "trend_wider_services"
	IDTrendFeedbackPositive = "trend_feedback_positive"
	IDTrendBoardAttendance  = "trend_board_attendance"
	// IDReoffendingProvisional shows the cohorts still being counted, apart from the trend.
	IDReoffendingProvisional = "reoffending_provisional"
)

const (
	quarterAxis = "Quarter"
	cohortAxis  = "Cohort (quarter of caution, sentence or release)"
)

var headlines = map[string]headlineMeta{
	"binary_reoffending_rate": {id: IDReoffendingTrend, section: SectionReoffending, percent: true,
		ylabel: "% of children who reoffended", unit: "children", xlabel: cohortAxis, short: "Reoffending (binary rate)"},
	"frequency_rate": {id: IDReoffendingFrequency, section: SectionReoffending,
		ylabel: "Proven reoffences (average number)", unit: "children", xlabel: cohortAxis, dec: 2, short: "Reoffences per child (frequency)"},
	"fte_rate_per_100k": {id: IDFTERateTrend, section: SectionFTECustody,
		ylabel: "Rate per 100,000 aged 10–17", unit: "first time entrants in 12 months", xlabel: "12 months ending with the quarter", dec: 1, short: "First time entrants per 100,000, last 12 months"},
	"custody_share": {id: IDTrendCustodyShare, section: SectionFTECustody, percent: true,
		ylabel: "% of court sentences", unit: "court sentences", xlabel: quarterAxis, short: "Custody: share of court sentences"},
	"ete_suitable_end": {id: IDETETrend, section: SectionETE, percent: true,
		ylabel: "% in suitable ETE at end", unit: "children", xlabel: "Quarter the intervention ended", short: "Suitable ETE at end: all children"},
	"ete_suitable_end_school_age": {id: IDTrendETESchoolAge, section: SectionETE, percent: true,
		ylabel: "% in suitable ETE at end", unit: "children", xlabel: "Quarter the intervention ended", short: "Suitable ETE at end: school age"},
	"ete_suitable_end_above_school_age": {id: IDTrendETEAbove, section: SectionETE, percent: true,
		ylabel: "% in suitable ETE at end", unit: "children", xlabel: "Quarter the intervention ended", short: "Suitable ETE at end: above school age (post-16)"},
	"oocd_completion_rate": {id: IDTrendOOCDCompletion, section: SectionOOCD, percent: true,
		ylabel: "% completed", unit: "interventions ended", xlabel: "Quarter the intervention ended", short: "Out-of-court interventions completed"},
	"oocd_timeliness_rate": {id: IDTrendOOCDTimeliness, section: SectionOOCD, percent: true,
		ylabel: "% assessed on time", unit: "referrals due", xlabel: "Quarter of referral", short: "Out-of-court assessments on time"},
	"victim_rj_rate": {id: IDTrendVictimRJ, section: SectionVictims, percent: true,
		ylabel: "% of consenting victims", unit: "victims consenting", xlabel: "Quarter the intervention closed", short: "Victims engaged in restorative justice"},
	"accommodation_suitable_end": {id: IDTrendAccommodation, section: SectionNeeds, percent: true,
		ylabel: "% in suitable accommodation at end", unit: "children", xlabel: "Quarter the intervention ended", short: "Suitable accommodation at end"},
	"send_suitable_ete_with_plan": {id: IDTrendSEND, section: SectionNeeds, percent: true,
		ylabel: "% in suitable ETE with a learning plan", unit: "children with SEND", xlabel: "Quarter the intervention ended", short: "SEND: suitable ETE and a learning plan"},
	"mental_health_need_met": {id: IDTrendMentalHealth, section: SectionNeeds, percent: true,
		ylabel: "% of children with a need attending", unit: "children with a need", xlabel: "Quarter the intervention ended", short: "Mental health need met (attending)"},
	"substance_misuse_need_met": {id: IDTrendSubstanceMisuse, section: SectionNeeds, percent: true,
		ylabel: "% of children with a need attending", unit: "children with a need", xlabel: "Quarter the intervention ended", short: "Substance misuse need met (attending)"},
	"wider_services_end": {id: IDTrendWiderServices, section: SectionNeeds, percent: true,
		ylabel: "% open to wider services at end", unit: "children", xlabel: "Quarter the intervention ended", short: "Open to wider services at end"},
	"feedback_positive_rate": {id: IDTrendFeedbackPositive, section: SectionViews, percent: true,
		ylabel: "% of children's answers positive", unit: "answers", xlabel: "Quarter completed", short: "Children's feedback: positive answers"},
	"board_attendance_rate": {id: IDTrendBoardAttendance, section: SectionPartnership, percent: true,
		ylabel: "% of expected partners attending", unit: "places expected", xlabel: "Quarter of the meeting", short: "Board attendance by partners"},
}

// HeadlineSection returns the report section a headline indicator belongs to, "" when the
// name is not a headline.
func HeadlineSection(name string) string { return headlines[name].section }

// ShortLabel returns a headline's name as a tile shows it ("Reoffending (binary rate)"),
// the full label being report.Headline.Label; "" when the name is not a headline.
func ShortLabel(name string) string { return headlines[name].short }

// Organisational reports whether a headline counts organisations, not children (board
// attendance): disclosure control does not apply to it (SPEC §6).
func Organisational(name string) bool { return headlines[name].section == SectionPartnership }

// TrendID returns the ID of the chart that draws a headline's series, "" when the name is
// not a headline.
func TrendID(name string) string { return headlines[name].id }

// headlineTrend is the trend of one headline's series (SPEC §4.9): its value for 8 quarters
// (cohorts, for reoffending) with the 95% interval of a proportion, the target as a line and
// every comparator's published figure as points where its period is one of the series'.
func headlineTrend(ind *report.Indicators, name string) *Spec {
	meta, ok := headlines[name]
	pts := ind.Series[name]
	if !ok || len(pts) == 0 {
		return nil
	}
	s := Series{Name: seriesName(ind)}
	cats := make([]string, len(pts))
	for i, p := range pts {
		cats[i] = p.Quarter
		s.Values = append(s.Values, p.Value)
		num, den := intOf(p.Numerator), intOf(p.Denominator)
		s.N = append(s.N, den)
		s.Num = append(s.Num, num)
		if meta.percent {
			lo, hi := wilson(num, den)
			s.Lower = append(s.Lower, lo)
			s.Upper = append(s.Upper, hi)
		}
	}
	if name == "fte_rate_per_100k" {
		// n is the count of first time entrants; the population is the same every quarter.
		s.N = append([]int(nil), s.Num...)
	}
	sp := &Spec{
		ID: meta.id, Section: meta.section, Headline: name,
		Title:    headlineLabel(ind, name) + ", by " + periodNoun(meta),
		Subtitle: trendSubtitle(meta),
		XLabel:   meta.xlabel, YLabel: meta.ylabel,
		Kind: Line, Categories: cats, Series: []Series{s},
		Percent: meta.percent, Unit: meta.unit, Decimals: meta.dec,
		Organisational: Organisational(name),
	}
	sp.Series = append(sp.Series, comparatorSeries(ind, name, cats)...)
	setTarget(sp, ind, name)
	return sp
}

// headlineLabel is the headline's plain-English name, or its code when ind has no headline of
// that name.
func headlineLabel(ind *report.Indicators, name string) string {
	if h := ind.Headline(name); h != nil && h.Label != "" {
		return h.Label
	}
	return CodeLabel(name)
}

// seriesName is the legend name of our own series, beside the comparators'.
func seriesName(ind *report.Indicators) string {
	if ind.Service != "" {
		return ind.Service
	}
	return "This service"
}

func periodNoun(m headlineMeta) string {
	if m.xlabel == cohortAxis {
		return "cohort"
	}
	return "quarter"
}

func trendSubtitle(m headlineMeta) string {
	n := "n = " + m.unit
	if m.percent {
		n += "; shaded band = 95% interval"
	}
	if m.xlabel == cohortAxis {
		n += "; every cohort shown has had its full 18 months"
	}
	return n + "; points = published comparators"
}

// comparatorSeries returns one series of points per comparator with a figure for the
// indicator at one of cats (SPEC §4.9), in the order comparators are first listed.
func comparatorSeries(ind *report.Indicators, name string, cats []string) []Series {
	at := map[string]int{}
	for i, c := range cats {
		at[c] = i
	}
	var out []Series
	index := map[string]int{}
	for _, c := range ind.Comparators {
		i, ok := at[c.Period]
		if c.Indicator != name || !ok {
			continue
		}
		j, seen := index[c.Comparator]
		if !seen {
			j = len(out)
			index[c.Comparator] = j
			out = append(out, Series{Name: c.Comparator, Values: make([]*float64, len(cats)), Points: true, Published: true})
		}
		out[j].Values[i] = f(c.Value)
	}
	return out
}

// reoffendingProvisional shows the cohorts of the 8 ending with the reporting quarter that
// have not had their 18 months: their rates can only rise, so they are shown apart and
// labelled, never as the end of the trend.
func reoffendingProvisional(ind *report.Indicators) *Spec {
	s := Series{Name: "Children who reoffended so far"}
	var cats []string
	for _, c := range ind.Reoffending.Cohorts {
		if c.Status == report.StatusMature {
			continue
		}
		cats = append(cats, c.Quarter)
		s.Values = append(s.Values, c.BinaryRate)
		s.N = append(s.N, c.Children)
		s.Num = append(s.Num, c.Reoffenders)
		s.Provisional = append(s.Provisional, true)
	}
	if len(cats) == 0 {
		return nil
	}
	return &Spec{
		ID: IDReoffendingProvisional, Section: SectionReoffending,
		Title:    "Cohorts still being counted",
		Subtitle: "Reoffending proven so far; these rates will rise until each cohort has had 18 months, so they are not a trend",
		XLabel:   cohortAxis, YLabel: "% of children who reoffended so far",
		Kind: Bar, Categories: cats, Series: []Series{s}, Percent: true, Unit: "children",
	}
}

// intOf returns a series count as an int, 0 when null.
func intOf(v *float64) int {
	if v == nil {
		return 0
	}
	return int(*v + 0.5)
}
