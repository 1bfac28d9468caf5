# One entry point for people and CI. Needs only Python >= 3.11 on PATH:
#   make run     start the whole system (embedded PostgreSQL and NATS unless QA_DATABASE_URL /
#                QA_NATS_URL are set); Ctrl-C stops it
#   make run DEMO=1   the same, with the demo: simulated time runs a day a second (QA_CLOCK_SPEED)
#                and a built-in sample of calls drives the closed loop step by step (proposal,
#                answer script, training, verification, coaching); best on a fresh data folder
#                (make clean-data); `.venv/bin/qa loop` prints the loop's state at any time
#   make test    ruff, ruff format --check, mypy, import-linter, then the whole pytest suite
#   make lint    ruff check, ruff format --check, mypy, import-linter's layering and the Kubernetes
#                manifests' validation (deploy/validate.py; no tests)
#   make lock    re-resolve requirements/main.txt and dev.txt (hashed) after pyproject.toml changed,
#                keeping every pin that still fits; make lock UPGRADE=1 upgrades them all,
#                make lock UPGRADE=fastapi only that package
#   make bench   the rule-engine and end-to-end benchmarks
#   make clean   forget the install stamp and tool caches (the venv stays)
#   make clean-data   remove the embedded servers' data folder (QA_DATA_DIR, default .qa-data)

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
BIN := $(VENV)/bin
STAMPS := .make-stamps
INSTALLED := $(STAMPS)/installed
QA_DATA_DIR ?= .qa-data
PIP_FLAGS ?= -q --disable-pip-version-check

# The first of python3.11, python3 (if >= 3.11), python3.12, python3.13 found on PATH.
PYTHON ?= $(shell for candidate in python3.11 python3 python3.12 python3.13; do \
	command -v $$candidate >/dev/null 2>&1 \
	&& $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { echo $$candidate; break; }; done)

.PHONY: help run test lint lock bench clean clean-data venv

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))

# The venv is (re)created when missing; its pyvenv.cfg is a plain file, so make can date it.
$(VENV)/pyvenv.cfg:
	@test -n "$(PYTHON)" || { echo "Python >= 3.11 is needed (python3.11 or python3)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Installs again only when the lock or pyproject.toml changed, or the venv was recreated: first the
# locked dependencies, each checked against its hash, then the project itself without dependencies.
$(INSTALLED): requirements/dev.txt pyproject.toml $(VENV)/pyvenv.cfg
	$(BIN)/python -m pip install $(PIP_FLAGS) --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install $(PIP_FLAGS) --no-deps -e .
	@mkdir -p $(STAMPS) && touch $@

venv: $(INSTALLED)

run: $(INSTALLED)
	exec $(BIN)/qa run $(if $(DEMO),--demo,)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python deploy/validate.py

# The lock: uv resolves pyproject.toml for CPython 3.11 on x86_64 Linux, with the hashes of every
# file of every pinned release. main.txt is what the image installs; dev.txt adds the dev extra
# at the same versions. uv keeps the versions already pinned unless UPGRADE asks otherwise.
LOCK_FLAGS := --quiet --generate-hashes --python-version 3.11 \
	--python-platform x86_64-unknown-linux-gnu --custom-compile-command 'make lock' \
	$(if $(filter 1,$(UPGRADE)),--upgrade,$(if $(UPGRADE),--upgrade-package $(UPGRADE),))

lock: $(INSTALLED)
	$(BIN)/uv pip compile pyproject.toml $(LOCK_FLAGS) -o requirements/main.txt
	$(BIN)/uv pip compile pyproject.toml --extra dev -c requirements/main.txt $(LOCK_FLAGS) \
		-o requirements/dev.txt

test: lint
	$(BIN)/pytest

bench: $(INSTALLED)
	$(BIN)/python -m bench.rule_engine
	$(BIN)/python -m bench.end_to_end

clean:
	rm -rf $(STAMPS) .mypy_cache .ruff_cache .pytest_cache *.egg-info

clean-data:
	@if [ -f "$(QA_DATA_DIR)/.lock" ] && command -v flock >/dev/null \
		&& ! flock -n "$(QA_DATA_DIR)/.lock" true; then \
		echo "$(QA_DATA_DIR) is in use by a running qa process; stop it first" >&2; exit 1; fi
	rm -rf "$(QA_DATA_DIR)"
