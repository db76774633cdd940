#!/bin/sh
# Sets up a Debian 12 machine for StockStream, builds it, and then either
# starts the app on its built-in sample (run) or runs the whole test suite
# (test). Safe to run again: it installs only what is missing and rebuilds
# only what changed.
#
#   sh packaging/bootstrap.sh run     # install, build, start the app
#   sh packaging/bootstrap.sh test    # install, build, run every test (also
#                                     # under sanitizers) and the fuzzers
set -eu

mode=${1:-run}
case "$mode" in
run | test) ;;
*)
    echo "usage: sh packaging/bootstrap.sh run|test" >&2
    exit 2
    ;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build"

# Debian 12 packages the build, the tests and the GUI need.
packages="cmake ninja-build g++ pkg-config qt6-base-dev libqt6opengl6-dev qt6-charts-dev libgl-dev
libeigen3-dev libsqlite3-dev sqlite3 xvfb xauth
librdkafka-dev dpkg-dev desktop-file-utils appstream librsvg2-bin file
clang-14 libclang-rt-14-dev"

missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "Installing:$missing"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
if [ "$mode" = test ]; then
    cmake --build "$build" --parallel "$(nproc)"
else
    # The two programs alone: the tests would triple the wait before the window opens.
    cmake --build "$build" --parallel "$(nproc)" --target stockstream stockstream-cli
fi

if [ "$mode" = test ]; then
    (cd "$build" && ctest --output-on-failure --parallel "$(nproc)")
    # Reliability, in short runs: every test again under ASan + UBSan, the
    # thread hand-offs under TSan, and ten seconds of each fuzzer.
    sh "$root/tests/sanitize.sh" asan tsan
    exec sh "$root/tests/fuzz/run_fuzzers.sh" 10
fi

# A platform named in QT_QPA_PLATFORM (offscreen, vnc, ...) is the user's choice.
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "No display found: replaying the built-in sample on the command line instead." >&2
    echo "(On a desktop session this command opens the StockStream window.)" >&2
    exec "$build/src/cli/stockstream-cli" replay --data "$root/resources/sample"
fi
exec "$build/src/app/stockstream"
