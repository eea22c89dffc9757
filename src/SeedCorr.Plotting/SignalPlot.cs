using System.Globalization;
using SeedCorr.Core.Signal;
using SkiaSharp;

namespace SeedCorr.Plotting;

/// <summary>
/// Time series from a signal matrix as line plots: the example's "seed time series" and "5 voxel time series"
/// figures, drawn as matplotlib draws nilearn's (its default colour cycle, a frame with outward ticks, 5 % margins,
/// the legend at the upper right). The x axis is the scan number, or seconds when a repetition time is given.
/// Drawn with Skia directly: a general plotting library cost ~0.3 s of font discovery on the first figure of a fresh
/// pwsh (issue #18), for two line plots.
/// </summary>
public sealed class SignalPlot
{
    // matplotlib's default cycle ("tab10"), the colours of nilearn's example figures.
    private static readonly SKColor[] Cycle =
    [
        new(0x1f, 0x77, 0xb4), new(0xff, 0x7f, 0x0e), new(0x2c, 0xa0, 0x2c), new(0xd6, 0x27, 0x28), new(0x94, 0x67, 0xbd),
        new(0x8c, 0x56, 0x4b), new(0xe3, 0x77, 0xc2), new(0x7f, 0x7f, 0x7f), new(0xbc, 0xbd, 0x22), new(0x17, 0xbe, 0xcf),
    ];

    private readonly double[][] _series;
    private readonly double _step;
    private readonly string? _title;
    private readonly string _xLabel;
    private readonly string _yLabel;
    private readonly IReadOnlyList<string>? _labels;

    /// <summary>Builds the plot; <paramref name="columns"/> null draws every series.</summary>
    public SignalPlot(SignalMatrix signals, IReadOnlyList<int>? columns = null, double? secondsPerScan = null, string? title = null, string? yLabel = null, IReadOnlyList<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(signals);
        if (secondsPerScan is { } tr && !(tr > 0 && double.IsFinite(tr)))
        {
            throw new ArgumentOutOfRangeException(nameof(secondsPerScan), "the time step must be a finite number > 0");
        }

        Columns = columns is null ? [.. Enumerable.Range(0, signals.Series)] : [.. columns];
        if (Columns.Count == 0)
        {
            throw new ArgumentException("no series to draw", nameof(columns));
        }

        foreach (var c in Columns)
        {
            if (c < 0 || c >= signals.Series)
            {
                throw new ArgumentOutOfRangeException(nameof(columns), $"column {c} is outside 0..{signals.Series - 1}");
            }
        }

        if (labels is not null && labels.Count != Columns.Count)
        {
            throw new ArgumentException($"{labels.Count} labels for {Columns.Count} series", nameof(labels));
        }

        _series = [.. Columns.Select(c => Array.ConvertAll(signals.GetSeries(c), v => (double)v))];
        _step = secondsPerScan ?? 1;
        _title = string.IsNullOrEmpty(title) ? null : title;
        _xLabel = secondsPerScan is null ? "Scan number" : "Time (s)";
        _yLabel = yLabel ?? "Normalized signal";
        _labels = labels;
    }

    /// <summary>The series drawn, in order.</summary>
    public IReadOnlyList<int> Columns { get; }

    /// <summary>Figure width in pixels (points for PDF and SVG).</summary>
    public int Width { get; init; } = 900;

    /// <summary>Figure height in pixels (points for PDF and SVG).</summary>
    public int Height { get; init; } = 400;

