BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $func = Import-Nifti ([System.IO.Path]::Combine($SmallData, 'sub-synth01_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz'))
}

Describe 'New-SphereMasker' {
    Context 'reading a file one volume at a time' {
        It 'gives the in-memory seed signal to the bit from -LiteralPath and from Get-ChildItem' {
            $funcPath = [System.IO.Path]::Combine($SmallData, 'sub-synth01_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz')
            $streamed = New-SphereMasker -Coordinate 0, -52, 18 -Radius 8 -LiteralPath $funcPath
            $inMemory = $func | New-SphereMasker -Coordinate 0, -52, 18 -Radius 8
            $streamed.Shape | Should -Be '(80, 1)'
            [System.Linq.Enumerable]::SequenceEqual([float[]]$streamed.CopyValues(), [float[]]$inMemory.CopyValues()) | Should -BeTrue
            ([pscustomobject]@{ PSPath = $funcPath } | New-SphereMasker 0, -52, 18 8).Shape | Should -Be '(80, 1)'
        }
    }

    Context 'extracting' {
        It 'gives the (80, 1) seed signal of the example from a piped image' {
            $seed = $func | New-SphereMasker -Coordinate 0, -52, 18 -Radius 8
            $seed | Should -BeOfType ([SeedCorr.Core.Signal.SignalMatrix])
            $seed.Shape | Should -Be '(80, 1)'
            $seed.RepetitionTime | Should -Be 2
            $seed.Masker.Radius | Should -Be 8
        }

        It 'accepts the coordinate as <Form>' -ForEach @(
            @{ Form = 'a string'; Value = '0,-52,18' }
            @{ Form = 'three numbers'; Value = @(0, -52, 18) }
        ) {
            ($func | New-SphereMasker -Coordinate $Value -Radius 8).Shape | Should -Be '(80, 1)'
        }

        It 'extracts one column per seed' {
            ($func | New-SphereMasker -Coordinate (0, -52, 18), (0, -20, 30) -Radius 12).Shape | Should -Be '(80, 2)'
        }

        It 'outputs the masker itself without an image' {
            $m = New-SphereMasker 0, -52, 18 -Radius 8
            $m | Should -BeOfType ([SeedCorr.Core.Masking.SphereMasker])
            "$m" | Should -BeExactly 'SphereMasker 1 seed (0, -52, 18) radius 8mm'
        }

        It 'composes with Invoke-SignalClean, the TR coming from the image' {
            $conf = Import-Confounds ([System.IO.Path]::Combine($SmallData, 'sub-synth01_task-pixar_desc-reducedConfounds_regressors.tsv'))
            $seed = $func | New-SphereMasker -Coordinate 0, -52, 18 -Radius 8 | Invoke-SignalClean -Detrend -Standardize ZScore -LowPass 0.1 -HighPass 0.01 -Confounds $conf -WarningAction SilentlyContinue
            $seed.Cleaning.ConfoundRank | Should -Be 15
            $seed.RepetitionTime | Should -Be 2
            # nilearn 0.10.4's first three values (small/nilearn_standardize_true/seed_timeseries.npy); the two agree to
            # nilearn's own float32 rounding (1.8e-5, see BrainMaskerTests).
            $nilearn = -0.0991767, -0.21882099, -0.07844443
            for ($i = 0; $i -lt 3; $i++) { [math]::Abs($seed[$i, 0] - $nilearn[$i]) | Should -BeLessThan 5e-5 }
        }
    }

    Context 'bad input' {
        It 'reports a seed outside the field of view as SeedOutsideImage' {
            { $func | New-SphereMasker -Coordinate 500, 0, 0 -Radius 8 -ErrorAction Stop } | Should -Throw -ErrorId 'SeedOutsideImage,SeedCorr.PowerShell.Commands.NewSphereMaskerCommand'
        }

        It 'refuses overlapping spheres unless -AllowOverlap' {
            { $func | New-SphereMasker -Coordinate (0, -52, 18), (8, -52, 18) -Radius 8 -ErrorAction Stop } | Should -Throw -ErrorId 'SpheresOverlap,SeedCorr.PowerShell.Commands.NewSphereMaskerCommand'
            ($func | New-SphereMasker -Coordinate (0, -52, 18), (8, -52, 18) -Radius 8 -AllowOverlap).Shape | Should -Be '(80, 2)'
        }

        It 'rejects a negative radius' {
            { New-SphereMasker 0, 0, 0 -Radius -1 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,SeedCorr.PowerShell.Commands.NewSphereMaskerCommand'
        }

        It 'rejects coordinates that are not triples' {
            { New-SphereMasker -Coordinate 1, 2 -Radius 8 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,SeedCorr.PowerShell.Commands.NewSphereMaskerCommand'
        }

        It 'rejects a mask on another grid' {
            $mask = [System.IO.Path]::Combine($UnitData, 'unmask__input_mask.nii.gz')
            { $func | New-SphereMasker 0, -52, 18 -Radius 8 -MaskImage $mask -ErrorAction Stop } | Should -Throw -ErrorId 'MaskGridMismatch,SeedCorr.PowerShell.Commands.NewSphereMaskerCommand'
        }
    }
}
