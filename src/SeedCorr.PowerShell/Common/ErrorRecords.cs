using System.Management.Automation;
using SeedCorr.Core.Bids;
using SeedCorr.Core.Confounds;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Seeds;
using SeedCorr.Core.Signal;
using SeedCorr.Core.Statistics;
using SeedCorr.Core.Study;

// Every FromX switch names each member of its kind enum and has no default arm, so a kind added in Core without a
// mapping is a build error (CS8509, warnings are errors). CS8524 would still ask for an arm for unnamed numeric values
// ((NiftiErrorKind)42); Core only throws named members, so only those are real and that warning is off in this file.
#pragma warning disable CS8524

namespace SeedCorr.PowerShell.Common;

/// <summary>The one place where Core exceptions become ErrorRecords: id, category, target and a recommended action.</summary>
internal static class ErrorRecords
{
    private const string NotRegularAction =
        "Give the path of a regular file (Test-Path -PathType Leaf): copy the data out of a pipe or device into a file first.";

    // One fault, reached from a labels masker (Masking) or an atlas (Seeds): one id and one advice.
    private const string LabelsNotIntegerAction =
        "Give a labels image of whole numbers (0 = background), e.g. a BIDS dseg image; a probabilistic atlas must be thresholded into labels first (nilearn: threshold_img, then connected labels).";

    public static ErrorRecord FromNifti(NiftiException ex, object? target)
    {
        var (id, category, action) = ex.Kind switch
        {
            NiftiErrorKind.NotFound => (ErrorIds.NiftiFileNotFound, ErrorCategory.ObjectNotFound,
                "Check the path. A .hdr/.img pair needs both files side by side."),
            NiftiErrorKind.Truncated => (ErrorIds.NiftiDataTruncated, ErrorCategory.InvalidData,
                "The file is incomplete (an interrupted download or copy?). Fetch or copy it again."),
            NiftiErrorKind.InvalidHeader => (ErrorIds.NiftiHeaderInvalid, ErrorCategory.InvalidData,
                "The header is damaged or not NIfTI. Inspect it with 'nifti_tool -disp_hdr -infiles <file>' or re-export it from its source."),
            NiftiErrorKind.UnsupportedDataType => (ErrorIds.NiftiDataTypeUnsupported, ErrorCategory.NotImplemented,
                "Convert the image to a real-valued type (e.g. float32) with nibabel, FSL (fslmaths -odt float) or AFNI (3dcalc -datum float)."),
            NiftiErrorKind.CorruptCompressed => (ErrorIds.NiftiCompressedDataCorrupt, ErrorCategory.InvalidData,
                "The gzip data is damaged. Test it with 'gzip -t <file>' and fetch or copy it again."),
            NiftiErrorKind.TooLarge => (ErrorIds.NiftiTooLarge, ErrorCategory.LimitsExceeded,
                "The image does not fit in memory. Use a machine with more memory, or crop or split the image first."),
            NiftiErrorKind.NotRegularFile => (ErrorIds.FileNotRegular, ErrorCategory.InvalidArgument, NotRegularAction),
            NiftiErrorKind.ScalingUnrepresentable => (ErrorIds.NiftiScalingUnrepresentable, ErrorCategory.InvalidData,
                "Rewrite the image without such an intercept: subtract the offset in float64 (nibabel: get_fdata() minus the offset, saved as float32) or store it as float64 without scaling."),
            NiftiErrorKind.WriteFailed => (ErrorIds.NiftiWriteFailed, ErrorCategory.WriteError,
                "Check that the folder exists and is writable and that the name ends in .nii or .nii.gz."),
            NiftiErrorKind.AffineInvalid => (ErrorIds.NiftiAffineInvalid, ErrorCategory.InvalidData,
                "The image's grid is broken (a NaN or a zero voxel size in its sform/qform or pixdim, usually from its source image): fix the source's header (nibabel: set_sform/set_qform; FSL: fslorient) and compute the image again."),
        };
        return Build(ex, id, category, target, action);
    }

