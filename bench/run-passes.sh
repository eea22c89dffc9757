#!/usr/bin/env bash
# The example's extraction at dev size (50×59×50×168 demo subject): the 8 mm PCC sphere and the fitted, 6 mm smoothed
# brain from one streaming pass over the .nii.gz, against one pass each (the two-cmdlet form). In-process, after a
# warm-up; min / median / max of RUNS (default 7) interleaved runs. Then the same through the cmdlets
# (bench/passes-cmdlets.ps1: New-SphereMasker + New-BrainMasker against New-BrainMasker -Seed) in one pwsh process.
#   bench/run-passes.sh [dev|300|1200]
set -euo pipefail
cd "$(dirname "$0")/.."
cache=${SEEDCORR_BENCH_CACHE:-/tmp/seedcorr-bench-cache}
dotnet build bench/SeedCorr.Bench -c Release --nologo -v q >/dev/null
bench=bench/SeedCorr.Bench/bin/Release/net10.0/SeedCorr.Bench
IFS=$'\t' read -r func _ < <("$bench" demo "${1:-dev}" "$cache")
"$bench" passes "$func" "${RUNS:-7}"
dotnet build src/SeedCorr.PowerShell -c Release --nologo -v q >/dev/null
dotnet pwsh -NoProfile -c "Import-Module '$PWD/src/SeedCorr.PowerShell/bin/Release/net8.0/SeedCorr.psd1'; & '$PWD/bench/passes-cmdlets.ps1' -FuncPath '$func' -Runs ${RUNS:-7}"
