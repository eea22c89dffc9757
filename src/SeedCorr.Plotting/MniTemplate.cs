using SeedCorr.Core.Nifti;

namespace SeedCorr.Plotting;

/// <summary>
/// The MNI ICBM 2009a symmetric T1 template that nilearn draws stat maps over, at nilearn's 2 mm: the shipped 1 mm
/// file (next to this assembly, in <c>templates/mni_icbm152_2009a/</c>) read once per process, every second voxel
/// kept and scaled to 0–1 by its maximum, which is what <c>load_mni152_template(resolution=2)</c> returns (its 2 mm
/// grid centres are 1 mm voxel centres, where the spline resampling reproduces the voxel values).
/// </summary>
public static class MniTemplate
{
    /// <summary>The template file's name.</summary>
    public const string FileName = "mni_icbm152_t1_tal_nlin_sym_09a_converted.nii.gz";

    private static readonly Lazy<PlotVolume> Cached = new(Load2mm, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folder the template and its notice are shipped in.</summary>
    public static string Folder => Path.Combine(Path.GetDirectoryName(typeof(MniTemplate).Assembly.Location) ?? string.Empty, "templates", "mni_icbm152_2009a");

    /// <summary>The 1 mm template file.</summary>
    public static string FilePath => Path.Combine(Folder, FileName);

    /// <summary>The 2 mm template (99×117×95, origin −98, −134, −72 mm), values 0–1, 0 outside the brain.</summary>
    public static PlotVolume TwoMillimetre => Cached.Value;

    // nilearn's 2 mm grid centres are the 1 mm voxels 0, 2, 4, … of each axis: read those only (and the whole image's
    // maximum for the 0–1 scaling), without building the 35 MB float copy of the 1 mm file.
    private static PlotVolume Load2mm()
    {
        var image = NiftiReader.ReadDecimated(FilePath, 2);
        var scale = image.FullMaximum > 0 ? 1 / image.FullMaximum : 1;
        var data = image.Data;
        for (var n = 0; n < data.Length; n++)
        {
            data[n] *= scale;
        }

        return new PlotVolume(data, image.Shape, image.Affine);
    }
}
