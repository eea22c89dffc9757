using System.Numerics;

namespace SeedCorr.Core.Statistics;

/// <summary>Options of the sign-flipping permutation test.</summary>
public sealed record SignFlipOptions
{
    /// <summary>Random sign flips to draw (nilearn's n_perm; 10 000 by default). When 2^n − 1 or more are asked for, all
    /// 2^n flips are enumerated instead (exact test).</summary>
    public int Permutations { get; init; } = 10000;

    /// <summary>The alternative: max |t| (Two), max t (Positive) or max −t (Negative) over voxels.</summary>
    public Tail Tail { get; init; } = Tail.Two;

    /// <summary>Seed of the flips: the same seed gives the same p values whatever the number of threads.</summary>
    public int Seed { get; init; }

    /// <summary>Threads (0: all cores).</summary>
    public int MaxDegreeOfParallelism { get; init; }
}

/// <summary>Family-wise error p values of a sign-flipping test (voxels in mask order).</summary>
public sealed class SignFlipResult
{
    internal SignFlipResult(double[] fweP, int permutations, bool exact, double[] maxT)
    {
        FamilyWiseP = fweP;
        Permutations = permutations;
        Exact = exact;
        MaxT = maxT;
    }

    /// <summary>Max-t FWER-corrected p of each voxel: (1 + #{flips with max ≥ t_v}) / (1 + permutations), or with
    /// exact enumeration #{flips with max ≥ t_v} / 2^n (the identity is one of the flips).</summary>
    public IReadOnlyList<double> FamilyWiseP { get; }

    /// <summary>Flips evaluated (2^n when exact).</summary>
    public int Permutations { get; }

    /// <summary>True when every one of the 2^n sign patterns was evaluated.</summary>
    public bool Exact { get; }

    /// <summary>The null distribution: the maximum statistic (as a t: |t|, t or −t by tail) of each flip, ascending.</summary>
    public IReadOnlyList<double> MaxT { get; }
}

/// <summary>
/// The one-sample permutation test by sign flipping (nilearn permuted_ols for an intercept-only model, FSL randomise
/// -1): under H0 each subject's map is symmetric around 0, so multiplying it by ±1 gives an equally likely data set.
/// Flipping signs leaves Σx² unchanged, so a flip's t at a voxel needs only S = Σ ±x: t = S·√(n−1)/√(nQ − S²) with
/// Q = Σx², and t² is increasing in S²/Q. The kernel therefore adds or subtracts whole subject rows (vectorised)
/// and ranks by S·|S|/Q, without a square root per voxel; the maxima are turned into t at the end.
/// </summary>
public static class SignFlipPermutation
{
    private const int VoxelBlock = 2048;
    private const int FlipChunk = 32;

