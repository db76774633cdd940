#!/bin/sh
# Full-dataset replay at maximum speed with streaming k-means (k = 8) and
# per-cluster regression of the next return, by SGD and by recursive least
# squares, and with the online scorer too, beside the plain replay in the
# same run: records per second end to end, and what the regression and the
# online scorer scored against their baselines.
#   sh tests/perf/bench_clusters.sh [runs]
set -eu
. "$(dirname "$0")/common.sh"
runs=${1:-3}
prepare_replays
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# The fastest of $runs replays with the given options: its wall time, peak
# RSS and summary in $best, $best_rss and $best_summary.
best_of() {
    best=""
    for _ in $(seq "$runs"); do
        measure "$cli" replay --data "$stocks" "$@" >"$out"
        if [ -z "$best" ] || [ "$(echo "$wall < $best" | bc)" -eq 1 ]; then
            best=$wall best_rss=$rss_mb best_summary=$(cat "$out")
        fi
    done
}

row() {
    echo "$best_summary" | python3 -c '
import json, sys
label, wall, rss = sys.argv[1], float(sys.argv[2]), sys.argv[3]
s = json.load(sys.stdin)
print("| %s | %.2f s (load %.2f s, replay %.2f s) | %.2f M records/s | %s MB |" % (
    label, wall, s["load_s"], s["replay_s"], s["records"] / wall / 1e6, rss))
r = s.get("regression")
if r:
    b = r["baseline"]
    print("    %d predictions of the next return: MAE %.5f, RMSE %.5f, direction %.4f; "
          "baseline (return 0) MAE %.5f, RMSE %.5f, direction %.4f; %d splits, %d capped returns" % (
              r["predictions"], r["mae"], r["rmse"], r["directional_accuracy"], b["mae"], b["rmse"],
              b["directional_accuracy"], s["clusters"]["splits"], r["capped_returns"]))
o = s.get("online")
if o:
    print("    online scorer %.4f, static model %.4f on the same %d calls (always-down %.4f)" % (
        o["accuracy"], o["static"]["accuracy"], o["resolved"], o["baselines"]["always_down"]))' "$1" "$best" "$best_rss"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
best_of
row "full replay, no clusters"
best_of --clusters 8
row "replay --clusters 8 (SGD)"
best_of --clusters 8 --regression rls
row "replay --clusters 8 --regression rls"
best_of --clusters 8 --online
row "replay --clusters 8 --online"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
