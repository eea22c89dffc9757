using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Seeds;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Seeds;

public class SeedDefinitionTests
{
    [Fact]
    public void Sphere_seeds_take_one_name_per_coordinate_and_default_to_coordinate_labels()
    {
        var named = SphereSeed.Create([new(0, -52, 18), new(-46, -66, 32)], 8, ["PCC", "L-AG"]);
        Assert.Equal(["PCC", "LAG"], named.Select(s => s.Label));
        Assert.Equal(new WorldPoint(-46, -66, 32), named[1].Center);
        Assert.Equal(8, named[1].Radius);
        var unnamed = SphereSeed.Create([new(0, -52, 18)], 6);
        Assert.Equal("x0ym52z18", unnamed[0].Name);
        Assert.Equal("x0ym52z18", unnamed[0].Label);
    }

    [Fact]
    public void Bad_sphere_seeds_are_refused_with_the_reason()
    {
        Assert.Contains("one name per coordinate", Assert.Throws<SeedException>(() => SphereSeed.Create([new(0, 0, 0), new(1, 1, 1)], 5, ["A"])).Message, StringComparison.Ordinal);
        Assert.Contains("'L_AG'", Assert.Throws<SeedException>(() => SphereSeed.Create([new(0, 0, 0), new(1, 1, 1)], 5, ["LAG", "L_AG"])).Message, StringComparison.Ordinal);
        Assert.Equal(SeedErrorKind.InvalidParameter, Assert.Throws<SeedException>(() => SphereSeed.Create([new(0, 0, 0)], -1)).Kind);
        Assert.Equal(SeedErrorKind.InvalidParameter, Assert.Throws<SeedException>(() => SphereSeed.Create([new(0, double.NaN, 0)], 1)).Kind);
        Assert.Equal(SeedErrorKind.InvalidParameter, Assert.Throws<SeedException>(() => SphereSeed.Create([new(0, 0, 0)], 1, ["__"])).Kind);
    }

    [Fact]
    public void The_built_in_Schaefer_atlas_has_its_100_centroids_and_its_licence()
    {
        var atlas = BuiltInSeedAtlas.Load(BuiltInAtlas.Schaefer2018_100_7, 5);
        Assert.Equal(SeedAtlasKind.Coordinates, atlas.Kind);
        Assert.Equal(100, atlas.Regions.Count);
        Assert.Equal(Enumerable.Range(1, 100), atlas.Regions.Select(r => r.Index));
        Assert.Equal(new AtlasRegion(1, "7Networks_LH_Vis_1", "7NetworksLHVis1", null, new WorldPoint(-26, -34, -18)), atlas.Regions[0]);
        Assert.Equal("7Networks_RH_Default_pCunPCC_2", atlas.Regions[99].Name);
        Assert.Contains("Permission is hereby granted", atlas.License, StringComparison.Ordinal);
        Assert.Contains("CBIG", atlas.License, StringComparison.Ordinal);
        var seeds = atlas.ToSphereSeeds();
        Assert.All(seeds, s => Assert.Equal(5, s.Radius));
        Assert.Equal("Schaefer2018100Parcels7Networks", seeds[0].Atlas);
        Assert.Equal(100, seeds.Select(s => s.Label).Distinct().Count());
    }

    [Fact]
    public void Reads_Power_and_Dosenbach_tables_giving_unique_labels()
    {
        var power = SeedAtlas.FromCoordinates("Power2011", CoordinateTableReader.Read(TestData.Path("study", "coordinates", "power_2011.csv")), 5, "power");
        Assert.Equal(264, power.Regions.Count);
        Assert.Equal(new WorldPoint(-25, -98, -12), power.Regions[0].Center);
        Assert.Equal("xm25ym98zm12", power.Regions[0].Label);

        var dosenbach = SeedAtlas.FromCoordinates("Dosenbach2010", CoordinateTableReader.Read(TestData.Path("study", "coordinates", "dosenbach_2010.csv")), 5, "dosenbach");
        Assert.Equal(160, dosenbach.Regions.Count);
        Assert.Equal("vmPFC", dosenbach.Regions[0].Name);
        Assert.Equal(new WorldPoint(6, 64, 3), dosenbach.Regions[0].Center);
        Assert.Equal(160, dosenbach.Regions.Select(r => r.Label).Distinct().Count());
        var acc = dosenbach.Regions.Where(r => r.Name == "ACC").ToList();
        Assert.True(acc.Count > 1);
        Assert.All(acc, r => Assert.Equal("ACC" + r.Index, r.Label));
    }

