using SeedCorr.Core.Geometry;

namespace SeedCorr.Core.Nifti;

/// <summary>A 3D image read at every n-th voxel (<see cref="NiftiReader.ReadDecimated"/>).</summary>
/// <param name="Data">The kept voxels, float32, F order (i fastest).</param>
/// <param name="Shape">The kept grid's size along i, j, k.</param>
/// <param name="Affine">The kept grid's voxel-to-world matrix: the file's, with its steps multiplied by n.</param>
/// <param name="FullMaximum">The largest value of the whole image, not only of the kept voxels (NaN skipped; −∞ if all are NaN).</param>
public sealed record DecimatedImage(float[] Data, int[] Shape, Affine Affine, float FullMaximum);

public static partial class NiftiReader
{
    /// <summary>
    /// Reads a 3D image keeping voxels 0, n, 2n, … along each axis. The stored values are converted a row at a time, so
    /// the full-resolution float32 image is never held: for the 1 mm MNI template (uint8, 8.7 M voxels) that is 8.7 MB
    /// of file bytes instead of 35 MB more of floats, which is most of a plot's first-call cost in a fresh pwsh.
    /// </summary>
    public static DecimatedImage ReadDecimated(string path, int step, NiftiReadOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        var (header, raw) = ReadRaw(path, options); // little-endian after ReadRaw
        var shape = header.Shape;
        if (shape.Length < 3 || shape.Skip(3).Any(d => d != 1))
        {
            throw new NiftiException(NiftiErrorKind.InvalidHeader, path, $"a 3D image is needed to read it decimated, not {string.Join('×', shape)}");
        }

        var (ni, nj, nk) = ((int)shape[0], (int)shape[1], (int)shape[2]);
        var (mi, mj, mk) = (((ni - 1) / step) + 1, ((nj - 1) / step) + 1, ((nk - 1) / step) + 1);
        var kept = new float[mi * mj * mk];
        float max;
        if (header.DataType == NiftiDataType.UInt8)
        {
            // The template's type: the largest value from the bytes' own extremes (the conversion is monotonic), and
            // only the kept voxels converted, in a loop that ReadyToRun code runs optimized on a fresh pwsh's first plot.
            var (scale, slope, inter) = (header.HasScaling, header.SclSlope, header.SclInter);
            float ToFloat(byte b) => (float)(scale ? (b * slope) + inter : b);
            max = Math.Max(ToFloat(raw.Min()), ToFloat(raw.Max()));
            for (var k = 0; k < nk; k += step)
            {
                for (var j = 0; j < nj; j += step)
                {
                    var from = (int)((((long)k * nj) + j) * ni);
                    var at = (j / step * mi) + (k / step * mi * mj);
                    for (var i = 0; i < mi; i++)
                    {
                        kept[at + i] = ToFloat(raw[from + (i * step)]);
                    }
                }
            }
        }
        else
        {
            max = ConvertedRows(raw, header, (ni, nj, nk), step, (mi, mj), kept);
        }

        var m = header.BestAffine.ToRowMajor();
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 3; c++)
            {
                m[(r * 4) + c] *= step;
            }
        }

        return new DecimatedImage(kept, [mi, mj, mk], new Affine(m), max);
    }

    // Any stored type: every row converted (for the whole image's maximum), the kept voxels of every step-th row taken.
    private static float ConvertedRows(byte[] raw, NiftiHeader header, (int I, int J, int K) n, int step, (int I, int J) m, float[] kept)
    {
        var size = NiftiDataTypes.BitsPerVoxel(header.DataType) / 8;
        var row = new float[n.I];
        var max = float.NegativeInfinity;
        for (var k = 0; k < n.K; k++)
        {
            for (var j = 0; j < n.J; j++)
            {
                var bytes = raw.AsSpan((int)((((long)k * n.J) + j) * n.I * size), n.I * size);
                VoxelConverter.Convert<float>(bytes, row, header.DataType, bigEndian: false, header.HasScaling, header.SclSlope, header.SclInter);
                foreach (var v in row)
                {
                    if (v > max)
                    {
                        max = v; // NaN never compares greater: skipped, as numpy's nanmax
                    }
                }

                if (k % step == 0 && j % step == 0)
                {
                    var at = (j / step * m.I) + (k / step * m.I * m.J);
                    for (var i = 0; i < m.I; i++)
                    {
                        kept[at + i] = row[i * step];
                    }
                }
            }
        }

        return max;
    }
}
