#!/usr/bin/env python3
"""Reference fits for Solvent's logistic regression (issue 5).

Writes, beside this script, one data CSV and one JSON per case (README.md
describes the schema):

  synthetic*.json   seeded synthetic data, plain / frequency weights / offset / both
  aliased.json      duplicated column, constant column, dummy trap (R glm aliasing)
  german.json       German credit, all 20 features (datasets/german-credit)
  separation.json   quasi-complete separation: Firth fit (and R's ML warning)
  endometrial.json  Firth fit on Heinze & Schemper's (2002) endometrial data
  ridge9.json       glmnet-convention ridge path on 9 rows
  ridge_synthetic.json  the same on the synthetic design

Each reference value is the exact optimum for the data as written (highprec.py: Newton in
50-digit arithmetic started from the double-precision fit: statsmodels GLM(Binomial) IRLS for
maximum likelihood, this script's Firth and ridge solvers otherwise), rounded to double. The
double-precision tools are cross-checks: statsmodels GLM and Logit, R glm / brglm2 / glmnet
(make_reference.R, run from here through Rscript), numpy and scipy solvers; their largest
differences are recorded in each JSON ("crosscheck").

Usage: python3 make_reference.py [--skip-r]   (--skip-r reuses r_reference.json)
Needs: numpy, scipy, pandas, statsmodels, mpmath; for the R part r-base-core,
r-cran-glmnet, r-cran-brglm2, r-cran-jsonlite (Debian).
"""
import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import scipy
import scipy.linalg
import scipy.optimize
import scipy.stats
import statsmodels
import statsmodels.api as sm

sys.dont_write_bytecode = True  # no __pycache__ in the fixtures folder (it is copied into the test bundle)
import highprec as hp  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
GERMAN = os.path.join(ROOT, "datasets", "german-credit", "german_credit.csv")
SEED = 20261129
Z975 = float(scipy.stats.norm.ppf(0.975))


# ---------------------------------------------------------------- data sets

def write_csv(name, columns, rows):
    """Writes a CSV with Python's shortest round-trip float text."""
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([repr(float(v)) if isinstance(v, (float, np.floating)) else v for v in r])


def make_synthetic():
    """3,000 rows: x1..x4 multivariate normal (rho 0.6, mixed scales), x5 = x1 + 1e-4 noise,
    cat3 (3 levels) and cat4 (4 levels, one non-ASCII) with byte-order traps, integer
    frequency weights w in 0..3 (about 10% zero), an offset off, y with about 20% positives."""
    rng = np.random.default_rng(SEED)
    n = 3000
    cov = np.full((4, 4), 0.6) + 0.4 * np.eye(4)
    z = rng.multivariate_normal(np.zeros(4), cov, size=n)
    scale = np.array([1.0, 100.0, 0.1, 1.0])
    shift = np.array([0.0, 500.0, 0.0, 2.0])
    x = z * scale + shift
    x5 = x[:, 0] + 1e-4 * rng.standard_normal(n)
    cat3_levels = ["mid", "Low", "high"]          # byte order: Low < high < mid
    cat4_levels = ["basel", "Zürich", "Zug", "Bern"]  # byte order: Bern < Zug < Zürich < basel
    cat3 = rng.choice(cat3_levels, size=n, p=[0.5, 0.3, 0.2])
    cat4 = rng.choice(cat4_levels, size=n, p=[0.4, 0.25, 0.2, 0.15])
    eff3 = {"Low": 0.0, "high": 0.5, "mid": -0.4}
    eff4 = {"Bern": 0.0, "Zug": 0.3, "Zürich": -0.6, "basel": 0.2}
    eta = (0.8 * z[:, 0] - 0.5 * z[:, 1] + 0.3 * z[:, 2] + 0.2 * z[:, 3]
           + np.array([eff3[c] for c in cat3]) + np.array([eff4[c] for c in cat4]))
    b0 = scipy.optimize.brentq(lambda b: np.mean(1 / (1 + np.exp(-(b + eta)))) - 0.2, -10, 10)
    y = (rng.random(n) < 1 / (1 + np.exp(-(b0 + eta)))).astype(int)
    w = rng.choice([0, 1, 2, 3], size=n, p=[0.1, 0.5, 0.25, 0.15])
    off = np.round(0.5 * rng.standard_normal(n), 6)
    cols = ["x1", "x2", "x3", "x4", "x5", "cat3", "cat4", "w", "off", "y"]
    rows = [[x[i, 0], x[i, 1], x[i, 2], x[i, 3], x5[i], cat3[i], cat4[i], int(w[i]), float(off[i]), int(y[i])]
            for i in range(n)]
    write_csv("synthetic.csv", cols, rows)


