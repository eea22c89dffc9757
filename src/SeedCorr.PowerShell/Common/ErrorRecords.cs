using System.Management.Automation;
using SeedCorr.Core.Nifti;

namespace SeedCorr.PowerShell.Common;

/// <summary>The one place where Core exceptions become ErrorRecords: id, category, target and a recommended action.</summary>
internal static class ErrorRecords
{
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
            _ => (ErrorIds.NiftiWriteFailed, ErrorCategory.WriteError,
                "Check that the folder exists and is writable and that the name ends in .nii or .nii.gz."),
        };
        var record = new ErrorRecord(ex, id, category, target);
        record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = action };
        return record;
    }

    public static ErrorRecord Create(string id, ErrorCategory category, object? target, string message, string? action = null, Exception? inner = null)
    {
        var ex = inner ?? new InvalidOperationException(message);
        var record = new ErrorRecord(ex, id, category, target);
        record.ErrorDetails = new ErrorDetails(message);
        if (action is not null)
        {
            record.ErrorDetails.RecommendedAction = action;
        }

        return record;
    }
}
