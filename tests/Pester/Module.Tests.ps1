BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'Common.ps1'))
    $manifestPath = $env:SEEDCORR_MODULE_PATH
    $module = Get-Module -Name SeedCorr
    $dll = [System.IO.Path]::Combine($module.ModuleBase, 'SeedCorr.PowerShell.dll')
    # Sorted with [Array]::Sort: Sort-Object is not among the hosted engine's core cmdlets.
    $dllCmdlets = [string[]]@([System.Reflection.Assembly]::LoadFrom($dll).GetExportedTypes() |
        Where-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).Count -gt 0 } |
        ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" })
    [Array]::Sort($dllCmdlets, [StringComparer]::Ordinal)
    $approvedVerbs = @('VerbsCommon', 'VerbsCommunications', 'VerbsData', 'VerbsDiagnostic', 'VerbsLifecycle', 'VerbsOther', 'VerbsSecurity' |
        ForEach-Object { [type]"System.Management.Automation.$_" } |
        ForEach-Object { $_.GetFields() } | ForEach-Object { $_.GetValue($null) })
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
}

Describe 'The SeedCorr module' {
    It 'has a manifest that Test-ModuleManifest accepts' {
        { Test-ModuleManifest -Path $manifestPath -ErrorAction Stop } | Should -Not -Throw
    }

    It 'takes its version from Directory.Build.props' {
        $props = [xml][System.IO.File]::ReadAllText([System.IO.Path]::Combine($RepoRoot, 'Directory.Build.props'))
        $module.Version.ToString() | Should -Be ([version]$props.Project.PropertyGroup.Version).ToString()
    }

    It 'requires PowerShell 7.4 Core' {
        $m = Test-ModuleManifest -Path $manifestPath
        $m.PowerShellVersion.ToString() | Should -Be '7.4'
        $m.CompatiblePSEditions | Should -Be @('Core')
    }

    It 'exports exactly the cmdlets the DLL defines' {
        $exported = [string[]]@($module.ExportedCmdlets.Keys)
        [Array]::Sort($exported, [StringComparer]::Ordinal)
        $exported | Should -Be $dllCmdlets
        $exported.Count | Should -BeGreaterThan 1
    }

    It 'lists the same cmdlets in the source manifest as in the DLL' {
        $source = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($RepoRoot, 'SeedCorr.psd1'))
        foreach ($c in $dllCmdlets) { $source | Should -Match ([regex]::Escape("'$c'")) }
    }

    It 'uses approved verbs only' {
        foreach ($c in $dllCmdlets) { $approvedVerbs | Should -Contain ($c -split '-')[0] }
    }

    It 'ships a format view for NiftiImage' {
        $format = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($module.ModuleBase, 'SeedCorr.format.ps1xml'))
        $format | Should -Match '<TypeName>SeedCorr.Core.Nifti.NiftiImage</TypeName>'
    }
}

Describe 'Help for <_>' -ForEach @('Import-Nifti', 'Export-Nifti', 'Import-Confounds', 'Invoke-SignalClean', 'New-SphereMasker', 'New-BrainMasker', 'Get-SeedCorrelation', 'Export-FisherZ', 'Get-SeedCorrDemoData', 'Export-StatMapPlot', 'Export-SignalPlot', 'Export-GlassBrainPlot', 'Export-StatMapView') {
    BeforeAll {
        $name = $_
        $help = Get-Help $name -Full
        $command = Get-Command $name
    }

    It 'has a written synopsis' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "*$name*[[]*"
    }

    It 'has a description' {
        ($help.Description | ForEach-Object { $_.Text }) -join ' ' | Should -Match '\w{20,}|\w+ \w+ \w+ \w+'
    }

    It 'describes every parameter' {
        $documented = @($help.Parameters.Parameter | ForEach-Object { $_.Name })
        foreach ($p in $command.Parameters.Keys) {
            if ($common -contains $p) { continue }
            $documented | Should -Contain $p
            $entry = $help.Parameters.Parameter | Where-Object { $_.Name -eq $p }
            ($entry.Description | ForEach-Object { $_.Text }) -join ' ' | Should -Not -BeNullOrEmpty
        }
    }

    It 'documents no parameter that does not exist' {
        foreach ($p in @($help.Parameters.Parameter | ForEach-Object { $_.Name })) {
            $command.Parameters.Keys | Should -Contain $p
        }
    }

    It 'has examples whose code parses and calls the cmdlet' {
        $examples = @($help.Examples.Example)
        $examples.Count | Should -BeGreaterThan 1
        foreach ($ex in $examples) {
            $errors = $null
            [void][System.Management.Automation.Language.Parser]::ParseInput($ex.Code, [ref]$null, [ref]$errors)
            $errors | Should -HaveCount 0
            $ex.Code | Should -Match ([regex]::Escape($name))
        }
    }
}
