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

    public const string FmriprepFolderNotFound = nameof(FmriprepFolderNotFound);
    public const string FmriprepRunIncomplete = nameof(FmriprepRunIncomplete);
    public const string FmriprepRunInvalid = nameof(FmriprepRunInvalid);
    public const string BidsNameInvalid = nameof(BidsNameInvalid);
    public const string BidsSidecarInvalid = nameof(BidsSidecarInvalid);
    public const string SeedParameterInvalid = nameof(SeedParameterInvalid);
    public const string SeedAtlasInvalid = nameof(SeedAtlasInvalid);
    public const string SeedAtlasFileNotFound = nameof(SeedAtlasFileNotFound);
    public const string SeedAtlasNoLabelLeft = nameof(SeedAtlasNoLabelLeft);
}
