using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Nifti;

public sealed class NiftiRoundTripTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<NiftiDataType, string> EveryDatatypeAndContainer()
    {
        var d = new TheoryData<NiftiDataType, string>();
        NiftiDataType[] types =
        [
            NiftiDataType.UInt8, NiftiDataType.Int8, NiftiDataType.Int16, NiftiDataType.UInt16, NiftiDataType.Int32,
            NiftiDataType.UInt32, NiftiDataType.Int64, NiftiDataType.UInt64, NiftiDataType.Float32, NiftiDataType.Float64,
        ];
        foreach (var t in types)
        {
            d.Add(t, ".nii");
            d.Add(t, ".nii.gz");
        }

        return d;
    }

    // A rigid rotation (10° about z, then 5° about x) with zooms 3, 3, 3.5: oblique but representable by a qform.
    private static readonly Affine Oblique = MakeOblique();

    private static Affine MakeOblique()
    {
        double cz = Math.Cos(0.1745), sz = Math.Sin(0.1745), cx = Math.Cos(0.0873), sx = Math.Sin(0.0873);
        double[,] rz = { { cz, -sz, 0 }, { sz, cz, 0 }, { 0, 0, 1 } };
        double[,] rx = { { 1, 0, 0 }, { 0, cx, -sx }, { 0, sx, cx } };
        double[] zooms = [3, 3, 3.5];
        var m = new double[12];
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 3; c++)
            {
                double v = 0;
                for (var k = 0; k < 3; k++)
                {
                    v += rx[r, k] * rz[k, c];
                }

                m[(r * 4) + c] = v * zooms[c];
            }
        }

        m[3] = -90;
        m[7] = -126;
        m[11] = -72;
        return new Affine(m);
    }

    [Theory]
    [MemberData(nameof(EveryDatatypeAndContainer))]
    public void Whole_numbers_in_range_round_trip_exactly(NiftiDataType type, string extension)
    {
        var (lo, hi) = type switch
        {
            NiftiDataType.UInt8 => (0, 255),
            NiftiDataType.Int8 => (-128, 127),
            NiftiDataType.Int16 => (-32768, 32767),
            NiftiDataType.UInt16 => (0, 65535),
            NiftiDataType.UInt32 or NiftiDataType.UInt64 => (0, 1 << 24),
            _ => (-(1 << 24), 1 << 24), // float32 holds every integer up to 2^24
        };
        var rng = new Random(7);
        var shape = new[] { 5, 4, 3, 6 };
        var data = new float[5 * 4 * 3 * 6];
        for (var n = 0; n < data.Length; n++)
        {
            data[n] = rng.Next(lo, hi);
        }

        data[0] = lo;
        data[1] = hi;
        var image = NiftiImage.Create(data, shape, Oblique, repetitionTime: 2.5);
        var path = _dir.Path("rt" + extension);
        NiftiWriter.Write(image, path, new NiftiWriteOptions { DataType = type });

        var back = NiftiReader.Read(path);
        Assert.Equal(type, back.DataType);
        Assert.Equal(shape, back.Shape);
        Assert.Equal(data, back.GetData());
        Assert.Equal(2.5, back.RepetitionTime);
        Assert.True(back.Affine.MaxAbsDifference(Oblique) < 1e-5, back.Affine.ToString());
        Assert.Equal(1.0, back.Header.SclSlope);
    }

    [Theory]
    [InlineData(NiftiDataType.Int16)]
    [InlineData(NiftiDataType.UInt8)]
    [InlineData(NiftiDataType.Int32)]
    public void Fractional_data_written_as_integers_is_scaled_within_half_a_step(NiftiDataType type)
    {
        var data = Enumerable.Range(0, 200).Select(n => (float)Math.Sin(n * 0.37) * 3.3f).ToArray();
        var image = NiftiImage.Create(data, [10, 20], Affine.Identity);
        var path = _dir.Path("scaled.nii.gz");
        NiftiWriter.Write(image, path, new NiftiWriteOptions { DataType = type });

        var back = NiftiReader.Read(path);
        Assert.True(back.Header.HasScaling);
        var step = back.Header.SclSlope;
        var worst = data.Zip(back.GetData(), (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst <= (step / 2) + 1e-6, $"worst error {worst} with slope {step}");
        Assert.True(step < 6.7 / 250, $"slope {step} does not use the type's range");
    }

    [Fact]
    public void Unmodified_image_keeps_its_extensions_and_header_fields()
    {
        var source = NiftiReader.Read(TestData.NiftiFixture("valid/ext_three.nii"));
        var path = _dir.Path("copy.nii");
        NiftiWriter.Write(source, path, new NiftiWriteOptions { DataType = source.DataType });

        var back = NiftiReader.Read(path);
        Assert.Equal(source.Header.Extensions.Select(e => e.Code), back.Header.Extensions.Select(e => e.Code));
        Assert.Equal(source.Header.Extensions.Select(e => Convert.ToHexString(e.GetContent())), back.Header.Extensions.Select(e => Convert.ToHexString(e.GetContent())));
        Assert.Equal(source.Header.Descrip, back.Header.Descrip);
        Assert.Equal(source.Header.IntentCode, back.Header.IntentCode);
        Assert.Equal(source.GetData(), back.GetData());
        Assert.Equal(0, back.Header.DataOffset % 16);
    }

    [Fact]
    public void Written_qform_and_sform_describe_the_same_oblique_affine()
    {
        var image = NiftiImage.Create(new float[24], [2, 3, 4], Oblique);
        var path = _dir.Path("oblique.nii");
        NiftiWriter.Write(image, path);
        var h = NiftiReader.ReadHeader(path);
        Assert.Equal(h.SformCode, h.QformCode);
        Assert.True(h.SformCode > 0);
        Assert.True(h.Qform.MaxAbsDifference(h.Sform) < 1e-4, $"qform\n{h.Qform}\nsform\n{h.Sform}");
    }

    [Fact]
    public void A_sheared_affine_keeps_the_exact_sform_and_marks_the_approximate_qform_unknown()
    {
        var shear = new Affine([2, 0.8, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0]);
        var path = _dir.Path("shear.nii");
        NiftiWriter.Write(NiftiImage.Create(new float[8], [2, 2, 2], shear), path);
        var h = NiftiReader.ReadHeader(path);
        Assert.Equal(0, h.QformCode);
        Assert.Equal(AffineSource.Sform, h.BestAffineSource);
        Assert.True(h.BestAffine.MaxAbsDifference(shear) < 1e-6);
    }

    [Fact]
    public void Negative_determinant_round_trips_through_qfac()
    {
        var lps = Affine.Diagonal(-2, -2, 2, 90, 126, -72); // det > 0 rotation 180° about z
        var ras = Affine.Diagonal(2, 2, -2, -90, -126, 72);  // det < 0: qfac -1
        foreach (var a in new[] { lps, ras })
        {
            var path = _dir.Path("q.nii");
            NiftiWriter.Write(NiftiImage.Create(new float[8], [2, 2, 2], a), path, new NiftiWriteOptions { Overwrite = true });
            var h = NiftiReader.ReadHeader(path);
            Assert.True(h.Qform.MaxAbsDifference(a) < 1e-5, h.Qform.ToString());
        }
    }

    [Fact]
    public void A_dimension_above_32767_is_written_as_nifti2()
    {
        var image = NiftiImage.Create(Enumerable.Range(0, 40000).Select(n => (float)n).ToArray(), [40000], Affine.Identity);
        var path = _dir.Path("long.nii.gz");
        NiftiWriter.Write(image, path);
        var back = NiftiReader.Read(path);
        Assert.Equal(2, back.Header.Version);
        Assert.Equal(image.GetData(), back.GetData());
    }

    [Fact]
    public void NaN_survives_float32_and_becomes_zero_raw_in_integer_types()
    {
        var data = new[] { 1f, float.NaN, 3f, float.PositiveInfinity };
        var image = NiftiImage.Create(data, [4], Affine.Identity);
        NiftiWriter.Write(image, _dir.Path("f.nii"));
        var back = NiftiReader.Read(_dir.Path("f.nii")).GetData();
        Assert.Equal(1f, back[0]);
        Assert.True(float.IsNaN(back[1]));
        Assert.Equal(float.PositiveInfinity, back[3]);
    }

    [Fact]
    public void Other_extensions_are_refused_before_anything_is_written()
    {
        var image = NiftiImage.Create(new float[8], [2, 2, 2], Affine.Identity);
        var ex = Assert.Throws<NiftiException>(() => NiftiWriter.Write(image, _dir.Path("x.img")));
        Assert.Equal(NiftiErrorKind.WriteFailed, ex.Kind);
        Assert.Empty(Directory.GetFiles(_dir.FullName));
    }

    [Fact]
    public void Refuses_to_overwrite_unless_asked()
    {
        var path = _dir.Path("keep.nii");
        File.WriteAllText(path, "precious");
        var image = NiftiImage.Create(new float[8], [2, 2, 2], Affine.Identity);
        var ex = Assert.Throws<NiftiException>(() => NiftiWriter.Write(image, path));
        Assert.Equal(NiftiErrorKind.WriteFailed, ex.Kind);
        Assert.Equal("precious", File.ReadAllText(path));
        NiftiWriter.Write(image, path, new NiftiWriteOptions { Overwrite = true });
        Assert.Equal(3, NiftiReader.Read(path).Rank);
    }

    [Fact]
    public void Cancelled_write_leaves_the_old_file_and_no_temporary_file()
    {
        var path = _dir.Path("old.nii.gz");
        var image = NiftiImage.Create(new float[1 << 20], [128, 128, 64], Affine.Identity);
        NiftiWriter.Write(image, path);
        var before = File.ReadAllBytes(path);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => NiftiWriter.Write(image, path, new NiftiWriteOptions { Overwrite = true }, cts.Token));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_dir.FullName));
    }

    [Fact]
    public void A_nifti2_header_field_too_wide_for_nifti1_is_kept_by_writing_nifti2()
    {
        var source = NiftiReader.Read(TestData.NiftiFixture("valid/fmt_nifti2.nii"));
        var image = NiftiImage.Create(source.GetData(), source.Shape, source.Affine, template: source.Header with { IntentCode = 70000 });
        var path = _dir.Path("wide.nii");
        NiftiWriter.Write(image, path);
        var back = NiftiReader.ReadHeader(path);
        Assert.Equal(2, back.Version);
        Assert.Equal(70000, back.IntentCode);
    }

    [Fact]
    public void A_guard_below_the_image_size_fails_with_TooLarge_before_reading()
    {
        var ex = Assert.Throws<NiftiException>(() => NiftiReader.Read(TestData.NiftiFixture("valid/large_4d_float32.nii.gz"), new NiftiReadOptions { MaxDataBytes = 1 << 19 }));
        Assert.Equal(NiftiErrorKind.TooLarge, ex.Kind);
        Assert.Contains("262,144 voxels", ex.Message, StringComparison.Ordinal);
    }
}
