# Shared setup for the Pester files: import the built module once (the runner or build.ps1 sets SEEDCORR_MODULE_PATH),
# and find the repository's test data.
if (-not (Get-Module -Name SeedCorr)) {
    $manifest = $env:SEEDCORR_MODULE_PATH
    if (-not $manifest) { throw 'Set SEEDCORR_MODULE_PATH to the built SeedCorr.psd1 (build.ps1 -Task Test does this).' }
    Import-Module $manifest -ErrorAction Stop
}
$RepoRoot = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
$NiftiData = [System.IO.Path]::Combine($RepoRoot, 'tests', 'data', 'nifti')
$UnitData = [System.IO.Path]::Combine($RepoRoot, 'tests', 'data', 'unit')
$SmallData = [System.IO.Path]::Combine($RepoRoot, 'tests', 'data', 'small')

# Runs a fresh pwsh (the same pwsh as this one: the pinned dotnet tool is `dotnet <PSHOME>/pwsh.dll`) and returns its
# exit code and output, for what users meet only in a new process: pwsh -File exit codes, installing the module.
function Invoke-FreshPwsh {
    param(
        [string[]] $ArgumentList,
        [hashtable] $Environment = @{},
        [string] $WorkingDirectory = $TestDrive
    )
    $psi = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
    if ([System.IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
        $psi.ArgumentList.Add([System.IO.Path]::Combine($PSHOME, 'pwsh.dll'))
    }
    foreach ($a in @('-NoProfile', '-NonInteractive') + $ArgumentList) { $psi.ArgumentList.Add($a) }
    # Plain text: no ANSI colours in what the tests read (and in the failure messages result files must hold).
    $psi.Environment['NO_COLOR'] = '1'
    foreach ($k in $Environment.Keys) { $psi.Environment[$k] = $Environment[$k] }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.WorkingDirectory = $WorkingDirectory
    $p = [System.Diagnostics.Process]::Start($psi)
    $stderr = $p.StandardError.ReadToEndAsync()
    $stdout = $p.StandardOutput.ReadToEnd()
    $p.WaitForExit()
    $ansi = "`e\[[0-9;]*[A-Za-z]"
    [pscustomobject]@{ ExitCode = $p.ExitCode; StdOut = $stdout -replace $ansi; StdErr = $stderr.Result -replace $ansi }
}
