#!/bin/sh
# Made once, by the build of StockStream before the prediction log stored
# each close once, so that every later build's export can be compared with
# it byte for byte (tests/unit/tst_exportreference):
#   sh tests/reference/export/make_reference.sh build/src/cli/stockstream-cli
# Whole exports of the sample are 40 to 110 MB, so only their SHA-256 are
# kept; one stock's year of each is kept whole, to read.
set -eu
cli=$1
here=$(cd "$(dirname "$0")" && pwd)
sample="$here/../../../../shared/data/sample"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$cli" replay --data "$sample" --db "$work/log.sqlite" >/dev/null 2>&1
"$cli" replay --data "$sample" --db "$work/log.sqlite" --clusters 3 --online >/dev/null 2>&1
: >"$here/sample.sha256"
for run in 1 2; do
    for format in jsonl csv; do
        "$cli" export --db "$work/log.sqlite" --run "$run" --format "$format" --out "$work/run$run.$format" >/dev/null
        (cd "$work" && sha256sum "run$run.$format") >>"$here/sample.sha256"
        "$cli" export --db "$work/log.sqlite" --run "$run" --format "$format" --stock ibm.us --from 2000-01-01 \
            --to 2000-12-31 --out "$here/run$run-ibm-2000.$format" >/dev/null
    done
done
