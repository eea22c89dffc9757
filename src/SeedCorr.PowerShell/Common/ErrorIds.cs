namespace SeedCorr.PowerShell.Common;

/// <summary>
/// Stable error ids. Scripts match on them (<c>$_.FullyQualifiedErrorId -like 'NiftiDataTruncated,*'</c>), so they
/// never change once released.
/// </summary>
internal static class ErrorIds
{
    public const string NiftiFileNotFound = nameof(NiftiFileNotFound);
    public const string NiftiDataTruncated = nameof(NiftiDataTruncated);
    public const string NiftiHeaderInvalid = nameof(NiftiHeaderInvalid);
    public const string NiftiDataTypeUnsupported = nameof(NiftiDataTypeUnsupported);
    public const string NiftiCompressedDataCorrupt = nameof(NiftiCompressedDataCorrupt);
    public const string NiftiTooLarge = nameof(NiftiTooLarge);
    public const string NiftiWriteFailed = nameof(NiftiWriteFailed);
    public const string NiftiReadFailed = nameof(NiftiReadFailed);
    public const string FileExists = nameof(FileExists);
    public const string PathNotFileSystem = nameof(PathNotFileSystem);
    public const string PathNotFound = nameof(PathNotFound);

    public const string ConfoundsFileNotFound = nameof(ConfoundsFileNotFound);
    public const string ConfoundsEmpty = nameof(ConfoundsEmpty);
    public const string ConfoundsMalformed = nameof(ConfoundsMalformed);
    public const string ConfoundsMissingValue = nameof(ConfoundsMissingValue);
    public const string ConfoundsDuplicateColumn = nameof(ConfoundsDuplicateColumn);
    public const string ConfoundsColumnNotFound = nameof(ConfoundsColumnNotFound);
    public const string ConfoundsInvalid = nameof(ConfoundsInvalid);

    public const string SignalInputInvalid = nameof(SignalInputInvalid);
    public const string SignalParameterInvalid = nameof(SignalParameterInvalid);
    public const string RepetitionTimeMissing = nameof(RepetitionTimeMissing);
    public const string SignalTooShortForFilter = nameof(SignalTooShortForFilter);
    public const string SignalShapeMismatch = nameof(SignalShapeMismatch);
    public const string ConfoundsNotFinite = nameof(ConfoundsNotFinite);
    public const string SampleMaskInvalid = nameof(SampleMaskInvalid);
    public const string AllVolumesRemoved = nameof(AllVolumesRemoved);

    public const string SeedOutsideImage = nameof(SeedOutsideImage);
    public const string SpheresOverlap = nameof(SpheresOverlap);
    public const string MaskGridMismatch = nameof(MaskGridMismatch);
    public const string ImageDimensionsInvalid = nameof(ImageDimensionsInvalid);
    public const string MaskEmpty = nameof(MaskEmpty);
    public const string MaskerParameterInvalid = nameof(MaskerParameterInvalid);
    public const string MaskImageInvalid = nameof(MaskImageInvalid);

    public const string FigureFormatUnsupported = nameof(FigureFormatUnsupported);
    public const string FigureWriteFailed = nameof(FigureWriteFailed);
    public const string PlotParameterInvalid = nameof(PlotParameterInvalid);
    public const string PlotInputInvalid = nameof(PlotInputInvalid);

