# The bad-input suite, round 2 (issue 13): inputs that are not regular files, sizes past 32 bits, writes over read-only
# files and interrupted writes, broken voxel sizes and scaling, corrupt volumes, swapped roles, weak confounds cells.
# Every error case asserts the full error id, the category, a message naming the file or value, a recommended action,
# and that no output or temporary file is left behind.
BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $valid = [System.IO.Path]::Combine($NiftiData, 'valid')
    $funcPath = [System.IO.Path]::Combine($SmallData, 'sub-synth01_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz')
    $func = Import-Nifti $funcPath
    $cmd = 'SeedCorr.PowerShell.Commands'

    # Runs a command that must fail; returns its first ErrorRecord (terminating or not).
    function Get-FirstError([scriptblock] $Command) {
        $ErrorActionPreference = 'Stop'
        try { $null = & $Command } catch { return $_ }
        $null
    }

    function Assert-CleanError($ErrorRecord, [string] $Id, [string] $Category, [string] $Mentions) {
        $ErrorRecord | Should -Not -BeNullOrEmpty
        $ErrorRecord.FullyQualifiedErrorId | Should -BeExactly $Id
        "$($ErrorRecord.CategoryInfo.Category)" | Should -Be $Category
        "$($ErrorRecord.Exception.Message) $($ErrorRecord.ErrorDetails.Message)" | Should -Match ([regex]::Escape($Mentions))
        $ErrorRecord.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    function Get-Leftover([string] $Folder) {
        @([System.IO.Directory]::GetFiles($Folder, '*.tmp'))
    }

    function New-Folder([string] $Name) {
        $p = [System.IO.Path]::Combine($TestDrive, $Name)
        $null = [System.IO.Directory]::CreateDirectory($p)
        $p
    }

    function New-Fifo([string] $Path) {
        & mkfifo $Path
        if ($LASTEXITCODE -ne 0) { throw "mkfifo $Path failed" }
        $Path
    }

    function Write-TextFile([string] $Folder, [string] $Name, [string] $Text) {
        $p = [System.IO.Path]::Combine($Folder, $Name)
        [System.IO.File]::WriteAllText($p, $Text)
        $p
    }

    function New-Image([float[]] $Data, [int[]] $Shape, $Affine, $Header) {
        [SeedCorr.Core.Nifti.NiftiImage]::Create($Data, $Shape, $Affine, 2.0, $Header)
    }
}

Describe 'Inputs that are not regular files' {
    It 'Import-Confounds of /dev/zero is refused up front (it never ends)' {
        $e = Get-FirstError { Import-Confounds -LiteralPath '/dev/zero' }
        Assert-CleanError $e "FileNotRegular,$cmd.ImportConfoundsCommand" 'InvalidArgument' 'zero: the path is a device'
    }

    It '<Command> of a FIFO without a writer is refused without blocking' -ForEach @(
        @{ Command = 'Import-Confounds'; Name = 'confounds.tsv'; Run = { param($f) Import-Confounds -LiteralPath $f } }
        @{ Command = 'Invoke-SignalClean'; Name = 'c.tsv'; Run = { param($f) $func | New-SphereMasker 0, -52, 18 -Radius 8 | Invoke-SignalClean -Confounds $f -RepetitionTime 2 } }
        @{ Command = 'Import-Nifti'; Name = 'bold.nii'; Run = { param($f) Import-Nifti -LiteralPath $f } }
        @{ Command = 'New-BrainMasker'; Name = 'bold.nii.gz'; Run = { param($f) New-BrainMasker -LiteralPath $f } }
    ) {
        $d = New-Folder "fifo-$Command"
        $fifo = New-Fifo ([System.IO.Path]::Combine($d, $Name))
        $e = Get-FirstError { & $Run $fifo }
        Assert-CleanError $e "FileNotRegular,$cmd.$($Command -replace '-', '')Command" 'InvalidArgument' "${Name}: the path is a named pipe"
        Get-Leftover $d | Should -BeNullOrEmpty
    }

    It 'a folder as the confounds path says it is a folder, not "file not found"' {
        $d = New-Folder 'conf-dir.tsv'
        $e = Get-FirstError { Import-Confounds -LiteralPath $d }
        Assert-CleanError $e "FileNotRegular,$cmd.ImportConfoundsCommand" 'InvalidArgument' 'conf-dir.tsv: the path is a folder'
    }
}

