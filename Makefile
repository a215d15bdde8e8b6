# Quick start: `make demo` (set up, record a scripted demo episode, show it) and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
EXTRAS ?= test,dev,ray

.PHONY: setup system-deps demo test lint clean models

system-deps:
	bash scripts/install-system-deps.sh

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[$(EXTRAS)]'
	touch $@

setup: system-deps $(VENV)/.installed

# int8 OCR models, prepared offline and checked by checksum (redaction/image/quantized.py).
models: setup
	$(PY) -m pip install -q -c constraints.txt -e '.[quantize]'
	$(PY) scripts/quantize_ocr.py

demo: setup
	PATH="$(abspath $(VENV))/bin:$$PATH" bash examples/demo.sh

test: setup
	$(PY) -m pytest --durations=15

lint: setup
	$(VENV)/bin/ruff check recorder redaction tests benchmarks
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
