"""Reference values for the validation metrics (Tests/SolventModelsTests/Validation*Tests.swift).

Run from this folder: `python3 make_reference.py` writes `reference.json`.

Sources of the numbers:
- AUC, Brier score, log-loss: scikit-learn (`roc_auc_score`, `brier_score_loss`,
  `log_loss`), unweighted and with `sample_weight`.
- KS: scipy `ks_2samp(scores of positives, scores of negatives).statistic`
  (unweighted); the weighted KS and the KS threshold from the definition
  written in numpy below.
- Hosmer-Lemeshow, calibration table, PSI, CSI: the definitions documented in
  Sources/SolventModels/Validation, written independently in numpy here;
  p-values from scipy `chi2.sf`.

The data (seeded numpy generator) is written into the JSON too. Predicted
probabilities are rounded to 3 decimals so there are many ties, and kept in
[0.001, 0.999] so log-loss clipping never acts.
"""
import json
import platform

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score

SEED = 20260501
N_DEV = 3000      # development sample (labels, probabilities, weights)
N_RECENT = 2500   # recent sample (PSI/CSI "actual")
GROUPS = 10       # Hosmer-Lemeshow groups
PSI_BINS = 10
SHARE_FLOOR = 1e-4


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def make_data(rng):
    x = rng.normal(size=N_DEV)
    y = (rng.uniform(size=N_DEV) < sigmoid(-1.6 + 1.2 * x)).astype(int)
    p = np.clip(np.round(sigmoid(-1.7 + 1.1 * x + 0.3 * rng.normal(size=N_DEV)), 3), 0.001, 0.999)
    w = np.round(rng.uniform(0.0, 2.0, size=N_DEV), 2)
    w[rng.uniform(size=N_DEV) < 0.1] = 0.0
    x_recent = rng.normal(loc=0.3, scale=1.1, size=N_RECENT)
    p_recent = np.clip(np.round(sigmoid(-1.7 + 1.1 * x_recent), 3), 0.001, 0.999)
    labels = np.array(["A", "B", "C", "D", "E"])
    cuts = [-1.0, -0.3, 0.3, 1.0]
    csi_expected = labels[np.searchsorted(cuts, x)]
    csi_actual = labels[np.searchsorted(cuts, x_recent)]
    return y, p, w, p_recent, csi_expected, csi_actual


def ks_definition(y, p, w):
    """max |F_pos(u) - F_neg(u)| over the distinct scores u (F = weighted ECDF, <=);
    threshold = the next distinct score above the first u whose distance is within
    1e-12 (relative) of the maximum."""
    u, inv = np.unique(p, return_inverse=True)
    pos = np.cumsum(np.bincount(inv, weights=w * y, minlength=len(u)))
    neg = np.cumsum(np.bincount(inv, weights=w * (1 - y), minlength=len(u)))
    d = np.abs(pos / pos[-1] - neg / neg[-1])
    k = int(np.argmax(d >= d.max() * (1 - 1e-12)))
    return float(d.max()), float(u[k + 1])


def hosmer_lemeshow(y, p, w, groups):
    """Tie blocks (equal p) in ascending order; block with cumulative weight C before it
    and weight b goes to group min(G-1, floor(G * (C + b/2) / W))."""
    keep = w > 0
    y, p, w = y[keep], p[keep], w[keep]
    u, inv = np.unique(p, return_inverse=True)
    bw = np.bincount(inv, weights=w)
    cum = np.cumsum(bw)
    total = cum[-1]
    before = np.concatenate(([0.0], cum[:-1]))   # weight before each block, summed in order
    block_group = np.minimum(np.floor(groups * (before + bw / 2) / total).astype(int), groups - 1)
    g = block_group[inv]
    table = []
    stat = 0.0
    for j in range(groups):
        m = g == j
        if not m.any():
            continue
        n_g = float(np.sum(w[m]))
        e_g = float(np.sum(w[m] * p[m]))
        o_g = float(np.sum(w[m] * y[m]))
        stat += (o_g - e_g) ** 2 / (e_g * (1 - e_g / n_g))
        table.append(dict(group=j + 1, rows=int(m.sum()), weight=n_g,
                          min_predicted=float(p[m].min()), max_predicted=float(p[m].max()),
                          mean_predicted=e_g / n_g, observed_rate=o_g / n_g,
                          expected=e_g, observed=o_g))
    df = len(table) - 2
    return dict(statistic=stat, df=df, p_value=float(stats.chi2.sf(stat, df)),
                groups_used=len(table), table=table)


