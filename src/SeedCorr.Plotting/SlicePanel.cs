using SkiaSharp;

namespace SeedCorr.Plotting;

/// <summary>One rendered slice: its world frame and its colours (row 0 at the top).</summary>
internal sealed record SlicePanel(
    char Axis,
    double Position,
    (double Min, double Max) Across,
    (double Min, double Max) Up,
    double WidthMm,
    double HeightMm,
    int Columns,
    int Rows,
    SKColor[] Pixels)
{
    /// <summary>Where a world position of the panel plane (u across, v up) falls: 0–1 from the left and from the top.</summary>
    public (double X, double Y) Fraction(double u, double v) =>
        ((u - Across.Min) / WidthMm, (Up.Min + HeightMm - v) / HeightMm);

    /// <summary>The colour at a world position of the panel plane (u across, v up).</summary>
    public SKColor At(double u, double v)
    {
        var (fx, fy) = Fraction(u, v);
        var c = (int)Math.Floor(fx * Columns);
        var r = (int)Math.Floor(fy * Rows);
        return Pixels[(Math.Clamp(r, 0, Rows - 1) * Columns) + Math.Clamp(c, 0, Columns - 1)];
    }

    /// <summary>
    /// The slice as an image, each display cell <paramref name="scale"/> × <paramref name="scale"/> pixels. Upscaling
    /// in the bitmap keeps cells sharp in SVG and PDF viewers, which smooth small embedded images when they enlarge them.
    /// </summary>
    public SKImage ToImage(int scale = 1)
    {
        scale = Math.Max(1, scale);
        var info = new SKImageInfo(Columns * scale, Rows * scale, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var bytes = new byte[info.BytesSize];
        var stride = info.RowBytes;
        for (var y = 0; y < info.Height; y++)
        {
            var r = y / scale;
            for (var x = 0; x < info.Width; x++)
            {
                var c = Pixels[(r * Columns) + (x / scale)];
                var o = (y * stride) + (x * 4);
                bytes[o] = c.Red;
                bytes[o + 1] = c.Green;
                bytes[o + 2] = c.Blue;
                bytes[o + 3] = 255;
            }
        }

        return SKImage.FromPixelCopy(info, bytes, stride);
    }
}
