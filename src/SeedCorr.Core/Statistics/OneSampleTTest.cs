namespace SeedCorr.Core.Statistics;

/// <summary>Per-voxel results of a one-sample t test over subjects (voxels in mask order).</summary>
public sealed class OneSampleTResult
{
    internal OneSampleTResult(double[] mean, double[] t, double[] p, double[] z, int subjects, Tail tail)
    {
        Mean = mean;
        T = t;
        P = p;
        Z = z;
        Subjects = subjects;
        Tail = tail;
    }

    /// <summary>The mean over subjects (the effect: mean Fisher z).</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>The one-sample t = mean / (sd / √n), sd with n − 1.</summary>
    public IReadOnlyList<double> T { get; }

    /// <summary>The p of t under the test's <see cref="Tail"/> (two-sided: P(|T| ≥ |t|)).</summary>
    public IReadOnlyList<double> P { get; }

    /// <summary>The z of equal p, signed as t.</summary>
    public IReadOnlyList<double> Z { get; }

    /// <summary>Number of subjects n.</summary>
    public int Subjects { get; }

    /// <summary>Degrees of freedom n − 1.</summary>
    public int DegreesOfFreedom => Subjects - 1;

    /// <summary>The alternative the p values are for.</summary>
    public Tail Tail { get; }
}

/// <summary>
/// The random-effects one-sample t test of every voxel against 0 (scipy's ttest_1samp, AFNI 3dttest++ -setA, nilearn's
/// intercept-only SecondLevelModel): df = subjects − 1, p from <see cref="StudentTTails"/>, z of equal p.
/// </summary>
public static class OneSampleTTest
{
    /// <summary>
    /// Tests <paramref name="data"/>[subject][voxel]. The mean and variance are two-pass in float64 (the sum of squared
    /// deviations, not Σx² − n·mean², which cancels when the mean is large against the spread). A voxel whose values are
    /// all equal has t = ±∞ (or NaN for all zeros), as scipy gives.
    /// </summary>
    public static OneSampleTResult Compute(IReadOnlyList<double[]> data, Tail tail = Tail.Two, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var n = data.Count;
        if (n < 2)
        {
            throw new GroupStatisticsException(GroupStatisticsErrorKind.TooFewSubjects, $"a one-sample t test needs at least 2 subjects; got {n}");
        }

        var voxels = data[0].Length;
        if (data.Any(d => d.Length != voxels))
        {
            throw new ArgumentException("every subject needs the same number of voxels", nameof(data));
        }

        double df = n - 1;
        var mean = new double[voxels];
        var t = new double[voxels];
        var p = new double[voxels];
        var z = new double[voxels];
        Parallel.For(0, (voxels + 4095) / 4096, new ParallelOptions { CancellationToken = cancellationToken }, block =>
        {
            var end = Math.Min(voxels, (block + 1) * 4096);
            for (var v = block * 4096; v < end; v++)
            {
                var sum = 0.0;
                for (var s = 0; s < n; s++)
                {
                    sum += data[s][v];
                }

                var m = sum / n;
                var ss = 0.0;
                for (var s = 0; s < n; s++)
                {
                    var d = data[s][v] - m;
                    ss += d * d;
                }

                var tv = m / Math.Sqrt(ss / df / n);
                mean[v] = m;
                t[v] = tv;
                p[v] = StudentTTails.P(tv, df, tail);
                z[v] = NormalQuantile.ZOfEqualP(tv, df);
            }
        });
        return new OneSampleTResult(mean, t, p, z, n, tail);
    }
}
