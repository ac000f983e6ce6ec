package report

import (
	"strings"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/ingest"
)

// Answer classes of SPEC 4.7.
const (
	classNotAnswered = iota
	classPositive
	classNeutral
	classNegative
)

// answerClass sorts an answer into SPEC 4.7's classes: positive = strongly agree, agree, yes;
// negative = disagree, strongly disagree, no; neutral = neither, don't know; blank is not
// answered. Ingest rejects any other code, so one cannot reach here; it would count as not
// answered rather than sway the rate.
func answerClass(a ingest.Answer) int {
	switch a {
	case ingest.StronglyAgree, ingest.Agree, ingest.AnswerYes:
		return classPositive
	case ingest.Disagree, ingest.StronglyDisagree, ingest.AnswerNo:
		return classNegative
	case ingest.Neither, ingest.DontKnow:
		return classNeutral
	}
	return classNotAnswered
}

func (c *FeedbackCounts) add(class int) {
	switch class {
	case classPositive:
		c.Positive++
	case classNeutral:
		c.Neutral++
	case classNegative:
		c.Negative++
	default:
		c.NotAnswered++
	}
}

// answered is the rate's denominator: answers that are positive, neutral or negative.
func (c *FeedbackCounts) answered() int { return c.Positive + c.Neutral + c.Negative }

// FeedbackFigures returns SPEC 4.7 for quarter q: answers with completed_date in q, by
// respondent and by question, the children giving feedback, and responses per respondent for
// the 8 quarters ending with q.
func FeedbackFigures(rows []ingest.FeedbackAnswer, q calendar.Quarter) Feedback {
	return withFeedbackTrend(feedbackQuarters(rows, q), q)
}

// feedbackQuarters returns SPEC 4.7 without trend for each of the 8 quarters ending with q.
func feedbackQuarters(rows []ingest.FeedbackAnswer, q calendar.Quarter) []Feedback {
	out := make([]Feedback, TrendQuarters)
	for i := range out {
		out[i] = FeedbackQuarter(rows, q.Add(i-(TrendQuarters-1)))
	}
	return out
}

// withFeedbackTrend returns the last of the 8 quarters ending with q with the trend of all.
func withFeedbackTrend(quarters []Feedback, q calendar.Quarter) Feedback {
	f := quarters[len(quarters)-1]
	f.Trend = make([]FeedbackTrend, len(quarters))
	for i, fq := range quarters {
		f.Trend[i] = FeedbackTrend{
			Quarter: q.Add(i - (len(quarters) - 1)).Label(),
			Child:   fq.Respondents.Child.Responses, ParentCarer: fq.Respondents.ParentCarer.Responses,
		}
	}
	return f
}

// FeedbackQuarter returns SPEC 4.7 for quarter q without its trend.
func FeedbackQuarter(rows []ingest.FeedbackAnswer, q calendar.Quarter) Feedback {
	type qkey struct {
		respondent ingest.Respondent
		text       string // a question's wording, or a response_id
	}
	f := Feedback{Questions: []FeedbackQuestion{}, Trend: []FeedbackTrend{}}
	// A response is counted once per respondent however many answers it holds.
	responses := map[qkey]bool{}
	children := map[string]bool{}
	type question struct {
		text   string
		counts FeedbackCounts // without responses
	}
	questions := map[qkey]int{} // position in byRespondent's list
	var byRespondent [2][]question
	start, end := q.Start(), q.End()
	for i := range rows {
		r := &rows[i]
		if r.CompletedDate < start || r.CompletedDate > end { // q.Contains, its bounds worked out once
			continue
		}
		who, counts := 0, &f.Respondents.Child
		if r.Respondent == ingest.RespondentParentCarer {
			who, counts = 1, &f.Respondents.ParentCarer
		} else if r.Respondent != ingest.RespondentChild {
			continue // ingest accepts only the two respondents
		}
		if rk := (qkey{r.Respondent, r.ResponseID}); !responses[rk] {
			responses[rk] = true
			counts.Responses++
		}
		class := answerClass(r.Answer)
		counts.add(class)
		if who == 0 && r.ChildID != "" {
			children[r.ChildID] = true
		}
		// Question wording is the questionnaire's own: trimmed, otherwise exact.
		k := qkey{r.Respondent, strings.TrimSpace(r.Question)}
		at, ok := questions[k]
		if !ok {
			at = len(byRespondent[who])
			questions[k] = at
			byRespondent[who] = append(byRespondent[who], question{text: k.text})
		}
		byRespondent[who][at].counts.add(class)
	}
	for _, c := range []*FeedbackCounts{&f.Respondents.Child, &f.Respondents.ParentCarer} {
		c.Rate = ratio(c.Positive, c.answered())
	}
	for who, list := range byRespondent {
		for _, fq := range list {
			c := fq.counts
			f.Questions = append(f.Questions, FeedbackQuestion{
				Respondent: string(ingest.Respondents[who]), Question: fq.text,
				Positive: c.Positive, Neutral: c.Neutral, Negative: c.Negative, NotAnswered: c.NotAnswered,
				Rate: ratio(c.Positive, c.answered()),
			})
		}
	}
	f.Children = len(children)
	return f
}
