#!/bin/sh
# The full dataset sent by `produce` over TCP loopback into `replay
# --listen`, scored as it arrives (no log): ticks per second through the
# live source, from the producer's connection to the end of its stream
# (the producer's own load of the files is not counted).
#   sh tests/perf/bench_live.sh [runs]
set -eu
. "$(dirname "$0")/common.sh"
runs=${1:-3}
ensure_dataset
ensure_build
work=$(mktemp -d)
replay_pid=""
trap '[ -n "$replay_pid" ] && kill "$replay_pid" 2>/dev/null; rm -rf "$work"' EXIT

# Warm the page cache so the producer reads from memory.
cat "$stocks"/*.txt >/dev/null

field() { echo "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$2"; }

best=""
for _ in $(seq "$runs"); do
    : >"$work/listen.err"
    "$cli" replay --listen 127.0.0.1:0 >"$work/summary.json" 2>"$work/listen.err" &
    replay_pid=$!
    port=""
    while [ -z "$port" ]; do
        sleep 0.1
        port=$(sed -n 's/^listening on .*:\([0-9][0-9]*\)$/\1/p' "$work/listen.err")
    done
    "$cli" produce --data "$stocks" --to "tcp://127.0.0.1:$port" >"$work/produce.json" 2>/dev/null
    wait "$replay_pid"
    replay_pid=""
    summary=$(cat "$work/summary.json")
    rate=$(field "$summary" records_per_s)
    if [ -z "$best" ] || [ "$(echo "$rate > $best" | bc)" -eq 1 ]; then
        best=$rate best_summary=$summary
    fi
done

records=$(field "$best_summary" records)
echo "$best_summary" | python3 -c '
import json, sys
s = json.load(sys.stdin)
print("records %d, rejected %d, windows %d, resolved %d, accuracy %.4f" % (
    s["records"], s["rejected"], s["windows"], s["resolved"], s["accuracy"]))'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
printf '| live TCP loopback (produce | replay --listen), %s ticks | %.2f s | %.2f M ticks/s |\n' \
    "$records" "$(field "$best_summary" stream_s)" "$(echo "$best / 1000000" | bc -l)"
