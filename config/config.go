// Package config reads the YAML configuration of SPEC §8 strictly: every key is known, every
// value checked, and an error names the key (and line) at fault. Keys left out take the
// built-in defaults.
package config

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/yjsreport/yjsreport/calendar"
	"go.yaml.in/yaml/v3"
)

// Config is the run configuration.
type Config struct {
	Service           string
	ProtectiveMarking string
	// Population1017 is the 10–17 population for FTE and custody rates; 0 = not configured
	// (counts only, rates null).
	Population1017 int
	// ReoffendingMode is "standard" or "live" (SPEC 4.1).
	ReoffendingMode string
	// FullTimeHoursSchoolAge and FullTimeHoursAboveSchoolAge are the full-time thresholds of
	// hours offered (SPEC 4.3).
	FullTimeHoursSchoolAge      float64
	FullTimeHoursAboveSchoolAge float64
	// AssessmentWorkingDays is the OOCD assessment timeliness limit (SPEC 4.4).
	AssessmentWorkingDays int
	// ExtraBankHolidays and RemovedBankHolidays adjust the built-in calendar.
	ExtraBankHolidays   []calendar.Date
	RemovedBankHolidays []calendar.Date
	// DisclosureControl turns on small-number suppression in the PDF and dashboard (SPEC §6).
	DisclosureControl bool
	// Columns adds header aliases: canonical column → labels.
	Columns map[string][]string
	// Codes adds code labels: canonical code → labels.
	Codes map[string][]string
	// Targets maps a target name (TargetNames) to its target.
	Targets map[string]Target
}

// Target is one headline indicator's target (SPEC 4.6).
type Target struct {
	Target      float64
	Better      string // "higher" or "lower"
	AmberWithin float64
}

// TargetNames lists the indicators that may have targets, in report order.
var TargetNames = []string{
	"binary_reoffending_rate", "frequency_rate", "fte_rate_per_100k", "custody_share",
	"ete_suitable_end", "ete_suitable_end_school_age", "ete_suitable_end_above_school_age",
	"oocd_completion_rate", "oocd_timeliness_rate", "victim_rj_rate",
	"accommodation_suitable_end", "send_suitable_ete_with_plan", "mental_health_need_met",
	"substance_misuse_need_met", "wider_services_end", "feedback_positive_rate",
	"board_attendance_rate",
}

// Default returns the built-in defaults of SPEC §8.
func Default() Config {
	return Config{
		Service:                     "Youth Justice Service",
		ProtectiveMarking:           "OFFICIAL-SENSITIVE",
		ReoffendingMode:             "standard",
		FullTimeHoursSchoolAge:      25,
		FullTimeHoursAboveSchoolAge: 16,
		AssessmentWorkingDays:       10,
		Columns:                     map[string][]string{},
		Codes:                       map[string][]string{},
		Targets:                     map[string]Target{},
	}
}

// Error is a configuration error naming the key at fault.
type Error struct {
	Key  string // dotted path, e.g. "targets.ete_suitable_end.better"
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Key == "" {
		return e.Msg
	}
	if e.Line > 0 {
		return fmt.Sprintf("key %q (line %d): %s", e.Key, e.Line, e.Msg)
	}
	return fmt.Sprintf("key %q: %s", e.Key, e.Msg)
}

// MaxSize bounds a config file: a real one is a few hundred bytes.
const MaxSize = 1 << 20

// Parse reads a YAML configuration, starting from Default.
func Parse(r io.Reader) (Config, error) {
	cfg := Default()
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return cfg, err
	}
	if len(data) > MaxSize {
		return cfg, &Error{Msg: "the file is larger than 1 MiB; is it really a config file?"}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return cfg, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return cfg, &Error{Msg: "not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if len(doc.Content) == 0 {
		return cfg, nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return cfg, nil
	}
	p := &parser{cfg: &cfg}
	err = p.mapping("", root, map[string]func(string, *yaml.Node) error{
		"service":            p.str(&cfg.Service),
		"protective_marking": p.str(&cfg.ProtectiveMarking),
		"population_10_17":   p.population,
		"reoffending": p.section(map[string]func(string, *yaml.Node) error{
			"mode": p.oneOf(&cfg.ReoffendingMode, "standard", "live"),
		}),
		"ete": p.section(map[string]func(string, *yaml.Node) error{
			"full_time_hours_school_age":       p.positive(&cfg.FullTimeHoursSchoolAge),
			"full_time_hours_above_school_age": p.positive(&cfg.FullTimeHoursAboveSchoolAge),
		}),
		"oocd": p.section(map[string]func(string, *yaml.Node) error{
			"assessment_working_days": p.workingDays,
		}),
		"bank_holidays": p.section(map[string]func(string, *yaml.Node) error{
			"extra":   p.dates(&cfg.ExtraBankHolidays),
			"removed": p.dates(&cfg.RemovedBankHolidays),
		}),
		"disclosure_control": p.boolean(&cfg.DisclosureControl),
		"columns":            p.aliases(cfg.Columns),
		"codes":              p.aliases(cfg.Codes),
		"targets":            p.targets,
	})
	return cfg, err
}