    /// <summary>Runs the test on <paramref name="data"/>[subject][voxel]. Progress (0..1) is reported on the calling thread.</summary>
    public static SignFlipResult Run(IReadOnlyList<double[]> data, SignFlipOptions options, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var n = data.Count;
        if (n < 2)
        {
            throw new GroupStatisticsException(GroupStatisticsErrorKind.TooFewSubjects, $"a sign-flipping test needs at least 2 subjects; got {n}");
        }

        if (options.Permutations < 1)
        {
            throw new GroupStatisticsException(GroupStatisticsErrorKind.InvalidParameter, $"the number of permutations must be at least 1; got {options.Permutations}");
        }

        var voxels = data[0].Length;
        var invQ = new double[voxels];
        for (var v = 0; v < voxels; v++)
        {
            var q = 0.0;
            for (var s = 0; s < n; s++)
            {
                q += data[s][v] * data[s][v];
            }

            invQ[v] = 1 / q;
        }

        var exact = n < 31 && (1L << n) <= (long)options.Permutations + 1;
        var flips = exact ? 1 << n : options.Permutations;
        var sign = options.Tail == Tail.Negative ? -1.0 : 1.0;

        // The observed statistic goes through the same kernel (all signs +) so that it ties exactly with the identity flip.
        var observed = new double[voxels];
        Statistic(data, invQ, 0, voxels, ZeroFlip(n), options.Tail, sign, observed);

        var maxima = new double[flips];
        var done = 0;
        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount,
        };
        var chunks = (flips + FlipChunk - 1) / FlipChunk;
        var work = Task.Run(() => Parallel.For(0, chunks, parallel, chunk =>
        {
            var first = chunk * FlipChunk;
            var count = Math.Min(FlipChunk, flips - first);
            var patterns = new bool[count][];
            for (var k = 0; k < count; k++)
            {
                patterns[k] = exact ? BitsOf(first + k, n) : RandomFlip(options.Seed, first + k, n);
            }

            var chunkMax = new double[count];
            Array.Fill(chunkMax, double.NegativeInfinity);
            var stat = new double[VoxelBlock];
            for (var start = 0; start < voxels; start += VoxelBlock)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var end = Math.Min(voxels, start + VoxelBlock);
                for (var k = 0; k < count; k++)
                {
                    var max = Statistic(data, invQ, start, end, patterns[k], options.Tail, sign, stat);
                    chunkMax[k] = Math.Max(chunkMax[k], max);
                }
            }

            Array.Copy(chunkMax, 0, maxima, first, count);
            Interlocked.Add(ref done, count);
        }), CancellationToken.None);

        while (!((IAsyncResult)work).AsyncWaitHandle.WaitOne(100))
        {
            progress?.Report((double)Volatile.Read(ref done) / flips);
        }

        try
        {
            work.GetAwaiter().GetResult();
        }
        catch (AggregateException ex) when (cancellationToken.IsCancellationRequested || ex.InnerExceptions.Count == 1)
        {
            cancellationToken.ThrowIfCancellationRequested();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }

        progress?.Report(1);

        Array.Sort(maxima);
        var fwe = new double[voxels];
        for (var v = 0; v < voxels; v++)
        {
            var atLeast = flips - LowerBound(maxima, observed[v]);
            fwe[v] = exact ? (double)atLeast / flips : (1.0 + atLeast) / (1.0 + flips);
        }

        var maxT = new double[flips];
        for (var k = 0; k < flips; k++)
        {
            maxT[k] = ToT(maxima[k], n);
        }

        return new SignFlipResult(fwe, flips, exact, maxT);
    }

    /// <summary>The ranking statistic S·|S|/Q (or S²/Q for Two, −S·|S|/Q for Negative) of one flip over [start, end);
    /// writes it into <paramref name="stat"/> (from index 0 for a block, from start for the whole range) and returns its max.</summary>
    private static double Statistic(IReadOnlyList<double[]> data, double[] invQ, int start, int end, bool[] flip, Tail tail, double sign, double[] stat)
    {
        var length = end - start;
        var offset = stat.Length == invQ.Length ? start : 0;
        var acc = stat.AsSpan(offset, length);
        data[0].AsSpan(start, length).CopyTo(acc);
        if (flip[0])
        {
            Negate(acc);
        }

        for (var s = 1; s < data.Count; s++)
        {
            Accumulate(acc, data[s].AsSpan(start, length), flip[s]);
        }

        var q = invQ.AsSpan(start, length);
        var max = double.NegativeInfinity;
        for (var v = 0; v < length; v++)
        {
            var sv = acc[v];
            var r = tail == Tail.Two ? sv * sv * q[v] : sign * sv * Math.Abs(sv) * q[v];
            acc[v] = r;
            if (r > max)
            {
                max = r;
            }
        }

        return max;
    }

    /// <summary>acc += row, or acc −= row when <paramref name="subtract"/> (vectorised).</summary>
    private static void Accumulate(Span<double> acc, ReadOnlySpan<double> row, bool subtract)
    {
        var v = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<double>.Count;
            for (; v <= acc.Length - w; v += w)
            {
                var a = new Vector<double>(acc[v..]);
                var r = new Vector<double>(row[v..]);
                (subtract ? a - r : a + r).CopyTo(acc[v..]);
            }
        }

        for (; v < acc.Length; v++)
        {
            acc[v] = subtract ? acc[v] - row[v] : acc[v] + row[v];
        }
    }

    private static void Negate(Span<double> acc)
    {
        for (var v = 0; v < acc.Length; v++)
        {
            acc[v] = -acc[v];
        }
    }

    /// <summary>t from the ranking statistic r = ±S²/Q: t² = (n−1)·|r|/(n − |r|), signed as r.</summary>
    private static double ToT(double r, int n)
    {
        var a = Math.Abs(r);
        var t = a >= n ? double.PositiveInfinity : Math.Sqrt((n - 1) * a / (n - a));
        return r < 0 ? -t : t;
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static bool[] ZeroFlip(int n) => new bool[n];

    private static bool[] BitsOf(int pattern, int n)
    {
        var bits = new bool[n];
        for (var s = 0; s < n; s++)
        {
            bits[s] = ((pattern >> s) & 1) != 0;
        }

        return bits;
    }

    /// <summary>Flip k's signs from SplitMix64 keyed by (seed, k, word): independent of the thread that draws it.</summary>
    private static bool[] RandomFlip(int seed, int k, int n)
    {
        var bits = new bool[n];
        for (var s = 0; s < n; s += 64)
        {
            var word = SplitMix64(((ulong)(uint)seed << 32) ^ ((ulong)k * 0x9E3779B97F4A7C15UL) ^ ((ulong)(s / 64) * 0xD1B54A32D192ED03UL));
            for (var b = 0; b < 64 && s + b < n; b++)
            {
                bits[s + b] = ((word >> b) & 1) != 0;
            }
        }

        return bits;
    }

    private static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
