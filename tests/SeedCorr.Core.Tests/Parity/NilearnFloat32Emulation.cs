using SeedCorr.Core.Nifti;
using SeedCorr.Core.Signal;

namespace SeedCorr.Core.Tests.Parity;

/// <summary>
/// nilearn 0.10.4's <c>signal.clean</c> on float32 signals as the fixture's machine ran it (numpy 1.24, scipy 1.10,
/// reference BLAS), rounding to float32 wherever numpy stores or computes in float32, for
/// <c>detrend=True, standardize="zscore_sample", standardize_confounds=True</c>, a Butterworth band and confounds
/// (no sample mask). Test code only: it exists to show which of SeedCorr's differences from the fixture are
/// nilearn's float32 arithmetic. Per step (what numpy does, and how it is emulated):
/// <list type="number">
/// <item>The raw series (before <c>clean</c>): <c>NiftiSpheresMasker</c> stores <c>np.mean</c> of the sphere's float32
/// voxels, summed in float32 (<see cref="SphereMeans"/>); <c>NiftiLabelsMasker</c> stores scipy's
/// <c>ndimage.mean</c>, summed and divided in float64, in a float32 array.</item>
/// <item><c>mean_signals = signals.mean(axis=0)</c>: a float32 reduction over the slow axis of a C-order array, so
/// rows are added one by one in float32 (pairwise summation only applies along the fast axis; a single column is
/// contiguous, so there it is pairwise), then a float32 division by T.</item>
/// <item><c>_detrend</c> (float32 throughout): <c>signals -= mean</c>; the regressor <c>arange(T, float32)</c>
/// centred and divided by the float32 <c>sqrt</c> of its float32 sum of squares (all exact but the sqrt and the
/// division); <c>np.dot(regressor, signals)</c> is a float32 sgemv, which reference BLAS sums in time order in float32
/// without FMA; then <c>signals -= dot * regressor</c> with the product rounded first.</item>
/// <item>Confounds (float64, from the DataFrame): detrended, filtered, z-scored (population std for the maskers'
/// <c>standardize_confounds=True</c>) and orthonormalised by pivoted QR, all in float64; SeedCorr's own float64
/// routines are used (they match nilearn's float64 goldens to 1e-10). SeedCorr's extra relative rank test must drop
/// nothing here, or the basis would not be nilearn's.</item>
/// <item><c>butterworth</c>: <c>timeseries[:] = filtfilt(b, a, timeseries)</c> per column: scipy builds the odd
/// extension (<c>2·x[0] − x[k]</c>) in the input's float32, then runs <c>lfilter</c> in float64 (b, a are float64)
/// and the result is stored back into the float32 column.</item>
/// <item><c>signals -= Q.dot(Q.T).dot(signals)</c>: the product is float64 (numpy casts the float32 operand), the
/// subtraction is done in float64 and stored in float32.</item>
/// <item><c>standardize_signal(signals + mean_signals, "zscore_sample")</c>: the raw means are added back in float32
/// (quantising the residual to float32's step at the mean, 6.1e-5 at 982), the mean subtracted again (float32),
/// <c>std(ddof=1)</c> in float32 (mean, squares, row-by-row sum, division by T − 1, sqrt) and a float32 division.</item>
/// </list>
/// </summary>
internal static class NilearnFloat32Emulation
{
    /// <summary>
    /// Cleans a time-major float32 matrix (data[t·n + c]) as nilearn 0.10.4 does; returns a new array. Steps left out
    /// of <paramref name="float32Steps"/> are done as SeedCorr does them (float64 sums, float32 storage; no mean added
    /// back before z-scoring), to measure what each of nilearn's float32 steps contributes.
    /// </summary>
    public static float[] Clean(float[] signals, int t, int n, double[] confounds, int k, double repetitionTime, double highPass, double lowPass,
        ConfoundStandardization standardizeConfounds = ConfoundStandardization.ZScore, NilearnFloat32Steps float32Steps = NilearnFloat32Steps.All)
    {
        var s = (float[])signals.Clone();
        var rawMeans = ColumnMeans(s, t, n);
        if (float32Steps.HasFlag(NilearnFloat32Steps.Detrend))
        {
            Detrend(s, t, n);
        }
        else
        {
            Detrending.Linear(s, t, n);
        }

        var filter = ButterworthFilter.Design(5, highPass, lowPass, 1.0 / repetitionTime);
        for (var c = 0; c < n; c++)
        {
            var column = new float[t];
            for (var i = 0; i < t; i++)
            {
                column[i] = s[(i * n) + c];
            }

            var filtered = FiltFilt(filter, column, float32Steps.HasFlag(NilearnFloat32Steps.FilterPadding));
            for (var i = 0; i < t; i++)
            {
                s[(i * n) + c] = (float)filtered[i];
            }
        }

        // signals -= Q.dot(Q.T).dot(signals): float64 product and subtraction, stored in float32.
        ConfoundRegression.Project(ConfoundBasis(confounds, t, k, filter, standardizeConfounds), s, n);

        if (float32Steps.HasFlag(NilearnFloat32Steps.MeanAddedBack))
        {
            for (var i = 0; i < s.Length; i++)
            {
                s[i] += rawMeans[i % n];
            }
        }

        if (float32Steps.HasFlag(NilearnFloat32Steps.ZScore))
        {
            ZScoreSample(s, t, n);
        }
        else
        {
            Standardizer.Apply(s, t, n, Standardization.ZScoreSample);
        }

        return s;
    }

