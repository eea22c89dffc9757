using SeedCorr.Core.Geometry;
using SkiaSharp;

namespace SeedCorr.Plotting;

/// <summary>
/// An orthogonal-slice view of a statistical map over an anatomical or mean-functional background, as nilearn's
/// <c>plot_stat_map</c> draws it: black figure, sagittal | coronal | axial panels in RAS display (left hemisphere on
/// the left, anterior up in the axial view), the background dimmed as nilearn does on black, cold–hot colours
/// symmetric around 0, a colour bar with the thresholded band in grey, slice coordinates and L/R labels.
/// </summary>
public sealed class StatMapPlot
{
    private static readonly SKColor ThresholdGrey = new(128, 128, 128);

    private readonly PlotVolume _stat;
    private readonly PlotVolume? _background;
    private readonly StatMapPlotOptions _options;
    private readonly (double Min, double Max)[] _bounds;
    private readonly double _step;
    private readonly float _bgLow, _bgHigh;

    /// <summary>Prepares the figure; nothing is drawn until <see cref="Draw"/>.</summary>
    public StatMapPlot(PlotVolume stat, PlotVolume? background, StatMapPlotOptions options)
    {
        _stat = stat ?? throw new ArgumentNullException(nameof(stat));
        _background = background;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (!(options.Threshold >= 0) || double.IsInfinity(options.Threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Threshold must be a finite number ≥ 0");
        }

        if (options.VMax is { } v && !(v > 0 && double.IsFinite(v)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "VMax must be a finite number > 0");
        }

        var frame = background ?? stat;
        _bounds = frame.Bounds();
        // One display cell per smallest voxel edge, but never more than ~400 cells across: a 0.5 mm anatomical
        // would otherwise cost seconds for no visible gain at figure size.
        var widest = _bounds.Max(b => b.Max - b.Min);
        _step = Math.Max(Math.Min(stat.MinVoxelSize, frame.MinVoxelSize), widest / 400);
        var needPeak = options.CutCoords is null || options.VMax is null;
        var (peakAt, peakAbs) = needPeak ? stat.Peak() : (default, 0f);
        Cut = options.CutCoords ?? peakAt;
        VMax = options.VMax ?? peakAbs;
        if (!(VMax > 0))
        {
            VMax = 1; // an all-zero or all-NaN map: any scale shows it
        }

        (_bgLow, _bgHigh) = background is null ? (0f, 1f) : BackgroundRange(background, _bounds, _step);
    }

    /// <summary>Where the slices cut.</summary>
    public WorldPoint Cut { get; }

    /// <summary>The colour-scale limit actually used.</summary>
    public double VMax { get; }

    /// <summary>The figure size.</summary>
    public (int Width, int Height) Size => (_options.Width, _options.Height);

    /// <summary>The three panels' slices: each a grid of RGBA colours, row 0 at the top.</summary>
    internal SlicePanel[] Panels()
    {
        var (xb, yb, zb) = (_bounds[0], _bounds[1], _bounds[2]);
        return
        [
            // Sagittal: posterior → anterior across, inferior → superior up.
            Panel('x', Cut.X, yb, zb, (u, v) => (Cut.X, u, v)),
            // Coronal and axial: left → right across (neurological, nilearn's default).
            Panel('y', Cut.Y, xb, zb, (u, v) => (u, Cut.Y, v)),
            Panel('z', Cut.Z, xb, yb, (u, v) => (u, v, Cut.Z)),
        ];
    }

    /// <summary>Draws the whole figure on a canvas of <see cref="Size"/>.</summary>
    public void Draw(SKCanvas canvas)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        var (width, height) = Size;
        canvas.Clear(SKColors.Black);
        var panels = Panels();
        float barWidth = _options.ColorBar ? 80 : 0;
        const float pad = 6;
        var availableWidth = width - barWidth - (pad * 4);
        var availableHeight = height - (pad * 2);
        var totalWidthMm = panels.Sum(p => p.WidthMm);
        var tallestMm = panels.Max(p => p.HeightMm);
        var scale = (float)Math.Min(availableWidth / totalWidthMm, availableHeight / tallestMm);

        var typeface = PlotFonts.Regular;
        using var font = new SKFont(typeface, 14);
        using var text = new SKPaint { Color = SKColors.White, IsAntialias = true };
        var x = pad;
        foreach (var panel in panels)
        {
            var w = (float)(panel.WidthMm * scale);
            var h = (float)(panel.HeightMm * scale);
            var top = (height - h) / 2;
            var rect = SKRect.Create(x, top, w, h);
            using (var image = panel.ToImage(Math.Max(1, (int)Math.Ceiling(w / panel.Columns))))
            {
                canvas.DrawImage(image, rect, new SKSamplingOptions(SKFilterMode.Nearest));
            }

            DrawMarkers(canvas, panel, rect);
            var label = $"{panel.Axis}={FormatCoordinate(panel.Position)}";
            canvas.DrawText(label, rect.Left + 4, rect.Bottom - 6, SKTextAlign.Left, font, text);
            if (panel.Axis != 'x')
            {
                canvas.DrawText("L", rect.Left + 4, rect.Top + 16, SKTextAlign.Left, font, text);
                canvas.DrawText("R", rect.Right - 4, rect.Top + 16, SKTextAlign.Right, font, text);
            }

            x += w + pad;
        }

        if (!string.IsNullOrEmpty(_options.Title))
        {
            using var titleFont = new SKFont(typeface, 18);
            canvas.DrawText(_options.Title, pad + 4, pad + 18, SKTextAlign.Left, titleFont, text);
        }

        if (_options.ColorBar)
        {
            DrawColorBar(canvas, SKRect.Create(width - barWidth + 8, height * 0.12f, 16, height * 0.76f), font, text);
        }
    }

