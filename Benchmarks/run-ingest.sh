#!/usr/bin/env bash
# CSV ingest, side by side in one run (release build, medians of RUNS):
#   solvent ingest invoices (fresh store, every row validated) vs pandas read_csv + to_sql;
#   the validating reader alone (solvent ingest --dry-run) in MB/s vs Arrow's and pandas' readers,
#   as run and pinned to one core (taskset; OPENBLAS_NUM_THREADS=1 so that OpenBLAS's idle
#   worker does not spin on that core);
#   Solvent's peak memory (load and dry run).
# Data: `solvent generate` with enough customers for about 1,000,000 invoices.
# SCRATCH: the build folder (default .build), e.g. SCRATCH=.build-me beside other builders.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
CUSTOMERS=${CUSTOMERS:-15000}
SCRATCH=${SCRATCH:-.build}
bash scripts/setup.sh
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
python3 -c "import pandas, pyarrow" 2>/dev/null || python3 -m pip install -q pandas pyarrow
swift build -c release --product solvent --scratch-path "$SCRATCH"
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/solvent"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$BIN" generate --customers "$CUSTOMERS" --months 24 --seed 1 --out "$WORK/data" > /dev/null
INV="$WORK/data/invoices.csv"
ROWS=$(($(wc -l < "$INV") - 1))
echo "invoices.csv: $ROWS rows, $(du -m "$INV" | cut -f1) MB; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# Each Solvent run starts from a fresh store holding the customers (the references to check).
PREP="rm -f $WORK/s.sqlite*; $BIN ingest customers $WORK/data/customers.csv --store $WORK/s.sqlite --quiet"
hyperfine --runs "$RUNS" --export-json "$WORK/load.json" --style basic \
  --prepare "$PREP" -n solvent "$BIN ingest invoices $INV --store $WORK/s.sqlite --quiet" \
  --prepare "rm -f $WORK/p.sqlite" -n pandas "python3 Benchmarks/ingest/pandas_load.py $INV $WORK/p.sqlite"
# A dry run stores nothing: one store with the customers serves every run.
eval "$PREP"
DRY="$BIN ingest invoices $INV --store $WORK/s.sqlite --dry-run --quiet"
hyperfine --runs "$((RUNS * 3))" --warmup 1 --export-json "$WORK/dry.json" --style basic -n solvent-dry-run "$DRY" \
  -n solvent-dry-run-one-core "OPENBLAS_NUM_THREADS=1 taskset -c 0 $DRY"
/usr/bin/time -v $DRY 2> "$WORK/time-dry.txt"
eval "$PREP"
/usr/bin/time -v "$BIN" ingest invoices "$INV" --store "$WORK/s.sqlite" --quiet 2> "$WORK/time.txt"
PEAK_KB=$(grep "Maximum resident" "$WORK/time.txt" | awk '{print $NF}')
DRY_PEAK_KB=$(grep "Maximum resident" "$WORK/time-dry.txt" | awk '{print $NF}')
READERS=$(python3 Benchmarks/ingest/arrow_read.py "$INV" "$RUNS")

python3 - "$WORK/load.json" "$WORK/dry.json" "$PEAK_KB" "$READERS" "$(stat -c %s "$INV")" "$ROWS" "$DRY_PEAK_KB" <<'PY'
import json, sys
load = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
dry_runs = json.load(open(sys.argv[2]))["results"]
dry, pinned = dry_runs[0], dry_runs[1]
peak_mb, readers, size, rows = int(sys.argv[3]) / 1024, json.loads(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
dry_peak_mb = int(sys.argv[7]) / 1024
s, p = load["solvent"]["median"], load["pandas"]["median"]
print()
print(f"load {rows:,} invoices into SQLite      Solvent {s:6.2f} s   pandas read_csv+to_sql {p:6.2f} s   ratio {p/s:4.2f}x (goal >= 3x)")
d, d1 = dry["median"], pinned["median"]
print(f"validating reader (--dry-run, 1 thread) Solvent {size/1e6/d:6.0f} MB/s  pandas read_csv {readers['pandas_mb_s']:6.0f} MB/s  "
      f"Arrow ({readers['arrow_threads']} threads) {readers['arrow_mb_s']:6.0f} MB/s (goal >= 300)")
print(f"  pinned to one core                     {size/1e6/d1:6.0f} MB/s   "
      f"(medians of {len(dry['times'])} runs; CPU per run {dry['user'] + dry['system']:.2f} s, min {size/1e6/min(dry['times']):.0f} MB/s; "
      f"pinned CPU per run {pinned['user'] + pinned['system']:.2f} s, min {size/1e6/min(pinned['times']):.0f} MB/s)")
print(f"Solvent peak memory                     load {peak_mb:4.0f} MB, dry run {dry_peak_mb:4.0f} MB (goal < 500, constant in file size)")
PY
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
