namespace SeedCorr.Core.Signal;

/// <summary>
/// Fills censored time points as scipy's CubicSpline(kept_times, kept_values, bc_type="not-a-knot") does, for every
/// column at once (the knots are shared, so the spline system is factorised once). Outside the first/last kept
/// point the end pieces are extended (extrapolate=True) or the value is NaN (extrapolate=False).
/// </summary>
internal static class CubicSplineInterpolation
{
    /// <summary>Interpolates rows of a time-major matrix (float64) whose <paramref name="kept"/> flag is false, in place.</summary>
    public static void Fill(double[] data, int timepoints, int columns, bool[] kept, double step, bool extrapolate)
    {
        var knots = Enumerable.Range(0, timepoints).Where(t => kept[t]).ToArray();
        var n = knots.Length;
        var x = knots.Select(t => t * step).ToArray();
        var m = new double[n * columns]; // second derivatives at the knots, time-major
        if (n >= 3)
        {
            SolveSecondDerivatives(data, columns, knots, x, m);
        }

        for (var t = 0; t < timepoints; t++)
        {
            if (kept[t])
            {
                continue;
            }

            var xt = t * step;
            var row = data.AsSpan(t * columns, columns);
            if (!extrapolate && (xt < x[0] || xt > x[n - 1]))
            {
                row.Fill(double.NaN);
                continue;
            }

            // The piece [x_i, x_{i+1}] holding xt; the end pieces extend beyond the knots.
            var i = Array.BinarySearch(x, xt);
            i = i >= 0 ? i : ~i - 1;
            i = Math.Clamp(i, 0, n - 2);
            double h = x[i + 1] - x[i], l = x[i + 1] - xt, r = xt - x[i];
            for (var c = 0; c < columns; c++)
            {
                double yi = data[(knots[i] * columns) + c], yj = data[(knots[i + 1] * columns) + c];
                double mi = m[(i * columns) + c], mj = m[((i + 1) * columns) + c];
                row[c] = (mi * l * l * l / (6 * h)) + (mj * r * r * r / (6 * h))
                    + (((yi / h) - (mi * h / 6)) * l) + (((yj / h) - (mj * h / 6)) * r);
            }
        }
    }

    /// <summary>
    /// Not-a-knot second derivatives. Interior rows are the usual tridiagonal continuity equations; the two end rows
    /// (third derivative continuous at x₁ and x_{n−2}) have a third entry, eliminated with the neighbouring row so the
    /// system stays tridiagonal and is solved by the Thomas algorithm for all columns. n = 3 is one parabola.
    /// </summary>
    private static void SolveSecondDerivatives(double[] data, int columns, int[] knots, double[] x, double[] m)
    {
        var n = knots.Length;
        var h = new double[n - 1];
        for (var i = 0; i < n - 1; i++)
        {
            h[i] = x[i + 1] - x[i];
        }

        double Y(int i, int c) => data[(knots[i] * columns) + c];
        double Rhs(int i, int c) => 6 * (((Y(i + 1, c) - Y(i, c)) / h[i]) - ((Y(i, c) - Y(i - 1, c)) / h[i - 1]));

        if (n == 3)
        {
            // One parabola: M0 = M1 = M2 = M, with h0·M + 2(h0+h1)·M + h1·M = rhs.
            for (var c = 0; c < columns; c++)
            {
                var mm = Rhs(1, c) / (3 * (h[0] + h[1]));
                m[c] = mm;
                m[columns + c] = mm;
                m[(2 * columns) + c] = mm;
            }

            return;
        }

        // Unknowns M1 … M_{n−2}: the interior continuity rows, with M0 and M_{n−1} substituted from the not-a-knot
        // conditions (h1·M0 = (h0+h1)·M1 − h0·M2, and its mirror). The reduced system is tridiagonal and diagonally
        // dominant, so the Thomas algorithm needs no pivoting (eliminating M2 from the end row instead would leave a
        // zero pivot for evenly spaced knots, the usual case).
        var size = n - 2;
        var sub = new double[size];
        var diag = new double[size];
        var sup = new double[size];
        for (var r = 0; r < size; r++)
        {
            var i = r + 1;
            sub[r] = h[i - 1];
            diag[r] = 2 * (h[i - 1] + h[i]);
            sup[r] = h[i];
        }

        var a0 = h[0] / h[1];                   // M0 = (1 + a0)·M1 − a0·M2
        diag[0] += h[0] * (1 + a0);
        sup[0] -= h[0] * a0;
        var an = h[n - 2] / h[n - 3];           // M_{n−1} = (1 + an)·M_{n−2} − an·M_{n−3}
        diag[size - 1] += h[n - 2] * (1 + an);
        sub[size - 1] -= h[n - 2] * an; // size ≥ 2 here: n = 3 is the parabola case above

        var cp = new double[size];
        var dp = new double[size];
        dp[0] = diag[0];
        cp[0] = sup[0] / dp[0];
        for (var r = 1; r < size; r++)
        {
            dp[r] = diag[r] - (sub[r] * cp[r - 1]);
            cp[r] = sup[r] / dp[r];
        }

        var d = new double[n];
        var rhs = new double[size];
        for (var c = 0; c < columns; c++)
        {
            for (var r = 0; r < size; r++)
            {
                rhs[r] = Rhs(r + 1, c);
            }

            rhs[0] /= dp[0];
            for (var r = 1; r < size; r++)
            {
                rhs[r] = (rhs[r] - (sub[r] * rhs[r - 1])) / dp[r];
            }

            for (var r = size - 2; r >= 0; r--)
            {
                rhs[r] -= cp[r] * rhs[r + 1];
            }

            for (var r = 0; r < size; r++)
            {
                d[r + 1] = rhs[r];
            }

            d[0] = ((1 + a0) * d[1]) - (a0 * d[2]);
            d[n - 1] = ((1 + an) * d[n - 2]) - (an * d[n - 3]);
            for (var i = 0; i < n; i++)
            {
                m[(i * columns) + c] = d[i];
            }
        }
    }
}
