#!/bin/sh
# Builds the Debian package from a build folder and checks it the way a
# user's machine would meet it: metadata, contents, desktop files, and the
# installed programs running from the installed layout alone. The same checks
# run on a plain `cmake --install` to a temporary prefix.
#   sh tests/packaging/check_package.sh BUILD_DIR SOURCE_DIR
set -eu
build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd -P)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
app_id=org.stockstream.StockStream
summary="Replay stock market history as a live stream and score every move"

fail() { echo "FAIL: $*" >&2; exit 1; }

# The revision --version must name: the commit the sources are at when they
# are a git checkout of their own, else none. A commit made after the build
# last looked the revision up is not one it can name: the check then waits
# for the next build (in a tree where others commit while this suite runs).
revision=""
if command -v git >/dev/null && [ "$(git -C "$source" rev-parse --show-toplevel 2>/dev/null)" = "$source" ]; then
    if [ "$(git -C "$source" log -1 --format=%ct HEAD)" -lt "$(stat -c %Y "$build/generated/BuildRevision.h.checked")" ]; then
        revision=$(git -C "$source" rev-parse HEAD)
    else
        echo "note: HEAD is newer than the build; its revision is checked after the next build" >&2
        revision=later
    fi
fi

# Checks a --version line: $1 = the line.
check_version() {
    echo "$1" | grep -q " [0-9][0-9.]*" || fail "no version in '$1'"
    if [ -z "$revision" ]; then
        echo "$1" | grep -q "(git" && fail "a revision outside a checkout: '$1'"
        return 0
    fi
    [ "$revision" = later ] && return 0
    # git describe: HASH or TAG-N-gHASH, then -dirty for local changes.
    printed=$(echo "$1" | sed -n 's/.*(git \(.*\))$/\1/p' | sed 's/-dirty$//; s/.*-g\([0-9a-f]*\)$/\1/')
    [ ${#printed} -ge 7 ] || fail "no git revision in '$1'"
    case "$revision" in
    "$printed"*) ;;
    *) fail "'$1' names revision $printed, but the sources are at $revision" ;;
    esac
}

