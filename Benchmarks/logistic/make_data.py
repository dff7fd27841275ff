#!/usr/bin/env python3
"""Seeded data for the logistic regression benchmark (Benchmarks/run-logistic.sh).

    python3 make_data.py --rows 1000000 --cols 32 --seed 20261129 --out DIR

Writes to DIR:
  X.f64      the n x p features (no intercept column), raw little-endian float64, column-major
             (column 0's n values, then column 1's, ...)
  y.f64      the n responses (0.0 / 1.0), raw little-endian float64
  meta.json  rows, cols, seed, positives (count), positive_rate, true_intercept, true_coefficients,
             scales, means, format

Features: z = sqrt(0.5) f + sqrt(0.5) e_j (one common factor: every pair correlated 0.5), then
x_j = means_j + scales_j z_j with scales log-spaced over --scale-decades decades around 1 (default 0: unit scales, where lbfgs does
best; 1 gives 0.32 to 3.2; shuffled) and means uniform in +-2 scales. (The wider the span, the worse the conditioning
for a first-order method: scikit-learn's lbfgs at tol 1e-10 takes about 44 iterations on unit scales,
250 on one decade, 1,100 on two, and does not converge in 10,000 on five; Newton's method does not care.) True standardised effects
b_j ~ N(0, 0.25^2), coefficients b_j / scales_j; the intercept is chosen (Brent root) so that the
expected positive rate is 20%, then y ~ Bernoulli(p). numpy default_rng(seed), so the same
arguments give byte-identical files.
"""
import argparse
import json
import os

import numpy as np
import scipy.optimize


def main():
    ap = argparse.ArgumentParser(description="seeded logistic benchmark data")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--cols", type=int, default=32)
    ap.add_argument("--seed", type=int, default=20261129)
    ap.add_argument("--scale-decades", type=float, default=0.0)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    n, p = a.rows, a.cols
    rng = np.random.default_rng(a.seed)
    scales = rng.permutation(np.logspace(-a.scale_decades / 2, a.scale_decades / 2, p))
    means = scales * rng.uniform(-2, 2, p)
    b = rng.normal(0, 0.25, p)
    coef = b / scales

    # Column-major: build X.T (p x n, C order) one column of X at a time.
    f = rng.standard_normal(n)
    XT = np.empty((p, n), dtype="<f8")
    eta = np.zeros(n)
    for j in range(p):
        z = np.sqrt(0.5) * f + np.sqrt(0.5) * rng.standard_normal(n)
        XT[j] = means[j] + scales[j] * z
        eta += b[j] * z
    b0 = scipy.optimize.brentq(lambda c: np.mean(1 / (1 + np.exp(-(c + eta)))) - 0.2, -20, 20)
    y = (rng.random(n) < 1 / (1 + np.exp(-(b0 + eta)))).astype("<f8")
    intercept = b0 - float(np.dot(coef, means))  # eta = b0 + sum b_j z_j = intercept + sum coef_j x_j

    os.makedirs(a.out, exist_ok=True)
    XT.tofile(os.path.join(a.out, "X.f64"))
    y.tofile(os.path.join(a.out, "y.f64"))
    positives = int(y.sum())
    meta = {"rows": n, "cols": p, "seed": a.seed, "positives": positives, "positive_rate": positives / n,
            "scale_decades": a.scale_decades,
            "true_intercept": intercept, "true_coefficients": coef.tolist(),
            "scales": scales.tolist(), "means": means.tolist(),
            "format": "X.f64: n*p little-endian float64, column-major, no intercept column; y.f64: n float64 0/1",
            "generator": f"Benchmarks/logistic/make_data.py, numpy {np.__version__}"}
    with open(os.path.join(a.out, "meta.json"), "w") as fh:
        json.dump(meta, fh, indent=1)
        fh.write("\n")
    print(f"{n} rows x {p} columns, {positives} positives ({positives / n:.1%}), written to {a.out}")


if __name__ == "__main__":
    main()