def make_aliased():
    """200 rows: x1, x2; x1_copy == x1; const == 5; grp (3 levels); d1 + d2 + d3 == 1 (dummy trap)."""
    rng = np.random.default_rng(SEED + 1)
    n = 200
    x1 = np.round(rng.standard_normal(n), 6)
    x2 = np.round(rng.standard_normal(n), 6)
    grp = rng.choice(["a", "b", "c"], size=n)
    band = rng.choice([1, 2, 3], size=n)
    eta = -1.0 + 0.9 * x1 - 0.6 * x2 + np.where(grp == "b", 0.4, 0.0) + np.where(band == 3, -0.5, 0.0)
    y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(int)
    cols = ["x1", "x2", "x1_copy", "const", "grp", "d1", "d2", "d3", "y"]
    rows = [[float(x1[i]), float(x2[i]), float(x1[i]), 5.0, grp[i],
             int(band[i] == 1), int(band[i] == 2), int(band[i] == 3), int(y[i])] for i in range(n)]
    write_csv("aliased.csv", cols, rows)


def make_separation():
    """22 rows, quasi-complete separation on x: y = 0 for x < 0, y = 1 for x > 0, both outcomes at
    x = 0 (four tied rows); z is seeded noise (3 decimals)."""
    rng = np.random.default_rng(SEED + 2)
    x = [-3.1, -2.4, -2.0, -1.6, -1.3, -0.9, -0.7, -0.4, -0.2, 0.0, 0.0, 0.0, 0.0,
         0.3, 0.5, 0.8, 1.1, 1.4, 1.9, 2.2, 2.6, 3.0]
    y = [0] * 9 + [0, 1, 0, 1] + [1] * 9
    z = np.round(rng.standard_normal(len(x)), 3)
    write_csv("separation.csv", ["x", "z", "y"], [[x[i], float(z[i]), y[i]] for i in range(len(x))])


def make_ridge9():
    """9 rows, two numeric features; y not separable by them."""
    x1 = [-1.5, -1.0, -0.5, 0.0, 0.25, 0.5, 1.0, 1.5, 2.0]
    x2 = [0.3, -0.2, 1.1, 0.4, -0.7, 0.9, -1.2, 0.6, 0.1]
    y = [0, 0, 1, 0, 1, 0, 1, 1, 1]
    write_csv("ridge9.csv", ["x1", "x2", "y"], [[x1[i], x2[i], y[i]] for i in range(9)])


# ---------------------------------------------------------------- design

def byte_sorted(values):
    return sorted(set(values), key=lambda s: s.encode("utf-8"))


def design(df, features):
    """Treatment coding: (Intercept), then features in order; a categorical (text) column gives
    one column `F=L` per level but the first in byte-wise UTF-8 order."""
    names, cols, levels = ["(Intercept)"], [np.ones(len(df))], {}
    for f in features:
        col = df[f]
        if pd.api.types.is_numeric_dtype(col):
            names.append(f)
            cols.append(col.to_numpy(dtype=float))
        else:
            lv = byte_sorted(col.astype(str))
            levels[f] = lv
            for level in lv[1:]:
                names.append(f"{f}={level}")
                cols.append((col.astype(str) == level).to_numpy(dtype=float))
    return np.column_stack(cols), names, levels


def read(name):
    return pd.read_csv(os.path.join(HERE, name) if not os.path.isabs(name) else name,
                       keep_default_na=False, encoding="utf-8")


