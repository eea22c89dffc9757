#Requires -Version 7.4
#Requires -Modules SeedCorr
<#
.SYNOPSIS
    Reads a 4D NIfTI image, prints what nilearn would see (shape, voxel size, TR, affine), and writes its temporal
    mean as a 3D .nii.gz next to a float32 copy: SeedCorr's NIfTI layer end to end.

.DESCRIPTION
    Runs in pwsh 7.4+ with the module on PSModulePath or imported first (./build.ps1, then
    Import-Module ./output/SeedCorr).

.PARAMETER InputPath
    A 4D NIfTI image. Defaults to a small 16x16x16x64 float32 test image shipped with the repository.

.PARAMETER OutputDirectory
    Where to write mean.nii.gz and copy.nii.gz. Defaults to a new folder under the system temp folder.
#>
param(
    [string] $InputPath = [System.IO.Path]::Combine($PSScriptRoot, '..', 'tests', 'data', 'nifti', 'valid', 'large_4d_float32.nii.gz'),
    [string] $OutputDirectory = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'seedcorr-quicklook')
)

$ErrorActionPreference = 'Stop'
[void][System.IO.Directory]::CreateDirectory($OutputDirectory)

$img = Import-Nifti -LiteralPath $InputPath
"Image:      $img"
"Path:       $($img.Path)"
"Shape:      ($($img.Shape -join ', '))"
"Voxel size: $($img.VoxelSize -join ' x ') mm"
"TR:         $($img.RepetitionTime) s"
"Affine from $($img.Header.BestAffineSource) (qform_code $($img.Header.QformCode), sform_code $($img.Header.SformCode)):"
"$($img.Affine)"

# Temporal mean, volume by volume (GetVolumeSpan avoids copies in C#; from PowerShell GetVolume is the simple way).
$n = $img.VolumeSize
$sum = [double[]]::new($n)
for ($t = 0; $t -lt $img.VolumeCount; $t++) {
    $vol = $img.GetVolume($t)
    for ($v = 0; $v -lt $n; $v++) { $sum[$v] += $vol[$v] }
}
$mean = [float[]]::new($n)
for ($v = 0; $v -lt $n; $v++) { $mean[$v] = $sum[$v] / $img.VolumeCount }
$meanImg = [SeedCorr.Core.Nifti.NiftiImage]::Create($mean, [int[]]$img.Shape[0..2], $img.Affine, $null, $img.Header)

$meanPath = [System.IO.Path]::Combine($OutputDirectory, 'mean.nii.gz')
$copyPath = [System.IO.Path]::Combine($OutputDirectory, 'copy.nii.gz')
$meanImg | Export-Nifti -LiteralPath $meanPath
$img | Export-Nifti -LiteralPath $copyPath

$back = Import-Nifti -LiteralPath $copyPath
$same = [System.Linq.Enumerable]::SequenceEqual([float[]]$back.GetData(), [float[]]$img.GetData())
"Wrote:      $meanPath ($(Import-Nifti -LiteralPath $meanPath))"
"Wrote:      $copyPath (identical values on re-read: $same)"
if (-not $same) { exit 1 }
