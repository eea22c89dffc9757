# Generates src/SeedCorr.PowerShell/en-US/SeedCorr.PowerShell.dll-Help.xml (MAML). Edit here, run with python3, commit both.
from xml.sax.saxutils import escape as e
def writer_switches(no_clobber, pass_thru, what_if, confirm):
  """-NoClobber, -Force, -PassThru, -WhatIf and -Confirm of a FileWriterCmdlet, in both parameter sets."""
  common = dict(type='SwitchParameter', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'])
  return [
   dict(common, name='NoClobber', desc=no_clobber),
   dict(common, name='Force', desc='Replaces an existing file even when it is read-only.'),
   dict(common, name='PassThru', desc=pass_thru),
   dict(common, name='WhatIf', aliases='wi', desc=what_if),
   dict(common, name='Confirm', aliases='cf', desc=confirm),
  ]

cmdlets = [
 dict(verb='Import', noun='Nifti',
  synopsis='Reads NIfTI-1 and NIfTI-2 images (.nii, .nii.gz, .hdr/.img pairs) into NiftiImage objects.',
  description=[
   'Import-Nifti reads one NiftiImage per file. Single files (.nii, .nii.gz) and pairs (.hdr/.img, either gzipped; give either file) are read, in both byte orders, for every real-valued datatype (uint8, int8, int16, uint16, int32, uint32, int64, uint64, float32, float64). Complex and RGB images are rejected with NiftiDataTypeUnsupported rather than misread.',
   'Voxel values are converted to float32 in the same pass that decompresses the file, applying scl_slope and scl_inter when the slope is finite and non-zero. The affine is the one nibabel (and so nilearn) uses: the sform when sform_code > 0, else the qform, else nibabel\'s base affine. RepetitionTime is pixdim[4] in seconds, converted from ms or us by xyzt_units.',
   'The header is checked before anything is allocated: a file whose header claims more data than the file can hold fails with NiftiDataTruncated (or NiftiTooLarge when it would not fit in memory). Each bad file produces one non-terminating error with a stable id (NiftiFileNotFound, NiftiHeaderInvalid, NiftiDataTruncated, NiftiDataTypeUnsupported, NiftiCompressedDataCorrupt, NiftiTooLarge, NiftiReadFailed, PathNotFileSystem) and the next file is read.',
   'Voxel data stays behind methods: GetVolume(t), GetTimeSeries(i, j, k), GetValue(i, j, k, t), GetData(). The image is never enumerated by the pipeline.'],
  params=[
   dict(name='Path', type='String[]', req=True, pos='0', pipe='True (ByValue, ByPropertyName)', wild=True, sets=['Path'],
        desc='Files to read. Wildcards are expanded; relative paths are resolved against the current PowerShell location.'),
   dict(name='LiteralPath', type='String[]', req=True, pos='named', pipe='True (ByPropertyName)', wild=False, sets=['LiteralPath'], aliases='PSPath, LP',
        desc='Files to read, used exactly as written (no wildcard expansion), for names that contain [ or ]. Bound from the PSPath property, so Get-ChildItem output can be piped in.'),
   dict(name='HeaderOnly', type='SwitchParameter', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'],
        desc='Reads only the header and extensions and outputs a NiftiHeader. Fast for any file size; the voxel data is not checked, so the header of a truncated file can still be inspected.'),
  ],
  inputs=[('System.String[]','Paths, by value or by property name (PSPath).')],
  outputs=[('SeedCorr.Core.Nifti.NiftiImage','One image per file read.'),('SeedCorr.Core.Nifti.NiftiHeader','With -HeaderOnly.')],
  examples=[
   ('Read one BOLD image', "$func = Import-Nifti -Path ./sub-01_task-rest_bold.nii.gz\n$func.Shape; $func.RepetitionTime", 'Reads a 4D image and shows its dimensions and repetition time in seconds.'),
   ('Read every image in a folder', "Get-ChildItem ./derivatives -Filter *.nii.gz -Recurse | Import-Nifti -ErrorAction Continue", 'Pipes files by their PSPath. A damaged file produces an error for that file only; the others are read.'),
   ('Inspect a header without reading data', "Import-Nifti ./mask.nii -HeaderOnly | Select-Object Shape, DataType, QformCode, SformCode, BestAffine", 'Shows the geometry fields nilearn will use.'),
   ('Catch a truncated download', "$img = Import-Nifti ./big.nii.gz -ErrorVariable bad -ErrorAction SilentlyContinue\nif ($bad.FullyQualifiedErrorId -like 'NiftiDataTruncated,*') { 'download again' }", 'Error ids are stable, so scripts can act on them.'),
  ],
  links=['Export-Nifti']),
 dict(verb='Export', noun='Nifti',
  synopsis='Writes a NiftiImage to a .nii or .nii.gz file, atomically.',
  description=[
   'Export-Nifti writes each image it receives as a single-file NIfTI-1 image (NIfTI-2 when a dimension exceeds 32767), little-endian. A name ending in .nii.gz is gzip-compressed; .nii is not; any other extension is refused.',
   'The data is written as float32 unless -DataType asks for another type; integer types get scl_slope and scl_inter so that the values fit (whole numbers in range are written unscaled). The sform and the qform both describe the image\'s affine (a sheared affine, which a qform cannot hold, keeps the exact sform and a qform_code of 0). Header fields such as intent, descrip and the header extensions are kept.',
   'The file is written to a temporary file in the same folder and renamed over the target only when complete, so an interrupted or failed write never leaves a partial file or damages an existing one. An existing file is replaced unless -NoClobber is given; -Force also replaces a read-only file.'],
  params=[
   dict(name='InputObject', type='NiftiImage', req=True, pos='named', pipe='True (ByValue)', wild=False, sets=['Path','LiteralPath'],
        desc='The image to write, usually from the pipeline.'),
   dict(name='Path', type='String', req=True, pos='0', pipe='False', wild=False, sets=['Path'],
        desc='The file to write: .nii or .nii.gz. Relative paths are resolved against the current PowerShell location.'),
   dict(name='LiteralPath', type='String', req=True, pos='named', pipe='False', wild=False, sets=['LiteralPath'], aliases='PSPath, LP',
        desc='The file to write, used exactly as written.'),
   dict(name='DataType', type='NiftiDataType', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='Float32',
        desc='The datatype on disk: UInt8, Int8, Int16, UInt16, Int32, UInt32, Int64, UInt64, Float32 (default) or Float64. Integer types are scaled with scl_slope/scl_inter when the data has fractions or exceeds the range; NaN becomes 0.'),
   *writer_switches(no_clobber='Does not replace an existing file: writes a FileExists error instead and leaves the file as it is.',
                    pass_thru='Outputs a FileInfo for the written file.',
                    what_if='Shows what would be written without writing anything.',
                    confirm='Asks for confirmation before writing each file.'),
  ],
  inputs=[('SeedCorr.Core.Nifti.NiftiImage','Images to write.')],
  outputs=[('None','By default.'),('System.IO.FileInfo','With -PassThru.')],
  examples=[
   ('Convert a pair to a compressed single file', "Import-Nifti ./anat.hdr | Export-Nifti ./anat.nii.gz", 'Reads the .hdr/.img pair and writes one .nii.gz with the same geometry and values.'),
   ('Write as scaled int16', "Import-Nifti ./mean_func.nii.gz | Export-Nifti ./mean_func_i16.nii.gz -DataType Int16 -PassThru", 'Writes 16-bit integers with scl_slope/scl_inter chosen to cover the data range, and outputs the file.'),
   ('Never overwrite results', "$img | Export-Nifti ./results/zmap.nii.gz -NoClobber", 'Fails with FileExists if the file is already there.'),
   ('Preview', "$img | Export-Nifti ./out.nii -WhatIf", 'Shows the file that would be written.'),
  ],
  links=['Import-Nifti']),
]

cmdlets += [
 dict(verb='Import', noun='Confounds',
  synopsis='Reads confound regressors (fMRIPrep TSV, CSV or whitespace tables) into a Confounds object.',
  description=[
   'Import-Confounds reads one Confounds object per file: named float64 columns over time, ready for Invoke-SignalClean -Confounds. The delimiter is sniffed from the first line (tab, comma, semicolon, else runs of spaces); a first line with non-numeric names is the header (a header-less file gets column_1, column_2, ...). fMRIPrep\'s n/a, NA and nan are missing values.',
   'All columns are kept by default, as nilearn does for a confounds path; -Column keeps the named columns, in the order given, and accepts wildcards (trans_*, rot_?).',
   'fMRIPrep leaves the first row of difference-based columns empty (framewise_displacement, dvars, std_dvars, *_derivative1). nilearn\'s signal.clean fails on that n/a; Import-Confounds fills it with the second row\'s value, as nilearn\'s load_confounds does, and says so in a warning. Any other missing value is an error (ConfoundsMissingValue) that names the column and the row. Other errors: ConfoundsFileNotFound, ConfoundsEmpty, ConfoundsMalformed (ragged rows, non-numeric cells), ConfoundsDuplicateColumn, ConfoundsColumnNotFound.'],
  params=[
   dict(name='Path', type='String[]', req=True, pos='0', pipe='True (ByValue, ByPropertyName)', wild=True, sets=['Path'],
        desc='Files to read. Wildcards are expanded; relative paths are resolved against the current PowerShell location.'),
   dict(name='LiteralPath', type='String[]', req=True, pos='named', pipe='True (ByPropertyName)', wild=False, sets=['LiteralPath'], aliases='PSPath, LP',
        desc='Files to read, used exactly as written (no wildcard expansion). Bound from the PSPath property of Get-ChildItem output.'),
   dict(name='Column', type='String[]', req=False, pos='1', pipe='False', wild=True, sets=['Path','LiteralPath'],
        desc='Columns to keep, by name or wildcard pattern (case-insensitive), in the order given. A pattern that matches no column is an error listing the columns. All columns when omitted.'),
  ],
  inputs=[('System.String[]','Paths, by value or by property name (PSPath).')],
  outputs=[('SeedCorr.Core.Confounds.ConfoundsTable','ColumnNames, Rows, Columns, Path, FilledColumns; GetColumn(name), GetValues(), ToArray().')],
  examples=[
   ('The example\'s reduced confounds', "$conf = Import-Confounds ./sub-01_task-pixar_desc-reducedConfounds_regressors.tsv\n$conf.ColumnNames", 'Reads all 15 columns.'),
   ('Pick motion, CSF and white matter from a full fMRIPrep table', "Import-Confounds ./sub-01_task-rest_desc-confounds_timeseries.tsv -Column trans_*, rot_*, framewise_displacement, csf, white_matter", 'Wildcards select the six motion parameters; the n/a in the first row of framewise_displacement is filled with a warning.'),
   ('One column as numbers', "(Import-Confounds ./confounds.tsv).GetColumn('framewise_displacement')", 'Returns the column as a double array.'),
  ],
  links=['Invoke-SignalClean']),
 dict(verb='Invoke', noun='SignalClean',
  synopsis='Cleans time series as nilearn\'s signal.clean does: detrend, Butterworth or cosine filter, confound regression, standardization, censoring.',
  description=[
   'Invoke-SignalClean takes a SignalMatrix (time points x series, from a masker) or a [time, series] array and runs nilearn 0.10.4\'s signal.clean in its order: linear detrend of signals and confounds; zero-phase Butterworth band-, low- or high-pass (order 5, odd padding of 33 samples for a band, 18 otherwise) of signals and confounds; confound regression (confounds standardized, pivoted QR, projection); standardization. Statistics, the filter recursion, the QR and the projection run in float64; float32 storage is kept for SignalMatrix input, and float64 arrays are cleaned entirely in float64.',
   'The repetition time comes from -RepetitionTime or from the signals\' source image. Filtering with no repetition time is an error (RepetitionTimeMissing): nilearn silently assumes 2.5 s, SeedCorr never does.',
   'With -SampleMask, censored volumes are interpolated with a cubic spline before a Butterworth filter and removed after it (every censored volume, unlike nilearn 0.10.4, see docs/nilearn-differences.md); with -Filter Cosine or no filter they are removed first. -Runs cleans each run on its own.',
   'The output records what was done in its Cleaning property: the steps, the warnings, the volumes kept, the confound rank and the degrees of freedom left (volumes kept - mean and trend - confound rank - the share of the spectrum the filter removes). Fewer than 20 gives a warning. Errors: SignalInputInvalid, RepetitionTimeMissing, SignalParameterInvalid, SignalTooShortForFilter, SignalShapeMismatch, ConfoundsNotFinite, SampleMaskInvalid, AllVolumesRemoved, and the Import-Confounds errors for a confounds path.'],
  params=[
   dict(name='InputObject', type='Object', req=True, pos='0', pipe='True (ByValue)', wild=False, sets=['__AllParameterSets'],
        desc='The signals: a SignalMatrix, a [time, series] float or double array, or one series as a 1D array. The pipeline unrolls arrays, so pass arrays with -InputObject or wrap them (,$array | Invoke-SignalClean).'),
   dict(name='Detrend', type='SwitchParameter', req=False, pos='named', pipe='False', wild=False, sets=['__AllParameterSets'],
        desc='Removes each series\' mean and linear trend, and the confounds\', before filtering.'),
   dict(name='Standardize', type='Standardization', req=False, pos='named', pipe='False', wild=False, sets=['__AllParameterSets'], default='None',
        desc='Scaling at the end: None (default), ZScore (population std: nilearn\'s standardize=True up to 0.13), ZScoreSample (sample std: nilearn 0.14\'s default) or Psc (percent signal change relative to the original mean).'),
   dict(name='LowPass', type='Double', req=False, pos='named', pipe='False', wild=False, sets=['__AllParameterSets'],
        desc='Low-pass cut-off in Hz (Butterworth only). A cut-off at or above Nyquist is lowered just below it with a warning, as nilearn does.'),
   dict(name='HighPass', type='Double', req=False, pos='named', pipe='False', wild=False, sets=['__AllParameterSets'],
        desc='High-pass cut-off in Hz. Must be below -LowPass.'),
   dict(name='RepetitionTime', type='Double', req=False, pos='named', pipe='False', wild=False, sets=['__AllParameterSets'], aliases='TR, TRepetition',
        desc='Seconds between volumes. Taken from the signals\' source image when omitted; required for filtering.'),
   dict(name='Confounds', type='Object', req=False, pos='named', pipe='False', wild=False, sets=['__AllParameterSets'],
        desc='Confound regressors: a Confounds object (Import-Confounds), the path of a confounds file (all its columns, as nilearn does), or a [time, k] array. One row per volume.'),
   dict(name='SampleMask', type='Object', req=False, pos='named', pipe='False', wild=False, sets=['__AllParameterSets'],
        desc='Volumes to keep: one boolean per volume ($true = keep) or the 0-based indices of the kept volumes.'),
   dict(name='Runs', type='Int32[]', req=False, pos='named', pipe='False', wild=False, sets=['__AllParameterSets'],
        desc='A run label per volume. Each run is cleaned independently and the runs are stacked in label order.'),
   dict(name='Filter', type='TemporalFilter', req=False, pos='named', pipe='False', wild=False, sets=['__AllParameterSets'], default='Butterworth',
        desc='Butterworth (zero-phase, order 5) or Cosine (discrete cosine regressors for the high-pass, removed with the confounds; no low-pass).'),
   dict(name='StandardizeConfounds', type='ConfoundStandardization', req=False, pos='named', pipe='False', wild=False, sets=['__AllParameterSets'], default='ZScore',
        desc='Scaling of the confounds before regression: ZScore (default, as nilearn), ZScoreSample, or MaxAbs (divide by the largest absolute value: nilearn\'s standardize_confounds=False).'),
   dict(name='Extrapolate', type='Boolean', req=False, pos='named', pipe='False', wild=False, sets=['__AllParameterSets'], default='True',
        desc='With -SampleMask and a Butterworth filter: extend the spline to censored volumes at the start and end ($true, nilearn\'s default) or drop those volumes before filtering ($false).'),
   dict(name='EnsureFinite', type='SwitchParameter', req=False, pos='named', pipe='False', wild=False, sets=['__AllParameterSets'],
        desc='Replaces NaN and infinite values in the signals with 0 before cleaning.'),
  ],
  inputs=[('SeedCorr.Core.Signal.SignalMatrix','Signals from a masker.'),('System.Single[,] / System.Double[,]','Signals as a [time, series] array (with -InputObject).')],
  outputs=[('SeedCorr.Core.Signal.SignalMatrix','The cleaned signals, with RepetitionTime, Source and Cleaning (steps, warnings, volumes kept, confound rank, degrees of freedom).')],
  examples=[
   ('The seed example\'s cleaning', "$conf = Import-Confounds ./sub-01_desc-reducedConfounds_regressors.tsv\n$clean = $seedSignals | Invoke-SignalClean -Detrend -Standardize ZScore -LowPass 0.1 -HighPass 0.01 -RepetitionTime 2 -Confounds $conf\n$clean.Cleaning", 'Detrends, band-passes 0.01-0.1 Hz at TR 2 s, regresses out the 15 confounds and z-scores, as nilearn\'s example does; Cleaning shows the steps and the degrees of freedom left.'),
   ('A plain array', "$x = [double[,]]::new(120, 2)\n# ... fill $x ...\nInvoke-SignalClean -InputObject $x -Detrend -HighPass 0.01 -RepetitionTime 2.5", 'Arrays go through -InputObject (the pipeline would unroll them). A double array is cleaned in float64.'),
   ('Scrubbing high-motion volumes', "$fd = (Import-Confounds ./confounds.tsv).GetColumn('framewise_displacement')\n$keep = $fd | ForEach-Object { $_ -lt 0.5 }\n$signals | Invoke-SignalClean -Detrend -Standardize ZScoreSample -LowPass 0.08 -HighPass 0.009 -SampleMask $keep", 'Censored volumes are interpolated before filtering and dropped after it.'),
  ],
  links=['Import-Confounds']),
]

cmdlets += [
 dict(verb='New', noun='SphereMasker',
  synopsis='Creates a sphere masker (seeds in world mm and a radius) and, given an image, extracts the mean signal of each sphere.',
  description=[
   'New-SphereMasker does what nilearn\'s NiftiSpheresMasker does for the seed example. For each seed (world millimetres, e.g. MNI, mapped through the image\'s best affine) the sphere holds every voxel whose centre is within -Radius millimetres (boundary included), plus the nearest voxel, so a small sphere is never empty. The signal of a sphere is the plain mean of the raw, unsmoothed data over its voxels at each time point; NaN and infinite values count as 0, with a warning, as in nilearn.',
   'Pipe a 3D or 4D NiftiImage in to get a SignalMatrix (time points x seeds) that carries the repetition time, the source image and the masker; pipe that into Invoke-SignalClean. Without an image the masker object itself is output.',
   'nilearn also adds a voxel whose truncated world coordinates equal the truncated seed (an extra voxel up to 1.7 voxels away); SeedCorr does not (docs/nilearn-differences.md). Errors: SeedOutsideImage (a sphere with no voxel), SpheresOverlap, MaskGridMismatch, ImageDimensionsInvalid, MaskerParameterInvalid.'],
  params=[
   dict(name='Coordinate', type='Object', req=True, pos='0', pipe='False', wild=False, sets=['__AllParameterSets'], aliases='Seed, Coordinates',
        desc='Seed coordinates in world mm: 0,-52,18 or "0,-52,18" for one seed; (0,-52,18),(4,-52,18) or "0,-52,18","4,-52,18" for several.'),
   dict(name='Radius', type='Double', req=False, pos='1', pipe='False', wild=False, sets=['__AllParameterSets'], default='0',
        desc='Sphere radius in mm, inclusive. 0 gives the nearest voxel only.'),
   dict(name='AllowOverlap', type='SwitchParameter', req=False, pos='named', pipe='False', wild=False, sets=['__AllParameterSets'],
        desc='Lets spheres share voxels; without it overlapping spheres are an error (SpheresOverlap).'),
   dict(name='MaskImage', type='Object', req=False, pos='named', pipe='False', wild=False, sets=['__AllParameterSets'],
        desc='A mask (NiftiImage or NIfTI path, non-zero = candidate) restricting the sphere voxels. It must be on the image\'s grid.'),
   dict(name='InputObject', type='NiftiImage', req=False, pos='named', pipe='True (ByValue)', wild=False, sets=['Image'],
        desc='The image to extract from (3D or 4D). Without it (and without a path) the masker is output.'),
   dict(name='Path', type='String[]', req=True, pos='named', pipe='False', wild=True, sets=['Path'],
        desc='NIfTI files to extract from, read one volume at a time so the 4D image is never held in memory; wildcards are expanded. One SignalMatrix per file.'),
   dict(name='LiteralPath', type='String[]', req=True, pos='named', pipe='True (ByPropertyName)', wild=False, sets=['LiteralPath'], aliases='PSPath, LP',
        desc='Like -Path, taken exactly as written (no wildcards); bound from the PSPath of Get-ChildItem output.'),
  ],
  inputs=[('SeedCorr.Core.Nifti.NiftiImage','The functional image.'),('System.String','A file path, by the property name PSPath (Get-ChildItem output).')],
  outputs=[('SeedCorr.Core.Signal.SignalMatrix','With an image: the sphere signals (time points x seeds).'),('SeedCorr.Core.Masking.SphereMasker','Without an image.')],
  examples=[
   ('The example\'s PCC seed', "$func = Import-Nifti ./sub-01_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz\n$seed = $func | New-SphereMasker -Coordinate 0,-52,18 -Radius 8\n$seed.Shape", 'Prints (168, 1) for nilearn\'s development subject.'),
   ('Extract and clean in one pipeline', "$seed = $func | New-SphereMasker 0,-52,18 -Radius 8 | Invoke-SignalClean -Detrend -Standardize ZScore -LowPass 0.1 -HighPass 0.01 -Confounds $conf", 'The TR comes from the image header.'),
   ('Several seeds', "$func | New-SphereMasker -Coordinate (0,-52,18),(0,52,-6),(-46,-68,32),(46,-68,32) -Radius 8", 'One column per seed: posterior cingulate, medial prefrontal, left and right angular gyrus.'),
   ('Straight from the files', "Get-ChildItem ./derivatives/sub-*/func/*_desc-preproc_bold.nii.gz | New-SphereMasker 0,-52,18 -Radius 8", 'One seed signal per subject, each file read volume by volume without loading it.'),
  ],
  links=['New-BrainMasker', 'Invoke-SignalClean']),
 dict(verb='New', noun='BrainMasker',
  synopsis='Creates a brain masker (a mask given or computed, optional smoothing) and, given an image, extracts every brain voxel\'s time series.',
  description=[
   'New-BrainMasker does what nilearn\'s NiftiMasker does for the seed example. The mask is -MaskImage, or is computed from the piped image: -MaskStrategy Background (nilearn\'s default: voxels whose temporal mean differs from the median of a 2-voxel border) or Epi (nilearn\'s compute_epi_mask). With -SmoothingFwhm the whole image is smoothed before masking (Gaussian in voxel axes, sigma from the affine\'s column norms, truncated at 4 sigma, reflected borders), as nilearn does, volume by volume so that no smoothed copy of the 4D data is held.',
   'Pipe a NiftiImage in to get a SignalMatrix (time points x brain voxels, columns in nilearn\'s C order: i slowest, k fastest) that carries the repetition time, the source image and the masker. The masker puts values back on the grid: $signals.Masker.InverseTransform($values, 1, $true), with one value per brain voxel, gives a 3D image. With -MaskImage and no image the masker itself is output.',
   'With -Path or -LiteralPath the file is read in one streaming pass instead: one thread decompresses while the others smooth and mask each finished volume, so only the brain signals are held. A computed mask needs the mean of all volumes; the pass keeps the voxels that differ from the background in the first volume, which is the mask itself for images on a zero background, and reads the file a second time in the rare case that the mask reaches beyond them (-Verbose says how many passes were made).',
   'Errors: MaskGridMismatch (a mask on another grid), MaskEmpty, ImageDimensionsInvalid, MaskerParameterInvalid, MaskImageInvalid, and the Nifti* errors of Import-Nifti for a file that cannot be read.'],
  params=[
   dict(name='MaskImage', type='Object', req=False, pos='named', pipe='False', wild=False, sets=['__AllParameterSets'],
        desc='The brain mask (NiftiImage or NIfTI path, non-zero = brain) on the image\'s grid. Without it the mask is computed from the image.'),
   dict(name='MaskStrategy', type='MaskStrategy', req=False, pos='named', pipe='False', wild=False, sets=['__AllParameterSets'], default='Background',
        desc='How to compute the mask when -MaskImage is not given: Background (nilearn\'s default) or Epi.'),
   dict(name='SmoothingFwhm', type='Double[]', req=False, pos='named', pipe='False', wild=False, sets=['__AllParameterSets'],
        desc='Gaussian smoothing before masking, FWHM in mm: one value for all axes or three (one per voxel axis). The example uses 6.'),
   dict(name='InputObject', type='NiftiImage', req=False, pos='named', pipe='True (ByValue)', wild=False, sets=['Image'],
        desc='The functional image to extract from (3D or 4D).'),
   dict(name='Path', type='String[]', req=True, pos='named', pipe='False', wild=True, sets=['Path'],
        desc='NIfTI files to extract from in one streaming pass (wildcards expanded): each volume is smoothed and masked as soon as it is decompressed, on the other cores, so the 4D image is never held in memory. The fitted mask and the signals are the same, to the bit, as with a piped image. One SignalMatrix per file.'),
   dict(name='LiteralPath', type='String[]', req=True, pos='named', pipe='True (ByPropertyName)', wild=False, sets=['LiteralPath'], aliases='PSPath, LP',
        desc='Like -Path, taken exactly as written (no wildcards); bound from the PSPath of Get-ChildItem output.'),
  ],
  inputs=[('SeedCorr.Core.Nifti.NiftiImage','The functional image.'),('System.String','A file path, by the property name PSPath (Get-ChildItem output).')],
  outputs=[('SeedCorr.Core.Signal.SignalMatrix','With an image: the brain voxels\' time series.'),('SeedCorr.Core.Masking.BrainMasker','With -MaskImage and no image.')],
  examples=[
   ('The example\'s brain signals', "$brain = $func | New-BrainMasker -SmoothingFwhm 6\n$brain.Shape", 'Prints (168, 32706) for nilearn\'s development subject with the background mask.'),
   ('A given mask, then cleaning', "$brain = $func | New-BrainMasker -MaskImage ./sub-01_space-MNI152NLin2009cAsym_desc-brain_mask.nii.gz -SmoothingFwhm 6 | Invoke-SignalClean -Detrend -Standardize ZScore -LowPass 0.1 -HighPass 0.01 -Confounds $conf", 'Uses fMRIPrep\'s brain mask instead of computing one.'),
   ('Back to an image', "$brain = $func | New-BrainMasker -SmoothingFwhm 6\n$values = [float[]]::new($brain.Series)   # one value per brain voxel\n$img = $brain.Masker.InverseTransform($values, 1, $true)", 'Any vector with one value per brain voxel becomes a 3D image on the mask\'s grid.'),
   ('A long or high-resolution run without loading it', "$brain = New-BrainMasker -LiteralPath ./sub-01_task-rest_space-MNI152NLin6Asym_res-2_desc-preproc_bold.nii.gz -SmoothingFwhm 6", 'Streams the file: only the brain signals are held (1.5 GB for 314,000 voxels x 1200 volumes as float32), not the 4.3 GB image; the mean image the mask came from is $brain.Masker.MeanImage.'),
  ],
  links=['New-SphereMasker', 'Invoke-SignalClean']),
]

cmdlets += [
 dict(verb='Get', noun='SeedCorrelation',
  synopsis='Correlates seed signals with every brain voxel\'s signal (exact Pearson r, or Spearman), one map per seed.',
  description=[
   'Get-SeedCorrelation takes the cleaned brain signals (New-BrainMasker | Invoke-SignalClean) and the cleaned seed signals (New-SphereMasker | Invoke-SignalClean) and returns a CorrelationMap: for each seed column, one value per brain voxel.',
   'Pearson\'s r is computed exactly: each series is centred and divided by its norm in float64, whatever the standardization of the inputs. nilearn\'s example divides dot products by n, which equals r only for population-std z-scores; with zscore_sample it shrinks every value by (n-1)/n, and without standardization it is not bounded by 1. -Method Spearman correlates ranks (ties get their average rank).',
   'The map keeps the brain masker (so $map.ToImage() and Export-FisherZ put it back on the grid), the number of time points and the degrees of freedom left by cleaning (the smaller of the two inputs\'). GetCorrelations(seed) and GetFisherZ(seed) return the values; Min, Max and Shape are what nilearn\'s example prints. Errors: SignalShapeMismatch (different numbers of time points), SignalTooShortForFilter (fewer than 3).'],
  params=[
   dict(name='BrainSignals', type='SignalMatrix', req=True, pos='0', pipe='True (ByValue)', wild=False, sets=['__AllParameterSets'], aliases='Brain',
        desc='The brain voxels\' cleaned signals (time points x voxels), usually from New-BrainMasker and Invoke-SignalClean.'),
   dict(name='SeedSignals', type='SignalMatrix', req=True, pos='1', pipe='False', wild=False, sets=['__AllParameterSets'], aliases='Seed',
        desc='The seeds\' cleaned signals (time points x seeds): one map per column. They need the brain signals\' number of time points.'),
   dict(name='Method', type='CorrelationMethod', req=False, pos='named', pipe='False', wild=False, sets=['__AllParameterSets'], default='Pearson',
        desc='Pearson (default) or Spearman.'),
  ],
  inputs=[('SeedCorr.Core.Signal.SignalMatrix','The brain signals.')],
  outputs=[('SeedCorr.Core.Connectivity.CorrelationMap','Shape (voxels, seeds), Min, Max, Method, Timepoints, DegreesOfFreedom; GetCorrelations(), GetFisherZ(), ToImage().')],
  examples=[
   ('The example\'s correlation', "$map = Get-SeedCorrelation -BrainSignals $brain -SeedSignals $seed\n\"Seed-to-voxel correlation: min = {0:0.000}; max = {1:0.000}\" -f $map.Min, $map.Max", 'The values are Pearson\'s r, exactly.'),
   ('Spearman with the brain signals from the pipeline', "$brain | Get-SeedCorrelation -SeedSignals $seed -Method Spearman", 'Rank correlation, robust to outlying volumes.'),
  ],
  links=['Export-FisherZ', 'New-BrainMasker', 'New-SphereMasker']),
 dict(verb='Export', noun='FisherZ',
  synopsis='Writes a correlation map as a Fisher z (or r) NIfTI image, atomically.',
  description=[
   'Export-FisherZ writes the map of each seed as one volume of a 4D image on the brain masker\'s grid (nilearn\'s inverse_transform gives the same (X, Y, Z, seeds) shape), zeros outside the mask, float32, .nii or .nii.gz by extension.',
   'The default -Statistic FisherZ writes artanh(r) with |r| first clamped to 0.999329 = tanh(4), so |z| <= 4: AFNI\'s convention, because beyond it r is rounding noise and |r| = 1 (a seed correlated with itself) would put an infinity in the map. The image carries intent ESTIMATE named fisher_z: ZSCORE would claim a standard normal under the null, which artanh(r) is not (its standard error is 1/sqrt(n-3)). -Statistic Correlation writes r with intent CORREL and the degrees of freedom left by cleaning in intent_p1.',
   'The file is written to a temporary file in the same folder and renamed when complete; an existing file is replaced unless -NoClobber is given; -Force also replaces a read-only file; -WhatIf shows what would be written. -PassThru outputs the image.'],
  params=[
   dict(name='InputObject', type='CorrelationMap', req=True, pos='named', pipe='True (ByValue)', wild=False, sets=['Path','LiteralPath'],
        desc='The correlation map (Get-SeedCorrelation). It must come from brain signals extracted with New-BrainMasker.'),
   dict(name='Path', type='String', req=True, pos='0', pipe='False', wild=False, sets=['Path'],
        desc='The file to write: .nii or .nii.gz.'),
   dict(name='LiteralPath', type='String', req=True, pos='named', pipe='False', wild=False, sets=['LiteralPath'], aliases='PSPath, LP',
        desc='The file to write, used exactly as written.'),
   dict(name='Statistic', type='CorrelationStatistic', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='FisherZ',
        desc='FisherZ (default): artanh(r), clamped at |z| = 4. Correlation: r itself.'),
   *writer_switches(no_clobber='Does not replace an existing file: writes a FileExists error instead.',
                    pass_thru='Outputs the image written (a NiftiImage).',
                    what_if='Shows what would be written without writing anything.',
                    confirm='Asks for confirmation before writing.'),
  ],
  inputs=[('SeedCorr.Core.Connectivity.CorrelationMap','Maps to write.')],
  outputs=[('None','By default.'),('SeedCorr.Core.Nifti.NiftiImage','With -PassThru.')],
  examples=[
   ('The example\'s two maps', "$map | Export-FisherZ ./pcc_seed_correlation_z.nii.gz\n$map | Export-FisherZ ./pcc_seed_correlation.nii.gz -Statistic Correlation", 'Writes the Fisher z map and the r map.'),
   ('Keep results safe', "$map | Export-FisherZ ./results/pcc_z.nii.gz -NoClobber -PassThru", 'Fails with FileExists rather than replacing an earlier result; outputs the image.'),
  ],
  links=['Get-SeedCorrelation', 'Export-Nifti']),
 dict(verb='Get', noun='SeedCorrDemoData',
  synopsis='Returns the built-in synthetic demo subject (BOLD image and confounds), generating it into a cache folder the first time.',
  description=[
   'Get-SeedCorrDemoData plays the role of nilearn\'s fetch_development_fmri(n_subjects=1) without a network: it generates, once, a deterministic synthetic subject the shape of nilearn\'s development fMRI subject (50x59x50 voxels at 4 mm, MNI-like affine with origin (-96, -132, -78), 168 volumes, TR 2 s, float32 .nii.gz) and returns its paths. The head is brain-shaped on a zero background; a default-mode network (posterior cingulate, medial prefrontal, both angular gyri) and three other independent networks (sensorimotor, visual, auditory) are planted, with physiological noise, drift and head motion mixed in.',
   'Two confounds tables come with it: the example\'s 15-column reduced TSV (trans_x ... rot_z, framewise_displacement, a_comp_cor_00 ... 05, csf, white_matter) and an fMRIPrep-style full table with n/a in the first row of its difference-based columns.',
   'The files are cached in -CacheDirectory (default $env:SEEDCORR_CACHE, else the user\'s local application data folder /SeedCorr/demo) and reused; -Force generates them again. -Preset Mni2mm with -Volumes makes bigger subjects for benchmarks (91x109x91 at 2 mm; 1200 volumes is HCP size).'],
  params=[
   dict(name='Preset', type='DemoSubjectPreset', req=False, pos='0', pipe='False', wild=False, sets=['__AllParameterSets'], default='Development',
        desc='Development (50x59x50 at 4 mm, the default) or Mni2mm (91x109x91 at 2 mm).'),
   dict(name='Volumes', type='Int32', req=False, pos='named', pipe='False', wild=False, sets=['__AllParameterSets'],
        desc='Number of volumes (default 168 for Development, 300 for Mni2mm).'),
   dict(name='CacheDirectory', type='String', req=False, pos='named', pipe='False', wild=False, sets=['__AllParameterSets'],
        desc='Where the subject is cached.'),
   dict(name='Force', type='SwitchParameter', req=False, pos='named', pipe='False', wild=False, sets=['__AllParameterSets'],
        desc='Generates the files again even if they are cached.'),
  ],
  inputs=[('None','')],
  outputs=[('SeedCorr.Core.Datasets.DemoSubject','Func, Confounds (the reduced table), FullConfounds, Directory, Size.')],
  examples=[
   ('The example\'s data', "$data = Get-SeedCorrDemoData\n$func = Import-Nifti $data.Func\n$conf = Import-Confounds $data.Confounds", 'The first call takes a few seconds; later calls return the cached files.'),
   ('An HCP-size subject for benchmarks', "Get-SeedCorrDemoData -Preset Mni2mm -Volumes 1200 -CacheDirectory /scratch/seedcorr", '91x109x91x1200 float32: about 4.3 GB of voxels, 1 GB as .nii.gz.'),
  ],
  links=['Import-Nifti', 'Import-Confounds']),
 dict(verb='Export', noun='StatMapPlot',
  synopsis='Draws a correlation or statistical map in slices over a background with cut lines, as nilearn\'s plot_stat_map, to .png, .svg or .pdf.',
  description=[
   'Export-StatMapPlot draws a map the way nilearn\'s plot_stat_map(display_mode="ortho") does: a black figure with sagittal, coronal and axial slices side by side, the map in the cold_hot colour map (matplotlib\'s "hot" for positive values, its blue mirror for negative ones) symmetric around 0 from -VMax to VMax, a colour bar with ticks whose thresholded band is grey, the slice coordinates (x=, y=, z=) and L/R labels. The display is in RAS world space, left hemisphere on the left: every slice is sampled from world coordinates through the image affine, so images stored with flipped, permuted or oblique axes come out the same way.',
   'The input is a CorrelationMap from Get-SeedCorrelation (the slices then cut at its seed), a NiftiImage, or the path of a NIfTI file (the slices then cut at the peak |value|). A map in MNI space (its sform code, or without an sform its qform code, is 4 = NIFTI_XFORM_MNI_152, as fMRIPrep writes; or its file name has a BIDS space-MNI... entity) is drawn over the MNI ICBM152 2009a symmetric template at 2 mm, nilearn\'s default background, shipped with the module; otherwise over a correlation map\'s mean functional image, else on black. -Background takes any NIfTI image on any grid (a 4D background is averaged over time), or MNI152 for the template. Values with |v| <= -Threshold are not drawn, so the background shows through, as nilearn masks them.',
   'Light grey cut lines cross at the cut coordinates in every slice (-NoCross hides them). -DisplayMode X, Y or Z draws one slice; Mosaic draws three rows of seven axial slices evenly spaced through the brain. -Symmetric:$false limits the colour bar to the signs the map has (0 to VMax for a positive map), as nilearn\'s symmetric_cbar=False; the colours stay symmetric around 0.',
   'The format follows the extension: .png (raster), .svg, or .pdf (one vector page: text and markers stay vector, the slices are embedded losslessly). The file is written to a temporary file and renamed when complete. An unknown extension fails with FigureFormatUnsupported before anything is written; bad parameters with PlotParameterInvalid.'],
  params=[
   dict(name='InputObject', type='Object', req=True, pos='named', pipe='True (ByValue)', wild=False, sets=['Path','LiteralPath'],
        desc='The map: a CorrelationMap (Get-SeedCorrelation), a NiftiImage (Import-Nifti), or the path of a NIfTI file.'),
   dict(name='Path', type='String', req=True, pos='0', pipe='False', wild=False, sets=['Path'],
        desc='The figure to write: .png, .svg or .pdf. Relative paths are resolved against the current PowerShell location.'),
   dict(name='LiteralPath', type='String', req=True, pos='named', pipe='False', wild=False, sets=['LiteralPath'], aliases='PSPath, LP',
        desc='The figure to write, used exactly as written.'),
   dict(name='Background', type='Object', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'],
        desc='The image drawn in grey under the map (a NiftiImage or a path), e.g. an anatomical image or a mean functional image, or MNI152 for the template; 4D images are averaged over time. Grey runs from the 2nd to the 98th percentile of its non-zero values. Default: the MNI152 2009a template when the map is in MNI space; else, for a CorrelationMap, the mean functional image of its brain masker; otherwise black.'),
   dict(name='DisplayMode', type='DisplayMode', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='Ortho',
        desc='Which slices: Ortho (sagittal, coronal and axial through the cut), X, Y or Z (that slice only), or Mosaic (three rows of seven axial slices through the brain, without cut lines).'),
   dict(name='NoCross', type='SwitchParameter', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='False',
        desc='Hides the cut lines drawn through the cut coordinates.'),
   dict(name='Symmetric', type='Boolean', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='True',
        desc='With -Symmetric:$false the colour bar shows only the signs the map has: 0 to VMax for a positive map (to its maximum when -VMax is not given).'),
   dict(name='Volume', type='Int32', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='0',
        desc='Which volume to draw from a 4D map, e.g. which seed of a multi-seed correlation map.'),
   dict(name='CutCoords', type='WorldPoint[]', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'],
        desc='Where the slices cut, x, y, z in mm, e.g. 0,-52,18. Default: the seed of a correlation map, else the position of the largest |value|.'),
   dict(name='Threshold', type='Double', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='1e-06',
        desc='Values with |v| <= Threshold are not drawn and show the background (nilearn\'s default 1e-6 hides exact zeros only). The example uses 0.5.'),
   dict(name='VMax', type='Double', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'],
        desc='The colour scale runs from -VMax to VMax; larger values take the end colours. Default: the largest |value| of the map.'),
   dict(name='Title', type='String', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'],
        desc='Drawn at the top left of the figure.'),
   dict(name='Marker', type='WorldPoint[]', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'],
        desc='Points to mark with filled circles, x, y, z in mm: 0,-52,18 or (0,-52,18),(4,-52,18). Each is projected onto all three slices.'),
   dict(name='MarkerColor', type='String', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='green',
        desc='The marker fill: a colour name (green, red, magenta, ...) or #RRGGBB.'),
   dict(name='MarkerSize', type='Single', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='14',
        desc='The marker diameter in pixels (points in .pdf and .svg).'),
   dict(name='Width', type='Int32', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='1000',
        desc='The figure width in pixels (points in .pdf and .svg).'),
   dict(name='Height', type='Int32', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='380',
        desc='The figure height in pixels (points in .pdf and .svg).'),
   *writer_switches(no_clobber='Does not replace an existing file: writes a FileExists error instead.',
                    pass_thru='Outputs a FileInfo for the written figure.',
                    what_if='Shows what would be drawn without writing anything.',
                    confirm='Asks for confirmation before writing each figure.'),
  ],
  inputs=[('SeedCorr.Core.Connectivity.CorrelationMap','Maps from Get-SeedCorrelation.'),('SeedCorr.Core.Nifti.NiftiImage','Statistical images.')],
  outputs=[('None','By default.'),('System.IO.FileInfo','With -PassThru.')],
  examples=[
   ('The nilearn example\'s figure', "$map | Export-StatMapPlot ./pcc_seed_correlation.pdf -Threshold 0.5 -VMax 1 -Marker 0,-52,18 -Title 'Seed-to-voxel correlation (PCC seed)'", 'Cuts at the seed and draws |r| > 0.5 over the MNI152 template (the run is in MNI space) with cut lines and a green seed marker, as a one-page vector PDF.'),
   ('Rows of axial slices', "$map | Export-StatMapPlot ./pcc_mosaic.png -DisplayMode Mosaic -Threshold 0.5 -Symmetric:$false -Height 500", 'Twenty-one axial slices; the colour bar shows only positive values.'),
   ('A z map from disk over an anatomical image', "Export-StatMapPlot -InputObject ./pcc_z.nii.gz -Background ./sub-01_T1w.nii.gz -Path ./pcc_z.png -Threshold 0.3 -CutCoords 0,-52,18", 'Any NIfTI map over any background; the grids need not match.'),
   ('One figure per seed', "foreach ($s in 0..1) { $map | Export-StatMapPlot \"./seed$s.png\" -Volume $s -Threshold 0.4 }", 'A two-seed map drawn seed by seed, each cut at its own seed.'),
  ],
  links=['Get-SeedCorrelation', 'Export-SignalPlot', 'Export-FisherZ']),
 dict(verb='Export', noun='SignalPlot',
  synopsis='Draws time series from a signal matrix as line plots, to .png, .svg or .pdf.',
  description=[
   'Export-SignalPlot draws the columns of a SignalMatrix as lines against the scan number, or against time in seconds with -Time (from the signals\' repetition time): the example\'s seed time series and its five voxel time series. -Column picks columns (numbered from 0) and -Label names them in a legend.',
   'The format follows the extension: .png, .svg or .pdf (vector). The file is written to a temporary file and renamed when complete. Errors: FigureFormatUnsupported (other extensions), PlotParameterInvalid (a column outside the matrix, labels that do not match the columns), RepetitionTimeMissing (-Time without a TR).'],
  params=[
   dict(name='InputObject', type='SignalMatrix', req=True, pos='named', pipe='True (ByValue)', wild=False, sets=['Path','LiteralPath'],
        desc='The signals (time points x series), from New-SphereMasker, New-BrainMasker or Invoke-SignalClean.'),
   dict(name='Path', type='String', req=True, pos='0', pipe='False', wild=False, sets=['Path'],
        desc='The figure to write: .png, .svg or .pdf.'),
   dict(name='LiteralPath', type='String', req=True, pos='named', pipe='False', wild=False, sets=['LiteralPath'], aliases='PSPath, LP',
        desc='The figure to write, used exactly as written.'),
   dict(name='Column', type='Int32[]', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'],
        desc='The columns to draw, numbered from 0, e.g. 0,1000,2000,3000,4000. Default: all.'),
   dict(name='Label', type='String[]', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'],
        desc='Legend entries, one per drawn column. Without labels there is no legend.'),
   dict(name='Time', type='SwitchParameter', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'],
        desc='Puts time in seconds on the x axis (scan index times the repetition time) instead of the scan number.'),
   dict(name='Title', type='String', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'],
        desc='Drawn above the plot.'),
   dict(name='YLabel', type='String', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='Normalized signal',
        desc='The y-axis label.'),
   dict(name='Width', type='Int32', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='900',
        desc='The figure width in pixels (points in .pdf and .svg).'),
   dict(name='Height', type='Int32', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='400',
        desc='The figure height in pixels (points in .pdf and .svg).'),
   *writer_switches(no_clobber='Does not replace an existing file: writes a FileExists error instead.',
                    pass_thru='Outputs a FileInfo for the written figure.',
                    what_if='Shows what would be drawn without writing anything.',
                    confirm='Asks for confirmation before writing each figure.'),
  ],
  inputs=[('SeedCorr.Core.Signal.SignalMatrix','Signals to draw.')],
  outputs=[('None','By default.'),('System.IO.FileInfo','With -PassThru.')],
  examples=[
   ('The seed time series', "$seed | Export-SignalPlot ./seed_time_series.png -Title 'Seed time series (Posterior cingulate cortex)'", 'One line against the scan number.'),
   ('Five voxels, in seconds, as PDF', "$brain | Export-SignalPlot ./voxels.pdf -Column 0,1000,2000,3000,4000 -Label v0,v1000,v2000,v3000,v4000 -Time -Title '5 voxel time series'", 'Five lines against time in seconds, with a legend, on one vector PDF page.'),
  ],
  links=['Export-StatMapPlot', 'Invoke-SignalClean']),
]

cmdlets += [
 dict(verb='Export', noun='GlassBrainPlot',
  synopsis='Draws a map\'s maximum-intensity projections in three views inside the MNI brain\'s outline, as nilearn\'s plot_glass_brain, to .png, .svg or .pdf.',
  description=[
   'Export-GlassBrainPlot draws the map as nilearn\'s plot_glass_brain(display_mode="ortho"): seen from the side (sagittal), from behind (coronal) and from above (axial), each pixel showing the value of largest |v| along its ray with its sign (nilearn\'s plot_abs=False), in nilearn\'s glass-brain colours (cold_white_hot: pale yellow near the threshold to dark red at VMax, blue for negative values, at alpha 0.7) on white, inside the outline of the MNI152 2009a template\'s brain projected the same way (a darker outer line and a lighter white-matter line).',
   'The outline is MNI: a map that is not marked as MNI space (header code 4 or a space-MNI... file name) gets a warning. The format follows the extension; errors: FigureFormatUnsupported, PlotParameterInvalid.'],
  params=[
   dict(name='InputObject', type='Object', req=True, pos='named', pipe='True (ByValue)', wild=False, sets=['Path','LiteralPath'],
        desc='The map: a CorrelationMap (Get-SeedCorrelation), a NiftiImage (Import-Nifti), or the path of a NIfTI file.'),
   dict(name='Path', type='String', req=True, pos='0', pipe='False', wild=False, sets=['Path'],
        desc='The file to write. Relative paths are resolved against the current PowerShell location.'),
   dict(name='LiteralPath', type='String', req=True, pos='named', pipe='False', wild=False, sets=['LiteralPath'], aliases='PSPath, LP',
        desc='The file to write, used exactly as written.'),
   dict(name='Volume', type='Int32', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='0',
        desc='Which volume to draw from a 4D map, e.g. which seed of a multi-seed correlation map.'),
   dict(name='Threshold', type='Double', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='1e-06',
        desc='Values with |v| <= Threshold are not drawn (nilearn\'s default 1e-6 hides exact zeros only).'),
   dict(name='VMax', type='Double', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'],
        desc='The colour scale runs from -VMax to VMax. Default: the largest |value| of the map.'),
   dict(name='Title', type='String', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'],
        desc='Drawn at the top left.'),
   dict(name='Marker', type='WorldPoint[]', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'],
        desc='Points to mark with filled circles, x, y, z in mm, e.g. the seed 0,-52,18.'),
   dict(name='MarkerColor', type='String', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='green',
        desc='The marker fill: a colour name or #RRGGBB.'),
   dict(name='MarkerSize', type='Single', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='14',
        desc='The marker diameter in pixels.'),
   dict(name='Symmetric', type='Boolean', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='True',
        desc='With -Symmetric:$false the colour bar shows only the signs the map has.'),
   dict(name='Width', type='Int32', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='1000',
        desc='The figure width in pixels (points in .pdf and .svg).'),
   dict(name='Height', type='Int32', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='380',
        desc='The figure height in pixels (points in .pdf and .svg).'),
   *writer_switches(no_clobber='Does not replace an existing file: writes a FileExists error instead.',
                    pass_thru='Outputs a FileInfo for the written figure.',
                    what_if='Shows what would be drawn without writing anything.',
                    confirm='Asks for confirmation before writing each figure.'),
  ],
  inputs=[('SeedCorr.Core.Connectivity.CorrelationMap','Maps from Get-SeedCorrelation.'),('SeedCorr.Core.Nifti.NiftiImage','Statistical images.')],
  outputs=[('None','By default.'),('System.IO.FileInfo','With -PassThru.')],
  examples=[
   ('The seed map as a glass brain', "$map | Export-GlassBrainPlot ./pcc_glass.png -Threshold 0.5 -VMax 1 -Title 'PCC seed'", 'The three projections of |r| > 0.5.'),
   ('A z map from disk, positive only', "Export-GlassBrainPlot -InputObject ./sub-01_space-MNI152NLin2009cAsym_z.nii.gz -Path ./z_glass.pdf -Threshold 3 -Symmetric:$false", 'A vector PDF with a one-signed colour bar.'),
  ],
  links=['Export-StatMapPlot', 'Export-StatMapView']),
 dict(verb='Export', noun='StatMapView',
  synopsis='Writes an interactive stat-map viewer, as nilearn\'s view_img: one self-contained HTML file (no network) with three linked slices, the value under the cursor and a threshold slider.',
  description=[
   'Export-StatMapView writes one HTML page that opens offline in any browser: the styles, the script (plain JavaScript drawing on canvases) and the data are inline, nothing is fetched. It shows sagittal, coronal and axial slices through the cut with green cut lines; clicking a slice moves the cut there and redraws the others; the MNI coordinate and the map\'s value under the cursor are shown below; a slider sets the threshold; the colour bar is nilearn\'s cold_hot from -VMax to VMax with the thresholded band in grey.',
   'The background is chosen as for Export-StatMapPlot (the MNI152 template for a map in MNI space, -Background, or a correlation map\'s mean image). The map is embedded as 16-bit integers with one scale (values read back within |peak|/32767), the background as the grey levels the static figure uses. A 2 mm whole-brain map makes a page of a few MB.'],
  params=[
   dict(name='InputObject', type='Object', req=True, pos='named', pipe='True (ByValue)', wild=False, sets=['Path','LiteralPath'],
        desc='The map: a CorrelationMap (Get-SeedCorrelation), a NiftiImage (Import-Nifti), or the path of a NIfTI file.'),
   dict(name='Path', type='String', req=True, pos='0', pipe='False', wild=False, sets=['Path'],
        desc='The file to write. Relative paths are resolved against the current PowerShell location.'),
   dict(name='LiteralPath', type='String', req=True, pos='named', pipe='False', wild=False, sets=['LiteralPath'], aliases='PSPath, LP',
        desc='The file to write, used exactly as written.'),
   dict(name='Volume', type='Int32', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='0',
        desc='Which volume to draw from a 4D map, e.g. which seed of a multi-seed correlation map.'),
   dict(name='Threshold', type='Double', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='1e-06',
        desc='Values with |v| <= Threshold are not drawn (nilearn\'s default 1e-6 hides exact zeros only).'),
   dict(name='VMax', type='Double', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'],
        desc='The colour scale runs from -VMax to VMax. Default: the largest |value| of the map.'),
   dict(name='Title', type='String', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'],
        desc='Drawn at the top left.'),
   dict(name='Marker', type='WorldPoint[]', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'],
        desc='Points to mark with filled circles, x, y, z in mm, e.g. the seed 0,-52,18.'),
   dict(name='MarkerColor', type='String', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='green',
        desc='The marker fill: a colour name or #RRGGBB.'),
   dict(name='MarkerSize', type='Single', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'], default='14',
        desc='The marker diameter in pixels.'),
   dict(name='Background', type='Object', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'],
        desc='The image drawn in grey under the map (a NiftiImage or a path), or MNI152 for the template. Default: the MNI152 2009a template when the map is in MNI space; else a correlation map\'s mean functional image; otherwise black.'),
   dict(name='CutCoords', type='WorldPoint[]', req=False, pos='named', pipe='False', wild=False, sets=['Path','LiteralPath'],
        desc='Where the page opens cut, x, y, z in mm. Default: the seed of a correlation map, else the position of the largest |value|.'),
   *writer_switches(no_clobber='Does not replace an existing file: writes a FileExists error instead.',
                    pass_thru='Outputs a FileInfo for the written page.',
                    what_if='Shows what would be written without writing anything.',
                    confirm='Asks for confirmation before writing each page.'),
  ],
  inputs=[('SeedCorr.Core.Connectivity.CorrelationMap','Maps from Get-SeedCorrelation.'),('SeedCorr.Core.Nifti.NiftiImage','Statistical images.')],
  outputs=[('None','By default.'),('System.IO.FileInfo','With -PassThru.')],
  examples=[
   ('The seed map beside its PDF', "$map | Export-StatMapView -LiteralPath ./pcc_seed_correlation.html -Threshold 0.5 -VMax 1 -Marker 0,-52,18", 'Open the file in a browser; click to move the cut, drag the slider to change the threshold.'),
   ('A map from disk over an anatomical image', "Export-StatMapView -InputObject ./pcc_z.nii.gz -Background ./sub-01_T1w.nii.gz -LiteralPath ./pcc_z.html -CutCoords 0,-52,18", 'Any NIfTI map over any background.'),
  ],
  links=['Export-StatMapPlot', 'Export-GlassBrainPlot']),
]

out=['<?xml version="1.0" encoding="utf-8"?>','<!-- Help for the SeedCorr cmdlets (MAML). tests/Pester/Module.Tests.ps1 checks that it covers every cmdlet and parameter. -->',
 '<helpItems schema="maml" xmlns="http://msh">']
for c in cmdlets:
  name=f"{c['verb']}-{c['noun']}"
  out.append('  <command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">')
  out.append('    <command:details>')
  out.append(f'      <command:name>{name}</command:name>')
  out.append(f'      <command:verb>{c["verb"]}</command:verb>')
  out.append(f'      <command:noun>{c["noun"]}</command:noun>')
  out.append(f'      <maml:description><maml:para>{e(c["synopsis"])}</maml:para></maml:description>')
  out.append('    </command:details>')
  out.append('    <maml:description>')
  for p in c['description']: out.append(f'      <maml:para>{e(p)}</maml:para>')
  out.append('    </maml:description>')
  def param(p, syntax):
    pip = p['pipe']
    attrs = f'required="{str(p["req"]).lower()}" variableLength="true" globbing="{str(p["wild"]).lower()}" pipelineInput="{pip}" position="{p["pos"]}" aliases="{p.get("aliases","none")}"'
    s=[f'        <command:parameter {attrs}>', f'          <maml:name>{p["name"]}</maml:name>']
    if not syntax: s.append(f'          <maml:description><maml:para>{e(p["desc"])}</maml:para></maml:description>')
    if p['type']!='SwitchParameter' or not syntax:
      s.append(f'          <command:parameterValue required="{str(p["type"]!="SwitchParameter").lower()}" variableLength="false">{p["type"]}</command:parameterValue>')
    if not syntax:
      s.append(f'          <dev:type><maml:name>{p["type"]}</maml:name></dev:type>')
      s.append(f'          <dev:defaultValue>{p.get("default","None")}</dev:defaultValue>')
    s.append('        </command:parameter>')
    return s
  out.append('    <command:syntax>')
  sets = []
  for p in c['params']:
    for st in p['sets']:
      if st not in sets: sets.append(st)
  # A parameter in every set belongs to each set's syntax line; it is a line of its own only when there are no other sets.
  if len(sets) > 1 and '__AllParameterSets' in sets: sets.remove('__AllParameterSets')
  for st in sets:
    out.append('      <command:syntaxItem>')
    out.append(f'        <maml:name>{name}</maml:name>')
    for p in c['params']:
      if st in p['sets'] or '__AllParameterSets' in p['sets']: out += [' '*0 + l for l in param(p, True)]
    out.append('      </command:syntaxItem>')
  out.append('    </command:syntax>')
  out.append('    <command:parameters>')
  for p in c['params']: out += [l[2:] if l.startswith('  ') else l for l in param(p, False)]
  out.append('    </command:parameters>')
  out.append('    <command:inputTypes>')
  for t,d in c['inputs']:
    out.append(f'      <command:inputType><dev:type><maml:name>{t}</maml:name></dev:type><maml:description><maml:para>{e(d)}</maml:para></maml:description></command:inputType>')
  out.append('    </command:inputTypes>')
  out.append('    <command:returnValues>')
  for t,d in c['outputs']:
    out.append(f'      <command:returnValue><dev:type><maml:name>{t}</maml:name></dev:type><maml:description><maml:para>{e(d)}</maml:para></maml:description></command:returnValue>')
  out.append('    </command:returnValues>')
  out.append('    <command:examples>')
  for i,(t,code,rem) in enumerate(c['examples'],1):
    out.append('      <command:example>')
    out.append(f'        <maml:title>-------------------------- Example {i}: {e(t)} --------------------------</maml:title>')
    out.append(f'        <dev:code>{e(code)}</dev:code>')
    out.append(f'        <dev:remarks><maml:para>{e(rem)}</maml:para></dev:remarks>')
    out.append('      </command:example>')
  out.append('    </command:examples>')
  out.append('    <command:relatedLinks>')
  for l in c['links']: out.append(f'      <maml:navigationLink><maml:linkText>{l}</maml:linkText><maml:uri></maml:uri></maml:navigationLink>')
  out.append('    </command:relatedLinks>')
  out.append('  </command:command>')
out.append('</helpItems>')
open(__import__('os').path.join(__import__('os').path.dirname(__import__('os').path.abspath(__file__)), '..', '..', 'src', 'SeedCorr.PowerShell', 'en-US', 'SeedCorr.PowerShell.dll-Help.xml'),'w').write('\n'.join(out)+'\n')
