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
    /// Many seeds are one register-tiled product (<see cref="WidenedSums.DotProducts"/>): 100 seeds were ~35× the cost
    /// of one when every sum was loaded and stored at each time point. Every sum is still added in time order with a
    /// rounded product, so the values are those of the simple loop, bit for bit.
    /// </summary>
    private static void PearsonBlocks(SignalMatrix brain, double[][] seeds, float[] r, CancellationToken ct)
    {
        int t = brain.Timepoints, v = brain.Series, k = seeds.Length;
        var y = new double[t * k]; // the seeds time-major: a time point's k values side by side
        for (var s = 0; s < k; s++)
        {
            for (var ti = 0; ti < t; ti++)
            {
                y[(ti * k) + s] = seeds[s][ti];
            }
        }

        Parallel.For(0, (v + Block - 1) / Block, new ParallelOptions { CancellationToken = ct }, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (b) =>
        {
            var c0 = b * Block;
            var w = Math.Min(Block, v - c0);
            var vw = System.Numerics.Vector<float>.Count; // floats per vector; each widens to two double vectors
            var sums = new System.Numerics.Vector<double>[2 * k];
            var c = 0;
            for (; c + vw <= w; c += vw)
            {
                VectorOfVoxels(brain.Data, v, t, c0 + c, y, k, r, sums);
            }

            for (; c < w; c++)
            {
                OneVoxel(brain.Data, v, t, c0 + c, y, k, r);
            }
        });
    }

    // r of Vector<float>.Count voxels starting at column `col` with every seed.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VectorOfVoxels(float[] data, int v, int t, int col, double[] y, int k, float[] r, System.Numerics.Vector<double>[] sums)
    {
        var vw = System.Numerics.Vector<float>.Count;
        var half = System.Numerics.Vector<double>.Count;
        System.Numerics.Vector<double> sxLo = default, sxHi = default, sxxLo = default, sxxHi = default;
        for (var ti = 0; ti < t; ti++)
        {
            System.Numerics.Vector.Widen(new System.Numerics.Vector<float>(data, (ti * v) + col), out var lo, out var hi);
            sxLo += lo;
            sxHi += hi;
            sxxLo += lo * lo;
            sxxHi += hi * hi;
        }

        Span<double> ss = stackalloc double[vw];
        for (var i = 0; i < half; i++)
        {
            ss[i] = Variance(sxLo[i], sxxLo[i], t);
            ss[i + half] = Variance(sxHi[i], sxxHi[i], t);
        }

        WidenedSums.DotProducts(data, v, col, t, y, k, sums);
        for (var s = 0; s < k; s++)
        {
            Store(r, s, v, col, sums[2 * s], sums[(2 * s) + 1], ss);
        }
    }

    private static void Store(float[] r, int seed, int v, int col, System.Numerics.Vector<double> lo, System.Numerics.Vector<double> hi, ReadOnlySpan<double> ss)
    {
        var half = System.Numerics.Vector<double>.Count;
        for (var i = 0; i < half; i++)
        {
            r[(seed * v) + col + i] = R(lo[i], ss[i]);
            r[(seed * v) + col + half + i] = R(hi[i], ss[i + half]);
        }
    }

    private static void OneVoxel(float[] data, int v, int t, int col, double[] y, int k, float[] r)
    {
        double sx = 0, sxx = 0;
        for (var ti = 0; ti < t; ti++)
        {
            double x = data[(ti * v) + col];
            sx += x;
            sxx += x * x;
        }

        var ss = Variance(sx, sxx, t);
        for (var s = 0; s < k; s++)
        {
            double dot = 0;
            for (var ti = 0; ti < t; ti++)
            {
                dot += data[(ti * v) + col] * y[(ti * k) + s];
            }

            r[(s * v) + col] = R(dot, ss);
        }
    }

    // Σ(x − x̄)² from the sums; a constant voxel (no variance, up to rounding) is marked by a negative value.
    private static double Variance(double sx, double sxx, int t)
    {
        var ss = sxx - (sx * sx / t);
        return ss <= 1e-12 * Math.Max(sxx, double.Epsilon) ? -1 : ss;
    }

    // A constant voxel has no correlation: 0, as nilearn's z-scored zeros give.
    private static float R(double dot, double ss) => ss < 0 ? 0f : (float)Math.Clamp(dot / Math.Sqrt(ss), -1, 1);

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
