using System.Buffers.Binary;

namespace SeedCorr.Core.Nifti;

/// <summary>Chooses scl_slope/scl_inter for writing float data as an integer type, and encodes values with them.</summary>
internal static class IntegerScaling
{
    /// <summary>
    /// Slope 1, intercept 0 when every finite value is a whole number inside the type's range (exact round trip);
    /// otherwise the finite range [min, max] is spread over the type's range. In NIfTI-1 slope and intercept are
    /// float32 fields, so they are rounded to float32 before use: the values written then decode exactly as readers
    /// will decode them.
    /// </summary>
    public static (double Slope, double Inter) Choose(ReadOnlySpan<float> data, NiftiDataType type, bool float64Fields, (double Slope, double Inter)? preferred = null)
    {
        // An image read from an integer file and written back as the same type keeps its own scaling when every value
        // still decodes exactly: an unmodified image then round-trips bit for bit instead of being re-quantised.
        if (preferred is { } p && double.IsFinite(p.Slope) && p.Slope != 0 && double.IsFinite(p.Inter) && Reproduces(data, type, p.Slope, p.Inter))
        {
            return p;
        }

        var (tmin, tmax) = NiftiDataTypes.IntegerRange(type);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        var whole = true;
        foreach (var v in data)
        {
            if (!float.IsFinite(v))
            {
                continue;
            }

            min = Math.Min(min, v);
            max = Math.Max(max, v);
            whole &= v == MathF.Round(v);
        }

        if (double.IsInfinity(min) || (whole && min >= tmin && max <= tmax))
        {
            return (1.0, 0.0);
        }

        if (max == min)
        {
            return (1.0, Round(min, float64Fields));
        }

        // Leave a little headroom at the 64-bit extremes, where double cannot represent the integer limits exactly.
        var span = (tmax - tmin) * (1 - 1e-9);
        var slope = Round((max - min) / span, float64Fields);
        var inter = Round(min - (tmin * slope), float64Fields);
        return (slope, inter);
    }

    private static bool Reproduces(ReadOnlySpan<float> data, NiftiDataType type, double slope, double inter)
    {
        var (tmin, tmax) = NiftiDataTypes.IntegerRange(type);
        foreach (var v in data)
        {
            if (!float.IsFinite(v))
            {
                continue;
            }

            var raw = Math.Round((v - inter) / slope, MidpointRounding.ToEven);
            if (raw < tmin || raw > tmax || (float)((raw * slope) + inter) != v)
            {
                return false;
            }
        }

        return true;
    }

    private static double Round(double v, bool float64Fields) => float64Fields ? v : (float)v;

    /// <summary>Writes raw = round((v − inter) / slope), clamped to the type's range, little-endian. NaN becomes raw 0.</summary>
    public static void Encode(ReadOnlySpan<float> values, Span<byte> dst, NiftiDataType type, double slope, double inter)
    {
        if (type == NiftiDataType.Float64)
        {
            for (var n = 0; n < values.Length; n++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(dst[(n * 8)..], values[n]);
            }

            return;
        }

        if (type == NiftiDataType.Float32)
        {
            for (var n = 0; n < values.Length; n++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(dst[(n * 4)..], values[n]);
            }

            return;
        }

        var (tmin, tmax) = NiftiDataTypes.IntegerRange(type);
        var identity = slope == 1 && inter == 0;
        for (var n = 0; n < values.Length; n++)
        {
            double v = values[n];
            var r = double.IsNaN(v) ? 0 : Math.Round(identity ? v : (v - inter) / slope, MidpointRounding.ToEven);
            r = Math.Clamp(r, tmin, tmax);
            switch (type)
            {
                case NiftiDataType.UInt8: dst[n] = (byte)r; break;
                case NiftiDataType.Int8: dst[n] = (byte)(sbyte)r; break;
                case NiftiDataType.Int16: BinaryPrimitives.WriteInt16LittleEndian(dst[(n * 2)..], (short)r); break;
                case NiftiDataType.UInt16: BinaryPrimitives.WriteUInt16LittleEndian(dst[(n * 2)..], (ushort)r); break;
                case NiftiDataType.Int32: BinaryPrimitives.WriteInt32LittleEndian(dst[(n * 4)..], (int)r); break;
                case NiftiDataType.UInt32: BinaryPrimitives.WriteUInt32LittleEndian(dst[(n * 4)..], (uint)r); break;
                // Casting a double at or beyond 2^63 to long is undefined: saturate explicitly.
                case NiftiDataType.Int64: BinaryPrimitives.WriteInt64LittleEndian(dst[(n * 8)..], r >= 9.2233720368547758e18 ? long.MaxValue : (long)r); break;
                case NiftiDataType.UInt64: BinaryPrimitives.WriteUInt64LittleEndian(dst[(n * 8)..], r >= 1.8446744073709552e19 ? ulong.MaxValue : (ulong)r); break;
                default: throw new ArgumentOutOfRangeException(nameof(type), type, "not a writable datatype");
            }
        }
    }
}
