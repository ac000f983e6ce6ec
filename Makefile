# yjsreport — a thin alias over go commands. `make report` and `make test` are the two commands
# a newcomer needs; CI (.ci/run) runs `make test`. Times are for a 2-core machine (docs/testing.md).

GO        ?= go
BIN       := bin/yjsreport
PKG       := ./cmd/yjsreport
ASOF      := 2019-01-31
# ECharts for the offline dashboard: taken from the npm package at build time, never committed.
ECHARTS_VERSION := 5.6.0
ECHARTS_JS      := report/dashboard/assets/echarts.min.js
STATICCHECK     := honnef.co/go/tools/cmd/staticcheck@v0.8.2

# The version stamped into the binary (yjsreport version, the PDF, indicators.json): from git,
# or "dev" outside a checkout. The date is the commit's, so a rebuild is the same file.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse HEAD 2>/dev/null)
DATE    ?= $(shell git log -1 --format=%cs 2>/dev/null)
LDFLAGS := -X main.stampVersion=$(VERSION) -X main.stampCommit=$(COMMIT) -X main.stampDate=$(DATE)

# Build with the embedded ECharts when it could be fetched; without it the dashboard loads
# ECharts from its public CDN (and the tool says so).
TAGS = $(if $(wildcard $(ECHARTS_JS)),-tags echarts_embedded,)

# Packages whose code runs concurrently, tested again under the race detector: ingest reads
# files and sheets in parallel, chart/png draws charts in parallel, pdf/fonts loads fonts once
# for all, report's Compute works out the disposals' figures beside the others.
# The race build is 5-10 times slower, so the rest run without it. cmd/yjsreport's
# TestConcurrent* run generate (progress display, parallel reading and drawing) under it too.
RACE_PKGS := ./ingest/... ./report/chart/png ./report/pdf/fonts
# The release-archive test builds the binary: run after the rest, it reuses their packages.
TEST_PKGS = $(shell $(GO) list ./... | grep -v /scripts/dist)
TESTPROGRESS := $(GO) run ./scripts/testprogress

.PHONY: all build report test test-deps bench lint sample dist clean echarts

all: build

echarts: $(ECHARTS_JS)

$(ECHARTS_JS):
	@sh scripts/fetch-echarts.sh $(ECHARTS_VERSION) $(ECHARTS_JS) || \
	  echo "yjsreport: warning: could not fetch echarts@$(ECHARTS_VERSION) from npm; the dashboard will load ECharts from its CDN, which council and police networks often block" >&2

build: $(ECHARTS_JS)
	@echo "building $(BIN) $(VERSION) (about a minute the first time, seconds after)"
	$(GO) build $(TAGS) -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) $(PKG)

report: build
	./$(BIN) generate --in sample-data --out out --as-of $(ASOF) --commentary sample-data/commentary.md

# Tools the tests drive (poppler's pdftotext for the PDF, Chromium for the dashboard) are
# installed when missing, so `make test` works on a fresh machine.
test-deps: $(ECHARTS_JS)
	@sh scripts/install-test-deps.sh

# Every test: vet, every package, then the concurrent code again under the race detector.
# One line per package as it finishes. About 2 minutes with a warm build cache, 4 from cold.
test: test-deps
	@echo "make test: go vet (compiles every package: 1-2 minutes the first time)"
	$(GO) vet $(TAGS) ./...
	@echo "make test: the tests of every package (go test ./..., the release archive last)"
	@$(TESTPROGRESS) -- $(TAGS) -count=1 -timeout 10m $(TEST_PKGS)
	$(TESTPROGRESS) -- $(TAGS) -count=1 -timeout 10m ./scripts/dist
	@echo "make test: concurrent code under the race detector"
	$(TESTPROGRESS) -label race -- $(TAGS) -race -count=1 -timeout 10m $(RACE_PKGS)
	$(TESTPROGRESS) -label race -- $(TAGS) -race -count=1 -timeout 10m -run '^TestCompute' ./report
	$(TESTPROGRESS) -label race -- $(TAGS) -race -count=1 -timeout 10m -run '^TestConcurrent' $(PKG)

# Benchmarks and the long runs: the scale run on up to 200,000 children, and the crash and
# concurrency tests of the outputs twenty times over (kill -9 at random points, runs at once).
bench: build
	$(GO) test $(TAGS) -run '^$$' -bench . -benchmem -benchtime 3x ./...
	$(GO) test $(TAGS) -count=1 -run 'TestCommitKilled|TestConcurrentCommits|TestRunsAtOnceIntoOneFolder' $(PKG) -soak 20
	sh scripts/bench-scale.sh ./$(BIN)

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(TAGS) ./...
	$(GO) run $(STATICCHECK) $(TAGS) ./...

sample:
	$(GO) run $(PKG) sample --out sample-data --seed 1 --children 2000

# Release archives for Windows, macOS and Linux (amd64 and arm64) with SHA256SUMS, in dist/.
dist: $(ECHARTS_JS)
	@echo "make dist: $(VERSION) for 6 platforms (a few minutes the first time)"
	$(GO) run ./scripts/dist -version $(VERSION) -commit "$(COMMIT)" -date "$(DATE)" $(TAGS) -out dist

clean:
	rm -rf bin dist out
