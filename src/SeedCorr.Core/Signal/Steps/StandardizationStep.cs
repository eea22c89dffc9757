using System.Numerics;

namespace SeedCorr.Core.Signal;

/// <summary>
/// The last step: nilearn 0.10.4 adds the original (pre-detrend) means back after a Butterworth filter, and for psc
/// after a detrend, before standardizing, so a filtered, unstandardized series keeps its mean and psc is relative to
/// the original mean. For z-scoring, adding and removing the mean is an identity, so the means are not even computed
/// (nilearn's float32 round trip through the raw mean only adds rounding).
/// </summary>
internal static class StandardizationStep
{
    /// <summary>Whether the original means are needed later (only None and Psc add them back): computed before the detrend.</summary>
    public static double[]? OriginalMeans<T>(CleaningState<T> s, Standardization how, CancellationToken ct)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        how is Standardization.None or Standardization.Psc ? ColumnMeans(s.Signals, s.Timepoints, s.Series, ct) : null;

    public static void Apply<T>(CleaningState<T> s, SignalCleanOptions o, bool filtered, double[]? originalMeans, CancellationToken ct)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var addBack = (filtered || (o.Detrend && o.Standardize == Standardization.Psc)) && originalMeans is not null;
        if (o.Standardize == Standardization.None)
        {
            if (addBack)
            {
                AddMeans(s.Signals, s.Timepoints, s.Series, originalMeans!);
            }

            return;
        }

        if (s.Timepoints < 2)
        {
            s.Warnings.Add("Standardization of a single sample would give zeros: skipped.");
            return;
        }

        ct.ThrowIfCancellationRequested();
        var zero = Standardizer.Apply(s.Signals, s.Timepoints, s.Series, o.Standardize, addBack ? originalMeans : null, ct);
        if (zero > 0)
        {
            s.Warnings.Add($"psc standardization is meaningless for series with a mean of 0: {zero} series set to 0.");
        }

        s.Steps.Add(o.Standardize switch
        {
            Standardization.ZScore => "z-scored (population std)",
            Standardization.ZScoreSample => "z-scored (sample std)",
            _ => "percent signal change", // Psc; None returned above
        });
    }

    private static void AddMeans<T>(T[] data, int t, int columns, double[] means)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var r = 0; r < t; r++)
        {
            var row = data.AsSpan(r * columns, columns);
            for (var c = 0; c < columns; c++)
            {
                row[c] = T.CreateTruncating(double.CreateTruncating(row[c]) + means[c]);
            }
        }
    }

    private static double[] ColumnMeans<T>(T[] data, int t, int columns, CancellationToken ct)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = new double[columns];
        const int width = 2048;
        Parallel.For(0, (columns + width - 1) / width, new ParallelOptions { CancellationToken = ct }, b =>
        {
            var c0 = b * width;
            var w = Math.Min(width, columns - c0);
            var acc = m.AsSpan(c0, w);
            for (var r = 0; r < t; r++)
            {
                var row = data.AsSpan((r * columns) + c0, w);
                for (var c = 0; c < w; c++)
                {
                    acc[c] += double.CreateTruncating(row[c]);
                }
            }

            for (var c = 0; c < w; c++)
            {
                acc[c] /= t;
            }
        });

        return m;
    }
}
