# Shortcuts for LEAD Workgroup on Debian 12 (bookworm). meson does the work;
# this file only puts the steps in order.
#
#   make deps    install the Debian packages that the build, the tests and the
#                demo need (as root, or through sudo); apt-get is skipped when
#                every package is installed already
#   make build   configure _build the first time, then compile it
#   make demo    deps + build, then open the app on a demo program
#                (the demo passphrase is "demo"; LANGUAGE=es make demo opens
#                it in Spanish)
#   make check   deps, then what CI runs (.ci/run):
#                  1. _build-ci with -Dwerror=true, every test, under Xvfb and
#                     a private D-Bus session;
#                  2. _build-asan with AddressSanitizer and UBSan, -Dwerror=true,
#                     the "core" test suite.
#                Both are test builds (-Dtest_switches=true: see README.md,
#                "Test-only settings"); _build, the one make build and make
#                demo use, is not.
#                Stops with a non-zero status at the first failure.
#   make bench   the benchmarks at the reference load, in _build-bench (a
#                release test build): lw-benchmark (the core figures and
#                their growth at 1,000, 10,000 and 50,000 participants),
#                then lw-bench-app under Xvfb (the app, with the frame
#                clock).  Each figure is printed beside its floor; nothing
#                fails on a missed target.  Takes a few minutes.
#   make clean   remove _build, _build-ci, _build-asan and _build-bench
#
# Variables: MESON (default: meson).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.NOTPARALLEL:
.DEFAULT_GOAL := build

MESON ?= meson

# Everything a fresh Debian 12 machine needs, one group per line:
# toolchain; libraries; validators for data/; tests under a private X server
# and D-Bus session with the accessibility bus; PDF checks and the locales
# for the Spanish tests and demo; fonts and icons; the desktop's accessibility
# settings (high contrast) that test-icons turns on.  cracklib-runtime is the
# dictionary libpwquality checks a new passphrase against (only recommended).
DEBIAN_PACKAGES := \
	build-essential pkg-config meson ninja-build gettext python3 \
	libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev \
	libcairo2-dev libpango1.0-dev libsqlite3-dev libsodium-dev \
	libjson-glib-dev libcsv-dev libpwquality-dev cracklib-runtime \
	desktop-file-utils appstream \
	xvfb xauth dbus dbus-x11 at-spi2-core libgl1-mesa-dri \
	poppler-utils locales \
	fonts-cantarell fonts-dejavu-core librsvg2-common adwaita-icon-theme \
	gsettings-desktop-schemas

ifeq ($(shell id -u),0)
SUDO :=
else
SUDO := sudo
endif

CI_OPTIONS := -Dwerror=true -Dtest_switches=true
ASAN_OPTIONS_MESON := -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=true -Dtest_switches=true

# Leak checking is off: the GLib type system keeps its allocations for the
# life of the process. Sanitized code runs slower, hence the longer timeouts.
ASAN_ENV := ASAN_OPTIONS=detect_leaks=0 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

# $(call meson_setup,DIR,OPTIONS): configure DIR the first time, else update
# its options (a reconfigure, so that an option new since then is known).
meson_setup = if [ -f $(1)/build.ninja ]; then \
		$(MESON) setup --reconfigure $(1) $(2); \
	else \
		$(MESON) setup $(1) $(2); \
	fi

.PHONY: all deps build demo check bench clean

all: build

deps:
	@missing=""; \
	for p in $(DEBIAN_PACKAGES); do \
		dpkg-query -W -f='$${db:Status-Status}\n' "$$p" 2>/dev/null \
			| grep -x installed >/dev/null || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then \
		echo "deps: all $(words $(DEBIAN_PACKAGES)) packages are installed"; \
	else \
		echo "deps: missing:$$missing"; \
		$(SUDO) apt-get update; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive \
			apt-get install -y --no-install-recommends $(DEBIAN_PACKAGES); \
	fi
	@if ! locale -a 2>/dev/null | grep -qix 'es_ES\.utf-\?8'; then \
		echo "deps: generating the es_ES.UTF-8 locale"; \
		$(SUDO) sed -i 's/^# *\(es_ES\.UTF-8 UTF-8\)/\1/' /etc/locale.gen; \
		grep -qx 'es_ES.UTF-8 UTF-8' /etc/locale.gen || \
			echo 'es_ES.UTF-8 UTF-8' | $(SUDO) tee -a /etc/locale.gen >/dev/null; \
		$(SUDO) locale-gen; \
	fi

build:
	@[ -f _build/build.ninja ] || $(MESON) setup _build
	$(MESON) compile -C _build

demo: deps build
	$(MESON) devenv -C _build $(CURDIR)/_build/src/lead-workgroup --demo

check: deps
	@$(call meson_setup,_build-ci,$(CI_OPTIONS))
	$(MESON) compile -C _build-ci
	xvfb-run -a -s "-screen 0 1920x1200x24" dbus-run-session -- \
		$(MESON) test -C _build-ci --print-errorlogs
	@$(call meson_setup,_build-asan,$(ASAN_OPTIONS_MESON))
	$(MESON) compile -C _build-asan
	$(ASAN_ENV) $(MESON) test -C _build-asan --suite core \
		--timeout-multiplier 4 --print-errorlogs

# Release code with the test programs; the real Argon2id limits (no
# LEAD_WORKGROUP_TEST_WEAK_KDF), so unlocking is measured as users see it.
BENCH_OPTIONS := --buildtype=release -Dtest_switches=true

bench: deps
	@$(call meson_setup,_build-bench,$(BENCH_OPTIONS))
	$(MESON) compile -C _build-bench lw-benchmark lw-bench-app
	env -u LEAD_WORKGROUP_TEST_WEAK_KDF _build-bench/tests/lw-benchmark
	env -u LEAD_WORKGROUP_TEST_WEAK_KDF xvfb-run -a -s "-screen 0 1920x1080x24" \
		dbus-run-session -- _build-bench/tests/lw-bench-app

clean:
	rm -rf _build _build-ci _build-asan _build-bench