Describe 'Sizes beyond memory and beyond 32 bits' {
    BeforeAll {
        # A NIfTI-2 header (from a valid file) with these dims and datatype over a sparse file: no data is written.
        function New-SparseNifti2([string] $Name, [long[]] $Dims, [int16] $DataType, [int16] $BitPix) {
            $p = [System.IO.Path]::Combine($TestDrive, $Name)
            $bytes = [byte[]]([System.IO.File]::ReadAllBytes([System.IO.Path]::Combine($valid, 'fmt_nifti2.nii'))[0..543])
            for ($n = 0; $n -lt 8; $n++) { [System.BitConverter]::GetBytes($Dims[$n]).CopyTo($bytes, 16 + 8 * $n) }   # dim, int64 at 16
            [System.BitConverter]::GetBytes($DataType).CopyTo($bytes, 12)
            [System.BitConverter]::GetBytes($BitPix).CopyTo($bytes, 14)
            [System.BitConverter]::GetBytes([long]544).CopyTo($bytes, 168)   # vox_offset
            [System.BitConverter]::GetBytes([double]1).CopyTo($bytes, 176)   # scl_slope
            [System.BitConverter]::GetBytes([double]0).CopyTo($bytes, 184)   # scl_inter
            $voxels = [long]1
            for ($a = 1; $a -le $Dims[0]; $a++) { $voxels *= $Dims[$a] }
            $fs = [System.IO.File]::Create($p); $fs.Write($bytes, 0, 544); $fs.SetLength(544 + $voxels * $BitPix / 8); $fs.Dispose()
            $p
        }
    }

    It 'a volume of 2^31 voxels is NiftiTooLarge for the streaming path, not an OverflowException' {
        $p = New-SparseNifti2 'volume2e31.nii' @(3, 65536, 32768, 1, 1, 1, 1, 1) 2 8
        (Import-Nifti -LiteralPath $p -HeaderOnly).Shape | Should -Be @(65536, 32768, 1)
        $e = Get-FirstError { New-BrainMasker -LiteralPath $p }
        Assert-CleanError $e "NiftiTooLarge,$cmd.NewBrainMaskerCommand" 'LimitsExceeded' '2,147,483,648 voxels'
        $e = Get-FirstError { Import-Nifti -LiteralPath $p }
        Assert-CleanError $e "NiftiTooLarge,$cmd.ImportNiftiCommand" 'LimitsExceeded' 'volume2e31.nii'
    }

    It 'streaming a sparse image whose volume buffers exceed the memory budget is NiftiTooLarge, as Import-Nifti is' {
        # 1290^3 float32 voxels per volume (8.6 GB, just under the largest array), 2 volumes: 17 GB sparse.
        $p = New-SparseNifti2 'sparse-huge.nii' @(4, 1290, 1290, 1290, 2, 1, 1, 1) 16 32
        $e = Get-FirstError { Import-Nifti -LiteralPath $p }
        Assert-CleanError $e "NiftiTooLarge,$cmd.ImportNiftiCommand" 'LimitsExceeded' 'sparse-huge.nii'
        $e = Get-FirstError { New-BrainMasker -LiteralPath $p }
        Assert-CleanError $e "NiftiTooLarge,$cmd.NewBrainMaskerCommand" 'LimitsExceeded' 'sparse-huge.nii'
        "$($e.Exception.Message)" | Should -Match 'volume buffers|one volume'
    }
}

