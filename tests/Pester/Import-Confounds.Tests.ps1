BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $full = [System.IO.Path]::Combine($SmallData, 'sub-synth01_task-pixar_desc-confounds_regressors.tsv')
    $reduced = [System.IO.Path]::Combine($SmallData, 'sub-synth01_task-pixar_desc-reducedConfounds_regressors.tsv')
    $ConfData = [System.IO.Path]::Combine($RepoRoot, 'tests', 'data', 'confounds')
    $v14 = [System.IO.Path]::Combine($ConfData, 'inputs', 'v1_4', 'func')
    $v21 = [System.IO.Path]::Combine($ConfData, 'inputs', 'v21', 'func')
    $v14Bold = [System.IO.Path]::Combine($v14, 'sub-01_ses-01_task-rest_run-1_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz')
    $v14Aroma = [System.IO.Path]::Combine($v14, 'sub-01_ses-01_task-rest_run-1_space-MNI152NLin2009cAsym_desc-smoothAROMAnonaggr_bold.nii.gz')
    $v14Tsv = [System.IO.Path]::Combine($v14, 'sub-01_ses-01_task-rest_run-1_desc-confounds_regressors.tsv')
    $v21Bold = [System.IO.Path]::Combine($v21, 'sub-03_task-rest_run-2_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz')
    $v21Tsv = [System.IO.Path]::Combine($v21, 'sub-03_task-rest_run-2_desc-confounds_timeseries.tsv')
    $Cmd = 'SeedCorr.PowerShell.Commands.ImportConfoundsCommand'

    # The golden of a nilearn case: column names and the sample mask.
    function Get-Golden([string] $Case) {
        $dir = [System.IO.Path]::Combine($ConfData, 'cases', $Case)
        $header = ([System.IO.File]::ReadAllLines([System.IO.Path]::Combine($dir, 'confounds.tsv')))[0]
        $mask = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($dir, 'sample_mask.json')) | ConvertFrom-Json -NoEnumerate
        @{ Columns = @($header -split "`t"); Mask = $mask }
    }

    # A copy of a fixture folder in $TestDrive, to damage.
    function Copy-Fixture([string] $From, [string] $Name) {
        $to = [System.IO.Path]::Combine($TestDrive, $Name)
        [void](New-Item -ItemType Directory -Path $to -Force)
        Get-ChildItem -LiteralPath $From | Copy-Item -Destination $to
        $to
    }
}

