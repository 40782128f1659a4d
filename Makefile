# Development tasks. `make` runs the tests and the linters (what CI runs, without the wheel stage).
.PHONY: all test lint readme readme-check bench mutation ci

all: test lint readme-check

test:
	pytest

lint:
	ruff check src tests bench scripts
	ruff format --check src tests bench scripts
	mypy

readme:
	python scripts/build_readme.py

readme-check:
	python scripts/build_readme.py --check

bench:
	python bench/retrieval.py
	python bench/startup.py

# Mutation testing (pip install -e ".[dev]"): mutates model, errors, render, knowledge and match (see [tool.mutmut] in
# pyproject.toml) and runs their unit tests against each mutant; about ten minutes on two cores, so never in CI.
# `mutmut browse` lists the survivors.
mutation:
	mutmut run --max-children 2 || true
	mutmut results --all true | python scripts/mutation_score.py

ci:
	bash .ci/run
