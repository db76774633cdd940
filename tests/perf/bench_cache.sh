#!/bin/sh
# Opening the full dataset: parsing it (one thread, and all), the first open
# that also writes the cache, the reopen mapped from the cache, and a full
# replay from the cache, each next to `wc -l` over the same files in the
# same run. The cache lives in a folder of its own, never the user's.
#   sh tests/perf/bench_cache.sh [runs]
set -eu
. "$(dirname "$0")/common.sh"
runs=${1:-3}
ensure_dataset
ensure_build
ensure_time

XDG_CACHE_HOME=$(mktemp -d)
export XDG_CACHE_HOME
out=$(mktemp)
trap 'rm -rf "$XDG_CACHE_HOME" "$out"' EXIT
cat "$stocks"/*.txt >/dev/null
bytes=$(cat "$stocks"/*.txt | wc -c)

# Keeps the smaller of $1 (the best so far, or empty) and $2.
best_of() { if [ -z "$1" ] || [ "$(echo "$2 < $1" | bc)" -eq 1 ]; then echo "$2"; else echo "$1"; fi; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])" <"$out"; }

wc_s="" parse1_s="" parse_s="" first_s="" reopen_s="" replay_s="" replay_rss=""
for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    wc -l "$stocks"/*.txt >/dev/null
    wc_s=$(best_of "$wc_s" "$(echo "$(date +%s.%N) - $start" | bc)")

    measure "$cli" replay --data "$stocks" --no-cache --threads 1 >"$out"
    parse1_s=$(best_of "$parse1_s" "$(field load_s)")
    measure "$cli" replay --data "$stocks" --no-cache >"$out"
    parse_s=$(best_of "$parse_s" "$(field load_s)")

    rm -rf "$XDG_CACHE_HOME"/*
    measure "$cli" replay --data "$stocks" >"$out"
    first_s=$(best_of "$first_s" "$(field load_s)")
    measure "$cli" replay --data "$stocks" >"$out"
    reopen_s=$(best_of "$reopen_s" "$(field load_s)")
    before=$replay_s
    replay_s=$(best_of "$replay_s" "$wall")
    [ "$replay_s" = "$before" ] || replay_rss=$rss_mb
done
cache_mb=$(du -sm "$XDG_CACHE_HOME" | cut -f1)

ratio() { printf 'x%.2f' "$(echo "$1 / $wc_s" | bc -l)"; }
printf 'wc -l over the same files: %.3f s (best of %s)\n' "$wc_s" "$runs"
printf 'parse, 1 thread:  load %.3f s (%s), %.0f MB/s a thread\n' "$parse1_s" "$(ratio "$parse1_s")" \
    "$(echo "$bytes / $parse1_s / 1000000" | bc -l)"
printf 'parse, all cores: load %.3f s (%s)\n' "$parse_s" "$(ratio "$parse_s")"
printf 'first open (parse, write the cache): load %.3f s (%s); cache %s MB\n' "$first_s" "$(ratio "$first_s")" "$cache_mb"
printf 'reopen (mapped from the cache): load %.3f s (%s)\n' "$reopen_s" "$(ratio "$reopen_s")"
printf 'full replay from the cache: %.3f s (%s), peak RSS %s MB\n' "$replay_s" "$(ratio "$replay_s")" "$replay_rss"
