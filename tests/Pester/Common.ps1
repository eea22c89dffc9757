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
