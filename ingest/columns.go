package ingest

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/templates"
	"go.yaml.in/yaml/v3"
)

// column is a canonical column of SPEC §3. The decoders address cells by column, so the
// set is fixed here; the column map (templates/columns.yaml) only adds header aliases.
type column uint8

// The canonical columns, grouped by the extract that introduces them.
const (
	colChildID column = iota
	colDOB
	colGender
	colEthnicity
	colLocality
	colOffenceDate
	colOutcomeDate
	colOutcomeType
	colOffenceCategory
	colGravity
	colBreach
	colReleaseDate
	colInterventionType
	colInterventionStart
	colInterventionEnd
	colSuitableStart
	colSuitableEnd
	colHoursOfferedStart
	colHoursAttendedStart
	colHoursOfferedEnd
	colHoursAttendedEnd
	colProvisionStart
	colProvisionEnd
	colReferralDate
	colAssessmentDate
	colDecisionDate
	colCompletion
	colAtPanel
	colVictimIdentified
	colVictimViewsSought
	colVictimID
	colClosureDate
	colConsented
	colViewsSought
	colRJOffered
	colRJEngaged
	colRecommendation
	colAction
	colOwner
	colDueDate
	colRAG
	colProgress
	// SPEC v2: the key performance indicators of an ete row (§3.2).
	colAccommodationStart
	colAccommodationEnd
	colSENDIdentified
	colLearningPlan
	colMentalHealthNeed
	colMentalHealthOffered
	colMentalHealthAttending
	colSubstanceNeed
	colSubstanceOffered
	colSubstanceAttending
	colLookedAfterEnd
	colChildProtectionEnd
	colChildInNeedEnd
	colEarlyHelpEnd
	// The improvement plan's link to a headline (§3.5), and a comparator's indicator (§3.8).
	colIndicator
	// feedback (§3.7)
	colResponseID
	colRespondent
	colCompletedDate
	colQuestion
	colAnswer
	// comparators (§3.8)
	colComparator
	colPeriod
	colValue
	colSource
	// board_attendance (§3.9)
	colMeetingDate
	colPartner
	colAttended
	colSenior
	numColumns
)

// columnNames are the canonical names, indexed by column.
var columnNames = [numColumns]string{
	colChildID: "child_id", colDOB: "date_of_birth", colGender: "gender",
	colEthnicity: "ethnicity", colLocality: "locality", colOffenceDate: "offence_date",
	colOutcomeDate: "outcome_date", colOutcomeType: "outcome_type",
	colOffenceCategory: "offence_category", colGravity: "gravity_score", colBreach: "breach",
	colReleaseDate: "release_date", colInterventionType: "intervention_type",
	colInterventionStart: "intervention_start", colInterventionEnd: "intervention_end",
	colSuitableStart: "ete_suitable_start", colSuitableEnd: "ete_suitable_end",
	colHoursOfferedStart: "hours_offered_start", colHoursAttendedStart: "hours_attended_start",
	colHoursOfferedEnd: "hours_offered_end", colHoursAttendedEnd: "hours_attended_end",
	colProvisionStart: "provision_start", colProvisionEnd: "provision_end",
	colReferralDate: "referral_date", colAssessmentDate: "assessment_date",
	colDecisionDate: "decision_date", colCompletion: "completion", colAtPanel: "at_panel",
	colVictimIdentified: "victim_identified", colVictimViewsSought: "victim_views_sought",
	colVictimID: "victim_id", colClosureDate: "closure_date",
	colConsented: "consented_to_contact", colViewsSought: "views_sought",
	colRJOffered: "rj_offered", colRJEngaged: "rj_engaged",
	colRecommendation: "recommendation", colAction: "action", colOwner: "owner",
	colDueDate: "due_date", colRAG: "rag", colProgress: "progress",
	colAccommodationStart: "accommodation_suitable_start", colAccommodationEnd: "accommodation_suitable_end",
	colSENDIdentified: "send_identified", colLearningPlan: "learning_plan",
	colMentalHealthNeed: "mental_health_need", colMentalHealthOffered: "mental_health_offered",
	colMentalHealthAttending: "mental_health_attending", colSubstanceNeed: "substance_misuse_need",
	colSubstanceOffered: "substance_misuse_offered", colSubstanceAttending: "substance_misuse_attending",
	colLookedAfterEnd: "looked_after_end", colChildProtectionEnd: "child_protection_end",
	colChildInNeedEnd: "child_in_need_end", colEarlyHelpEnd: "early_help_end",
	colIndicator:  "indicator",
	colResponseID: "response_id", colRespondent: "respondent", colCompletedDate: "completed_date",
	colQuestion: "question", colAnswer: "answer",
	colComparator: "comparator", colPeriod: "period", colValue: "value", colSource: "source",
	colMeetingDate: "meeting_date", colPartner: "partner", colAttended: "attended", colSenior: "senior",
}

