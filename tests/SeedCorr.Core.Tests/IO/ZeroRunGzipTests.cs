using System.Diagnostics;
using System.IO.Compression;
using SeedCorr.Core.IO;
using SeedCorr.Core.Nifti;

namespace SeedCorr.Core.Tests.IO;

/// <summary>
/// The zero-run gzip member: zlib (GZipStream) and, where installed, gzip(1) get the bytes back for every edge of the
/// coding (runs of 1-2 zeros, just under and over the 32-byte switch, the 258-byte copy limit and its 1-2 byte
/// remainders, stored blocks of 65,535 bytes and more); its CRC-32 is zlib's (by carry-less multiplication as by table); a map
/// costs its non-zero values and a few bytes per zero run.
/// </summary>
public sealed class ZeroRunGzipTests
{
    public static TheoryData<string> Shapes => new() { "empty", "zeros", "noise", "mixed", "map" };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Zlib_reads_back_the_bytes(string shape)
    {
        var data = Make(shape);
        var member = Encode(data);
        Assert.Equal(data, Gunzip(member));
        // The trailer's CRC-32 and size are zlib's own (a member it wrote over the same bytes).
        var zlibMember = ZlibGzip(data);
        if (data.Length > 0)
        {
            Assert.Equal(zlibMember.AsSpan(zlibMember.Length - 8).ToArray(), member.AsSpan(member.Length - 8).ToArray());
        }
        else
        {
            Assert.Equal(new byte[8], member.AsSpan(member.Length - 8).ToArray()); // CRC 0, size 0 (zlib writes no member)
        }
    }

    [Fact]
    public void Every_run_and_block_edge_round_trips()
    {
        var rng = new Random(11);
        using var buffer = new MemoryStream();
        int[] zeroRuns = [1, 2, 3, 4, 31, 32, 33, 258, 259, 260, 261, 262, 289, 290, 291, 516, 517, 518, 1000, 65535, 70000];
        int[] noiseRuns = [1, 2, 5, 100, 65535, 65536, 70001];
        foreach (var z in zeroRuns)
        {
            foreach (var n in noiseRuns)
            {
                buffer.Write(new byte[z]);
                var noise = new byte[n];
                rng.NextBytes(noise);
                for (var i = 0; i < n; i++)
                {
                    noise[i] |= 1; // no zero inside the noise: every run above is exactly its length
                }

                buffer.Write(noise);
            }
        }

        buffer.Write(new byte[300]); // ends on a run
        var data = buffer.ToArray();
        Assert.Equal(data, Gunzip(Encode(data)));
    }

    [Fact]
    public void Crc32_is_the_standard_one()
    {
        Assert.Equal(0xCBF43926u, Crc32.Append(0, "123456789"u8));
        Assert.Equal(0u, Crc32.Append(0, []));
        // In pieces as in one go.
        var data = Make("noise");
        Assert.Equal(Crc32.Append(0, data), Crc32.Append(Crc32.Append(0, data.AsSpan(0, 12345)), data.AsSpan(12345)));
        // The carry-less-multiplication path (x86 with PCLMULQDQ) against the table, at every length around its
        // 16- and 64-byte steps and from every start register.
        var rng = new Random(2);
        for (var length = 0; length < 400; length++)
        {
            var start = (uint)rng.Next();
            var bytes = data.AsSpan(length, length);
            Assert.Equal(~Crc32.Slices(~start, bytes), Crc32.Append(start, bytes));
        }

        Assert.Equal(~Crc32.Slices(~0u, data), Crc32.Append(0, data));
    }

    [Fact]
    public void A_map_costs_its_values_and_a_few_bytes_per_zero_run()
    {
        var map = Make("map");
        // What the coding stores (everything outside zero runs of 32 bytes or more), and how many such runs there are.
        int stored = 0, runs = 0;
        for (var i = 0; i < map.Length;)
        {
            var j = i;
            while (j < map.Length && map[j] == 0)
            {
                j++;
            }

            if (j - i >= ZeroRunGzip.MinimumRun)
            {
                runs++;
            }
            else
            {
                stored += Math.Max(j - i, 1);
                j = Math.Max(j, i + 1);
            }

            i = j;
        }

        var size = Encode(map).Length;
        Assert.InRange(size, stored, stored + (runs * 12) + 64);
        Assert.True(Encode(new byte[1 << 20]).Length < 8192);
        var noise = Make("noise");
        Assert.InRange(Encode(noise).Length, noise.Length, noise.Length + 64);
    }

