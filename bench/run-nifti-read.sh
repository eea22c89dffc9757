#!/usr/bin/env bash
# NIfTI read throughput against the floor: `gzip -dc > /dev/null` on the same ~100 MB float32 .nii.gz.
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-/tmp/seedcorr-bench-91x109x91x110.nii.gz}
dotnet build bench/SeedCorr.Bench -c Release --nologo -v q >/dev/null
bench=bench/SeedCorr.Bench/bin/Release/net10.0/SeedCorr.Bench
[ -f "$file" ] || "$bench" make-nifti "$file" 91 109 91 110
ls -l "$file"
times=()
for r in 1 2 3 4 5; do
  s=$(date +%s%N); gzip -dc "$file" > /dev/null; e=$(date +%s%N)
  times+=($(( (e - s) / 1000000 )))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
echo "gzip -dc > /dev/null: runs 5 (ms, sorted): $sorted"
"$bench" read-nifti "$file" 5
"$bench" read-nifti "$file" 0   # a fresh process reading once: its peak memory
