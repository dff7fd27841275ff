"""The real thing: `solvent train segments --as-of 2026-10-31 --k auto` on each store, then
`solvent score --as-of`, ARI of the assigned segments against truth.csv's `segment`.

Run: python3 store_check.py SOLVENT_BINARY [DIR]   (stores and data as in explore.py)
results-store.txt: before = /tmp/solvent-base (the release build of main this branch started from),
after = this branch's debug build.
"""
import subprocess
import sys
import pandas as pd
from sklearn.metrics import adjusted_rand_score

BIN = sys.argv[1]
DIR = sys.argv[2] if len(sys.argv) > 2 else "/tmp/ari"
for name, store, data in [("demo", "s.sqlite", "data"), ("seed 7", "s-s7.sqlite", "data-s7"),
                          ("10,000", "s-big.sqlite", "data-big"), ("seed 11 (held out)", "s-s11.sqlite", "data-s11")]:
    model, out = f"{DIR}/check-{store}.json", f"{DIR}/check-{store}.csv"
    subprocess.run([BIN, "train", "segments", "--as-of", "2026-10-31", "--k", "auto", "--store", f"{DIR}/{store}",
                    "--out", model, "-q"], check=True)
    subprocess.run([BIN, "score", "--model", model, "--as-of", "2026-10-31", "--store", f"{DIR}/{store}", "--out", out, "-q"],
                   check=True)
    s = pd.read_csv(out).merge(pd.read_csv(f"{DIR}/{data}/truth.csv"), left_on="id", right_on="customer_id")
    sizes = s.groupby("segment_name").size().to_dict()
    print(f"{name}: k={s.segment_x.nunique()} ARI={adjusted_rand_score(s.segment_y, s.segment_x):.3f} {sizes}", flush=True)
