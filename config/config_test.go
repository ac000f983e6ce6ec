package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/calendar"
)

func TestParseSpecExample(t *testing.T) {
	// The example of SPEC §8, verbatim.
	src := `
service: Sample County Youth Justice Service
protective_marking: OFFICIAL-SENSITIVE
population_10_17: 56000          # for FTE and custody rates; omit for counts only
reoffending: {mode: standard}    # or live
ete: {full_time_hours_school_age: 25, full_time_hours_above_school_age: 16}
oocd: {assessment_working_days: 10}
bank_holidays: {extra: [], removed: []}   # dates added to / taken from the built-in calendar
disclosure_control: false
columns: {child_id: [Case Ref]}   # more header aliases
codes: {youth_caution: [Yth Caution]}   # more code labels
targets:                          # indicator: {target, better: higher|lower, amber_within (default 0)}
  ete_suitable_end: {target: 0.8, better: higher, amber_within: 0.05}
  binary_reoffending_rate: {target: 0.35, better: lower, amber_within: 0.03}
`
	cfg, err := Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Service != "Sample County Youth Justice Service" || cfg.Population1017 != 56000 ||
		cfg.ReoffendingMode != "standard" || cfg.FullTimeHoursSchoolAge != 25 ||
		cfg.FullTimeHoursAboveSchoolAge != 16 || cfg.AssessmentWorkingDays != 10 || cfg.DisclosureControl {
		t.Errorf("parsed %+v", cfg)
	}
	if got := cfg.Columns["child_id"]; len(got) != 1 || got[0] != "Case Ref" {
		t.Errorf("columns = %v", cfg.Columns)
	}
	if got := cfg.Codes["youth_caution"]; len(got) != 1 || got[0] != "Yth Caution" {
		t.Errorf("codes = %v", cfg.Codes)
	}
	want := map[string]Target{
		"ete_suitable_end":        {Target: 0.8, Better: "higher", AmberWithin: 0.05},
		"binary_reoffending_rate": {Target: 0.35, Better: "lower", AmberWithin: 0.03},
	}
	if len(cfg.Targets) != len(want) {
		t.Fatalf("targets = %v", cfg.Targets)
	}
	for k, v := range want {
		if cfg.Targets[k] != v {
			t.Errorf("target %s = %+v, want %+v", k, cfg.Targets[k], v)
		}
	}
}

func TestDefaultsWhenKeysLeftOut(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n", "service: X\n"} {
		cfg, err := Parse(strings.NewReader(src))
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		// SPEC §8: no population, standard mode, 25/16 hours, 10 working days, no extra
		// holidays, disclosure control off, no targets.
		if cfg.Population1017 != 0 || cfg.ReoffendingMode != "standard" || cfg.FullTimeHoursSchoolAge != 25 ||
			cfg.FullTimeHoursAboveSchoolAge != 16 || cfg.AssessmentWorkingDays != 10 ||
			len(cfg.ExtraBankHolidays) != 0 || cfg.DisclosureControl || len(cfg.Targets) != 0 {
			t.Errorf("%q: defaults not applied: %+v", src, cfg)
		}
	}
}

// A blank target is no target (SPEC §8: keys left out take the defaults, and no targets is
// the default); yjsreport init writes every target name this way for the board's figures.
func TestBlankTargetIsNoTarget(t *testing.T) {
	src := "targets:\n  custody_share: {target: , better: lower, amber_within: 0}\n" +
		"  ete_suitable_end:\n    target:\n    better: higher\n" +
		"  binary_reoffending_rate: {target: 0.35, better: lower}\n"
	cfg, err := Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Targets) != 1 || cfg.Targets["binary_reoffending_rate"].Target != 0.35 {
		t.Errorf("targets = %v, want only binary_reoffending_rate", cfg.Targets)
	}
}

