using System.Management.Automation;
using SeedCorr.Plotting;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Draws a map's maximum-intensity projections in three views inside the MNI brain's outline, as nilearn's plot_glass_brain, to .png, .svg or .pdf.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "GlassBrainPlot", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportGlassBrainPlotCommand : StatMapFigureCommandBase
{
    /// <summary>The colour bar spans −VMax…VMax; -Symmetric:$false shows only the signs the map has.</summary>
    [Parameter]
    public bool Symmetric { get; set; } = true;

    /// <summary>Figure width in pixels (points for .pdf and .svg).</summary>
    [Parameter]
    [ValidateRange(200, 10000)]
    public int Width { get; set; } = 1000;

    /// <summary>Figure height in pixels (points for .pdf and .svg).</summary>
    [Parameter]
    [ValidateRange(100, 10000)]
    public int Height { get; set; } = 380;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (!TryReadMap() || !TryCommonOptions(null, out var common))
        {
            return;
        }

        var outline = Template(out var ok);
        if (!ok)
        {
            return;
        }

        if (!MniSpace.Contains(Stat))
        {
            WriteWarning("The map is not marked as MNI space (header code 4 or a space-MNI file name): the glass brain's MNI outline may not match it.");
        }

        GlassBrainPlot plot;
        try
        {
            plot = new GlassBrainPlot(new PlotVolume(Stat, Volume), new StatMapPlotOptions
            {
                Threshold = common.Threshold,
                VMax = common.VMax,
                Title = common.Title,
                Markers = common.Markers,
                MarkerColor = common.MarkerColor,
                MarkerSize = common.MarkerSize,
                Width = Width,
                Height = Height,
                SymmetricColorBar = Symmetric,
            }, outline);
        }
        catch (ArgumentException ex)
        {
            WriteOptionsError(ex);
            return;
        }

        var file = FigureOutput.Write(this, GivenPath, NoClobber, Force, "Draw the glass brain", Width, Height, plot.Draw);
        if (file is not null && PassThru)
        {
            WriteObject(file);
        }
    }
}
