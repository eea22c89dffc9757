using System.Numerics;

namespace SeedCorr.Core.Signal;

/// <summary>
/// nilearn's sample mask. Without a Butterworth filter the censored volumes are simply dropped. A Butterworth filter
/// needs evenly spaced samples, so they are first filled by a cubic spline (nilearn's <c>_interpolate_volumes</c>),
/// filtered with the rest, and dropped after the filter (<see cref="DropAfterFilter"/>).
/// </summary>
internal static class Censoring
{
    /// <summary>
    /// Applies the sample mask before filtering. Returns the rows to keep after the filter (interpolation), or null
    /// when the censored volumes are already gone.
    /// </summary>
    public static int[]? BeforeFilter<T>(CleaningState<T> s, bool[] mask, bool butterworth, double? repetitionTime, bool extrapolate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var keptCount = mask.Count(b => b);
        var censored = s.Timepoints - keptCount;
        if (keptCount == 0)
        {
            throw new SignalException(SignalErrorKind.AllVolumesRemoved, "the sample mask removes every volume");
        }

        if (!butterworth)
        {
            s.KeepRows(Rows.Where(mask));
            s.Steps.Add($"{censored} censored volumes removed");
            return null;
        }

        if (keptCount < 2)
        {
            throw new SignalException(SignalErrorKind.InvalidParameter, "interpolating censored volumes needs at least 2 kept volumes");
        }

        var keep = Interpolate(s, mask, repetitionTime!.Value, extrapolate);
        s.Steps.Add($"{censored} censored volumes interpolated (cubic spline) before filtering");
        return keep;
    }

    /// <summary>Drops the interpolated volumes once the filter has run.</summary>
    public static void DropAfterFilter<T>(CleaningState<T> s, int[] keep)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        s.KeepRows(keep);
        s.Steps.Add("censored volumes removed after filtering");
    }

    private static int[] Interpolate<T>(CleaningState<T> s, bool[] mask, double tr, bool extrapolate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int t = s.Timepoints, columns = s.Series, k = s.ConfoundCount;
        var asDouble = s.Signals.Select(double.CreateTruncating).ToArray();
        CubicSplineInterpolation.Fill(asDouble, t, columns, mask, tr, extrapolate);
        var conf = s.Confounds;
        if (conf is not null)
        {
            CubicSplineInterpolation.Fill(conf, t, k, mask, tr, extrapolate);
        }

        var first = Array.IndexOf(mask, true);
        var last = Array.LastIndexOf(mask, true);
        int[] rows;
        if (!extrapolate)
        {
            // Volumes outside the first and last kept ones cannot be interpolated: they are dropped before filtering.
            rows = Enumerable.Range(first, last - first + 1).ToArray();
        }
        else
        {
            rows = Enumerable.Range(0, t).ToArray();
            if (first > 0 || last < t - 1)
            {
                s.Warnings.Add("Censored volumes at the start or end of the run were extrapolated by the cubic spline before filtering; consider Extrapolate=false to drop them instead.");
            }
        }

        var filled = new T[rows.Length * columns];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                filled[(r * columns) + c] = T.CreateTruncating(asDouble[(rows[r] * columns) + c]);
            }
        }

        s.Replace(filled, conf is null ? null : Rows.Take(conf, k, rows), rows.Length);
        return Enumerable.Range(0, rows.Length).Where(r => mask[rows[r]]).ToArray();
    }
}
