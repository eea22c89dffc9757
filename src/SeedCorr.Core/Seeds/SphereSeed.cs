using SeedCorr.Core.Geometry;
using System.Globalization;
using SeedCorr.Core.Bids;
using SeedCorr.Core.Masking;

namespace SeedCorr.Core.Seeds;

/// <summary>
/// A sphere seed, made once and applied to every run: a name, its BIDS <c>desc</c> label, a centre in world mm
/// (MNI for fMRIPrep's template spaces) and a radius. Coordinate-table atlases give one per row, with the atlas name
/// and row index.
/// </summary>
public sealed record SphereSeed
{
    /// <summary>Creates a seed; the label is the name with characters outside [0-9a-zA-Z+] removed.</summary>
    public SphereSeed(string name, WorldPoint center, double radius, string? atlas = null, int? index = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!double.IsFinite(center.X) || !double.IsFinite(center.Y) || !double.IsFinite(center.Z))
        {
            throw new SeedException(SeedErrorKind.InvalidParameter, $"the centre {center} of seed '{name}' is not a finite point in mm");
        }

        if (!double.IsFinite(radius) || radius < 0)
        {
            throw new SeedException(SeedErrorKind.InvalidParameter, $"the radius of seed '{name}' must be a non-negative number of mm, not {radius.ToString(CultureInfo.InvariantCulture)}");
        }

        Label = ToLabel(name);
        Name = name;
        Center = center;
        Radius = radius;
        Atlas = atlas;
        Index = index;
    }

    /// <summary>The name as given (PCC, 7Networks_LH_Default_PCC_1).</summary>
    public string Name { get; }

    /// <summary>The BIDS label used as <c>desc-&lt;label&gt;</c> in output names.</summary>
    public string Label { get; }

    /// <summary>The centre in world mm.</summary>
    public WorldPoint Center { get; }

    /// <summary>Radius in mm (0: the nearest voxel only).</summary>
    public double Radius { get; }

    /// <summary>The atlas (coordinate table) it comes from, or null.</summary>
    public string? Atlas { get; }

    /// <summary>Its index in that atlas, or null.</summary>
    public int? Index { get; }

    /// <summary>
    /// Seeds from names and centres (one name per centre; without names each seed is named by its coordinates,
    /// <c>x0ym52z18</c>). Labels must be unique, because they become file names.
    /// </summary>
    public static IReadOnlyList<SphereSeed> Create(IReadOnlyList<WorldPoint> centers, double radius, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(centers);
        if (centers.Count == 0)
        {
            throw new SeedException(SeedErrorKind.InvalidParameter, "give at least one coordinate");
        }

        if (names is { Count: > 0 } && names.Count != centers.Count)
        {
            throw new SeedException(SeedErrorKind.InvalidParameter, $"{names.Count} name(s) for {centers.Count} coordinate(s): give one name per coordinate, or none");
        }

        var seeds = centers.Select((c, i) => new SphereSeed(names is { Count: > 0 } ? names[i] : CoordinateName(c), c, radius)).ToList();
        RequireUniqueLabels(seeds.Select(s => (s.Label, s.Name)));
        return seeds;
    }

    /// <summary>Throws when two names give the same label (their output files would overwrite each other).</summary>
    internal static void RequireUniqueLabels(IEnumerable<(string Label, string Name)> labels)
    {
        var clash = labels.GroupBy(l => l.Label, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new SeedException(SeedErrorKind.InvalidParameter,
                $"the names {string.Join(", ", clash.Select(c => $"'{c.Name}'"))} all become the label '{clash.Key}', so their output files would collide; give distinct names");
        }
    }

    private static string CoordinateName(WorldPoint center)
    {
        try
        {
            return BidsLabel.FromCoordinate(center);
        }
        catch (BidsException ex)
        {
            throw new SeedException(SeedErrorKind.InvalidParameter, $"the centre {center} is not a finite point in mm", ex);
        }
    }

    internal static string ToLabel(string name)
    {
        try
        {
            return BidsLabel.FromName(name);
        }
        catch (BidsException ex)
        {
            throw new SeedException(SeedErrorKind.InvalidParameter, ex.Message, ex);
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} {Center} r={Radius:0.###} mm");
}
