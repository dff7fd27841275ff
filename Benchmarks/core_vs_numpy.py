#!/usr/bin/env python3
"""Numeric core against numpy, side by side in one run.

gemm 2000 x 2000, X^T W X for X 1,000,000 x 32, and NIST StRD LRE (Solvent's
weighted least squares against numpy.linalg.lstsq). Same data for X^T W X
(written once, read by both); medians of REPEATS runs. Run through
Benchmarks/run-core.sh, which builds the release binary first.
"""
import json, os, subprocess, sys, tempfile, time
import numpy as np

BENCH = sys.argv[1] if len(sys.argv) > 1 else ".build/release/solvent-bench"
REPEATS = int(os.environ.get("REPEATS", "5"))
HERE = os.path.dirname(os.path.abspath(__file__))
NIST = os.path.join(HERE, "..", "Tests", "SolventNumericsTests", "Fixtures", "nist-strd")

def median_time(f, repeats=REPEATS):
    f()
    ts = []
    for _ in range(repeats):
        t0 = time.perf_counter(); f(); ts.append(time.perf_counter() - t0)
    return float(np.median(ts))

def run_bench(*args):
    out = subprocess.run([BENCH, *map(str, args)], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])

def blas_info():
    try:
        from threadpoolctl import threadpool_info
        return "; ".join(f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')} threads={i.get('num_threads')}"
                         for i in threadpool_info())
    except Exception:
        return "threadpoolctl not installed"

def main():
    print(f"numpy {np.__version__}; numpy BLAS: {blas_info()}")
    rows = []
    # gemm
    n = 2000
    rng = np.random.default_rng(1)
    a, b = rng.random((n, n)), rng.random((n, n))
    t_np = median_time(lambda: a @ b)
    sv = run_bench("gemm", n, REPEATS)
    print(f"Solvent BLAS: {sv['blas']} threads={sv['threads']}")
    rows.append(("gemm 2000x2000", sv["seconds"], t_np))
    # X^T W X
    m, p = 1_000_000, 32
    x = rng.standard_normal((m, p))
    w = rng.random(m)
    with tempfile.TemporaryDirectory() as d:
        xf, wf, gf = (os.path.join(d, f) for f in ("x.bin", "w.bin", "g.bin"))
        np.asfortranarray(x).T.tofile(xf)  # column-major bytes
        w.tofile(wf)
        sv = run_bench("gram", xf, wf, m, p, REPEATS, gf)
        g_solvent = np.fromfile(gf).reshape(p, p).T
    g_ref = x.T @ (x * w[:, None])
    t_np_c = median_time(lambda: x.T @ (x * w[:, None]))
    xf_order = np.asfortranarray(x)
    t_np_f = median_time(lambda: xf_order.T @ (xf_order * w[:, None]))
    t_np = min(t_np_c, t_np_f)
    diff = float(np.max(np.abs(g_solvent - g_ref)) / np.max(np.abs(g_ref)))
    rows.append(("X^T W X 1e6x32", sv["seconds"], t_np))
    print(f"X^T W X: max relative difference Solvent vs numpy {diff:.2e}; numpy best of C-order {t_np_c*1e3:.1f} ms, F-order {t_np_f*1e3:.1f} ms")
    print()
    print(f"{'work':<18}{'Solvent':>12}{'numpy':>12}{'numpy/Solvent':>15}")
    for name, ts, tn in rows:
        print(f"{name:<18}{ts*1e3:>10.1f}ms{tn*1e3:>10.1f}ms{tn/ts:>14.2f}x")
    # NIST StRD
    print()
    sv = run_bench("nist", NIST)
    print(f"{'NIST set':<10}{'Solvent LRE':>13}{'numpy lstsq LRE':>17}")
    for entry in sv["table"]:
        d = json.load(open(os.path.join(NIST, entry["set"] + ".json")))
        xx = np.array(d["x"], dtype=float)
        X = np.vander(xx, len(d["beta"]), increasing=True) if xx.ndim == 1 else np.column_stack([np.ones(len(xx)), xx])
        beta = np.linalg.lstsq(X, np.array(d["y"]), rcond=None)[0]
        cert = np.array(d["beta"])
        with np.errstate(divide="ignore"):
            lre = np.minimum(15, np.maximum(0, -np.log10(np.abs(beta - cert) / np.abs(cert))))
        print(f"{entry['set']:<10}{entry['min_lre']:>13.1f}{lre.min():>17.1f}")

if __name__ == "__main__":
    main()
