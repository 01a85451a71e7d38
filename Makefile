# OAuth HTTP: every task a developer or CI runs. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help

help: ## list the targets
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP) ## create .venv with the server and its dev tools

test: $(STAMP) ## run every test: server (unit and LSP), extension, end to end in VS Code
	$(BIN)/pytest
	$(MAKE) --no-print-directory ext-test
	$(MAKE) --no-print-directory e2e

check: $(STAMP) ## ruff, ruff format --check, mypy --strict; tsc --strict, eslint, prettier
	$(BIN)/ruff check server tests bench
	$(BIN)/ruff format --check server tests bench
	$(BIN)/mypy
	$(MAKE) --no-print-directory ext-check

format: $(STAMP) ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix server tests bench
	$(BIN)/ruff format server tests bench

bench: $(STAMP) ext-deps ## print speed figures (start-up, big files, sending)
	$(BIN)/python bench/run.py

run: demo-vscode ## the demo: the sandbox provider and examples/ in VS Code with the extension

demo-terminal: $(STAMP) ## the demo in a terminal: sandbox, PIN flow and signed requests with the CLI
	$(BIN)/python -m oauth_http.demo

.PHONY: help venv test check format bench run demo-terminal

-include extension/extension.mk
-include tests/e2e/e2e.mk
