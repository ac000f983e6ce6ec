package pdf

import (
	"fmt"
	"sort"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/ingest"
	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/disclosure"
	"github.com/yjsreport/yjsreport/report/format"
	"github.com/yjsreport/yjsreport/report/narrative"
	"github.com/yjsreport/yjsreport/report/pdf/fonts"
)

// Section headings, in report order; tests look for each in the PDF's text.
const (
	TitleOnAPage     = "Performance on a page"
	TitleScorecard   = "Scorecard"
	TitleAsks        = "Asks of the board"
	TitleConcerns    = "Areas of concern"
	TitleOverview    = "Overview"
	TitleReoffending = "Reoffending"
	TitleFTE         = "First time entrants and custody"
	TitleETE         = "Education, training and employment (ETE)"
	TitleNeeds       = "Needs and wider services"
	TitleOOCD        = "Out-of-court disposals"
	TitleVictims     = "Victims"
	TitleViews       = "Children's and families' views"
	TitlePartnership = "Partnership"
	TitlePlan        = "Improvement plan"
	TitleQuality     = "Appendix A: Data quality"
	TitleDefinitions = "Appendix B: Definitions"
)

func (r *builder) build() {
	ind := r.in.Ind
	r.cover()
	r.onAPage()
	r.scorecard()
	r.asks()
	r.concerns()
	r.reoffending()
	r.fteCustody()
	r.ete()
	if needsRecorded(ind) {
		r.needs()
	}
	r.oocd()
	if ind.Victims != nil {
		r.victims()
	}
	if ind.Feedback != nil {
		r.views()
	}
	if ind.BoardAttendance != nil {
		r.partnership()
	}
	r.plan()
	r.quality()
	r.definitions()
	r.f.finish()
}

// section starts a section on a new page, under its heading.
func (r *builder) section(title string) {
	r.f.endSection()
	r.heading(title)
}

// missingExtract reports whether the core extract kind is missing (--partial, SPEC §3.6),
// and if so says on the page that the section's figures cannot be calculated.
func (r *builder) missingExtract(kind string) bool {
	for _, k := range r.in.Ind.MissingExtracts {
		if k == kind {
			r.f.para("No "+kind+" extract was supplied with this quarter's exports, so none of this section's figures can be calculated: each reads \"no extract\" in this report. Supply the "+kind+" extract and run the report again.", bodyBold, 0, 3)
			return true
		}
	}
	return false
}

func (r *builder) cover() {
	f := r.f
	ind := r.in.Ind
	f.space(40)
	f.para(r.service, style{size: 24, font: fontstyle.Bold, color: navy}, 0, 4)
	f.para("Quarterly performance report to the Chief Officer Board", style{size: 15, font: fontstyle.Normal, color: ink}, 0, 10)
	f.para(ind.Quarter.Label, style{size: 28, font: fontstyle.Bold, color: navy}, 0, 2)
	f.para(fmt.Sprintf("%s to %s", longISO(ind.Quarter.Start), longISO(ind.Quarter.End)), style{size: 12, font: fontstyle.Normal, color: ink}, 0, 2)
	f.para("Data as of "+r.in.AsOf.Long(), style{size: 12, font: fontstyle.Normal, color: ink}, 0, 6)
	for _, s := range r.partialNotes() {
		f.bullet(s, style{size: 11, font: fontstyle.Bold, color: ragRed}, "!", style{size: 11, font: fontstyle.Bold, color: ragRed})
		f.space(1.5)
	}
	f.space(6)
	lh := lineH(14)
	markW := float64(grid/2) * unitW
	marking := f.meas.truncate(f.meas.wrap(r.marking, fontstyle.Bold, 14, markW), 1, fontstyle.Bold, 14, markW)[0]
	f.add(lh+6, col.New(grid/2).Add(text.New(marking, props.Text{Family: family, Style: fontstyle.Bold, Size: 14, Color: white, Align: align.Center, Top: 3})).
		WithStyle(cellStyle(navy, border.None, nil)))
	f.space(10)
	if s := r.coverSummary(); s != "" {
		f.para(s, style{size: 12, font: fontstyle.Bold, color: navy}, 0, 6)
	}
	f.para("How to read this report", h2, 0, 1)
	f.para("Performance on a page shows every headline indicator as a tile: its value with the numbers behind it, its RAG status against the board's target (as a colour and a word), its last eight quarters, its change on the previous quarter and on the same quarter last year, and published comparators. "+
		"The scorecard after it sets the same figures in one table with their 95% intervals. The asks of the board and the areas of concern, each with its linked improvement actions, follow; then one section per area with charts, tables and commentary, the improvement plan, and appendices on data quality and definitions. "+
		"A change is called significant only when a statistical test says it is unlikely to be chance (5% level); otherwise it is within normal variation.", body, 0, 2)
	if r.disclose {
		f.para("Disclosure control is on: counts of 1 to 4 are shown as <5, rates based on fewer than 5 are suppressed, and a second figure is hidden (*) where a small one could otherwise be worked out from a total.", body, 0, 2)
	}
	f.endSection()
}