func (c column) String() string { return columnNames[c] }

// kindSchema lists the columns of one extract kind (SPEC §3.1–§3.9).
type kindSchema struct {
	kind               Kind
	required, optional []column
}

// schemas are the extract layouts, in SPEC order; columns.yaml must agree with them.
var schemas = []kindSchema{
	{KindDisposals,
		[]column{colChildID, colDOB, colOffenceDate, colOutcomeDate, colOutcomeType},
		[]column{colGender, colEthnicity, colLocality, colOffenceCategory, colGravity, colBreach, colReleaseDate}},
	{KindETE,
		[]column{colChildID, colDOB, colInterventionType, colInterventionStart, colInterventionEnd,
			colSuitableStart, colSuitableEnd},
		[]column{colHoursOfferedStart, colHoursAttendedStart, colHoursOfferedEnd, colHoursAttendedEnd,
			colProvisionStart, colProvisionEnd, colLocality,
			colAccommodationStart, colAccommodationEnd, colSENDIdentified, colLearningPlan,
			colMentalHealthNeed, colMentalHealthOffered, colMentalHealthAttending,
			colSubstanceNeed, colSubstanceOffered, colSubstanceAttending,
			colLookedAfterEnd, colChildProtectionEnd, colChildInNeedEnd, colEarlyHelpEnd}},
	{KindOOCD,
		[]column{colChildID, colDOB, colOutcomeType, colReferralDate},
		[]column{colAssessmentDate, colDecisionDate, colInterventionStart, colInterventionEnd,
			colCompletion, colAtPanel, colVictimIdentified, colVictimViewsSought, colLocality}},
	{KindVictims,
		[]column{colVictimID, colChildID, colClosureDate, colConsented},
		[]column{colViewsSought, colRJOffered, colRJEngaged}},
	{KindImprovementPlan,
		[]column{colRecommendation, colAction, colOwner, colDueDate, colRAG},
		[]column{colProgress, colIndicator}},
	{KindFeedback,
		[]column{colResponseID, colRespondent, colCompletedDate, colQuestion, colAnswer},
		[]column{colChildID}},
	{KindComparators,
		[]column{colIndicator, colComparator, colPeriod, colValue},
		[]column{colSource}},
	{KindBoardAttendance,
		[]column{colMeetingDate, colPartner, colAttended},
		[]column{colSenior}},
}

// codeSetID names a code set of the column map.
type codeSetID uint8

// The code sets; which column uses which set is fixed by the decoders.
const (
	setOutcome codeSetID = iota
	setSuitability
	setCompletion
	setRAG
	setOffence
	setYesNo
	setIndicator
	setRespondent
	setAnswer
	numCodeSets
)

var codeSetNames = [numCodeSets]string{"outcome_type", "suitability", "completion", "rag", "offence_category", "yes_no",
	"indicator", "respondent", "answer"}

// fixedCodes are the code sets whose codes the tool gives meaning to; the map must list
// exactly these. offence_category is open: an analyst may add categories.
var fixedCodes = [numCodeSets][]string{
	setOutcome:     outcomeStrings(),
	setSuitability: {"suitable", "unsuitable", "unknown"},
	setCompletion:  {"completed", "not_completed", "neutral"},
	setRAG:         {string(Red), string(Amber), string(Green), string(Complete)},
	setYesNo:       {"yes", "no"},
	setRespondent:  {string(RespondentChild), string(RespondentParentCarer)},
	setAnswer:      answerStrings(),
	// indicator is fixed too, to the headline names of SPEC §4.9 (config.TargetNames): the
	// names an improvement-plan action may link to and a comparator may give a figure for.
	setIndicator: config.TargetNames,
}

func answerStrings() []string {
	s := make([]string, len(Answers))
	for i, a := range Answers {
		s[i] = string(a)
	}
	return s
}

func outcomeStrings() []string {
	s := make([]string, len(Outcomes))
	for i, o := range Outcomes {
		s[i] = string(o)
	}
	return s
}

