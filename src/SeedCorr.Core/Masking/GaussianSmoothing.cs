using SeedCorr.Core.Nifti;

namespace SeedCorr.Core.Masking;

/// <summary>
/// nilearn's <c>smooth_img</c> / <c>smooth_array</c>: a separable Gaussian in voxel axes with per-axis
/// sigma = fwhm / (√(8 ln 2) · voxel size), the voxel size being the affine's column norms (right for oblique and
/// negative-step affines); scipy.ndimage.gaussian_filter1d semantics: kernel radius ⌊4σ + ½⌋, weights exp(−x²/2σ²)
/// normalised, "reflect" borders (d c b a | a b c d | d c b a), sums in float64, each axis pass rounded to float32
/// as nilearn's in-place float32 passes are. Non-finite values become 0 first (nilearn's ensure_finite). Time is
/// not smoothed.
/// </summary>
public static class GaussianSmoothing
{
    /// <summary>√(8 ln 2): FWHM = this × sigma.</summary>
    public static readonly double FwhmPerSigma = Math.Sqrt(8 * Math.Log(2));

    /// <summary>Per-axis sigma in voxels for a FWHM in mm (scalar or one per axis).</summary>
    public static double[] Sigmas(NiftiImage image, IReadOnlyList<double> fwhm)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(fwhm);
        if (fwhm.Count is not (1 or 3))
        {
            throw new ArgumentException("give one FWHM or one per axis (3)", nameof(fwhm));
        }

        var (ni, nj, nk) = image.Affine.ColumnNorms();
        double[] size = [ni, nj, nk];
        return Enumerable.Range(0, 3).Select(a => fwhm[fwhm.Count == 1 ? 0 : a] / (FwhmPerSigma * size[a])).ToArray();
    }

    /// <summary>A smoothed copy of a 3D or 4D image (float32). A FWHM of 0 on an axis leaves that axis alone.</summary>
    public static NiftiImage Smooth(NiftiImage image, IReadOnlyList<double> fwhm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (fwhm.Any(f => !double.IsFinite(f) || f < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(fwhm), "the FWHM must be a non-negative number of mm");
        }

        var sigmas = Sigmas(image, fwhm);
        var data = image.GetData();
        for (var i = 0; i < data.Length; i++)
        {
            if (!float.IsFinite(data[i]))
            {
                data[i] = 0;
            }
        }

        var shape = image.Shape;
        int nx = shape[0], ny = image.Rank > 1 ? shape[1] : 1, nz = image.Rank > 2 ? shape[2] : 1;
        var volumes = image.VolumeCount;
        var kernels = sigmas.Select(s => s > 0 ? Kernel(s) : null).ToArray();
        Parallel.For(0, volumes, new ParallelOptions { CancellationToken = cancellationToken },
            t => SmoothVolume(data.AsSpan(t * image.VolumeSize, image.VolumeSize), nx, ny, nz, kernels));

        return NiftiImage.Create(data, shape, image.Affine, image.RepetitionTime, image.Header);
    }

    /// <summary>Smooths one 3D volume (F order) in place with per-axis kernels (null = leave the axis).</summary>
    internal static void SmoothVolume(Span<float> vol, int nx, int ny, int nz, double[]?[] kernels)
    {
        var line = new double[Math.Max(nx, Math.Max(ny, nz))];
        if (kernels[0] is { } k0)
        {
            for (var kk = 0; kk < nz; kk++)
            {
                for (var j = 0; j < ny; j++)
                {
                    FilterLine(vol, nx * (j + (ny * kk)), 1, nx, k0, line);
                }
            }
        }

        if (kernels[1] is { } k1)
        {
            for (var kk = 0; kk < nz; kk++)
            {
                for (var i = 0; i < nx; i++)
                {
                    FilterLine(vol, i + (nx * ny * kk), nx, ny, k1, line);
                }
            }
        }

        if (kernels[2] is { } k2)
        {
            for (var j = 0; j < ny; j++)
            {
                for (var i = 0; i < nx; i++)
                {
                    FilterLine(vol, i + (nx * j), nx * ny, nz, k2, line);
                }
            }
        }
    }

    /// <summary>scipy's _gaussian_kernel1d: radius ⌊4σ + ½⌋, exp(−x²/2σ²), normalised to sum 1.</summary>
    internal static double[] Kernel(double sigma)
    {
        var radius = (int)((4.0 * sigma) + 0.5);
        var w = new double[(2 * radius) + 1];
        double sum = 0;
        for (var x = -radius; x <= radius; x++)
        {
            w[x + radius] = Math.Exp(-0.5 / (sigma * sigma) * x * x);
            sum += w[x + radius];
        }

        for (var i = 0; i < w.Length; i++)
        {
            w[i] /= sum;
        }

        return w;
    }

    private static void FilterLine(Span<float> vol, int start, int stride, int n, double[] kernel, double[] buffer)
    {
        var radius = kernel.Length / 2;
        for (var i = 0; i < n; i++)
        {
            buffer[i] = vol[start + (i * stride)];
        }

        for (var i = 0; i < n; i++)
        {
            // Symmetric kernel: centre, then pairs, as scipy's correlate1d does for symmetric weights.
            var acc = buffer[i] * kernel[radius];
            for (var r = 1; r <= radius; r++)
            {
                acc += (buffer[Reflect(i - r, n)] + buffer[Reflect(i + r, n)]) * kernel[radius + r];
            }

            vol[start + (i * stride)] = (float)acc;
        }
    }

    /// <summary>scipy "reflect": half-sample symmetric, periodic with period 2n.</summary>
    internal static int Reflect(int index, int n)
    {
        if (index >= 0 && index < n)
        {
            return index;
        }

        var period = 2 * n;
        var m = ((index % period) + period) % period;
        return m < n ? m : period - 1 - m;
    }
}
