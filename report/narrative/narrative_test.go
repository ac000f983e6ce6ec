package narrative

import (
	"errors"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/ingest"
	"github.com/yjsreport/yjsreport/report"
	"github.com/yjsreport/yjsreport/report/chart/charttest"
)

func fp(v float64) *float64 { return &v }

func proportion(k, n int, period string) report.Point {
	p := report.Point{Period: period, Numerator: float64(k), Denominator: float64(n)}
	if n > 0 {
		p.Value = fp(float64(k) / float64(n))
	}
	return p
}

func TestHeadlineSentence(t *testing.T) {
	base := func() report.Headline {
		return report.Headline{Indicator: "ete_suitable_end", Kind: report.KindProportion, Better: report.Higher,
			Current: proportion(40, 50, "Q3"), Previous: proportion(30, 50, "Q2"), YearAgo: proportion(40, 50, "Q3-1")}
	}
	for _, c := range []struct {
		name    string
		edit    func(h *report.Headline)
		want    []string
		notWant []string
	}{
		{
			name: "SPEC §4: a significant change is called significant, with its direction",
			edit: func(h *report.Headline) {
				h.ChangePrevious = &report.Change{Difference: 0.2, PValue: fp(0.03), Test: "z", Significant: true, Direction: report.DirectionBetter}
			},
			// 40/50 = 80.0%, 30/50 = 60.0%: percentages to 1 dp.
			want:    []string{"40 of 50 (80.0%)", "up from 60.0% the previous quarter, a statistically significant change for the better"},
			notWant: []string{"numbers are small"},
		},
		{
			name: "SPEC §4: a change the test does not call significant is within normal variation",
			edit: func(h *report.Headline) {
				h.ChangePrevious = &report.Change{Difference: 0.2, PValue: fp(0.2), Test: "z", Significant: false, Direction: report.DirectionBetter}
			},
			want:    []string{"up from 60.0% the previous quarter (better, but within normal variation)"},
			notWant: []string{"significant change"},
		},
		{
			name: "no change is called the same",
			edit: func(h *report.Headline) {
				h.ChangeYearAgo = &report.Change{Difference: 0, Test: "z", PValue: fp(1), Direction: report.DirectionSame}
			},
			want: []string{"the same as a year earlier (80.0%)"},
		},
		{
			name: "small denominators get a caution instead of a claim",
			edit: func(h *report.Headline) {
				h.Current = proportion(4, 13, "Q3")
				h.ChangePrevious = &report.Change{Difference: -0.29, PValue: fp(0.4), Test: "fisher", Direction: report.DirectionWorse}
			},
			// 4/13 = 30.769% → 30.8%.
			want: []string{"4 of 13 (30.8%)", "down from 60.0% the previous quarter (worse, but within normal variation)", "The numbers are small (13)"},
		},
		{
			name:    "SPEC §4: a rate with denominator 0 is n/a, never 0%",
			edit:    func(h *report.Headline) { h.Current = proportion(0, 0, "Q3") },
			want:    []string{"cannot be calculated this quarter", "n/a"},
			notWant: []string{"0%"},
		},
		{
			name: "a target gives the RAG as a word",
			edit: func(h *report.Headline) {
				rag := "amber"
				h.Target = &report.TargetResult{Indicator: h.Indicator, Value: h.Current.Value, Target: 0.85, Better: "higher", AmberWithin: 0.05, RAG: &rag}
			},
			want: []string{"Against the target of 85.0% (higher is better) it is AMBER."},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := base()
			c.edit(&h)
			w := writer{ind: &report.Indicators{}}
			got := w.headlineSentence(&h, "Children in suitable ETE")
			for _, s := range c.want {
				if !strings.Contains(got, s) {
					t.Errorf("missing %q in\n%s", s, got)
				}
			}
			for _, s := range c.notWant {
				if strings.Contains(got, s) {
					t.Errorf("unexpected %q in\n%s", s, got)
				}
			}
		})
	}
}

func TestGenerateFixture(t *testing.T) {
	ind := charttest.Indicators()
	got := Generate(ind, Options{})
	for key, want := range map[string][]string{
		// Percentages to 1 dp: 4/13 = 30.769% → 30.8%.
		Reoffending: {"The headline cohort is 2017/18 Q1", "13 children", "4 of 13 (30.8%)", "The 6 later cohorts are provisional"},
		// 1/16 = 6.25%, a true half, rounded away from zero → 6.3%. 15 / 4,800 × 100,000 = 312.5.
		FTECustody: {"15 children entered the youth justice system for the first time in 2018/19 Q3", "39 in the last 12 months", "1 of 16 (6.3%)",
			"312.5 per 100,000"},
		// 3/6 = 50.0%, 5/6 = 83.33% → 83.3%, 3/4 = 75.0%.
		ETE: {"3 of 6 (50.0%) at the start and 5 of 6 (83.3%) at the end", "above school age (post-16): 3 of 4 (75.0%)"},
		// Timeliness 6 of 11 = 54.55% → 54.5% vs 19 of 20 = 95.0% a year earlier: Fisher p = 0.013.
		OOCD:    {"6 of 11 (54.5%)", "down from 95.0% a year earlier, a statistically significant change for the worse", "RED"},
		Victims: {"10 victims", "3 of 5 (60.0%)"},
	} {
		for _, s := range want {
			if !strings.Contains(got[key], s) {
				t.Errorf("%s: missing %q in\n%s", key, s, got[key])
			}
		}
	}
	t.Run("SPEC §6: with disclosure control small counts are not stated", func(t *testing.T) {
		got := Generate(ind, Options{Disclosure: true})
		if strings.Contains(got[Reoffending], "4 of 13") || strings.Contains(got[Reoffending], "30.8%") {
			t.Errorf("small count stated:\n%s", got[Reoffending])
		}
		if !strings.Contains(got[Reoffending], "fewer than 5 of 13") {
			t.Errorf("want \"fewer than 5 of 13\":\n%s", got[Reoffending])
		}
	})
	t.Run("no victims extract, no victims paragraph", func(t *testing.T) {
		ind := charttest.Indicators()
		ind.Victims = nil
		if _, ok := Generate(ind, Options{})[Victims]; ok {
			t.Error("victims paragraph without victims")
		}
	})
}

