#Requires -Version 7.4
<#
.SYNOPSIS
    Runs Pester files with one given Pester module and writes an NUnit XML result file (used by build.ps1 -Task Test).

.DESCRIPTION
    Meant for a fresh pwsh: imports the Pester module from -PesterManifest (so the version is exactly the one asked
    for, whatever else is installed), runs -Path, writes -OutputFile and exits with the number of failed tests
    (1 when nothing ran). The module under test comes from $env:SEEDCORR_MODULE_PATH (tests/Pester/Common.ps1).
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string[]] $Path,
    [Parameter(Mandatory)] [string] $OutputFile
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest -Force
$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
# Plain text in logs and CI (no ANSI escapes), colours in a terminal.
# Error messages then hold no escape characters either, which the result file's XML could not take.
if ([Console]::IsOutputRedirected) { $config.Output.RenderMode = 'Plaintext' }
$PSStyle.OutputRendering = 'PlainText'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = $OutputFile
# Names a test file is unlikely to use: Pester 6 runs the files in this session, and a test's own $result must not
# replace the run's.
try { $seedCorrPesterRun = Invoke-Pester -Configuration $config }
catch { Write-Host "Invoke-Pester failed: $_"; $seedCorrPesterRun = $null }
$seedCorrPesterRun = @($seedCorrPesterRun | Where-Object { $_ -is [Pester.Run] })[-1]
# The result file is the record CI reads; the counts below come from it, so the exit code and CI always agree.
if (-not (Test-Path -LiteralPath $OutputFile)) {
    Write-Host "Pester $((Get-Module Pester).Version) wrote no result file ($OutputFile): the run failed"
    exit 1
}
$counts = ([xml][IO.File]::ReadAllText($OutputFile))['test-results']
$total = [int]$counts.total; $failed = [int]$counts.failures + [int]$counts.errors
$skipped = [int]$counts.'not-run' + [int]$counts.inconclusive + [int]$counts.ignored + [int]$counts.skipped + [int]$counts.invalid
$passed = $total - $failed - $skipped
"Pester $((Get-Module Pester).Version): $passed passed, $failed failed, $skipped skipped" | Write-Host
if ($passed + $failed -eq 0) { exit 1 }
# Container failures (a BeforeAll that threw, a file that does not parse) fail no test but must fail the run.
$containers = if ($seedCorrPesterRun) { [int]$seedCorrPesterRun.FailedContainersCount } else { 0 }
exit ($failed + $containers)
