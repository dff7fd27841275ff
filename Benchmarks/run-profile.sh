#!/usr/bin/env bash
# The customer profile (solvent profile, docs/profile.md), side by side in one run (release build, medians of RUNS):
#   Solvent: `solvent profile --as-of` on a store holding the generated portfolio (load from SQLite, compute, store
#            the snapshot, write the CSV), its time and peak memory; with --no-cache, so that every run reads the
#            store's tables as pandas reads its CSV files (a second read of an unchanged store would otherwise come
#            from the receivables cache beside it: see README, "The store");
#   pandas:  Benchmarks/profile/pandas_features.py, the same features with the same definitions written with
#            pandas groupby, reading the generated CSV files (read_csv with dates parsed) and writing the CSV.
# Goals (the issue): 100,000 customers and about 10,000,000 invoices in under 30 s and under 4 GB.
# First, pandas and Solvent must agree feature by feature on the committed sample (datasets/sample), and they
# are compared again on the generated portfolio.
# Settings: CUSTOMERS (100000), MONTHS (36; with 100,000 customers about 10.2 million invoices), RUNS (3),
#           KEEP (a folder: the generated files and the store are kept there, and reused by a later run whose
#           KEEP names the same folder — the generation and the ingest take minutes).
# Generation writes about 1.6 GB and the store takes about 3 GB: everything is in a work folder under /tmp,
# removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
CUSTOMERS=${CUSTOMERS:-100000}
MONTHS=${MONTHS:-36}
AS_OF=2026-10-31 # the generator's default end date
PANDAS=Benchmarks/profile/pandas_features.py
bash scripts/setup.sh
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
python3 -c "import pandas, pyarrow" 2>/dev/null || python3 -m pip install -q pandas pyarrow
swift build -c release --product solvent
BIN="$(swift build -c release --show-bin-path)/solvent"
WORK=$(mktemp -d /tmp/solvent-profile.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
DATA="$WORK/data"; STORE="$WORK/s.sqlite"
if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP"; DATA="$KEEP/data"; STORE="$KEEP/s.sqlite"; fi
seconds() { python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.2f}")' "$1" "$(date +%s.%N)"; }

echo "== agreement on the committed sample (datasets/sample, as of $AS_OF)"
"$BIN" ingest --dir datasets/sample --store "$WORK/sample.sqlite" --quiet
"$BIN" profile --as-of "$AS_OF" --store "$WORK/sample.sqlite" --out "$WORK/sample-profile.csv" --quiet
SAMPLE_CHECK=agree
python3 "$PANDAS" --check "$WORK/sample-profile.csv" datasets/sample --as-of "$AS_OF" || SAMPLE_CHECK=DISAGREE
rm -f "$WORK"/sample.sqlite*

echo
echo "== portfolio: $CUSTOMERS customers, $MONTHS months, seed 1; $(nproc) cores"
if [ -f "$STORE" ] && [ -f "$DATA/invoices.csv" ]; then
  echo "reusing $DATA and $STORE (KEEP)"
  INGEST_S="(earlier run)"
else
  rm -rf "$DATA" "$STORE"*
  T0=$(date +%s.%N)
  "$BIN" generate --customers "$CUSTOMERS" --months "$MONTHS" --seed 1 --out "$DATA" > /dev/null
  echo "generated in $(seconds "$T0") s, $(du -sm "$DATA" | cut -f1) MB of CSV"
  T0=$(date +%s.%N)
  "$BIN" ingest --dir "$DATA" --store "$STORE" --quiet
  INGEST_S=$(seconds "$T0")
  echo "ingested in $INGEST_S s (not part of the comparison); store $(du -cm "$STORE"* | tail -1 | cut -f1) MB"
fi
INVOICES=$(($(wc -l < "$DATA/invoices.csv") - 1))
PAYMENTS=$(($(wc -l < "$DATA/payments.csv") - 1))
echo "$INVOICES invoices, $PAYMENTS payments"

SOLVENT_CMD="$BIN profile --as-of $AS_OF --store $STORE --no-cache --out $WORK/profile.csv --quiet"
PANDAS_CMD="python3 $PANDAS $DATA $WORK/pandas.csv --as-of $AS_OF"
# One run of each under /usr/bin/time for peak memory (these also warm the page cache for hyperfine).
/usr/bin/time -v $SOLVENT_CMD 2> "$WORK/solvent-time.txt"
/usr/bin/time -v $PANDAS_CMD 2> "$WORK/pandas-time.txt"
SOLVENT_KB=$(grep "Maximum resident" "$WORK/solvent-time.txt" | awk '{print $NF}')
PANDAS_KB=$(grep "Maximum resident" "$WORK/pandas-time.txt" | awk '{print $NF}')
echo
echo "== the two tables on the generated portfolio"
BIG_CHECK=agree
python3 "$PANDAS" --check "$WORK/profile.csv" "$WORK/pandas.csv" > "$WORK/big-check.txt" || BIG_CHECK=DISAGREE
grep -v "^  " "$WORK/big-check.txt" || true
grep "DISAGREE\|e\.g\." "$WORK/big-check.txt" || true

echo
hyperfine --runs "$RUNS" --export-json "$WORK/profile.json" --style basic \
  -n solvent "$SOLVENT_CMD" -n pandas "$PANDAS_CMD"

read -r PANDAS_N CATALOGUE_N <<< "$(python3 "$PANDAS" --features)"
SOLVENT_N=$(head -1 "$WORK/profile.csv" | tr ',' '\n' | tail -n +2 | wc -l)
python3 - "$WORK/profile.json" "$SOLVENT_KB" "$PANDAS_KB" "$CUSTOMERS" "$INVOICES" "$INGEST_S" \
  "$SOLVENT_N" "$PANDAS_N" "$CATALOGUE_N" "$SAMPLE_CHECK" "$BIG_CHECK" "$RUNS" <<'PY'
import json, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
s_kb, p_kb, customers, invoices, ingest = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
s_n, p_n, cat_n, sample_check, big_check, runs = sys.argv[7], sys.argv[8], sys.argv[9], sys.argv[10], sys.argv[11], sys.argv[12]
s, p = res["solvent"]["median"], res["pandas"]["median"]
gb = lambda kb: kb / 1024 / 1024
ok = lambda b: "met" if b else "NOT met"
print()
print(f"customer profile as of 2026-10-31: {customers:,} customers, {invoices:,} invoices (median of {runs} runs)")
print(f"  {'':34s} {'Solvent':>12s} {'pandas':>12s}")
print(f"  {'time (median)':34s} {s:10.2f} s {p:10.2f} s")
print(f"  {'peak memory (max RSS)':34s} {gb(s_kb):9.2f} GB {gb(p_kb):9.2f} GB")
print(f"  {'features computed':34s} {s_n + ' of ' + cat_n:>12s} {p_n + ' of ' + cat_n:>12s}")
print(f"  ratio pandas / Solvent             {p / s:10.2f}x")
print(f"  goal time < 30 s                   {ok(s < 30):>12s}   ({s:.2f} s)")
print(f"  goal memory < 4 GB                 {ok(s_kb < 4 * 1024 * 1024):>12s}   ({gb(s_kb):.2f} GB)")
print(f"  agreement, sample / generated      {sample_check} / {big_check} (pandas computes {p_n} of {cat_n} features)")
print(f"  ingest of the CSV files (once, not compared): {ingest} s")
PY
[ "$SAMPLE_CHECK" = agree ] && [ "$BIG_CHECK" = agree ]
