using System.Runtime.CompilerServices;
namespace SeedCorr.Core.Signal;

/// <summary>How series are scaled after cleaning (nilearn's <c>standardize</c>).</summary>
public enum Standardization
{
    /// <summary>Leave the values as they are.</summary>
    None,
    /// <summary>Mean 0, population standard deviation 1 (ddof 0): nilearn's <c>standardize=True</c>/<c>"zscore"</c> up to 0.13.</summary>
    ZScore,
    /// <summary>Mean 0, sample standard deviation 1 (ddof 1): nilearn's <c>"zscore_sample"</c>, the default from 0.14.</summary>
    ZScoreSample,
    /// <summary>Percent signal change: 100 · (x − mean) / |mean|; zero-mean series become 0.</summary>
    Psc,
}

/// <summary>How confounds are scaled before regression (nilearn's <c>standardize_confounds</c>).</summary>
public enum ConfoundStandardization
{
    /// <summary>Divide each column by its largest absolute value (nilearn's <c>standardize_confounds=False</c>).</summary>
    MaxAbs,
    /// <summary>z-score with the population std (nilearn's <c>True</c>, the default).</summary>
    ZScore,
    /// <summary>z-score with the sample std.</summary>
    ZScoreSample,
}

/// <summary>nilearn's <c>standardize_signal</c> with detrend=False, column by column, statistics in float64.</summary>
internal static class Standardizer
{
    private const double Eps = 2.220446049250313e-16; // np.finfo(float64).eps: nilearn's threshold for "constant"

    /// <summary>Standardizes the columns of a time-major matrix in place. Returns the number of zero-mean columns set to 0 under Psc.</summary>
    public static int Apply<T>(T[] data, int timepoints, int columns, Standardization how, double[]? addBack = null, CancellationToken cancellationToken = default)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        if (how == Standardization.None || timepoints < 2)
        {
            return 0;
        }

        if (typeof(T) == typeof(float) && how != Standardization.Psc)
        {
            ZScoreFloat32(System.Runtime.CompilerServices.Unsafe.As<float[]>(data), timepoints, columns, how, addBack, cancellationToken);
            return 0;
        }

