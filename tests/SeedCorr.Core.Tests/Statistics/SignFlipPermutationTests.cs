using SeedCorr.Core.Statistics;

namespace SeedCorr.Core.Tests.Statistics;

/// <summary>The sign-flipping max-t test against a brute-force enumeration written here from the definition.</summary>
public sealed class SignFlipPermutationTests
{
    private static double[][] RandomData(int subjects, int voxels, int seed, double effect)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, subjects).Select(_ => Enumerable.Range(0, voxels)
            .Select(v => (v < voxels / 4 ? effect : 0) + (rng.NextDouble() * 2) - 1).ToArray()).ToArray();
    }

    /// <summary>t of each voxel by the textbook formula after multiplying subject s by signs[s].</summary>
    private static double[] NaiveT(double[][] x, int[] signs)
    {
        var n = x.Length;
        var t = new double[x[0].Length];
        for (var v = 0; v < t.Length; v++)
        {
            var values = Enumerable.Range(0, n).Select(s => signs[s] * x[s][v]).ToArray();
            var mean = values.Average();
            var sd = Math.Sqrt(values.Sum(a => (a - mean) * (a - mean)) / (n - 1));
            t[v] = mean / (sd / Math.Sqrt(n));
        }

        return t;
    }

    private static double Oriented(double t, Tail tail) => tail switch { Tail.Positive => t, Tail.Negative => -t, _ => Math.Abs(t) };

    /// <summary>FWE p = share of all 2^n flips whose max statistic reaches the voxel's observed statistic.</summary>
    private static double[] EnumeratedP(double[][] x, Tail tail)
    {
        var n = x.Length;
        var observed = NaiveT(x, Enumerable.Repeat(1, n).ToArray()).Select(t => Oriented(t, tail)).ToArray();
        var maxima = new List<double>();
        for (var pattern = 0; pattern < 1 << n; pattern++)
        {
            var signs = Enumerable.Range(0, n).Select(s => ((pattern >> s) & 1) == 1 ? -1 : 1).ToArray();
            maxima.Add(NaiveT(x, signs).Select(t => Oriented(t, tail)).Max());
        }

        return observed.Select(o => maxima.Count(m => m >= o) / (double)maxima.Count).ToArray();
    }

    [Theory]
    [InlineData(Tail.Two, 6)]
    [InlineData(Tail.Positive, 7)]
    [InlineData(Tail.Negative, 5)]
    [InlineData(Tail.Two, 10)]
    public void Exact_enumeration_gives_the_brute_force_p_values(Tail tail, int subjects)
    {
        var x = RandomData(subjects, 60, 17 + subjects, tail == Tail.Negative ? -0.6 : 0.6);
        var expected = EnumeratedP(x, tail);
        var result = SignFlipPermutation.Run(x, new SignFlipOptions { Permutations = 10000, Tail = tail });
        Assert.True(result.Exact);
        Assert.Equal(1 << subjects, result.Permutations);
        for (var v = 0; v < expected.Length; v++)
        {
            Assert.Equal(expected[v], result.FamilyWiseP[v], 15);
        }

        // The effect is planted in the first quarter: some of it survives, nothing is below the smallest possible p.
        Assert.Contains(result.FamilyWiseP, p => p < 0.2);
        Assert.All(result.FamilyWiseP, p => Assert.InRange(p, 1.0 / (1 << subjects), 1));
    }

    [Fact]
    public void Random_flips_approach_the_exact_p_and_do_not_depend_on_threads()
    {
        var x = RandomData(12, 80, 5, 0.5);
        var exact = SignFlipPermutation.Run(x, new SignFlipOptions { Permutations = 4095 });
        Assert.True(exact.Exact);
        var one = SignFlipPermutation.Run(x, new SignFlipOptions { Permutations = 2000, Seed = 42, MaxDegreeOfParallelism = 1 });
        var two = SignFlipPermutation.Run(x, new SignFlipOptions { Permutations = 2000, Seed = 42, MaxDegreeOfParallelism = 2 });
        Assert.False(one.Exact);
        Assert.Equal(one.FamilyWiseP, two.FamilyWiseP);
        var other = SignFlipPermutation.Run(x, new SignFlipOptions { Permutations = 2000, Seed = 43 });
        Assert.NotEqual(one.FamilyWiseP, other.FamilyWiseP);
        for (var v = 0; v < 80; v++)
        {
            var p = exact.FamilyWiseP[v];
            var sigma = Math.Sqrt(p * (1 - p) / 2000);
            Assert.True(Math.Abs(one.FamilyWiseP[v] - p) <= (5 * sigma) + (2.0 / 2000), $"voxel {v}: {one.FamilyWiseP[v]} vs exact {p}");
            Assert.True(one.FamilyWiseP[v] >= 1.0 / 2001);
        }
    }

    [Fact]
    public void The_null_maxima_are_t_values()
    {
        var x = RandomData(5, 30, 3, 0);
        var result = SignFlipPermutation.Run(x, new SignFlipOptions { Permutations = 31, Tail = Tail.Two });
        var expected = new List<double>();
        for (var pattern = 0; pattern < 32; pattern++)
        {
            var signs = Enumerable.Range(0, 5).Select(s => ((pattern >> s) & 1) == 1 ? -1 : 1).ToArray();
            expected.Add(NaiveT(x, signs).Max(Math.Abs));
        }

        expected.Sort();
        for (var k = 0; k < 32; k++)
        {
            Assert.Equal(expected[k], result.MaxT[k], 9);
        }
    }

    [Fact]
    public void Progress_reaches_one_and_cancellation_stops_the_work()
    {
        var x = RandomData(14, 500, 9, 0.2);
        var reports = new List<double>();
        SignFlipPermutation.Run(x, new SignFlipOptions { Permutations = 300 }, new SyncProgress(reports.Add));
        Assert.Equal(1, reports[^1]);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => SignFlipPermutation.Run(x, new SignFlipOptions { Permutations = 300 }, null, cancelled.Token));
    }

    [Fact]
    public void Bad_parameters_are_refused()
    {
        var x = RandomData(4, 10, 1, 0);
        var e = Assert.Throws<GroupStatisticsException>(() => SignFlipPermutation.Run(x, new SignFlipOptions { Permutations = 0 }));
        Assert.Equal(GroupStatisticsErrorKind.InvalidParameter, e.Kind);
        e = Assert.Throws<GroupStatisticsException>(() => SignFlipPermutation.Run([x[0]], new SignFlipOptions()));
        Assert.Equal(GroupStatisticsErrorKind.TooFewSubjects, e.Kind);
    }

    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
