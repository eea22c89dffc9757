using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Signal;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Masking;

/// <summary>
/// The streaming pass (one read of the file, volumes smoothed while the next ones decompress) against the in-memory
/// maskers and nilearn's mask: the same bits, whatever path the mask takes (one pass, compaction, second pass).
/// </summary>
public sealed class StreamingExtractionTests
{
    private static readonly WorldPoint Pcc = new(0, -52, 18);

    [Fact]
    public void Small_case_gives_nilearns_mask_and_the_in_memory_maskers_signals_to_the_bit()
    {
        var x = StreamingExtraction.Run(Bits.SmallBold, new StreamingExtractionOptions { Maskers = [new SphereMasker([Pcc], 8)], FitBrainMasker = new(SmoothingFwhm: [6]) });

        var expectedMask = NiftiReader.Read(TestData.Path("small", "nilearn_standardize_true", "brain_mask.nii.gz"));
        Assert.Equal(expectedMask.GetData(), x.FittedBrainMasker!.Mask.GetData());
        Assert.Equal(4060, x.FittedBrainMasker!.VoxelCount);
        Assert.Equal(1, x.Passes);

        var image = NiftiReader.Read(Bits.SmallBold);
        var masker = BrainMasker.Fit(image, MaskStrategy.Background, [6]);
        Bits.AssertEqual(masker.Transform(image, []).Data, Brain(x).Data);
        Bits.AssertEqual(new SphereMasker([Pcc], 8).Transform(image, []).Data, x.Signals[0].Data);
        Bits.AssertEqual(TemporalMean.Of(image), x.MeanImage.GetData());
        Assert.Equal("(80, 4060)", Brain(x).Shape);
        Assert.Equal(2.0, Brain(x).RepetitionTime);
        Assert.Same(x.FittedBrainMasker, Brain(x).Masker);
        Assert.Empty(x.Warnings);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Several_smoothing_threads_give_the_same_bits_as_one(int consumers)
    {
        var x = StreamingExtraction.Run(Bits.SmallBold, new StreamingExtractionOptions { Maskers = [new SphereMasker([Pcc], 8)], FitBrainMasker = new(SmoothingFwhm: [6]), Consumers = consumers });
        var image = NiftiReader.Read(Bits.SmallBold);
        Bits.AssertEqual(BrainMasker.Fit(image, MaskStrategy.Background, [6]).Transform(image, []).Data, Brain(x).Data);
        Bits.AssertEqual(new SphereMasker([Pcc], 8).Transform(image, []).Data, x.Signals[0].Data);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_damaged_first_volume_fails_with_the_readers_error_whatever_the_number_of_threads(int consumers)
    {
        using var dir = new TempDir();
        var path = Write(dir, Blob(20, 20, 20, 30, seed: 10), [20, 20, 20, 30]);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..600]); // header and a little data: the first volume is cut
        var ex = Assert.Throws<NiftiException>(() => StreamingExtraction.Run(path, new StreamingExtractionOptions { FitBrainMasker = new(SmoothingFwhm: [6]), Consumers = consumers }));
        Assert.Equal(NiftiErrorKind.Truncated, ex.Kind);
    }

    [Fact]
    public void A_mask_voxel_that_is_background_in_the_first_volume_is_read_in_a_second_pass_for_the_brain_alone()
    {
        using var dir = new TempDir();
        var data = Blob(8, 9, 7, 12, seed: 1);
        // Voxel (0, 4, 3), outside the blob, is 0 (the background) in volume 0 only: its mean is not 0, so the fitted mask holds it.
        var voxel = 0 + (8 * (4 + (9 * 3)));
        for (var t = 1; t < 12; t++)
        {
            data[(t * 8 * 9 * 7) + voxel] = 50 + t;
        }

        var path = Write(dir, data, [8, 9, 7, 12]);
        var sphere = new SphereMasker([new WorldPoint(0, 16, 12)], 4); // around that voxel
        var x = StreamingExtraction.Run(path, new StreamingExtractionOptions { Maskers = [sphere], FitBrainMasker = new(SmoothingFwhm: [5]) });

        Assert.Equal(2, x.Passes);
        Assert.Equal(1f, x.FittedBrainMasker!.Mask.GetValue(0, 4, 3));
        SameAsInMemory(path, x, [5]);
        // The sphere keeps its signals from the first read.
        Bits.AssertEqual(sphere.Transform(NiftiReader.Read(path), []).Data, x.SignalsOf(sphere).Data);
    }

