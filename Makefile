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

# The kiosk in demo mode: demo data, the demo card panel, an exit button.
# Without a display it renders every screen to ./screenshots instead.
demo: setup
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || [ -n "$$QT_QPA_PLATFORM" ]; then \
		$(BIN)/kiosk --demo $(ARGS); \
	else \
		echo "No display found: rendering the demo screens to ./screenshots instead."; \
		$(BIN)/kiosk-admin --demo screenshots screenshots; \
	fi

# Real services the integration tests start themselves (pcscd with the vpcd virtual reader).
# Never install vpcd on a production kiosk: it listens on all interfaces.
test-services:
	@bash deploy/system-packages.sh pcscd vsmartcard-vpcd

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
