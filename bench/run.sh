#!/usr/bin/env bash
# The whole seed-to-voxel pipeline without plots (load .nii.gz, sphere + brain maskers with 6 mm smoothing, cleaning
# with 15 confounds, correlation, Fisher z, write .nii.gz), each run in a fresh process so the peak working set is
# that run's own, next to the floor: `gzip -dc > /dev/null` of the same file. One table, min/median/max of N runs.
#   bench/run.sh [cases...]   cases: dev (50×59×50×168), 300 (91×109×91×300), 1200 (91×109×91×1200); default: dev 300
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
cache=${SEEDCORR_BENCH_CACHE:-/tmp/seedcorr-bench-cache}
dotnet build bench/SeedCorr.Bench -c Release --nologo -v q >/dev/null
bench=bench/SeedCorr.Bench/bin/Release/net10.0/SeedCorr.Bench
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(dev 300)

stat() { sort -n | awk '{a[NR]=$1} END {printf "%s / %s / %s", a[1], a[int((NR+1)/2)], a[NR]}'; }

printf "%-6s | %-22s | %-22s | %-22s | %-22s | %-22s | %-22s | %-22s | %-22s\n" case "gzip -dc (floor) ms" "load ms" "mask+smooth ms" "clean ms" "correlate ms" "fisher+write ms" "total ms" "peak RSS MB"
for c in "${cases[@]}"; do
  IFS=$'\t' read -r func conf < <("$bench" demo "$c" "$cache")
  out=$(mktemp -d)
  gz=(); load=(); mask=(); clean=(); corr=(); write=(); total=(); peak=()
  for r in $(seq "$runs"); do
    s=$(date +%s%N); gzip -dc "$func" > /dev/null; e=$(date +%s%N); gz+=($(( (e - s) / 1000000 )))
    line=$("$bench" pipeline "$func" "$conf" "$out")
    get() { echo "$line" | tr '\t' '\n' | grep "^$1=" | cut -d= -f2; }
    load+=($(get load)); mask+=($(get mask+smooth)); clean+=($(get clean)); corr+=($(get correlate))
    write+=($(get fisher+write)); total+=($(get total)); peak+=($(get peak_mb))
  done
  rm -rf "$out"
  printf "%-6s | %-22s | %-22s | %-22s | %-22s | %-22s | %-22s | %-22s | %-22s\n" "$c" \
    "$(printf '%s\n' "${gz[@]}" | stat)" "$(printf '%s\n' "${load[@]}" | stat)" "$(printf '%s\n' "${mask[@]}" | stat)" \
    "$(printf '%s\n' "${clean[@]}" | stat)" "$(printf '%s\n' "${corr[@]}" | stat)" "$(printf '%s\n' "${write[@]}" | stat)" \
    "$(printf '%s\n' "${total[@]}" | stat)" "$(printf '%s\n' "${peak[@]}" | stat)"
done
echo "(min / median / max of $runs runs; 2 cores; each pipeline run in a fresh process, JIT included)"
