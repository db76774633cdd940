#!/usr/bin/python3
"""scikit-learn's side of the pooled-fit benchmark (tests/perf/bench_train.sh).

Builds the relative-transform examples of every stock in a folder of ticker
files on its own (per stock, closes in file order, every run of W+1 closes;
files with fewer give nothing), fits LogisticRegression(C=1) with
newton-cholesky (to the optimum) and with the default lbfgs, times each fit,
and compares the coefficients with those of `stockstream-cli train` on the
same folder (its one line of JSON, saved to a file). Prints one line of JSON.

    /usr/bin/python3 tests/perf/sklearn_pooled_fit.py STOCKS_DIR TRAIN_OUTPUT.json [RUNS]

newton-cholesky is timed RUNS times (default 1) and the fastest run kept;
lbfgs, far slower, once.
"""
import json
import math
import os
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

WINDOW = 5
C = 1.0


def closes_of(path):
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    values = []
    for line in lines[1:]:
        line = line.strip()
        if line:
            values.append(float(line.split(b",")[4]))
    closes = np.array(values)
    # StockStream refuses such rows; the dataset has none, and the example
    # counts would disagree if it had.
    assert np.all(np.isfinite(closes)) and np.all(closes > 0), path
    return closes


def pooled_examples(folder, w):
    xs, ys = [], []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".txt"):
            continue
        closes = closes_of(os.path.join(folder, name))
        if len(closes) < w + 1:
            continue
        runs = np.lib.stride_tricks.sliding_window_view(closes, w + 1)
        n1 = runs[:, w - 1]
        xs.append(runs[:, : w - 1] / n1[:, None] - 1.0)
        ys.append((runs[:, w] > n1).astype(np.float64))
    return np.concatenate(xs), np.concatenate(ys)


def max_relative_difference(a, b):
    a, b = np.asarray(a), np.asarray(b)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-12)))


def fit(x, y, **kwargs):
    model = LogisticRegression(C=C, **kwargs)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        start = time.perf_counter()
        model.fit(x, y)
        seconds = time.perf_counter() - start
    coef = np.concatenate([model.coef_[0], model.intercept_])
    warned = any(issubclass(c.category, ConvergenceWarning) for c in caught)
    return coef, seconds, int(model.n_iter_[0]), warned


def main():
    folder, ours_path = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    start = time.perf_counter()
    x, y = pooled_examples(folder, WINDOW)
    build_s = time.perf_counter() - start
    with open(ours_path) as f:
        ours = json.load(f)
    our_coef = np.array(ours["weights"] + [ours["intercept"]])

    exact_s = math.inf
    for _ in range(runs):
        exact, seconds, exact_iter, exact_warned = fit(x, y, solver="newton-cholesky", tol=1e-12, max_iter=1000)
        exact_s = min(exact_s, seconds)
    lbfgs, lbfgs_s, lbfgs_iter, lbfgs_warned = fit(x, y)  # scikit-learn's defaults: lbfgs, tol 1e-4, 100 iterations
    # Gradient of 0.5*||w||^2 + C*sum(logloss) at the exact optimum, per C*n.
    p = 1.0 / (1.0 + np.exp(-(x @ exact[:-1] + exact[-1])))
    r = p - y
    g = np.concatenate([exact[:-1] + C * (x.T @ r), [C * r.sum()]])
    out = {
        "examples": int(len(y)),
        "sklearn": sklearn.__version__,
        "build_examples_s": build_s,
        "newton_cholesky": {"fit_s": exact_s, "iterations": exact_iter, "convergence_warning": exact_warned,
                            "coef": exact.tolist(),
                            "max_gradient_per_example": float(np.abs(g).max() / (C * len(y)))},
        "lbfgs_default": {"fit_s": lbfgs_s, "iterations": lbfgs_iter, "convergence_warning": lbfgs_warned,
                          "coef": lbfgs.tolist(),
                          "max_relative_difference_to_optimum": max_relative_difference(lbfgs, exact)},
        "stockstream": {"fit_s": ours.get("fit_s"), "coef": our_coef.tolist(),
                        "max_relative_difference_to_optimum": max_relative_difference(our_coef, exact)},
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
