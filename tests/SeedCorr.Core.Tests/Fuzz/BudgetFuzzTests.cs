using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using SeedCorr.Core.Confounds;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Tests.Support;
using Xunit.Abstractions;

namespace SeedCorr.Core.Tests.Fuzz;

/// <summary>
/// Time-budgeted fuzzing of the NIfTI and TSV readers, with a new seed every run (printed, and on failure in the
/// message, so any failure can be replayed with SEEDCORR_FUZZ_SEED). CI gives each reader SEEDCORR_FUZZ_SECONDS
/// (default 8 s); before a release run longer, e.g. SEEDCORR_FUZZ_SECONDS=600 (see docs/fuzzing.md).
/// </summary>
public sealed class BudgetFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static double Budget => double.TryParse(Environment.GetEnvironmentVariable("SEEDCORR_FUZZ_SECONDS"), out var s) ? s : 8;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("SEEDCORR_FUZZ_SEED"), out var s) ? s : Environment.TickCount;

    private static readonly string[] NiftiSeeds =
    [
        "valid/dt_int16.nii", "valid/be_float32.nii", "valid/fmt_nifti2.nii", "valid/ext_three.nii", "valid/be_nifti2_float32.nii",
        "valid/scl_int16_slope0.5_inter-10.nii", "valid/geom_oblique.nii", "valid/dim_5d_t1_u3.nii", "valid/dt_uint64.nii",
    ];

    [Fact]
    public void NIfTI_reader_only_raises_NiftiException_for_the_time_budget()
    {
        var seed = Seed;
        var rng = new Random(seed);
        var sources = NiftiSeeds.Select(s => File.ReadAllBytes(TestData.NiftiFixture(s))).ToArray();
        var sw = Stopwatch.StartNew();
        var n = 0;
        while (sw.Elapsed.TotalSeconds < Budget)
        {
            var bytes = Mutate(rng, sources[rng.Next(sources.Length)], 700);
            var gz = rng.Next(4) == 0;
            var path = _dir.Path(gz ? "f.nii.gz" : "f.nii");
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

            try
            {
                var img = NiftiReader.Read(path, new NiftiReadOptions { MaxDataBytes = 64 << 20 });
                _ = img.ToString();
                _ = img.Header.QformSformDisagreement;
            }
            catch (NiftiException)
            {
            }
            catch (Exception ex)
            {
                Assert.Fail($"seed {seed}, iteration {n}: {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
            }

            n++;
        }

        output.WriteLine($"NIfTI fuzz: seed {seed}, {n} files in {sw.Elapsed.TotalSeconds:0.0} s");
        Assert.True(n > 100);
    }

    [Fact]
    public void TSV_reader_only_raises_ConfoundsException_for_the_time_budget()
    {
        var seed = Seed;
        var rng = new Random(seed);
        var sources = new[]
        {
            File.ReadAllBytes(TestData.Path("small", "sub-synth01_task-pixar_desc-reducedConfounds_regressors.tsv")).Take(6000).ToArray(),
            File.ReadAllBytes(TestData.Path("small", "sub-synth01_task-pixar_desc-confounds_regressors.tsv")).Take(6000).ToArray(),
            File.ReadAllBytes(TestData.Path("unit", "confounds_file__comma_header.csv")),
            File.ReadAllBytes(TestData.Path("unit", "confounds_file__space_noheader.txt")),
        };
        var tokens = new[] { "\t", ",", ";", " ", "\n", "\r\n", "\"", "n/a", "NaN", "-", "e+", "1e999", "\0", "\uFEFF", "é", "Infinity", "-inf", "∞", "\t\n", "\t\r\n" }.Select(Encoding.UTF8.GetBytes).ToArray();
        var sw = Stopwatch.StartNew();
        var n = 0;
        while (sw.Elapsed.TotalSeconds < Budget)
        {
            var bytes = sources[rng.Next(sources.Length)].ToList();
            for (var m = rng.Next(1, 8); m > 0 && bytes.Count > 0; m--)
            {
                var at = rng.Next(bytes.Count);
                switch (rng.Next(4))
                {
                    case 0: bytes.InsertRange(at, tokens[rng.Next(tokens.Length)]); break;
                    case 1: bytes.RemoveRange(at, Math.Min(rng.Next(1, 20), bytes.Count - at)); break;
                    case 2: bytes[at] = (byte)rng.Next(256); break;
                    default: bytes.RemoveRange(at, bytes.Count - at); break;
                }
            }

            var path = _dir.Path("c.tsv");
            // Now and then the same text in UTF-16 (with or without a byte-order mark): the encoding checks' paths.
            var text = rng.Next(8) == 0 ? Encoding.UTF8.GetString([.. bytes]) : null;
            File.WriteAllBytes(path, text is null ? [.. bytes]
                : rng.Next(2) == 0 ? Encoding.Unicode.GetBytes(text) : [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);
            try
            {
                var table = ConfoundsReader.Read(path, rng.Next(3) == 0 ? ["trans_*", "csf"] : null);
                _ = table.ToString();
            }
            catch (ConfoundsException)
            {
            }
            catch (Exception ex)
            {
                Assert.Fail($"seed {seed}, iteration {n}: {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
            }

            n++;
        }

        output.WriteLine($"TSV fuzz: seed {seed}, {n} files in {sw.Elapsed.TotalSeconds:0.0} s");
        Assert.True(n > 100);
    }

    /// <summary>Byte flips, extreme values at random offsets within the first <paramref name="span"/> bytes, truncation.</summary>
    internal static byte[] Mutate(Random rng, byte[] src, int span)
    {
        var bytes = (byte[])src.Clone();
        var limit = Math.Min(bytes.Length, span);
        switch (rng.Next(4))
        {
            case 0:
                for (var n = rng.Next(1, 6); n > 0; n--)
                {
                    bytes[rng.Next(limit)] = (byte)rng.Next(256);
                }

                break;
            case 1:
                byte[][] extremes = [[0xFF, 0xFF, 0xFF, 0x7F], [0, 0, 0, 0x80], [0, 0, 0xC0, 0x7F], [0, 0, 0x80, 0x7F], [0, 0, 0, 0]];
                var e = extremes[rng.Next(extremes.Length)];
                var at = rng.Next(limit);
                for (var i = 0; i < e.Length && at + i < bytes.Length; i++)
                {
                    bytes[at + i] = e[i];
                }

                break;
            case 2:
                Array.Resize(ref bytes, rng.Next(bytes.Length));
                break;
            default:
                bytes[rng.Next(limit)] ^= (byte)(1 << rng.Next(8));
                Array.Resize(ref bytes, rng.Next(bytes.Length / 2, bytes.Length + 1));
                break;
        }

        return bytes;
    }
}
