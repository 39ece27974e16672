# maintd — build, run, test and install.
#   make run      run maintd in the foreground on the bundled example plant
#   make test     run every test (unit, differential, end to end) and the format check
#   make install  install binaries, units, catalog and example config (DESTDIR, PREFIX)

SHELL := /bin/bash
PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
CONFIG ?= config/maintd.json
RUNDIR ?= $(CURDIR)/run
VENV ?= $(CURDIR)/.build/venv
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libsystemd-dev libsqlite3-dev sqlite3 systemd python3 python3-venv python3-pip
PY_PACKAGES := varlink jsonschema

.PHONY: all deps build release run test lint format install clean

all: build

# Installs the Debian packages and the Python tools the build and tests use, only when missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		$(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi
	@if ! $(VENV)/bin/python3 -c 'import varlink, jsonschema' 2>/dev/null; then \
		python3 -m venv $(VENV) && $(VENV)/bin/pip install -q $(PY_PACKAGES); \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: build
	@mkdir -p $(RUNDIR)
	$(SWIFT) run maintctl forecast --config $(CONFIG) --days 30

test: deps
	$(SWIFT) build --build-tests
	MAINTD_PYTHON=$(VENV)/bin/python3 $(SWIFT) test --skip-build
	$(MAKE) lint

lint:
	swift-format lint --strict -r Sources Tests Package.swift

format:
	swift-format format -i -r Sources Tests Package.swift

install: release
	install -Dm755 .build/release/maintd $(DESTDIR)$(PREFIX)/bin/maintd
	install -Dm755 .build/release/maintctl $(DESTDIR)$(PREFIX)/bin/maintctl
	install -Dm644 config/maintd.json $(DESTDIR)/etc/maintd/maintd.json
	install -d $(DESTDIR)/etc/maintd/lines
	install -m644 config/lines/*.json $(DESTDIR)/etc/maintd/lines/
	install -Dm644 config/maintd.schema.json $(DESTDIR)$(PREFIX)/share/maintd/maintd.schema.json

clean:
	rm -rf .build $(RUNDIR)
