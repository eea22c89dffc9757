namespace SeedCorr.Core.Connectivity;

/// <summary>
/// Fisher's z = artanh(r). |r| is first clamped to 0.999329 = tanh(4), so |z| ≤ 4: AFNI's convention (3dTcorr1D,
/// InstaCorr), because beyond it r is dominated by rounding (float32 r has ~7 digits; artanh(1 − 1e-7) is 8.4 and
/// artanh(1) is infinite), and a seed correlated with itself should not put an infinity into a map.
/// </summary>
public static class FisherZ
{
    /// <summary>The clamp: tanh(4).</summary>
    public const double MaxAbsR = 0.999329;

    /// <summary>NIFTI_INTENT_CORREL: p1 = degrees of freedom.</summary>
    public const int IntentCorrel = 2;

    /// <summary>
    /// NIFTI_INTENT_ESTIMATE, used for Fisher z: ZSCORE (5) would claim a standard normal under the null hypothesis,
    /// which artanh(r) is not (its standard error is 1/√(n−3)).
    /// </summary>
    public const int IntentEstimate = 1001;

    /// <summary>artanh of each value, |r| clamped; NaN stays NaN.</summary>
    public static float[] Transform(ReadOnlySpan<float> r)
    {
        var z = new float[r.Length];
        for (var i = 0; i < r.Length; i++)
        {
            z[i] = (float)Math.Atanh(Math.Clamp(r[i], -MaxAbsR, MaxAbsR));
        }

        return z;
    }
}
