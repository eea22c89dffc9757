using SeedCorr.Core.Bids;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;

namespace SeedCorr.Core.Seeds;

/// <summary>How an atlas defines its seeds.</summary>
public enum SeedAtlasKind
{
    /// <summary>An integer labels image (BIDS dseg): each label is a seed, resampled to each run's grid.</summary>
    LabelsImage,
    /// <summary>A table of centres: each row is a sphere seed of the atlas radius.</summary>
    Coordinates,
}

/// <summary>
/// A set of seeds made once and applied to every run: a labels image on its own grid, or a coordinate table with a
/// radius. Its name becomes the <c>atlas-&lt;label&gt;</c> entity of the outputs, each region's name their
/// <c>desc-&lt;label&gt;</c>.
/// </summary>
public sealed class SeedAtlas
{
    private readonly LabelsVolume? _labels;

    private SeedAtlas(string name, SeedAtlasKind kind, IReadOnlyList<AtlasRegion> regions, LabelsVolume? labels, double? radius, string? source, string? table, string? license)
    {
        Name = name;
        Label = SphereSeed.ToLabel(name);
        Kind = kind;
        Regions = regions;
        _labels = labels;
        Radius = radius;
        SourcePath = source;
        TablePath = table;
        License = license;
    }

    /// <summary>The atlas name as given.</summary>
    public string Name { get; }

    /// <summary>Its BIDS label (the <c>atlas-</c> entity).</summary>
    public string Label { get; }

    /// <summary>Labels image or coordinates.</summary>
    public SeedAtlasKind Kind { get; }

    /// <summary>The regions, by index: for a labels image those present in it, with their voxel counts there.</summary>
    public IReadOnlyList<AtlasRegion> Regions { get; }

    /// <summary>The sphere radius in mm (coordinate atlases), or null.</summary>
    public double? Radius { get; }

    /// <summary>The labels image or coordinate table read, or null for a built-in atlas.</summary>
    public string? SourcePath { get; }

    /// <summary>The labels table (index/name TSV) read, or null.</summary>
    public string? TablePath { get; }

    /// <summary>The licence text of a built-in atlas, or null.</summary>
    public string? License { get; }

    /// <summary>The labels image's shape (labels atlases), or null.</summary>
    public IReadOnlyList<int>? GridShape => _labels?.Shape;

    /// <summary>The labels image's affine (labels atlases), or null.</summary>
    public Affine? GridAffine => _labels?.Affine;

