using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace SeedCorr.Core.Tests.Support;

/// <summary>A minimal reader for numpy .npy v1/v2 files (little-endian, C order), enough for the reference fixtures.</summary>
internal sealed partial class Npy
{
    public required string Descr { get; init; }

    public required int[] Shape { get; init; }

    public required byte[] Bytes { get; init; }

    public int Count => Shape.Aggregate(1, (a, b) => a * b);

    public static Npy Load(string path)
    {
        var all = File.ReadAllBytes(path);
        if (all.Length < 10 || all[0] != 0x93 || Encoding.ASCII.GetString(all, 1, 5) != "NUMPY")
        {
            throw new InvalidDataException($"{path} is not a .npy file");
        }

        int headerLen, start;
        if (all[6] == 1)
        {
            headerLen = BinaryPrimitives.ReadUInt16LittleEndian(all.AsSpan(8));
            start = 10;
        }
        else
        {
            headerLen = (int)BinaryPrimitives.ReadUInt32LittleEndian(all.AsSpan(8));
            start = 12;
        }

        var dict = Encoding.Latin1.GetString(all, start, headerLen);
        var descr = DescrRegex().Match(dict).Groups[1].Value;
        var shapeText = ShapeRegex().Match(dict).Groups[1].Value;
        var shape = shapeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        var bytes = all[(start + headerLen)..];
        if (dict.Contains("'fortran_order': True", StringComparison.Ordinal) && shape.Length > 1)
        {
            // Reorder the elements to C order (last index fastest) so every consumer sees one layout.
            var size = int.Parse(descr[2..], System.Globalization.CultureInfo.InvariantCulture);
            var count = shape.Aggregate(1, (a, b) => a * b);
            var elements = Enumerable.Range(0, count).Select(n => bytes.AsSpan(n * size, size).ToArray()).ToArray();
            var c = new byte[bytes.Length];
            var idx = new int[shape.Length];
            for (var n = 0; n < count; n++)
            {
                // n walks Fortran order (first index fastest); place it at its C-order offset.
                var off = 0;
                for (var a = 0; a < shape.Length; a++)
                {
                    off = (off * shape[a]) + idx[a];
                }

                elements[n].CopyTo(c, off * size);
                for (var a = 0; a < shape.Length; a++)
                {
                    if (++idx[a] < shape[a])
                    {
                        break;
                    }

                    idx[a] = 0;
                }
            }

            bytes = c;
        }

        return new Npy { Descr = descr, Shape = shape, Bytes = bytes };
    }

    public double[] AsDoubles()
    {
        return Descr switch
        {
            "<f8" => Enumerable.Range(0, Count).Select(n => BinaryPrimitives.ReadDoubleLittleEndian(Bytes.AsSpan(n * 8))).ToArray(),
            "<f4" => Enumerable.Range(0, Count).Select(n => (double)BinaryPrimitives.ReadSingleLittleEndian(Bytes.AsSpan(n * 4))).ToArray(),
            _ => throw new NotSupportedException(Descr),
        };
    }

    /// <summary>Reorders C-order values (last index fastest) into NIfTI file order (first index fastest).</summary>
    public static T[] COrderToFOrder<T>(T[] c, int[] shape)
    {
        var f = new T[c.Length];
        var idx = new int[shape.Length];
        for (var n = 0; n < c.Length; n++)
        {
            // n walks C order; compute the F-order offset of the same multi-index.
            var off = 0;
            var stride = 1;
            for (var a = 0; a < shape.Length; a++)
            {
                off += idx[a] * stride;
                stride *= shape[a];
            }

            f[off] = c[n];
            for (var a = shape.Length - 1; a >= 0; a--)
            {
                if (++idx[a] < shape[a])
                {
                    break;
                }

                idx[a] = 0;
            }
        }

        return f;
    }

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex DescrRegex();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapeRegex();
}
