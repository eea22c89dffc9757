BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $source = Import-Nifti ([System.IO.Path]::Combine($NiftiData, 'valid', 'large_4d_float32.nii.gz'))
    function Get-TempFiles { @([System.IO.Directory]::GetFiles($TestDrive, '.*.tmp')) }
}

Describe 'Export-Nifti' {
    Context 'writing' {
        It 'writes <Name> and reads back the same values, shape, affine and TR' -ForEach @(
            @{ Name = 'out.nii' }, @{ Name = 'out.nii.gz' }
        ) {
            $path = [System.IO.Path]::Combine($TestDrive, $Name)
            $source | Export-Nifti -Path $path -Force
            $back = Import-Nifti $path
            $back.Shape | Should -Be $source.Shape
            $back.RepetitionTime | Should -Be $source.RepetitionTime
            $back.Affine.MaxAbsDifference($source.Affine) | Should -BeLessThan 1e-6
            [System.Linq.Enumerable]::SequenceEqual([float[]]$back.GetData(), [float[]]$source.GetData()) | Should -BeTrue
        }

        It 'gzips .nii.gz and not .nii' {
            $gz = [System.IO.Path]::Combine($TestDrive, 'z.nii.gz'); $plain = [System.IO.Path]::Combine($TestDrive, 'z.nii')
            $source | Export-Nifti $gz
            $source | Export-Nifti $plain
            $head = [System.IO.File]::ReadAllBytes($gz)[0..1]
            $head | Should -Be @(0x1F, 0x8B)
            ([System.IO.FileInfo]::new($plain)).Length | Should -Be (352 + 16 * 16 * 16 * 64 * 4)
        }

        It 'writes the requested -DataType with scaling where needed' {
            $path = [System.IO.Path]::Combine($TestDrive, 'i16.nii.gz')
            $source | Export-Nifti $path -DataType Int16
            $back = Import-Nifti $path
            $back.DataType | Should -Be 'Int16'
            $back.Header.HasScaling | Should -BeTrue
        }

        It 'resolves relative paths against the PowerShell location' {
            Push-Location -LiteralPath $TestDrive
            try { $source | Export-Nifti 'rel.nii' -Force }
            finally { Pop-Location }
            [System.IO.Path]::Combine($TestDrive, 'rel.nii') | Should -Exist
        }

        It 'returns the written file with -PassThru' {
            $f = $source | Export-Nifti ([System.IO.Path]::Combine($TestDrive, 'pt.nii.gz')) -PassThru -Force
            $f | Should -BeOfType ([System.IO.FileInfo])
            $f.Length | Should -BeGreaterThan 1000
        }

        It 'writes back header extensions of an unmodified image' {
            $img = Import-Nifti ([System.IO.Path]::Combine($NiftiData, 'valid', 'ext_afni.nii'))
            $path = [System.IO.Path]::Combine($TestDrive, 'ext.nii')
            $img | Export-Nifti $path -Force
            (Import-Nifti $path).Header.Extensions[0].Code | Should -Be 4
        }
    }

    Context 'safety' {
        It 'changes nothing with -WhatIf' {
            $path = [System.IO.Path]::Combine($TestDrive, 'whatif.nii.gz')
            $source | Export-Nifti $path -WhatIf
            $path | Should -Not -Exist
        }

        It 'refuses to replace a file with -NoClobber and leaves it intact' {
            $path = [System.IO.Path]::Combine($TestDrive, 'keep.nii')
            [System.IO.File]::WriteAllText($path, 'precious')
            { $source | Export-Nifti $path -NoClobber -ErrorAction Stop } | Should -Throw -ErrorId 'FileExists,SeedCorr.PowerShell.Commands.ExportNiftiCommand'
            [System.IO.File]::ReadAllText($path) | Should -Be 'precious'
        }

        It 'replaces an existing file by default' {
            $path = [System.IO.Path]::Combine($TestDrive, 'replace.nii')
            [System.IO.File]::WriteAllText($path, 'old')
            $source | Export-Nifti $path
            (Import-Nifti $path).Shape | Should -Be $source.Shape
        }

        It 'replaces a read-only file only with -Force' {
            $path = [System.IO.Path]::Combine($TestDrive, 'ro.nii')
            $source | Export-Nifti $path
            [System.IO.FileInfo]::new($path).IsReadOnly = $true
            $source | Export-Nifti $path -Force
            [System.IO.FileInfo]::new($path).IsReadOnly | Should -BeFalse
        }

        It 'rejects an extension other than .nii or .nii.gz with NiftiWriteFailed and writes nothing' {
            $path = [System.IO.Path]::Combine($TestDrive, 'bad.img')
            { $source | Export-Nifti $path -ErrorAction Stop } | Should -Throw -ErrorId 'NiftiWriteFailed,SeedCorr.PowerShell.Commands.ExportNiftiCommand'
            $path | Should -Not -Exist
            Get-TempFiles | Should -HaveCount 0
        }

        It 'reports a missing folder as NiftiWriteFailed' {
            { $source | Export-Nifti ([System.IO.Path]::Combine($TestDrive, 'no', 'such', 'x.nii')) -ErrorAction Stop } | Should -Throw -ErrorId 'NiftiWriteFailed,SeedCorr.PowerShell.Commands.ExportNiftiCommand'
        }

        It 'requires an image as input' {
            { 'not an image' | Export-Nifti ([System.IO.Path]::Combine($TestDrive, 'x.nii')) -ErrorAction Stop } | Should -Throw -ErrorId 'InputObjectNotBound,SeedCorr.PowerShell.Commands.ExportNiftiCommand'
        }
    }
}
