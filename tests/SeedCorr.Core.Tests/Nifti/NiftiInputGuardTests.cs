using System.Buffers.Binary;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Tests.IO;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Nifti;

/// <summary>Round-2 reliability: non-regular inputs, 64-bit sizes, the streaming budget, float32-unrepresentable scaling, corrupt volumes.</summary>
public sealed class NiftiInputGuardTests : IDisposable
{
    private static readonly string Func = TestData.Path("small", "sub-synth01_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz");
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_fifo_named_nii_is_refused_without_blocking_or_a_seek_error()
    {
        var fifo = InputFileTests.MakeFifo(_dir.Path("bold.nii"));
        // Without the type check the open blocks for ever: the wait makes that a failure, not a stopped run (no speed check).
        var ex = await Assert.ThrowsAsync<NiftiException>(() => Task.Run(() => NiftiReader.Read(fifo)).WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(NiftiErrorKind.NotRegularFile, ex.Kind);
        Assert.Contains("named pipe", ex.Message, StringComparison.Ordinal);
        var stream = await Assert.ThrowsAsync<NiftiException>(() => Task.Run(() => NiftiReader.OpenVolumes(fifo)).WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(NiftiErrorKind.NotRegularFile, stream.Kind);
    }

    [Fact]
    public void A_folder_named_nii_gz_and_a_pair_whose_img_is_a_fifo_are_refused()
    {
        Directory.CreateDirectory(_dir.Path("d.nii.gz"));
        var ex = Assert.Throws<NiftiException>(() => NiftiReader.ReadHeader(_dir.Path("d.nii.gz")));
        Assert.Equal(NiftiErrorKind.NotRegularFile, ex.Kind);
        Assert.Contains("folder", ex.Message, StringComparison.Ordinal);

        File.Copy(TestData.NiftiFixture("valid/fmt_pair.hdr"), _dir.Path("p.hdr"));
        InputFileTests.MakeFifo(_dir.Path("p.img"));
        var pair = Assert.Throws<NiftiException>(() => NiftiReader.Read(_dir.Path("p.hdr")));
        Assert.Equal(NiftiErrorKind.NotRegularFile, pair.Kind);
        Assert.Contains("p.img", pair.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_volume_of_2_to_the_31_voxels_is_too_large_not_an_overflow()
    {
        var header = new NiftiHeader
        {
            Version = 2,
            Magic = "n+2",
            Dim = [3, 65536, 32768, 1, 1, 1, 1, 1],
            DataType = NiftiDataType.UInt8,
            BitPix = 8,
            VoxOffset = 544,
        };
        var path = _dir.Path("huge.nii");
        using (var fs = File.Create(path))
        {
            fs.Write(NiftiHeaderCodec.Serialize(header));
            fs.Write(new byte[4]);
            fs.SetLength(544 + (1L << 31)); // sparse: nothing is written
        }

        Assert.Equal(1L << 31, NiftiReader.ReadHeader(path).VoxelCount);
        var ex = Assert.Throws<NiftiException>(() => NiftiReader.OpenVolumes(path));
        Assert.Equal(NiftiErrorKind.TooLarge, ex.Kind);
        Assert.Contains("2,147,483,648 voxels", ex.Message, StringComparison.Ordinal);
        Assert.Equal(NiftiErrorKind.TooLarge, Assert.Throws<NiftiException>(() => NiftiReader.Read(path)).Kind);
    }

    [Fact]
    public void The_streaming_pass_applies_the_memory_budget_to_its_volume_buffers()
    {
        var header = NiftiReader.ReadHeader(Func);
        var shape = header.Shape.Take(3).Select(d => (int)d).ToArray();
        var volumeBytes = shape.Aggregate(1, (a, b) => a * b) * sizeof(float);
        var maskData = new float[volumeBytes / sizeof(float)];
        maskData[maskData.Length / 2] = 1; // one voxel: the signals themselves are tiny
        var masker = BrainMasker.FromMask(NiftiImage.Create(maskData, shape, header.BestAffine));
        var options = new StreamingExtractionOptions
        {
            Maskers = [masker],
            ReadOptions = new NiftiReadOptions { MaxDataBytes = volumeBytes * 2 },
            Consumers = 1,
        };
        var ex = Assert.Throws<NiftiException>(() => StreamingExtraction.Run(Func, options));
        Assert.Equal(NiftiErrorKind.TooLarge, ex.Kind);
        Assert.Contains("volume buffers", ex.Message, StringComparison.Ordinal);

        // With room for the buffers the same pass runs.
        var result = StreamingExtraction.Run(Func, options with { ReadOptions = new NiftiReadOptions { MaxDataBytes = volumeBytes * 64 } });
        Assert.Equal(1, result.SignalsOf(masker).Series);
        var tiny = Assert.Throws<NiftiException>(() => NiftiReader.OpenVolumes(Func, new NiftiReadOptions { MaxDataBytes = volumeBytes - 1 }));
        Assert.Contains("one volume", tiny.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_intercept_that_float32_cannot_resolve_is_refused_for_float32_but_read_in_float64()
    {
        var bytes = File.ReadAllBytes(TestData.NiftiFixture("valid/dt_int16.nii"));
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(112), 1f);    // scl_slope
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(116), 1e10f); // scl_inter
        var path = _dir.Path("inter1e10.nii");
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<NiftiException>(() => NiftiReader.Read(path));
        Assert.Equal(NiftiErrorKind.ScalingUnrepresentable, ex.Kind);
        Assert.Contains("scl_inter 1E+10", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1024", ex.Message, StringComparison.Ordinal);
        Assert.Equal(NiftiErrorKind.ScalingUnrepresentable, Assert.Throws<NiftiException>(() => NiftiReader.OpenVolumes(path)).Kind);

        var (_, data) = NiftiReader.ReadAsDouble(path);
        var (_, raw) = NiftiReader.ReadRaw(path);
        Assert.Equal(BinaryPrimitives.ReadInt16LittleEndian(raw) + 1e10, data[0]);

        // An ordinary intercept is untouched.
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(116), -1000f);
        File.WriteAllBytes(path, bytes);
        _ = NiftiReader.Read(path);
    }

    [Fact]
    public void A_volume_without_a_finite_voxel_is_found_in_memory_and_in_the_file_and_can_be_left_out()
    {
        var data = new float[4 * 4 * 4 * 5];
        for (var n = 0; n < data.Length; n++)
        {
            data[n] = n % 64 < 3 ? float.NaN : n;
        }

        data.AsSpan(3 * 64, 64).Fill(float.NaN);
        var image = NiftiImage.Create(data, [4, 4, 4, 5], Affine.Diagonal(2, 2, 2, 0, 0, 0), 2.0);
        Assert.Equal([3], CorruptVolumes.Find(image));
        var path = _dir.Path("nan.nii.gz");
        NiftiWriter.Write(image, path);
        Assert.Equal([3], CorruptVolumes.Find(path));

        var kept = CorruptVolumes.Without(image, [3]);
        Assert.Equal([4, 4, 4, 4], kept.Shape);
        Assert.Equal(image.GetVolume(4), kept.GetVolume(3));
        Assert.Empty(CorruptVolumes.Find(kept));
        Assert.Equal("volumes 1, 3 and 4", CorruptVolumes.Describe([1, 3, 4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => CorruptVolumes.Without(image, [5]));
    }
}
