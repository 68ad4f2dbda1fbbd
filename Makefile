# kgpub — `make help` lists the targets.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
export SOURCE_DATE_EPOCH ?= 1700000000

.PHONY: help venv demo test lint bench clean sync-data

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[nlp,serve,dask,test]' ruff
	touch $(STAMP)

venv: $(STAMP)  ## create .venv and install kgpub with all extras

sync-data:  ## copy the edited ontology and shapes into the package
	cp ontology/kgpub.ttl src/kgpub/data/kgpub.ttl
	cp shapes/kgpub.shapes.ttl src/kgpub/data/kgpub.shapes.ttl

demo: $(STAMP)  ## build examples/ into output/, validate, answer the competency questions
	$(BIN)/python examples/demo.py

test: $(STAMP)  ## run the whole test suite
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

lint: $(STAMP)  ## ruff
	$(BIN)/ruff check src tests bench examples

bench: $(STAMP)  ## benchmarks: throughput and peak memory against baselines
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:  ## remove build products
	rm -rf output/* build dist .pytest_cache
