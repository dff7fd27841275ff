"""Seeded data for the k-means benchmark (Benchmarks/run-kmeans.sh).

    python3 make_data.py --kind mixture|noise --rows 1000000 --cols 16 --k 8 --seed 20261129 --out DIR

Writes DIR/X.f64 (n x d, raw little-endian float64, column-major) and DIR/meta.json (kind, rows, cols, k,
seed).
- mixture: the rows come from k Gaussian blobs with centres drawn uniformly in [-6, 6]^d and unit-variance
  noise scaled per blob by a factor in [0.5, 1.5], so the clusters overlap somewhat, as behaviour segments
  do (few iterations: the seeding and one pass over the data dominate);
- noise: independent standard normal values, no structure at all (k-means wanders for many iterations
  before the centres settle: the iteration loop dominates).
numpy default_rng(seed): the same arguments give byte-identical files.
"""
import argparse
import json
import os

import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("--kind", choices=["mixture", "noise"], default="mixture")
ap.add_argument("--rows", type=int, default=1_000_000)
ap.add_argument("--cols", type=int, default=16)
ap.add_argument("--k", type=int, default=8)
ap.add_argument("--seed", type=int, default=20261129)
ap.add_argument("--out", required=True)
a = ap.parse_args()
rng = np.random.default_rng(a.seed)
XT = np.empty((a.cols, a.rows), dtype="<f8")
if a.kind == "mixture":
    centres = rng.uniform(-6, 6, (a.k, a.cols))
    spread = rng.uniform(0.5, 1.5, a.k)
    labels = rng.integers(0, a.k, a.rows)
    for j in range(a.cols):
        XT[j] = centres[labels, j] + spread[labels] * rng.standard_normal(a.rows)
else:
    for j in range(a.cols):
        XT[j] = rng.standard_normal(a.rows)
os.makedirs(a.out, exist_ok=True)
XT.tofile(os.path.join(a.out, "X.f64"))
with open(os.path.join(a.out, "meta.json"), "w") as fh:
    json.dump({"kind": a.kind, "rows": a.rows, "cols": a.cols, "k": a.k, "seed": a.seed,
               "format": "X.f64 column-major float64"}, fh)
print(f"{a.kind}: {a.rows} rows x {a.cols} columns, k = {a.k}, written to {a.out}")
