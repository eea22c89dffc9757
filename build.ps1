#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and packages the SeedCorr module (the front door for machines with pwsh).

.DESCRIPTION
    Build   : compiles the module (Release) and stages it as output/SeedCorr/<version>/, ready for
              Import-Module ./output/SeedCorr.
    Test    : Build, then the xunit suites (dotnet test) and the Pester files in tests/Pester. With Pester 5
              installed they run under Invoke-Pester in a fresh pwsh (so the module DLL is never locked in this
              session); without it, tests/SeedCorr.PowerShell.Tests runs the same files on the hosted engine.
    Package : Build, then output/SeedCorr.<version>.zip of the staged module.

.EXAMPLE
    ./build.ps1                      # Build
    ./build.ps1 -Task Test
    Import-Module ./output/SeedCorr
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$version = ([xml](Get-Content -Raw (Join-Path $root 'Directory.Build.props'))).Project.PropertyGroup.Version
$stage = Join-Path $root 'output' 'SeedCorr' $version

function Invoke-Dotnet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-Build {
    $project = Join-Path $root 'src' 'SeedCorr.PowerShell' 'SeedCorr.PowerShell.csproj'
    Invoke-Dotnet build $project -c $Configuration --nologo
    $built = Join-Path $root 'src' 'SeedCorr.PowerShell' 'bin' $Configuration 'net8.0'
    if (Test-Path $stage) { Remove-Item $stage -Recurse -Force }
    New-Item -ItemType Directory -Path $stage -Force | Out-Null
    Get-ChildItem $built -Recurse -File |
        Where-Object { $_.Extension -notin '.pdb' -and ($_.Name -notlike 'SeedCorr.*.xml' -or $_.Name -like '*-Help.xml') }  # no API doc files |
        ForEach-Object {
            $relative = [IO.Path]::GetRelativePath($built, $_.FullName)
            $target = Join-Path $stage $relative
            New-Item -ItemType Directory -Path (Split-Path $target) -Force | Out-Null
            Copy-Item $_.FullName $target
        }
    Test-ModuleManifest (Join-Path $stage 'SeedCorr.psd1') | Out-Null
    Write-Host "Staged SeedCorr $version in $stage"
}

function Invoke-Test {
    Invoke-Build
    Invoke-Dotnet test (Join-Path $root 'tests' 'SeedCorr.Core.Tests') -c $Configuration --nologo
    $pester = Get-Module -ListAvailable Pester | Where-Object { $_.Version -ge [version]'5.0' } | Select-Object -First 1
    if ($pester) {
        $manifest = Join-Path $stage 'SeedCorr.psd1'
        $script = "`$env:SEEDCORR_MODULE_PATH = '$manifest'; Import-Module Pester -MinimumVersion 5.0; " +
            "`$r = Invoke-Pester -Path '$(Join-Path $root 'tests' 'Pester')' -Output Detailed -PassThru; exit `$r.FailedCount"
        & pwsh -NoProfile -NonInteractive -Command $script
        if ($LASTEXITCODE -ne 0) { throw "Pester: $LASTEXITCODE test(s) failed" }
    }
    else {
        Write-Warning 'Pester 5 is not installed: running tests/Pester on the hosted engine instead.'
        Invoke-Dotnet test (Join-Path $root 'tests' 'SeedCorr.PowerShell.Tests') -c $Configuration --nologo
    }
}

function Invoke-Package {
    Invoke-Build
    $zip = Join-Path $root 'output' "SeedCorr.$version.zip"
    if (Test-Path $zip) { Remove-Item $zip -Force }
    Compress-Archive -Path (Join-Path $root 'output' 'SeedCorr') -DestinationPath $zip
    Write-Host "Packaged $zip"
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Package' { Invoke-Package }
}
