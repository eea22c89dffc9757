# Time to generate the demo fMRIPrep study (Get-SeedCorrDemoData -Study) and its bytes per run, in real pwsh on the
# staged module (./build.ps1 first). Each size is generated with -Force into a throw-away cache, then deleted.
#   dotnet pwsh -NoProfile -c "& ./bench/demo-study.ps1 -Subjects 4, 20 -RunsPerSubject 1 -Volumes 168"
param(
    [int[]] $Subjects = @(4, 20),
    [int] $RunsPerSubject = 1,
    [int] $Volumes = 168
)
$ErrorActionPreference = 'Stop'
$manifest = Get-ChildItem ([System.IO.Path]::Combine($PSScriptRoot, '..', 'output', 'SeedCorr')) -Recurse -Filter SeedCorr.psd1 | Select-Object -First 1
Import-Module $manifest.FullName
$cache = Join-Path ([System.IO.Path]::GetTempPath()) "seedcorr-bench-study-$PID"
try {
    # Warm-up (JIT): one short run, not timed.
    $null = Get-SeedCorrDemoData -Study -Subjects 1 -Volumes 40 -CacheDirectory $cache -Force
    foreach ($n in $Subjects) {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $study = Get-SeedCorrDemoData -Study -Subjects $n -RunsPerSubject $RunsPerSubject -Volumes $Volumes -CacheDirectory $cache -Force
        $generate = $clock.Elapsed.TotalSeconds
        $clock.Restart()
        $null = Get-SeedCorrDemoData -Study -Subjects $n -RunsPerSubject $RunsPerSubject -Volumes $Volumes -CacheDirectory $cache
        $cached = $clock.Elapsed.TotalMilliseconds
        $files = Get-ChildItem -LiteralPath $study.Path -Recurse -File
        $bold = ($files | Where-Object Name -like '*_desc-preproc_bold.nii.gz' | Measure-Object Length -Average).Average
        $perRun = ($files | Measure-Object Length -Sum).Sum / $study.Runs
        '{0} subjects x {1} run(s) of {2}: generated in {3:0.0} s ({4:0.00} s per run), cached call {5:0.0} ms; {6:0.0} MB per run ({7:0.0} MB BOLD), {8:0} MB in all' -f `
            $n, $RunsPerSubject, $study.Size, $generate, ($generate / $study.Runs), $cached, ($perRun / 1MB), ($bold / 1MB), (($perRun * $study.Runs) / 1MB)
        Remove-Item -LiteralPath $study.Directory -Recurse -Force
    }
    "load average: $((Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ' | Select-Object -First 3)"
}
finally {
    Remove-Item -LiteralPath $cache -Recurse -Force -ErrorAction SilentlyContinue
}
