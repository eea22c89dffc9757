#!/usr/bin/env bash
# Writes every readable conformance fixture back out with Export-Nifti (float32 .nii.gz and the original datatype
# .nii), then checks the files with nibabel and nifti_tool. Needs: apt-get install python3-nibabel nifti-bin
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet tool restore >/dev/null && dotnet pwsh ./build.ps1 -Task Build >/dev/null
dotnet pwsh -NoProfile -Command "
Import-Module ./output/SeedCorr
\$files = [System.IO.Directory]::GetFiles('tests/data/nifti/valid') | Where-Object { \$_ -notlike '*.img' -and \$_ -notlike '*.img.gz' }
foreach (\$f in \$files) {
  \$img = Import-Nifti -LiteralPath \$f -ErrorAction SilentlyContinue
  if (-not \$img) { continue }
  \$name = [System.IO.Path]::GetFileName(\$f) -replace '\.(nii|hdr)(\.gz)?\$', ''
  \$img | Export-Nifti -LiteralPath ([System.IO.Path]::Combine('$out', \$name + '.f32.nii.gz'))
  \$img | Export-Nifti -LiteralPath ([System.IO.Path]::Combine('$out', \$name + '.orig.nii')) -DataType \$img.DataType
}"
/usr/bin/python3 tests/interop/check_roundtrip.py "$out"
