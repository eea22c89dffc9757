BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $StudyData = [System.IO.Path]::Combine($RepoRoot, 'tests', 'data', 'study')
    $Fmriprep = [System.IO.Path]::Combine($StudyData, 'derivatives', 'fmriprep')
    $id = 'SeedCorr.PowerShell.Commands.InvokeSeedToVoxelCommand'
    $Seeds = New-SphereSeed -Name PCC, LAG, SMA -Coordinate (0, -52, 18), (-46, -66, 32), (0, -20, 64) -Radius 8
    $Atlas = Import-SeedAtlas -LiteralPath (Join-Path $StudyData 'atlas/dmn_labels_2mm.nii.gz') -LabelsTable (Join-Path $StudyData 'atlas/dmn_labels.tsv') -Name DMN
    # nilearn counts no degrees of freedom; these 80-volume fixture runs have -1 left by XCP-D's count.
    $Fixture = @{ Seed = @($Seeds) + $Atlas; MinimumDegreesOfFreedom = -10 }

    function Get-TempFile([string] $Root) {
        @(Get-ChildItem -LiteralPath $Root -Recurse -Force -File | Where-Object Name -like '*.tmp')
    }
}

Describe 'Invoke-SeedToVoxel' {
    Context 'on the study fixture (nilearn 0.10.4)' {
        BeforeAll {
            $out = Join-Path $TestDrive 'seedcorr'
            $results = @(Get-FmriprepRun -LiteralPath $Fmriprep | Invoke-SeedToVoxel @Fixture -OutputDirectory $out -ThrottleLimit 2)
            $reference = Get-Content -Raw (Join-Path $StudyData 'reference/study.json') | ConvertFrom-Json
        }

        It 'outputs one result per run, all succeeded, with what cleaning left' {
            $results.Count | Should -Be 5
            $results | Should -BeOfType ([SeedCorr.Core.Study.SeedToVoxelRunResult])
            ($results.SourceEntities | Sort-Object) | Should -Be @('sub-01_task-rest', 'sub-02_task-rest', 'sub-03_task-rest_run-1', 'sub-03_task-rest_run-2', 'sub-04_task-rest')
            foreach ($r in $results) {
                $r.Status | Should -Be 'Succeeded'
                $r.VolumesRetained | Should -Be 80
                $r.CensoredVolumes | Should -Be 0
                $r.ConfoundCount | Should -Be 27
                $r.DegreesOfFreedom | Should -Be -1
                $r.SeedCount | Should -Be 7
                $r.Outputs.Count | Should -Be 31
                $r.Error | Should -BeNullOrEmpty
            }
        }

        It 'names every map the BIDS way, with atlas- for atlas seeds' {
            $func = Join-Path $out 'sub-03/func'
            $expected = foreach ($desc in 'PCC', 'LAG', 'SMA') {
                foreach ($stat in 'pearsoncorrelation', 'fisherz') { "sub-03_task-rest_run-2_space-MNI152NLin2009cAsym_stat-$($stat)_desc-$($desc)_boldmap" }
            }
            $expected += foreach ($desc in 'PCC', 'mPFC', 'LAG', 'RAG') {
                foreach ($stat in 'pearsoncorrelation', 'fisherz') { "sub-03_task-rest_run-2_space-MNI152NLin2009cAsym_atlas-DMN_stat-$($stat)_desc-$($desc)_boldmap" }
            }
            foreach ($name in $expected) {
                Test-Path -LiteralPath (Join-Path $func "$name.nii.gz") -PathType Leaf | Should -BeTrue -Because $name
                Test-Path -LiteralPath (Join-Path $func "$name.json") -PathType Leaf | Should -BeTrue -Because $name
            }
            Test-Path (Join-Path $func 'sub-03_task-rest_run-2_desc-confounds_timeseries.tsv') | Should -BeTrue
            Test-Path (Join-Path $func 'sub-03_task-rest_run-2_desc-seeds_timeseries.tsv') | Should -BeTrue
            Test-Path (Join-Path $out 'logs/sub-03_task-rest_run-2_status.json') | Should -BeTrue
            Get-TempFile $out | Should -BeNullOrEmpty
        }

        It 'writes the r map nilearn computes, within 3e-5, with intent CORREL and the dof' {
            $ours = Import-Nifti -LiteralPath (Join-Path $out 'sub-01/func/sub-01_task-rest_space-MNI152NLin2009cAsym_stat-pearsoncorrelation_desc-PCC_boldmap.nii.gz')
            $theirs = Import-Nifti -LiteralPath (Join-Path $StudyData 'reference/sub-01_task-rest/spheres_r.nii.gz')
            $ours.Shape -join 'x' | Should -Be '24x28x24'
            $a = $ours.GetData(); $b = $theirs.GetVolume(0)
            $max = 0.0
            for ($i = 0; $i -lt $a.Length; $i++) { $d = [Math]::Abs($a[$i] - $b[$i]); if ($d -gt $max) { $max = $d } }
            $max | Should -BeLessThan 3e-5
            $ours.Header.IntentCode | Should -Be 2
            $ours.Header.IntentParameters[0] | Should -Be -1
        }

        It 'describes each map in its sidecar: seed, exact confound columns, filters, volumes, dof, sources' {
            $j = Get-Content -Raw (Join-Path $out 'sub-02/func/sub-02_task-rest_space-MNI152NLin2009cAsym_stat-fisherz_desc-LAG_boldmap.json') | ConvertFrom-Json
            $j.Seed.Type | Should -Be 'sphere'
            $j.Seed.Coordinates | Should -Be @(-46, -66, 32)
            $j.Seed.RadiusMM | Should -Be 8
            $j.ConfoundStrategy.Preset | Should -Be 'Simple'
            $j.ConfoundStrategy.Columns | Should -Be ($reference.runs | Where-Object run -eq 'sub-02_task-rest').confounds
            $j.SoftwareFilters.Butterworth.'High-pass cutoff (Hz)' | Should -Be 0.01
            $j.SoftwareFilters.Butterworth.'Low-pass cutoff (Hz)' | Should -Be 0.1
            $j.SoftwareFilters.Butterworth.'Filter order' | Should -Be 5
            $j.SmoothingFWHM | Should -Be 6
            $j.NumberOfVolumesRetained | Should -Be 80
            @($j.CensoredVolumes).Count | Should -Be 0
            $j.DegreesOfFreedom | Should -Be -1
            $j.FisherZClip | Should -Be 0.999329
            $j.SkullStripped | Should -BeTrue
            $j.Sources | Should -Contain 'bids:preprocessed:sub-02/func/sub-02_task-rest_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz'
            $j.Sources | Should -Contain 'bids:preprocessed:sub-02/func/sub-02_task-rest_desc-confounds_timeseries.tsv'
            $a = Get-Content -Raw (Join-Path $out 'sub-02/func/sub-02_task-rest_space-MNI152NLin2009cAsym_atlas-DMN_stat-pearsoncorrelation_desc-mPFC_boldmap.json') | ConvertFrom-Json
            $a.Seed.Type | Should -Be 'atlas'
            $a.Seed.Atlas | Should -Be 'DMN'
            $a.Seed.Index | Should -Be 2
            $a.Seed.Name | Should -Be 'mPFC'
            $a.Seed.VoxelCount | Should -BeGreaterThan 0
        }

        It 'writes the dataset description of a derivative that links to the fMRIPrep folder' {
            $d = Get-Content -Raw (Join-Path $out 'dataset_description.json') | ConvertFrom-Json
            $d.DatasetType | Should -Be 'derivative'
            $d.GeneratedBy[0].Name | Should -Be 'SeedCorr'
            $d.GeneratedBy[0].Version | Should -Match '^\d+\.\d+\.\d+'
            $d.DatasetLinks.preprocessed | Should -Be ([Uri]::new($Fmriprep).AbsoluteUri)
            $d.SourceDatasets[0].URL | Should -Be ([Uri]::new($Fmriprep).AbsoluteUri)
        }

        It 'writes the design matrix nilearn used and the cleaned seed series' {
            $ours = Import-Csv -Delimiter "`t" (Join-Path $out 'sub-04/func/sub-04_task-rest_desc-confounds_timeseries.tsv')
            $theirs = Import-Csv -Delimiter "`t" (Join-Path $StudyData 'reference/sub-04_task-rest/confounds.tsv')
            $ours.Count | Should -Be 80
            foreach ($c in 'trans_x', 'rot_z_derivative1_power2', 'csf', 'cosine00') {
                for ($t = 0; $t -lt 80; $t += 13) {
                    [double]$ours[$t].$c | Should -BeGreaterOrEqual ([double]$theirs[$t].$c - 1e-9)
                    [double]$ours[$t].$c | Should -BeLessOrEqual ([double]$theirs[$t].$c + 1e-9)
                }
            }
            $seeds = Import-Csv -Delimiter "`t" (Join-Path $out 'sub-04/func/sub-04_task-rest_desc-seeds_timeseries.tsv')
            $seeds.Count | Should -Be 80
            ($seeds[0].PSObject.Properties.Name) | Should -Be @('PCC', 'LAG', 'SMA', 'DMN_PCC', 'DMN_mPFC', 'DMN_LAG', 'DMN_RAG')
        }

        It 'skips unchanged runs on a second call, and redoes them with -Force' {
            $again = @(Get-FmriprepRun -LiteralPath $Fmriprep | Invoke-SeedToVoxel @Fixture -OutputDirectory $out)
            $again.Status | Sort-Object -Unique | Should -Be 'Skipped'
            $again[0].Outputs.Count | Should -Be 31
            $again[0].ProvenanceHash | Should -Be ($results | Where-Object SourceEntities -eq $again[0].SourceEntities).ProvenanceHash
            $forced = @(Get-FmriprepRun -LiteralPath $Fmriprep -Subject 01 | Invoke-SeedToVoxel @Fixture -OutputDirectory $out -Force)
            $forced.Status | Should -Be 'Succeeded'
        }

        It 'redoes a run when a parameter changes, and only that one run' {
            $changed = @(Get-FmriprepRun -LiteralPath $Fmriprep -Subject 02 | Invoke-SeedToVoxel @Fixture -OutputDirectory $out -SmoothingFwhm 4)
            $changed.Status | Should -Be 'Succeeded'
            $changed.ProvenanceHash | Should -Not -Be ($results | Where-Object SourceEntities -eq 'sub-02_task-rest').ProvenanceHash
            (Get-Content -Raw (Join-Path $out 'sub-02/func/sub-02_task-rest_space-MNI152NLin2009cAsym_stat-fisherz_desc-PCC_boldmap.json') | ConvertFrom-Json).SmoothingFWHM | Should -Be 4
        }

        It 'gives a one-line-per-run CSV log' {
            $log = Join-Path $TestDrive 'log.csv'
            $results | Export-Csv -LiteralPath $log
            $rows = Import-Csv -LiteralPath $log
            $rows.Count | Should -Be 5
            $rows[0].Status | Should -Be 'Succeeded'
            $rows[0].Outputs | Should -Be '31 files'
            $rows[0].Maps | Should -Be '7 seeds'
            $rows[0].PSObject.Properties.Name | Should -Not -Contain 'Exception'
        }

        It 'shows a table view' {
            $text = $results | Out-String -Width 200
            $text | Should -Match 'sub-03_task-rest_run-2\s+Succeeded'
            $text | Should -Match '80/80'
        }
    }

    Context 'with the brain kept for new seeds' {
        It 'maps a new seed from the kept brain as the job maps it, to the bit' {
            $out = Join-Path $TestDrive 'kept'
            $result = Get-FmriprepRun -LiteralPath $Fmriprep -Subject 04 | Invoke-SeedToVoxel -Seed $Seeds -MinimumDegreesOfFreedom -10 -OutputDirectory $out -KeepBrain
            $result.CleanedBrain | Should -BeOfType ([SeedCorr.Core.Study.CleanedBrain])
            $map = $result | Get-SeedCorrelation -SphereSeed $Seeds[1]
            $map.Shape | Should -Be '(4060, 1)'
            $ours = Join-Path $TestDrive 'lag_r.nii.gz'
            $map | Export-FisherZ -Statistic Correlation -LiteralPath $ours
            $job = Import-Nifti -LiteralPath (Join-Path $out 'sub-04/func/sub-04_task-rest_space-MNI152NLin2009cAsym_stat-pearsoncorrelation_desc-LAG_boldmap.nii.gz')
            ((Import-Nifti -LiteralPath $ours).GetData() -join ',') | Should -Be ($job.GetData() -join ',')
        }

        It 'reads a sphere that reaches beyond the brain mask from the file, once' {
            $result = Get-FmriprepRun -LiteralPath $Fmriprep -Subject 04 | Invoke-SeedToVoxel -Seed $Seeds -MinimumDegreesOfFreedom -10 -OutputDirectory (Join-Path $TestDrive 'kept2') -KeepBrain
            $edge = New-SphereSeed -Name Edge -Coordinate 0, -52, 75 -Radius 12
            $map = $result | Get-SeedCorrelation -SphereSeed $edge, $Seeds[0]
            $map.Seeds | Should -Be 2
            $result.CleanedBrain.FileReads | Should -Be 1
        }
    }

    Context 'with the same maps whatever the parallelism' {
        It 'writes the same bits with -ThrottleLimit 1 and 3' {
            $one = Join-Path $TestDrive 'one'; $three = Join-Path $TestDrive 'three'
            $null = Get-FmriprepRun -LiteralPath $Fmriprep -Subject 03 | Invoke-SeedToVoxel -Seed $Seeds -MinimumDegreesOfFreedom -10 -OutputDirectory $one -ThrottleLimit 1
            $null = Get-FmriprepRun -LiteralPath $Fmriprep -Subject 03 | Invoke-SeedToVoxel -Seed $Seeds -MinimumDegreesOfFreedom -10 -OutputDirectory $three -ThrottleLimit 3
            $maps = Get-ChildItem -LiteralPath (Join-Path $one 'sub-03/func') -Filter '*.nii.gz'
            $maps.Count | Should -Be 12
            foreach ($m in $maps) {
                (Get-FileHash -LiteralPath $m.FullName).Hash | Should -Be (Get-FileHash -LiteralPath (Join-Path $three "sub-03/func/$($m.Name)")).Hash
            }
        }
    }

    Context 'with bad runs among good ones' {
        BeforeAll {
            $root = Join-Path $TestDrive 'bad/fmriprep'
            Copy-Item -Recurse -LiteralPath $Fmriprep -Destination $root
            # sub-02: no brain mask. sub-03 run-1: a BOLD cut short. sub-04: a BOLD of 3 volumes (and 3 confound rows).
            Remove-Item (Join-Path $root 'sub-02/func/sub-02_task-rest_space-MNI152NLin2009cAsym_desc-brain_mask.nii.gz')
            $bold = Join-Path $root 'sub-03/func/sub-03_task-rest_run-1_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz'
            $bytes = [System.IO.File]::ReadAllBytes($bold)
            [System.IO.File]::WriteAllBytes($bold, $bytes[0..($bytes.Length / 2)])
            $four = Join-Path $root 'sub-04/func/sub-04_task-rest_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz'
            $img = Import-Nifti -LiteralPath $four
            $short = [SeedCorr.Core.Nifti.NiftiImage]::Create([float[]]($img.GetData()[0..(3 * $img.VolumeSize - 1)]), [int[]](24, 28, 24, 3), $img.Affine, 2.0, $null)
            $short | Export-Nifti -LiteralPath $four -Force
            $tsv = Join-Path $root 'sub-04/func/sub-04_task-rest_desc-confounds_timeseries.tsv'
            Set-Content -LiteralPath $tsv -Value (Get-Content -LiteralPath $tsv -TotalCount 4)
            $out = Join-Path $TestDrive 'bad/seedcorr'
            $runs = @(Get-FmriprepRun -LiteralPath $root -IncludeIncomplete -ErrorAction SilentlyContinue)
            $results = @($runs | Invoke-SeedToVoxel @Fixture -OutputDirectory $out -ThrottleLimit 2 -ErrorVariable bad -ErrorAction SilentlyContinue)
        }

        It 'reports each bad run by name with its own error id, and the others finish' {
            $results.Count | Should -Be 5
            ($results | Where-Object Status -eq Succeeded).SourceEntities | Sort-Object | Should -Be @('sub-01_task-rest', 'sub-03_task-rest_run-2')
            ($results | Where-Object Status -eq Failed).SourceEntities | Sort-Object | Should -Be @('sub-02_task-rest', 'sub-03_task-rest_run-1', 'sub-04_task-rest')
            $bad.Count | Should -Be 3
            $mask = $bad | Where-Object { $_.TargetObject.SourceEntities -eq 'sub-02_task-rest' }
            $mask.FullyQualifiedErrorId | Should -Be "FmriprepRunIncomplete,$id"
            $mask.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $mask.Exception.Message | Should -Match 'sub-02_task-rest_space-MNI152NLin2009cAsym_desc-brain_mask\.nii\.gz'
            $cut = $bad | Where-Object { $_.TargetObject.SourceEntities -eq 'sub-03_task-rest_run-1' }
            $cut.FullyQualifiedErrorId | Should -BeIn @("NiftiDataTruncated,$id", "NiftiCompressedDataCorrupt,$id")
            $cut.ToString() | Should -Match 'sub-03_task-rest_run-1'
            $three = $bad | Where-Object { $_.TargetObject.SourceEntities -eq 'sub-04_task-rest' }
            $three.FullyQualifiedErrorId | Should -Be "SignalTooShortForFilter,$id"
            $three.ToString() | Should -Match '^sub-04_task-rest: '
            ($results | Where-Object SourceEntities -eq 'sub-04_task-rest').Error | Should -Not -BeNullOrEmpty
        }

        It 'leaves no partial file, and records each failure in the run''s status file' {
            Get-TempFile $out | Should -BeNullOrEmpty
            Test-Path (Join-Path $out 'sub-03/func/sub-03_task-rest_run-1_desc-seeds_timeseries.json') | Should -BeFalse
            $status = Get-Content -Raw (Join-Path $out 'logs/sub-04_task-rest_status.json') | ConvertFrom-Json
            $status.Status | Should -Be 'Failed'
            $status.Error.Type | Should -Be 'SignalException'
            (Get-Content -Raw (Join-Path $out 'logs/sub-01_task-rest_status.json') | ConvertFrom-Json).Status | Should -Be 'Succeeded'
        }

        It 'makes a pwsh -File script exit with 1 when a run failed, and 0 when none did' {
            $script = Join-Path $TestDrive 'study.ps1'
            Set-Content -LiteralPath $script -Value @"
Import-Module '$($env:SEEDCORR_MODULE_PATH)'
`$seeds = New-SphereSeed -Name PCC -Coordinate 0, -52, 18 -Radius 8
`$results = Get-FmriprepRun -LiteralPath `$args[0] -IncludeIncomplete -ErrorAction SilentlyContinue | Invoke-SeedToVoxel -Seed `$seeds -MinimumDegreesOfFreedom -10 -OutputDirectory `$args[1] -ErrorAction SilentlyContinue
"done: " + ((`$results | ForEach-Object { "`$(`$_.SourceEntities)=`$(`$_.Status)" }) -join ' ')
"@
            $failing = Invoke-FreshPwsh -ArgumentList '-File', $script, $root, (Join-Path $TestDrive 'exit1')
            $failing.StdOut | Should -Match 'done: .*sub-02_task-rest=Failed'
            $failing.ExitCode | Should -Be 1
            $passing = Invoke-FreshPwsh -ArgumentList '-File', $script, $Fmriprep, (Join-Path $TestDrive 'exit0')
            $passing.StdOut | Should -Match 'done: .*sub-04_task-rest=Succeeded'
            $passing.ExitCode | Should -Be 0
        }
    }

    Context 'parameters' {
        It '-WhatIf writes nothing' {
            $out = Join-Path $TestDrive 'whatif'
            Get-FmriprepRun -LiteralPath $Fmriprep | Invoke-SeedToVoxel -Seed $Seeds -OutputDirectory $out -WhatIf | Should -BeNullOrEmpty
            Test-Path -LiteralPath $out | Should -BeFalse
        }

        It 'refuses something that is not a seed' {
            { Get-FmriprepRun -LiteralPath $Fmriprep -Subject 01 | Invoke-SeedToVoxel -Seed 'PCC' -OutputDirectory (Join-Path $TestDrive 'x') -ErrorAction Stop } |
                Should -Throw -ErrorId "StudyParameterInvalid,$id"
        }

        It 'refuses two seeds that would write the same files' {
            $twins = New-SphereSeed -Name 'P-C-C' -Coordinate 0, -52, 18 -Radius 8
            { Get-FmriprepRun -LiteralPath $Fmriprep -Subject 01 | Invoke-SeedToVoxel -Seed $Seeds, $twins -OutputDirectory (Join-Path $TestDrive 'y') -ErrorAction Stop } |
                Should -Throw -ErrorId "StudyParameterInvalid,$id"
        }

        It 'refuses an output folder that is a file' {
            $file = Join-Path $TestDrive 'afile'
            Set-Content -LiteralPath $file -Value x
            { Get-FmriprepRun -LiteralPath $Fmriprep -Subject 01 | Invoke-SeedToVoxel -Seed $Seeds -OutputDirectory $file -ErrorAction Stop } |
                Should -Throw -ErrorId "SeedToVoxelOutputBlocked,$id"
        }

        It 'refuses the fixture runs by default: -1 degree of freedom left' {
            $r = @(Get-FmriprepRun -LiteralPath $Fmriprep -Subject 01 | Invoke-SeedToVoxel -Seed $Seeds -OutputDirectory (Join-Path $TestDrive 'dof') -ErrorVariable e -ErrorAction SilentlyContinue)
            $r.Status | Should -Be 'Failed'
            $e[0].FullyQualifiedErrorId | Should -Be "SignalNoDegreesOfFreedom,$id"
        }
    }
}
