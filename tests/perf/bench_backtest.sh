#!/bin/sh
# What `--backtest` costs the full-dataset replay: the plain replay and the
# replay with the backtest, alternating in the same run so that both see the
# same machine, best of each. The replay's own time (replay_s, without the
# load) is what the backtest adds to; the whole command is given too.
#   sh tests/perf/bench_backtest.sh [runs] [cost-bps]
set -eu
. "$(dirname "$0")/common.sh"
runs=${1:-5}
cost=${2:-10}
ensure_dataset
ensure_build
ensure_time
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# Warm the page cache so every run reads from memory.
cat "$stocks"/*.txt >/dev/null

# Keeps the lower of a best so far ($1's value, may be empty) and $2.
lower() {
    if [ -z "$1" ] || [ "$(echo "$2 < $1" | bc)" -eq 1 ]; then echo "$2"; else echo "$1"; fi
}
replay_s() {
    python3 -c 'import json,sys; print(json.load(sys.stdin)["replay_s"])' <"$out"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
plain_wall="" plain_replay="" bt_wall="" bt_replay=""
for _ in $(seq "$runs"); do
    measure "$cli" replay --data "$stocks" >"$out"
    plain_wall=$(lower "$plain_wall" "$wall")
    plain_replay=$(lower "$plain_replay" "$(replay_s)")
    measure "$cli" replay --data "$stocks" --backtest --cost-bps "$cost" >"$out"
    bt_wall=$(lower "$bt_wall" "$wall")
    bt_replay=$(lower "$bt_replay" "$(replay_s)")
done
python3 - "$out" <<EOF
import json, sys
s = json.load(open(sys.argv[1]))
p = s["backtest"]["portfolio"]
print("%d records; portfolio at $cost bps: long/flat %+.4f, long/short %+.4f, buy-and-hold %+.4f over %d timestamps" % (
    s["records"], p["long_flat"]["total_return"], p["long_short"]["total_return"],
    p["buy_and_hold"]["total_return"], p["buy_and_hold"]["periods"]))
EOF
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| replay, best of %s | plain %.3f s | --backtest %.3f s | +%.1f %% |\n' "$runs" "$plain_replay" "$bt_replay" \
    "$(echo "($bt_replay / $plain_replay - 1) * 100" | bc -l)"
printf '| whole command, best of %s | plain %.2f s | --backtest %.2f s | +%.1f %% |\n' "$runs" "$plain_wall" "$bt_wall" \
    "$(echo "($bt_wall / $plain_wall - 1) * 100" | bc -l)"
