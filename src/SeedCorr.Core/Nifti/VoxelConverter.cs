using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SeedCorr.Core.Nifti;

/// <summary>
/// Converts raw voxel bytes (any supported datatype, either byte order) to float32 or float64 values, applying
/// scl_slope/scl_inter. Scaled values are computed as (double)raw × slope + inter, in that order, then rounded once to the
/// destination type, so a float32 result is the float64 result correctly rounded (the fixtures' exact rule).
/// </summary>
internal static class VoxelConverter
{
    public static void Convert<T>(ReadOnlySpan<byte> raw, Span<T> dst, NiftiDataType type, bool bigEndian, bool scale, double slope, double inter)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var swap = bigEndian == BitConverter.IsLittleEndian;
        switch (type)
        {
            case NiftiDataType.UInt8:
                // Masks, atlases and the MNI template are uint8: a loop of their own, without a delegate call per voxel.
                for (var n = 0; n < dst.Length; n++)
                {
                    double v = raw[n];
                    dst[n] = T.CreateChecked(scale ? (v * slope) + inter : v);
                }

                break;
            case NiftiDataType.Int8:
                Loop(raw, dst, 1, static (s, _) => (sbyte)s[0], swap, scale, slope, inter);
                break;
            case NiftiDataType.Int16:
                Loop(raw, dst, 2, static (s, sw) => sw ? BinaryPrimitives.ReverseEndianness(MemoryMarshal.Read<short>(s)) : MemoryMarshal.Read<short>(s), swap, scale, slope, inter);
                break;
            case NiftiDataType.UInt16:
                Loop(raw, dst, 2, static (s, sw) => sw ? BinaryPrimitives.ReverseEndianness(MemoryMarshal.Read<ushort>(s)) : MemoryMarshal.Read<ushort>(s), swap, scale, slope, inter);
                break;
            case NiftiDataType.Int32:
                Loop(raw, dst, 4, static (s, sw) => sw ? BinaryPrimitives.ReverseEndianness(MemoryMarshal.Read<int>(s)) : MemoryMarshal.Read<int>(s), swap, scale, slope, inter);
                break;
            case NiftiDataType.UInt32:
                Loop(raw, dst, 4, static (s, sw) => sw ? BinaryPrimitives.ReverseEndianness(MemoryMarshal.Read<uint>(s)) : MemoryMarshal.Read<uint>(s), swap, scale, slope, inter);
                break;
            case NiftiDataType.Int64:
                Loop(raw, dst, 8, static (s, sw) => sw ? BinaryPrimitives.ReverseEndianness(MemoryMarshal.Read<long>(s)) : MemoryMarshal.Read<long>(s), swap, scale, slope, inter);
                break;
            case NiftiDataType.UInt64:
                Loop(raw, dst, 8, static (s, sw) => sw ? BinaryPrimitives.ReverseEndianness(MemoryMarshal.Read<ulong>(s)) : MemoryMarshal.Read<ulong>(s), swap, scale, slope, inter);
                break;
            case NiftiDataType.Float32:
                Loop(raw, dst, 4, static (s, sw) => sw ? BinaryPrimitives.ReadSingleBigEndian(s) : MemoryMarshal.Read<float>(s), swap, scale, slope, inter);
                break;
            case NiftiDataType.Float64:
                Loop(raw, dst, 8, static (s, sw) => sw ? BinaryPrimitives.ReadDoubleBigEndian(s) : MemoryMarshal.Read<double>(s), swap, scale, slope, inter);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "unsupported datatype");
        }
    }

    private delegate double ReadRaw(ReadOnlySpan<byte> source, bool swap);

    // One delegate call per voxel costs ~1 ns; the hot float32 little-endian case never comes here (see InPlaceFloat32).
    private static void Loop<T>(ReadOnlySpan<byte> raw, Span<T> dst, int size, ReadRaw read, bool swap, bool scale, double slope, double inter)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var n = 0; n < dst.Length; n++)
        {
            var v = read(raw.Slice(n * size, size), swap);
            dst[n] = T.CreateChecked(scale ? (v * slope) + inter : v);
        }
    }

    /// <summary>
    /// The fast path for float32 data already read into its destination: fixes the byte order and applies scaling in place,
    /// so a float32 image costs no buffer beyond the result.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void InPlaceFloat32(Span<float> data, bool bigEndian, bool scale, double slope, double inter)
    {
        if (bigEndian == BitConverter.IsLittleEndian)
        {
            var ints = MemoryMarshal.Cast<float, int>(data);
            BinaryPrimitives.ReverseEndianness(ints, ints);
        }

        // Slope 1 and intercept 0 (what most writers store) change nothing, as nibabel knows: skip the pass over the data.
        if (!scale || (slope == 1 && inter == 0))
        {
            return;
        }

        // (float)(x · slope + inter) in float64, 2 × Vector<double>.Count lanes at a time; the same operations as the scalar tail.
        var vw = Vector<float>.Count;
        var n = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vs = new Vector<double>(slope);
            var vi = new Vector<double>(inter);
            for (; n + vw <= data.Length; n += vw)
            {
                Vector.Widen(new Vector<float>(data.Slice(n, vw)), out var lo, out var hi);
                Vector.Narrow((lo * vs) + vi, (hi * vs) + vi).CopyTo(data.Slice(n, vw));
            }
        }

        for (; n < data.Length; n++)
        {
            data[n] = (float)((data[n] * slope) + inter);
        }
    }
}