Describe 'Import-Confounds' {
    Context 'reading' {
        It 'reads every column of the example''s reduced confounds file' {
            $c = Import-Confounds $reduced
            $c | Should -BeOfType ([SeedCorr.Core.Confounds.ConfoundsTable])
            $c.Rows | Should -Be 80
            $c.Columns | Should -Be 15
            $c.ColumnNames[0] | Should -Be 'trans_x'
            $c.ColumnNames[14] | Should -Be 'white_matter'
            "$c" | Should -BeExactly 'Confounds 80x15 (trans_x, trans_y, trans_z, …)'
        }

        It 'selects columns by name and wildcard in the order given' {
            $c = Import-Confounds $full -Column 'csf', 'trans_*'
            $c.ColumnNames | Should -Be @('csf', 'trans_x', 'trans_y', 'trans_z')
        }

        It 'fills the first-row n/a of framewise_displacement from row 2 and warns' {
            $w = $null
            $c = Import-Confounds $full -Column framewise_displacement -WarningVariable w -WarningAction SilentlyContinue
            $fd = $c.GetColumn('framewise_displacement')
            $fd[0] | Should -Be $fd[1]
            $w | Should -HaveCount 1
            "$($w[0])" | Should -Match 'framewise_displacement'
        }

        It 'reads files piped by PSPath' {
            $c = @([pscustomobject]@{ PSPath = $reduced } | Import-Confounds)
            $c | Should -HaveCount 1
        }
    }

    Context 'bad input' {
        It 'names the column and row of a missing value (<Id>)' -ForEach @(@{ Id = 'ConfoundsMissingValue' }) {
            $p = [System.IO.Path]::Combine($TestDrive, 'na.tsv')
            [System.IO.File]::WriteAllText($p, "a`tb`n1`t2`n3`tn/a`n")
            $e = $null
            Import-Confounds $p -ErrorVariable e -ErrorAction SilentlyContinue
            $e[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
            $e[0].CategoryInfo.Category | Should -Be 'InvalidData'
            $e[0].Exception.Message | Should -Match "'b'.*data row 2"
        }

        It 'reports <Id> for <Why>' -ForEach @(
            @{ Why = 'ragged rows'; Text = "a,b`n1,2`n3`n"; Id = 'ConfoundsMalformed' }
            @{ Why = 'a non-numeric cell'; Text = "a,b`n1,x`n"; Id = 'ConfoundsMalformed' }
            @{ Why = 'an empty file'; Text = ''; Id = 'ConfoundsEmpty' }
            @{ Why = 'duplicate names'; Text = "a,a`n1,2`n"; Id = 'ConfoundsDuplicateColumn' }
        ) {
            $p = [System.IO.Path]::Combine($TestDrive, 'bad.csv')
            [System.IO.File]::WriteAllText($p, $Text)
            { Import-Confounds $p -ErrorAction Stop } | Should -Throw -ErrorId "$Id,SeedCorr.PowerShell.Commands.ImportConfoundsCommand"
        }

        It 'reports a column pattern that matches nothing' {
            { Import-Confounds $reduced -Column 'global_signal' -ErrorAction Stop } | Should -Throw -ErrorId 'ConfoundsColumnNotFound,SeedCorr.PowerShell.Commands.ImportConfoundsCommand'
        }

        It 'reports a missing file' {
            { Import-Confounds ([System.IO.Path]::Combine($TestDrive, 'none.tsv')) -ErrorAction Stop } | Should -Throw -ErrorId 'ConfoundsFileNotFound,SeedCorr.PowerShell.Commands.ImportConfoundsCommand'
        }
    }

    Context 'denoising strategies (nilearn load_confounds, thresholds given as nilearn 0.10.4 used them)' {
        It 'finds the confounds of a preprocessed BOLD image and applies the Simple preset' {
            $c = Import-Confounds -LiteralPath $v14Bold -DenoiseStrategy Simple
            $g = Get-Golden 'v1_4__lcs_simple'
            $c.ColumnNames | Should -Be $g.Columns
            $c.SampleMask | Should -Be $g.Mask
            $c.VolumesKept | Should -Be 29
            $c.Strategy.Preset | Should -Be 'Simple'
            $c.SourceFiles | Should -HaveCount 2
            [System.IO.Path]::GetFileName($c.SourceFiles[0]) | Should -Be 'sub-01_ses-01_task-rest_run-1_desc-confounds_regressors.tsv'
        }

        It 'takes BOLD images piped from Get-ChildItem (fMRIPrep 21 _timeseries names)' {
            $c = @(Get-ChildItem -LiteralPath $v21 -Filter '*_desc-preproc_bold.nii.gz' | Import-Confounds -Strategy Motion -Motion Basic)
            $c | Should -HaveCount 1
            $c[0].ColumnNames | Should -Be (Get-Golden 'v21__lc_motion_basic').Columns
            $c[0].SampleMask | Should -Be (Get-Golden 'v21__lc_motion_basic').Mask
        }

        It 'scrubs into a sample mask, not into regressors' {
            $c = Import-Confounds $v14Bold -Strategy Motion, Scrub -Motion Basic -FdThreshold 0.2 -StdDvarsThreshold 3
            $g = Get-Golden 'v1_4__lc_scrub_default'
            $c.ColumnNames | Should -Be $g.Columns
            $c.SampleMask | Should -Be $g.Mask
        }

        It 'reads CompCor through the JSON sidecar (<Case>)' -ForEach @(
            @{ Case = 'v1_4__lc_compcor_anat_separated_2'; Method = 'AnatSeparated'; Count = '2' }
            @{ Case = 'v21__lc_compcor_temporal_anat_combined_3'; Method = 'TemporalAnatCombined'; Count = '3' }
        ) {
            $bold = if ($Case -like 'v21*') { $v21Bold } else { $v14Bold }
            $c = Import-Confounds $bold -Strategy HighPass, CompCor -CompCor $Method -CompCorCount $Count
            $c.ColumnNames | Should -Be (Get-Golden $Case).Columns
        }

        It 'ICA-AROMA Full takes the desc-smoothAROMAnonaggr image' {
            $c = Import-Confounds $v14Aroma -DenoiseStrategy IcaAroma
            $c.ColumnNames | Should -Be (Get-Golden 'v1_4__lcs_ica_aroma').Columns
        }

        It 'accepts the TSV itself with a strategy, and hand-picked -Column on top' {
            $c = Import-Confounds -LiteralPath $v14Tsv -Strategy Motion -Motion Basic -Column 'global_signal'
            $c.ColumnNames | Should -Be @('global_signal', 'rot_x', 'rot_y', 'rot_z', 'trans_x', 'trans_y', 'trans_z')
        }

        It 'warns about preset parameters nilearn would ignore' {
            $w = $null
            $c = Import-Confounds $v14Bold -DenoiseStrategy Simple -FdThreshold 0.3 -WarningVariable w -WarningAction SilentlyContinue
            "$w" | Should -Match 'not needed.*-FdThreshold'
            $c.Columns | Should -Be 30
        }

        It 'tab-completes <Line>' -ForEach @(
            @{ Line = 'Import-Confounds x.tsv -DenoiseStrategy Scr'; Expected = 'Scrubbing' }
            @{ Line = 'Import-Confounds x.tsv -CompCor TemporalAnatS'; Expected = 'TemporalAnatSeparated' }
            @{ Line = 'Import-Confounds x.tsv -Strategy HighPass, Glo'; Expected = 'GlobalSignal' }
            @{ Line = 'Import-Confounds x.tsv -CompCorCount a'; Expected = 'All' }
        ) {
            (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText | Should -Contain $Expected
        }

        It 'shows columns, kept volumes and the strategy in the default view' {
            $text = Import-Confounds $v14Bold -DenoiseStrategy Simple | Out-String -Width 1000
            $text | Should -Match '29/30'
            $text | Should -Match 'Simple: HighPass, Motion Full, WmCsf Basic'
        }
    }

    Context 'bad input for strategies' {
        It 'refuses <Why> with <Id>' -ForEach @(
            @{ Why = 'a camelCase header (fMRIPrep 1.0/1.1)'; Id = 'ConfoundsCamelCaseHeader'; Category = 'InvalidData'; Text = "X`tY`tZ`tRotX`tRotY`tRotZ`n1`t2`t3`t4`t5`t6`n"; Params = @{ Strategy = 'Motion' }; Match = 'RotX' }
            @{ Why = 'no header'; Id = 'ConfoundsNoHeader'; Category = 'InvalidData'; Text = "1`t2`n3`t4`n"; Params = @{ Strategy = 'Motion' }; Match = 'no header' }
            @{ Why = 'n/a outside row 0'; Id = 'ConfoundsMissingValue'; Category = 'InvalidData'; Text = "csf`twhite_matter`n1`t2`n3`tn/a`n5`t6`n"; Params = @{ Strategy = 'WmCsf' }; Match = "'white_matter'.*row 2" }
            @{ Why = 'a strategy naming columns the file lacks'; Id = 'ConfoundsStrategyColumnsMissing'; Category = 'ObjectNotFound'; Text = "csf`twhite_matter`n1`t2`n3`t4`n"; Params = @{ Strategy = 'GlobalSignal' }; Match = "'global_signal'" }
            @{ Why = 'partial wm_csf columns (nilearn: a bare KeyError)'; Id = 'ConfoundsStrategyColumnsMissing'; Category = 'ObjectNotFound'; Text = "csf`tcsf_derivative1`n1`t2`n3`t4`n"; Params = @{ Strategy = 'WmCsf'; WmCsf = 'Derivatives' }; Match = "'white_matter'.*'white_matter_derivative1'" }
            @{ Why = 'scrubbing without framewise_displacement'; Id = 'ConfoundsStrategyColumnsMissing'; Category = 'ObjectNotFound'; Text = "std_dvars`n1`n2`n"; Params = @{ Strategy = 'Scrub' }; Match = "'framewise_displacement'" }
            @{ Why = 'a NaN threshold'; Id = 'ConfoundsParameterInvalid'; Category = 'InvalidArgument'; Text = "framewise_displacement`tstd_dvars`n1`t2`n3`t4`n"; Params = @{ Strategy = 'Scrub'; FdThreshold = [double]::NaN }; Match = 'NaN' }
            @{ Why = 'a negative threshold'; Id = 'ConfoundsParameterInvalid'; Category = 'InvalidArgument'; Text = "framewise_displacement`tstd_dvars`n1`t2`n3`t4`n"; Params = @{ Strategy = 'Scrub'; StdDvarsThreshold = -1 }; Match = '-1' }
            @{ Why = 'a bad CompCor count'; Id = 'ConfoundsParameterInvalid'; Category = 'InvalidArgument'; Text = "a`n1`n"; Params = @{ Strategy = 'HighPass', 'CompCor'; CompCorCount = 'many' }; Match = 'many' }
            @{ Why = 'CompCor without HighPass'; Id = 'ConfoundsStrategyInvalid'; Category = 'InvalidArgument'; Text = "a`n1`n"; Params = @{ Strategy = 'CompCor' }; Match = 'high_pass' }
        ) {
            $p = [System.IO.Path]::Combine($TestDrive, 'sub-01_desc-confounds_timeseries.tsv')
            [System.IO.File]::WriteAllText($p, $Text)
            $e = $null
            $out = Import-Confounds -LiteralPath $p @Params -ErrorVariable e -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $e[0].FullyQualifiedErrorId | Should -Be "$Id,$Cmd"
            $e[0].CategoryInfo.Category | Should -Be $Category
            $e[0].Exception.Message | Should -Match 'sub-01_desc-confounds_timeseries.tsv'
            $e[0].Exception.Message | Should -Match $Match
            $e[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        }

        It 'refuses CompCor when the JSON sidecar is missing' {
            $dir = Copy-Fixture $v21 'nojson'
            Remove-Item -LiteralPath ([System.IO.Path]::Combine($dir, 'sub-03_task-rest_run-2_desc-confounds_timeseries.json'))
            $bold = [System.IO.Path]::Combine($dir, 'sub-03_task-rest_run-2_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz')
            { Import-Confounds $bold -DenoiseStrategy CompCor -ErrorAction Stop } | Should -Throw -ErrorId "ConfoundsSidecarMissing,$Cmd"
            # without CompCor the sidecar is not needed
            (Import-Confounds $bold -DenoiseStrategy Simple).Columns | Should -Be 27
        }

        It 'refuses a JSON sidecar that is not JSON, naming it' {
            $dir = Copy-Fixture $v21 'badjson'
            [System.IO.File]::WriteAllText([System.IO.Path]::Combine($dir, 'sub-03_task-rest_run-2_desc-confounds_timeseries.json'), '{"a_comp_cor_00": {"Mask": ')
            $bold = [System.IO.Path]::Combine($dir, 'sub-03_task-rest_run-2_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz')
            $e = $null
            Import-Confounds $bold -DenoiseStrategy CompCor -ErrorVariable e -ErrorAction SilentlyContinue
            $e[0].FullyQualifiedErrorId | Should -Be "ConfoundsSidecarInvalid,$Cmd"
            $e[0].Exception.Message | Should -Match 'desc-confounds_timeseries.json'
        }

        It 'refuses a scrubbing that censors every volume (nilearn returns an empty mask)' {
            { Import-Confounds $v21Bold -Strategy Motion, Scrub -Motion Basic -FdThreshold 0.2 -StdDvarsThreshold 3 -ErrorAction Stop } |
                Should -Throw -ErrorId "ConfoundsAllVolumesCensored,$Cmd"
        }

        It 'refuses ICA-AROMA Full on the regular preprocessed image' {
            { Import-Confounds $v14Bold -DenoiseStrategy IcaAroma -ErrorAction Stop } | Should -Throw -ErrorId "ConfoundsImageNameInvalid,$Cmd"
        }

        It 'names what it looked for when no confounds file is beside the image' {
            $p = [System.IO.Path]::Combine($TestDrive, 'sub-09_task-rest_space-MNI_desc-preproc_bold.nii.gz')
            [System.IO.File]::WriteAllBytes($p, [byte[]]::new(0))
            $e = $null
            Import-Confounds $p -ErrorVariable e -ErrorAction SilentlyContinue
            $e[0].FullyQualifiedErrorId | Should -Be "ConfoundsFileNotFound,$Cmd"
            $e[0].Exception.Message | Should -Match 'sub-09_task-rest_space-MNI_desc-confounds_timeseries.tsv'
        }

        It 'refuses two candidate confounds files' {
            $dir = Copy-Fixture $v21 'twofiles'
            Copy-Item -LiteralPath ([System.IO.Path]::Combine($dir, 'sub-03_task-rest_run-2_desc-confounds_timeseries.tsv')) -Destination ([System.IO.Path]::Combine($dir, 'sub-03_task-rest_desc-confounds_timeseries.tsv'))
            $bold = [System.IO.Path]::Combine($dir, 'sub-03_task-rest_run-2_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz')
            { Import-Confounds $bold -ErrorAction Stop } | Should -Throw -ErrorId "ConfoundsFileAmbiguous,$Cmd"
        }

        It 'refuses an image name that is not fMRIPrep''s' {
            $p = [System.IO.Path]::Combine($TestDrive, 'bold.nii.gz')
            [System.IO.File]::WriteAllBytes($p, [byte[]]::new(0))
            { Import-Confounds $p -ErrorAction Stop } | Should -Throw -ErrorId "ConfoundsImageNameInvalid,$Cmd"
        }

        It 'does not offer a value outside the enums' {
            { Import-Confounds $v14Bold -Motion quadratic -ErrorAction Stop } | Should -Throw -ErrorId "CannotConvertArgumentNoMessage,$Cmd"
        }
    }
}
