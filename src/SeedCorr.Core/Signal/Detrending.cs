using System.Numerics;
using System.Runtime.CompilerServices;

namespace SeedCorr.Core.Signal;

/// <summary>
/// nilearn's <c>_detrend</c>: remove each column's mean, then (linear) its projection on the centred, unit-norm ramp
/// r = (t − mean t) / ‖t − mean t‖. Sums run in float64 whatever the storage type (nilearn sums float32 input in
/// float32; the difference is float32 rounding, ~1e-7 relative).
/// </summary>
internal static class Detrending
{
    private const int Block = 256;

    /// <summary>Detrends the columns of a time-major matrix (data[t · columns + c]) in place.</summary>
    public static void Linear<T>(T[] data, int timepoints, int columns, bool linear = true, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        if (timepoints < 2)
        {
            return; // nilearn warns and returns a single sample unchanged
        }

        if (typeof(T) == typeof(float))
        {
            LinearFloat32(System.Runtime.CompilerServices.Unsafe.As<float[]>(data), timepoints, columns, linear, cancellationToken);
            return;
        }

        LinearScalar(data, timepoints, columns, linear, cancellationToken);
    }

    /// <summary>The reference: one column at a time within each block (float64 and any other storage type).</summary>
    internal static void LinearScalar<T>(T[] data, int timepoints, int columns, bool linear, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var ramp = Ramp(timepoints);
        Parallel.For(0, (columns + Block - 1) / Block, new ParallelOptions { CancellationToken = cancellationToken }, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (block) =>
        {
            var c0 = block * Block;
            var w = Math.Min(Block, columns - c0);
            Span<double> mean = stackalloc double[w];
            Span<double> dot = stackalloc double[w];
            for (var t = 0; t < timepoints; t++)
            {
                var row = data.AsSpan((t * columns) + c0, w);
                for (var c = 0; c < w; c++)
                {
                    mean[c] += double.CreateTruncating(row[c]);
                }
            }

            for (var c = 0; c < w; c++)
            {
                mean[c] /= timepoints;
            }

            if (linear)
            {
                for (var t = 0; t < timepoints; t++)
                {
                    var row = data.AsSpan((t * columns) + c0, w);
                    for (var c = 0; c < w; c++)
                    {
                        dot[c] += ramp[t] * (double.CreateTruncating(row[c]) - mean[c]);
                    }
                }
            }

            for (var t = 0; t < timepoints; t++)
            {
                var row = data.AsSpan((t * columns) + c0, w);
                for (var c = 0; c < w; c++)
                {
                    row[c] = T.CreateTruncating(double.CreateTruncating(row[c]) - mean[c] - (linear ? dot[c] * ramp[t] : 0));
                }
            }
        });
    }

    /// <summary>
    /// float32 storage: the reference's operations, in its order, on 2 × Vector&lt;double&gt;.Count columns at a time
    /// (each float32 lane widened to float64), so the results are the reference's bits.
    /// </summary>
    private static void LinearFloat32(float[] data, int timepoints, int columns, bool linear, CancellationToken cancellationToken)
    {
        var ramp = Ramp(timepoints);
        var vw = Vector<float>.Count;
        var hw = Vector<double>.Count;
        Parallel.For(0, (columns + Block - 1) / Block, new ParallelOptions { CancellationToken = cancellationToken }, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (block) =>
        {
            var c0 = block * Block;
            var w = Math.Min(Block, columns - c0);
            var vectors = w / vw * vw;
            Span<double> mean = stackalloc double[w];
            Span<double> dot = stackalloc double[w];
            for (var t = 0; t < timepoints; t++)
            {
                WidenedSums.Add(mean, data.AsSpan((t * columns) + c0, w));
            }

            for (var c = 0; c < w; c++)
            {
                mean[c] /= timepoints;
            }

            if (linear)
            {
                for (var t = 0; t < timepoints; t++)
                {
                    var row = data.AsSpan((t * columns) + c0, w);
                    var r = new Vector<double>(ramp[t]);
                    var c = 0;
                    for (; c < vectors; c += vw)
                    {
                        Vector.Widen(new Vector<float>(row[c..]), out var lo, out var hi);
                        (new Vector<double>(dot[c..]) + (r * (lo - new Vector<double>(mean[c..])))).CopyTo(dot[c..]);
                        (new Vector<double>(dot[(c + hw)..]) + (r * (hi - new Vector<double>(mean[(c + hw)..])))).CopyTo(dot[(c + hw)..]);
                    }

                    for (; c < w; c++)
                    {
                        dot[c] += ramp[t] * (row[c] - mean[c]);
                    }
                }
            }

            for (var t = 0; t < timepoints; t++)
            {
                var row = data.AsSpan((t * columns) + c0, w);
                var r = new Vector<double>(ramp[t]);
                var c = 0;
                for (; c < vectors; c += vw)
                {
                    Vector.Widen(new Vector<float>(row[c..]), out var lo, out var hi);
                    var a = lo - new Vector<double>(mean[c..]) - (linear ? new Vector<double>(dot[c..]) * r : Vector<double>.Zero);
                    var b = hi - new Vector<double>(mean[(c + hw)..]) - (linear ? new Vector<double>(dot[(c + hw)..]) * r : Vector<double>.Zero);
                    Vector.Narrow(a, b).CopyTo(row[c..]);
                }

                for (; c < w; c++)
                {
                    row[c] = (float)(row[c] - mean[c] - (linear ? dot[c] * ramp[t] : 0));
                }
            }
        });
    }

    private static double[] Ramp(int n)
    {
        var r = new double[n];
        var mean = (n - 1) / 2.0;
        double norm = 0;
        for (var t = 0; t < n; t++)
        {
            r[t] = t - mean;
            norm += r[t] * r[t];
        }

        norm = Math.Sqrt(norm);
        for (var t = 0; t < n; t++)
        {
            r[t] /= norm;
        }

        return r;
    }
}