func TestPlan(t *testing.T) {
	asOf := calendar.New(2019, 1, 31)
	acts := []ingest.Action{
		{DueDate: calendar.New(2019, 1, 30), RAG: ingest.Amber},    // overdue: due before as-of
		{DueDate: calendar.New(2019, 1, 31), RAG: ingest.Red},      // due on as-of: not overdue
		{DueDate: calendar.New(2018, 12, 1), RAG: ingest.Complete}, // complete: not overdue
	}
	got := Plan(acts, asOf)
	if !strings.Contains(got, "1 red, 1 amber, 0 green and 1 complete") || !strings.Contains(got, "1 action is overdue") {
		t.Errorf("Plan = %q", got)
	}
}

func TestParseCommentary(t *testing.T) {
	t.Run("headings match case-insensitively with aliases; paragraphs and bullets kept", func(t *testing.T) {
		in := "# Commentary for 2018/19 Q3\n\n## overview\nA steady quarter.\nStill steady.\n\nSecond paragraph.\n\n## First-time entrants & custody\n- one\n- two\n  continued\n\n## OOCD\nText.\n"
		got, err := ParseCommentary(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if got[Summary] != "A steady quarter. Still steady.\n\nSecond paragraph." {
			t.Errorf("summary = %q", got[Summary])
		}
		if got[FTECustody] != "- one\n- two continued" {
			t.Errorf("fte = %q", got[FTECustody])
		}
		if got[OOCD] != "Text." {
			t.Errorf("oocd = %q", got[OOCD])
		}
	})
	t.Run("SPEC 5: the asks of the board, as Asks, Decisions or Recommendations", func(t *testing.T) {
		for _, h := range []string{"Asks of the board", "Decisions", "Recommendations", "RECOMMENDATIONS TO THE BOARD"} {
			got, err := ParseCommentary(strings.NewReader("## " + h + "\n- Agree the ETE plan.\n"))
			if err != nil || got[Asks] != "- Agree the ETE plan." {
				t.Errorf("%q: got %q, %v", h, got[Asks], err)
			}
		}
		got, err := ParseCommentary(strings.NewReader("## Needs and wider services\na\n## Children's and families' views\nb\n## Partnership\nc\n"))
		if err != nil || got[Needs] != "a" || got[Views] != "b" || got[Partnership] != "c" {
			t.Errorf("new sections: %v, %v", got, err)
		}
	})
	for _, c := range []struct {
		name, in, want string
		line           int
	}{
		{"an unknown heading is an error naming it and the valid ones", "## Finance\ntext\n", `unknown section "Finance"; use one of: Asks of the board, Summary, Reoffending`, 1},
		{"text before the first heading is an error", "Hello\n## Summary\n", "text before the first", 1},
		{"a section given twice is an error", "## ETE\na\n## Education, training and employment\nb\n", `given twice (first at line 1)`, 3},
		{"a level-3 heading is an error", "## ETE\n### Detail\n", `use "## " headings`, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseCommentary(strings.NewReader(c.in))
			var ce *CommentaryError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a CommentaryError", err)
			}
			if ce.Line != c.line || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v (line %d), want line %d containing %q", err, ce.Line, c.line, c.want)
			}
		})
	}
	t.Run("an empty file is no commentary", func(t *testing.T) {
		got, err := ParseCommentary(strings.NewReader(""))
		if err != nil || len(got) != 0 {
			t.Errorf("got %v, %v", got, err)
		}
	})
}

func TestCommentaryInlineMarkdownIsPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The **post-16 ETE** position fell.", "The post-16 ETE position fell."},
		{"A __strong__ start.", "A strong start."},
		{"An *important* and _urgent_ point.", "An important and urgent point."},
		{"See the `ete_suitable_end` target.", "See the ete_suitable_end target."},
		{"Read [the plan](https://example.org/plan).", "Read the plan (https://example.org/plan)."},
		{"snake_case_words stay as written", "snake_case_words stay as written"},
		{"2 * 3 * 4 is arithmetic", "2 * 3 * 4 is arithmetic"},
		{"- **Bold** bullet", "- Bold bullet"},
	}
	for _, tt := range tests {
		got, err := ParseCommentary(strings.NewReader("## Summary\n" + tt.in + "\n"))
		if err != nil {
			t.Fatalf("%q: %v", tt.in, err)
		}
		if got[Summary] != tt.want {
			t.Errorf("%q → %q, want %q", tt.in, got[Summary], tt.want)
		}
	}
}
