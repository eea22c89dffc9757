using SeedCorr.Core.Nifti;

namespace SeedCorr.Plotting;

/// <summary>
/// Whether an image is in an MNI space, so a figure can be drawn over the MNI template: its header says so (the sform
/// code, or without an sform the qform code, is 4 = NIFTI_XFORM_MNI_152, which fMRIPrep writes for its MNI outputs),
/// or its BIDS file name has a <c>space-MNI…</c> entity (MNI152NLin2009cAsym, MNI152NLin6Asym, MNI305, …).
/// </summary>
public static class MniSpace
{
    /// <summary>NIFTI_XFORM_MNI_152.</summary>
    public const int XformMni152 = 4;

    /// <summary>True when the header or the file name places the image in an MNI space.</summary>
    public static bool Contains(NiftiImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var h = image.Header;
        var code = h.SformCode > 0 ? h.SformCode : h.QformCode;
        return code == XformMni152 || HasMniEntity(image.Path);
    }

    /// <summary>True when a BIDS file name carries a <c>space-MNI…</c> entity.</summary>
    public static bool HasMniEntity(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return false;
        }

        foreach (var entity in Path.GetFileName(path).Split('_'))
        {
            if (entity.StartsWith("space-MNI", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
