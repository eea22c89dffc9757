using SkiaSharp;

namespace SeedCorr.Plotting;

/// <summary>
/// nilearn's "cold_hot": matplotlib's "hot" (black → red → yellow → white) for positive values, and for negative
/// values the same map mirrored with its red and blue channels swapped (black → blue → cyan → white), meeting at 0.
/// Breakpoints are matplotlib's <c>_hot_data</c> segment data; matplotlib then quantises to a 256-entry table, we
/// interpolate continuously (at most 1/255 per channel apart).
/// </summary>
public static class ColdHotColormap
{
    private const double RedEnd = 0.365079;
    private const double GreenEnd = 0.746032;
    private const double RedStart = 0.0416;

    /// <summary>The colour of a value for a symmetric range [−vmax, vmax].</summary>
    public static SKColor ForValue(double value, double vmax) => At(((value / vmax) + 1) / 2);

    /// <summary>
    /// nilearn's "cold_white_hot", the glass brain's map on white: matplotlib's reversed "hot" (white at 0 → yellow →
    /// red → black at ±vmax), negative values with red and blue swapped, as nilearn's <c>_pigtailed_cmap(hot_r)</c>.
    /// </summary>
    public static SKColor WhiteHotForValue(double value, double vmax)
    {
        var t = Math.Clamp(value / vmax, -1, 1);
        return Hot(1 - Math.Abs(t), t < 0);
    }

    private static SKColor At(double position)
    {
        var t = Math.Clamp((position * 2) - 1, -1, 1); // −1 … 1
        return Hot(Math.Abs(t), t < 0);
    }

    // matplotlib's hot at a ∈ [0, 1]; cold swaps red and blue.
    private static SKColor Hot(double a, bool cold)
    {
        var red = a < RedEnd ? RedStart + ((1 - RedStart) * a / RedEnd) : 1;
        var green = Math.Clamp((a - RedEnd) / (GreenEnd - RedEnd), 0, 1);
        var blue = Math.Clamp((a - GreenEnd) / (1 - GreenEnd), 0, 1);
        static byte B(double v) => (byte)Math.Round(v * 255);
        return cold
            ? new SKColor(B(blue), B(green), B(red))
            : new SKColor(B(red), B(green), B(blue));
    }
}
