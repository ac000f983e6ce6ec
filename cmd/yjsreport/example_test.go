package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestWorkedExamples runs generate on each worked example of ../shared/examples (extracts,
// config and the figures an independent implementation of SPEC computed) and compares
// indicators.json with its expected.json by the rules of the examples' compare.py: counts
// exact, rates within 1e-9, extra keys allowed, zero entries of by-value maps optional.
func TestWorkedExamples(t *testing.T) {
	root := examplesDir()
	if root == "" {
		// The examples are the project's shared folder, not part of the repository: a
		// checkout elsewhere has none, and that is no failure of the code.
		t.Skip("SKIPPED: ../shared/examples is not beside this checkout (set YJS_EXAMPLES to its path)")
	}
	dirs, _ := filepath.Glob(filepath.Join(root, "*", "expected.json"))
	if len(dirs) == 0 {
		t.Fatalf("no examples in %s", root)
	}
	for _, exp := range dirs {
		dir := filepath.Dir(exp)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			out := t.TempDir()
			runCLI(t, "generate", "--in", filepath.Join(dir, "in"), "--out", out, "--quarter", "2018/19 Q3",
				"--as-of", "2019-01-31", "--config", filepath.Join(dir, "config.yaml"), "--quiet")
			var want, got any
			mustJSON(t, exp, &want)
			mustJSON(t, filepath.Join(out, "indicators.json"), &got)
			var errs []string
			compareJSON(want, got, "$", &errs)
			for _, e := range errs {
				t.Error(e)
			}
		})
	}
}

func mustJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// byValueMap matches the maps keyed by data values, whose all-zero entries may be left out.
var byValueMap = regexp.MustCompile(`(\.by\.(tier|gender|age_band|ethnicity|locality)|\.by_type)$`)

func zeroLike(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case bool:
		return !x
	case float64:
		return x == 0
	case map[string]any:
		for _, e := range x {
			if !zeroLike(e) {
				return false
			}
		}
		return true
	case []any:
		for _, e := range x {
			if !zeroLike(e) {
				return false
			}
		}
		return true
	}
	return false
}

func inputKey(e any) string {
	m, _ := e.(map[string]any)
	file := fmt.Sprint(m["file"])
	file = file[strings.LastIndexAny(file, `/\`)+1:]
	if strings.HasSuffix(strings.ToLower(file), ".xlsx") {
		return file + " / " + fmt.Sprint(m["sheet"])
	}
	return file
}

func compareJSON(want, got any, path string, errs *[]string) {
	fail := func(format string, args ...any) { *errs = append(*errs, path+": "+fmt.Sprintf(format, args...)) }
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			fail("want an object, got %v", got)
			return
		}
		isMap := byValueMap.MatchString(path)
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			gv, ok := g[k]
			if !ok {
				if !(isMap && zeroLike(w[k])) {
					*errs = append(*errs, path+"."+k+": missing")
				}
				continue
			}
			compareJSON(w[k], gv, path+"."+k, errs)
		}
		if isMap {
			for k, gv := range g {
				if _, ok := w[k]; !ok && !zeroLike(gv) {
					*errs = append(*errs, path+"."+k+": not expected, and not zero")
				}
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			fail("want a list, got %v", got)
			return
		}
		switch path {
		case "$.inputs", "$.targets":
			key := inputKey
			if path == "$.targets" {
				key = func(e any) string { m, _ := e.(map[string]any); return fmt.Sprint(m["indicator"]) }
				if len(g) != len(w) {
					fail("%d targets, want %d", len(g), len(w))
				}
			}
			byKey := map[string]any{}
			for _, e := range g {
				byKey[key(e)] = e
			}
			for _, e := range w {
				k := key(e)
				ge, ok := byKey[k]
				if !ok {
					fail("no entry %q", k)
					continue
				}
				em := e.(map[string]any)
				delete(em, "file") // matched by base name above
				compareJSON(em, ge, path+"["+k+"]", errs)
			}
		default:
			if len(g) != len(w) {
				fail("length %d, want %d", len(g), len(w))
				return
			}
			for i := range w {
				compareJSON(w[i], g[i], fmt.Sprintf("%s[%d]", path, i), errs)
			}
		}
	case float64:
		g, ok := got.(float64)
		if !ok {
			fail("want %v, got %v", w, got)
			return
		}
		if math.Abs(g-w) > 1e-9*math.Max(1, math.Abs(w)) {
			fail("want %v, got %v", w, g)
		}
	default:
		if want != got {
			fail("want %v, got %v", want, got)
		}
	}
}

// TestCompareJSONRules checks the comparison itself, so a pass above means agreement.
func TestCompareJSONRules(t *testing.T) {
	parse := func(s string) any {
		var v any
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name, want, got string
		ok              bool
	}{
		{"equal", `{"a": 1, "r": 0.5}`, `{"a": 1, "r": 0.5, "extra": 3}`, true},
		{"count differs", `{"a": 1}`, `{"a": 2}`, false},
		{"rate within 1e-9", `{"r": 0.3333333333}`, `{"r": 0.33333333334}`, true},
		{"rate beyond 1e-9", `{"r": 0.5}`, `{"r": 0.5001}`, false},
		{"null is not zero", `{"r": null}`, `{"r": 0}`, false},
		{"missing key", `{"a": 1, "b": 2}`, `{"a": 1}`, false},
		{"zero by_type entry may be left out", `{"x": {"by_type": {"fine": 0, "yc": 2}}}`, `{"x": {"by_type": {"yc": 2}}}`, true},
		{"non-zero extra by_type entry", `{"x": {"by_type": {"yc": 2}}}`, `{"x": {"by_type": {"yc": 2, "fine": 1}}}`, false},
		{"list length", `{"l": [1, 2]}`, `{"l": [1]}`, false},
		{"targets matched by indicator", `{"targets": [{"indicator": "a", "value": 1}]}`, `{"targets": [{"indicator": "a", "value": 1}, {"indicator": "b"}]}`, false},
	}
	for _, tt := range tests {
		var errs []string
		compareJSON(parse(tt.want), parse(tt.got), "$", &errs)
		if (len(errs) == 0) != tt.ok {
			t.Errorf("%s: errors %v, want ok=%v", tt.name, errs, tt.ok)
		}
	}
}
