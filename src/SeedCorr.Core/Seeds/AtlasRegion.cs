using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;

namespace SeedCorr.Core.Seeds;

/// <summary>
/// One region of an atlas: its integer index, its name ("unknown" when a labels table does not list it), its BIDS
/// label, and either its voxel count in the atlas image or its centre (coordinate tables).
/// </summary>
public sealed record AtlasRegion(int Index, string Name, string Label, int? VoxelCount = null, WorldPoint? Center = null)
{
    /// <inheritdoc />
    public override string ToString() => $"{Index} {Name}";
}
