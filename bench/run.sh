#!/usr/bin/env bash
# The whole seed-to-voxel pipeline without plots, streaming: read .nii.gz (one pass: a reader thread decompresses while
# the other core smooths 6 mm and masks each finished volume, the sphere's mean taken from the raw volume), clean
# (detrend, band-pass, 15 confounds, z-score) in place, correlate, Fisher z, write two .nii.gz maps. In one process:
# a first run (JIT included), then N timed runs, each after a full GC with the peak RSS reset. Next to them, the
# floors: `gzip -dc > /dev/null` of the same file, and .NET's inflater on it in-process (output discarded).
# One table; min / median / max of N runs.
#   bench/run.sh [cases...]   cases: dev (50×59×50×168), 300 (91×109×91×300), 1200 (91×109×91×1200); default: dev 300 1200
#   RUNS=5 by default; SEEDCORR_BENCH_CACHE: where the generated subjects are kept (1200 volumes: 1.2 GB of .nii.gz).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
cache=${SEEDCORR_BENCH_CACHE:-/tmp/seedcorr-bench-cache}
dotnet build bench/SeedCorr.Bench -c Release --nologo -v q >/dev/null
bench=bench/SeedCorr.Bench/bin/Release/net10.0/SeedCorr.Bench
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(dev 300 1200)

stat() { sort -n | awk '{a[NR]=$1} END {printf "%s / %s / %s", a[1], a[int((NR+1)/2)], a[NR]}'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
row() { printf "| %-6s | %-18s | %-16s | %-18s | %-18s | %-16s | %-14s | %-20s | %-8s | %-16s | %-9s | %-16s |\n" "$@"; }

row case "gzip -dc (floor)" ".NET inflate" "read+smooth+mask" "reader busy" clean correlate+write total "÷ gzip" "peak RSS MB" "1st run" "volumes, voxels"
row ------ ------------------ ---------------- ------------------ ------------------ ---------------- -------------- -------------------- -------- ---------------- --------- ----------------
for c in "${cases[@]}"; do
  IFS=$'\t' read -r func conf < <("$bench" demo "$c" "$cache")
  out=$(mktemp -d)
  gz=()
  for r in $(seq "$runs"); do
    s=$(date +%s%N); gzip -dc "$func" > /dev/null; e=$(date +%s%N); gz+=($(( (e - s) / 1000000 )))
  done
  lines=$("$bench" pipeline "$func" "$conf" "$out" "$runs")
  rm -rf "$out"
  col() { echo "$lines" | grep -v '^run=0	' | tr '\t' '\n' | grep "^$1=" | cut -d= -f2; }
  first() { echo "$lines" | grep '^run=0	' | tr '\t' '\n' | grep "^$1=" | cut -d= -f2; }
  cw=$(paste <(col correlate) <(col fisher+write) | awk '{print $1 + $2}')
  gzmed=$(printf '%s\n' "${gz[@]}" | median)
  ratio=$(col total | median | awk -v g="$gzmed" '{printf "%.2f", $1 / g}')
  row "$c" "$(printf '%s\n' "${gz[@]}" | stat)" "$(col inflate | stat)" "$(col read+smooth+mask | stat)" "$(col reading | stat)" \
    "$(col clean | stat)" "$(echo "$cw" | stat)" "**$(col total | stat)**" "$ratio" "$(col peak_mb | stat)" "$(first total)" \
    "$(col volumes | head -1), $(col voxels | head -1)"
done
echo
echo "ms unless noted; min / median / max of $runs runs in one process after a first run (\"1st run\": JIT included);"
echo "\"reader busy\": time the reader thread spent decompressing (the pass cannot be shorter); $(nproc) cores."
