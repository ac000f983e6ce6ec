package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/yjsreport/yjsreport/report"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/templates"
	"go.yaml.in/yaml/v3"
)

// configFile is the config read from the input folder when --config is not given (SPEC §8).
const configFile = "yjsreport.yaml"

const initSynopsis = "yjsreport init [--out DIR] [--force]"

// initConfig writes a commented yjsreport.yaml holding every key at its built-in default, every
// headline with a blank target, and every column and code with an empty list of local labels,
// so that an officer starts from a file that already runs and fills in what the board agreed.
func (e *env) initConfig(_ context.Context, args []string) error {
	fs := e.newFlags("init")
	out := fs.String("out", ".", "folder `DIR` to write yjsreport.yaml into: the folder of exports, so generate finds it")
	force := fs.Bool("force", false, "replace a yjsreport.yaml that is already there")
	if err := e.parseFlags(fs, initSynopsis, args); err != nil {
		return err
	}
	text, err := exampleConfig(currentBuild().String())
	if err != nil {
		return err
	}
	path := filepath.Join(*out, configFile)
	if _, err := os.Stat(path); err == nil && !*force {
		return withHint(fmt.Errorf("%s already exists", path),
			"edit it, or give --force to replace it with a fresh one (your changes in it are then lost)")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return withHint(fmt.Errorf("folder %s cannot be created: %w", *out, unwrapPath(err)),
			"choose another --out folder, or check its permissions")
	}
	if err := os.WriteFile(path, text, 0o644); err != nil {
		return withHint(fmt.Errorf("%s cannot be written: %w", path, unwrapPath(err)),
			"choose another --out folder, or check its permissions")
	}
	fmt.Fprintf(e.stdout, "wrote %s\n", path)
	fmt.Fprintf(e.stdout, "next: open it in a text editor (Notepad will do) and fill in service, population_10_17 and the targets your board has agreed;\n")
	fmt.Fprintf(e.stdout, "generate reads it from the folder of exports: yjsreport generate --in %s\n", quoteIfSpaced(*out))
	return nil
}

// targetNotes says in a few words what each headline is, for the comment beside its target.
var targetNotes = map[string]string{
	"binary_reoffending_rate":           "children who reoffended, of the cohort (a fraction: 0.35 = 35%)",
	"frequency_rate":                    "reoffences per child in the cohort (a number, e.g. 1.2)",
	"fte_rate_per_100k":                 "first time entrants per 100,000 aged 10-17 over 12 months (e.g. 250)",
	"custody_share":                     "custodial sentences, of all court sentences",
	"ete_suitable_end":                  "children in suitable ETE at the end of their intervention",
	"ete_suitable_end_school_age":       "the same, children of school age",
	"ete_suitable_end_above_school_age": "the same, children above school age (post-16)",
	"oocd_completion_rate":              "out-of-court interventions completed",
	"oocd_timeliness_rate":              "out-of-court referrals assessed on time",
	"victim_rj_rate":                    "victims who consented to contact and took part in restorative justice",
	"accommodation_suitable_end":        "children in suitable accommodation at the end",
	"send_suitable_ete_with_plan":       "children with SEND in suitable ETE and with a learning plan",
	"mental_health_need_met":            "children with a mental health need attending an intervention",
	"substance_misuse_need_met":         "children with a substance misuse need attending an intervention",
	"wider_services_end":                "children open to wider services at the end",
	"feedback_positive_rate":            "children's answers to feedback that were positive",
	"board_attendance_rate":             "statutory partners present at board meetings",
}

const configHead = `# yjsreport.yaml: the settings of your service's quarterly performance report.
#
# Keep this file in the folder of exports: 'yjsreport generate --in FOLDER' reads it from
# there (or give --config FILE). Lines starting with # are notes and are ignored. Every key
# is optional: a value left as written here is the built-in default. Text after a colon may
# be written plainly; put it in double quotes if it holds a # or starts with a symbol.
# Written by 'yjsreport init' of %s.

# The service's name: on the cover, every page and the PDF's file name.
service: Youth Justice Service

# The protective marking printed on every page.
protective_marking: OFFICIAL-SENSITIVE

# The 10-17 population of your area (ONS mid-year estimate), for the first time entrants
# rate per 100,000 and custody per 1,000. Left blank: counts only, and those rates read n/a.
population_10_17:

# Reoffending: standard takes cautions and court outcomes as the start of a cohort, as the
# national figures do; live adds community resolutions and Outcome 22.
reoffending:
  mode: standard

# Hours a week of education, training or employment offered that count as full time.
ete:
  full_time_hours_school_age: 25
  full_time_hours_above_school_age: 16

# Out-of-court disposals: an assessment within this many working days is on time.
oocd:
  assessment_working_days: 10

# England and Wales bank holidays are built in. Add your own closure days, or take a date
# out, as lists of YYYY-MM-DD dates, e.g. extra: [2019-12-27, 2019-12-30]
bank_holidays:
  extra: []
  removed: []

# true: in the PDF and the dashboard, counts of 1 to 4 read <5 and rates of fewer than 5
# children are hidden. indicators.json and indicators.xlsx always keep the true figures.
disclosure_control: false

# Targets agreed by the board, one line per headline indicator. Fill in target to give that
# indicator a RAG status (red, amber, green) on the report; left blank, it has none and its
# tile reads NO TARGET. Rates are fractions: 0.8 for 80%%. better: whether higher or lower is
# better. amber_within: how far on the wrong side of the target still counts as amber, in the
# same units (0.05 = 5 percentage points).
targets:
`

const columnsHead = `
# Your own column headers. Each extract needs a header row with its required columns; the
# headers listed in the notes are recognised already (ignoring case, spaces, _ - and .).
# When your case system calls a column something else, add your header to the list, e.g.
#   child_id: [Case Ref, "Young Person No."]
# and a header can belong to one column only.
columns:
`

