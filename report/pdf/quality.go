package pdf

import (
	"sort"

	"github.com/yjsreport/yjsreport/ingest"
)

// QualityRow is one line of the data-quality appendix: how many rows of one sheet were set
// aside under one rule for one column. It holds no value from a row.
type QualityRow struct {
	File     string
	Sheet    string
	Column   string // canonical column, "" when about the whole row
	Rule     string // the reason without any value (ingest.Problem.Rule)
	Severity string // rejected, duplicate or warning
	Count    int
}

// QualityRows groups problems by file, sheet, column, rule and severity, in reading order of
// their first occurrence. Notes about whole files or sheets (row 0) are left out: the inputs
// table covers them. Only Problem.Rule is used, never Reason, which may quote a cell.
func QualityRows(problems []ingest.Problem) []QualityRow {
	return QualityRowsOf(ingest.GroupProblems(problems))
}

// QualityRowsOf is QualityRows from groups already counted (ingest.Dataset.Groups, which
// count every problem even when only the first few of each are kept): each row's Count is
// its group's full count.
func QualityRowsOf(groups []ingest.ProblemGroup) []QualityRow {
	var out []QualityRow
	for _, g := range groups {
		if g.Severity == ingest.SevNote {
			continue
		}
		rule := g.Rule
		if rule == "" {
			rule = "(no rule recorded)"
		}
		out = append(out, QualityRow{File: g.File, Sheet: g.Sheet, Column: g.Column, Rule: rule, Severity: string(g.Severity), Count: g.Count})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Sheet < out[j].Sheet
	})
	return out
}
