using SeedCorr.Core.Extraction;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;

namespace SeedCorr.Core.Masking;

/// <summary>
/// nilearn's NiftiMasker for the seed example: a brain mask (given, or computed with the background or EPI strategy
/// from the raw data), optional Gaussian smoothing of the whole image before masking, and the masked voxels as the
/// columns of a time × voxel matrix in C order (i slowest, k fastest), as nilearn orders them. Smoothing and masking
/// run volume by volume, so no smoothed copy of the 4D image is ever held. <c>InverseTransform</c> puts a
/// vector or matrix of voxel values back on the mask's grid.
/// </summary>
public sealed class BrainMasker : SignalMasker
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
        RequireVolumes(image.Rank, image.Shape);
        // The mean image is computed once: the mask needs it and plots use it as their default background.
        return FromMeanImage(TemporalMean.Of(image), image.Shape, image.Affine, image.Header, strategy, smoothingFwhm);
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
        return new BrainMasker(maskImage, fwhm, $"{strategy.ToString().ToLowerInvariant()} mask") { FittedMean = meanImage };
    }

    /// <summary>The mean over time of the image the mask was computed from (nilearn's mean_img); null for a given mask.</summary>
    public override NiftiImage? MeanImage => FittedMean;

    private NiftiImage? FittedMean { get; init; }

    /// <summary>The binary mask (1 inside, 0 outside) on the image grid.</summary>
    public NiftiImage Mask { get; }

    /// <summary>Smoothing FWHM in mm (one value or one per axis), or null.</summary>
    public override IReadOnlyList<double>? SmoothingFwhm { get; }

    /// <summary>Number of voxels in the mask (columns of the signals).</summary>
    public int VoxelCount => _offsets.Length;

    private string How { get; }

    /// <inheritdoc />
    public override string Description => $"BrainMasker {How}, {VoxelCount} voxels{(SmoothingFwhm is null ? string.Empty : $", smoothing {string.Join('x', SmoothingFwhm.Select(f => f.ToString(System.Globalization.CultureInfo.InvariantCulture)))} mm")}";

    /// <summary>The voxel index (i, j, k) of each column, in column order.</summary>
    public (int I, int J, int K)[] VoxelIndices()
    {
        var s = Mask.Shape;
        return _offsets.Select(f => (f % s[0], f / s[0] % s[1], f / (s[0] * s[1]))).ToArray();
    }

    /// <summary>The mask's voxels, one column each, from the smoothed volume (or the raw one without smoothing).</summary>
    public override VolumeExtractor Bind(IReadOnlyList<int> shape, Affine affine)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(affine);
        MaskGrid.Check(Mask, shape, affine, "the brain mask");
        return new VoxelValues(_offsets, SmoothingFwhm is not null);
    }

    /// <summary>F-order offsets of the mask voxels, in column (C) order (shared, not copied).</summary>
    internal int[] OffsetArray => _offsets;

    /// <summary>
    /// Puts voxel values back on the mask grid: <paramref name="rows"/> × voxels values (row-major) become a 4D image
    /// (X, Y, Z, rows), or a 3D image when <paramref name="as3D"/> and rows is 1. Zeros outside the mask.
    /// </summary>
    public override NiftiImage InverseTransform(ReadOnlySpan<float> values, int rows, bool as3D = false)
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
}