    public static ErrorRecord FromConfounds(ConfoundsException ex, object? target)
    {
        var (id, category, action) = ex.Kind switch
        {
            ConfoundsErrorKind.NotFound => (ErrorIds.ConfoundsFileNotFound, ErrorCategory.ObjectNotFound, "Check the path of the confounds file."),
            ConfoundsErrorKind.Empty => (ErrorIds.ConfoundsEmpty, ErrorCategory.InvalidData, "The file has no data: was it written completely?"),
            ConfoundsErrorKind.MissingValue => (ErrorIds.ConfoundsMissingValue, ErrorCategory.InvalidData, "Leave the column out with -Column, or fill the value in the file."),
            ConfoundsErrorKind.DuplicateColumn => (ErrorIds.ConfoundsDuplicateColumn, ErrorCategory.InvalidData, "Rename one of the columns."),
            ConfoundsErrorKind.NotRegularFile => (ErrorIds.FileNotRegular, ErrorCategory.InvalidArgument, NotRegularAction),
            ConfoundsErrorKind.ColumnNotFound => (ErrorIds.ConfoundsColumnNotFound, ErrorCategory.ObjectNotFound, "Check -Column against the file's header (Import-Confounds <file> | Select-Object -ExpandProperty ColumnNames)."),
            ConfoundsErrorKind.CamelCaseHeader => (ErrorIds.ConfoundsCamelCaseHeader, ErrorCategory.InvalidData, "Strategies need fMRIPrep >= 1.2 (snake_case columns): rerun fMRIPrep, or pick the columns with -Column and no strategy."),
            ConfoundsErrorKind.NoHeader => (ErrorIds.ConfoundsNoHeader, ErrorCategory.InvalidData, "Strategies need fMRIPrep's column names: use an fMRIPrep >= 1.2 file, or import the plain table without a strategy."),
            ConfoundsErrorKind.SidecarMissing => (ErrorIds.ConfoundsSidecarMissing, ErrorCategory.ObjectNotFound, "Put fMRIPrep's .json sidecar beside the .tsv (fMRIPrep >= 1.4 writes it), or choose a strategy without CompCor."),
            ConfoundsErrorKind.SidecarInvalid => (ErrorIds.ConfoundsSidecarInvalid, ErrorCategory.InvalidData, "Restore fMRIPrep's .json sidecar; it must be a JSON object of column descriptions."),
            ConfoundsErrorKind.InvalidStrategy => (ErrorIds.ConfoundsStrategyInvalid, ErrorCategory.InvalidArgument, "Check the strategy: Get-Help Import-Confounds -Parameter Strategy."),
            ConfoundsErrorKind.StrategyColumnsMissing => (ErrorIds.ConfoundsStrategyColumnsMissing, ErrorCategory.ObjectNotFound, "Choose a strategy whose columns the file has (see the file's header), or a different expansion model."),
            ConfoundsErrorKind.InvalidParameter => (ErrorIds.ConfoundsParameterInvalid, ErrorCategory.InvalidArgument, "Give finite, non-negative thresholds and a positive number of CompCor components."),
            ConfoundsErrorKind.AllVolumesCensored => (ErrorIds.ConfoundsAllVolumesCensored, ErrorCategory.InvalidData, "Raise -FdThreshold / -StdDvarsThreshold, lower -ScrubMinSegment, or exclude this run."),
            ConfoundsErrorKind.ImageNameInvalid => (ErrorIds.ConfoundsImageNameInvalid, ErrorCategory.InvalidArgument, "Give fMRIPrep's *_desc-preproc_bold.nii.gz (or *_desc-smoothAROMAnonaggr_bold.nii.gz for ICA-AROMA Full), or the confounds .tsv itself."),
            ConfoundsErrorKind.Ambiguous => (ErrorIds.ConfoundsFileAmbiguous, ErrorCategory.InvalidData, "Give the confounds .tsv itself with -LiteralPath."),
            ConfoundsErrorKind.Malformed => (ErrorIds.ConfoundsMalformed, ErrorCategory.InvalidData, "Check that the file is a tab- or comma-separated table of numbers with one header row."),
        };
        return Build(ex, id, category, target, action);
    }

