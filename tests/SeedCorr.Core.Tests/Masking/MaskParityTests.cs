using System.Text.Json;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Tests.Support;
using Xunit.Abstractions;

namespace SeedCorr.Core.Tests.Masking;

/// <summary>compute_background_mask and compute_epi_mask (unit groups "background_mask", "epi_mask"): identical masks.</summary>
public sealed class MaskParityTests(ITestOutputHelper output)
{
    public static TheoryData<string> BackgroundCases => UnitManifest.Names("background_mask");

    public static TheoryData<string> EpiCases => UnitManifest.Names("epi_mask");

    [Theory]
    [MemberData(nameof(BackgroundCases))]
    public void Background_mask_is_identical_to_nilearn(string name)
    {
        var c = UnitManifest.Case("background_mask", name);
        var p = c.GetProperty("params");
        var image = NiftiReader.Read(TestData.Path("unit", c.GetProperty("inputs").GetProperty("img").GetString()!));
        var mask = MaskComputation.Background(image, p.GetProperty("border_size").GetInt32(),
            p.TryGetProperty("connected", out var cn) && cn.GetBoolean(), p.TryGetProperty("opening", out var op) ? op.GetInt32() : 0);
        AssertMask(c, "mask", mask);
    }

    [Theory]
    [MemberData(nameof(EpiCases))]
    public void Epi_mask_is_identical_to_nilearn(string name)
    {
        var c = UnitManifest.Case("epi_mask", name);
        var p = c.GetProperty("params");
        var image = NiftiReader.Read(TestData.Path("unit", c.GetProperty("inputs").GetProperty("img").GetString()!));
        if (p.TryGetProperty("smooth", out var smooth))
        {
            var mean = MaskComputation.SmoothedMean(image, smooth.GetDouble());
            var npy = UnitManifest.Load(c.GetProperty("outputs").GetProperty("mean").GetProperty("file").GetString()!);
            var expected = Npy.COrderToFOrder(npy.AsDoubles(), npy.Shape);
            var scale = expected.Where(double.IsFinite).Max(Math.Abs);
            var worst = expected.Select((e, i) => double.IsNaN(e) ? (float.IsNaN(mean[i]) ? 0 : 1) : Math.Abs(e - mean[i]) / scale).Max();
            output.WriteLine($"{name}: smoothed mean worst relative error {worst:E2}");
            Assert.True(worst <= 1e-6, $"{worst:E2}");
            return;
        }

        var opening = p.TryGetProperty("opening", out var op) ? (op.ValueKind == JsonValueKind.False ? 0 : op.GetInt32()) : 2;
        var connected = !p.TryGetProperty("connected", out var cn) || cn.GetBoolean();
        var excludeZeros = p.TryGetProperty("exclude_zeros", out var ez) && ez.GetBoolean();
        var mask = MaskComputation.Epi(image, connected: connected, opening: opening, excludeZeros: excludeZeros);
        AssertMask(c, "mask", mask);
    }

    private void AssertMask(JsonElement c, string key, bool[] mask)
    {
        var npy = UnitManifest.Load(c.GetProperty("outputs").GetProperty(key).GetProperty("file").GetString()!);
        var cOrder = npy.Bytes.Take(npy.Count).Select(b => b != 0).ToArray();
        var expected = Npy.COrderToFOrder(cOrder, npy.Shape);
        var differing = expected.Select((e, i) => e != mask[i]).Count(d => d);
        output.WriteLine($"{c.GetProperty("name").GetString()}: {expected.Count(b => b)} voxels expected, {mask.Count(b => b)} ours, {differing} differ");
        Assert.Equal(0, differing);
    }
}
