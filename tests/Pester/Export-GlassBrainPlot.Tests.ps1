BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    # A 2 mm MNI map: 0.8 in a 6 mm cube at the PCC seed (0, -52, 18), -0.9 in one at (30, -52, 18), 0 elsewhere.
    $affine = [SeedCorr.Core.Geometry.Affine]::Diagonal(2, 2, 2, -90, -126, -72)
    $data = [float[]]::new(91 * 109 * 91)
    foreach ($k in 44..46) { foreach ($j in 36..38) { foreach ($i in 44..46) { $data[$i + 91 * ($j + 109 * $k)] = 0.8; $data[($i + 15) + 91 * ($j + 109 * $k)] = -0.9 } } }
    $path = Join-Path $TestDrive 'sub-01_space-MNI152NLin2009cAsym_stat.nii.gz'
    [SeedCorr.Core.Nifti.NiftiImage]::Create($data, [int[]](91, 109, 91), $affine, $null, $null) | Export-Nifti -LiteralPath $path

    function Get-Pixels([string] $file) {
        $bitmap = [SkiaSharp.SKBitmap]::Decode($file)
        try { , $bitmap.Pixels } finally { $bitmap.Dispose() }
    }
}

Describe 'Export-GlassBrainPlot' {
    It 'draws the projections on white with the map''s colours and the template outline' {
        $file = Export-GlassBrainPlot -InputObject $path -Path (Join-Path $TestDrive 'glass.png') -Threshold 0.5 -VMax 1 -Title 'PCC' -PassThru
        $file | Should -BeOfType ([System.IO.FileInfo])
        $pixels = Get-Pixels $file.FullName
        $pixels[0] | Should -Be ([SkiaSharp.SKColors]::White)
        # nilearn's cold_white_hot at alpha 0.7 over white: 0.8 -> (177, 76, 76) (hot(0.2) = (144, 0, 0) blended);
        # -0.9 its cold mirror.
        $pixels -contains [SkiaSharp.SKColor]::new(177, 76, 76) | Should -BeTrue
        $pixels -contains [SeedCorr.Plotting.GlassBrainPlot]::ColorOf(-0.9, 1) | Should -BeTrue
        # The outline's dark grey.
        $pixels -contains [SkiaSharp.SKColor]::new(90, 90, 90) | Should -BeTrue
    }

    It 'writes PDF and SVG, and nothing with -WhatIf' {
        Export-GlassBrainPlot -InputObject $path -Path (Join-Path $TestDrive 'glass.pdf') -Threshold 0.5
        [System.Text.Encoding]::Latin1.GetString([System.IO.File]::ReadAllBytes((Join-Path $TestDrive 'glass.pdf'))) | Should -Match '^%PDF-1\.'
        Export-GlassBrainPlot -InputObject $path -Path (Join-Path $TestDrive 'glass.svg') -Symmetric:$false
        ([xml][System.IO.File]::ReadAllText((Join-Path $TestDrive 'glass.svg'))).DocumentElement.LocalName | Should -Be 'svg'
        Export-GlassBrainPlot -InputObject $path -Path (Join-Path $TestDrive 'whatif.png') -WhatIf
        (Join-Path $TestDrive 'whatif.png') | Should -Not -Exist
    }

    It 'warns when the map is not in MNI space and refuses bad parameters' {
        $native = [SeedCorr.Core.Nifti.NiftiImage]::Create($data, [int[]](91, 109, 91), $affine, $null, $null)
        Export-GlassBrainPlot -InputObject $native -Path (Join-Path $TestDrive 'native.png') -WarningVariable w -WarningAction SilentlyContinue
        $w | Should -Match 'not marked as MNI space'
        { Export-GlassBrainPlot -InputObject $path -Path (Join-Path $TestDrive 'x.jpg') -ErrorAction Stop } |
            Should -Throw -ErrorId 'FigureFormatUnsupported,SeedCorr.PowerShell.Commands.ExportGlassBrainPlotCommand'
        { Export-GlassBrainPlot -InputObject $path -Path (Join-Path $TestDrive 'x.png') -VMax 0 -ErrorAction Stop } |
            Should -Throw -ErrorId 'PlotParameterInvalid,SeedCorr.PowerShell.Commands.ExportGlassBrainPlotCommand'
        (Join-Path $TestDrive 'x.png') | Should -Not -Exist
    }
}
