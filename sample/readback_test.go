package sample

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/templates"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/encoding/charmap"
)

// This file reads the generated files back the way SPEC §3 describes, independently of the
// generator's own tables: headers folded and matched against the SPEC's canonical names and
// the aliases it lists (and, for the columns and indicator labels whose aliases SPEC leaves
// to the column map, the built-in map templates/columns.yaml), values parsed by the SPEC's
// rules.

// fold is SPEC §3's folding of headers and codes: case-insensitive, ignoring spaces, "_",
// "-" and ".".
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch r {
		case ' ', '_', '-', '.':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

var kindOrder = []string{"disposals", "ete", "oocd", "victims", "improvement_plan", "feedback", "comparators", "board_attendance"}

// SPEC §3.1–§3.9.
var (
	kindRequired = map[string][]string{
		"disposals":        {"child_id", "date_of_birth", "offence_date", "outcome_date", "outcome_type"},
		"ete":              {"child_id", "date_of_birth", "intervention_type", "intervention_start", "intervention_end", "ete_suitable_start", "ete_suitable_end"},
		"oocd":             {"child_id", "date_of_birth", "outcome_type", "referral_date"},
		"victims":          {"victim_id", "child_id", "closure_date", "consented_to_contact"},
		"improvement_plan": {"recommendation", "action", "owner", "due_date", "rag"},
		"feedback":         {"response_id", "respondent", "completed_date", "question", "answer"},
		"comparators":      {"indicator", "comparator", "period", "value"},
		"board_attendance": {"meeting_date", "partner", "attended"},
	}
	kindOptional = map[string][]string{
		"disposals": {"gender", "ethnicity", "locality", "offence_category", "gravity_score", "breach", "release_date"},
		"ete": {"hours_offered_start", "hours_attended_start", "hours_offered_end", "hours_attended_end", "provision_start", "provision_end", "locality",
			"accommodation_suitable_start", "accommodation_suitable_end", "send_identified", "learning_plan",
			"mental_health_need", "mental_health_offered", "mental_health_attending",
			"substance_misuse_need", "substance_misuse_offered", "substance_misuse_attending",
			"looked_after_end", "child_protection_end", "child_in_need_end", "early_help_end"},
		"oocd":             {"assessment_date", "decision_date", "intervention_start", "intervention_end", "completion", "at_panel", "victim_identified", "victim_views_sought", "locality"},
		"victims":          {"views_sought", "rj_offered", "rj_engaged"},
		"improvement_plan": {"progress", "indicator"},
		"feedback":         {"child_id"},
		"comparators":      {"source"},
		"board_attendance": {"senior"},
	}
	// SPEC §3.7's respondent and answer labels beyond the codes themselves.
	specRespondents = map[string]string{"young person": "child", "parent": "parent_carer", "carer": "parent_carer",
		"parent/carer": "parent_carer", "family": "parent_carer"}
	specAnswers = map[string]string{"neither agree nor disagree": "neither", "don't know": "dont_know",
		"not sure": "dont_know", "y": "yes", "true": "yes", "n": "no", "false": "no"}
	answerCodes = []string{"strongly_agree", "agree", "neither", "disagree", "strongly_disagree", "yes", "no", "dont_know"}
	// SPEC §4.9's headline names; §3.8: frequency and first-time entrants are not rates.
	headlineNames = []string{"binary_reoffending_rate", "frequency_rate", "fte_rate_per_100k", "custody_share",
		"ete_suitable_end", "ete_suitable_end_school_age", "ete_suitable_end_above_school_age",
		"oocd_completion_rate", "oocd_timeliness_rate", "victim_rj_rate", "accommodation_suitable_end",
		"send_suitable_ete_with_plan", "mental_health_need_met", "substance_misuse_need_met",
		"wider_services_end", "feedback_positive_rate", "board_attendance_rate"}
	notRates = map[string]bool{"frequency_rate": true, "fte_rate_per_100k": true}
	// SPEC §4.6's cascades.
	cascades = [][3]string{
		{"mental_health_need", "mental_health_offered", "mental_health_attending"},
		{"substance_misuse_need", "substance_misuse_offered", "substance_misuse_attending"},
	}
	// The header aliases SPEC §3 names for the built-in map.
	specAliases = map[string]string{
		"DOB": "date_of_birth", "Birth Date": "date_of_birth",
		"Child ID": "child_id", "Person ID": "child_id", "YP ID": "child_id", "Client ID": "child_id",
		"Sex": "gender", "Area": "locality", "Team": "locality",
		"Sentence Date": "outcome_date", "Disposal Date": "outcome_date",
		"Outcome": "outcome_type", "Disposal": "outcome_type", "Disposal Type": "outcome_type",
		"Gravity": "gravity_score", "Seriousness": "gravity_score",
	}
	// The outcome labels SPEC §3 names, plus every canonical code (which matches itself).
	specOutcomeLabels = map[string]string{
		"YC": "youth_caution", "YCC": "youth_conditional_caution", "CR": "community_resolution",
		"O22": "outcome_22", "RO": "referral_order", "YRO": "youth_rehabilitation_order",
		"DTO": "detention_training_order", "Conditional Discharge": "discharge",
		"Section 250": "long_term_detention", "Youth Caution": "youth_caution",
	}
	outcomeCodes = []string{cr, o22, yc, ycc, dis, fin, ro, rep, yro, dto, ltd}
)

// columnMap is the part of templates/columns.yaml this file uses: header aliases and the
// labels of the indicator code set.
var columnMap = sync.OnceValue(func() (m struct {
	Columns map[string][]string
	Codes   map[string]map[string][]string
}) {
	if err := yaml.Unmarshal(templates.ColumnMap, &m); err != nil {
		panic(err)
	}
	return m
})

// canonical returns the canonical column a header stands for, or "".
func canonical(header string) string {
	f := fold(header)
	if f == "" {
		return ""
	}
	for alias, c := range specAliases {
		if fold(alias) == f {
			return c
		}
	}
	for _, k := range kindOrder {
		for _, c := range append(append([]string{}, kindRequired[k]...), kindOptional[k]...) {
			if fold(c) == f {
				return c
			}
		}
	}
	for _, c := range []string{"gender", "ethnicity", "outcome_date"} { // columns of other kinds
		if fold(c) == f {
			return c
		}
	}
	for c, aliases := range columnMap().Columns {
		for _, a := range aliases {
			if fold(a) == f {
				return c
			}
		}
	}
	return ""
}

// codeOf returns the code among codes that s names by SPEC §3's folding, itself or through
// one of labels (label → code), or "".
func codeOf(s string, codes []string, labels map[string]string) string {
	f := fold(s)
	for _, c := range codes {
		if fold(c) == f {
			return c
		}
	}
	for l, c := range labels {
		if fold(l) == f {
			return c
		}
	}
	return ""
}

// indicatorCode returns the headline an indicator label names: its name written with
// spaces (SPEC §3.8) or a label of the column map.
func indicatorCode(s string) string {
	labels := map[string]string{}
	for code, ls := range columnMap().Codes["indicator"] {
		for _, l := range ls {
			labels[l] = code
		}
	}
	return codeOf(s, headlineNames, labels)
}

var periodRE = regexp.MustCompile(`(?i)^(\d{4})\s*[/-]\s*(\d{2})\s*[ -]\s*q([1-4])$`)

// parsePeriod reads a comparator's quarter label by SPEC §3.8.
func parsePeriod(s string) (calendar.Quarter, bool) {
	m := periodRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return calendar.Quarter{}, false
	}
	fy, _ := strconv.Atoi(m[1])
	yy, _ := strconv.Atoi(m[2])
	q, _ := strconv.Atoi(m[3])
	if (fy+1)%100 != yy {
		return calendar.Quarter{}, false
	}
	return calendar.Quarter{FY: fy, Q: q}, true
}

