#Requires -Version 7.4
<#
.SYNOPSIS
    Times the path users run: real pwsh, the module's cmdlets, cold (a fresh pwsh per run) and warm (in one session).

.DESCRIPTION
    Run from the repository root after ./build.ps1 (the staged module in output/SeedCorr is used):

        dotnet pwsh bench/user-path.ps1 [-Runs 5] [-Preset Development|Mni2mm] [-Volumes 300]

    Prints three tables (medians, min and max over -Runs):
      1. whole process: `pwsh -NoProfile -c 1` (the floor), `pwsh -File examples/pcc-seed-correlation.ps1` on the
         demo subject (with its figures), and the same with -NoPlots;
      2. cold, per step: the example's cmdlets one by one in a fresh pwsh each run (first-call costs: JIT, type
         loading, native libraries, fonts);
      3. warm, per step: the same cmdlets in this session after one warm-up run.
    `gzip -dc` of the BOLD file is printed as the floor of any pass over it. The core path (one streaming pass,
    in-process) is bench/run.sh's table; put both side by side in bench/README.md.
#>
[CmdletBinding()]
param(
    [int] $Runs = 5,
    [ValidateSet('Development', 'Mni2mm')] [string] $Preset = 'Development',
    [int] $Volumes = 300
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = Split-Path $PSScriptRoot
$modules = Join-Path $root 'output'
if (-not (Test-Path (Join-Path $modules 'SeedCorr'))) { throw 'Build first: ./build.ps1' }
$pwsh = @([Environment]::ProcessPath)
if ([IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += Join-Path $PSHOME 'pwsh.dll' }
$env:PSModulePath = "$modules$([IO.Path]::PathSeparator)$env:PSModulePath"
Import-Module SeedCorr

$demoArgs = if ($Preset -eq 'Mni2mm') { @{ Preset = 'Mni2mm'; Volumes = $Volumes } } else { @{} }
$data = Get-SeedCorrDemoData @demoArgs
$work = Join-Path ([IO.Path]::GetTempPath()) "seedcorr-userpath-$PID"
New-Item -ItemType Directory -Path $work -Force | Out-Null

function Measure-Stats([double[]] $ms) {
    $s = $ms | Sort-Object
    [pscustomobject]@{ Min = [int][math]::Round($s[0]); Median = [int][math]::Round($s[[int][math]::Floor(($s.Count - 1) / 2)]); Max = [int][math]::Round($s[-1]) }
}

function Measure-Process([string[]] $arguments) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive @arguments | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "pwsh $arguments failed ($LASTEXITCODE)" }
    $sw.Elapsed.TotalMilliseconds
}

# The example's steps, each a script block timed on its own; $s holds what one step hands the next.
$steps = [ordered]@{
    'Import-Confounds'           = { $s.conf = Import-Confounds -LiteralPath $data.Confounds }
    'New-SphereMasker (file)'    = { $s.seed = New-SphereMasker -LiteralPath $data.Func -Coordinate 0, -52, 18 -Radius 8 }
    'Invoke-SignalClean (seed)'  = { $s.seedClean = $s.seed | Invoke-SignalClean @clean -Confounds $s.conf }
    'New-BrainMasker (file)'     = { $s.brain = New-BrainMasker -LiteralPath $data.Func -SmoothingFwhm 6 }
    'Invoke-SignalClean (brain)' = { $s.brainClean = $s.brain | Invoke-SignalClean @clean -Confounds $s.conf }
    'Get-SeedCorrelation'        = { $s.map = Get-SeedCorrelation -BrainSignals $s.brainClean -SeedSignals $s.seedClean }
    'Export-FisherZ'             = { $s.map | Export-FisherZ -LiteralPath (Join-Path $work 'z.nii.gz') -Force }
    'Export-StatMapPlot .png'    = { $s.map | Export-StatMapPlot -LiteralPath (Join-Path $work 'map.png') -Threshold 0.5 -VMax 1 }
    'Export-StatMapPlot .pdf'    = { $s.map | Export-StatMapPlot -LiteralPath (Join-Path $work 'map.pdf') -Threshold 0.5 -VMax 1 }
}
$clean = @{ Detrend = $true; Standardize = 'ZScore'; LowPass = 0.1; HighPass = 0.01; WarningAction = 'SilentlyContinue' }

function Invoke-Steps {
    $s = @{}
    $times = [ordered]@{}
    foreach ($name in $steps.Keys) {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        . $steps[$name]
        $times[$name] = $sw.Elapsed.TotalMilliseconds
    }
    $times
}

Write-Host "SeedCorr user path: $($data.Size) ($Preset), $Runs runs, $(Get-Date -Format u), $([Environment]::ProcessorCount) cores, pwsh $($PSVersionTable.PSVersion)"

