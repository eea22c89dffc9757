using SkiaSharp;

namespace SeedCorr.Plotting;

/// <summary>
/// The figures' typeface. The Linux "NoDependencies" Skia build has no fontconfig: it finds fonts by family name only
/// when they are in the standard font folders, so ask for DejaVu Sans (Debian's default) and fall back to Skia's default.
/// </summary>
public static class PlotFonts
{
    /// <summary>The family the figures use.</summary>
    public const string Family = "DejaVu Sans";

    /// <summary>The regular-weight typeface, looked up once per process and shared (never disposed).</summary>
    public static SKTypeface Regular { get; } = SKTypeface.FromFamilyName(Family) ?? SKTypeface.Default;
}
