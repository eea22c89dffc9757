using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Signal;

namespace SeedCorr.Core.Masking;

/// <summary>Something that turned an image into signals and knows how to put values back on its grid.</summary>
public interface ISignalMasker
{
    /// <summary>One line describing the masker (for display and provenance).</summary>
    string Description { get; }
}

/// <summary>
/// nilearn's NiftiMasker for the seed example: a brain mask (given, or computed with the background or EPI strategy
/// from the raw data), optional Gaussian smoothing of the whole image before masking, and the masked voxels as the
/// columns of a time × voxel matrix in C order (i slowest, k fastest), as nilearn orders them. Smoothing and masking
/// run volume by volume, so no smoothed copy of the 4D image is ever held. <c>InverseTransform</c> puts a
/// vector or matrix of voxel values back on the mask's grid.
/// </summary>
public sealed class BrainMasker : ISignalMasker
{
    private readonly int[] _offsets; // F-order offsets of the mask voxels, in C order

    private BrainMasker(NiftiImage mask, double[]? fwhm, string how)
    {
        Mask = mask;
        SmoothingFwhm = fwhm;
        How = how;
        var s = mask.Shape;
        _offsets = MaskGrid.COrderOffsets(MaskGrid.ToBool(mask), s[0], s[1], s[2]);
        if (_offsets.Length == 0)
        {
            throw new MaskingException(MaskingErrorKind.EmptyMask, "the brain mask is empty: no voxel to extract");
        }
    }

