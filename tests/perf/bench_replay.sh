#!/bin/sh
# Full-dataset replay at maximum speed, default model, no log, next to
# `wc -l` over the same files in the same run.
#   sh tests/perf/bench_replay.sh [runs]
set -eu
. "$(dirname "$0")/common.sh"
runs=${1:-3}
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

best=""
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for _ in $(seq "$runs"); do
    measure "$cli" replay --data "$stocks" >"$out"
    if [ -z "$best" ] || [ "$(echo "$wall < $best" | bc)" -eq 1 ]; then
        best=$wall best_rss=$rss_mb best_summary=$(cat "$out")
    fi
done

records=$(echo "$best_summary" | python3 -c 'import json,sys; print(json.load(sys.stdin)["records"])')
echo "$best_summary" | python3 -c '
import json, sys
s = json.load(sys.stdin)
print("records %d, windows %d, resolved %d, accuracy %.4f (always-up %.4f, always-down %.4f, same-as-last-move %.4f)" % (
    s["records"], s["windows"], s["resolved"], s["accuracy"], s["baselines"]["always_up"],
    s["baselines"]["always_down"], s["baselines"]["same_as_last_move"]))
print("load %.2f s, replay %.2f s" % (s["load_s"], s["replay_s"]))'
printf '| full replay, %s records | %.2f s | %.1f M records/s | %s MB | wc -l: %.2f s (x%.1f) |\n' \
    "$records" "$best" "$(echo "$records / $best / 1000000" | bc -l)" "$best_rss" "$best_wc" \
    "$(echo "$best / $best_wc" | bc -l)"
