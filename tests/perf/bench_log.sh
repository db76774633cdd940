#!/bin/sh
# Full-dataset replay at maximum speed into the SQLite prediction log
# (replay --db): predictions per second end to end, the log's writes
# included, against the same replay without the log, run by run in turn
# (the ratio is what holds across machines), and the log's size per
# prediction (database and journal); then one stock's calls read
# back out of it (export --stock, the GUI's per-stock history path); then
# one more such replay watched from another connection (commit_gaps.py) for
# the longest wait between two commits it sees (the log commits at least
# every 250 ms).
#   sh tests/perf/bench_log.sh [runs]
set -eu
. "$(dirname "$0")/common.sh"
runs=${1:-2}
ensure_dataset
ensure_build
ensure_time
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Warm the page cache so the replay reads from memory.
cat "$stocks"/*.txt >/dev/null

field() { echo "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$2"; }

best=""
plain_best=""
for _ in $(seq "$runs"); do
    measure "$cli" replay --data "$stocks" >/dev/null
    if [ -z "$plain_best" ] || [ "$(echo "$wall < $plain_best" | bc)" -eq 1 ]; then
        plain_best=$wall
    fi
    rm -f "$work"/log.sqlite*
    measure "$cli" replay --data "$stocks" --db "$work/log.sqlite" >"$work/summary.json"
    summary=$(cat "$work/summary.json")
    if [ -z "$best" ] || [ "$(echo "$wall < $best" | bc)" -eq 1 ]; then
        best=$wall best_rss=$rss_mb best_summary=$summary
        bytes=$(cat "$work"/log.sqlite* | wc -c)
    fi
done
windows=$(field "$best_summary" windows)

start=$(date +%s.%N)
exported=$("$cli" export --db "$work/log.sqlite" --format csv --stock ibm.us --out "$work/ibm.csv")
export_s=$(echo "$(date +%s.%N) - $start" | bc)

printf '| logged replay (--db), %s predictions | %.2f s | %.2f M predictions/s | %s MB | %.1f bytes/prediction |\n' \
    "$windows" "$best" "$(echo "$windows / $best / 1000000" | bc -l)" "$best_rss" "$(echo "$bytes / $windows" | bc -l)"
printf '| plain replay of the same data, same runs | %.2f s | logged ×%.2f |\n' \
    "$plain_best" "$(echo "$best / $plain_best" | bc -l)"
printf '| export --stock ibm.us --format csv from that log, %s records | %.2f s |\n' \
    "$(field "$exported" records)" "$export_s"

# Watched in a run of its own: the watcher's polling would otherwise share
# the cores with the replay being timed.
rm -f "$work"/log.sqlite*
"$cli" replay --data "$stocks" --db "$work/log.sqlite" >/dev/null &
replay=$!
commits=$(python3 "$(dirname "$0")/commit_gaps.py" "$work/log.sqlite" "$replay")
wait "$replay"
printf '| longest wait between commits seen from another connection during a logged replay (%s commits in %s s) | %s ms |\n' \
    "$(field "$commits" commits)" "$(field "$commits" span_s)" "$(field "$commits" longest_gap_ms)"
