using System.Numerics;
using SeedCorr.Core.Nifti;
using System.Runtime.CompilerServices;

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

    /// <summary>
    /// The largest kernel radius (voxels) accepted: 4σ of a 64-voxel sigma. The cost of smoothing grows with the kernel,
    /// and a voxel size of 1e-5 mm (a header in metres, a broken pixdim) would otherwise ask for millions of taps and
    /// run for hours; no real image needs a kernel wider than itself.
    /// </summary>
    public const int MaxKernelRadius = 256;

    /// <summary>Per-axis sigma in voxels for a FWHM in mm (scalar or one per axis); the voxel size honours the header's
    /// spatial unit (xyzt_units metres or microns are converted to mm).</summary>
    public static double[] Sigmas(NiftiImage image, IReadOnlyList<double> fwhm)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Sigmas(image.Affine, fwhm, MillimetresPerUnit(image.Header.SpaceUnits));
    }

    /// <summary>Per-axis sigma in voxels for a FWHM in mm on a grid with this affine (taken to be in mm).</summary>
    public static double[] Sigmas(SeedCorr.Core.Geometry.Affine affine, IReadOnlyList<double> fwhm) => Sigmas(affine, fwhm, 1);

    /// <summary>mm per unit of a header's spatial unit (1 for mm or unknown, as nibabel assumes).</summary>
    public static double MillimetresPerUnit(NiftiSpaceUnits units) => units switch
    {
        NiftiSpaceUnits.Meter => 1000,
        NiftiSpaceUnits.Micron => 1e-3,
        _ => 1,
    };

    internal static double[] Sigmas(SeedCorr.Core.Geometry.Affine affine, IReadOnlyList<double> fwhm, double millimetresPerUnit)
    {
        ArgumentNullException.ThrowIfNull(affine);
        ArgumentNullException.ThrowIfNull(fwhm);
        if (fwhm.Count is not (1 or 3))
        {
            throw new ArgumentException("give one FWHM or one per axis (3)", nameof(fwhm));
        }

        var (ni, nj, nk) = affine.ColumnNorms();
        double[] size = [ni * millimetresPerUnit, nj * millimetresPerUnit, nk * millimetresPerUnit];
        for (var a = 0; a < 3; a++)
        {
            if (!double.IsFinite(size[a]) || size[a] <= 0)
            {
                throw new MaskingException(MaskingErrorKind.InvalidAffine,
                    $"the image's voxel size along axis {a + 1} is {size[a]} mm (from its affine): smoothing needs a positive voxel size; fix the header's sform/qform or pixdim");
            }
        }

        var sigmas = Enumerable.Range(0, 3).Select(a => fwhm[fwhm.Count == 1 ? 0 : a] / (FwhmPerSigma * size[a])).ToArray();
        for (var a = 0; a < 3; a++)
        {
            var radius = Math.Floor((4 * sigmas[a]) + 0.5);
            if (radius > MaxKernelRadius)
            {
                throw new MaskingException(MaskingErrorKind.SmoothingKernelTooLarge, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"a {fwhm[fwhm.Count == 1 ? 0 : a]} mm FWHM on voxels of {size[a]:G4} mm along axis {a + 1} needs a kernel of {(2 * radius) + 1:G6} voxels, more than the {(2 * MaxKernelRadius) + 1} SeedCorr accepts: the voxel size looks wrong (a header in metres or microns, see xyzt_units, or a broken pixdim/sform)"));
            }
        }

        return sigmas;
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

    /// <summary>
    /// Smooths one 3D volume (F order) in place with per-axis kernels (null = leave the axis). Every pass runs along
    /// contiguous memory with SIMD: the i axis over a reflect-padded copy of each line, the j and k axes as weighted
    /// sums of whole rows (j) or planes (k) of a reflect-padded copy of the block. Each float32 lane is widened to
    /// float64 and summed in scipy's order (centre, then symmetric pairs), so results are scipy's to the bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SmoothVolume(Span<float> vol, int nx, int ny, int nz, double[]?[] kernels, float[]? scratch = null)
    {
        // One scratch buffer serves all three passes (the k pass needs the most: a padded copy of the volume).
        if (scratch is null || scratch.Length < ScratchLength(nx, ny, nz, kernels))
        {
            scratch = new float[ScratchLength(nx, ny, nz, kernels)];
        }

        if (kernels[0] is { } k0)
        {
            for (var row = 0; row < ny * nz; row++)
            {
                AlongLine(vol.Slice(row * nx, nx), k0, scratch);
            }
        }

        if (kernels[1] is { } k1)
        {
            for (var kk = 0; kk < nz; kk++)
            {
                AcrossRows(vol.Slice(kk * nx * ny, nx * ny), ny, nx, k1, scratch);
            }
        }

        if (kernels[2] is { } k2)
        {
            AcrossRows(vol, nz, nx * ny, k2, scratch);
        }
    }

    /// <summary>Scratch floats <see cref="SmoothVolume"/> needs for a grid and kernels (allocate once per thread).</summary>
    internal static int ScratchLength(int nx, int ny, int nz, double[]?[] kernels)
    {
        var len = 1;
        if (kernels[0] is { } k0)
        {
            len = Math.Max(len, nx + k0.Length);
        }

        if (kernels[1] is { } k1)
        {
            len = Math.Max(len, (ny + k1.Length) * nx);
        }

        if (kernels[2] is { } k2)
        {
            len = Math.Max(len, (nz + k2.Length) * nx * ny);
        }

        return len;
    }

    /// <summary>Convolves one contiguous line in place (reflect borders), vectorised along the line.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AlongLine(Span<float> x, double[] w, float[] padded)
    {
        var n = x.Length;
        var r = w.Length / 2;
        for (var p = 0; p < n + (2 * r); p++)
        {
            padded[p] = x[Reflect(p - r, n)];
        }

        var vw = Vector<float>.Count;
        var i = 0;
        for (; i + vw <= n; i += vw)
        {
            Vector.Widen(new Vector<float>(padded, i + r), out var lo, out var hi);
            lo *= w[r];
            hi *= w[r];
            for (var m = 1; m <= r; m++)
            {
                Vector.Widen(new Vector<float>(padded, i + r - m), out var al, out var ah);
                Vector.Widen(new Vector<float>(padded, i + r + m), out var bl, out var bh);
                lo += (al + bl) * w[r + m];
                hi += (ah + bh) * w[r + m];
            }

            Vector.Narrow(lo, hi).CopyTo(x.Slice(i, vw));
        }

        for (; i < n; i++)
        {
            var acc = padded[i + r] * w[r];
            for (var m = 1; m <= r; m++)
            {
                acc += ((double)padded[i + r - m] + padded[i + r + m]) * w[r + m];
            }

            x[i] = (float)acc;
        }
    }

    /// <summary>Convolves along the row index of a row-major block (rows × width) in place, vectorised across each row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AcrossRows(Span<float> block, int rows, int width, double[] w, float[] padded)
    {
        var r = w.Length / 2;
        for (var p = 0; p < rows + (2 * r); p++)
        {
            block.Slice(Reflect(p - r, rows) * width, width).CopyTo(padded.AsSpan(p * width, width));
        }

        var vw = Vector<float>.Count;
        for (var row = 0; row < rows; row++)
        {
            var dst = block.Slice(row * width, width);
            var centre = (row + r) * width;
            var c = 0;
            for (; c + vw <= width; c += vw)
            {
                Vector.Widen(new Vector<float>(padded, centre + c), out var lo, out var hi);
                lo *= w[r];
                hi *= w[r];
                for (var m = 1; m <= r; m++)
                {
                    Vector.Widen(new Vector<float>(padded, centre - (m * width) + c), out var al, out var ah);
                    Vector.Widen(new Vector<float>(padded, centre + (m * width) + c), out var bl, out var bh);
                    lo += (al + bl) * w[r + m];
                    hi += (ah + bh) * w[r + m];
                }

                Vector.Narrow(lo, hi).CopyTo(dst.Slice(c, vw));
            }

            for (; c < width; c++)
            {
                var acc = padded[centre + c] * w[r];
                for (var m = 1; m <= r; m++)
                {
                    acc += ((double)padded[centre - (m * width) + c] + padded[centre + (m * width) + c]) * w[r + m];
                }

                dst[c] = (float)acc;
            }
        }
    }

    /// <summary>
    /// nilearn's <c>fwhm="fast"</c>: each voxel plus 0.2 × each of its 6 neighbours (those inside the volume),
    /// divided by 2.2, in float32 and in nilearn's order of operations (i−, i+, j−, j+, k−, k+ neighbours).
    /// </summary>
    public static NiftiImage FastSmooth(NiftiImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var src = image.GetData();
        for (var i = 0; i < src.Length; i++)
        {
            if (!float.IsFinite(src[i]))
            {
                src[i] = 0;
            }
        }

        var shape = image.Shape;
        int nx = shape[0], ny = image.Rank > 1 ? shape[1] : 1, nz = image.Rank > 2 ? shape[2] : 1;
        var n = image.VolumeSize;
        var output = (float[])src.Clone();
        const float weight = 0.2f;
        const float scale = 1 + (6 * weight);
        for (var t = 0; t < image.VolumeCount; t++)
        {
            var a = src.AsSpan(t * n, n);
            var o = output.AsSpan(t * n, n);
            // smoothed[:-1] += w·arr[1:], smoothed[1:] += w·arr[:-1], then the same along j and k.
            (int Stride, int Extent)[] axes = [(1, nx), (nx, ny), (nx * ny, nz)];
            foreach (var (stride, extent) in axes)
            {
                for (var p = 0; p < n; p++)
                {
                    if (p / stride % extent < extent - 1)
                    {
                        o[p] += weight * a[p + stride];
                    }
                }

                for (var p = 0; p < n; p++)
                {
                    if (p / stride % extent > 0)
                    {
                        o[p] += weight * a[p - stride];
                    }
                }
            }

            for (var p = 0; p < n; p++)
            {
                o[p] /= scale;
            }
        }

        return NiftiImage.Create(output, shape, image.Affine, image.RepetitionTime, image.Header);
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
