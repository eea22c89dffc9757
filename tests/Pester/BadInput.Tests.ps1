# The bad-input suite: every case must end in an ErrorRecord with a stable id, the right category, a message that
# names the offending file or value, and (for SeedCorr's own ids) a recommended action -- never an unhandled .NET
# exception, a hang or an out-of-memory crash. Lab servers run SeedCorr unattended over hundreds of files.
BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $broken = [System.IO.Path]::Combine($NiftiData, 'broken')
    $valid = [System.IO.Path]::Combine($NiftiData, 'valid')
    $func = Import-Nifti ([System.IO.Path]::Combine($SmallData, 'sub-synth01_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz'))
    $reduced = [System.IO.Path]::Combine($SmallData, 'sub-synth01_task-pixar_desc-reducedConfounds_regressors.tsv')
    $signals = $func | New-SphereMasker 0, -52, 18 -Radius 8

    # Runs a command that must fail; returns its first ErrorRecord (terminating or not).
    function Get-FirstError([scriptblock] $Command) {
        # Stop turns the first non-terminating error into a terminating one; $_ is that ErrorRecord.
        $ErrorActionPreference = 'Stop'
        try { $null = & $Command } catch { return $_ }
        $null
    }

    function New-Image([float[]] $Data, [int[]] $Shape, $Affine, $Header) {
        [SeedCorr.Core.Nifti.NiftiImage]::Create($Data, $Shape, $Affine, 2.0, $Header)
    }

    function Write-TextFile([string] $Name, [string] $Text) {
        $p = [System.IO.Path]::Combine($TestDrive, $Name)
        [System.IO.File]::WriteAllText($p, $Text)
        $p
    }
}

