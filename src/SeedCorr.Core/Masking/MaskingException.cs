namespace SeedCorr.Core.Masking;

/// <summary>Why a masker cannot extract signals.</summary>
public enum MaskingErrorKind
{
    /// <summary>A sphere contains no voxel (its seed is outside the field of view by more than the radius).</summary>
    EmptySphere,
    /// <summary>Spheres share voxels and overlap was not allowed.</summary>
    SpheresOverlap,
    /// <summary>A mask or image is not on the grid (shape and affine) expected.</summary>
    GridMismatch,
    /// <summary>The image has the wrong number of dimensions (e.g. 3D where 4D is needed).</summary>
    WrongDimensions,
    /// <summary>The mask selects no voxel.</summary>
    EmptyMask,
    /// <summary>A parameter is out of range (radius, FWHM).</summary>
    InvalidParameter,
    /// <summary>The image's affine cannot map world mm to voxels: not finite, singular, or a non-positive voxel size.</summary>
    InvalidAffine,
    /// <summary>A smoothing FWHM needs a kernel wider than the cap on the image's voxels (its voxel size is likely wrong: units, pixdim).</summary>
    SmoothingKernelTooLarge,
    /// <summary>A labels image holds a value that is not a whole number (a probabilistic map, or a damaged file).</summary>
    LabelsNotInteger,
}

/// <summary>A masker cannot do what was asked; the message names the seed, shape or value.</summary>
public sealed class MaskingException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public MaskingException(MaskingErrorKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    /// <summary>The error class.</summary>
    public MaskingErrorKind Kind { get; }
}