def r_aliased(X, tol=1e-7):
    """Columns that R's glm.fit would drop (its LINPACK dqrdc2 rule, here by Gram-Schmidt with
    reorthogonalisation in column order): a column is aliased when the norm of what is left after
    projecting out the kept columns before it is below tol times its own norm. R's own answer
    (r_reference.json) is asserted equal."""
    keep, basis = [], []
    for j in range(X.shape[1]):
        v = X[:, j].copy()
        norm0 = np.linalg.norm(v)
        for q in basis:
            v -= q * (q @ v)
        for q in basis:  # second pass for orthogonality
            v -= q * (q @ v)
        if norm0 > 0 and np.linalg.norm(v) > tol * norm0:
            basis.append(v / np.linalg.norm(v))
            keep.append(j)
    return [j not in keep for j in range(X.shape[1])]


# ---------------------------------------------------------------- solvers

def loglik(X, y, w, off, beta):
    """Sum of w_i [y_i eta_i - log(1 + exp(eta_i))], computed stably."""
    eta = X @ beta + off
    return float(np.sum(w * (y * eta - np.logaddexp(0.0, eta))))


def newton_ml(X, y, w, off, max_iter=100):
    """Independent maximum-likelihood check: Newton (= IRLS) steps solved by least squares on
    sqrt(W) X, until the largest step is below 1e-13 relative (then two more steps)."""
    beta = np.zeros(X.shape[1])
    extra, it = 0, 0
    for it in range(1, max_iter + 1):
        p = 1 / (1 + np.exp(-(X @ beta + off)))
        sw = np.sqrt(w * p * (1 - p))
        step = np.linalg.lstsq(X * sw[:, None], np.where(sw > 0, w * (y - p) / np.where(sw > 0, sw, 1), 0), rcond=None)[0]
        beta = beta + step
        if np.max(np.abs(step) / np.maximum(1, np.abs(beta))) < 1e-13 or extra:
            extra += 1
            if extra > 2:
                break
    return beta, it


def firth_fit(X, y, max_iter=200):
    """Firth's penalised likelihood l*(b) = l(b) + 1/2 log det(X'WX), solved by the modified-score
    Newton iteration b += (X'WX)^-1 X'(y - p + h (1/2 - p)) with step halving on l*, until the
    largest step is below 1e-13 relative (then two more steps). h: hat diagonal of W^1/2 X."""
    def pen(beta):
        p = 1 / (1 + np.exp(-(X @ beta)))
        r = np.linalg.qr(X * np.sqrt(p * (1 - p))[:, None], mode="r")
        return loglik(X, y, 1.0, 0.0, beta) + np.sum(np.log(np.abs(np.diag(r))))

    def modified_score(beta):
        p = 1 / (1 + np.exp(-(X @ beta)))
        W = p * (1 - p)
        q, r = np.linalg.qr(X * np.sqrt(W)[:, None])
        h = np.sum(q * q, axis=1)
        return X.T @ (y - p + h * (0.5 - p)), r

    beta = np.zeros(X.shape[1])
    extra, it = 0, 0
    for it in range(1, max_iter + 1):
        u, r = modified_score(beta)
        step = scipy.linalg.solve_triangular(r, scipy.linalg.solve_triangular(r, u, trans="T"))
        current = pen(beta)
        t = 1.0
        while pen(beta + t * step) < current - 1e-12 * abs(current) and t > 1e-6:
            t /= 2
        beta = beta + t * step
        if np.max(np.abs(step) / np.maximum(1, np.abs(beta))) < 1e-13 or extra:
            extra += 1
            if extra > 2:
                break
    return beta, it, pen(beta), modified_score(beta)[0]


def ridge_objective(X, y, w, beta, lam):
    """glmnet's objective for alpha = 0: -(1/sum w) sum w_i l_i + (lam/2) sum_{j>=1} beta_j^2."""
    return -loglik(X, y, w, 0.0, beta) / np.sum(w) + 0.5 * lam * np.sum(beta[1:] ** 2)


