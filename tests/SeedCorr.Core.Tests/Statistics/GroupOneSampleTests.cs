using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Statistics;
using SeedCorr.Core.Tests.Support;
using Xunit.Abstractions;

namespace SeedCorr.Core.Tests.Statistics;

/// <summary>
/// The group test on the study fixture (tests/data/study-group: 4 subjects, sub-03 with two runs) against scipy's
/// ttest_1samp maps in its reference/ folder, and the input checks.
/// </summary>
public sealed class GroupOneSampleTests(ITestOutputHelper output)
{
    private static string[] PccMaps() => Directory.GetFiles(TestData.Path("study-group"), "sub-*_desc-PCC_boldmap.nii.gz").Order(StringComparer.Ordinal).ToArray();

    private static double[] Reference(string name) => NiftiReader.ReadAsDouble(TestData.Path("study-group", "reference", name + ".nii.gz")).Data;

    [Fact]
    public void The_fixture_study_gives_scipys_t_p_and_mean_on_the_same_mask()
    {
        var set = GroupMapInput.Load(PccMaps());
        Assert.Equal(["01", "02", "03", "04"], set.Subjects);
        Assert.Equal(2, set.Runs[2].Count);
        Assert.Equal(5, set.RunCount);
        Assert.Equal("PCC", set.Entities["desc"]);
        Assert.Equal("rest", set.Entities["task"]);

        using var dir = new TempDir();
        var result = GroupOneSampleAnalysis.Run(set, new GroupTestOptions { ClusterThreshold = 5, Fdr = 0.05 }, dir.FullName, overwrite: false);
        var read = (string stat) => NiftiReader.ReadAsDouble(GroupOutputNames.StatMap(dir.FullName, set, stat)).Data;
        var mask = Reference("mask");
        var ours = NiftiReader.ReadAsDouble(GroupOutputNames.Mask(dir.FullName, set)).Data;
        Assert.Equal(mask, ours);
        Assert.Equal(4060, result.Voxels);

        var worst = new Dictionary<string, double>();
        foreach (var (stat, reference, tolerance) in new[] { ("t", "pcc_t", 1e-4), ("p", "pcc_p", 1e-6), ("effect", "pcc_mean_z", 1e-6) })
        {
            var expected = Reference(reference);
            var actual = read(stat);
            var max = expected.Select((e, v) => Math.Abs(e - actual[v])).Max();
            worst[stat] = max;
            Assert.True(max <= tolerance, $"{stat}: max |difference| {max:E2} > {tolerance:E0}");
        }

        output.WriteLine($"max |Δ| vs scipy: t {worst["t"]:E2}, p {worst["p"]:E2}, mean z {worst["effect"]:E2}");

        var t = read("t");
        var header = NiftiReader.ReadHeader(GroupOutputNames.StatMap(dir.FullName, set, "t"));
        Assert.Equal((GroupOneSampleAnalysis.IntentTTest, 3.0), (header.IntentCode, header.IntentParameters[0]));
        Assert.Equal(GroupOneSampleAnalysis.IntentZScore, NiftiReader.ReadHeader(GroupOutputNames.StatMap(dir.FullName, set, "z")).IntentCode);
        Assert.Equal(GroupOneSampleAnalysis.IntentPValue, NiftiReader.ReadHeader(GroupOutputNames.StatMap(dir.FullName, set, "p")).IntentCode);

        // The peak is the voxel of largest |t|, at its world coordinate on the 8 mm grid.
        var peak = Enumerable.Range(0, t.Length).MaxBy(v => Math.Abs(t[v]));
        Assert.Equal(t[peak], result.PeakT, 5);
        var affine = NiftiReader.ReadHeader(GroupOutputNames.StatMap(dir.FullName, set, "t")).BestAffine;
        var world = affine.Apply(peak % 24, peak / 24 % 28, peak / (24 * 28));
        Assert.Equal([world.X, world.Y, world.Z], result.PeakMni);

        // z of equal p: the two-sided normal p of z is the t's p.
        var z = read("z");
        var p = read("p");
        var inside = Enumerable.Range(0, t.Length).Where(v => mask[v] > 0).ToArray();
        Assert.All(inside, v => Assert.True(Math.Sign(z[v]) == Math.Sign(t[v]) && Math.Abs(z[v]) <= Math.Abs(t[v]) + 1e-6));
        Assert.All(inside, v => Assert.True(Math.Abs(p[v] - MathNet.Numerics.SpecialFunctions.Erfc(Math.Abs(z[v]) / Math.Sqrt(2))) <= 1e-6)); // float32 maps

        // FDR: with df 3 no voxel survives Benjamini-Hochberg at q 0.05 (numpy on the reference p map: the smallest p
        // is 5.2e-4 against a first step of 0.05/4060 = 1.2e-5, and none is under its line up to q 0.3), so the
        // thresholded map is empty.
        Assert.Null(result.FdrThresholdP);
        Assert.Equal(0, result.FdrVoxels);
        Assert.All(read("tfdr"), v => Assert.Equal(0, v));
        // scipy.ndimage.label(|t| > 5 in the mask, generate_binary_structure(3, 1)) on the reference t map, clusters by
        // descending peak, positive first (nilearn's get_clusters_table procedure): 51 clusters, 25 positive.
        Assert.Equal(51, result.Clusters.Count);
        Assert.Equal(25, result.Clusters.Count(c => c.Sign > 0));
        Assert.Equal([(1, (16, 13, 15)), (2, (20, 13, 10)), (1, (12, 7, 9)), (1, (10, 23, 10))], result.Clusters.Take(4).Select(c => (c.Voxels, c.PeakVoxel)));
        Assert.Equal([(16, 18, 11), (4, 11, 8), (6, 10, 11)], result.Clusters.TakeLast(3).Select(c => c.PeakVoxel));
        Assert.Equal(1024, result.Clusters[1].VolumeMm3);
        var table = File.ReadAllLines(GroupOutputNames.Clusters(dir.FullName, set));
        Assert.StartsWith("Cluster ID\tX\tY\tZ\tPeak Stat\tCluster Size (mm3)", table[0], StringComparison.Ordinal);
        Assert.Equal(result.Clusters.Count + 1, table.Length);
        Assert.Equal(result.Clusters.Where(c => c.Sign > 0).Sum(c => c.Voxels), inside.Count(v => t[v] > 5));
        var sidecar = File.ReadAllText(GroupOutputNames.Sidecar(GroupOutputNames.StatMap(dir.FullName, set, "t")));
        Assert.Contains("\"MaskVoxels\": 4060", sidecar, StringComparison.Ordinal);
        Assert.Contains("sub-03_task-rest_run-2_space-MNI152NLin2009cAsym_stat-fisherz_desc-PCC_boldmap.nii.gz", sidecar, StringComparison.Ordinal);

        // Existing outputs are not replaced without overwrite.
        Assert.ThrowsAny<IOException>(() => GroupOneSampleAnalysis.Run(set, new GroupTestOptions(), dir.FullName, overwrite: false));
    }

