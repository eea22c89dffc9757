using SeedCorr.Core.Signal;

namespace SeedCorr.Core.Tests.Signal;

/// <summary>Issue 13 items 11–12: degrees of freedom counted as AFNI/XCP-D, refused when none are left, dropped columns named.</summary>
public sealed class DegreesOfFreedomTests
{
    private static SignalMatrix Noise(int t, int n) => SignalCleanerTests.Noise(t, n, seed: 5);

    private static double[] Confounds(int t, int k, int seed = 9)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, t * k).Select(_ => rng.NextDouble()).ToArray();
    }

    [Theory]
    // study-level.md §3.4's worked numbers: XCP-D's dof_lost for 0.01–0.1 Hz.
    [InlineData(200, 2.0, 128)]
    [InlineData(120, 2.5, 66)]
    [InlineData(1200, 0.72, 1044)]
    public void The_filter_takes_two_per_stopped_frequency_bin_as_XCP_D(int volumes, double tr, double expected) =>
        Assert.Equal(expected, DegreesOfFreedom.OfFilter(volumes, tr, 0.01, 0.1));

    [Fact]
    public void More_regressors_than_volumes_is_an_error()
    {
        var ex = Assert.Throws<SignalException>(() => SignalCleaner.Clean(Noise(40, 2), new SignalCleanOptions
        {
            Detrend = true, Confounds = Confounds(40, 50), ConfoundCount = 50,
        }));
        Assert.Equal(SignalErrorKind.TooManyRegressors, ex.Kind);
        Assert.Contains("50 confound regressors for 40 kept volumes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_degrees_of_freedom_left_is_an_error()
    {
        // 80 volumes at TR 2 with 0.01–0.1 Hz: 52 taken by the filter, 2 by the trend, 30 confounds → −4.
        var ex = Assert.Throws<SignalException>(() => SignalCleaner.Clean(Noise(80, 2), new SignalCleanOptions
        {
            Detrend = true, LowPass = 0.1, HighPass = 0.01, RepetitionTime = 2, Confounds = Confounds(80, 30), ConfoundCount = 30,
        }));
        Assert.Equal(SignalErrorKind.NoDegreesOfFreedom, ex.Kind);
        Assert.Contains("= -4", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    // issue 13.11: a high-pass above Nyquist at TR 2 s, and a band-pass at a TR of 2 ms (a header in ms read as s)
    [InlineData(0.3, null, 2.0)]
    [InlineData(0.01, 0.1, 0.002)]
    public void A_filter_that_stops_the_whole_spectrum_is_refused(double highPass, double? lowPass, double tr)
    {
        var ex = Assert.Throws<SignalException>(() => SignalCleaner.Clean(Noise(168, 2), new SignalCleanOptions
        {
            Detrend = true, HighPass = highPass, LowPass = lowPass, RepetitionTime = tr,
        }));
        Assert.Equal(SignalErrorKind.NoDegreesOfFreedom, ex.Kind);
    }

    [Fact]
    public void A_three_volume_sample_mask_leaves_nothing_and_is_refused()
    {
        var mask = new bool[60];
        mask[10] = mask[20] = mask[30] = true;
        var ex = Assert.Throws<SignalException>(() => SignalCleaner.Clean(Noise(60, 2), new SignalCleanOptions { Detrend = true, SampleMask = mask, Confounds = Confounds(60, 2), ConfoundCount = 2 }));
        Assert.Equal(SignalErrorKind.NoDegreesOfFreedom, ex.Kind);
    }

    [Fact]
    public void The_minimum_can_be_lowered_to_get_the_numbers()
    {
        var r = SignalCleaner.Clean(Noise(80, 2), new SignalCleanOptions
        {
            Detrend = true, LowPass = 0.1, HighPass = 0.01, RepetitionTime = 2, Confounds = Confounds(80, 30), ConfoundCount = 30,
            MinimumDegreesOfFreedom = double.NegativeInfinity,
        });
        Assert.Equal(-4, r.DegreesOfFreedom);
    }

    [Fact]
    public void A_column_scaled_by_1e200_is_dropped_with_a_warning_naming_it()
    {
        const int t = 100, k = 3;
        var conf = Confounds(t, k);
        for (var r = 0; r < t; r++)
        {
            conf[(r * k) + 1] *= 1e200; // its squares overflow: z-scoring gives a zero column
        }

        var result = SignalCleaner.Clean(Noise(t, 2), new SignalCleanOptions
        {
            Detrend = true, Confounds = conf, ConfoundCount = k, ConfoundNames = ["trans_x", "csf_scaled", "rot_z"],
        });
        Assert.Equal(2, result.ConfoundRank);
        var warning = Assert.Single(result.Warnings, w => w.Contains("left out of the regression", StringComparison.Ordinal));
        Assert.Contains("'csf_scaled'", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("trans_x", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicated_column_is_named_when_dropped()
    {
        const int t = 100, k = 3;
        var conf = Confounds(t, k);
        for (var r = 0; r < t; r++)
        {
            conf[(r * k) + 2] = 2 * conf[r * k];
        }

        var result = SignalCleaner.Clean(Noise(t, 2), new SignalCleanOptions { Detrend = true, Confounds = conf, ConfoundCount = k, ConfoundNames = ["a", "b", "two_a"] });
        Assert.Equal(2, result.ConfoundRank);
        var warning = Assert.Single(result.Warnings, w => w.Contains("left out of the regression", StringComparison.Ordinal));
        Assert.True(warning.Contains("'a'", StringComparison.Ordinal) || warning.Contains("'two_a'", StringComparison.Ordinal), warning);
    }
}