# gzip -dc: the floor of any pass over the file.
if (Get-Command gzip -ErrorAction SilentlyContinue) {
    $gz = 1..$Runs | ForEach-Object { $sw = [Diagnostics.Stopwatch]::StartNew(); & gzip -dc $data.Func > ([IO.Path]::GetTempPath() + 'seedcorr-null'); $sw.Elapsed.TotalMilliseconds }
    Remove-Item ([IO.Path]::GetTempPath() + 'seedcorr-null') -ErrorAction SilentlyContinue
    Write-Host ("gzip -dc of the BOLD file: median {0} ms" -f (Measure-Stats $gz).Median)
}

# 1. Whole process.
$example = Join-Path $root 'examples' 'pcc-seed-correlation.ps1'
$exampleArgs = @('-File', $example, '-FuncPath', $data.Func, '-ConfoundsPath', $data.Confounds, '-OutputDirectory', (Join-Path $work 'example'))
$bare = 1..$Runs | ForEach-Object { Measure-Process @('-c', '1') }
$whole = 1..$Runs | ForEach-Object { Measure-Process $exampleArgs }
$b = Measure-Stats $bare; $w = Measure-Stats $whole
Write-Host "`n1. Whole process (ms)"
@(
    [pscustomobject]@{ Process = 'pwsh -NoProfile -c 1'; Min = $b.Min; Median = $b.Median; Max = $b.Max; 'Beyond floor' = 0 }
    [pscustomobject]@{ Process = 'pwsh -File pcc-seed-correlation.ps1'; Min = $w.Min; Median = $w.Median; Max = $w.Max; 'Beyond floor' = $w.Median - $b.Median }
) | Format-Table -AutoSize | Out-Host

# 2. Cold, per step: a fresh pwsh per run prints its step times as JSON.
$coldScript = Join-Path $work 'cold.ps1'
$stepText = ($steps.Keys | ForEach-Object { "    '$_' = { $($steps[$_]) }" }) -join "`n"
Set-Content -LiteralPath $coldScript -Value @"
`$ErrorActionPreference = 'Stop'
`$sw = [Diagnostics.Stopwatch]::StartNew(); Import-Module SeedCorr; `$import = `$sw.Elapsed.TotalMilliseconds
`$data = Get-SeedCorrDemoData $(if ($Preset -eq 'Mni2mm') { "-Preset Mni2mm -Volumes $Volumes" })
`$work = '$work'
`$clean = @{ Detrend = `$true; Standardize = 'ZScore'; LowPass = 0.1; HighPass = 0.01; WarningAction = 'SilentlyContinue' }
`$steps = [ordered]@{
$stepText
}
`$s = @{}; `$t = [ordered]@{ 'Import-Module' = `$import }
foreach (`$n in `$steps.Keys) { `$sw.Restart(); . `$steps[`$n]; `$t[`$n] = `$sw.Elapsed.TotalMilliseconds }
`$t | ConvertTo-Json -Compress
"@
$cold = 1..$Runs | ForEach-Object {
    $json = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $coldScript
    if ($LASTEXITCODE -ne 0) { throw "cold run failed: $json" }
    $json | Select-Object -Last 1 | ConvertFrom-Json
}

# 3. Warm, per step, in this session after one warm-up.
$null = Invoke-Steps
$warm = 1..$Runs | ForEach-Object { [pscustomobject](Invoke-Steps) }

Write-Host "2./3. Per step (ms): cold = first call in a fresh pwsh, warm = this session after a warm-up; medians (min-max)"
$names = @('Import-Module') + @($steps.Keys)
$rows = foreach ($n in $names) {
    $c = Measure-Stats @($cold | ForEach-Object { $_.$n })
    $wm = if ($n -eq 'Import-Module') { $null } else { Measure-Stats @($warm | ForEach-Object { $_.$n }) }
    [pscustomobject]@{
        Step = $n
        Cold = "$($c.Median) ($($c.Min)-$($c.Max))"
        Warm = if ($wm) { "$($wm.Median) ($($wm.Min)-$($wm.Max))" } else { '' }
    }
}
$noPlots = @($steps.Keys | Where-Object { $_ -notlike 'Export-StatMapPlot*' })
$coldTotal = Measure-Stats @($cold | ForEach-Object { $r = $_; ($names | ForEach-Object { $r.$_ } | Measure-Object -Sum).Sum })
$warmTotal = Measure-Stats @($warm | ForEach-Object { $r = $_; ($steps.Keys | ForEach-Object { $r.$_ } | Measure-Object -Sum).Sum })
$warmNoPlots = Measure-Stats @($warm | ForEach-Object { $r = $_; ($noPlots | ForEach-Object { $r.$_ } | Measure-Object -Sum).Sum })
$rows += [pscustomobject]@{ Step = 'total'; Cold = "$($coldTotal.Median)"; Warm = "$($warmTotal.Median)" }
$rows += [pscustomobject]@{ Step = 'total without plots'; Cold = ''; Warm = "$($warmNoPlots.Median)" }
$rows | Format-Table -AutoSize | Out-Host
Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