Describe 'Writes: read-only targets, interrupted writes, long names' {
    BeforeAll {
        # A read-only file is refused without -Force: same content, no temporary file. Returns its path.
        function Assert-ReadOnlyKept([string] $Folder, [string] $Name, [string] $Command, [scriptblock] $Write) {
            $p = Write-TextFile $Folder $Name 'keep me'
            (Get-Item -LiteralPath $p).IsReadOnly = $true
            $e = Get-FirstError { & $Write $p }
            Assert-CleanError $e "FileReadOnly,$cmd.$Command" 'PermissionDenied' $Name
            [System.IO.File]::ReadAllText($p) | Should -Be 'keep me'
            Get-Leftover $Folder | Should -BeNullOrEmpty
            $p
        }
    }

    It 'Export-Nifti does not replace a read-only file without -Force, and does with it' {
        $d = New-Folder 'readonly'
        $p = Assert-ReadOnlyKept $d 'map.nii' 'ExportNiftiCommand' { param($f) $func | Export-Nifti -LiteralPath $f }
        $func | Export-Nifti -LiteralPath $p -Force
        (Import-Nifti -LiteralPath $p).Shape | Should -Be $func.Shape
        Get-Leftover $d | Should -BeNullOrEmpty
    }

    It 'Export-FisherZ and Export-StatMapPlot honour a read-only target the same way' {
        $d = New-Folder 'readonly-map'
        $map = Get-SeedCorrelation ($func | New-BrainMasker) ($func | New-SphereMasker 0, -52, 18 -Radius 8)
        $null = Assert-ReadOnlyKept $d 'z.nii.gz' 'ExportFisherZCommand' { param($f) $map | Export-FisherZ -LiteralPath $f }
        $null = Assert-ReadOnlyKept $d 'map.png' 'ExportStatMapPlotCommand' { param($f) $map | Export-StatMapPlot -LiteralPath $f }
    }

    It 'writes a 237-character name (the temporary name stays within 255 bytes)' {
        $d = New-Folder 'longname'
        $name = ('n' * 230) + '.nii.gz'
        $func | Export-Nifti -LiteralPath ([System.IO.Path]::Combine($d, $name))
        [System.IO.File]::Exists([System.IO.Path]::Combine($d, $name)) | Should -BeTrue
        Get-Leftover $d | Should -BeNullOrEmpty
    }

    It 'the next write sweeps the temporary file a killed writer left beside the same target' {
        $d = New-Folder 'sweep'
        $stale = [System.IO.Path]::Combine($d, ".out.nii.$([guid]::NewGuid().ToString('N')).tmp")
        [System.IO.File]::WriteAllBytes($stale, [byte[]]::new(4096))
        $func | Export-Nifti -LiteralPath ([System.IO.Path]::Combine($d, 'out.nii'))
        [System.IO.File]::Exists($stale) | Should -BeFalse
        Get-Leftover $d | Should -BeNullOrEmpty
    }

    It 'SIGTERM during Export-Nifti leaves neither the temporary file nor a partial target' {
        $d = New-Folder 'sigterm'
        $target = [System.IO.Path]::Combine($d, 'big.nii.gz')
        $script = @"
Import-Module '$($env:SEEDCORR_MODULE_PATH)'
`$bytes = [byte[]]::new(120MB); [System.Random]::new(1).NextBytes(`$bytes)
`$data = [float[]]::new(30MB); [System.Buffer]::BlockCopy(`$bytes, 0, `$data, 0, `$bytes.Length)
`$img = [SeedCorr.Core.Nifti.NiftiImage]::Create(`$data, [int[]](256, 256, 240, 2), [SeedCorr.Core.Geometry.Affine]::Identity, 2.0, `$null)
'ready'
`$img | Export-Nifti -LiteralPath '$target'
'done'
"@
        $scriptPath = Write-TextFile $TestDrive 'sigterm-writer.ps1' $script
        # The same PowerShell as this one: pwsh itself, or dotnet running pwsh.dll (the pinned local tool).
        $info = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([System.IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $info.ArgumentList.Add([System.IO.Path]::Combine($PSHOME, 'pwsh.dll')) }
        foreach ($a in '-NoProfile', '-File', $scriptPath) { $info.ArgumentList.Add($a) }
        $info.RedirectStandardOutput = $true
        $child = [System.Diagnostics.Process]::Start($info)
        try {
            # Wait until the temporary file exists: the write is under way.
            $deadline = [DateTime]::UtcNow.AddMinutes(3)
            while (-not (Get-Leftover $d) -and -not $child.HasExited -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $child.HasExited | Should -BeFalse -Because 'the write must still be running when the signal comes'
            Get-Leftover $d | Should -Not -BeNullOrEmpty
            & kill -TERM $child.Id
            $child.WaitForExit()
        }
        finally {
            if (-not $child.HasExited) { $child.Kill($true) }
        }

        Get-Leftover $d | Should -BeNullOrEmpty
        [System.IO.File]::Exists($target) | Should -BeFalse
    }
}

