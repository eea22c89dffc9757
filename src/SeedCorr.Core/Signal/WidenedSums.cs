using System.Numerics;
using System.Runtime.CompilerServices;

namespace SeedCorr.Core.Signal;

/// <summary>float32 values summed into float64 accumulators, the way every mean in the pipeline is taken.</summary>
internal static class WidenedSums
{
    /// <summary>
    /// sum[i] += values[i], each float32 widened to float64: one addition per element, so the result is the scalar
    /// loop's to the bit, with 2 × Vector&lt;double&gt;.Count elements per step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add(Span<double> sum, ReadOnlySpan<float> values)
    {
        var vw = Vector<float>.Count;
        var hw = Vector<double>.Count;
        var i = 0;
        for (; i + vw <= values.Length; i += vw)
        {
            Vector.Widen(new Vector<float>(values[i..]), out var lo, out var hi);
            (new Vector<double>(sum[i..]) + lo).CopyTo(sum[i..]);
            (new Vector<double>(sum[(i + hw)..]) + hi).CopyTo(sum[(i + hw)..]);
        }

        for (; i < values.Length; i++)
        {
            sum[i] += values[i];
        }
    }

    /// <summary>
    /// The dot products over time of one vector of float32 columns (Vector&lt;float&gt;.Count columns from
    /// <paramref name="column"/> of a time-major matrix of <paramref name="stride"/> columns) with each of
    /// <paramref name="count"/> float64 series (time-major: series j at time ti is coefficients[ti · count + j]):
    /// sums[2j] and sums[2j + 1] get the low and high halves of series j's products. Four series at a time keep their
    /// eight sums in registers over all time points, so the columns are read from L1 once per four series and no sum
    /// goes to memory until it is done. Each sum adds its rounded products in time order (no fused multiply-add): the
    /// bits of the plain loop. Used by the confound projection (QᵀX) and the seed correlation (many seeds).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DotProducts(float[] data, int stride, int column, int timepoints, double[] coefficients, int count, Span<Vector<double>> sums)
    {
        var j = 0;
        for (; j + 4 <= count; j += 4)
        {
            Vector<double> a0 = default, b0 = default, a1 = default, b1 = default, a2 = default, b2 = default, a3 = default, b3 = default;
            for (var ti = 0; ti < timepoints; ti++)
            {
                Vector.Widen(new Vector<float>(data, (ti * stride) + column), out var lo, out var hi);
                var at = (ti * count) + j;
                var c0 = new Vector<double>(coefficients[at]);
                var c1 = new Vector<double>(coefficients[at + 1]);
                var c2 = new Vector<double>(coefficients[at + 2]);
                var c3 = new Vector<double>(coefficients[at + 3]);
                a0 += lo * c0;
                b0 += hi * c0;
                a1 += lo * c1;
                b1 += hi * c1;
                a2 += lo * c2;
                b2 += hi * c2;
                a3 += lo * c3;
                b3 += hi * c3;
            }

            (sums[2 * j], sums[(2 * j) + 1], sums[(2 * j) + 2], sums[(2 * j) + 3]) = (a0, b0, a1, b1);
            (sums[(2 * j) + 4], sums[(2 * j) + 5], sums[(2 * j) + 6], sums[(2 * j) + 7]) = (a2, b2, a3, b3);
        }

        for (; j < count; j++)
        {
            Vector<double> a = default, b = default;
            for (var ti = 0; ti < timepoints; ti++)
            {
                Vector.Widen(new Vector<float>(data, (ti * stride) + column), out var lo, out var hi);
                var c = new Vector<double>(coefficients[(ti * count) + j]);
                a += lo * c;
                b += hi * c;
            }

            (sums[2 * j], sums[(2 * j) + 1]) = (a, b);
        }
    }
}
