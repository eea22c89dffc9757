using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;

namespace SeedCorr.Plotting.Reports;

/// <summary>
/// A stat map of the report: Export-StatMapPlot's figure (<see cref="StatMapPlot"/>, ortho slices with cut lines)
/// at thumbnail size, cut at the seed (or the peak), over the MNI152 template when the map is in an MNI space and
/// on black otherwise, as a PNG.
/// </summary>
public sealed class StatMapThumbnail
{
    /// <summary>The figure's width in pixels (the report shows it at this size, one image pixel per CSS pixel).</summary>
    public const int Width = 960;

    /// <summary>The figure's height in pixels.</summary>
    public const int Height = 330;

    /// <summary>Prepares the figure of volume 0 of <paramref name="map"/>.</summary>
    public StatMapThumbnail(NiftiImage map, WorldPoint? cut, double threshold, double? vmax, string? title, IReadOnlyList<WorldPoint>? markers = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        InMni = MniSpace.Contains(map);
        Plot = new StatMapPlot(new PlotVolume(map), InMni ? MniTemplate.TwoMillimetre : null, new StatMapPlotOptions
        {
            CutCoords = cut,
            Threshold = threshold,
            VMax = vmax,
            Title = title,
            Markers = markers ?? [],
            MarkerSize = 10,
            Width = Width,
            Height = Height,
        });
    }

    /// <summary>Whether the map is drawn over the MNI template.</summary>
    public bool InMni { get; }

    /// <summary>The figure (its cut, colour limit and layout).</summary>
    public StatMapPlot Plot { get; }

    /// <summary>The figure as PNG bytes.</summary>
    public byte[] ToPng() => FigureFile.Png(Width, Height, Plot.Draw);
}
