using System.Globalization;
using SeedCorr.Core.Confounds;
using SeedCorr.Core.Connectivity;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Signal;
using SeedCorr.Core.Tests.Support;
using Xunit.Abstractions;

namespace SeedCorr.Core.Tests.Connectivity;

/// <summary>The whole nilearn example on the "small" case (nilearn 0.10.4 goldens), and the correlation itself.</summary>
public sealed class SeedCorrelationTests(ITestOutputHelper output)
{
    private static readonly Lazy<NiftiImage> Bold = new(() =>
        NiftiReader.Read(TestData.Path("small", "sub-synth01_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz")));

    private static CorrelationMap RunExample(Standardization s)
    {
        var conf = ConfoundsReader.Read(TestData.Path("small", "sub-synth01_task-pixar_desc-reducedConfounds_regressors.tsv"));
        var options = new SignalCleanOptions
        {
            Detrend = true, Standardize = s, LowPass = 0.1, HighPass = 0.01, RepetitionTime = 2,
            Confounds = conf.GetValues(), ConfoundCount = conf.Columns,
            StandardizeConfounds = s == Standardization.ZScoreSample ? ConfoundStandardization.ZScoreSample : ConfoundStandardization.ZScore,
        };
        var seed = SignalCleaner.Clean(new SphereMasker([new WorldPoint(0, -52, 18)], 8).Transform(Bold.Value, []), options).Signals;
        var brain = SignalCleaner.Clean(BrainMasker.Fit(Bold.Value, MaskStrategy.Background, [6]).Transform(Bold.Value, []), options).Signals;
        return SeedCorrelation.Compute(brain, seed);
    }

