# Installed as users install it: the staged module is published to a folder repository with PSResourceGet, installed
# with Install-PSResource into a throw-away HOME (so its module path and repository list are the test's own),
# imported by name in a fresh pwsh, and used.
BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $staged = (Get-Module SeedCorr).ModuleBase
    $version = (Get-Module SeedCorr).Version.ToString()
    $home2 = Join-Path $TestDrive 'home'
    $repo = Join-Path $TestDrive 'repo'
    New-Item -ItemType Directory -Path $home2, $repo | Out-Null
    $image = Join-Path $SmallData 'sub-synth01_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz'
    $script = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name SeedCorrTest -Uri '$repo' -Trusted
Publish-PSResource -Path '$staged' -Repository SeedCorrTest
Install-PSResource -Name SeedCorr -Repository SeedCorrTest -Scope CurrentUser -TrustRepository
Import-Module SeedCorr
`$m = Get-Module SeedCorr
`$img = Import-Nifti -LiteralPath '$image'
`$seed = `$img | New-SphereMasker -Coordinate 0, -52, 18 -Radius 8
`$help = Get-Help Import-Nifti -Full
[pscustomobject]@{
    ModuleBase = `$m.ModuleBase
    Version    = `$m.Version.ToString()
    Cmdlets    = @(`$m.ExportedCmdlets.Keys).Count
    Shape      = "`$(`$seed.Shape)"
    Examples   = @(`$help.examples.example).Count
    Synopsis   = "`$(`$help.Synopsis)"
    Manifest   = (Test-ModuleManifest (Join-Path `$m.ModuleBase 'SeedCorr.psd1')).Name
    Packages   = @(Get-ChildItem '$repo' -Filter *.nupkg).Name
} | ConvertTo-Json -Compress
"@
    $run = Invoke-FreshPwsh -ArgumentList '-Command', $script -Environment @{ HOME = $home2; XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null; XDG_CACHE_HOME = $null; PSModulePath = $null }
    $result = if ($run.ExitCode -eq 0) { ($run.StdOut.Trim() -split "`n")[-1] | ConvertFrom-Json }
}

Describe 'Installing SeedCorr with PSResourceGet' {
    It 'publishes, installs and imports by name in a fresh pwsh' {
        $run.StdErr | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        $result.Packages | Should -Be "SeedCorr.$version.nupkg"
        $result.ModuleBase | Should -BeLike "$home2*SeedCorr*$version"
        $result.Version | Should -Be $version
        $result.Manifest | Should -Be 'SeedCorr'
    }

    It 'runs a short pipeline from the installed module' {
        $result.Cmdlets | Should -Be @((Get-Module SeedCorr).ExportedCmdlets.Keys).Count
        $result.Shape | Should -Be '(80, 1)'
    }

    It 'shows the help with examples' {
        $result.Synopsis | Should -BeLike 'Reads NIfTI-1 and NIfTI-2 images*'
        $result.Examples | Should -BeGreaterThan 2
    }

    It 'has what the PowerShell Gallery asks of a manifest' {
        $m = Test-ModuleManifest -Path $env:SEEDCORR_MODULE_PATH
        $m.Guid | Should -Not -Be ([guid]::Empty)
        $m.Author | Should -Not -BeNullOrEmpty
        $m.Description | Should -Not -BeNullOrEmpty
        $m.Tags | Should -Contain 'fMRI'
        $m.ProjectUri | Should -Not -BeNullOrEmpty
        $m.LicenseUri | Should -Not -BeNullOrEmpty
        $m.ReleaseNotes | Should -Not -BeNullOrEmpty
        Join-Path $m.ModuleBase 'LICENSE' | Should -Exist
    }
}
