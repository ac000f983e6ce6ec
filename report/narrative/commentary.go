package narrative

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// MaxCommentary bounds the commentary file: a quarter's commentary is a few pages of text.
const MaxCommentary = 1 << 20

// headingAliases maps a folded heading to its section. Folding lower-cases, turns "&" into
// "and" and drops everything but letters and digits, so "First-time entrants & custody"
// matches "first time entrants and custody".
var headingAliases = map[string]string{
	"summary":                        Summary,
	"overview":                       Summary,
	"executivesummary":               Summary,
	"performanceonapage":             Summary,
	"reoffending":                    Reoffending,
	"reoffendingdesistance":          Reoffending,
	"desistance":                     Reoffending,
	"firsttimeentrantsandcustody":    FTECustody,
	"firsttimeentrants":              FTECustody,
	"fteandcustody":                  FTECustody,
	"fte":                            FTECustody,
	"custody":                        FTECustody,
	"ete":                            ETE,
	"educationtrainingandemployment": ETE,
	"educationtrainingemployment":    ETE,
	"outofcourtdisposals":            OOCD,
	"outofcourt":                     OOCD,
	"oocd":                           OOCD,
	"victims":                        Victims,
	"victim":                         Victims,
	"improvementplan":                ImprovementPlan,
	"actionplan":                     ImprovementPlan,
	"asksoftheboard":                 Asks,
	"askstheboard":                   Asks,
	"decisions":                      Asks,
	"decisionsfortheboard":           Asks,
	"decisionsrequired":              Asks,
	"recommendations":                Asks,
	"recommendationstotheboard":      Asks,
	"needsandwiderservices":          Needs,
	"needs":                          Needs,
	"widerservices":                  Needs,
	"childrensandfamiliesviews":      Views,
	"childrenandfamiliesviews":       Views,
	"views":                          Views,
	"voiceofthechild":                Views,
	"feedback":                       Views,
	"partnership":                    Partnership,
	"boardattendance":                Partnership,
}

// SectionTitles are the headings the commentary file uses, in report order.
var SectionTitles = []struct{ Key, Title string }{
	{Asks, "Asks of the board"},
	{Summary, "Summary"},
	{Reoffending, "Reoffending"},
	{FTECustody, "First time entrants and custody"},
	{ETE, "ETE"},
	{Needs, "Needs and wider services"},
	{OOCD, "Out-of-court disposals"},
	{Victims, "Victims"},
	{Views, "Children's and families' views"},
	{Partnership, "Partnership"},
	{ImprovementPlan, "Improvement plan"},
}

func foldHeading(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "&", "and")
	var b strings.Builder
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CommentaryError is a problem in the officer's commentary file, at a line.
type CommentaryError struct {
	Line int
	Msg  string
}

