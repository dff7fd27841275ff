"""The table of Benchmarks/run-kmeans.sh: per data set, Solvent's and scikit-learn's variants side by side.

    python3 summary.py WORKDIR KIND [KIND ...]

Reads WORKDIR/KIND/solvent.json (solvent-bench kmeans) and WORKDIR/KIND/peers.json (peers.py). Prints, per
data set and variant: the median seconds, the median seconds per iteration, the iterations and the lowest
inertia of the runs; then the ratio of scikit-learn's faster variant's median to Solvent's faster one
(goal ≥ 1.5×: "met" / "NOT met") and the inertia ratio ours/theirs (lowest of the runs; ≤ 1 means equal or
lower inertia).
"""
import json
import statistics
import sys

work, kinds = sys.argv[1], sys.argv[2:]
verdicts = []
for kind in kinds:
    s = json.loads(open(f"{work}/{kind}/solvent.json").read().strip().splitlines()[-1])
    p = json.load(open(f"{work}/{kind}/peers.json"))
    rows = []
    for a in ("lloyd", "hamerly"):
        if a in s:
            rows.append((f"Solvent {a}", s[a]))
    for a, r in p["runs"].items():
        rows.append((f"scikit-learn {p['sklearn']} {a}", r))
    print(f"\nk-means on {kind}, {s['rows']:,} × {s['cols']}, k = {s['k']}, median of {len(s['lloyd']['seconds'])} runs")
    print(f"  {'':30s}{'seconds':>9s}{'ms/iter':>9s}{'min inertia':>18s}  iterations")
    table = []
    for name, r in rows:
        per = statistics.median(t / i for t, i in zip(r["seconds"], r["iterations"]))
        table.append((name, r["median_seconds"], min(r["inertia"])))
        print(f"  {name:30s}{r['median_seconds']:9.3f}{per * 1000:9.1f}{min(r['inertia']):18.10g}  {r['iterations']}")
    ours = min((t for t in table if t[0].startswith("Solvent")), key=lambda t: t[1])
    peer = min((t for t in table if not t[0].startswith("Solvent")), key=lambda t: t[1])
    ratio, inertia = peer[1] / ours[1], ours[2] / peer[2]
    met = ratio >= 1.5 and inertia <= 1 + 1e-12
    verdicts.append(f"{kind}: {ratio:.2f}× {'met' if met else 'NOT met'}")
    print(f"  goal ≥ 1.5× faster than the better scikit-learn ({peer[0]}) at equal or lower inertia: "
          f"{ours[0]} {ratio:.2f}× ({'met' if met else 'NOT met'}); inertia ours/theirs {inertia:.8f}")
print("\n" + "; ".join(verdicts))
