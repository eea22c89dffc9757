using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SeedCorr.Core.IO;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320: the gzip trailer's): by carry-less multiplication where the CPU
/// has it (x86 PCLMULQDQ: 64 bytes folded per step, the method of Intel's "Fast CRC computation for generic polynomials
/// using PCLMULQDQ", as zlib's SIMD CRC), otherwise eight bytes per step ("slicing by 8"); both give the same values.
/// Why our own: <see cref="ZeroRunGzip"/> writes gzip members without zlib, and the framework's CRC-32 is a separate
/// package (System.IO.Hashing).
/// </summary>
public static class Crc32
{
    private static readonly uint[] Table = MakeTable();

    /// <summary>The CRC-32 of <paramref name="data"/>, continuing from <paramref name="crc"/> (0 to start).</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        crc = ~crc;
        if (Pclmulqdq.IsSupported && data.Length >= 64)
        {
            var folded = data.Length & ~15;
            crc = Fold(crc, data[..folded]);
            data = data[folded..];
        }

        return ~Slices(crc, data);
    }

    /// <summary>The table-driven CRC (the reference; also the tail after folding). Works on the inverted register.</summary>
    internal static uint Slices(uint crc, ReadOnlySpan<byte> data)
    {
        var t = Table;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            var a = crc ^ (uint)(data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
            var b = (uint)(data[i + 4] | (data[i + 5] << 8) | (data[i + 6] << 16) | (data[i + 7] << 24));
            crc = t[(7 * 256) + (a & 0xFF)] ^ t[(6 * 256) + ((a >> 8) & 0xFF)] ^ t[(5 * 256) + ((a >> 16) & 0xFF)] ^ t[(4 * 256) + (a >> 24)]
                ^ t[(3 * 256) + (b & 0xFF)] ^ t[(2 * 256) + ((b >> 8) & 0xFF)] ^ t[256 + ((b >> 16) & 0xFF)] ^ t[b >> 24];
        }

        for (; i < data.Length; i++)
        {
            crc = t[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    // x^(4·128±32), x^(128±32) and x^64 mod P (bit-reflected), P' and Barrett's µ: the constants of the method.
    private const ulong K1 = 0x0154442bd4, K2 = 0x01c6e41596, K3 = 0x01751997d0, K4 = 0x00ccaa009e, K5 = 0x0163cd6124;
    private const ulong Poly = 0x01db710641, Mu = 0x01f7011641;

    /// <summary>The inverted register after <paramref name="data"/> (a multiple of 16 bytes, at least 64).</summary>
    private static uint Fold(uint crc, ReadOnlySpan<byte> data)
    {
        var q = MemoryMarshal.Cast<byte, ulong>(data);
        static Vector128<ulong> Load(ReadOnlySpan<ulong> q, int at) => Vector128.Create(q[at], q[at + 1]);
        static Vector128<ulong> Step(Vector128<ulong> x, Vector128<ulong> k, Vector128<ulong> next) =>
            Pclmulqdq.CarrylessMultiply(x, k, 0x00) ^ Pclmulqdq.CarrylessMultiply(x, k, 0x11) ^ next;

        var x1 = Load(q, 0) ^ Vector128.CreateScalar((ulong)crc);
        var x2 = Load(q, 2);
        var x3 = Load(q, 4);
        var x4 = Load(q, 6);
        var at = 8;
        var k = Vector128.Create(K1, K2);
        for (; at + 8 <= q.Length; at += 8)
        {
            x1 = Step(x1, k, Load(q, at));
            x2 = Step(x2, k, Load(q, at + 2));
            x3 = Step(x3, k, Load(q, at + 4));
            x4 = Step(x4, k, Load(q, at + 6));
        }

        // Four lanes into one, then the remaining 16-byte blocks.
        k = Vector128.Create(K3, K4);
        x1 = Step(x1, k, x2);
        x1 = Step(x1, k, x3);
        x1 = Step(x1, k, x4);
        for (; at + 2 <= q.Length; at += 2)
        {
            x1 = Step(x1, k, Load(q, at));
        }

        // 128 bits to 64, then Barrett's reduction to 32.
        var low32 = Vector128.Create(0xFFFFFFFFu, 0, 0xFFFFFFFFu, 0).AsUInt64();
        var x = Pclmulqdq.CarrylessMultiply(x1, k, 0x10) ^ Sse2.ShiftRightLogical128BitLane(x1.AsByte(), 8).AsUInt64();
        var high = Sse2.ShiftRightLogical128BitLane(x.AsByte(), 4).AsUInt64();
        x = Pclmulqdq.CarrylessMultiply(x & low32, Vector128.Create(K5, 0UL), 0x00) ^ high;
        var p = Vector128.Create(Poly, Mu);
        var y = Pclmulqdq.CarrylessMultiply(x & low32, p, 0x10) & low32;
        y = Pclmulqdq.CarrylessMultiply(y, p, 0x00);
        return (x ^ y).AsUInt32().GetElement(1);
    }

    private static uint[] MakeTable()
    {
        var t = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            t[n] = c;
        }

        for (var s = 1; s < 8; s++)
        {
            for (var n = 0; n < 256; n++)
            {
                t[(s * 256) + n] = t[t[((s - 1) * 256) + n] & 0xFF] ^ (t[((s - 1) * 256) + n] >> 8);
            }
        }

        return t;
    }
}
