#Requires -Version 7.4
<#
.SYNOPSIS
    Times Invoke-SeedToVoxel on whole studies, the way users run it: a fresh pwsh per case, the staged module.

.DESCRIPTION
    Run from the repository root after ./build.ps1:

        dotnet pwsh bench/study.ps1 [-Subjects 20] [-Repeat 1]

    Cases (each in a fresh pwsh, wall clock of the Invoke-SeedToVoxel call and the process's peak working set):
      - the fixture study (tests/data/study: 5 runs of 24x28x24x80) with its 3 spheres and the 4-label atlas;
      - a demo study of -Subjects development-size runs (50x59x50x168, Get-SeedCorrDemoData -Study) with 3 seeds,
        at -ThrottleLimit 1 and 2, and with the 100 built-in Schaefer 2018 seeds at -ThrottleLimit 1;
      - the time per extra seed on a kept brain (Get-SeedCorrelation -CleanedBrain, 10 new seeds, one call each).
    Prints runs per minute, seconds per run, peak memory, and (3 vs 100 seeds) the time per extra seed.
#>
[CmdletBinding()]
param(
    [int] $Subjects = 20,
    [int] $Repeat = 1
)
$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
$manifest = (Get-ChildItem (Join-Path $root 'output/SeedCorr') -Recurse -Filter SeedCorr.psd1 | Select-Object -First 1).FullName
if (-not $manifest) { throw 'Build first: ./build.ps1' }
$pwsh = @([Environment]::ProcessPath)
if ([IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += Join-Path $PSHOME 'pwsh.dll' }
$work = Join-Path ([IO.Path]::GetTempPath()) "seedcorr-bench-study-$PID"
New-Item -ItemType Directory -Force -Path $work | Out-Null

Import-Module $manifest
$demo = Get-SeedCorrDemoData -Study -Subjects $Subjects
$fixture = Join-Path $root 'tests/data/study'

function Invoke-Case([string] $Name, [string] $Body) {
    $script = Join-Path $work "$Name.ps1"
    Set-Content -LiteralPath $script -Value @"
`$ErrorActionPreference = 'Stop'
Import-Module '$manifest'
`$seeds3 = New-SphereSeed -Name PCC, LAG, SMA -Coordinate (0, -52, 18), (-46, -66, 32), (0, -20, 64) -Radius 8
`$clock = [Diagnostics.Stopwatch]::StartNew()
$Body
`$s = `$clock.Elapsed.TotalSeconds
`$p = [Diagnostics.Process]::GetCurrentProcess()
'RESULT {0} {1} {2}' -f `$s.ToString([cultureinfo]::InvariantCulture), `$p.PeakWorkingSet64, (@(`$r).Count)
"@
    for ($i = 0; $i -lt $Repeat; $i++) {
        $out = Join-Path $work "$Name-out-$i"
        $lines = @(& $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $script $out 2>&1 | ForEach-Object { "$_" })
        $line = $lines | Where-Object { $_ -like 'RESULT *' } | Select-Object -Last 1
        $perSeed = $lines | Where-Object { $_ -like 'PERSEED *' } | Select-Object -Last 1
        if (-not $line) { throw "case $Name gave no result: $($lines -join "`n")" }
        $f = "$line".Split(' ')
        [pscustomobject]@{
            Case = $Name
            Runs = [int]$f[3]
            Seconds = [math]::Round([double]$f[1], 2)
            SecondsPerRun = [math]::Round([double]$f[1] / [int]$f[3], 2)
            RunsPerMinute = [math]::Round(60 * [int]$f[3] / [double]$f[1], 1)
            PeakMB = [math]::Round([long]$f[2] / 1MB)
            NewSeedSeconds = if ($perSeed) { [math]::Round([double]$perSeed.Split(' ')[1], 3) } else { $null }
        }
        Remove-Item -Recurse -Force -LiteralPath $out -ErrorAction SilentlyContinue
    }
}

$fmriprep = $demo.Path
$atlas = "Import-SeedAtlas -LiteralPath '$fixture/atlas/dmn_labels_2mm.nii.gz' -LabelsTable '$fixture/atlas/dmn_labels.tsv' -Name DMN"
$results = @(
    Invoke-Case 'fixture-3sph+4lab' "`$r = Get-FmriprepRun '$fixture/derivatives/fmriprep' | Invoke-SeedToVoxel -Seed (@(`$seeds3) + ($atlas)) -MinimumDegreesOfFreedom -10 -OutputDirectory `$args[0]"
    Invoke-Case "demo$Subjects-3seeds-T1" "`$r = Get-FmriprepRun '$fmriprep' | Invoke-SeedToVoxel -Seed `$seeds3 -OutputDirectory `$args[0] -ThrottleLimit 1"
    Invoke-Case "demo$Subjects-3seeds-T2" "`$r = Get-FmriprepRun '$fmriprep' | Invoke-SeedToVoxel -Seed `$seeds3 -OutputDirectory `$args[0] -ThrottleLimit 2"
    Invoke-Case "demo$Subjects-100seeds-T1" "`$r = Get-FmriprepRun '$fmriprep' | Invoke-SeedToVoxel -Seed (Import-SeedAtlas -BuiltIn Schaefer2018_100_7 -Radius 5) -OutputDirectory `$args[0] -ThrottleLimit 1"
    Invoke-Case 'kept-brain-10-new-seeds' @"
`$r = Get-FmriprepRun '$fmriprep' -Subject 01 | Invoke-SeedToVoxel -Seed `$seeds3 -OutputDirectory `$args[0] -KeepBrain
`$t0 = `$clock.Elapsed.TotalSeconds
foreach (`$y in -60, -56, -52, -48, -44, -40, -36, -32, -28, -24) { `$null = `$r | Get-SeedCorrelation -SphereSeed (New-SphereSeed -Coordinate 0, `$y, 18 -Radius 6) }
'PERSEED {0}' -f ((`$clock.Elapsed.TotalSeconds - `$t0) / 10)
"@
)
$results | Format-Table -AutoSize
$three = $results | Where-Object Case -eq "demo$Subjects-3seeds-T1" | Select-Object -First 1
$hundred = $results | Where-Object Case -eq "demo$Subjects-100seeds-T1" | Select-Object -First 1
if ($three -and $hundred) {
    'Time per extra seed in the batch (100 vs 3 seeds): {0:N3} s per run per seed' -f (($hundred.SecondsPerRun - $three.SecondsPerRun) / 97)
}
Remove-Item -Recurse -Force -LiteralPath $work -ErrorAction SilentlyContinue
