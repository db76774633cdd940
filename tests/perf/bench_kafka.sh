#!/bin/sh
# Kafka consume -> score -> produce against librdkafka's mock cluster (in a
# process of its own, on loopback): `produce --to kafka://` fills topic
# `test` (8 partitions, one message a tick keyed by stock), then `replay
# --data kafka://.../test --output-topic testoutput` scores it and produces
# every prediction record. Reported: ticks per second through the consumer,
# from its first message to its last (group join and the idle wait at the
# end are not counted), and the producer's rate.
#   sh tests/perf/bench_kafka.sh [DATA]    (default: the 31-ticker sample)
set -eu
. "$(dirname "$0")/common.sh"
data=${1:-"$root/../shared/data/sample"}
ensure_build
work=$(mktemp -d)
mock_pid=""
trap '[ -n "$mock_pid" ] && kill "$mock_pid" 2>/dev/null; rm -rf "$work"' EXIT

cc -O2 "$(dirname "$0")/kafka_mock_cluster.c" -o "$work/mock" $(pkg-config --cflags --libs rdkafka)
mkfifo "$work/hold"
"$work/mock" 1 test:8 testoutput:8 <"$work/hold" >"$work/bootstraps" 2>/dev/null &
mock_pid=$!
exec 3>"$work/hold"  # the mock serves until this closes
while [ ! -s "$work/bootstraps" ]; do sleep 0.1; done
brokers=$(cat "$work/bootstraps")

field() { python3 -c 'import json,sys; print(json.loads(sys.stdin.readlines()[-1])[sys.argv[1]])' "$1"; }

"$cli" produce --data "$data" --to "kafka://$brokers/test" >"$work/produce.json" 2>/dev/null
"$cli" replay --data "kafka://$brokers/test" --group bench --output-topic testoutput --idle-timeout 2 \
    >"$work/replay.json" 2>/dev/null
exec 3>&-

records=$(field records <"$work/replay.json")
produced=$(field produced <"$work/replay.json")
rate=$(field records_per_s <"$work/replay.json")
stream=$(field stream_s <"$work/replay.json")
echo "produce: $(field records <"$work/produce.json") ticks at $(field records_per_s <"$work/produce.json") ticks/s (acknowledged)"
echo "replay: $records ticks, $(field windows <"$work/replay.json") windows, $produced records produced, accuracy $(field accuracy <"$work/replay.json")"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
printf '| Kafka consume -> score -> produce, mock cluster (bench_kafka.sh), %s ticks | %.2f s | %.0f k ticks/s | | %s prediction records produced to testoutput |\n' \
    "$records" "$stream" "$(echo "$rate / 1000" | bc -l)" "$produced"
