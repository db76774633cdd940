#!/bin/sh
# Every benchmark on the full dataset; prints the rows of the README's table.
#   sh tests/perf/run_benchmarks.sh
set -eu
here=$(dirname "$0")
for bench in "$here"/bench_*.sh; do
    echo "== $(basename "$bench")"
    sh "$bench"
done
