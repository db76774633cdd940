#!/bin/sh
# A logged replay of the full dataset at maximum speed, in the window (File
# > Log Replays on, `stockstream --measure-responsiveness --measure-logged`)
# and on the command line (`stockstream-cli replay --db`), alternating, each
# into a log of its own; then the best of each and their ratio. Both times
# include reading the data: the window's load_s + replay_s, the command
# line's wall time. Each window run has a home of its own, so its settings
# and log start empty as a new user's do.
#   sh tests/perf/bench_logged_gui.sh [runs]
set -eu
. "$(dirname "$0")/common.sh"
runs=${1:-3}
ensure_dataset
ensure_time
# STOCKSTREAM_BENCH_GUI_BUILD: a release build of one's own to measure, as it is.
gui_build=${STOCKSTREAM_BENCH_GUI_BUILD:-"$root/build-bench-gui"}
[ -n "${STOCKSTREAM_BENCH_GUI_BUILD:-}" ] ||
    cmake -S "$root" -B "$gui_build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$gui_build" --target stockstream stockstream-cli >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

field() { echo "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$2"; }
less() { [ "$(echo "$1 < $2" | bc)" -eq 1 ]; }

cat "$stocks"/*.txt >/dev/null
gui_best="" cli_best=""
for _ in $(seq "$runs"); do
    rm -rf "$work/home" "$work"/cli.sqlite*
    mkdir -p "$work/home"
    line=$(HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" \
        QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} \
        "$gui_build/src/app/stockstream" --measure-responsiveness --measure-logged "$stocks")
    [ "$(field "$line" complete)" = "True" ] || { echo "the window's replay did not finish: $line" >&2; exit 1; }
    gui=$(echo "$(field "$line" load_s) + $(field "$line" replay_s)" | bc -l)
    echo "window: $line" >&2
    if [ -z "$gui_best" ] || less "$gui" "$gui_best"; then gui_best=$gui gui_line=$line; fi

    measure "$gui_build/src/cli/stockstream-cli" replay --data "$stocks" --db "$work/cli.sqlite" >/dev/null
    echo "command line: $wall s, $(stat -c %s "$work/cli.sqlite") bytes of log" >&2
    if [ -z "$cli_best" ] || less "$wall" "$cli_best"; then cli_best=$wall; fi
done

printf '| logged replay in the window (load %.2f s + replay %.2f s), %s records, %s bytes of log | %.2f s |\n' \
    "$(field "$gui_line" load_s)" "$(field "$gui_line" replay_s)" "$(field "$gui_line" records)" \
    "$(field "$gui_line" log_bytes)" "$gui_best"
printf '| stockstream-cli replay --db, same data | %.2f s |\n' "$cli_best"
printf '| window / command line | %.2f |\n' "$(echo "$gui_best / $cli_best" | bc -l)"
