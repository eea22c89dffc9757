using System.Globalization;

namespace SeedCorr.Core.Signal;

/// <summary>
/// The degrees of freedom cleaning leaves, as AFNI's 3dTproject and XCP-D count them: volumes kept − mean/trend
/// (2 with a detrend, 1 when only the mean is removed) − confound rank − what the Butterworth filter stops.
/// </summary>
public static class DegreesOfFreedom
{
    /// <summary>
    /// Degrees of freedom a Butterworth filter takes, as XCP-D's <c>calculate_dof</c> counts them (AFNI's 3dTproject
    /// likewise): 2 for each of the <c>ceil(nyquist / (1/(N·TR)))</c> evenly spaced frequencies 0 … Nyquist that lie
    /// below the high-pass or above the low-pass cut-off.
    /// </summary>
    public static double OfFilter(int volumes, double repetitionTime, double? highPass, double? lowPass)
    {
        var nyq = 0.5 / repetitionTime;
        var spacing = 1 / (repetitionTime * volumes);
        var n = (int)Math.Ceiling(nyq / spacing);
        var dropped = 0;
        var step = n > 1 ? nyq / (n - 1) : 0; // numpy.linspace(0, nyq, n)
        for (var i = 0; i < n; i++)
        {
            var f = i == n - 1 ? nyq : i * step;
            if ((highPass is { } hp && f < hp) || (lowPass is { } lp && f > lp))
            {
                dropped++;
            }
        }

        return 2.0 * dropped;
    }

    /// <summary>What is left of one cleaned run; below <see cref="SignalCleanOptions.MinimumDegreesOfFreedom"/> is an error.</summary>
    internal static double Left(int timepoints, int confoundRank, double filterRemoved, SignalCleanOptions o)
    {
        var trend = o.Detrend ? 2 : o.Standardize != Standardization.None ? 1 : 0;
        var dof = timepoints - trend - confoundRank - filterRemoved;
        if (dof < o.MinimumDegreesOfFreedom)
        {
            throw new SignalException(SignalErrorKind.NoDegreesOfFreedom,
                string.Create(CultureInfo.InvariantCulture, $"no degrees of freedom are left: {timepoints} kept volumes − {trend} (mean/trend) − {confoundRank} confounds − {filterRemoved} (2 per frequency bin the filter stops) = {dof}. Use fewer confounds (a denoising strategy), a wider pass band, or longer runs."));
        }

        return dof;
    }
}