Describe 'Geometry, smoothing and scaling that would hang or give silent wrong answers' {
    It 'voxels of 1e-5 mm with 6 mm smoothing are refused instead of running for minutes' {
        $tiny = New-Image $func.GetData() $func.Shape ([SeedCorr.Core.Geometry.Affine]::Diagonal(1e-5, 1e-5, 1e-5, 0, 0, 0)) $null
        $e = Get-FirstError { $tiny | New-BrainMasker -SmoothingFwhm 6 }
        Assert-CleanError $e "SmoothingKernelTooLarge,$cmd.NewBrainMaskerCommand" 'InvalidData' 'voxel size looks wrong'
        "$($e.Exception.Message)" | Should -Match '1E-05 mm'
    }

    It 'a map on a singular (all-zero) sform as a figure is PlotInputInvalid, as map and as background' {
        $d = New-Folder 'singular'
        $zero = [SeedCorr.Core.Geometry.Affine]::Diagonal(0, 0, 0, 0, 0, 0)
        $img = New-Image $func.GetData() $func.Shape $zero $null
        $mask = New-Image ([float[]]::new($func.VolumeSize) | ForEach-Object { 1 }) @(24, 28, 24) $zero $null
        $brain = $img | New-BrainMasker -MaskImage $mask -WarningAction SilentlyContinue
        $seed = [SeedCorr.Core.Signal.SignalMatrix]::new(80, 1, [float[]]$brain.GetSeries(100))
        $map = Get-SeedCorrelation $brain $seed -WarningAction SilentlyContinue
        $out = [System.IO.Path]::Combine($d, 'map.png')
        $e = Get-FirstError { $map | Export-StatMapPlot -LiteralPath $out }
        Assert-CleanError $e "PlotInputInvalid,$cmd.ExportStatMapPlotCommand" 'InvalidData' 'singular'
        [System.IO.File]::Exists($out) | Should -BeFalse

        $goodBrain = $func | New-BrainMasker
        $goodSeed = $func | New-SphereMasker 0, -52, 18 -Radius 8
        $goodMap = Get-SeedCorrelation $goodBrain $goodSeed
        $e = Get-FirstError { $goodMap | Export-StatMapPlot -LiteralPath $out -Background $img }
        Assert-CleanError $e "PlotInputInvalid,$cmd.ExportStatMapPlotCommand" 'InvalidData' 'background'
        [System.IO.File]::Exists($out) | Should -BeFalse
        Get-Leftover $d | Should -BeNullOrEmpty
    }

    It 'scl_inter 1e10 (float32 steps of 1024) is refused, not read into an all-zero map' {
        $bytes = [System.IO.File]::ReadAllBytes([System.IO.Path]::Combine($valid, 'dt_int16.nii'))
        [System.BitConverter]::GetBytes([float]1).CopyTo($bytes, 112)
        [System.BitConverter]::GetBytes([float]1e10).CopyTo($bytes, 116)
        $p = [System.IO.Path]::Combine($TestDrive, 'inter1e10.nii')
        [System.IO.File]::WriteAllBytes($p, $bytes)
        $e = Get-FirstError { Import-Nifti -LiteralPath $p }
        Assert-CleanError $e "NiftiScalingUnrepresentable,$cmd.ImportNiftiCommand" 'InvalidData' 'scl_inter 1E+10'
        "$($e.Exception.Message)" | Should -Match 'refuses'
    }

    It 'an all-NaN volume is named as a corrupt acquisition, and -IgnoreVolume censors it' {
        $data = $func.GetData()
        $v = $func.VolumeSize
        for ($n = 0; $n -lt $v; $n++) { $data[17 * $v + $n] = [float]::NaN }
        $bad = New-Image $data $func.Shape $func.Affine $func.Header
        $e = Get-FirstError { $bad | New-BrainMasker -SmoothingFwhm 6 }
        Assert-CleanError $e "VolumeNotFinite,$cmd.NewBrainMaskerCommand" 'InvalidData' 'volume 17'
        $e.ErrorDetails.RecommendedAction | Should -Match '-IgnoreVolume 17'

        $w = $null
        $brain = $bad | New-BrainMasker -SmoothingFwhm 6 -IgnoreVolume 17 -WarningVariable w -WarningAction SilentlyContinue
        $reference = $func | New-BrainMasker -SmoothingFwhm 6
        $brain.Series | Should -Be $reference.Series
        "$w" | Should -Match 'volume 17 .*corrupt acquisition'
        $brain.GetSeries(0)[17] | Should -Be 0

        $p = [System.IO.Path]::Combine($TestDrive, 'nanvol.nii.gz')
        $bad | Export-Nifti -LiteralPath $p
        $e = Get-FirstError { New-BrainMasker -LiteralPath $p }
        Assert-CleanError $e "VolumeNotFinite,$cmd.NewBrainMaskerCommand" 'InvalidData' 'nanvol.nii.gz: volume 17'
    }

    It 'a constant block after smoothing is counted and set to 0 instead of correlating as rounding noise' {
        $data = $func.GetData()
        $v = $func.VolumeSize
        for ($t = 0; $t -lt 80; $t++) {
            for ($k = 8; $k -lt 16; $k++) { for ($j = 10; $j -lt 18; $j++) { for ($i = 8; $i -lt 16; $i++) {
                        $data[$t * $v + $i + 24 * ($j + 28 * $k)] = 500 } } }
        }
        $block = New-Image $data $func.Shape $func.Affine $func.Header
        $w = $null
        $brain = $block | New-BrainMasker -SmoothingFwhm 6 -WarningVariable w -WarningAction SilentlyContinue
        "$w" | Should -Match '\d+ of \d+ series are constant to float32 precision'
        $seed = $func | New-SphereMasker 0, -52, 18 -Radius 8
        $clean = @{ Detrend = $true; Standardize = 'ZScore'; RepetitionTime = 2 }
        $map = Get-SeedCorrelation ($brain | Invoke-SignalClean @clean) ($seed | Invoke-SignalClean @clean) -WarningAction SilentlyContinue
        $img = $map.ToImage()
        $img.GetValue(12, 14, 12, 0) | Should -Be 0
    }
}

