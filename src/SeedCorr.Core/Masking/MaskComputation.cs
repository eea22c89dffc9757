using SeedCorr.Core.Nifti;

namespace SeedCorr.Core.Masking;

/// <summary>How a brain masker finds its mask when none is given.</summary>
public enum MaskStrategy
{
    /// <summary>nilearn's default: voxels whose mean differs from the background (the median of a 2-voxel border).</summary>
    Background,
    /// <summary>nilearn's compute_epi_mask: threshold at the largest gap of the sorted mean intensities, opening, largest component.</summary>
    Epi,
}

/// <summary>nilearn's compute_background_mask and compute_epi_mask, on F-order boolean volumes.</summary>
public static class MaskComputation
{
    /// <summary>
    /// compute_background_mask: with any NaN on the border, the non-NaN voxels; otherwise the voxels whose mean differs
    /// (exactly) from the median of the border values (the first and last <paramref name="borderSize"/> slices along
    /// each axis, corners counted more than once). Then the optional opening and largest component.
    /// </summary>
    public static bool[] Background(NiftiImage image, int borderSize = 2, bool connected = false, int opening = 0, float[]? meanImage = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        // Only read here: a given mean image is used as is (a 2 mm volume is 3.6 MB; the streaming pass calls this twice).
        var mean = meanImage ?? TemporalMean.Of(image);
        var (nx, ny, nz) = Dims(image);
        // Arrays and loops rather than a List and LINQ: this runs on the first volume of every streaming pass, where
        // the generic List<float>, sort and Select instantiations were JIT-compiled in every fresh process.
        var border = new float[BorderCount(nx, borderSize, ny * nz) + BorderCount(ny, borderSize, nx * nz) + BorderCount(nz, borderSize, nx * ny)];
        var filled = 0;
        var anyNaN = false;
        for (var k = 0; k < nz; k++)
        {
            for (var j = 0; j < ny; j++)
            {
                for (var i = 0; i < nx; i++)
                {
                    var v = mean[i + (nx * (j + (ny * k)))];
                    // Each voxel is counted once per axis on whose border it lies, as the concatenated slices do.
                    var count = (i < borderSize ? 1 : 0) + (i >= nx - borderSize ? 1 : 0)
                        + (j < borderSize ? 1 : 0) + (j >= ny - borderSize ? 1 : 0)
                        + (k < borderSize ? 1 : 0) + (k >= nz - borderSize ? 1 : 0);
                    for (var c = 0; c < count; c++)
                    {
                        border[filled++] = v;
                    }

                    anyNaN |= count > 0 && float.IsNaN(v);
                }
            }
        }

        var mask = new bool[mean.Length];
        if (anyNaN)
        {
            for (var i = 0; i < mask.Length; i++)
            {
                mask[i] = !float.IsNaN(mean[i]);
            }
        }
        else
        {
            var mid = border.Length / 2;
            var upper = Select(border, mid);
            // The lower middle (even count) is the largest value below the upper one's position: the maximum of the
            // left part, which Select leaves holding the mid smallest values.
            var background = border.Length % 2 == 1 ? upper : (float)((LeftMaximum(border, mid) + (double)upper) / 2);
            for (var i = 0; i < mask.Length; i++)
            {
                mask[i] = mean[i] != background; // NaN != background: a NaN voxel is inside, as in nilearn
            }
        }

        return PostProcess(mask, nx, ny, nz, opening, connected);
    }

    /// <summary>How many values the border slices of one axis contribute: the first and last borderSize slices (a slice
    /// in both when the axis is shorter than two borders), each of <paramref name="sliceSize"/> voxels.</summary>
    private static int BorderCount(int length, int borderSize, int sliceSize) => 2 * Math.Clamp(borderSize, 0, length) * sliceSize;

