# Shared by the benchmark scripts: where the full dataset is, and a build
# of the programs to measure. Sourced, not run.

root=$(cd "$(dirname "$0")/../.." && pwd)
archive="$root/../shared/data/kaggle-stocks.tar.xz"
# Unpacked once, outside the repository, and reused by every run.
cache=${STOCKSTREAM_BENCH_DATA:-"${XDG_CACHE_HOME:-$HOME/.cache}/stockstream-bench"}
stocks="$cache/Stocks"
build=${STOCKSTREAM_BENCH_BUILD:-"$root/build-bench"}
cli="$build/src/cli/stockstream-cli"

ensure_dataset() {
    if [ ! -d "$stocks" ] || [ "$(ls "$stocks" | wc -l)" -ne 7195 ]; then
        [ -f "$archive" ] || { echo "dataset archive not found: $archive" >&2; exit 1; }
        echo "Unpacking the full dataset into $cache (once)..." >&2
        mkdir -p "$cache"
        tar -xJf "$archive" -C "$cache"
    fi
}

ensure_build() {
    # A headless release build: the benchmarks measure the core and the CLI.
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTOCKSTREAM_GUI=OFF -DBUILD_TESTING=OFF >/dev/null
    cmake --build "$build" --target stockstream-cli >/dev/null
}

ensure_time() {
    command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
}

# Runs a command under /usr/bin/time -v; prints its stdout, and leaves
# wall seconds, peak RSS (MB) and CPU seconds (user + system) in $wall,
# $rss_mb and $cpu_s. Redirect its output
# to a file rather than capturing it with $(...): a subshell would lose them.
measure() {
    timing=$(mktemp)
    /usr/bin/time -v "$@" 2>"$timing" >"$timing.out" || { cat "$timing" >&2; exit 1; }
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$timing")
    rss_mb=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$timing")
    cpu_s=$(awk -F': ' '/User time|System time/ {s+=$2} END {printf "%.2f", s}' "$timing")
    cat "$timing.out"
    rm -f "$timing" "$timing.out"
}