    [Fact]
    public void Coordinate_tables_with_problems_name_the_row_or_header()
    {
        Assert.Contains("x, y, z", Assert.Throws<SeedException>(() => CoordinateTableReader.Parse(["a,b,c", "1,2,3"], "t.csv")).Message, StringComparison.Ordinal);
        Assert.Contains("row 3 of t.csv", Assert.Throws<SeedException>(() => CoordinateTableReader.Parse(["x,y,z", "1,2,3", "1,two,3"], "t.csv")).Message, StringComparison.Ordinal);
        Assert.Contains("index 1 appears 2 times", Assert.Throws<SeedException>(() =>
            SeedAtlas.FromCoordinates("A", CoordinateTableReader.Parse(["index\tx\ty\tz", "1\t0\t0\t0", "1\t1\t1\t1"], "t.tsv"), 4, "t.tsv")).Message, StringComparison.Ordinal);
        var spaced = CoordinateTableReader.Parse(["X Y Z name", "1 2 3 left", "-4 5.5 6 right"], "w.txt");
        Assert.Equal([(1, "left", new WorldPoint(1, 2, 3)), (2, "right", new WorldPoint(-4, 5.5, 6))], spaced);
    }

    [Fact]
    public void A_labels_image_without_a_table_names_regions_by_index_and_reports_table_mismatches()
    {
        using var dir = new TempDir();
        var data = new float[27];
        data[0] = 3;
        data[1] = 3;
        data[13] = 7;
        var image = NiftiImage.Create(data, [3, 3, 3], Affine.Identity);
        var plain = SeedAtlas.FromLabelsImage(image, null, "Mine", []);
        Assert.Equal([new AtlasRegion(3, "3", "3", 2), new AtlasRegion(7, "7", "7", 1)], plain.Regions);

        var table = dir.Path("atlas_dseg.tsv");
        File.WriteAllText(table, "index\tname\tcolor\n3\tLeft thing\t#ff0000\n9\tNowhere\t#00ff00\n");
        var warnings = new List<string>();
        var named = SeedAtlas.FromLabelsImage(image, table, "Mine", warnings);
        Assert.Equal(["Left thing", "unknown"], named.Regions.Select(r => r.Name));
        Assert.Equal(2, warnings.Count);
        Assert.Contains("7", warnings[0], StringComparison.Ordinal);
        Assert.Contains("9 (Nowhere)", warnings[1], StringComparison.Ordinal);

        File.WriteAllText(table, "label\tregion\n3\tx\n");
        Assert.Contains("'index' and 'name'", Assert.Throws<SeedException>(() => SeedAtlas.FromLabelsImage(image, table, "Mine", [])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_images_must_hold_whole_numbers_and_some_label()
    {
        var frac = new float[8];
        frac[2] = 0.5f;
        Assert.Contains("0.5", Assert.Throws<SeedException>(() => SeedAtlas.FromLabelsImage(NiftiImage.Create(frac, [2, 2, 2], Affine.Identity), null, "A", [])).Message, StringComparison.Ordinal);
        Assert.Contains("no label", Assert.Throws<SeedException>(() => SeedAtlas.FromLabelsImage(NiftiImage.Create(new float[8], [2, 2, 2], Affine.Identity), null, "A", [])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_lost_in_resampling_are_reported_by_index_and_name_and_none_left_is_an_error()
    {
        // 1 mm atlas with a one-voxel label 2 at (1,1,1) and label 1 elsewhere; a 2 mm target samples even voxels only.
        var data = new float[4 * 4 * 4];
        for (int n = 0; n < data.Length; n++)
        {
            data[n] = 1;
        }

        data[1 + (4 * (1 + (4 * 1)))] = 2;
        var image = NiftiImage.Create(data, [4, 4, 4], Affine.Identity);
        using var dir = new TempDir();
        var table = dir.Path("dseg.tsv");
        File.WriteAllText(table, "index\tname\n1\tBig\n2\tTiny\n");
        var atlas = SeedAtlas.FromLabelsImage(image, table, "A", []);
        var onGrid = atlas.OnGrid([2, 2, 2], Affine.Diagonal(2, 2, 2));
        var masker = onGrid.ToMasker();
        Assert.Equal([1], masker.Labels);
        Assert.Equal(["Big"], masker.Names);
        Assert.Equal([8], masker.VoxelCounts);
        Assert.Equal(new AtlasRegion(1, "Big", "Big", 8), onGrid.Regions.Single());
        Assert.Equal(2, onGrid.Lost.Single().Index);
        Assert.Contains("2 (Tiny)", onGrid.LostMessage, StringComparison.Ordinal);
        var ex = Assert.Throws<SeedException>(() => atlas.OnGrid([2, 2, 2], Affine.Diagonal(2, 2, 2, 100, 100, 100)));
        Assert.Equal(SeedErrorKind.NoLabelLeft, ex.Kind);
    }
}
