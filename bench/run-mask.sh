#!/usr/bin/env bash
# The example's maskers on a development-size image (50×59×50×168 float32, made once by the bench):
# background mask, 6 mm smoothing + masking, sphere signal.
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-/tmp/seedcorr-bench-50x59x50x168.nii.gz}
dotnet build bench/SeedCorr.Bench -c Release --nologo -v q >/dev/null
bench=bench/SeedCorr.Bench/bin/Release/net10.0/SeedCorr.Bench
[ -f "$file" ] || "$bench" make-nifti "$file" 50 59 50 168
"$bench" mask "$file" 11
