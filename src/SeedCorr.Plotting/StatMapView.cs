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
        var page = Resource("viewer.html");
        return page
            .Replace("{{TITLE}}", System.Net.WebUtility.HtmlEncode(_options.Title ?? "SeedCorr stat map"), StringComparison.Ordinal)
            .Replace("{{SCRIPT}}", Resource("viewer.js"), StringComparison.Ordinal)
            .Replace("{{DATA}}", Json(), StringComparison.Ordinal);
    }

    // The page's data, written field by field: the reflection serializer's first use cost ~0.1 s in a fresh pwsh. The
    // writer's default encoder escapes '<' (as \u003C), so no string in it can end the <script> element.
    private string Json()
    {
        var frame = (_background ?? _stat).Bounds();
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (_options.Title is null)
            {
                w.WriteNull("title");
            }
            else
            {
                w.WriteString("title", _options.Title);
            }

            Numbers(w, "cut", [Cut.X, Cut.Y, Cut.Z]);
            w.WriteNumber("threshold", _options.Threshold);
            w.WriteNumber("vmax", _plot.VMax);
            w.WriteStartArray("bounds");
            foreach (var (min, max) in frame)
            {
                Numbers(w, null, [min, max]);
            }

            w.WriteEndArray();
            w.WriteNumber("pixelsPerMm", PixelsPerMm);
            w.WriteStartArray("markers");
            foreach (var m in _options.Markers)
            {
                Numbers(w, null, [m.X, m.Y, m.Z]);
            }

            w.WriteEndArray();
            w.WriteString("markerColor", $"rgb({_options.MarkerColor.Red},{_options.MarkerColor.Green},{_options.MarkerColor.Blue})");
            w.WriteNumber("markerSize", _options.MarkerSize);
            w.WritePropertyName("stat");
            Block(w, _stat, StatBytes(_stat, out var scale), scale);
            if (_background is null)
            {
                w.WriteNull("background");
            }
            else
            {
                w.WritePropertyName("background");
                Block(w, _background, Array.ConvertAll(_background.Voxels, x => _plot.BackgroundColor(x).Red), 1);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Numbers(Utf8JsonWriter w, string? name, ReadOnlySpan<double> values)
    {
        if (name is null)
        {
            w.WriteStartArray();
        }
        else
        {
            w.WriteStartArray(name);
        }

        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
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

    // The map as int16 with one scale (NaN as −32768), little-endian.
    private static byte[] StatBytes(PlotVolume v, out double scale)
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

        scale = peak > 0 ? peak / 32767.0 : 1.0;
        var q = new byte[values.Length * 2];
        for (var n = 0; n < values.Length; n++)
        {
            var s = float.IsFinite(values[n]) ? (short)Math.Round(values[n] / scale) : short.MinValue;
            q[2 * n] = (byte)s;
            q[(2 * n) + 1] = (byte)(s >> 8);
        }

        return q;
    }

    private static void Block(Utf8JsonWriter w, PlotVolume v, byte[] bytes, double scale)
    {
        w.WriteStartObject();
        w.WriteStartArray("shape");
        foreach (var d in v.Shape)
        {
            w.WriteNumberValue(d);
        }

        w.WriteEndArray();
        Numbers(w, "affine", v.Affine.ToRowMajor());
        w.WriteNumber("scale", scale);
        w.WriteBase64String("data", bytes);
        w.WriteEndObject();
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("SeedCorr.Plotting.Viewer." + name)
            ?? throw new InvalidOperationException($"the viewer's {name} is missing from the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