        return ApplyScalar(data, timepoints, columns, how, addBack, cancellationToken);
    }

    /// <summary>The reference: one column at a time within each block (float64, psc, and any other storage type).</summary>
    internal static int ApplyScalar<T>(T[] data, int timepoints, int columns, Standardization how, double[]? addBack, CancellationToken cancellationToken)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var zeroMean = 0;
        const int width = 1024;
        // A mean that is rounding noise next to the series itself (a detrended or high-passed series) gives percent
        // changes of 1e16 in nilearn; psc treats |mean| below 1000 machine epsilons of the storage type times the
        // series' RMS as zero (float64: 2e-13, float32: 1.2e-4).
        var storageEps = typeof(T) == typeof(float) ? 1.1920928955078125e-07 : Eps;
        Parallel.For(0, (columns + width - 1) / width, new ParallelOptions { CancellationToken = cancellationToken }, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (block) =>
        {
            var c0 = block * width;
            var n = Math.Min(width, columns - c0);
            var mean = new double[n];
            var sq = new double[n];
            var scale = new double[n];
            var add = addBack is null ? new double[n] : addBack.AsSpan(c0, n).ToArray();
            for (var t = 0; t < timepoints; t++)
            {
                var row = data.AsSpan((t * columns) + c0, n);
                for (var c = 0; c < n; c++)
                {
                    mean[c] += double.CreateTruncating(row[c]) + add[c];
                }
            }

            for (var c = 0; c < n; c++)
            {
                mean[c] /= timepoints;
            }

            // Second pass: squared deviations (z-score) or squares (psc's RMS), never the one-pass formula, which
            // cancels catastrophically when the mean is large.
            for (var t = 0; t < timepoints; t++)
            {
                var row = data.AsSpan((t * columns) + c0, n);
                for (var c = 0; c < n; c++)
                {
                    var v = double.CreateTruncating(row[c]) + add[c];
                    var d = how == Standardization.Psc ? v : v - mean[c];
                    sq[c] += d * d;
                }
            }

            var zeros = 0;
            for (var c = 0; c < n; c++)
            {
                if (how == Standardization.Psc)
                {
                    if (Math.Abs(mean[c]) < Math.Max(Eps, 1000 * storageEps * Math.Sqrt(sq[c] / timepoints)))
                    {
                        scale[c] = 0;
                        zeros++;
                    }
                    else
                    {
                        scale[c] = 100 / Math.Abs(mean[c]);
                    }
                }
                else
                {
                    var std = Math.Sqrt(sq[c] / (timepoints - (how == Standardization.ZScoreSample ? 1 : 0)));
                    scale[c] = std < Eps ? 1 : 1 / std; // constant series: (x − mean) / 1 = exact zeros
                }
            }

            for (var t = 0; t < timepoints; t++)
            {
                var row = data.AsSpan((t * columns) + c0, n);
                for (var c = 0; c < n; c++)
                {
                    row[c] = T.CreateTruncating((double.CreateTruncating(row[c]) + add[c] - mean[c]) * scale[c]);
                }
            }

            Interlocked.Add(ref zeroMean, zeros);
        });

        return zeroMean;
    }

    /// <summary>
    /// z-scores of float32 storage: the reference's operations, in its order, on 2 × Vector&lt;double&gt;.Count columns
    /// at a time, in blocks small enough that the three passes over a block stay in cache. The reference's bits.
    /// </summary>
    private static void ZScoreFloat32(float[] data, int timepoints, int columns, Standardization how, double[]? addBack, CancellationToken cancellationToken)
    {
        const int width = 256;
        var vw = System.Numerics.Vector<float>.Count;
        var hw = System.Numerics.Vector<double>.Count;
        var ddof = how == Standardization.ZScoreSample ? 1 : 0;
        Parallel.For(0, (columns + width - 1) / width, new ParallelOptions { CancellationToken = cancellationToken }, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (block) =>
        {
            var c0 = block * width;
            var n = Math.Min(width, columns - c0);
            var vectors = n / vw * vw;
            Span<double> mean = stackalloc double[n];
            Span<double> sq = stackalloc double[n];
            Span<double> scale = stackalloc double[n];
            Span<double> add = stackalloc double[n];
            if (addBack is not null)
            {
                addBack.AsSpan(c0, n).CopyTo(add);
            }

            for (var t = 0; t < timepoints; t++)
            {
                var row = data.AsSpan((t * columns) + c0, n);
                var c = 0;
                for (; c < vectors; c += vw)
                {
                    System.Numerics.Vector.Widen(new System.Numerics.Vector<float>(row[c..]), out var lo, out var hi);
                    (new System.Numerics.Vector<double>(mean[c..]) + (lo + new System.Numerics.Vector<double>(add[c..]))).CopyTo(mean[c..]);
                    (new System.Numerics.Vector<double>(mean[(c + hw)..]) + (hi + new System.Numerics.Vector<double>(add[(c + hw)..]))).CopyTo(mean[(c + hw)..]);
                }

                for (; c < n; c++)
                {
                    mean[c] += row[c] + add[c];
                }
            }

            for (var c = 0; c < n; c++)
            {
                mean[c] /= timepoints;
            }

            for (var t = 0; t < timepoints; t++)
            {
                var row = data.AsSpan((t * columns) + c0, n);
                var c = 0;
                for (; c < vectors; c += vw)
                {
                    System.Numerics.Vector.Widen(new System.Numerics.Vector<float>(row[c..]), out var lo, out var hi);
                    var dl = lo + new System.Numerics.Vector<double>(add[c..]) - new System.Numerics.Vector<double>(mean[c..]);
                    var dh = hi + new System.Numerics.Vector<double>(add[(c + hw)..]) - new System.Numerics.Vector<double>(mean[(c + hw)..]);
                    (new System.Numerics.Vector<double>(sq[c..]) + (dl * dl)).CopyTo(sq[c..]);
                    (new System.Numerics.Vector<double>(sq[(c + hw)..]) + (dh * dh)).CopyTo(sq[(c + hw)..]);
                }

                for (; c < n; c++)
                {
                    var d = row[c] + add[c] - mean[c];
                    sq[c] += d * d;
                }
            }

            for (var c = 0; c < n; c++)
            {
                var std = Math.Sqrt(sq[c] / (timepoints - ddof));
                scale[c] = std < Eps ? 1 : 1 / std; // constant series: (x − mean) / 1 = exact zeros
            }

            for (var t = 0; t < timepoints; t++)
            {
                var row = data.AsSpan((t * columns) + c0, n);
                var c = 0;
                for (; c < vectors; c += vw)
                {
                    System.Numerics.Vector.Widen(new System.Numerics.Vector<float>(row[c..]), out var lo, out var hi);
                    var a = (lo + new System.Numerics.Vector<double>(add[c..]) - new System.Numerics.Vector<double>(mean[c..])) * new System.Numerics.Vector<double>(scale[c..]);
                    var b = (hi + new System.Numerics.Vector<double>(add[(c + hw)..]) - new System.Numerics.Vector<double>(mean[(c + hw)..])) * new System.Numerics.Vector<double>(scale[(c + hw)..]);
                    System.Numerics.Vector.Narrow(a, b).CopyTo(row[c..]);
                }

                for (; c < n; c++)
                {
                    row[c] = (float)((row[c] + add[c] - mean[c]) * scale[c]);
                }
            }
        });
    }

    /// <summary>Scales confound columns (time-major float64) in place.</summary>
    public static void Confounds(double[] data, int timepoints, int columns, ConfoundStandardization how)
    {
        ArgumentNullException.ThrowIfNull(data);
        for (var c = 0; c < columns; c++)
        {
            double mean = 0, sq = 0, maxAbs = 0;
            for (var t = 0; t < timepoints; t++)
            {
                mean += data[(t * columns) + c];
            }

            mean /= timepoints;
            for (var t = 0; t < timepoints; t++)
            {
                var v = data[(t * columns) + c];
                sq += (v - mean) * (v - mean);
                maxAbs = Math.Max(maxAbs, Math.Abs(v));
            }

            if (how == ConfoundStandardization.MaxAbs)
            {
                // No centring: a constant contribution stays (nilearn: "we don't rely on _standardize as it removes any constant").
                var m = maxAbs == 0 ? 1 : maxAbs;
                for (var t = 0; t < timepoints; t++)
                {
                    data[(t * columns) + c] /= m;
                }

                continue;
            }

            var std = Math.Sqrt(sq / (timepoints - (how == ConfoundStandardization.ZScoreSample ? 1 : 0)));
            var s = std < Eps ? 1 : std;
            for (var t = 0; t < timepoints; t++)
            {
                data[(t * columns) + c] = (data[(t * columns) + c] - mean) / s;
            }
        }
    }
}
