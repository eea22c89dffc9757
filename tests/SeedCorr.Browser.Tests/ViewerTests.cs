using System.Globalization;
using System.Text.Json.Nodes;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;
using SeedCorr.Plotting;
using SkiaSharp;

namespace SeedCorr.Browser.Tests;

/// <summary>
/// Export-StatMapView's page in real headless Chromium, opened from disk: pixels of screenshots at known world
/// positions, a scripted click that moves the cut, the readout and the threshold slider; no network, no JS error.
/// </summary>
public sealed class ViewerTests : IAsyncLifetime
{
    private static readonly WorldPoint Seed = new(0, -52, 18);
    private static readonly SKColor Cross = new(64, 224, 64);
    private readonly string _dir = Directory.CreateTempSubdirectory("seedcorr-viewer-").FullName;
    private Chromium _browser = null!;
    private Uri _page = null!;

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("SEEDCORR_SKIP_BROWSER") == "1")
        {
            return; // the tests are skipped: do not start anything
        }

        // A 2 mm MNI map: 0.8 in a 10 mm cube at the PCC seed, −0.6 in one at (30, 10, 40), 0 elsewhere.
        var affine = Affine.Diagonal(2, 2, 2, -90, -126, -72);
        var data = new float[91 * 109 * 91];
        for (var k = 0; k < 91; k++)
        {
            for (var j = 0; j < 109; j++)
            {
                for (var i = 0; i < 91; i++)
                {
                    var (x, y, z) = affine.Apply(i, j, k);
                    data[i + (91 * (j + (109 * k)))] = Near(x, y, z, Seed) ? 0.8f : Near(x, y, z, new WorldPoint(30, 10, 40)) ? -0.6f : 0f;
                }
            }
        }

        var view = new StatMapView(new PlotVolume(data, [91, 109, 91], affine), MniTemplate.TwoMillimetre,
            new StatMapPlotOptions { CutCoords = Seed, Threshold = 0.5, VMax = 1, Title = "PCC" });
        var path = Path.Combine(_dir, "map.html");
        view.Save(path, overwrite: true);
        _page = new Uri(path);
        _browser = await Chromium.StartAsync(1400, 700);
        await _browser.NavigateAsync(_page);
        Assert.Equal(true, (bool?)await _browser.EvaluateAsync("window.seedcorrView !== undefined && window.seedcorrView.ready"));
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    private static bool Near(double x, double y, double z, WorldPoint c) =>
        Math.Abs(x - c.X) <= 4 && Math.Abs(y - c.Y) <= 4 && Math.Abs(z - c.Z) <= 4;

    private async Task<(double X, double Y)> PagePoint(char view, double x, double y, double z)
    {
        var p = (await _browser.EvaluateAsync(string.Create(CultureInfo.InvariantCulture, $"window.seedcorrView.pagePoint('{view}', {x}, {y}, {z})")))!;
        return ((double)p["x"]!, (double)p["y"]!);
    }

    private static SKColor At(SKBitmap bitmap, (double X, double Y) p, int dx = 0, int dy = 0) =>
        bitmap.GetPixel((int)Math.Floor(p.X) + dx, (int)Math.Floor(p.Y) + dy);

    [BrowserFact]
    public async Task The_seed_shows_its_colour_at_the_seed_in_all_three_views()
    {
        using var shot = await _browser.ScreenshotBitmapAsync("viewer.png");
        // matplotlib's hot at 0.8 (vmax 1): (255, 255, 54), as the static figure. Off the cut lines by 3 px (1.5 mm).
        var hot = new SKColor(255, 255, 54);
        foreach (var v in "xyz")
        {
            var p = await PagePoint(v, Seed.X, Seed.Y, Seed.Z);
            Assert.Equal(hot, At(shot, p, 3, 3));
            Assert.Equal(Cross, At(shot, p)); // the cut lines cross at the seed
        }

        // The negative cube (z 36…44) is not in the axial slice z = 18: the template's grey shows at its x, y.
        var grey = At(shot, await PagePoint('z', 30, 10, Seed.Z), 3, 3);
        Assert.True(grey.Red == grey.Green && grey.Green == grey.Blue, $"expected grey, got {grey}");
    }

    [BrowserFact]
    public async Task A_click_moves_the_cut_and_the_cut_lines_follow_in_every_view()
    {
        var target = await PagePoint('z', 30, 10, Seed.Z);
        await _browser.ClickAsync(target.X, target.Y);
        var cut = (await _browser.EvaluateAsync("window.seedcorrView.state.cut"))!.AsArray().Select(n => (double)n!).ToArray();
        Assert.InRange(cut[0], 29.5, 30.5);
        Assert.InRange(cut[1], 9.5, 10.5);
        Assert.Equal(Seed.Z, cut[2], 6);
        using var shot = await _browser.ScreenshotBitmapAsync("viewer-after-click.png");
        // Axial: the vertical line at x = 30 and the horizontal one at y = 10, away from their crossing.
        Assert.Equal(Cross, At(shot, await PagePoint('z', cut[0], -60, cut[2])));
        Assert.Equal(Cross, At(shot, await PagePoint('z', -50, cut[1], cut[2])));
        // Coronal (now y = 10): through x = 30 and z = 18. Sagittal (now x = 30): through y = 10 and z = 18.
        Assert.Equal(Cross, At(shot, await PagePoint('y', cut[0], cut[1], -30)));
        Assert.Equal(Cross, At(shot, await PagePoint('x', cut[0], cut[1], 50)));
        Assert.Equal(Cross, At(shot, await PagePoint('x', cut[0], -90, cut[2])));
        // The old cut line through the seed is gone: the seed's colour shows on it in the axial view.
        Assert.Equal(new SKColor(255, 255, 54), At(shot, await PagePoint('z', Seed.X, Seed.Y, Seed.Z), 0, 3));
        // The coronal slice y = 10 now passes through the negative cube (x 26…34, z 36…44): its cold colour shows.
        var c = ColdHotColormap.ForValue(-0.6, 1);
        Assert.Equal(c, At(shot, await PagePoint('y', 30, cut[1], 40), 3, 3));
    }

    [BrowserFact]
    public async Task The_readout_shows_the_coordinate_and_value_under_the_cursor()
    {
        var p = await PagePoint('z', Seed.X, Seed.Y, Seed.Z);
        await _browser.MouseAsync("mouseMoved", p.X + 3, p.Y + 3);
        var text = (string)(await _browser.EvaluateAsync("document.getElementById('readout').textContent"))!;
        Assert.Contains("value=0.8000", text, StringComparison.Ordinal);
        Assert.Contains("z=18", text, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task The_threshold_slider_hides_values_at_or_below_it()
    {
        await _browser.EvaluateAsync("(() => { const s = document.getElementById('threshold'); s.value = 900; s.dispatchEvent(new Event('input')); return s.value; })()");
        using var shot = await _browser.ScreenshotBitmapAsync();
        var pixel = At(shot, await PagePoint('z', Seed.X, Seed.Y, Seed.Z), 3, 3);
        Assert.Equal(pixel.Red, pixel.Green); // the template's grey, not the map's yellow
        Assert.Equal(pixel.Green, pixel.Blue);
        Assert.Equal("0.9", (string)(await _browser.EvaluateAsync("document.getElementById('threshold-value').textContent"))!);
    }

    [BrowserFact]
    public async Task The_page_makes_no_network_request_and_logs_no_error()
    {
        var p = await PagePoint('x', 0, 0, 0);
        await _browser.ClickAsync(p.X, p.Y);
        await _browser.MouseAsync("mouseMoved", p.X + 10, p.Y + 10);
        await Task.Delay(200);
        var requests = _browser.Events("Network.requestWillBeSent").Select(e => (string)e["params"]!["request"]!["url"]!).ToArray();
        Assert.Equal([_page.AbsoluteUri], requests); // the page itself, from disk, and nothing else
        Assert.Empty(_browser.Events("Runtime.exceptionThrown").Select(e => e.ToJsonString()));
        Assert.Empty(_browser.Events("Runtime.consoleAPICalled").Where(e => (string?)e["params"]!["type"] is "error" or "warning").Select(e => e.ToJsonString()));
        Assert.Empty(_browser.Events("Log.entryAdded").Where(e => (string?)e["params"]!["entry"]!["level"] == "error").Select(e => e.ToJsonString()));
        Assert.Empty(_browser.Events("Network.loadingFailed").Select(e => e.ToJsonString()));
    }
}