    /// <summary>
    /// The value of rank <paramref name="k"/> (0-based) in ascending order, as sorting would give it (Hoare's
    /// quickselect; no NaN here). Reorders <paramref name="values"/> so that positions below k hold the k smallest.
    /// </summary>
    private static float Select(float[] values, int k)
    {
        int lo = 0, hi = values.Length - 1;
        while (lo < hi)
        {
            var pivot = values[lo + ((hi - lo) / 2)];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }

    private static float LeftMaximum(float[] values, int count)
    {
        var max = values[0];
        for (var i = 1; i < count; i++)
        {
            max = Math.Max(max, values[i]);
        }

        return max;
    }

    /// <summary>
    /// compute_epi_mask: mean image smoothed with a 1 mm FWHM in voxel units (NaN put back), non-finite → 0, sorted
    /// (zeros dropped with <paramref name="excludeZeros"/>), threshold at the middle of the largest gap between the
    /// lower and upper cut-off quantiles, mask = mean ≥ threshold, then opening and largest component.
    /// </summary>
    public static bool[] Epi(NiftiImage image, double lowerCutoff = 0.2, double upperCutoff = 0.85, bool connected = true, int opening = 2, bool excludeZeros = false, float[]? meanImage = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var mean = SmoothedMean(image, opening > 0 ? 1 : 0, meanImage);
        var (nx, ny, nz) = Dims(image);
        for (var i = 0; i < mean.Length; i++)
        {
            if (!float.IsFinite(mean[i]))
            {
                mean[i] = 0;
            }
        }

        var sorted = mean.Where(v => !excludeZeros || v != 0).Select(v => (double)v).Order().ToArray();
        var lo = (int)Math.Floor(lowerCutoff * sorted.Length);
        var hi = Math.Min((int)Math.Floor(upperCutoff * sorted.Length), sorted.Length - 1);
        var ia = 0;
        var best = double.NegativeInfinity;
        for (var i = lo; i < hi; i++)
        {
            var delta = sorted[i + 1] - sorted[i];
            if (delta > best)
            {
                best = delta;
                ia = i - lo;
            }
        }

        var threshold = 0.5 * (sorted[ia + lo] + sorted[ia + lo + 1]);
        var mask = mean.Select(v => v >= threshold).ToArray();
        return PostProcess(mask, nx, ny, nz, opening, connected);
    }

    /// <summary>The mean image smoothed as compute_epi_mask does (fwhm in voxels, NaN restored); exposed for tests.</summary>
    public static float[] SmoothedMean(NiftiImage image, double fwhmVoxels, float[]? meanImage = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var mean = meanImage is null ? TemporalMean.Of(image) : (float[])meanImage.Clone();
        if (fwhmVoxels <= 0)
        {
            return mean;
        }

        var nan = mean.Select(float.IsNaN).ToArray();
        var (nx, ny, nz) = Dims(image);
        var meanVolume = NiftiImage.Create(mean, [nx, ny, nz], SeedCorr.Core.Geometry.Affine.Identity);
        var smoothed = GaussianSmoothing.Smooth(meanVolume, [fwhmVoxels]).GetData();
        for (var i = 0; i < smoothed.Length; i++)
        {
            if (nan[i])
            {
                smoothed[i] = float.NaN;
            }
        }

        return smoothed;
    }

    private static bool[] PostProcess(bool[] mask, int nx, int ny, int nz, int opening, bool connected)
    {
        if (opening > 0)
        {
            mask = BinaryMorphology.Erode(mask, nx, ny, nz, opening);
        }

        if (connected && mask.Any(b => b))
        {
            mask = BinaryMorphology.LargestComponent(mask, nx, ny, nz);
        }

        if (opening > 0)
        {
            mask = BinaryMorphology.Dilate(mask, nx, ny, nz, 2 * opening);
            mask = BinaryMorphology.Erode(mask, nx, ny, nz, opening);
        }

        return mask;
    }

    private static (int, int, int) Dims(NiftiImage image)
    {
        var s = image.Shape;
        return (s[0], s.Length > 1 ? s[1] : 1, s.Length > 2 ? s[2] : 1);
    }
}