// parseFigure reads a comparator's value by SPEC §3.8: "31.4%" is 0.314; a rate above 1
// written without % is refused, as is a negative figure.
func parseFigure(s, indicator string) (float64, bool) {
	s = strings.TrimSpace(s)
	pct := strings.HasSuffix(s, "%")
	v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(s, "%")), 64)
	if err != nil || v < 0 {
		return 0, false
	}
	if pct {
		v /= 100
	}
	if v > 1 && !notRates[indicator] {
		return 0, false
	}
	return v, true
}

// outcomeCode returns the canonical outcome code of a label, or "".
func outcomeCode(label string) string {
	f := fold(label)
	for l, c := range specOutcomeLabels {
		if fold(l) == f {
			return c
		}
	}
	for _, c := range outcomeCodes {
		if fold(c) == f {
			return c
		}
	}
	return ""
}

// sheetData is one sheet (or CSV file) read back: raw cells (Excel serials for dates) and
// the cells as a spreadsheet shows them, row 1 first.
type sheetData struct {
	file, sheet string
	excel       bool
	raw, shown  [][]string
	// classification, filled by readBack: see classify
	kinds  []string
	header int
	cols   map[string]int
}

// dataFiles are the extract files, in name order (the order a tool reads them).
var dataFiles = []string{FileBoard, FileComparators, FileDisposals, FileETE, FileFeedback, FilePlan, FileOOCD, FileVictims}

