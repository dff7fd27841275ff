#!/usr/bin/env bash
# k-means side by side (issue 6 / DESIGN.md goal for 1,000,000 × 16, k = 8: at least 1.5× faster than
# scikit-learn's KMeans — the better of lloyd and elkan — at equal or lower inertia), on two data sets in
# one run:
#   mixture — 8 overlapping Gaussian blobs (few iterations: seeding and single passes dominate);
#   noise   — independent standard normal values (no structure: 100–200 iterations dominate).
#   Solvent:      `solvent-bench kmeans --data DIR --repeats N` (release build): KMeans(k, nInit 1, seed r),
#                 Lloyd and Hamerly, k-means++ seeding included in the time;
#   scikit-learn: KMeans(n_clusters=k, init="k-means++", n_init=1, random_state=r, algorithm=lloyd|elkan)
#                 (Benchmarks/kmeans/peers.py; data loading not timed).
# Each variant runs REPEATS times (seeds 0..REPEATS-1) and reports the median time. The seeds of the two
# libraries draw different starts, so on noise the iteration counts differ run to run; the per-iteration
# column (median of time/iterations) shows the speed of one iteration apart from that luck.
# Data: Benchmarks/kmeans/make_data.py --kind mixture|noise in a temporary folder.
# Settings: ROWS (1000000), COLS (16), K (8), SEED (20261129), REPEATS (3), KINDS ("mixture noise"),
# SOLVENT_BENCH (a built binary; else `swift build -c release`).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}; COLS=${COLS:-16}; K=${K:-8}; SEED=${SEED:-20261129}; REPEATS=${REPEATS:-3}
KINDS=${KINDS:-"mixture noise"}
python3 -c "import numpy, sklearn" 2>/dev/null || python3 -m pip install -q numpy scikit-learn
if [ -n "${SOLVENT_BENCH:-}" ]; then BIN=$SOLVENT_BENCH; else
  swift build -c release --product solvent-bench
  BIN="$(swift build -c release --show-bin-path)/solvent-bench"
fi
WORK=$(mktemp -d /tmp/solvent-kmeans.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
for KIND in $KINDS; do
  echo "== $KIND: $ROWS × $COLS, k = $K, seed $SEED; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 Benchmarks/kmeans/make_data.py --kind "$KIND" --rows "$ROWS" --cols "$COLS" --k "$K" --seed "$SEED" \
    --out "$WORK/$KIND"
  "$BIN" kmeans --data "$WORK/$KIND" --repeats "$REPEATS" > "$WORK/$KIND/solvent.json"
  python3 Benchmarks/kmeans/peers.py "$WORK/$KIND" --repeats "$REPEATS" --out "$WORK/$KIND/peers.json"
  rm -f "$WORK/$KIND/X.f64"
done
python3 Benchmarks/kmeans/summary.py "$WORK" $KINDS
