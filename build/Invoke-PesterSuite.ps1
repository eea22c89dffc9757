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
if ([Console]::IsOutputRedirected) { $config.Output.RenderMode = 'Plaintext'; $PSStyle.OutputRendering = 'PlainText' }
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = $OutputFile
$result = Invoke-Pester -Configuration $config
$version = (Get-Module Pester).Version
"Pester ${version}: $($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount) skipped" +
    ", $($result.NotRunCount) not run" | Write-Host
if ($result.PassedCount + $result.FailedCount -eq 0) { exit 1 }
# Container failures (a BeforeAll that threw, a file that does not parse) fail no test but must fail the run.
exit ($result.FailedCount + $result.FailedContainersCount)