    [Fact]
    public void Gzip_tool_reads_it_where_installed()
    {
        var gzip = new[] { "/usr/bin/gzip", "/bin/gzip" }.FirstOrDefault(File.Exists);
        if (gzip is null)
        {
            return; // zlib's reading above is the check on machines without gzip(1)
        }

        var data = Make("mixed");
        var path = Path.Combine(Path.GetTempPath(), $"seedcorr-zerorun-{Environment.ProcessId}.gz");
        try
        {
            File.WriteAllBytes(path, Encode(data));
            var info = new ProcessStartInfo(gzip) { RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add("-dc");
            info.ArgumentList.Add(path);
            using var p = Process.Start(info)!;
            using var output = new MemoryStream();
            p.StandardOutput.BaseStream.CopyTo(output);
            var error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, error);
            Assert.Equal(data, output.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Nifti_map_written_with_zero_runs_reads_back_exactly_in_several_members()
    {
        // 40x40x30x4 float32 (768 KB of voxels with the header: more than one 1 MB member only with the extra volumes).
        var shape = new[] { 40, 40, 30, 6 };
        var values = new float[40 * 40 * 30 * 6];
        var rng = new Random(5);
        for (var i = 0; i < values.Length; i++)
        {
            var x = i % 40;
            values[i] = x is > 8 and < 30 ? (float)((rng.NextDouble() * 2) - 1) : 0f;
        }

        var image = NiftiImage.Create(values, shape, SeedCorr.Core.Geometry.Affine.Identity);
        var path = Path.Combine(Path.GetTempPath(), $"seedcorr-zerorun-{Environment.ProcessId}.nii.gz");
        try
        {
            NiftiWriter.Write(image, path, new NiftiWriteOptions { GzipEncoding = GzipEncoding.ZeroRuns, Overwrite = true });
            var back = NiftiReader.Read(path);
            Assert.Equal(values, back.Data);
            // 21 of every 40 values are not zero: the file holds them and little else.
            Assert.InRange(new FileInfo(path).Length, values.Length * 4L * 21 / 40, values.Length * 4L * 0.6);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Encode(byte[] data)
    {
        var output = new byte[ZeroRunGzip.Bound(data.Length)];
        var n = ZeroRunGzip.Encode(data, output);
        return output.AsSpan(0, n).ToArray();
    }

    private static byte[] Gunzip(byte[] member)
    {
        using var input = new GZipStream(new MemoryStream(member), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] ZlibGzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(data);
        }

        return output.ToArray();
    }

    // "map": float32 rows of 50 values, 20 of them noise in (-1, 1) and the rest 0, as a brain map's rows are.
    private static byte[] Make(string shape)
    {
        var rng = new Random(7);
        switch (shape)
        {
            case "empty":
                return [];
            case "zeros":
                return new byte[300_000];
            case "noise":
                var noise = new byte[200_000];
                rng.NextBytes(noise);
                return noise;
            case "mixed":
                var mixed = new byte[400_000];
                for (var at = 0; at < mixed.Length;)
                {
                    var n = Math.Min(rng.Next(1, 3000), mixed.Length - at);
                    if (rng.Next(2) == 0)
                    {
                        rng.NextBytes(mixed.AsSpan(at, n));
                    }

                    at += n;
                }

                return mixed;
            default:
                var floats = new float[50 * 4000];
                for (var i = 0; i < floats.Length; i++)
                {
                    floats[i] = i % 50 is >= 15 and < 35 ? (float)((rng.NextDouble() * 2) - 1) : 0f;
                }

                return System.Runtime.InteropServices.MemoryMarshal.AsBytes(floats.AsSpan()).ToArray();
        }
    }
}