func TestDatesQuotedOrNot(t *testing.T) {
	cfg, err := Parse(strings.NewReader("bank_holidays:\n  extra: [2019-05-06, \"2019-12-24\"]\n  removed: ['2019-12-26']\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.ExtraBankHolidays) != 2 || cfg.ExtraBankHolidays[0] != calendar.New(2019, 5, 6) ||
		cfg.ExtraBankHolidays[1] != calendar.New(2019, 12, 24) {
		t.Errorf("extra = %v", cfg.ExtraBankHolidays)
	}
	if len(cfg.RemovedBankHolidays) != 1 || cfg.RemovedBankHolidays[0] != calendar.New(2019, 12, 26) {
		t.Errorf("removed = %v", cfg.RemovedBankHolidays)
	}
}

func TestErrorsNameTheKey(t *testing.T) {
	tests := []struct {
		name, src, key, msg string
	}{
		{"unknown top-level key", "servce: X\n", "servce", "unknown key"},
		{"unknown nested key", "ete: {full_time_hours: 25}\n", "ete.full_time_hours", "unknown key"},
		{"bad mode", "reoffending: {mode: rolling}\n", "reoffending.mode", `"rolling" is not valid`},
		{"population not a number", "population_10_17: lots\n", "population_10_17", "not a number"},
		{"population negative", "population_10_17: -5\n", "population_10_17", "not a population"},
		{"population fractional", "population_10_17: 10.5\n", "population_10_17", "not a population"},
		{"hours zero", "ete: {full_time_hours_school_age: 0}\n", "ete.full_time_hours_school_age", "hours"},
		{"working days fractional", "oocd: {assessment_working_days: 2.5}\n", "oocd.assessment_working_days", "working days"},
		{"bad holiday date", "bank_holidays: {extra: [31/12/2019]}\n", "bank_holidays.extra", "not a date"},
		{"impossible holiday date", "bank_holidays: {extra: [2019-02-30]}\n", "bank_holidays.extra", "not a date"},
		{"disclosure not boolean", "disclosure_control: sometimes\n", "disclosure_control", "not true or false"},
		{"unknown target", "targets: {reoffending: {target: 0.3, better: lower}}\n", "targets.reoffending", "unknown indicator"},
		{"target better missing", "targets: {custody_share: {target: 0.1}}\n", "targets.custody_share.better", "missing"},
		{"target value missing", "targets: {custody_share: {better: lower}}\n", "targets.custody_share.target", "missing"},
		{"blank target still needs better", "targets: {custody_share: {target: }}\n", "targets.custody_share.better", "missing"},
		{"blank target given twice", "targets:\n  custody_share: {target: , better: lower}\n  custody_share: {target: , better: lower}\n", "targets.custody_share", "given twice"},
		{"target better wrong", "targets: {custody_share: {target: 0.1, better: up}}\n", "targets.custody_share.better", `"up" is not valid`},
		{"rate target as percent", "targets: {ete_suitable_end: {target: 80, better: higher}}\n", "targets.ete_suitable_end.target", "fractions"},
		{"v2 rate target as percent", "targets: {feedback_positive_rate: {target: 70, better: higher}}\n", "targets.feedback_positive_rate.target", "fractions"},
		{"v2 name misspelt", "targets: {mental_health_need: {target: 0.7, better: higher}}\n", "targets.mental_health_need", "unknown indicator"},
		{"negative amber", "targets: {ete_suitable_end: {target: 0.8, better: higher, amber_within: -1}}\n", "targets.ete_suitable_end.amber_within", "negative"},
		{"unknown target key", "targets: {ete_suitable_end: {target: 0.8, better: higher, amber: 0.1}}\n", "targets.ete_suitable_end.amber", "unknown key"},
		{"columns not a map", "columns: [a, b]\n", "columns", "must map"},
		{"repeated key", "service: A\nservice: B\n", "service", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.src))
			if err == nil {
				t.Fatal("no error")
			}
			var ce *Error
			if errors.As(err, &ce) {
				if ce.Key != tt.key {
					t.Errorf("key = %q, want %q (%v)", ce.Key, tt.key, err)
				}
			} else if !strings.Contains(err.Error(), tt.key) {
				t.Errorf("error %q does not name %q", err, tt.key)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not say %q", err, tt.msg)
			}
		})
	}
}

func TestNotYAML(t *testing.T) {
	for _, src := range []string{"service: [unclosed\n", "- a\n- b\n", "\t\tbad: indent\n  x"} {
		if _, err := Parse(strings.NewReader(src)); err == nil {
			t.Errorf("%q: no error", src)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("service: X\npopulation_10_17: 100\n")
	f.Add("targets: {ete_suitable_end: {target: 0.8, better: higher}}\n")
	f.Add("bank_holidays: {extra: [2019-05-06]}\n")
	f.Add("columns: {child_id: [Case Ref]}\ncodes: {youth_caution: Yth}\n")
	f.Add("&a [*a, *a]")
	f.Fuzz(func(t *testing.T, src string) {
		cfg, err := Parse(strings.NewReader(src))
		if err != nil {
			return
		}
		// Whatever is accepted is within the documented ranges.
		if cfg.AssessmentWorkingDays < 1 || cfg.FullTimeHoursSchoolAge <= 0 || cfg.Population1017 < 0 {
			t.Fatalf("accepted out-of-range config %+v", cfg)
		}
		for name, tg := range cfg.Targets {
			if tg.Better != "higher" && tg.Better != "lower" {
				t.Fatalf("target %s accepted with better %q", name, tg.Better)
			}
		}
	})
}

// TestTargetsOfEveryHeadlineName: every headline name of SPEC 4.9 may have a target (SPEC §8);
// a rate per 100,000 or a frequency may be above 1, a fraction may not.
func TestTargetsOfEveryHeadlineName(t *testing.T) {
	src := `targets:
  binary_reoffending_rate: {target: 0.35, better: lower, amber_within: 0.03}
  frequency_rate: {target: 1.2, better: lower}
  fte_rate_per_100k: {target: 250, better: lower, amber_within: 25}
  custody_share: {target: 0.05, better: lower}
  ete_suitable_end: {target: 0.8, better: higher}
  ete_suitable_end_school_age: {target: 0.8, better: higher}
  ete_suitable_end_above_school_age: {target: 0.6, better: higher, amber_within: 0.05}
  oocd_completion_rate: {target: 0.85, better: higher}
  oocd_timeliness_rate: {target: 0.8, better: higher}
  victim_rj_rate: {target: 0.5, better: higher}
  accommodation_suitable_end: {target: 0.9, better: higher, amber_within: 0.05}
  send_suitable_ete_with_plan: {target: 0.5, better: higher, amber_within: 0.1}
  mental_health_need_met: {target: 0.7, better: higher, amber_within: 0.1}
  substance_misuse_need_met: {target: 0.6, better: higher, amber_within: 0.1}
  wider_services_end: {target: 0.4, better: lower}
  feedback_positive_rate: {target: 0.7, better: higher, amber_within: 0.05}
  board_attendance_rate: {target: 0.9, better: higher, amber_within: 0.1}
`
	cfg, err := Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Targets) != len(TargetNames) || len(TargetNames) != 17 {
		t.Fatalf("%d targets of %d names, want all 17", len(cfg.Targets), len(TargetNames))
	}
	for _, name := range TargetNames {
		if _, ok := cfg.Targets[name]; !ok {
			t.Errorf("no target for %s", name)
		}
	}
	if got := cfg.Targets["board_attendance_rate"]; got != (Target{Target: 0.9, Better: "higher", AmberWithin: 0.1}) {
		t.Errorf("board attendance target %+v", got)
	}
}