    [Fact]
    public void A_mask_image_restricts_the_voxels_and_permutations_write_an_fwe_map()
    {
        var set = GroupMapInput.Load(PccMaps(), TestData.Path("study-group", "reference", "mask.nii.gz"));
        Assert.Equal(4060, set.Voxels);
        using var dir = new TempDir();
        var result = GroupOneSampleAnalysis.Run(set, new GroupTestOptions { Permutations = 100 }, dir.FullName, overwrite: true);
        Assert.True(result.PermutationExact); // 4 subjects: all 16 flips
        Assert.Equal(16, result.Permutations);
        Assert.Null(result.FamilyWiseThresholdT); // 16 flips: the best exact p is 1/16 > 0.05
        var fwe = NiftiReader.ReadAsDouble(GroupOutputNames.StatMap(dir.FullName, set, "pfwe")).Data;
        // With 4 subjects every exact two-sided p is a multiple of 2/16 (a flip and its negation tie), at least 2/16.
        Assert.InRange(result.MinFamilyWiseP!.Value, 2.0 / 16, 1);
        var inside = NiftiReader.ReadAsDouble(GroupOutputNames.Mask(dir.FullName, set)).Data;
        Assert.All(fwe.Where((_, v) => inside[v] > 0), v => Assert.Equal(0, (v * 8) - Math.Round(v * 8), 5));
    }