    /// <summary>The colour a stat value gets, or null when it is thresholded away (shows the background).</summary>
    public SKColor? OverlayColor(double value)
    {
        // Compared in float32, as numpy compares nilearn's float32 data with a Python-float threshold: a voxel
        // stored as 0.8f is masked by threshold 0.8 although 0.8f > 0.8 in double.
        if (double.IsNaN(value) || MathF.Abs((float)value) <= (float)_options.Threshold)
        {
            return null;
        }

        var c = ColdHotColormap.ForValue(Math.Clamp(value, -VMax, VMax), VMax);
        return new SKColor(c.R, c.G, c.B);
    }

    /// <summary>The grey a background value gets.</summary>
    public SKColor BackgroundColor(double value)
    {
        if (double.IsNaN(value))
        {
            return SKColors.Black;
        }

        // nilearn dims the background on a black figure (dim="auto" = 0.6): the grey scale's top is stretched to
        // vmean + 1.6·ptp, so the brightest anatomy is 2/2.6 grey (196) and white stays for the map's extremes.
        var ptp = (_bgHigh - _bgLow) / 2;
        var t = Math.Clamp((Math.Min(value, _bgHigh) - _bgLow) / (2.6 * ptp), 0, 1);
        var g = (byte)Math.Round(t * 255);
        return new SKColor(g, g, g);
    }

    private SlicePanel Panel(char axis, double position, (double Min, double Max) across, (double Min, double Max) up, Func<double, double, (double, double, double)> world)
    {
        var columns = Math.Max(1, (int)Math.Ceiling((across.Max - across.Min) / _step));
        var rows = Math.Max(1, (int)Math.Ceiling((up.Max - up.Min) / _step));
        var pixels = new SKColor[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            var v = up.Max - ((r + 0.5) * _step);
            for (var c = 0; c < columns; c++)
            {
                var u = across.Min + ((c + 0.5) * _step);
                var (wx, wy, wz) = world(u, v);
                var stat = _stat.Sample(wx, wy, wz);
                var colour = OverlayColor(stat);
                pixels[(r * columns) + c] = colour ?? (_background is null ? SKColors.Black : BackgroundColor(_background.Sample(wx, wy, wz)));
            }
        }

        return new SlicePanel(axis, position, across, up, columns * _step, rows * _step, columns, rows, pixels);
    }

