using SeedCorr.Core.Signal;

namespace SeedCorr.Core.Tests.Signal;

/// <summary>Behaviour beyond the goldens: errors, warnings, constant series, degrees of freedom.</summary>
public sealed class SignalCleanerTests
{
    internal static SignalMatrix Noise(int t, int n, int seed = 3)
    {
        var rng = new Random(seed);
        return new SignalMatrix(t, n, Enumerable.Range(0, t * n).Select(_ => (float)(100 + rng.NextDouble())).ToArray());
    }

    [Fact]
    public void Filtering_without_a_repetition_time_is_an_error_never_a_silent_default()
    {
        var ex = Assert.Throws<SignalException>(() => SignalCleaner.Clean(Noise(100, 3), new SignalCleanOptions { LowPass = 0.1 }));
        Assert.Equal(SignalErrorKind.RepetitionTimeMissing, ex.Kind);
        Assert.Contains("2.5", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    public void A_non_positive_or_NaN_repetition_time_is_an_error(double tr)
    {
        var ex = Assert.Throws<SignalException>(() => SignalCleaner.Clean(Noise(100, 3), new SignalCleanOptions { HighPass = 0.01, RepetitionTime = tr }));
        Assert.Equal(SignalErrorKind.InvalidParameter, ex.Kind);
    }

    [Fact]
    public void An_inverted_band_is_an_error_naming_both_cut_offs()
    {
        var ex = Assert.Throws<SignalException>(() => SignalCleaner.Clean(Noise(100, 3), new SignalCleanOptions { HighPass = 0.1, LowPass = 0.01, RepetitionTime = 2 }));
        Assert.Equal(SignalErrorKind.InvalidParameter, ex.Kind);
        Assert.Contains("0.1 Hz", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0.01 Hz", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_off_above_Nyquist_is_lowered_with_a_warning_as_nilearn_does()
    {
        var r = SignalCleaner.Clean(Noise(100, 3), new SignalCleanOptions { LowPass = 0.4, RepetitionTime = 2 });
        Assert.Contains(r.Warnings, w => w.Contains("Nyquist", StringComparison.Ordinal));
    }

    [Fact]
    public void Confounds_of_the_wrong_length_are_an_error()
    {
        var ex = Assert.Throws<SignalException>(() => SignalCleaner.Clean(Noise(100, 3), new SignalCleanOptions { Confounds = new double[99 * 2], ConfoundCount = 2 }));
        Assert.Equal(SignalErrorKind.ShapeMismatch, ex.Kind);
        Assert.Contains("99 rows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_confound_value_names_the_column_and_volume()
    {
        var conf = new double[100 * 2];
        for (var i = 0; i < conf.Length; i++)
        {
            conf[i] = Math.Sin(i);
        }

        conf[(4 * 2) + 1] = double.NaN;
        var ex = Assert.Throws<SignalException>(() => SignalCleaner.Clean(Noise(100, 3), new SignalCleanOptions { Confounds = conf, ConfoundCount = 2 }));
        Assert.Equal(SignalErrorKind.NonFiniteConfounds, ex.Kind);
        Assert.Contains("column 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("volume 5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constant_series_comes_out_as_exact_zeros()
    {
        var s = Noise(100, 2);
        for (var t = 0; t < 100; t++)
        {
            s.Data[(t * 2) + 1] = 7.3f;
        }

        var r = SignalCleaner.Clean(s, new SignalCleanOptions { Detrend = true, Standardize = Standardization.ZScore, LowPass = 0.1, HighPass = 0.01, RepetitionTime = 2 });
        Assert.All(r.Signals.GetSeries(1), v => Assert.Equal(0f, v));
        var z = r.Signals.GetSeries(0);
        Assert.Equal(0, z.Average(v => (double)v), 6);
        Assert.Equal(1, Math.Sqrt(z.Average(v => (double)v * v)), 5);
    }

    [Fact]
    public void Degrees_of_freedom_count_volumes_detrending_confounds_and_the_filter_band()
    {
        var conf = Enumerable.Range(0, 200 * 3).Select(i => Math.Sin(i * 0.37) + Math.Cos(i * 0.11 * (i % 3))).ToArray();
        var r = SignalCleaner.Clean(Noise(200, 4), new SignalCleanOptions
        {
            Detrend = true, Standardize = Standardization.ZScore, LowPass = 0.1, HighPass = 0.01, RepetitionTime = 2,
            Confounds = conf, ConfoundCount = 3,
        });
        Assert.Equal(3, r.ConfoundRank);
        // 200 − 2 (mean, trend) − 3 confounds − 128 for the band: XCP-D's count, 64 stopped bins × 2
        // (study-level.md §3.4's worked example: 200 volumes at TR 2 s, 0.01–0.1 Hz).
        Assert.Equal(200 - 2 - 3 - 128, r.DegreesOfFreedom);
    }

    [Fact]
    public void The_cosine_filter_refuses_a_low_pass()
    {
        var ex = Assert.Throws<SignalException>(() => SignalCleaner.Clean(Noise(100, 3), new SignalCleanOptions { Filter = TemporalFilter.Cosine, LowPass = 0.1, HighPass = 0.01, RepetitionTime = 2 }));
        Assert.Equal(SignalErrorKind.InvalidParameter, ex.Kind);
    }

    [Fact]
    public void Cancellation_stops_the_filter()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => SignalCleaner.Clean(Noise(100, 500), new SignalCleanOptions { LowPass = 0.1, RepetitionTime = 2 }, cts.Token));
    }

    [Fact]
    public void A_sample_mask_that_removes_everything_is_an_error()
    {
        var ex = Assert.Throws<SignalException>(() => SignalCleaner.Clean(Noise(100, 3), new SignalCleanOptions { SampleMask = new bool[100] }));
        Assert.Equal(SignalErrorKind.AllVolumesRemoved, ex.Kind);
    }
}
