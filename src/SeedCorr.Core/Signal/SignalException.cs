namespace SeedCorr.Core.Signal;

/// <summary>Why signal cleaning cannot proceed; each kind maps to one stable PowerShell error id.</summary>
public enum SignalErrorKind
{
    /// <summary>A parameter is out of range or inconsistent (cut-offs, TR, standardization).</summary>
    InvalidParameter,
    /// <summary>Filtering was asked for but no repetition time is known.</summary>
    RepetitionTimeMissing,
    /// <summary>The series is too short for the filter's padding.</summary>
    SeriesTooShort,
    /// <summary>Confounds, sample mask or runs do not match the signals (length, shape).</summary>
    ShapeMismatch,
    /// <summary>Confounds contain NaN or infinity.</summary>
    NonFiniteConfounds,
    /// <summary>The sample mask removes every volume.</summary>
    AllVolumesRemoved,
    /// <summary>More confound regressors than volumes kept.</summary>
    TooManyRegressors,
    /// <summary>Fewer degrees of freedom are left than <see cref="SignalCleanOptions.MinimumDegreesOfFreedom"/>.</summary>
    NoDegreesOfFreedom,
    /// <summary>Too few time points to correlate (a Pearson correlation needs at least 3), whatever the filter.</summary>
    TooFewTimepointsToCorrelate,
}

/// <summary>Signal cleaning failed; <see cref="Kind"/> says why and the message names the value.</summary>
public sealed class SignalException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public SignalException(SignalErrorKind kind, string message, string? paramName = null)
        : base(message, paramName)
    {
        Kind = kind;
    }

    /// <summary>The error class.</summary>
    public SignalErrorKind Kind { get; }
}
