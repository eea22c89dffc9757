#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates the SeedCorr module: the project's front door.

.DESCRIPTION
    Build   : compiles the module (Release) and stages it as output/SeedCorr/<version>/, ready for
              Import-Module ./output/SeedCorr; its assemblies are precompiled (ReadyToRun) for pwsh 7.6 on linux-x64
              unless -NoReadyToRun.
    Test    : Build, then every xunit project of SeedCorr.sln (dotnet test, TRX results), then the whole tests/Pester
              folder under real Invoke-Pester in a fresh pwsh against the staged module, once per -PesterVersion
              (5.7.1 and 6.2.0 by default; NUnit XML results). Results go to output/test-results/. Fails when any part
              fails or ran nothing.
    Package : Build, then output/packages/SeedCorr.<version>.nupkg, published with PSResourceGet's Publish-PSResource
              into that folder as a local repository (Install-PSResource SeedCorr -Repository <that folder> installs it).
    Example : Build, then examples/pcc-seed-correlation.ps1 in a fresh pwsh with the staged module (the demo subject
              unless -ExampleArguments say otherwise).

    Pester comes from the package feed by `dotnet restore build/tools` (NuGet package Pester, module under tools/);
    pwsh itself is the pinned local tool (`dotnet tool restore`, then `dotnet pwsh`).

.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    ./build.ps1 -Task Test -PesterVersion 5.7.1 -PesterPath tests/Pester/Import-Nifti.Tests.ps1 -SkipXunit
.EXAMPLE
    ./build.ps1 -Task Example -ExampleArguments @{ OutputDirectory = './pcc' }
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Example')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Pester versions to run tests/Pester under (each must be restored by build/tools/SeedCorr.Tools.csproj).
    [string[]] $PesterVersion = @('5.7.1', '6.2.0'),

    # Pester files or folders to run (default: all of tests/Pester).
    [string[]] $PesterPath,

    # Runs only the Pester part of -Task Test.
    [switch] $SkipXunit,

    # Parameters passed to the example script by -Task Example.
    [hashtable] $ExampleArguments = @{},

    # Stages the module's assemblies as IL only, without the ReadyToRun copies for pwsh 7.6 on linux-x64 (faster
    # builds; the first call of each cmdlet in a fresh pwsh is then slower).
    [switch] $NoReadyToRun
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
# Plain text when logged (CI), colours in a terminal.
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }

