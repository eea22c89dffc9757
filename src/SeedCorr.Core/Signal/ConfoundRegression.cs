using System.Runtime.CompilerServices;
namespace SeedCorr.Core.Signal;

/// <summary>
/// Removes from each series its projection on the confounds' column space: Q from a column-pivoted QR of the (already
/// standardized) confounds, then x ← x − Q(Qᵀx), all in float64. Rank: nilearn keeps the columns with
/// |R_jj| &gt; 100·eps(float64), an absolute threshold. After the Butterworth filter an exactly collinear confound
/// leaves |R_jj| ≈ 4e-10 of filter rounding, far above that threshold, so nilearn keeps a direction made of rounding
/// noise and its output depends on it. SeedCorr also drops columns with |R_jj| ≤ 1e-7·|R_00| (the relative tolerance
/// of R's lm), so collinear confounds are really dropped (docs/nilearn-differences.md).
/// </summary>
internal static class ConfoundRegression
{
    /// <summary>nilearn's tolerance: <c>np.finfo(np.float64).eps * 100</c>.</summary>
    public const double RankTolerance = 100 * 2.220446049250313e-16;

    /// <summary>Columns whose |R_jj| is at most this fraction of |R_00| are numerically dependent and dropped.</summary>
    public const double RelativeRankTolerance = 1e-7;

    /// <summary>An orthonormal basis (time-major T × Rank) of the confounds' column space.</summary>
    public sealed record Basis(double[] Q, int Timepoints, int Rank)
    {
        /// <summary>The 0-based indices of the input columns left out as numerically dependent, in pivot order.</summary>
        public IReadOnlyList<int> DroppedColumns { get; init; } = [];
    }

    /// <summary>Householder QR with column pivoting (largest remaining norm first, as LAPACK geqp3).</summary>
    public static Basis Orthonormalize(double[] confounds, int timepoints, int columns)
    {
        ArgumentNullException.ThrowIfNull(confounds);
        var a = (double[])confounds.Clone(); // T × K, time-major (row-major)
        var k = Math.Min(timepoints, columns);
        var perm = Enumerable.Range(0, columns).ToArray();
        var v = new double[k][];
        var rank = 0;
        var r00 = 0.0;
        for (var j = 0; j < k; j++)
        {
            // Pivot: the column with the largest norm below row j.
            int best = j;
            double bestNorm = -1;
            for (var c = j; c < columns; c++)
            {
                double s = 0;
                for (var t = j; t < timepoints; t++)
                {
                    s += a[(t * columns) + c] * a[(t * columns) + c];
                }

                if (s > bestNorm)
                {
                    bestNorm = s;
                    best = c;
                }
            }

            if (best != j)
            {
                for (var t = 0; t < timepoints; t++)
                {
                    (a[(t * columns) + j], a[(t * columns) + best]) = (a[(t * columns) + best], a[(t * columns) + j]);
                }

                (perm[j], perm[best]) = (perm[best], perm[j]);
            }

            var norm = Math.Sqrt(bestNorm);
            if (j == 0)
            {
                r00 = norm;
            }

            // |R_jj| = the column norm below the diagonal; with pivoting R is non-increasing in magnitude, so once it
            // falls under the tolerance every later column does too.
            if (norm <= Math.Max(RankTolerance, RelativeRankTolerance * r00))
            {
                break;
            }

            var x0 = a[(j * columns) + j];
            var alpha = x0 >= 0 ? -norm : norm;
            var vj = new double[timepoints - j];
            vj[0] = x0 - alpha;
            for (var t = j + 1; t < timepoints; t++)
            {
                vj[t - j] = a[(t * columns) + j];
            }

            double vnorm2 = 0;
            foreach (var e in vj)
            {
                vnorm2 += e * e;
            }

            v[j] = vj;
            rank++;
            if (vnorm2 == 0)
            {
                continue;
            }

            // Apply H = I − 2vvᵀ/(vᵀv) to the remaining columns.
            for (var c = j; c < columns; c++)
            {
                double dot = 0;
                for (var t = j; t < timepoints; t++)
                {
                    dot += vj[t - j] * a[(t * columns) + c];
                }

                var f = 2 * dot / vnorm2;
                for (var t = j; t < timepoints; t++)
                {
                    a[(t * columns) + c] -= f * vj[t - j];
                }
            }
        }

        // Q = H_0 H_1 … H_{r−1} applied to the first r columns of the identity.
        var q = new double[timepoints * rank];
        for (var c = 0; c < rank; c++)
        {
            q[(c * rank) + c] = 1;
        }

        for (var j = rank - 1; j >= 0; j--)
        {
            var vj = v[j];
            double vnorm2 = 0;
            foreach (var e in vj)
            {
                vnorm2 += e * e;
            }

            if (vnorm2 == 0)
            {
                continue;
            }

            for (var c = 0; c < rank; c++)
            {
                double dot = 0;
                for (var t = j; t < timepoints; t++)
                {
                    dot += vj[t - j] * q[(t * rank) + c];
                }

                var f = 2 * dot / vnorm2;
                for (var t = j; t < timepoints; t++)
                {
                    q[(t * rank) + c] -= f * vj[t - j];
                }
            }
        }

        return new Basis(q, timepoints, rank) { DroppedColumns = perm[rank..] };
    }

    /// <summary>x ← x − Q(Qᵀx) for every column of a time-major matrix, in float64, blocks of columns in parallel.</summary>
    public static void Project<T>(Basis basis, T[] data, int columns, CancellationToken cancellationToken = default)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(data);
        int t = basis.Timepoints, r = basis.Rank;
        if (r == 0)
        {
            return;
        }

