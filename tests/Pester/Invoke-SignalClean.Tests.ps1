BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $reduced = [System.IO.Path]::Combine($SmallData, 'sub-synth01_task-pixar_desc-reducedConfounds_regressors.tsv')

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

        It 'takes a Confounds object and warns when fewer than 20 degrees of freedom are left' {
            $c = Import-Confounds $reduced
            $w = $null
            $out = Invoke-SignalClean -InputObject (New-Signals 80 2) -Detrend -LowPass 0.1 -HighPass 0.01 -RepetitionTime 2 -Confounds $c -WarningVariable w -WarningAction SilentlyContinue
            $out.Cleaning.DegreesOfFreedom | Should -BeLessThan 20
            ($w | ForEach-Object { "$_" }) -join ' ' | Should -Match 'degrees of freedom'
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

        It 'lets -RepetitionTime override the signals'' own' {
            $m = [SeedCorr.Core.Signal.SignalMatrix]::FromArray((New-Signals 90 2)).WithSource(2.5)
            $out = $m | Invoke-SignalClean -HighPass 0.01 -RepetitionTime 2
            $out.RepetitionTime | Should -Be 2
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
            $Call | Should -Throw -ErrorId $Id
        }

        It 'validates cut-offs as non-negative' {
            { Invoke-SignalClean -InputObject (New-Signals 90 2) -LowPass -1 -RepetitionTime 2 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError'
        }
    }
}
