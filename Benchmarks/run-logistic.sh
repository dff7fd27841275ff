#!/usr/bin/env bash
# Logistic regression fit side by side (DESIGN.md goal for 1,000,000 × 32: at least 2× faster than
# scikit-learn, coefficients within 1e-6 of statsmodels):
#   Solvent:      `solvent-bench logistic --data DIR --repeats N` (release build), which prints one JSON
#                 object {"seconds": [...], "coefficients": [intercept first], "iterations": N, ...};
#   scikit-learn: LogisticRegression without penalty, lbfgs, its default tol 1e-4 and max_iter 100 as the issue
#                 names the peer (SKLEARN_TOL, SKLEARN_MAX_ITER tighten it);
#   statsmodels:  Logit(y, add_constant(X)).fit(method="newton", tol=1e-10)
#                 (Benchmarks/logistic/peers.py; data loading is not timed by any of the three).
# The data: Benchmarks/logistic/make_data.py, seeded, ~20% positives, correlated columns (0.5) whose scales span
# one scale (unit; SCALE_DECADES widens it), written once as raw float64 files (X column-major, y) with meta.json into a temporary folder.
# Prints the median seconds, the ratio of each to Solvent, and each tool's largest absolute and relative
# coefficient difference against statsmodels.
# Settings: ROWS (1000000), COLS (32), SEED (20261129), REPEATS (3); SCRATCH_PATH, if set, is passed to
# swift build as --scratch-path; SOLVENT_BENCH, if set, is the solvent-bench binary to use (no build). The data take ROWS × (COLS + 1) × 8 bytes (264 MB by default).
# Needs: Swift, python3 with numpy, scipy, scikit-learn, statsmodels, threadpoolctl (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
COLS=${COLS:-32}
SEED=${SEED:-20261129}
REPEATS=${REPEATS:-3}
bash scripts/setup.sh
python3 -c "import numpy, scipy, sklearn, statsmodels, threadpoolctl" 2>/dev/null ||
  python3 -m pip install -q numpy scipy scikit-learn statsmodels threadpoolctl
if [ -n "${SOLVENT_BENCH:-}" ]; then
  BIN=$SOLVENT_BENCH # a solvent-bench built elsewhere: no build here
else
  SCRATCH=()
  [ -n "${SCRATCH_PATH:-}" ] && SCRATCH=(--scratch-path "$SCRATCH_PATH")
  swift build -c release --product solvent-bench "${SCRATCH[@]}"
  BIN="$(swift build -c release "${SCRATCH[@]}" --show-bin-path)/solvent-bench"
fi
WORK=$(mktemp -d /tmp/solvent-logistic.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

echo "== data: $ROWS rows × $COLS columns, seed $SEED; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 Benchmarks/logistic/make_data.py --rows "$ROWS" --cols "$COLS" --seed "$SEED" \
  --scale-decades "${SCALE_DECADES:-0}" --out "$WORK"

echo
echo "== Solvent: solvent-bench logistic --data DIR --repeats $REPEATS"
SOLVENT=ok
if ! "$BIN" logistic --data "$WORK" --repeats "$REPEATS" > "$WORK/solvent.json" 2> "$WORK/solvent.err"; then
  if grep -q "unknown benchmark" "$WORK/solvent.err"; then
    SOLVENT=missing
    echo "MISSING: this solvent-bench has no 'logistic' command (it answered: $(head -1 "$WORK/solvent.err"))."
    echo "         The peers still run below; Solvent's column stays empty until the command exists."
  else
    SOLVENT=failed
    echo "FAILED: solvent-bench logistic exited with an error:"
    sed 's/^/  /' "$WORK/solvent.err"
  fi
elif ! python3 -c 'import json, sys; json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])' "$WORK/solvent.json" 2>/dev/null; then
  SOLVENT=failed
  echo "FAILED: solvent-bench logistic printed no JSON object on standard output:"
  sed 's/^/  /' "$WORK/solvent.json" "$WORK/solvent.err"
fi

echo
echo "== peers: Benchmarks/logistic/peers.py (scikit-learn, statsmodels), $REPEATS runs each"
python3 Benchmarks/logistic/peers.py "$WORK" --repeats "$REPEATS" --out "$WORK/peers.json" \
  --sklearn-tol "${SKLEARN_TOL:-1e-4}" --sklearn-max-iter "${SKLEARN_MAX_ITER:-100}"

python3 - "$WORK" "$SOLVENT" <<'PY'
import json, statistics, sys
import numpy as np
work, solvent_state = sys.argv[1], sys.argv[2]
peers = json.load(open(f"{work}/peers.json"))
sm = np.array(peers["peers"]["statsmodels"]["coefficients"])
rows = []
if solvent_state == "ok":
    s = json.loads(open(f"{work}/solvent.json").read().strip().splitlines()[-1])
    rows.append(("Solvent", statistics.median(s["seconds"]), s.get("iterations"), np.array(s["coefficients"], float)))
sk = peers["peers"]["sklearn"]
rows.append((f"scikit-learn {sk['version']}", sk["median_seconds"], sk["iterations"], np.array(sk["coefficients"])))
st = peers["peers"]["statsmodels"]
rows.append((f"statsmodels {st['version']}", st["median_seconds"], st["iterations"], sm))
base = rows[0][1] if solvent_state == "ok" else None
print()
print(f"logistic fit, {peers['rows']:,} rows × {peers['cols']} columns + intercept, median of {peers['repeats']} runs")
print(f"  {'':22s} {'seconds':>9s} {'× Solvent':>10s} {'iterations':>11s} {'max |Δβ| vs sm':>16s} {'max rel Δβ vs sm':>17s}")
for name, sec, it, b in rows:
    ratio = f"{sec / base:10.2f}" if base else f"{'—':>10s}"
    if b.shape != sm.shape:
        dabs = drel = "shape differs"
        print(f"  {name:22s} {sec:9.2f} {ratio} {str(it):>11s} {dabs:>16s} {drel:>17s}")
        continue
    dabs = float(np.max(np.abs(b - sm)))
    drel = float(np.max(np.abs(b - sm) / np.abs(sm)))
    print(f"  {name:22s} {sec:9.2f} {ratio} {str(it):>11s} {dabs:16.3e} {drel:17.3e}")
print(f"  BLAS for numpy: {peers['blas']}; load average {peers['load_average_at_start']} → {peers['load_average_at_end']}")
if sk.get("warnings"):
    print(f"  scikit-learn warnings: {sk['warnings']}")
if solvent_state == "ok":
    speed = rows[1][1] / base
    agree = float(np.max(np.abs(rows[0][3] - sm) / np.abs(sm))) if rows[0][3].shape == sm.shape else float("inf")
    ok = lambda c: "met" if c else "NOT met"
    print(f"  goal ≥ 2× faster than scikit-learn: {speed:.2f}× ({ok(speed >= 2)}); "
          f"coefficients within 1e-6 (relative) of statsmodels: {agree:.1e} ({ok(agree <= 1e-6)})")
else:
    print(f"  Solvent: {solvent_state} (see above); no ratio or goal check")
PY
[ "$SOLVENT" = ok ] || exit 2