Describe 'Bad input gives a clear error' {
    It '<Name>: <Id> (<Category>)' -ForEach @(
        # NIfTI files
        @{ Name = 'every broken conformance file'; Id = '*'; Category = '*'; Mentions = ''; Command = {
                foreach ($f in [System.IO.Directory]::GetFiles($broken)) {
                    $e = $null
                    $null = Import-Nifti -LiteralPath $f -ErrorVariable e -ErrorAction SilentlyContinue
                    if ($f -like '*trunc_pair.img') { continue }
                    if (-not $e) { throw "no error for $f" }
                    if ($e[0].FullyQualifiedErrorId -notmatch '^Nifti\w+,') { throw "unexpected id $($e[0].FullyQualifiedErrorId) for $f" }
                    if (-not $e[0].ErrorDetails.RecommendedAction) { throw "no recommended action for $f" }
                }
                Write-Error -Message 'all broken files reported' -ErrorId 'AllReported' -Category InvalidData
            } ; Expect = 'AllReported' }
        @{ Name = 'a file that does not exist'; Id = 'NiftiFileNotFound'; Category = 'ObjectNotFound'; Mentions = 'nope.nii'; Command = { Import-Nifti -LiteralPath ([System.IO.Path]::Combine($TestDrive, 'nope.nii')) } }
        @{ Name = 'a truncated .nii'; Id = 'NiftiDataTruncated'; Category = 'InvalidData'; Mentions = 'trunc_data.nii'; Command = { Import-Nifti -LiteralPath ([System.IO.Path]::Combine($broken, 'trunc_data.nii')) } }
        @{ Name = 'a petabyte header in a tiny .gz'; Id = 'NiftiDataTruncated'; Category = 'InvalidData'; Mentions = 'bomb_petabytes.nii.gz'; Command = { Import-Nifti -LiteralPath ([System.IO.Path]::Combine($broken, 'bomb_petabytes.nii.gz')) } }
        @{ Name = 'garbage named .nii.gz'; Id = 'NiftiCompressedDataCorrupt'; Category = 'InvalidData'; Mentions = 'gz_garbage'; Command = { Import-Nifti -LiteralPath ([System.IO.Path]::Combine($broken, 'gz_garbage.nii.gz')) } }
        @{ Name = 'a complex image'; Id = 'NiftiDataTypeUnsupported'; Category = 'NotImplemented'; Mentions = 'complex'; Command = { Import-Nifti -LiteralPath ([System.IO.Path]::Combine($valid, 'dt_complex64.nii')) } }
        @{ Name = 'a zero voxel size when smoothing'; Id = 'ImageAffineInvalid'; Category = 'InvalidData'; Mentions = 'voxel size'; Command = {
                $d = [float[]]::new(8 * 8 * 8 * 3); for ($n = 0; $n -lt $d.Length; $n++) { if (($n % 512) -in 200..300) { $d[$n] = 1 } }
                New-Image $d @(8, 8, 8, 3) ([SeedCorr.Core.Geometry.Affine]::Diagonal(0, 2, 2, 0, 0, 0)) $null | New-BrainMasker -MaskStrategy Background -SmoothingFwhm 6 } }
        @{ Name = 'a NaN in the sform when placing a seed'; Id = 'ImageAffineInvalid'; Category = 'InvalidData'; Mentions = 'not finite'; Command = {
                $bytes = [System.IO.File]::ReadAllBytes([System.IO.Path]::Combine($valid, 'dt_int16.nii'))
                [System.BitConverter]::GetBytes([float]::NaN).CopyTo($bytes, 292)     # srow_x[3]
                $p = [System.IO.Path]::Combine($TestDrive, 'nan_sform.nii')
                [System.IO.File]::WriteAllBytes($p, $bytes)
                Import-Nifti $p -WarningAction SilentlyContinue | New-SphereMasker 0, 0, 0 -Radius 4 } }
        @{ Name = 'a mask on another grid'; Id = 'MaskGridMismatch'; Category = 'InvalidData'; Mentions = 'grid'; Command = { $func | New-BrainMasker -MaskImage ([System.IO.Path]::Combine($UnitData, 'unmask__input_mask.nii.gz')) } }
        @{ Name = 'a 3D image where filtering needs time'; Id = 'SignalTooShortForFilter'; Category = 'InvalidData'; Mentions = '1 time points'; Command = {
                New-Image $func.GetVolume(0) @(24, 28, 24) $func.Affine $null | New-SphereMasker 0, -52, 18 -Radius 8 | Invoke-SignalClean -LowPass 0.1 -RepetitionTime 2 } }
        # Confounds
        @{ Name = 'confounds with the wrong number of rows'; Id = 'SignalShapeMismatch'; Category = 'InvalidArgument'; Mentions = 'rows'; Command = { $signals | Invoke-SignalClean -Confounds (Write-TextFile 'rows.tsv' "a`n1`n2`n3`n") } }
        @{ Name = 'a non-numeric cell'; Id = 'ConfoundsMalformed'; Category = 'InvalidData'; Mentions = "'x'"; Command = { Import-Confounds (Write-TextFile 'nn.tsv' "a`tb`n1`tx`n") } }
        @{ Name = 'an empty confounds file'; Id = 'ConfoundsEmpty'; Category = 'InvalidData'; Mentions = 'empty'; Command = { Import-Confounds (Write-TextFile 'empty.tsv' '') } }
        @{ Name = 'ragged rows'; Id = 'ConfoundsMalformed'; Category = 'InvalidData'; Mentions = 'line 3'; Command = { Import-Confounds (Write-TextFile 'ragged.csv' "a,b`n1,2`n3`n") } }
        @{ Name = 'duplicate column names'; Id = 'ConfoundsDuplicateColumn'; Category = 'InvalidData'; Mentions = "'a'"; Command = { Import-Confounds (Write-TextFile 'dup.csv' "a,a`n1,2`n") } }
        @{ Name = 'a missing value in the middle'; Id = 'ConfoundsMissingValue'; Category = 'InvalidData'; Mentions = "'b'"; Command = { Import-Confounds (Write-TextFile 'na.tsv' "a`tb`n1`t2`n3`tn/a`n") } }
        @{ Name = 'a huge confounds file'; Id = 'ConfoundsMalformed'; Category = 'InvalidData'; Mentions = 'MiB'; Command = {
                $p = [System.IO.Path]::Combine($TestDrive, 'huge.tsv')
                $fs = [System.IO.File]::Create($p); $fs.SetLength(300MB); $fs.Dispose()   # sparse: no 300 MB written
                Import-Confounds $p } }
        @{ Name = 'a column that does not exist'; Id = 'ConfoundsColumnNotFound'; Category = 'ObjectNotFound'; Mentions = 'global_signal'; Command = { Import-Confounds $reduced -Column global_signal } }
        # Parameters
        @{ Name = 'a seed outside the field of view'; Id = 'SeedOutsideImage'; Category = 'InvalidArgument'; Mentions = '(500, 0, 0)'; Command = { $func | New-SphereMasker 500, 0, 0 -Radius 8 } }
        @{ Name = 'a negative radius'; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Mentions = 'Radius'; Command = { New-SphereMasker 0, 0, 0 -Radius -1 } }
        @{ Name = 'a huge radius'; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Mentions = 'Radius'; Command = { New-SphereMasker 0, 0, 0 -Radius 1e6 } }
        @{ Name = 'a TR of 0'; Id = 'SignalParameterInvalid'; Category = 'InvalidArgument'; Mentions = 'repetition time'; Command = { $signals | Invoke-SignalClean -HighPass 0.01 -RepetitionTime 0 } }
        @{ Name = 'a NaN TR'; Id = 'SignalParameterInvalid'; Category = 'InvalidArgument'; Mentions = 'NaN'; Command = { $signals | Invoke-SignalClean -HighPass 0.01 -RepetitionTime ([double]::NaN) } }
        @{ Name = 'inverted cut-offs'; Id = 'SignalParameterInvalid'; Category = 'InvalidArgument'; Mentions = '0.1 Hz'; Command = { $signals | Invoke-SignalClean -HighPass 0.1 -LowPass 0.01 -RepetitionTime 2 } }
        @{ Name = 'fewer volumes than the filter padding'; Id = 'SignalTooShortForFilter'; Category = 'InvalidData'; Mentions = '33'; Command = { $signals | Invoke-SignalClean -SampleMask (0..29) | Invoke-SignalClean -LowPass 0.1 -HighPass 0.01 -RepetitionTime 2 } }
        @{ Name = 'a sample mask with a bad index'; Id = 'SampleMaskInvalid'; Category = 'InvalidArgument'; Mentions = '500'; Command = { $signals | Invoke-SignalClean -SampleMask 0, 1, 500 } }
        @{ Name = 'text where signals are expected'; Id = 'SignalInputInvalid'; Category = 'InvalidType'; Mentions = 'String'; Command = { Invoke-SignalClean -InputObject 'signals' } }
        @{ Name = 'writing to a folder that does not exist'; Id = 'NiftiWriteFailed'; Category = 'WriteError'; Mentions = 'no-such-folder'; Command = { $func | Export-Nifti ([System.IO.Path]::Combine($TestDrive, 'no-such-folder', 'x.nii')) } }
        @{ Name = 'a path on another provider'; Id = 'PathNotFileSystem'; Category = 'InvalidArgument'; Mentions = 'Env'; Command = { Import-Confounds -Path 'Env:\HOME' } }
    ) {
        $e = Get-FirstError $Command
        $e | Should -Not -BeNullOrEmpty
        $e | Should -BeOfType ([System.Management.Automation.ErrorRecord])
        $expectedId = if ($Expect) { $Expect } else { $Id }
        if ($expectedId -ne '*') { $e.FullyQualifiedErrorId | Should -BeLike "$expectedId*" }
        if ($Category -ne '*' -and -not $Expect) { "$($e.CategoryInfo.Category)" | Should -Be $Category }
        if ($Mentions) { "$($e.Exception.Message) $($e.ErrorDetails.Message)" | Should -Match ([regex]::Escape($Mentions)) }
        # SeedCorr's own ids come with a recommended action; the engine's parameter validation does not.
        if ($e.FullyQualifiedErrorId -notlike 'Parameter*' -and -not $Expect) { $e.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty }
        # Never a raw .NET exception type as the id.
        $e.FullyQualifiedErrorId | Should -Not -Match '^System\.'
    }
}

