#!/usr/bin/python3
"""Reference weights for the trainer's agreement test, from scikit-learn.

Builds the training examples of a ticker file independently of StockStream
(its own parsing, its own windows), fits scikit-learn's LogisticRegression
with the solver that reaches the exact optimum of
    0.5*||w||^2 + C*sum(logloss),  intercept not penalised,
checks that the gradient of that objective is ~0 there, and prints JSON:
under "fits" the fit on the training part (all but the last 20% of the
examples) with its hold-out metrics, under "all_examples_fits" the fit on
every example (what `train --test-fraction 0` saves).

Produced the committed tests/reference/ibm_reference.json with:
    /usr/bin/python3 tests/reference/sklearn_reference.py \
        /work/shared/data/sample/ibm.us.txt > tests/reference/ibm_reference.json
(Debian 12's python3-sklearn 1.2.1, numpy 1.24.2.)
"""
import csv
import datetime
import json
import math
import sys

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn import metrics

WINDOW = 5
TEST_FRACTION = 0.2
C = 1.0


def read_closes(path):
    """Closes in file order; rows StockStream would reject must not occur."""
    closes = []
    dates = []
    with open(path, newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        close_col = [h.strip().lower() for h in header].index("close")
        for row in rows:
            close = float(row[close_col])
            date = datetime.date.fromisoformat(row[0])
            assert math.isfinite(close) and close > 0, row
            assert not dates or date > dates[-1], row
            closes.append(close)
            dates.append(date)
    return np.array(closes)


def examples(closes, transform, w):
    """Every run of w+1 closes: features of the first w, label next > n1."""
    runs = np.lib.stride_tricks.sliding_window_view(closes, w + 1)
    windows = runs[:, :w]
    n1 = windows[:, -1]
    y = (runs[:, w] > n1).astype(np.float64)
    if transform == "raw":
        x = windows.copy()
    else:
        x = windows[:, :-1] / n1[:, None] - 1.0
    last_move_up = n1 > windows[:, -2]
    return x, y, last_move_up


def gradient(x, y, coef, intercept, c):
    """Gradient of 0.5*||w||^2 + C*sum(logloss) in the features' own scale."""
    p = 1.0 / (1.0 + np.exp(-(x @ coef + intercept)))
    r = p - y
    return np.concatenate([coef + c * (x.T @ r), [c * r.sum()]])


def optimum(x, y, transform):
    """The exact optimum on (x, y): iterations, weights, intercept, |gradient|."""
    model = LogisticRegression(C=C, solver="newton-cholesky", tol=1e-12, max_iter=1000)
    model.fit(x, y)
    coef = model.coef_[0]
    intercept = model.intercept_[0]
    g = gradient(x, y, coef, intercept, C)
    # Relative to the size of the loss gradient's terms: |x| times C*n.
    scale = C * len(y) * max(1.0, np.abs(x).max())
    assert np.abs(g).max() <= 1e-9 * scale, (transform, np.abs(g).max(), scale)
    return int(model.n_iter_[0]), coef, intercept, float(np.abs(g).max())


def all_examples_reference(closes, transform):
    x, y, _ = examples(closes, transform, WINDOW)
    iterations, coef, intercept, max_gradient = optimum(x, y, transform)
    return {
        "transform": transform,
        "window": WINDOW,
        "C": C,
        "examples": len(y),
        "iterations": iterations,
        "max_abs_gradient": max_gradient,
        "weights": [float(v) for v in coef],
        "intercept": float(intercept),
    }


def reference(closes, transform):
    x, y, last_move_up = examples(closes, transform, WINDOW)
    n = len(y)
    n_test = int(math.floor(n * TEST_FRACTION))
    n_train = n - n_test
    xt, yt = x[:n_train], y[:n_train]
    iterations, coef, intercept, max_gradient = optimum(xt, yt, transform)

    xh, yh = x[n_train:], y[n_train:]
    margin = xh @ coef + intercept
    p = 1.0 / (1.0 + np.exp(-margin))
    pred = (p > 0.5).astype(np.float64)
    tn, fp, fn, tp = metrics.confusion_matrix(yh, pred, labels=[0, 1]).ravel()
    return {
        "transform": transform,
        "window": WINDOW,
        "C": C,
        "examples": n,
        "train_examples": n_train,
        "test_examples": n_test,
        "iterations": iterations,
        "max_abs_gradient": max_gradient,
        "weights": [float(v) for v in coef],
        "intercept": float(intercept),
        "test": {
            "accuracy": float(metrics.accuracy_score(yh, pred)),
            "precision": float(metrics.precision_score(yh, pred, zero_division=0)),
            "recall": float(metrics.recall_score(yh, pred)),
            "roc_auc": float(metrics.roc_auc_score(yh, margin)),
            "log_loss": float(metrics.log_loss(yh, p, labels=[0, 1])),
            "brier": float(metrics.brier_score_loss(yh, p)),
            "confusion_matrix": {"tp": int(tp), "fp": int(fp), "tn": int(tn), "fn": int(fn)},
            "baselines": {
                "always_up": float(yh.mean()),
                "always_down": float(1 - yh.mean()),
                "same_as_last_move": float((last_move_up[n_train:] == (yh > 0.5)).mean()),
            },
        },
    }


def main():
    path = sys.argv[1]
    closes = read_closes(path)
    out = {
        "source": path.rsplit("/", 1)[-1],
        "closes": len(closes),
        "test_fraction": TEST_FRACTION,
        "sklearn": sklearn.__version__,
        "solver": "LogisticRegression(C=1.0, solver='newton-cholesky', tol=1e-12, max_iter=1000)",
        "fits": [reference(closes, t) for t in ("raw", "relative")],
        "all_examples_fits": [all_examples_reference(closes, t) for t in ("raw", "relative")],
    }
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
