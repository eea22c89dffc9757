using SeedCorr.Core.Signal;

namespace SeedCorr.Core.Tests.Signal;

/// <summary>
/// The vectorised paths of detrending, z-scoring, confound projection and the filter recursion against the
/// column-by-column reference code they replace (which the parity tests hold to nilearn): the same bits, for column counts
/// that leave a scalar tail, short and long series, and values with a large mean.
/// </summary>
public sealed class Float32PathTests
{
    public static TheoryData<int, int> Shapes => new() { { 2, 5 }, { 17, 9 }, { 168, 1003 }, { 300, 261 }, { 1200, 37 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Detrending_matches_the_reference(int t, int n)
    {
        foreach (var linear in new[] { true, false })
        {
            var data = Signals(t, n, 1);
            var expected = (float[])data.Clone();
            Detrending.LinearScalar(expected, t, n, linear, CancellationToken.None);
            Detrending.Linear(data, t, n, linear);
            SameBits(expected, data);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Z_scoring_matches_the_reference_with_and_without_means_added_back(int t, int n)
    {
        foreach (var how in new[] { Standardization.ZScore, Standardization.ZScoreSample })
        {
            foreach (var addBack in new[] { null, Enumerable.Range(0, n).Select(c => 1000.0 + c).ToArray() })
            {
                var data = Signals(t, n, 2);
                data[0] = 5; // a constant column: exact zeros after
                for (var ti = 0; ti < t; ti++)
                {
                    data[ti * n] = 5;
                }

                var expected = (float[])data.Clone();
                Standardizer.ApplyScalar(expected, t, n, how, addBack, CancellationToken.None);
                Standardizer.Apply(data, t, n, how, addBack);
                SameBits(expected, data);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Confound_projection_matches_the_reference(int t, int n)
    {
        var rng = new Random(3);
        foreach (var k in new[] { 1, 4, 7, Math.Min(15, t - 1) })
        {
            if (k < 1)
            {
                continue;
            }

            var confounds = Enumerable.Range(0, t * k).Select(_ => rng.NextDouble() - 0.5).ToArray();
            var basis = ConfoundRegression.Orthonormalize(confounds, t, k);
            var data = Signals(t, n, 4);
            var expected = (float[])data.Clone();
            ConfoundRegression.ProjectScalar(basis, expected, n, CancellationToken.None);
            ConfoundRegression.Project(basis, data, n);
            SameBits(expected, data);
        }
    }

    [Theory]
    [InlineData(0.01, 0.1)]   // band-pass: 10 states, the unrolled recursion
    [InlineData(null, 0.1)]   // low-pass: 5 states, the general recursion
    public void Zero_phase_filter_gives_every_simd_lane_the_scalar_recursions_bits(double? highPass, double? lowPass)
    {
        // 13 identical columns: 8 through two interleaved SIMD groups, 4 through one group, the 13th through the scalar
        // code (with 4 doubles per vector); all must agree to the bit.
        const int t = 168, n = 13;
        var filter = ButterworthFilter.Design(5, highPass, lowPass, 0.5);
        var rng = new Random(5);
        var series = Enumerable.Range(0, t).Select(_ => 1000 + (20 * rng.NextDouble())).ToArray();
        var data = new double[t * n];
        for (var ti = 0; ti < t; ti++)
        {
            for (var c = 0; c < n; c++)
            {
                data[(ti * n) + c] = series[ti];
            }
        }

        ZeroPhaseFilter.Apply(filter, data, t, n);
        for (var ti = 0; ti < t; ti++)
        {
            for (var c = 0; c < n - 1; c++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(data[(ti * n) + n - 1]), BitConverter.DoubleToInt64Bits(data[(ti * n) + c]));
            }
        }

        Assert.NotEqual(series[10], data[(10 * n) + 3]); // and it did filter
    }

    private static float[] Signals(int t, int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, t * n).Select(i => (float)(800 + (i % n) + (50 * rng.NextDouble()) + (0.1 * (i / n)))).ToArray();
    }

    private static void SameBits(float[] expected, float[] actual)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                Assert.Fail($"value {i}: expected {expected[i]:R}, got {actual[i]:R}");
            }
        }
    }
}