    public static ErrorRecord FromSignal(SignalException ex, object? target)
    {
        var (id, category, action) = ex.Kind switch
        {
            SignalErrorKind.RepetitionTimeMissing => (ErrorIds.RepetitionTimeMissing, ErrorCategory.InvalidArgument, "Give -RepetitionTime (seconds), or clean signals that come from an image whose header records the TR."),
            SignalErrorKind.SeriesTooShort => (ErrorIds.SignalTooShortForFilter, ErrorCategory.InvalidData, "Use only -HighPass or only -LowPass (padding 18), -Filter Cosine, or longer runs."),
            SignalErrorKind.ShapeMismatch => (ErrorIds.SignalShapeMismatch, ErrorCategory.InvalidArgument, "Confounds, sample mask and run labels need one row or entry per volume of the signals."),
            SignalErrorKind.NonFiniteConfounds => (ErrorIds.ConfoundsNotFinite, ErrorCategory.InvalidData, "Fill or drop the column (Import-Confounds -Column …)."),
            SignalErrorKind.AllVolumesRemoved => (ErrorIds.AllVolumesRemoved, ErrorCategory.InvalidArgument, "Keep at least some volumes in -SampleMask."),
            SignalErrorKind.TooManyRegressors => (ErrorIds.SignalTooManyRegressors, ErrorCategory.InvalidData, "Use a denoising strategy (Import-Confounds -DenoiseStrategy Simple) or fewer columns instead of every column of the file."),
            SignalErrorKind.NoDegreesOfFreedom => (ErrorIds.SignalNoDegreesOfFreedom, ErrorCategory.InvalidData, "Use fewer confounds, a wider pass band, less censoring, or longer runs."),
            SignalErrorKind.InvalidParameter => (ErrorIds.SignalParameterInvalid, ErrorCategory.InvalidArgument, "Check the cut-offs (Hz, high-pass below low-pass) and the repetition time (seconds)."),
            SignalErrorKind.TooFewTimepointsToCorrelate => (ErrorIds.SignalTooShortForCorrelation, ErrorCategory.InvalidData, "A correlation needs at least 3 time points: keep more volumes (-SampleMask, scrubbing thresholds of Import-Confounds) or use a longer run."),
        };
        return Build(ex, id, category, target, action);
    }

    public static ErrorRecord FromMasking(MaskingException ex, object? target)
    {
        var (id, category, action) = ex.Kind switch
        {
            MaskingErrorKind.EmptySphere => (ErrorIds.SeedOutsideImage, ErrorCategory.InvalidArgument, "Check the seed's coordinates (world mm, e.g. MNI) against the image's field of view, or use a larger -Radius."),
            MaskingErrorKind.SpheresOverlap => (ErrorIds.SpheresOverlap, ErrorCategory.InvalidArgument, "Use -AllowOverlap, a smaller -Radius, or seeds farther apart."),
            MaskingErrorKind.GridMismatch => (ErrorIds.MaskGridMismatch, ErrorCategory.InvalidData, "The mask must have the image's shape and affine: resample it to the image first."),
            MaskingErrorKind.WrongDimensions => (ErrorIds.ImageDimensionsInvalid, ErrorCategory.InvalidData, "Give a 4D functional image (3D images give one time point)."),
            MaskingErrorKind.EmptyMask => (ErrorIds.MaskEmpty, ErrorCategory.InvalidData, "Check the mask image, or use -MaskStrategy Epi."),
            MaskingErrorKind.InvalidParameter => (ErrorIds.MaskerParameterInvalid, ErrorCategory.InvalidArgument, "Check -Radius and -SmoothingFwhm (mm, non-negative), the seeds and the labels given."),
            MaskingErrorKind.InvalidAffine => (ErrorIds.ImageAffineInvalid, ErrorCategory.InvalidData, "The image's header places no voxel in mm: fix its sform/qform or pixdim (nibabel: set_sform/set_qform; FSL: fslorient), or re-export it from its source."),
            MaskingErrorKind.SmoothingKernelTooLarge => (ErrorIds.SmoothingKernelTooLarge, ErrorCategory.InvalidData, "Check the image's voxel size (Import-Nifti <file> | Select-Object VoxelSize) and its units (xyzt_units: a header in metres or microns): fix the header, or give -SmoothingFwhm in the mm the header really uses."),
            MaskingErrorKind.LabelsNotInteger => (ErrorIds.LabelsImageNotInteger, ErrorCategory.InvalidData, LabelsNotIntegerAction),
        };
        return Build(ex, id, category, target, action);
    }

