package chart_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart"
	"github.com/yjsreport/yjsreport/report/disclosure"
)

func TestLabel(t *testing.T) {
	a79 := strings.Repeat("a", 79)
	for _, c := range []struct {
		name, in, want string
	}{
		{"a short label is unchanged", "North", "North"},
		{"runs of spaces, tabs and line breaks become one space, none at the ends", "  North\t\tWest\r\nArea \n", "North West Area"},
		{"control and format characters are removed", "Nor\x00th\u200b \u200fArea\x7f", "North Area"},
		{"characters the fonts lack are left for the PDF to stand in for", "Leeds 😀 שלום", "Leeds 😀 שלום"},
		{"a label of exactly MaxLabel characters is whole", strings.Repeat("a", 80), strings.Repeat("a", 80)},
		{"a longer label is cut to MaxLabel characters ending in an ellipsis", strings.Repeat("a", 81), a79 + "…"},
		{"the cut counts characters, not bytes", strings.Repeat("é", 100), strings.Repeat("é", 79) + "…"},
		{"no space is left before the ellipsis", strings.Repeat("a", 78) + " bcd", strings.Repeat("a", 78) + "…"},
		{"spaces collapsed before the cut count once", "a" + strings.Repeat(" ", 500) + strings.Repeat("b", 100), "a " + strings.Repeat("b", 77) + "…"},
		{"a 100,000-character word is cut", strings.Repeat("x", 100000), strings.Repeat("x", 79) + "…"},
		{"blank stays blank", " \t\n", ""},
	} {
		got := chart.Label(c.in)
		if got != c.want {
			t.Errorf("%s: Label(%.40q…) = %q, want %q", c.name, c.in, got, c.want)
		}
		if n := utf8.RuneCountInString(got); n > chart.MaxLabel {
			t.Errorf("%s: %d characters, more than MaxLabel", c.name, n)
		}
	}
}

func labels(gs []chart.Group) []string {
	var out []string
	for _, g := range gs {
		out = append(out, g.Label)
	}
	return out
}

// groups returns n groups named g01, g02 … with children n, n−1 … 1, so g01 is the largest,
// and reoffenders and reoffences derived from the children.
func groups(n int) map[string]report.Counts {
	m := map[string]report.Counts{}
	for i := 1; i <= n; i++ {
		c := n + 1 - i
		m[fmt.Sprintf("g%02d", i)] = report.Counts{Children: c, Reoffenders: c / 2, Reoffences: c}
	}
	return m
}

