using SeedCorr.Core.Geometry;
using SkiaSharp;

namespace SeedCorr.Plotting;

/// <summary>What nilearn's <c>plot_stat_map</c> takes, with its defaults.</summary>
public sealed record StatMapPlotOptions
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

    /// <summary>Which slices to show.</summary>
    public DisplayMode DisplayMode { get; init; } = DisplayMode.Ortho;

    /// <summary>Draw cut lines through the cut coordinates in every slice (nilearn's <c>draw_cross</c>; not in mosaics).</summary>
    public bool DrawCross { get; init; } = true;

    /// <summary>
    /// The colour bar spans −VMax…VMax; false: only the signs the map has (0…VMax for a positive map), as nilearn's
    /// <c>symmetric_cbar=False</c>. The colours themselves stay symmetric around 0 either way, as in nilearn.
    /// </summary>
    public bool SymmetricColorBar { get; init; } = true;

    /// <summary>Slices per row and rows of a <see cref="DisplayMode.Mosaic"/>.</summary>
    public (int Columns, int Rows) MosaicGrid { get; init; } = (7, 3);
}