    /// <summary>
    /// Sphere means as <c>NiftiSpheresMasker</c> computes them: <c>np.mean(X[:, row], axis=1)</c> over the float32
    /// voxels of each sphere in ascending C order; with fewer than 8 voxels numpy's pairwise sum is a plain loop in
    /// the data's type, then a division in that type. Time-major (T × spheres). With <typeparamref name="T"/> double:
    /// the same means without float32 rounding.
    /// </summary>
    public static T[] SphereMeans<T>(NiftiImage bold, int[][] sphereVoxels)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var shape = bold.Shape;
        var t = bold.VolumeCount;
        var raw = new T[t * sphereVoxels.Length];
        for (var s = 0; s < sphereVoxels.Length; s++)
        {
            Assert.InRange(sphereVoxels[s].Length, 1, 7);
            for (var v = 0; v < t; v++)
            {
                var sum = T.Zero;
                foreach (var c in sphereVoxels[s])
                {
                    sum += T.CreateChecked(bold.GetValue(c / (shape[1] * shape[2]), c / shape[2] % shape[1], c % shape[2], v));
                }

                raw[(v * sphereVoxels.Length) + s] = sum / T.CreateChecked(sphereVoxels[s].Length);
            }
        }

        return raw;
    }

    /// <summary>numpy's float32 <c>mean(axis=0)</c> of a C-order (T, n) array: float32 sums, then a float32 division.</summary>
    public static float[] ColumnMeans(float[] s, int t, int n)
    {
        var sums = ColumnSums(s, t, n);
        for (var c = 0; c < n; c++)
        {
            sums[c] /= t;
        }

        return sums;
    }

    /// <summary>
    /// numpy's float32 <c>add.reduce(axis=0)</c> of a C-order (T, n) array. With several columns the reduced axis is the
    /// slow one: rows are added one by one (no pairwise summation). With one column the array is contiguous along time
    /// and numpy's pairwise sum applies (8 interleaved float32 partial sums for T ≤ 128).
    /// </summary>
    public static float[] ColumnSums(float[] s, int t, int n)
    {
        var sums = new float[n];
        if (n == 1)
        {
            sums[0] = PairwiseSum(s, 0, t);
            return sums;
        }

        for (var i = 0; i < t; i++)
        {
            for (var c = 0; c < n; c++)
            {
                sums[c] += s[(i * n) + c];
            }
        }

        return sums;
    }

    /// <summary>numpy's <c>FLOAT_pairwise_sum</c> (loops_utils.h) over a[start .. start + count).</summary>
    private static float PairwiseSum(float[] a, int start, int count)
    {
        if (count < 8)
        {
            float res = 0;
            for (var i = 0; i < count; i++)
            {
                res += a[start + i];
            }

            return res;
        }

        if (count <= 128)
        {
            var r = new float[8];
            for (var j = 0; j < 8; j++)
            {
                r[j] = a[start + j];
            }

            var i = 8;
            for (; i < count - (count % 8); i += 8)
            {
                for (var j = 0; j < 8; j++)
                {
                    r[j] += a[start + i + j];
                }
            }

            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < count; i++)
            {
                res += a[start + i];
            }

            return res;
        }

        var half = count / 2;
        half -= half % 8;
        return PairwiseSum(a, start, half) + PairwiseSum(a, start + half, count - half);
    }

    /// <summary>nilearn's <c>_detrend(type="linear")</c> on float32, with reference BLAS's float32 sgemv.</summary>
    public static void Detrend(float[] s, int t, int n)
    {
        var means = ColumnMeans(s, t, n);
        for (var i = 0; i < s.Length; i++)
        {
            s[i] -= means[i % n];
        }

        // arange(T) − 39.5 and its sum of squares are exact in float32; the sqrt and the division round.
        var regressor = new float[t];
        float sumSq = 0;
        for (var i = 0; i < t; i++)
        {
            regressor[i] = i - ((t - 1) / 2f);
            sumSq += regressor[i] * regressor[i];
        }

        var norm = MathF.Sqrt(sumSq);
        for (var i = 0; i < t; i++)
        {
            regressor[i] /= norm;
        }

        var dot = new float[n];
        for (var i = 0; i < t; i++)
        {
            for (var c = 0; c < n; c++)
            {
                var product = regressor[i] * s[(i * n) + c];
                dot[c] += product;
            }
        }

        for (var i = 0; i < t; i++)
        {
            for (var c = 0; c < n; c++)
            {
                var trend = dot[c] * regressor[i];
                s[(i * n) + c] -= trend;
            }
        }
    }

    /// <summary>
    /// scipy 1.10's <c>filtfilt(b, a, x, padtype="odd")</c> for a float32 x: the odd extension is computed in float32
    /// (or, with <paramref name="float32Padding"/> false, in float64 as SeedCorr does), both <c>lfilter</c> passes
    /// (direct form II transposed, states from <c>lfilter_zi</c> scaled by the first sample) in float64. Returns the
    /// float64 output, which nilearn then stores as float32.
    /// </summary>
    public static double[] FiltFilt(ButterworthFilter filter, float[] x, bool float32Padding)
    {
        var pad = filter.PadLength;
        var t = x.Length;
        var ext = new double[t + (2 * pad)];
        for (var i = 0; i < pad; i++)
        {
            ext[i] = float32Padding ? (2 * x[0]) - x[pad - i] : (2.0 * x[0]) - x[pad - i];
            ext[pad + t + i] = float32Padding ? (2 * x[t - 1]) - x[t - 2 - i] : (2.0 * x[t - 1]) - x[t - 2 - i];
        }

        for (var i = 0; i < t; i++)
        {
            ext[pad + i] = x[i];
        }

        Lfilter(filter, ext, forward: true);
        Lfilter(filter, ext, forward: false);
        return ext.AsSpan(pad, t).ToArray();
    }

    private static void Lfilter(ButterworthFilter filter, double[] x, bool forward)
    {
        var order = filter.A.Length - 1;
        var a0 = filter.A[0];
        var state = new double[order];
        var start = x[forward ? 0 : x.Length - 1];
        for (var i = 0; i < order; i++)
        {
            state[i] = filter.InitialState[i] * start;
        }

        for (var step = 0; step < x.Length; step++)
        {
            var at = forward ? step : x.Length - 1 - step;
            var input = x[at];
            var output = state[0] + ((filter.B[0] / a0) * input);
            for (var i = 1; i < order; i++)
            {
                state[i - 1] = state[i] + (input * (filter.B[i] / a0)) - (output * (filter.A[i] / a0));
            }

            state[order - 1] = (input * (filter.B[order] / a0)) - (output * (filter.A[order] / a0));
            x[at] = output;
        }
    }

    /// <summary>The confounds' orthonormal basis as nilearn builds it, in float64 (absolute rank threshold only).</summary>
    public static ConfoundRegression.Basis ConfoundBasis(double[] confounds, int t, int k, ButterworthFilter filter, ConfoundStandardization how)
    {
        var conf = (double[])confounds.Clone();
        Detrending.Linear(conf, t, k);
        ZeroPhaseFilter.Apply(filter, conf, t, k);
        Standardizer.Confounds(conf, t, k, how);
        var basis = ConfoundRegression.Orthonormalize(conf, t, k);
        Assert.Empty(basis.DroppedColumns);
        return basis;
    }

    /// <summary>nilearn's <c>standardize_signal(..., "zscore_sample", detrend=False)</c> on float32 (numpy 1.24's <c>_var</c>).</summary>
    public static void ZScoreSample(float[] s, int t, int n)
    {
        var means = ColumnMeans(s, t, n);
        for (var i = 0; i < s.Length; i++)
        {
            s[i] -= means[i % n];
        }

        // np.std: the mean again, the float32 squares of the deviations, their float32 sum.
        var again = ColumnMeans(s, t, n);
        var squares = new float[s.Length];
        for (var i = 0; i < s.Length; i++)
        {
            var d = s[i] - again[i % n];
            squares[i] = d * d;
        }

        var sumSq = ColumnSums(squares, t, n);

        for (var c = 0; c < n; c++)
        {
            var std = MathF.Sqrt(sumSq[c] / (t - 1));
            sumSq[c] = std < 2.220446049250313e-16 ? 1 : std;
        }

        for (var i = 0; i < s.Length; i++)
        {
            s[i] /= sumSq[i % n];
        }
    }
}

/// <summary>The steps of nilearn's float32 path that <see cref="NilearnFloat32Emulation.Clean"/> reproduces.</summary>
[Flags]
internal enum NilearnFloat32Steps
{
    /// <summary>Every step as SeedCorr does it.</summary>
    None = 0,

    /// <summary>The linear detrend's mean, dot product and subtraction in float32.</summary>
    Detrend = 1,

    /// <summary>filtfilt's odd extension built in float32.</summary>
    FilterPadding = 2,

    /// <summary>The raw float32 means added back before z-scoring (rounding the residual to float32's step at the mean).</summary>
    MeanAddedBack = 4,

    /// <summary>The z-score's mean, std and division in float32.</summary>
    ZScore = 8,

    /// <summary>nilearn's arithmetic throughout.</summary>
    All = Detrend | FilterPadding | MeanAddedBack | ZScore,
}
