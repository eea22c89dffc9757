# Every kind of every Core exception becomes its own ErrorRecord: a distinct stable id, a category and a recommended
# action (issue 15, item 3). The compiler already refuses a FromX switch that misses a named kind (CS8509); this file
# checks what the compiler cannot: that no two kinds of a family share an id by accident, and that each has advice.
BeforeDiscovery {
    # One row per Core exception family: the exception type, its kind enum and the ErrorRecords method that maps it.
    $Families = @(
        @{ Family = 'Nifti'; Exception = 'SeedCorr.Core.Nifti.NiftiException'; Kind = 'SeedCorr.Core.Nifti.NiftiErrorKind'; Method = 'FromNifti' }
        @{ Family = 'Confounds'; Exception = 'SeedCorr.Core.Confounds.ConfoundsException'; Kind = 'SeedCorr.Core.Confounds.ConfoundsErrorKind'; Method = 'FromConfounds' }
        @{ Family = 'Signal'; Exception = 'SeedCorr.Core.Signal.SignalException'; Kind = 'SeedCorr.Core.Signal.SignalErrorKind'; Method = 'FromSignal' }
        @{ Family = 'Masking'; Exception = 'SeedCorr.Core.Masking.MaskingException'; Kind = 'SeedCorr.Core.Masking.MaskingErrorKind'; Method = 'FromMasking' }
        @{ Family = 'Bids'; Exception = 'SeedCorr.Core.Bids.BidsException'; Kind = 'SeedCorr.Core.Bids.BidsErrorKind'; Method = 'FromBids' }
        @{ Family = 'Seed'; Exception = 'SeedCorr.Core.Seeds.SeedException'; Kind = 'SeedCorr.Core.Seeds.SeedErrorKind'; Method = 'FromSeed' }
        @{ Family = 'Group'; Exception = 'SeedCorr.Core.Statistics.GroupStatisticsException'; Kind = 'SeedCorr.Core.Statistics.GroupStatisticsErrorKind'; Method = 'FromGroup' }
    )
}

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    # ErrorRecords is internal: reach it through the module's own assembly (the one the cmdlets were loaded from).
    $moduleAssembly = [SeedCorr.PowerShell.Commands.ImportNiftiCommand].Assembly
    $errorRecords = $moduleAssembly.GetType('SeedCorr.PowerShell.Common.ErrorRecords', $true)
    $errorIds = $moduleAssembly.GetType('SeedCorr.PowerShell.Common.ErrorIds', $true)
    $staticNonPublic = [System.Reflection.BindingFlags]'NonPublic, Public, Static'
    $KnownIds = @($errorIds.GetFields($staticNonPublic) | ForEach-Object { $_.GetValue($null) })
    $coreAssembly = [SeedCorr.Core.Nifti.NiftiException].Assembly

    # The ErrorRecord that ErrorRecords.<Method> makes of a <Exception> of the given kind.
    function ConvertTo-MappedRecord([string] $Exception, [string] $Kind, [string] $Method, $Value) {
        $exceptionType = $coreAssembly.GetType($Exception, $true)
        $kindType = $coreAssembly.GetType($Kind, $true)
        $ctor = @($exceptionType.GetConstructors() | Where-Object { $p = $_.GetParameters(); $p.Count -ge 2 -and $p[0].ParameterType -eq $kindType })[0]
        # The kind first, then a message (and a path) naming the case; optional parameters (inner, paramName) null.
        $arguments = foreach ($p in $ctor.GetParameters()) {
            if ($p.Position -eq 0) { [Enum]::ToObject($kindType, $Value) }
            elseif ($p.ParameterType -eq [string] -and $p.Name -eq 'message') { "test message for $Value" }
            elseif ($p.ParameterType -eq [string] -and -not $p.IsOptional) { "test-target-$Value" }
            else { $null }
        }
        $ex = $ctor.Invoke([object[]]@($arguments))
        $from = $errorRecords.GetMethod($Method, $staticNonPublic)
        # FromGroup takes the exception alone (its target is the exception's file); the others take a target too.
        $callArguments = if ($from.GetParameters().Count -eq 1) { [object[]]@(, $ex) } else { [object[]]@($ex, 'target') }
        $from.Invoke($null, $callArguments)
    }

    function Get-FamilyRecords([string] $Exception, [string] $Kind, [string] $Method) {
        $kindType = $coreAssembly.GetType($Kind, $true)
        foreach ($value in [Enum]::GetValues($kindType)) {
            [pscustomobject]@{ Kind = "$value"; Record = ConvertTo-MappedRecord $Exception $Kind $Method $value }
        }
    }
}

Describe 'ErrorRecords.<Method> maps every <Family> kind' -ForEach $Families {
    BeforeAll {
        $records = @(Get-FamilyRecords $Exception $Kind $Method)
    }

    It 'maps every kind without throwing, to one of ErrorIds' {
        $records.Count | Should -BeGreaterThan 1
        foreach ($r in $records) {
            $r.Record | Should -BeOfType ([System.Management.Automation.ErrorRecord])
            $KnownIds | Should -Contain $r.Record.FullyQualifiedErrorId -Because "kind $($r.Kind) must map to a stable id"
        }
    }

    It 'gives every kind its own id' {
        # No kind of one family shares an id with another kind of the same family (none does deliberately today; a
        # deliberate sharing would be listed here by kind).
        $shared = $records | Group-Object { $_.Record.FullyQualifiedErrorId } | Where-Object Count -gt 1 |
            ForEach-Object { "$($_.Name): $(($_.Group.Kind) -join ', ')" }
        $shared | Should -BeNullOrEmpty
    }

    It 'gives every kind a recommended action, a category and the exception''s message' {
        foreach ($r in $records) {
            $r.Record.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty -Because "kind $($r.Kind) needs advice"
            $r.Record.CategoryInfo.Category | Should -Not -Be ([System.Management.Automation.ErrorCategory]::NotSpecified) -Because "kind $($r.Kind)"
            $r.Record.ErrorDetails.Message | Should -BeLike "*test message for $($r.Kind)*"
        }
    }
}

