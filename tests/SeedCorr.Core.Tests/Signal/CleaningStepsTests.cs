using SeedCorr.Core.Signal;

namespace SeedCorr.Core.Tests.Signal;

/// <summary>What the cleaner's steps say about themselves: confounds by name, the order that ran, one record for both precisions.</summary>
public sealed class CleaningStepsTests
{
    // Random regressors: nothing in them resembles a cosine drift term (which would make the cosine step skip its own).
    private static double[] Confounds(int t, int k)
    {
        var rng = new Random(11);
        return Enumerable.Range(0, t * k).Select(_ => rng.NextDouble() - 0.5).ToArray();
    }

    [Fact]
    public void A_missing_confound_value_names_the_confound_by_its_column_name_given_with_WithConfounds()
    {
        var conf = Confounds(100, 2);
        conf[(9 * 2) + 1] = double.PositiveInfinity;
        var options = new SignalCleanOptions().WithConfounds(conf, ["trans_x", "framewise_displacement"]);
        Assert.Equal(2, options.ConfoundCount);
        var ex = Assert.Throws<SignalException>(() => SignalCleaner.Clean(SignalCleanerTests.Noise(100, 2), options));
        Assert.Contains("confound 'framewise_displacement'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("volume 10", ex.Message, StringComparison.Ordinal);
        var none = options.WithConfounds([], []);
        Assert.Null(none.Confounds);
        Assert.Equal(0, SignalCleaner.Clean(SignalCleanerTests.Noise(100, 2), none).ConfoundRank);
    }

    [Fact]
    public void Confound_names_must_be_one_per_column()
    {
        var ex = Assert.Throws<SignalException>(() => SignalCleaner.Clean(SignalCleanerTests.Noise(100, 2), new SignalCleanOptions
        {
            Confounds = Confounds(100, 3), ConfoundCount = 3, ConfoundNames = ["csf", "white_matter"],
        }));
        Assert.Equal(SignalErrorKind.ShapeMismatch, ex.Kind);
        Assert.Contains("2 confound names for 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_regressors_counts_the_cosine_drift_terms_it_added()
    {
        // 20 volumes at TR 2 s, high-pass 0.1 Hz: floor(2 · 20 · 0.1 · 2) = 8 drift terms, with 15 confounds: 23 > 20.
        var ex = Assert.Throws<SignalException>(() => SignalCleaner.Clean(SignalCleanerTests.Noise(20, 2), new SignalCleanOptions
        {
            Filter = TemporalFilter.Cosine, HighPass = 0.1, RepetitionTime = 2, Confounds = Confounds(20, 15), ConfoundCount = 15,
        }));
        Assert.Equal(SignalErrorKind.TooManyRegressors, ex.Kind);
        Assert.StartsWith("23 confound regressors (with 8 cosine drift terms) for 20 kept volumes", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(7)]
    public void The_filter_step_says_the_order_that_ran(int order)
    {
        var options = new SignalCleanOptions { LowPass = 0.1, HighPass = 0.01, RepetitionTime = 2, ButterworthOrder = order };
        var r = SignalCleaner.Clean(SignalCleanerTests.Noise(200, 2), options);
        Assert.Contains($"Butterworth band-pass 0.01–0.1 Hz (order {order}, zero-phase)", r.Steps);
        if (order != 5)
        {
            // The order is not only described: it changes the values.
            var five = SignalCleaner.Clean(SignalCleanerTests.Noise(200, 2), options with { ButterworthOrder = 5 });
            Assert.NotEqual(five.Signals.CopyValues(), r.Signals.CopyValues());
        }
    }

    [Fact]
    public void A_Butterworth_order_below_one_is_an_error()
    {
        var ex = Assert.Throws<SignalException>(() => SignalCleaner.Clean(SignalCleanerTests.Noise(100, 2), new SignalCleanOptions { LowPass = 0.1, RepetitionTime = 2, ButterworthOrder = 0 }));
        Assert.Equal(SignalErrorKind.InvalidParameter, ex.Kind);
    }

    [Fact]
    public void Float32_and_float64_cleaning_report_the_same_record()
    {
        var signals = SignalCleanerTests.Noise(120, 3);
        var mask = Enumerable.Range(0, 120).Select(i => i % 9 != 4).ToArray();
        var options = new SignalCleanOptions
        {
            Detrend = true, Standardize = Standardization.ZScoreSample, LowPass = 0.1, HighPass = 0.01, RepetitionTime = 2,
            Confounds = Confounds(120, 2), ConfoundCount = 2, ConfoundNames = ["a", "b"], SampleMask = mask,
        };
        var single = SignalCleaner.Clean(signals, options);
        var (values, cleaning) = SignalCleaner.Clean(signals.CopyValues().Select(v => (double)v).ToArray(), 120, 3, options);
        Assert.Same(single.Cleaning, single.Signals.Cleaning);
        Assert.Equal(single.Steps, cleaning.Steps);
        Assert.Equal(single.Warnings, cleaning.Warnings);
        Assert.Equal(single.ConfoundRank, cleaning.ConfoundRank);
        Assert.Equal(single.DegreesOfFreedom, cleaning.DegreesOfFreedom);
        Assert.Equal(mask.Count(b => b), cleaning.VolumesKept);
        Assert.Equal(single.Signals.Timepoints * 3, values.Length);
        Assert.True(values.Zip(single.Signals.CopyValues(), (a, b) => Math.Abs(a - b)).Max() < 1e-4);
    }

    [Fact]
    public void Readers_get_a_read_only_view_and_scripts_a_copy()
    {
        var s = SignalCleanerTests.Noise(4, 3);
        Assert.Equal(s[2, 1], s.Row(2)[1]);
        Assert.Equal(s[3, 2], s.AsSpan()[(3 * 3) + 2]);
        var copy = s.CopyValues();
        copy[0] = -1;
        Assert.NotEqual(-1f, s[0, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Row(4).Length);
    }
}