    private void DrawMarkers(SKCanvas canvas, SlicePanel panel, SKRect rect)
    {
        if (_options.Markers.Count == 0)
        {
            return;
        }

        using var fill = new SKPaint { Color = _options.MarkerColor, IsAntialias = true, Style = SKPaintStyle.Fill };
        using var edge = new SKPaint { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        canvas.Save();
        canvas.ClipRect(rect);
        foreach (var m in _options.Markers)
        {
            var (u, v) = panel.Axis switch
            {
                'x' => (m.Y, m.Z),
                'y' => (m.X, m.Z),
                _ => (m.X, m.Y),
            };
            var (fx, fy) = panel.Fraction(u, v);
            var px = rect.Left + (float)(fx * rect.Width);
            var py = rect.Top + (float)(fy * rect.Height);
            canvas.DrawCircle(px, py, _options.MarkerSize / 2, fill);
            canvas.DrawCircle(px, py, _options.MarkerSize / 2, edge);
        }

        canvas.Restore();
    }

    private void DrawColorBar(SKCanvas canvas, SKRect bar, SKFont font, SKPaint text)
    {
        // One band per pixel row, top = +VMax; the thresholded band in grey as nilearn's colour bar shows it.
        var rows = Math.Max(2, (int)Math.Ceiling(bar.Height));
        using var paint = new SKPaint { IsAntialias = false, Style = SKPaintStyle.Fill };
        for (var r = 0; r < rows; r++)
        {
            var value = VMax - ((r + 0.5) / rows * 2 * VMax);
            paint.Color = MathF.Abs((float)value) <= (float)_options.Threshold ? ThresholdGrey : OverlayColor(value) ?? ThresholdGrey;
            canvas.DrawRect(bar.Left, bar.Top + (r * bar.Height / rows), bar.Width, (bar.Height / rows) + 0.5f, paint);
        }

        using var tick = new SKPaint { Color = SKColors.White, StrokeWidth = 1, IsAntialias = true };
        foreach (var value in Ticks())
        {
            var y = bar.Top + (float)((VMax - value) / (2 * VMax) * bar.Height);
            canvas.DrawLine(bar.Right, y, bar.Right + 4, y, tick);
            canvas.DrawText(FormatTick(value), bar.Right + 7, y + 5, SKTextAlign.Left, font, text);
        }
    }

    /// <summary>Colour-bar ticks: −VMax, −VMax/2, 0, VMax/2, VMax, plus ±threshold when it is not among them.</summary>
    internal double[] Ticks()
    {
        var ticks = new List<double> { -VMax, -VMax / 2, 0, VMax / 2, VMax };
        var t = _options.Threshold;
        if (t > 0 && t < VMax && !ticks.Any(v => Math.Abs(Math.Abs(v) - t) < VMax * 0.08))
        {
            ticks.AddRange([-t, t]);
        }

        ticks.Sort();
        return [.. ticks];
    }

    private static string FormatTick(double v) => Math.Round(v, 2).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static string FormatCoordinate(double v) => Math.Round(v).ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    // The grey scale: 2nd to 98th percentile of the non-zero finite background values on a coarse world grid,
    // so a few bright vessels or a zero background do not wash the anatomy out.
    private static (float Low, float High) BackgroundRange(PlotVolume background, (double Min, double Max)[] bounds, double step)
    {
        var values = new List<float>();
        var coarse = step * 2;
        for (var x = bounds[0].Min + (coarse / 2); x < bounds[0].Max; x += coarse)
        {
            for (var y = bounds[1].Min + (coarse / 2); y < bounds[1].Max; y += coarse)
            {
                for (var z = bounds[2].Min + (coarse / 2); z < bounds[2].Max; z += coarse)
                {
                    var v = background.Sample(x, y, z);
                    if (float.IsFinite(v) && v != 0)
                    {
                        values.Add(v);
                    }
                }
            }
        }

        if (values.Count == 0)
        {
            return (0, 1);
        }

        values.Sort();
        var low = values[(int)(0.02 * (values.Count - 1))];
        var high = values[(int)(0.98 * (values.Count - 1))];
        return high > low ? (low, high) : (low - 1, low); // a constant background: its values at the top grey
    }
}
