"""Seeded monthly series for Benchmarks/run-ets.sh: COUNT series of LENGTH + HORIZON values (m = 12).

    python3 make_data.py --count 1000 --length 60 --horizon 12 --seed 20261130 --out DIR

Each series: level ~ U(50, 500); a trend (none, linear or damped, slope up to ±1.5 % of the level a month);
a season of amplitude U(0.05, 0.4) × level, additive or multiplicative, with a random phase and a random
second harmonic; noise additive or multiplicative with sd U(0.02, 0.12) × level; floored at 1 so every
value is positive (the multiplicative candidates are tried, as in AutoETS' default).
Writes train.f64 (COUNT × LENGTH, row-major float64), test.f64 (COUNT × HORIZON) and meta.json.
"""
import argparse
import json
import os

import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("--count", type=int, default=1000)
ap.add_argument("--length", type=int, default=60)
ap.add_argument("--horizon", type=int, default=12)
ap.add_argument("--seed", type=int, default=20261130)
ap.add_argument("--out", required=True)
a = ap.parse_args()
rng = np.random.default_rng(a.seed)
n, m = a.length + a.horizon, 12
t = np.arange(n)
rows = []
for _ in range(a.count):
    level = rng.uniform(50, 500)
    kind = rng.integers(3)
    slope = 0.0 if kind == 0 else rng.uniform(-0.015, 0.015) * level
    phi = 0.95 if kind == 2 else 1.0
    trend = slope * (np.cumsum(phi ** t) if phi < 1 else t)
    amp = rng.uniform(0.05, 0.4)
    phase, h2 = rng.uniform(0, 2 * np.pi), rng.uniform(0, 0.5)
    shape = np.sin(2 * np.pi * t / m + phase) + h2 * np.cos(4 * np.pi * t / m + 2 * phase)
    base = level + trend
    noise_sd = rng.uniform(0.02, 0.12)
    if rng.random() < 0.5:
        y = base + amp * level * shape + rng.normal(0, noise_sd * level, n)
    else:
        y = base * (1 + amp * shape) * np.exp(rng.normal(0, noise_sd, n))
    rows.append(np.maximum(y, 1.0))
Y = np.array(rows)
os.makedirs(a.out, exist_ok=True)
np.ascontiguousarray(Y[:, :a.length]).astype("<f8").tofile(os.path.join(a.out, "train.f64"))
np.ascontiguousarray(Y[:, a.length:]).astype("<f8").tofile(os.path.join(a.out, "test.f64"))
json.dump({"count": a.count, "length": a.length, "horizon": a.horizon, "period": m, "seed": a.seed},
          open(os.path.join(a.out, "meta.json"), "w"))