$root = $PSScriptRoot
# `pwsh -File build.ps1 -PesterPath a,b` passes one string: split lists given that way.
$PesterVersion = @($PesterVersion | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
$PesterPath = @($PesterPath | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
$version = ([xml](Get-Content -Raw (Join-Path $root 'Directory.Build.props'))).Project.PropertyGroup.Version
$stageParent = Join-Path $root 'output' 'SeedCorr'
$stage = Join-Path $stageParent $version
$results = Join-Path $root 'output' 'test-results'

function Invoke-Dotnet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

# The command line of a fresh pwsh like this one: the pinned dotnet tool runs as `dotnet <PSHOME>/pwsh.dll`.
function Get-PwshCommand {
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { return @($process, (Join-Path $PSHOME 'pwsh.dll')) }
    return @($process)
}

function Invoke-FreshPwsh {
    param([string] $Script, [hashtable] $Environment = @{})
    $pwsh = Get-PwshCommand
    $saved = @{}
    foreach ($k in $Environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $Environment[$k]) }
    try {
        # Out-Host: the child's output is shown, not returned with the exit code.
        & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $Script | Out-Host
        return $LASTEXITCODE
    }
    finally {
        foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
    }
}

function Invoke-Build {
    $project = Join-Path $root 'src' 'SeedCorr.PowerShell' 'SeedCorr.PowerShell.csproj'
    Invoke-Dotnet build $project -c $Configuration --nologo
    $built = Join-Path $root 'src' 'SeedCorr.PowerShell' 'bin' $Configuration 'net8.0'
    if (Test-Path $stageParent) { Remove-Item $stageParent -Recurse -Force }
    New-Item -ItemType Directory -Path $stage -Force | Out-Null
    # Debug symbols and the libraries' API doc files stay out of the module; the MAML help (*-Help.xml) goes in.
    $files = Get-ChildItem $built -Recurse -File |
        Where-Object { $_.Extension -ne '.pdb' -and ($_.Name -notlike 'SeedCorr.*.xml' -or $_.Name -like '*-Help.xml') }
    foreach ($file in $files) {
        $target = Join-Path $stage ([IO.Path]::GetRelativePath($built, $file.FullName))
        New-Item -ItemType Directory -Path (Split-Path $target) -Force | Out-Null
        Copy-Item -LiteralPath $file.FullName -Destination $target
    }
    if (-not $NoReadyToRun) { Invoke-ReadyToRun }
    # The cmdlet list and the help are derived from the compiled module, never kept by hand: the manifest template says
    # CmdletsToExport = '*', the staged manifest lists the DLL's cmdlets (what PSGallery and auto-loading read), and
    # the MAML help is compiled from docs/help/*.md with the parameters' metadata taken from the cmdlets.
    $manifest = Join-Path $stage 'SeedCorr.psd1'
    $derive = "`$ErrorActionPreference = 'Stop'; `$m = Import-Module '$(Join-Path $stage 'SeedCorr.PowerShell.dll')' -PassThru; " +
        "`$list = (@(`$m.ExportedCmdlets.Keys | Sort-Object) | ForEach-Object { `"        '`$_'`" }) -join [Environment]::NewLine; " +
        "`$text = [IO.File]::ReadAllText('$manifest') -replace `"CmdletsToExport\s*=\s*'\*'`", `"CmdletsToExport      = @(`$([Environment]::NewLine)`$list`$([Environment]::NewLine)    )`"; " +
        "[IO.File]::WriteAllText('$manifest', `$text); " +
        "& '$(Join-Path $root 'build' 'help' 'Build-MamlHelp.ps1')' -ModuleManifest '$manifest' -MarkdownFolder '$(Join-Path $root 'docs' 'help')' -OutputFile '$(Join-Path $stage 'en-US' 'SeedCorr.PowerShell.dll-Help.xml')'"
    $code = Invoke-FreshPwsh $derive
    if ($code -ne 0) { throw "Deriving the manifest's cmdlet list and the help failed (exit code $code)" }
    Test-ModuleManifest $manifest | Out-Null
    # Test-ModuleManifest does not load the format file: import the staged module once, so that a broken view (a bad
    # merge of SeedCorr.format.ps1xml) fails the build, not every test.
    $code = Invoke-FreshPwsh "`$ErrorActionPreference = 'Stop'; Import-Module '$manifest'"
    if ($code -ne 0) { throw "The staged module does not import (exit code $code): see the error above" }
    Write-Host "Staged SeedCorr $version in $stage"
}

# Replaces the staged IL assemblies with ReadyToRun copies made by .NET 10's crossgen2 for linux-x64 (see
# build/readytorun/SeedCorr.ReadyToRun.csproj for why): pwsh 7.6 on linux-x64 runs them without JIT-compiling them first;
# any other runtime or platform ignores the native code and JIT-compiles the IL they still contain.
function Invoke-ReadyToRun {
    $project = Join-Path $root 'build' 'readytorun' 'SeedCorr.ReadyToRun.csproj'
    $compiled = Join-Path $root 'output' 'readytorun'
    if (Test-Path $compiled) { Remove-Item $compiled -Recurse -Force }
    try {
        Invoke-Dotnet publish $project -c Release --nologo --verbosity quiet "-p:ModuleFolder=$stage" "-p:PowerShellHome=$PSHOME" --output $compiled
    }
    catch {
        # An optimisation only: without crossgen2 (a feed that lacks it for this machine) the IL module is staged as is.
        Write-Warning "ReadyToRun skipped, the module is staged as IL only: $($_.Exception.Message)"
        return
    }
    $ilBytes = 0; $r2rBytes = 0
    foreach ($dll in Get-ChildItem $stage -Filter *.dll -File) {
        $native = Join-Path $compiled $dll.Name
        if (-not (Test-Path $native)) { throw "ReadyToRun: $($dll.Name) was not compiled" }
        $ilBytes += $dll.Length; $r2rBytes += (Get-Item $native).Length
        Copy-Item -LiteralPath $native -Destination $dll.FullName -Force
    }
    Remove-Item $compiled -Recurse -Force
    Write-Host ('ReadyToRun (linux-x64, .NET 10): module assemblies {0:0.0} MB as IL, {1:0.0} MB compiled' -f ($ilBytes / 1MB), ($r2rBytes / 1MB))
}

function Invoke-Xunit {
    # The whole solution is built first: `dotnet test` alone builds only the test projects, so a change that broke the
    # benchmark (bench/SeedCorr.Bench) would pass the tests unnoticed.
    Invoke-Dotnet build (Join-Path $root 'SeedCorr.sln') -c $Configuration --nologo
    Invoke-Dotnet test (Join-Path $root 'SeedCorr.sln') -c $Configuration --nologo --no-build `
        --logger 'trx;LogFilePrefix=xunit' --results-directory $results
}

function Invoke-PesterSuite {
    param([string] $Version)
    $pester = Join-Path ([Environment]::GetEnvironmentVariable('NUGET_PACKAGES') ?? (Join-Path $HOME '.nuget' 'packages')) 'pester' $Version 'tools' 'Pester.psd1'
    if (-not (Test-Path $pester)) { throw "Pester $Version is not restored at $pester (dotnet restore build/tools)" }
    $paths = if ($PesterPath.Count) { $PesterPath | ForEach-Object { (Resolve-Path $_).Path } } else { @(Join-Path $root 'tests' 'Pester') }
    $output = Join-Path $results "pester-$Version.xml"
    $runner = Join-Path $root 'build' 'Invoke-PesterSuite.ps1'
    $quoted = ($paths | ForEach-Object { "'" + ($_ -replace "'", "''") + "'" }) -join ','
    $script = "& '$runner' -PesterManifest '$pester' -Path $quoted -OutputFile '$output'; exit `$LASTEXITCODE"
    Write-Host "Pester $Version on $($paths -join ', ')"
    return Invoke-FreshPwsh $script @{ SEEDCORR_MODULE_PATH = (Join-Path $stage 'SeedCorr.psd1') }
}

function Invoke-Test {
    Invoke-Build
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    New-Item -ItemType Directory -Path $results -Force | Out-Null
    $failures = [Collections.Generic.List[string]]::new()
    if (-not $SkipXunit) {
        try { Invoke-Xunit } catch { $failures.Add("xunit: $_") }
    }
    Invoke-Dotnet restore (Join-Path $root 'build' 'tools') --nologo
    foreach ($v in $PesterVersion) {
        $code = Invoke-PesterSuite $v
        if ($code -ne 0) { $failures.Add("Pester ${v}: exit code $code") }
    }
    if ($failures.Count) { throw "Tests failed: $($failures -join '; ')" }
    Write-Host "All tests passed (results in $results)"
}

function Invoke-Package {
    Invoke-Build
    $repo = Join-Path $root 'output' 'packages'
    New-Item -ItemType Directory -Path $repo -Force | Out-Null
    Get-ChildItem $repo -Filter "SeedCorr.$version.nupkg" | Remove-Item -Force
    # PSResourceGet keeps its repository list under HOME: a throw-away HOME leaves the user's own list untouched.
    $home2 = Join-Path ([IO.Path]::GetTempPath()) "seedcorr-publish-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $home2 | Out-Null
    try {
        $script = "`$ErrorActionPreference = 'Stop'; Register-PSResourceRepository -Name SeedCorrLocal -Uri '$repo' -Trusted; " +
            "Publish-PSResource -Path '$stage' -Repository SeedCorrLocal"
        $code = Invoke-FreshPwsh $script @{ HOME = $home2; XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null; XDG_CACHE_HOME = $null }
        if ($code -ne 0) { throw "Publish-PSResource failed with exit code $code" }
    }
    finally { Remove-Item $home2 -Recurse -Force -ErrorAction SilentlyContinue }
    Write-Host "Packaged $(Join-Path $repo "SeedCorr.$version.nupkg")"
}

function Invoke-Example {
    Invoke-Build
    $example = Join-Path $root 'examples' 'pcc-seed-correlation.ps1'
    $argText = ($ExampleArguments.GetEnumerator() | ForEach-Object { "-$($_.Key) '$($_.Value -replace "'", "''")'" }) -join ' '
    $script = "Import-Module '$(Join-Path $stage 'SeedCorr.psd1')'; & '$example' $argText; exit [int](-not `$?)"
    $code = Invoke-FreshPwsh $script
    if ($code -ne 0) { throw "The example failed with exit code $code" }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Package' { Invoke-Package }
    'Example' { Invoke-Example }
}
