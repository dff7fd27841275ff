"""Times scikit-learn's KMeans on make_data.py's files (Benchmarks/run-kmeans.sh).

    python3 peers.py DIR [--repeats 3] [--out FILE]

KMeans(n_clusters=k, init="k-means++", n_init=1, random_state=0, algorithm=A) for A in lloyd and elkan,
fit(X) timed (X converted to C order before the timer, the layout scikit-learn works on); each repeated
--repeats times; records the times, the median, the inertia and iterations of each run, and the versions.
"""
import argparse
import json
import os
import statistics
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans

ap = argparse.ArgumentParser()
ap.add_argument("dir")
ap.add_argument("--repeats", type=int, default=3)
ap.add_argument("--out")
a = ap.parse_args()
meta = json.load(open(os.path.join(a.dir, "meta.json")))
n, d, k = meta["rows"], meta["cols"], meta["k"]
X = np.ascontiguousarray(np.fromfile(os.path.join(a.dir, "X.f64"), dtype="<f8").reshape(d, n).T)
out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "runs": {}}
for algorithm in ["lloyd", "elkan"]:
    times, inertias, iterations = [], [], []
    for r in range(a.repeats):
        model = KMeans(n_clusters=k, init="k-means++", n_init=1, random_state=r, algorithm=algorithm)
        t0 = time.perf_counter()
        model.fit(X)
        times.append(time.perf_counter() - t0)
        inertias.append(float(model.inertia_))
        iterations.append(int(model.n_iter_))
    out["runs"][algorithm] = {"seconds": times, "median_seconds": statistics.median(times),
                              "inertia": inertias, "iterations": iterations}
    print(f"sklearn {algorithm:6s} median {statistics.median(times):.2f} s of {[f'{t:.2f}' for t in times]}, "
          f"inertia {min(inertias):.6g}..{max(inertias):.6g}, iterations {iterations}")
if a.out:
    json.dump(out, open(a.out, "w"), indent=1)
