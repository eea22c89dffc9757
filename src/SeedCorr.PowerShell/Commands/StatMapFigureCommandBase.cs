using SeedCorr.Core.Geometry;
using System.Management.Automation;
using SeedCorr.Core.Connectivity;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Plotting;
using SeedCorr.PowerShell.Common;
using SkiaSharp;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// What Export-StatMapPlot, Export-GlassBrainPlot and Export-StatMapView share: the map (a CorrelationMap, an image
/// or a path), the volume, the cut, threshold, colour limit, title and markers, and the default background.
/// </summary>
public abstract class StatMapFigureCommandBase : FileWriterCmdlet
{
    /// <summary>The -Background value that asks for the MNI152 template explicitly.</summary>
    public const string TemplateBackground = "MNI152";

    /// <summary>A CorrelationMap (Get-SeedCorrelation), a NiftiImage, or the path of a NIfTI file.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public object InputObject { get; set; } = null!;

    /// <summary>Which volume (seed) of a multi-volume map to draw.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Volume { get; set; }

    /// <summary>Values with |v| ≤ Threshold are not drawn (nilearn's default 1e-6 hides exact zeros only).</summary>
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

    /// <summary>The map to draw (the chosen volume), set by <see cref="TryReadMap"/>.</summary>
    private protected NiftiImage Stat { get; private set; } = null!;

    /// <summary>The cut a correlation map suggests: its seed.</summary>
    private protected WorldPoint? SeedCut { get; private set; }

    /// <summary>The mean functional image a correlation map's brain masker kept.</summary>
    private protected NiftiImage? MaskerMean { get; private set; }

    /// <summary>Reads the map from InputObject and checks -Volume; false after writing the error.</summary>
    private protected bool TryReadMap()
    {
        var value = InputConversion.Unwrap(InputObject);
        SeedCut = null;
        MaskerMean = null;
        NiftiImage? stat;
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
                return false;
            }

            MaskerMean = map.Masker?.MeanImage;
            if (map.SeedPositions is { } seeds && Volume < seeds.Count)
            {
                SeedCut = seeds[Volume];
            }
        }
        else
        {
            stat = ImageArgument.Resolve(this, value, nameof(InputObject));
            if (stat is null)
            {
                return false;
            }
        }

        if (Volume >= stat.VolumeCount)
        {
            WriteError(ErrorRecords.Create(ErrorIds.PlotParameterInvalid, ErrorCategory.InvalidArgument, Volume,
                $"-Volume {Volume}: the map has {stat.VolumeCount} volume(s).", $"Choose a volume from 0 to {stat.VolumeCount - 1}."));
            return false;
        }

        if (!HasWorldGrid(stat, "map"))
        {
            return false;
        }

        WarnWhenNothingIsDrawn(stat);
        Stat = stat;
        return true;
    }

    /// <summary>
    /// The background: -Background when given ('MNI152' for the template), else the MNI152 template when the map is in
    /// an MNI space (header code 4 or a space-MNI… file name), else the correlation map's mean functional image, else
    /// none. Sets <paramref name="ok"/> false after writing an error.
    /// </summary>
    private protected PlotVolume? ResolveBackground(object? background, out bool ok)
    {
        ok = true;
        var value = InputConversion.Unwrap(background);
        if (value is string s && string.Equals(s, TemplateBackground, StringComparison.OrdinalIgnoreCase))
        {
            return Template(out ok);
        }

        if (value is not null)
        {
            var image = ImageArgument.Resolve(this, value, "Background");
            ok = image is not null && HasWorldGrid(image, "background");
            return ok ? PlotVolume.MeanOf(image!) : null;
        }

        if (MniSpace.Contains(Stat))
        {
            WriteVerbose("The map is in MNI space: drawing it over the MNI152 2009a template (2 mm).");
            return Template(out ok);
        }

        return MaskerMean is null ? null : PlotVolume.MeanOf(MaskerMean);
    }

    /// <summary>The 2 mm MNI template, or an error when the module's copy is missing or unreadable.</summary>
    private protected PlotVolume? Template(out bool ok)
    {
        try
        {
            ok = true;
            return MniTemplate.TwoMillimetre;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NiftiException)
        {
            WriteError(ErrorRecords.Create(ErrorIds.PlotInputInvalid, ErrorCategory.ResourceUnavailable, MniTemplate.FilePath,
                $"The MNI152 template {MniTemplate.FilePath} cannot be read: {ex.Message}", "Reinstall the module, or pass -Background.", ex));
            ok = false;
            return null;
        }
    }

    /// <summary>The options shared by the figures; false after writing the error for a bad colour.</summary>
    private protected bool TryCommonOptions(WorldPoint[]? cutCoords, out StatMapPlotOptions options)
    {
        options = null!;
        if (!TryParseColor(MarkerColor, out var markerColor))
        {
            WriteError(ErrorRecords.Create(ErrorIds.PlotParameterInvalid, ErrorCategory.InvalidArgument, MarkerColor,
                $"-MarkerColor '{MarkerColor}' is not a colour.", "Use a colour name such as green or red, or #RRGGBB."));
            return false;
        }

        options = new StatMapPlotOptions
        {
            CutCoords = cutCoords is { Length: > 0 } cut ? cut[0] : SeedCut,
            Threshold = Threshold,
            VMax = VMax,
            Title = Title,
            Markers = Marker ?? [],
            MarkerColor = markerColor,
            MarkerSize = MarkerSize,
        };
        return true;
    }

    /// <summary>Writes the error for options a figure refused (bad threshold or limit).</summary>
    private protected void WriteOptionsError(ArgumentException ex) =>
        WriteError(ErrorRecords.Create(ErrorIds.PlotParameterInvalid, ErrorCategory.InvalidArgument, InputObject, ex.Message,
            "Check -Threshold, -VMax and the images.", ex));

    /// <summary>A figure places the image in world mm: a singular or non-finite affine is an error, not a crash.</summary>
    private protected bool HasWorldGrid(NiftiImage image, string role)
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
    private protected void WarnWhenNothingIsDrawn(NiftiImage stat)
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
