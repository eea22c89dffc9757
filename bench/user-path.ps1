#Requires -Version 7.4
<#
.SYNOPSIS
    Times the path users run (real pwsh, the module's cmdlets, cold and warm) side by side with the core path, nilearn
    0.10.4 and the floors, in one invocation, interleaved; prints markdown tables for bench/README.md.

.DESCRIPTION
    Run from the repository root after `dotnet pwsh ./build.ps1 -Task Build` (the staged module in output/SeedCorr is
    used; bench/SeedCorr.Bench is built here):

        dotnet pwsh -NoProfile bench/user-path.ps1 [-Runs 5] [-NilearnPython /usr/bin/python3 -NilearnPath DIR]
            [-Large [-LargeRuns 3]] [-ReadyToRunPwsh] [-MarkdownPath file.md]

    Every repetition runs every case once, in an order rotated by one per repetition (A/B interleaved: a change of
    machine load hits all cases alike); the tables give min / median / max over the repetitions. The in-session cases
    run once as a warm-up before the first repetition. A case that fails prints why and is left out; the others run.

    Cases (dev demo subject, 50x59x50x168, unless -Large):
      floors           `pwsh -NoProfile -c 1`; `gzip -dc` of the BOLD file to /dev/null
      whole process    `pwsh -File examples/pcc-seed-correlation.ps1` (with its figures) against
                       `python3 bench/nilearn/pcc_seed_correlation.py` (with its figures)
      warm             the example's cmdlets in this session (plots timed per step, left out of the total), the core
                       path (`bench/SeedCorr.Bench pipeline`, the median of its runs 2-4 in a fresh process, as bench/run.sh), nilearn's pipeline
                       (`--repeat 2 --no-plots`: its second run)
      cold per step    each step's first call in a fresh pwsh, Import-Module included
      many seeds       the same cmdlets with 100 spheres at the Schaefer 2018 100-parcel centroids against the one seed
      -ReadyToRunPwsh  the bare pwsh and the example again with a copy of the pinned PowerShell tool whose assemblies
                       are compiled ReadyToRun (bench/pwsh-readytorun; built once into output/pwsh-readytorun), as the
                       pwsh of Microsoft's packages is: the tool itself is IL only, and starts about twice as slowly
      -Large           91x109x91x300: cmdlets warm against the core path, and the peak memory of the cmdlet pipeline
                       in a fresh pwsh (VmHWM after `5 > /proc/self/clear_refs`) against the signal matrix

    nilearn is not part of the repository: give a python where `import nilearn` gives 0.10.4 (-NilearnPython, with
    -NilearnPath put first on PYTHONPATH if nilearn is not installed). Without it, or when the import fails, the
    nilearn columns are left out.
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 100)] [int] $Runs = 5,
    [string] $NilearnPython,
    [string] $NilearnPath,
    [switch] $Large,
    [ValidateRange(1, 100)] [int] $LargeRuns = 3,
    [switch] $ReadyToRunPwsh,
    [string] $MarkdownPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$inv = [Globalization.CultureInfo]::InvariantCulture
