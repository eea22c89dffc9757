BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $reduced = [System.IO.Path]::Combine($SmallData, 'sub-synth01_task-pixar_desc-reducedConfounds_regressors.tsv')
    $v14Bold = [System.IO.Path]::Combine($RepoRoot, 'tests', 'data', 'confounds', 'inputs', 'v1_4', 'func', 'sub-01_ses-01_task-rest_run-1_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz')
    $Cmd = 'SeedCorr.PowerShell.Commands.InvokeSignalCleanCommand'

    # Parameter names differ from the loop variables: PowerShell variables are case-insensitive ($T is $t).
    function New-Signals([int] $Timepoints, [int] $Count, [int] $Seed = 1) {
        $rng = [random]::new($Seed)
        $x = [float[,]]::new($Timepoints, $Count)
        for ($i = 0; $i -lt $Timepoints; $i++) { for ($j = 0; $j -lt $Count; $j++) { $x[$i, $j] = 100 + 5 * [math]::Sin($i * 0.2 + $j) + $rng.NextDouble() } }
        , $x
    }

    function Get-Column($matrix, [int] $s) { , $matrix.GetSeries($s) }
}

Describe 'Invoke-SignalClean' {
    Context 'cleaning' {
        It 'z-scores each series to mean 0 and population std 1' {
            $out = Invoke-SignalClean -InputObject (New-Signals 90 3) -Detrend -Standardize ZScore -LowPass 0.1 -HighPass 0.01 -RepetitionTime 2
            $out | Should -BeOfType ([SeedCorr.Core.Signal.SignalMatrix])
            $out.Shape | Should -Be '(90, 3)'
            $z = Get-Column $out 1
            $sum = 0.0; $sq = 0.0
            foreach ($v in $z) { $sum += $v; $sq += [double]$v * $v }
            [math]::Abs($sum / 90) | Should -BeLessThan 1e-5
            [math]::Abs($sq / 90 - 1) | Should -BeLessThan 1e-4
        }

        It 'regresses out the confounds of a file path and records what it did' {
            $out = Invoke-SignalClean -InputObject (New-Signals 80 4) -Detrend -Standardize ZScore -LowPass 0.1 -HighPass 0.01 -RepetitionTime 2 -Confounds $reduced -WarningAction SilentlyContinue
            $out.Cleaning.ConfoundRank | Should -Be 15
            $out.Cleaning.VolumesKept | Should -Be 80
            $out.Cleaning.Steps | Should -Contain 'linear detrend'
            $out.Cleaning.Steps | Should -Contain '15 confounds regressed out'
            $out.RepetitionTime | Should -Be 2
        }

        It 'takes a Confounds object and warns when fewer than 30 degrees of freedom are left' {
            $c = Import-Confounds $reduced
            $w = $null
            $out = Invoke-SignalClean -InputObject (New-Signals 80 2) -Detrend -LowPass 0.1 -HighPass 0.01 -RepetitionTime 2 -Confounds $c -WarningVariable w -WarningAction SilentlyContinue
            # XCP-D's count: 80 volumes − 2 (trend) − 15 confounds − 52 (26 stopped frequency bins at TR 2 s, 0.01–0.1 Hz)
            $out.Cleaning.DegreesOfFreedom | Should -Be 11
            ($w | ForEach-Object { "$_" }) -join ' ' | Should -Match 'Only 11 degrees of freedom'
        }

        It 'drops censored volumes given as booleans or indices' -ForEach @(
            @{ Kind = 'booleans'; Mask = { $m = [bool[]]::new(90); for ($i = 0; $i -lt 90; $i++) { $m[$i] = $i -notin 10, 11, 50 }; , $m } }
            @{ Kind = 'indices'; Mask = { , [int[]](0..89 | Where-Object { $_ -notin 10, 11, 50 }) } }
        ) {
            $out = Invoke-SignalClean -InputObject (New-Signals 90 2) -Detrend -LowPass 0.1 -HighPass 0.01 -RepetitionTime 2 -SampleMask (& $Mask)
            $out.Cleaning.VolumesKept | Should -Be 87
            $out.Timepoints | Should -Be 87
        }

        It 'cleans runs independently' {
            $runs = [int[]]((1..45 | ForEach-Object { 0 }) + (1..45 | ForEach-Object { 1 }))
            $out = Invoke-SignalClean -InputObject (New-Signals 90 2) -Detrend -Standardize ZScore -Runs $runs
            $out.Cleaning.Steps[0] | Should -Be '2 runs cleaned independently'
        }

        It 'takes the repetition time from the signals when -RepetitionTime is omitted' {
            $m = [SeedCorr.Core.Signal.SignalMatrix]::FromArray((New-Signals 90 2)).WithSource(2.5, 'sub-01_bold.nii.gz')
            $all = @($m | Invoke-SignalClean -Detrend -HighPass 0.01 -Verbose 4>&1)
            $out = $all | Where-Object { $_ -is [SeedCorr.Core.Signal.SignalMatrix] }
            $verbose = $all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message }
            $out.RepetitionTime | Should -Be 2.5
            $out.Source | Should -Be 'sub-01_bold.nii.gz'
            $verbose -join ' ' | Should -Match 'Repetition time 2.5 s from the signals'
        }

        It 'lets -RepetitionTime override the signals'' own, with a warning' {
            $m = [SeedCorr.Core.Signal.SignalMatrix]::FromArray((New-Signals 90 2)).WithSource(2.5)
            $w = $null
            $out = $m | Invoke-SignalClean -HighPass 0.01 -RepetitionTime 2 -WarningVariable w -WarningAction SilentlyContinue
            $out.RepetitionTime | Should -Be 2
            "$w" | Should -Match '-RepetitionTime 2 s differs from the 2.5 s'
        }

        It 'does not warn when -RepetitionTime agrees with the header' {
            $m = [SeedCorr.Core.Signal.SignalMatrix]::FromArray((New-Signals 90 2)).WithSource(2.5)
            $w = $null
            $null = $m | Invoke-SignalClean -HighPass 0.01 -RepetitionTime 2.5 -WarningVariable w
            $w | Should -BeNullOrEmpty
        }

        It 'accepts a 2D array wrapped for the pipeline' {
            $out = , (New-Signals 60 2) | Invoke-SignalClean -Detrend
            $out.Shape | Should -Be '(60, 2)'
        }

        It 'cleans a double array in float64' {
            $x = [double[,]]::new(60, 1)
            for ($t = 0; $t -lt 60; $t++) { $x[$t, 0] = 1e6 + $t * 0.5 }
            $out = Invoke-SignalClean -InputObject $x -Detrend
            [math]::Abs($out[30, 0]) | Should -BeLessThan 1e-6
        }

        It 'cleans a masker''s matrices in place with -InPlace: the bits of a cleaned copy, in the input''s own array' {
            $func = [System.IO.Path]::Combine($SmallData, 'sub-synth01_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz')
            $c = @{ Detrend = $true; Standardize = 'ZScore'; LowPass = 0.1; HighPass = 0.01; Confounds = $reduced; WarningAction = 'SilentlyContinue' }
            $brain, $seed = New-BrainMasker -SmoothingFwhm 6 -Seed (New-SphereMasker -Coordinate 0, -52, 18 -Radius 8) -LiteralPath $func
            $raw = $brain[0, 0]
            $copy = $brain | Invoke-SignalClean @c
            $brain[0, 0] | Should -Be $raw
            $inPlace = $brain | Invoke-SignalClean @c -InPlace
            $brain[0, 0] | Should -Not -Be $raw # overwritten: the input's array is the output's
            $brain[0, 0] | Should -Be $inPlace[0, 0]
            [System.Linq.Enumerable]::SequenceEqual($copy.CopyValues(), $inPlace.CopyValues()) | Should -BeTrue
            # nilearn 0.10.4's brain_timeseries.npy (small/nilearn_standardize_true) at [0, 0..2], [79, 4058..4059], [40, 2000].
            $inPlace.Shape | Should -Be '(80, 4060)'
            $golden = @(@(0, 0, 0.0953218), @(0, 1, 0.22218733), @(0, 2, 0.17670217), @(79, 4058, 0.03410612), @(79, 4059, 0.16260262), @(40, 2000, -0.6034379))
            foreach ($g in $golden) { [math]::Abs($inPlace[$g[0], $g[1]] - $g[2]) | Should -BeLessThan 2e-4 }
            $seedClean = $seed | Invoke-SignalClean @c -InPlace
            [math]::Abs($seedClean[0, 0] - -0.0991767) | Should -BeLessThan 5e-5
        }

        It 'uses the cosine filter as a high-pass' {
            $out = Invoke-SignalClean -InputObject (New-Signals 90 2) -Detrend -Filter Cosine -HighPass 0.01 -RepetitionTime 2
            ($out.Cleaning.Steps -join ';') | Should -Match 'cosine high-pass \(3 DCT regressors\)'
        }
    }

    Context 'bad input' {
        It 'refuses to filter without a repetition time: <Id>' -ForEach @(@{ Id = 'RepetitionTimeMissing' }) {
            $e = $null
            Invoke-SignalClean -InputObject (New-Signals 90 2) -LowPass 0.1 -ErrorVariable e -ErrorAction SilentlyContinue
            $e[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
            $e[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $e[0].ErrorDetails.RecommendedAction | Should -Match 'RepetitionTime'
        }

        It 'reports <Id> for <Why>' -ForEach @(
            @{ Why = 'an inverted band'; Id = 'SignalParameterInvalid'; Call = { Invoke-SignalClean -InputObject (New-Signals 90 2) -LowPass 0.01 -HighPass 0.1 -RepetitionTime 2 -ErrorAction Stop } }
            @{ Why = 'a series shorter than the padding'; Id = 'SignalTooShortForFilter'; Call = { Invoke-SignalClean -InputObject (New-Signals 30 2) -LowPass 0.1 -HighPass 0.01 -RepetitionTime 2 -ErrorAction Stop } }
            @{ Why = 'confounds of the wrong length'; Id = 'SignalShapeMismatch'; Call = { Invoke-SignalClean -InputObject (New-Signals 90 2) -Confounds $reduced -ErrorAction Stop } }
            @{ Why = 'a mask removing everything'; Id = 'AllVolumesRemoved'; Call = { Invoke-SignalClean -InputObject (New-Signals 90 2) -SampleMask ([bool[]]::new(90)) -ErrorAction Stop } }
            @{ Why = 'a mask of the wrong length'; Id = 'SampleMaskInvalid'; Call = { Invoke-SignalClean -InputObject (New-Signals 90 2) -SampleMask ([bool[]]::new(10)) -ErrorAction Stop } }
            @{ Why = 'input that is not signals'; Id = 'SignalInputInvalid'; Call = { Invoke-SignalClean -InputObject 'text' -ErrorAction Stop } }
            @{ Why = 'a negative TR'; Id = 'SignalParameterInvalid'; Call = { Invoke-SignalClean -InputObject (New-Signals 90 2) -HighPass 0.01 -RepetitionTime -2 -ErrorAction Stop } }
        ) {
            $Call | Should -Throw -ErrorId "$Id,SeedCorr.PowerShell.Commands.InvokeSignalCleanCommand"
        }

        It 'validates cut-offs as non-negative' {
            { Invoke-SignalClean -InputObject (New-Signals 90 2) -LowPass -1 -RepetitionTime 2 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,SeedCorr.PowerShell.Commands.InvokeSignalCleanCommand'
        }
    }

    Context 'confounds from a denoising strategy' {
        It 'censors the volumes of the confounds'' sample mask' {
            # nilearn 0.10.4's scrubbing of the 1.4.x fixture at FD 0.2 / std DVARS 3 keeps volumes 2..29
            $c = Import-Confounds $v14Bold -Strategy Motion, Scrub -Motion Basic -FdThreshold 0.2 -StdDvarsThreshold 3
            $out = Invoke-SignalClean -InputObject (New-Signals 30 2) -Detrend -Confounds $c
            $out.Cleaning.VolumesKept | Should -Be 28
            $out.Cleaning.ConfoundRank | Should -Be 6
            $out.Cleaning.DegreesOfFreedom | Should -Be (28 - 2 - 6)
        }

        It 'lets -SampleMask take precedence' {
            $c = Import-Confounds $v14Bold -Strategy Motion, Scrub -Motion Basic -FdThreshold 0.2 -StdDvarsThreshold 3
            $out = Invoke-SignalClean -InputObject (New-Signals 30 2) -Detrend -Confounds $c -SampleMask ([int[]](0..24))
            $out.Cleaning.VolumesKept | Should -Be 25
        }

        It 'censors with a strategy that adds no columns' {
            $c = Import-Confounds $v14Bold -Strategy NonSteadyState -WarningAction SilentlyContinue
            $c.Columns | Should -Be 0
            $out = Invoke-SignalClean -InputObject (New-Signals 30 2) -Detrend -Confounds $c
            $out.Cleaning.VolumesKept | Should -Be 29
        }
    }

    Context 'degrees of freedom (issue 13.11)' {
        It 'refuses more regressors than kept volumes' {
            $c = Import-Confounds $v14Bold -DenoiseStrategy CompCor   # 85 columns for 29 kept volumes
            $e = $null
            Invoke-SignalClean -InputObject (New-Signals 30 2) -Detrend -Confounds $c -ErrorVariable e -ErrorAction SilentlyContinue
            $e[0].FullyQualifiedErrorId | Should -Be "SignalTooManyRegressors,$Cmd"
            $e[0].Exception.Message | Should -Match '85 confound regressors for 29 kept volumes'
        }

        It 'refuses a 3-volume sample mask that leaves no degrees of freedom: <Id>' -ForEach @(@{ Id = 'SignalNoDegreesOfFreedom' }) {
            $p = [System.IO.Path]::Combine($TestDrive, 'two.tsv')
            $rng = [random]::new(2)
            [System.IO.File]::WriteAllLines($p, @("a`tb") + (1..60 | ForEach-Object { '{0:R}	{1:R}' -f $rng.NextDouble(), $rng.NextDouble() }))
            $e = $null
            Invoke-SignalClean -InputObject (New-Signals 60 2) -Detrend -Confounds $p -SampleMask ([int[]](10, 20, 30)) -ErrorVariable e -ErrorAction SilentlyContinue
            $e[0].FullyQualifiedErrorId | Should -Be "$Id,$Cmd"
            $e[0].CategoryInfo.Category | Should -Be 'InvalidData'
            $e[0].Exception.Message | Should -Match '3 kept volumes − 2 \(mean/trend\) − 1 confounds .* = 0\.'
        }

        It 'names a confound column dropped by the rank test (issue 13.12)' {
            $p = [System.IO.Path]::Combine($TestDrive, 'scaled.tsv')
            $rng = [random]::new(4)
            $lines = @("trans_x`tcsf_scaled`trot_z") + (1..90 | ForEach-Object { '{0:R}	{1:R}	{2:R}' -f $rng.NextDouble(), ($rng.NextDouble() * 1e200), $rng.NextDouble() })
            [System.IO.File]::WriteAllLines($p, $lines)
            $w = $null
            $out = Invoke-SignalClean -InputObject (New-Signals 90 2) -Detrend -Confounds (Import-Confounds $p) -WarningVariable w -WarningAction SilentlyContinue
            $out.Cleaning.ConfoundRank | Should -Be 2
            "$w" | Should -Match "left out of the regression.*'csf_scaled'"
        }
    }
}
