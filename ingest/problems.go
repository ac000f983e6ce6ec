package ingest

// ProblemGroup is the problems of one sheet that share a column, a rule and a severity: the
// unit in which validate, the PDF's data-quality appendix and the team read them.
type ProblemGroup struct {
	File, Sheet, Column string
	Rule                string // the value-free reason (Problem.Rule)
	Severity            Severity
	Example             string // the first problem's full Reason (may quote a cell)
	// Count is how many problems the group has, every one counted, however many of them
	// were kept in Dataset.Problems.
	Count int
	// Kept is how many of them Dataset.Problems holds (all of them unless Options.Keep
	// capped it); the other Count − Kept are in data-quality.csv only.
	Kept int
	Rows []int // row numbers of the problems kept, in order (rows of 0, about a whole sheet, left out)
}

// GroupProblems groups problems by file, sheet, column, rule and severity, in the order each
// group first occurs.
func GroupProblems(ps []Problem) []ProblemGroup {
	t := tally{countOnly: true}
	for _, p := range ps {
		t.add(p)
	}
	return t.groups
}

// maxKeptPerSheet is how many problems of one sheet Dataset.Problems holds at most when
// Options.Keep caps it: a sheet has a few dozen groups (columns × rules), and the examples
// are for reading, not for counting.
const maxKeptPerSheet = 1000

// groupKey is what a ProblemGroup shares.
type groupKey struct {
	file, sheet, column, rule string
	sev                       Severity
}

// tally counts every problem into its group and keeps the first few of each: it is how a
// read of millions of bad rows stays small in memory while every count stays exact.
type tally struct {
	keep      int  // problems kept per group; 0 keeps all
	countOnly bool // make the groups only, without the list of problems kept
	index     map[groupKey]int
	groups    []ProblemGroup
	kept      []Problem
	inSheet   map[[2]string]int // problems kept per file and sheet, when keep > 0
}

// add counts p and keeps it unless its group, or its sheet, has had its share.
func (t *tally) add(p Problem) {
	if t.index == nil {
		t.index = map[groupKey]int{}
	}
	k := groupKey{p.File, p.Sheet, p.Column, p.Rule, p.Severity}
	i, ok := t.index[k]
	if !ok {
		i = len(t.groups)
		t.index[k] = i
		t.groups = append(t.groups, ProblemGroup{File: p.File, Sheet: p.Sheet, Column: p.Column, Rule: p.Rule,
			Severity: p.Severity, Example: p.Reason})
	}
	g := &t.groups[i]
	g.Count++
	if t.keep > 0 {
		if g.Kept >= t.keep {
			return
		}
		if t.inSheet == nil {
			t.inSheet = map[[2]string]int{}
		}
		s := [2]string{p.File, p.Sheet}
		if t.inSheet[s] >= maxKeptPerSheet {
			return
		}
		t.inSheet[s]++
	}
	g.Kept++
	if p.Row > 0 {
		g.Rows = append(g.Rows, p.Row)
	}
	if !t.countOnly {
		t.kept = append(t.kept, p)
	}
}
