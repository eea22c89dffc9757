using System.Text.Json;
using SeedCorr.Core.Signal;
using SeedCorr.Core.Tests.Support;
using Xunit.Abstractions;

namespace SeedCorr.Core.Tests.Signal;

/// <summary>nilearn 0.10.4's _detrend and standardize_signal (unit groups "detrend" and "standardize"), float64 and float32.</summary>
public sealed class DetrendStandardizeParityTests(ITestOutputHelper output)
{
    public static TheoryData<string> DetrendCases => UnitManifest.Names("detrend");

    public static TheoryData<string> StandardizeCases => UnitManifest.Names("standardize");

    private static readonly Npy Input = UnitManifest.Load("clean__input_signals.npy");

    [Theory]
    [MemberData(nameof(DetrendCases))]
    public void Detrend_matches_nilearn(string name)
    {
        var c = UnitManifest.Case("detrend", name);
        var linear = c.GetProperty("params").GetProperty("type").GetString() == "linear";
        Action<float[]> f32 = data => Detrending.Linear(data, 90, 6, linear);
        Action<double[]> f64 = data => Detrending.Linear(data, 90, 6, linear);
        Compare(name, c, f32, f64, zscored: false);
    }

    [Theory]
    [MemberData(nameof(StandardizeCases))]
    public void Standardize_matches_nilearn(string name)
    {
        var c = UnitManifest.Case("standardize", name);
        var p = c.GetProperty("params");
        var detrend = p.GetProperty("detrend").GetBoolean();
        var s = p.GetProperty("standardize");
        var how = s.ValueKind == JsonValueKind.True ? Standardization.ZScore : s.GetString() switch
        {
            "zscore" => Standardization.ZScore,
            "zscore_sample" => Standardization.ZScoreSample,
            _ => Standardization.Psc,
        };
        if (how == Standardization.Psc && detrend)
        {
            // nilearn divides by means that are rounding noise (1e-14) and returns values up to 8.5e16; we treat such
            // means as zero (docs/nilearn-differences.md #10): every series comes out 0, with a warning.
            var zeroed = 0;
            var ours = Run(name.EndsWith("float32", StringComparison.Ordinal),
                d => { Detrending.Linear(d, 90, 6); zeroed = Standardizer.Apply(d, 90, 6, how); },
                d => { Detrending.Linear(d, 90, 6); zeroed = Standardizer.Apply(d, 90, 6, how); });
            Assert.Equal(6, zeroed);
            Assert.All(ours, v => Assert.Equal(0, v));
            var nilearn = UnitManifest.Load(c.GetProperty("outputs").GetProperty("output").GetProperty("file").GetString()!).AsDoubles();
            Assert.True(nilearn.Max(Math.Abs) > 1e6, "nilearn's output was expected to blow up");
            return;
        }

        Compare(name, c,
            d => { if (detrend) { Detrending.Linear(d, 90, 6); } Standardizer.Apply(d, 90, 6, how); },
            d => { if (detrend) { Detrending.Linear(d, 90, 6); } Standardizer.Apply(d, 90, 6, how); },
            zscored: how != Standardization.Psc);
    }

    private static double[] Run(bool float32, Action<float[]> f32, Action<double[]> f64, bool castInput = false)
    {
        var values = Input.AsDoubles();
        if (castInput)
        {
            values = values.Select(v => (double)(float)v).ToArray();
        }

        if (float32)
        {
            var data = values.Select(v => (float)v).ToArray();
            f32(data);
            return data.Select(v => (double)v).ToArray();
        }

        f64(values);
        return values;
    }

    private void Compare(string name, JsonElement c, Action<float[]> f32, Action<double[]> f64, bool zscored)
    {
        var expected = UnitManifest.Load(c.GetProperty("outputs").GetProperty("output").GetProperty("file").GetString()!).AsDoubles();
        var isF32 = name.EndsWith("float32", StringComparison.Ordinal);
        var actual = Run(isF32, f32, f64);
        var scale = zscored ? 1 : expected.Max(Math.Abs);
        var tol = zscored ? 1e-5 : 1e-4;
        double Worst(double[] a, double[] b) => a.Select((e, i) => Math.Abs(e - b[i]) / scale).Max();
        var worst = Worst(expected, actual);
        output.WriteLine($"{name}: worst {(zscored ? "absolute" : "relative")} error {worst:E2} (tolerance {tol:E0})");
        if (!isF32)
        {
            Assert.True(worst <= tol, $"{name}: {worst:E3} > {tol:E0}");
            return;
        }

        // nilearn sums float32 input in float32; we sum in float64. Reference: the float64 computation on the same
        // float32 input. We must match it to the tolerance, and be no farther from nilearn's float32 result than
        // nilearn's own float32 rounding is.
        var reference = Run(false, f32, f64, castInput: true);
        var vsReference = Worst(reference, actual);
        var nilearnRounding = Worst(expected, reference);
        output.WriteLine($"  vs float64 on the same input: {vsReference:E2}; nilearn's float32 rounding: {nilearnRounding:E2}");
        Assert.True(vsReference <= tol, $"{name}: {vsReference:E3} from the float64 result on the same input");
        Assert.True(worst <= nilearnRounding + tol, $"{name}: {worst:E3} from nilearn, more than its float32 rounding {nilearnRounding:E3}");
    }
}