    /// <summary>Draws on a canvas of <see cref="Width"/> × <see cref="Height"/>.</summary>
    public void Draw(SKCanvas canvas)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        canvas.Clear(SKColors.White);
        using var tickFont = new SKFont(PlotFonts.Regular, 12);
        using var labelFont = new SKFont(PlotFonts.Regular, 14);
        using var titleFont = new SKFont(PlotFonts.Regular, 16);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true, StrokeWidth = 1, Style = SKPaintStyle.Stroke };
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };

        var (x0, x1) = Range([0, (_series[0].Length - 1) * _step]); // the constructor refuses an empty selection
        var (y0, y1) = Range(_series.SelectMany(s => s).Where(double.IsFinite));
        var xTicks = NiceTicks(x0, x1, Math.Max(3, Width / 110));
        var yTicks = NiceTicks(y0, y1, Math.Max(3, Height / 70));
        var yTickWidth = yTicks.Max(v => tickFont.MeasureText(FormatTick(v, yTicks)));
        var area = new SKRect(28 + yTickWidth + 12, _title is null ? 14 : 40, Width - 16, Height - 52);
        if (area.Width < 10 || area.Height < 10)
        {
            return; // too small to draw anything but the background
        }

        float X(double v) => area.Left + (float)((v - x0) / (x1 - x0) * area.Width);
        float Y(double v) => area.Bottom - (float)((v - y0) / (y1 - y0) * area.Height);

        canvas.Save();
        canvas.ClipRect(area);
        for (var n = 0; n < _series.Length; n++)
        {
            using var line = new SKPaint { Color = Cycle[n % Cycle.Length], IsAntialias = true, StrokeWidth = 1.5f, Style = SKPaintStyle.Stroke, StrokeJoin = SKStrokeJoin.Round };
            using var path = new SKPath();
            var pen = false;
            for (var t = 0; t < _series[n].Length; t++)
            {
                var v = _series[n][t];
                if (!double.IsFinite(v))
                {
                    pen = false; // a gap, as matplotlib leaves for NaN
                    continue;
                }

                if (pen)
                {
                    path.LineTo(X(t * _step), Y(v));
                }
                else
                {
                    path.MoveTo(X(t * _step), Y(v));
                    pen = true;
                }
            }

            canvas.DrawPath(path, line);
        }

        canvas.Restore();
        canvas.DrawRect(area, ink);
        foreach (var v in xTicks)
        {
            var x = X(v);
            canvas.DrawLine(x, area.Bottom, x, area.Bottom + 4, ink);
            canvas.DrawText(FormatTick(v, xTicks), x, area.Bottom + 18, SKTextAlign.Center, tickFont, text);
        }

        foreach (var v in yTicks)
        {
            var y = Y(v);
            canvas.DrawLine(area.Left - 4, y, area.Left, y, ink);
            canvas.DrawText(FormatTick(v, yTicks), area.Left - 7, y + 4, SKTextAlign.Right, tickFont, text);
        }

        canvas.DrawText(_xLabel, area.MidX, Height - 14, SKTextAlign.Center, labelFont, text);
        canvas.Save();
        canvas.RotateDegrees(-90, 18, area.MidY);
        canvas.DrawText(_yLabel, 18, area.MidY + 5, SKTextAlign.Center, labelFont, text);
        canvas.Restore();
        if (_title is not null)
        {
            canvas.DrawText(_title, area.MidX, 26, SKTextAlign.Center, titleFont, text);
        }

        if (_labels is not null)
        {
            DrawLegend(canvas, area, tickFont, text);
        }
    }

    private void DrawLegend(SKCanvas canvas, SKRect area, SKFont font, SKPaint text)
    {
        const float row = 18, swatch = 22, pad = 8;
        var labels = _labels!;
        var width = pad + swatch + 6 + labels.Max(l => font.MeasureText(l)) + pad;
        var box = new SKRect(area.Right - 8 - width, area.Top + 8, area.Right - 8, area.Top + 8 + (2 * pad) + (row * labels.Count) - 4);
        using var fill = new SKPaint { Color = SKColors.White.WithAlpha(204), Style = SKPaintStyle.Fill };
        using var frame = new SKPaint { Color = new SKColor(0xcc, 0xcc, 0xcc), Style = SKPaintStyle.Stroke, StrokeWidth = 1, IsAntialias = true };
        canvas.DrawRoundRect(box, 3, 3, fill);
        canvas.DrawRoundRect(box, 3, 3, frame);
        for (var n = 0; n < labels.Count; n++)
        {
            var y = box.Top + pad + (row * n) + 7;
            using var line = new SKPaint { Color = Cycle[n % Cycle.Length], StrokeWidth = 1.5f, Style = SKPaintStyle.Stroke, IsAntialias = true };
            canvas.DrawLine(box.Left + pad, y, box.Left + pad + swatch, y, line);
            canvas.DrawText(labels[n], box.Left + pad + swatch + 6, y + 4, SKTextAlign.Left, font, text);
        }
    }

    // The data range with matplotlib's 5 % margins; a constant series gets ±1 (as matplotlib's ±0.05·|v| or ±0.05).
    private static (double Low, double High) Range(IEnumerable<double> values)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in values)
        {
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }

        if (!(lo <= hi))
        {
            return (0, 1);
        }

        if (hi - lo < 1e-12 * Math.Max(1, Math.Abs(hi)))
        {
            var d = lo == 0 ? 0.05 : 0.05 * Math.Abs(lo);
            return (lo - d, hi + d);
        }

        var margin = 0.05 * (hi - lo);
        return (lo - margin, hi + margin);
    }

    // Ticks at 1, 2, 2.5 or 5 × 10^k inside [low, high], about `target` of them (matplotlib's MaxNLocator steps).
    private static double[] NiceTicks(double low, double high, int target)
    {
        var raw = (high - low) / target;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        var first = Math.Ceiling(low / step) * step;
        var ticks = new List<double>();
        for (var v = first; v <= high + (step * 1e-9); v += step)
        {
            ticks.Add(Math.Abs(v) < step * 1e-9 ? 0 : v);
        }

        return [.. ticks];
    }

    // As many decimals as the tick step needs; matplotlib's minus sign.
    private static string FormatTick(double value, double[] ticks)
    {
        var step = ticks.Length > 1 ? ticks[1] - ticks[0] : 1;
        var decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(step) - 1e-9), 0, 6);
        if (step * Math.Pow(10, decimals) % 1 > 1e-6)
        {
            decimals++; // 2.5 × 10^k steps need one more
        }

        var s = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return s.StartsWith('-') ? "\u2212" + s[1..] : s;
    }
}
