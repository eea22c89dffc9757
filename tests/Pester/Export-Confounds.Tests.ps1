BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $v14Bold = [System.IO.Path]::Combine($RepoRoot, 'tests', 'data', 'confounds', 'inputs', 'v1_4', 'func', 'sub-01_ses-01_task-rest_run-1_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz')
    $Cmd = 'SeedCorr.PowerShell.Commands.ExportConfoundsCommand'
}

Describe 'Export-Confounds' {
    It 'writes the selected design matrix as TSV that reads back to the same bits' {
        $c = Import-Confounds $v14Bold -DenoiseStrategy Simple
        $p = [System.IO.Path]::Combine($TestDrive, 'design.tsv')
        $file = $c | Export-Confounds -LiteralPath $p -PassThru
        $file | Should -BeOfType ([System.IO.FileInfo])
        $lines = [System.IO.File]::ReadAllLines($p)
        $lines | Should -HaveCount 31
        $lines[0] | Should -BeExactly ($c.ColumnNames -join "`t")
        $back = Import-Confounds -LiteralPath $p
        $back.ColumnNames | Should -Be $c.ColumnNames
        [System.Linq.Enumerable]::SequenceEqual([double[]]$back.GetValues(), [double[]]$c.GetValues()) | Should -BeTrue
        @(Get-ChildItem -LiteralPath $TestDrive -Force -Filter '*.tmp') | Should -HaveCount 0
    }

    It 'writes nothing with -WhatIf' {
        $p = [System.IO.Path]::Combine($TestDrive, 'whatif.tsv')
        Import-Confounds $v14Bold -DenoiseStrategy Simple | Export-Confounds -LiteralPath $p -WhatIf
        Test-Path -LiteralPath $p | Should -BeFalse
    }

    It 'keeps an existing file with -NoClobber' {
        $p = [System.IO.Path]::Combine($TestDrive, 'kept.tsv')
        Set-Content -LiteralPath $p -Value 'original'
        { Import-Confounds $v14Bold -DenoiseStrategy Simple | Export-Confounds -LiteralPath $p -NoClobber -ErrorAction Stop } | Should -Throw -ErrorId "FileExists,$Cmd"
        Get-Content -LiteralPath $p | Should -Be 'original'
    }

    It 'refuses a table without columns' {
        $c = Import-Confounds $v14Bold -Strategy Scrub -FdThreshold 0.5 -StdDvarsThreshold 1.5 -ScrubMinSegment 0
        $p = [System.IO.Path]::Combine($TestDrive, 'none.tsv')
        { $c | Export-Confounds -LiteralPath $p -ErrorAction Stop } | Should -Throw -ErrorId "ConfoundsEmpty,$Cmd"
        Test-Path -LiteralPath $p | Should -BeFalse
    }
}
