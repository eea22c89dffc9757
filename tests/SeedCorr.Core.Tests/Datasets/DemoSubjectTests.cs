using SeedCorr.Core.Confounds;
using SeedCorr.Core.Connectivity;
using SeedCorr.Core.Datasets;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Signal;
using SeedCorr.Core.Tests.Support;
using Xunit.Abstractions;

namespace SeedCorr.Core.Tests.Datasets;

/// <summary>One demo subject for the whole class (generating it takes a few seconds).</summary>
public sealed class DemoSubjectFixture : IDisposable
{
    private readonly TempDir _dir = new();

    public DemoSubjectFixture() => Subject = DemoSubjectGenerator.Get(DemoSubjectSize.Development, _dir.FullName);

    public DemoSubject Subject { get; }

    public string CacheDirectory => _dir.FullName;

    public void Dispose() => _dir.Dispose();
}

public sealed class DemoSubjectTests(DemoSubjectFixture fixture, ITestOutputHelper output) : IClassFixture<DemoSubjectFixture>
{
    [Fact]
    public void Has_the_development_subjects_shape_affine_and_TR()
    {
        var header = NiftiReader.ReadHeader(fixture.Subject.Func);
        Assert.Equal([50L, 59, 50, 168], header.Shape);
        Assert.Equal(2.0, header.RepetitionTime);
        Assert.Equal(NiftiDataType.Float32, header.DataType);
        Assert.True(header.BestAffine.MaxAbsDifference(SeedCorr.Core.Geometry.Affine.Diagonal(4, 4, 4, -96, -132, -78)) < 1e-6);
    }

    [Fact]
    public void Has_the_examples_15_confounds_and_a_full_table_with_na_in_row_1()
    {
        var reduced = ConfoundsReader.Read(fixture.Subject.Confounds);
        Assert.Equal(["trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z", "framewise_displacement",
            "a_comp_cor_00", "a_comp_cor_01", "a_comp_cor_02", "a_comp_cor_03", "a_comp_cor_04", "a_comp_cor_05", "csf", "white_matter"],
            reduced.ColumnNames.ToArray());
        Assert.Equal(168, reduced.Rows);
        Assert.Empty(reduced.FilledColumns);
        var firstLine = File.ReadLines(fixture.Subject.FullConfounds).Skip(1).First();
        Assert.Contains("n/a", firstLine, StringComparison.Ordinal);
        var full = ConfoundsReader.Read(fixture.Subject.FullConfounds);
        Assert.Contains("framewise_displacement", full.FilledColumns);
    }

    [Fact]
    public void Is_generated_once_and_deterministic()
    {
        var again = DemoSubjectGenerator.Get(DemoSubjectSize.Development, fixture.CacheDirectory);
        Assert.Equal(fixture.Subject.Func, again.Func);
        using var other = new TempDir();
        var fresh = DemoSubjectGenerator.Get(DemoSubjectSize.Development, other.FullName);
        Assert.Equal(File.ReadAllBytes(fixture.Subject.Confounds), File.ReadAllBytes(fresh.Confounds));
        Assert.Equal(NiftiReader.Read(fixture.Subject.Func).GetData(), NiftiReader.Read(fresh.Func).GetData());
    }

    [Fact]
    public void The_strongest_PCC_correlations_lie_in_the_planted_default_mode_network() =>
        AssertPlantedDefaultModeNetwork(NiftiReader.Read(fixture.Subject.Func), ConfoundsReader.Read(fixture.Subject.Confounds), output);

    /// <summary>The PCC seed's top 1 % of voxels lie in the planted DMN regions and reach all four (also used for the demo study's runs).</summary>
    internal static void AssertPlantedDefaultModeNetwork(NiftiImage func, ConfoundsTable conf, ITestOutputHelper output)
    {
        var options = new SignalCleanOptions
        {
            Detrend = true, Standardize = Standardization.ZScore, LowPass = 0.1, HighPass = 0.01, RepetitionTime = 2,
            Confounds = conf.GetValues(), ConfoundCount = conf.Columns,
        };
        var seed = SignalCleaner.Clean(new SphereMasker([new WorldPoint(0, -52, 18)], 8).Transform(func, []), options).Signals;
        var masker = BrainMasker.Fit(func, MaskStrategy.Background, [6]);
        var brain = SignalCleaner.Clean(masker.Transform(func, []), options).Signals;
        var map = SeedCorrelation.Compute(brain, seed);

        var r = map.GetCorrelations();
        var ijk = masker.VoxelIndices();
        var top = Enumerable.Range(0, r.Length).OrderByDescending(i => r[i]).Take(r.Length / 100).ToArray();
        bool InDmn(int voxel)
        {
            var (x, y, z) = func.Affine.Apply(ijk[voxel].I, ijk[voxel].J, ijk[voxel].K);
            return DemoSubject.DefaultModeNetwork.Any(c => Math.Sqrt(((x - c.X) * (x - c.X)) + ((y - c.Y) * (y - c.Y)) + ((z - c.Z) * (z - c.Z))) <= DemoSubject.RegionRadius + 8);
        }

        var inside = top.Count(InDmn);
        var regionsHit = DemoSubject.DefaultModeNetwork.Count(c => top.Any(v =>
        {
            var (x, y, z) = func.Affine.Apply(ijk[v].I, ijk[v].J, ijk[v].K);
            return Math.Sqrt(((x - c.X) * (x - c.X)) + ((y - c.Y) * (y - c.Y)) + ((z - c.Z) * (z - c.Z))) <= DemoSubject.RegionRadius + 8;
        }));
        output.WriteLine($"{map}; brain {brain.Shape}; top 1% = {top.Length} voxels, {inside} ({100.0 * inside / top.Length:0.#}%) in the planted DMN regions, {regionsHit}/4 regions reached");
        Assert.True(inside >= 0.9 * top.Length, $"{inside} of {top.Length}");
        Assert.Equal(4, regionsHit);
        Assert.True(map.Max > 0.8f);
    }
}
