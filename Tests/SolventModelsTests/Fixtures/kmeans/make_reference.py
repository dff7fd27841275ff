"""Reference values for Tests/SolventModelsTests/KMeansReferenceTests.swift.

Run from this folder: `python3 make_reference.py` writes `reference.json`.

Data: 600 rows × 3 features from `sklearn.datasets.make_blobs` (4 overlapping
blobs, cluster_std 1.6, seeded), weights uniform on [0.5, 2) from a seeded
numpy generator. Initial centres: rows 0, 150, 300, 450 of the data (k = 4),
and a second start from rows 0–3.

Each case is scikit-learn `KMeans(n_clusters=4, init=<centres>, n_init=1,
algorithm="lloyd", max_iter=300, tol=1e-4)`, unweighted and with
`sample_weight`; recorded: cluster_centers_, inertia_, labels_, n_iter_.
"""
import json
import platform

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

SEED = 20260506
K = 4

x, _ = make_blobs(n_samples=600, n_features=3, centers=K, cluster_std=1.6, random_state=SEED)
weights = np.random.default_rng(SEED).uniform(0.5, 2.0, size=600)
starts = {"spread": x[[0, 150, 300, 450]], "poor": x[[0, 1, 2, 3]]}

cases = []
for name, init in starts.items():
    for weighted in (False, True):
        km = KMeans(n_clusters=K, init=init.copy(), n_init=1, algorithm="lloyd", max_iter=300, tol=1e-4)
        km.fit(x, sample_weight=weights if weighted else None)
        cases.append({
            "name": f"{name}{'_weighted' if weighted else ''}",
            "weighted": weighted,
            "init": init.tolist(),
            "centres": km.cluster_centers_.tolist(),
            "inertia": float(km.inertia_),
            "labels": km.labels_.tolist(),
            "iterations": int(km.n_iter_),
        })

out = {
    "source": "scikit-learn KMeans(init=array, n_init=1, algorithm='lloyd', max_iter=300, tol=1e-4)",
    "versions": {"python": platform.python_version(), "numpy": np.__version__, "sklearn": sklearn.__version__},
    "seed": SEED,
    "k": K,
    "x": x.tolist(),
    "weights": weights.tolist(),
    "cases": cases,
}
with open("reference.json", "w") as f:
    json.dump(out, f, indent=1)
