package chart

import (
	"sort"
	"strings"
	"unicode"

	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/format"
)

// MaxLabel is the longest label, in characters, shown for a value taken from the data (a
// locality, an ethnicity, a partner): a longer one is cut to MaxLabel characters ending in
// "…" before any layout, so one pasted paragraph cannot fill pages of a table or the axis of
// a chart. 80 keeps the longest 2021 census ethnic group whole ("Mixed or Multiple ethnic
// groups: Any other Mixed or Multiple ethnic background", 78 characters).
const MaxLabel = 80

// Label returns a value from the data as a label of one line: runs of spaces, tabs and line
// breaks become one space, control and format characters (zero-width joiners, direction
// marks) are removed, bytes that are not UTF-8 become U+FFFD, and the result is cut to
// MaxLabel characters with an ellipsis. The PDF,
// the chart images and the dashboard all show data labels through it (the PDF's fonts then
// stand in for characters they lack: package report/pdf/fonts). It reads no further into s
// than the label needs, so a very long value costs no more than a short one.
func Label(s string) string {
	out := make([]rune, 0, 32)
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = len(out) > 0
		case unicode.In(r, unicode.Cc, unicode.Cf):
			// Invisible: removed.
		default:
			if space {
				out = append(out, ' ')
				space = false
			}
			out = append(out, r)
			if len(out) > MaxLabel {
				return strings.TrimRight(string(out[:MaxLabel-1]), " ") + "…"
			}
		}
	}
	return string(out)
}

// ForDisplay returns s as a chart shows it: its categories and series names, which may come
// from the data (partners, questions, comparators), cut by Label. The PDF's chart images and
// the dashboard show Specs through it; s itself is not changed, and indicators.xlsx writes
// it whole.
func ForDisplay(s Spec) Spec {
	if s.Categories != nil {
		s.Categories = append([]string(nil), s.Categories...)
		for i, c := range s.Categories {
			s.Categories[i] = Label(c)
		}
	}
	if s.Series != nil {
		s.Series = append([]Series(nil), s.Series...)
		for i := range s.Series {
			s.Series[i].Name = Label(s.Series[i].Name)
		}
	}
	return s
}

// MaxGroups is the most rows a breakdown by a value from the data (ethnicity, locality)
// shows. With more groups than that, the largest are shown, then one row summing all the
// others, then the not recorded group; the full breakdown stays in indicators.json. Twenty
// keeps every group of the 2021 census ethnicity classification (19, plus not recorded) and
// the localities of any youth justice service, and bounds the table: 20,000 distinct
// localities (a mis-mapped column) used to print a 900-page report.
const MaxGroups = 20

// NotRecorded is the key of the group whose value was blank (SPEC §3: blank becomes
// "unknown"), and NotRecordedLabel how it is shown.
const (
	NotRecorded      = "unknown"
	NotRecordedLabel = "Not recorded"
)

// Group is one row of a breakdown as shown.
type Group struct {
	Label  string
	Key    string // the key in indicators.json; "" for the row of all others
	Counts report.Counts
	// Others is how many groups the row of all others sums; 0 on every other row.
	Others int
}

// Breakdown returns the rows of one breakdown of a cohort (SPEC 4.1: by tier, gender, age
// band, ethnicity, locality).
//
// With an order (codes such as tiers or age bands), every code is listed in that order,
// present or not, so tables compare across quarters, labelled by CodeLabel. The other keys —
// all of them when order is nil — follow by children, most first, then by name, with the
// not recorded group last. When there are more than MaxGroups of them, the first are kept so
// that, with one row of all others and the not recorded group, MaxGroups rows are shown.
//
// The rows still add up to the whole cohort, so disclosure control applied to them as one
// column (report/disclosure) protects a hidden cell: the row of all others is a cell of that
// column like any other, hidden when small and available as the second cell to hide.
func Breakdown(m map[string]report.Counts, order []string) []Group {
	var out []Group
	fixed := map[string]bool{}
	for _, k := range order {
		out = append(out, Group{Label: CodeLabel(k), Key: k, Counts: m[k]})
		fixed[k] = true
	}
	var named []string
	_, unknown := m[NotRecorded]
	for k := range m {
		if !fixed[k] && k != NotRecorded {
			named = append(named, k)
		}
	}
	sort.Slice(named, func(i, j int) bool {
		a, b := named[i], named[j]
		if m[a].Children != m[b].Children {
			return m[a].Children > m[b].Children
		}
		return a < b
	})
	keep := len(named)
	rows := len(named)
	if unknown && !fixed[NotRecorded] {
		rows++
	}
	if rows > MaxGroups {
		keep = MaxGroups - (rows - len(named)) - 1 // room for the row of all others
	}
	for _, k := range named[:keep] {
		label := Label(k)
		if strings.EqualFold(label, NotRecorded) {
			label = NotRecordedLabel
		}
		out = append(out, Group{Label: label, Key: k, Counts: m[k]})
	}
	if rest := named[keep:]; len(rest) > 0 {
		g := Group{Others: len(rest)}
		for _, k := range rest {
			c := m[k]
			g.Counts.Children += c.Children
			g.Counts.Reoffenders += c.Reoffenders
			g.Counts.Reoffences += c.Reoffences
		}
		g.Label = "All others (" + format.Count(len(rest)) + " groups)"
		out = append(out, g)
	}
	if unknown && !fixed[NotRecorded] {
		out = append(out, Group{Label: NotRecordedLabel, Key: NotRecorded, Counts: m[NotRecorded]})
	}
	return out
}
