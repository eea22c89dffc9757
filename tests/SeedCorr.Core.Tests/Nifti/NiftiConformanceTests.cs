using System.Security.Cryptography;
using System.Text.Json;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Tests.Support;
using Xunit.Abstractions;

namespace SeedCorr.Core.Tests.Nifti;

/// <summary>Every file of the NIfTI conformance fixtures (tests/data/nifti, nibabel 5.0 + niftilib cross-checked).</summary>
public sealed class NiftiConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> ValidIds => NiftiManifest.ValidIds();

    public static TheoryData<string> BrokenIds => NiftiManifest.BrokenIds();

    [Theory]
    [MemberData(nameof(ValidIds))]
    public void Valid_file_header_matches_the_manifest(string id)
    {
        var e = NiftiManifest.Get(id);
        var path = TestData.NiftiFixture(e.GetProperty("path").GetString()!);
        if (e.TryGetProperty("reader_may_reject", out _))
        {
            // Complex and RGB: we reject them rather than return garbage, before reading any data.
            var ex = Assert.Throws<NiftiException>(() => NiftiReader.ReadHeader(path));
            Assert.Equal(NiftiErrorKind.UnsupportedDataType, ex.Kind);
            return;
        }

        var h = NiftiReader.ReadHeader(path);
        Assert.Equal(e.GetProperty("nifti_version").GetInt32(), h.Version);
        Assert.Equal(e.GetProperty("endianness").GetString() == "big", h.IsBigEndian);
        Assert.Equal(e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()), h.Shape);
        Assert.Equal(e.GetProperty("dim").EnumerateArray().Select(x => x.GetInt64()), h.Dim);
        Assert.Equal(e.GetProperty("datatype_code").GetInt32(), (int)h.DataType);
        Assert.Equal(e.GetProperty("bitpix").GetInt32(), h.BitPix);
        Assert.Equal(e.GetProperty("data_offset").GetInt64(), h.DataOffset);
        Assert.Equal(e.GetProperty("pixdim").Nums(), h.PixDim);
        AssertSameOrBothNaN(e.GetProperty("scl_slope").Num(), h.SclSlope);
        AssertSameOrBothNaN(e.GetProperty("scl_inter").Num(), h.SclInter);
        Assert.Equal(e.GetProperty("scaling_applied").GetBoolean(), h.HasScaling);
        Assert.Equal(e.GetProperty("qform_code").GetInt32(), h.QformCode);
        Assert.Equal(e.GetProperty("sform_code").GetInt32(), h.SformCode);
        Assert.Equal(e.GetProperty("xyzt_units").GetInt32(), h.XyztUnits);
        Assert.Equal(e.GetProperty("intent_code").GetInt32(), h.IntentCode);
        Assert.Equal(e.GetProperty("intent_name").GetString(), h.IntentName);
        Assert.Equal(e.GetProperty("intent_p").Nums(), h.IntentParameters);
        Assert.Equal(e.GetProperty("dim_info").GetInt32(), h.DimInfo);
        Assert.Equal(e.GetProperty("descrip_hex").GetString(), Convert.ToHexString(h.DescripBytes.AsSpan()).ToLowerInvariant());
        Assert.Equal(e.GetProperty("aux_file_hex").GetString(), Convert.ToHexString(h.AuxFileBytes.AsSpan()).ToLowerInvariant());
        Assert.Equal(e.GetProperty("descrip").GetString(), h.Descrip);
        Assert.Equal(e.GetProperty("toffset").Num(), h.TOffset);
        Assert.Equal(e.GetProperty("cal_min").Num(), h.CalMin);
        Assert.Equal(e.GetProperty("cal_max").Num(), h.CalMax);

        // Affines: srows are float32 fields (exact); the qform goes through a square root and a matrix product,
        // nibabel in 80-bit long double, so allow 1e-6 relative.
        AssertMatrix(e.GetProperty("best_affine").Matrix(), h.BestAffine.ToArray(), 1e-6);
        AssertMatrix(e.GetProperty("qform").Matrix(), h.Qform.ToArray(), 1e-6);
        if (h.SformCode > 0)
        {
            AssertMatrix(e.GetProperty("sform").Matrix(), h.Sform.ToArray(), 0);
        }

        Assert.StartsWith(h.BestAffineSource switch
        {
            AffineSource.Sform => "sform",
            AffineSource.Qform => "qform",
            _ => "base",
        }, e.GetProperty("best_affine_source").GetString(), StringComparison.Ordinal);

        var tr = e.GetProperty("tr_seconds");
        if (tr.ValueKind == JsonValueKind.Null)
        {
            Assert.Null(h.RepetitionTime);
        }
        else
        {
            Assert.NotNull(h.RepetitionTime);
            Assert.Equal(tr.GetDouble(), h.RepetitionTime!.Value, tr.GetDouble() * 1e-6);
        }

        var exts = e.GetProperty("extensions").EnumerateArray().ToArray();
        Assert.Equal(exts.Length, h.Extensions.Length);
        for (var n = 0; n < exts.Length; n++)
        {
            Assert.Equal(exts[n].GetProperty("code").GetInt32(), h.Extensions[n].Code);
            Assert.Equal(exts[n].GetProperty("content_bytes").GetInt32(), h.Extensions[n].Length);
            Assert.Equal(exts[n].GetProperty("content_sha256").GetString(), Convert.ToHexString(SHA256.HashData(h.Extensions[n].GetContent())).ToLowerInvariant());
        }
    }

    [Theory]
    [MemberData(nameof(ValidIds))]
    public void Valid_file_values_match_the_manifest_exactly(string id)
    {
        var e = NiftiManifest.Get(id);
        if (e.TryGetProperty("reader_may_reject", out _))
        {
            return;
        }

        var path = TestData.NiftiFixture(e.GetProperty("path").GetString()!);
        var values = e.GetProperty("values");

        // float64 values: (double)raw * slope + inter, compared bit for bit through the manifest's SHA-256 (F order).
        var (header, data) = NiftiReader.ReadAsDouble(path);
        Assert.Equal(values.GetProperty("count").GetInt64(), data.LongLength);
        Assert.Equal(values.GetProperty("nan_count").GetInt32(), data.Count(double.IsNaN));
        Assert.Equal(values.GetProperty("posinf_count").GetInt32(), data.Count(double.IsPositiveInfinity));
        Assert.Equal(values.GetProperty("neginf_count").GetInt32(), data.Count(double.IsNegativeInfinity));
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()).ToArray();
        Assert.Equal(values.GetProperty("sha256_f_order").GetString(), Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant());

        // float32 image (the pipeline's type): each value is the float64 value rounded once.
        var image = NiftiReader.Read(path);
        Assert.Equal(header.Shape, image.Shape.Select(x => (long)x));
        var f = image.Data.Span;
        for (var n = 0; n < data.Length; n++)
        {
            if (double.IsNaN(data[n]))
            {
                Assert.True(float.IsNaN(f[n]));
            }
            else
            {
                Assert.Equal((float)data[n], f[n]);
            }
        }

        // Raw stored values (exact for int64/uint64 beyond 2^53).
        if (values.TryGetProperty("raw", out var raw) && raw.TryGetProperty("npy", out var rawNpy))
        {
            var npy = Npy.Load(TestData.NiftiFixture(rawNpy.GetString()!));
            var (_, ours) = NiftiReader.ReadRaw(path);
            var size = ours.Length / npy.Count;
            var cElements = Enumerable.Range(0, npy.Count).Select(n => npy.Bytes.AsSpan(n * size, size).ToArray()).ToArray();
            var fElements = Npy.COrderToFOrder(cElements, npy.Shape);
            Assert.Equal(fElements.SelectMany(x => x).ToArray(), ours);
        }
    }

    [Theory]
    [MemberData(nameof(BrokenIds))]
    public void Broken_file_fails_with_an_acceptable_error(string id)
    {
        var e = NiftiManifest.Get(id);
        var path = TestData.NiftiFixture(e.GetProperty("path").GetString()!);
        var acceptable = e.GetProperty("acceptable_errors").EnumerateArray().Select(x => x.GetString()).ToArray();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Record.Exception(() => NiftiReader.Read(path));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // We are strict: every broken file fails, also those a lenient reader may read.
        var nex = Assert.IsType<NiftiException>(ex);
        Assert.Contains(nex.Kind.ToString(), acceptable);
        Assert.Contains(Path.GetFileName(path), nex.Message, StringComparison.Ordinal);
        if (e.TryGetProperty("must_not_allocate", out var mna) && mna.GetBoolean())
        {
            Assert.True(allocated < 16 << 20, $"allocated {allocated:N0} bytes for an allocation bomb");
        }
    }

    [Fact]
    public void Every_broken_file_gets_exactly_the_strict_error_class()
    {
        // expected_error is the strict policy (the first acceptable error): we meet it for every file.
        var misses = new List<string>();
        foreach (var e in NiftiManifest.Broken)
        {
            var path = TestData.NiftiFixture(e.GetProperty("path").GetString()!);
            var ex = Record.Exception(() => NiftiReader.Read(path)) as NiftiException;
            if (ex?.Kind.ToString() != e.GetProperty("expected_error").GetString())
            {
                misses.Add($"{e.GetProperty("id").GetString()}: {ex?.Kind}");
            }
        }

        output.WriteLine($"{NiftiManifest.Broken.Count() - misses.Count} of {NiftiManifest.Broken.Count()} broken files give exactly the strict class; others: {string.Join("; ", misses)}");
        Assert.True(misses.Count == 0, "not the strict class: " + string.Join("; ", misses));
    }

    private static void AssertSameOrBothNaN(double expected, double actual)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"expected NaN, got {actual}");
        }
        else
        {
            Assert.Equal(expected, actual);
        }
    }

    private static void AssertMatrix(double[,] expected, double[,] actual, double rel)
    {
        for (var r = 0; r < 4; r++)
        {
            for (var c = 0; c < 4; c++)
            {
                var tol = rel * Math.Max(1, Math.Abs(expected[r, c]));
                Assert.True(Math.Abs(expected[r, c] - actual[r, c]) <= tol, $"[{r},{c}] expected {expected[r, c]} got {actual[r, c]}");
            }
        }
    }
}
