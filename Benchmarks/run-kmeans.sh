#!/usr/bin/env bash
# k-means side by side (DESIGN.md goal for 1,000,000 × 16, k = 8: at least 1.5× faster than scikit-learn's
# KMeans — the better of lloyd and elkan — at equal or lower inertia):
#   Solvent:      `solvent-bench kmeans --data DIR --repeats N` (release build): KMeans(k, nInit 1, seed r),
#                 Lloyd and Hamerly, k-means++ seeding included in the time;
#   scikit-learn: KMeans(n_clusters=k, init="k-means++", n_init=1, random_state=r, algorithm=lloyd|elkan)
#                 (Benchmarks/kmeans/peers.py; data loading not timed).
# Data: Benchmarks/kmeans/make_data.py (seeded overlapping Gaussian blobs) in a temporary folder.
# Settings: ROWS (1000000), COLS (16), K (8), SEED (20261129), REPEATS (3), SOLVENT_BENCH (a built binary).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}; COLS=${COLS:-16}; K=${K:-8}; SEED=${SEED:-20261129}; REPEATS=${REPEATS:-3}
python3 -c "import numpy, sklearn" 2>/dev/null || python3 -m pip install -q numpy scikit-learn
if [ -n "${SOLVENT_BENCH:-}" ]; then BIN=$SOLVENT_BENCH; else
  swift build -c release --product solvent-bench
  BIN="$(swift build -c release --show-bin-path)/solvent-bench"
fi
WORK=$(mktemp -d /tmp/solvent-kmeans.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
echo "== data: $ROWS × $COLS, k = $K, seed $SEED; load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 Benchmarks/kmeans/make_data.py --rows "$ROWS" --cols "$COLS" --k "$K" --seed "$SEED" --out "$WORK"
"$BIN" kmeans --data "$WORK" --repeats "$REPEATS" > "$WORK/solvent.json"
python3 Benchmarks/kmeans/peers.py "$WORK" --repeats "$REPEATS" --out "$WORK/peers.json"
python3 - "$WORK" <<'PY'
import json, sys
d = sys.argv[1]
s = json.loads(open(f"{d}/solvent.json").read().strip().splitlines()[-1])
p = json.load(open(f"{d}/peers.json"))
rows = [(f"Solvent {a}", s[a]["median_seconds"], min(s[a]["inertia"]), s[a]["iterations"]) for a in ("lloyd", "hamerly")]
rows += [(f"scikit-learn {p['sklearn']} {a}", r["median_seconds"], min(r["inertia"]), r["iterations"]) for a, r in p["runs"].items()]
best_ours = min(rows[:2], key=lambda r: r[1]); best_peer = min(rows[2:], key=lambda r: r[1])
print(f"\nk-means, {s['rows']:,} × {s['cols']}, k = {s['k']}, median of runs")
print(f"  {'':34s}{'seconds':>9s}{'min inertia':>16s}  iterations")
for name, t, inertia, it in rows:
    print(f"  {name:34s}{t:9.2f}{inertia:16.6g}  {it}")
ratio = best_peer[1] / best_ours[1]
print(f"  goal ≥ 1.5× faster than the better scikit-learn ({best_peer[0]}): {ratio:.2f}× ({'met' if ratio >= 1.5 else 'NOT met'}); "
      f"inertia ours/theirs {best_ours[2] / best_peer[2]:.6f}")
PY
