#!/bin/sh
# Made the reference files here once, with the command line built from the
# commit before the stream-ordered replay (86bdb8c):
#   sh make_reference.sh CLI SAMPLE_DIR
# For each input: the replay's JSON summary without its timings, every call
# as JSON lines (--jsonl), and the log's CSV export; the sample's outputs are
# kept as SHA-256 sums (tens of MB), the synthetic folder's in full.
set -eu
cli=$1
sample=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
summary() { python3 -c '
import json, sys
s = json.load(sys.stdin)
for k in ("elapsed_s", "load_s", "replay_s", "records_per_s"):
    s.pop(k, None)
print(json.dumps(s, sort_keys=True, indent=1))'; }
run() {  # name data-folder
    "$cli" replay --data "$2" --db "$tmp/$1.db" --jsonl "$tmp/$1.jsonl" 2>/dev/null | summary >"$here/$1.summary.json"
    "$cli" export --db "$tmp/$1.db" --format csv --out "$tmp/$1.csv"
}
run synthetic "$here/synthetic"
cp "$tmp/synthetic.jsonl" "$tmp/synthetic.csv" "$here/"
run sample "$sample"
(cd "$tmp" && sha256sum sample.jsonl sample.csv) >"$here/sample.sha256"