type parser struct{ cfg *Config }

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

func errAt(key string, n *yaml.Node, format string, args ...any) error {
	return &Error{Key: key, Line: n.Line, Msg: fmt.Sprintf(format, args...)}
}

// mapping walks a YAML mapping, calling the handler of each key; an unknown key is an error
// listing the known ones.
func (p *parser) mapping(prefix string, n *yaml.Node, handlers map[string]func(string, *yaml.Node) error) error {
	if n.Kind != yaml.MappingNode {
		if prefix == "" {
			return &Error{Line: n.Line, Msg: "the config must be a mapping of keys to values"}
		}
		return errAt(prefix, n, "must be a mapping of keys to values")
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := join(prefix, k.Value)
		h, ok := handlers[k.Value]
		if !ok {
			known := make([]string, 0, len(handlers))
			for name := range handlers {
				known = append(known, name)
			}
			sort.Strings(known)
			return errAt(key, k, "unknown key; valid here: %s", strings.Join(known, ", "))
		}
		if seen[k.Value] {
			return errAt(key, k, "given twice")
		}
		seen[k.Value] = true
		if err := h(key, v); err != nil {
			return err
		}
	}
	return nil
}

func (p *parser) section(handlers map[string]func(string, *yaml.Node) error) func(string, *yaml.Node) error {
	return func(key string, n *yaml.Node) error {
		if isNull(n) {
			return nil
		}
		return p.mapping(key, n, handlers)
	}
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

func scalar(key string, n *yaml.Node) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", errAt(key, n, "must be a single value")
	}
	return n.Value, nil
}

func (p *parser) str(dst *string) func(string, *yaml.Node) error {
	return func(key string, n *yaml.Node) error {
		s, err := scalar(key, n)
		if err != nil {
			return err
		}
		if strings.TrimSpace(s) == "" {
			return errAt(key, n, "must not be blank")
		}
		*dst = strings.TrimSpace(s)
		return nil
	}
}

func (p *parser) oneOf(dst *string, valid ...string) func(string, *yaml.Node) error {
	return func(key string, n *yaml.Node) error {
		s, err := scalar(key, n)
		if err != nil {
			return err
		}
		for _, v := range valid {
			if strings.EqualFold(strings.TrimSpace(s), v) {
				*dst = v
				return nil
			}
		}
		return errAt(key, n, "%q is not valid; use %s", s, strings.Join(valid, " or "))
	}
}

func (p *parser) boolean(dst *bool) func(string, *yaml.Node) error {
	return func(key string, n *yaml.Node) error {
		s, err := scalar(key, n)
		if err != nil {
			return err
		}
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true", "yes", "on":
			*dst = true
		case "false", "no", "off":
			*dst = false
		default:
			return errAt(key, n, "%q is not true or false", s)
		}
		return nil
	}
}

func number(key string, n *yaml.Node) (float64, error) {
	s, err := scalar(key, n)
	if err != nil {
		return 0, err
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), "_", ""), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, errAt(key, n, "%q is not a number", s)
	}
	return f, nil
}

func (p *parser) positive(dst *float64) func(string, *yaml.Node) error {
	return func(key string, n *yaml.Node) error {
		f, err := number(key, n)
		if err != nil {
			return err
		}
		if f <= 0 || f > 168 {
			return errAt(key, n, "%v is not a number of hours a week (above 0, at most 168)", f)
		}
		*dst = f
		return nil
	}
}

func (p *parser) population(key string, n *yaml.Node) error {
	if isNull(n) {
		p.cfg.Population1017 = 0
		return nil
	}
	f, err := number(key, n)
	if err != nil {
		return err
	}
	if f != math.Trunc(f) || f < 1 || f > 1e8 {
		return errAt(key, n, "%v is not a population (a whole number above 0)", n.Value)
	}
	p.cfg.Population1017 = int(f)
	return nil
}

