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
APT_PACKAGES := libxlsxwriter-dev libsqlite3-dev pkg-config

.PHONY: deps build release monthly-close test check demo policy clean preview fuzz bench

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
	$(SWIFT) build -c release --product salesclose

monthly-close: release
	$(RELEASE_BIN) close --inputs "$(INPUTS)" --outputs "$(OUTPUTS)" --lang "$(WORKBOOK_LANG)" $(if $(PERIOD),--period "$(PERIOD)")

check: release
	$(RELEASE_BIN) check --inputs "$(INPUTS)" --outputs "$(OUTPUTS)" $(if $(PERIOD),--period "$(PERIOD)")

demo: release
	$(RELEASE_BIN) demo "$(INPUTS)"

policy: release
	$(RELEASE_BIN) policy --inputs "$(INPUTS)"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build outputs/20*-* outputs/.20* outputs/ledger.sqlite outputs/.salesclose.lock
