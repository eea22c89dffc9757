using System.Text.Json;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Tests.Support;
using Xunit.Abstractions;

namespace SeedCorr.Core.Tests.Masking;

/// <summary>nilearn.image.smooth_img (unit group "smooth"): anisotropic, oblique, NaN, int16, per-axis FWHM.</summary>
public sealed class SmoothingParityTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases()
    {
        var d = new TheoryData<string>();
        foreach (var name in UnitManifest.Cases("smooth").Select(c => c.GetProperty("name").GetString()!))
        {
            d.Add(name);
        }

        return d;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Smoothing_matches_nilearn_within_1e5_relative(string name)
    {
        var c = UnitManifest.Case("smooth", name);
        var image = NiftiReader.Read(TestData.Path("unit", c.GetProperty("inputs").GetProperty("img").GetString()!));
        var f = c.GetProperty("params").GetProperty("fwhm");
        double[]? fwhm = f.ValueKind switch
        {
            JsonValueKind.Number => [f.GetDouble()],
            JsonValueKind.Array => f.EnumerateArray().Select(x => x.GetDouble()).ToArray(),
            _ => null,
        };
        var smoothed = f.ValueKind == JsonValueKind.String ? GaussianSmoothing.FastSmooth(image)
            : fwhm is null ? image : GaussianSmoothing.Smooth(image, fwhm);

        var outputs = c.GetProperty("outputs");
        var npy = UnitManifest.Load(outputs.GetProperty("output").GetProperty("file").GetString()!);
        var expected = Npy.COrderToFOrder(npy.AsDoubles(), npy.Shape);
        var actual = smoothed.GetData();
        var scale = expected.Max(Math.Abs);
        var worst = expected.Select((e, i) => Math.Abs(e - actual[i]) / scale).Max();
        output.WriteLine($"{name}: worst relative error {worst:E2}");
        Assert.True(worst <= 1e-5, $"{name}: {worst:E2}");

        var affine = UnitManifest.Load(outputs.GetProperty("affine").GetProperty("file").GetString()!).AsDoubles();
        Assert.True(smoothed.Affine.MaxAbsDifference(new SeedCorr.Core.Geometry.Affine(affine)) < 1e-5);
    }

    [Theory]
    [InlineData(0.6369956, 3)] // 6 mm at 4 mm voxels: sigma 0.6370, radius 3 (nilearn-semantics.md §3)
    [InlineData(0.3184978, 1)] // 6 mm at 8 mm
    [InlineData(1.2739912, 5)] // 6 mm at 2 mm
    public void Kernel_radius_follows_scipy_truncate_4(double sigma, int radius)
    {
        Assert.Equal((2 * radius) + 1, GaussianSmoothing.Kernel(sigma).Length);
        Assert.Equal(1.0, GaussianSmoothing.Kernel(sigma).Sum(), 12);
    }

    [Fact]
    public void Reflect_is_half_sample_symmetric()
    {
        Assert.Equal([1, 0, 0, 1, 2, 3, 3, 2, 1, 0, 0], Enumerable.Range(-2, 11).Select(i => GaussianSmoothing.Reflect(i, 4)).ToArray());
    }
}
