using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace SeedCorr.Core.Statistics;

/// <summary>
/// Tail probabilities of Student's t, accurate far into the tails. 1 − CDF would cancel: for t = 40, df = 3 the upper
/// tail is 1.7e-5 but 1 − cdf keeps only ~11 digits, and below 1e-16 it is 0. So every tail is one regularized
/// incomplete beta evaluated directly, P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, ½) (<see cref="IncompleteBetaHalf"/>:
/// MathNet's BetaRegularized loses up to all digits there for large df), with x, 1 − x and their logs formed
/// without subtraction. Below the double range the log of the tail comes from the leading term of the beta's
/// continued fraction, so z of equal p stays finite.
/// </summary>
public static class StudentTTails
{
    /// <summary>Two-sided p = P(|T| ≥ |t|) with <paramref name="df"/> degrees of freedom; NaN for NaN.</summary>
    public static double TwoSided(double t, double df)
    {
        CheckDf(df);
        if (double.IsNaN(t))
        {
            return double.NaN;
        }

        if (double.IsInfinity(t))
        {
            return 0;
        }

        var t2 = t * t;
        if (double.IsInfinity(t2))
        {
            return 0;
        }

        // x = df/(df+t²) and y = t²/(df+t²), and their logs, each without a subtraction.
        var u = t2 / df;
        var log1pU = IncompleteBetaHalf.Log1p(u);
        var x = df / (df + t2);
        var y = t2 / (df + t2);
        return IncompleteBetaHalf.Regularized(df / 2, x, y, -log1pU, Math.Log(u) - log1pU);
    }

    /// <summary>P(T ≥ t): the one-sided p of the positive tail.</summary>
    public static double Upper(double t, double df)
    {
        var half = TwoSided(t, df) / 2;
        return t >= 0 ? half : 1 - half;
    }

    /// <summary>P(T ≤ t): the one-sided p of the negative tail.</summary>
    public static double Lower(double t, double df) => Upper(-t, df);

    /// <summary>The p of <paramref name="t"/> for a test of the given tail.</summary>
    public static double P(double t, double df, Tail tail) => tail switch
    {
        Tail.Positive => Upper(t, df),
        Tail.Negative => Lower(t, df),
        _ => TwoSided(t, df),
    };

    /// <summary>
    /// log P(T ≥ |t|) (the smaller tail), finite even where the tail underflows: there the tail is
    /// x^(df/2) / ((df/2)·B(df/2, 1/2)) · (1 + O(x)) / 2 with x = df/(df+t²) below 1e-300, so the dropped terms are
    /// far below double precision.
    /// </summary>
    public static double LogSmallerTail(double t, double df)
    {
        var q = TwoSided(t, df) / 2;
        if (q > 1e-300 || double.IsNaN(q))
        {
            return Math.Log(q);
        }

        var a = df / 2;
        var logX = Math.Log(df) - (2 * Math.Log(Math.Abs(t))) - Math.Log(1 + (df / (t * t))) /* absolute error 1e-16 against a log x of about -690 */;
        var logBeta = SpecialFunctions.GammaLn(a) + SpecialFunctions.GammaLn(0.5) - SpecialFunctions.GammaLn(a + 0.5);
        return (a * logX) - Math.Log(a) - logBeta - Math.Log(2);
    }

    /// <summary>The t whose two-sided p is <paramref name="p"/> (MathNet's StudentT quantile, for thresholds).</summary>
    public static double CriticalTwoSided(double p, double df)
    {
        CheckDf(df);
        return StudentT.InvCDF(0, 1, df, 1 - (p / 2));
    }

    private static void CheckDf(double df)
    {
        if (!(df > 0) || double.IsInfinity(df))
        {
            throw new ArgumentOutOfRangeException(nameof(df), df, "degrees of freedom must be positive and finite");
        }
    }
}
