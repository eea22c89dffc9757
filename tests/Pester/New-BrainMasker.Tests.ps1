BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $func = Import-Nifti ([System.IO.Path]::Combine($SmallData, 'sub-synth01_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz'))
    $nilearnMask = [System.IO.Path]::Combine($SmallData, 'nilearn_standardize_true', 'brain_mask.nii.gz')
    $funcPath = [System.IO.Path]::Combine($SmallData, 'sub-synth01_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz')
}

Describe 'New-BrainMasker' {
    Context 'reading a file in one streaming pass' {
        It 'gives the in-memory masker''s mask and signals to the bit from -LiteralPath' {
            $streamed = New-BrainMasker -LiteralPath $funcPath -SmoothingFwhm 6
            $inMemory = $func | New-BrainMasker -SmoothingFwhm 6
            $streamed.Shape | Should -Be '(80, 4060)'
            $streamed.RepetitionTime | Should -Be 2
            [System.Linq.Enumerable]::SequenceEqual([float[]]$streamed.CopyValues(), [float[]]$inMemory.CopyValues()) | Should -BeTrue
            [System.Linq.Enumerable]::SequenceEqual([float[]]$streamed.Masker.Mask.GetData(), [float[]](Import-Nifti $nilearnMask).GetData()) | Should -BeTrue
            $streamed.Masker.MeanImage.Shape | Should -Be @(24, 28, 24)
        }

        It 'binds Get-ChildItem output and expands -Path wildcards' {
            ([pscustomobject]@{ PSPath = $funcPath } | New-BrainMasker -SmoothingFwhm 6).Shape | Should -Be '(80, 4060)'
            $all = @(New-BrainMasker -Path ([System.IO.Path]::Combine($SmallData, '*_desc-preproc_bold.nii.gz')))
            $all.Count | Should -Be 1
            $all[0].Shape | Should -Be '(80, 4060)'
        }

        It 'uses a given mask, and says in the verbose stream how many passes it made' {
            $out = New-BrainMasker -LiteralPath $funcPath -MaskImage $nilearnMask -SmoothingFwhm 6 -Verbose 4>&1
            $signals = @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
            $signals[0].Shape | Should -Be '(80, 4060)'
            $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
            $verbose[-1].Message | Should -BeLike '*4060 voxels*(80, 4060) from*1 pass over the file)'
        }

        It 'rejects a mask on another grid with the same error id as for an image' {
            { New-BrainMasker -LiteralPath $funcPath -MaskImage ([System.IO.Path]::Combine($UnitData, 'unmask__input_mask.nii.gz')) -ErrorAction Stop } | Should -Throw -ErrorId 'MaskGridMismatch,SeedCorr.PowerShell.Commands.NewBrainMaskerCommand'
        }

        It 'reports a missing or truncated file as an error and goes on with the next' {
            $dir = $TestDrive
            $cut = [System.IO.Path]::Combine($dir, 'cut.nii.gz')
            $bytes = [System.IO.File]::ReadAllBytes($funcPath)
            [System.IO.File]::WriteAllBytes($cut, $bytes[0..($bytes.Length / 2)])
            $out = @(New-BrainMasker -LiteralPath ([System.IO.Path]::Combine($dir, 'missing.nii.gz')), $cut, $funcPath -ErrorVariable e -ErrorAction SilentlyContinue)
            $out.Count | Should -Be 1
            $out[0].Shape | Should -Be '(80, 4060)'
            $e.Count | Should -Be 2
            $e[0].FullyQualifiedErrorId | Should -BeLike 'NiftiFileNotFound,*'
            $e[1].FullyQualifiedErrorId | Should -BeLike 'NiftiDataTruncated,*'
        }
    }

    Context 'the seeds from the same pass (-Seed)' {
        It 'gives, from one read of the file, the values of the two-cmdlet form to the bit' {
            $sphere = New-SphereMasker -Coordinate 0, -52, 18 -Radius 8
            $out = @(New-BrainMasker -LiteralPath $funcPath -SmoothingFwhm 6 -Seed $sphere -Verbose 4>&1)
            $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
            $brain, $seed = @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
            $twoBrain = New-BrainMasker -LiteralPath $funcPath -SmoothingFwhm 6
            $twoSeed = New-SphereMasker -Coordinate 0, -52, 18 -Radius 8 -LiteralPath $funcPath
            $brain.Shape | Should -Be '(80, 4060)'
            $seed.Shape | Should -Be '(80, 1)'
            [System.Linq.Enumerable]::SequenceEqual([float[]]$brain.CopyValues(), [float[]]$twoBrain.CopyValues()) | Should -BeTrue
            [System.Linq.Enumerable]::SequenceEqual([float[]]$seed.CopyValues(), [float[]]$twoSeed.CopyValues()) | Should -BeTrue
            $seed.Masker | Should -Be $sphere
            $brain.Masker | Should -BeOfType ([SeedCorr.Core.Masking.BrainMasker])
            $verbose.Count | Should -Be 2
            $verbose[0].Message | Should -BeLike 'BrainMasker background mask, 4060 voxels*(80, 4060) from*(1 pass over the file)'
            $verbose[1].Message | Should -BeLike 'SphereMasker 1 seed (0, -52, 18)*(80, 1) from*(1 pass over the file)'
        }

        It 'writes the brain signals, then one matrix per seed masker in the order given, and cleans each' {
            $a = New-SphereMasker -Coordinate 0, -52, 18 -Radius 8
            $b = New-SphereMasker -Coordinate (0, -20, 30), (20, -20, 30) -Radius 6
            $out = @(New-BrainMasker -LiteralPath $funcPath -MaskImage $nilearnMask -Seed $a, $b | Invoke-SignalClean -Detrend -Standardize ZScore)
            $out.Count | Should -Be 3
            $out.Shape | Should -Be @('(80, 4060)', '(80, 1)', '(80, 2)')
            $alone = $func | New-SphereMasker -Coordinate (0, -20, 30), (20, -20, 30) -Radius 6 | Invoke-SignalClean -Detrend -Standardize ZScore
            [System.Linq.Enumerable]::SequenceEqual([float[]]$out[2].CopyValues(), [float[]]$alone.CopyValues()) | Should -BeTrue
        }

        It 'gives the same values from a piped image' {
            $sphere = New-SphereMasker -Coordinate 0, -52, 18 -Radius 8
            $brain, $seed = $func | New-BrainMasker -SmoothingFwhm 6 -Seed $sphere
            $streamedBrain, $streamedSeed = New-BrainMasker -LiteralPath $funcPath -SmoothingFwhm 6 -Seed $sphere
            [System.Linq.Enumerable]::SequenceEqual([float[]]$brain.CopyValues(), [float[]]$streamedBrain.CopyValues()) | Should -BeTrue
            [System.Linq.Enumerable]::SequenceEqual([float[]]$seed.CopyValues(), [float[]]$streamedSeed.CopyValues()) | Should -BeTrue
        }

        It 'needs an image to take the seeds from' {
            { New-BrainMasker -MaskImage $nilearnMask -Seed (New-SphereMasker 0, -52, 18 -Radius 8) -ErrorAction Stop } | Should -Throw -ErrorId 'MaskerParameterInvalid,SeedCorr.PowerShell.Commands.NewBrainMaskerCommand'
        }

        It 'reports a seed outside the image for that file, before reading it' {
            $far = New-SphereMasker -Coordinate 500, 0, 0 -Radius 8
            { New-BrainMasker -LiteralPath $funcPath -Seed $far -ErrorAction Stop } | Should -Throw -ErrorId 'SeedOutsideImage,SeedCorr.PowerShell.Commands.NewBrainMaskerCommand'
        }
    }

    Context 'extracting' {
        It 'gives the (80, 4060) brain signals of the example with the background mask and 6 mm smoothing' {
            $brain = $func | New-BrainMasker -SmoothingFwhm 6
            $brain.Shape | Should -Be '(80, 4060)'
            $brain.Masker.VoxelCount | Should -Be 4060
            $brain.Masker.Description | Should -Be 'BrainMasker background mask, 4060 voxels, smoothing 6 mm'
        }

        It 'computes the same mask as nilearn' {
            $brain = $func | New-BrainMasker
            $ours = $brain.Masker.Mask.GetData()
            $theirs = (Import-Nifti $nilearnMask).GetData()
            [System.Linq.Enumerable]::SequenceEqual([float[]]$ours, [float[]]$theirs) | Should -BeTrue
        }

        It 'uses a given mask image (path or object)' -ForEach @(@{ Kind = 'path' }, @{ Kind = 'object' }) {
            $mask = if ($Kind -eq 'path') { $nilearnMask } else { Import-Nifti $nilearnMask }
            ($func | New-BrainMasker -MaskImage $mask).Shape | Should -Be '(80, 4060)'
        }

        It 'uses the EPI strategy on request' {
            $brain = $func | New-BrainMasker -MaskStrategy Epi
            $brain.Masker.VoxelCount | Should -BeGreaterThan 1000
            $brain.Masker.Description | Should -Match 'epi mask'
        }

        It 'puts the first volume back on the grid with the masker''s InverseTransform' {
            $brain = $func | New-BrainMasker -MaskImage $nilearnMask
            $row = [float[]]$brain.CopyValues()[0..4059]
            $img = $brain.Masker.InverseTransform($row, 1, $true)
            $img.Shape | Should -Be @(24, 28, 24)
            $i = $brain.Masker.VoxelIndices()[100]
            $img.GetValue($i.Item1, $i.Item2, $i.Item3) | Should -Be $func.GetValue($i.Item1, $i.Item2, $i.Item3, 0)
        }

        It 'outputs the masker itself with -MaskImage and no image' {
            $m = New-BrainMasker -MaskImage $nilearnMask -SmoothingFwhm 6
            $m | Should -BeOfType ([SeedCorr.Core.Masking.BrainMasker])
        }
    }

    Context 'bad input' {
        It 'needs a mask or an image' {
            { New-BrainMasker -ErrorAction Stop } | Should -Throw -ErrorId 'MaskerParameterInvalid,SeedCorr.PowerShell.Commands.NewBrainMaskerCommand'
        }

        It 'rejects a mask on another grid' {
            { $func | New-BrainMasker -MaskImage ([System.IO.Path]::Combine($UnitData, 'unmask__input_mask.nii.gz')) -ErrorAction Stop } | Should -Throw -ErrorId 'MaskGridMismatch,SeedCorr.PowerShell.Commands.NewBrainMaskerCommand'
        }

        It 'rejects two smoothing values' {
            { $func | New-BrainMasker -SmoothingFwhm 6, 6 -ErrorAction Stop } | Should -Throw -ErrorId 'MaskerParameterInvalid,SeedCorr.PowerShell.Commands.NewBrainMaskerCommand'
        }

        It 'rejects a negative smoothing' {
            { $func | New-BrainMasker -SmoothingFwhm -6 -ErrorAction Stop } | Should -Throw -ErrorId 'MaskerParameterInvalid,SeedCorr.PowerShell.Commands.NewBrainMaskerCommand'
        }
    }
}