        if (typeof(T) == typeof(float))
        {
            ProjectFloat32(basis, System.Runtime.CompilerServices.Unsafe.As<float[]>(data), columns, cancellationToken);
            return;
        }

        ProjectScalar(basis, data, columns, cancellationToken);
    }

    /// <summary>The reference: W = QᵀX row by row into a block of W, then X −= QW (float64 and any other storage type).</summary>
    internal static void ProjectScalar<T>(Basis basis, T[] data, int columns, CancellationToken cancellationToken)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int t = basis.Timepoints, r = basis.Rank;
        if (r == 0)
        {
            return;
        }

        const int width = 256;
        Parallel.For(0, (columns + width - 1) / width, new ParallelOptions { CancellationToken = cancellationToken },
            () => (W: new double[r * width], Row: new double[width]), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (block, _, buf) =>
        {
            var c0 = block * width;
            var n = Math.Min(width, columns - c0);
            var w = buf.W;
            var row = buf.Row.AsSpan(0, n);
            Array.Clear(w);
            // W = Qᵀ X (r × n): each time point's row, converted to float64 once, is added into the k rows of W.
            for (var ti = 0; ti < t; ti++)
            {
                var src = data.AsSpan((ti * columns) + c0, n);
                for (var c = 0; c < n; c++)
                {
                    row[c] = double.CreateTruncating(src[c]);
                }

                for (var k = 0; k < r; k++)
                {
                    MultiplyAdd(w.AsSpan(k * width, n), row, basis.Q[(ti * r) + k]);
                }
            }

            // X −= Q W, one time point at a time.
            for (var ti = 0; ti < t; ti++)
            {
                row.Clear();
                for (var k = 0; k < r; k++)
                {
                    MultiplyAdd(row, w.AsSpan(k * width, n), basis.Q[(ti * r) + k]);
                }

                var dst = data.AsSpan((ti * columns) + c0, n);
                for (var c = 0; c < n; c++)
                {
                    dst[c] = T.CreateTruncating(double.CreateTruncating(dst[c]) - row[c]);
                }
            }

            return buf;
        }, _ => { });
    }

    /// <summary>
    /// float32 storage, register-tiled: for 2 × Vector&lt;double&gt;.Count columns and 4 confounds at a time the sums of
    /// W = QᵀX stay in registers over all time points (one load of X per time point and tile instead of a load and a
    /// store of W per product), then X −= QW with W read from cache. Each sum is the reference's, term by term in the same
    /// order, so the results are its bits; columns left over after whole vectors go through the reference's scalar code.
    /// </summary>
    private static void ProjectFloat32(Basis basis, float[] data, int columns, CancellationToken cancellationToken)
    {
        int t = basis.Timepoints, r = basis.Rank;
        if (r == 0)
        {
            return;
        }

        var vw = System.Numerics.Vector<float>.Count;
        var chunks = columns / vw;
        var q = basis.Q;
        const int chunksPerTask = 16;
        Parallel.For(0, (chunks + chunksPerTask - 1) / chunksPerTask, new ParallelOptions { CancellationToken = cancellationToken },
            () => new System.Numerics.Vector<double>[2 * r], [MethodImpl(MethodImplOptions.AggressiveOptimization)] (task, _, w) =>
        {
            for (var chunk = task * chunksPerTask; chunk < Math.Min(chunks, (task + 1) * chunksPerTask); chunk++)
            {
                var c = chunk * vw;
                WidenedSums.DotProducts(data, columns, c, t, q, r, w); // W = QᵀX for these columns
                for (var ti = 0; ti < t; ti++)
                {
                    System.Numerics.Vector<double> lo = default, hi = default;
                    for (var k = 0; k < r; k++)
                    {
                        var qv = new System.Numerics.Vector<double>(q[(ti * r) + k]);
                        lo += w[2 * k] * qv;
                        hi += w[(2 * k) + 1] * qv;
                    }

                    var at = (ti * columns) + c;
                    System.Numerics.Vector.Widen(new System.Numerics.Vector<float>(data, at), out var xl, out var xh);
                    System.Numerics.Vector.Narrow(xl - lo, xh - hi).CopyTo(data, at);
                }
            }

            return w;
        }, _ => { });

        var done = chunks * vw;
        if (done < columns)
        {
            // The last columns (fewer than a vector): the reference's code on them alone.
            var rest = columns - done;
            var tail = new float[t * rest];
            for (var ti = 0; ti < t; ti++)
            {
                Array.Copy(data, (ti * columns) + done, tail, ti * rest, rest);
            }

            ProjectScalar(basis, tail, rest, cancellationToken);
            for (var ti = 0; ti < t; ti++)
            {
                Array.Copy(tail, ti * rest, data, (ti * columns) + done, rest);
            }
        }
    }

    /// <summary>acc += x · a, vectorised.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyAdd(Span<double> acc, ReadOnlySpan<double> x, double a)
    {
        var vw = System.Numerics.Vector<double>.Count;
        var av = new System.Numerics.Vector<double>(a);
        var i = 0;
        var accV = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(acc);
        var xV = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(x);
        for (var v = 0; v < accV.Length && v < xV.Length; v++, i += vw)
        {
            accV[v] += xV[v] * av;
        }

        for (; i < acc.Length; i++)
        {
            acc[i] += x[i] * a;
        }
    }
}