Describe 'Ids across the families' -ForEach @(@{ AllFamilies = $Families }) {
    It 'are shared only where a family''s kind is the same fact (a path that is not a regular file, a fractional label)' {
        $all = foreach ($f in $AllFamilies) {
            Get-FamilyRecords $f.Exception $f.Kind $f.Method | ForEach-Object { [pscustomobject]@{ Family = $f.Family; Kind = $_.Kind; Id = $_.Record.FullyQualifiedErrorId } }
        }
        $shared = @($all | Group-Object Id | Where-Object Count -gt 1 | Sort-Object Name)
        $shared.Name | Should -Be @('FileNotRegular', 'LabelsImageNotInteger')
        ($shared[0].Group | ForEach-Object { "$($_.Family).$($_.Kind)" }) | Should -Be @('Nifti.NotRegularFile', 'Confounds.NotRegularFile')
        ($shared[1].Group | ForEach-Object { "$($_.Family).$($_.Kind)" }) | Should -Be @('Masking.LabelsNotInteger', 'Seed.LabelsNotInteger')
    }
}

Describe 'The kinds that used to fall into another kind''s id' {
    It 'a correlation over fewer than 3 time points is SignalTooShortForCorrelation, not filter advice' {
        $two = [SeedCorr.Core.Signal.SignalMatrix]::new(2, 2, [float[]](1, 2, 3, 5))
        $e = $null
        try { Get-SeedCorrelation $two $two -ErrorAction Stop } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -Be 'SignalTooShortForCorrelation,SeedCorr.PowerShell.Commands.GetSeedCorrelationCommand'
        $e.ErrorDetails.RecommendedAction | Should -Not -BeLike '*LowPass*'
        "$e" | Should -BeLike '*3 time points*'
    }

    It 'a singular affine when placing a seed is ImageAffineInvalid, not advice about -Radius' {
        $image = [SeedCorr.Core.Nifti.NiftiImage]::Create([float[]]::new(4 * 4 * 4 * 3), [int[]](4, 4, 4, 3), [SeedCorr.Core.Geometry.Affine]::Diagonal(2, 0, 2, 0, 0, 0), 2.0, $null)
        $e = $null
        try { $image | New-SphereMasker 0, 0, 0 -Radius 4 -ErrorAction Stop } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -Be 'ImageAffineInvalid,SeedCorr.PowerShell.Commands.NewSphereMaskerCommand'
        "$e" | Should -BeLike '*singular*'
        $e.ErrorDetails.RecommendedAction | Should -Not -BeLike '*-Radius*'
    }

    It 'an image on a singular affine is NiftiAffineInvalid on write, not NiftiWriteFailed with advice about the folder' {
        $image = [SeedCorr.Core.Nifti.NiftiImage]::Create([float[]]::new(4 * 4 * 4), [int[]](4, 4, 4), [SeedCorr.Core.Geometry.Affine]::Diagonal(2, 0, 2, 0, 0, 0), $null, $null)
        $path = [System.IO.Path]::Combine($TestDrive, 'singular.nii.gz')
        $e = $null
        try { $image | Export-Nifti -LiteralPath $path -ErrorAction Stop } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -Be 'NiftiAffineInvalid,SeedCorr.PowerShell.Commands.ExportNiftiCommand'
        "$e" | Should -BeLike '*singular*'
        $e.ErrorDetails.RecommendedAction | Should -Not -BeLike '*folder*'
        $path | Should -Not -Exist
    }

    It 'a labels image with a fractional value is LabelsImageNotInteger, not a generic atlas error' {
        $data = [float[]]::new(4 * 4 * 4)
        $data[5] = 1; $data[6] = 2.5
        $image = [SeedCorr.Core.Nifti.NiftiImage]::Create($data, [int[]](4, 4, 4), [SeedCorr.Core.Geometry.Affine]::Diagonal(2, 2, 2, 0, 0, 0), $null, $null)
        $path = [System.IO.Path]::Combine($TestDrive, 'fractional_dseg.nii.gz')
        $image | Export-Nifti -LiteralPath $path
        $e = $null
        try { Import-SeedAtlas -LiteralPath $path -ErrorAction Stop } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -Be 'LabelsImageNotInteger,SeedCorr.PowerShell.Commands.ImportSeedAtlasCommand'
        "$e" | Should -BeLike '*2.5*'
        $e.ErrorDetails.RecommendedAction | Should -BeLike '*whole numbers*'
    }

    It 'a demo cache that cannot be written is DemoDataWriteFailed with advice about -CacheDirectory' {
        $file = [System.IO.Path]::Combine($TestDrive, 'a-file')
        Set-Content -LiteralPath $file -Value 'not a folder'
        $e = $null
        try { Get-SeedCorrDemoData -CacheDirectory ([System.IO.Path]::Combine($file, 'cache')) -ErrorAction Stop } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -Be 'DemoDataWriteFailed,SeedCorr.PowerShell.Commands.GetSeedCorrDemoDataCommand'
        $e.ErrorDetails.RecommendedAction | Should -BeLike '*-CacheDirectory*SEEDCORR_CACHE*'
    }
}