    [Fact]
    public void The_example_gives_nilearns_correlations_fisher_z_and_printed_lines()
    {
        var map = RunExample(Standardization.ZScore);
        var expected = Npy.Load(TestData.Path("small", "nilearn_standardize_true", "correlations.npy")).AsDoubles();
        var ours = map.GetCorrelations();
        var worstR = expected.Select((e, i) => Math.Abs(e - ours[i])).Max();
        var expectedZ = Npy.Load(TestData.Path("small", "nilearn_standardize_true", "fisher_z.npy")).AsDoubles();
        var z = map.GetFisherZ();
        var worstZ = expectedZ.Select((e, i) => Math.Abs(e - z[i])).Max();
        output.WriteLine($"max |Δr| {worstR:E2}, max |Δz| {worstZ:E2} over {ours.Length} voxels");
        Assert.Equal(4060, ours.Length);
        Assert.True(worstR <= 1e-4, $"max |Δr| {worstR:E2}");
        Assert.True(worstZ <= 1e-4, $"max |Δz| {worstZ:E2}");

        // The printed lines of the example (stdout.txt), formatted as nilearn's f-strings do.
        var stdout = File.ReadAllLines(TestData.Path("small", "nilearn_standardize_true", "stdout.txt"));
        Assert.Contains($"Seed-to-voxel correlation shape: {map.Shape}", stdout);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Seed-to-voxel correlation: min = {map.Min:0.000}; max = {map.Max:0.000}"), stdout);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Seed-to-voxel correlation Fisher-z transformed: min = {z.Min():0.000}; max = {z.Max():0.000}f"), stdout);
    }

    [Fact]
    public void With_sample_std_z_scores_r_is_exact_where_nilearns_dot_over_n_shrinks_it_by_n_minus_1_over_n()
    {
        var map = RunExample(Standardization.ZScoreSample);
        var nilearn = Npy.Load(TestData.Path("small", "nilearn_zscore_sample", "correlations.npy")).AsDoubles();
        var ours = map.GetCorrelations();
        const double shrink = 79.0 / 80.0;
        var worst = nilearn.Select((e, i) => Math.Abs((e / shrink) - ours[i])).Max();
        output.WriteLine($"max |nilearn·80/79 − r| {worst:E2}");
        Assert.True(worst <= 1e-4, $"{worst:E2}");
        Assert.True(nilearn.Select((e, i) => Math.Abs(e - ours[i])).Max() > 1e-3); // nilearn's values really are shrunk
    }

    [Fact]
    public void Pearson_is_invariant_to_the_inputs_scaling_and_Spearman_uses_ranks()
    {
        var t = 50;
        var rng = new Random(5);
        var seed = Enumerable.Range(0, t).Select(_ => rng.NextDouble()).ToArray();
        var brain = new float[t * 3];
        for (var i = 0; i < t; i++)
        {
            brain[(i * 3) + 0] = (float)((seed[i] * 7) + 100);          // r = 1 whatever the scale and offset
            brain[(i * 3) + 1] = (float)Math.Exp(seed[i] * 3);         // monotone: Spearman 1, Pearson < 1
            brain[(i * 3) + 2] = 5;                                     // constant: 0
        }

        var b = new SignalMatrix(t, 3, brain);
        var s = new SignalMatrix(t, 1, seed.Select(x => (float)x).ToArray());
        var pearson = SeedCorrelation.Compute(b, s).GetCorrelations();
        var spearman = SeedCorrelation.Compute(b, s, CorrelationMethod.Spearman).GetCorrelations();
        Assert.Equal(1.0, pearson[0], 6);
        Assert.True(pearson[1] is > 0.8f and < 0.999f, $"{pearson[1]}");
        Assert.Equal(1.0, spearman[1], 6);
        Assert.Equal(0f, pearson[2]);
    }

    [Fact]
    public void Many_seeds_in_one_product_give_each_seeds_own_map_bit_for_bit_and_the_two_pass_r()
    {
        // 9 seeds (two tiles of four and one left over) and 37 voxels (whole vectors and a scalar tail), voxel 5 constant.
        const int t = 50, v = 37, k = 9;
        var rng = new Random(11);
        var brain = new float[t * v];
        var seeds = new float[t * k];
        for (var i = 0; i < brain.Length; i++)
        {
            brain[i] = (i % v) == 5 ? 3f : (float)(rng.NextDouble() * 4 - 2 + (i % v));
        }

        for (var i = 0; i < seeds.Length; i++)
        {
            seeds[i] = (float)(rng.NextDouble() + (0.3 * brain[(i / k * v) + (i % k)]));
        }

        var all = SeedCorrelation.Compute(new SignalMatrix(t, v, brain), new SignalMatrix(t, k, seeds));
        for (var s = 0; s < k; s++)
        {
            var one = SeedCorrelation.Compute(new SignalMatrix(t, v, brain), new SignalMatrix(t, 1, [.. Enumerable.Range(0, t).Select(ti => seeds[(ti * k) + s])]));
            Assert.Equal(one.GetCorrelations(), all.GetCorrelations(s));
            var r = all.GetCorrelations(s);
            for (var c = 0; c < v; c++)
            {
                var x = Enumerable.Range(0, t).Select(ti => (double)brain[(ti * v) + c]).ToArray();
                var y = Enumerable.Range(0, t).Select(ti => (double)seeds[(ti * k) + s]).ToArray();
                double mx = x.Average(), my = y.Average();
                var sxy = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum();
                var sxx = x.Sum(a => (a - mx) * (a - mx));
                var syy = y.Sum(b => (b - my) * (b - my));
                var expected = c == 5 ? 0 : sxy / Math.Sqrt(sxx * syy);
                Assert.Equal(expected, r[c], 5e-6);
            }
        }
    }

    [Fact]
    public void Fisher_z_is_clamped_at_tanh_4()
    {
        var z = FisherZ.Transform(new float[] { 1f, -1f, 0.5f, float.NaN });
        Assert.Equal(4.0, z[0], 3);
        Assert.Equal(-4.0, z[1], 3);
        Assert.Equal(Math.Atanh(0.5), z[2], 6);
        Assert.True(float.IsNaN(z[3]));
    }

    [Fact]
    public void Fisher_z_of_one_value_is_math_atanh_rounded_to_float32()
    {
        // FisherZ.Of computes ½·ln((1 + r)/(1 − r)) (or a series for tiny r) because Math.Atanh is 4× slower; it must
        // still give Math.Atanh's float32 bits, over the whole range, tiny and subnormal values and the clamp included.
        var rng = new Random(1804);
        var values = new List<float> { 0f, -0f, float.Epsilon, -float.Epsilon, 1e-30f, 1f / 1024, -1f / 1024, 0.0009765624f, 0.999329f, 0.99933f, 1f, -1f, 0.5f };
        for (var i = 0; i < 200_000; i++)
        {
            var r = (float)((rng.NextDouble() * 2) - 1);
            values.Add(i % 2 == 0 ? r : r * MathF.Pow(2, -rng.Next(0, 60)));
        }

        foreach (var r in values)
        {
            var expected = (float)Math.Atanh(Math.Clamp(r, -FisherZ.MaxAbsR, FisherZ.MaxAbsR));
            Assert.True(expected.Equals(FisherZ.Of(r)), $"r = {r:R}: {FisherZ.Of(r):R} against {expected:R}");
        }

        Assert.True(float.IsNaN(FisherZ.Of(float.NaN)));
        Assert.True(float.IsNegative(FisherZ.Of(-0f)));
    }

    [Fact]
    public void The_map_becomes_images_with_correl_and_estimate_intents()
    {
        var map = RunExample(Standardization.ZScore);
        var r = map.ToImage();
        Assert.Equal([24, 28, 24, 1], r.Shape);
        Assert.Equal(FisherZ.IntentCorrel, r.Header.IntentCode);
        Assert.True(r.Header.IntentParameters[0] > 0);
        var z = map.ToImage(fisherZ: true);
        Assert.Equal(FisherZ.IntentEstimate, z.Header.IntentCode);
        Assert.Equal("fisher_z", z.Header.IntentName);
        var expected = NiftiReader.Read(TestData.Path("small", "nilearn_standardize_true", "brain_mask.nii.gz"));
        // Zero outside the mask, the map inside.
        var inside = expected.GetData().Count(v => v != 0);
        Assert.Equal(inside, r.GetData().Count(v => v != 0));
    }
}