// coverSummary tells a board member on the cover what the pack asks of them: how many
// decisions the officer asks for and how many areas of concern there are.
func (r *builder) coverSummary() string {
	asks := 0
	for _, bl := range narrative.Blocks(strings.TrimSpace(r.in.Commentary[narrative.Asks])) {
		if strings.TrimSpace(bl) != "" {
			asks++
		}
	}
	concerns := len(r.in.Ind.AreasOfConcern)
	var parts []string
	switch asks {
	case 0:
	case 1:
		parts = append(parts, "1 ask of the board")
	default:
		parts = append(parts, fmt.Sprintf("%d asks of the board", asks))
	}
	switch concerns {
	case 0:
		parts = append(parts, "no areas of concern")
	case 1:
		parts = append(parts, "1 area of concern")
	default:
		parts = append(parts, fmt.Sprintf("%d areas of concern", concerns))
	}
	return "This quarter: " + strings.Join(parts, " and ") + ", after the scorecard."
}

func longISO(s string) string {
	var y, m, d int
	if _, err := fmt.Sscanf(s, "%d-%d-%d", &y, &m, &d); err != nil {
		return s
	}
	months := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	if m < 1 || m > 12 {
		return s
	}
	return fmt.Sprintf("%d %s %d", d, months[m-1], y)
}

// tileTarget returns the target of a headline, from the headline or ind.Targets.
func (r *builder) tileTarget(h *report.Headline) *report.TargetResult {
	if h.Target != nil {
		return h.Target
	}
	for i := range r.in.Ind.Targets {
		if r.in.Ind.Targets[i].Indicator == h.Indicator {
			return &r.in.Ind.Targets[i]
		}
	}
	return nil
}

func ragColor(rag *string) *props.Color {
	if rag == nil {
		return ragNone
	}
	switch *rag {
	case report.RAGRed:
		return ragRed
	case report.RAGAmber:
		return ragAmber
	case report.RAGGreen:
		return ragGreen
	}
	return ragNone
}

func ragInk(rag *string) *props.Color {
	if rag != nil && *rag == report.RAGAmber {
		return ink
	}
	return white
}

func periodWord(h *report.Headline) string {
	if report.IsCohort(h.Indicator) {
		return "cohort"
	}
	return "quarter"
}

func periodLabel(h *report.Headline) string {
	if periodWord(h) == "cohort" {
		return "cohort " + h.Period
	}
	return h.Period
}

