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

        ColorBarRange = (-VMax, VMax);
        if (!options.SymmetricColorBar)
        {
            var (min, max) = stat.Range();
            // nilearn's symmetric_cbar=False: the bar ends at vmax when it is given, else at the data's extremes.
            ColorBarRange = options.VMax is null
                ? (Math.Max(-VMax, Math.Min(0, min)), Math.Min(VMax, Math.Max(0, max)))
                : (min < 0 ? -VMax : 0, max > 0 ? VMax : 0);
            if (!(ColorBarRange.High > ColorBarRange.Low))
            {
                ColorBarRange = (-VMax, VMax);
            }
        }

        (_bgLow, _bgHigh) = background is null ? (0f, 1f) : background.CachedRange(_step, () => BackgroundRange(background, _bounds, _step));
    }

    /// <summary>Where the slices cut.</summary>
    public WorldPoint Cut { get; }

    /// <summary>The colour-scale limit actually used.</summary>
    public double VMax { get; }

    /// <summary>The figure size.</summary>
    public (int Width, int Height) Size => (_options.Width, _options.Height);

    /// <summary>The colour bar's range: −VMax…VMax, or with <see cref="StatMapPlotOptions.SymmetricColorBar"/> false only the signs the map has.</summary>
    public (double Low, double High) ColorBarRange { get; }

    /// <summary>The cut-line colour: lighter than any background grey (≤ 196), so the lines stay visible and findable.</summary>
    public static SKColor CrossColor { get; } = new(220, 220, 220);

    /// <summary>The slices in reading order (ortho: sagittal, coronal, axial), each a grid of RGBA colours, row 0 at the top.</summary>
    internal SlicePanel[] Panels() => [.. Rows().SelectMany(r => r)];

    /// <summary>The slices by figure row.</summary>
    internal SlicePanel[][] Rows()
    {
        var (xb, yb, zb) = (_bounds[0], _bounds[1], _bounds[2]);
        // Sagittal: posterior → anterior across, inferior → superior up. Coronal and axial: left → right across
        // (neurological, nilearn's default).
        SlicePanel Sagittal() => Panel('x', Cut.X, yb, zb, (u, v) => (Cut.X, u, v));
        SlicePanel Coronal() => Panel('y', Cut.Y, xb, zb, (u, v) => (u, Cut.Y, v));
        SlicePanel Axial(double z) => Panel('z', z, xb, yb, (u, v) => (u, v, z));
        return _options.DisplayMode switch
        {
            DisplayMode.X => [[Sagittal()]],
            DisplayMode.Y => [[Coronal()]],
            DisplayMode.Z => [[Axial(Cut.Z)]],
            DisplayMode.Mosaic => MosaicRows(Axial),
            _ => [[Sagittal(), Coronal(), Axial(Cut.Z)]],
        };
    }

    /// <summary>Where each slice is drawn on the figure.</summary>
    internal (SlicePanel Panel, SKRect Rect)[] Layout(SlicePanel[][] rows)
    {
        var (width, height) = Size;
        var barWidth = _options.ColorBar ? 80f : 0f;
        const float pad = 6;
        var widestRowMm = rows.Max(r => r.Sum(p => p.WidthMm));
        var columnsMax = rows.Max(r => r.Length);
        var totalHeightMm = rows.Sum(r => r.Max(p => p.HeightMm));
        var availableWidth = width - barWidth - (pad * (columnsMax + 1));
        var availableHeight = height - (pad * (rows.Length + 1));
        var scale = (float)Math.Min(availableWidth / widestRowMm, availableHeight / totalHeightMm);
        var result = new List<(SlicePanel, SKRect)>();
        var top = (height - (float)(totalHeightMm * scale) - (pad * (rows.Length - 1))) / 2;
        foreach (var row in rows)
        {
            var rowHeight = (float)(row.Max(p => p.HeightMm) * scale);
            var x = pad;
            foreach (var panel in row)
            {
                var w = (float)(panel.WidthMm * scale);
                var h = (float)(panel.HeightMm * scale);
                result.Add((panel, SKRect.Create(x, top + ((rowHeight - h) / 2), w, h)));
                x += w + pad;
            }

            top += rowHeight + pad;
        }

        return [.. result];
    }

    /// <summary>Draws the whole figure on a canvas of <see cref="Size"/>.</summary>
    public void Draw(SKCanvas canvas)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        var (width, height) = Size;
        canvas.Clear(SKColors.Black);
        var typeface = PlotFonts.Regular;
        using var font = new SKFont(typeface, _options.DisplayMode == DisplayMode.Mosaic ? 11 : 14);
        using var text = new SKPaint { Color = SKColors.White, IsAntialias = true };
        var mosaic = _options.DisplayMode == DisplayMode.Mosaic;
        foreach (var (panel, rect) in Layout(Rows()))
        {
            using (var image = panel.ToImage(Math.Max(1, (int)Math.Ceiling(rect.Width / panel.Columns))))
            {
                canvas.DrawImage(image, rect, new SKSamplingOptions(SKFilterMode.Nearest));
            }

            if (_options.DrawCross && !mosaic)
            {
                DrawCross(canvas, panel, rect);
            }

            DrawMarkers(canvas, panel, rect);
            var label = mosaic ? $"z={FormatCoordinate(panel.Position)}" : $"{panel.Axis}={FormatCoordinate(panel.Position)}";
            canvas.DrawText(label, rect.Left + 4, rect.Bottom - 6, SKTextAlign.Left, font, text);
            if (panel.Axis != 'x' && !mosaic)
            {
                canvas.DrawText("L", rect.Left + 4, rect.Top + 16, SKTextAlign.Left, font, text);
                canvas.DrawText("R", rect.Right - 4, rect.Top + 16, SKTextAlign.Right, font, text);
            }
        }

        if (!string.IsNullOrEmpty(_options.Title))
        {
            using var titleFont = new SKFont(typeface, 18);
            canvas.DrawText(_options.Title, 10, 24, SKTextAlign.Left, titleFont, text);
        }

        if (_options.ColorBar)
        {
            using var barFont = new SKFont(typeface, 14);
            DrawColorBar(canvas, SKRect.Create(width - 80 + 8, height * 0.12f, 16, height * 0.76f), barFont, text);
        }
    }

    /// <summary>Where the cut lines of a slice fall on the figure: x of the vertical line, y of the horizontal one.</summary>
    internal (float X, float Y) CrossAt(SlicePanel panel, SKRect rect)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var (u, v) = InPlane(panel.Axis, Cut);
        var (fx, fy) = panel.Fraction(u, v);
        // Snapped to pixel centres and drawn without antialiasing: crisp one-pixel lines in the PNG.
        return (MathF.Floor(rect.Left + (float)(fx * rect.Width)) + 0.5f, MathF.Floor(rect.Top + (float)(fy * rect.Height)) + 0.5f);
    }

    private void DrawCross(SKCanvas canvas, SlicePanel panel, SKRect rect)
    {
        var (x, y) = CrossAt(panel, rect);
        using var line = new SKPaint { Color = CrossColor, StrokeWidth = 1, IsAntialias = false, Style = SKPaintStyle.Stroke };
        canvas.Save();
        canvas.ClipRect(rect);
        canvas.DrawLine(x, rect.Top, x, rect.Bottom, line);
        canvas.DrawLine(rect.Left, y, rect.Right, y, line);
        canvas.Restore();
    }

    private static (double U, double V) InPlane(char axis, WorldPoint p) => axis switch
    {
        'x' => (p.Y, p.Z),
        'y' => (p.X, p.Z),
        _ => (p.X, p.Y),
    };

    // Axial slices evenly spaced through the brain's height (the background's non-zero extent, else the frame),
    // nilearn's mosaic idea with axial rows only.
    private SlicePanel[][] MosaicRows(Func<double, SlicePanel> axial)
    {
        var (columns, rows) = _options.MosaicGrid;
        var n = Math.Max(1, columns * rows);
        var (low, high) = (_background ?? _stat).NonZeroExtent(2, _step);
        var positions = Enumerable.Range(0, n).Select(s => low + ((high - low) * (s + 1) / (n + 1))).ToArray();
        return [.. positions.Chunk(Math.Max(1, columns)).Select(chunk => chunk.Select(axial).ToArray())];
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

        return ColdHotColormap.ForValue(Math.Clamp(value, -VMax, VMax), VMax);
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
            var (u, v) = InPlane(panel.Axis, m);
            var (fx, fy) = panel.Fraction(u, v);
            var px = rect.Left + (float)(fx * rect.Width);
            var py = rect.Top + (float)(fy * rect.Height);
            canvas.DrawCircle(px, py, _options.MarkerSize / 2, fill);
            canvas.DrawCircle(px, py, _options.MarkerSize / 2, edge);
        }

        canvas.Restore();
    }

    /// <summary>The colour bar in <paramref name="bar"/>, ticks and labels in the text paint's colour.</summary>
    internal void DrawColorBar(SKCanvas canvas, SKRect bar, SKFont font, SKPaint text, Func<double, SKColor?>? colour = null)
    {
        // One band per pixel row, top = the range's high end; the thresholded band in grey as nilearn's colour bar shows it.
        var (low, high) = ColorBarRange;
        var rows = Math.Max(2, (int)Math.Ceiling(bar.Height));
        using var paint = new SKPaint { IsAntialias = false, Style = SKPaintStyle.Fill };
        for (var r = 0; r < rows; r++)
        {
            var value = high - ((r + 0.5) / rows * (high - low));
            paint.Color = MathF.Abs((float)value) <= (float)_options.Threshold ? ThresholdGrey : (colour ?? OverlayColor)(value) ?? ThresholdGrey;
            canvas.DrawRect(bar.Left, bar.Top + (r * bar.Height / rows), bar.Width, (bar.Height / rows) + 0.5f, paint);
        }

        using var tick = new SKPaint { Color = text.Color, StrokeWidth = 1, IsAntialias = true };
        foreach (var value in Ticks())
        {
            var y = bar.Top + (float)((high - value) / (high - low) * bar.Height);
            canvas.DrawLine(bar.Right, y, bar.Right + 4, y, tick);
            canvas.DrawText(FormatTick(value), bar.Right + 7, y + 5, SKTextAlign.Left, font, text);
        }
    }

    /// <summary>Colour-bar ticks: −VMax, −VMax/2, 0, VMax/2, VMax within the bar's range, plus ±threshold when not among them.</summary>
    internal double[] Ticks()
    {
        var (low, high) = ColorBarRange;
        bool Inside(double v) => v >= low - 1e-12 && v <= high + 1e-12;
        var ticks = new List<double> { -VMax, -VMax / 2, 0, VMax / 2, VMax }.Where(Inside).ToList();
        var t = _options.Threshold;
        if (t > 0 && t < VMax && !ticks.Any(v => Math.Abs(Math.Abs(v) - t) < VMax * 0.08))
        {
            ticks.AddRange(new[] { -t, t }.Where(Inside));
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
