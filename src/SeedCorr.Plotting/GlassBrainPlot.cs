using SeedCorr.Core.Geometry;
using SkiaSharp;

namespace SeedCorr.Plotting;

/// <summary>
/// A glass brain, as nilearn's <c>plot_glass_brain(display_mode="ortho")</c>: the map's maximum-intensity projections
/// seen from the side (sagittal), the back (coronal) and above (axial), on white, inside the outline of the MNI
/// template's brain projected the same way. The projection keeps each ray's value of largest |v| with its sign
/// (nilearn's <c>plot_abs=False</c>), in nilearn's glass-brain colours: cold_white_hot at alpha 0.7 over white.
/// </summary>
public sealed class GlassBrainPlot
{
    private static readonly SKColor OutlineColor = new(90, 90, 90);
    private static readonly SKColor InnerOutlineColor = new(175, 175, 175);

    private readonly PlotVolume _stat;
    private readonly PlotVolume _outline;
    private readonly StatMapPlotOptions _options;
    private readonly StatMapPlot _colours;
    private readonly (double Min, double Max)[] _bounds;
    private readonly double _step;

    /// <summary>Prepares the figure; <paramref name="outline"/> null: the 2 mm MNI template.</summary>
    public GlassBrainPlot(PlotVolume stat, StatMapPlotOptions options, PlotVolume? outline = null)
    {
        _stat = stat ?? throw new ArgumentNullException(nameof(stat));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _outline = outline ?? MniTemplate.TwoMillimetre;
        // Colours, limits and colour bar exactly as the stat map's (validation included).
        _colours = new StatMapPlot(stat, null, new StatMapPlotOptions
        {
            CutCoords = new Core.Geometry.WorldPoint(0, 0, 0),
            Threshold = options.Threshold,
            VMax = options.VMax,
            SymmetricColorBar = options.SymmetricColorBar,
        });
        _bounds = _outline.Bounds();
        _step = Math.Max(Math.Min(stat.MinVoxelSize, _outline.MinVoxelSize), 1);
    }

    /// <summary>The colour-scale limit used.</summary>
    public double VMax => _colours.VMax;

    /// <summary>
    /// The colour a projected value gets: cold_white_hot at nilearn's alpha 0.7 over the white figure, or null when
    /// |v| ≤ threshold (white shows).
    /// </summary>
    public SKColor? OverlayColor(double value) =>
        _colours.OverlayColor(value) is null ? null : ColorOf(value, VMax);

    /// <summary>cold_white_hot at <paramref name="value"/> for the range ±<paramref name="vmax"/>, at alpha 0.7 over white.</summary>
    public static SKColor ColorOf(double value, double vmax)
    {
        var c = ColdHotColormap.WhiteHotForValue(value, vmax);
        static byte Over(byte channel) => (byte)Math.Round((0.7 * channel) + (0.3 * 255));
        return new SKColor(Over(c.Red), Over(c.Green), Over(c.Blue));
    }

    /// <summary>The figure size.</summary>
    public (int Width, int Height) Size => (_options.Width, _options.Height);

    /// <summary>The three projections: sagittal (along x), coronal (along y), axial (along z).</summary>
    internal Projection[] Projections() =>
    [
        Project('x', 1, 2, 0),
        Project('y', 0, 2, 1),
        Project('z', 0, 1, 2),
    ];

    /// <summary>Draws the figure on a canvas of <see cref="Size"/>.</summary>
    public void Draw(SKCanvas canvas)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        var (width, height) = Size;
        canvas.Clear(SKColors.White);
        var projections = Projections();
        var barWidth = _options.ColorBar ? 80f : 0f;
        const float pad = 8;
        var scale = (float)Math.Min(
            (width - barWidth - (pad * 4)) / projections.Sum(p => p.Columns * _step),
            (height - (pad * 2) - 24) / projections.Max(p => p.Rows * _step));
        using var font = new SKFont(PlotFonts.Regular, 14);
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        var x = pad;
        foreach (var p in projections)
        {
            var w = (float)(p.Columns * _step * scale);
            var h = (float)(p.Rows * _step * scale);
            var rect = SKRect.Create(x, ((height - h) / 2) + 10, w, h);
            using (var image = p.ToImage(Math.Max(1, (int)Math.Ceiling(w / p.Columns))))
            {
                canvas.DrawImage(image, rect, new SKSamplingOptions(SKFilterMode.Nearest));
            }

            DrawContour(canvas, p.Brain, p.Columns, p.Rows, rect, OutlineColor, 1.5f);
            DrawContour(canvas, p.Core, p.Columns, p.Rows, rect, InnerOutlineColor, 1f);
            DrawMarkers(canvas, p, rect);
            if (p.Axis != 'x')
            {
                canvas.DrawText("L", rect.Left + 2, rect.Top + 14, SKTextAlign.Left, font, text);
                canvas.DrawText("R", rect.Right - 2, rect.Top + 14, SKTextAlign.Right, font, text);
            }

            x += w + pad;
        }

        if (!string.IsNullOrEmpty(_options.Title))
        {
            using var titleFont = new SKFont(PlotFonts.Regular, 18);
            canvas.DrawText(_options.Title, 10, 24, SKTextAlign.Left, titleFont, text);
        }

