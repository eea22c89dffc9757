using SeedCorr.Core.Geometry;
using System.Reflection;
using System.Text;
using System.Text.Json;
using SeedCorr.Core.IO;

namespace SeedCorr.Plotting;

/// <summary>
/// The interactive viewer, as nilearn's <c>view_img</c>: one self-contained HTML page (no network: the script, the
/// styles and the data are inline) with three linked slices, click to move the cut, the coordinate and value under
/// the cursor, a threshold slider and the colour bar. The map is embedded as int16 (NaN as −32768) with one scale,
/// so values read back within |peak|/32767; the background as the grey levels the static figure draws (uint8).
/// </summary>
public sealed class StatMapView
{
    private readonly PlotVolume _stat;
    private readonly PlotVolume? _background;
    private readonly StatMapPlot _plot;
    private readonly StatMapPlotOptions _options;

    /// <summary>Prepares the page with the stat map's options (cut, threshold, vmax, title, markers).</summary>
    public StatMapView(PlotVolume stat, PlotVolume? background, StatMapPlotOptions options)
    {
        _stat = stat ?? throw new ArgumentNullException(nameof(stat));
        _background = background;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _plot = new StatMapPlot(stat, background, options);
    }

    /// <summary>Where the page opens cut.</summary>
    public Core.Geometry.WorldPoint Cut => _plot.Cut;

    /// <summary>Display resolution of the slices.</summary>
    public double PixelsPerMm { get; init; } = 2;

    /// <summary>The page.</summary>
    public string ToHtml()
    {
        var frame = (_background ?? _stat).Bounds();
        var data = new Dictionary<string, object?>
        {
            ["title"] = _options.Title,
            ["cut"] = new[] { Cut.X, Cut.Y, Cut.Z },
            ["threshold"] = _options.Threshold,
            ["vmax"] = _plot.VMax,
            ["bounds"] = frame.Select(b => new[] { b.Min, b.Max }).ToArray(),
            ["pixelsPerMm"] = PixelsPerMm,
            ["markers"] = _options.Markers.Select(m => new[] { m.X, m.Y, m.Z }).ToArray(),
            ["markerColor"] = $"rgb({_options.MarkerColor.Red},{_options.MarkerColor.Green},{_options.MarkerColor.Blue})",
            ["markerSize"] = _options.MarkerSize,
            ["stat"] = StatBlock(_stat),
            ["background"] = _background is null ? null : BackgroundBlock(_background),
        };
        // "</" never appears in JSON produced this way except inside strings: escape it so a title cannot end the script.
        var json = JsonSerializer.Serialize(data).Replace("</", "<\\/", StringComparison.Ordinal);
        var page = Resource("viewer.html");
        return page
            .Replace("{{TITLE}}", System.Net.WebUtility.HtmlEncode(_options.Title ?? "SeedCorr stat map"), StringComparison.Ordinal)
            .Replace("{{SCRIPT}}", Resource("viewer.js"), StringComparison.Ordinal)
            .Replace("{{DATA}}", json, StringComparison.Ordinal);
    }

    /// <summary>Writes the page atomically (UTF-8).</summary>
    public void Save(string path, bool overwrite)
    {
        var html = ToHtml();
        AtomicFile.Write(path, stream =>
        {
            var bytes = new UTF8Encoding(false).GetBytes(html);
            stream.Write(bytes, 0, bytes.Length);
        }, overwrite);
    }

    private static Dictionary<string, object> StatBlock(PlotVolume v)
    {
        var values = v.Voxels;
        var peak = 0f;
        foreach (var x in values)
        {
            if (float.IsFinite(x))
            {
                peak = Math.Max(peak, MathF.Abs(x));
            }
        }

        var scale = peak > 0 ? peak / 32767.0 : 1.0;
        var q = new byte[values.Length * 2];
        for (var n = 0; n < values.Length; n++)
        {
            var s = float.IsFinite(values[n]) ? (short)Math.Round(values[n] / scale) : short.MinValue;
            q[2 * n] = (byte)s;
            q[(2 * n) + 1] = (byte)(s >> 8);
        }

        return Block(v, q, scale);
    }

    private Dictionary<string, object> BackgroundBlock(PlotVolume v)
    {
        var grey = Array.ConvertAll(v.Voxels, x => _plot.BackgroundColor(x).Red);
        return Block(v, grey, 1);
    }

    private static Dictionary<string, object> Block(PlotVolume v, byte[] bytes, double scale) => new()
    {
        ["shape"] = v.Shape,
        ["affine"] = v.Affine.ToRowMajor(),
        ["scale"] = scale,
        ["data"] = Convert.ToBase64String(bytes),
    };

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("SeedCorr.Plotting.Viewer." + name)
            ?? throw new InvalidOperationException($"the viewer's {name} is missing from the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
