//go:build tools

package deps

import (
	_ "github.com/go-echarts/go-echarts/v2/charts"
	_ "github.com/johnfercher/maroto/v2"
	_ "github.com/rogpeppe/go-internal/testscript"
	_ "github.com/xuri/excelize/v2"
	_ "go.yaml.in/yaml/v3"
	_ "golang.org/x/image/font/gofont/goregular"
	_ "golang.org/x/text/encoding/charmap"
	_ "gonum.org/v1/plot"
	_ "github.com/chromedp/chromedp"
)
