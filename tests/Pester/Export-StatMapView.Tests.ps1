BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $func = Import-Nifti ([System.IO.Path]::Combine($SmallData, 'sub-synth01_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz'))
    $clean = @{ Detrend = $true; Standardize = 'ZScore'; LowPass = 0.1; HighPass = 0.01; WarningAction = 'SilentlyContinue' }
    $seed = $func | New-SphereMasker 0, -52, 18 -Radius 8 | Invoke-SignalClean @clean
    $brain = $func | New-BrainMasker -SmoothingFwhm 6 | Invoke-SignalClean @clean
    $map = Get-SeedCorrelation $brain $seed

    function Get-ViewData([string] $file) {
        $html = [System.IO.File]::ReadAllText($file)
        $m = [regex]::Match($html, '<script id="seedcorr-data" type="application/json">(.*?)</script>', 'Singleline')
        $m.Groups[1].Value | ConvertFrom-Json
    }
}

Describe 'Export-StatMapView' {
    It 'writes one self-contained page cut at the seed, over the template for an MNI map' {
        $file = $map | Export-StatMapView -LiteralPath (Join-Path $TestDrive 'map.html') -Threshold 0.5 -VMax 1 -Title 'PCC' -PassThru
        $file | Should -BeOfType ([System.IO.FileInfo])
        $html = [System.IO.File]::ReadAllText($file.FullName)
        $html | Should -Match '^<!DOCTYPE html>'
        $html | Should -Not -Match 'https?://|<script[^>]+src=|<link'
        $data = Get-ViewData $file.FullName
        @($data.cut) | Should -Be @(0, -52, 18)
        $data.threshold | Should -Be 0.5
        @($data.background.shape) | Should -Be @(99, 117, 95) # the 2 mm MNI template
        @($data.stat.shape) | Should -Be @(24, 28, 24)
    }

    It 'takes -Background and -CutCoords' {
        $map | Export-StatMapView -LiteralPath (Join-Path $TestDrive 'mean.html') -Background $func -CutCoords 10, 0, 20
        $data = Get-ViewData (Join-Path $TestDrive 'mean.html')
        @($data.background.shape) | Should -Be @(24, 28, 24)
        @($data.cut) | Should -Be @(10, 0, 20)
    }

    It 'refuses a name that is not .html, keeps files with -NoClobber, and writes nothing with -WhatIf' {
        { $map | Export-StatMapView -LiteralPath (Join-Path $TestDrive 'map.png') -ErrorAction Stop } |
            Should -Throw -ErrorId 'FigureFormatUnsupported,SeedCorr.PowerShell.Commands.ExportStatMapViewCommand'
        $keep = Join-Path $TestDrive 'keep.html'
        [System.IO.File]::WriteAllText($keep, 'mine')
        { $map | Export-StatMapView -LiteralPath $keep -NoClobber -ErrorAction Stop } |
            Should -Throw -ErrorId 'FileExists,SeedCorr.PowerShell.Commands.ExportStatMapViewCommand'
        [System.IO.File]::ReadAllText($keep) | Should -Be 'mine'
        $map | Export-StatMapView -LiteralPath (Join-Path $TestDrive 'whatif.html') -WhatIf
        (Join-Path $TestDrive 'whatif.html') | Should -Not -Exist
    }
}