def ridge_newton(X, y, w, lam, max_iter=100):
    """Newton on the (strictly convex) ridge objective until the largest step is below 1e-13
    relative, then two more steps. Gradient -(1/n) X'W0(y - p) + lam P b, Hessian (1/n) X'W0 V X + lam P,
    with W0 the weights, V = diag(p(1-p)), P = diag(0, 1, ..., 1)."""
    n = np.sum(w)
    P = np.eye(X.shape[1])
    P[0, 0] = 0
    beta = np.zeros(X.shape[1])
    extra, it = 0, 0
    for it in range(1, max_iter + 1):
        p = 1 / (1 + np.exp(-(X @ beta)))
        g = -X.T @ (w * (y - p)) / n + lam * P @ beta
        H = (X.T * (w * p * (1 - p))) @ X / n + lam * P
        step = -np.linalg.solve(H, g)
        beta = beta + step
        if np.max(np.abs(step) / np.maximum(1, np.abs(beta))) < 1e-13 or extra:
            extra += 1
            if extra > 2:
                break
    p = 1 / (1 + np.exp(-(X @ beta)))
    g = -X.T @ (w * (y - p)) / n + lam * P @ beta
    return beta, it, float(np.max(np.abs(g)))


def ridge_scipy(X, y, w, lam):
    """Independent ridge check: scipy trust-exact on the same objective."""
    n = np.sum(w)
    P = np.eye(X.shape[1])
    P[0, 0] = 0

    def f(b):
        return ridge_objective(X, y, w, b, lam)

    def g(b):
        p = 1 / (1 + np.exp(-(X @ b)))
        return -X.T @ (w * (y - p)) / n + lam * P @ b

    def h(b):
        p = 1 / (1 + np.exp(-(X @ b)))
        return (X.T * (w * p * (1 - p))) @ X / n + lam * P

    r = scipy.optimize.minimize(f, np.zeros(X.shape[1]), jac=g, hess=h, method="trust-exact",
                                options={"gtol": 1e-15, "maxiter": 1000})
    return r.x


# ---------------------------------------------------------------- cases

SYN_FEATURES = ["x1", "x2", "x3", "x4", "x5", "cat3", "cat4"]
GERMAN_REL = "../../../../datasets/german-credit/german_credit.csv"
SYN_TEXT = ("3,000 seeded rows (numpy default_rng(20261129)): x1..x4 multivariate normal, correlation 0.6, "
            "scales 1, 100, 0.1, 1 and means 0, 500, 0, 2; x5 = x1 + 1e-4 N(0,1) (near-collinear, not aliased); "
            "cat3 levels Low/high/mid and cat4 levels Bern/Zug/Zürich/basel (byte-wise order, not locale order); "
            "intercept chosen for 20% expected positives")