    [Fact]
    public void Candidates_that_leave_the_mask_are_dropped_without_a_second_read()
    {
        using var dir = new TempDir();
        var data = Blob(8, 9, 7, 12, seed: 2);
        // Voxel (7, 4, 3), outside the blob, is +3 then −3, alternately: non-background in volume 0, mean exactly 0, so not in the mask.
        var voxel = 7 + (8 * (4 + (9 * 3)));
        for (var t = 0; t < 12; t++)
        {
            data[(t * 8 * 9 * 7) + voxel] = t % 2 == 0 ? 3 : -3;
        }

        var path = Write(dir, data, [8, 9, 7, 12]);
        var x = StreamingExtraction.Run(path, new StreamingExtractionOptions { FitBrainMasker = new(SmoothingFwhm: [5]) });

        Assert.Equal(1, x.Passes);
        Assert.Equal(0f, x.FittedBrainMasker!.Mask.GetValue(7, 4, 3));
        SameAsInMemory(path, x, [5]);
    }

    [Fact]
    public void A_given_mask_is_used_as_it_is_and_a_scaled_int16_file_converts_as_in_memory()
    {
        using var dir = new TempDir();
        var data = Blob(10, 8, 6, 9, seed: 3);
        var image = NiftiImage.Create(data, [10, 8, 6, 9], Affine.Diagonal(3, 3, 3, -15, -12, -9), 2.5);
        var path = dir.Path("int16.nii.gz");
        NiftiWriter.Write(image, path, new NiftiWriteOptions { DataType = NiftiDataType.Int16 });
        var maskData = new float[10 * 8 * 6];
        for (var i = 0; i < maskData.Length; i += 3)
        {
            maskData[i] = 1;
        }

        var given = BrainMasker.FromMask(NiftiImage.Create(maskData, [10, 8, 6], image.Affine), [4]);
        var x = StreamingExtraction.Run(path, new StreamingExtractionOptions { Maskers = [given, new SphereMasker([new WorldPoint(0, 0, 0)], 4)] });

        Assert.Null(x.FittedBrainMasker);
        Assert.Same(given, x.Maskers[0]);
        var read = NiftiReader.Read(path);
        Assert.Equal(NiftiDataType.Int16, read.Header.DataType);
        Bits.AssertEqual(given.Transform(read, []).Data, x.SignalsOf(given).Data);
        Bits.AssertEqual(new SphereMasker([new WorldPoint(0, 0, 0)], 4).Transform(read, []).Data, x.Signals[1].Data);
        Assert.Equal(2.5, x.Signals[0].RepetitionTime);
    }

    [Fact]
    public void A_given_mask_on_another_grid_is_refused()
    {
        using var dir = new TempDir();
        var path = Write(dir, Blob(8, 9, 7, 4, seed: 4), [8, 9, 7, 4]);
        var given = BrainMasker.FromMask(NiftiImage.Create(Enumerable.Repeat(1f, 8 * 9 * 6).ToArray(), [8, 9, 6], Affine.Diagonal(4, 4, 4, 0, 0, 0)));
        var ex = Assert.Throws<MaskingException>(() => StreamingExtraction.Run(path, new StreamingExtractionOptions { Maskers = [given] }));
        Assert.Equal(MaskingErrorKind.GridMismatch, ex.Kind);
    }

