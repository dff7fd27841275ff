#!/usr/bin/env bash
# Numeric core against numpy (gemm, X^T W X, NIST StRD accuracy), release build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
python3 -c "import threadpoolctl" 2>/dev/null || python3 -m pip install -q threadpoolctl
swift build -c release --product solvent-bench
python3 Benchmarks/core_vs_numpy.py "$(swift build -c release --show-bin-path)/solvent-bench"
