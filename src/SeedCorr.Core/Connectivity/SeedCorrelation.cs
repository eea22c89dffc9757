using SeedCorr.Core.Signal;

namespace SeedCorr.Core.Connectivity;

/// <summary>
/// Correlates seed signals with every voxel's signal: Pearson's r computed exactly (each series centred and divided
/// by its norm, sums in float64), whatever the scaling of the inputs — nilearn's example divides dot products by n,
/// which equals r only for population-std z-scores (off by (n−1)/n with sample-std z-scores, unbounded otherwise).
/// </summary>
public static class SeedCorrelation
{
    private const int Block = 512;

    /// <summary>One map per seed column.</summary>
    public static CorrelationMap Compute(SignalMatrix brain, SignalMatrix seeds, CorrelationMethod method = CorrelationMethod.Pearson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(brain);
        ArgumentNullException.ThrowIfNull(seeds);
        if (brain.Timepoints != seeds.Timepoints)
        {
            throw new SignalException(SignalErrorKind.ShapeMismatch,
                $"the brain signals have {brain.Timepoints} time points but the seed signals {seeds.Timepoints}: clean both with the same sample mask");
        }

        var t = brain.Timepoints;
        if (t < 3)
        {
            throw new SignalException(SignalErrorKind.SeriesTooShort, $"a correlation needs at least 3 time points, not {t}");
        }

        var v = brain.Series;
        var k = seeds.Series;
        // Seeds: centred, unit norm, float64 (ranks first for Spearman). A constant seed stays all zeros → r = 0.
        var seedCols = new double[k][];
        for (var s = 0; s < k; s++)
        {
            var col = seeds.GetSeries(s).Select(x => (double)x).ToArray();
            seedCols[s] = Normalize(method == CorrelationMethod.Spearman ? Ranks(col) : col);
        }

        var r = new float[k * v];
        Parallel.For(0, (v + Block - 1) / Block, new ParallelOptions { CancellationToken = cancellationToken }, b =>
        {
            var c0 = b * Block;
            var w = Math.Min(Block, v - c0);
            var x = new double[t * w]; // the block's voxels, time-major, float64
            for (var ti = 0; ti < t; ti++)
            {
                var row = brain.Data.AsSpan((ti * v) + c0, w);
                for (var c = 0; c < w; c++)
                {
                    x[(ti * w) + c] = row[c];
                }
            }

            if (method == CorrelationMethod.Spearman)
            {
                var col = new double[t];
                for (var c = 0; c < w; c++)
                {
                    for (var ti = 0; ti < t; ti++)
                    {
                        col[ti] = x[(ti * w) + c];
                    }

                    var ranks = Ranks(col);
                    for (var ti = 0; ti < t; ti++)
                    {
                        x[(ti * w) + c] = ranks[ti];
                    }
                }
            }

            // Centre and measure each voxel: two passes, never the cancelling one-pass formula.
            var mean = new double[w];
            var ss = new double[w];
            for (var ti = 0; ti < t; ti++)
            {
                for (var c = 0; c < w; c++)
                {
                    mean[c] += x[(ti * w) + c];
                }
            }

            for (var c = 0; c < w; c++)
            {
                mean[c] /= t;
            }

            for (var ti = 0; ti < t; ti++)
            {
                for (var c = 0; c < w; c++)
                {
                    var d = x[(ti * w) + c] - mean[c];
                    ss[c] += d * d;
                }
            }

            var dot = new double[w];
            for (var s = 0; s < k; s++)
            {
                Array.Clear(dot);
                var y = seedCols[s];
                for (var ti = 0; ti < t; ti++)
                {
                    var yt = y[ti];
                    for (var c = 0; c < w; c++)
                    {
                        dot[c] += (x[(ti * w) + c] - mean[c]) * yt;
                    }
                }

                for (var c = 0; c < w; c++)
                {
                    // A constant voxel (ss = 0) has no correlation: 0, as nilearn's z-scored zeros give.
                    r[(s * v) + c0 + c] = ss[c] > 0 ? (float)Math.Clamp(dot[c] / Math.Sqrt(ss[c]), -1, 1) : 0f;
                }
            }
        });

        var dof = new[] { brain.Cleaning?.DegreesOfFreedom, seeds.Cleaning?.DegreesOfFreedom }.Where(d => d is not null).Select(d => d!.Value).DefaultIfEmpty(double.NaN).Min();
        return new CorrelationMap(r, k, v, brain.Masker, method, t, double.IsNaN(dof) ? null : dof);
    }

    private static double[] Normalize(double[] y)
    {
        var mean = y.Average();
        var centred = y.Select(a => a - mean).ToArray();
        var norm = Math.Sqrt(centred.Sum(a => a * a));
        return norm > 0 ? centred.Select(a => a / norm).ToArray() : new double[y.Length];
    }

    /// <summary>1-based ranks; ties share their average rank.</summary>
    internal static double[] Ranks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]])
            {
                j++;
            }

            var avg = ((i + j) / 2.0) + 1;
            for (var m = i; m <= j; m++)
            {
                ranks[order[m]] = avg;
            }

            i = j + 1;
        }

        return ranks;
    }
}
