#!/usr/bin/env bash
# Signal cleaning as the seed example: 168 × 32,000 float32, detrend, band-pass 0.01–0.1 Hz at TR 2 s, 15 confounds, z-score.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/SeedCorr.Bench -c Release --nologo -v q >/dev/null
bench/SeedCorr.Bench/bin/Release/net10.0/SeedCorr.Bench clean "${1:-168}" "${2:-32000}" "${3:-15}" 7
