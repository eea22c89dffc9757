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
    Copyright            = '(c) 2026 SeedCorr contributors. MIT License (see LICENSE).'
    Description          = 'Seed-to-voxel functional connectivity for fMRI: NIfTI I/O, maskers, nilearn-faithful signal cleaning, correlation maps and plots.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('SeedCorr.format.ps1xml')
    # Filled in at staging (build.ps1) with the cmdlets the compiled module defines; '*' for the unstaged build output.
    CmdletsToExport      = '*'
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('fMRI', 'NIfTI', 'neuroimaging', 'connectivity', 'nilearn', 'fMRIPrep', 'BIDS', 'Linux', 'MacOS', 'Windows', 'PSEdition_Core')
            LicenseUri   = 'https://github.com/seedcorr/SeedCorr/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/seedcorr/SeedCorr'
            ReleaseNotes = 'Runs in real pwsh 7.4+ and is tested with Pester 5.7.1 and 6.2.0 on pwsh 7.6.9; nilearn-faithful seed-to-voxel correlation (NIfTI I/O, maskers, signal cleaning, Pearson r, Fisher z, figures).'
        }
    }
}
