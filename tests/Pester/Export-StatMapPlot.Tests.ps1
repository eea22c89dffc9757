BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $func = Import-Nifti ([System.IO.Path]::Combine($SmallData, 'sub-synth01_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz'))
    $clean = @{ Detrend = $true; Standardize = 'ZScore'; LowPass = 0.1; HighPass = 0.01; WarningAction = 'SilentlyContinue' }
    $seed = $func | New-SphereMasker 0, -52, 18 -Radius 8 | Invoke-SignalClean @clean
    $brain = $func | New-BrainMasker -SmoothingFwhm 6 | Invoke-SignalClean @clean
    $map = Get-SeedCorrelation $brain $seed

    # A 2 mm map that is 0.8 in a 6 mm cube around the PCC seed and 0 elsewhere.
    $affine = [SeedCorr.Core.Geometry.Affine]::Diagonal(2, 2, 2, -20, -72, -2)
    $data = [float[]]::new(20 * 20 * 20)
    foreach ($k in 8..10) { foreach ($j in 9..11) { foreach ($i in 9..11) { $data[$i + 20 * ($j + 20 * $k)] = 0.8 } } }
    $cube = [SeedCorr.Core.Nifti.NiftiImage]::Create($data, [int[]](20, 20, 20), $affine, $null, $null)

    function Get-Pixels([string] $path) {
        $bitmap = [SkiaSharp.SKBitmap]::Decode($path)
        try { , $bitmap.Pixels } finally { $bitmap.Dispose() }
    }
}

