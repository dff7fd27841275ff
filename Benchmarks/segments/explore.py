"""Which behaviour features let k-means recover the generator's segments (issue 6).

Emulates `solvent train segments --k auto` with scikit-learn: missing values filled
(BehaviourFeatures.fills, else the median), optional bounds and signed log, z-scaling,
KMeans(k, n_init=4) for k = 3..10, the smallest k whose silhouette is within 0.01 of
the best; the adjusted Rand index (ARI) is taken against truth.csv's `segment` over
all profile customers, as `solvent demo` does. (Checked against the Swift binary's
`train segments --data` path: same k and ARI to 3 decimals on all four sets.)

Data (profile at the generator's end date, 2026-10-31), DIR = /tmp/ari:
  solvent generate --customers 2000  --months 24 --seed 20261129 --out DIR/data      (demo)
  solvent generate --customers 2000  --months 24 --seed 7        --out DIR/data-s7
  solvent generate --customers 10000 --months 24 --seed 20261129 --out DIR/data-big
  solvent generate --customers 2000  --months 24 --seed 11       --out DIR/data-s11  (held out: not used to choose)
  solvent ingest --dir DIR/data-X --store DIR/s-X.sqlite
  solvent profile --as-of 2026-10-31 --store DIR/s-X.sqlite --out DIR/profile-X.csv
`dsp_all_rate` (catalogue 1.2.0) is computed here from invoices.csv and disputes.csv
as the profile does: disputes opened on or before as-of ÷ positive invoices issued.

Run: python3 explore.py [DIR]  (pandas 2.3, scikit-learn 1.9; output in results.txt);
     python3 explore.py DIR --grid  re-weights the old five z-scored features (results-grid.txt).
"""
import sys
import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score

DIR = sys.argv[1] if len(sys.argv) > 1 else "/tmp/ari"
SETS = {"demo": ("profile.csv", "data"), "seed 7": ("profile-s7.csv", "data-s7"),
        "10,000": ("profile-big.csv", "data-big"), "seed 11 (held out)": ("profile-s11.csv", "data-s11")}
ZERO = {"reg_day_concentration", "reg_modal_day_share", "dsp_12m_rate", "dsp_all_rate", "pb_slope_days_late",
        "ar_share_91_plus", "pb_trend_days_late", "pb_12m_share_late_30"}


def load(profile, data, asof="2026-10-31"):
    p = pd.read_csv(f"{DIR}/{profile}")
    truth = pd.read_csv(f"{DIR}/{data}/truth.csv")[["customer_id", "segment"]]
    inv = pd.read_csv(f"{DIR}/{data}/invoices.csv", parse_dates=["issue_date"])
    dsp = pd.read_csv(f"{DIR}/{data}/disputes.csv", parse_dates=["opened_on"])
    a = pd.Timestamp(asof)
    inv = inv[inv.issue_date <= a]
    dsp = dsp[dsp.opened_on <= a].merge(inv[["invoice_id", "customer_id"]], on="invoice_id")
    issued = inv[inv.amount > 0].groupby("customer_id").size()
    rate = (dsp.groupby("customer_id").size().reindex(issued.index, fill_value=0) / issued).rename("dsp_all_rate")
    p = p.merge(rate, left_on="customer_id", right_index=True, how="left")
    p["dsp_all_rate"] = p.dsp_all_rate.fillna(0)
    return p.merge(truth, on="customer_id")


def matrix(m, cols, clamp=None, log=()):
    out = []
    for c in cols:
        x = m[c].astype(float)
        x = x.fillna(0 if c in ZERO else x.median())
        if clamp and c in clamp:
            x = x.clip(*clamp[c])
        if c in log:
            x = np.sign(x) * np.log1p(np.abs(x))
        sd = x.std(ddof=0)
        out.append((x - x.mean()) / (sd if sd > 0 else 1))
    return np.column_stack(out)


