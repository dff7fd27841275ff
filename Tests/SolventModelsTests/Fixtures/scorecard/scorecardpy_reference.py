"""Reference WoE / IV from scorecardpy for FIXED breaks (its own merging
algorithm differs from ours, so only given breaks are compared).

Writes scorecardpy_reference.json beside this script: the data (seeded), the
breaks, and per bin goods, bads, WoE and IV. scorecardpy's WoE is
ln(bad share / good share); ours is ln(good share / bad share), so the file
stores `woe_ours = -woe_scorecardpy`. IV is the same under both signs.
No bin here has zero goods or bads (scorecardpy replaces 0 by 0.9, we add 0.5
to both counts; the two rules are not comparable).

Run: python3 scorecardpy_reference.py
Environment: pip install scorecardpy 'pandas<2.2' 'numpy<2' (scorecardpy 0.1.9.7
calls pandas with errors='ignore', which pandas 3 removed). The versions used
are recorded in the JSON.
"""
import json
from importlib import metadata
import os
import platform

import numpy as np
import pandas as pd
import scorecardpy as sc

rng = np.random.default_rng(20240605)
n = 2000
x1 = np.round(rng.normal(0, 1, n), 2)
kind = rng.uniform(size=n)
p = 1 / (1 + np.exp(-(-2 + 0.9 * x1)))
x1 = np.where(kind < 0.04, np.nan, np.where(kind < 0.06, 9999.0, x1))
p = np.where(kind < 0.04, 0.30, np.where(kind < 0.06, 0.25, p))
levels = np.array(["A", "B", "C", "D"])
level_bad = np.array([0.05, 0.10, 0.20, 0.35])
li = rng.choice(4, size=n, p=[0.45, 0.30, 0.17, 0.08])
c = levels[li].astype(object)
c_missing = rng.uniform(size=n) < 0.03
c[c_missing] = np.nan
y = (rng.uniform(size=n) < p).astype(int)
y2 = (rng.uniform(size=n) < np.where(c_missing, 0.15, level_bad[li])).astype(int)

x1_breaks = [-1.0, -0.25, 0.5, 1.25]
dt = pd.DataFrame({"x1": x1, "y": y})
bins_x1 = sc.woebin(dt, y="y", x=["x1"], breaks_list={"x1": x1_breaks},
                    special_values={"x1": [9999.0]}, print_info=False)["x1"]
dc = pd.DataFrame({"c": c, "y": y2})
bins_c = sc.woebin(dc, y="y", x=["c"], breaks_list={"c": ["A", "B", "C", "D"]},
                   print_info=False)["c"]


def table(b):
    return [{"bin": str(r.bin), "good": int(r.good), "bad": int(r.bad),
             "woe_scorecardpy": float(r.woe), "woe_ours": -float(r.woe),
             "bin_iv": float(r.bin_iv)} for r in b.itertuples()]


out = {
    "source": "scorecardpy woebin(breaks_list=...), see scorecardpy_reference.py",
    "versions": {"python": platform.python_version(), "scorecardpy": metadata.version("scorecardpy"),
                 "pandas": pd.__version__, "numpy": np.__version__},
    "numeric": {"x": [None if np.isnan(v) else float(v) for v in x1], "y": y.tolist(),
                "breaks": x1_breaks, "special": [9999.0], "bins": table(bins_x1),
                "total_iv": float(bins_x1.total_iv.iloc[0])},
    "categorical": {"x": [None if v is np.nan or (isinstance(v, float) and np.isnan(v)) else v for v in c],
                    "y": y2.tolist(), "bins": table(bins_c),
                    "total_iv": float(bins_c.total_iv.iloc[0])},
}
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "scorecardpy_reference.json"), "w") as f:
    json.dump(out, f, indent=1)
print(bins_x1[["bin", "good", "bad", "woe", "bin_iv"]])
print(bins_c[["bin", "good", "bad", "woe", "bin_iv"]])
