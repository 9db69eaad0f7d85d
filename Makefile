# The two commands: `make demo` and `make test`. Both do all set-up on a fresh
# Debian/Ubuntu machine: system packages (as root), a .venv, the project, catalogs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PO := $(wildcard translations/*/LC_MESSAGES/kiosk.po)
MO := $(PO:.po=.mo)

.PHONY: setup sysdeps test-services demo test lint bench screenshots clean

setup: sysdeps $(STAMP) $(MO)

sysdeps:
	@bash deploy/system-packages.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,market]'
	@touch $@

translations/%/LC_MESSAGES/kiosk.mo: translations/%/LC_MESSAGES/kiosk.po $(STAMP)
	$(BIN)/pybabel compile --statistics -d translations -D kiosk -l $*

# The kiosk in demo mode (demo data, the demo card panel, an exit button), enrolled with the
# reference market server on loopback, which posts a new job every 30 s (deploy/demo.sh).
# Without a display: one headless sync, then every screen rendered to ./screenshots.
demo: setup
	@bash deploy/demo.sh $(ARGS)

# Real services the tests start themselves: pcscd with the vpcd virtual reader, PostgreSQL
# (a private cluster per test session), PulseAudio (a private server with a null speaker
# and a loop-back microphone) and CUPS (a private cupsd with the cups-pdf printer); the
# packaged system services are not used. poppler-utils and zbar-tools read printouts back;
# chromium (headless) opens the market's web pages as a phone would; cage lets systemd-analyze
# verify the kiosk's unit (its ExecStart must exist).
# Never install vpcd on a production kiosk: it listens on all interfaces.
test-services:
	@bash deploy/system-packages.sh pcscd vsmartcard-vpcd postgresql curl pulseaudio poppler-utils zbar-tools cups printer-driver-cups-pdf chromium cage

lint: setup
	$(BIN)/ruff check kiosk market tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint test-services
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

bench: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

screenshots: setup
	$(BIN)/kiosk-admin --demo screenshots screenshots

clean:
	rm -rf $(VENV) build *.egg-info translations/*/LC_MESSAGES/*.mo screenshots
