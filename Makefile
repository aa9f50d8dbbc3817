SHELL := /bin/bash
# StaffGraph: the two commands of the quick start, and a few more.
SWIFT ?= swift
BIN := .build/release/staffgraph
OUT := demo-out

.PHONY: demo test bench deps build golden clean

deps:
	@bash Scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product staffgraph

## make demo: build and describe the bundled sample school.
demo: build
	@echo
	@echo "== The sample school (Samples/school): advice ties, three waves =="
	$(BIN) summary Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice
	@echo
	@echo "== Collaboration in the fall, as JSON =="
	$(BIN) summary Samples/school/edges.csv --nodes Samples/school/roster.csv --relation collaboration --wave fall --format json
	@echo
	@echo "== A real network: Krackhardt's high-tech managers, advice =="
	$(BIN) summary Samples/data/krackhardt/edges_advice.csv --nodes Samples/data/krackhardt/nodes.csv --relation advice

## make test: unit, golden and command-line tests.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## make bench: benchmarks (see Benchmarks/README.md).
bench: deps
	bash Benchmarks/run.sh

## make golden: regenerate golden files with networkx and R sna (must reproduce the committed ones).
golden:
	python3 Scripts/golden_summary.py
	python3 Scripts/golden_cohesion.py

clean:
	rm -rf .build $(OUT)