func (p *parser) workingDays(key string, n *yaml.Node) error {
	f, err := number(key, n)
	if err != nil {
		return err
	}
	if f != math.Trunc(f) || f < 1 || f > 365 {
		return errAt(key, n, "%v is not a number of working days (a whole number from 1 to 365)", n.Value)
	}
	p.cfg.AssessmentWorkingDays = int(f)
	return nil
}

func (p *parser) dates(dst *[]calendar.Date) func(string, *yaml.Node) error {
	return func(key string, n *yaml.Node) error {
		if isNull(n) {
			return nil
		}
		if n.Kind != yaml.SequenceNode {
			return errAt(key, n, "must be a list of dates, e.g. [2019-05-06]")
		}
		for _, item := range n.Content {
			s, err := scalar(key, item)
			if err != nil {
				return err
			}
			d, err := calendar.ParseISO(strings.TrimSpace(s))
			if err != nil {
				return errAt(key, item, "%q is not a date (use YYYY-MM-DD)", s)
			}
			*dst = append(*dst, d)
		}
		return nil
	}
}

func (p *parser) aliases(dst map[string][]string) func(string, *yaml.Node) error {
	return func(key string, n *yaml.Node) error {
		if isNull(n) {
			return nil
		}
		if n.Kind != yaml.MappingNode {
			return errAt(key, n, "must map a name to a list of labels, e.g. {child_id: [Case Ref]}")
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			sub := join(key, k.Value)
			var labels []string
			switch v.Kind {
			case yaml.ScalarNode:
				if strings.TrimSpace(v.Value) == "" {
					return errAt(sub, v, "must not be blank")
				}
				labels = []string{strings.TrimSpace(v.Value)}
			case yaml.SequenceNode:
				for _, item := range v.Content {
					if item.Kind != yaml.ScalarNode || strings.TrimSpace(item.Value) == "" {
						return errAt(sub, item, "each label must be non-blank text")
					}
					labels = append(labels, strings.TrimSpace(item.Value))
				}
			default:
				return errAt(sub, v, "must be a list of labels")
			}
			dst[strings.TrimSpace(k.Value)] = append(dst[strings.TrimSpace(k.Value)], labels...)
		}
		return nil
	}
}

func (p *parser) targets(key string, n *yaml.Node) error {
	if isNull(n) {
		return nil
	}
	valid, seen := map[string]bool{}, map[string]bool{}
	for _, name := range TargetNames {
		valid[name] = true
	}
	if n.Kind != yaml.MappingNode {
		return errAt(key, n, "must map an indicator to {target, better, amber_within}")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name := k.Value
		sub := join(key, name)
		if !valid[name] {
			return errAt(sub, k, "unknown indicator; valid: %s", strings.Join(TargetNames, ", "))
		}
		if seen[name] {
			return errAt(sub, k, "given twice")
		}
		t := Target{Better: ""}
		hasTarget, blank := false, false
		err := p.mapping(sub, v, map[string]func(string, *yaml.Node) error{
			"target": func(k2 string, v2 *yaml.Node) error {
				if isNull(v2) {
					// Blank: no target yet. `yjsreport init` writes every name this way for
					// the board's targets to be filled in.
					blank = true
					return nil
				}
				f, err := number(k2, v2)
				if err != nil {
					return err
				}
				if f < 0 {
					return errAt(k2, v2, "%v must not be negative", f)
				}
				if IsRate(name) && f > 1 {
					return errAt(k2, v2, "%v is above 1; rates are fractions (0.8 for 80%%)", f)
				}
				t.Target, hasTarget = f, true
				return nil
			},
			"better": p.oneOf(&t.Better, "higher", "lower"),
			"amber_within": func(k2 string, v2 *yaml.Node) error {
				f, err := number(k2, v2)
				if err != nil {
					return err
				}
				if f < 0 {
					return errAt(k2, v2, "%v must not be negative", f)
				}
				t.AmberWithin = f
				return nil
			},
		})
		if err != nil {
			return err
		}
		if t.Better == "" {
			return errAt(sub+".better", v, "missing; use higher or lower")
		}
		if !hasTarget {
			if blank {
				seen[name] = true
				continue
			}
			return errAt(sub+".target", v, "missing; give a number, or leave target blank for no target")
		}
		seen[name] = true
		p.cfg.Targets[name] = t
	}
	return nil
}

// IsRate reports whether a headline name is a fraction (not a rate per 100,000 or a frequency).
func IsRate(name string) bool {
	return name != "fte_rate_per_100k" && name != "frequency_rate"
}
