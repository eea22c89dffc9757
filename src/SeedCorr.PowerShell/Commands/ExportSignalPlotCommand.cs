using System.Management.Automation;
using SeedCorr.Core.Signal;
using SeedCorr.Plotting;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Draws time series from a signal matrix as line plots, to .png, .svg or .pdf.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "SignalPlot", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportSignalPlotCommand : FileWriterCmdlet
{
    /// <summary>The signals (Invoke-SignalClean, New-SphereMasker, New-BrainMasker).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public SignalMatrix InputObject { get; set; } = null!;

    /// <summary>Which columns (series) to draw, from 0. Default: all.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int[]? Column { get; set; }

    /// <summary>Legend entries, one per drawn column.</summary>
    [Parameter]
    public string[]? Label { get; set; }

    /// <summary>Seconds on the x axis (from the signals' repetition time) instead of scan numbers.</summary>
    [Parameter]
    public SwitchParameter Time { get; set; }

    /// <summary>Drawn above the plot.</summary>
    [Parameter]
    public string? Title { get; set; }

    /// <summary>The y-axis label.</summary>
    [Parameter]
    public string YLabel { get; set; } = "Normalized signal";

    /// <summary>Figure width in pixels (points for .pdf and .svg).</summary>
    [Parameter]
    [ValidateRange(200, 10000)]
    public int Width { get; set; } = 900;

    /// <summary>Figure height in pixels (points for .pdf and .svg).</summary>
    [Parameter]
    [ValidateRange(100, 10000)]
    public int Height { get; set; } = 400;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (Time && InputObject.RepetitionTime is null)
        {
            WriteError(ErrorRecords.Create(ErrorIds.RepetitionTimeMissing, ErrorCategory.InvalidData, InputObject,
                "-Time needs the repetition time, and these signals do not carry one.", "Drop -Time, or extract the signals from an image whose header has the TR."));
            return;
        }

        SignalPlot plot;
        try
        {
            plot = new SignalPlot(InputObject, Column, Time ? InputObject.RepetitionTime : null, Title, YLabel, Label) { Width = Width, Height = Height };
        }
        catch (ArgumentException ex)
        {
            WriteError(ErrorRecords.Create(ErrorIds.PlotParameterInvalid, ErrorCategory.InvalidArgument, InputObject, ex.Message,
                $"The signals have {InputObject.Series} column(s), numbered from 0; give one -Label per column drawn.", ex));
            return;
        }

        var file = FigureOutput.Write(this, GivenPath, NoClobber, Force, $"Draw {plot.Columns.Count} time series of {InputObject.Shape}", Width, Height, plot.Draw);
        if (file is not null && PassThru)
        {
            WriteObject(file);
        }
    }
}
