#!/bin/sh
# The trainer: fitting on ibm.us.txt (raw and relative transforms), and one
# pooled relative model over every example of the full dataset next to
# scikit-learn's LogisticRegression on the same examples
# (tests/perf/sklearn_pooled_fit.py; needs Debian's python3-sklearn).
#   sh tests/perf/bench_train.sh [runs]
set -eu
. "$(dirname "$0")/common.sh"
here=$(cd "$(dirname "$0")" && pwd)
runs=${1:-3}
ensure_dataset
ensure_build
ensure_time
/usr/bin/python3 -c 'import sklearn' 2>/dev/null \
    || { echo "needs scikit-learn (apt-get install python3-sklearn)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

field() { /usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

# One stock: the fastest of 20 fits, and of 20 whole commands (read, fit,
# evaluate, write the model).
for transform in raw relative; do
    best_fit="" best_wall=""
    for _ in $(seq 20); do
        start=$(date +%s.%N)
        "$cli" train --csv "$stocks/ibm.us.txt" --out "$work/ibm.json" --transform "$transform" >"$work/ibm.out"
        wall=$(echo "$(date +%s.%N) - $start" | bc)
        fit=$(field "$work/ibm.out" fit_s)
        if [ -z "$best_fit" ] || [ "$(echo "$fit < $best_fit" | bc -l)" -eq 1 ]; then best_fit=$fit; fi
        if [ -z "$best_wall" ] || [ "$(echo "$wall < $best_wall" | bc -l)" -eq 1 ]; then best_wall=$wall; fi
    done
    printf '| train on ibm.us.txt, %s, %s examples (hold-out 20%%) | fit %.2f ms | whole command %.1f ms |\n' \
        "$transform" "$(field "$work/ibm.out" examples)" "$(echo "$best_fit * 1000" | bc -l)" \
        "$(echo "$best_wall * 1000" | bc -l)"
done

# Every stock pooled: our fastest of $runs, then scikit-learn on the same
# examples, built independently from the same files.
best=""
for _ in $(seq "$runs"); do
    measure "$cli" train --csv "$stocks" --out "$work/pooled.json" --test-fraction 0 >"$work/run.out"
    fit=$(field "$work/run.out" fit_s)
    if [ -z "$best" ] || [ "$(echo "$fit < $best" | bc -l)" -eq 1 ]; then
        best=$fit best_wall=$wall best_rss=$rss_mb
        cp "$work/run.out" "$work/pooled.out"
    fi
done
/usr/bin/python3 "$here/sklearn_pooled_fit.py" "$stocks" "$work/pooled.out" "$runs" >"$work/sklearn.out"
/usr/bin/python3 - "$work/pooled.out" "$work/sklearn.out" "$best_wall" "$best_rss" <<'PY'
import json, sys
ours = json.load(open(sys.argv[1]))
sk = json.load(open(sys.argv[2]))
wall, rss = float(sys.argv[3]), sys.argv[4]
nc, lb = sk["newton_cholesky"], sk["lbfgs_default"]
assert ours["examples"] == sk["examples"], (ours["examples"], sk["examples"])
print("pooled examples %d from %d stocks; ours %d Newton steps, gradient %.1e; newton-cholesky %d iterations; "
      "lbfgs %d iterations%s" % (ours["examples"], ours["stocks"], ours["iterations"], ours["gradient_norm"],
                                 nc["iterations"], lb["iterations"],
                                 " (ConvergenceWarning)" if lb["convergence_warning"] else ""))
print("coefficients [w5..w2, b]: ours %s" % ["%.6g" % c for c in sk["stockstream"]["coef"]])
print("                  newton-cholesky %s" % ["%.6g" % c for c in nc["coef"]])
print("                            lbfgs %s" % ["%.6g" % c for c in lb["coef"]])
print("| pooled fit, all %d examples, relative | fit %.2f s (whole command %.1f s, %s MB) | "
      "newton-cholesky %.1f s (x%.1f), max rel. coef. diff %.1e | lbfgs %.1f s (x%.1f), off by up to %.1e |"
      % (ours["examples"], ours["fit_s"], wall, rss, nc["fit_s"], nc["fit_s"] / ours["fit_s"],
         sk["stockstream"]["max_relative_difference_to_optimum"], lb["fit_s"], lb["fit_s"] / ours["fit_s"],
         lb["max_relative_difference_to_optimum"]))
PY
