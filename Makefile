# SalesClose — a sales department's monthly close.
#   make monthly-close   build (release) and close the month in inputs/ into outputs/
#   make test            unit, golden and end-to-end tests
SHELL := /bin/bash
SWIFT ?= swift
INPUTS ?= inputs
OUTPUTS ?= outputs
PERIOD ?=
WORKBOOK_LANG ?= zh
RELEASE_BIN := .build/release/salesclose
DEBUG_BIN := .build/debug/salesclose
APT_PACKAGES := libxlsxwriter-dev libsqlite3-dev zlib1g-dev pkg-config

.PHONY: deps build release monthly-close test lint golden check demo policy clean preview fuzz bench faults

# Installs the C libraries when missing (as root), or says the exact command to run.
deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing:$$missing — run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product salesclose --static-swift-stdlib

monthly-close: release
	$(RELEASE_BIN) close --inputs "$(INPUTS)" --outputs "$(OUTPUTS)" --lang "$(WORKBOOK_LANG)" $(if $(PERIOD),--period "$(PERIOD)")

check: release
	$(RELEASE_BIN) check --inputs "$(INPUTS)" --outputs "$(OUTPUTS)" --lang "$(WORKBOOK_LANG)" $(if $(PERIOD),--period "$(PERIOD)")

demo: release
	$(RELEASE_BIN) demo "$(INPUTS)"

policy: release
	$(RELEASE_BIN) policy --inputs "$(INPUTS)"

test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Formatting (swift format, .swift-format) and the module rules of docs/ARCHITECTURE.md (scripts/lint.py).
lint:
	python3 scripts/lint.py

# Writes the golden files of the demo close anew (Tests/EndToEndTests/Golden/); review them with git diff.
golden: deps
	$(SWIFT) build --build-tests
	SALESCLOSE_RECORD_GOLDEN=1 $(SWIFT) test --skip-build --filter GoldenTests

# Fault injection from outside the process (scripts/fault-injection.py, strace): kill -9 at the steps of the commit and
# a full disk at sampled writes, each followed by a rerun that must give an uninterrupted close's folder and ledger.
# Not part of `make test` (about FAULT_SECONDS, default 80, on two cores).
FAULT_SECONDS ?= 80
faults:
	$(SWIFT) build --product salesclose
	python3 scripts/fault-injection.py --bin $(DEBUG_BIN) --budget $(FAULT_SECONDS)

clean:
	rm -rf .build outputs/20*-* outputs/.20* outputs/ledger.sqlite outputs/.salesclose.lock

# libFuzzer over the decoder, the CSV scanner and the value parsers (fuzz/run.sh); not part of `make test`.
# Bounded in time: FUZZ_SECONDS (default 60). Findings are saved in fuzz/regressions/.
FUZZ_SECONDS ?= 60
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh

# The benchmark of issue 7 (bench/README.md): release build, cached data sets of 100k and 1M order lines
# in $(BENCH_DATA), the close timed against the C floor and the Python baseline; writes bench/last-results.md.
# BENCH_LARGE=1 adds 4M order lines. Always exits 0 when it ran: a missed goal is marked MISSED.
BENCH_LARGE ?=
BENCH_DATA ?= /bench-data
bench: release
	BENCH_LARGE="$(BENCH_LARGE)" BENCH_DATA="$(BENCH_DATA)" python3 bench/bench.py --bin $(RELEASE_BIN)

# Renders the demo month's management, finance and region workbooks to PDF and PNG (60 dpi) in preview/
# with LibreOffice headless (scripts/preview.sh); installs libreoffice, poppler-utils and fonts-noto-cjk
# when missing (as root). Not part of `make test`.
PREVIEW_PACKAGES := libreoffice-calc poppler-utils fonts-noto-cjk
preview: release
	@missing=""; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-calc"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "missing:$$missing — run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
	scripts/preview.sh "$(RELEASE_BIN)" "$(INPUTS)" preview "$(WORKBOOK_LANG)"
