package ingest

// ProblemGroup is the problems of one sheet that share a column, a rule and a severity: the
// unit in which validate, the PDF's data-quality appendix and the team read them.
type ProblemGroup struct {
	File, Sheet, Column string
	Rule                string // the value-free reason (Problem.Rule)
	Severity            Severity
	Example             string // the first problem's full Reason (may quote a cell)
	Count               int
	Rows                []int // row numbers, in order (rows of 0, about a whole sheet, left out)
}

// GroupProblems groups problems by file, sheet, column, rule and severity, in the order each
// group first occurs.
func GroupProblems(ps []Problem) []ProblemGroup {
	type key struct {
		file, sheet, column, rule string
		sev                       Severity
	}
	index := map[key]int{}
	var out []ProblemGroup
	for _, p := range ps {
		k := key{p.File, p.Sheet, p.Column, p.Rule, p.Severity}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, ProblemGroup{File: p.File, Sheet: p.Sheet, Column: p.Column, Rule: p.Rule,
				Severity: p.Severity, Example: p.Reason})
		}
		g := &out[i]
		g.Count++
		if p.Row > 0 {
			g.Rows = append(g.Rows, p.Row)
		}
	}
	return out
}
