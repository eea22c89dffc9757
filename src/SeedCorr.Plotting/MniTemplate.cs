using SeedCorr.Core.Geometry;
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

    private static PlotVolume Load2mm()
    {
        var image = NiftiReader.Read(FilePath);
        var (ni, nj, nk) = (image.Shape[0], image.Shape[1], image.Shape[2]);
        var (mi, mj, mk) = (((ni - 1) / 2) + 1, ((nj - 1) / 2) + 1, ((nk - 1) / 2) + 1);
        var data = image.Data.Span;
        var max = 0f;
        foreach (var v in data)
        {
            max = Math.Max(max, v);
        }

        var scale = max > 0 ? 1 / max : 1;
        var half = new float[mi * mj * mk];
        for (var k = 0; k < mk; k++)
        {
            for (var j = 0; j < mj; j++)
            {
                for (var i = 0; i < mi; i++)
                {
                    half[i + (mi * (j + (mj * k)))] = data[(2 * i) + (ni * ((2 * j) + (nj * 2 * k)))] * scale;
                }
            }
        }

        // The 2 mm grid shares the 1 mm grid's first voxel centre and doubles its steps.
        var m = image.Affine.ToRowMajor();
        for (var row = 0; row < 3; row++)
        {
            for (var column = 0; column < 3; column++)
            {
                m[(row * 4) + column] *= 2;
            }
        }

        var affine = new Affine(m);
        return new PlotVolume(half, [mi, mj, mk], affine);
    }
}
