package main

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/yjsreport/yjsreport/calendar"
	"github.com/yjsreport/yjsreport/config"
	"github.com/yjsreport/yjsreport/ingest"
	"github.com/yjsreport/yjsreport/report"
)

// TestExampleConfigIsTheDefaults: the file yjsreport init writes, read back, is exactly the
// built-in configuration of SPEC §8 (a run with it is a run without it) and names every
// headline under targets, every column under columns and every code under codes.
func TestExampleConfigIsTheDefaults(t *testing.T) {
	text, err := exampleConfig("yjsreport test")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(bytes.NewReader(text))
	if err != nil {
		t.Fatalf("the example config does not parse: %v", err)
	}
	def := config.Default()
	// Empty lists of labels are the same as none.
	for _, m := range []map[string][]string{cfg.Columns, cfg.Codes} {
		for k, v := range m {
			if len(v) != 0 {
				t.Errorf("%s has labels %v, want none", k, v)
			}
			delete(m, k)
		}
	}
	if !reflect.DeepEqual(cfg, def) {
		t.Errorf("the example config reads as\n%+v\nwant the defaults\n%+v", cfg, def)
	}
	for _, name := range config.TargetNames {
		if !bytes.Contains(text, []byte("\n  "+name+": ")) {
			t.Errorf("targets: lacks %s", name)
		}
	}
	m, err := builtInMap()
	if err != nil {
		t.Fatal(err)
	}
	for c := range m.columns {
		if !bytes.Contains(text, []byte("\n  "+c+": []\n")) {
			t.Errorf("columns: lacks %s", c)
		}
	}
	for _, set := range m.sets {
		for _, c := range set.codes {
			if !bytes.Contains(text, []byte("\n  "+yamlKey(c.code)+": []\n")) {
				t.Errorf("codes: lacks %s (%s)", c.code, set.name)
			}
		}
	}
	if bytes.Contains(text, []byte("SPEC")) {
		t.Error("the example config cites SPEC, which users do not have")
	}
}

// TestExampleConfigReadsTheSampleAsBefore: the example's columns and codes sections, with
// their empty lists, change nothing in how the exports are read.
func TestExampleConfigReadsTheSampleAsBefore(t *testing.T) {
	text, err := exampleConfig("yjsreport test")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(bytes.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	asOf := calendar.New(2019, 1, 31)
	plain, err := ingest.ReadDir(sampleDir, ingest.Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	withExample, err := ingest.ReadDir(sampleDir, ingest.Options{AsOf: asOf, Columns: cfg.Columns, Codes: cfg.Codes})
	if err != nil {
		t.Fatalf("the sample does not read with the example's columns and codes: %v", err)
	}
	if !reflect.DeepEqual(plain.Inputs, withExample.Inputs) {
		t.Errorf("inputs differ:\n%+v\n%+v", plain.Inputs, withExample.Inputs)
	}
}

// TestExampleConfigDirections: the better: written beside each blank target is the
// direction of improvement the report uses for that headline (SPEC §4.9).
func TestExampleConfigDirections(t *testing.T) {
	ds, err := ingest.ReadDir(sampleDir, ingest.Options{AsOf: calendar.New(2019, 1, 31)})
	if err != nil {
		t.Fatal(err)
	}
	ind := report.Compute(ds, calendar.LatestEndedBy(calendar.New(2019, 1, 31)), calendar.New(2019, 1, 31), config.Default())
	if len(ind.Headlines) < 10 {
		t.Fatalf("only %d headlines on the sample", len(ind.Headlines))
	}
	text, err := exampleConfig("yjsreport test")
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range ind.Headlines {
		want := "  " + h.Indicator + ":"
		line := ""
		for _, l := range strings.Split(string(text), "\n") {
			if strings.HasPrefix(l, want) {
				line = l
				break
			}
		}
		if !strings.Contains(line, "better: "+h.Better+",") {
			t.Errorf("%s: the example says %q, the report's direction is %s", h.Indicator, line, h.Better)
		}
	}
}
