#!/bin/sh
# Builds the libFuzzer harnesses (clang, ASan + UBSan) and runs each for a
# given number of seconds, one after the other, on its seed corpus plus
# what earlier runs found. Prints libFuzzer's figures per harness and fails
# if any harness crashed or broke a promise; the input that did is kept in
# the build folder's fuzz-artifacts/.
#
#   sh tests/fuzz/run_fuzzers.sh [SECONDS] [HARNESS...]
#   sh tests/fuzz/run_fuzzers.sh 600 fuzz_modelfile     # one long run
#
# STOCKSTREAM_FUZZ_BUILD picks the build folder (default: build-fuzz).
set -eu

seconds=${1:-10}
[ $# -gt 0 ] && shift
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${STOCKSTREAM_FUZZ_BUILD:-"$root/build-fuzz"}
harnesses=${*:-"fuzz_tickerfile fuzz_jsonlines fuzz_livefeed fuzz_modelfile fuzz_predictionlog fuzz_httprequest fuzz_options"}

CXX=${CXX:-clang++-14} cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSTOCKSTREAM_FUZZ=ON -DSTOCKSTREAM_GUI=OFF -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" --parallel 2 --target $harnesses

# Scratch files (the input as a file, SQLite's files) on tmpfs when there is one.
scratch=$(mktemp -d /dev/shm/stockstream-fuzz.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$scratch"' EXIT

failed=""
for h in $harnesses; do
    name=${h#fuzz_}
    corpus="$build/fuzz-corpus/$name"
    artifacts="$build/fuzz-artifacts/$name/"
    log="$build/fuzz-logs/$h.log"
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    dict=""
    [ -f "$root/tests/fuzz/$name.dict" ] && dict="-dict=$root/tests/fuzz/$name.dict"
    # A prediction log of one small run is some 9 KB: SQLite gives every
    # table and index a page of its own.
    max_len=8192
    [ "$name" = predictionlog ] && max_len=16384
    stamp="$scratch/$h.started"
    touch "$stamp"
    status=0
    TMPDIR="$scratch" "$build/tests/fuzz/$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len="$max_len" -print_final_stats=1 -artifact_prefix="$artifacts" $dict \
        "$corpus" "$root/tests/fuzz/corpus/$name" >"$log" 2>&1 || status=$?
    # libFuzzer's last status line ("#N DONE cov: C ft: F corp: ...") and its final stats.
    execs=$(awk -F: '/^stat::number_of_executed_units/ {gsub(/ /, "", $NF); print $NF}' "$log")
    speed=$(awk -F: '/^stat::average_exec_per_sec/ {gsub(/ /, "", $NF); print $NF}' "$log")
    rss=$(awk -F: '/^stat::peak_rss_mb/ {gsub(/ /, "", $NF); print $NF}' "$log")
    cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1)
    crashes=$(find "$artifacts" -type f -newer "$stamp" | wc -l)
    echo "$h: ${seconds}s, ${execs:-?} executions (${speed:-?}/s), ${cov:-cov: ?}, peak RSS ${rss:-?} MB, exit $status, crash inputs: $crashes"
    if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
        failed="$failed $h"
        tail -n 40 "$log" >&2
    fi
done
if [ -n "$failed" ]; then
    echo "fuzzing found problems in:$failed (inputs in $build/fuzz-artifacts/)" >&2
    exit 1
fi
