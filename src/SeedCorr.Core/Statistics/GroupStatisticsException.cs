namespace SeedCorr.Core.Statistics;

/// <summary>Why a group test cannot run on the maps it was given.</summary>
public enum GroupStatisticsErrorKind
{
    /// <summary>Fewer than two subjects (a one-sample t needs df = n − 1 ≥ 1).</summary>
    TooFewSubjects,
    /// <summary>The maps are of different seeds (desc- entity).</summary>
    MixedSeeds,
    /// <summary>The maps differ in task, space or atlas.</summary>
    MixedEntities,
    /// <summary>The maps (or the mask) are not on one grid: shape or affine differ.</summary>
    GridMismatch,
    /// <summary>A map has no spatial grid (sform and qform codes 0), so coordinates would be meaningless.</summary>
    NoGrid,
    /// <summary>A map is not one 3D volume.</summary>
    NotAVolume,
    /// <summary>A file name lacks the BIDS entity needed (sub-), or is not a Fisher z map.</summary>
    NameNotUnderstood,
    /// <summary>A map has no finite, non-zero voxel (all NaN or all zero).</summary>
    EmptyMap,
    /// <summary>The group mask (intersection of the maps, or -MaskImage) selects no voxel.</summary>
    EmptyMask,
    /// <summary>A parameter is out of range (permutations, FDR q, thresholds).</summary>
    InvalidParameter,
}

/// <summary>A group test cannot run; the message names the file, entity or value at fault.</summary>
public sealed class GroupStatisticsException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public GroupStatisticsException(GroupStatisticsErrorKind kind, string message, string? filePath = null)
        : base(message)
    {
        Kind = kind;
        FilePath = filePath;
    }

    /// <summary>The error class.</summary>
    public GroupStatisticsErrorKind Kind { get; }

    /// <summary>The file at fault, when there is one.</summary>
    public string? FilePath { get; }
}
