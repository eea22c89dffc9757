# What a pwsh user meets: default views at 80 columns, tab completion, -WhatIf, -ErrorVariable/$?, progress records,
# and pwsh -File exit codes of the example.
BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $funcPath = Join-Path $SmallData 'sub-synth01_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz'
    $confPath = Join-Path $SmallData 'sub-synth01_task-pixar_desc-reducedConfounds_regressors.tsv'
    $func = Import-Nifti -LiteralPath $funcPath
    $conf = Import-Confounds -LiteralPath $confPath
    $seed = $func | New-SphereMasker -Coordinate 0, -52, 18 -Radius 8
    $brain = $func | New-BrainMasker -SmoothingFwhm 6
    $clean = $brain | Invoke-SignalClean -Detrend -LowPass 0.1 -HighPass 0.01 -Confounds $conf -Standardize ZScore -WarningAction SilentlyContinue
    $map = Get-SeedCorrelation -BrainSignals $clean -SeedSignals ($seed | Invoke-SignalClean -Detrend -LowPass 0.1 -HighPass 0.01 -Confounds $conf -Standardize ZScore -WarningAction SilentlyContinue)

    # The rendered default view at 80 columns, as lines without trailing blanks; and the table's header line.
    function Show([object[]] $InputObject, [switch] $List) {
        $text = if ($List) { $InputObject | Format-List | Out-String -Width 80 } else { $InputObject | Out-String -Width 80 }
        @($text -split "`r?`n" | ForEach-Object { $_.TrimEnd() } | Where-Object { $_ })
    }
    function HeaderOf([string[]] $Lines) {
        $rule = [array]::FindIndex($Lines, [Predicate[string]] { param($l) $l -match '^ *-+( +-+)*$' })
        $rule | Should -Be 1 -Because 'the header fits on one line'
        -split $Lines[0]
    }
    $moduleRoot = Split-Path (Split-Path (Split-Path $env:SEEDCORR_MODULE_PATH))
}

Describe 'Default views at 80 columns' {
    It 'NiftiImage: facts first, the name last (truncated, never wrapped)' {
        $lines = Show $func
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        HeaderOf $lines | Should -Be @('Shape', 'VoxelSize', 'TR', 'DataType', 'Name')
        $lines[2] | Should -Match '^24x28x24x80 +8x8x8 +2s +float32 +sub-synth01_task-pixar_space-MNI'
    }

    It 'NiftiHeader: one named row per file with -HeaderOnly, the whole header with Format-List' {
        $headers = Get-ChildItem $SmallData -Filter *.nii.gz | Import-Nifti -HeaderOnly
        $lines = Show $headers
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        HeaderOf $lines | Should -Be @('Shape', 'VoxelSize', 'TR', 'DataType', 'Affine', 'Name')
        $lines[2] | Should -Match '^24x28x24x80 +8x8x8 +2s +float32 +sform +sub-synth01'
        $headers[0].Path | Should -Be $funcPath
        $list = Show $headers[0] -List
        $list[0] | Should -Match '^Path +: .*sub-synth01'
        ($list -match '^Codes +: qform 4, sform 4') | Should -HaveCount 1
    }

    It 'NiftiHeader: the Path property pipes into Import-Nifti' {
        $again = Import-Nifti -LiteralPath $funcPath -HeaderOnly | Import-Nifti
        "$($again.Shape -join 'x')" | Should -Be '24x28x24x80'
    }

    It 'Confounds: columns, volumes kept, strategy and names, header on one line' {
        $lines = Show $conf
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        HeaderOf $lines | Should -Be @('Columns', 'Kept', 'Strategy', 'ColumnNames')
        $lines[2] | Should -Match '^ +15 +80/80 +\(all columns\) +trans_x, trans_y'
    }

    It 'SignalMatrix: the cleaning steps stay on screen' {
        $lines = Show $clean
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        HeaderOf $lines | Should -Be @('Shape', 'TR', 'DoF', 'Cleaning')
        $lines[2] | Should -Match '^\(80, 4060\) +2s +[0-9.]+ linear detrend; band-pass 0.01–0.1 Hz; 15 confound'
        $list = Show $clean -List
        ($list -match 'Butterworth band-pass 0.01–0.1 Hz \(order 5, zero-phase\)') | Should -HaveCount 1
    }

    It 'a clamped low-pass is said in six digits' {
        $w = $seed | Invoke-SignalClean -LowPass 0.3 -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -Match 'lowered to 0.25 Hz'
        $w.Cleaning.Steps | Should -Contain 'Butterworth low-pass 0.25 Hz (order 5, zero-phase)'
    }

    It 'maskers, correlation maps and the demo subject fit' {
        foreach ($o in $seed.Masker, $brain.Masker, $map) {
            $lines = Show $o
            $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
            $null = HeaderOf $lines
        }
        (Show $map)[2] | Should -Match '^\(4060, 1\) +Pearson +-0.843 +0.809 +80'
    }

    It 'the demo subject prints as a sentence in a string' {
        $data = [SeedCorr.Core.Datasets.DemoSubject]::new('/d', '/d/f.nii.gz', '/d/c.tsv', '/d/full.tsv', [SeedCorr.Core.Datasets.DemoSubjectSize]::Development)
        "$data" | Should -Be 'demo subject 50x59x50x168, 4 mm, TR 2 s in /d'
    }
}