GLM_CASES = [
    dict(case="synthetic", data="synthetic.csv", response="y", features=SYN_FEATURES, weights=None, offset=None,
         description=SYN_TEXT),
    dict(case="synthetic_weighted", data="synthetic.csv", response="y", features=SYN_FEATURES, weights="w",
         offset=None, description=SYN_TEXT + "; frequency weights w in {0,1,2,3}, about 10% zero"),
    dict(case="synthetic_offset", data="synthetic.csv", response="y", features=SYN_FEATURES, weights=None,
         offset="off", description=SYN_TEXT + "; offset off (N(0, 0.25), 6 decimals)"),
    dict(case="synthetic_weighted_offset", data="synthetic.csv", response="y", features=SYN_FEATURES,
         weights="w", offset="off", description=SYN_TEXT + "; frequency weights w and offset off together"),
    dict(case="aliased", data="aliased.csv", response="y",
         features=["x1", "x2", "x1_copy", "const", "grp", "d1", "d2", "d3"], weights=None, offset=None,
         description="200 seeded rows: x1_copy duplicates x1, const is 5 everywhere (collinear with the "
                     "intercept), d1 + d2 + d3 = 1 (dummy trap); R glm aliases x1_copy, const and d3"),
    dict(case="german", data=GERMAN_REL, response="creditability", features=None, weights=None, offset=None,
         description="UCI Statlog German credit (datasets/german-credit), all 20 features, creditability 1 = bad"),
]
FIRTH_CASES = [
    dict(case="separation", data="separation.csv", response="y", features=["x", "z"],
         description="22 rows with quasi-complete separation on x (y = 0 below 0, y = 1 above, both at 0) "
                     "and seeded noise z; the ML estimate of x is +infinity and R's glm warns"),
    dict(case="endometrial", data="endometrial.csv", response="HG", features=["NV", "PI", "EH"],
         description="endometrial cancer data of Heinze & Schemper (2002), 79 rows, as shipped in R brglm2 "
                     "(data(endometrial)); NV = 1 implies HG = 1 (quasi-complete separation)"),
]
RIDGE_CASES = [
    dict(case="ridge9", data="ridge9.csv", response="y", features=["x1", "x2"], lambdas=[1.0, 0.1, 0.01, 0.001],
         description="9 hand-made rows, two numeric features, not separable"),
    dict(case="ridge_synthetic", data="synthetic.csv", response="y", features=SYN_FEATURES,
         lambdas=[0.1, 0.01, 0.001, 0.0001], description=SYN_TEXT),
]
PUBLISHED_ENDOMETRIAL = {  # Heinze & Schemper (2002), Firth estimates, 2 decimals (see README.md)
    "(Intercept)": 3.77, "NV": 2.93, "PI": -0.03, "EH": -2.60}


def load_case(c):
    df = read(GERMAN if c["data"] == GERMAN_REL else c["data"])
    features = c["features"] or [f for f in df.columns if f != c["response"]]
    X, names, levels = design(df, features)
    y = df[c["response"]].to_numpy(dtype=float)
    w = df[c["weights"]].to_numpy(dtype=float) if c.get("weights") else np.ones(len(df))
    off = df[c["offset"]].to_numpy(dtype=float) if c.get("offset") else np.zeros(len(df))
    return df, features, X, names, levels, y, w, off


def masked(values, aliased):
    """Values for the non-aliased columns spread over all columns, None where aliased."""
    it = iter(values)
    return [None if a else float(next(it)) for a in aliased]


def rel_diff(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-300))) if a.size else 0.0


def abs_diff(a, b):
    return float(np.max(np.abs(np.asarray(a, float) - np.asarray(b, float))))


def header(c, features, names, levels, n_rows):
    return {
        "case": c["case"], "description": c["description"], "data": c["data"], "response": c["response"],
        "weights": c.get("weights"), "offset": c.get("offset"), "features": features,
        "categorical_levels": levels, "columns": names, "n_rows": n_rows,
    }


def wald(beta, se):
    z = beta / se
    return z, 2 * scipy.stats.norm.sf(np.abs(z)), beta - Z975 * se, beta + Z975 * se


# ---------------------------------------------------------------- maximum likelihood

def f(v):
    return float(v)


def fl(vs):
    return [float(v) for v in vs]


