#!/bin/sh
# The full-size stress runs, with the figures the README quotes. CTest runs
# the same tests small; these take minutes and gigabytes.
#   controls  random controls against a full-speed replay of the sample,
#             and against a logged one of its first stock with log file
#             switches among them (tst_replaystress, STOCKSTREAM_STRESS_OPS
#             a seed, default 200,000)
#   files     a folder of 100,000 tiny files, and a folder deleted while it
#             loads (tst_loadstress, STOCKSTREAM_STRESS_FILES)
#   filecount peak memory of stockstream-cli replay against the number of
#             files: the same 1,000,000 records in 5,000 and in 50,000
#             files, and 50,000 files of ten times the data
#   bigfile   a generated ticker file of STOCKSTREAM_STRESS_GIB GiB (default 5)
#             and one a tenth that size, replayed by stockstream-cli: loaded
#             whole, wall time and peak memory against file size and records;
#             then streamed (replay --data FILE --live, bounded memory), which
#             must give the same figures
#   quits     the window closed mid-replay STOCKSTREAM_STRESS_QUITS times
#             (default 100, tst_quitstress): fails if a quit took over 1 s
#
#   sh tests/stress/run_stress.sh [controls] [files] [filecount] [bigfile] [quits]   (default: all)
#
# STOCKSTREAM_STRESS_BUILD: a release build with the tests (default: build,
# as packaging/bootstrap.sh makes it). Scratch files go to TMPDIR.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${STOCKSTREAM_STRESS_BUILD:-"$root/build"}
runs=${*:-"controls files filecount bigfile quits"}
cli="$build/src/cli/stockstream-cli"

built() {
    cmake --build "$build" --parallel 2 --target "$@" >/dev/null
}

# Runs a command under /usr/bin/time -v; prints its wall time and peak RSS.
measured() {
    what=$1
    shift
    timing=$(mktemp)
    status=0
    /usr/bin/time -v "$@" >"$timing.out" 2>"$timing" || status=$?
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i]; print s}' "$timing")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$timing")
    echo "$what: exit $status, ${wall}s, peak RSS ${rss} MB"
    [ "$status" -eq 0 ] || { tail -n 30 "$timing.out" "$timing" >&2; rm -f "$timing" "$timing.out"; exit 1; }
    rm -f "$timing"
}

for run in $runs; do
    case "$run" in
    controls)
        ops=${STOCKSTREAM_STRESS_OPS:-200000}
        built tst_replaystress
        STOCKSTREAM_STRESS_OPS=$ops QT_QPA_PLATFORM=offscreen measured "$ops random controls a seed, 2 seeds" \
            "$build/tests/unit/tst_replaystress" randomControls
        grep -E "^(PASS|FAIL)" "$timing.out"
        rm -f "$timing.out"
        ;;
    files)
        files=${STOCKSTREAM_STRESS_FILES:-100000}
        built tst_loadstress
        STOCKSTREAM_STRESS_FILES=$files QT_QPA_PLATFORM=offscreen measured "$files tiny files; a folder deleted mid-load" \
            "$build/tests/unit/tst_loadstress"
        grep -E "^(PASS|FAIL)" "$timing.out"
        rm -f "$timing.out"
        ;;
    filecount)
        built stockstream-cli
        for shape in "5000 200" "50000 20" "50000 200"; do
            set -- $shape
            folder=$(mktemp -d)
            # Daily closes from 1970-01-01 (a 1-to-7 sawtooth), one file a stock.
            mawk -v files="$1" -v records="$2" -v dir="$folder" 'BEGIN {
                for (f = 0; f < files; f++) {
                    out = sprintf("%s/s%06d.us.txt", dir, f)
                    printf "Date,Open,High,Low,Close,Volume,OpenInt\r\n" > out
                    for (r = 0; r < records; r++) {
                        t = r * 86400
                        printf "%s,1,1,1,%d,100,0\r\n", strftime("%Y-%m-%d", t, 1), 1 + (f + r) % 7 > out
                    }
                    close(out)
                }
            }'
            measured "replay of $1 files of $2 records" "$cli" replay --data "$folder"
            records=$(grep -o '"records":[0-9]*' "$timing.out" | cut -d: -f2)
            awk -v f="$1" -v r="$records" -v m="$rss" 'BEGIN {
                printf "  %d files, %.0f records: %.1f bytes a record\n", f, r, m * 1048576 / r }'
            rm -rf "$folder" "$timing.out"
        done
        ;;
    bigfile)
        gib=${STOCKSTREAM_STRESS_GIB:-5}
        built stockstream-cli
        scratch=$(mktemp -d)
        for size in $(awk -v g="$gib" 'BEGIN {print g / 10, g}'); do
            file="$scratch/big.us.txt"
            mawk -v gib="$size" -f "$root/tests/stress/make_ticker_file.awk" >"$file"
            bytes=$(stat -c %s "$file")
            measured "replay of a $size GiB ticker file" "$cli" replay --data "$file"
            records=$(grep -o '"records":[0-9]*' "$timing.out" | cut -d: -f2)
            awk -v b="$bytes" -v r="$records" -v m="$rss" 'BEGIN {
                printf "  %.0f bytes, %.0f records; peak RSS %.2f x file size, %.1f bytes a record\n", b, r, m * 1048576 / b, m * 1048576 / r }'
            loaded=$(grep -o '"\(records\|windows\|resolved\|correct\)":[0-9]*' "$timing.out")
            rm -f "$timing.out"
            # The same file streamed, scored as it is read: flat memory, and
            # the same figures.
            measured "the same file streamed (replay --data FILE --live)" "$cli" replay --data "$file" --live
            streamed=$(grep -o '"\(records\|windows\|resolved\|correct\)":[0-9]*' "$timing.out")
            rm -f "$file" "$timing.out"
            [ "$streamed" = "$loaded" ] || { echo "streamed figures differ: $streamed against $loaded" >&2; exit 1; }
            echo "  same records, windows, resolved and correct calls as the loaded replay"
        done
        rmdir "$scratch"
        ;;
    quits)
        quits=${STOCKSTREAM_STRESS_QUITS:-100}
        built tst_quitstress
        STOCKSTREAM_STRESS_QUITS=$quits QT_QPA_PLATFORM=offscreen measured "$quits quits mid-replay" \
            "$build/tests/unit/tst_quitstress"
        grep -E "^(PASS|FAIL)|slowest quit" "$timing.out"
        slowest=$(sed -n 's/.*slowest quit: \([0-9]*\) ms.*/\1/p' "$timing.out")
        rm -f "$timing.out"
        [ "${slowest:-99999}" -le 1000 ] || { echo "a quit took ${slowest:-?} ms, over 1 s" >&2; exit 1; }
        ;;
    *)
        echo "usage: sh tests/stress/run_stress.sh [controls] [files] [filecount] [bigfile] [quits]" >&2
        exit 2
        ;;
    esac
done