def binary_metrics(y, p, w, ks_scipy):
    sw = None if ks_scipy else w
    ks, threshold = ks_definition(y, p, w)
    out = dict(
        auc=float(roc_auc_score(y, p, sample_weight=sw)),
        brier=float(brier_score_loss(y, p, sample_weight=sw)),
        log_loss=float(log_loss(y, p, sample_weight=sw)),
        ks=ks, ks_threshold=threshold,
        positives=float(np.sum(w * y)), rows=int(np.sum(w > 0)),
        hosmer_lemeshow=hosmer_lemeshow(y, p, w, GROUPS))
    out["gini"] = 2 * out["auc"] - 1
    if ks_scipy:
        out["ks"] = float(stats.ks_2samp(p[y == 1], p[y == 0]).statistic)
        out["ks_source"] = "scipy.stats.ks_2samp"
        assert abs(out["ks"] - ks) < 1e-15
    return out


def shares_table(e_counts, a_counts):
    e_share = e_counts / e_counts.sum()
    a_share = a_counts / a_counts.sum()
    e = np.maximum(e_share, SHARE_FLOOR)
    a = np.maximum(a_share, SHARE_FLOOR)
    contribution = (a - e) * np.log(a / e)
    return dict(expected_share=e_share.tolist(), actual_share=a_share.tolist(),
                contribution=contribution.tolist(), total=float(contribution.sum()))


def psi(expected, actual, bins):
    """Cuts: numpy's default (linear) quantiles of the expected sample at i/bins,
    duplicates merged; bin of x = number of cuts < x (bins are (c_{i-1}, c_i])."""
    cuts = np.unique(np.quantile(expected, np.arange(1, bins) / bins))
    e_counts = np.bincount(np.searchsorted(cuts, expected, side="left"), minlength=len(cuts) + 1)
    a_counts = np.bincount(np.searchsorted(cuts, actual, side="left"), minlength=len(cuts) + 1)
    out = shares_table(e_counts.astype(float), a_counts.astype(float))
    out.update(cuts=cuts.tolist(), expected_counts=e_counts.tolist(), actual_counts=a_counts.tolist())
    return out


def csi(expected, actual):
    """Categories in order of first appearance in expected, then in actual."""
    order = list(dict.fromkeys(list(expected) + list(actual)))
    e_counts = np.array([np.sum(expected == c) for c in order], dtype=float)
    a_counts = np.array([np.sum(actual == c) for c in order], dtype=float)
    out = shares_table(e_counts, a_counts)
    out["labels"] = order
    return out


def main():
    rng = np.random.default_rng(SEED)
    y, p, w, p_recent, csi_e, csi_a = make_data(rng)
    ones = np.ones_like(p)
    reference = dict(
        generated_by="make_reference.py",
        versions=dict(python=platform.python_version(), numpy=np.__version__,
                      scipy=scipy.__version__, scikit_learn=sklearn.__version__),
        seed=SEED, groups=GROUPS, psi_bins=PSI_BINS, share_floor=SHARE_FLOOR,
        data=dict(labels=y.tolist(), probabilities=p.tolist(), weights=w.tolist(),
                  recent_probabilities=p_recent.tolist(),
                  csi_expected=csi_e.tolist(), csi_actual=csi_a.tolist()),
        unweighted=binary_metrics(y, p, ones, ks_scipy=True),
        weighted=binary_metrics(y, p, w, ks_scipy=False),
        psi=psi(p, p_recent, PSI_BINS),
        csi=csi(csi_e, csi_a),
    )
    with open("reference.json", "w") as f:
        json.dump(reference, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
