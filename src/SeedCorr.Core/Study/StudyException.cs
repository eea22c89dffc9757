namespace SeedCorr.Core.Study;

/// <summary>What went wrong in a study-level run (the other failures keep their own exception types).</summary>
public enum StudyErrorKind
{
    /// <summary>Options no run can use (no seed, clashing seed names, a bad number).</summary>
    InvalidParameter,
    /// <summary>The run lacks a file it needs (mask, confounds), as discovery reported.</summary>
    RunIncomplete,
    /// <summary>An output path is taken by something that is not a file SeedCorr may replace (a folder).</summary>
    OutputBlocked,
    /// <summary>A study parameters file (a cluster job's) is missing, unreadable, or holds a value that cannot be used.</summary>
    ParametersFileInvalid,
}

/// <summary>A study-level failure of one run or of the options.</summary>
public sealed class StudyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StudyException(StudyErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    /// <summary>The kind.</summary>
    public StudyErrorKind Kind { get; }

    /// <summary>The file concerned, when there is one.</summary>
    public string? FilePath { get; init; }
}
