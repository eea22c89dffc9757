using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SeedCorr.Core.Masking;

/// <summary>NaN and infinities in a volume (all exponent bits set), found by a vector scan: a volume has none, almost always.</summary>
internal static class NonFiniteValues
{
    private const uint Exponent = 0x7F800000u;

    /// <summary>Sets them to 0 (nilearn's ensure_finite); returns how many there were.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Zero(Span<float> volume)
    {
        if (!Any(volume))
        {
            return 0;
        }

        var bad = 0;
        for (var j = 0; j < volume.Length; j++)
        {
            if (!float.IsFinite(volume[j]))
            {
                volume[j] = 0;
                bad++;
            }
        }

        return bad;
    }

    /// <summary>How many there are, without changing the volume.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Count(ReadOnlySpan<float> volume)
    {
        if (!Any(volume))
        {
            return 0;
        }

        var bad = 0;
        foreach (var v in volume)
        {
            bad += float.IsFinite(v) ? 0 : 1;
        }

        return bad;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Any(ReadOnlySpan<float> volume)
    {
        var bits = MemoryMarshal.Cast<float, uint>(volume);
        var exponent = new Vector<uint>(Exponent);
        var vw = Vector<uint>.Count;
        var i = 0;
        for (; i + vw <= bits.Length; i += vw)
        {
            if (Vector.EqualsAny(new Vector<uint>(bits[i..]) & exponent, exponent))
            {
                return true;
            }
        }

        for (; i < bits.Length; i++)
        {
            if ((bits[i] & Exponent) == Exponent)
            {
                return true;
            }
        }

        return false;
    }
}
