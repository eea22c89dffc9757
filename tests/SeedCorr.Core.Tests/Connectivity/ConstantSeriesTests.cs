using SeedCorr.Core.Connectivity;
using SeedCorr.Core.Signal;

namespace SeedCorr.Core.Tests.Connectivity;

/// <summary>Item 15 of issue 13: series constant up to float32 rounding must not give rounding-noise correlations.</summary>
public sealed class ConstantSeriesTests
{
    private static SignalMatrix Matrix(int t, params Func<int, float>[] series)
    {
        var data = new float[t * series.Length];
        for (var ti = 0; ti < t; ti++)
        {
            for (var s = 0; s < series.Length; s++)
            {
                data[(ti * series.Length) + s] = series[s](ti);
            }
        }

        return new SignalMatrix(t, series.Length, data);
    }

    /// <summary>Population z-scores in float64, a zero-variance series left at 0 (as signal cleaning does).</summary>
    private static SignalMatrix ZScore(SignalMatrix m)
    {
        var data = new float[m.Timepoints * m.Series];
        for (var s = 0; s < m.Series; s++)
        {
            var x = m.GetSeries(s).Select(v => (double)v).ToArray();
            var mean = x.Average();
            var std = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Length);
            for (var t = 0; t < x.Length; t++)
            {
                data[(t * m.Series) + s] = std > 0 ? (float)((x[t] - mean) / std) : 0f;
            }
        }

        return new SignalMatrix(m.Timepoints, m.Series, data);
    }

    [Fact]
    public void Rounding_level_spread_is_constant_real_fluctuations_are_not()
    {
        var rng = new Random(7);
        var ulp = MathF.BitIncrement(800f) - 800f;
        var m = Matrix(100,
            t => 800f + (ulp * rng.Next(-2, 3)),            // a smoothed constant block: a few float32 steps of 800
            t => 800f + (0.5f * MathF.Sin(t / 3f)),          // BOLD-like: 6e-4 of the mean
            t => 0f,                                         // background
            t => 1e-6f * MathF.Sin(t));                      // tiny but at mean 0: real variation, kept
        Assert.Equal([0, 2], ConstantSeries.Find(m));
    }

    [Fact]
    public void Flattened_series_correlate_as_zero_where_z_scored_rounding_would_give_noise()
    {
        var rng = new Random(3);
        var ulp = MathF.BitIncrement(800f) - 800f;
        var seed = Matrix(120, t => MathF.Sin(t / 5f) + (0.3f * MathF.Cos(t)));
        var noisy = new float[120];
        for (var t = 0; t < noisy.Length; t++)
        {
            noisy[t] = 800f + (ulp * rng.Next(-3, 4));
        }

        var brain = Matrix(120, t => noisy[t], t => 700f + (2 * MathF.Sin(t / 5f)));
        // Cleaning z-scores each series: the rounding becomes unit-variance noise.
        var before = SeedCorrelation.Compute(ZScore(brain), seed).GetCorrelations();
        Assert.True(Math.Abs(before[0]) > 0.01, $"rounding noise should correlate visibly; got {before[0]}");

        Assert.Equal(1, ConstantSeries.Flatten(brain));
        var after = SeedCorrelation.Compute(ZScore(brain), seed).GetCorrelations();
        Assert.Equal(0f, after[0]);
        Assert.Equal(before[1], after[1]);
        Assert.All(brain.GetSeries(0), v => Assert.Equal(0f, v));
    }
}
