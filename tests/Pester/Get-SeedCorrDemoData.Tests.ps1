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