    /// <summary>Uses a given mask image (non-zero = inside).</summary>
    public static BrainMasker FromMask(NiftiImage mask, IReadOnlyList<double>? smoothingFwhm = null)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Rank < 3 || mask.Shape.Skip(3).Any(d => d != 1))
        {
            throw new MaskingException(MaskingErrorKind.WrongDimensions, $"a mask must be 3D, not {string.Join('x', mask.Shape)}");
        }

        return new BrainMasker(Binary(mask), CheckFwhm(smoothingFwhm), $"mask {System.IO.Path.GetFileName(mask.Path) ?? "(in memory)"}");
    }

    /// <summary>Computes the mask from an image (nilearn's NiftiMasker.fit with mask_strategy).</summary>
    public static BrainMasker Fit(NiftiImage image, MaskStrategy strategy = MaskStrategy.Background, IReadOnlyList<double>? smoothingFwhm = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        RequireVolumes(image);
        // The mean image is computed once: the mask needs it and plots use it as their default background.
        return FromMeanImage(MaskComputation.MeanImage(image), image.Shape, image.Affine, image.Header, strategy, smoothingFwhm);
    }

    /// <summary>
    /// <see cref="Fit"/> from the temporal mean alone (the only thing the background and EPI strategies look at), so a
    /// streaming reader can fit the mask without holding the 4D image.
    /// </summary>
    internal static BrainMasker FromMeanImage(float[] mean, IReadOnlyList<int> shape, Affine affine, NiftiHeader header, MaskStrategy strategy, IReadOnlyList<double>? smoothingFwhm)
    {
        var fwhm = CheckFwhm(smoothingFwhm);
        int[] grid = [shape[0], shape[1], shape[2]];
        // A 3D image of the mean is its own mean: the strategies see exactly the values they would compute.
        var meanImage = NiftiImage.Create(mean, grid, affine);
        var mask = strategy == MaskStrategy.Epi ? MaskComputation.Epi(meanImage, meanImage: mean) : MaskComputation.Background(meanImage, meanImage: mean);
        var data = mask.Select(b => b ? 1f : 0f).ToArray();
        var maskImage = NiftiImage.Create(data, grid, affine, null, header with { IntentCode = 0, IntentName = string.Empty });
        return new BrainMasker(maskImage, fwhm, $"{strategy.ToString().ToLowerInvariant()} mask") { MeanImage = meanImage };
    }

    /// <summary>The mean over time of the image the mask was computed from (nilearn's mean_img); null for a given mask.</summary>
    public NiftiImage? MeanImage { get; private init; }

    /// <summary>The binary mask (1 inside, 0 outside) on the image grid.</summary>
    public NiftiImage Mask { get; }

    /// <summary>Smoothing FWHM in mm (one value or one per axis), or null.</summary>
    public IReadOnlyList<double>? SmoothingFwhm { get; }

    /// <summary>Number of voxels in the mask (columns of the signals).</summary>
    public int VoxelCount => _offsets.Length;

    private string How { get; }

    /// <inheritdoc />
    public string Description => $"BrainMasker {How}, {VoxelCount} voxels{(SmoothingFwhm is null ? string.Empty : $", smoothing {string.Join('x', SmoothingFwhm.Select(f => f.ToString(System.Globalization.CultureInfo.InvariantCulture)))} mm")}";

    /// <summary>The voxel index (i, j, k) of each column, in column order.</summary>
    public (int I, int J, int K)[] VoxelIndices()
    {
        var s = Mask.Shape;
        return _offsets.Select(f => (f % s[0], f / s[0] % s[1], f / (s[0] * s[1]))).ToArray();
    }

    /// <summary>
    /// The masked (and smoothed) time series: T × voxels, C order. Non-finite values become 0 (nilearn's ensure_finite),
    /// counted in <paramref name="warnings"/>.
    /// </summary>
    public SignalMatrix Transform(NiftiImage image, List<string> warnings, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(warnings);
        RequireVolumes(image);
        MaskGrid.Check(Mask, image.Shape, image.Affine, "the brain mask");
        var t = image.VolumeCount;
        var n = image.VolumeSize;
        var v = _offsets.Length;
        var output = new float[(long)t * v];
        var shape = image.Shape;
        var kernels = Kernels(image.Affine);
        var nonFinite = 0;
        var done = 0;
        // Progress goes to the caller's thread only (a cmdlet may write progress from the pipeline thread alone);
        // Parallel.For runs some iterations on the calling thread, so reports keep coming.
        var caller = Environment.CurrentManagedThreadId;
        Parallel.For(0, t, new ParallelOptions { CancellationToken = cancellationToken }, () => (Volume: new float[n], Smoother: Smoother(shape, kernels, _offsets)), (ti, _, buffers) =>
        {
            image.Data.Span.Slice(ti * n, n).CopyTo(buffers.Volume);
            var bad = ExtractVolume(buffers.Volume, buffers.Smoother, _offsets, output.AsSpan(ti * v, v));
            if (bad > 0)
            {
                Interlocked.Add(ref nonFinite, bad);
            }

            var d = Interlocked.Increment(ref done);
            if (progress is not null && Environment.CurrentManagedThreadId == caller)
            {
                progress.Report((double)d / t);
            }

            return buffers;
        }, _ => { });

        WarnNonFinite(warnings, nonFinite, kernels is not null);

        return new SignalMatrix(t, v, output) { RepetitionTime = image.RepetitionTime, Source = image.Path, Masker = this };
    }

    /// <summary>The per-axis smoothing kernels for a grid's affine (null = no smoothing; a null entry = that axis left alone).</summary>
    internal double[]?[]? Kernels(Affine affine) =>
        SmoothingFwhm is null ? null : GaussianSmoothing.Sigmas(affine, SmoothingFwhm).Select(sg => sg > 0 ? GaussianSmoothing.Kernel(sg) : null).ToArray();

    /// <summary>F-order offsets of the mask voxels, in column (C) order (shared, not copied).</summary>
    internal int[] OffsetArray => _offsets;

    /// <summary>
    /// One volume (a work buffer from now on): non-finite values to 0 (nilearn's ensure_finite), smoothing, then the
    /// values at <paramref name="offsets"/> into <paramref name="row"/>. Returns the number of non-finite values replaced.
    /// Shared by the in-memory and streaming paths, so both give the same bits.
    /// </summary>
    internal static int ExtractVolume(float[] volume, RegionSmoother? smoother, ReadOnlySpan<int> offsets, Span<float> row)
    {
        var bad = ZeroNonFinite(volume);

        if (smoother is not null)
        {
            smoother.SmoothAndGather(volume, offsets, row);
            return bad;
        }

        for (var c = 0; c < offsets.Length; c++)
        {
            row[c] = volume[offsets[c]];
        }

        return bad;
    }

    /// <summary>NaN and infinities to 0; returns how many. A vector scan first: a volume has none, almost always.</summary>
    internal static int ZeroNonFinite(Span<float> volume)
    {
        // Non-finite = all exponent bits set.
        var bits = System.Runtime.InteropServices.MemoryMarshal.Cast<float, uint>(volume);
        var exponent = new System.Numerics.Vector<uint>(0x7F800000u);
        var vw = System.Numerics.Vector<uint>.Count;
        var any = false;
        var i = 0;
        for (; i + vw <= bits.Length && !any; i += vw)
        {
            any = System.Numerics.Vector.EqualsAny(new System.Numerics.Vector<uint>(bits[i..]) & exponent, exponent);
        }

        for (var j = i; j < bits.Length && !any; j++)
        {
            any = (bits[j] & 0x7F800000u) == 0x7F800000u;
        }

        if (!any)
        {
            return 0;
        }

        var bad = 0;
        for (var j = 0; j < volume.Length; j++)
        {
            if (!float.IsFinite(volume[j]))
            {
                volume[j] = 0;
                bad++;
            }
        }

        return bad;
    }

    /// <summary>A per-thread smoother for these kernels and kept voxels, or null without smoothing.</summary>
    internal static RegionSmoother? Smoother(IReadOnlyList<int> shape, double[]?[]? kernels, ReadOnlySpan<int> offsets) =>
        kernels is null || kernels.All(k => k is null) ? null : new RegionSmoother(shape, kernels, offsets);

    /// <summary>
    /// Puts voxel values back on the mask grid: <paramref name="rows"/> × voxels values (row-major) become a 4D image
    /// (X, Y, Z, rows), or a 3D image when <paramref name="as3D"/> and rows is 1. Zeros outside the mask.
    /// </summary>
    public NiftiImage InverseTransform(ReadOnlySpan<float> values, int rows, bool as3D = false)
    {
        if (values.Length != (long)rows * _offsets.Length)
        {
            throw new MaskingException(MaskingErrorKind.GridMismatch, $"{values.Length} values do not fill {rows} × {_offsets.Length} mask voxels");
        }

        var s = Mask.Shape;
        var n = Mask.VolumeSize;
        var data = new float[(long)n * rows];
        for (var r = 0; r < rows; r++)
        {
            var row = values.Slice(r * _offsets.Length, _offsets.Length);
            for (var c = 0; c < row.Length; c++)
            {
                data[((long)r * n) + _offsets[c]] = row[c];
            }
        }

        int[] shape = as3D && rows == 1 ? [s[0], s[1], s[2]] : [s[0], s[1], s[2], rows];
        return NiftiImage.Create(data, shape, Mask.Affine, null, Mask.Header with { IntentCode = 0, IntentName = string.Empty });
    }

    /// <summary>Array overload of <see cref="InverseTransform(ReadOnlySpan{float}, int, bool)"/> (callable from PowerShell).</summary>
    public NiftiImage InverseTransform(float[] values, int rows = 1, bool as3D = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        return InverseTransform(values.AsSpan(), rows, as3D);
    }

    /// <inheritdoc />
    public override string ToString() => Description;

    private static NiftiImage Binary(NiftiImage mask)
    {
        var s = mask.Shape;
        var inside = MaskGrid.ToBool(mask);
        return NiftiImage.Create(inside.Select(b => b ? 1f : 0f).ToArray(), [s[0], s[1], s[2]], mask.Affine, null, mask.Header);
    }

    internal static double[]? CheckFwhm(IReadOnlyList<double>? fwhm)
    {
        if (fwhm is null)
        {
            return null;
        }

        if (fwhm.Count is not (1 or 3) || fwhm.Any(f => !double.IsFinite(f) || f < 0))
        {
            throw new MaskingException(MaskingErrorKind.InvalidParameter, "the smoothing FWHM must be one or three non-negative numbers of mm");
        }

        return fwhm.All(f => f == 0) ? null : [.. fwhm];
    }

    /// <summary>nilearn's ensure_finite warning, once per extraction, when values were replaced.</summary>
    internal static void WarnNonFinite(List<string> warnings, int count, bool smoothing)
    {
        if (count > 0)
        {
            warnings.Add($"{count} non-finite values (NaN or infinity) in the image were set to 0 before {(smoothing ? "smoothing" : "masking")}, as nilearn does.");
        }
    }

    private static void RequireVolumes(NiftiImage image) => RequireVolumes(image.Rank, image.Shape);

    /// <summary>A brain masker reads 3D or 4D images only.</summary>
    internal static void RequireVolumes(int rank, IEnumerable<int> shape)
    {
        if (rank is < 3 or > 4)
        {
            throw new MaskingException(MaskingErrorKind.WrongDimensions, $"a brain masker needs a 3D or 4D image, not {rank}D ({string.Join('x', shape)})");
        }
    }
}
