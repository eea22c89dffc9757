using SeedCorr.Core.Geometry;
using SkiaSharp;

namespace SeedCorr.Plotting;

/// <summary>What nilearn's <c>plot_stat_map(display_mode="ortho")</c> takes, with its defaults.</summary>
public sealed class StatMapPlotOptions
{
    /// <summary>Where the three slices cut, in world mm; null: the peak |value| of the map.</summary>
    public WorldPoint? CutCoords { get; init; }

    /// <summary>Values with |v| ≤ threshold are not drawn (nilearn masks the closed interval); 0 draws everything but 0.</summary>
    public double Threshold { get; init; }

    /// <summary>The colour scale runs from −VMax to VMax; null: the largest |value| of the map.</summary>
    public double? VMax { get; init; }

    /// <summary>Drawn at the top left, as nilearn does.</summary>
    public string? Title { get; init; }

    /// <summary>Points shown as filled circles in every panel they project into.</summary>
    public IReadOnlyList<WorldPoint> Markers { get; init; } = [];

    /// <summary>Marker fill; nilearn's example uses green ("g").</summary>
    public SKColor MarkerColor { get; init; } = new(0, 128, 0);

    /// <summary>Marker diameter in pixels at the default size.</summary>
    public float MarkerSize { get; init; } = 14;

    /// <summary>Figure width in pixels (points for PDF and SVG).</summary>
    public int Width { get; init; } = 1000;

    /// <summary>Figure height in pixels (points for PDF and SVG).</summary>
    public int Height { get; init; } = 380;

    /// <summary>Draw the colour bar on the right.</summary>
    public bool ColorBar { get; init; } = true;
}
