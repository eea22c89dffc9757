using ScottPlot;
using SeedCorr.Core.Signal;
using SkiaSharp;

namespace SeedCorr.Plotting;

/// <summary>
/// Time series from a signal matrix as line plots: the example's "seed time series" and "5 voxel time series"
/// figures. The x axis is the scan number, or seconds when a repetition time is given.
/// </summary>
public sealed class SignalPlot : IDisposable
{
    private readonly Plot _plot = new();

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

        _plot.Font.Set(PlotFonts.Family);
        var step = secondsPerScan ?? 1;
        for (var n = 0; n < Columns.Count; n++)
        {
            var ys = Array.ConvertAll(signals.GetSeries(Columns[n]), v => (double)v);
            var line = _plot.Add.Signal(ys, step);
            line.LineWidth = 1.5f;
            line.MarkerSize = 0;
            if (labels is not null)
            {
                line.LegendText = labels[n];
            }
        }

        if (labels is not null)
        {
            _plot.ShowLegend(Alignment.UpperRight);
        }

        _plot.XLabel(secondsPerScan is null ? "Scan number" : "Time (s)");
        _plot.YLabel(yLabel ?? "Normalized signal");
        if (!string.IsNullOrEmpty(title))
        {
            _plot.Title(title);
        }

        _plot.Axes.AutoScale();
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
        _plot.Render(canvas, new PixelRect(0, Width, Height, 0));
    }

    /// <inheritdoc />
    public void Dispose() => _plot.Dispose();
}
