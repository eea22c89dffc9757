using System.Runtime.InteropServices;
using SeedCorr.Core.Nifti;

namespace SeedCorr.Plotting;

/// <summary>
/// The MNI ICBM 2009a symmetric T1 template that nilearn draws stat maps over, at nilearn's 2 mm: every second voxel
/// of the shipped 1 mm file (next to this assembly, in <c>templates/mni_icbm152_2009a/</c>) scaled to 0–1 by its
/// maximum, which is what <c>load_mni152_template(resolution=2)</c> returns (its 2 mm grid centres are 1 mm voxel
/// centres, where the spline resampling reproduces the voxel values). Read once per process, from the shipped 2 mm
/// file made from the 1 mm one (or, without it, from the 1 mm file).
/// </summary>
public static class MniTemplate
{
    /// <summary>The template file's name.</summary>
    public const string FileName = "mni_icbm152_t1_tal_nlin_sym_09a_converted.nii.gz";

    /// <summary>The shipped 2 mm file: every second voxel of the 1 mm file, uint8, its 1 mm maximum in cal_max.</summary>
    public const string TwoMillimetreFileName = "mni_icbm152_t1_tal_nlin_sym_09a_converted_2mm.nii.gz";

    private static readonly Lazy<PlotVolume> Cached = new(Load2mm, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folder the template and its notice are shipped in.</summary>
    public static string Folder => Path.Combine(Path.GetDirectoryName(typeof(MniTemplate).Assembly.Location) ?? string.Empty, "templates", "mni_icbm152_2009a");

    /// <summary>The 1 mm template file.</summary>
    public static string FilePath => Path.Combine(Folder, FileName);

    /// <summary>The 2 mm file made from it (<see cref="WriteTwoMillimetreFile"/>).</summary>
    public static string TwoMillimetreFilePath => Path.Combine(Folder, TwoMillimetreFileName);

    /// <summary>The 2 mm template (99×117×95, origin −98, −134, −72 mm), values 0–1, 0 outside the brain.</summary>
    public static PlotVolume TwoMillimetre => Cached.Value;

    /// <summary>
    /// nilearn's 2 mm grid centres are the 1 mm voxels 0, 2, 4, … of each axis: those voxels of the 1 mm file, and the
    /// whole file's maximum for the 0–1 scaling, without building the 35 MB float copy of the 1 mm file.
    /// </summary>
    public static DecimatedImage DecimateOneMillimetreFile() => NiftiReader.ReadDecimated(FilePath, 2);

    /// <summary>
    /// Writes what <see cref="DecimateOneMillimetreFile"/> gives as a uint8 NIfTI with the maximum in cal_max: the
    /// shipped 2 mm file (a test checks that it still equals the decimation). Why ship it: the first stat map of a
    /// process read the 1.6 MB 1 mm file (8.7 MB inflated) to keep an eighth of it.
    /// </summary>
    public static void WriteTwoMillimetreFile(string path)
    {
        var d = DecimateOneMillimetreFile();
        var header = new NiftiHeader
        {
            SformCode = 2,
            QformCode = 2,
            CalMax = d.FullMaximum,
            DescripBytes = [.. System.Text.Encoding.ASCII.GetBytes("MNI ICBM 2009a sym T1 2 mm: every 2nd voxel of the 1 mm file; cal_max = its max")],
        };
        var image = NiftiImage.Create(d.Data, d.Shape, d.Affine, null, header);
        NiftiWriter.Write(image, path, new NiftiWriteOptions { DataType = NiftiDataType.UInt8, Overwrite = true, CompressionLevel = System.IO.Compression.CompressionLevel.SmallestSize });
    }

    /// <summary>The shipped 2 mm file as <see cref="DecimateOneMillimetreFile"/> gives it (null when it is not there).</summary>
    public static DecimatedImage? ReadTwoMillimetreFile()
    {
        if (!File.Exists(TwoMillimetreFilePath))
        {
            return null;
        }

        var image = NiftiReader.Read(TwoMillimetreFilePath);
        var data = MemoryMarshal.TryGetArray(image.Data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length ? segment.Array : image.GetData();
        return new DecimatedImage(data, [.. image.Shape.Take(3)], image.Affine, (float)image.Header.CalMax);
    }

    private static PlotVolume Load2mm()
    {
        var image = ReadTwoMillimetreFile() ?? DecimateOneMillimetreFile();
        var scale = image.FullMaximum > 0 ? 1 / image.FullMaximum : 1;
        var data = image.Data;
        for (var n = 0; n < data.Length; n++)
        {
            data[n] *= scale;
        }

        return new PlotVolume(data, image.Shape, image.Affine);
    }
}