Describe 'Plots and roles that would be silently wrong' {
    BeforeAll {
        $brain = $func | New-BrainMasker
        $seed = $func | New-SphereMasker 0, -52, 18 -Radius 8
        $map = Get-SeedCorrelation $brain $seed
    }

    It 'Export-StatMapPlot warns about an all-NaN map' {
        $nan = New-Image ([float[]]::new($func.VolumeSize) | ForEach-Object { [float]::NaN }) @(24, 28, 24) $func.Affine $null
        $w = $null
        $f = $nan | Export-StatMapPlot -LiteralPath ([System.IO.Path]::Combine($TestDrive, 'nan.png')) -PassThru -WarningVariable w -WarningAction SilentlyContinue
        $f | Should -Not -BeNullOrEmpty
        "$w" | Should -Match 'no finite value'
    }

    It 'Export-StatMapPlot warns when the threshold is above the map''s maximum' {
        $w = $null
        $null = $map | Export-StatMapPlot -LiteralPath ([System.IO.Path]::Combine($TestDrive, 'thr.png')) -Threshold 1.5 -WarningVariable w -WarningAction SilentlyContinue
        "$w" | Should -Match 'above -Threshold 1.5'
    }

    It 'Get-SeedCorrelation with brain and seed swapped is SignalRolesSwapped' {
        $e = Get-FirstError { Get-SeedCorrelation $seed $brain }
        Assert-CleanError $e "SignalRolesSwapped,$cmd.GetSeedCorrelationCommand" 'InvalidArgument' 'swapped'
        "$($e.Exception.Message)" | Should -Match 'brain masker'
    }

    It 'New-SphereMasker warns when a sphere inside the grid has no in-brain voxel' {
        $corner = $func.Affine.Apply(1, 1, 1)
        $w = $null
        $s = $func | New-SphereMasker ($corner.Item1), ($corner.Item2), ($corner.Item3) -Radius 2 -WarningVariable w -WarningAction SilentlyContinue
        $s.Shape | Should -Be '(80, 1)'
        "$w" | Should -Match 'no in-brain voxel'
    }
}

