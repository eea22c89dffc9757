using SeedCorr.Core.Extraction;
using SeedCorr.Core.Nifti;

namespace SeedCorr.Core.Masking;

/// <summary>What <see cref="StreamingExtraction.Run"/> extracts.</summary>
public sealed record StreamingExtractionOptions
{
    /// <summary>The maskers to feed from the one read (any mix: brain, spheres, labels), in output order.</summary>
    public IReadOnlyList<ISignalMasker> Maskers { get; init; } = [];

    /// <summary>A brain masker to fit from the file's mean and feed in the same read (after <see cref="Maskers"/>), or null.</summary>
    public BrainMaskerFit? FitBrainMasker { get; init; }

    /// <summary>How to read the file.</summary>
    public NiftiReadOptions? ReadOptions { get; init; }

    /// <summary>Threads that smooth and mask besides the reader (default: one per other core); tests set it to exercise several.</summary>
    internal int? Consumers { get; init; }
}

/// <summary>How to fit a brain masker from the data (nilearn's NiftiMasker(mask_strategy, smoothing_fwhm).fit).</summary>
/// <param name="Strategy">How to compute the mask from the temporal mean.</param>
/// <param name="SmoothingFwhm">Smoothing FWHM in mm (one value or one per axis), or null.</param>
public sealed record BrainMaskerFit(MaskStrategy Strategy = MaskStrategy.Background, IReadOnlyList<double>? SmoothingFwhm = null);
