using System.Globalization;
using System.Numerics;

namespace SeedCorr.Core.Signal;

/// <summary>
/// nilearn's <c>filter="cosine"</c>: the discrete cosine basis of <see cref="CosineDrift"/> is appended to the
/// confounds (before censoring, on the full run), so that the confound projection removes the drift.
/// </summary>
internal static class CosineDriftStep
{
    public static void AppendTo<T>(CleaningState<T> s, double highPass, double repetitionTime)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int t = s.Timepoints, k = s.ConfoundCount;
        var (drift, order) = CosineDrift.Create(t, highPass, repetitionTime);
        if (order == 0)
        {
            s.Warnings.Add("The cosine filter was not created: the time series is too short or the high-pass cut-off too low for it.");
            return;
        }

        var conf = s.Confounds;
        if (conf is not null && AlreadyPresent(conf, k, drift, order, t))
        {
            s.Warnings.Add("Cosine drift regressors already exist in the confounds: only those are used.");
            return;
        }

        var merged = new double[t * (k + order)];
        for (var r = 0; r < t; r++)
        {
            if (conf is not null)
            {
                Array.Copy(conf, r * k, merged, r * (k + order), k);
            }

            Array.Copy(drift, r * order, merged, (r * (k + order)) + k, order);
        }

        s.AppendConfounds(merged, Enumerable.Range(1, order).Select(d => string.Create(CultureInfo.InvariantCulture, $"cosine drift {d}")));
        s.Steps.Add($"cosine high-pass ({order} DCT regressors)");
    }

    /// <summary>nilearn's check: a confound correlating above 0.9 with a drift regressor means the user supplied them.</summary>
    private static bool AlreadyPresent(double[] conf, int k, double[] drift, int order, int t)
    {
        for (var d = 0; d < order; d++)
        {
            for (var c = 0; c < k; c++)
            {
                if (Correlation(drift, order, d, conf, k, c, t) > 0.9)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Pearson correlation of column <paramref name="ac"/> of a and column <paramref name="bc"/> of b (time-major).</summary>
    private static double Correlation(double[] a, int aw, int ac, double[] b, int bw, int bc, int t)
    {
        double ma = 0, mb = 0;
        for (var i = 0; i < t; i++)
        {
            ma += a[(i * aw) + ac];
            mb += b[(i * bw) + bc];
        }

        ma /= t;
        mb /= t;
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < t; i++)
        {
            double da = a[(i * aw) + ac] - ma, db = b[(i * bw) + bc] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }

        return saa == 0 || sbb == 0 ? 0 : sab / Math.Sqrt(saa * sbb);
    }
}
