#!/usr/bin/env bash
# Builds the libFuzzer targets (Tests/Fuzz/Package.swift) and runs each for FUZZ_SECONDS.
#
#   FUZZ_SECONDS=300 bash Tests/Fuzz/run.sh            # every target (make fuzz)
#   FUZZ_SECONDS=30 bash Tests/Fuzz/run.sh FuzzPajek   # one target
#
# Seeds: Tests/Fuzz/Corpus/<format> (committed) plus the CSV files under Samples/ and
# Tests/Fixtures, copied into Tests/Fuzz/.work/corpus/<target> (gitignored), which libFuzzer
# grows as it finds new paths, so later runs start where earlier ones stopped.
# Crashes, timeouts (an input taking over FUZZ_TIMEOUT seconds) and allocations over
# FUZZ_MALLOC_MB go to Tests/Fuzz/.work/crashes/<target>/. Prints one line per target:
# seconds, executions, crashes; exits 1 if any target crashed.
# FUZZ_SEED and FUZZ_RUNS (optional) make a run repeatable: libFuzzer's -seed and -runs (CI uses both).
set -uo pipefail
cd "$(dirname "$0")"
FUZZ=$PWD
ROOT=$(cd ../.. && pwd)
SECONDS_EACH=${FUZZ_SECONDS:-300}
TIMEOUT=${FUZZ_TIMEOUT:-10}
MALLOC_MB=${FUZZ_MALLOC_MB:-1024}
MAX_LEN=${FUZZ_MAX_LEN:-16384}
SWIFT=${SWIFT:-swift}
# The Swift runtime's backtracer reads memory AddressSanitizer watches, and slows every crash down.
export SWIFT_BACKTRACE=enable=no
ALL=(FuzzEdgeList FuzzRoster FuzzGraphML FuzzGEXF FuzzNodeLinkJSON FuzzPajek FuzzUCINETDL FuzzSurveySpec FuzzMemberships)
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL[@]}")

if [ -z "${FUZZ_NO_BUILD:-}" ]; then
    start=$(date +%s)
    # -sanitize=fuzzer links libFuzzer (which has main) and adds coverage to the Swift code
    # (StaffGraphIO, StaffGraphCore, Yams; libyaml's C is not instrumented); -parse-as-library
    # keeps Swift from emitting its own main.
    "$SWIFT" build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library || exit 2
    echo "fuzz build: $(( $(date +%s) - start )) s"
fi
BIN=$("$SWIFT" build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --show-bin-path)

corpus_for() {
    case "$1" in
        FuzzEdgeList) echo csv ;; FuzzRoster) echo roster ;; FuzzGraphML) echo graphml ;; FuzzGEXF) echo gexf ;;
        FuzzNodeLinkJSON) echo json ;; FuzzPajek) echo pajek ;; FuzzUCINETDL) echo dl ;; FuzzSurveySpec) echo yaml ;; FuzzMemberships) echo memberships ;;
    esac
}

seed() {
    local target=$1 kind=$2 dir=$3
    mkdir -p "$dir"
    cp "$FUZZ/Corpus/$kind/"* "$dir/" 2>/dev/null
    case "$kind" in
        csv) find "$ROOT/Samples" "$ROOT/Tests/Fixtures" -name '*.csv' ! -name '*nodes*' ! -name '*roster*' ! -name 'staff.csv' ! -name 'wave_status.csv' -size -17k -exec cp {} "$dir/" \; ;;
        roster) find "$ROOT/Samples" "$ROOT/Tests/Fixtures" \( -name '*nodes*.csv' -o -name 'roster*.csv' -o -name 'staff.csv' \) -size -17k -exec cp {} "$dir/" \; ;;
        yaml) cp "$ROOT"/Samples/survey/*.yaml "$dir/" ;;
        memberships) find "$ROOT/Samples" -name 'memberships*.csv' -size -17k -exec cp {} "$dir/" \; ;;
    esac
}

status=0
summary=""
for target in "${TARGETS[@]}"; do
    kind=$(corpus_for "$target")
    [ -z "$kind" ] && { echo "unknown target $target (one of ${ALL[*]})"; exit 2; }
    corpus="$FUZZ/.work/corpus/$target"
    crashes="$FUZZ/.work/crashes/$target"
    log="$FUZZ/.work/logs/$target.log"
    mkdir -p "$crashes" "$(dirname "$log")"
    seed "$target" "$kind" "$corpus"
    dict="$FUZZ/Dictionaries/$kind.dict"
    [ "$kind" = roster ] || [ "$kind" = memberships ] && dict="$FUZZ/Dictionaries/csv.dict"
    echo "== $target: $SECONDS_EACH s (corpus $(ls "$corpus" | wc -l) files, log $log)"
    started=$(date +%s)
    "$BIN/$target" "$corpus" -dict="$dict" -max_total_time="$SECONDS_EACH" -timeout="$TIMEOUT" \
        -malloc_limit_mb="$MALLOC_MB" -rss_limit_mb=4096 -max_len="$MAX_LEN" -print_final_stats=1 \
        -artifact_prefix="$crashes/" ${FUZZ_RUNS:+-runs=$FUZZ_RUNS} ${FUZZ_SEED:+-seed=$FUZZ_SEED} > "$log" 2>&1
    rc=$?
    took=$(( $(date +%s) - started ))
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
    if [ "$rc" -ne 0 ]; then
        status=1
        artifact=$(grep -o "Test unit written to .*" "$log" | tail -1 | sed 's/Test unit written to //')
        line=$(printf '%-18s %6s s %12s execs   CRASH (exit %s): %s' "$target" "$took" "${execs:-?}" "$rc" "${artifact:-see $log}")
        grep -m1 -E 'Fatal error|ERROR: AddressSanitizer|ERROR: libFuzzer|deadly signal' "$log" | sed 's/^/    /'
    else
        line=$(printf '%-18s %6s s %12s execs   0 crashes' "$target" "$took" "${execs:-?}")
    fi
    echo "$line"
    summary+="$line"$'\n'
done
echo
echo "== fuzzing summary (FUZZ_SECONDS=$SECONDS_EACH each)"
printf '%s' "$summary"
exit $status
