# Development tasks. `make` runs the tests and the linter.
.PHONY: all test lint bench readme ci

all: test lint

test:
	pytest

lint:
	ruff check src tests bench scripts

bench:
	python bench/retrieval.py
	python bench/startup.py

readme:
	python scripts/build_readme.py

ci:
	bash .ci/run
