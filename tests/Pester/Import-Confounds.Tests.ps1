BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $full = [System.IO.Path]::Combine($SmallData, 'sub-synth01_task-pixar_desc-confounds_regressors.tsv')
    $reduced = [System.IO.Path]::Combine($SmallData, 'sub-synth01_task-pixar_desc-reducedConfounds_regressors.tsv')
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
            { Import-Confounds $p -ErrorAction Stop } | Should -Throw -ErrorId $Id
        }

        It 'reports a column pattern that matches nothing' {
            { Import-Confounds $reduced -Column 'global_signal' -ErrorAction Stop } | Should -Throw -ErrorId 'ConfoundsColumnNotFound'
        }

        It 'reports a missing file' {
            { Import-Confounds ([System.IO.Path]::Combine($TestDrive, 'none.tsv')) -ErrorAction Stop } | Should -Throw -ErrorId 'ConfoundsFileNotFound'
        }
    }
}