// codeSet is one code set: its canonical codes in map order and every folded label.
type codeSet struct {
	name   string
	codes  []string       // canonical codes, in the map's order
	labels map[string]int // folded label (and folded code) → index into codes
	loose  map[string]int // loosely folded label → index, or -1 when two codes collide
	sorted []string       // the folded labels in byte order, for nearest (map order must not decide a tie)

	// hints caches configHint by value: an export with one unknown label usually has it on
	// many rows, and files are decoded in parallel.
	mu    sync.Mutex
	hints map[string]string
}

// maxHints bounds the configHint cache of a code set.
const maxHints = 1024

// configHint ends the message of an unknown code with the config line that would accept it:
// for a near spelling of a label, the code that label means ("Yth Caution" is two letters
// from "Youth Caution"); otherwise a CODE for the officer to choose from the valid ones.
func (s *codeSet) configHint(v string) string {
	s.mu.Lock()
	h, ok := s.hints[v]
	s.mu.Unlock()
	if ok {
		return h
	}
	// Worked out outside the lock: sheets decoded in parallel must not wait on each other.
	h = fmt.Sprintf("to accept it, add to the config (yjsreport.yaml) the valid code it means: codes: {CODE: [%q]}", v)
	if i := s.nearest(v); i >= 0 {
		h = fmt.Sprintf("if it means %s, add to the config (yjsreport.yaml): codes: {%s: [%q]}", s.codes[i], s.codes[i], v)
	}
	s.mu.Lock()
	if s.hints == nil {
		s.hints = map[string]string{}
	}
	if len(s.hints) < maxHints {
		s.hints[v] = h
	}
	s.mu.Unlock()
	return h
}

// nearest returns the code whose label is nearest to v after folding — within two edits
// (one for short values), or a label that v holds whole ("Referral Order Extension 2") —
// or -1.
func (s *codeSet) nearest(v string) int {
	f := fold(v)
	if len(f) < 3 || len(f) > 64 {
		return -1
	}
	limit := 1
	if len(f) >= 6 {
		limit = 2
	}
	best, bestD, bestHeld := -1, limit+1, 0
	for _, l := range s.sorted {
		i := s.labels[l]
		if d := editDistance(f, l); d < bestD {
			best, bestD = i, d
		}
		if bestD > limit && len(l) >= 4 && len(l) > bestHeld && strings.Contains(f, l) {
			best, bestHeld = i, len(l)
		}
	}
	return best
}

// editDistance is the Levenshtein distance of two folded strings, by bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// lookup returns the index of the code whose label matches v after folding, or -1. It does
// not allocate for values of ordinary length.
func (s *codeSet) lookup(v string) int {
	var buf [64]byte
	k := foldAppend(buf[:0], v)
	if i, ok := s.labels[string(k)]; ok {
		return i
	}
	var lb [64]byte
	if i, ok := s.loose[string(looseAppend(lb[:0], v))]; ok && i >= 0 {
		return i
	}
	return -1
}

// valid lists the canonical codes for messages.
func (s *codeSet) valid() string { return strings.Join(s.codes, ", ") }

// columnMap is the parsed column map plus the config's additions.
type columnMap struct {
	headers map[string]column // folded header label → column
	loose   map[string]column // loosely folded label → column, or noColumn when ambiguous
	sets    [numCodeSets]*codeSet
}

// noColumn marks a loose label that two columns share, so it matches neither.
const noColumn column = 255

// header returns the column a header cell names, if any: by the folding of SPEC §3 first,
// then loosely (see looseAppend), so "Date of Birth (DD/MM/YYYY)" and "Breach?" are known.
func (m *columnMap) header(h string) (column, bool) {
	var buf [64]byte
	if c, ok := m.headers[string(foldAppend(buf[:0], h))]; ok {
		return c, true
	}
	c, ok := m.loose[string(looseAppend(buf[:0], h))]
	return c, ok && c != noColumn
}