    [Theory]
    [InlineData(999, Tail.Two)]
    [InlineData(999, Tail.Negative)]
    [InlineData(5000, Tail.Positive)]
    public void The_fwe_and_fdr_thresholds_separate_the_voxels_the_p_maps_keep(int permutations, Tail tail)
    {
        var rng = new Random(permutations + (int)tail);
        const int voxels = 4 * 5 * 6;
        var data = Enumerable.Range(0, 12).Select(_ => Enumerable.Range(0, voxels).Select(v => (v < 30 ? 0.8 * (tail == Tail.Negative ? -1 : 1) : 0) + (rng.NextDouble() * 2) - 1).ToArray()).ToArray();
        var entities = new Dictionary<string, string?> { ["task"] = "rest", ["space"] = "MNI152NLin2009cAsym", ["atlas"] = null, ["desc"] = "PCC" };
        var set = new GroupMapSet(Enumerable.Range(1, 12).Select(s => $"{s:00}").ToList(), Enumerable.Range(1, 12).Select(s => (IReadOnlyList<string>)[$"sub-{s:00}.nii.gz"]).ToList(),
            data, Enumerable.Range(0, voxels).ToArray(), [4, 5, 6], Affine.Diagonal(2, 2, 2), new NiftiHeader { SformCode = 4, QformCode = 4 }, entities, 0);
        using var dir = new TempDir();
        var result = GroupOneSampleAnalysis.Run(set, new GroupTestOptions { Permutations = permutations, Tail = tail, Fdr = 0.05 }, dir.FullName, overwrite: false);
        Assert.Equal(permutations >= 4095, result.PermutationExact);
        var t = NiftiReader.ReadAsDouble(GroupOutputNames.StatMap(dir.FullName, set, "t")).Data;
        var fwe = NiftiReader.ReadAsDouble(GroupOutputNames.StatMap(dir.FullName, set, "pfwe")).Data;
        var p = NiftiReader.ReadAsDouble(GroupOutputNames.StatMap(dir.FullName, set, "p")).Data;
        double Oriented(double x) => tail switch { Tail.Positive => x, Tail.Negative => -x, _ => Math.Abs(x) };
        Assert.NotNull(result.FamilyWiseThresholdT);
        Assert.NotNull(result.FdrThresholdT);
        Assert.Contains(fwe, v => v <= 0.05);
        for (var v = 0; v < voxels; v++)
        {
            // float32 maps: compare away from the thresholds' rounding.
            if (Math.Abs(Oriented(t[v]) - result.FamilyWiseThresholdT!.Value) > 1e-5)
            {
                Assert.Equal(Oriented(t[v]) > result.FamilyWiseThresholdT.Value, fwe[v] <= 0.05 + 1e-7);
            }

            if (Math.Abs(Oriented(t[v]) - result.FdrThresholdT!.Value) > 1e-5)
            {
                Assert.Equal(Oriented(t[v]) >= result.FdrThresholdT.Value, p[v] <= result.FdrThresholdP!.Value * (1 + 1e-6));
            }
        }
    }

    private static string WriteMap(TempDir dir, string name, float[] data, Affine affine, int[] shape)
    {
        var path = dir.Path(name);
        NiftiWriter.Write(NiftiImage.Create(data, shape, affine), path);
        return path;
    }

    private static GroupStatisticsErrorKind Failure(IEnumerable<string> maps, string? mask = null) =>
        Assert.Throws<GroupStatisticsException>(() => GroupMapInput.Load(maps, mask)).Kind;

