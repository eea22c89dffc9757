using System.Numerics;

namespace SeedCorr.Core.Signal;

/// <summary>
/// nilearn's confound removal: the (detrended, filtered, censored) confounds are checked, standardized, reduced to an
/// orthonormal basis by pivoted QR (<see cref="ConfoundRegression.Orthonormalize"/>) and projected out of the signals.
/// </summary>
internal static class ConfoundProjection
{
    /// <summary>Projects the confounds out of the signals; returns their rank (0 without confounds).</summary>
    public static int Apply<T>(CleaningState<T> s, ConfoundStandardization standardize, CancellationToken ct)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = s.ConfoundCount, t = s.Timepoints;
        if (s.Confounds is not { } conf || k == 0)
        {
            return 0;
        }

        Check(s, conf, k, t);
        Standardizer.Confounds(conf, t, k, standardize);
        var basis = ConfoundRegression.Orthonormalize(conf, t, k);
        ConfoundRegression.Project(basis, s.Signals, s.Series, ct);
        var rank = basis.Rank;
        s.Steps.Add(rank < k ? $"{k} confounds regressed out (rank {rank}: {k - rank} collinear dropped)" : $"{k} confounds regressed out");
        if (basis.DroppedColumns.Count > 0)
        {
            s.Warnings.Add($"{basis.DroppedColumns.Count} confound column(s) left out of the regression as numerically dependent on the others (collinear, constant, or out of float64 range): {string.Join(", ", basis.DroppedColumns.Order().Select(s.ConfoundLabel))}.");
        }

        return rank;
    }

    private static void Check<T>(CleaningState<T> s, double[] conf, int k, int t)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < conf.Length; i++)
        {
            if (!double.IsFinite(conf[i]))
            {
                throw new SignalException(SignalErrorKind.NonFiniteConfounds,
                    $"confound {s.ConfoundLabel(i % k)} has a missing or infinite value (first at volume {(i / k) + 1} after censoring): fill or drop it before cleaning");
            }
        }

        if (k > t)
        {
            var drift = k - s.UserConfounds;
            throw new SignalException(SignalErrorKind.TooManyRegressors,
                $"{k} confound regressors{(drift > 0 ? $" (with {drift} cosine drift terms)" : string.Empty)} for {t} kept volumes: a regression needs fewer regressors than volumes. Choose a denoising strategy (Import-Confounds -DenoiseStrategy) or fewer columns (-Column).");
        }
    }
}