const codesHead = `
# Your own codes. Outcome types, suitability, completion, yes/no answers and the like are
# matched against the labels in the notes. A value your case system writes differently is
# rejected as "unknown" (validate lists them); add it to the list of the code it means, e.g.
#   youth_caution: [Yth Caution]
# and the next run accepts it.
codes:
`

// exampleConfig writes the commented yjsreport.yaml of `yjsreport init`, from the built-in
// column map so that its lists of headers and codes are always the ones the tool knows.
func exampleConfig(generator string) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, configHead, generator)
	width := 0
	for _, name := range config.TargetNames {
		width = max(width, len(name))
	}
	for _, name := range config.TargetNames {
		fmt.Fprintf(&b, "  %-*s {target: , better: %s, amber_within: 0}", width+1, name+":", report.DefaultBetter(name))
		if n := targetNotes[name]; n != "" {
			fmt.Fprintf(&b, "  # %s", n)
		}
		b.WriteByte('\n')
	}

	m, err := builtInMap()
	if err != nil {
		return nil, fmt.Errorf("built-in column map: %w", err)
	}
	b.WriteString(columnsHead)
	seen := map[string]bool{}
	for _, k := range m.kinds {
		fmt.Fprintf(&b, "  # --- %s (required: %s)\n", k.name, strings.Join(k.required, ", "))
		for _, c := range append(append([]string(nil), k.required...), k.optional...) {
			if seen[c] {
				continue
			}
			seen[c] = true
			writeLabels(&b, m.columns[c])
			fmt.Fprintf(&b, "  %s: []\n", yamlKey(c))
		}
	}
	b.WriteString(codesHead)
	seen = map[string]bool{}
	for _, set := range m.sets {
		fmt.Fprintf(&b, "  # --- %s\n", codeSetNote(set.name))
		for _, c := range set.codes {
			if seen[c.code] {
				continue
			}
			seen[c.code] = true
			writeLabels(&b, c.labels)
			fmt.Fprintf(&b, "  %s: []\n", yamlKey(c.code))
		}
	}
	return b.Bytes(), nil
}

// codeSetNote says which columns a code set of the column map is for.
func codeSetNote(set string) string {
	switch set {
	case "outcome_type":
		return "outcome_type and intervention_type (disposals, ete, oocd)"
	case "suitability":
		return "ETE and accommodation suitability (ete)"
	case "completion":
		return "completion (oocd)"
	case "rag":
		return "rag (improvement plan)"
	case "offence_category":
		return "offence_category (disposals)"
	case "yes_no":
		return "every yes/no column (breach, at_panel, consented_to_contact, send_identified, attended, ...)"
	case "indicator":
		return "indicator (improvement plan, comparators): the headline names"
	case "respondent":
		return "respondent (feedback)"
	case "answer":
		return "answer (feedback)"
	}
	return set
}

// writeLabels writes the built-in labels as a wrapped comment.
func writeLabels(b *bytes.Buffer, labels []string) {
	if len(labels) == 0 {
		return
	}
	const limit = 94
	line := "  # known:"
	for i, l := range labels {
		word := " " + l
		if i < len(labels)-1 {
			word += ","
		}
		if len(line)+len(word) > limit {
			b.WriteString(line + "\n")
			line = "  #  "
		}
		line += word
	}
	b.WriteString(line + "\n")
}

// yamlKey quotes a key that YAML 1.1 readers would take as a boolean (yes, no).
func yamlKey(k string) string {
	switch strings.ToLower(k) {
	case "yes", "no", "y", "n", "true", "false", "on", "off":
		return strconv.Quote(k)
	}
	return k
}

// columnMapDoc is the part of templates/columns.yaml that init lists, in the file's order.
type columnMapDoc struct {
	kinds   []kindDoc
	columns map[string][]string
	sets    []codeSetDoc
}

type kindDoc struct {
	name               string
	required, optional []string
}

type codeSetDoc struct {
	name  string
	codes []codeDoc
}

type codeDoc struct {
	code   string
	labels []string
}

// builtInMap reads the embedded column map, keeping the order of its kinds and codes.
func builtInMap() (*columnMapDoc, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(templates.ColumnMap, &root); err != nil {
		return nil, err
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, errors.New("not a mapping")
	}
	top := root.Content[0]
	m := &columnMapDoc{columns: map[string][]string{}}
	for i := 0; i+1 < len(top.Content); i += 2 {
		key, val := top.Content[i].Value, top.Content[i+1]
		switch key {
		case "kinds":
			for j := 0; j+1 < len(val.Content); j += 2 {
				k := kindDoc{name: val.Content[j].Value}
				var lists struct{ Required, Optional []string }
				if err := val.Content[j+1].Decode(&lists); err != nil {
					return nil, err
				}
				k.required, k.optional = lists.Required, lists.Optional
				m.kinds = append(m.kinds, k)
			}
		case "columns":
			if err := val.Decode(&m.columns); err != nil {
				return nil, err
			}
		case "codes":
			for j := 0; j+1 < len(val.Content); j += 2 {
				set := codeSetDoc{name: val.Content[j].Value}
				codes := val.Content[j+1]
				for c := 0; c+1 < len(codes.Content); c += 2 {
					var labels []string
					if err := codes.Content[c+1].Decode(&labels); err != nil {
						return nil, err
					}
					set.codes = append(set.codes, codeDoc{code: codes.Content[c].Value, labels: labels})
				}
				m.sets = append(m.sets, set)
			}
		}
	}
	if len(m.kinds) == 0 || len(m.sets) == 0 {
		return nil, errors.New("no kinds or codes")
	}
	return m, nil
}
