using System.Text.Json;
using System.Text.RegularExpressions;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;

namespace SeedCorr.Plotting.Tests;

/// <summary>The viewer page: self-contained, and its embedded data reads back as the map and the background.</summary>
public sealed partial class StatMapViewTests
{
    [GeneratedRegex("<script id=\"seedcorr-data\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataBlock();

    private static (string Html, JsonElement Data) Page(string title = "PCC </script><b>")
    {
        var affine = Affine.Diagonal(4, 4, 4, -20, -30, -10);
        var data = new float[10 * 10 * 10];
        data[123] = 0.75f;
        data[456] = -0.3f;
        data[789] = float.NaN;
        var view = new StatMapView(new PlotVolume(data, [10, 10, 10], affine), new PlotVolume(Enumerable.Repeat(100f, 1000).ToArray(), [10, 10, 10], affine),
            new StatMapPlotOptions { Threshold = 0.2, VMax = 1, Title = title, Markers = [new WorldPoint(0, 0, 0)] });
        var html = view.ToHtml();
        return (html, JsonDocument.Parse(DataBlock().Match(html).Groups[1].Value).RootElement.Clone());
    }

    [Fact]
    public void The_page_loads_nothing_from_outside_and_escapes_the_title()
    {
        var (html, data) = Page();
        Assert.DoesNotMatch("(?i)https?://|<script[^>]+src=|<link|@import|url\\(", html);
        Assert.Contains("PCC &lt;/script&gt;&lt;b&gt;", html, StringComparison.Ordinal);
        Assert.Equal("PCC </script><b>", data.GetProperty("title").GetString());
        Assert.Equal(2, Regex.Count(html, "<script")); // the data block and the viewer's script, both inline
    }

    [Fact]
    public void The_embedded_map_reads_back_within_its_int16_step_and_nan_stays_nan()
    {
        var (_, data) = Page();
        var stat = data.GetProperty("stat");
        var scale = stat.GetProperty("scale").GetDouble();
        var q = Convert.FromBase64String(stat.GetProperty("data").GetString()!);
        short At(int n) => (short)(q[2 * n] | (q[(2 * n) + 1] << 8));
        Assert.Equal(0.75 / 32767, scale, 12);
        Assert.Equal(0.75, At(123) * scale, 6);
        Assert.Equal(-0.3, At(456) * scale, 4);
        Assert.Equal(short.MinValue, At(789));
        Assert.Equal(0, At(0));
        Assert.Equal([4.0, 0, 0, -20, 0, 4, 0, -30, 0, 0, 4, -10, 0, 0, 0, 1], stat.GetProperty("affine").EnumerateArray().Select(e => e.GetDouble()));
        // A constant background is drawn at nilearn's dimmed top grey, 2/2.6 · 255 = 196, as the static figure.
        var grey = Convert.FromBase64String(data.GetProperty("background").GetProperty("data").GetString()!);
        Assert.All(grey, g => Assert.Equal(196, g));
        Assert.Equal(0.2, data.GetProperty("threshold").GetDouble());
        Assert.Equal(1, data.GetProperty("vmax").GetDouble());
    }
}
