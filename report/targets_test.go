package report

import (
	"testing"

	"github.com/yjsreport/yjsreport/config"
)

func TestRAG(t *testing.T) {
	higher := config.Target{Target: 0.8, Better: Higher, AmberWithin: 0.05}
	lower := config.Target{Target: 0.35, Better: Lower, AmberWithin: 0.03}
	noAmber := config.Target{Target: 0.8, Better: Higher}
	tests := []struct {
		name  string
		value *float64
		t     config.Target
		want  string // "" = null
	}{
		{"higher better: above target is green", ptr(0.85), higher, RAGGreen},
		{"higher better: exactly on target is green", ptr(0.8), higher, RAGGreen},
		{"higher better: within amber tolerance is amber", ptr(0.79), higher, RAGAmber},
		{"higher better: exactly target minus tolerance is amber", ptr(0.75), higher, RAGAmber}, // 3/4; 0.8 − 0.05 is not exact in binary
		{"higher better: below the tolerance is red", ptr(0.7499), higher, RAGRed},
		{"lower better: below target is green", ptr(0.30), lower, RAGGreen},
		{"lower better: exactly on target is green", ptr(0.35), lower, RAGGreen},
		{"lower better: exactly target plus tolerance is amber", ptr(0.38), lower, RAGAmber},
		{"lower better: above the tolerance is red", ptr(0.381), lower, RAGRed},
		{"no amber tolerance: just below target is red", ptr(0.79), noAmber, RAGRed},
		{"null value has null RAG", nil, higher, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := RAG(tc.value, tc.t)
			switch {
			case tc.want == "" && got != nil:
				t.Errorf("RAG = %q, want null", *got)
			case tc.want != "" && (got == nil || *got != tc.want):
				t.Errorf("RAG = %v, want %q", got, tc.want)
			}
		})
	}
}

func TestTargetsOrderAndNullValues(t *testing.T) {
	cfg := config.Default()
	cfg.Targets = map[string]config.Target{
		"victim_rj_rate":          {Target: 0.5, Better: Higher},
		"binary_reoffending_rate": {Target: 0.35, Better: Lower, AmberWithin: 0.03},
		"fte_rate_per_100k":       {Target: 300, Better: Lower},
	}
	values := map[string]*float64{"binary_reoffending_rate": ptr(0.37), "fte_rate_per_100k": nil}
	got := Targets(values, cfg)
	if len(got) != 3 || got[0].Indicator != "binary_reoffending_rate" || got[1].Indicator != "fte_rate_per_100k" || got[2].Indicator != "victim_rj_rate" {
		t.Fatalf("targets %+v, want config.TargetNames order", got)
	}
	if got[0].RAG == nil || *got[0].RAG != RAGAmber || got[0].Better != Lower || got[0].AmberWithin != 0.03 {
		t.Errorf("binary reoffending 0.37 against 0.35 lower ±0.03: %+v, want amber", got[0])
	}
	for _, r := range got[1:] {
		if r.Value != nil || r.RAG != nil {
			t.Errorf("%s: value %v rag %v, want both null", r.Indicator, showf(r.Value), r.RAG)
		}
	}
	if n := len(Targets(values, config.Default())); n != 0 {
		t.Errorf("no targets configured: %d results, want 0", n)
	}
}

func TestDirection(t *testing.T) {
	tests := []struct {
		name   string
		diff   float64
		better string
		want   string
	}{
		{"rise when higher is better is better", 0.1, Higher, DirectionBetter},
		{"rise when lower is better is worse", 0.1, Lower, DirectionWorse},
		{"fall when lower is better is better", -0.1, Lower, DirectionBetter},
		{"fall when higher is better is worse", -0.1, Higher, DirectionWorse},
		{"no change is the same", 0, Higher, DirectionSame},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := direction(tc.diff, tc.better); got != tc.want {
				t.Errorf("direction(%v, %s) = %s, want %s", tc.diff, tc.better, got, tc.want)
			}
		})
	}
}
