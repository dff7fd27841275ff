"""Seeded data for the k-means benchmark (Benchmarks/run-kmeans.sh).

    python3 make_data.py --rows 1000000 --cols 16 --k 8 --seed 20261129 --out DIR

Writes DIR/X.f64 (n x d, raw little-endian float64, column-major) and DIR/meta.json (rows, cols, k, seed).
The rows come from k Gaussian blobs with centres drawn uniformly in [-6, 6]^d and unit-variance noise
scaled per blob by a factor in [0.5, 1.5], so the clusters overlap somewhat, as behaviour segments do.
numpy default_rng(seed): the same arguments give byte-identical files.
"""
import argparse
import json
import os

import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("--rows", type=int, default=1_000_000)
ap.add_argument("--cols", type=int, default=16)
ap.add_argument("--k", type=int, default=8)
ap.add_argument("--seed", type=int, default=20261129)
ap.add_argument("--out", required=True)
a = ap.parse_args()
rng = np.random.default_rng(a.seed)
centres = rng.uniform(-6, 6, (a.k, a.cols))
spread = rng.uniform(0.5, 1.5, a.k)
labels = rng.integers(0, a.k, a.rows)
XT = np.empty((a.cols, a.rows), dtype="<f8")
for j in range(a.cols):
    XT[j] = centres[labels, j] + spread[labels] * rng.standard_normal(a.rows)
os.makedirs(a.out, exist_ok=True)
XT.tofile(os.path.join(a.out, "X.f64"))
with open(os.path.join(a.out, "meta.json"), "w") as fh:
    json.dump({"rows": a.rows, "cols": a.cols, "k": a.k, "seed": a.seed, "format": "X.f64 column-major float64"}, fh)
print(f"{a.rows} rows x {a.cols} columns, {a.k} blobs, written to {a.out}")
