// Package charttest provides a realistic report.Indicators for the tests of the renderers
// (charts, PDF, narrative, dashboard): the county-small example's expected figures with
// trends and headline tiles added by hand, and the SPEC v2 series and blocks of the same
// example (testdata/indicators.json).
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

//go:embed testdata/indicators_v2.json
var fixtureV2 []byte

// IndicatorsV2 returns a fresh copy of the county-kpis example's expected figures (SPEC v2:
// series, comparators, targets, needs, views and board attendance), as an independent
// implementation of SPEC computed them. It has no headlines (an extra key of ours).
func IndicatorsV2() *report.Indicators {
	var ind report.Indicators
	if err := json.Unmarshal(fixtureV2, &ind); err != nil {
		panic("charttest: testdata/indicators_v2.json: " + err.Error())
	}
	return &ind
}