// looseAppend appends a looser form of s than foldAppend's, tried only when the folded form
// matches nothing: bracketed parts are dropped ("Date of Birth (DD/MM/YYYY)", "Referral Order
// (RO)"), "&" reads "and", and every character that is not a letter or digit is ignored
// ("Breach?", "Child ID:"). Exports decorate headers and labels this way; a loose form that
// two columns or codes share matches neither.
func looseAppend(dst []byte, s string) []byte {
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
		case r == ')' || r == ']':
			if depth > 0 {
				depth--
			}
		case depth > 0:
		case r == '&':
			dst = append(dst, "and"...)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

// buildLoose derives the loose lookups from the folded ones, after every label is in.
func (m *columnMap) buildLoose() {
	m.loose = make(map[string]column, len(m.headers))
	for label, c := range m.headers {
		k := string(looseAppend(nil, label))
		if prev, ok := m.loose[k]; ok && prev != c {
			c = noColumn
		}
		m.loose[k] = c
	}
	for _, s := range m.sets {
		s.sorted = make([]string, 0, len(s.labels))
		s.loose = make(map[string]int, len(s.labels))
		for label, i := range s.labels {
			s.sorted = append(s.sorted, label)
			k := string(looseAppend(nil, label))
			if prev, ok := s.loose[k]; ok && prev != i {
				i = -1
			}
			s.loose[k] = i
		}
		slices.Sort(s.sorted)
	}
}

// fold returns s with case folded and spaces, '_', '-', '.' removed: the form in which
// headers and codes are compared (SPEC §3).
func fold(s string) string { return string(foldAppend(nil, s)) }

// foldAppend appends the folded form of s to dst. Any Unicode space, dash or invisible
// format character is dropped too, because exports carry non-breaking spaces, en dashes and
// byte-order marks that a reader cannot see.
func foldAppend(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ' || c == '_' || c == '-' || c == '.' || (c >= '\t' && c <= '\r'):
				continue
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if unicode.IsSpace(r) || unicode.Is(unicode.Pd, r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// mapFile is the YAML shape of templates/columns.yaml.
type mapFile struct {
	Kinds   map[string]struct{ Required, Optional []string }
	Columns map[string][]string
	Codes   yaml.Node // ordered: code set → code → labels
}

// loadColumnMap parses the embedded column map and adds the config's aliases (canonical
// column → header labels) and code labels (canonical code → labels).
func loadColumnMap(columns, codes map[string][]string) (*columnMap, error) {
	m, err := parseColumnMap(templates.ColumnMap)
	if err != nil {
		return nil, fmt.Errorf("built-in column map templates/columns.yaml: %w", err)
	}
	if err := m.addColumns(columns); err != nil {
		return nil, fmt.Errorf("config columns: %w", err)
	}
	if err := m.addCodes(codes); err != nil {
		return nil, fmt.Errorf("config codes: %w", err)
	}
	m.buildLoose()
	return m, nil
}

// parseColumnMap parses and checks a column map file.
func parseColumnMap(data []byte) (*columnMap, error) {
	var f mapFile
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, err
	}
	if err := checkKinds(f.Kinds); err != nil {
		return nil, err
	}
	m := &columnMap{headers: make(map[string]column, 256)}
	for c := range numColumns {
		m.headers[fold(c.String())] = c
	}
	if err := m.addColumns(f.Columns); err != nil {
		return nil, fmt.Errorf("columns: %w", err)
	}
	if err := m.parseCodes(&f.Codes); err != nil {
		return nil, fmt.Errorf("codes: %w", err)
	}
	return m, nil
}

// checkKinds makes sure the map's kinds section says what the decoders do.
func checkKinds(kinds map[string]struct{ Required, Optional []string }) error {
	if len(kinds) != len(schemas) {
		return fmt.Errorf("kinds: must list exactly %s", kindList())
	}
	for _, s := range schemas {
		k, ok := kinds[string(s.kind)]
		if !ok {
			return fmt.Errorf("kinds: %s is missing", s.kind)
		}
		if !sameColumns(k.Required, s.required) {
			return fmt.Errorf("kinds.%s.required: must be %s", s.kind, columnList(s.required))
		}
		if !sameColumns(k.Optional, s.optional) {
			return fmt.Errorf("kinds.%s.optional: must be %s", s.kind, columnList(s.optional))
		}
	}
	return nil
}

func kindList() string {
	var names []string
	for _, s := range schemas {
		names = append(names, string(s.kind))
	}
	return strings.Join(names, ", ")
}

func sameColumns(names []string, cols []column) bool {
	if len(names) != len(cols) {
		return false
	}
	for _, c := range cols {
		if !slices.Contains(names, c.String()) {
			return false
		}
	}
	return true
}

func columnList(cols []column) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.String()
	}
	return strings.Join(names, ", ")
}

// columnByName finds a canonical column by its (folded) name.
func columnByName(name string) (column, bool) {
	f := fold(name)
	for c := range numColumns {
		if fold(c.String()) == f {
			return c, true
		}
	}
	return 0, false
}

