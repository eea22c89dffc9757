using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;

namespace SeedCorr.Core.Extraction;

/// <summary>
/// The extraction contract every masker (brain, spheres, labels) implements: bound to an image grid it reads each
/// volume into its own columns, and it can put values of those columns back on a grid. The streaming pass feeds any
/// list of maskers from one read of a file and the in-memory transforms run the same per-volume code, so both give
/// the same bits. This namespace depends on the image and geometry types only, so that signals can carry their
/// masker without the signal code knowing any masker.
/// </summary>
public interface ISignalMasker
{
    /// <summary>One line describing the masker (for display and provenance).</summary>
    string Description { get; }

    /// <summary>
    /// The Gaussian FWHM in mm (one value, or one per axis) of the smoothing each volume gets before this masker reads
    /// it, after its non-finite values are set to 0 (nilearn's smoothing_fwhm); null when it reads the raw volume.
    /// </summary>
    IReadOnlyList<double>? SmoothingFwhm { get; }

    /// <summary>Where the seeds its columns stand for are, in world mm (one per column), or null when it has none.</summary>
    IReadOnlyList<WorldPoint>? SeedPositions { get; }

    /// <summary>The temporal mean of the image the masker was fitted on (a background for plots), or null.</summary>
    NiftiImage? MeanImage { get; }

    /// <summary>
    /// The masker on one image grid (the first three dimensions of <paramref name="shape"/>, <paramref name="affine"/>):
    /// which voxels it reads and how a volume becomes its row. Throws <c>MaskingException</c> when the masker cannot
    /// be used on that grid (a mask on another grid, a seed outside the field of view).
    /// </summary>
    VolumeExtractor Bind(IReadOnlyList<int> shape, Affine affine);

    /// <summary>
    /// Puts values back on the masker's grid: <paramref name="rows"/> × columns values (row-major) become a 4D image
    /// (X, Y, Z, rows), or a 3D image when <paramref name="as3D"/> and rows is 1; zero where no column reaches.
    /// Throws <see cref="InvalidOperationException"/> when the masker has no grid of its own.
    /// </summary>
    NiftiImage InverseTransform(ReadOnlySpan<float> values, int rows, bool as3D = false);
}