        if (_options.ColorBar)
        {
            _colours.DrawColorBar(canvas, SKRect.Create(width - barWidth + 8, height * 0.12f, 16, height * 0.76f), font, text, OverlayColor);
        }
    }

    private Projection Project(char axis, int across, int up, int along)
    {
        var columns = (int)Math.Ceiling((_bounds[across].Max - _bounds[across].Min) / _step);
        var rows = (int)Math.Ceiling((_bounds[up].Max - _bounds[up].Min) / _step);
        var depth = (int)Math.Ceiling((_bounds[along].Max - _bounds[along].Min) / _step);
        var values = new float[rows * columns];
        var brain = new bool[rows * columns];
        var core = new bool[rows * columns];
        var w = new double[3];
        for (var r = 0; r < rows; r++)
        {
            w[up] = _bounds[up].Max - ((r + 0.5) * _step);
            for (var c = 0; c < columns; c++)
            {
                w[across] = _bounds[across].Min + ((c + 0.5) * _step);
                var best = float.NaN;
                var (inBrain, inCore) = (false, false);
                for (var d = 0; d < depth; d++)
                {
                    w[along] = _bounds[along].Min + ((d + 0.5) * _step);
                    var v = _stat.Sample(w[0], w[1], w[2]);
                    if (float.IsFinite(v) && !(MathF.Abs(v) <= MathF.Abs(best)))
                    {
                        best = v;
                    }

                    var t = _outline.Sample(w[0], w[1], w[2]);
                    inBrain |= t > 0.15f;
                    inCore |= t > 0.8f; // the white matter's silhouette: the inner line nilearn's schematic also shows
                }

                values[(r * columns) + c] = best;
                brain[(r * columns) + c] = inBrain;
                core[(r * columns) + c] = inCore;
            }
        }

        var pixels = Array.ConvertAll(values, v => OverlayColor(v) ?? SKColors.White);
        return new Projection(axis, (_bounds[across].Min, _bounds[up].Max), _step, columns, rows, values, pixels, brain, core);
    }

    private void DrawMarkers(SKCanvas canvas, Projection p, SKRect rect)
    {
        using var fill = new SKPaint { Color = _options.MarkerColor, IsAntialias = true, Style = SKPaintStyle.Fill };
        foreach (var m in _options.Markers)
        {
            var (fx, fy) = p.Fraction(m);
            canvas.DrawCircle(rect.Left + (float)(fx * rect.Width), rect.Top + (float)(fy * rect.Height), _options.MarkerSize / 2, fill);
        }
    }

    // Marching squares on cell centres, edges cut half-way: a smooth outline instead of the cells' staircase.
    private static void DrawContour(SKCanvas canvas, bool[] inside, int columns, int rows, SKRect rect, SKColor colour, float width)
    {
        var cw = rect.Width / columns;
        var ch = rect.Height / rows;
        bool In(int c, int r) => c >= 0 && r >= 0 && c < columns && r < rows && inside[(r * columns) + c];
        using var path = new SKPath();
        for (var r = -1; r < rows; r++)
        {
            for (var c = -1; c < columns; c++)
            {
                var code = (In(c, r) ? 8 : 0) | (In(c + 1, r) ? 4 : 0) | (In(c + 1, r + 1) ? 2 : 0) | (In(c, r + 1) ? 1 : 0);
                if (code is 0 or 15)
                {
                    continue;
                }

                // Square corners at cell centres (c, r)…(c+1, r+1); edge midpoints: top, right, bottom, left.
                var x0 = rect.Left + ((c + 0.5f) * cw);
                var y0 = rect.Top + ((r + 0.5f) * ch);
                SKPoint top = new(x0 + (cw / 2), y0), right = new(x0 + cw, y0 + (ch / 2)), bottom = new(x0 + (cw / 2), y0 + ch), left = new(x0, y0 + (ch / 2));
                void Segment(SKPoint a, SKPoint b)
                {
                    path.MoveTo(a);
                    path.LineTo(b);
                }

                switch (code)
                {
                    case 1 or 14: Segment(left, bottom); break;
                    case 2 or 13: Segment(bottom, right); break;
                    case 3 or 12: Segment(left, right); break;
                    case 4 or 11: Segment(top, right); break;
                    case 6 or 9: Segment(top, bottom); break;
                    case 7 or 8: Segment(left, top); break;
                    case 5: Segment(left, top); Segment(bottom, right); break;
                    case 10: Segment(top, right); Segment(left, bottom); break;
                }
            }
        }

        using var paint = new SKPaint { Color = colour, StrokeWidth = width, IsAntialias = true, Style = SKPaintStyle.Stroke };
        canvas.Save();
        canvas.ClipRect(rect);
        canvas.DrawPath(path, paint);
        canvas.Restore();
    }

    /// <summary>One projection: the kept values and colours (row 0 at the top), and the brain's silhouettes.</summary>
    internal sealed record Projection(char Axis, (double Left, double Top) Origin, double Step, int Columns, int Rows, float[] Values, SKColor[] Pixels, bool[] Brain, bool[] Core)
    {
        /// <summary>Where a world point projects: 0–1 from the left and from the top.</summary>
        public (double X, double Y) Fraction(Core.Geometry.WorldPoint p)
        {
            var (u, v) = Axis switch { 'x' => (p.Y, p.Z), 'y' => (p.X, p.Z), _ => (p.X, p.Y) };
            return ((u - Origin.Left) / (Columns * Step), (Origin.Top - v) / (Rows * Step));
        }

        /// <summary>The projected value at a world point (NaN where no value reaches).</summary>
        public float ValueAt(Core.Geometry.WorldPoint p)
        {
            var (fx, fy) = Fraction(p);
            var c = Math.Clamp((int)Math.Floor(fx * Columns), 0, Columns - 1);
            var r = Math.Clamp((int)Math.Floor(fy * Rows), 0, Rows - 1);
            return Values[(r * Columns) + c];
        }

        /// <summary>The projection as an image, each cell <paramref name="scale"/> pixels square.</summary>
        public SKImage ToImage(int scale) =>
            new SlicePanel(Axis, 0, (0, Columns * Step), (0, Rows * Step), Columns * Step, Rows * Step, Columns, Rows, Pixels).ToImage(scale);
    }
}