    public static ErrorRecord FromBids(BidsException ex, object? target)
    {
        var (id, category, action) = ex.Kind switch
        {
            BidsErrorKind.FolderNotFound => (ErrorIds.FmriprepFolderNotFound, ErrorCategory.ObjectNotFound, "Give the fMRIPrep output folder that holds the sub-* folders (e.g. derivatives/fmriprep)."),
            BidsErrorKind.InvalidSidecar => (ErrorIds.BidsSidecarInvalid, ErrorCategory.InvalidData, "Check the JSON file: it must be one JSON object with valid values."),
            BidsErrorKind.InvalidValue => (ErrorIds.BidsSidecarValueInvalid, ErrorCategory.InvalidData, "A value to write is NaN, infinite or of a type JSON cannot hold: check the numbers the run produced (e.g. a repetition time or threshold)."),
            BidsErrorKind.StampedFileMissing => (ErrorIds.BidsStampedFileMissing, ErrorCategory.ObjectNotFound, "A file the sidecar describes was moved or deleted during the run: keep the inputs in place and run again."),
            BidsErrorKind.InvalidName => (ErrorIds.BidsNameInvalid, ErrorCategory.InvalidArgument, "Use names of letters and digits: characters outside [0-9a-zA-Z+] are removed from BIDS labels."),
        };
        return Build(ex, id, category, target, action);
    }

    public static ErrorRecord FromSeed(SeedException ex, object? target)
    {
        var (id, category, action) = ex.Kind switch
        {
            SeedErrorKind.InvalidAtlas => (ErrorIds.SeedAtlasInvalid, ErrorCategory.InvalidData, "Give a 3D integer labels image (a BIDS dseg image) with an index/name TSV, or a table with x, y, z (or R, A, S) columns in mm."),
            SeedErrorKind.NoLabelLeft => (ErrorIds.SeedAtlasNoLabelLeft, ErrorCategory.InvalidData, "Check that the atlas and the data are in the same space, and that the regions are larger than the data's voxels."),
            SeedErrorKind.LabelsNotInteger => (ErrorIds.LabelsImageNotInteger, ErrorCategory.InvalidData, LabelsNotIntegerAction),
            SeedErrorKind.InvalidParameter => (ErrorIds.SeedParameterInvalid, ErrorCategory.InvalidArgument, "Give one -Name per -Coordinate (names with letters or digits, distinct after removing other characters) and a -Radius in mm."),
        };
        return Build(ex, id, category, target, action);
    }

    private static ErrorRecord Build(Exception ex, string id, ErrorCategory category, object? target, string action, string? message = null) =>
        new(ex, id, category, target) { ErrorDetails = new ErrorDetails(message ?? ex.Message) { RecommendedAction = action } };

    public static ErrorRecord Create(string id, ErrorCategory category, object? target, string message, string action, Exception? inner = null) =>
        Build(inner ?? new InvalidOperationException(message), id, category, target, action, message);

    public static ErrorRecord FromGroup(GroupStatisticsException ex)
    {
        var (id, category, action) = ex.Kind switch
        {
            GroupStatisticsErrorKind.TooFewSubjects => (ErrorIds.GroupTooFewSubjects, ErrorCategory.InvalidData, "Give the maps of at least two subjects (file names with different sub- labels)."),
            GroupStatisticsErrorKind.MixedSeeds => (ErrorIds.GroupMixedSeeds, ErrorCategory.InvalidData, "Filter the maps by seed, e.g. Get-ChildItem -Recurse -Filter '*_desc-PCC_boldmap.nii.gz'."),
            GroupStatisticsErrorKind.MixedEntities => (ErrorIds.GroupMixedEntities, ErrorCategory.InvalidData, "Test one task, space and atlas at a time (filter the file names)."),
            GroupStatisticsErrorKind.GridMismatch => (ErrorIds.GroupGridMismatch, ErrorCategory.InvalidData, "Resample the maps (and mask) to one grid first, e.g. compute every subject's map on the same template resolution."),
            GroupStatisticsErrorKind.NoGrid => (ErrorIds.GroupMapNoGrid, ErrorCategory.InvalidData, "Use maps written with their sform/qform (as fMRIPrep and SeedCorr write them); re-export the map from its source."),
            GroupStatisticsErrorKind.NotAVolume => (ErrorIds.GroupMapNotVolume, ErrorCategory.InvalidData, "Give one 3D map per subject and run (one seed per file)."),
            GroupStatisticsErrorKind.NameNotUnderstood => (ErrorIds.GroupMapNameInvalid, ErrorCategory.InvalidData, "Name maps the BIDS way (sub-<label>_…_stat-fisherz_desc-<seed>_boldmap.nii.gz) and give Fisher z maps, not r maps."),
            GroupStatisticsErrorKind.EmptyMap => (ErrorIds.GroupMapEmpty, ErrorCategory.InvalidData, "Recompute that subject's map, or leave it out."),
            GroupStatisticsErrorKind.EmptyMask => (ErrorIds.GroupMaskEmpty, ErrorCategory.InvalidData, "Check that the subjects' brain masks overlap (same space), or give -MaskImage."),
            GroupStatisticsErrorKind.InvalidParameter => (ErrorIds.GroupParameterInvalid, ErrorCategory.InvalidArgument, "Check -Permutations (≥ 0), -Fdr (0 < q < 1) and -ClusterThreshold (a t value ≥ 0)."),
        };
        return ErrorRecords.Create(id, category, ex.FilePath, ex.Message, action, ex);
    }

