using SeedCorr.Core.Geometry;
using System.Management.Automation;
using SeedCorr.Core.Masking;
using SeedCorr.Plotting;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Draws a correlation or statistical map in slices over a background with cut lines, as nilearn's plot_stat_map, to .png, .svg or .pdf.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "StatMapPlot", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportStatMapPlotCommand : StaticFigureCommandBase
{
    /// <summary>
    /// Drawn in grey under the map (an image or a path; 4D images are averaged over time), or 'MNI152' for the template.
    /// Default: the MNI152 2009a template when the map is in MNI space, else a correlation map's mean functional image.
    /// </summary>
    [Parameter]
    public object? Background { get; set; }

    /// <summary>Where the slices cut (x, y, z in mm). Default: the seed of a correlation map, else the peak |value|.</summary>
    [Parameter]
    [WorldPointTransformation]
    public WorldPoint[]? CutCoords { get; set; }

    /// <summary>Which slices: Ortho (sagittal, coronal, axial), X, Y, Z, or Mosaic (rows of axial slices).</summary>
    [Parameter]
    public DisplayMode DisplayMode { get; set; } = DisplayMode.Ortho;

    /// <summary>Hides the cut lines.</summary>
    [Parameter]
    public SwitchParameter NoCross { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (!TryReadMap())
        {
            return;
        }

        var under = ResolveBackground(Background, out var ok);
        if (!ok || !TryCommonOptions(CutCoords, out var common))
        {
            return;
        }

        StatMapPlot plot;
        try
        {
            plot = new StatMapPlot(new PlotVolume(Stat, Volume), under, common with
            {
                Width = Width,
                Height = Height,
                DisplayMode = DisplayMode,
                DrawCross = !NoCross,
                SymmetricColorBar = Symmetric,
            });
        }
        catch (ArgumentException ex)
        {
            WriteOptionsError(ex);
            return;
        }

        WriteFigure($"Draw the stat map cut at {plot.Cut}", plot.Draw);
    }
}
