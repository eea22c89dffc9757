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
    /// <summary>The colour at a world position of the panel plane (u across, v up).</summary>
    public SKColor At(double u, double v)
    {
        var c = (int)Math.Floor((u - Across.Min) / WidthMm * Columns);
        var r = (int)Math.Floor((Up.Min + HeightMm - v) / HeightMm * Rows);
        return Pixels[(Math.Clamp(r, 0, Rows - 1) * Columns) + Math.Clamp(c, 0, Columns - 1)];
    }

    /// <summary>The slice as an image, one pixel per display cell.</summary>
    public SKImage ToImage()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(Columns, Rows, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                bitmap.SetPixel(c, r, Pixels[(r * Columns) + c]);
            }
        }

        return SKImage.FromBitmap(bitmap);
    }
}