Describe 'Confounds cells and encodings' {
    BeforeAll {
        $d = New-Folder 'confounds'
        function New-Table([string] $Cell) {
            $sb = [System.Text.StringBuilder]::new("a`tb`tc`n")
            for ($r = 1; $r -le 90; $r++) { $null = $sb.Append("$r`t$(2 * $r)`t$(if ($r -eq 80) { $Cell } else { '0.5' })`n") }
            $sb.ToString()
        }
    }

    It '<Cell> in row 80 is refused at import, naming column and line' -ForEach @(@{ Cell = 'Infinity' }, @{ Cell = '1e999' }) {
        $p = Write-TextFile $d "inf-$Cell.tsv" (New-Table $Cell)
        $e = Get-FirstError { Import-Confounds -LiteralPath $p }
        Assert-CleanError $e "ConfoundsMalformed,$cmd.ImportConfoundsCommand" 'InvalidData' "column 'c', line 81: '$Cell' is not a finite number"
        "$($e.Exception.Message)" | Should -Match ([regex]::Escape("inf-$Cell.tsv"))
    }

    It 'UTF-16 without a byte-order mark is named "not UTF-8"' {
        $p = [System.IO.Path]::Combine($d, 'utf16.tsv')
        [System.IO.File]::WriteAllBytes($p, [System.Text.Encoding]::Unicode.GetBytes("a`tb`n1`t2`n"))
        $e = Get-FirstError { Import-Confounds -LiteralPath $p }
        Assert-CleanError $e "ConfoundsMalformed,$cmd.ImportConfoundsCommand" 'InvalidData' 'utf16.tsv: the file is not UTF-8'
    }

    It 'a trailing tab on every line gives no phantom column' {
        $t = Import-Confounds -LiteralPath (Write-TextFile $d 'trailing.tsv' "a`tb`t`n1`t2`t`n3`t4`t`n")
        $t.ColumnNames | Should -Be @('a', 'b')
    }
}

