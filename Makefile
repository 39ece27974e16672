# maintd — build, run, test and install.
#   make run      run maintd in the foreground on the bundled example plant (Ctrl-C stops it)
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
APT_PACKAGES := libsystemd-dev libsqlite3-dev sqlite3 systemd python3 python3-venv python3-pip time
# Only the tests need these: Chromium prints the HTML reports to PDF (poppler-utils reads it back) and shows the
# board; systemd-journal-remote receives the fleet's journal.
TEST_APT_PACKAGES := chromium poppler-utils fonts-dejavu-core systemd-journal-remote
# varlink and jsonschema for the socket and the schema; the rest read maintd-web as real clients do.
PY_PACKAGES := varlink jsonschema icalendar prometheus_client websocket-client

.PHONY: all deps build release run test lint format install clean man bench fuzz check-release

all: build

# Installs the Debian packages and the Python tools the build and tests use, only when missing.
deps:
	@missing=""; for p in $(APT_PACKAGES) $(EXTRA_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		$(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi
	@if ! $(VENV)/bin/python3 -c 'import varlink, jsonschema, icalendar, prometheus_client, websocket' 2>/dev/null; then \
		python3 -m venv $(VENV) && $(VENV)/bin/pip install -q $(PY_PACKAGES); \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The daemon in the foreground on the bundled example; state and socket under ./run; Ctrl-C stops it. Without a
# history under ./run (first run, or after make clean) it starts a new one, even where the journal saw an earlier one.
run: build
	@mkdir -p $(RUNDIR)
	@echo "maintd on $(CONFIG); socket $(RUNDIR)/maintd.sock; try: .build/debug/maintctl --socket $(RUNDIR)/maintd.sock due"
	$(SWIFT) run maintd --config $(CONFIG) --state-dir $(RUNDIR)/state --socket $(RUNDIR)/maintd.sock \
		$(if $(wildcard $(RUNDIR)/state/history.sqlite),,--new-history)

test: EXTRA_APT_PACKAGES = $(TEST_APT_PACKAGES)
test: deps
	$(SWIFT) build --build-tests
	MAINTD_PYTHON=$(VENV)/bin/python3 $(SWIFT) test --skip-build
	$(MAKE) lint

# The release links (Package.swift) are made by release builds only, which the tests do not use: maintctl is one
# static position-independent executable, maintd has the Swift runtime and Foundation linked in, exports no symbols
# and has the functions it runs placed together (scripts/maintd.symbol-order). Build them; check that maintctl runs,
# asks for no dynamic loader, carries no run path and is position-independent, that maintd loads no Swift library,
# that the two answer each other on the bundled example, and run the end-to-end suites against the release binaries.
check-release: EXTRA_APT_PACKAGES = $(TEST_APT_PACKAGES)
check-release: deps
	$(SWIFT) build -c release --product maintd
	$(SWIFT) build -c release --product maintctl
	$(SWIFT) build -c release --product maintd-web
	.build/release/maintctl calendar daily >/dev/null
	! readelf -lW .build/release/maintctl | grep -q INTERP
	! readelf -dW .build/release/maintctl | grep -q RUNPATH
	readelf -hW .build/release/maintctl | grep -Eq 'Type: +DYN'
	! ldd .build/release/maintd | grep -Eq 'libswift|Foundation'
	[ -z "$$(nm -D --defined-only .build/release/maintd)" ]
	.build/release/maintd --check-config --config $(CONFIG)
	@dir=$$(mktemp -d); \
	.build/release/maintd --config $(CONFIG) --state-dir $$dir/state --socket $$dir/sock --new-history >$$dir/log 2>&1 & \
	pid=$$!; for i in $$(seq 100); do [ -S $$dir/sock ] && break; sleep 0.1; done; \
	.build/release/maintctl --socket $$dir/sock due >/dev/null; status=$$?; kill $$pid; wait $$pid; rm -rf $$dir; \
	[ $$status = 0 ] && echo "release builds: maintctl a static PIE, maintd without shared Swift libraries; both run"
	$(SWIFT) build --build-tests
	MAINTD_BINARIES=$(CURDIR)/.build/release MAINTD_PYTHON=$(VENV)/bin/python3 $(SWIFT) test --skip-build \
		--filter EndToEndTests

# Benchmarks of the release build; see BENCHMARKS.md.
bench: deps
	$(SWIFT) build -c release
	.build/release/maintd-bench --idle-seconds 60

# libFuzzer targets (configuration, calendar expressions and durations, Varlink messages, plan sheets), each for FUZZ_SECONDS on
# a copy of the committed seed corpus (Fuzz/corpus); a crash leaves its input in .build/fuzz/ and fails.
FUZZ_SECONDS ?= 60
fuzz:
	Fuzz/build.sh
	@for target in configuration calendar varlink plan; do \
		rm -rf .build/fuzz/corpus-$$target && mkdir -p .build/fuzz/corpus-$$target && \
		cp Fuzz/corpus/$$target/* .build/fuzz/corpus-$$target/ && \
		echo "fuzzing $$target for $(FUZZ_SECONDS) s" && \
		( cd .build/fuzz && ./$$target -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -print_final_stats=1 \
			corpus-$$target > $$target.log 2>&1 ) || { tail -40 .build/fuzz/$$target.log; exit 1; }; \
		grep -E "stat::number_of_executed_units|stat::new_units_added" .build/fuzz/$$target.log; \
	done

lint:
	swift-format lint --strict -r Sources Tests Package.swift

format:
	swift-format format -i -r Sources Tests Package.swift

UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
CATALOGDIR ?= $(PREFIX)/lib/systemd/catalog
SYSCONFDIR ?= /etc

MANDIR ?= $(PREFIX)/share/man
MANPAGES := .build/plugins/GenerateManual/outputs

# Manual pages generated from the argument parsers.
man:
	$(SWIFT) package --allow-writing-to-package-directory generate-manual

install: release man
	install -Dm755 .build/release/maintd $(DESTDIR)$(PREFIX)/bin/maintd
	install -Dm755 .build/release/maintctl $(DESTDIR)$(PREFIX)/bin/maintctl
	install -Dm755 .build/release/maintd-web $(DESTDIR)$(PREFIX)/bin/maintd-web
	install -Dm644 $(MANPAGES)/maintd/maintd.1 $(DESTDIR)$(MANDIR)/man1/maintd.1
	install -Dm644 $(MANPAGES)/maintctl/maintctl.1 $(DESTDIR)$(MANDIR)/man1/maintctl.1
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	.build/release/maintctl --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/maintctl
	.build/release/maintctl --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_maintctl
	.build/release/maintctl --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/maintctl.fish
	install -Dm644 Sources/MaintenanceProtocol/io.maintd.Maintenance.varlink $(DESTDIR)$(PREFIX)/share/maintd/io.maintd.Maintenance.varlink
	install -d $(DESTDIR)$(UNITDIR)
	sed 's|/usr/local/bin/maintd|$(PREFIX)/bin/maintd|' systemd/maintd.service > $(DESTDIR)$(UNITDIR)/maintd.service
	install -m644 systemd/maintd.socket $(DESTDIR)$(UNITDIR)/maintd.socket
	sed 's|/usr/local/bin/maintd-web|$(PREFIX)/bin/maintd-web|' systemd/maintd-web.service > $(DESTDIR)$(UNITDIR)/maintd-web.service
	install -Dm644 systemd/maintd.sysusers $(DESTDIR)$(SYSUSERSDIR)/maintd.conf
	install -Dm644 systemd/maintd.catalog $(DESTDIR)$(CATALOGDIR)/maintd.catalog
	install -Dm644 config/maintd.schema.json $(DESTDIR)$(PREFIX)/share/maintd/maintd.schema.json
	install -d $(DESTDIR)$(PREFIX)/share/maintd/examples/lines
	install -m644 config/maintd.json $(DESTDIR)$(PREFIX)/share/maintd/examples/maintd.json
	install -m644 config/lines/*.json $(DESTDIR)$(PREFIX)/share/maintd/examples/lines/
	# The example configuration goes to /etc only where there is none yet: a lead's edits are never overwritten.
	@if [ ! -e $(DESTDIR)$(SYSCONFDIR)/maintd/maintd.json ]; then \
		install -d $(DESTDIR)$(SYSCONFDIR)/maintd/lines && \
		install -m644 config/maintd.json $(DESTDIR)$(SYSCONFDIR)/maintd/maintd.json && \
		install -m644 config/lines/*.json $(DESTDIR)$(SYSCONFDIR)/maintd/lines/ && \
		sed -i 's|"./maintd.schema.json"|"$(PREFIX)/share/maintd/maintd.schema.json"|' $(DESTDIR)$(SYSCONFDIR)/maintd/maintd.json; \
	fi
	@echo "installed; on a live system: systemd-sysusers && journalctl --update-catalog && systemctl daemon-reload && systemctl enable --now maintd.socket (and maintd-web.service for the board, calendar and metrics)"

clean:
	rm -rf .build $(RUNDIR)
