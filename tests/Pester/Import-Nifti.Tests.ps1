BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $valid = [System.IO.Path]::Combine($NiftiData, 'valid')
    $broken = [System.IO.Path]::Combine($NiftiData, 'broken')
}

Describe 'Import-Nifti' {
    Context 'reading valid files' {
        It 'reads a gzipped 4D float32 image with its shape, voxel size and TR' {
            $img = Import-Nifti -Path ([System.IO.Path]::Combine($valid, 'large_4d_float32.nii.gz'))
            $img | Should -BeOfType ([SeedCorr.Core.Nifti.NiftiImage])
            $img.Shape | Should -Be @(16, 16, 16, 64)
            $img.VoxelSize | Should -Be @(3, 3, 3.5)
            $img.RepetitionTime | Should -Be 0.72
            $img.DataType | Should -Be 'Float32'
        }

        It 'has a short invariant ToString' {
            $img = Import-Nifti ([System.IO.Path]::Combine($valid, 'large_4d_float32.nii.gz'))
            "$img" | Should -BeExactly 'NiftiImage 16x16x16x64 float32 3x3x3.5mm TR=0.72s'
        }

        It 'reads a .hdr/.img pair given either file' -ForEach @(
            @{ Name = 'fmt_pair.hdr' }, @{ Name = 'fmt_pair.img' }
        ) {
            $img = Import-Nifti -LiteralPath ([System.IO.Path]::Combine($valid, $Name))
            $img.Shape | Should -Be @(4, 5, 6)
            $img.Path | Should -Be ([System.IO.Path]::Combine($valid, $Name))
        }

        It 'expands wildcards and emits one image per file' {
            $imgs = @(Import-Nifti -Path ([System.IO.Path]::Combine($valid, 'dt_*int*.nii')))
            $imgs | Should -HaveCount 8
            ($imgs | ForEach-Object { $_.DataType.ToString() }) | Should -Contain 'UInt64'
        }

        It 'takes paths from the pipeline by property name (PSPath) as Get-ChildItem output does' {
            $items = [System.IO.DirectoryInfo]::new($valid).GetFiles('dt_float*.nii') | ForEach-Object {
                [pscustomobject]@{ PSPath = $_.FullName }
            }
            $imgs = @($items | Import-Nifti)
            $imgs | Should -HaveCount 2
        }

        It 'treats -LiteralPath brackets literally' {
            $dir = [System.IO.Path]::Combine($TestDrive, 'br')
            [void][System.IO.Directory]::CreateDirectory($dir)
            $target = [System.IO.Path]::Combine($dir, 'run[1].nii')
            [System.IO.File]::Copy([System.IO.Path]::Combine($valid, 'dt_float32.nii'), $target, $true)
            (Import-Nifti -LiteralPath $target).Shape | Should -Be @(4, 5, 6)
        }

        It 'keeps voxel data behind methods: a volume, a time series, one value' {
            $img = Import-Nifti ([System.IO.Path]::Combine($valid, 'be_float64_4d.nii.gz'))
            $img.GetVolume(0) | Should -HaveCount (4 * 5 * 6)
            $img.GetTimeSeries(1, 2, 3) | Should -HaveCount 3
            $img.GetValue(1, 2, 3, 2) | Should -Be ($img.GetTimeSeries(1, 2, 3)[2])
        }

        It 'is not enumerated by the pipeline' {
            $img = Import-Nifti ([System.IO.Path]::Combine($valid, 'large_4d_float32.nii.gz'))
            @($img | ForEach-Object { $_ }) | Should -HaveCount 1
        }

        It 'reads only the header with -HeaderOnly, also of a truncated file' {
            $h = Import-Nifti -HeaderOnly ([System.IO.Path]::Combine($broken, 'trunc_data.nii'))
            $h | Should -BeOfType ([SeedCorr.Core.Nifti.NiftiHeader])
            $h.Shape | Should -Be @(4, 5, 6)
        }

        It 'keeps the header extensions' {
            $img = Import-Nifti ([System.IO.Path]::Combine($valid, 'ext_three.nii'))
            ($img.Header.Extensions | ForEach-Object { $_.Code }) | Should -Be @(6, 40, 4)
            $img.Header.Extensions[0].GetText() | Should -Be 'first'
        }

        It 'gives the affine nibabel gives (sform) for an oblique image' {
            $img = Import-Nifti ([System.IO.Path]::Combine($valid, 'geom_oblique.nii'))
            $img.Header.BestAffineSource | Should -Be 'Sform'
            $img.Affine[3, 3] | Should -Be 1
        }
    }

    Context 'bad input' {
        It 'writes <Id> for <File> and goes on with the next file' -ForEach @(
            @{ File = 'trunc_data.nii'; Id = 'NiftiDataTruncated'; Category = 'InvalidData' }
            @{ File = 'gz_truncated.nii.gz'; Id = 'NiftiDataTruncated'; Category = 'InvalidData' }
            @{ File = 'bad_magic.nii'; Id = 'NiftiHeaderInvalid'; Category = 'InvalidData' }
            @{ File = 'dim0_zero.nii'; Id = 'NiftiHeaderInvalid'; Category = 'InvalidData' }
            @{ File = 'dt_complex256.nii'; Id = 'NiftiDataTypeUnsupported'; Category = 'NotImplemented' }
            @{ File = 'gz_garbage.nii.gz'; Id = 'NiftiCompressedDataCorrupt'; Category = 'InvalidData' }
            @{ File = 'hdr_without_img.hdr'; Id = 'NiftiFileNotFound'; Category = 'ObjectNotFound' }
            @{ File = 'bomb_petabytes.nii'; Id = 'NiftiDataTruncated'; Category = 'InvalidData' }
        ) {
            $errs = $null
            $imgs = @(Import-Nifti -LiteralPath ([System.IO.Path]::Combine($broken, $File)), ([System.IO.Path]::Combine($valid, 'dt_int16.nii')) -ErrorVariable errs -ErrorAction SilentlyContinue)
            $imgs | Should -HaveCount 1
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
            $errs[0].CategoryInfo.Category | Should -Be $Category
            $errs[0].TargetObject | Should -BeLike "*$File"
            $errs[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
            $errs[0].Exception.Message | Should -BeLike "*$File*"
        }

        It 'reports a missing file as NiftiFileNotFound' {
            { Import-Nifti -Path ([System.IO.Path]::Combine($TestDrive, 'nope.nii.gz')) -ErrorAction Stop } | Should -Throw -ErrorId 'NiftiFileNotFound,SeedCorr.PowerShell.Commands.ImportNiftiCommand'
        }

        It 'reports a wildcard that matches nothing' {
            { Import-Nifti -Path ([System.IO.Path]::Combine($TestDrive, 'none-*.nii')) -ErrorAction Stop } | Should -Throw -ErrorId 'NiftiFileNotFound,SeedCorr.PowerShell.Commands.ImportNiftiCommand'
        }

        It 'refuses paths that are not on the file system' {
            { Import-Nifti -Path 'Env:\PATH' -ErrorAction Stop } | Should -Throw -ErrorId 'PathNotFileSystem,SeedCorr.PowerShell.Commands.ImportNiftiCommand'
        }
    }
}
