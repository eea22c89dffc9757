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
}
