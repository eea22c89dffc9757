using System.Text.Json.Nodes;
using SeedCorr.Core.Bids;

namespace SeedCorr.Core.Seeds;

/// <summary>
/// How a seed appears in output names and sidecars: <c>[atlas-&lt;A&gt;_]desc-&lt;seed&gt;</c> entities, and the
/// <c>Seed</c> object of a map's JSON sidecar.
/// </summary>
public static class SeedOutputs
{
    /// <summary>
    /// The seed map name of a run: <c>&lt;src&gt;_space-&lt;S&gt;[_atlas-&lt;A&gt;]_stat-&lt;stat&gt;_desc-&lt;seed&gt;_boldmap&lt;ext&gt;</c>.
    /// </summary>
    /// <param name="bold">The run's preprocessed BOLD name.</param>
    /// <param name="atlasLabel">The atlas label, or null for a seed of its own.</param>
    /// <param name="seedLabel">The seed's (or region's) label.</param>
    /// <param name="stat"><c>pearsoncorrelation</c> or <c>fisherz</c>.</param>
    /// <param name="extension"><c>.nii.gz</c> or <c>.json</c>.</param>
    public static BidsFileName MapName(BidsFileName bold, string? atlasLabel, string seedLabel, string stat, string extension) =>
        DerivativeName.For(bold, [new("atlas", atlasLabel), new("stat", stat), new("desc", seedLabel)], "boldmap", extension);

    /// <summary>The sidecar's <c>Seed</c> object of a sphere seed: type, name, centre (mm), radius (mm), and its atlas and index when from a table.</summary>
    public static JsonObject Describe(SphereSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var o = new JsonObject
        {
            ["Type"] = "sphere",
            ["Name"] = seed.Name,
            ["Coordinates"] = new JsonArray(seed.Center.X, seed.Center.Y, seed.Center.Z),
            ["RadiusMM"] = seed.Radius,
        };
        if (seed.Atlas is not null)
        {
            o["Atlas"] = seed.Atlas;
            o["Index"] = seed.Index;
        }

        return o;
    }

    /// <summary>The sidecar's <c>Seed</c> object of a labels-atlas region on a run's grid: atlas, file, index, name, voxel count there.</summary>
    public static JsonObject Describe(AtlasOnGrid onGrid, AtlasRegion region)
    {
        ArgumentNullException.ThrowIfNull(onGrid);
        ArgumentNullException.ThrowIfNull(region);
        var o = new JsonObject
        {
            ["Type"] = "atlas",
            ["Atlas"] = onGrid.Atlas.Name,
            ["Index"] = region.Index,
            ["Name"] = region.Name,
            ["VoxelCount"] = region.VoxelCount,
            ["Resampling"] = "nearest",
        };
        if (onGrid.Atlas.SourcePath is not null)
        {
            o["AtlasFile"] = onGrid.Atlas.SourcePath;
        }

        return o;
    }
}
