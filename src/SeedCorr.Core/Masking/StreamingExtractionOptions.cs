using SeedCorr.Core.Nifti;

namespace SeedCorr.Core.Masking;

/// <summary>What <see cref="StreamingExtraction.Run"/> extracts.</summary>
public sealed record StreamingExtractionOptions
{
    /// <summary>Seed spheres whose mean raw signals to extract, or null.</summary>
    public SphereMasker? Spheres { get; init; }

    /// <summary>A brain masker to use as it is (its mask and smoothing); null to fit one from the data.</summary>
    public BrainMasker? BrainMasker { get; init; }

    /// <summary>How to compute the brain mask when <see cref="BrainMasker"/> is null.</summary>
    public MaskStrategy MaskStrategy { get; init; } = MaskStrategy.Background;

    /// <summary>Smoothing FWHM in mm (one value or one per axis) when <see cref="BrainMasker"/> is null.</summary>
    public IReadOnlyList<double>? SmoothingFwhm { get; init; }

    /// <summary>How to read the file.</summary>
    public NiftiReadOptions? ReadOptions { get; init; }

    /// <summary>Threads that smooth and mask besides the reader (default: one per other core); tests set it to exercise several.</summary>
    internal int? Consumers { get; init; }
}
