namespace SeedCorr.Core.Batch;

/// <summary>Memory estimates that bound how many runs a batch keeps in flight.</summary>
public static class RunMemory
{
    /// <summary>Runtime, buffers of the streaming pass and figures, beyond the signal matrix.</summary>
    public const long OverheadBytes = 256L << 20;

    /// <summary>
    /// Peak memory of one run's streaming pass: the time-major float32 signal matrix of every voxel that may be kept
    /// (at most the whole grid: the brain mask is only known at the end of the pass), in which cleaning runs in place,
    /// plus <see cref="OverheadBytes"/>. bench/README.md measures ~1.1× the matrix plus 0.2 GB.
    /// </summary>
    /// <param name="voxelsPerVolume">nx·ny·nz, or the mask's voxel count when a mask is given.</param>
    /// <param name="volumes">nt.</param>
    public static long Estimate(long voxelsPerVolume, long volumes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(voxelsPerVolume);
        ArgumentOutOfRangeException.ThrowIfNegative(volumes);
        var matrix = checked(voxelsPerVolume * volumes * sizeof(float));
        return checked(matrix + (matrix / 8) + OverheadBytes);
    }

    /// <summary>80 % of the memory this process may use (the machine's, or a container's limit).</summary>
    public static long DefaultBudget() => (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * 0.8);
}
