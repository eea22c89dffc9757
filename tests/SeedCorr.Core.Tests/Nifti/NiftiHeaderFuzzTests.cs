using System.IO.Compression;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Tests.Support;
using Xunit.Abstractions;

namespace SeedCorr.Core.Tests.Nifti;

/// <summary>
/// Thousands of damaged files (fixed seed): byte flips and extreme values in the header and extension area, and
/// truncation anywhere. The only acceptable outcomes are a successful read or a <see cref="NiftiException"/>.
/// </summary>
public sealed class NiftiHeaderFuzzTests(ITestOutputHelper output) : IDisposable
{
    public const int Iterations = 6000;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string[] Seeds =
    [
        "valid/dt_int16.nii", "valid/be_float32.nii", "valid/fmt_nifti2.nii", "valid/ext_three.nii",
        "valid/be_nifti2_float32.nii", "valid/scl_int16_slope0.5_inter-10.nii", "valid/geom_oblique.nii",
    ];

    // Offsets of fields worth hitting with extreme values (NIfTI-1: dim, datatype, bitpix, pixdim, vox_offset, slope,
    // qform/sform codes, quaternion; NIfTI-2: dim, vox_offset).
    private static readonly int[] Nifti1Fields = [0, 40, 42, 44, 46, 48, 70, 72, 76, 80, 92, 108, 112, 116, 252, 254, 256, 260, 280, 344, 348, 352, 356];
    private static readonly int[] Nifti2Fields = [0, 4, 12, 14, 16, 24, 32, 40, 104, 112, 168, 176, 184, 344, 348, 352, 400, 540, 544];

    [Fact]
    public void Mutated_and_truncated_files_only_ever_raise_NiftiException()
    {
        var rng = new Random(20261124);
        var sources = Seeds.Select(s => File.ReadAllBytes(TestData.NiftiFixture(s))).ToArray();
        var outcomes = new Dictionary<string, int>();
        for (var it = 0; it < Iterations; it++)
        {
            var src = sources[it % sources.Length];
            var bytes = (byte[])src.Clone();
            var v2 = bytes.Length > 4 && (BitConverter.ToInt32(bytes, 0) == 540 || BitConverter.ToInt32(bytes, 0) == 0x1C020000);
            var kind = rng.Next(4);
            switch (kind)
            {
                case 0: // random bytes in the header + extension area
                    for (var n = rng.Next(1, 6); n > 0; n--)
                    {
                        bytes[rng.Next(Math.Min(bytes.Length, 700))] = (byte)rng.Next(256);
                    }

                    break;
                case 1: // an extreme value in a field
                    var fields = v2 ? Nifti2Fields : Nifti1Fields;
                    var off = fields[rng.Next(fields.Length)];
                    byte[] extreme = rng.Next(6) switch
                    {
                        0 => [0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F],
                        1 => [0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x80],
                        2 => [0x00, 0x00, 0xC0, 0x7F, 0x00, 0x00, 0xF8, 0x7F], // NaN (float, double)
                        3 => [0x00, 0x00, 0x80, 0x7F, 0x00, 0x00, 0xF0, 0x7F], // +Inf
                        4 => [0, 0, 0, 0, 0, 0, 0, 0],
                        _ => BitConverter.GetBytes(rng.NextInt64()),
                    };
                    var len = rng.Next(1, 9);
                    for (var n = 0; n < len && off + n < bytes.Length; n++)
                    {
                        bytes[off + n] = extreme[n];
                    }

                    break;
                case 2: // truncation anywhere
                    Array.Resize(ref bytes, rng.Next(bytes.Length));
                    break;
                default: // both
                    bytes[rng.Next(Math.Min(bytes.Length, 600))] ^= (byte)(1 << rng.Next(8));
                    Array.Resize(ref bytes, rng.Next(bytes.Length / 2, bytes.Length + 1));
                    break;
            }

            var gz = it % 5 == 0;
            var path = _dir.Path(gz ? $"f{it % 16}.nii.gz" : $"f{it % 16}.nii");
            if (gz)
            {
                using (var fs = File.Create(path))
                using (var z = new GZipStream(fs, CompressionLevel.Fastest))
                {
                    z.Write(bytes);
                }

                if (it % 10 == 5)
                {
                    // Damage the compressed stream itself (deflate data, CRC or length).
                    var packed = File.ReadAllBytes(path);
                    packed[rng.Next(10, packed.Length)] ^= (byte)(1 << rng.Next(8));
                    File.WriteAllBytes(path, packed);
                }
            }
            else
            {
                File.WriteAllBytes(path, bytes);
            }

            try
            {
                var img = NiftiReader.Read(path, new NiftiReadOptions { MaxDataBytes = 64 << 20 });
                _ = img.ToString();
                _ = img.Affine.ToString();
                _ = img.RepetitionTime;
                outcomes["ok"] = outcomes.GetValueOrDefault("ok") + 1;
            }
            catch (NiftiException ex)
            {
                outcomes[ex.Kind.ToString()] = outcomes.GetValueOrDefault(ex.Kind.ToString()) + 1;
            }
            catch (Exception ex)
            {
                Assert.Fail($"iteration {it} ({Seeds[it % Seeds.Length]}, mutation {kind}, gz={gz}): {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
            }
        }

        output.WriteLine($"{Iterations} iterations: " + string.Join(", ", outcomes.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value}")));

        // The mutations must actually exercise the error paths, not just produce readable files.
        Assert.True(outcomes.GetValueOrDefault("ok") > 100, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault("InvalidHeader") > 500, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault("Truncated") > 500, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault("CorruptCompressed") > 100, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault("UnsupportedDataType") > 10, string.Join(", ", outcomes));
    }
}
