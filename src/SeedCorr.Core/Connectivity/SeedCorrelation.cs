using SeedCorr.Core.Signal;
using System.Runtime.CompilerServices;

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
            throw new SignalException(SignalErrorKind.TooFewTimepointsToCorrelate, $"a correlation needs at least 3 time points, not {t}");
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
        if (method == CorrelationMethod.Pearson)
        {
            PearsonBlocks(brain, seedCols, r, cancellationToken);
            return Finish(brain, seeds, method, r, k, v, t);
        }

        Parallel.For(0, (v + Block - 1) / Block, new ParallelOptions { CancellationToken = cancellationToken }, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (b) =>
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

        return Finish(brain, seeds, method, r, k, v, t);
    }

    private static CorrelationMap Finish(SignalMatrix brain, SignalMatrix seeds, CorrelationMethod method, float[] r, int k, int v, int t)
    {
        var dof = new[] { brain.Cleaning?.DegreesOfFreedom, seeds.Cleaning?.DegreesOfFreedom }.Where(d => d is not null).Select(d => d!.Value).DefaultIfEmpty(double.NaN).Min();
        return new CorrelationMap(r, k, v, brain.Masker, method, t, double.IsNaN(dof) ? null : dof)
        {
            SeedPositions = seeds.Masker?.SeedPositions,
        };
    }

    /// <summary>
    /// Pearson in one pass over the float32 data, SIMD across voxels with float64 sums: with the seed centred and of
    /// unit norm, r = Σ x·y / √(Σx² − (Σx)²/n). The one-pass variance is safe here: in float64 it loses only
    /// ~eps·(mean/std)² relative, negligible unless a series' mean is a million times its spread.
    /// </summary>
    private static void PearsonBlocks(SignalMatrix brain, double[][] seeds, float[] r, CancellationToken ct)
    {
        int t = brain.Timepoints, v = brain.Series, k = seeds.Length;
        var vw = System.Numerics.Vector<float>.Count; // floats per vector; each widens to two double vectors
        Parallel.For(0, (v + Block - 1) / Block, new ParallelOptions { CancellationToken = ct }, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (b) =>
        {
            var c0 = b * Block;
            var w = Math.Min(Block, v - c0);
            var sx = new double[w];
            var sxx = new double[w];
            var dot = new double[k * w];
            var data = brain.Data;
            for (var ti = 0; ti < t; ti++)
            {
                var row = data.AsSpan((ti * v) + c0, w);
                var c = 0;
                for (; c + vw <= w; c += vw)
                {
                    System.Numerics.Vector.Widen(new System.Numerics.Vector<float>(row.Slice(c, vw)), out var lo, out var hi);
                    var half = System.Numerics.Vector<double>.Count;
                    Add(sx, c, lo);
                    Add(sx, c + half, hi);
                    Add(sxx, c, lo * lo);
                    Add(sxx, c + half, hi * hi);
                    for (var s = 0; s < k; s++)
                    {
                        var y = seeds[s][ti];
                        Add(dot, (s * w) + c, lo * y);
                        Add(dot, (s * w) + c + half, hi * y);
                    }
                }

                for (; c < w; c++)
                {
                    double x = row[c];
                    sx[c] += x;
                    sxx[c] += x * x;
                    for (var s = 0; s < k; s++)
                    {
                        dot[(s * w) + c] += x * seeds[s][ti];
                    }
                }
            }

            for (var c = 0; c < w; c++)
            {
                var ss = sxx[c] - (sx[c] * sx[c] / t);
                // A constant voxel (no variance, up to rounding) has no correlation: 0, as nilearn's z-scored zeros give.
                var constant = ss <= 1e-12 * Math.Max(sxx[c], double.Epsilon);
                for (var s = 0; s < k; s++)
                {
                    r[(s * v) + c0 + c] = constant ? 0f : (float)Math.Clamp(dot[(s * w) + c] / Math.Sqrt(ss), -1, 1);
                }
            }
        });
    }

    private static void Add(double[] target, int at, System.Numerics.Vector<double> value) =>
        (new System.Numerics.Vector<double>(target, at) + value).CopyTo(target, at);

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