Describe 'Export-StatMapPlot' {
    It 'draws the example figure cut at the seed, at the requested size' {
        $file = $map | Export-StatMapPlot (Join-Path $TestDrive 'pcc.png') -Threshold 0.5 -VMax 1 -Marker 0, -52, 18 -Title 'PCC' -PassThru
        $file | Should -BeOfType ([System.IO.FileInfo])
        $bitmap = [SkiaSharp.SKBitmap]::Decode($file.FullName)
        $bitmap.Width | Should -Be 1000
        $bitmap.Height | Should -Be 380
        $bitmap.GetPixel(1, 1) | Should -Be ([SkiaSharp.SKColors]::Black)
        $bitmap.Dispose()
        (Get-Pixels $file.FullName) -contains [SkiaSharp.SKColor]::new(0, 128, 0) | Should -BeTrue
    }

    It 'colours the seed by its value and shows the background where values are below the threshold' {
        Export-StatMapPlot -InputObject $cube -Path (Join-Path $TestDrive 'shown.png') -Threshold 0.5 -VMax 1 -CutCoords 0, -52, 18 -Background $cube
        Export-StatMapPlot -InputObject $cube -Path (Join-Path $TestDrive 'hidden.png') -Threshold 0.8 -VMax 1 -CutCoords 0, -52, 18 -Background $cube
        # SkiaSharp types resolve once the module has drawn something (it loads them).
        # matplotlib's hot at 0.8: red and green saturated, blue (0.8 - 0.746032) / 0.253968 = 0.2125 -> 54.
        $hot08 = [SkiaSharp.SKColor]::new(255, 255, 54)
        $shown = Get-Pixels (Join-Path $TestDrive 'shown.png')
        $hidden = Get-Pixels (Join-Path $TestDrive 'hidden.png')
        $shown -contains $hot08 | Should -BeTrue
        $hidden -contains $hot08 | Should -BeFalse
        # At threshold 0.8 the cube is masked (|v| <= threshold, in float32 as numpy compares): the background shows
        # through, the cube at nilearn's dimmed top grey 2/2.6 * 255 = 196 (black elsewhere).
        $grey = [SkiaSharp.SKColor]::new(196, 196, 196)
        $hidden -contains $grey | Should -BeTrue
    }

    It 'writes a one-page vector PDF with lossless slices' {
        $map | Export-StatMapPlot (Join-Path $TestDrive 'pcc.pdf') -Threshold 0.5 -VMax 1
        $text = [System.Text.Encoding]::Latin1.GetString([System.IO.File]::ReadAllBytes((Join-Path $TestDrive 'pcc.pdf')))
        $text | Should -Match '^%PDF-1\.'
        $text | Should -Match '/Count 1\b'
        $text | Should -Match '/FontFile'
        $text | Should -Not -Match '/DCTDecode'
    }

    It 'writes SVG' {
        $map | Export-StatMapPlot (Join-Path $TestDrive 'pcc.svg')
        $svg = [xml][System.IO.File]::ReadAllText((Join-Path $TestDrive 'pcc.svg'))
        $svg.DocumentElement.LocalName | Should -Be 'svg'
        $svg.DocumentElement.width | Should -Be '1000'
    }

    It 'writes nothing with -WhatIf' {
        $map | Export-StatMapPlot (Join-Path $TestDrive 'whatif.png') -WhatIf
        (Join-Path $TestDrive 'whatif.png') | Should -Not -Exist
    }

    It 'refuses an unknown extension before writing anything' {
        { $map | Export-StatMapPlot (Join-Path $TestDrive 'pcc.jpg') -ErrorAction Stop } | Should -Throw -ErrorId 'FigureFormatUnsupported,SeedCorr.PowerShell.Commands.ExportStatMapPlotCommand'
        (Join-Path $TestDrive 'pcc.jpg') | Should -Not -Exist
    }

    It 'keeps an existing file with -NoClobber' {
        $target = Join-Path $TestDrive 'keep.png'
        [System.IO.File]::WriteAllText($target, 'mine')
        { $map | Export-StatMapPlot $target -NoClobber -ErrorAction Stop } | Should -Throw -ErrorId 'FileExists,SeedCorr.PowerShell.Commands.ExportStatMapPlotCommand'
        [System.IO.File]::ReadAllText($target) | Should -Be 'mine'
    }

    It 'refuses a colour it does not know and a volume the map does not have' {
        { $map | Export-StatMapPlot (Join-Path $TestDrive 'c.png') -MarkerColor 'notacolour' -ErrorAction Stop } | Should -Throw -ErrorId 'PlotParameterInvalid,SeedCorr.PowerShell.Commands.ExportStatMapPlotCommand'
        { $map | Export-StatMapPlot (Join-Path $TestDrive 'v.png') -Volume 3 -ErrorAction Stop } | Should -Throw -ErrorId 'PlotParameterInvalid,SeedCorr.PowerShell.Commands.ExportStatMapPlotCommand'
        { $map | Export-StatMapPlot (Join-Path $TestDrive 't.png') -Threshold -1 -ErrorAction Stop } | Should -Throw
    }

    It 'draws an MNI map over the MNI152 template by default, and over the mean image with -Background' {
        # The test run is space-MNI152NLin2009cAsym with sform code 4: the template is the default background, the
        # same figure as -Background MNI152; the mean functional image gives another one.
        $map | Export-StatMapPlot (Join-Path $TestDrive 'mni.png') -Threshold 0.99 -VMax 1
        $map | Export-StatMapPlot (Join-Path $TestDrive 'named.png') -Threshold 0.99 -VMax 1 -Background MNI152
        $map | Export-StatMapPlot (Join-Path $TestDrive 'mean.png') -Threshold 0.99 -VMax 1 -Background $func
        $bytes = { param($name) [System.IO.File]::ReadAllBytes((Join-Path $TestDrive $name)) }
        [System.Linq.Enumerable]::SequenceEqual([byte[]](& $bytes 'mni.png'), [byte[]](& $bytes 'named.png')) | Should -BeTrue
        [System.Linq.Enumerable]::SequenceEqual([byte[]](& $bytes 'mni.png'), [byte[]](& $bytes 'mean.png')) | Should -BeFalse
    }

    It 'falls back to the mean functional image for a map that is not in MNI space' {
        $native = [SeedCorr.Core.Nifti.NiftiImage]::Create($cube.GetData(), [int[]](20, 20, 20), $cube.Affine, $null, $null)
        Export-StatMapPlot -InputObject $native -Path (Join-Path $TestDrive 'native.png') -Threshold 0.5 -VMax 1 -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'MNI152' } | Should -BeNullOrEmpty
        $map | Export-StatMapPlot (Join-Path $TestDrive 'mni.png') -Force -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'MNI152' } | Should -Not -BeNullOrEmpty
    }

    It 'draws cut lines unless -NoCross, and the display modes' {
        $cross = [SkiaSharp.SKColor]::new(220, 220, 220)
        $map | Export-StatMapPlot (Join-Path $TestDrive 'cross.png') -Threshold 0.5
        $map | Export-StatMapPlot (Join-Path $TestDrive 'nocross.png') -Threshold 0.5 -NoCross
        # The cut lines' light grey (220) is lighter than any background grey (at most 196).
        [Array]::IndexOf((Get-Pixels (Join-Path $TestDrive 'cross.png')), $cross) | Should -BeGreaterOrEqual 0
        $a = [System.IO.File]::ReadAllBytes((Join-Path $TestDrive 'cross.png'))
        [System.Linq.Enumerable]::SequenceEqual($a, [System.IO.File]::ReadAllBytes((Join-Path $TestDrive 'nocross.png'))) | Should -BeFalse
        foreach ($mode in 'X', 'Y', 'Z', 'Mosaic') {
            $file = $map | Export-StatMapPlot (Join-Path $TestDrive "$mode.png") -DisplayMode $mode -Symmetric:$false -Threshold 0.5 -PassThru
            $file.Length | Should -BeGreaterThan 1000
        }
        (Get-Command Export-StatMapPlot).Parameters['DisplayMode'].ParameterType | Should -Be ([SeedCorr.Plotting.DisplayMode])
    }

    It 'loads its native libraries from the module folder, which ships five platforms' {
        $base = (Get-Module SeedCorr).ModuleBase
        $rids = [string[]]@([System.IO.Directory]::GetDirectories([System.IO.Path]::Combine($base, 'runtimes')) | ForEach-Object { [System.IO.Path]::GetFileName($_) })
        [Array]::Sort($rids, [StringComparer]::Ordinal)
        $rids | Should -Be @('linux-arm64', 'linux-x64', 'osx', 'win-arm64', 'win-x64')
        [System.IO.File]::Exists([System.IO.Path]::Combine($base, 'runtimes', 'linux-x64', 'native', 'libSkiaSharp.so')) | Should -BeTrue
    }
}