// addColumns adds header aliases, canonical column → labels, in a stable order so that a
// conflict is always reported the same way.
func (m *columnMap) addColumns(aliases map[string][]string) error {
	names := make([]string, 0, len(aliases))
	for k := range aliases {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, name := range names {
		c, ok := columnByName(name)
		if !ok {
			return fmt.Errorf("unknown column %q; valid: %s", name, strings.Join(columnNames[:], ", "))
		}
		for _, label := range aliases[name] {
			f := fold(label)
			if f == "" {
				return fmt.Errorf("%s: blank label", c)
			}
			if prev, ok := m.headers[f]; ok && prev != c {
				return fmt.Errorf("%s: label %q already means %s", c, label, prev)
			}
			m.headers[f] = c
		}
	}
	return nil
}

// parseCodes reads the ordered codes section.
func (m *columnMap) parseCodes(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("must map each code set to its codes")
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		name, body := n.Content[i].Value, n.Content[i+1]
		id := slices.Index(codeSetNames[:], name)
		if id < 0 {
			return fmt.Errorf("unknown code set %q (line %d); valid: %s", name, n.Content[i].Line, strings.Join(codeSetNames[:], ", "))
		}
		if seen[name] {
			return fmt.Errorf("code set %s given twice", name)
		}
		seen[name] = true
		if body.Kind != yaml.MappingNode {
			return fmt.Errorf("%s (line %d): must map each code to its labels", name, body.Line)
		}
		s := &codeSet{name: name, labels: map[string]int{}}
		for j := 0; j+1 < len(body.Content); j += 2 {
			code, labels := body.Content[j], body.Content[j+1]
			if slices.Contains(s.codes, code.Value) {
				return fmt.Errorf("%s.%s given twice", name, code.Value)
			}
			if !isCodeName(code.Value) {
				return fmt.Errorf("%s: code %q (line %d) must be lower case letters, digits and _", name, code.Value, code.Line)
			}
			s.codes = append(s.codes, code.Value)
			var list []string
			switch labels.Kind {
			case yaml.SequenceNode:
				for _, l := range labels.Content {
					if l.Kind != yaml.ScalarNode {
						return fmt.Errorf("%s.%s (line %d): labels must be text", name, code.Value, l.Line)
					}
					list = append(list, l.Value)
				}
			case yaml.ScalarNode:
				if labels.Tag != "!!null" {
					list = append(list, labels.Value)
				}
			default:
				return fmt.Errorf("%s.%s (line %d): must be a list of labels", name, code.Value, labels.Line)
			}
			if err := s.add(len(s.codes)-1, append(list, code.Value)); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
		m.sets[id] = s
	}
	for id := range numCodeSets {
		s := m.sets[id]
		if s == nil {
			return fmt.Errorf("code set %s is missing", codeSetNames[id])
		}
		if want := fixedCodes[id]; want != nil && !sameSet(s.codes, want) {
			return fmt.Errorf("%s: must list exactly the codes %s", s.name, strings.Join(want, ", "))
		}
	}
	return nil
}

// isCodeName reports whether s is written like a canonical code (youth_caution).
func isCodeName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			return false
		}
	}
	return true
}

// add gives code i more labels; a label that already means another code of the set is an
// error, since the value would be ambiguous.
func (s *codeSet) add(i int, labels []string) error {
	for _, l := range labels {
		f := fold(l)
		if f == "" {
			return fmt.Errorf("%s: blank label", s.codes[i])
		}
		if prev, ok := s.labels[f]; ok && prev != i {
			return fmt.Errorf("label %q of %s already means %s", l, s.codes[i], s.codes[prev])
		}
		s.labels[f] = i
	}
	return nil
}

// addCodes adds code labels, canonical code → labels, to every set that has the code.
func (m *columnMap) addCodes(labels map[string][]string) error {
	names := make([]string, 0, len(labels))
	for k := range labels {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, name := range names {
		found := false
		for _, s := range m.sets {
			i := slices.IndexFunc(s.codes, func(c string) bool { return fold(c) == fold(name) })
			if i < 0 {
				continue
			}
			found = true
			if err := s.add(i, labels[name]); err != nil {
				return fmt.Errorf("%s: %w", s.name, err)
			}
		}
		if !found {
			return fmt.Errorf("unknown code %q; it is not a code of %s", name, strings.Join(codeSetNames[:], ", "))
		}
	}
	return nil
}
