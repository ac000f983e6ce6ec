//go:build !echarts_embedded

package dashboard

// EmbeddedECharts returns the echarts.min.js built into the binary, or nil when the binary was
// built without it (then the dashboard loads ECharts from EChartsCDN). This build has none:
// build with -tags echarts_embedded after `make echarts` to make the dashboard work offline.
func EmbeddedECharts() []byte { return nil }