Describe 'Export-SignalPlot' {
    It 'draws the seed time series at the requested size' {
        $file = $seed | Export-SignalPlot (Join-Path $TestDrive 'seed.png') -Title 'Seed time series' -Width 640 -Height 320 -PassThru
        $bitmap = [SkiaSharp.SKBitmap]::Decode($file.FullName)
        $bitmap.Width | Should -Be 640
        $bitmap.Height | Should -Be 320
        $bitmap.Dispose()
    }

    It 'draws chosen columns against time in seconds, with labels, as SVG' {
        $brain | Export-SignalPlot (Join-Path $TestDrive 'voxels.svg') -Column 0, 1000, 2000 -Label a, b, c -Time
        $svg = [System.IO.File]::ReadAllText((Join-Path $TestDrive 'voxels.svg'))
        $svg | Should -Match 'Time \(s\)'
    }

    It 'refuses a column outside the matrix, mismatched labels, and -Time without a repetition time' {
        { $seed | Export-SignalPlot (Join-Path $TestDrive 'x.png') -Column 1 -ErrorAction Stop } | Should -Throw -ErrorId 'PlotParameterInvalid,SeedCorr.PowerShell.Commands.ExportSignalPlotCommand'
        { $brain | Export-SignalPlot (Join-Path $TestDrive 'x.png') -Column 0, 1 -Label one -ErrorAction Stop } | Should -Throw -ErrorId 'PlotParameterInvalid,SeedCorr.PowerShell.Commands.ExportSignalPlotCommand'
        $noTr = [SeedCorr.Core.Signal.SignalMatrix]::new(10, 1)
        { $noTr | Export-SignalPlot (Join-Path $TestDrive 'x.png') -Time -ErrorAction Stop } | Should -Throw -ErrorId 'RepetitionTimeMissing,SeedCorr.PowerShell.Commands.ExportSignalPlotCommand'
        (Join-Path $TestDrive 'x.png') | Should -Not -Exist
    }
}