$root = Split-Path $PSScriptRoot
$modules = Join-Path $root 'output'
if (-not (Test-Path (Join-Path $modules 'SeedCorr'))) { throw 'Build first: dotnet pwsh ./build.ps1 -Task Build' }
# The pwsh running this script (`dotnet pwsh` runs pwsh.dll through dotnet), started again for the fresh-process cases.
$pwsh = @([Environment]::ProcessPath)
if ([IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += Join-Path $PSHOME 'pwsh.dll' }
$env:PSModulePath = "$modules$([IO.Path]::PathSeparator)$env:PSModulePath"
Import-Module SeedCorr
$example = Join-Path $root 'examples' 'pcc-seed-correlation.ps1'
$nilearnScript = Join-Path $PSScriptRoot 'nilearn' 'pcc_seed_correlation.py'
$work = Join-Path ([IO.Path]::GetTempPath()) "seedcorr-userpath-$PID"
New-Item -ItemType Directory -Path $work -Force | Out-Null

function Get-Load { if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' ' } else { 'n/a' } }
$facts = [ordered]@{
    Date  = (Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm', $inv) + ' UTC'
    Cores = [Environment]::ProcessorCount
    CPU   = if (Test-Path /proc/cpuinfo) { ((Select-String -LiteralPath /proc/cpuinfo -Pattern '^model name' | Select-Object -First 1).Line -split ':', 2)[1].Trim() } else { 'n/a' }
    pwsh  = "$($PSVersionTable.PSVersion)"
    LoadStart = Get-Load
}

# ---- external programs ---------------------------------------------------------------------------------------------
# Runs a program, throws with its last output lines when it fails, returns its wall-clock ms and output lines.
function Invoke-Timed([string] $exe, [string[]] $arguments) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $out = & $exe @arguments 2>&1
    $ms = $sw.Elapsed.TotalMilliseconds
    if ($LASTEXITCODE -ne 0) { throw "$([IO.Path]::GetFileName($exe)) exited $LASTEXITCODE`: $(($out | Select-Object -Last 5) -join ' | ')" }
    [pscustomobject]@{ Ms = $ms; Output = @($out | ForEach-Object { "$_" }) }
}
function Invoke-Pwsh([string[]] $arguments) { Invoke-Timed $pwsh[0] (@($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive') + $arguments) }

$nilearn = $null
if ($NilearnPython) {
    $savedPath = $env:PYTHONPATH
    if ($NilearnPath) { $env:PYTHONPATH = if ($savedPath) { "$NilearnPath$([IO.Path]::PathSeparator)$savedPath" } else { $NilearnPath } }
    try {
        $version = (Invoke-Timed $NilearnPython @('-c', 'import nilearn; print(nilearn.__version__)')).Output[-1]
        $nilearn = $NilearnPython
        $facts.nilearn = "$version ($NilearnPython)"
        if ($version -ne '0.10.4') { Write-Warning "nilearn $version, not 0.10.4: its figures are not the ones the targets refer to" }
    }
    catch {
        Write-Warning "nilearn left out: $NilearnPython cannot import nilearn ($($_.Exception.Message))"
        $env:PYTHONPATH = $savedPath
        $facts.nilearn = "not measured ($NilearnPython cannot import nilearn)"
    }
}
if (-not $facts.Contains('nilearn')) { $facts.nilearn = 'not measured (no -NilearnPython)' }
function Invoke-Nilearn([string[]] $arguments) { Invoke-Timed $nilearn (@($nilearnScript) + $arguments) }

# -ReadyToRunPwsh: the pinned tool's folder ($PSHOME) copied once, its assemblies replaced by ReadyToRun images.
$pwshR2r = $null
if ($ReadyToRunPwsh) {
    if ([IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -ne 'dotnet') {
        Write-Warning "-ReadyToRunPwsh left out: this pwsh ($($pwsh[0])) is not the dotnet tool, and an installed pwsh is ReadyToRun already"
    }
    else {
        $r2rHome = Join-Path $root 'output' 'pwsh-readytorun' "$($PSVersionTable.PSVersion)"
        if (-not (Test-Path (Join-Path $r2rHome '.complete'))) {
            Write-Host "Compiling pwsh $($PSVersionTable.PSVersion) ReadyToRun into $r2rHome (once; about a minute)"
            $compiled = Join-Path $work 'pwsh-r2r-compiled'
            $null = Invoke-Timed dotnet @('publish', (Join-Path $PSScriptRoot 'pwsh-readytorun'), '-c', 'Release', '--nologo', '-v', 'q', "-p:ToolFolder=$PSHOME", '-o', $compiled)
            if (Test-Path $r2rHome) { Remove-Item $r2rHome -Recurse -Force }
            $null = New-Item -ItemType Directory (Split-Path $r2rHome) -Force
            Copy-Item -LiteralPath $PSHOME -Destination $r2rHome -Recurse
            foreach ($dll in Get-ChildItem $compiled -Filter *.dll -File) {
                $target = Join-Path $r2rHome $dll.Name
                if (Test-Path -LiteralPath $target) { Copy-Item -LiteralPath $dll.FullName -Destination $target -Force }
            }
            Set-Content -LiteralPath (Join-Path $r2rHome '.complete') -Value "ReadyToRun copy of $PSHOME"
        }
        $pwshR2r = @($pwsh[0], (Join-Path $r2rHome 'pwsh.dll'))
        $facts.pwsh += ' (and a ReadyToRun copy of it)'
    }
}
function Invoke-PwshR2r([string[]] $arguments) { Invoke-Timed $pwshR2r[0] (@($pwshR2r | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive') + $arguments) }

# pwsh's module analysis cache (~/.cache/powershell/ModuleAnalysisCache-<hash of $PSHOME>): when a pwsh has none, its
# first module lookup by name (`Import-Module SeedCorr`, `#Requires -Modules SeedCorr`) waits 3 × 25 ms in
# AnalysisCacheData.Get's retry loop, and only a session that lives 13 s after its lookup writes the file. A user's
# pwsh has one after its first such session; a copy of pwsh that only ever runs short processes (output/pwsh-readytorun)
# never does. So each pwsh timed here first runs one 15 s session that imports SeedCorr (beside the builds below), and
# every whole-process case runs in the state users are in.
$priming = @(foreach ($p in @(, $pwsh) + @(if ($pwshR2r) { , $pwshR2r })) {
    $info = [Diagnostics.ProcessStartInfo]::new($p[0])
    foreach ($a in @($p | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-c', 'Import-Module SeedCorr; Start-Sleep -Seconds 15')) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardOutput = $true
    [Diagnostics.Process]::Start($info)
})
$benchProject = Join-Path $PSScriptRoot 'SeedCorr.Bench'
$null = Invoke-Timed dotnet @('build', $benchProject, '-c', 'Release', '--nologo', '-v', 'q')
$benchExe = Get-ChildItem (Join-Path $benchProject 'bin' 'Release') -Recurse -File -Filter 'SeedCorr.Bench' | Select-Object -First 1 -ExpandProperty FullName
# The core path in a fresh process, as bench/run.sh measures it: run 0 pays the JIT, runs 1-3 are warm; their median
# is reported (the steady state the cmdlets in a warmed-up session are compared with).
function Invoke-Core($subject, [string] $out) {
    $lines = (Invoke-Timed $benchExe @('pipeline', $subject.Func, $subject.Confounds, $out, '3')).Output
    $runs = foreach ($line in ($lines | Where-Object { $_ -match '^run=[1-9]' })) {
        $fields = @{}
        foreach ($pair in ($line -split "`t")) { $k, $v = $pair -split '=', 2; $fields[$k] = $v }
        $fields
    }
    $totals = @($runs | ForEach-Object { [double]$_.total } | Sort-Object)
    @{ total = $totals[[int][math]::Floor(($totals.Count - 1) / 2)]; peak_mb = ($runs | ForEach-Object { [double]$_.peak_mb } | Measure-Object -Maximum).Maximum }
}

# ---- the example's steps ---------------------------------------------------------------------------------------------
# Text, so that the cold script runs the very same lines. $s carries what one step hands the next; $f, $c: the files;
# $o: the output folder; $coord: the seed centres; $clean: the example's cleaning.
$steps = [ordered]@{
    'Import-Confounds'                             = '$s.conf = Import-Confounds -LiteralPath $c'
    'New-SphereMasker'                             = '$s.sphere = New-SphereMasker -Coordinate $coord -Radius 8 -AllowOverlap'
    'New-BrainMasker -Seed \| Invoke-SignalClean'  = '$s.brain, $s.seed = New-BrainMasker -SmoothingFwhm 6 -Seed $s.sphere -LiteralPath $f | Invoke-SignalClean @clean -Confounds $s.conf -InPlace'
    'Get-SeedCorrelation'                          = '$s.map = Get-SeedCorrelation -BrainSignals $s.brain -SeedSignals $s.seed'
    'Export-FisherZ r'                             = '$s.map | Export-FisherZ -LiteralPath ([IO.Path]::Combine($o, "r.nii.gz")) -Statistic Correlation -Force'
    'Export-FisherZ z'                             = '$s.map | Export-FisherZ -LiteralPath ([IO.Path]::Combine($o, "z.nii.gz")) -Force'
    'Export-SignalPlot seed'                       = '$s.seed | Export-SignalPlot -LiteralPath ([IO.Path]::Combine($o, "seed.png")) -Title "Seed time series"'
    'Export-SignalPlot voxels'                     = '$s.brain | Export-SignalPlot -LiteralPath ([IO.Path]::Combine($o, "voxels.png")) -Column @(10, 45, 100, 5000, 10000 | Where-Object { $_ -lt $s.brain.Series }) -Title "voxel time series"'
    'Export-StatMapPlot .pdf'                      = '$s.map | Export-StatMapPlot -LiteralPath ([IO.Path]::Combine($o, "map.pdf")) -Threshold 0.5 -VMax 1 -CutCoords 0,-52,18 -Marker 0,-52,18 -MarkerColor green'
    'Export-StatMapPlot .png'                      = '$s.map | Export-StatMapPlot -LiteralPath ([IO.Path]::Combine($o, "map.png")) -Threshold 0.5 -VMax 1 -CutCoords 0,-52,18 -Marker 0,-52,18 -MarkerColor green'
    'Export-StatMapView'                           = '$s.map | Export-StatMapView -LiteralPath ([IO.Path]::Combine($o, "map.html")) -Threshold 0.5 -VMax 1 -CutCoords 0,-52,18 -Marker 0,-52,18 -MarkerColor green'
}
$plotSteps = @($steps.Keys | Where-Object { $_ -like 'Export-S*' })
$exportSteps = @($steps.Keys | Where-Object { $_ -like 'Export-FisherZ*' })
$pipelineSteps = @($steps.Keys | Where-Object { $_ -notin $plotSteps })
$cleanText = '@{ Detrend = $true; Standardize = "ZScore"; StandardizeConfounds = "ZScore"; LowPass = 0.1; HighPass = 0.01; WarningAction = "SilentlyContinue" }'
$clean = Invoke-Expression $cleanText
$pcc = , @(0, -52, 18)
$schaefer = @((Import-SeedAtlas -BuiltIn Schaefer2018_100_7 -Radius 8).ToSphereSeeds() | ForEach-Object { , @($_.Center.X, $_.Center.Y, $_.Center.Z) })
$compiled = [ordered]@{}
foreach ($k in $steps.Keys) { $compiled[$k] = [scriptblock]::Create($steps[$k]) }

# One pass over the steps in this session; per-step ms.
function Invoke-Steps($subject, $coord, [string[]] $names, [string] $o) {
    $f = $subject.Func; $c = $subject.Confounds; $s = @{}
    $t = @{}
    foreach ($n in $names) {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        . $compiled[$n]
        $t[$n] = $sw.Elapsed.TotalMilliseconds
    }
    $t
}
function Add-Totals([hashtable] $t) {
    $t['total without plots'] = ($pipelineSteps | ForEach-Object { $t[$_] } | Measure-Object -Sum).Sum
    $t['total without export'] = ($pipelineSteps | Where-Object { $_ -notin $exportSteps } | ForEach-Object { $t[$_] } | Measure-Object -Sum).Sum
    $t
}

# A fresh pwsh: Import-Module, then the steps, each timed; one JSON line. With -Peak the pipeline's VmHWM is taken.
function New-FreshScript([string] $path, $subject, [string[]] $names, [switch] $Peak) {
    $q = { "'" + ($args[0] -replace "'", "''") + "'" }
    $body = ($names | ForEach-Object { "    `$sw.Restart(); $($steps[$_]); `$t[$(& $q $_)] = `$sw.Elapsed.TotalMilliseconds" }) -join "`n"
    Set-Content -LiteralPath $path -Value @"
`$ErrorActionPreference = 'Stop'
`$sw = [Diagnostics.Stopwatch]::StartNew(); Import-Module SeedCorr; `$t = [ordered]@{ 'Import-Module' = `$sw.Elapsed.TotalMilliseconds }
`$f = $(& $q $subject.Func); `$c = $(& $q $subject.Confounds); `$o = $(& $q $work); `$coord = , @(0, -52, 18); `$s = @{}
`$clean = $cleanText
function Get-Kb([string] `$key) { [double](((Get-Content /proc/self/status | Where-Object { `$_ -like "`$key*" }) -split '\s+')[1]) }
if (`$$([bool]$Peak)) { [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [IO.File]::WriteAllText('/proc/self/clear_refs', '5'); `$t.rss_before_mb = (Get-Kb VmRSS) / 1024 }
$body
if (`$$([bool]$Peak)) { `$t.hwm_mb = (Get-Kb VmHWM) / 1024; `$t.matrix_mb = 4.0 * `$s.brain.Timepoints * `$s.brain.Series / 1MB }
`$t | ConvertTo-Json -Compress
"@
}

# ---- the rounds --------------------------------------------------------------------------------------------------------
$results = [ordered]@{}
$failures = [ordered]@{}
# Runs the cases $Runs times, order rotated per repetition; each case returns a hashtable of measured values.
function Invoke-Rounds([System.Collections.Specialized.OrderedDictionary] $cases, [int] $count) {
    $names = @($cases.Keys)
    for ($r = 0; $r -lt $count; $r++) {
        Write-Progress -Activity 'SeedCorr user path' -Status "repetition $($r + 1) of $count" -PercentComplete (100 * $r / $count)
        for ($i = 0; $i -lt $names.Count; $i++) {
            $name = $names[($i + $r) % $names.Count]
            if ($failures.Contains($name)) { continue }
            try {
                $value = & $cases[$name]
                if (-not $results.Contains($name)) { $results[$name] = [Collections.Generic.List[object]]::new() }
                $results[$name].Add($value)
            }
            catch { $failures[$name] = $_.Exception.Message; Write-Warning "case '$name' failed and is left out: $($_.Exception.Message)" }
        }
    }
    Write-Progress -Activity 'SeedCorr user path' -Completed
}

$dev = Get-SeedCorrDemoData
$cold = Join-Path $work 'cold.ps1'
New-FreshScript $cold $dev @($steps.Keys)
$dirs = @{}
foreach ($d in 'example', 'example-r2r', 'nilearn', 'nilearn-warm', 'core', 'warm', 'seeds', 'large', 'large-core') { $dirs[$d] = Join-Path $work $d; $null = New-Item -ItemType Directory $dirs[$d] -Force }
$cases = [ordered]@{
    'pwsh -c 1'       = { @{ ms = (Invoke-Pwsh @('-c', '1')).Ms } }
    'gzip -dc'        = { @{ ms = (Invoke-Timed /bin/sh @('-c', 'gzip -dc "$1" > /dev/null', 'sh', $dev.Func)).Ms } }
    'SeedCorr example'= { @{ ms = (Invoke-Pwsh @('-File', $example, '-FuncPath', $dev.Func, '-ConfoundsPath', $dev.Confounds, '-OutputDirectory', $dirs.example)).Ms } }
    'cmdlets 1 seed'  = { Add-Totals (Invoke-Steps $dev $pcc @($steps.Keys) $dirs.warm) }
    'cmdlets 100 seeds' = { Add-Totals (Invoke-Steps $dev $schaefer $pipelineSteps $dirs.seeds) }
    'core'            = { Invoke-Core $dev $dirs.core }
    'cold per step'   = { $j = (Invoke-Pwsh @('-File', $cold)).Output[-1] | ConvertFrom-Json -AsHashtable; $j['total'] = ($j.Values | Measure-Object -Sum).Sum; $j }
}
if ($pwshR2r) {
    $cases['pwsh -c 1 (R2R)'] = { @{ ms = (Invoke-PwshR2r @('-c', '1')).Ms } }
    $cases['SeedCorr example (R2R)'] = { @{ ms = (Invoke-PwshR2r @('-File', $example, '-FuncPath', $dev.Func, '-ConfoundsPath', $dev.Confounds, '-OutputDirectory', $dirs['example-r2r'])).Ms } }
}
if ($nilearn) {
    $cases['nilearn process'] = { @{ ms = (Invoke-Nilearn @($dev.Func, $dev.Confounds, $dirs.nilearn)).Ms } }
    $cases['nilearn warm'] = {
        $runs = (Invoke-Nilearn @($dev.Func, $dev.Confounds, $dirs['nilearn-warm'], '--repeat', '2', '--no-plots')).Output | Where-Object { $_ -like '{*' } | ForEach-Object { $_ | ConvertFrom-Json }
        @{ cold = 1000 * $runs[0].pipeline_s; warm = 1000 * $runs[-1].pipeline_s }
    }
}
# Warm-up of the in-session cases (JIT, caches), not recorded.
foreach ($n in 'cmdlets 1 seed', 'cmdlets 100 seeds') {
    try { $null = & $cases[$n] } catch { $failures[$n] = $_.Exception.Message; Write-Warning "case '$n' failed and is left out: $($_.Exception.Message)" }
}
foreach ($p in $priming) { $p.WaitForExit(); if ($p.ExitCode -ne 0) { Write-Warning "the analysis-cache session exited $($p.ExitCode)" } }
Invoke-Rounds $cases $Runs

if ($Large) {
    try {
        $big = Get-SeedCorrDemoData -Preset Mni2mm -Volumes 300
        $peakScript = Join-Path $work 'peak.ps1'
        New-FreshScript $peakScript $big $pipelineSteps -Peak
        $largeCases = [ordered]@{
            'large cmdlets' = { Add-Totals (Invoke-Steps $big $pcc $pipelineSteps $dirs.large) }
            'large core'    = { Invoke-Core $big $dirs['large-core'] }
            'large peak'    = { (Invoke-Pwsh @('-File', $peakScript)).Output[-1] | ConvertFrom-Json -AsHashtable }
        }
        try { $null = & $largeCases['large cmdlets'] } catch { $failures['large cmdlets'] = $_.Exception.Message; Write-Warning "case 'large cmdlets' failed: $($_.Exception.Message)" }
        Invoke-Rounds $largeCases $LargeRuns
    }
    catch { $failures['large'] = $_.Exception.Message; Write-Warning "the -Large cases failed: $($_.Exception.Message)" }
}
$facts.LoadEnd = Get-Load

# Sanity check: what was timed computed the same map. The example's r map against nilearn's (both from the last round).
$check = 'not run (no nilearn, or a whole-process case failed)'
$ours = Join-Path $dirs.example 'pcc_seed_correlation.nii.gz'; $theirs = Join-Path $dirs.nilearn 'pcc_seed_correlation.nii.gz'
if ($nilearn -and (Test-Path -LiteralPath $ours) -and (Test-Path -LiteralPath $theirs)) {
    $compare = 'import sys, numpy as np, nibabel as nib; a = np.squeeze(nib.load(sys.argv[1]).get_fdata()); b = np.squeeze(nib.load(sys.argv[2]).get_fdata()); ' +
        'print("%.3g" % np.max(np.abs(a - b)), int(np.count_nonzero((a != 0) != (b != 0))), int(np.count_nonzero(b)))'
    try {
        $maxDiff, $maskDiff, $voxels = (Invoke-Timed $nilearn @('-c', $compare, $ours, $theirs)).Output[-1] -split ' '
        $check = "the example's r map against nilearn's: max |Δr| = $maxDiff over $voxels voxels, $maskDiff voxels in one mask only (a few 1e-6 is float32 agreement; docs/nilearn-differences.md explains larger ones)"
    }
    catch { $check = "failed: $($_.Exception.Message)" }
}

# ---- the tables ----------------------------------------------------------------------------------------------------------
function Get-Values([string] $case, [string] $key) {
    if (-not $results.Contains($case)) { return @() }
    @($results[$case] | Where-Object { $_.Contains($key) } | ForEach-Object { [double]$_[$key] })
}
function Get-Median([string] $case, [string] $key) {
    $v = @(Get-Values $case $key | Sort-Object)
    if ($v.Count -eq 0) { return $null }
    $v[[int][math]::Floor(($v.Count - 1) / 2)]
}
function Format-Ms([double] $x) { $x.ToString('#,0', $inv) }
function Format-Stat([string] $case, [string] $key, [switch] $Bold) {
    $v = @(Get-Values $case $key | Sort-Object)
    if ($v.Count -eq 0) { return 'n/a' }
    $m = Format-Ms (Get-Median $case $key)
    if ($Bold) { $m = "**$m**" }
    '{0} / {1} / {2}' -f (Format-Ms $v[0]), $m, (Format-Ms $v[-1])
}
function Format-Ratio($a, $b, [string] $target) {
    if ($null -eq $a -or $null -eq $b -or $b -eq 0) { return 'n/a' }
    ('{0}× (target {1})' -f ($a / $b).ToString('0.00', $inv), $target)
}

$md = [Collections.Generic.List[string]]::new()
$md.Add("Machine: $($facts.Cores) cores ($($facts.CPU)), load average $($facts.LoadStart) at the start and $($facts.LoadEnd) at the end, pwsh $($facts.pwsh), nilearn $($facts.nilearn), $($facts.Date); $Runs repetitions$(if ($Large) { ", $LargeRuns for -Large" }), min / **median** / max in ms.")
$md.Add('')
$md.Add("**1. Floors and whole process** (dev demo, $($dev.Size))")
$md.Add('')
$md.Add('| process | ms |')
$md.Add('|---|---|')
$md.Add("| ``pwsh -NoProfile -c 1`` (floor) | $(Format-Stat 'pwsh -c 1' ms) |")
$md.Add("| ``gzip -dc`` of the BOLD file to /dev/null (floor) | $(Format-Stat 'gzip -dc' ms) |")
$md.Add("| ``pwsh -File examples/pcc-seed-correlation.ps1`` (with figures) | $(Format-Stat 'SeedCorr example' ms -Bold) |")
$md.Add("| ``python3 bench/nilearn/pcc_seed_correlation.py`` (with figures) | $(Format-Stat 'nilearn process' ms -Bold) |")
$pw = Get-Median 'pwsh -c 1' ms; $ex = Get-Median 'SeedCorr example' ms; $np = Get-Median 'nilearn process' ms
$md.Add('')
$md.Add("Check: $check.")
$md.Add('')
$md.Add("SeedCorr beyond the bare pwsh: $(if ($null -ne $ex -and $null -ne $pw) { '{0} s (target ≤ 1.0 s)' -f (($ex - $pw) / 1000).ToString('0.00', $inv) } else { 'n/a' }); nilearn process / SeedCorr process: $(Format-Ratio $np $ex '≥ 8×').")
if ($pwshR2r) {
    $pwR = Get-Median 'pwsh -c 1 (R2R)' ms; $exR = Get-Median 'SeedCorr example (R2R)' ms
    $md.Add('')
    $md.Add('With pwsh compiled ReadyToRun, as the pwsh of Microsoft''s packages is (the same tool, `-ReadyToRunPwsh`):')
    $md.Add('')
    $md.Add('| process | ms |')
    $md.Add('|---|---|')
    $md.Add("| ``pwsh -NoProfile -c 1`` (floor) | $(Format-Stat 'pwsh -c 1 (R2R)' ms) |")
    $md.Add("| ``pwsh -File examples/pcc-seed-correlation.ps1`` (with figures) | $(Format-Stat 'SeedCorr example (R2R)' ms -Bold) |")
    $md.Add('')
    $md.Add("SeedCorr beyond the bare pwsh: $(if ($null -ne $exR -and $null -ne $pwR) { '{0} s (target ≤ 1.0 s)' -f (($exR - $pwR) / 1000).ToString('0.00', $inv) } else { 'n/a' }); nilearn process / SeedCorr process: $(Format-Ratio $np $exR '≥ 8×').")
}
$md.Add('')
$md.Add('**2. Warm, in one session: the example without plots** (cmdlets: this pwsh after a warm-up; core: `bench/SeedCorr.Bench pipeline`, the median of its runs 2-4 in one process; nilearn: `--repeat 2 --no-plots`, its 2nd run)')
$md.Add('')
$md.Add('| path | ms |')
$md.Add('|---|---|')
$md.Add("| cmdlets (read + clean, correlate, r and z maps) | $(Format-Stat 'cmdlets 1 seed' 'total without plots' -Bold) |")
$md.Add("| core path | $(Format-Stat 'core' total -Bold) |")
$md.Add("| nilearn pipeline, warm | $(Format-Stat 'nilearn warm' warm -Bold) |")
$md.Add("| nilearn pipeline, 1st run in its process | $(Format-Stat 'nilearn warm' cold) |")
$wc = Get-Median 'cmdlets 1 seed' 'total without plots'; $co = Get-Median 'core' total; $nw = Get-Median 'nilearn warm' warm
$md.Add('')
$md.Add("cmdlets / core: $(Format-Ratio $wc $co '≤ 1.3×'); nilearn / cmdlets: $(Format-Ratio $nw $wc '≥ 25×').")
$md.Add('')
$md.Add('**3. Per step: cold (first call in a fresh pwsh) and warm (this session after a warm-up)**')
$md.Add('')
$md.Add('| step | cold | warm |')
$md.Add('|---|---|---|')
foreach ($n in @('Import-Module') + @($steps.Keys)) {
    $md.Add("| $n | $(Format-Stat 'cold per step' $n) | $(if ($n -eq 'Import-Module') { '' } else { Format-Stat 'cmdlets 1 seed' $n }) |")
}
$md.Add("| **total** (cold: with Import-Module) | $(Format-Stat 'cold per step' total -Bold) | $(Format-Stat 'cmdlets 1 seed' 'total without plots') without plots |")
$md.Add('')
$md.Add('**4. Many seeds, warm: 100 spheres (8 mm) at the Schaefer 2018 100-parcel 7-network centroids against the PCC seed**')
$md.Add('')
$md.Add('| | 1 seed | 100 seeds | 100 / 1 |')
$md.Add('|---|---|---|---|')
foreach ($k in 'total without export', 'total without plots') {
    $label = if ($k -eq 'total without export') { 'read + clean + correlate' } else { '+ Export-FisherZ r and z of all maps' }
    $md.Add("| $label | $(Format-Stat 'cmdlets 1 seed' $k) | $(Format-Stat 'cmdlets 100 seeds' $k) | $(Format-Ratio (Get-Median 'cmdlets 100 seeds' $k) (Get-Median 'cmdlets 1 seed' $k) '≤ 2×') |")
}
if ($Large) {
    $md.Add('')
    $md.Add("**5. 91×109×91×300 (``Get-SeedCorrDemoData -Preset Mni2mm -Volumes 300``, the same file for both paths), warm, without plots**")
    $md.Add('')
    $md.Add('| | value |')
    $md.Add('|---|---|')
    $md.Add("| cmdlets, ms | $(Format-Stat 'large cmdlets' 'total without plots' -Bold) |")
    $md.Add("| core path, ms | $(Format-Stat 'large core' total -Bold) |")
    $md.Add("| cmdlets / core | $(Format-Ratio (Get-Median 'large cmdlets' 'total without plots') (Get-Median 'large core' total) '≤ 1.3×') |")
    $md.Add("| fresh pwsh: RSS before the pipeline, MB | $(Format-Stat 'large peak' rss_before_mb) |")
    $md.Add("| fresh pwsh: peak (VmHWM) during the pipeline, MB | $(Format-Stat 'large peak' hwm_mb -Bold) |")
    $md.Add("| signal matrix (time × brain voxels × 4 bytes), MB | $(Format-Stat 'large peak' matrix_mb) |")
    $hwm = Get-Median 'large peak' hwm_mb; $mat = Get-Median 'large peak' matrix_mb; $before = Get-Median 'large peak' rss_before_mb
    $md.Add("| peak / matrix | $(Format-Ratio $hwm $mat '≤ 1.5×') |")
    $md.Add("| (peak − RSS before) / matrix | $(Format-Ratio ($(if ($null -ne $hwm -and $null -ne $before) { $hwm - $before })) $mat '≤ 1.5×') |")
    $md.Add("| core path: peak RSS of its process, MB | $(Format-Stat 'large core' peak_mb) |")
}
if ($failures.Count -gt 0) {
    $md.Add('')
    $md.Add('Cases left out: ' + (($failures.Keys | ForEach-Object { "$_ ($($failures[$_]))" }) -join '; '))
}

$md | Out-Host
if ($MarkdownPath) {
    $target = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($MarkdownPath)
    Set-Content -LiteralPath $target -Value $md
    Write-Host "Tables written to $target"
}
Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
