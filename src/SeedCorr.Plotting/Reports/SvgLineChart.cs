using System.Globalization;
using System.Net;
using System.Text;

namespace SeedCorr.Plotting.Reports;

/// <summary>
/// A small line chart written as inline SVG text for the HTML report: series by volume (x in seconds when a
/// repetition time is given), axes with a few ticks, marked volumes (censored ones) as red bands and an optional
/// horizontal threshold line. Elements carry data attributes (<c>data-volume</c>, <c>data-label</c>,
/// <c>data-value</c>) so that tests and readers can find what is drawn where.
/// </summary>
public sealed class SvgLineChart
{
    // matplotlib's tab10, the colours nilearn's time-series figures use.
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
    private static readonly int[] TickMultiples = [1, 2, 5, 10];
    private const double Left = 56, Right = 12, Top = 12, Bottom = 40;

    private readonly List<(string Label, double[] Values)> _series = [];

    /// <summary>Width in CSS pixels.</summary>
    public int Width { get; init; } = 900;

    /// <summary>Height in CSS pixels.</summary>
    public int Height { get; init; } = 220;

    /// <summary>Seconds per volume: the x axis is then time; null: the volume index.</summary>
    public double? SecondsPerVolume { get; init; }

    /// <summary>The y axis' label.</summary>
    public string YLabel { get; init; } = string.Empty;

    /// <summary>Volumes marked with a band (0-based).</summary>
    public IReadOnlyList<int> Marked { get; init; } = [];

    /// <summary>A horizontal line at this value, or null.</summary>
    public double? Threshold { get; init; }

    /// <summary>Adds a series (NaN values are gaps).</summary>
    public SvgLineChart Add(string label, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _series.Add((label, values));
        return this;
    }

    /// <summary>The x position (CSS px) of volume <paramref name="volume"/>'s centre.</summary>
    public double X(int volume) => Left + ((volume + 0.5) / Volumes * (Width - Left - Right));

    private int Volumes => Math.Max(1, _series.Count == 0 ? 1 : _series.Max(s => s.Values.Length));

    /// <summary>The chart as an <c>&lt;svg&gt;</c> element.</summary>
    public string ToSvg()
    {
        var finite = _series.SelectMany(s => s.Values).Where(double.IsFinite).ToList();
        if (Threshold is { } t && double.IsFinite(t))
        {
            finite.Add(t);
        }

        var (low, high) = finite.Count == 0 ? (0.0, 1.0) : (finite.Min(), finite.Max());
        if (!(high > low))
        {
            (low, high) = (low - 1, high + 1);
        }

        var pad = (high - low) * 0.05;
        (low, high) = (low - pad, high + pad);
        var plotHeight = Height - Top - Bottom;
        double Y(double v) => Top + ((high - v) / (high - low) * plotHeight);
        var band = (Width - Left - Right) / (double)Volumes;
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"11\">"));
        svg.Append(Inv($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{plotHeight}\" fill=\"#fff\" stroke=\"#888\"/>"));
        foreach (var v in Marked.Where(v => v >= 0 && v < Volumes))
        {
            svg.Append(Inv($"<rect class=\"censored\" data-volume=\"{v}\" x=\"{X(v) - (band / 2):0.##}\" y=\"{Top}\" width=\"{Math.Max(band, 1):0.##}\" height=\"{plotHeight}\" fill=\"#d62728\" fill-opacity=\"0.35\"><title>volume {v} censored</title></rect>"));
        }

        foreach (var tick in Ticks(low, high))
        {
            svg.Append(Inv($"<line x1=\"{Left - 4}\" x2=\"{Left}\" y1=\"{Y(tick):0.##}\" y2=\"{Y(tick):0.##}\" stroke=\"#444\"/><text x=\"{Left - 6}\" y=\"{Y(tick) + 4:0.##}\" text-anchor=\"end\">{tick:0.###}</text>"));
        }

        var scale = SecondsPerVolume ?? 1;
        foreach (var tick in Ticks(0, Volumes * scale))
        {
            var x = Left + (tick / scale / Volumes * (Width - Left - Right));
            svg.Append(Inv($"<line x1=\"{x:0.##}\" x2=\"{x:0.##}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom + 4}\" stroke=\"#444\"/><text x=\"{x:0.##}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{tick:0.###}</text>"));
        }

        svg.Append(Inv($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 6}\" text-anchor=\"middle\">{(SecondsPerVolume is null ? "Volume" : "Time (s)")}</text>"));
        svg.Append(Inv($"<text transform=\"translate(12,{Top + (plotHeight / 2)}) rotate(-90)\" text-anchor=\"middle\">{WebUtility.HtmlEncode(YLabel)}</text>"));
        if (Threshold is { } th && double.IsFinite(th))
        {
            svg.Append(Inv($"<line class=\"threshold\" data-value=\"{th}\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(th):0.##}\" y2=\"{Y(th):0.##}\" stroke=\"#d62728\" stroke-dasharray=\"4 3\"/>"));
        }

        for (var s = 0; s < _series.Count; s++)
        {
            var (label, values) = _series[s];
            var d = new StringBuilder();
            var pen = false;
            for (var i = 0; i < values.Length; i++)
            {
                if (!double.IsFinite(values[i]))
                {
                    pen = false;
                    continue;
                }

                d.Append(Inv($"{(pen ? 'L' : 'M')}{X(i):0.##},{Y(values[i]):0.##}"));
                pen = true;
            }

            var colour = Palette[s % Palette.Length];
            svg.Append(Inv($"<path class=\"series\" data-label=\"{WebUtility.HtmlEncode(label)}\" d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"/>"));
            if (_series.Count > 1)
            {
                svg.Append(Inv($"<text x=\"{Width - Right - 6}\" y=\"{Top + 14 + (14 * s)}\" text-anchor=\"end\" fill=\"{colour}\">{WebUtility.HtmlEncode(label)}</text>"));
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    // About five round ticks (1, 2 or 5 × 10^k apart) within [low, high].
    private static IEnumerable<double> Ticks(double low, double high)
    {
        var raw = (high - low) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = TickMultiples.Select(m => m * magnitude).First(s => s >= raw);
        for (var t = Math.Ceiling(low / step) * step; t <= high + (step * 1e-9); t += step)
        {
            yield return Math.Abs(t) < step * 1e-9 ? 0 : t;
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