func (e *CommentaryError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// ParseCommentary reads the officer's commentary: a Markdown file with one "## Section"
// heading per area (Summary, Reoffending, First time entrants and custody, ETE, Out-of-court
// disposals, Victims, Improvement plan; matched case-insensitively, with aliases such as
// "Overview", "FTE", "OOCD"). Under each heading, paragraphs (separated by blank lines) and
// "- " or "* " bullets are kept as written; the result maps a section key to its text, with
// paragraphs separated by a blank line and bullets one per line starting "- ".
//
// A "# Title" line is allowed and ignored. Any other text before the first "##" heading, an
// unknown heading or a heading given twice is an error naming the line: commentary that
// would silently not appear in the report is worse than a failed run.
func ParseCommentary(r io.Reader) (map[string]string, error) {
	sc := bufio.NewScanner(io.LimitReader(r, MaxCommentary+1))
	sc.Buffer(make([]byte, 64*1024), MaxCommentary+1)
	out := map[string]string{}
	seenAt := map[string]int{}
	var (
		section string
		blocks  []string // paragraphs and bullet lines of the current section
		para    []string
		total   int
	)
	flushPara := func() {
		if len(para) > 0 {
			blocks = append(blocks, strings.Join(para, " "))
			para = nil
		}
	}
	flushSection := func() {
		flushPara()
		if section != "" {
			out[section] = joinBlocks(blocks)
		}
		blocks = nil
	}
	line := 0
	for sc.Scan() {
		line++
		raw := sc.Text()
		total += len(raw) + 1
		if total > MaxCommentary {
			return nil, &CommentaryError{Line: line, Msg: "the file is larger than 1 MiB; is it really the commentary?"}
		}
		if line == 1 {
			raw = strings.TrimPrefix(raw, "\uFEFF")
		}
		t := plainText(strings.TrimSpace(raw))
		switch {
		case strings.HasPrefix(t, "## ") || t == "##":
			flushSection()
			title := strings.TrimSpace(strings.Trim(strings.TrimSpace(t[2:]), "#"))
			key, ok := headingAliases[foldHeading(title)]
			if !ok {
				return nil, &CommentaryError{Line: line, Msg: fmt.Sprintf("unknown section %q; use one of: %s", title, validTitles())}
			}
			if prev, dup := seenAt[key]; dup {
				return nil, &CommentaryError{Line: line, Msg: fmt.Sprintf("section %q is given twice (first at line %d); put all its commentary under one heading", title, prev)}
			}
			seenAt[key] = line
			section = key
		case strings.HasPrefix(t, "# ") && section == "" && len(seenAt) == 0:
			// A document title: allowed, not printed.
		case strings.HasPrefix(t, "#"):
			return nil, &CommentaryError{Line: line, Msg: fmt.Sprintf("heading %q: use \"## \" headings for sections (one of: %s)", t, validTitles())}
		case t == "":
			flushPara()
		case section == "":
			return nil, &CommentaryError{Line: line, Msg: "text before the first \"## Section\" heading; put it under a heading such as \"## Summary\""}
		case strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* "):
			flushPara()
			blocks = append(blocks, "- "+strings.TrimSpace(t[2:]))
		default:
			if len(para) == 0 && len(blocks) > 0 && strings.HasPrefix(blocks[len(blocks)-1], "- ") && startsIndented(raw) {
				// A continuation line of a bullet.
				blocks[len(blocks)-1] += " " + t
				continue
			}
			para = append(para, t)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading the commentary: %w", err)
	}
	flushSection()
	for k, v := range out {
		if v == "" {
			delete(out, k)
		}
	}
	return out, nil
}

// Inline Markdown the report prints as plain text: the PDF has no inline styling, and
// showing "**" to the board is worse than losing the emphasis.
var (
	mdStrong = regexp.MustCompile(`\*\*([^*]+?)\*\*|__([^_]+?)__`)
	mdEmph   = regexp.MustCompile(`(^|[\s(])[*_]([^*_\s][^*_]*?)[*_]([\s).,;:!?]|$)`)
	mdCode   = regexp.MustCompile("`([^`]*)`")
	mdLink   = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)
)

// plainText turns a line's inline Markdown (strong, emphasis, code, links) into plain text:
// "**post-16** [plan](https://x)" becomes "post-16 plan (https://x)". Headings are left as
// they are; snake_case words are not emphasis.
func plainText(s string) string {
	if strings.HasPrefix(s, "#") || !strings.ContainsAny(s, "*_`[") {
		return s
	}
	s = mdStrong.ReplaceAllString(s, "$1$2")
	s = mdEmph.ReplaceAllString(s, "$1$2$3")
	s = mdCode.ReplaceAllString(s, "$1")
	return mdLink.ReplaceAllString(s, "$1 ($2)")
}

func startsIndented(s string) bool { return strings.HasPrefix(s, " ") || strings.HasPrefix(s, "\t") }

// joinBlocks joins paragraphs with a blank line and keeps consecutive bullets on
// consecutive lines.
func joinBlocks(blocks []string) string {
	var b strings.Builder
	for i, bl := range blocks {
		if i > 0 {
			if strings.HasPrefix(bl, "- ") && strings.HasPrefix(blocks[i-1], "- ") {
				b.WriteString("\n")
			} else {
				b.WriteString("\n\n")
			}
		}
		b.WriteString(bl)
	}
	return b.String()
}

func validTitles() string {
	var t []string
	for _, s := range SectionTitles {
		t = append(t, s.Title)
	}
	return strings.Join(t, ", ")
}

// Blocks splits commentary text back into paragraphs and bullets ("- " prefix kept), for
// renderers that lay them out one by one.
func Blocks(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
