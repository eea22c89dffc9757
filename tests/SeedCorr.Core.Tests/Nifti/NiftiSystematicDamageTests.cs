using System.IO.Compression;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Nifti;

/// <summary>
/// Systematic damage (not random): every header field set to each extreme value, and truncation at every byte, of a
/// NIfTI-1 and a NIfTI-2 file, plain and gzipped. Only a result or a NiftiException may come out.
/// </summary>
public sealed class NiftiSystematicDamageTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    // NIfTI-1 field offsets and widths (bytes), every field of the 348-byte header.
    private static readonly (int Offset, int Size)[] Nifti1Fields =
    [
        (0, 4), (4, 10), (14, 18), (32, 4), (36, 2), (38, 1), (39, 1),
        (40, 2), (42, 2), (44, 2), (46, 2), (48, 2), (50, 2), (52, 2), (54, 2),
        (56, 4), (60, 4), (64, 4), (68, 2), (70, 2), (72, 2), (74, 2),
        (76, 4), (80, 4), (84, 4), (88, 4), (92, 4), (96, 4), (100, 4), (104, 4),
        (108, 4), (112, 4), (116, 4), (120, 2), (122, 1), (123, 1), (124, 4), (128, 4), (132, 4), (136, 4), (140, 4), (144, 4),
        (148, 80), (228, 24), (252, 2), (254, 2), (256, 4), (260, 4), (264, 4), (268, 4), (272, 4), (276, 4),
        (280, 4), (284, 4), (288, 4), (292, 4), (296, 4), (300, 4), (304, 4), (308, 4), (312, 4), (316, 4), (320, 4), (324, 4),
        (328, 16), (344, 4), (348, 4),
    ];

    private static IEnumerable<byte[]> Extremes(int size)
    {
        yield return new byte[size];                                            // 0
        yield return Enumerable.Repeat((byte)0xFF, size).ToArray();             // −1 / NaN pattern
        var max = Enumerable.Repeat((byte)0xFF, size).ToArray();
        max[^1] = 0x7F;
        yield return max;                                                       // largest positive
        if (size == 4)
        {
            yield return BitConverter.GetBytes(float.NaN);
            yield return BitConverter.GetBytes(float.PositiveInfinity);
            yield return BitConverter.GetBytes(-1e30f);
        }
    }

    public static TheoryData<string> Files => new() { "valid/dt_int16.nii", "valid/ext_three.nii", "valid/fmt_nifti2.nii" };

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_field_at_every_extreme_value_gives_a_result_or_a_NiftiException(string file)
    {
        var src = File.ReadAllBytes(TestData.NiftiFixture(file));
        var v2 = BitConverter.ToInt32(src, 0) == 540;
        // NIfTI-2: every 8-byte word of the 544 header bytes; NIfTI-1: every field.
        var fields = v2 ? Enumerable.Range(0, 68).Select(i => (i * 8, 8)).ToArray() : Nifti1Fields;
        var cases = 0;
        foreach (var (offset, size) in fields)
        {
            foreach (var value in Extremes(size))
            {
                foreach (var gz in new[] { false, true })
                {
                    var bytes = (byte[])src.Clone();
                    value.CopyTo(bytes, offset);
                    Check(bytes, gz);
                    cases++;
                }
            }
        }

        Assert.True(cases > 300, $"{cases} cases");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Truncation_at_every_byte_gives_a_NiftiException(string file)
    {
        var src = File.ReadAllBytes(TestData.NiftiFixture(file));
        for (var length = 0; length < src.Length; length++)
        {
            foreach (var gz in new[] { false, true })
            {
                var ex = Assert.Throws<NiftiException>(() => Read(src.AsSpan(0, length).ToArray(), gz));
                Assert.True(ex.Kind is NiftiErrorKind.Truncated or NiftiErrorKind.InvalidHeader, $"length {length} gz {gz}: {ex.Kind}");
            }
        }
    }

    private void Check(byte[] bytes, bool gz)
    {
        try
        {
            var img = Read(bytes, gz);
            _ = img.ToString();
        }
        catch (NiftiException)
        {
        }
    }

    private NiftiImage Read(byte[] bytes, bool gz)
    {
        var path = _dir.Path(gz ? "d.nii.gz" : "d.nii");
        if (gz)
        {
            using var fs = File.Create(path);
            using var z = new GZipStream(fs, CompressionLevel.Fastest);
            z.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }

        return NiftiReader.Read(path, new NiftiReadOptions { MaxDataBytes = 64 << 20 });
    }
}