Describe 'Bad input that is survivable gives a warning and a result' {
    It 'warns when the qform and the sform disagree' {
        $w = $null
        $img = Import-Nifti ([System.IO.Path]::Combine($valid, 'geom_both_disagree.nii')) -WarningVariable w -WarningAction SilentlyContinue
        $img | Should -Not -BeNullOrEmpty
        "$($w[0])" | Should -Match 'qform and the sform disagree'
    }

    It 'lowers a cut-off above Nyquist with a warning' {
        $w = $null
        $out = $signals | Invoke-SignalClean -LowPass 0.4 -RepetitionTime 2 -WarningVariable w -WarningAction SilentlyContinue
        $out.Shape | Should -Be '(80, 1)'
        "$($w[0])" | Should -Match 'Nyquist'
    }

    It 'counts an all-NaN voxel as zeros with a warning' {
        $data = $func.GetData()
        $v = $func.VolumeSize
        $i = 12 + 24 * (16 + 28 * 12)            # a voxel inside the seed sphere's neighbourhood
        for ($t = 0; $t -lt 80; $t++) { $data[$t * $v + $i] = [float]::NaN }
        $nanImage = [SeedCorr.Core.Nifti.NiftiImage]::Create($data, $func.Shape, $func.Affine, 2.0, $func.Header)
        $w = $null
        $brain = $nanImage | New-BrainMasker -SmoothingFwhm 6 -WarningVariable w -WarningAction SilentlyContinue
        $brain.Shape | Should -Match '^\(80, '
        "$($w[0])" | Should -Match 'non-finite'
    }

    It 'warns that a constant seed has no correlation' {
        $constant = [SeedCorr.Core.Signal.SignalMatrix]::new(80, 1)
        $brain = $func | New-BrainMasker
        $w = $null
        $map = Get-SeedCorrelation $brain $constant -WarningVariable w -WarningAction SilentlyContinue
        $map.Max | Should -Be 0
        "$($w[0])" | Should -Match 'constant'
    }

    It 'reads a .nii.gz that inflates far beyond its image quickly' {
        $src = [System.IO.File]::ReadAllBytes([System.IO.Path]::Combine($valid, 'dt_int16.nii'))
        $p = [System.IO.Path]::Combine($TestDrive, 'inflates.nii.gz')
        $fs = [System.IO.File]::Create($p)
        $gz = [System.IO.Compression.GZipStream]::new($fs, [System.IO.Compression.CompressionLevel]::Optimal)
        $gz.Write($src, 0, $src.Length)
        $zeros = [byte[]]::new(1MB)
        for ($n = 0; $n -lt 200; $n++) { $gz.Write($zeros, 0, $zeros.Length) }   # 200 MB of trailing zeros
        $gz.Dispose(); $fs.Dispose()
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $img = Import-Nifti -LiteralPath $p
        $sw.ElapsedMilliseconds | Should -BeLessThan 3000
        $img.Shape | Should -Be @(4, 5, 6)
    }
}
