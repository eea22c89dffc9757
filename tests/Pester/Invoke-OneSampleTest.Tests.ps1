BeforeAll { . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1')) }

Describe 'Invoke-OneSampleTest' {
    BeforeAll {
        $StudyData = [System.IO.Path]::Combine($RepoRoot, 'tests', 'data', 'study-group')
        $Pcc = Get-ChildItem -LiteralPath $StudyData -Filter 'sub-*_desc-PCC_boldmap.nii.gz'
        $Prefix = 'task-rest_space-MNI152NLin2009cAsym'
        function Get-Voxels([string] $Path) { [SeedCorr.Core.Nifti.NiftiReader]::ReadAsDouble($Path, $null, [System.Threading.CancellationToken]::None).Item2 }
    }

    It 'matches scipy on the fixture study from Get-ChildItem output: t within 1e-4, p within 1e-6, same mask' {
        $out = Join-Path $TestDrive 'parity'
        $result = $Pcc | Invoke-OneSampleTest -OutputDirectory $out -ClusterThreshold 5
        $result.Subjects | Should -Be 4
        $result.Runs | Should -Be 5
        $result.Voxels | Should -Be 4060
        $result.DegreesOfFreedom | Should -Be 3
        $result.Seed | Should -Be 'PCC'
        $group = Join-Path $out 'group'
        foreach ($pair in @(@('t', 'pcc_t', 1e-4), @('p', 'pcc_p', 1e-6), @('effect', 'pcc_mean_z', 1e-6))) {
            $ours = Get-Voxels (Join-Path $group "${Prefix}_stat-$($pair[0])_desc-PCC_statmap.nii.gz")
            $ref = Get-Voxels (Join-Path $StudyData 'reference' "$($pair[1]).nii.gz")
            $worst = 0.0
            for ($v = 0; $v -lt $ref.Length; $v++) { $worst = [Math]::Max($worst, [Math]::Abs($ours[$v] - $ref[$v])) }
            $worst | Should -BeLessOrEqual $pair[2] -Because "stat-$($pair[0])"
        }
        $mask = Get-Voxels (Join-Path $group "${Prefix}_desc-PCC_mask.nii.gz")
        $refMask = Get-Voxels (Join-Path $StudyData 'reference' 'mask.nii.gz')
        ($mask -join ',') | Should -Be ($refMask -join ',')
        $t = Import-Nifti -LiteralPath (Join-Path $group "${Prefix}_stat-t_desc-PCC_statmap.nii.gz") -HeaderOnly
        $t.IntentCode | Should -Be 3
        $t.IntentParameters[0] | Should -Be 3
        (Import-Nifti -LiteralPath (Join-Path $group "${Prefix}_stat-z_desc-PCC_statmap.nii.gz") -HeaderOnly).IntentCode | Should -Be 5
        (Import-Nifti -LiteralPath (Join-Path $group "${Prefix}_stat-p_desc-PCC_statmap.nii.gz") -HeaderOnly).IntentCode | Should -Be 22
        $sidecar = Get-Content -Raw (Join-Path $group "${Prefix}_stat-t_desc-PCC_statmap.json") | ConvertFrom-Json
        $sidecar.MaskVoxels | Should -Be 4060
        $sidecar.Tail | Should -Be 'Two'
        $sidecar.Subjects.Count | Should -Be 4
        ($sidecar.Subjects | Where-Object Subject -EQ '03').Runs.Count | Should -Be 2
        $sidecar.Software.Name | Should -Be 'SeedCorr'
        $clusters = Import-Csv -Delimiter "`t" (Join-Path $group "${Prefix}_stat-t_desc-PCC_clusters.tsv")
        $clusters.Count | Should -Be $result.Clusters.Count
        [double]$clusters[0].'Peak Stat' | Should -BeGreaterThan 5
        ($result | Out-String) | Should -Match 'PCC'
    }

    It 'takes the run results of Invoke-SeedToVoxel, one seed by -SeedName, and agrees with scipy on nilearn''s maps' {
        $fmriprep = [System.IO.Path]::Combine($RepoRoot, 'tests', 'data', 'study', 'derivatives', 'fmriprep')
        $seeds = New-SphereSeed -Name PCC, LAG -Coordinate (0, -52, 18), (-46, -66, 32) -Radius 8
        $out = Join-Path $TestDrive 'from-runs'
        $runs = @(Get-FmriprepRun -LiteralPath $fmriprep | Invoke-SeedToVoxel -Seed $seeds -MinimumDegreesOfFreedom -10 -OutputDirectory $out)
        $runs.Count | Should -Be 5
        { $runs | Invoke-OneSampleTest -OutputDirectory $out -ErrorAction Stop } | Should -Throw -ErrorId 'GroupMixedSeeds,SeedCorr.PowerShell.Commands.InvokeOneSampleTestCommand'
        $result = $runs | Invoke-OneSampleTest -SeedName PCC -OutputDirectory $out
        $result.Subjects | Should -Be 4
        $result.Runs | Should -Be 5
        $result.Seed | Should -Be 'PCC'
        $result.Voxels | Should -Be 4060
        # SeedCorr's own run-level maps (r within 1.1e-5 of nilearn's) carried through the group test.
        $ours = Get-Voxels (Join-Path $out "group/${Prefix}_stat-t_desc-PCC_statmap.nii.gz")
        $ref = Get-Voxels (Join-Path $StudyData 'reference' 'pcc_t.nii.gz')
        $worst = 0.0
        for ($v = 0; $v -lt $ref.Length; $v++) { $worst = [Math]::Max($worst, [Math]::Abs($ours[$v] - $ref[$v]) / [Math]::Max(1, [Math]::Abs($ref[$v]))) }
        Write-Host "t from Invoke-SeedToVoxel's maps vs scipy on nilearn's: max relative difference $worst"
        $worst | Should -BeLessOrEqual 1e-3
    }

    It 'runs an exact sign-flip test with -Permutations, states it in the sidecar, and honours -NoClobber and -WhatIf' {
        $out = Join-Path $TestDrive 'perm'
        $result = Invoke-OneSampleTest -Path (Join-Path $StudyData 'sub-*_desc-PCC_boldmap.nii.gz') -OutputDirectory $out -Permutations 1000 -Tail Positive -Seed 7
        $result.Permutations | Should -Be 16
        $result.PermutationExact | Should -BeTrue
        $result.Tail | Should -Be 'Positive'
        $sidecar = Get-Content -Raw (Join-Path $out 'group' "${Prefix}_stat-pfwe_desc-PCC_statmap.json") | ConvertFrom-Json
        $sidecar.Permutations.Exact | Should -BeTrue
        $sidecar.Tail | Should -Be 'Positive'
        { $Pcc | Invoke-OneSampleTest -OutputDirectory $out -NoClobber -ErrorAction Stop } |
            Should -Throw -ErrorId 'FileExists,SeedCorr.PowerShell.Commands.InvokeOneSampleTestCommand'
        $dry = Join-Path $TestDrive 'dry'
        $Pcc | Invoke-OneSampleTest -OutputDirectory $dry -WhatIf | Should -BeNullOrEmpty
        Test-Path -LiteralPath (Join-Path $dry 'group') | Should -BeFalse
    }

    It 'refuses <Name> with a stable error id' -ForEach @(
        @{ Name = 'one subject only'; Id = 'GroupTooFewSubjects'; Files = { $Pcc | Where-Object Name -Like 'sub-03*' } }
        @{ Name = 'maps of different seeds'; Id = 'GroupMixedSeeds'; Files = { @($Pcc) + @(Get-ChildItem -LiteralPath (Join-Path $StudyData 'other-seed')) } }
        @{ Name = 'an all-NaN map'; Id = 'GroupMapEmpty'; Files = {
                $nan = [float[]]::new(24 * 28 * 24); for ($i = 0; $i -lt $nan.Length; $i++) { $nan[$i] = [float]::NaN }
                $affine = (Import-Nifti -LiteralPath $Pcc[0].FullName -HeaderOnly).BestAffine
                $img = [SeedCorr.Core.Nifti.NiftiImage]::Create($nan, [int[]](24, 28, 24), $affine, $null, $null)
                $path = Join-Path $TestDrive 'sub-09_task-rest_space-MNI152NLin2009cAsym_stat-fisherz_desc-PCC_boldmap.nii.gz'
                $img | Export-Nifti -LiteralPath $path -Force
                @($Pcc) + @(Get-Item -LiteralPath $path) } }
        @{ Name = 'a map on another grid'; Id = 'GroupGridMismatch'; Files = {
                $img = [SeedCorr.Core.Nifti.NiftiImage]::Create([float[]]::new(10 * 10 * 10), [int[]](10, 10, 10), [SeedCorr.Core.Geometry.Affine]::Diagonal(8, 8, 8, 0, 0, 0), $null, $null)
                $path = Join-Path $TestDrive 'sub-08_task-rest_space-MNI152NLin2009cAsym_stat-fisherz_desc-PCC_boldmap.nii.gz'
                $img | Export-Nifti -LiteralPath $path -Force
                @($Pcc) + @(Get-Item -LiteralPath $path) } }
    ) {
        $files = & $Files
        { $files | Invoke-OneSampleTest -OutputDirectory (Join-Path $TestDrive 'bad') -ErrorAction Stop } |
            Should -Throw -ErrorId "$Id,SeedCorr.PowerShell.Commands.InvokeOneSampleTestCommand"
    }

    It 'gives a t map that Export-StatMapPlot draws after Import-Nifti, thresholded from the result' {
        $out = Join-Path $TestDrive 'plot'
        $result = $Pcc | Invoke-OneSampleTest -OutputDirectory $out -ClusterThreshold 5
        $t = $result.Files | Where-Object { $_ -like '*_stat-t_desc-PCC_statmap.nii.gz' }
        $png = Join-Path $TestDrive 'group_t.png'
        Export-StatMapPlot -InputObject (Import-Nifti -LiteralPath $t) -Path $png -Threshold ($result.Clusters[0].PeakValue / 2) -CutCoords $result.PeakMni
        (Get-Item -LiteralPath $png).Length | Should -BeGreaterThan 1000
    }

    It 'refuses a bad -Fdr before reading anything' {
        { $Pcc | Invoke-OneSampleTest -OutputDirectory (Join-Path $TestDrive 'fdr') -Fdr 2 -ErrorAction Stop } |
            Should -Throw -ErrorId 'GroupParameterInvalid,SeedCorr.PowerShell.Commands.InvokeOneSampleTestCommand'
    }
}
