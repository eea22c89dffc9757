using SeedCorr.Core.Signal;

namespace SeedCorr.Core.Connectivity;

/// <summary>
/// Series that are constant to float32 precision: their spread is below what float32 can resolve at their mean (a
/// block of constant voxels after smoothing, whose values differ only by rounding; a seed sphere in such a block).
/// Cleaning would z-score that rounding into unit-variance noise, and their correlations (nilearn's too) would be
/// noise of ±0.4. SeedCorr sets such a series to exactly 0 as it leaves the masker, so it stays 0 through cleaning and
/// its r is 0, as for any constant voxel.
/// </summary>
public static class ConstantSeries
{
    /// <summary>
    /// A series counts as constant when its standard deviation is at most 2⁻²⁰ × |mean| (8 float32 steps at the mean)
    /// or zero: real BOLD fluctuations are 10⁻³ of the mean and larger.
    /// </summary>
    public const double RelativeResolution = 1.0 / (1 << 20);

    /// <summary>The indices of the series of <paramref name="signals"/> that are constant to float32 precision.</summary>
    public static int[] Find(SignalMatrix signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        int t = signals.Timepoints, n = signals.Series;
        if (t < 2)
        {
            return [];
        }

        var data = signals.Data;
        var mean = new double[n];
        var ss = new double[n];
        for (var ti = 0; ti < t; ti++)
        {
            var row = data.AsSpan(ti * n, n);
            for (var s = 0; s < n; s++)
            {
                mean[s] += row[s];
            }
        }

        for (var s = 0; s < n; s++)
        {
            mean[s] /= t;
        }

        for (var ti = 0; ti < t; ti++)
        {
            var row = data.AsSpan(ti * n, n);
            for (var s = 0; s < n; s++)
            {
                var d = row[s] - mean[s];
                ss[s] += d * d;
            }
        }

        var found = new List<int>();
        for (var s = 0; s < n; s++)
        {
            var std = Math.Sqrt(ss[s] / t);
            if (std == 0 || (double.IsFinite(std) && std <= RelativeResolution * Math.Abs(mean[s])))
            {
                found.Add(s);
            }
        }

        return [.. found];
    }

    /// <summary>
    /// Sets every series found by <see cref="Find"/> to 0 in place and returns how many of them were not already all
    /// zeros (the ones worth a warning).
    /// </summary>
    public static int Flatten(SignalMatrix signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var found = Find(signals);
        int t = signals.Timepoints, n = signals.Series;
        var data = signals.Data;
        var changed = 0;
        foreach (var s in found)
        {
            var nonZero = false;
            for (var ti = 0; ti < t; ti++)
            {
                nonZero |= data[(ti * n) + s] != 0;
                data[(ti * n) + s] = 0;
            }

            if (nonZero)
            {
                changed++;
            }
        }

        return changed;
    }
}