def glm_case(c, rref):
    df, features, X, names, levels, y, w, off = load_case(c)
    weighted, offset = c["weights"] is not None, c["offset"] is not None
    aliased = r_aliased(X[w > 0] * np.sqrt(w[w > 0])[:, None])
    keep = [j for j, a in enumerate(aliased) if not a]
    Xk = X[:, keep]
    model = sm.GLM(y, Xk, family=sm.families.Binomial(), freq_weights=w if weighted else None,
                   offset=off if offset else None)
    res = model.fit(method="IRLS", tol=1e-12, maxiter=200)
    beta, eta, _, info, polish = hp.solve(Xk, y, w, off, res.params)
    se, z, pv, lo, hi = hp.wald(beta, info)
    rank, n_obs, sum_w = len(keep), int(np.sum(w > 0)), float(np.sum(w))
    ll, llnull = hp.loglik(eta, [hp.mp.mpf(v) for v in y], [hp.mp.mpf(v) for v in w]), hp.null_loglik(y, w, off)
    lr = 2 * (ll - llnull)
    out = header(c, features, names, levels, len(df))
    out.update({
        "aliased": aliased,
        "coefficients": masked(beta, aliased), "standard_errors": masked(se, aliased),
        "z_values": masked(z, aliased), "p_values": masked(pv, aliased),
        "ci_lower": masked(lo, aliased), "ci_upper": masked(hi, aliased),
        "n_obs": n_obs, "sum_weights": sum_w, "rank": rank,
        "log_likelihood": f(ll), "null_log_likelihood": f(llnull),
        "deviance": f(-2 * ll), "null_deviance": f(-2 * llnull),
        "aic": f(-2 * ll + 2 * rank), "bic": f(-2 * ll + rank * hp.mp.log(n_obs)),
        "bic_sum_weights": f(-2 * ll + rank * hp.mp.log(sum_w)),
        "lr_statistic": f(lr), "lr_df": rank - 1, "lr_p_value": f(hp.chi2_sf(lr, rank - 1)),
        "df_model": rank - 1, "df_resid": n_obs - rank, "df_resid_sum_weights": sum_w - rank,
        "iterations": int(res.fit_history["iteration"]), "converged": bool(res.converged),
        "tool": {"name": "statsmodels GLM(family=Binomial()) IRLS, then Newton in 50-digit arithmetic (mpmath)",
                 "version": f"statsmodels {statsmodels.__version__}, mpmath {hp.mp.__version__}",
                 "settings": "GLM.fit(method='IRLS', tol=1e-12); the estimate refined by Newton steps in 50 digits "
                             f"({polish} steps) to the exact optimum; every value computed in 50 digits and rounded; "
                             "'iterations' and 'converged' are statsmodels' IRLS ones"},
    })
    ref = np.array([f(b) for b in beta])
    check = {"statsmodels_glm": {
        "version": statsmodels.__version__, "settings": "GLM.fit(method='IRLS', tol=1e-12)",
        "max_rel_diff_coefficients": rel_diff(res.params, ref),
        "max_rel_diff_standard_errors": rel_diff(res.bse, fl(se)),
        "rel_diff_log_likelihood": rel_diff(res.llf, f(ll)), "rel_diff_null_log_likelihood": rel_diff(res.llnull, f(llnull)),
        "rel_diff_bic_llf_vs_bic_sum_weights": rel_diff(res.bic_llf, out["bic_sum_weights"]),
        "df_resid": float(res.df_resid)}}
    nb, nit = newton_ml(Xk, y, w, off)
    check["numpy_newton"] = {"what": "Newton/IRLS by least squares on sqrt(W)X", "iterations": nit,
                             "max_rel_diff_coefficients": rel_diff(nb, ref)}
    if not weighted:
        lg = sm.Logit(y, Xk, offset=off if offset else None).fit(method="newton", tol=1e-12, maxiter=200, disp=0)
        check["statsmodels_logit"] = {"version": statsmodels.__version__,
                                      "settings": "Logit.fit(method='newton', tol=1e-12)",
                                      "iterations": int(lg.mle_retvals["iterations"]),
                                      "max_rel_diff_coefficients": rel_diff(lg.params, ref),
                                      "max_rel_diff_standard_errors": rel_diff(lg.bse, fl(se)),
                                      "rel_diff_log_likelihood": rel_diff(lg.llf, f(ll))}
    r = rref.get(c["case"]) if rref else None
    if r:
        assert r["columns"] == names, (c["case"], r["columns"], names)
        assert r["aliased"] == aliased, (c["case"], r["aliased"], aliased)
        assert r["df_resid"] == out["df_resid"], (c["case"], r["df_resid"], out["df_resid"])
        rb = [b for b in r["coefficients"] if b is not None]
        rs = [s for s in r["standard_errors"] if s is not None]
        check["r_glm"] = {"version": r["version"], "settings": r["settings"], "iterations": r["iterations"],
                          "aliased_agree": True, "df_resid_agree": True, "warnings": r["warnings"],
                          "max_rel_diff_coefficients": rel_diff(rb, ref),
                          "max_rel_diff_standard_errors": rel_diff(rs, fl(se)),
                          "rel_diff_deviance": rel_diff(r["deviance"], out["deviance"]),
                          "rel_diff_null_deviance": rel_diff(r["null_deviance"], out["null_deviance"]),
                          "rel_diff_aic": rel_diff(r["aic"], out["aic"]),
                          "nobs": r["nobs"], "bic": r["bic"],
                          "note": "R's BIC() takes n from logLik(): all rows, zero-weight ones included; "
                                  "nobs() counts the non-zero-weight rows"}
    out["crosscheck"] = check
    return out


