using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;

namespace SeedCorr.Core.Masking;

/// <summary>Checks that a mask lies on an image's grid and reads it as booleans (F order).</summary>
internal static class MaskGrid
{
    // nilearn compares affines with np.allclose (rtol 1e-5, atol 1e-8); the same tolerance here.
    public static void Check(NiftiImage mask, IReadOnlyList<int> shape, Affine affine, string what) => Check(mask.Shape, mask.Affine, shape, affine, what);

    /// <summary>The same check for a volume given by its shape and affine.</summary>
    public static void Check(IReadOnlyList<int> ms, Affine maskAffine, IReadOnlyList<int> shape, Affine affine, string what)
    {
        var same = ms.Count >= 3 && ms[0] == shape[0] && ms[1] == shape[1] && ms[2] == shape[2] && ms.Skip(3).All(d => d == 1);
        var close = true;
        for (var r = 0; r < 4 && close; r++)
        {
            for (var c = 0; c < 4; c++)
            {
                if (Math.Abs(maskAffine[r, c] - affine[r, c]) > 1e-8 + (1e-5 * Math.Abs(affine[r, c])))
                {
                    close = false;
                    break;
                }
            }
        }

        if (!same || !close)
        {
            throw new MaskingException(MaskingErrorKind.GridMismatch,
                $"{what} ({string.Join('x', ms)}) is not on the image's grid ({string.Join('x', shape.Take(3))}{(close ? string.Empty : ", different affine")}): resample it to the image first");
        }
    }

    /// <summary>The F-order offsets of the voxels inside, listed in nilearn's C order (i slowest, k fastest).</summary>
    public static int[] COrderOffsets(bool[] inside, int nx, int ny, int nz)
    {
        // Counted first, then filled: a growing list would allocate twice the result again (a 2 mm brain is 1.2 MB).
        var offsets = new int[inside.AsSpan(0, nx * ny * nz).Count(true)];
        var n = 0;
        for (var i = 0; i < nx; i++)
        {
            for (var j = 0; j < ny; j++)
            {
                for (var k = 0; k < nz; k++)
                {
                    var f = i + (nx * (j + (ny * k)));
                    if (inside[f])
                    {
                        offsets[n++] = f;
                    }
                }
            }
        }

        return offsets;
    }

    public static bool[] ToBool(NiftiImage mask)
    {
        var n = mask.VolumeSize;
        var d = mask.Data.Span;
        var b = new bool[n];
        for (var i = 0; i < n; i++)
        {
            b[i] = d[i] != 0 && !float.IsNaN(d[i]);
        }

        return b;
    }
}
