namespace SeedCorr.Core.Statistics;

/// <summary>The numbers a person asks first about a group test, and the files written.</summary>
public sealed class GroupTestResult
{
    /// <summary>The seed (desc- label).</summary>
    public string? Seed { get; init; }

    /// <summary>The task label.</summary>
    public string? Task { get; init; }

    /// <summary>The template space label.</summary>
    public string? Space { get; init; }

    /// <summary>Number of subjects.</summary>
    public int Subjects { get; init; }

    /// <summary>The subjects' labels.</summary>
    public IReadOnlyList<string> SubjectLabels { get; init; } = [];

    /// <summary>Number of subject maps (runs) averaged.</summary>
    public int Runs { get; init; }

    /// <summary>Voxels in the group mask.</summary>
    public int Voxels { get; init; }

    /// <summary>Degrees of freedom of t (subjects − 1).</summary>
    public int DegreesOfFreedom { get; init; }

    /// <summary>The alternative hypothesis.</summary>
    public Tail Tail { get; init; }

    /// <summary>The peak t (largest |t| for a two-sided test, largest t or smallest t for one-sided).</summary>
    public double PeakT { get; init; }

    /// <summary>Voxel indices (i, j, k) of the peak.</summary>
    public IReadOnlyList<int> PeakVoxel { get; init; } = [];

    /// <summary>World (MNI) coordinate of the peak in mm.</summary>
    public IReadOnlyList<double> PeakMni { get; init; } = [];

    /// <summary>Sign flips evaluated (0: no permutation test).</summary>
    public int Permutations { get; init; }

    /// <summary>True when all 2^n sign flips were enumerated.</summary>
    public bool PermutationExact { get; init; }

    /// <summary>The smallest FWE p over the mask (permutations only).</summary>
    public double? MinFamilyWiseP { get; init; }

    /// <summary>
    /// The FWE 0.05 threshold from the max-t null: voxels whose statistic (|t|, t or −t by tail) exceeds it have FWE
    /// p ≤ 0.05; null without permutations or when too few flips make p ≤ 0.05 impossible. A -Threshold for plots.
    /// </summary>
    public double? FamilyWiseThresholdT { get; init; }

    /// <summary>The FDR level q asked for.</summary>
    public double? FdrQ { get; init; }

    /// <summary>The Benjamini–Hochberg p threshold (null: nothing survives or no FDR asked).</summary>
    public double? FdrThresholdP { get; init; }

    /// <summary>The smallest statistic (|t|, t or −t by tail) among the FDR survivors: a -Threshold for plots.</summary>
    public double? FdrThresholdT { get; init; }

    /// <summary>Voxels surviving FDR.</summary>
    public int? FdrVoxels { get; init; }

    /// <summary>The clusters above the cluster-forming threshold.</summary>
    public IReadOnlyList<Cluster> Clusters { get; init; } = [];

    /// <summary>The files written.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
}
