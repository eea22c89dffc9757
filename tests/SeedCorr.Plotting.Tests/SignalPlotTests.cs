using SeedCorr.Core.Signal;
using SkiaSharp;

namespace SeedCorr.Plotting.Tests;

/// <summary>Time-series figures: size, selected columns, refusals.</summary>
public sealed class SignalPlotTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("seedcorr-signal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static SignalMatrix Sines()
    {
        var m = new float[100, 6];
        for (var t = 0; t < 100; t++)
        {
            for (var s = 0; s < 6; s++)
            {
                m[t, s] = MathF.Sin((t * (s + 1)) / 10f);
            }
        }

        return SignalMatrix.FromArray(m);
    }

    [Fact]
    public void Png_has_the_requested_size_and_draws_lines_in_colour()
    {
        var plot = new SignalPlot(Sines(), [0, 2, 4], secondsPerScan: 2, title: "5 voxel time series", labels: ["a", "b", "c"]) { Width = 640, Height = 320 };
        var path = Path.Combine(_dir, "s.png");
        FigureFile.Save(path, plot.Width, plot.Height, plot.Draw, overwrite: false);
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal((640, 320), (bitmap.Width, bitmap.Height));
        Assert.Equal([0, 2, 4], plot.Columns);
        // Lines use the default palette: something strongly coloured is on the canvas, not just black and white.
        Assert.Contains(bitmap.Pixels, c => Math.Abs(c.Red - c.Blue) > 100 || Math.Abs(c.Green - c.Blue) > 100);
    }

    [Fact]
    public void Series_take_matplotlibs_colour_cycle_and_the_legend_names_them()
    {
        var plot = new SignalPlot(Sines(), [0, 1], labels: ["first", "second"]) { Width = 640, Height = 320 };
        var png = FigureFile.Png(plot.Width, plot.Height, plot.Draw);
        using var bitmap = SKBitmap.Decode(png);
        // tab10's C0 (#1f77b4) and C1 (#ff7f0e), fully opaque somewhere on the 1.5 px lines.
        Assert.Contains(bitmap.Pixels, c => c == new SKColor(0x1f, 0x77, 0xb4));
        Assert.Contains(bitmap.Pixels, c => c == new SKColor(0xff, 0x7f, 0x0e));
        Assert.DoesNotContain(bitmap.Pixels, c => c == new SKColor(0x2c, 0xa0, 0x2c)); // no third series, no C2
        var svg = Path.Combine(_dir, "legend.svg");
        FigureFile.Save(svg, plot.Width, plot.Height, plot.Draw, overwrite: false);
        var text = File.ReadAllText(svg);
        Assert.Contains("first", text);
        Assert.Contains("second", text);
    }

    [Fact]
    public void Pdf_and_svg_are_written()
    {
        var plot = new SignalPlot(Sines(), [1]);
        FigureFile.Save(Path.Combine(_dir, "s.pdf"), plot.Width, plot.Height, plot.Draw, overwrite: false);
        FigureFile.Save(Path.Combine(_dir, "s.svg"), plot.Width, plot.Height, plot.Draw, overwrite: false);
        Assert.StartsWith("%PDF", File.ReadAllText(Path.Combine(_dir, "s.pdf"))[..4]);
        Assert.Contains("Scan number", File.ReadAllText(Path.Combine(_dir, "s.svg")));
    }

    [Fact]
    public void Bad_columns_labels_and_time_step_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignalPlot(Sines(), [6]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignalPlot(Sines(), [-1]));
        Assert.Throws<ArgumentException>(() => new SignalPlot(Sines(), []));
        Assert.Throws<ArgumentException>(() => new SignalPlot(Sines(), [0, 1], labels: ["only one"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignalPlot(Sines(), null, secondsPerScan: 0));
    }
}
