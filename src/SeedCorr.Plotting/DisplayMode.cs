namespace SeedCorr.Plotting;

/// <summary>Which slices a stat-map figure shows, as nilearn's <c>display_mode</c>.</summary>
public enum DisplayMode
{
    /// <summary>Sagittal, coronal and axial slices through the cut (nilearn's "ortho").</summary>
    Ortho,

    /// <summary>The sagittal slice only.</summary>
    X,

    /// <summary>The coronal slice only.</summary>
    Y,

    /// <summary>The axial slice only.</summary>
    Z,

    /// <summary>Rows of axial slices evenly spaced through the brain.</summary>
    Mosaic,
}
