using System.Numerics;

namespace SeedCorr.Core.Signal;

/// <summary>
/// A digital Butterworth filter in transfer-function form (b, a), designed as scipy.signal.butter(order, Wn, btype,
/// output="ba", fs) does — which is what nilearn 0.10.4 uses (not second-order sections): analog prototype poles,
/// pre-warping, low-pass to low/high/band-pass transform, bilinear transform, then the polynomials.
/// </summary>
internal sealed class ButterworthFilter
{
    private ButterworthFilter(double[] b, double[] a)
    {
        B = b;
        A = a;
        InitialState = ComputeInitialState(b, a);
    }

    /// <summary>Numerator coefficients (a[0] = 1 normalised).</summary>
    public double[] B { get; }

    /// <summary>Denominator coefficients.</summary>
    public double[] A { get; }

    /// <summary>scipy's lfilter_zi: the steady-state of the filter for a unit step, scaled by the first sample in filtfilt.</summary>
    public double[] InitialState { get; }

    /// <summary>scipy filtfilt's default odd-extension length: 3 × max(len(a), len(b)).</summary>
    public int PadLength => 3 * Math.Max(A.Length, B.Length);

    /// <summary>Designs the filter. Frequencies in Hz; pass null for an unused edge (low-pass: highPass null; high-pass: lowPass null).</summary>
    public static ButterworthFilter Design(int order, double? highPass, double? lowPass, double samplingRate)
    {
        if (highPass is null && lowPass is null)
        {
            throw new ArgumentException("a Butterworth filter needs a low-pass or a high-pass cut-off");
        }

        // Normalise to Nyquist = 1, then pre-warp for the bilinear transform with scipy's internal fs = 2.
        const double fs = 2.0;
        double Warp(double hz) => 2 * fs * Math.Tan(Math.PI * (2 * hz / samplingRate) / fs);

        // Analog prototype: no zeros, poles on the left half of the unit circle, gain 1.
        var poles = new List<Complex>();
        for (var m = -order + 1; m < order; m += 2)
        {
            poles.Add(-Complex.Exp(new Complex(0, Math.PI * m / (2.0 * order))));
        }

        var zeros = new List<Complex>();
        double gain = 1;
        if (highPass is not null && lowPass is not null)
        {
            double w1 = Warp(highPass.Value), w2 = Warp(lowPass.Value);
            double bw = w2 - w1, wo = Math.Sqrt(w1 * w2);
            var degree = poles.Count - zeros.Count;
            var newPoles = new List<Complex>();
            var lp = poles.Select(p => p * bw / 2).ToList();
            newPoles.AddRange(lp.Select(p => p + Complex.Sqrt((p * p) - (wo * wo))));
            newPoles.AddRange(lp.Select(p => p - Complex.Sqrt((p * p) - (wo * wo))));
            poles = newPoles;
            zeros = Enumerable.Repeat(Complex.Zero, degree).ToList();
            gain *= Math.Pow(bw, degree);
        }
        else if (lowPass is not null)
        {
            var wo = Warp(lowPass.Value);
            var degree = poles.Count - zeros.Count;
            poles = poles.Select(p => p * wo).ToList();
            gain *= Math.Pow(wo, degree);
        }
        else
        {
            var wo = Warp(highPass!.Value);
            var degree = poles.Count - zeros.Count;
            // k_hp = k · Re(Π(−z) / Π(−p)) with no zeros: 1 / Π(−p).
            var prodNegP = poles.Aggregate(Complex.One, (acc, p) => acc * -p);
            gain *= (Complex.One / prodNegP).Real;
            poles = poles.Select(p => wo / p).ToList();
            zeros = Enumerable.Repeat(Complex.Zero, degree).ToList();
        }

        // Bilinear transform (fs = 2 → fs2 = 4).
        const double fs2 = 2 * fs;
        var degreeZ = poles.Count - zeros.Count;
        var num = zeros.Aggregate(Complex.One, (acc, z) => acc * (fs2 - z));
        var den = poles.Aggregate(Complex.One, (acc, p) => acc * (fs2 - p));
        gain *= (num / den).Real;
        var zz = zeros.Select(z => (fs2 + z) / (fs2 - z)).Concat(Enumerable.Repeat(new Complex(-1, 0), degreeZ)).ToList();
        var pz = poles.Select(p => (fs2 + p) / (fs2 - p)).ToList();

        var b = Poly(zz).Select(c => c.Real * gain).ToArray();
        var a = Poly(pz).Select(c => c.Real).ToArray();
        return new ButterworthFilter(b, a);
    }

    /// <summary>Coefficients of Π(x − r), highest power first (numpy.poly).</summary>
    private static Complex[] Poly(List<Complex> roots)
    {
        var c = new Complex[roots.Count + 1];
        c[0] = Complex.One;
        for (var k = 0; k < roots.Count; k++)
        {
            for (var j = k + 1; j >= 1; j--)
            {
                c[j] -= roots[k] * c[j - 1];
            }
        }

        return c;
    }

    /// <summary>scipy.signal.lfilter_zi: solves (I − companion(a)ᵀ) zi = b[1:] − a[1:]·b[0].</summary>
    private static double[] ComputeInitialState(double[] b, double[] a)
    {
        var n = Math.Max(a.Length, b.Length);
        var aa = new double[n];
        var bb = new double[n];
        Array.Copy(a, aa, a.Length);
        Array.Copy(b, bb, b.Length);
        var a0 = aa[0];
        for (var i = 0; i < n; i++)
        {
            aa[i] /= a0;
            bb[i] /= a0;
        }

        var m = n - 1;
        var mat = new double[m, m];
        var rhs = new double[m];
        for (var i = 0; i < m; i++)
        {
            // companion(a).T: first column is −a[1:], superdiagonal ones; I − that.
            mat[i, 0] = (i == 0 ? 1 : 0) + aa[i + 1];
            if (i + 1 < m)
            {
                mat[i, i + 1] -= 1;
            }

            if (i > 0)
            {
                mat[i, i] += 1;
            }

            rhs[i] = bb[i + 1] - (aa[i + 1] * bb[0]);
        }

        return DenseSolve(mat, rhs);
    }

    /// <summary>Gaussian elimination with partial pivoting for a small dense system.</summary>
    internal static double[] DenseSolve(double[,] m, double[] rhs)
    {
        var n = rhs.Length;
        var a = (double[,])m.Clone();
        var x = (double[])rhs.Clone();
        for (var col = 0; col < n; col++)
        {
            var piv = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[piv, col]))
                {
                    piv = r;
                }
            }

            if (piv != col)
            {
                for (var c = 0; c < n; c++)
                {
                    (a[col, c], a[piv, c]) = (a[piv, c], a[col, c]);
                }

                (x[col], x[piv]) = (x[piv], x[col]);
            }

            for (var r = col + 1; r < n; r++)
            {
                var f = a[r, col] / a[col, col];
                if (f == 0)
                {
                    continue;
                }

                for (var c = col; c < n; c++)
                {
                    a[r, c] -= f * a[col, c];
                }

                x[r] -= f * x[col];
            }
        }

        for (var r = n - 1; r >= 0; r--)
        {
            var s = x[r];
            for (var c = r + 1; c < n; c++)
            {
                s -= a[r, c] * x[c];
            }

            x[r] = s / a[r, r];
        }

        return x;
    }
}
