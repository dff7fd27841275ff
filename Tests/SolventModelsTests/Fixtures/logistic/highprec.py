"""50-digit solvers for the logistic fixtures (used by make_reference.py).

Every reference value in the JSON files is the exact optimum of its objective for the data as
written in the CSV (parsed to the nearest double), found by Newton iterations in 50-digit
arithmetic (mpmath) started from the double-precision estimate, then rounded to double. The
double-precision tools (statsmodels, R, numpy, scipy) are the cross-checks.

    ML      maximise  l(b) = sum_i w_i [y_i eta_i - log(1 + exp(eta_i))],  eta = X b + offset
    ridge   minimise  -(1/sum w) l(b) + (lambda/2) sum_{j>=1} b_j^2       (glmnet, alpha = 0)
    Firth   maximise  l(b) + 1/2 log det(X'WX),  W = diag(w p (1 - p))    (Firth 1993)
"""
import mpmath as mp

mp.mp.dps = 50


def _columns(X):
    return [[mp.mpf(float(v)) for v in X[:, j]] for j in range(X.shape[1])]


def _vec(a, n=None):
    return [mp.mpf(float(v)) for v in a] if n is None else [mp.mpf(float(a))] * n


def _state(cols, y, w, off, beta):
    n = len(y)
    eta = [off[i] + mp.fsum(cols[j][i] * beta[j] for j in range(len(beta))) for i in range(n)]
    p = [1 / (1 + mp.exp(-e)) for e in eta]
    return eta, p


def _gram(cols, weights):
    k = len(cols)
    H = mp.matrix(k, k)
    for a in range(k):
        wa = [weights[i] * cols[a][i] for i in range(len(weights))]
        for b in range(a, k):
            H[a, b] = H[b, a] = mp.fdot(wa, cols[b])
    return H


def loglik(eta, y, w):
    return mp.fsum(w[i] * (y[i] * eta[i] - mp.log1p(mp.exp(eta[i]))) for i in range(len(y)))


def solve(X, y, w, off, beta0, lam=0.0, firth=False, max_iter=200):
    """Newton (ML, ridge) or Firth's modified-score iteration from beta0 until the largest step is
    below 1e-40 relative. Returns (beta, eta, p, information X'WX, iterations) in 50 digits."""
    cols, yv = _columns(X), _vec(y)
    wv = _vec(w) if hasattr(w, "__len__") else _vec(w, len(yv))
    ov = _vec(off) if hasattr(off, "__len__") else _vec(off, len(yv))
    beta = [mp.mpf(float(b)) for b in beta0]
    k, n_w = len(beta), mp.fsum(wv)
    for it in range(1, max_iter + 1):
        eta, p = _state(cols, yv, wv, ov, beta)
        W = [wv[i] * p[i] * (1 - p[i]) for i in range(len(yv))]
        info = _gram(cols, W)
        r = [wv[i] * (yv[i] - p[i]) for i in range(len(yv))]
        if firth:
            inv = info ** -1
            h = [W[i] * mp.fsum(cols[a][i] * inv[a, b] * cols[b][i] for a in range(k) for b in range(k))
                 for i in range(len(yv))]
            r = [r[i] + h[i] * (mp.mpf("0.5") - p[i]) for i in range(len(yv))]
        g = mp.matrix([mp.fdot(cols[j], r) for j in range(k)])
        H = info.copy()
        if lam:
            for j in range(1, k):
                g[j] -= n_w * lam * beta[j]
                H[j, j] += n_w * lam
        step = mp.lu_solve(H, g)
        beta = [beta[j] + step[j] for j in range(k)]
        if max(abs(step[j]) / max(1, abs(beta[j])) for j in range(k)) < mp.mpf("1e-40"):
            break
    eta, p = _state(cols, yv, wv, ov, beta)
    W = [wv[i] * p[i] * (1 - p[i]) for i in range(len(yv))]
    return beta, eta, p, _gram(cols, W), it


def null_loglik(y, w, off):
    """Intercept-only maximum likelihood (with the offset), 50 digits."""
    import numpy as np
    X = np.ones((len(y), 1))
    beta, eta, _, _, _ = solve(X, y, w, off, [0.0])
    return loglik(eta, _vec(y), _vec(w) if hasattr(w, "__len__") else _vec(w, len(y)))


def wald(beta, info):
    """Standard errors sqrt(diag(info^-1)), z, two-sided normal p-values, 95% Wald intervals."""
    inv = info ** -1
    z975 = mp.sqrt(2) * mp.erfinv(mp.mpf("0.95"))
    se = [mp.sqrt(inv[j, j]) for j in range(len(beta))]
    z = [beta[j] / se[j] for j in range(len(beta))]
    pv = [mp.erfc(abs(v) / mp.sqrt(2)) for v in z]
    return se, z, pv, [b - z975 * s for b, s in zip(beta, se)], [b + z975 * s for b, s in zip(beta, se)]


def chi2_sf(x, df):
    return mp.gammainc(mp.mpf(df) / 2, mp.mpf(x) / 2, mp.inf, regularized=True)


def log_det(info):
    return mp.log(mp.det(info))
