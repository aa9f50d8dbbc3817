SHELL := /bin/bash
# StaffGraph: the two commands of the quick start, and a few more.
SWIFT ?= swift
BIN := .build/release/staffgraph
OUT := out

.PHONY: demo test bench bench-national bench-exact bench-inference deps build golden clean fuzz fuzz-short

deps:
	@bash Scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product staffgraph

## make demo: build and describe the bundled sample school, and write its report (out/school-report.html).
demo: build
	@echo
	@echo "== The sample school (Samples/school): advice ties, three waves =="
	$(BIN) summary Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice
	@echo
	@echo "== Collaboration in the fall, as JSON =="
	$(BIN) summary Samples/school/edges.csv --nodes Samples/school/roster.csv --relation collaboration --wave fall --format json
	@echo
	@echo "== Importing a Google Forms export (Samples/survey): typed names matched to the roster, then described =="
	$(BIN) import survey Samples/survey/name_generator.csv --roster Samples/survey/staff.csv --spec Samples/survey/name_generator.yaml -o $(OUT)/survey
	$(BIN) summary $(OUT)/survey/edges.csv --nodes $(OUT)/survey/roster.csv --relation advice
	@echo
	@echo "== Who is sought out in the fall: the ten most sought, with betweenness and PageRank =="
	$(BIN) metrics Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave fall \
	  --measures in_degree,betweenness,pagerank --sort in_degree --top 10 --format table
	@echo
	@echo "== Every team at once: one summary row per team (--per), and the Math team's most sought (--where) =="
	$(BIN) summary Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave fall --per team
	$(BIN) metrics Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave fall --where team=Math \
	  --measures in_degree,betweenness --sort in_degree --top 5 --format table
	@echo
	@echo "== A real network: Krackhardt's high-tech managers, advice =="
	$(BIN) summary Samples/data/krackhardt/edges_advice.csv --nodes Samples/data/krackhardt/nodes.csv --relation advice
	@echo
	@echo "== Influence maps of the sample school, in $(OUT)/ =="
	@mkdir -p $(OUT)
	@for wave in fall winter spring; do \
	  $(BIN) draw Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave $$wave \
	    --formal "role=principal,assistant principal,instructional coach,department chair" \
	    --title "Who goes to whom for advice ($$wave)" -o $(OUT)/advice-$$wave.png || exit 1; \
	done
	$(BIN) draw Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave fall --ego p33 --radius 1 -o $(OUT)/ego-p33-fall.png
	$(BIN) draw Samples/school/edges.csv --nodes Samples/school/roster.csv --relation collaboration --wave spring --cluster-by team --labels none -o $(OUT)/collaboration-teams-spring.svg
	$(BIN) draw Samples/data/krackhardt/edges_reports_to.csv --nodes Samples/data/krackhardt/nodes.csv --relation "reports to" --layout dot --color-by dept --formal level=1,2 -o $(OUT)/krackhardt-reports-to.png
	@echo
	@echo "== What changed over the year: advice ties, fall → winter → spring, into $(OUT)/compare/ =="
	$(BIN) compare Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice \
	  --formal "role=principal,assistant principal,instructional coach,department chair" -o $(OUT)/compare
	@echo
	@echo "== Is it more than chance? Krackhardt's managers: advice on friendship, reports-to, department, tenure (QAP, as R sna netlm) =="
	$(BIN) qap Samples/data/krackhardt/edges_advice.csv --nodes Samples/data/krackhardt/nodes.csv --relation advice \
	  --predictor friendship=Samples/data/krackhardt/edges_friendship.csv --predictor reports_to=Samples/data/krackhardt/edges_reports_to.csv \
	  --same dept --diff tenure
	@echo
	@echo "== Teams, committees and levels: who sits where, the district's channels to the department chairs, and the core =="
	$(BIN) members Samples/school/memberships.csv --nodes Samples/school/roster.csv --by level --top 5 --map $(OUT)/committees.png
	$(BIN) channels Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave spring \
	  --from level=district --to "role=department chair" --direction advice-flow --top 5
	$(BIN) groups Samples/school/edges.csv --nodes Samples/school/roster.csv --relation advice --wave spring --by role --core --permutations 0
	@echo
	@echo "Maps written to $(OUT)/:"; ls -1 $(OUT)
	@echo
	@echo "== The school report: one HTML file for the principal (open it in any browser, offline) =="
	$(BIN) report Samples/school/edges.csv --nodes Samples/school/roster.csv --title "Sample school" \
	  --formal "role=principal,assistant principal,instructional coach,department chair" \
	  --question "Whom do you go to for advice about teaching, and how often?" -o $(OUT)/school-report.html
	@echo
	@echo "The sample school's report: $(CURDIR)/$(OUT)/school-report.html"