    [Fact]
    public void Bad_input_gives_typed_errors_naming_the_file()
    {
        var pcc = PccMaps();
        var sub03 = pcc.Where(f => f.Contains("sub-03", StringComparison.Ordinal)).ToArray();
        var oneSubject = Assert.Throws<GroupStatisticsException>(() => GroupMapInput.Load(sub03));
        Assert.Equal(GroupStatisticsErrorKind.TooFewSubjects, oneSubject.Kind);
        Assert.Contains("sub-03", oneSubject.Message, StringComparison.Ordinal);
        Assert.Equal(GroupStatisticsErrorKind.TooFewSubjects, Failure([]));

        var lag = Directory.GetFiles(TestData.Path("study-group", "other-seed"));
        var mixed = Assert.Throws<GroupStatisticsException>(() => GroupMapInput.Load(pcc.Concat(lag)));
        Assert.Equal(GroupStatisticsErrorKind.MixedSeeds, mixed.Kind);
        Assert.Contains("desc-LAG", mixed.Message, StringComparison.Ordinal);

        using var dir = new TempDir();
        var grid = NiftiReader.ReadHeader(pcc[0]);
        var shape = new[] { 24, 28, 24 };
        var nan = WriteMap(dir, "sub-05_task-rest_space-MNI152NLin2009cAsym_stat-fisherz_desc-PCC_boldmap.nii.gz", Enumerable.Repeat(float.NaN, 24 * 28 * 24).ToArray(), grid.BestAffine, shape);
        var empty = Assert.Throws<GroupStatisticsException>(() => GroupMapInput.Load(pcc.Append(nan)));
        Assert.Equal((GroupStatisticsErrorKind.EmptyMap, nan), (empty.Kind, empty.FilePath));

        var ones = Enumerable.Repeat(0.5f, 24 * 28 * 24).ToArray();
        var shifted = WriteMap(dir, "sub-06_task-rest_space-MNI152NLin2009cAsym_stat-fisherz_desc-PCC_boldmap.nii.gz", ones, Affine.Diagonal(8, 8, 8, -90, -124, -72), shape);
        Assert.Equal(GroupStatisticsErrorKind.GridMismatch, Failure(pcc.Append(shifted)));
        var smaller = WriteMap(dir, "sub-07_task-rest_space-MNI152NLin2009cAsym_stat-fisherz_desc-PCC_boldmap.nii.gz", new float[24 * 28 * 23], grid.BestAffine, [24, 28, 23]);
        Assert.Equal(GroupStatisticsErrorKind.GridMismatch, Failure(pcc.Append(smaller)));
        Assert.Equal(GroupStatisticsErrorKind.GridMismatch, Failure(pcc, smaller));

        // No grid: sform_code and qform_code 0 (NIfTI-1 bytes 252..255 of an uncompressed file).
        var noGrid = dir.Path("sub-08_task-rest_space-MNI152NLin2009cAsym_stat-fisherz_desc-PCC_boldmap.nii");
        NiftiWriter.Write(NiftiImage.Create(ones, shape, grid.BestAffine), noGrid);
        using (var fs = new FileStream(noGrid, FileMode.Open, FileAccess.Write))
        {
            fs.Position = 252;
            fs.Write(new byte[4]);
        }

        Assert.Equal(GroupStatisticsErrorKind.NoGrid, Failure(pcc.Append(noGrid)));
        var fourD = WriteMap(dir, "sub-09_task-rest_space-MNI152NLin2009cAsym_stat-fisherz_desc-PCC_boldmap.nii.gz", new float[24 * 28 * 24 * 2], grid.BestAffine, [24, 28, 24, 2]);
        Assert.Equal(GroupStatisticsErrorKind.NotAVolume, Failure(pcc.Append(fourD)));

        var unnamed = WriteMap(dir, "group_mean.nii.gz", ones, grid.BestAffine, shape);
        Assert.Equal(GroupStatisticsErrorKind.NameNotUnderstood, Failure(pcc.Append(unnamed)));
        var rMap = WriteMap(dir, "sub-10_task-rest_space-MNI152NLin2009cAsym_stat-pearsoncorrelation_desc-PCC_boldmap.nii.gz", ones, grid.BestAffine, shape);
        Assert.Equal(GroupStatisticsErrorKind.NameNotUnderstood, Failure(pcc.Append(rMap)));
        var otherTask = WriteMap(dir, "sub-11_task-nback_space-MNI152NLin2009cAsym_stat-fisherz_desc-PCC_boldmap.nii.gz", ones, grid.BestAffine, shape);
        Assert.Equal(GroupStatisticsErrorKind.MixedEntities, Failure(pcc.Append(otherTask)));
        var zeroMask = WriteMap(dir, "mask.nii.gz", new float[24 * 28 * 24], grid.BestAffine, shape);
        Assert.Equal(GroupStatisticsErrorKind.EmptyMask, Failure(pcc, zeroMask));

        Assert.Throws<GroupStatisticsException>(() => GroupOneSampleAnalysis.Validate(new GroupTestOptions { Fdr = 0 }));
        Assert.Throws<GroupStatisticsException>(() => GroupOneSampleAnalysis.Validate(new GroupTestOptions { Permutations = -1 }));
        Assert.Throws<GroupStatisticsException>(() => GroupOneSampleAnalysis.Validate(new GroupTestOptions { ClusterThreshold = double.NaN }));
    }
}
