"""Reference values for FeatureScaling and ClusterQuality (Tests/SolventModelsTests/SegmentsReferenceTests.swift).

    python3 make_reference.py     # writes reference.json beside this script

Seeded blobs (numpy default_rng(20261129)): 600 rows x 4 columns in 4 clusters with one constant column and
one skewed amount column; scikit-learn's StandardScaler and RobustScaler (after numpy's signed log1p on the
amount column), silhouette_score (euclidean) and calinski_harabasz_score on the true labels; adjusted_rand_score of the true
labels against a relabelled copy with 10 % of the rows moved to a random cluster (and a fifth cluster).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.metrics import adjusted_rand_score, calinski_harabasz_score, silhouette_score
from sklearn.preprocessing import RobustScaler, StandardScaler

rng = np.random.default_rng(20261129)
centres = np.array([[0, 0], [5, 5], [0, 6], [6, 0]], dtype=float)
labels = rng.integers(0, 4, 600)
xy = centres[labels] + rng.normal(0, 1.0, (600, 2))
amount = rng.lognormal(8, 1.5, 600) * np.where(rng.random(600) < 0.05, -1, 1)
constant = np.full(600, 3.5)
X = np.column_stack([xy, amount, constant])
T = X.copy()
T[:, 2] = np.sign(T[:, 2]) * np.log1p(np.abs(T[:, 2]))
z = StandardScaler().fit(T)
r = RobustScaler().fit(T)
out = {
    "tool": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
    "columns": ["x", "y", "amount", "constant"], "log": ["amount"],
    "X": X.tolist(), "labels": labels.tolist(),
    "zscore": {"centres": z.mean_.tolist(), "scales": z.scale_.tolist()},
    "robust": {"centres": r.center_.tolist(), "scales": r.scale_.tolist()},
    "silhouette": float(silhouette_score(X[:, :2], labels)),
    "calinski_harabasz": float(calinski_harabasz_score(X[:, :2], labels)),
}
moved = (labels + 1) % 4
flip = rng.random(600) < 0.10
moved[flip] = rng.integers(0, 5, flip.sum())
out["ari"] = {"a": labels.tolist(), "b": moved.tolist(), "value": float(adjusted_rand_score(labels, moved))}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json"), "w") as fh:
    json.dump(out, fh)