    [Fact]
    public void Non_finite_values_are_zeroed_and_reported_as_in_memory()
    {
        using var dir = new TempDir();
        var data = Blob(8, 9, 7, 6, seed: 5);
        var centre = 4 + (8 * (4 + (9 * 3)));
        data[(2 * 8 * 9 * 7) + centre] = float.NaN;
        data[(4 * 8 * 9 * 7) + centre + 1] = float.PositiveInfinity;
        var path = Write(dir, data, [8, 9, 7, 6]);
        var x = StreamingExtraction.Run(path, new StreamingExtractionOptions { Maskers = [new SphereMasker([new WorldPoint(16, 16, 12)], 4)], FitBrainMasker = new(SmoothingFwhm: [5]) });

        var image = NiftiReader.Read(path);
        var warnings = new List<string>();
        var masker = BrainMasker.Fit(image, MaskStrategy.Background, [5]);
        new SphereMasker([new WorldPoint(16, 16, 12)], 4).Transform(image, warnings);
        Bits.AssertEqual(masker.Transform(image, warnings).Data, Brain(x).Data);
        Assert.Equal(warnings, x.Warnings);
        Assert.Contains("2 non-finite values", x.Warnings[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, NiftiErrorKind.Truncated)]
    [InlineData(-1, NiftiErrorKind.CorruptCompressed)]
    public void A_damaged_file_fails_with_the_readers_error_and_leaves_no_thread_behind(int cut, NiftiErrorKind kind)
    {
        using var dir = new TempDir();
        var path = Write(dir, Blob(20, 20, 20, 30, seed: 6), [20, 20, 20, 30]);
        var bytes = File.ReadAllBytes(path);
        if (cut > 0)
        {
            bytes = bytes[..(bytes.Length * cut / 200)];
        }
        else
        {
            // Flip bytes in the middle of the deflate stream: the inflater or the CRC check must notice.
            for (var i = bytes.Length / 2; i < (bytes.Length / 2) + 64; i++)
            {
                bytes[i] ^= 0x5A;
            }
        }

        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<NiftiException>(() => StreamingExtraction.Run(path, new StreamingExtractionOptions { FitBrainMasker = new(SmoothingFwhm: [6]) }));
        Assert.Equal(kind, ex.Kind);
    }

    [Fact]
    public void Signals_beyond_the_memory_limit_are_refused_as_the_reader_refuses_an_image()
    {
        using var dir = new TempDir();
        var path = Write(dir, Blob(20, 20, 20, 30, seed: 8), [20, 20, 20, 30]);
        // 18·18·18 = 5,832 blob voxels × 30 volumes × 4 bytes = 700 KB of signals; allow 500 KB.
        var ex = Assert.Throws<NiftiException>(() => StreamingExtraction.Run(path, new StreamingExtractionOptions
        {
            FitBrainMasker = new(SmoothingFwhm: [6]), ReadOptions = new NiftiReadOptions { MaxDataBytes = 500_000 },
        }));
        Assert.Equal(NiftiErrorKind.TooLarge, ex.Kind);
        Assert.Contains("5,832 voxels or regions × 30 volumes", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, StreamingExtraction.Run(path, new StreamingExtractionOptions { FitBrainMasker = new(), ReadOptions = new NiftiReadOptions { MaxDataBytes = 800_000 } }).Passes);
    }

    [Fact]
    public void Cancellation_stops_the_pass()
    {
        using var dir = new TempDir();
        var path = Write(dir, Blob(20, 20, 20, 40, seed: 7), [20, 20, 20, 40]);
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p > 0.2)
            {
                cts.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => StreamingExtraction.Run(path, new StreamingExtractionOptions { FitBrainMasker = new(SmoothingFwhm: [6]) }, progress, cts.Token));
    }

