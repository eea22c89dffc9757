using System.IO.Compression;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SkiaSharp;

namespace SeedCorr.Plotting.Tests;

/// <summary>
/// The MNI template background, the cut lines, the display modes and the one-signed colour bar: geometry checked
/// against the template file read independently here (gzip + the 352-byte header, uint8 voxels).
/// </summary>
public sealed class TemplateGeometryTests
{
    // Three known MNI points: the PCC seed of nilearn's example, left middle frontal, right occipital.
    public static readonly TheoryData<double, double, double> Points = new() { { 0, -52, 18 }, { -40, 20, 40 }, { 30, -80, -10 } };

    private static readonly Lazy<byte[]> RawTemplate = new(() =>
    {
        using var gz = new GZipStream(File.OpenRead(MniTemplate.FilePath), CompressionMode.Decompress);
        using var all = new MemoryStream();
        gz.CopyTo(all);
        return all.ToArray();
    });

    // The 1 mm file: 197×233×189 uint8 at offset 352, origin (−98, −134, −72) mm, 1 mm steps.
    private static double RawAt(double x, double y, double z)
    {
        var (i, j, k) = ((int)(x + 98), (int)(y + 134), (int)(z + 72));
        var raw = RawTemplate.Value;
        return raw[352 + i + (197 * (j + (233 * k)))] / 255.0; // max of the file is 255
    }

    private static PlotVolume HotAt(WorldPoint p, Affine affine, int n)
    {
        // One 3 mm voxel (a grid unlike the template's) holding 0.8: the voxel nearest p.
        var inverse = affine.Inverse();
        var (fi, fj, fk) = inverse.Apply(p.X, p.Y, p.Z);
        var data = new float[n * n * n];
        data[(int)Math.Round(fi) + (n * ((int)Math.Round(fj) + (n * (int)Math.Round(fk))))] = 0.8f;
        return new PlotVolume(data, [n, n, n], affine);
    }

    [Fact]
    public void The_template_is_nilearns_2mm_grid_every_second_voxel_of_the_1mm_file_scaled_to_1()
    {
        var t = MniTemplate.TwoMillimetre;
        Assert.Equal([99, 117, 95], t.Shape);
        Assert.Equal(Affine.Diagonal(2, 2, 2, -98, -134, -72), t.Affine);
        foreach (var (x, y, z) in new[] { (0.0, -52.0, 18.0), (-40, 20, 40), (30, -80, -10), (0, 0, 0) })
        {
            Assert.Equal(RawAt(x, y, z), t.Sample(x, y, z), 6);
        }

        Assert.True(t.Sample(0, -52, 18) > 0.3); // grey matter of the PCC
        Assert.Equal(0, t.Sample(0, 0, 100)); // above the vertex: skull-stripped, 0
        Assert.True(File.Exists(Path.Combine(MniTemplate.Folder, "NOTICE.md")));
    }

