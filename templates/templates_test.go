package templates

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestColumnMapIsYAML checks the embedded map is the YAML file with its three sections; its
// content is checked against the decoders by package ingest's tests.
func TestColumnMapIsYAML(t *testing.T) {
	var m map[string]any
	if err := yaml.Unmarshal(ColumnMap, &m); err != nil {
		t.Fatalf("columns.yaml: %v", err)
	}
	for _, key := range []string{"kinds", "columns", "codes"} {
		if _, ok := m[key]; !ok {
			t.Errorf("columns.yaml has no %s section", key)
		}
	}
	if len(m) != 3 {
		t.Errorf("columns.yaml has %d sections, want kinds, columns and codes", len(m))
	}
}