## make test: unit, golden and command-line tests, then the networkx interoperability check of `convert`.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	python3 Scripts/interop_check.py .build/debug/staffgraph

## make bench: StaffGraph against python-igraph, networkit and networkx on the generated district
## (5,000 people) and state (200,000 people, 3,000,000 ties) graphs; writes Benchmarks/results/README.md with the
## machine (cores, CPU, memory, STREAM triad bandwidth), every tool's Louvain Q from one modularity function
## (Benchmarks/modularity.py) and PageRank's bytes per iteration against the bandwidth. SCALES=district bash
## Benchmarks/run.sh runs the district graph alone.
bench: deps
	SCALES="district state" bash Benchmarks/run.sh

## make bench-national: the 2,000,000-person, 30,000,000-tie graph (StaffGraph only: import, PageRank,
## components, Louvain, summary --per school); adds its section to Benchmarks/results/README.md.
bench-national: deps
	SCALES=national PEERS=none bash Benchmarks/run.sh

## make bench-exact: exact betweenness and exact harmonic closeness over all 200,000 people of the state
## graph, end to end with the release CLI (`metrics --exact`), each in its own process (about half an hour on
## two cores); writes Benchmarks/results/state.exact.jsonl, which the table's targets read.
bench-exact: deps
	bash Benchmarks/exact.sh
	python3 Benchmarks/report.py Benchmarks/results > Benchmarks/results/README.md

## make bench-inference: MRQAP (500 people, 4 predictors, 2,000 permutations) and CUG (every school of the
## generated district, 1,000 draws) against R sna's netlm and cug.test; writes Benchmarks/results/inference.md.
bench-inference: deps
	python3 Benchmarks/inference.py

## make fuzz: build the libFuzzer targets (Tests/Fuzz, one per reader, with AddressSanitizer) and run
## each for FUZZ_SECONDS (default 300); prints executions and crashes per target, exits 1 on a crash.
## make fuzz-short: the same, at most FUZZ_SHORT_SECONDS (default 20) and 20,000 inputs each, from a
## fixed seed so the pass is repeatable; CI runs it after the tests.
FUZZ_SECONDS ?= 300
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash Tests/Fuzz/run.sh

FUZZ_SHORT_SECONDS ?= 20
fuzz-short:
	FUZZ_SECONDS=$(FUZZ_SHORT_SECONDS) FUZZ_RUNS=20000 FUZZ_SEED=1 bash Tests/Fuzz/run.sh

## make golden: regenerate golden files with networkx and R sna (must reproduce the committed ones).
golden:
	python3 Scripts/golden_summary.py
	python3 Scripts/golden_centrality.py
	python3 Scripts/golden_cohesion.py
	python3 Scripts/golden_compare.py
	python3 Scripts/golden_ego.py
	python3 Scripts/golden_backbone.py
	python3 Scripts/golden_cug.py
	python3 Scripts/golden_qap.py
	python3 Scripts/golden_sensitivity.py
	python3 Scripts/golden_channels.py
	python3 Scripts/golden_members.py
	python3 Scripts/golden_positions.py

clean:
	rm -rf .build $(OUT)
