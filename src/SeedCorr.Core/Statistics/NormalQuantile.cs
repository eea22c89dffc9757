using MathNet.Numerics;

namespace SeedCorr.Core.Statistics;

/// <summary>
/// Standard normal quantiles of small tail probabilities, and the z of equal p of a t statistic. Φ⁻¹(1 − q) would
/// lose q below 1e-16 in the subtraction; √2·erfc⁻¹(2q) (MathNet's Boost-derived inverse) keeps full relative
/// accuracy down to the smallest doubles, and below 1e-300 the quantile is solved from log q.
/// </summary>
public static class NormalQuantile
{
    /// <summary>The z with P(Z ≥ z) = q, for 0 &lt; q ≤ 1.</summary>
    public static double UpperFromTail(double q)
    {
        if (double.IsNaN(q))
        {
            return double.NaN;
        }

        return q > 1e-300 ? Constants.Sqrt2 * SpecialFunctions.ErfcInv(2 * q) : UpperFromLogTail(Math.Log(q));
    }

    /// <summary>
    /// The z with log P(Z ≥ z) = <paramref name="logQ"/>, for a very small tail (log q below about −690): Newton's method
    /// on the asymptotic series log P(Z ≥ z) = −z²/2 − log z − ½log 2π + log(1 − 1/z² + 3/z⁴ − 15/z⁶ + 105/z⁸), whose
    /// remainder at z ≥ 37 is below 1e-14 relative.
    /// </summary>
    public static double UpperFromLogTail(double logQ)
    {
        if (logQ > -690)
        {
            return UpperFromTail(Math.Exp(logQ));
        }

        if (double.IsNegativeInfinity(logQ))
        {
            return double.PositiveInfinity;
        }

        var z = Math.Sqrt(-2 * logQ);
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var w = 1 / (z * z);
            var series = 1 - (w * (1 - (w * (3 - (w * (15 - (105 * w)))))));
            var f = (-0.5 * z * z) - Math.Log(z) - (0.5 * Math.Log(2 * Math.PI)) + Math.Log(series) - logQ;
            // d/dz log P(Z ≥ z) = −φ(z)/P(Z ≥ z) ≈ −z − 1/z + …; the two leading terms suffice for quadratic convergence here.
            var step = f / (-z - (1 / z));
            z -= step;
            if (Math.Abs(step) <= 1e-16 * z)
            {
                break;
            }
        }

        return z;
    }

    /// <summary>
    /// The z of equal p: the standard normal value with the same tail probability as <paramref name="t"/> under Student's
    /// t with <paramref name="df"/> degrees of freedom, signed as t (so two-sided and one-sided p agree between t and z).
    /// </summary>
    public static double ZOfEqualP(double t, double df)
    {
        if (double.IsNaN(t))
        {
            return double.NaN;
        }

        if (t == 0)
        {
            return 0;
        }

        var q = StudentTTails.TwoSided(t, df) / 2;
        var z = q > 1e-300 ? UpperFromTail(q) : UpperFromLogTail(StudentTTails.LogSmallerTail(t, df));
        return t > 0 ? z : -z;
    }
}