# ---------------------------------------------------------------- Firth

def firth_case(c, rref):
    df, features, X, names, levels, y, w, off = load_case(c)
    b0, it, _, _ = firth_fit(X, y)
    beta, eta, _, info, polish = hp.solve(X, y, 1.0, 0.0, b0, firth=True)
    se, z, pv, lo, hi = hp.wald(beta, info)
    ll = hp.loglik(eta, [hp.mp.mpf(v) for v in y], [hp.mp.mpf(1)] * len(y))
    ref = np.array([f(b) for b in beta])
    out = header(c, features, names, levels, len(df))
    out.update({
        "aliased": [False] * len(names),
        "coefficients": fl(beta), "standard_errors": fl(se), "z_values": fl(z), "p_values": fl(pv),
        "ci_lower": fl(lo), "ci_upper": fl(hi), "n_obs": len(df), "rank": len(names),
        "log_likelihood": f(ll), "penalized_log_likelihood": f(ll + hp.log_det(info) / 2),
        "iterations": it, "converged": True,
        "tool": {"name": "Firth's penalised likelihood: numpy modified-score iteration (this script, firth_fit), "
                         "then the same iteration in 50-digit arithmetic (mpmath)",
                 "version": f"numpy {np.__version__}, mpmath {hp.mp.__version__}",
                 "settings": f"to a 1e-13 relative step in double ({it} iterations, reported as 'iterations'), then "
                             f"{polish} steps in 50 digits; standard errors sqrt(diag((X'WX)^-1)) at the estimate; "
                             "Wald z, normal p-values and 95% intervals (logistf's default intervals and p-values "
                             "are profile penalised-likelihood ones instead)"},
    })

    def negpen(b):
        q = 1 / (1 + np.exp(-(X @ b)))
        r = np.linalg.qr(X * np.sqrt(q * (1 - q))[:, None], mode="r")
        return -(loglik(X, y, 1.0, 0.0, b) + np.sum(np.log(np.abs(np.diag(r)))))

    def negscore(b):
        q = 1 / (1 + np.exp(-(X @ b)))
        qq, _ = np.linalg.qr(X * np.sqrt(q * (1 - q))[:, None])
        h = np.sum(qq * qq, axis=1)
        return -(X.T @ (y - q + h * (0.5 - q)))

    sb = scipy.optimize.minimize(negpen, np.zeros(len(ref)), jac=negscore, method="BFGS",
                                 options={"gtol": 1e-12, "maxiter": 10000}).x
    check = {"numpy_firth": {"iterations": it, "max_rel_diff_coefficients": rel_diff(b0, ref)},
             "scipy_bfgs": {"what": "scipy BFGS on the negative penalised log-likelihood, gtol 1e-12",
                            "version": scipy.__version__, "max_rel_diff_coefficients": rel_diff(sb, ref)}}
    r = rref.get(c["case"]) if rref else None
    if r:
        check["r_brglm2"] = {"version": r["version"], "settings": r["settings"], "iterations": r["iterations"],
                             "max_rel_diff_coefficients": rel_diff(r["coefficients"], ref),
                             "max_rel_diff_standard_errors": rel_diff(r["standard_errors"], fl(se))}
        out["ml_fit_r_glm"] = r["ml"]
    if c["case"] == "endometrial":
        pub = [PUBLISHED_ENDOMETRIAL[n] for n in names]
        check["published"] = {"source": "Heinze & Schemper (2002), Statistics in Medicine 21:2409-2419, "
                                        "Firth estimates for the endometrial data, 2 decimals (see README.md)",
                              "values": dict(zip(names, pub)),
                              "agree_to_2_decimals": bool(np.all(np.round(ref, 2) == np.array(pub)))}
    out["crosscheck"] = check
    return out


