using SeedCorr.Core.Geometry;
using System.Management.Automation;
using SeedCorr.Core.Masking;
using SeedCorr.Plotting;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Writes an interactive stat-map viewer, as nilearn's view_img: one self-contained HTML file (no network) with three linked slices, the value under the cursor and a threshold slider.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "StatMapView", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportStatMapViewCommand : StatMapFigureCommandBase
{
    /// <summary>
    /// Drawn in grey under the map (an image or a path; 4D images are averaged over time), or 'MNI152' for the template.
    /// Default: the MNI152 2009a template when the map is in MNI space, else a correlation map's mean functional image.
    /// </summary>
    [Parameter]
    public object? Background { get; set; }

    /// <summary>Where the page opens cut (x, y, z in mm). Default: the seed of a correlation map, else the peak |value|.</summary>
    [Parameter]
    [WorldPointTransformation]
    public WorldPoint[]? CutCoords { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (!TryReadMap())
        {
            return;
        }

        var under = ResolveBackground(Background, out var ok);
        if (!ok || !TryCommonOptions(CutCoords, out var options))
        {
            return;
        }

        if (!string.Equals(System.IO.Path.GetExtension(GivenPath), ".html", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(System.IO.Path.GetExtension(GivenPath), ".htm", StringComparison.OrdinalIgnoreCase))
        {
            WriteError(ErrorRecords.Create(ErrorIds.FigureFormatUnsupported, ErrorCategory.InvalidArgument, GivenPath,
                $"'{GivenPath}': the viewer is an HTML page.", "Name the file with the .html extension."));
            return;
        }

        StatMapView view;
        try
        {
            view = new StatMapView(new PlotVolume(Stat, Volume), under, options);
        }
        catch (ArgumentException ex)
        {
            WriteOptionsError(ex);
            return;
        }

        string? target = null;
        try
        {
            target = OutputFile.Prepare(this, GivenPath, NoClobber, Force, $"Write the stat-map viewer cut at {view.Cut}");
            if (target is null)
            {
                return;
            }

            view.Save(target, overwrite: !NoClobber);
            WriteVerbose($"Wrote {target}");
            if (PassThru)
            {
                WriteObject(new FileInfo(target));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(ErrorRecords.Create(ErrorIds.FigureWriteFailed, ErrorCategory.WriteError, target ?? GivenPath,
                $"{target ?? GivenPath}: {ex.Message}", "Check that the folder is writable.", ex));
        }
    }
}