Describe 'Tab completion of enum parameters' {
    It 'completes <Line>' -ForEach @(
        @{ Line = 'Invoke-SignalClean -Standardize '; Expected = @('None', 'ZScore', 'ZScoreSample', 'Psc') }
        @{ Line = 'Export-Nifti -DataType Fl'; Expected = @('Float32', 'Float64') }
        @{ Line = 'New-BrainMasker -MaskStrategy '; Expected = @('Background', 'Epi') }
        @{ Line = 'Get-SeedCorrelation -Method '; Expected = @('Pearson', 'Spearman') }
    ) {
        $completions = (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
        foreach ($e in $Expected) { $completions | Should -Contain $e }
    }
}

Describe 'Common parameters as pwsh users use them' {
    It '-WhatIf says what would be written and writes nothing' {
        $target = Join-Path $TestDrive 'whatif.nii.gz'
        $run = Invoke-FreshPwsh -ArgumentList '-Command', "Import-Module '$env:SEEDCORR_MODULE_PATH'; Import-Nifti -LiteralPath '$funcPath' | Export-Nifti -LiteralPath '$target' -WhatIf"
        $run.ExitCode | Should -Be 0
        $run.StdOut | Should -Match ([regex]::Escape('What if: Performing the operation "Write NiftiImage 24x28x24x80 float32'))
        $run.StdOut | Should -Match ([regex]::Escape("on target `"$target`""))
        $target | Should -Not -Exist
    }

    It '-ErrorVariable and $? after a file that is missing, while the others are read' {
        $missing = Join-Path $TestDrive 'missing.nii.gz'
        $images = Import-Nifti -LiteralPath $funcPath, $missing, $funcPath -ErrorVariable bad -ErrorAction SilentlyContinue
        $ok = $?
        $ok | Should -BeFalse
        $images | Should -HaveCount 2
        $bad | Should -HaveCount 1
        $bad[0].FullyQualifiedErrorId | Should -Be 'NiftiFileNotFound,SeedCorr.PowerShell.Commands.ImportNiftiCommand'
        $bad[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $bad[0].TargetObject | Should -Be $missing
    }

    It 'long work writes progress records and completes them: <Name>' -ForEach @(
        @{ Name = 'New-BrainMasker'; Script = "`$null = New-BrainMasker -LiteralPath '{0}' -SmoothingFwhm 6" }
        @{ Name = 'Invoke-SignalClean'; Script = "`$null = New-BrainMasker -LiteralPath '{0}' | Invoke-SignalClean -Detrend -LowPass 0.1 -HighPass 0.01" }
        @{ Name = 'Export-Nifti'; Script = "Import-Nifti -LiteralPath '{0}' | Export-Nifti -LiteralPath '{1}'" }
        @{ Name = 'Export-StatMapPlot'; Script = "Import-Nifti -LiteralPath '{0}' | Export-StatMapPlot -LiteralPath '{1}.png' -Threshold 100" }
    ) {
        $ps = [powershell]::Create()
        try {
            $target = Join-Path $TestDrive "progress-$Name.nii.gz"
            $null = $ps.AddScript("Import-Module '$env:SEEDCORR_MODULE_PATH'; $($Script -f $funcPath, $target)")
            $null = $ps.Invoke()
            $ps.HadErrors | Should -BeFalse
            $records = @($ps.Streams.Progress | Where-Object Activity -eq $Name)
            $records.Count | Should -BeGreaterThan 1
            $records[0].StatusDescription | Should -Not -BeNullOrEmpty
            $records[-1].RecordType | Should -Be 'Completed'
        }
        finally { $ps.Dispose() }
    }
}

Describe 'pwsh -File examples/pcc-seed-correlation.ps1' {
    BeforeAll {
        $example = Join-Path $RepoRoot 'examples' 'pcc-seed-correlation.ps1'
        $env2 = @{ PSModulePath = "$moduleRoot$([System.IO.Path]::PathSeparator)$env:PSModulePath" }
    }

    It 'exits 0 and prints the lines on good input (the module loads by #Requires)' {
        $out = Join-Path $TestDrive 'ok'
        $run = Invoke-FreshPwsh -ArgumentList '-File', $example, '-FuncPath', $funcPath, '-ConfoundsPath', $confPath, '-OutputDirectory', $out -Environment $env2
        $run.StdErr | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        $run.StdOut | Should -Match 'Seed time series shape: \(80, 1\)'
        Join-Path $out 'pcc_seed_correlation_z.nii.gz' | Should -Exist
    }

    It 'exits 1 with the error on stderr when the BOLD file is missing' {
        $out = Join-Path $TestDrive 'missing'
        $run = Invoke-FreshPwsh -ArgumentList '-File', $example, '-FuncPath', (Join-Path $TestDrive 'nope.nii.gz'), '-ConfoundsPath', $confPath, '-OutputDirectory', $out -Environment $env2
        $run.ExitCode | Should -Be 1
        $run.StdErr | Should -Match 'nope.nii.gz'
        $out | Should -Not -Exist
    }

    It 'exits 1 with a named error when -OutputDirectory is a file' {
        $file = Join-Path $TestDrive 'not-a-folder'
        Set-Content -LiteralPath $file -Value 'x'
        $run = Invoke-FreshPwsh -ArgumentList '-File', $example, '-FuncPath', $funcPath, '-ConfoundsPath', $confPath, '-OutputDirectory', $file -Environment $env2
        $run.ExitCode | Should -Be 1
        # pwsh wraps the message at the console width, with '|' at the start of each continued line.
        ($run.StdErr -replace '\s*\n\s*\|?\s*', ' ') | Should -Match 'this is a file, not a folder'
        Get-Content -LiteralPath $file | Should -Be 'x'
    }

    It 'exits 1 when -FuncPath comes without -ConfoundsPath' {
        $run = Invoke-FreshPwsh -ArgumentList '-File', $example, '-FuncPath', $funcPath -Environment $env2
        $run.ExitCode | Should -Be 1
        $run.StdErr | Should -Match 'ConfoundsPath'
    }
}
