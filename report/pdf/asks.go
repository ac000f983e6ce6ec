package pdf

import (
	"fmt"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"

	"github.com/yjsreport/yjsreport/ingest"
	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/format"
	"github.com/yjsreport/yjsreport/report/narrative"
)

var (
	askText   = style{size: 10, font: fontstyle.Bold, color: ink}
	askBullet = style{size: 10, font: fontstyle.Bold, color: navy}
)

// NoAsks is printed when the officer's commentary has no "## Asks of the board" section.
const NoAsks = "The officer's commentary sets out no decisions for the board this quarter."

// asks prints the officer's "Asks of the board" (SPEC §5) prominently: in bold on a shaded
// ground, first of the pages after performance on a page.
func (r *builder) asks() {
	r.f.endSection()
	r.heading(TitleAsks)
	text := strings.TrimSpace(r.in.Commentary[narrative.Asks])
	if text == "" {
		r.f.para(NoAsks, body, 0, 3)
		return
	}
	r.f.para("What the board is asked to decide or note this quarter, from the officer's commentary.", note, 0, 1.5)
	r.f.space(1.5)
	for _, bl := range narrative.Blocks(text) {
		marker := ""
		if strings.HasPrefix(bl, "- ") {
			marker, bl = "•", strings.TrimPrefix(bl, "- ")
		}
		r.shaded(bl, marker)
	}
	r.f.space(4)
}

// shaded places a paragraph (a bullet when marker is set) on the asks' shaded ground,
// split across pages by lines.
func (r *builder) shaded(s, marker string) {
	f := r.f
	indent := 2.0
	if marker != "" {
		indent = float64(bulletIndentUnits) * unitW
	}
	lines := f.meas.wrap(s, askText.font, askText.size, contentW-indent-2)
	lh := lineH(askText.size)
	first := true
	bg := cellStyle(tileBG, border.None, nil)
	for len(lines) > 0 {
		fit := int((f.remaining() - 2) / lh)
		if fit < 1 {
			f.pageBreak()
			f.add(0.01, col.New(grid))
			fit = int((f.remaining() - 2) / lh)
		}
		fit = min(fit, len(lines))
		mk := col.New(bulletIndentUnits)
		if first && marker != "" {
			mk.Add(text.New(marker, askBullet.props(0.8, 2, 0)))
		}
		if marker == "" {
			f.add(float64(fit)*lh+1.5, linesCol(grid, lines[:fit], askText, 0.8, indent).WithStyle(bg))
		} else {
			f.add(float64(fit)*lh+1.5, mk.WithStyle(bg), linesCol(grid-bulletIndentUnits, lines[:fit], askText, 0.8, 0).WithStyle(bg))
		}
		lines = lines[fit:]
		first = false
	}
}

// concerns lists the areas of concern of SPEC §4.9 (indicators.json's areas_of_concern), each
// followed by the improvement-plan actions linked to its indicator, or a line saying there
// are none; then the significant improvements and the officer's overview.
func (r *builder) concerns() {
	r.f.space(2)
	r.heading(TitleConcerns)
	r.f.para("Indicators that are red against their target, or significantly worse than the previous quarter or a year earlier, each with the improvement-plan actions linked to it.", note, 0, 2)
	list := r.in.Ind.AreasOfConcern
	if len(list) == 0 {
		r.f.para("None this quarter.", bodyBold, 0, 3)
	}
	for _, c := range list {
		h := r.in.Ind.Headline(c.Indicator)
		if h == nil {
			continue
		}
		lines := r.concernLines(h, c)
		// Keep a concern with its first action.
		r.f.ensure(float64(len(lines)+2)*lineH(body.size) + 4)
		r.f.bullet(strings.Join(lines, " "), bodyBold, "●", style{size: 9, font: fontstyle.Normal, color: ragRed})
		r.linkedActions(h, c)
		r.f.space(2)
	}
	if better := r.improvementsList(); len(better) > 0 {
		r.subheading("Significant improvements")
		for _, s := range better {
			r.f.bullet(s, body, "●", style{size: 9, font: fontstyle.Normal, color: ragGreen})
			r.f.space(1)
		}
		r.f.space(2)
	}
	if strings.TrimSpace(r.in.Commentary[narrative.Summary]) != "" {
		r.subheading(TitleOverview)
		r.officer(narrative.Summary)
	}
}

