"""Times statsforecast AutoETS on make_data.py's files (Benchmarks/run-ets.sh).

    python3 peers.py DIR [--repeats 1] [--out FILE]

AutoETS(season_length=12) (model "ZZZ", its defaults), fitted and forecast one series at a time on one core
(`model.forecast(y, h)`, the n_jobs=1 path StatsForecast takes per series); the numba/C++ start-up is paid by
one warm-up series before the timer. Records the seconds per series (median over repeats), the mean MASE
on the held-out values (scale: the in-sample seasonal-naive MAE at lag 12), the chosen models, and versions.
"""
import argparse
import collections
import json
import os
import statistics
import time

import numpy as np
import statsforecast
from statsforecast.models import AutoETS

ap = argparse.ArgumentParser()
ap.add_argument("dir")
ap.add_argument("--repeats", type=int, default=1)
ap.add_argument("--out")
a = ap.parse_args()
meta = json.load(open(os.path.join(a.dir, "meta.json")))
c, n, h, m = meta["count"], meta["length"], meta["horizon"], meta["period"]
train = np.fromfile(os.path.join(a.dir, "train.f64"), dtype="<f8").reshape(c, n)
test = np.fromfile(os.path.join(a.dir, "test.f64"), dtype="<f8").reshape(c, h)
AutoETS(season_length=m).forecast(train[0], h)  # warm-up
times, means, chosen = [], None, None
for _ in range(a.repeats):
    out, models = [], []
    t0 = time.perf_counter()
    for i in range(c):
        model = AutoETS(season_length=m)
        res = model.forecast(y=train[i], h=h, fitted=False)
        out.append(res["mean"])
    times.append(time.perf_counter() - t0)
    means = np.array(out)
chosen = collections.Counter()
for i in range(min(c, 200)):
    fit = AutoETS(season_length=m).fit(train[i])
    chosen[fit.model_["method"]] += 1
scale = np.mean(np.abs(train[:, m:] - train[:, :-m]), axis=1)
mase = np.mean(np.abs(test - means), axis=1) / scale
res = {"statsforecast": statsforecast.__version__, "numpy": np.__version__, "seconds": times,
       "seconds_per_series": statistics.median(times) / c, "mean_mase": float(np.mean(mase)),
       "mase": mase.tolist(), "chosen_first_200": dict(chosen.most_common())}
print(f"statsforecast {statsforecast.__version__} AutoETS: {statistics.median(times) / c * 1e3:.2f} ms per series, "
      f"mean MASE {np.mean(mase):.4f}")
if a.out:
    json.dump(res, open(a.out, "w"), indent=1)
