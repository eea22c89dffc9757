#Requires -Version 7.4
#Requires -Modules SeedCorr
<#
.SYNOPSIS
    nilearn's "seed-to-voxel correlation" example (posterior cingulate seed), step by step, with SeedCorr.

.DESCRIPTION
    The steps of nilearn's plot_seed_to_voxel_correlation.py, in order: get the data (the built-in demo subject, or
    -FuncPath/-ConfoundsPath), extract the mean signal of an 8 mm sphere at MNI (0, -52, 18) and every brain voxel's
    signal after 6 mm smoothing, clean both (linear detrend, band-pass 0.01-0.1 Hz, confound regression, z-scoring),
    correlate, Fisher-z transform, and write pcc_seed_correlation.nii.gz (r) and pcc_seed_correlation_z.nii.gz into
    -OutputDirectory, with the example's figures: seed_time_series.png, voxel_time_series.png, the stat map as
    pcc_seed_correlation.pdf (as nilearn saves it) and .png, and pcc_seed_correlation_z.png. The printed lines are
    nilearn's seed-correlation document's
    (its 0.10.4 example file has two typos in them, "((168, 1))" and a trailing "f": not copied).

    Runs in pwsh 7.4+ with the module on PSModulePath or imported (./build.ps1 -Task Example builds and runs it;
    or Import-Module ./output/SeedCorr first). With -File it exits 1 on any error, as pwsh does.

.PARAMETER FuncPath
    A 4D BOLD image (MNI space). Default: the built-in demo subject (Get-SeedCorrDemoData).

.PARAMETER ConfoundsPath
    Its confounds table (TSV); all columns are regressed out, as nilearn does for a path (see -DenoiseStrategy).

.PARAMETER OutputDirectory
    Where the maps are written (created if needed). Default: ./pcc-seed-correlation.

.PARAMETER Standardize
    ZScore (nilearn's standardize=True, default) or ZScoreSample (the 0.10.4 example file's variant).

.PARAMETER Coordinate
    The seed's centre in world (MNI) mm. Default: 0, -52, 18 (the posterior cingulate cortex, as nilearn's example).

.PARAMETER Radius
    The seed sphere's radius in mm. Default: 8.

.PARAMETER RepetitionTime
    Seconds between volumes. Default: the image header's (Invoke-SignalClean warns when a given value disagrees).

.PARAMETER DenoiseStrategy
    A nilearn denoising preset for the confounds (Simple, Scrubbing, CompCor, IcaAroma: Import-Confounds -DenoiseStrategy),
    whose sample mask then censors volumes. Default: none, every column of the confounds file is regressed out, as
    nilearn's example does.

.EXAMPLE
    ./examples/pcc-seed-correlation.ps1 -FuncPath sub-01_task-rest_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz -ConfoundsPath sub-01_task-rest_desc-confounds_timeseries.tsv -DenoiseStrategy Simple -Coordinate 0,-52,18 -Radius 6
#>
param(
    [string] $FuncPath,
    [string] $ConfoundsPath,
    [string] $OutputDirectory = 'pcc-seed-correlation',
    [ValidateSet('ZScore', 'ZScoreSample')]
    [string] $Standardize = 'ZScore',
    [ValidateCount(3, 3)]
    [double[]] $Coordinate = @(0, -52, 18),
    [ValidateRange(0.0, 1000.0)]
    [double] $Radius = 8,
    [double] $RepetitionTime,
    [ValidateSet('Simple', 'Scrubbing', 'CompCor', 'IcaAroma')]
    [string] $DenoiseStrategy
)

$ErrorActionPreference = 'Stop'
$inv = [System.Globalization.CultureInfo]::InvariantCulture

# Getting the data ----------------------------------------------------------------------------------------------------
if (-not $FuncPath) {
    $demo = Get-SeedCorrDemoData
    $FuncPath = $demo.Func
    $ConfoundsPath = $demo.Confounds
}
elseif (-not $ConfoundsPath) {
    throw 'Give -ConfoundsPath with -FuncPath.'
}

$FuncPath
$ConfoundsPath
$confounds = if ($DenoiseStrategy) { Import-Confounds -LiteralPath $ConfoundsPath -DenoiseStrategy $DenoiseStrategy } else { Import-Confounds -LiteralPath $ConfoundsPath }

# The seed and the brain: maskers, then cleaning ---------------------------------------------------------------------
$cleaning = @{
    Detrend              = $true
    Standardize          = $Standardize
    StandardizeConfounds = $Standardize
    LowPass              = 0.1
    HighPass             = 0.01
    Confounds            = $confounds
}
# The TR comes from the image header unless given; cleaning warnings (degrees of freedom, dropped columns) are shown.
if ($PSBoundParameters.ContainsKey('RepetitionTime')) { $cleaning.RepetitionTime = $RepetitionTime }
# As in nilearn's example the maskers are given the file: one streaming read feeds the seed sphere and the brain masker
# (-Seed; it smooths and masks every volume while the next one decompresses), so the 4D image is never held in memory;
# the brain signals come first. Two calls (New-SphereMasker -LiteralPath, New-BrainMasker -LiteralPath) give the same values.
# The raw signals are not kept, so they are cleaned in place (-InPlace): one brain matrix in memory, not two.
$seedMasker = New-SphereMasker -Coordinate $Coordinate -Radius $Radius
$brainTimeSeries, $seedTimeSeries = New-BrainMasker -SmoothingFwhm 6 -Seed $seedMasker -LiteralPath $FuncPath | Invoke-SignalClean @cleaning -InPlace

