using System.IO.Compression;
using SeedCorr.Core.Connectivity;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Signal;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Connectivity;

/// <summary>
/// A many-seed map written volume by volume (<see cref="CorrelationMap.ToStreamedImage"/>) is the very file that
/// writing the whole in-memory image gives, byte for byte, across the writer's block boundaries.
/// </summary>
public sealed class StreamedMapTests
{
    private static readonly Lazy<NiftiImage> Bold = new(() =>
        NiftiReader.Read(TestData.Path("small", "sub-synth01_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz")));

    // 300 seeds on the 24×28×24 grid: the writer fills 65 volumes (4 MB) per block, so this spans full blocks and a partial
    // block. Seed 0 is brain voxel 0 itself (r = 1, so Fisher z meets the clamp); seed 1 is constant (r = 0 everywhere).
    private static CorrelationMap ManySeedMap()
    {
        var brain = BrainMasker.Fit(Bold.Value, MaskStrategy.Background, [6]).Transform(Bold.Value, []);
        var t = brain.Timepoints;
        const int k = 300;
        var rng = new Random(18);
        var seeds = new float[t * k];
        for (var i = 0; i < t; i++)
        {
            seeds[i * k] = brain[i, 0];
            seeds[(i * k) + 1] = 3;
            for (var s = 2; s < k; s++)
            {
                seeds[(i * k) + s] = (float)rng.NextDouble();
            }
        }

        return SeedCorrelation.Compute(brain, new SignalMatrix(t, k, seeds));
    }

    [Theory]
    [InlineData(false, ".nii")]
    [InlineData(true, ".nii")]
    [InlineData(false, ".nii.gz")]
    [InlineData(true, ".nii.gz")]
    public void A_streamed_map_is_the_file_the_whole_image_gives(bool fisherZ, string extension)
    {
        var map = ManySeedMap();
        using var dir = new TempDir();
        var whole = dir.Path("whole" + extension);
        var streamed = dir.Path("streamed" + extension);
        NiftiWriter.Write(map.ToImage(fisherZ), whole);
        var image = map.ToStreamedImage(fisherZ);
        Assert.NotNull(image);
        Assert.Equal([24, 28, 24, 300], image.Shape);
        NiftiWriter.Write(image, streamed);

        Assert.Equal(Decompressed(whole), Decompressed(streamed));
        var back = NiftiReader.Read(streamed);
        var values = back.GetData();
        const int n = 24 * 28 * 24;
        Assert.All(values.Skip(n).Take(n), v => Assert.Equal(0f, v));                          // the constant seed
        Assert.Equal(map.Voxels, values.Skip(299 * n).Take(n).Count(v => v != 0));              // the last seed, in the partial block
        Assert.Equal(fisherZ ? FisherZ.IntentEstimate : FisherZ.IntentCorrel, back.Header.IntentCode);
        // Seed 0 against itself: r = 1 (float rounding), z at the clamp artanh(0.999329) ≈ 4.
        var self = values.Take(n).Max();
        Assert.Equal(fisherZ ? 4.0 : 1.0, self, fisherZ ? 3 : 5);
    }

    [Fact]
    public void The_streamed_image_in_memory_equals_the_whole_image()
    {
        var map = ManySeedMap();
        var streamed = map.ToStreamedImage(fisherZ: true)!.ToImage();
        var whole = map.ToImage(fisherZ: true);
        Assert.Equal(whole.Shape, streamed.Shape);
        Assert.Equal(whole.GetData(), streamed.GetData());
        Assert.Equal(whole.Header.IntentName, streamed.Header.IntentName);
    }

    [Fact]
    public void A_map_not_on_a_brain_grid_has_no_streamed_image_and_one_without_a_masker_says_why()
    {
        var sphere = new SphereMasker([new WorldPoint(0, -52, 18), new WorldPoint(0, 50, 0)], 8).Transform(Bold.Value, []);
        var onSpheres = SeedCorrelation.Compute(sphere, sphere);
        Assert.Null(onSpheres.ToStreamedImage());

        var bare = SeedCorrelation.Compute(new SignalMatrix(3, 2, [1, 2, 3, 1, 2, 4]), new SignalMatrix(3, 1, [1, 2, 3]));
        var ex = Assert.Throws<InvalidOperationException>(() => bare.ToStreamedImage());
        Assert.Contains("grid", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_streamed_image_is_written_only_as_float32()
    {
        var image = ManySeedMap().ToStreamedImage()!;
        using var dir = new TempDir();
        var ex = Assert.Throws<NiftiException>(() => NiftiWriter.Write(image, dir.Path("m.nii"), new NiftiWriteOptions { DataType = NiftiDataType.Int16 }));
        Assert.Equal(NiftiErrorKind.UnsupportedDataType, ex.Kind);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.FullName));
    }

    private static byte[] Decompressed(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
        {
            return File.ReadAllBytes(path);
        }

        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }
}