# Found by the strategy and study-input fuzzers (tests/SeedCorr.Core.Tests/Fuzz, docs/reliability.md); each failed before its fix.
Describe 'Fuzz findings: confound strategies and fMRIPrep run discovery' {
    BeforeAll {
        $d = New-Folder 'fuzz-findings'
        $v21 = [System.IO.Path]::Combine($RepoRoot, 'tests', 'data', 'confounds', 'inputs', 'v21', 'func', 'sub-03_task-rest_run-2_desc-confounds_timeseries.tsv')

        # The v21 table with column $Column set by $Set (data row index, old cell) -> new cell.
        function Edit-Table([string] $Name, [string] $Column, [scriptblock] $Set) {
            $lines = [System.IO.File]::ReadAllLines($v21)
            $at = [array]::IndexOf($lines[0].Split("`t"), $Column)
            for ($r = 1; $r -lt $lines.Length; $r++) {
                $cells = $lines[$r].Split("`t")
                $cells[$at] = & $Set ($r - 1) $cells[$at]
                $lines[$r] = $cells -join "`t"
            }
            $p = [System.IO.Path]::Combine((New-Folder $Name), [System.IO.Path]::GetFileName($v21))
            [System.IO.File]::WriteAllLines($p, $lines)
            $p
        }

        # sub-01 of the study fixture in a fresh tree; returns its BOLD JSON path.
        function Copy-Run([string] $Name) {
            $func = New-Folder ([System.IO.Path]::Combine($Name, 'sub-01', 'func'))
            Get-ChildItem ([System.IO.Path]::Combine($RepoRoot, 'tests', 'data', 'study', 'derivatives', 'fmriprep', 'sub-01', 'func')) -File |
                Copy-Item -Destination $func
            [System.IO.Path]::Combine($func, 'sub-01_task-rest_space-MNI152NLin2009cAsym_desc-preproc_bold.json')
        }
    }

    It 'a confound column whose mean overflows (1.5e307 in every row) is refused naming it, not passed on as NaN' {
        $p = Edit-Table 'overflow' 'csf' { param($r, $v) '1.5e307' }
        $e = Get-FirstError { Import-Confounds -LiteralPath $p -DenoiseStrategy Simple }
        Assert-CleanError $e "ConfoundsMalformed,$cmd.ImportConfoundsCommand" 'InvalidData' "column 'csf' holds values too large to demean in double precision (1.5E+307 in data row 1)"
        "$($e.Exception.Message)" | Should -Match ([regex]::Escape([System.IO.Path]::GetFileName($p)))
        Import-Confounds -LiteralPath $p -DenoiseStrategy Simple -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It '-ScrubMinSegment 2147483647 censors the gap between two outliers as any large value does' {
        # FD above 0.5 mm at data rows 5 and 12: the volumes 6-11 between them were kept (an int overflow in the gap test).
        $p = Edit-Table 'scrub-max' 'framewise_displacement' { param($r, $v) if ($r -in 5, 12) { '5' } elseif ($r -eq 0) { $v } else { '0.01' } }
        Get-Content -LiteralPath $p | Select-Object -First 1 | Should -Match 'std_dvars'
        $e = Get-FirstError { Import-Confounds -LiteralPath $p -DenoiseStrategy Scrubbing -ScrubMinSegment 2147483647 -StdDvarsThreshold 1000 }
        Assert-CleanError $e "ConfoundsAllVolumesCensored,$cmd.ImportConfoundsCommand" 'InvalidData' 'every one of the 30 volumes is censored'
        # The same file with a minimal segment of 1000 volumes gives the same answer.
        $same = Get-FirstError { Import-Confounds -LiteralPath $p -DenoiseStrategy Scrubbing -ScrubMinSegment 1000 -StdDvarsThreshold 1000 }
        $same.FullyQualifiedErrorId | Should -BeExactly $e.FullyQualifiedErrorId
    }

    It 'Get-FmriprepRun reports a BOLD JSON with a repeated RepetitionTime on the run instead of crashing' {
        $json = Copy-Run 'dup-key'
        [System.IO.File]::WriteAllText($json, '{"RepetitionTime": 2, "RepetitionTime": 0.8}')
        $root = [System.IO.Path]::Combine($TestDrive, 'dup-key')
        $e = Get-FirstError { Get-FmriprepRun -LiteralPath $root }
        Assert-CleanError $e "FmriprepRunInvalid,$cmd.GetFmriprepRunCommand" 'InvalidData' "the key 'RepetitionTime' appears more than once"
        "$($e.Exception.Message)" | Should -Match ([regex]::Escape([System.IO.Path]::GetFileName($json)))
        Get-FmriprepRun -LiteralPath $root -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'Get-FmriprepRun reports a BOLD JSON that is a <Kind> instead of <Instead>' -ForEach @(
        @{ Kind = 'FIFO without a writer'; Instead = 'blocking for ever'; Says = 'the path is a named pipe (FIFO)' }
        @{ Kind = 'link to /dev/zero'; Instead = 'reading until memory runs out'; Says = 'the path is a device' }
    ) {
        $tree = "json-$($Kind.Split(' ')[0])"
        $json = Copy-Run $tree
        Remove-Item -LiteralPath $json
        if ($Kind -like 'FIFO*') { $null = New-Fifo $json } else { $null = New-Item -ItemType SymbolicLink -Path $json -Target '/dev/zero' }
        $root = [System.IO.Path]::Combine($TestDrive, $tree)
        $e = Get-FirstError { Get-FmriprepRun -LiteralPath $root }
        Assert-CleanError $e "FmriprepRunInvalid,$cmd.GetFmriprepRunCommand" 'InvalidData' $Says
        "$($e.Exception.Message)" | Should -Match ([regex]::Escape([System.IO.Path]::GetFileName($json)))
        Get-FmriprepRun -LiteralPath $root -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
