using System.Management.Automation;
using SeedCorr.Plotting;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Draws a map's maximum-intensity projections in three views inside the MNI brain's outline, as nilearn's plot_glass_brain, to .png, .svg or .pdf.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "GlassBrainPlot", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportGlassBrainPlotCommand : StaticFigureCommandBase
{
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
            plot = new GlassBrainPlot(new PlotVolume(Stat, Volume), common with { Width = Width, Height = Height, SymmetricColorBar = Symmetric }, outline);
        }
        catch (ArgumentException ex)
        {
            WriteOptionsError(ex);
            return;
        }

        WriteFigure("Draw the glass brain", plot.Draw);
    }
}