    [Fact]
    public void The_shipped_2mm_file_is_the_decimation_of_the_1mm_file_bit_for_bit()
    {
        // MniTemplate reads the shipped 2 mm file instead of decimating the 1 mm one at every first stat map: the two
        // must give the same voxels, grid and maximum (regenerate with MniTemplate.WriteTwoMillimetreFile if not).
        var shipped = MniTemplate.ReadTwoMillimetreFile();
        Assert.NotNull(shipped);
        var decimated = MniTemplate.DecimateOneMillimetreFile();
        Assert.Equal(decimated.Shape, shipped.Shape);
        Assert.Equal(decimated.Affine, shipped.Affine);
        Assert.Equal(decimated.FullMaximum, shipped.FullMaximum);
        Assert.Equal(255f, shipped.FullMaximum);
        Assert.Equal(decimated.Data, shipped.Data);
        Assert.True(shipped.Data.Count(v => v > 0) > 100_000); // the brain, not an empty file
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Template_and_map_align_within_a_voxel_at_known_MNI_points(double x, double y, double z)
    {
        var p = new WorldPoint(x, y, z);
        var affine = Affine.Diagonal(3, 3, 3, -96, -132, -78);
        var plot = new StatMapPlot(HotAt(p, affine, 66), MniTemplate.TwoMillimetre,
            new StatMapPlotOptions { CutCoords = p, Threshold = 0.5, VMax = 1 });
        var hot = plot.OverlayColor(0.8)!.Value;
        var panels = plot.Panels();
        // The map's voxel covers p ± 1.5 mm: hot at p in each slice; 3 mm away the template shows, at its own grey.
        Assert.Equal(hot, panels[0].At(y, z));
        Assert.Equal(hot, panels[1].At(x, z));
        Assert.Equal(hot, panels[2].At(x, y));
        var (ox, oy) = (x + 4, y + 4);
        Assert.Equal(plot.BackgroundColor(RawAt(ox, oy, z)), panels[2].At(ox, oy));
        Assert.Equal(plot.BackgroundColor(RawAt(ox, y, z + 4)), panels[1].At(ox, z + 4));
    }

    // 0.8 within 5 mm of the seed (each axis) on a 3 mm grid.
    private static PlotVolume SeedCube()
    {
        var affine = Affine.Diagonal(3, 3, 3, -96, -132, -78);
        var data = new float[66 * 66 * 66];
        for (var n = 0; n < data.Length; n++)
        {
            var (x, y, z) = affine.Apply(n % 66, n / 66 % 66, n / (66 * 66));
            data[n] = Math.Abs(x) <= 5 && Math.Abs(y + 52) <= 5 && Math.Abs(z - 18) <= 5 ? 0.8f : 0f;
        }

        return new PlotVolume(data, [66, 66, 66], affine);
    }

    private static bool CrossDrawn(StatMapPlot plot, SKBitmap bitmap) => plot.Layout(plot.Rows()).Any(l =>
    {
        var (cx, cy) = plot.CrossAt(l.Panel, l.Rect);
        return bitmap.GetPixel((int)cx, (int)(l.Rect.Top + (0.3f * l.Rect.Height))) == StatMapPlot.CrossColor
            || bitmap.GetPixel((int)(l.Rect.Left + (0.3f * l.Rect.Width)), (int)cy) == StatMapPlot.CrossColor;
    });

    private static StatMapPlot SeedPlot(DisplayMode mode = DisplayMode.Ortho, bool cross = true, bool symmetric = true) =>
        new(SeedCube(), MniTemplate.TwoMillimetre,
            new StatMapPlotOptions { CutCoords = new WorldPoint(0, -52, 18), Threshold = 0.5, VMax = 1, DisplayMode = mode, DrawCross = cross, SymmetricColorBar = symmetric });

    private static SKBitmap Render(StatMapPlot plot)
    {
        var bitmap = new SKBitmap(plot.Size.Width, plot.Size.Height);
        using var canvas = new SKCanvas(bitmap);
        plot.Draw(canvas);
        return bitmap;
    }

    [Fact]
    public void The_cut_lines_pass_through_the_cut_in_every_slice()
    {
        var plot = SeedPlot();
        using var bitmap = Render(plot);
        foreach (var (panel, rect) in plot.Layout(plot.Rows()))
        {
            var (cx, cy) = plot.CrossAt(panel, rect);
            var (fx, fy) = panel.Axis switch { 'x' => panel.Fraction(-52, 18), 'y' => panel.Fraction(0, 18), _ => panel.Fraction(0, -52) };
            // The lines sit on the pixel that holds the cut.
            Assert.Equal(Math.Floor(rect.Left + (fx * rect.Width)), Math.Floor(cx));
            Assert.Equal(Math.Floor(rect.Top + (fy * rect.Height)), Math.Floor(cy));
            // Drawn: the whole column and row of the rectangle, away from labels.
            foreach (var t in new[] { 0.3f, 0.45f, 0.7f })
            {
                Assert.Equal(StatMapPlot.CrossColor, bitmap.GetPixel((int)cx, (int)(rect.Top + (t * rect.Height))));
                Assert.Equal(StatMapPlot.CrossColor, bitmap.GetPixel((int)(rect.Left + (t * rect.Width)), (int)cy));
            }

            // Next to the crossing, the seed's colour: the lines mark the seed, they do not move it.
            Assert.Equal(plot.OverlayColor(0.8)!.Value, bitmap.GetPixel((int)cx + 2, (int)cy + 2));
        }

        Assert.True(CrossDrawn(plot, bitmap));
        var noCross = SeedPlot(cross: false);
        using var plain = Render(noCross);
        Assert.False(CrossDrawn(noCross, plain));
    }

    [Theory]
    [InlineData(DisplayMode.X, 'x')]
    [InlineData(DisplayMode.Y, 'y')]
    [InlineData(DisplayMode.Z, 'z')]
    public void A_single_slice_mode_draws_that_slice_only(DisplayMode mode, char axis)
    {
        var plot = SeedPlot(mode);
        var panel = Assert.Single(plot.Panels());
        Assert.Equal(axis, panel.Axis);
        using var bitmap = Render(plot);
        Assert.Contains(plot.OverlayColor(0.8)!.Value, bitmap.Pixels);
    }

    [Fact]
    public void A_mosaic_is_three_rows_of_seven_axial_slices_rising_through_the_brain()
    {
        var plot = SeedPlot(DisplayMode.Mosaic);
        var rows = plot.Rows();
        Assert.Equal(3, rows.Length);
        Assert.All(rows, r => Assert.Equal(7, r.Length));
        var z = rows.SelectMany(r => r).Select(p => { Assert.Equal('z', p.Axis); return p.Position; }).ToArray();
        Assert.Equal(z.Order(), z);
        // Within the template brain's height (about −72…+80 mm), not the box (to +116).
        Assert.InRange(z[0], -72, -50);
        Assert.InRange(z[^1], 60, 82);
        var layout = plot.Layout(rows);
        Assert.All(layout, l => Assert.True(l.Rect.Right <= plot.Size.Width - 80 && l.Rect.Bottom <= plot.Size.Height));
        using var bitmap = Render(plot);
        Assert.False(CrossDrawn(plot, bitmap)); // no cut lines in a mosaic
    }

    [Fact]
    public void A_one_signed_colour_bar_shows_only_the_maps_sign()
    {
        var plot = SeedPlot(symmetric: false);
        Assert.Equal((0.0, 1.0), plot.ColorBarRange); // VMax given: the bar runs to it
        var auto = new StatMapPlot(SeedCube(), null, new StatMapPlotOptions { Threshold = 0.5, SymmetricColorBar = false });
        Assert.Equal((0.0, 0.8f), (auto.ColorBarRange.Low, (float)auto.ColorBarRange.High)); // else to the data's maximum
        Assert.Equal([0.0, 0.5, 1.0], plot.Ticks());
        Assert.Equal((-1.0, 1.0), SeedPlot().ColorBarRange);
        // The colours themselves stay nilearn's symmetric cold_hot.
        Assert.Equal(SeedPlot().OverlayColor(0.8), plot.OverlayColor(0.8));
    }

    [Fact]
    public void The_glass_brain_keeps_the_strongest_value_along_each_ray_with_its_sign()
    {
        // 0.6 at the seed and −0.9 straight to its right (same y, z): seen from above or behind, −0.9 wins there.
        var affine = Affine.Diagonal(3, 3, 3, -96, -132, -78);
        var data = new float[66 * 66 * 66];
        int Index(double x, double y, double z) => (int)((x + 96) / 3) + (66 * ((int)((y + 132) / 3) + (66 * (int)((z + 78) / 3))));
        data[Index(0, -51, 18)] = 0.6f;
        data[Index(30, -51, 18)] = -0.9f;
        var glass = new GlassBrainPlot(new PlotVolume(data, [66, 66, 66], affine), new StatMapPlotOptions { Threshold = 0.5, VMax = 1 });
        var p = glass.Projections();
        Assert.Equal(['x', 'y', 'z'], p.Select(q => q.Axis));
        Assert.Equal(-0.9f, p[0].ValueAt(new WorldPoint(0, -51, 18))); // sagittal: along x, −0.9 is stronger
        Assert.Equal(0.6f, p[1].ValueAt(new WorldPoint(0, -51, 18)));  // coronal: along y, only the seed
        Assert.Equal(-0.9f, p[2].ValueAt(new WorldPoint(30, -51, 18)));
        // The outline comes from the template: inside at the brain's centre, outside in the corners.
        var centre = p[2].Fraction(new WorldPoint(0, -20, 0));
        Assert.True(p[2].Brain[((int)(centre.Y * p[2].Rows) * p[2].Columns) + (int)(centre.X * p[2].Columns)]);
        Assert.False(p[2].Brain[0]);
        Assert.Equal(SKColors.White, p[2].Pixels[0]);
        Assert.Equal(GlassBrainPlot.ColorOf(-0.9, 1), p[2].Pixels[(((int)(p[2].Fraction(new WorldPoint(30, -51, 18)).Y * p[2].Rows)) * p[2].Columns) + (int)(p[2].Fraction(new WorldPoint(30, -51, 18)).X * p[2].Columns)]);
    }

    [Fact]
    public void The_glass_brain_takes_nilearns_cold_white_hot_at_alpha_0_7_over_white()
    {
        // hot_r at 0.8 = hot(0.2): red 0.0416 + 0.9584·0.2/0.365079 = 0.5666 → 144, green and blue 0; over white at
        // 0.7: 0.7·144 + 0.3·255 = 177.3 → 177, 0.3·255 = 76.5 → 76 (to even).
        Assert.Equal(new SKColor(177, 76, 76), GlassBrainPlot.ColorOf(0.8, 1));
        // −0.2: hot(0.8) = (255, 255, 54) with red and blue swapped → (54, 255, 255); over white → (114, 255, 255).
        Assert.Equal(new SKColor(114, 255, 255), GlassBrainPlot.ColorOf(-0.2, 1));
        Assert.Equal(SKColors.White, GlassBrainPlot.ColorOf(0, 1));
        // At ±vmax hot(0) = (0.0416, 0, 0) → 11: cold (0, 0, 11) over white → (76, 76, 84); clipped beyond vmax.
        Assert.Equal(new SKColor(76, 76, 84), GlassBrainPlot.ColorOf(-3, 1));
    }

    [Fact]
    public void Mni_space_is_read_from_the_header_code_or_the_bids_space_entity()
    {
        var image = NiftiImage.Create(new float[8], [2, 2, 2], Affine.Identity);
        Assert.False(MniSpace.Contains(image));
        Assert.True(MniSpace.Contains(NiftiImage.Create(new float[8], [2, 2, 2], Affine.Identity, null, image.Header with { SformCode = 4 })));
        Assert.False(MniSpace.Contains(NiftiImage.Create(new float[8], [2, 2, 2], Affine.Identity, null, image.Header with { SformCode = 1, QformCode = 4 })));
        Assert.True(MniSpace.HasMniEntity("/d/sub-01_task-rest_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz"));
        Assert.False(MniSpace.HasMniEntity("/d/sub-01_task-rest_space-T1w_desc-preproc_bold.nii.gz"));
        Assert.False(MniSpace.HasMniEntity("/space-MNI/sub-01_bold.nii.gz")); // a folder name is not an entity
    }
}
