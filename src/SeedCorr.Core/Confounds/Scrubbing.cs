namespace SeedCorr.Core.Confounds;

/// <summary>nilearn's scrubbing: volumes above the FD / standardized-DVARS thresholds, then short segments removed.</summary>
public static class Scrubbing
{
    /// <summary>
    /// Indices (sorted, unique) of the volumes whose FD is above <paramref name="fdThreshold"/> or whose standardized
    /// DVARS is above <paramref name="dvarsThreshold"/> (strict &gt;; n/a is never flagged).
    /// </summary>
    public static int[] Outliers(IReadOnlyList<double> framewiseDisplacement, IReadOnlyList<double> stdDvars, double fdThreshold, double dvarsThreshold)
    {
        ArgumentNullException.ThrowIfNull(framewiseDisplacement);
        ArgumentNullException.ThrowIfNull(stdDvars);
        var n = Math.Min(framewiseDisplacement.Count, stdDvars.Count);
        return Enumerable.Range(0, n).Where(i => framewiseDisplacement[i] > fdThreshold || stdDvars[i] > dvarsThreshold).ToArray();
    }

    /// <summary>
    /// nilearn's <c>optimize_scrub</c>: adds to the outliers a leading or trailing segment shorter than
    /// <paramref name="minSegment"/> volumes and every gap of 1 … minSegment−1 volumes between outliers (the gaps are
    /// taken once, on the list after the leading and trailing steps, as nilearn does).
    /// </summary>
    public static int[] RemoveShortSegments(IReadOnlyList<int> outliers, int volumes, int minSegment)
    {
        ArgumentNullException.ThrowIfNull(outliers);
        if (outliers.Count == 0 || minSegment <= 0)
        {
            return [.. outliers];
        }

        var idx = new List<int>(outliers);
        if (idx[0] < minSegment)
        {
            idx.InsertRange(0, Enumerable.Range(0, idx[0]));
        }

        if (volumes - (idx[^1] + 1) < minSegment)
        {
            var last = idx[^1];
            idx.AddRange(Enumerable.Range(last, volumes - last));
        }

        var snapshot = idx.ToArray();
        for (var i = 0; i + 1 < snapshot.Length; i++)
        {
            var gap = snapshot[i + 1] - snapshot[i];
            // gap <= minSegment, not gap < minSegment + 1: that overflows for int.MaxValue and keeps every gap.
            if (gap > 1 && gap <= minSegment)
            {
                idx.AddRange(Enumerable.Range(snapshot[i] + 1, gap - 1));
            }
        }

        return idx.Distinct().Order().ToArray();
    }
}