# Checks one installed tree: $1 = the prefix (…/usr).
check_tree() {
    prefix=$1
    for path in bin/stockstream bin/stockstream-cli \
        share/stockstream/models/ibm-relative-w5.json share/stockstream/models/ibm-raw-w5.json \
        share/stockstream/sample/ibm.us.txt \
        share/applications/$app_id.desktop share/metainfo/$app_id.metainfo.xml \
        share/icons/hicolor/scalable/apps/$app_id.svg share/icons/hicolor/48x48/apps/$app_id.png \
        share/icons/hicolor/256x256/apps/$app_id.png; do
        [ -e "$prefix/$path" ] || fail "$path missing under $prefix"
    done
    desktop-file-validate "$prefix/share/applications/$app_id.desktop" || fail "desktop entry invalid"
    appstreamcli validate --no-net "$prefix/share/metainfo/$app_id.metainfo.xml" >/dev/null || fail "metainfo invalid"

    for program in stockstream-cli stockstream; do
        readelf -d "$prefix/bin/$program" | grep -qE "\((RPATH|RUNPATH)\)" && fail "$program has an RPATH or RUNPATH"
    done

    cli_version=$("$prefix/bin/stockstream-cli" --version)
    echo "$cli_version" | grep -q "^stockstream-cli " || fail "cli --version: $cli_version"
    check_version "$cli_version"
    # The window's --version and --help answer with no display at all, as on a server.
    headless="env -u QT_QPA_PLATFORM -u DISPLAY -u WAYLAND_DISPLAY"
    check_version "$($headless "$prefix/bin/stockstream" --version)"
    $headless "$prefix/bin/stockstream" --help | grep -q "PATH" || fail "stockstream --help without a display"

    # Run from elsewhere, the programs find their data from where they are
    # installed: the application's own path, resolved as the program sees it.
    data=$(cd "$prefix/share/stockstream" && pwd -P)
    model="$data/models/ibm-relative-w5.json"

    # A replay of the installed sample, with no --model: the installed default model.
    result=$(cd "$work" && "$prefix/bin/stockstream-cli" replay --data "$data/sample" 2>/dev/null)
    echo "$result" | grep -q '"records":[1-9]' || fail "replay of the installed sample: $result"
    echo "$result" | grep -q '"stocks":28' || fail "installed sample should hold 28 stocks: $result"

    # The window starts, and quits cleanly when asked (SIGTERM).
    # A first launch: no settings, no cache, no log of the user's.
    # It opens the installed sample with the installed model, which it says
    # when asked through Qt's logging rules.
    rm -rf "$work/home" && mkdir -p "$work/home"
    (cd "$work" && HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_CACHE_HOME="$work/home/.cache" \
        XDG_DATA_HOME="$work/home/.local/share" XDG_RUNTIME_DIR="$work/home" \
        QT_LOGGING_RULES="stockstream.files.info=true" \
        QT_QPA_PLATFORM=offscreen exec "$prefix/bin/stockstream") >"$work/gui.log" 2>&1 &
    pid=$!
    opened="stockstream.files: opened data $data/sample with 28 stocks"
    i=0
    while ! grep -qF "$opened" "$work/gui.log" && kill -0 "$pid" 2>/dev/null && [ $i -lt 300 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    kill -0 "$pid" 2>/dev/null || { cat "$work/gui.log" >&2; fail "the app did not stay up"; }
    grep -qF "$opened" "$work/gui.log" || { cat "$work/gui.log" >&2; fail "the app did not open the installed sample"; }
    grep -qF "stockstream.files: opened model $model" "$work/gui.log" ||
        { cat "$work/gui.log" >&2; fail "the app did not open the installed model"; }
    kill -TERM "$pid"
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid"; fail "the app did not quit within 5 s of SIGTERM"; }
    wait "$pid" && status=0 || status=$?
    [ "$status" -eq 0 ] || { cat "$work/gui.log" >&2; fail "the app exited with status $status on SIGTERM"; }

    # The installed model file is the one read, not a copy built in: a
    # damaged one is refused by name (this tree is a throw-away copy).
    printf '{ not a model' >"$model"
    (cd "$work" && "$prefix/bin/stockstream-cli" replay --data "$data/sample" >/dev/null 2>"$work/replay.err") &&
        fail "a replay with a damaged installed default model succeeded"
    grep -qF "model $model refused" "$work/replay.err" || fail "not the installed model refused: $(cat "$work/replay.err")"
}

# The package.
(cd "$build" && cpack -G DEB >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack"; }
deb=$(ls -t "$build"/stockstream_*.deb | head -n 1)
dpkg-deb --info "$deb" >"$work/info"
grep -q "^ Package: stockstream" "$work/info" || fail "package name"
grep -q "^ Section: misc" "$work/info" || fail "section"
grep -q "^ Depends:.*libqt6core6" "$work/info" || fail "Depends not computed from the libraries"
grep -q "^ Depends:.*qt6-qpa-plugins" "$work/info" || fail "Depends lacks the platform plugins"
# Debian policy 5.6.13: the synopsis, then the extended description with
# every line indented by exactly one space and " ." between paragraphs.
dpkg-deb --field "$deb" Description >"$work/description"
[ "$(head -n 1 "$work/description")" = "$summary" ] || fail "synopsis: $(head -n 1 "$work/description")"
tail -n +2 "$work/description" >"$work/extended"
[ -s "$work/extended" ] || fail "no extended description"
grep -qv "^ [^ ]" "$work/extended" && fail "extended description lines not indented by one space: $(grep -v "^ [^ ]" "$work/extended")"
grep -qF " $summary" "$work/extended" && fail "the synopsis repeated in the extended description"
grep -qx " \." "$work/extended" || fail "no paragraph separator in the extended description"
dpkg-deb --contents "$deb" >"$work/contents"
grep -q "./usr/bin/stockstream-cli" "$work/contents" || fail "contents"
dpkg-deb -x "$deb" "$work/root"
check_tree "$work/root/usr"

# A plain install to a temporary prefix.
cmake --install "$build" --prefix "$work/prefix" >/dev/null
check_tree "$work/prefix"

echo "package check passed: $(basename "$deb")"
