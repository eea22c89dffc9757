using SeedCorr.Core.Geometry;

namespace SeedCorr.Core.Seeds;

/// <summary>
/// Nearest-neighbour resampling of a labels volume onto another grid, the way nilearn 0.10.4's NiftiLabelsMasker
/// does it (<c>resample_img(labels, interpolation="nearest", target_affine, target_shape)</c>, which calls
/// <c>scipy.ndimage.affine_transform(order=0, mode="constant", cval=0)</c>):
/// <list type="bullet">
/// <item>the same shape and an affine equal within numpy's <c>allclose</c> (rtol 1e-5, atol 1e-8): no resampling;</item>
/// <item>else each target voxel (i, j, k) maps to source voxel coordinates c = A·(i, j, k) + b with
/// [A b] = inv(source affine)·(target affine). A diagonal A goes through scipy's zoom-shift path, which computes
/// (i + b/a)·a; otherwise c = b + A·(i, j, k) summed in that order;</item>
/// <item>a coordinate below 0 or above n − 1 on any axis is outside (label 0); inside, the source voxel is
/// floor(c + 0.5) (round half up, not numpy's half-to-even).</item>
/// </list>
/// nilearn inverts the affine with LAPACK; a target centre that falls exactly half-way between two source voxels may
/// be rounded the other way when the two inverses differ in the last bit.
/// </summary>
public static class LabelsResampler
{
    /// <summary>The labels on the target grid.</summary>
    public static LabelsVolume Resample(LabelsVolume source, IReadOnlyList<int> targetShape, Affine targetAffine)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(targetShape);
        ArgumentNullException.ThrowIfNull(targetAffine);
        if (targetShape.Count < 3)
        {
            throw new SeedException(SeedErrorKind.InvalidParameter, "the target grid needs three dimensions");
        }

        int nx = targetShape[0], ny = targetShape[1], nz = targetShape[2];
        if (source.Shape.SequenceEqual(targetShape.Take(3)) && AllClose(targetAffine, source.Affine))
        {
            return new LabelsVolume(source.Values.ToArray(), source.Shape, source.Affine);
        }

        if (!source.Affine.IsFinite || source.Affine.Determinant3 == 0 || !targetAffine.IsFinite)
        {
            throw new SeedException(SeedErrorKind.InvalidAtlas, "the labels image's or the target's affine is singular or not finite; fix the header's sform/qform");
        }

        var t = Multiply(source.Affine.Inverse(), targetAffine);
        var diagonal = t[0, 1] == 0 && t[0, 2] == 0 && t[1, 0] == 0 && t[1, 2] == 0 && t[2, 0] == 0 && t[2, 1] == 0;
        int sx = source.Shape[0], sy = source.Shape[1], sz = source.Shape[2];
        var src = source.Values;
        var output = new int[checked(nx * ny * nz)];

        if (diagonal)
        {
            // Each axis separately, as scipy's zoom_shift: (index + offset/zoom)·zoom.
            var ix = AxisIndices(nx, t[0, 0], t[0, 3], sx);
            var iy = AxisIndices(ny, t[1, 1], t[1, 3], sy);
            var iz = AxisIndices(nz, t[2, 2], t[2, 3], sz);
            for (var k = 0; k < nz; k++)
            {
                for (var j = 0; j < ny; j++)
                {
                    for (var i = 0; i < nx; i++)
                    {
                        if (ix[i] >= 0 && iy[j] >= 0 && iz[k] >= 0)
                        {
                            output[i + (nx * (j + (ny * k)))] = src[ix[i] + (sx * (iy[j] + (sy * iz[k])))];
                        }
                    }
                }
            }

            return new LabelsVolume(output, [nx, ny, nz], targetAffine);
        }

        for (var k = 0; k < nz; k++)
        {
            for (var j = 0; j < ny; j++)
            {
                for (var i = 0; i < nx; i++)
                {
                    var a = Nearest(t, 0, i, j, k, sx);
                    var b = Nearest(t, 1, i, j, k, sy);
                    var c = Nearest(t, 2, i, j, k, sz);
                    if (a >= 0 && b >= 0 && c >= 0)
                    {
                        output[i + (nx * (j + (ny * k)))] = src[a + (sx * (b + (sy * c)))];
                    }
                }
            }
        }

        return new LabelsVolume(output, [nx, ny, nz], targetAffine);
    }

    // The source index along one axis for each target index, or -1 outside.
    private static int[] AxisIndices(int n, double zoom, double offset, int length)
    {
        var shift = offset / zoom;
        var result = new int[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = Inside((i + shift) * zoom, length);
        }

        return result;
    }

    private static int Nearest(double[,] t, int row, int i, int j, int k, int length)
    {
        var c = t[row, 3];
        c += i * t[row, 0];
        c += j * t[row, 1];
        c += k * t[row, 2];
        return Inside(c, length);
    }

    // scipy's constant mode: outside below 0 or above n - 1; inside, floor(c + 0.5).
    private static int Inside(double c, int length) => c < 0 || c > length - 1 || double.IsNaN(c) ? -1 : (int)Math.Floor(c + 0.5);

    private static double[,] Multiply(Affine a, Affine b)
    {
        var m = new double[3, 4];
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 4; c++)
            {
                m[r, c] = (a[r, 0] * b[0, c]) + (a[r, 1] * b[1, c]) + (a[r, 2] * b[2, c]) + (a[r, 3] * b[3, c]);
            }
        }

        return m;
    }

    // numpy.allclose(target, source): |t - s| <= 1e-8 + 1e-5·|s| for every element.
    private static bool AllClose(Affine target, Affine source)
    {
        for (var r = 0; r < 4; r++)
        {
            for (var c = 0; c < 4; c++)
            {
                if (Math.Abs(target[r, c] - source[r, c]) > 1e-8 + (1e-5 * Math.Abs(source[r, c])))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
