#!/usr/bin/env bash
# The weekly cash-in forecast (solvent forecast cash, docs/forecasts.md) at scale, release build:
# time and peak memory of `solvent forecast cash --as-of` on a store holding a generated portfolio
# (loading the store, fitting the payment-timing model on the 12 month ends before, 1,000 simulated
# paths, 12 calibration origins, the new-invoice ETS part), and, for reference, how much of it is
# loading the store (`solvent metrics --verbose` reports its load time).
# Goal (issue 7): 1,000,000 open invoices with 1,000 simulations under 10 s. With the generator's
# defaults about 6.8 open invoices per customer at the end date: CUSTOMERS=145000 gives 987,271
# (9.6 M invoices; generating and ingesting them takes about 10 minutes and 3.5 GB of disk).
# Each run prints its phases (--verbose): load (the store), ledger, model fit (with the books of every month
# end the forecast needs, computed in one scan), forecast (the open book, 1,000 paths, 12 calibration origins,
# the new-invoice part). Three ways of reading the store are timed:
#   tables  `--no-cache`: every run scans, sorts and joins the invoices and payments in SQLite;
#   first   the first read after an ingest: reads the tables, and writes the receivables cache beside the store
#           on another thread while the forecast runs;
#   cached  the later reads of the same store (the daily forecast, DSO, profile after one ingest): from the cache.
# Then the same with a model trained beforehand (`solvent train payment-dates`, then `forecast cash --model FILE`:
# the daily run of a model trained once a month), whose phases are load, ledger, model read, forecast.
# No peer: statsforecast and scikit-learn have no invoice-level cash model to run side by side.
# Settings: CUSTOMERS (30000), MONTHS (24), RUNS (3); STORE=FILE runs on an existing store instead
# (one a previous run generated and ingested, e.g. with the 145,000 customers above).
set -euo pipefail
cd "$(dirname "$0")/.."
CUSTOMERS=${CUSTOMERS:-30000}
MONTHS=${MONTHS:-24}
RUNS=${RUNS:-3}
AS_OF=2026-10-31 # the generator's default end date
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
if [ -n "${SOLVENT:-}" ]; then BIN=$SOLVENT; else
  swift build -c release --product solvent
  BIN="$(swift build -c release --show-bin-path)/solvent"
fi
WORK=$(mktemp -d /tmp/solvent-cash.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
DB=${STORE:-$WORK/s.sqlite}
if [ -z "${STORE:-}" ]; then
  "$BIN" generate --customers "$CUSTOMERS" --months "$MONTHS" --seed 7 --out "$WORK/data" | tail -1
  "$BIN" ingest --dir "$WORK/data" --store "$DB" --quiet
fi
"$BIN" metrics --store "$DB" --as-of "$AS_OF" --no-cache --verbose 2>&1 >/dev/null | tail -1
cash() { # label, extra arguments
  local label=$1; shift
  /usr/bin/time -f "$label: %e s wall, %M KB peak" "$BIN" forecast cash --store "$DB" --as-of "$AS_OF" \
    --out "$WORK/cash.csv" --verbose "$@" 2>&1 | grep -E "open at|load .* s, ledger|$label:"
}
for r in $(seq "$RUNS"); do cash "tables, run $r" --no-cache; done
rm -f "$DB-cache"
cash "first read after an ingest, writing the cache"
for r in $(seq "$RUNS"); do cash "cached, run $r"; done
"$BIN" train payment-dates --store "$DB" --as-of "$AS_OF" --out "$WORK/timing.json" --quiet
for r in $(seq "$RUNS"); do cash "with --model, cached, run $r" --model "$WORK/timing.json"; done