    [Fact]
    public void Progress_is_reported_on_the_callers_thread_only_whichever_thread_that_is()
    {
        using var dir = new TempDir();
        var path = Write(dir, Blob(20, 20, 20, 40, seed: 9), [20, 20, 20, 40]);
        var image = NiftiReader.Read(path);
        var masker = BrainMasker.Fit(image, MaskStrategy.Background, [6]);
        foreach (var run in new Action<IProgress<double>>[]
        {
            p => StreamingExtraction.Run(path, new StreamingExtractionOptions { FitBrainMasker = new(SmoothingFwhm: [6]) }, p),
            p => masker.Transform(image, [], p),
        })
        {
            var reports = new List<(int Thread, double Value)>();
            var caller = 0;
            // A thread of its own, as a PowerShell pipeline thread is (not the process's first thread).
            var thread = new Thread(() =>
            {
                caller = Environment.CurrentManagedThreadId;
                run(new SynchronousProgress(v => reports.Add((Environment.CurrentManagedThreadId, v))));
            });
            thread.Start();
            thread.Join();
            Assert.NotEmpty(reports);
            Assert.All(reports, r => Assert.Equal(caller, r.Thread));
            Assert.All(reports, r => Assert.InRange(r.Value, 0.0, 1.0));
        }
    }

    [Fact]
    public void Volume_reader_gives_the_volumes_of_the_whole_image_then_refuses_more()
    {
        var whole = NiftiReader.Read(Bits.SmallBold);
        using var reader = NiftiReader.OpenVolumes(Bits.SmallBold);
        Assert.Equal(whole.VolumeSize, reader.VolumeSize);
        Assert.Equal(80, reader.VolumeCount);
        var buffer = new float[reader.VolumeSize];
        for (var t = 0; t < reader.VolumeCount; t++)
        {
            reader.ReadVolume(buffer);
            Assert.True(whole.GetVolume(t).SequenceEqual(buffer), $"volume {t}");
        }

        Assert.Throws<InvalidOperationException>(() => reader.ReadVolume(buffer));
        using var other = NiftiReader.OpenVolumes(Bits.SmallBold);
        Assert.Throws<ArgumentException>(() => other.ReadVolume(new float[3]));
    }

    [Fact]
    public void Clean_in_place_gives_Cleans_bits_in_the_same_array()
    {
        var image = NiftiReader.Read(Bits.SmallBold);
        var signals = BrainMasker.Fit(image, MaskStrategy.Background, [6]).Transform(image, []);
        var options = new SignalCleanOptions { Detrend = true, Standardize = Standardization.ZScore, LowPass = 0.1, HighPass = 0.01, RepetitionTime = 2 };
        var copy = SignalCleaner.Clean(signals, options).Signals;
        var inPlace = SignalCleaner.CleanInPlace(signals, options).Signals;
        Assert.Same(signals.Data, inPlace.Data);
        Bits.AssertEqual(copy.Data, inPlace.Data);
        Assert.NotNull(inPlace.Cleaning);
    }

    /// <summary>The signals of the fitted brain masker (the last masker fed).</summary>
    private static SignalMatrix Brain(StreamingExtraction x) => x.Signals[^1];

    private static void SameAsInMemory(string path, StreamingExtraction x, double[] fwhm)
    {
        var image = NiftiReader.Read(path);
        var masker = BrainMasker.Fit(image, MaskStrategy.Background, fwhm);
        Assert.Equal(masker.Mask.GetData(), x.FittedBrainMasker!.Mask.GetData());
        Bits.AssertEqual(masker.Transform(image, []).Data, Brain(x).Data);
    }

    /// <summary>A smooth positive blob in a zero background, with noise, over time.</summary>
    private static float[] Blob(int nx, int ny, int nz, int nt, int seed)
    {
        var rng = new Random(seed);
        var data = new float[nx * ny * nz * nt];
        for (var t = 0; t < nt; t++)
        {
            for (var k = 1; k < nz - 1; k++)
            {
                for (var j = 1; j < ny - 1; j++)
                {
                    for (var i = 1; i < nx - 1; i++)
                    {
                        data[(((((t * nz) + k) * ny) + j) * nx) + i] = 100 + (10 * MathF.Sin(i + j + t)) + (float)rng.NextDouble();
                    }
                }
            }
        }

        return data;
    }

    private static string Write(TempDir dir, float[] data, int[] shape)
    {
        var path = dir.Path($"bold-{Guid.NewGuid():N}.nii.gz");
        NiftiWriter.Write(NiftiImage.Create(data, shape, Affine.Diagonal(4, 4, 4, 0, 0, 0), 2), path);
        return path;
    }


    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
