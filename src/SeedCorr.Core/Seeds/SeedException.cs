namespace SeedCorr.Core.Seeds;

/// <summary>What is wrong with a seed definition.</summary>
public enum SeedErrorKind
{
    /// <summary>A name, radius or coordinate count is wrong.</summary>
    InvalidParameter,
    /// <summary>A labels image, labels table or coordinate table cannot be used.</summary>
    InvalidAtlas,
    /// <summary>No label of an atlas is left on a run's grid.</summary>
    NoLabelLeft,
    /// <summary>An atlas's labels image holds a value that is not a whole number (a probabilistic map, or a damaged file).</summary>
    LabelsNotInteger,
}

/// <summary>A seed or atlas problem; the message names the file, row, column or value.</summary>
public sealed class SeedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SeedException(SeedErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    /// <summary>The error class.</summary>
    public SeedErrorKind Kind { get; }
}
