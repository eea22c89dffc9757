BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $cache = [System.IO.Path]::Combine($TestDrive, 'cache')
    $demo = Get-SeedCorrDemoData -CacheDirectory $cache
}

Describe 'Get-SeedCorrDemoData' {
    It 'returns the paths of a development-size subject' {
        $demo | Should -BeOfType ([SeedCorr.Core.Datasets.DemoSubject])
        $demo.Func | Should -Exist
        $demo.Confounds | Should -Exist
        $demo.FullConfounds | Should -Exist
        "$(Import-Nifti $demo.Func)" | Should -BeExactly 'NiftiImage 50x59x50x168 float32 4mm TR=2s'
        (Import-Confounds $demo.Confounds).Columns | Should -Be 15
    }

    It 'reuses the cached files' {
        $before = [System.IO.File]::GetLastWriteTimeUtc($demo.Func)
        $again = Get-SeedCorrDemoData -CacheDirectory $cache
        $again.Func | Should -Be $demo.Func
        [System.IO.File]::GetLastWriteTimeUtc($again.Func) | Should -Be $before
    }
}

Describe 'Get-SeedCorrDemoData -Study' {
    Context 'a small study: 2 subjects x 2 runs of 40 volumes' {
        BeforeAll {
            $studyCache = [System.IO.Path]::Combine($TestDrive, 'study-cache')
            $study = Get-SeedCorrDemoData -Study -Subjects 2 -RunsPerSubject 2 -Volumes 40 -CacheDirectory $studyCache
            $runs = @(Get-FmriprepRun -Path $study.Path)
        }

        It 'returns a DemoStudy that says what it is' {
            $study | Should -BeOfType ([SeedCorr.Core.Datasets.DemoStudy])
            $study.Subjects | Should -Be @('01', '02')
            $study.RunsPerSubject | Should -Be 2
            $study.Runs | Should -Be 4
            "$study" | Should -BeExactly "demo study 2 subjects × 2 runs, 50x59x50x40, 4 mm, TR 2 s in $($study.Path)"
            [System.IO.Path]::Combine($study.Path, 'dataset_description.json') | Should -Exist
        }

        It 'Get-FmriprepRun finds the N x R runs, complete, TR 2, 50x59x50x40' {
            $runs | Should -HaveCount 4
            $runs | ForEach-Object {
                $_.IsComplete | Should -BeTrue
                $_.RepetitionTime | Should -Be 2
                $_.Shape | Should -Be @(50, 59, 50, 40)
                $_.Task | Should -Be 'rest'
                $_.Space | Should -Be 'MNI152NLin2009cAsym'
            }
            ($runs | ForEach-Object { "$($_.Subject)/$($_.Run)" }) | Should -Be @('01/1', '01/2', '02/1', '02/2')
            [System.IO.Path]::GetFileName($runs[1].BoldPath) | Should -BeExactly 'sub-01_task-rest_run-2_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz'
        }

        It 'pipes into Get-FmriprepRun by its Path property' {
            $piped = @($study | Get-FmriprepRun)
            $piped | Should -HaveCount 4
            $piped[0].BoldPath | Should -Be $runs[0].BoldPath
        }

        It 'every denoise preset loads a run, and Scrubbing censors the head jerks of run 1' {
            foreach ($strategy in 'Simple', 'Scrubbing', 'CompCor') {
                (Import-Confounds $runs[0].BoldPath -DenoiseStrategy $strategy -WarningAction SilentlyContinue).Rows | Should -Be 40
            }
            (Import-Confounds $runs[0].ConfoundsPath -DenoiseStrategy IcaAroma -WarningAction SilentlyContinue).Columns | Should -Be 2
            $fd = (Import-Confounds $runs[0].ConfoundsPath -Column framewise_displacement -WarningAction SilentlyContinue).GetColumn(0)
            $jerks = @(0..39 | Where-Object { $fd[$_] -gt 0.5 })
            $jerks | Should -HaveCount 6
            $kept = (Import-Confounds $runs[0].BoldPath -DenoiseStrategy Scrubbing -WarningAction SilentlyContinue).SampleMask
            $kept.Count | Should -BeLessThan 34
            $jerks | ForEach-Object { $kept | Should -Not -Contain $_ }
            (Import-Confounds $runs[1].BoldPath -DenoiseStrategy Scrubbing -WarningAction SilentlyContinue).VolumesKept | Should -Be 40
        }

        It 'reuses the cached study, and -Force generates the same bytes again' {
            $bold = $runs[0].BoldPath
            $before = [System.IO.File]::GetLastWriteTimeUtc($bold)
            $hash = (Get-FileHash -LiteralPath $bold).Hash
            $null = Get-SeedCorrDemoData -Study -Subjects 2 -RunsPerSubject 2 -Volumes 40 -CacheDirectory $studyCache
            [System.IO.File]::GetLastWriteTimeUtc($bold) | Should -Be $before
            $null = Get-SeedCorrDemoData -Study -Subjects 2 -RunsPerSubject 2 -Volumes 40 -CacheDirectory $studyCache -Force
            [System.IO.File]::GetLastWriteTimeUtc($bold) | Should -Not -Be $before
            (Get-FileHash -LiteralPath $bold).Hash | Should -Be $hash
        }

        It 'shows the study as a list' {
            $text = $study | Out-String
            $text | Should -Match 'Subjects\s*:\s*2: sub-01, sub-02'
            $text | Should -Match 'Size\s*:\s*50x59x50x40, 4 mm, TR 2 s'
        }
    }

    It 'refuses counts out of range and -Preset with -Study' {
        { Get-SeedCorrDemoData -Study -Subjects 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,SeedCorr.PowerShell.Commands.GetSeedCorrDemoDataCommand'
        { Get-SeedCorrDemoData -Study -Subjects 101 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,SeedCorr.PowerShell.Commands.GetSeedCorrDemoDataCommand'
        { Get-SeedCorrDemoData -Study -Preset Mni2mm } | Should -Throw -ErrorId 'AmbiguousParameterSet,SeedCorr.PowerShell.Commands.GetSeedCorrDemoDataCommand'
    }

    It 'a cache folder that cannot be written is DemoDataWriteFailed' {
        $file = [System.IO.Path]::Combine($TestDrive, 'not-a-folder')
        Set-Content -LiteralPath $file -Value 'x'
        { Get-SeedCorrDemoData -Study -Subjects 1 -Volumes 40 -CacheDirectory ([System.IO.Path]::Combine($file, 'cache')) -ErrorAction Stop } | Should -Throw -ErrorId 'DemoDataWriteFailed,SeedCorr.PowerShell.Commands.GetSeedCorrDemoDataCommand'
    }
}

Describe 'examples/pcc-seed-correlation.ps1' {
    It 'prints nilearn''s lines on the small case and writes both maps' {
        $script = [System.IO.Path]::Combine($RepoRoot, 'examples', 'pcc-seed-correlation.ps1')
        $out = [System.IO.Path]::Combine($TestDrive, 'pcc')
        $lines = @(& $script -FuncPath ([System.IO.Path]::Combine($SmallData, 'sub-synth01_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz')) `
                -ConfoundsPath ([System.IO.Path]::Combine($SmallData, 'sub-synth01_task-pixar_desc-reducedConfounds_regressors.tsv')) -OutputDirectory $out) |
            ForEach-Object { "$_" }
        # nilearn's printed values on this case (nilearn_standardize_true/stdout.txt), in the seed document's format: its
        # 0.10.4 example file prints "((80, 1))" and "max = 1.125f".
        $lines | Should -Contain 'Seed time series shape: (80, 1)'
        $lines | Should -Contain 'Brain time series shape: (80, 4060)'
        $lines | Should -Contain 'Seed-to-voxel correlation shape: (4060, 1)'
        $lines | Should -Contain 'Seed-to-voxel correlation: min = -0.843; max = 0.809'
        $lines | Should -Contain 'Seed-to-voxel correlation Fisher-z transformed: min = -1.231; max = 1.125'
        $nilearn = [System.IO.File]::ReadAllLines([System.IO.Path]::Combine($SmallData, 'nilearn_standardize_true', 'stdout.txt'))
        $nilearn | Should -Contain 'Seed time series shape: ((80, 1))'
        $nilearn | Should -Contain 'Seed-to-voxel correlation Fisher-z transformed: min = -1.231; max = 1.125f'
        [System.IO.Path]::Combine($out, 'pcc_seed_correlation.nii.gz') | Should -Exist
        [System.IO.Path]::Combine($out, 'pcc_seed_correlation_z.nii.gz') | Should -Exist
        foreach ($figure in 'seed_time_series.png', 'voxel_time_series.png', 'pcc_seed_correlation.pdf', 'pcc_seed_correlation.png', 'pcc_seed_correlation_z.png') {
            [System.IO.Path]::Combine($out, $figure) | Should -Exist
        }
    }

    It 'runs on the demo subject by default' {
        $env:SEEDCORR_CACHE = $cache
        try {
            $lines = @(& ([System.IO.Path]::Combine($RepoRoot, 'examples', 'pcc-seed-correlation.ps1')) -OutputDirectory ([System.IO.Path]::Combine($TestDrive, 'demo-out')) | ForEach-Object { "$_" })
        }
        finally { $env:SEEDCORR_CACHE = $null }
        $lines | Should -Contain 'Seed time series shape: (168, 1)'
        ($lines | Where-Object { $_ -like 'Brain time series shape: (168, *' }) | Should -HaveCount 1
    }
}
