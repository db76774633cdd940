#!/bin/sh
# What `--backtest` costs the full-dataset replay: the plain replay and the
# replay with the backtest, alternating in the same run so that both see the
# same machine, best of each. The replay's own time (replay_s, without the
# load) is what the backtest adds to; the whole command is given too.
#   sh tests/perf/bench_backtest.sh [runs] [cost-bps]
# STOCKSTREAM_BENCH_BASELINE=/path/to/another/stockstream-cli measures that
# build's backtest too, in the same rounds (e.g. before a change).
set -eu
. "$(dirname "$0")/common.sh"
runs=${1:-5}
cost=${2:-10}
baseline=${STOCKSTREAM_BENCH_BASELINE:-}
prepare_replays
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# One run of a program; keeps the lowest replay_s and wall of each tag in
# replay_<tag> and wall_<tag>.
take() {  # tag program [options]
    tag=$1
    shift
    measure "$@" >"$out"
    r=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["replay_s"])' <"$out")
    for kind in replay wall; do
        eval "best=\${${kind}_$tag:-}"
        if [ "$kind" = replay ]; then t=$r; else t=$wall; fi
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" -eq 1 ]; then eval "${kind}_$tag=$t"; fi
    done
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$runs"); do
    take plain "$cli" replay --data "$stocks"
    [ -z "$baseline" ] || take baseline "$baseline" replay --data "$stocks" --backtest --cost-bps "$cost"
    take backtest "$cli" replay --data "$stocks" --backtest --cost-bps "$cost"
done
python3 - "$out" <<PY
import json, sys
s = json.load(open(sys.argv[1]))
p = s["backtest"]["portfolio"]
print("%d records; portfolio at $cost bps: long/flat %+.4f, long/short %+.4f, buy-and-hold %+.4f over %d timestamps" % (
    s["records"], p["long_flat"]["total_return"], p["long_short"]["total_return"],
    p["buy_and_hold"]["total_return"], p["buy_and_hold"]["periods"]))
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
row() {  # label tag
    eval "r=\$replay_$2 w=\$wall_$2"
    printf '| %s, best of %s | replay %.3f s (+%.1f %%) | whole command %.2f s (+%.1f %%) |\n' "$1" "$runs" \
        "$r" "$(echo "($r / $replay_plain - 1) * 100" | bc -l)" "$w" "$(echo "($w / $wall_plain - 1) * 100" | bc -l)"
}
row "plain replay" plain
[ -z "$baseline" ] || row "--backtest, baseline build" baseline
row "--backtest" backtest
