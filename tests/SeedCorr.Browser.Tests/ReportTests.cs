using System.Globalization;
using SeedCorr.Core.Nifti;
using SeedCorr.Plotting;
using SeedCorr.Plotting.Reports;
using SeedCorr.Plotting.Tests.Reports;
using SkiaSharp;

namespace SeedCorr.Browser.Tests;

/// <summary>
/// Export-SeedCorrReport's page of the fixture study (four runs, one failed, scrubbing) in real headless Chromium,
/// opened from disk: no request but the page itself, no JavaScript error or console message, and a screenshot where a
/// run's r map shows the map's colour at a voxel read from the NIfTI file.
/// </summary>
public sealed class ReportTests : IClassFixture<ReportStudyFixture>, IAsyncLifetime
{
    private readonly ReportStudyFixture _study;
    private Chromium _browser = null!;
    private Uri _page = null!;

    public ReportTests(ReportStudyFixture study) => _study = study;

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("SEEDCORR_SKIP_BROWSER") == "1")
        {
            return;
        }

        var path = Path.Combine(_study.Root, "report.html");
        new StudyReport(StudyFolderReader.Read(_study.Output)).Save(path, Core.IO.ExistingTarget.Replace);
        _page = new Uri(path);
        _browser = await Chromium.StartAsync(1100, 1400);
        await _browser.NavigateAsync(_page);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [BrowserFact]
    public async Task The_report_opens_from_disk_without_a_request_or_an_error()
    {
        await _browser.EvaluateAsync("window.scrollTo(0, document.body.scrollHeight)");
        await Task.Delay(200);
        var requests = _browser.Events("Network.requestWillBeSent").Select(e => (string)e["params"]!["request"]!["url"]!)
            .Where(u => !u.StartsWith("data:", StringComparison.Ordinal)).ToArray();
        Assert.Equal([_page.AbsoluteUri], requests);
        Assert.Empty(_browser.Events("Runtime.exceptionThrown").Select(e => e.ToJsonString()));
        Assert.Empty(_browser.Events("Runtime.consoleAPICalled").Select(e => e.ToJsonString()));
        Assert.Empty(_browser.Events("Log.entryAdded").Where(e => (string?)e["params"]!["entry"]!["level"] is "error" or "warning").Select(e => e.ToJsonString()));
        Assert.Empty(_browser.Events("Network.loadingFailed").Select(e => e.ToJsonString()));
        // Every figure decoded: 8 maps with their natural size, 8 inline charts.
        var sizes = (await _browser.EvaluateAsync("[...document.images].map(i => i.complete && i.naturalWidth === i.width ? i.naturalWidth : -1)"))!.AsArray();
        Assert.Equal(Enumerable.Repeat(StatMapThumbnail.Width, 8), sizes.Select(n => (int)n!));
        Assert.Equal(8, (int)(await _browser.EvaluateAsync("document.querySelectorAll('div.figure svg').length"))!);
        Assert.Equal("sub-04_task-rest", (string)(await _browser.EvaluateAsync("document.querySelector('#failed-runs tr[data-run]').dataset.run"))!);
    }

    [BrowserFact]
    public async Task The_run_map_shows_the_map_colour_at_a_voxel_of_the_r_map()
    {
        var facts = StudyFolderReader.Read(_study.Output).Runs[0].Facts!;
        var mapPath = facts.Seeds.Single(s => s.Column == "PCC").CorrelationMap!;
        var map = NiftiReader.Read(mapPath);
        // A voxel of the axial slice through the seed (z = 18 mm) with r > 0.5, clear of the cut lines and the marker.
        var figure = new StatMapThumbnail(map, ReportStudyFixture.Pcc, 0.5, 1, "PCC", [ReportStudyFixture.Pcc]);
        var (ni, nj) = (map.Shape[0], map.Shape[1]);
        var values = map.GetVolume(0);
        var inverse = map.Affine.Inverse();
        var (_, _, fk) = inverse.Apply(ReportStudyFixture.Pcc.X, ReportStudyFixture.Pcc.Y, ReportStudyFixture.Pcc.Z);
        var k = (int)Math.Round(fk, MidpointRounding.AwayFromZero);
        var (i, j, x, y, r) = Enumerable.Range(0, ni).SelectMany(i => Enumerable.Range(0, nj).Select(j => (i, j)))
            .Select(p => { var (wx, wy, _) = map.Affine.Apply(p.i, p.j, k); return (p.i, p.j, wx, wy, r: values[p.i + (ni * (p.j + (nj * k)))]); })
            .Where(v => v.r > 0.5 && Math.Abs(v.wx - ReportStudyFixture.Pcc.X) > 10 && Math.Abs(v.wy - ReportStudyFixture.Pcc.Y) > 10)
            .OrderByDescending(v => v.r).First();
        var (panel, rect) = figure.Plot.Layout(figure.Plot.Rows()).Single(p => p.Panel.Axis == 'z');
        var (fx, fy) = panel.Fraction(x, y);
        var (px, py) = (rect.Left + (fx * rect.Width), rect.Top + (fy * rect.Height));

        await _browser.EvaluateAsync("document.querySelector('figure[data-run=\"sub-01_task-rest\"][data-seed=\"PCC\"] img').scrollIntoView()");
        var box = (await _browser.EvaluateAsync("(() => { const b = document.querySelector('figure[data-run=\"sub-01_task-rest\"][data-seed=\"PCC\"] img').getBoundingClientRect(); return [b.left, b.top]; })()"))!.AsArray();
        using var shot = await _browser.ScreenshotBitmapAsync();
        var pixel = shot.GetPixel((int)Math.Floor((double)box[0]! + px), (int)Math.Floor((double)box[1]! + py));
        var c = ColdHotColormap.ForValue(Math.Min(r, 1), 1);
        Assert.True(c == pixel, string.Create(CultureInfo.InvariantCulture, $"voxel ({i}, {j}, {k}) at ({x}, {y}) mm, r = {r}: expected {c}, the page shows {pixel}"));
        // The seed's green marker at the seed.
        var (sx, sy) = panel.Fraction(ReportStudyFixture.Pcc.X, ReportStudyFixture.Pcc.Y);
        var seed = shot.GetPixel((int)Math.Floor((double)box[0]! + rect.Left + (sx * rect.Width)) + 2, (int)Math.Floor((double)box[1]! + rect.Top + (sy * rect.Height)) + 2);
        Assert.Equal(new SKColor(0, 128, 0), seed);
    }

    [BrowserFact]
    public async Task The_screenshot_of_the_runs_and_the_first_run_shows_the_figures()
    {
        await _browser.EvaluateAsync("document.getElementById('runs').scrollIntoView()");
        using var shot = await _browser.ScreenshotBitmapAsync("study_report.png");
        // The FD chart's censored band at volume 24 of sub-01 is red-tinted where the page draws it.
        var band = (await _browser.EvaluateAsync("(() => { const b = document.querySelector('#run-sub-01_task-rest .figure.fd rect.censored[data-volume=\"24\"]').getBoundingClientRect(); return [b.left + b.width / 2, b.top + 5]; })()"))!.AsArray();
        var p = shot.GetPixel((int)(double)band[0]!, (int)(double)band[1]!);
        Assert.True(p.Red > p.Green + 60 && p.Red > p.Blue + 60, $"expected the censored band's red at volume 24, got {p}");
    }
}