    public static ErrorRecord FromStudy(StudyException ex, object? target)
    {
        var (id, category, action) = ex.Kind switch
        {
            StudyErrorKind.InvalidParameter => (ErrorIds.StudyParameterInvalid, ErrorCategory.InvalidArgument, "Give at least one seed (New-SphereSeed, Import-SeedAtlas) with names that differ after removing characters outside [0-9a-zA-Z+], and a smoothing FWHM ≥ 0."),
            StudyErrorKind.RunIncomplete => (ErrorIds.FmriprepRunIncomplete, ErrorCategory.ObjectNotFound, "Restore the missing file from fMRIPrep's outputs, or leave the run out (Get-FmriprepRun reports it)."),
            StudyErrorKind.OutputBlocked => (ErrorIds.SeedToVoxelOutputBlocked, ErrorCategory.WriteError, "Move the folder or file that stands where an output goes, or choose another -OutputDirectory."),
            StudyErrorKind.ParametersFileInvalid => (ErrorIds.SeedToVoxelJobInvalid, ErrorCategory.InvalidData, "Submit the study again with Submit-SeedToVoxelJob (it writes code/seedcorr/parameters.json and job.json), or restore the file and the atlas files it names."),
        };
        return Build(ex, id, category, target, action);
    }

    /// <summary>
    /// Any failure of a study run, as the record of the cmdlet that ran it: Core's typed exceptions keep their own
    /// ids; file-system failures become write errors naming the file; anything else is reported with its type.
    /// </summary>
    public static ErrorRecord FromAny(Exception ex, object? target) => ex switch
    {
        NiftiException e => FromNifti(e, target),
        ConfoundsException e => FromConfounds(e, target),
        SignalException e => FromSignal(e, target),
        MaskingException e => FromMasking(e, target),
        BidsException e => FromBids(e, target),
        SeedException e => FromSeed(e, target),
        StudyException e => FromStudy(e, target),
        SeedCorr.Core.Cluster.SlurmException e => FromSlurm(e, target),
        SeedCorr.Core.IO.FileReadOnlyException e => Create(ErrorIds.SeedToVoxelOutputReadOnly, ErrorCategory.PermissionDenied, target, e.Message,
            "An output file is read-only: use -Force to replace it, or make it writable.", e),
        IOException or UnauthorizedAccessException => Create(ErrorIds.SeedToVoxelRunFailed, ErrorCategory.WriteError, target, ex.Message,
            "Check that the output folder is writable and has free space.", ex),
        _ => Create(ErrorIds.SeedToVoxelRunFailed, ErrorCategory.NotSpecified, target, $"{ex.GetType().Name}: {ex.Message}",
            "This is a defect in SeedCorr: please report it with the run's files' headers and the command.", ex),
    };

    /// <summary>A Slurm command failed or Slurm is not installed.</summary>
    public static ErrorRecord FromSlurm(SeedCorr.Core.Cluster.SlurmException ex, object? target) =>
        Create(ErrorIds.SlurmCommandFailed, ErrorCategory.ConnectionError, target, ex.Message,
            "Check that Slurm's commands (sbatch, scontrol) work here (sinfo), or use -Scheduler Local, or -ScriptOnly to write the script and submit it yourself.", ex);
}