# ---------------------------------------------------------------- ridge

def ridge_case(c, rref):
    df, features, X, names, levels, y, w, off = load_case(c)
    r = rref.get(c["case"]) if rref else None
    path, sc, gl = [], [], []
    for k, lam in enumerate(c["lambdas"]):
        b0, it, _ = ridge_newton(X, y, w, lam)
        beta, eta, _, _, polish = hp.solve(X, y, w, 0.0, b0, lam=lam)
        ll = hp.loglik(eta, [hp.mp.mpf(v) for v in y], [hp.mp.mpf(v) for v in w])
        ref = np.array([f(b) for b in beta])
        obj = -ll / float(np.sum(w)) + hp.mp.mpf(lam) / 2 * hp.mp.fsum(b * b for b in beta[1:])
        path.append({"lambda": lam, "coefficients": fl(beta), "objective": f(obj), "log_likelihood": f(ll),
                     "deviance": f(-2 * ll), "iterations": it})
        sc.append(rel_diff(ridge_scipy(X, y, w, lam), ref))
        if r:
            gl.append(rel_diff(r["path"][k]["coefficients"], ref))
    out = header(c, features, names, levels, len(df))
    out.update({
        "objective": "-(1/n) sum_i [y_i eta_i - log(1 + exp(eta_i))] + (lambda/2) sum_{j>=1} beta_j^2 "
                     "(glmnet, alpha = 0, standardize = FALSE, intercept unpenalised)",
        "n_obs": len(df), "path": path,
        "tool": {"name": "Newton on the exact objective: numpy (this script, ridge_newton), then 50-digit mpmath",
                 "version": f"numpy {np.__version__}, mpmath {hp.mp.__version__}",
                 "settings": "double-precision Newton to a 1e-13 relative step ('iterations'), then Newton in 50 digits"},
        "crosscheck": {"scipy_trust_exact": {"version": scipy.__version__,
                                             "settings": "minimize(method='trust-exact', gtol=1e-15)",
                                             "max_rel_diff_coefficients_per_lambda": sc}},
    })
    if r:
        out["crosscheck"]["r_glmnet"] = {"version": r["version"], "settings": r["settings"],
                                         "max_rel_diff_coefficients_per_lambda": gl}
    return out


# ---------------------------------------------------------------- main

def run_r():
    manifest = {"glm": GLM_CASES, "firth": FIRTH_CASES, "ridge": RIDGE_CASES, "german": GERMAN}
    path = os.path.join(HERE, "r_manifest.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1, ensure_ascii=False)
    try:
        subprocess.run(["Rscript", "make_reference.R", "r_manifest.json", "r_reference.json"], cwd=HERE, check=True)
    finally:
        os.remove(path)


def write_json(name, obj):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1, ensure_ascii=False, allow_nan=False)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--skip-r", action="store_true", help="reuse r_reference.json instead of running Rscript")
    args = ap.parse_args()
    make_synthetic()
    make_aliased()
    make_separation()
    make_ridge9()
    if not args.skip_r:
        run_r()
    with open(os.path.join(HERE, "r_reference.json"), encoding="utf-8") as f:
        rref = json.load(f)
    env = {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__,
           "pandas": pd.__version__, "statsmodels": statsmodels.__version__, "R": rref.get("_R", {})}
    for c in GLM_CASES:
        write_json(c["case"] + ".json", dict(glm_case(c, rref), environment=env))
    for c in FIRTH_CASES:
        write_json(c["case"] + ".json", dict(firth_case(c, rref), environment=env))
    for c in RIDGE_CASES:
        write_json(c["case"] + ".json", dict(ridge_case(c, rref), environment=env))


if __name__ == "__main__":
    warnings.simplefilter("ignore", category=FutureWarning)
    main()
