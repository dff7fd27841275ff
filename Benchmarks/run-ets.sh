#!/usr/bin/env bash
# Automatic ETS side by side (issue 7's goal for 1,000 seasonal monthly series of length 60, horizon 12:
# at least 10× faster per series than statsforecast AutoETS with n_jobs=1, at no worse mean MASE):
#   Solvent:       `solvent-bench ets --data DIR --repeats N` (release build): ETS(period: 12) — the 15 R/statsforecast
#                  candidates, AICc — fitted and forecast (point forecasts) one series at a time on one thread,
#                  and the same batch on all cores (ForecastBatch, parallel: true);
#   statsforecast: AutoETS(season_length=12).forecast(y, h) one series at a time in one process
#                  (Benchmarks/ets/peers.py; one warm-up series before the timer).
# Both score the held-out year by MASE (scale: in-sample seasonal-naive MAE at lag 12).
# Data: Benchmarks/ets/make_data.py (seeded additive/multiplicative seasonal series) in a temporary folder.
# Settings: COUNT (1000), LENGTH (60), HORIZON (12), SEED (20261130), REPEATS (3, Solvent), PEER_REPEATS (1),
#           SOLVENT_BENCH (a built binary).
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-1000}; LENGTH=${LENGTH:-60}; HORIZON=${HORIZON:-12}; SEED=${SEED:-20261130}
REPEATS=${REPEATS:-3}; PEER_REPEATS=${PEER_REPEATS:-1}
python3 -c "import numpy, statsforecast" 2>/dev/null || python3 -m pip install -q numpy statsforecast
if [ -n "${SOLVENT_BENCH:-}" ]; then BIN=$SOLVENT_BENCH; else
  swift build -c release --product solvent-bench
  BIN="$(swift build -c release --show-bin-path)/solvent-bench"
fi
WORK=$(mktemp -d /tmp/solvent-ets.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
echo "== data: $COUNT series of $LENGTH + $HORIZON, m = 12, seed $SEED; load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 Benchmarks/ets/make_data.py --count "$COUNT" --length "$LENGTH" --horizon "$HORIZON" --seed "$SEED" --out "$WORK"
"$BIN" ets --data "$WORK" --repeats "$REPEATS" > "$WORK/solvent.json"
python3 Benchmarks/ets/peers.py "$WORK" --repeats "$PEER_REPEATS" --out "$WORK/peers.json"
python3 - "$WORK" <<'PY'
import json, sys
d = sys.argv[1]
s = json.loads(open(f"{d}/solvent.json").read().strip().splitlines()[-1])
p = json.load(open(f"{d}/peers.json"))
ours, par, theirs = s["seconds_per_series"], s["seconds_per_series_parallel"], p["seconds_per_series"]
print(f"\nautomatic ETS, {s['count']:,} monthly series of {s['length']}, horizon {s['horizon']} (fit + point forecast)")
print(f"  {'':40s}{'ms/series':>10s}{'mean MASE':>11s}")
print(f"  {'Solvent, one thread (median of runs)':40s}{ours * 1e3:10.3f}{s['mean_mase']:11.4f}")
print(f"  {'Solvent, %d threads' % s['threads']:40s}{par * 1e3:10.3f}{s['mean_mase']:11.4f}")
print(f"  {'statsforecast %s AutoETS' % p['statsforecast']:40s}{theirs * 1e3:10.3f}{p['mean_mase']:11.4f}")
r = theirs / ours
print(f"  goal ≥ 10× faster per series on one thread: {r:.1f}× ({'met' if r >= 10 else 'NOT met'}); "
      f"all threads {theirs / par:.1f}×; MASE ours/theirs {s['mean_mase'] / p['mean_mase']:.4f}")
print(f"  Solvent's choices: {dict(sorted(s['chosen'].items(), key=lambda kv: -kv[1]))}")
print(f"  statsforecast's choices (first 200 series): {p['chosen_first_200']}")
PY
