// Package charttest provides a realistic report.Indicators for the tests of the renderers
// (charts, PDF, narrative, dashboard): the county-small example's expected figures with
// trends and headline tiles added by hand (testdata/indicators.json).
package charttest

import (
	_ "embed"
	"encoding/json"

	"github.com/yjsreport/yjsreport/report"
)

//go:embed testdata/indicators.json
var fixture []byte

// Indicators returns a fresh copy of the fixture; it panics if the embedded JSON is broken,
// which only a bad edit of testdata can cause.
func Indicators() *report.Indicators {
	var ind report.Indicators
	if err := json.Unmarshal(fixture, &ind); err != nil {
		panic("charttest: testdata/indicators.json: " + err.Error())
	}
	return &ind
}
