//go:build echarts_embedded

package dashboard

import _ "embed"

// echartsJS is ECharts (npm echarts@5.6.0, dist/echarts.min.js, Apache-2.0), fetched into
// assets/ by `make echarts` and built in with -tags echarts_embedded.
//
//go:embed assets/echarts.min.js
var echartsJS []byte

// EmbeddedECharts returns the echarts.min.js built into the binary, or nil when the binary was
// built without it (then the dashboard loads ECharts from EChartsCDN).
func EmbeddedECharts() []byte { return echartsJS }
