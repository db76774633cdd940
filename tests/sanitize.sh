#!/bin/sh
# Builds StockStream with sanitizers (clang) and runs its tests there, each
# configuration in a build folder of its own:
#   asan  AddressSanitizer + UndefinedBehaviorSanitizer (+ LeakSanitizer):
#         the whole test suite
#   tsan  ThreadSanitizer: the tests where threads hand work to each other
#         (replay engine and its stress, parallel loading, the prediction
#         log's writer thread, the main window's engine hand-off, a live
#         feed's reader thread)
# The first finding aborts its test, so the run fails on any report.
#
#   sh tests/sanitize.sh [asan] [tsan]        (default: both)
#
# STOCKSTREAM_SANITIZE_BUILD is the folder the build folders go in (default:
# the repository, as build-asan and build-tsan).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
base=${STOCKSTREAM_SANITIZE_BUILD:-"$root"}
configs=${*:-"asan tsan"}
export CXX=${CXX:-clang++-14}
supp="$root/tests/sanitizers"

# The tests TSan runs, where they exist in this checkout. The log's hand-off
# to its writer thread runs in-process in tst_predictionlog; the tests that
# start the command line (QProcess) are left out: TSan's fork handling
# aborts in them.
tsan_tests="tst_replayengine tst_replaystress tst_loadstress tst_predictionlog tst_mainwindow tst_livesession tst_livefeedwindow"

for config in $configs; do
    build="$base/build-$config"
    case "$config" in
    asan)
        flags="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
        ;;
    tsan)
        flags="-fsanitize=thread"
        ;;
    *)
        echo "usage: sh tests/sanitize.sh [asan] [tsan]" >&2
        exit 2
        ;;
    esac
    # -O1 keeps the sanitized tests quick enough to run on every change.
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
        -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g $flags" >/dev/null
    if [ "$config" = asan ]; then
        cmake --build "$build" --parallel 2
        # The package check builds and inspects a .deb: a sanitized build is not one to ship.
        selection=""
        exclude="^package_check\$"
    else
        exclude=""
        targets=""
        for t in $tsan_tests; do
            ninja -C "$build" -t query "$t" >/dev/null 2>&1 && targets="$targets $t"
        done
        cmake --build "$build" --parallel 2 --target $targets
        selection="^($(echo $targets | tr ' ' '|'))\$"
    fi
    echo "== $config: ${selection:-every test}${exclude:+ but $exclude}"
    (
        cd "$build"
        ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1" \
        LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0" \
        UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
        TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$supp/tsan.supp" \
            ctest --output-on-failure --parallel 2 ${selection:+-R "$selection"} ${exclude:+-E "$exclude"}
    )
done
