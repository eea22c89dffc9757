#
# Module manifest for SeedCorr. {{ModuleVersion}} is replaced at build time with <Version> from Directory.Build.props;
# import the staged copy (output/SeedCorr/<version>/ or the module project's build output), not this template.
#
@{
    RootModule           = 'SeedCorr.PowerShell.dll'
    ModuleVersion        = '{{ModuleVersion}}'
    GUID                 = '5b0f3c8e-2d41-4f7a-9a57-6f1c2e9d8a31'
    Author               = 'SeedCorr contributors'
    CompanyName          = 'SeedCorr'
    Copyright            = '(c) SeedCorr contributors. MIT License.'
    Description          = 'Seed-to-voxel functional connectivity for fMRI: NIfTI I/O, maskers, nilearn-faithful signal cleaning, correlation maps and plots.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('SeedCorr.format.ps1xml')
    CmdletsToExport      = @(
        'Import-Nifti'
        'Export-Nifti'
        'Import-Confounds'
        'Invoke-SignalClean'
        'New-SphereMasker'
        'New-BrainMasker'
        'Get-SeedCorrelation'
        'Export-FisherZ'
        'Get-SeedCorrDemoData'
        'Export-StatMapPlot'
        'Export-SignalPlot'
        'Export-GlassBrainPlot'
        'Export-StatMapView'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('fMRI', 'NIfTI', 'neuroimaging', 'connectivity', 'nilearn')
        }
    }
}