// concernLines are the sentences of one area of concern: red against its target, and each
// significant change for the worse.
func (r *builder) concernLines(h *report.Headline, c report.Concern) []string {
	var out []string
	hidden := r.pointHidden(h, h.Current)
	if t := r.tileTarget(h); c.Red && t != nil && h.Current.Value != nil {
		v := format.Headline(h.Kind, *h.Current.Value)
		if hidden {
			v = "a suppressed value (small numbers)"
		}
		out = append(out, fmt.Sprintf("%s is RED: %s (%s) against a target of %s.", h.Label, v, periodLabel(h), format.Headline(h.Kind, t.Target)))
	}
	for _, w := range []struct {
		worse bool
		other report.Point
		when  string
	}{{c.WorseThanPrevious, h.Previous, "the previous " + periodWord(h)}, {c.WorseThanYearAgo, h.YearAgo, "a year earlier"}} {
		if !w.worse || w.other.Value == nil || h.Current.Value == nil {
			continue
		}
		if hidden || r.pointHidden(h, w.other) {
			out = append(out, fmt.Sprintf("%s is significantly worse than %s (figures suppressed: small numbers).", h.Label, w.when))
			continue
		}
		out = append(out, fmt.Sprintf("%s is significantly worse than %s: %s, from %s (%s).", h.Label, w.when,
			format.Headline(h.Kind, *h.Current.Value), format.Headline(h.Kind, *w.other.Value), w.other.Period))
	}
	return out
}

// linkedActions lists the improvement-plan actions linked to a concern's indicator, with
// owner, due date and RAG, overdue ones marked; or says that none is linked.
func (r *builder) linkedActions(h *report.Headline, c report.Concern) {
	indent := bulletIndentUnits
	var acts []ingest.Action
	for _, i := range c.Actions {
		if i >= 0 && i < len(r.in.Plan) {
			acts = append(acts, r.in.Plan[i])
		}
	}
	if len(acts) == 0 {
		msg := "No action in the improvement plan is linked to this indicator."
		if !r.in.HasPlan && len(r.in.Plan) == 0 {
			msg = "No improvement plan was supplied, so no action is linked to this indicator."
		}
		if c.Red {
			msg += " The board may wish to ask for one."
		}
		r.f.para(msg, style{size: 8.5, font: fontstyle.Italic, color: ragRed}, float64(indent)*unitW, 0.5)
		return
	}
	r.f.para("Linked improvement-plan actions:", style{size: 8.5, font: fontstyle.Italic, color: softInk}, float64(indent)*unitW, 0)
	for _, a := range acts {
		s := r.actionLine(a)
		r.f.bulletAt(s, style{size: 8.5, font: fontstyle.Normal, color: ink}, "–", style{size: 8.5, font: fontstyle.Normal, color: ink}, indent)
	}
}

// maxActionChars is the most of an action's text a concern shows; the improvement plan
// section prints it whole.
const maxActionChars = 240

// actionLine is "Action — owner Head of Service, due 31/03/2019, AMBER, OVERDUE".
func (r *builder) actionLine(a ingest.Action) string {
	act := strings.TrimSpace(a.Action)
	if rs := []rune(act); len(rs) > maxActionChars {
		act = strings.TrimSpace(string(rs[:maxActionChars-1])) + "…"
	}
	parts := []string{act + " —"}
	if a.Owner != "" {
		parts = append(parts, "owner "+a.Owner+",")
	}
	status := strings.ToUpper(string(a.RAG))
	due := "no due date"
	if a.DueDate != 0 {
		due = "due " + a.DueDate.UK()
	}
	s := strings.Join(parts, " ") + " " + due + ", " + status
	if narrative.Overdue(a, r.in.AsOf) {
		s += ", OVERDUE"
	}
	return s
}