    public const string FileReadOnly = nameof(FileReadOnly);
    public const string FileNotRegular = nameof(FileNotRegular);
    public const string SignalRolesSwapped = nameof(SignalRolesSwapped);
    public const string VolumeNotFinite = nameof(VolumeNotFinite);
    public const string NiftiScalingUnrepresentable = nameof(NiftiScalingUnrepresentable);
    public const string ConfoundsCamelCaseHeader = nameof(ConfoundsCamelCaseHeader);
    public const string ConfoundsNoHeader = nameof(ConfoundsNoHeader);
    public const string ConfoundsSidecarMissing = nameof(ConfoundsSidecarMissing);
    public const string ConfoundsSidecarInvalid = nameof(ConfoundsSidecarInvalid);
    public const string ConfoundsStrategyInvalid = nameof(ConfoundsStrategyInvalid);
    public const string ConfoundsStrategyColumnsMissing = nameof(ConfoundsStrategyColumnsMissing);
    public const string ConfoundsParameterInvalid = nameof(ConfoundsParameterInvalid);
    public const string ConfoundsAllVolumesCensored = nameof(ConfoundsAllVolumesCensored);
    public const string ConfoundsImageNameInvalid = nameof(ConfoundsImageNameInvalid);
    public const string ConfoundsFileAmbiguous = nameof(ConfoundsFileAmbiguous);
    public const string ConfoundsWriteFailed = nameof(ConfoundsWriteFailed);
    public const string SignalTooManyRegressors = nameof(SignalTooManyRegressors);
    public const string SignalNoDegreesOfFreedom = nameof(SignalNoDegreesOfFreedom);
    public const string GroupTooFewSubjects = nameof(GroupTooFewSubjects);
    public const string GroupMixedSeeds = nameof(GroupMixedSeeds);
    public const string GroupMixedEntities = nameof(GroupMixedEntities);
    public const string GroupGridMismatch = nameof(GroupGridMismatch);
    public const string GroupMapNoGrid = nameof(GroupMapNoGrid);
    public const string GroupMapNotVolume = nameof(GroupMapNotVolume);
    public const string GroupMapNameInvalid = nameof(GroupMapNameInvalid);
    public const string GroupMapEmpty = nameof(GroupMapEmpty);
    public const string GroupMaskEmpty = nameof(GroupMaskEmpty);
    public const string GroupParameterInvalid = nameof(GroupParameterInvalid);
    public const string FmriprepFolderNotFound = nameof(FmriprepFolderNotFound);
    public const string FmriprepRunIncomplete = nameof(FmriprepRunIncomplete);
    public const string FmriprepRunInvalid = nameof(FmriprepRunInvalid);
    public const string BidsNameInvalid = nameof(BidsNameInvalid);
    public const string BidsSidecarInvalid = nameof(BidsSidecarInvalid);
    public const string SeedParameterInvalid = nameof(SeedParameterInvalid);
    public const string SeedAtlasInvalid = nameof(SeedAtlasInvalid);
    public const string SeedAtlasFileNotFound = nameof(SeedAtlasFileNotFound);
    public const string SeedAtlasNoLabelLeft = nameof(SeedAtlasNoLabelLeft);
    public const string SignalTooShortForCorrelation = nameof(SignalTooShortForCorrelation);
    public const string ImageAffineInvalid = nameof(ImageAffineInvalid);
    public const string DemoDataWriteFailed = nameof(DemoDataWriteFailed);
    public const string BidsSidecarValueInvalid = nameof(BidsSidecarValueInvalid);
    public const string BidsStampedFileMissing = nameof(BidsStampedFileMissing);
    public const string StudyParameterInvalid = nameof(StudyParameterInvalid);
    public const string SeedToVoxelOutputBlocked = nameof(SeedToVoxelOutputBlocked);
    public const string SeedToVoxelRunFailed = nameof(SeedToVoxelRunFailed);
    public const string SeedToVoxelOutputReadOnly = nameof(SeedToVoxelOutputReadOnly);
    public const string SmoothingKernelTooLarge = nameof(SmoothingKernelTooLarge);
    public const string LabelsImageNotInteger = nameof(LabelsImageNotInteger);
    public const string NiftiAffineInvalid = nameof(NiftiAffineInvalid);
    public const string ReportStudyNotFound = nameof(ReportStudyNotFound);
    public const string ReportStudyEmpty = nameof(ReportStudyEmpty);
    public const string ReportFormatUnsupported = nameof(ReportFormatUnsupported);
    public const string ReportWriteFailed = nameof(ReportWriteFailed);
    public const string SeedToVoxelJobInvalid = nameof(SeedToVoxelJobInvalid);
    public const string SeedToVoxelTaskIndexInvalid = nameof(SeedToVoxelTaskIndexInvalid);
    public const string SeedToVoxelJobTimeout = nameof(SeedToVoxelJobTimeout);
    public const string SlurmCommandFailed = nameof(SlurmCommandFailed);
}
