# yjsreport — a thin alias over go commands. `make report` and `make test` are the two commands
# a newcomer needs; CI (.ci/run) runs `make test`.

GO        ?= go
BIN       := bin/yjsreport
PKG       := ./cmd/yjsreport
ASOF      := 2019-01-31
# ECharts for the offline dashboard: taken from the npm package at build time, never committed.
ECHARTS_VERSION := 5.6.0
ECHARTS_JS      := report/dashboard/assets/echarts.min.js
STATICCHECK     := honnef.co/go/tools/cmd/staticcheck@v0.8.2

# Build with the embedded ECharts when it could be fetched; without it the dashboard loads
# ECharts from its public CDN (and the tool says so).
TAGS = $(if $(wildcard $(ECHARTS_JS)),-tags echarts_embedded,)

.PHONY: all build report test test-deps bench bench-scale lint sample dist clean echarts

all: build

echarts: $(ECHARTS_JS)

$(ECHARTS_JS):
	@sh scripts/fetch-echarts.sh $(ECHARTS_VERSION) $(ECHARTS_JS) || \
	  echo "yjsreport: warning: could not fetch echarts@$(ECHARTS_VERSION) from npm; the dashboard will load ECharts from its CDN" >&2

build: $(ECHARTS_JS)
	$(GO) build $(TAGS) -trimpath -o $(BIN) $(PKG)

report: build
	./$(BIN) generate --in sample-data --out out --as-of $(ASOF) --commentary sample-data/commentary.md

# Tools the tests drive (poppler's pdftotext for the PDF, Chromium for the dashboard) are
# installed when missing, so `make test` works on a fresh machine.
test-deps: $(ECHARTS_JS)
	@sh scripts/install-test-deps.sh

test: test-deps
	$(GO) vet $(TAGS) ./...
	$(GO) test $(TAGS) -race -count=1 -timeout 30m ./...

bench: build
	$(GO) test $(TAGS) -run '^$$' -bench . -benchmem -benchtime 3x ./...
	sh scripts/bench-scale.sh ./$(BIN)

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(TAGS) ./...
	$(GO) run $(STATICCHECK) $(TAGS) ./...

sample:
	$(GO) run $(PKG) sample --out sample-data --seed 1 --children 2000

dist: $(ECHARTS_JS)
	GOOS=linux   GOARCH=amd64 $(GO) build $(TAGS) -trimpath -o dist/yjsreport-linux-amd64 $(PKG)
	GOOS=windows GOARCH=amd64 $(GO) build $(TAGS) -trimpath -o dist/yjsreport-windows-amd64.exe $(PKG)
	GOOS=darwin  GOARCH=arm64 $(GO) build $(TAGS) -trimpath -o dist/yjsreport-darwin-arm64 $(PKG)

clean:
	rm -rf bin dist out
