using System.Text;
using System.Xml.Linq;
using SeedCorr.Core.Geometry;
using SkiaSharp;

namespace SeedCorr.Plotting.Tests;

/// <summary>The stat-map figure: colours where values are, background where they are thresholded, RAS display, file formats.</summary>
public sealed class StatMapPlotTests : IDisposable
{
    // A 2 mm MNI-like grid: x −40…38, y −60…34, z −30…48.
    private const int Ni = 40, Nj = 48, Nk = 40;
    private static readonly Affine Canonical = Affine.Diagonal(2, 2, 2, -40, -60, -30);
    private readonly string _dir = Directory.CreateTempSubdirectory("seedcorr-plot-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Stat: 0.8 in a 4 mm cube at the seed (0, −52, 18), 0.3 in a cube at (20, 0, 0), −0.9 at (−20, 0, 0).
    // Background: 100 everywhere inside the grid.
    private static float StatAt(double x, double y, double z) =>
        Near(x, y, z, 0, -52, 18) ? 0.8f : Near(x, y, z, 20, 0, 0) ? 0.3f : Near(x, y, z, -20, 0, 0) ? -0.9f : 0f;

    private static bool Near(double x, double y, double z, double cx, double cy, double cz) =>
        Math.Abs(x - cx) <= 2 && Math.Abs(y - cy) <= 2 && Math.Abs(z - cz) <= 2;

    private static PlotVolume Volume(Affine affine, Func<double, double, double, float> f)
    {
        var data = new float[Ni * Nj * Nk];
        for (var k = 0; k < Nk; k++)
        {
            for (var j = 0; j < Nj; j++)
            {
                for (var i = 0; i < Ni; i++)
                {
                    var (x, y, z) = affine.Apply(i, j, k);
                    data[i + (Ni * (j + (Nj * k)))] = f(x, y, z);
                }
            }
        }

        return new PlotVolume(data, [Ni, Nj, Nk], affine);
    }

    private static StatMapPlot Plot(Affine? affine = null, double threshold = 0.5) => new(
        Volume(affine ?? Canonical, StatAt),
        Volume(Canonical, (_, _, _) => 100f),
        new StatMapPlotOptions { CutCoords = new WorldPoint(0, -52, 18), Threshold = threshold, VMax = 1, Title = "PCC", Markers = [new WorldPoint(0, -52, 18)] });

    [Fact]
    public void Positive_values_take_matplotlibs_hot_colours_and_negative_ones_the_mirrored_cold_colours()
    {
        // matplotlib _hot_data at 0.8: red saturated (past 0.365079), green (0.8−0.365079)/0.380953 > 1 → 255,
        // blue (0.8−0.746032)/0.253968 = 0.2125 → 54. Negative: red and blue swapped.
        var plot = Plot();
        Assert.Equal(new SKColor(255, 255, 54), plot.OverlayColor(0.8));
        Assert.Equal(new SKColor(54, 255, 255), plot.OverlayColor(-0.8));
        // 0.4 of the way: red 0.0416 + 0.9584·0.4/0.365079 > 1 → 255, green (0.4−0.365079)/0.380953 = 0.0917 → 23, blue 0.
        Assert.Equal(new SKColor(255, 23, 0), Plot(threshold: 0).OverlayColor(0.4));
        Assert.Null(plot.OverlayColor(0.5)); // nilearn masks |v| ≤ threshold, the bound included
        Assert.Null(plot.OverlayColor(-0.2));
        // float32 data against a double threshold compare in float32, as numpy does: 0.8f (> 0.8 in double) is masked.
        Assert.Null(Plot(threshold: 0.8).OverlayColor(0.8f));
        Assert.NotNull(Plot(threshold: 0.8).OverlayColor(0.80001f));
        Assert.Equal(new SKColor(255, 255, 255), plot.OverlayColor(5)); // clipped at vmax
    }

    [Fact]
    public void The_seed_shows_its_colour_and_thresholded_voxels_show_the_background_in_every_panel()
    {
        var panels = Plot().Panels();
        Assert.Equal(['x', 'y', 'z'], panels.Select(p => p.Axis));
        var hot = new SKColor(255, 255, 54);
        Assert.Equal(hot, panels[0].At(-52, 18)); // sagittal: (y, z)
        Assert.Equal(hot, panels[1].At(0, 18));   // coronal: (x, z)
        Assert.Equal(hot, panels[2].At(0, -52));  // axial: (x, y)
        // Background 50 | 100: 50 is the 2nd percentile (black), 100 the 98th, drawn at nilearn's dimmed top grey
        // 2/2.6 · 255 = 196; the 0.3 cube at (20, 0, 0) is below threshold 0.5 so the background shows there.
        var axialAtZero = new StatMapPlot(Volume(Canonical, StatAt), Volume(Canonical, (x, _, _) => x < 0 ? 50f : 100f),
            new StatMapPlotOptions { CutCoords = new WorldPoint(0, 0, 0), Threshold = 0.5, VMax = 1 }).Panels()[2];
        Assert.Equal(new SKColor(196, 196, 196), axialAtZero.At(20, 0));
        Assert.Equal(new SKColor(0, 0, 0), axialAtZero.At(-30, 10)); // the 2nd percentile (50) is black
        // −0.9 at (−20, 0, 0) is drawn: cold side of 0.9 = swap of hot(0.9) = (255, 255, (0.9−0.746032)/0.253968 = 0.60625 → 155).
        Assert.Equal(new SKColor(155, 255, 255), axialAtZero.At(-20, 0));
    }

    [Fact]
    public void Display_follows_the_affine_flipped_and_permuted_storage_draws_the_same_figure()
    {
        var reference = Plot().Panels();
        // x stored right-to-left (LAS, as many scanners write) …
        var flipped = Affine.FromMatrix(new double[,] { { -2, 0, 0, 38 }, { 0, 2, 0, -60 }, { 0, 0, 2, -30 }, { 0, 0, 0, 1 } });
        // … and a 90° rotation of the voxel axes (j runs along −x, i along y), with the same world box.
        var permuted = Affine.FromMatrix(new double[,] { { 0, -2, 0, 38 }, { 2, 0, 0, -60 }, { 0, 0, 2, -30 }, { 0, 0, 0, 1 } });
        foreach (var affine in new[] { flipped, permuted })
        {
            var panels = Plot(affine).Panels();
            for (var p = 0; p < 3; p++)
            {
                var seedU = p == 0 ? -52 : 0;
                var seedV = p == 2 ? -52 : 18;
                Assert.Equal(reference[p].At(seedU, seedV), panels[p].At(seedU, seedV));
            }

            // The −0.9 cube at x = −20 (left) is on the left of the coronal panel at y = 0.
            var coronal = new StatMapPlot(Volume(affine, StatAt), null, new StatMapPlotOptions { CutCoords = new WorldPoint(0, 0, 0), VMax = 1, Threshold = 0.5 }).Panels()[1];
            Assert.Equal(new SKColor(155, 255, 255), coronal.At(-20, 0));
            Assert.Equal(SKColors.Black, coronal.At(20, 0));
            var leftColumn = coronal.Pixels.Select((c, n) => (c, n)).First(t => t.c == new SKColor(155, 255, 255)).n % coronal.Columns;
            Assert.True(leftColumn < coronal.Columns / 2, $"left cube drawn at column {leftColumn} of {coronal.Columns}");
        }
    }

    [Fact]
    public void An_oblique_affine_is_displayed_in_world_space()
    {
        // Voxel axes rotated 20° about z (an oblique acquisition), the grid centred on the same world box.
        var (cos, sin) = (2 * Math.Cos(Math.PI / 9), 2 * Math.Sin(Math.PI / 9));
        var oblique = Affine.FromMatrix(new double[,] { { cos, -sin, 0, -30 }, { sin, cos, 0, -80 }, { 0, 0, 2, -30 }, { 0, 0, 0, 1 } });
        var panels = new StatMapPlot(Volume(oblique, StatAt), null,
            new StatMapPlotOptions { CutCoords = new WorldPoint(0, 0, 0), Threshold = 0.5, VMax = 1 }).Panels();
        // The −0.9 cube at (−20, 0, 0) and nothing at (+20, 0, 0) (0.3 is thresholded), in world, whatever the storage.
        Assert.Equal(new SKColor(155, 255, 255), panels[2].At(-20, 0));
        Assert.Equal(new SKColor(155, 255, 255), panels[1].At(-20, 0));
        Assert.Equal(SKColors.Black, panels[2].At(20, 0));
    }

    [Fact]
    public void Background_grey_ignores_a_few_extreme_voxels()
    {
        // nilearn-differences #17: the grey scale spans the 2nd–98th percentile of the non-zero background. One bright
        // voxel (10 000 in a head of 100s) does not push the anatomy to black as a min–max scale would (100/10 000).
        var background = Volume(Canonical, (x, y, z) => x == 0 && y == 0 && z == 0 ? 10000f : x < 0 ? 50f : 100f);
        var panel = new StatMapPlot(Volume(Canonical, (_, _, _) => 0f), background,
            new StatMapPlotOptions { CutCoords = new WorldPoint(0, 0, 0), Threshold = 0.5, VMax = 1 }).Panels()[2];
        Assert.Equal(new SKColor(196, 196, 196), panel.At(20, 10));   // 100: the top grey
        Assert.Equal(new SKColor(196, 196, 196), panel.At(0, 0));     // 10 000: clipped to the top grey
        Assert.Equal(new SKColor(0, 0, 0), panel.At(-20, 10));        // 50: the bottom
    }

    [Fact]
    public void Without_cut_coordinates_the_slices_cut_at_the_peak_and_vmax_is_the_peak()
    {
        var plot = new StatMapPlot(Volume(Canonical, StatAt), null, new StatMapPlotOptions());
        // The peak |value| is −0.9 at (−20, 0, 0); the cube's first voxel in storage order is at (−22, −2, −2).
        Assert.Equal(new WorldPoint(-22, -2, -2), plot.Cut);
        Assert.Equal(0.9, plot.VMax, 6);
    }

    [Fact]
    public void An_all_nan_map_cuts_at_the_centre_and_draws_only_the_background()
    {
        var plot = new StatMapPlot(Volume(Canonical, (_, _, _) => float.NaN), Volume(Canonical, (_, _, _) => 100f), new StatMapPlotOptions());
        // Voxel centre (19.5, 23.5, 19.5) of the 40×48×40 grid: (−1, −13, 9) mm.
        Assert.Equal(new WorldPoint(-1, -13, 9), plot.Cut);
        Assert.Equal(1, plot.VMax);
        Assert.All(plot.Panels().SelectMany(p => p.Pixels), c => Assert.Equal(new SKColor(196, 196, 196), c));
    }

    [Theory]
    [InlineData(double.NaN, null)]
    [InlineData(-0.1, null)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.5, double.PositiveInfinity)]
    public void Bad_threshold_or_vmax_is_refused(double threshold, double? vmax) =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new StatMapPlot(Volume(Canonical, StatAt), null, new StatMapPlotOptions { Threshold = threshold, VMax = vmax }));

    [Fact]
    public void Colour_bar_ticks_span_vmax_and_mark_the_threshold()
    {
        Assert.Equal([-1, -0.5, 0, 0.5, 1], Plot().Ticks());
        Assert.Equal([-1, -0.5, -0.3, 0, 0.3, 0.5, 1], Plot(threshold: 0.3).Ticks());
    }

    [Fact]
    public void Png_has_the_figure_size_and_the_seed_colour_is_in_it()
    {
        var plot = Plot();
        var path = Path.Combine(_dir, "map.png");
        FigureFile.Save(path, plot.Size.Width, plot.Size.Height, plot.Draw, overwrite: false);
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal(1000, bitmap.Width);
        Assert.Equal(380, bitmap.Height);
        Assert.Equal(SKColors.Black, bitmap.GetPixel(2, 2));
        var pixels = bitmap.Pixels;
        Assert.Contains(new SKColor(255, 255, 54), pixels); // the seed cube
        Assert.Contains(new SKColor(0, 128, 0), pixels);     // the marker
        Assert.Contains(new SKColor(196, 196, 196), pixels); // the constant background, at the dimmed top grey
        Assert.Throws<IOException>(() => FigureFile.Save(path, 10, 10, plot.Draw, overwrite: false));
    }

    [Fact]
    public void Pdf_is_one_vector_page_with_a_lossless_image()
    {
        var plot = Plot();
        var path = Path.Combine(_dir, "map.pdf");
        FigureFile.Save(path, plot.Size.Width, plot.Size.Height, plot.Draw, overwrite: false);
        var text = Encoding.Latin1.GetString(File.ReadAllBytes(path));
        Assert.StartsWith("%PDF-1.", text);
        Assert.Contains("/Count 1", text);
        Assert.Contains("/MediaBox [0 0 1000 380]", text);
        Assert.Contains("/Subtype /Image", text);
        Assert.DoesNotContain("/DCTDecode", text);   // no JPEG: the slices stay exact
        Assert.Contains("/FontFile", text);          // labels are text, not pixels
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(text, "/Subtype /Image"));
    }

    [Fact]
    public void Svg_has_the_figure_size_and_text()
    {
        var plot = Plot();
        var path = Path.Combine(_dir, "map.svg");
        FigureFile.Save(path, plot.Size.Width, plot.Size.Height, plot.Draw, overwrite: false);
        var svg = XDocument.Load(path).Root!;
        Assert.Equal("svg", svg.Name.LocalName);
        Assert.Equal("1000", svg.Attribute("width")!.Value);
        Assert.Equal("380", svg.Attribute("height")!.Value);
        Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "text");
        Assert.Equal(3, svg.Descendants().Count(e => e.Name.LocalName == "image"));
    }

    [Fact]
    public void Unknown_extension_is_refused_and_nothing_is_written()
    {
        var path = Path.Combine(_dir, "map.jpg");
        Assert.Throws<ArgumentException>(() => FigureFile.Save(path, 10, 10, _ => { }, overwrite: false));
        Assert.Empty(Directory.GetFiles(_dir));
    }
}
