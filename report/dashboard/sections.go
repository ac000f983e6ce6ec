package dashboard

import (
	"strings"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/ingest"
	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/format"
	"github.com/yjsreport/yjsreport/report/narrative"
)

type chartView struct {
	El, Title string
	Notes     []string
	// ValueAxis and CategoryAxis are the axes' names, written on the page around the chart
	// (they wrap on a phone, where a canvas would cut them off). Horizontal charts have
	// their categories down the side and values along the bottom.
	ValueAxis, CategoryAxis string
	Horizontal              bool
	Legend                  []legendItem
	// Missing says why the chart is not drawn (a core extract missing under --partial);
	// Notice why a drawn chart is empty.
	Missing, Notice string
	Head            []string
	Rows            [][]string
}

// buildChartView is a chart's heading, notes, axis names and table of figures (the
// accessible alternative to the canvas, and what shows when ECharts cannot load).
func buildChartView(sp *chart.Spec, el string) chartView {
	v := chartView{El: el, Title: sp.Title, ValueAxis: sp.YLabel, CategoryAxis: sp.XLabel,
		Horizontal: sp.Horizontal || sp.Kind == chart.Diverging}
	if sp.Kind == chart.Diverging {
		v.CategoryAxis = "" // the questions speak for themselves
	}
	if sp.MissingExtract != "" {
		v.Missing = "No " + sp.MissingExtract + " extract was found, so this chart cannot be drawn."
		return v
	}
	if sp.Subtitle != "" {
		v.Notes = append(v.Notes, sp.Subtitle)
	}
	if hasProvisional(sp) && !strings.Contains(sp.Subtitle, "provisional") {
		if sp.Kind == chart.Line {
			v.Notes = append(v.Notes, "Hollow points are provisional: the figure may still change.")
		} else {
			v.Notes = append(v.Notes, "Faded bars are provisional: the figure may still change.")
		}
	}
	if sp.Kind == chart.Diverging {
		v.Notes = append(v.Notes, "Disagreeing answers are drawn to the left of zero, agreeing and neutral ones to the right.")
	}
	if sp.Note != "" {
		v.Notes = append(v.Notes, sp.Note)
	}
	if hasSuppressed(sp) {
		v.Notes = append(v.Notes, "Some figures are hidden by disclosure control (shown as “<5”, “*” or “suppressed”).")
	}

	cat := "Category"
	if sp.XLabel != "" {
		cat = sp.XLabel
	}
	v.Head = []string{cat}
	type cols struct{ n, ci bool }
	have := make([]cols, len(sp.Series))
	for si, s := range sp.Series {
		have[si].n = len(s.N) > 0
		have[si].ci = len(s.Lower) > 0 && len(s.Upper) > 0
		name := s.Name
		if unit := valueUnit(sp); unit != "" && len(sp.Series) == 1 {
			name += " (" + unit + ")"
		}
		if s.Published {
			name += " (published)"
		}
		v.Head = append(v.Head, name)
		if have[si].n {
			v.Head = append(v.Head, s.Name+": n")
		}
		if have[si].ci {
			v.Head = append(v.Head, s.Name+": 95% interval")
		}
	}
	for i, c := range sp.Categories {
		row := []string{c}
		for si := range sp.Series {
			cl := resolve(sp, &sp.Series[si], i)
			t := cl.txt
			if cl.prov {
				t += " (provisional)"
			}
			row = append(row, t)
			if have[si].n {
				row = append(row, cl.n)
			}
			if have[si].ci {
				row = append(row, cl.ci)
			}
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}

// valueUnit is what a chart's values are in, for the table heading.
func valueUnit(sp *chart.Spec) string {
	if sp.YLabel != "" {
		return sp.YLabel
	}
	return sp.Unit
}

// planView is the improvement plan: a summary, the officer's commentary and every action.
type planView struct {
	Given   bool
	Summary string
	Officer []block
	Rows    []planRow
}

// planRow is one improvement-plan action as the board tracks it.
type planRow struct {
	Recommendation, Action, Owner, Due, RAG, RAGClass, Progress, Indicator string
	Overdue                                                                bool
}

func newPlanRow(a ingest.Action, asOf calendar.Date, indicator string) planRow {
	r := planRow{Recommendation: a.Recommendation, Action: a.Action, Owner: a.Owner, Due: a.DueDate.UK(),
		RAG: strings.ToUpper(string(a.RAG)), RAGClass: "rag-" + string(a.RAG), Progress: a.Progress, Indicator: indicator}
	if a.DueDate.IsZero() {
		r.Due = ""
	}
	r.Overdue = !asOf.IsZero() && narrative.Overdue(a, asOf)
	return r
}

func buildPlan(in Input, asOf calendar.Date) planView {
	pv := planView{Given: in.HasPlan || len(in.Plan) > 0, Officer: blocks(in.Commentary[narrative.ImprovementPlan])}
	if !pv.Given {
		pv.Summary = "No improvement plan was supplied with this quarter's extracts."
		return pv
	}
	pv.Summary = narrative.Plan(in.Plan, asOf)
	labels := map[string]string{}
	for _, h := range in.Ind.Headlines {
		labels[h.Indicator] = h.Label
	}
	for _, a := range in.Plan {
		ind := a.Indicator
		if l, ok := labels[ind]; ok {
			ind = l
		} else if ind != "" {
			ind = chart.CodeLabel(ind)
		}
		pv.Rows = append(pv.Rows, newPlanRow(a, asOf, ind))
	}
	return pv
}

// inputRow is one sheet read, with its row accounting (SPEC §3.6).
type inputRow struct {
	File, Sheet, Extract                           string
	Read, Accepted, Rejected, Duplicates, Warnings string
}

func buildInputs(in []report.Input) []inputRow {
	var out []inputRow
	for _, i := range in {
		r := inputRow{File: i.File, Sheet: i.Sheet, Extract: "not recognised",
			Read: format.Count(i.Read), Accepted: format.Count(i.Accepted), Rejected: format.Count(i.Rejected),
			Duplicates: format.Count(i.Duplicates), Warnings: format.Count(i.Warnings)}
		if i.Extract != nil {
			r.Extract = *i.Extract
		}
		out = append(out, r)
	}
	return out
}
