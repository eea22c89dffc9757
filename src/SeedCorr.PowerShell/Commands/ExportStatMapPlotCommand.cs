using System.Management.Automation;
using SeedCorr.Core.Connectivity;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;
using SeedCorr.Plotting;
using SeedCorr.PowerShell.Common;
using SkiaSharp;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Draws a correlation or statistical map in three orthogonal slices over a background, as nilearn's plot_stat_map, to .png, .svg or .pdf.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "StatMapPlot", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportStatMapPlotCommand : FileWriterCmdlet
{
    /// <summary>A CorrelationMap (Get-SeedCorrelation), a NiftiImage, or the path of a NIfTI file.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public object InputObject { get; set; } = null!;

    /// <summary>Drawn in grey under the map; 4D images are averaged over time. Default: the mean functional image of a correlation map's brain masker.</summary>
    [Parameter]
    public object? Background { get; set; }

    /// <summary>Which volume (seed) of a multi-volume map to draw.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Volume { get; set; }

    /// <summary>Where the slices cut (x, y, z in mm). Default: the seed of a correlation map, else the peak |value|.</summary>
    [Parameter]
    [WorldPointTransformation]
    public WorldPoint[]? CutCoords { get; set; }

    /// <summary>Values with |v| ≤ Threshold show the background (nilearn's default 1e-6 hides exact zeros only).</summary>
    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double Threshold { get; set; } = 1e-6;

    /// <summary>The colour scale runs from −VMax to VMax. Default: the largest |value|.</summary>
    [Parameter]
    public double? VMax { get; set; }

    /// <summary>Drawn at the top left.</summary>
    [Parameter]
    public string? Title { get; set; }

    /// <summary>Points to mark (x, y, z in mm), e.g. the seed.</summary>
    [Parameter]
    [WorldPointTransformation]
    public WorldPoint[]? Marker { get; set; }

    /// <summary>Marker colour: a name (green, red, ...) or #RRGGBB.</summary>
    [Parameter]
    public string MarkerColor { get; set; } = "green";

    /// <summary>Marker diameter in pixels.</summary>
    [Parameter]
    [ValidateRange(1f, 200f)]
    public float MarkerSize { get; set; } = 14;

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
        var value = InputObject is PSObject p ? p.BaseObject : InputObject;
        NiftiImage? stat;
        NiftiImage? background = null;
        WorldPoint? defaultCut = null;
        if (value is CorrelationMap map)
        {
            try
            {
                stat = map.ToImage();
            }
            catch (InvalidOperationException ex)
            {
                WriteError(ErrorRecords.Create(ErrorIds.PlotInputInvalid, ErrorCategory.InvalidData, map, ex.Message,
                    "Extract the brain signals with New-BrainMasker so the map knows its grid.", ex));
                return;
            }

            background = map.Masker?.MeanImage;
            if (map.SeedPositions is { } seeds && Volume < seeds.Count)
            {
                defaultCut = seeds[Volume];
            }
        }
        else
        {
            stat = ImageArgument.Resolve(this, value, nameof(InputObject));
            if (stat is null)
            {
                return;
            }
        }

        if (Volume >= stat.VolumeCount)
        {
            WriteError(ErrorRecords.Create(ErrorIds.PlotParameterInvalid, ErrorCategory.InvalidArgument, Volume,
                $"-Volume {Volume}: the map has {stat.VolumeCount} volume(s).", $"Choose a volume from 0 to {stat.VolumeCount - 1}."));
            return;
        }

        if (Background is not null)
        {
            background = ImageArgument.Resolve(this, Background, nameof(Background));
            if (background is null)
            {
                return;
            }
        }

        if (!HasWorldGrid(stat, "map") || (background is not null && !HasWorldGrid(background, "background")))
        {
            return;
        }

        WarnWhenNothingIsDrawn(stat);
        if (!TryParseColor(MarkerColor, out var markerColor))
        {
            WriteError(ErrorRecords.Create(ErrorIds.PlotParameterInvalid, ErrorCategory.InvalidArgument, MarkerColor,
                $"-MarkerColor '{MarkerColor}' is not a colour.", "Use a colour name such as green or red, or #RRGGBB."));
            return;
        }

        StatMapPlot plot;
        try
        {
            var under = background is null ? null : PlotVolume.MeanOf(background);
            plot = new StatMapPlot(new PlotVolume(stat, Volume), under, new StatMapPlotOptions
            {
                CutCoords = CutCoords is { Length: > 0 } cut ? cut[0] : defaultCut,
                Threshold = Threshold,
                VMax = VMax,
                Title = Title,
                Markers = Marker ?? [],
                MarkerColor = markerColor,
                MarkerSize = MarkerSize,
                Width = Width,
                Height = Height,
            });
        }
        catch (ArgumentException ex)
        {
            WriteError(ErrorRecords.Create(ErrorIds.PlotParameterInvalid, ErrorCategory.InvalidArgument, InputObject, ex.Message,
                "Check -Threshold, -VMax and the images.", ex));
            return;
        }

        var file = FigureOutput.Write(this, GivenPath, NoClobber, Force, $"Draw the stat map cut at {plot.Cut}", Width, Height, plot.Draw);
        if (file is not null && PassThru)
        {
            WriteObject(file);
        }
    }

    /// <summary>A figure places the image in world mm: a singular or non-finite affine is an error, not a crash.</summary>
    private bool HasWorldGrid(NiftiImage image, string role)
    {
        var affine = image.Affine;
        if (affine.IsFinite && affine.Determinant3 != 0)
        {
            return true;
        }

        var name = image.Path is null ? $"the {role} image" : $"the {role} {System.IO.Path.GetFileName(image.Path)}";
        WriteError(ErrorRecords.Create(ErrorIds.PlotInputInvalid, ErrorCategory.InvalidData, image,
            $"The affine of {name} ({image.Header.BestAffineSource}) is {(affine.IsFinite ? "singular" : "not finite")}: it cannot be placed in world space to be drawn.",
            "Fix the header's sform/qform (e.g. copy the geometry from the functional image with fslcpgeom) and extract the map again."));
        return false;
    }

    /// <summary>An all-NaN map, or a threshold above every value, would give an empty figure without a word.</summary>
    private void WarnWhenNothingIsDrawn(NiftiImage stat)
    {
        var values = stat.GetVolumeSpan(Volume);
        var finite = 0;
        var drawn = 0;
        var largest = 0f;
        var threshold = (float)Threshold;
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                continue;
            }

            finite++;
            var a = MathF.Abs(v);
            largest = MathF.Max(largest, a);
            if (a > threshold)
            {
                drawn++;
            }
        }

        if (finite == 0)
        {
            WriteWarning($"The map (volume {Volume}) has no finite value: the figure shows only the background.");
        }
        else if (drawn == 0)
        {
            WriteWarning(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"No voxel of the map (volume {Volume}) is above -Threshold {Threshold}: its largest |value| is {largest:0.####}, so the figure shows only the background."));
        }
    }

    private static bool TryParseColor(string text, out SKColor color)
    {
        if (SKColor.TryParse(text, out color))
        {
            return true;
        }

        var known = System.Drawing.Color.FromName(text);
        color = new SKColor(known.R, known.G, known.B, known.A);
        return known.IsKnownColor;
    }
}