// ragSummary counts the headline indicators by RAG status in one sentence.
func (r *builder) ragSummary() string {
	counts := map[string]int{}
	for i := range r.in.Ind.Headlines {
		h := &r.in.Ind.Headlines[i]
		switch t := r.tileTarget(h); {
		case t == nil:
			counts["no target"]++
		case t.RAG == nil:
			counts["no value"]++
		default:
			counts[*t.RAG]++
		}
	}
	var parts []string
	for _, k := range []string{report.RAGRed, report.RAGAmber, report.RAGGreen, "no value", "no target"} {
		if n := counts[k]; n > 0 {
			word := strings.ToUpper(k)
			if k == "no target" || k == "no value" {
				word = "with " + k
			}
			parts = append(parts, fmt.Sprintf("%d %s", n, word))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return fmt.Sprintf("Of the %d headline indicators: %s.", len(r.in.Ind.Headlines), format.List(parts))
}

// improvementsList returns one sentence per statistically significant change for the better,
// so the board sees what is working as well as what is not.
func (r *builder) improvementsList() []string {
	var out []string
	for i := range r.in.Ind.Headlines {
		h := &r.in.Ind.Headlines[i]
		for _, c := range []struct {
			ch    *report.Change
			other report.Point
			when  string
		}{{h.ChangePrevious, h.Previous, "the previous " + periodWord(h)}, {h.ChangeYearAgo, h.YearAgo, "a year earlier"}} {
			if c.ch == nil || !c.ch.Significant || c.ch.Direction != report.DirectionBetter || c.other.Value == nil || h.Current.Value == nil {
				continue
			}
			if r.pointHidden(h, h.Current) || r.pointHidden(h, c.other) {
				out = append(out, fmt.Sprintf("%s is significantly better than %s (figures suppressed: small numbers).", h.Label, c.when))
				continue
			}
			out = append(out, fmt.Sprintf("%s is significantly better than %s: %s, from %s (%s).", h.Label, c.when,
				format.Headline(h.Kind, *h.Current.Value), format.Headline(h.Kind, *c.other.Value), c.other.Period))
		}
	}
	return out
}

// cohortTable is the eight cohorts, provisional ones marked.
func (r *builder) cohortTable() {
	t := table{cols: []column{
		// The rate column fits "100.0% (97.5%–100.0%)" (31.5 mm at 8 pt) on one line.
		{"Cohort", 8, align.Left}, {"Status", 6, align.Left}, {"Children", 5, align.Right},
		{"Reoffenders", 7, align.Right}, {"Reoffences", 6, align.Right},
		{"Reoffending rate (95% interval)", 12, align.Right}, {"Per child", 4, align.Right},
		{"Per reoffender", 7, align.Right}, {"Median days to first", 5, align.Right},
	}}
	for _, c := range r.in.Ind.Reoffending.Cohorts {
		var bg *props.Color
		if c.Status != report.StatusMature {
			bg = paleGrey
		}
		status := c.Status
		q := c.Quarter
		if r.in.Ind.Reoffending.Headline != nil && *r.in.Ind.Reoffending.Headline == c.Quarter {
			q += " (headline)"
		}
		rate := r.pct(c.Reoffenders, c.Children)
		if rate != format.NA && rate != disclosure.Suppressed {
			rate += " " + interval(c.BinaryCI)
		}
		med := "n/a"
		if c.MedianDaysToFirstReoffence != nil {
			med = format.Days(*c.MedianDaysToFirstReoffence)
			if r.disclose && disclosure.IsSmall(c.Reoffenders) {
				med = disclosure.Suppressed
			}
		}
		row := []tcell{{text: q, bold: c.Status == report.StatusMature}, {text: status, bg: bg},
			num(r.count(c.Children)), num(r.count(c.Reoffenders)), num(r.count(c.Reoffences)),
			num(rate), num(r.ratio(c.Reoffences, c.Children, 2)), num(r.ratio(c.Reoffences, c.Reoffenders, 2)), num(med)}
		t.rows = append(t.rows, row)
	}
	r.f.table(t)
}

// breakdownTable shows the headline cohort by tier, gender, age band, ethnicity and locality.
func (r *builder) breakdownTable(c *report.Cohort) {
	t := table{cols: []column{
		{"Group", 22, align.Left}, {"Children", 8, align.Right}, {"Reoffenders", 9, align.Right},
		{"Reoffences", 9, align.Right}, {"Reoffending rate", 12, align.Right},
	}}
	dims := []struct {
		name  string
		m     map[string]report.Counts
		order []string
	}{
		{"By tier of the index disposal", c.By.Tier, []string{"pre_court", "first_tier", "community", "custody"}},
		{"By gender", c.By.Gender, nil},
		{"By age at the index date", c.By.AgeBand, []string{"10-14", "15-17", "18+"}},
		{"By ethnicity", c.By.Ethnicity, nil},
		{"By locality", c.By.Locality, nil},
	}
	folded := false
	for _, d := range dims {
		groups := chart.Breakdown(d.m, d.order)
		if len(groups) == 0 {
			continue
		}
		t.rows = append(t.rows, []tcell{{text: d.name, bold: true, bg: paleGrey}, {bg: paleGrey}, {bg: paleGrey}, {bg: paleGrey}, {bg: paleGrey}})
		// The rows of a dimension, the row of all others included, add up to the cohort:
		// each column is one group for disclosure control.
		var ch, ro, rc []int
		for _, g := range groups {
			ch = append(ch, g.Counts.Children)
			ro = append(ro, g.Counts.Reoffenders)
			rc = append(rc, g.Counts.Reoffences)
		}
		cc, _ := disclosure.Column(ch, r.disclose)
		rr, _ := disclosure.Column(ro, r.disclose)
		ee, _ := disclosure.Column(rc, r.disclose)
		for i, g := range groups {
			rate := r.pct(ro[i], ch[i])
			if cc[i].Hidden || rr[i].Hidden {
				rate = disclosure.Suppressed
			}
			t.rows = append(t.rows, []tcell{txt(g.Label), num(cell(cc[i])), num(cell(rr[i])), num(cell(ee[i])), num(rate)})
		}
		for _, g := range groups {
			folded = folded || g.Others > 0
		}
	}
	t.total = []tcell{txt("All children in the cohort"), num(r.count(c.Children)), num(r.count(c.Reoffenders)),
		num(r.count(c.Reoffences)), num(r.pct(c.Reoffenders, c.Children))}
	r.f.table(t)
	if folded {
		r.f.para(fmt.Sprintf("A breakdown with more than %d groups shows the largest, then the others summed in one row; indicators.json lists every group.", chart.MaxGroups), note, 0, 2)
	}
}

func (r *builder) reoffending() {
	r.section(TitleReoffending)
	if r.missingExtract("disposals") {
		return
	}
	r.commentary(narrative.Reoffending)
	r.chart(chart.IDReoffendingTrend)
	r.chart(chart.IDReoffendingProvisional)
	r.chart(chart.IDReoffendingFrequency)
	r.subheading("Cohorts")
	r.f.para("Each cohort is the children cautioned, sentenced or released from custody in the quarter, followed for 12 months (plus 6 months for the reoffence to be proven). Provisional cohorts (shaded) are still being counted.", note, 0, 1.5)
	r.cohortTable()
	c := chart.HeadlineCohort(r.in.Ind)
	if c == nil {
		r.f.para("No cohort is mature yet, so there is no headline cohort to break down.", body, 0, 2)
		return
	}
	// The heading stays with the charts under it.
	if i, ok := r.chartByID(chart.IDReoffendingByTier); ok {
		r.f.ensure(lineH(h2.size) + 2.5 + 2*lineH(h3.size) + sizeOf(r.specs[i], r.half).H + 3*lineH(note.size))
	}
	r.subheading("Headline cohort " + c.Quarter + " in detail")
	r.chartPair(chart.IDReoffendingByTier, chart.IDReoffendingDays)
	if c.MedianDaysToFirstReoffence != nil && !(r.disclose && disclosure.IsSmall(c.Reoffenders)) {
		r.f.para(fmt.Sprintf("Median time to the first proven reoffence: %s days.", format.Days(*c.MedianDaysToFirstReoffence)), body, 0, 2)
	}
	r.breakdownTable(c)
}

func (r *builder) fteCustody() {
	ind := r.in.Ind
	r.section(TitleFTE)
	if r.missingExtract("disposals") {
		return
	}
	r.commentary(narrative.FTECustody)
	rate := func(v *float64) string {
		if v == nil {
			return "n/a (no population set)"
		}
		return format.Number(*v, 1)
	}
	r.chartPair(chart.IDFTETrend, chart.IDFTERateTrend)
	r.chart(chart.IDCustodyTrend)
	r.chart(chart.IDTrendCustodyShare)
	r.subheading("Figures for the quarter")
	fq, fr := ind.FTE.Quarter, ind.FTE.Rolling12Months
	if r.disclose && disclosure.IsSmall(fq.Count) {
		fq.RatePer100k = nil
	}
	if r.disclose && disclosure.IsSmall(fr.Count) {
		fr.RatePer100k = nil
	}
	r.f.table(table{cols: []column{{"First time entrants (YJS-recorded)", 30, align.Left}, {ind.Quarter.Label, 15, align.Right}, {"Rolling 12 months", 15, align.Right}},
		rows: [][]tcell{
			{txt("Children"), num(r.count(fq.Count)), num(r.count(fr.Count))},
			{txt("Rate per 100,000 children aged 10–17"), num(rate(fq.RatePer100k)), num(rate(fr.RatePer100k))},
		}})
	cu := ind.Custody
	share := r.pct(cu.CustodialSentences, cu.CourtSentences)
	per1000 := "n/a (no population set)"
	if cu.RatePer1000 != nil {
		per1000 = format.Number(*cu.RatePer1000, 2)
		if r.disclose && disclosure.IsSmall(cu.CustodialSentences) {
			per1000 = disclosure.Suppressed
		}
	}
	sv := ind.SeriousViolence
	sva, _ := disclosure.Column([]int{sv.Age10to15, sv.Age16to17, sv.Offences - sv.Age10to15 - sv.Age16to17}, r.disclose)
	r.f.space(1)
	r.f.table(table{cols: []column{{"Use of custody and serious violence, " + ind.Quarter.Label, 44, align.Left}, {"Value", 16, align.Right}},
		rows: [][]tcell{
			{txt("Custodial sentences (child and sentence date)"), num(r.count(cu.CustodialSentences))},
			{txt("Court sentences (first-tier, community and custody)"), num(r.count(cu.CourtSentences))},
			{txt("Custodial sentences as a share of court sentences"), num(share)},
			{txt("Custodial sentences per 1,000 children aged 10–17"), num(per1000)},
			{txt("Serious violence offences (gravity 5+: violence against the person, robbery, drugs)"), num(r.count(sv.Offences))},
			{txt("of which by children aged 10–15 on the outcome date"), num(cell(sva[0]))},
			{txt("of which by children aged 16–17"), num(cell(sva[1]))},
			{txt("of which by young people aged 18 or over"), num(cell(sva[2]))},
		}})
}

func (r *builder) eteGroupRows(t *table, at string, p report.ETEPoint) {
	groups := []struct {
		name string
		g    report.ETEGroup
	}{{"School age", p.SchoolAge}, {chart.AboveSchoolAge, p.AboveSchoolAge}}
	for _, g := range groups {
		cells, _ := disclosure.Column([]int{g.g.Suitable, g.g.Unsuitable, g.g.Unknown}, r.disclose)
		t.rows = append(t.rows, []tcell{txt(g.name), txt(at), num(r.count(g.g.Children)),
			num(cell(cells[0])), num(cell(cells[1])), num(cell(cells[2])), num(r.pct(g.g.Suitable, g.g.Children))})
	}
}

func (r *builder) eteHoursRows(t *table, at string, p report.ETEPoint) {
	groups := []struct {
		name string
		g    report.ETEGroup
	}{{"School age", p.SchoolAge}, {chart.AboveSchoolAge, p.AboveSchoolAge}}
	for _, g := range groups {
		cells, _ := disclosure.Column([]int{g.g.FullTime, g.g.PartTime, g.g.None, g.g.NotRecorded}, r.disclose)
		att := "n/a"
		if g.g.HoursOffered > 0 {
			att = format.Percent(g.g.HoursAttended / g.g.HoursOffered)
			if r.disclose && g.g.Children < disclosure.Threshold {
				att = disclosure.Suppressed
			}
		}
		t.rows = append(t.rows, []tcell{txt(g.name), txt(at), num(cell(cells[0])), num(cell(cells[1])), num(cell(cells[2])), num(cell(cells[3])),
			num(hoursIf(g.g.HoursOffered, r.disclose && g.g.Children < disclosure.Threshold)), num(att)})
	}
}

func hoursIf(v float64, hide bool) string {
	if hide {
		return disclosure.Suppressed
	}
	return format.Hours(v)
}

func (r *builder) ete() {
	ind := r.in.Ind
	r.section(TitleETE)
	if r.missingExtract("ete") {
		return
	}
	r.commentary(narrative.ETE)
	r.chart(chart.IDETEStartEnd)
	if ind.ETE.Children > 0 {
		t := table{cols: []column{{"Age group", 17, align.Left}, {"At", 6, align.Left}, {"Children", 7, align.Right},
			{"Suitable", 7, align.Right}, {"Unsuitable", 8, align.Right}, {"Unknown", 7, align.Right}, {"% suitable", 8, align.Right}}}
		r.eteGroupRows(&t, "start", ind.ETE.Start)
		r.eteGroupRows(&t, "end", ind.ETE.End)
		r.f.table(t)
		post := ind.ETE.End.AboveSchoolAge
		notIn := post.Unsuitable + post.Unknown
		r.f.para(fmt.Sprintf("Above school age (post-16) and not in suitable ETE at the end of the intervention: %s of %s (%s unsuitable, %s unknown).",
			r.count(notIn), r.count(post.Children), r.count(post.Unsuitable), r.count(post.Unknown)), bodyBold, 0, 3)
		r.subheading("Hours offered and movement")
		h := table{cols: []column{{"Age group", 17, align.Left}, {"At", 5, align.Left}, {"Full time", 6, align.Right}, {"Part time", 6, align.Right},
			{"None", 5, align.Right}, {"Not recorded", 7, align.Right}, {"Hours offered", 7, align.Right}, {"% attended", 7, align.Right}}}
		r.eteHoursRows(&h, "start", ind.ETE.Start)
		r.eteHoursRows(&h, "end", ind.ETE.End)
		r.f.table(h)
		r.chartPair(chart.IDETEHoursEnd, chart.IDETEMovement)
	}
	r.chart(chart.IDETETrend)
	// School age and above school age are lines of the trend above: each has a chart of
	// its own only to draw its own target (placed).
	r.trends(chart.IDTrendETESchoolAge, chart.IDTrendETEAbove)
}

func (r *builder) oocd() {
	o := r.in.Ind.OOCD
	r.section(TitleOOCD)
	if r.missingExtract("oocd") {
		return
	}
	r.commentary(narrative.OOCD)
	r.chartPair(chart.IDOOCDByType, chart.IDOOCDTimeliness)
	d := o.Decided
	r.f.table(table{cols: []column{{"Decisions this quarter", 40, align.Left}, {"Number", 10, align.Right}, {"Share", 10, align.Right}},
		rows: [][]tcell{
			{txt("Decided"), num(r.count(d.Total)), num("")},
			{txt("Decided at the joint decision panel"), num(r.count(d.AtPanel)), num(r.pct(d.AtPanel, d.Total))},
			{txt("With a victim identified"), num(r.count(d.VictimIdentified)), num(r.pct(d.VictimIdentified, d.Total))},
			{txt("Victim's views sought (of those with a victim identified)"), num(r.count(d.VictimViewsSought)), num(r.pct(d.VictimViewsSought, d.VictimIdentified))},
		}})
	r.subheading("Completion")
	c := o.Completion
	var keys []string
	for k := range c.ByType {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return outcomeRank(keys[i]) < outcomeRank(keys[j]) })
	ct := table{cols: []column{{"Outcome type", 16, align.Left}, {"Completed", 8, align.Right}, {"Not completed", 9, align.Right},
		{"Neutral", 7, align.Right}, {"Not recorded", 9, align.Right}, {"Completion rate", 11, align.Right}}}
	cols := [4][]int{}
	for _, k := range keys {
		b := c.ByType[k]
		cols[0] = append(cols[0], b.Completed)
		cols[1] = append(cols[1], b.NotCompleted)
		cols[2] = append(cols[2], b.Neutral)
		cols[3] = append(cols[3], b.NotRecorded)
	}
	var cells [4][]disclosure.Cell
	for i := range cols {
		cells[i], _ = disclosure.Column(cols[i], r.disclose)
	}
	for i, k := range keys {
		b := c.ByType[k]
		rate := r.pct(b.Completed, b.Completed+b.NotCompleted)
		if cells[0][i].Hidden || cells[1][i].Hidden {
			rate = disclosure.Suppressed
		}
		ct.rows = append(ct.rows, []tcell{txt(chart.CodeLabel(k)), num(cell(cells[0][i])), num(cell(cells[1][i])), num(cell(cells[2][i])), num(cell(cells[3][i])), num(rate)})
	}
	ct.total = []tcell{txt("All types"), num(r.count(c.Completed)), num(r.count(c.NotCompleted)), num(r.count(c.Neutral)), num(r.count(c.NotRecorded)),
		num(r.pct(c.Completed, c.Completed+c.NotCompleted))}
	r.f.table(ct)
	r.chart(chart.IDOOCDCompletion)
	r.subheading("Timeliness of assessment")
	t := o.Timeliness
	med := "n/a"
	if t.MedianWorkingDays != nil {
		med = format.Days(*t.MedianWorkingDays)
	}
	tc, _ := disclosure.Column([]int{t.OnTime, t.Late, t.Overdue, t.Pending}, r.disclose)
	r.f.table(table{cols: []column{{"Referrals this quarter", 40, align.Left}, {"Number", 20, align.Right}},
		rows: [][]tcell{
			{txt(fmt.Sprintf("Assessed on time (within %d working days)", r.in.Config.AssessmentWorkingDays)), num(cell(tc[0]))},
			{txt("Assessed late"), num(cell(tc[1]))},
			{txt("Not assessed and overdue"), num(cell(tc[2]))},
			{txt("Not assessed, not yet due (pending; not in the rate)"), num(cell(tc[3]))},
			{txt("All referrals"), num(r.count(t.Referrals))},
			{txt("Timeliness rate: on time / (on time + late + overdue)"), num(r.pct(t.OnTime, t.OnTime+t.Late+t.Overdue))},
			{txt("Median working days from referral to assessment"), num(med)},
		}})
	r.trends(chart.IDTrendOOCDCompletion, chart.IDTrendOOCDTimeliness)
}

func outcomeRank(code string) int {
	for i, o := range ingest.Outcomes {
		if string(o) == code {
			return i
		}
	}
	return len(ingest.Outcomes)
}

func (r *builder) victims() {
	v := r.in.Ind.Victims
	r.section(TitleVictims)
	r.commentary(narrative.Victims)
	rate := r.pct(v.RJEngagedAndConsented, v.Consented)
	r.f.table(table{cols: []column{{"Victims of offences whose intervention closed this quarter", 40, align.Left}, {"Number", 10, align.Right}, {"Share", 10, align.Right}},
		rows: [][]tcell{
			{txt("Victims"), num(r.count(v.Victims)), num("")},
			{txt("Consented to contact"), num(r.count(v.Consented)), num(r.pct(v.Consented, v.Victims))},
			{txt("Views sought"), num(r.count(v.ViewsSought)), num(r.pct(v.ViewsSought, v.Victims))},
			{txt("Restorative justice offered"), num(r.count(v.RJOffered)), num(r.pct(v.RJOffered, v.Victims))},
			{txt("Restorative justice engaged"), num(r.count(v.RJEngaged)), num(r.pct(v.RJEngaged, v.Victims))},
			{txt("Engaged in restorative justice, of those consenting to contact"), num(r.count(v.RJEngagedAndConsented)), num(rate)},
		}})
	r.chart(chart.IDVictims)
	r.trends(chart.IDTrendVictimRJ)
}

func (r *builder) plan() {
	r.section(TitlePlan)
	if !r.in.HasPlan && len(r.in.Plan) == 0 {
		r.f.para("No improvement plan was supplied with this quarter's extracts.", body, 0, 2)
		r.officer(narrative.ImprovementPlan)
		return
	}
	r.f.para(narrative.Plan(r.in.Plan, r.in.AsOf), body, 0, 2)
	r.officer(narrative.ImprovementPlan)
	linked := false
	for _, a := range r.in.Plan {
		linked = linked || a.Indicator != ""
	}
	cols := []column{{"Recommendation", 12, align.Left}, {"Action", 16, align.Left}, {"Owner", 7, align.Left},
		{"Due", 7, align.Left}, {"RAG", 7, align.Center}, {"Progress", 11, align.Left}}
	if linked {
		// The headline each action is linked to (SPEC §3.5), as its tile names it.
		cols = []column{{"Recommendation", 10, align.Left}, {"Action", 13, align.Left}, {"Linked indicator", 8, align.Left},
			{"Owner", 8, align.Left}, {"Due", 6, align.Left}, {"RAG", 5, align.Center}, {"Progress", 10, align.Left}}
	}
	t := table{maxLines: 10, cols: cols}
	for _, a := range r.in.Plan {
		due := tcell{text: a.DueDate.UK()}
		if narrative.Overdue(a, r.in.AsOf) {
			due = tcell{text: a.DueDate.UK() + "\nOVERDUE", bold: true, fg: ragRed}
		}
		rag := string(a.RAG)
		var rp *string
		if a.RAG != ingest.Complete {
			rp = &rag
		}
		bg, fg := ragColor(rp), ragInk(rp)
		if a.RAG == ingest.Complete {
			bg, fg = paleGrey, ink
		}
		row := []tcell{txt(a.Recommendation), txt(a.Action)}
		if linked {
			ind := chart.ShortLabel(a.Indicator)
			if ind == "" {
				ind = a.Indicator
			}
			row = append(row, txt(ind))
		}
		row = append(row, txt(a.Owner), due, tcell{text: strings.ToUpper(rag), bold: true, bg: bg, fg: fg}, txt(a.Progress))
		t.rows = append(t.rows, row)
	}
	r.f.table(t)
}

func (r *builder) quality() {
	r.section(TitleQuality)
	if v := r.in.Version; v != "" { // last on the appendix: the build that made the report
		defer r.f.para("Made by yjsreport "+chart.Label(v)+" from the files listed above.", note, 0, 2)
	}
	r.f.para("Every sheet read, with a fingerprint of its file (the first 12 characters of its SHA-256) so the figures can be traced to the exact extracts. Read = accepted + rejected + duplicates; warnings are accepted rows with an optional value set aside.", note, 0, 2)
	t := table{cols: []column{{"File", 12, align.Left}, {"Sheet", 7, align.Left}, {"Extract", 8, align.Left}, {"SHA-256", 8, align.Left},
		{"Read", 4, align.Right}, {"Accepted", 5, align.Right}, {"Rejected", 5, align.Right}, {"Duplicates", 6, align.Right}, {"Warnings", 5, align.Right}}}
	for _, in := range r.in.Ind.Inputs {
		kind := "not recognised"
		if in.Extract != nil {
			kind = strings.ReplaceAll(*in.Extract, "_", " ")
		}
		sha := in.SHA256
		if len(sha) > 12 {
			sha = sha[:12]
		}
		sheet := in.Sheet
		if sheet == "" {
			sheet = "(csv)"
		}
		t.rows = append(t.rows, []tcell{txt(in.File), txt(sheet), txt(kind), txt(sha),
			num(format.Count(in.Read)), num(format.Count(in.Accepted)), num(format.Count(in.Rejected)), num(format.Count(in.Duplicates)), num(format.Count(in.Warnings))})
	}
	if len(t.rows) == 0 {
		r.f.para("No sheets were read.", body, 0, 2)
	} else {
		r.f.table(t)
	}
	if len(r.in.Skipped) > 0 {
		r.f.para("Files passed over (hidden, lock files or not data): "+strings.Join(r.in.Skipped, ", ")+".", body, 0, 2)
	}
	if r.standIns {
		r.f.para(fmt.Sprintf("Some text in the extracts or the configuration has characters this report's font cannot print (such as emoji, or letters of scripts like Arabic or Hebrew): each is printed as %c. indicators.json keeps the text as written.", fonts.StandIn), body, 0, 2)
	}
	r.subheading("Rows set aside, by reason")
	if len(r.in.Quality) == 0 {
		r.f.para("No rows were rejected, dropped as duplicates or accepted with warnings.", body, 0, 2)
		return
	}
	r.f.para("Counts of rows by file, column and rule. The rows themselves, with the values at fault, are listed in data-quality.csv for the performance team; this report never shows a child's details.", note, 0, 2)
	q := table{maxLines: 4, cols: []column{{"File", 12, align.Left}, {"Sheet", 7, align.Left}, {"Column", 13, align.Left}, {"Rule", 17, align.Left},
		{"Outcome", 6, align.Left}, {"Rows", 5, align.Right}}}
	for _, row := range r.in.Quality {
		sheet := row.Sheet
		if sheet == "" {
			sheet = "(csv)"
		}
		column := row.Column
		if column == "" {
			column = "(row)"
		}
		q.rows = append(q.rows, []tcell{txt(row.File), txt(sheet), txt(column), txt(row.Rule), txt(row.Severity), num(format.Count(row.Count))})
	}
	r.f.table(q)
}

func (r *builder) definitions() {
	r.section(TitleDefinitions)
	for _, d := range definitions(r.in.Config, r.in.Ind.Reoffending.Mode) {
		lines := r.f.meas.wrap(d.text, body.font, body.size, contentW)
		// Keep a definition of up to six lines whole, so no page starts with the tail of one;
		// a longer one may split after its first three lines.
		keep := len(lines)
		if keep > 6 {
			keep = 3
		}
		r.f.ensure(lineH(h3.size) + 0.3 + float64(keep)*lineH(body.size) + 1.5)
		r.f.para(d.term, h3, 0, 0.3)
		r.f.linesBlock(lines, body, 0)
		r.f.space(2.2)
	}
}

type definition struct{ term, text string }

func definitions(cfg config.Config, mode string) []definition {
	eligible := "cautions (youth caution, youth conditional caution) and court sentences; community resolutions and Outcome 22 are left out"
	if mode == report.ModeLive {
		eligible = "every caution, court sentence, community resolution and Outcome 22 (live tracking mode)"
	}
	ds := []definition{
		{"Counting", "Figures count distinct children unless stated. Out-of-court disposal and victim figures count interventions and victims. A rate always comes with the numbers it is made from; a rate whose denominator is 0 is shown as n/a, never 0%."},
		{"Reoffending cohort", "The children who received an eligible outcome in the quarter: " + eligible + ". Breaches are left out. For a custodial sentence the child enters the cohort on release. A child joins each quarter's cohort once, on their first eligible date in that quarter."},
		{"Proven reoffence", "An offence committed in the 12 months after the child's cohort date that led to an eligible outcome within 18 months of that date. The binary rate is the share of children who reoffended; the frequency rate is reoffences per child; reoffences per reoffender is reoffences divided by the children who reoffended."},
		{"Mature and provisional cohorts", "A cohort is mature once 18 months have passed since its quarter ended, so every reoffence has had time to be proven. Later cohorts are provisional: their rates can only rise. The headline is the newest mature cohort."},
		{"First time entrants (YJS-recorded)", "Children aged 10 to 17 receiving their first formal caution or sentence in the service's records in the quarter (breaches excluded). The rate is per 100,000 children aged 10 to 17 in the local population. This is the service's own count, not the Police National Computer measure."},
		{"Custody", "Custodial sentences are distinct child and sentence-date pairs with a detention and training order or long-term detention. The share is of all court sentences (first-tier, community and custody) on distinct child and date pairs."},
		{"Serious violence", "Proven offences with a gravity score of 5 or more in violence against the person, robbery or drugs, by age on the outcome date."},
		{"School age and above school age (post-16)", "A child is of compulsory school age until the last Friday of June of the school year in which they turn 16: for a 16th birthday from 1 January to 31 August, the last Friday of June that year; otherwise the last Friday of June the year after. After that date the child is above school age, which the board calls post-16."},
		{"ETE cohort", fmt.Sprintf("Children whose intervention ended in the quarter (their latest ending one), with their education, training or employment recorded at the start and the end. Full time means at least %s hours a week offered at school age and at least %s hours above school age; part time is fewer hours; none is zero; not recorded is blank.",
			format.Hours(cfg.FullTimeHoursSchoolAge), format.Hours(cfg.FullTimeHoursAboveSchoolAge))},
		{"Out-of-court disposals", fmt.Sprintf("Decisions are interventions with a decision date in the quarter. Completion counts interventions ending in the quarter; the rate is completed over completed plus not completed. Timeliness counts referrals in the quarter: on time means assessed within %d working days (Monday to Friday, excluding bank holidays in England and Wales); overdue means not assessed and past that; pending means not yet due, and is left out of the rate.", cfg.AssessmentWorkingDays)},
		{"Victims", "Victims of offences whose intervention closed in the quarter. The headline rate is victims who consented to contact and engaged in restorative justice, over those who consented."},
		{"RAG status", "Against the target set by the board: green when the value meets the target; amber when it misses by no more than the amber tolerance; red otherwise. An indicator with no target has no RAG status."},
		{"95% interval and significance", "The shaded band or whiskers around a rate show its 95% Wilson interval: the range the underlying rate plausibly lies in, given how few children are counted. A change is called significant when a two-sided test at the 5% level says it is unlikely to be chance (Fisher's exact test for small numbers, otherwise the two-proportion z-test); otherwise it is within normal variation. Rates per 100,000 and frequencies are not tested."},
	}
	if cfg.DisclosureControl {
		ds = append(ds, definition{"Disclosure control", "Counts of 1 to 4 are shown as <5. A rate is suppressed when fewer than 5 are counted, or when its numerator is 1 to 4. Where a total is shown and only one figure in it is hidden, the next smallest is hidden too (*) so the first cannot be worked out by subtraction."})
	}
	return ds
}