# The seed document's lines: (168, 1). nilearn 0.10.4's example file prints "((168, 1))" (an f-string around a tuple).
"Seed time series shape: $($seedTimeSeries.Shape)"
"Brain time series shape: $($brainTimeSeries.Shape)"

# Plotting the signals ------------------------------------------------------------------------------------------------
$out = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputDirectory)
# [IO.File]::Exists rather than Test-Path: the first Test-Path of a process loads Microsoft.PowerShell.Management (~70 ms).
if ([System.IO.File]::Exists($out)) {
    Write-Error -Message "-OutputDirectory ${OutputDirectory}: this is a file, not a folder." -ErrorId OutputDirectoryIsFile `
        -Category InvalidArgument -TargetObject $out -RecommendedAction 'Give a folder (it is created if needed).'
}
[void][System.IO.Directory]::CreateDirectory($out)
$seedTimeSeries | Export-SignalPlot -LiteralPath ([System.IO.Path]::Combine($out, 'seed_time_series.png')) -Title 'Seed time series (Posterior cingulate cortex)'
# nilearn plots brain_time_series[:, [10, 45, 100, 5000, 10000]]; columns past the end of a small mask are dropped.
$voxels = @(10, 45, 100, 5000, 10000 | Where-Object { $_ -lt $brainTimeSeries.Series })
$brainTimeSeries | Export-SignalPlot -LiteralPath ([System.IO.Path]::Combine($out, 'voxel_time_series.png')) -Column $voxels -Label ($voxels | ForEach-Object { "voxel $_" }) -Title "$($voxels.Count) voxel time series"

# Seed-to-voxel correlation -------------------------------------------------------------------------------------------
$correlation = Get-SeedCorrelation -BrainSignals $brainTimeSeries -SeedSignals $seedTimeSeries
"Seed-to-voxel correlation shape: $($correlation.Shape)"
'Seed-to-voxel correlation: min = {0}; max = {1}' -f $correlation.Min.ToString('0.000', $inv), $correlation.Max.ToString('0.000', $inv)

# Plotting the correlation map: threshold 0.5, vmax 1, cut at the seed, green seed marker, as a PDF ----------------------
$plot = @{ Threshold = 0.5; VMax = 1; CutCoords = $Coordinate; Marker = $Coordinate; MarkerColor = 'green' }
$correlation | Export-StatMapPlot -LiteralPath ([System.IO.Path]::Combine($out, 'pcc_seed_correlation.pdf')) @plot -Title 'Seed-to-voxel correlation (PCC seed)'
$correlation | Export-StatMapPlot -LiteralPath ([System.IO.Path]::Combine($out, 'pcc_seed_correlation.png')) @plot -Title 'Seed-to-voxel correlation (PCC seed)'
$correlation | Export-StatMapView -LiteralPath ([System.IO.Path]::Combine($out, 'pcc_seed_correlation.html')) @plot -Title 'Seed-to-voxel correlation (PCC seed)'

# Writing the maps ----------------------------------------------------------------------------------------------------
"Output will be saved to: $OutputDirectory"
$correlation | Export-FisherZ -LiteralPath ([System.IO.Path]::Combine($out, 'pcc_seed_correlation.nii.gz')) -Statistic Correlation

# Fisher-z transformation -------------------------------------------------------------------------------------------
$z = $correlation | Export-FisherZ -LiteralPath ([System.IO.Path]::Combine($out, 'pcc_seed_correlation_z.nii.gz')) -PassThru
$zValues = $correlation.GetFisherZ(0)
$zMin = [System.Linq.Enumerable]::Min([float[]]$zValues)
$zMax = [System.Linq.Enumerable]::Max([float[]]$zValues)
# The seed document's line; nilearn 0.10.4's example file adds a stray "f" after the maximum.
'Seed-to-voxel correlation Fisher-z transformed: min = {0}; max = {1}' -f $zMin.ToString('0.000', $inv), $zMax.ToString('0.000', $inv)
$z | Export-StatMapPlot -LiteralPath ([System.IO.Path]::Combine($out, 'pcc_seed_correlation_z.png')) @plot -Title 'Seed-to-voxel correlation Fisher-z transformed' -Background $correlation.Masker.MeanImage
"Wrote $([System.IO.Path]::Combine($out, 'pcc_seed_correlation.nii.gz')) and $([System.IO.Path]::Combine($out, 'pcc_seed_correlation_z.nii.gz')) ($z)"
