using SeedCorr.Core.Signal;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Signal;

/// <summary>The deliberate differences from nilearn 0.10.4's signal.clean (docs/nilearn-differences.md), shown on its own goldens.</summary>
public sealed class CleanDifferenceTests
{
    private static readonly double[] Signals = UnitManifest.Load("clean__input_signals.npy").AsDoubles();

    private static SignalCleanOptions Example(double[] confounds, int k) => new()
    {
        Detrend = true,
        Standardize = Standardization.ZScore,
        LowPass = 0.1,
        HighPass = 0.01,
        RepetitionTime = 2,
        Confounds = confounds,
        ConfoundCount = k,
    };

    private static double MaxDiff(double[] a, double[] b) => a.Select((v, i) => Math.Abs(v - b[i])).Max();

    [Fact]
    public void An_exactly_collinear_confound_changes_nothing_whereas_nilearn_regresses_out_a_rounding_noise_direction()
    {
        var (c5, k5) = CleanParityTests.FromNpy(UnitManifest.Load("clean__input_confounds_collinear.npy")); // c4 = c0 + 2·c1
        var (c4, k4) = CleanParityTests.FromNpy(UnitManifest.Load("clean__input_confounds.npy"));
        var (with5, report) = SignalCleaner.Clean(Signals, 90, 6, Example(c5, k5));
        var (with4, _) = SignalCleaner.Clean(Signals, 90, 6, Example(c4, k4));

        // Mathematically the same regression: identical results, and equal to nilearn's golden for the four columns.
        Assert.True(MaxDiff(with5, with4) < 1e-9, $"{MaxDiff(with5, with4):E2}");
        Assert.True(MaxDiff(with5, UnitManifest.Load("clean__example_conf_array__output.npy").AsDoubles()) < 1e-5);
        Assert.Equal(3, report.ConfoundRank); // the ramp (removed by detrending) and the collinear column are dropped

        // nilearn keeps |R_33| = 4e-10 (filter rounding) above its absolute 2.2e-14 threshold: its two goldens differ.
        var nilearn5 = UnitManifest.Load("clean__example_conf_collinear__output.npy").AsDoubles();
        var nilearn4 = UnitManifest.Load("clean__example_conf_array__output.npy").AsDoubles();
        Assert.True(MaxDiff(nilearn5, nilearn4) > 0.1, $"nilearn's goldens differ by only {MaxDiff(nilearn5, nilearn4):E2}");
    }

    [Theory]
    [InlineData("clean__input_sample_mask_bool.npy", true, "clean__sample_mask_butterworth__corrected.npy", "clean__sample_mask_bool_butterworth__output.npy")]
    [InlineData("clean__input_sample_mask_index.npy", true, "clean__sample_mask_butterworth__corrected.npy", "clean__sample_mask_index_butterworth__output.npy")]
    [InlineData("clean__input_sample_mask_bool.npy", false, "clean__sample_mask_no_extrapolate__corrected.npy", "clean__sample_mask_bool_no_extrapolate__output.npy")]
    public void Every_censored_volume_is_interpolated_before_filtering(string maskFile, bool extrapolate, string corrected, string nilearnGolden)
    {
        var m = UnitManifest.Load(maskFile);
        var mask = new bool[90];
        if (m.Descr == "|b1")
        {
            mask = m.Bytes.Select(b => b != 0).ToArray();
        }
        else
        {
            for (var i = 0; i < m.Count; i++)
            {
                mask[BitConverter.ToInt64(m.Bytes, i * 8)] = true;
            }
        }

        var (c4, k4) = CleanParityTests.FromNpy(UnitManifest.Load("clean__input_confounds.npy"));
        var options = Example(c4, k4) with { SampleMask = mask, Extrapolate = extrapolate };
        var (ours, cleaning) = SignalCleaner.Clean(Signals, 90, 6, options);
        Assert.Equal(83, cleaning.VolumesKept);

        // The reference: nilearn's steps in scipy with the defect corrected (tests/reference/make_corrected_sample_mask.py).
        var reference = Npy.Load(TestData.Path("reference", corrected)).AsDoubles();
        Assert.True(MaxDiff(ours, reference) < 1e-5, $"{MaxDiff(ours, reference):E2} from the corrected reference");

        // nilearn 0.10.4 leaves censored volumes whose mirror T−1−i is censored too (0 and 89 here) uninterpolated.
        var nilearn = UnitManifest.Load(nilearnGolden).AsDoubles();
        Assert.True(MaxDiff(nilearn, reference) > 1, $"nilearn's golden is only {MaxDiff(nilearn, reference):E2} from the corrected result");
    }
}