func TestBreakdown(t *testing.T) {
	t.Run("a fixed order lists every code in order, labelled, present or not", func(t *testing.T) {
		m := map[string]report.Counts{"custody": {Children: 3, Reoffenders: 1, Reoffences: 2}}
		got := chart.Breakdown(m, []string{"pre_court", "first_tier", "community", "custody"})
		want := []chart.Group{
			{Label: "Pre-court", Key: "pre_court"}, {Label: "First-tier", Key: "first_tier"},
			{Label: "Community", Key: "community"}, {Label: "Custody", Key: "custody", Counts: report.Counts{Children: 3, Reoffenders: 1, Reoffences: 2}},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %+v\nwant %+v", got, want)
		}
	})
	t.Run("groups from the data go by children, most first, then by name, not recorded last", func(t *testing.T) {
		m := map[string]report.Counts{"Bath": {Children: 2}, "Avon": {Children: 2}, "Chew": {Children: 5}, "unknown": {Children: 9}}
		got := labels(chart.Breakdown(m, nil))
		want := []string{"Chew", "Avon", "Bath", "Not recorded"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("a long group name is shown as its label", func(t *testing.T) {
		long := strings.Repeat("Northampton ", 1000)
		got := chart.Breakdown(map[string]report.Counts{long: {Children: 1}}, nil)
		if len(got) != 1 || got[0].Key != long || got[0].Label != chart.Label(long) {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("up to MaxGroups rows nothing is folded", func(t *testing.T) {
		m := groups(chart.MaxGroups - 1)
		m["unknown"] = report.Counts{Children: 1}
		got := chart.Breakdown(m, nil)
		if len(got) != chart.MaxGroups {
			t.Fatalf("%d rows, want %d", len(got), chart.MaxGroups)
		}
		for _, g := range got {
			if g.Others != 0 || g.Key == "" {
				t.Errorf("row %+v folds groups", g)
			}
		}
	})
	t.Run("beyond MaxGroups the largest are kept and the rest summed in one row before not recorded", func(t *testing.T) {
		// 25 groups g01 (25 children) … g25 (1 child) and not recorded: 26 rows > 20. Kept: 18
		// groups, g01–g18; then all others, g19–g25 with children 7+6+…+1 = 28, reoffenders
		// 3+3+2+2+1+1+0 = 12, reoffences 28; then not recorded.
		m := groups(25)
		m["unknown"] = report.Counts{Children: 4, Reoffenders: 1, Reoffences: 1}
		got := chart.Breakdown(m, nil)
		if len(got) != chart.MaxGroups {
			t.Fatalf("%d rows, want %d: %q", len(got), chart.MaxGroups, labels(got))
		}
		if got[0].Key != "g01" || got[17].Key != "g18" {
			t.Errorf("kept %q … %q, want g01 … g18", got[0].Key, got[17].Key)
		}
		want := chart.Group{Label: "All others (7 groups)", Counts: report.Counts{Children: 28, Reoffenders: 12, Reoffences: 28}, Others: 7}
		if got[18] != want {
			t.Errorf("row 19 = %+v, want %+v", got[18], want)
		}
		if got[19].Label != "Not recorded" || got[19].Counts.Children != 4 {
			t.Errorf("last row = %+v, want not recorded with 4 children", got[19])
		}
	})
	t.Run("without a not recorded group one more group is kept", func(t *testing.T) {
		got := chart.Breakdown(groups(25), nil)
		if len(got) != chart.MaxGroups || got[18].Key != "g19" || got[19].Others != 6 {
			t.Errorf("got %q", labels(got))
		}
	})
	t.Run("20,000 groups give MaxGroups rows that still add up to the cohort", func(t *testing.T) {
		m := map[string]report.Counts{}
		var total report.Counts
		for i := 0; i < 20000; i++ {
			c := report.Counts{Children: 1 + i%3, Reoffenders: i % 2, Reoffences: i % 4}
			m[fmt.Sprintf("Locality %05d", i)] = c
			total.Children += c.Children
			total.Reoffenders += c.Reoffenders
			total.Reoffences += c.Reoffences
		}
		got := chart.Breakdown(m, nil)
		var sum report.Counts
		for _, g := range got {
			sum.Children += g.Counts.Children
			sum.Reoffenders += g.Counts.Reoffenders
			sum.Reoffences += g.Counts.Reoffences
		}
		if len(got) != chart.MaxGroups || sum != total {
			t.Errorf("%d rows summing to %+v; want %d rows summing to %+v", len(got), sum, chart.MaxGroups, total)
		}
		if last := got[len(got)-1]; last.Label != "All others (19,981 groups)" {
			t.Errorf("last row %q", last.Label)
		}
	})
	t.Run("the row of all others takes part in secondary suppression", func(t *testing.T) {
		// 17 groups of 20 children, one of 3, seven of 1 and 10 not recorded: 26 rows, so 18
		// groups are kept (17×20 and the 3), the seven of 1 make the row of all others (7) and
		// not recorded comes last. Under disclosure control the 3 is hidden (<5); the total of
		// 360 is shown, so one more cell must be hidden, the smallest: all others, 7.
		m := map[string]report.Counts{"unknown": {Children: 10}}
		for i := 0; i < 17; i++ {
			m[fmt.Sprintf("big%02d", i)] = report.Counts{Children: 20}
		}
		m["small"] = report.Counts{Children: 3}
		for i := 0; i < 7; i++ {
			m[fmt.Sprintf("tiny%d", i)] = report.Counts{Children: 1}
		}
		got := chart.Breakdown(m, nil)
		var children []int
		for _, g := range got {
			children = append(children, g.Counts.Children)
		}
		cells, _ := disclosure.Column(children, true)
		last := len(got) - 2 // before not recorded
		if got[last].Others != 7 || got[last].Counts.Children != 7 {
			t.Fatalf("last row %+v, want all others: 7 groups, 7 children", got[last])
		}
		if !cells[last-1].Hidden || cells[last-1].Text != disclosure.Small {
			t.Errorf("the group of 3: %+v, want hidden as <5", cells[last-1])
		}
		if !cells[last].Hidden || cells[last].Text != disclosure.Secondary {
			t.Errorf("all others: %+v, want hidden as the second cell", cells[last])
		}
	})
}

func TestForDisplay(t *testing.T) {
	long := strings.Repeat("Police and Crime Commissioner ", 10)
	s := chart.Spec{Categories: []string{"Police", long, "bad\xffbyte"}, Series: []chart.Series{{Name: "Team\n\tNorth"}, {Name: long}}}
	got := chart.ForDisplay(s)
	wantCats := []string{"Police", chart.Label(long), "bad\uFFFDbyte"}
	if !reflect.DeepEqual(got.Categories, wantCats) {
		t.Errorf("categories %q, want %q: labels cut, invalid UTF-8 replaced", got.Categories, wantCats)
	}
	if got.Series[0].Name != "Team North" || got.Series[1].Name != chart.Label(long) {
		t.Errorf("series names %q, %q: want them as labels", got.Series[0].Name, got.Series[1].Name)
	}
	if s.Categories[1] != long || s.Series[0].Name != "Team\n\tNorth" {
		t.Error("the Spec given was changed")
	}
}
