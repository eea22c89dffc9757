BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $StudyData = [System.IO.Path]::Combine($RepoRoot, 'tests', 'data', 'study')
    $labels = [System.IO.Path]::Combine($StudyData, 'atlas', 'dmn_labels_2mm.nii.gz')
    $table = [System.IO.Path]::Combine($StudyData, 'atlas', 'dmn_labels.tsv')
    $id = 'SeedCorr.PowerShell.Commands.ImportSeedAtlasCommand'
}

Describe 'Import-SeedAtlas' {
    Context 'a labels image' {
        It 'reads the atlas with its dseg table' {
            $atlas = Import-SeedAtlas -LiteralPath $labels -LabelsTable $table -Name DMN
            $atlas | Should -BeOfType ([SeedCorr.Core.Seeds.SeedAtlas])
            $atlas.Kind | Should -Be 'LabelsImage'
            $atlas.Label | Should -Be 'DMN'
            $atlas.Regions.Name | Should -Be @('PCC', 'mPFC', 'LAG', 'RAG')
            $atlas.Regions.Index | Should -Be @(1, 2, 3, 4)
            $atlas.GridShape -join 'x' | Should -Be '91x109x91'
        }

        It 'resamples to a run grid keeping all four labels' {
            $atlas = Import-SeedAtlas $labels -LabelsTable $table -Name DMN
            $run = Get-FmriprepRun ([System.IO.Path]::Combine($StudyData, 'derivatives', 'fmriprep')) -Subject 01
            $header = Import-Nifti -LiteralPath $run.BoldPath -HeaderOnly
            $grid = $atlas.OnGrid([int[]]@($header.Shape[0..2]), $header.BestAffine)
            $grid.Regions.Count | Should -Be 4
            $grid.Lost | Should -BeNullOrEmpty
        }

        It 'names regions by index without a table and takes the name from the file' {
            $atlas = Import-SeedAtlas -Path $labels
            $atlas.Name | Should -Be 'dmn_labels_2mm'
            $atlas.Label | Should -Be 'dmnlabels2mm'
            $atlas.Regions.Name | Should -Be @('1', '2', '3', '4')
        }

        It 'warns about labels the table does not list' {
            $short = Join-Path $TestDrive 'short.tsv'
            Set-Content -LiteralPath $short -Value "index`tname", "1`tPCC", "2`tmPFC"
            $atlas = Import-SeedAtlas -LiteralPath $labels -LabelsTable $short -WarningVariable w -WarningAction SilentlyContinue
            $atlas.Regions.Name | Should -Be @('PCC', 'mPFC', 'unknown', 'unknown')
            $w | Should -Match '3, 4'
        }

        It 'reports <Case> with a stable id' -ForEach @(
            @{ Case = 'a table without index/name'; Text = "label`tregion", "1`tx"; ErrorId = 'SeedAtlasInvalid' }
        ) {
            $bad = Join-Path $TestDrive 'bad.tsv'
            Set-Content -LiteralPath $bad -Value $Text
            { Import-SeedAtlas -LiteralPath $labels -LabelsTable $bad -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,$id"
        }

        It 'reports a missing image and a missing table' {
            { Import-SeedAtlas -LiteralPath (Join-Path $TestDrive 'none.nii.gz') -ErrorAction Stop } | Should -Throw -ErrorId "NiftiFileNotFound,$id"
            { Import-SeedAtlas -LiteralPath $labels -LabelsTable (Join-Path $TestDrive 'none.tsv') -ErrorAction Stop } | Should -Throw -ErrorId "SeedAtlasFileNotFound,$id"
        }
    }

    Context 'coordinate tables' {
        It 'reads Power 2011 with coordinate names and Dosenbach 2010 with unique labels' {
            $power = Import-SeedAtlas -CoordinateTable ([System.IO.Path]::Combine($StudyData, 'coordinates', 'power_2011.csv')) -Radius 5 -Name Power2011
            $power.Kind | Should -Be 'Coordinates'
            $power.Regions.Count | Should -Be 264
            $power.Regions[0].Label | Should -Be 'xm25ym98zm12'
            $seeds = $power.ToSphereSeeds()
            $seeds[0].Radius | Should -Be 5
            $seeds[0].Atlas | Should -Be 'Power2011'
            $dos = Import-SeedAtlas -CoordinateTable ([System.IO.Path]::Combine($StudyData, 'coordinates', 'dosenbach_2010.csv')) -Radius 5
            $dos.Name | Should -Be 'dosenbach_2010'
            @($dos.Regions.Label | Select-Object -Unique).Count | Should -Be 160
        }

        It 'reports a table without coordinates' {
            $bad = Join-Path $TestDrive 'bad.csv'
            Set-Content -LiteralPath $bad -Value 'a,b,c', '1,2,3'
            { Import-SeedAtlas -CoordinateTable $bad -Radius 5 -ErrorAction Stop } | Should -Throw -ErrorId "SeedAtlasInvalid,$id"
        }
    }

    Context 'built in' {
        It 'ships the Schaefer 2018 100-parcel 7-network centroids with their MIT licence' {
            $atlas = Import-SeedAtlas -BuiltIn Schaefer2018_100_7 -Radius 5
            $atlas.Regions.Count | Should -Be 100
            $atlas.Regions[0].Name | Should -Be '7Networks_LH_Vis_1'
            $atlas.Regions[0].Center.X | Should -Be -26
            $atlas.License | Should -Match 'Permission is hereby granted'
            $module = Get-Module SeedCorr
            Test-Path -LiteralPath ([System.IO.Path]::Combine($module.ModuleBase, 'atlases', 'schaefer2018', 'LICENSE.md')) | Should -BeTrue
        }

        It 'completes the built-in names' {
            (Get-Command Import-SeedAtlas).Parameters['BuiltIn'].ParameterType.IsEnum | Should -BeTrue
            [enum]::GetNames([SeedCorr.Core.Seeds.BuiltInAtlas]) | Should -Contain 'Schaefer2018_100_7'
        }

        It 'shows table views for the atlas and its regions' {
            $atlas = Import-SeedAtlas -BuiltIn Schaefer2018_100_7 -Radius 5
            ($atlas | Out-String) | Should -Match 'Schaefer2018100Parcels7Networks\s+Coordinates\s+100\s+spheres r=5 mm'
            ($atlas.Regions | Select-Object -First 1 | Out-String) | Should -Match '7Networks_LH_Vis_1\s+7NetworksLHVis1'
        }
    }
}