    /// <summary>
    /// An atlas from a labels image and, optionally, a BIDS dseg table (<c>index</c>, <c>name</c> columns). Labels in
    /// the image that the table lacks are named "unknown" and table rows absent from the image are dropped, as
    /// nilearn does with a look-up table; both are reported in <paramref name="warnings"/>. Without a table each
    /// region is named by its index.
    /// </summary>
    public static SeedAtlas FromLabelsImage(NiftiImage image, string? tablePath, string name, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(warnings);
        var labels = LabelsVolume.FromImage(image);
        var counts = labels.CountVoxels();
        if (counts.Count == 0)
        {
            throw new SeedException(SeedErrorKind.InvalidAtlas, $"the labels image {image.Path ?? "(in memory)"} has no label: every voxel is background (0)");
        }

        var table = tablePath is null ? null : LabelsTableReader.Read(tablePath);
        if (table is not null)
        {
            var unnamed = counts.Keys.Where(k => !table.ContainsKey(k)).ToList();
            if (unnamed.Count > 0)
            {
                warnings.Add($"the labels {string.Join(", ", unnamed)} of {Path.GetFileName(image.Path)} are not in {Path.GetFileName(tablePath)}; they are named 'unknown'");
            }

            var absent = table.Keys.Where(k => k != 0 && !counts.ContainsKey(k)).ToList();
            if (absent.Count > 0)
            {
                warnings.Add($"{Path.GetFileName(tablePath)} lists {string.Join(", ", absent.Select(k => $"{k} ({table[k]})"))}, which the image does not contain; they are left out");
            }
        }

        var regions = UniqueLabels(counts.Select(kv =>
        {
            var regionName = table is null ? kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture) : table.GetValueOrDefault(kv.Key, "unknown");
            return (kv.Key, regionName, (int?)kv.Value, (WorldPoint?)null);
        }));
        return new SeedAtlas(name, SeedAtlasKind.LabelsImage, regions, labels, null, image.Path, tablePath, null);
    }

    /// <summary>An atlas of sphere seeds from centres (index, name or null, centre).</summary>
    public static SeedAtlas FromCoordinates(string name, IReadOnlyList<(int Index, string? Name, WorldPoint Center)> rows, double radius, string? source, string? license = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new SeedException(SeedErrorKind.InvalidAtlas, $"the coordinate table {source} has no rows");
        }

        if (!double.IsFinite(radius) || radius < 0)
        {
            throw new SeedException(SeedErrorKind.InvalidParameter, $"the radius must be a non-negative number of mm, not {radius}");
        }

        var dup = rows.GroupBy(r => r.Index).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            throw new SeedException(SeedErrorKind.InvalidAtlas, $"the index {dup.Key} appears {dup.Count()} times in {source}");
        }

        var regions = UniqueLabels(rows.Select(r => (r.Index, r.Name ?? BidsLabel.FromCoordinate(r.Center), (int?)null, (WorldPoint?)r.Center)));
        return new SeedAtlas(name, SeedAtlasKind.Coordinates, regions, null, radius, source, null, license);
    }

    // Region labels must be unique within an atlas (they become file names): a label shared by several regions
    // (Dosenbach 2010 has many "occipital") gets the region's index appended.
    private static List<AtlasRegion> UniqueLabels(IEnumerable<(int Index, string Name, int? Voxels, WorldPoint? Center)> rows)
    {
        var list = rows.Select(r => (r.Index, r.Name, Label: SphereSeed.ToLabel(r.Name), r.Voxels, r.Center)).ToList();
        var shared = list.GroupBy(r => r.Label, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var regions = list.Select(r => new AtlasRegion(r.Index, r.Name,
            shared.Contains(r.Label) ? r.Label + r.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) : r.Label, r.Voxels, r.Center)).ToList();
        SphereSeed.RequireUniqueLabels(regions.Select(r => (r.Label, r.Name)));
        return regions;
    }

    /// <summary>The sphere seeds of a coordinate atlas (one per region, with this atlas's name and the region's index).</summary>
    public IReadOnlyList<SphereSeed> ToSphereSeeds()
    {
        if (Kind != SeedAtlasKind.Coordinates || Radius is null)
        {
            throw new SeedException(SeedErrorKind.InvalidParameter, $"the atlas {Name} is a labels image, not a coordinate table");
        }

        return Regions.Select(r => new SphereSeed(r.Name, r.Center!.Value, Radius.Value, Name, r.Index)).ToList();
    }

    /// <summary>
    /// A labels atlas on a run's grid (nearest neighbour, as nilearn's NiftiLabelsMasker): the labels left, in column
    /// order with their voxel counts on that grid, and the regions lost in resampling. Throws when none is left.
    /// </summary>
    public AtlasOnGrid OnGrid(IReadOnlyList<int> shape, Affine affine)
    {
        if (_labels is null)
        {
            throw new SeedException(SeedErrorKind.InvalidParameter, $"the atlas {Name} is a coordinate table; use ToSphereSeeds()");
        }

        var resampled = LabelsResampler.Resample(_labels, shape, affine);
        var counts = VoxelsPerLabel(resampled.Values);
        var byIndex = Regions.ToDictionary(r => r.Index);
        // Ascending label order: nilearn's np.unique order, the column order of the labels masker.
        var present = counts.Select(c => byIndex[c.Key] with { VoxelCount = c.Value }).ToList();
        var lost = Regions.Where(r => !counts.ContainsKey(r.Index)).ToList();
        if (present.Count == 0)
        {
            throw new SeedException(SeedErrorKind.NoLabelLeft,
                $"no label of the atlas {Name} is left after resampling it to the grid ({string.Join('x', shape.Take(3))}): the atlas and the data do not overlap, or the regions are smaller than the data's voxels");
        }

        return new AtlasOnGrid(this, resampled, present, lost);
    }

    /// <summary>The voxel count of each non-background label, by ascending label.</summary>
    private static SortedDictionary<int, int> VoxelsPerLabel(ReadOnlySpan<int> values)
    {
        var counts = new SortedDictionary<int, int>();
        foreach (var v in values)
        {
            if (v != 0)
            {
                counts[v] = counts.GetValueOrDefault(v) + 1;
            }
        }

        return counts;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Kind}, {Regions.Count} regions)";
}

/// <summary>A labels atlas resampled to one grid (see <see cref="SeedAtlas.OnGrid"/>).</summary>
/// <param name="Atlas">The atlas.</param>
/// <param name="Labels">The labels on the grid.</param>
/// <param name="Regions">The regions left, in column order (ascending index), with their voxel counts on this grid.</param>
/// <param name="Lost">The regions that no voxel of this grid samples.</param>
public sealed record AtlasOnGrid(SeedAtlas Atlas, LabelsVolume Labels, IReadOnlyList<AtlasRegion> Regions, IReadOnlyList<AtlasRegion> Lost)
{
    /// <summary>
    /// The labels masker of this run's grid: one column per region left (in <see cref="Regions"/> order), named by
    /// region name, extracting nilearn's NiftiLabelsMasker means in the same read as the other maskers.
    /// </summary>
    public LabelsMasker ToMasker() =>
        new(Labels.Values.ToArray(), Labels.Shape, Labels.Affine, Regions.Select(r => r.Index).ToArray(), Regions.Select(r => r.Name).ToArray());

    /// <summary>nilearn's wording, with names: "the following labels were removed: 3 (LAG), …".</summary>
    public string? LostMessage => Lost.Count == 0 ? null
        : $"After resampling the atlas {Atlas.Name} to the data's grid, the following labels were removed: {string.Join(", ", Lost.Select(r => $"{r.Index} ({r.Name})"))}. {Regions.Count} of {Atlas.Regions.Count} labels are left.";
}