def auto_k(a, truth, seed=0):
    sil, labels = {}, {}
    for k in range(3, 11):
        labels[k] = KMeans(k, n_init=4, random_state=seed).fit(a).labels_
        sil[k] = silhouette_score(a, labels[k])
    best = max(sil.values())
    k = min(k for k in sil if sil[k] >= best - 0.01)
    return k, adjusted_rand_score(truth, labels[k]), adjusted_rand_score(truth, labels[6])


BASE = ["pb_12m_days_late_mean", "reg_day_concentration", "dsp_12m_rate", "pb_slope_days_late", "ar_share_91_plus"]
NEW = ["pb_all_days_late_median", "reg_day_concentration", "reg_modal_day_share", "dsp_all_rate",
       "pb_slope_days_late", "ar_share_91_plus"]
NEW_CLAMP = {"pb_slope_days_late": (-1, 3), "dsp_all_rate": (0, 0.4)}
CANDIDATES = [
    ("main: 5 features, 12-month mean late, z", BASE, None, ()),
    ("main + winsorised slope −1…4", BASE, {"pb_slope_days_late": (-1, 4)}, ()),
    ("median late (all) instead of 12-month mean", ["pb_all_days_late_median"] + BASE[1:], None, ()),
    ("… + dispute rate over all history", ["pb_all_days_late_median", "reg_day_concentration", "dsp_all_rate",
                                           "pb_slope_days_late", "ar_share_91_plus"], None, ()),
    ("… + log days late, slope −1…3, disputes ≤ 0.4",
     ["pb_all_days_late_median", "reg_day_concentration", "dsp_all_rate", "pb_slope_days_late", "ar_share_91_plus"],
     NEW_CLAMP, ("pb_all_days_late_median",)),
    ("chosen: … + modal-day share", NEW, NEW_CLAMP, ("pb_all_days_late_median",)),
    ("chosen, 12-month dispute rate (no new feature)",
     [c if c != "dsp_all_rate" else "dsp_12m_rate" for c in NEW], {"pb_slope_days_late": (-1, 3), "dsp_12m_rate": (0, 0.4)},
     ("pb_all_days_late_median",)),
    ("chosen + 12-month share paid 30+ late", NEW + ["pb_12m_share_late_30"], NEW_CLAMP, ("pb_all_days_late_median",)),
]

def grid(data):
    """Every weighting (0.5, 1, 1.5, 2.5 per feature) of the old five z-scores, ARI at k = 6 (n_init 2)."""
    import itertools
    rows = []
    sets = {n: (matrix(data[n], BASE), data[n].segment) for n in ("demo", "seed 7")}
    for w in itertools.product([0.5, 1, 1.5, 2.5], repeat=5):
        r = [adjusted_rand_score(y, KMeans(6, n_init=2, random_state=0).fit(a * np.array(w)).labels_) for a, y in sets.values()]
        rows.append((*w, *r))
    df = pd.DataFrame(rows, columns=BASE + list(sets))
    print(f"{len(df)} weightings of {', '.join(BASE)}: best demo {df.demo.max():.3f}, best seed 7 {df['seed 7'].max():.3f}")
    print(df.sort_values("demo", ascending=False).head(10).round(3).to_string(index=False))


if __name__ == "__main__":
    data = {name: load(*files) for name, files in SETS.items()}
    if "--grid" in sys.argv:
        grid(data)
        sys.exit(0)
    print("auto k (3..10, smallest within 0.01 of the best silhouette): chosen k, ARI at it, ARI at k = 6\n")
    for label, cols, clamp, log in CANDIDATES:
        cells = []
        for name, m in data.items():
            k, ari, ari6 = auto_k(matrix(m, cols, clamp, log), m.segment)
            cells.append(f"{name}: k={k} {ari:.3f} ({ari6:.3f})")
        print(f"{label}\n    " + " | ".join(cells), flush=True)
    print("\nk-means restarts (random_state 0..2) for the chosen set, ARI at auto k:")
    for name, m in data.items():
        if len(m) > 5000:
            continue
        a = matrix(m, NEW, NEW_CLAMP, ("pb_all_days_late_median",))
        print(f"    {name}: " + " ".join(f"k={k} {ari:.3f}" for k, ari, _ in (auto_k(a, m.segment, s) for s in range(3))),
              flush=True)
