#!/usr/bin/env python3
"""Times the Python peers of Solvent's logistic regression on make_data.py's files.

    python3 peers.py DIR [--repeats 3] [--out DIR/peers.json] [--only sklearn|statsmodels]

  scikit-learn  LogisticRegression(solver="lbfgs") without penalty, at its default tol (1e-4) and max_iter
                (100) as the issue states the peer; --sklearn-tol/--sklearn-max-iter tighten it:
                C=np.inf from scikit-learn 1.8 on (where penalty= is deprecated), penalty=None before;
                fit(X, y) timed, X given in C (row-major) order, the layout its fit converts to (the
                conversion, a copy of X, is made before the timing).
  statsmodels   Logit(y, add_constant(X)).fit(method="newton", tol=1e-10, disp=0): the model and
                the fit timed; add_constant (the design with its intercept column) is built before,
                as Solvent builds its design outside the timing. X is kept column-major as in the file
                (statsmodels' Hessian X'diag(w)X is about 9x slower on a row-major X).

Data loading is not timed. Each is run --repeats times; peers.json records every wall-clock time
(and the process CPU time), the median, the coefficients (intercept first) of the last run, iterations, convergence, the
log-likelihood at each tool's estimate, the versions and the BLAS threads (threadpoolctl).
"""
import argparse
import json
import os
import statistics
import time
import warnings

import numpy as np


def load(d):
    with open(os.path.join(d, "meta.json")) as fh:
        meta = json.load(fh)
    n, p = meta["rows"], meta["cols"]
    X = np.fromfile(os.path.join(d, "X.f64"), dtype="<f8").reshape(p, n).T  # column-major file: an F-ordered view
    y = np.fromfile(os.path.join(d, "y.f64"), dtype="<f8")
    assert X.shape == (n, p) and y.shape == (n,)
    return meta, X, y


def loglik(X, y, coef):
    eta = coef[0] + X @ coef[1:]
    return float(np.sum(y * eta - np.logaddexp(0.0, eta)))


def run_sklearn(X, y, repeats, tol=1e-4, max_iter=100):
    import sklearn
    from sklearn.linear_model import LogisticRegression
    major, minor = (int(v) for v in sklearn.__version__.split(".")[:2])
    no_penalty = {"C": np.inf} if (major, minor) >= (1, 8) else {"penalty": None}
    spelling = "C=np.inf" if "C" in no_penalty else "penalty=None"
    X = np.ascontiguousarray(X)
    times, cpu, model, caught = [], [], None, []
    for _ in range(repeats):
        model = LogisticRegression(solver="lbfgs", max_iter=max_iter, tol=tol, **no_penalty)
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            t0, c0 = time.perf_counter(), time.process_time()
            model.fit(X, y)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        caught = [str(x.message).splitlines()[0] for x in w]
    coef = np.concatenate([model.intercept_, model.coef_.ravel()])
    return {"tool": "scikit-learn", "version": sklearn.__version__,
            "call": f'LogisticRegression({spelling}, solver="lbfgs", max_iter={max_iter}, tol={tol}).fit(X, y)',
            "seconds": times, "median_seconds": statistics.median(times), "cpu_seconds": cpu,
            "iterations": int(model.n_iter_[0]), "converged": int(model.n_iter_[0]) < max_iter,
            "warnings": caught, "coefficients": coef.tolist(), "log_likelihood": loglik(X, y, coef)}


def run_statsmodels(X, y, repeats):
    import statsmodels
    import statsmodels.api as sm
    Xc = sm.add_constant(X, prepend=True)
    times, cpu, res = [], [], None
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        res = sm.Logit(y, Xc).fit(method="newton", tol=1e-10, maxiter=100, disp=0)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    coef = np.asarray(res.params)
    return {"tool": "statsmodels", "version": statsmodels.__version__,
            "call": 'Logit(y, add_constant(X)).fit(method="newton", tol=1e-10, disp=0)',
            "seconds": times, "median_seconds": statistics.median(times), "cpu_seconds": cpu,
            "iterations": int(res.mle_retvals["iterations"]), "converged": bool(res.mle_retvals["converged"]),
            "coefficients": coef.tolist(), "log_likelihood": loglik(X, y, coef)}


def main():
    ap = argparse.ArgumentParser(description="time scikit-learn and statsmodels logistic fits")
    ap.add_argument("dir")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--out")
    ap.add_argument("--only", choices=["sklearn", "statsmodels"])
    ap.add_argument("--sklearn-tol", type=float, default=1e-4)
    ap.add_argument("--sklearn-max-iter", type=int, default=100)
    a = ap.parse_args()
    meta, X, y = load(a.dir)
    try:
        from threadpoolctl import threadpool_info
        blas = [{k: i.get(k) for k in ("internal_api", "num_threads", "version", "architecture")}
                for i in threadpool_info() if i.get("user_api") == "blas"]
    except ImportError:
        blas = []
    out = {"rows": meta["rows"], "cols": meta["cols"], "seed": meta["seed"], "repeats": a.repeats,
           "numpy": np.__version__, "blas": blas, "cores": os.cpu_count(),
           "load_average_at_start": list(os.getloadavg()), "peers": {}}
    if a.only != "statsmodels":
        out["peers"]["sklearn"] = run_sklearn(X, y, a.repeats, tol=a.sklearn_tol, max_iter=a.sklearn_max_iter)
    if a.only != "sklearn":
        out["peers"]["statsmodels"] = run_statsmodels(X, y, a.repeats)
    out["load_average_at_end"] = list(os.getloadavg())
    path = a.out or os.path.join(a.dir, "peers.json")
    with open(path, "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")
    for name, r in out["peers"].items():
        print(f"{name:12s} median {r['median_seconds']:.2f} s of {['%.2f' % t for t in r['seconds']]} "
              f"(CPU {['%.2f' % t for t in r['cpu_seconds']]}), "
              f"{r['iterations']} iterations, log-likelihood {r['log_likelihood']:.6f}")


if __name__ == "__main__":
    main()
