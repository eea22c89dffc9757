namespace SeedCorr.Core.Statistics;

/// <summary>What a group one-sample test computes besides the parametric maps.</summary>
public sealed record GroupTestOptions
{
    /// <summary>The alternative hypothesis (two-sided by default).</summary>
    public Tail Tail { get; init; } = Tail.Two;

    /// <summary>Sign flips for max-t FWE p values; 0 for none.</summary>
    public int Permutations { get; init; }

    /// <summary>Seed of the sign flips.</summary>
    public int Seed { get; init; }

    /// <summary>Benjamini–Hochberg FDR level q (e.g. 0.05), or null for none.</summary>
    public double? Fdr { get; init; }

    /// <summary>Cluster-forming threshold on t (a statistic value, as nilearn's stat_threshold), or null for no table.</summary>
    public double? ClusterThreshold { get; init; }

    /// <summary>Threads for the permutations (0: all cores).</summary>
    public int MaxDegreeOfParallelism { get; init; }
}
