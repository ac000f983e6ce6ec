package report

import (
	"fmt"
	"testing"

	"github.com/yjsreport/yjsreport/ingest"
)

func answer(id string, who ingest.Respondent, completed, question string, a ingest.Answer, child string) ingest.FeedbackAnswer {
	return ingest.FeedbackAnswer{ResponseID: id, Respondent: who, CompletedDate: d(completed), Question: question, Answer: a, ChildID: child}
}

// feedbackRows is the worked example of SPEC 4.7 for 2018/19 Q3 (1 October – 31 December
// 2018), in reading order.
func feedbackRows() []ingest.FeedbackAnswer {
	C, P := ingest.RespondentChild, ingest.RespondentParentCarer
	return []ingest.FeedbackAnswer{
		answer("R1", C, "2018-10-05", "My worker listens to me", ingest.Agree, "C1"),
		answer("R1", C, "2018-10-05", "  I understand my plan ", ingest.StronglyAgree, "C1"),
		answer("R1", C, "2018-10-05", "I feel safer", ingest.NotAnswered, "C1"),
		answer("P1", P, "2018-10-06", "I was kept informed", ingest.Neither, "C1"),
		answer("R2", C, "2018-11-01", "I understand my plan", ingest.Disagree, ""),
		answer("R2", C, "2018-11-01", "My worker listens to me", ingest.DontKnow, ""),
		answer("R3", C, "2018-12-31", "my worker listens to me", ingest.AnswerYes, "C2"),
		answer("R3", C, "2018-12-31", "I feel safer", ingest.AnswerNo, "C2"),
		answer("R0", C, "2018-09-30", "An old question", ingest.Agree, "C9"),
		// The same response id in an earlier quarter counts there too.
		answer("R1", C, "2018-07-10", "My worker listens to me", ingest.StronglyDisagree, "C1"),
		answer("P1", P, "2018-10-06", "My child's worker listened", ingest.NotAnswered, ""),
		answer("P2", P, "2018-12-01", "I was kept informed", ingest.AnswerYes, "C7"),
		// A parent's answer under the same response id as a child's is another response.
		answer("R3", P, "2018-12-31", "I was kept informed", ingest.StronglyDisagree, ""),
	}
}

func TestFeedbackWorkedExample(t *testing.T) {
	f := FeedbackFigures(feedbackRows(), quarter("2018/19 Q3"))

	t.Run("per respondent: distinct responses and answers by class; rate = positive / answered", func(t *testing.T) {
		c, p := f.Respondents.Child, f.Respondents.ParentCarer
		checkF(t, "child rate", c.Rate, ptr(3.0/6))
		checkF(t, "parent/carer rate", p.Rate, ptr(1.0/3))
		c.Rate, p.Rate = nil, nil
		if want := (FeedbackCounts{Responses: 3, Positive: 3, Neutral: 1, Negative: 2, NotAnswered: 1}); c != want {
			t.Errorf("child %+v, want %+v", c, want)
		}
		if want := (FeedbackCounts{Responses: 3, Positive: 1, Neutral: 1, Negative: 1, NotAnswered: 1}); p != want {
			t.Errorf("parent/carer %+v, want %+v", p, want)
		}
	})
	t.Run("questions: the child's then the parent/carer's, each in order of first row; trimmed, case kept", func(t *testing.T) {
		type q struct {
			who, text     string
			pos, neu, neg int
			na            int
			rate          *float64
		}
		want := []q{
			{"child", "My worker listens to me", 1, 1, 0, 0, ptr(0.5)},
			{"child", "I understand my plan", 1, 0, 1, 0, ptr(0.5)},
			{"child", "I feel safer", 0, 0, 1, 1, ptr(0.0)},
			{"child", "my worker listens to me", 1, 0, 0, 0, ptr(1.0)},
			{"parent_carer", "I was kept informed", 1, 1, 1, 0, ptr(1.0 / 3)},
			{"parent_carer", "My child's worker listened", 0, 0, 0, 1, nil},
		}
		if len(f.Questions) != len(want) {
			t.Fatalf("%d questions %+v, want %d", len(f.Questions), f.Questions, len(want))
		}
		for i, w := range want {
			g := f.Questions[i]
			if g.Respondent != w.who || g.Question != w.text || g.Positive != w.pos || g.Neutral != w.neu || g.Negative != w.neg || g.NotAnswered != w.na {
				t.Errorf("question %d = %+v, want %+v", i, g, w)
			}
			checkF(t, fmt.Sprintf("question %d rate", i), g.Rate, w.rate)
		}
	})
	t.Run("children giving feedback: distinct child ids on child rows, blank ids and parent rows left out", func(t *testing.T) {
		if f.Children != 2 {
			t.Errorf("children %d, want 2 (C1, C2)", f.Children)
		}
	})
	t.Run("trend: responses per respondent for the 8 quarters ending with the quarter", func(t *testing.T) {
		if len(f.Trend) != 8 || f.Trend[0].Quarter != "2016/17 Q4" || f.Trend[7].Quarter != "2018/19 Q3" {
			t.Fatalf("trend %+v, want 2016/17 Q4 … 2018/19 Q3", f.Trend)
		}
		if got := f.Trend[7]; got.Child != 3 || got.ParentCarer != 3 {
			t.Errorf("2018/19 Q3 %+v, want 3 child and 3 parent/carer responses", got)
		}
		if got := f.Trend[6]; got.Child != 2 || got.ParentCarer != 0 {
			t.Errorf("2018/19 Q2 %+v, want 2 child responses (R0, and R1 again)", got)
		}
		for _, tr := range f.Trend[:6] {
			if tr.Child != 0 || tr.ParentCarer != 0 {
				t.Errorf("%s %+v, want none", tr.Quarter, tr)
			}
		}
	})
}

func TestFeedbackEmptyExtractHoldsZeros(t *testing.T) {
	ds := &ingest.Dataset{Inputs: coreInputs(), HasFeedback: true}
	ind := Compute(ds, quarter("2018/19 Q3"), d("2019-01-31"), headlineConfig())
	f := ind.Feedback
	if f == nil {
		t.Fatal("feedback null with an empty extract present, want zeros")
	}
	if f.Respondents.Child != (FeedbackCounts{}) || f.Respondents.ParentCarer != (FeedbackCounts{}) || f.Children != 0 ||
		f.Questions == nil || len(f.Questions) != 0 || len(f.Trend) != 8 {
		t.Errorf("feedback %+v, want zeros, null rates, no questions and 8 trend quarters", *f)
	}
	if ind := Compute(&ingest.Dataset{Inputs: coreInputs()}, quarter("2018/19 Q3"), d("2019-01-31"), headlineConfig()); ind.Feedback != nil {
		t.Errorf("feedback %+v without the extract, want null", *ind.Feedback)
	}
}
