using System.Management.Automation;
using SeedCorr.Core.Nifti;

namespace SeedCorr.PowerShell.Common;

/// <summary>Parameters that take an image either as a NiftiImage or as a path.</summary>
internal static class ImageArgument
{
    /// <summary>The image, read from a path when needed; null after writing an error.</summary>
    public static NiftiImage? Resolve(PSCmdlet cmdlet, object? value, string parameter)
    {
        var v = InputConversion.Unwrap(value);
        switch (v)
        {
            case null:
                return null;
            case NiftiImage image:
                return image;
            case string or FileInfo:
                var given = v is FileInfo fi ? fi.FullName : (string)v;
                var file = PathResolver.ResolveExisting(cmdlet, given, literal: true).FirstOrDefault();
                if (file is null)
                {
                    return null;
                }

                try
                {
                    return NiftiReader.Read(file);
                }
                catch (NiftiException ex)
                {
                    cmdlet.WriteError(ErrorRecords.FromNifti(ex, file));
                    return null;
                }

            default:
                cmdlet.WriteError(ErrorRecords.Create(ErrorIds.MaskImageInvalid, ErrorCategory.InvalidType, value,
                    $"-{parameter} takes a NiftiImage (Import-Nifti) or the path of a NIfTI file, not a {v.GetType().Name}.",
                    "Pass the path of the NIfTI file, or the result of Import-Nifti."));
                return null;
        }
    }
}
