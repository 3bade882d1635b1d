# capuy: `make run` starts the demo server, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-main test-stack lint bench install system-deps clean stack-up stack-down

$(BIN)/capuy: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/capuy

# Debian packages that documents and browser tests need; installed only when missing.
system-deps:
	@./scripts/system-deps

run: install
	@./scripts/system-deps || echo "Cảnh báo: thiếu gói hệ thống; xuất PDF và kiểm thử trình duyệt sẽ không chạy."
	mkdir -p var
	$(BIN)/capuy migrate --noinput
	$(BIN)/capuy demo --if-empty
	@echo "Cấp ủy số chạy tại http://$(HOST):$(PORT)/ (cùng một tiến trình việc nền: capuy qcluster)"
	CAPUY_LOG_FORMAT=text $(BIN)/capuy qcluster & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	CAPUY_LOG_FORMAT=text CAPUY_2FA_REQUIRED_ROLES= $(BIN)/uvicorn capuy.asgi:application --host $(HOST) --port $(PORT)

test: lint test-main test-stack

lint: install
	$(BIN)/ruff check .
	$(BIN)/capuy makemigrations --check --dry-run

test-main: install system-deps
	$(BIN)/pytest -m "not stack" $(PYTEST_ARGS)

# Tests that start capuy as server processes get a session (and a test database) of their own: they kill workers
# and cut the database's connections, which the rest of the suite must not share.
test-stack: install system-deps
	$(BIN)/pytest -m stack $(PYTEST_ARGS)

bench: install
	@for f in bench/*.py; do [ -f "$$f" ] && $(BIN)/python $$f; done; true

# The production stack on this machine (nginx, uvicorn workers, PostgreSQL, Redis): see README.
stack-up: install system-deps
	./scripts/prod-stack up

stack-down:
	./scripts/prod-stack down

clean:
	rm -rf $(VENV) var *.egg-info