func readBack(t *testing.T, files map[string][]byte) []sheetData {
	t.Helper()
	var out []sheetData
	for _, name := range dataFiles {
		b, ok := files[name]
		if !ok {
			t.Fatalf("%s was not written", name)
		}
		if strings.HasSuffix(name, ".csv") {
			out = append(out, readCSV(t, name, b))
			continue
		}
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, sh := range f.GetSheetList() {
			sd := sheetData{file: name, sheet: sh, excel: true}
			sd.raw = readRows(t, f, sh, excelize.Options{RawCellValue: true})
			sd.shown = readRows(t, f, sh, excelize.Options{})
			out = append(out, sd)
		}
		f.Close()
	}
	for i := range out {
		out[i].kinds, out[i].header, out[i].cols = classify(out[i])
	}
	return out
}

func readRows(t *testing.T, f *excelize.File, sheet string, opt excelize.Options) [][]string {
	t.Helper()
	rows, err := f.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		c, err := rows.Columns(opt)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

// readCSV decodes a CSV file by SPEC §3: UTF-8 with or without BOM, else Windows-1252.
func readCSV(t *testing.T, name string, b []byte) sheetData {
	t.Helper()
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	if !utf8.Valid(b) {
		d, err := charmap.Windows1252.NewDecoder().Bytes(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b = d
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	var rows [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rows = append(rows, rec)
	}
	return sheetData{file: name, raw: rows, shown: rows}
}

// classify finds the header row (within the first 10) and the kinds it matches.
func classify(sd sheetData) (kinds []string, header int, cols map[string]int) {
	for i := 0; i < len(sd.shown) && i < 10; i++ {
		m := map[string]int{}
		for j, h := range sd.shown[i] {
			if c := canonical(h); c != "" {
				if _, dup := m[c]; !dup {
					m[c] = j
				}
			}
		}
		var ks []string
		for _, k := range kindOrder {
			all := true
			for _, c := range kindRequired[k] {
				if _, ok := m[c]; !ok {
					all = false
				}
			}
			if all {
				ks = append(ks, k)
			}
		}
		if len(ks) > 0 {
			return ks, i, m
		}
	}
	return nil, -1, nil
}

// parseDate reads a date by SPEC §3: an Excel serial in a workbook, else the UK text layouts.
// A time part is dropped; two-digit years are not dates.
func parseDate(s string, excel bool) (calendar.Date, bool) {
	s = strings.TrimSpace(s)
	if excel {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return calendar.New(1899, 12, 30).AddDays(int(f)), true
		}
	}
	if i := strings.Index(s, " "); i > 0 && strings.Contains(s[i:], ":") {
		s = s[:i]
	}
	for _, layout := range []string{"2/1/2006", "2006-01-02", "2-1-2006", "2 Jan 2006", "2-Jan-2006"} {
		if tm, err := time.Parse(layout, s); err == nil {
			return calendar.FromTime(tm), true
		}
	}
	return 0, false
}

// yesNo parses SPEC §3's yes/no values; ok is false when present but not yes or no.
func yesNoValue(s string) (v string, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return "", true
	case "yes", "y", "true", "1":
		return "yes", true
	case "no", "n", "false", "0":
		return "no", true
	}
	return "", false
}

var (
	dateColumns = map[string]bool{"date_of_birth": true, "offence_date": true, "outcome_date": true,
		"release_date": true, "intervention_start": true, "intervention_end": true, "referral_date": true,
		"assessment_date": true, "decision_date": true, "closure_date": true, "due_date": true}
	yesNoColumns = map[string]bool{"breach": true, "at_panel": true, "victim_identified": true,
		"victim_views_sought": true, "consented_to_contact": true, "views_sought": true, "rj_offered": true, "rj_engaged": true,
		"send_identified": true, "learning_plan": true, "mental_health_need": true, "mental_health_offered": true,
		"mental_health_attending": true, "substance_misuse_need": true, "substance_misuse_offered": true,
		"substance_misuse_attending": true, "looked_after_end": true, "child_protection_end": true,
		"child_in_need_end": true, "early_help_end": true, "attended": true, "senior": true}
	codeSets = map[string][]string{
		"ete_suitable_start":           {"suitable", "unsuitable", "unknown"},
		"ete_suitable_end":             {"suitable", "unsuitable", "unknown"},
		"accommodation_suitable_start": {"suitable", "unsuitable", "unknown"},
		"accommodation_suitable_end":   {"suitable", "unsuitable", "unknown"},
		"completion":                   {"completed", "not_completed", "neutral"},
		"rag":                          {"red", "amber", "green", "complete"},
	}
	dateColumnsV2 = map[string]bool{"completed_date": true, "meeting_date": true}
)

// verdict is what SPEC §3.6 makes of one row.
type verdict struct {
	rejected, warnings []string
	key                string // the row's parsed values in the kind's columns, for duplicates
	figure             string // a comparator's indicator, comparator and period (SPEC §3.8)
}

// judge applies SPEC §3.6 to one row of kind k. get returns a cell by canonical column.
func judge(k string, get func(string) string, excel bool, asOf calendar.Date) verdict {
	var v verdict
	reject := func(f string, a ...any) { v.rejected = append(v.rejected, fmt.Sprintf(f, a...)) }
	warn := func(f string, a ...any) { v.warnings = append(v.warnings, fmt.Sprintf(f, a...)) }
	required := map[string]bool{}
	for _, c := range kindRequired[k] {
		required[c] = true
	}
	dates := map[string]calendar.Date{}
	parsed := map[string]string{}
	var key []string
	for _, c := range append(append([]string{}, kindRequired[k]...), kindOptional[k]...) {
		s := strings.TrimSpace(get(c))
		norm := s
		blankOK := !required[c] || c == "intervention_end" || c == "ete_suitable_start" || c == "ete_suitable_end" ||
			c == "answer"
		switch {
		case s == "":
			if !blankOK {
				reject("%s is blank", c)
			}
		case c == "respondent":
			if norm = codeOf(s, []string{"child", "parent_carer"}, specRespondents); norm == "" {
				reject("respondent %q is not a known code", s)
			}
		case c == "answer":
			if norm = codeOf(s, answerCodes, specAnswers); norm == "" {
				reject("answer %q is not a known code", s)
			}
		case c == "indicator":
			if norm = indicatorCode(s); norm == "" {
				if required[c] {
					reject("indicator %q is not a headline", s)
				} else {
					warn("indicator %q is not a headline", s)
				}
			}
		case c == "period":
			q, ok := parsePeriod(s)
			if !ok {
				reject("period %q is not a quarter", s)
			}
			norm = q.Label()
		case c == "value":
			v, ok := parseFigure(s, indicatorCode(get("indicator")))
			if !ok {
				reject("value %q is not a figure for its indicator", s)
			}
			norm = strconv.FormatFloat(v, 'g', -1, 64)
		case dateColumns[c] || dateColumnsV2[c]:
			d, ok := parseDate(s, excel)
			switch {
			case !ok && required[c]:
				reject("%s %q is not a date", c, s)
			case !ok:
				warn("%s %q is not a date", c, s)
			default:
				dates[c] = d
				norm = d.String()
				if d > asOf && c != "due_date" {
					reject("%s %s is after the export date", c, d)
				}
			}
		case yesNoColumns[c]:
			y, ok := yesNoValue(s)
			if !ok {
				if required[c] {
					reject("%s %q is not yes or no", c, s)
				} else {
					warn("%s %q is not yes or no", c, s)
				}
			}
			norm = y
		case c == "outcome_type" || c == "intervention_type":
			code := outcomeCode(s)
			if k == "oocd" && tier(code) != 1 {
				code = ""
			}
			if code == "" {
				reject("%s %q is not a known code", c, s)
			}
			norm = code
		case codeSets[c] != nil:
			norm = ""
			for _, code := range codeSets[c] {
				if fold(code) == fold(s) {
					norm = code
				}
			}
			if norm == "" {
				if required[c] {
					reject("%s %q is not a known code", c, s)
				} else {
					warn("%s %q is not a known code", c, s)
				}
			}
		case c == "gravity_score":
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 || n > 8 {
				warn("gravity %q is not 1–8", s)
				norm = ""
			}
		case strings.HasPrefix(c, "hours_"):
			f, err := strconv.ParseFloat(s, 64)
			if err != nil || f < 0 {
				warn("%s %q is not a non-negative number", c, s)
				norm = ""
			}
		case c == "offence_category":
			norm = fold(s)
		}
		parsed[c] = norm
		key = append(key, norm)
	}
	v.key = k + "|" + strings.Join(key, "|")
	if k == "comparators" {
		v.figure = parsed["indicator"] + "|" + parsed["comparator"] + "|" + parsed["period"]
	}
	if len(v.rejected) > 0 {
		return v
	}
	order := func(a, b string) {
		if dates[a] != 0 && dates[b] != 0 && dates[a] > dates[b] {
			reject("%s %s is after %s %s", a, dates[a], b, dates[b])
		}
	}
	order("offence_date", "outcome_date")
	order("outcome_date", "release_date")
	order("intervention_start", "intervention_end")
	order("referral_date", "assessment_date")
	order("referral_date", "decision_date")
	keyDate := map[string]string{"disposals": "outcome_date", "ete": "intervention_start", "oocd": "referral_date"}[k]
	if keyDate != "" && dates[keyDate] != 0 {
		if age := calendar.AgeOn(dates["date_of_birth"], dates[keyDate]); age < 10 || age > 18 {
			reject("aged %d on the %s", age, keyDate)
		}
	}
	if k == "victims" {
		e, _ := yesNoValue(get("rj_engaged"))
		c, _ := yesNoValue(get("consented_to_contact"))
		if e == "yes" && c != "yes" {
			warn("engaged in RJ without consent")
		}
	}
	if k == "ete" {
		for _, cs := range cascades {
			for i := 1; i < 3; i++ {
				if parsed[cs[i]] == "yes" && (parsed[cs[0]] != "yes" || i == 2 && parsed[cs[1]] != "yes") {
					warn("%s yes without the stage before", cs[i])
					break
				}
			}
		}
	}
	if k == "board_attendance" && parsed["senior"] == "yes" && parsed["attended"] != "yes" {
		warn("senior without attending")
	}
	return v
}
