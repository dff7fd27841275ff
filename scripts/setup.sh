#!/usr/bin/env bash
# Installs what Solvent needs on a fresh Debian machine (idempotent):
# OpenBLAS + LAPACKE for the numeric core, pkg-config to find them,
# and numpy/scipy for the reference scripts and benchmarks.
set -euo pipefail
apt_packages=(libopenblas-dev liblapacke-dev libsqlite3-dev pkg-config)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
python3 -c "import numpy, scipy" 2>/dev/null || python3 -m pip install -q numpy scipy
