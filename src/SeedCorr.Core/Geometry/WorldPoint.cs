using System.Globalization;

namespace SeedCorr.Core.Geometry;

/// <summary>A point in world (scanner/MNI) millimetres.</summary>
public readonly record struct WorldPoint(double X, double Y, double Z)
{
    /// <summary>Invariant text: (0, -52, 18).</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"({X:0.###}, {Y:0.###}, {Z:0.###})");
}
