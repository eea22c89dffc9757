BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $func = Import-Nifti ([System.IO.Path]::Combine($SmallData, 'sub-synth01_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz'))
    $conf = Import-Confounds ([System.IO.Path]::Combine($SmallData, 'sub-synth01_task-pixar_desc-reducedConfounds_regressors.tsv'))
    $clean = @{ Detrend = $true; Standardize = 'ZScore'; LowPass = 0.1; HighPass = 0.01; Confounds = $conf; WarningAction = 'SilentlyContinue' }
    $seed = $func | New-SphereMasker 0, -52, 18 -Radius 8 | Invoke-SignalClean @clean
    $brain = $func | New-BrainMasker -SmoothingFwhm 6 | Invoke-SignalClean @clean
}

Describe 'Get-SeedCorrelation' {
    It 'gives nilearn''s (4060, 1) map with its printed min and max' {
        $map = Get-SeedCorrelation -BrainSignals $brain -SeedSignals $seed
        $map | Should -BeOfType ([SeedCorr.Core.Connectivity.CorrelationMap])
        $map.Shape | Should -Be '(4060, 1)'
        $map.Min.ToString('0.000', [cultureinfo]::InvariantCulture) | Should -Be '-0.843'
        $map.Max.ToString('0.000', [cultureinfo]::InvariantCulture) | Should -Be '0.809'
        $map.Timepoints | Should -Be 80
        $map.DegreesOfFreedom | Should -BeLessThan 20
    }

    It 'takes the brain signals from the pipeline' {
        ($brain | Get-SeedCorrelation -SeedSignals $seed).Shape | Should -Be '(4060, 1)'
    }

    It 'makes one map per seed' {
        $two = $func | New-SphereMasker (0, -52, 18), (0, -20, 30) -Radius 12 | Invoke-SignalClean @clean
        (Get-SeedCorrelation $brain $two).Shape | Should -Be '(4060, 2)'
    }

    It 'computes Spearman on request' {
        $map = Get-SeedCorrelation $brain $seed -Method Spearman
        $map.Method | Should -Be 'Spearman'
        $map.Max | Should -BeLessThan 1
    }

    It 'refuses signals with different numbers of time points' {
        $short = $func | New-SphereMasker 0, -52, 18 -Radius 8 | Invoke-SignalClean -SampleMask (0..69)
        { Get-SeedCorrelation $brain $short -ErrorAction Stop } | Should -Throw -ErrorId 'SignalShapeMismatch,SeedCorr.PowerShell.Commands.GetSeedCorrelationCommand'
    }
}

Describe 'Export-FisherZ' {
    BeforeAll { $map = Get-SeedCorrelation $brain $seed }

    It 'writes the z map on the mask grid with the ESTIMATE intent' {
        $path = [System.IO.Path]::Combine($TestDrive, 'z.nii.gz')
        $img = $map | Export-FisherZ $path -PassThru
        $img.Shape | Should -Be @(24, 28, 24, 1)
        $back = Import-Nifti $path
        $back.Header.IntentCode | Should -Be 1001
        $back.Header.IntentName | Should -Be 'fisher_z'
        "$back" | Should -BeExactly 'NiftiImage 24x28x24x1 float32 8mm'
    }

    It 'writes the r map with CORREL and the degrees of freedom in p1' {
        $path = [System.IO.Path]::Combine($TestDrive, 'r.nii.gz')
        $map | Export-FisherZ $path -Statistic Correlation
        $h = Import-Nifti $path -HeaderOnly
        $h.IntentCode | Should -Be 2
        $h.IntentParameters[0] | Should -BeGreaterThan 0
    }

    It 'writes nothing with -WhatIf and keeps a file with -NoClobber' {
        $path = [System.IO.Path]::Combine($TestDrive, 'keep.nii.gz')
        $map | Export-FisherZ $path -WhatIf
        $path | Should -Not -Exist
        [System.IO.File]::WriteAllText($path, 'precious')
        { $map | Export-FisherZ $path -NoClobber -ErrorAction Stop } | Should -Throw -ErrorId 'FileExists,SeedCorr.PowerShell.Commands.ExportFisherZCommand'
        [System.IO.File]::ReadAllText($path) | Should -Be 'precious'
    }

    It 'writes a many-seed map volume by volume as the same file -PassThru writes from memory' {
        $two = $func | New-SphereMasker (0, -52, 18), (0, -20, 30), (40, -20, 50) -Radius 12 | Invoke-SignalClean @clean
        $many = Get-SeedCorrelation $brain $two
        $streamed = [System.IO.Path]::Combine($TestDrive, 'streamed.nii')
        $whole = [System.IO.Path]::Combine($TestDrive, 'whole.nii')
        $many | Export-FisherZ $streamed | Should -BeNullOrEmpty
        $img = $many | Export-FisherZ $whole -PassThru
        $img.Shape | Should -Be @(24, 28, 24, 3)
        [System.IO.File]::ReadAllBytes($streamed) | Should -Be ([System.IO.File]::ReadAllBytes($whole))
        $z = (Import-Nifti $streamed).GetData()
        ($z | Measure-Object -Maximum).Maximum | Should -BeGreaterThan 0.9
        @($z | Where-Object { $_ -ne 0 }).Count | Should -Be (3 * 4060)
    }

    It 'needs a map that knows its grid' {
        $noGrid = Get-SeedCorrelation $seed $seed -WarningAction SilentlyContinue
        { $noGrid | Export-FisherZ ([System.IO.Path]::Combine($TestDrive, 'x.nii')) -ErrorAction Stop } | Should -Throw -ErrorId 'MaskerParameterInvalid,SeedCorr.PowerShell.Commands.ExportFisherZCommand'
    }
}
