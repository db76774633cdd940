#!/bin/sh
# Full-dataset replay at maximum speed, default model, no log, next to
# `wc -l` over the same files in the same run, each figure beside its
# reference and target.
#   sh tests/perf/bench_replay.sh [runs]
# STOCKSTREAM_BENCH_BASELINE=/path/to/another/stockstream-cli measures that
# build too, interleaved run by run (e.g. the previous release).
set -eu
. "$(dirname "$0")/common.sh"
runs=${1:-3}
baseline=${STOCKSTREAM_BENCH_BASELINE:-}
ensure_dataset
ensure_build
ensure_time

# Warm the page cache so both sides read from memory.
cat "$stocks"/*.txt >/dev/null

best_wc=""
for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    wc -l "$stocks"/*.txt >/dev/null
    t=$(echo "$(date +%s.%N) - $start" | bc)
    if [ -z "$best_wc" ] || [ "$(echo "$t < $best_wc" | bc)" -eq 1 ]; then best_wc=$t; fi
done

out=$(mktemp)
trap 'rm -f "$out"' EXIT
# best_<tag>: wall, cpu, rss, summary of the fastest run of a program.
# Parsing is measured: a build that keeps a cache of opened data is told
# not to use it (bench_cache.sh measures reopening from it).
no_cache() {  # program
    if "$1" replay --help 2>&1 | grep -q -- --no-cache; then echo --no-cache; fi
}
run_best() {  # tag program
    measure "$2" replay --data "$stocks" $(no_cache "$2") >"$out"
    eval "b=\${best_$1:-}"
    if [ -z "$b" ] || [ "$(echo "$wall < $b" | bc)" -eq 1 ]; then
        eval "best_$1=$wall cpu_$1=$cpu_s rss_$1=$rss_mb"
        eval "summary_$1=\$(cat \"\$out\")"
    fi
}
for _ in $(seq "$runs"); do
    run_best cli "$cli"
    [ -z "$baseline" ] || run_best base "$baseline"
done

report() {  # tag label
    eval "w=\$best_$1 c=\$cpu_$1 r=\$rss_$1 s=\$summary_$1"
    echo "$s" | python3 -c '
import json, sys
label, wall, cpu, rss, wc = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
s = json.load(sys.stdin)
n = s["records"]
print("%s: records %d, windows %d, resolved %d, accuracy %.4f" % (label, n, s["windows"], s["resolved"], s["accuracy"]))
print("| figure | measured | reference (same run) | target |")
print("|---|---|---|---|")
print("| full replay, parse included | %.2f s (%.1f M records/s, CPU %.2f s) | wc -l %.2f s: x%.1f | <= x3, >= 5 M records/s |" % (wall, n / wall / 1e6, cpu, wc, wall / wc))
print("| load (parse) | %.2f s | wc -l: x%.1f | |" % (s["load_s"], s["load_s"] / wc))
print("| replay only | %.2f s (%.1f M records/s) | wc -l: x%.1f | |" % (s["replay_s"], n / s["replay_s"] / 1e6, s["replay_s"] / wc))
print("| peak memory | %d MB | | <= 320 MB |" % rss)
' "$2" "$w" "$c" "$r" "$best_wc"
}
report cli "$cli"
[ -z "$baseline" ] || report base "$baseline"
