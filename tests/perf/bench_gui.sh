#!/bin/sh
# The window's responsiveness on the full dataset at maximum speed: for each
# run, one line of JSON from `stockstream --measure-responsiveness` (longest
# gap of a 10 ms GUI timer while the replay runs, replay throughput, memory),
# then the command line's replay of the same data for comparison.
#   sh tests/perf/bench_gui.sh [runs]
set -eu
. "$(dirname "$0")/common.sh"
runs=${1:-3}
ensure_dataset
gui_build=${STOCKSTREAM_BENCH_GUI_BUILD:-"$root/build-bench-gui"}
cmake -S "$root" -B "$gui_build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$gui_build" --target stockstream stockstream-cli >/dev/null

cat "$stocks"/*.txt >/dev/null
for _ in $(seq "$runs"); do
    QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$gui_build/src/app/stockstream" --measure-responsiveness "$stocks"
done
for _ in $(seq "$runs"); do
    "$gui_build/src/cli/stockstream-cli" replay --data "$stocks" 2>/dev/null
done
