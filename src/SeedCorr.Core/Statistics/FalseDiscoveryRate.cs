namespace SeedCorr.Core.Statistics;

/// <summary>The Benjamini–Hochberg step-up procedure over the voxels of a mask.</summary>
public static class FalseDiscoveryRate
{
    /// <summary>
    /// The largest p(k) with p(k) ≤ q·k/m (m = number of p values, NaN excluded), or null when no voxel survives.
    /// Voxels with p ≤ the threshold are the discoveries at false discovery rate q.
    /// </summary>
    public static double? BenjaminiHochbergThreshold(IReadOnlyList<double> p, double q)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (!(q > 0 && q < 1))
        {
            throw new GroupStatisticsException(GroupStatisticsErrorKind.InvalidParameter, $"the FDR level q must be between 0 and 1 (exclusive); got {q}");
        }

        var sorted = p.Where(v => !double.IsNaN(v)).ToArray();
        Array.Sort(sorted);
        var m = sorted.Length;
        for (var k = m; k >= 1; k--)
        {
            if (sorted[k - 1] <= q * k / m)
            {
                return sorted[k - 1];
            }
        }

        return null;
    }
}
