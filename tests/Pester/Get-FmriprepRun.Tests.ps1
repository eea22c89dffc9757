BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $StudyRoot = [System.IO.Path]::Combine($RepoRoot, 'tests', 'data', 'study', 'derivatives', 'fmriprep')
    $id = 'SeedCorr.PowerShell.Commands.GetFmriprepRunCommand'
}

Describe 'Get-FmriprepRun' {
    Context 'on the study fixture' {
        It 'finds the five runs of four subjects with their files, TR and header shape' {
            $runs = @(Get-FmriprepRun -Path $StudyRoot)
            $runs.Count | Should -Be 5
            $runs[0] | Should -BeOfType ([SeedCorr.Core.Bids.FmriprepRun])
            $runs.SourceEntities | Should -Be @('sub-01_task-rest', 'sub-02_task-rest', 'sub-03_task-rest_run-1', 'sub-03_task-rest_run-2', 'sub-04_task-rest')
            $runs[3].Run | Should -Be '2'
            $runs[0].Run | Should -BeNullOrEmpty
            foreach ($r in $runs) {
                $r.RepetitionTime | Should -Be 2
                $r.Shape -join 'x' | Should -Be '24x28x24x80'
                $r.IsComplete | Should -BeTrue
                Test-Path -LiteralPath $r.MaskPath | Should -BeTrue
                $r.ConfoundsPath | Should -BeLike '*_desc-confounds_timeseries.tsv'
                $r.ConfoundsJsonPath | Should -BeLike '*_desc-confounds_timeseries.json'
                $r.BoldJsonPath | Should -BeLike '*_desc-preproc_bold.json'
            }
        }

        It 'filters by <Filter>' -ForEach @(
            @{ Filter = 'subject without prefix'; Splat = @{ Subject = '03' }; Expected = 'sub-03_task-rest_run-1', 'sub-03_task-rest_run-2' }
            @{ Filter = 'subject with prefix'; Splat = @{ Subject = 'sub-01', 'sub-04' }; Expected = 'sub-01_task-rest', 'sub-04_task-rest' }
            @{ Filter = 'run as a number'; Splat = @{ Run = '02' }; Expected = 'sub-03_task-rest_run-2' }
            @{ Filter = 'subjects as numbers (unquoted 01, 04)'; Splat = @{ Subject = 1, 4 }; Expected = 'sub-01_task-rest', 'sub-04_task-rest' }
            @{ Filter = 'run with prefix'; Splat = @{ Run = 'run-2'; Task = 'task-rest' }; Expected = 'sub-03_task-rest_run-2' }
        ) {
            (Get-FmriprepRun -LiteralPath $StudyRoot @Splat).SourceEntities | Should -Be $Expected
        }

        It 'warns when nothing matches' {
            $out = Get-FmriprepRun $StudyRoot -Space T1w -WarningVariable w -WarningAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $w | Should -Match 'matches the filters'
        }

        It 'binds a folder from Get-Item' {
            @(Get-Item -LiteralPath $StudyRoot | Get-FmriprepRun).Count | Should -Be 5
        }

        It 'shows a table view' {
            $text = Get-FmriprepRun $StudyRoot | Out-String
            $text | Should -Match 'sub-03_task-rest_run-2'
            $text | Should -Match '24x28x24x80'
            $text | Should -Match 'complete'
        }
    }

    Context 'with missing and damaged files' {
        BeforeAll {
            $root = Join-Path $TestDrive 'fmriprep'
            foreach ($s in 'sub-01', 'sub-02', 'sub-03') { Copy-Item -Recurse (Join-Path $StudyRoot 'sub-01') (Join-Path $root $s) }
            foreach ($s in 'sub-02', 'sub-03') {
                Get-ChildItem (Join-Path $root "$s/func") | Rename-Item -NewName { $_.Name -replace '^sub-01', $s }
            }
            Remove-Item (Join-Path $root 'sub-02/func/sub-02_task-rest_space-MNI152NLin2009cAsym_desc-brain_mask.nii.gz')
            # sub-03: the older fMRIPrep confounds name, and a BOLD that is not NIfTI.
            Get-ChildItem (Join-Path $root 'sub-03/func') -Filter '*confounds_timeseries*' | Rename-Item -NewName { $_.Name -replace 'timeseries', 'regressors' }
            Set-Content -LiteralPath (Join-Path $root 'sub-03/func/sub-03_task-rest_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz') -Value 'not an image'
        }

        It 'reports the missing mask by name and does not drop the others' {
            $runs = @(Get-FmriprepRun $root -ErrorVariable bad -ErrorAction SilentlyContinue)
            $runs.SourceEntities | Should -Be @('sub-01_task-rest')
            $missing = @($bad | Where-Object { $_.FullyQualifiedErrorId -eq "FmriprepRunIncomplete,$id" })
            $missing.Count | Should -Be 1
            $missing[0].Exception.Message | Should -Match 'sub-02_task-rest_space-MNI152NLin2009cAsym_desc-brain_mask\.nii\.gz'
            $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $missing[0].TargetObject.SourceEntities | Should -Be 'sub-02_task-rest'
            $invalid = @($bad | Where-Object { $_.FullyQualifiedErrorId -eq "FmriprepRunInvalid,$id" })
            $invalid.Count | Should -Be 1
            $invalid[0].Exception.Message | Should -Match 'sub-03.*header'
        }

        It 'outputs incomplete runs too with -IncludeIncomplete, with their problems' {
            $runs = @(Get-FmriprepRun $root -IncludeIncomplete -ErrorAction SilentlyContinue)
            $runs.Count | Should -Be 3
            $runs[1].IsComplete | Should -BeFalse
            $runs[1].Problems[0].Kind | Should -Be 'MissingFile'
            $runs[2].ConfoundsPath | Should -BeLike '*_desc-confounds_regressors.tsv'
            ($runs | Out-String -Width 400) | Should -Match 'problems: sub-02_task-rest_space-MNI152NLin2009cAsym_desc-brain_mask.nii.gz'
        }

        It 'fails on a folder that does not exist with a stable id' {
            { Get-FmriprepRun -LiteralPath (Join-Path $TestDrive 'nope') -ErrorAction Stop } | Should -Throw -ErrorId "FmriprepFolderNotFound,$id"
        }
    }
}
