namespace SeedCorr.Core.Confounds;

/// <summary>Why a confounds table cannot be used.</summary>
public enum ConfoundsErrorKind
{
    /// <summary>The file does not exist.</summary>
    NotFound,
    /// <summary>The file has no data rows.</summary>
    Empty,
    /// <summary>Ragged rows, a non-numeric cell, a bad header.</summary>
    Malformed,
    /// <summary>A missing value (n/a) that cannot be filled.</summary>
    MissingValue,
    /// <summary>Two columns share a name.</summary>
    DuplicateColumn,
    /// <summary>A requested column (or pattern) matches nothing.</summary>
    ColumnNotFound,
    /// <summary>The path is a folder, named pipe, device or socket, not a regular file.</summary>
    NotRegularFile,
}

/// <summary>A confounds file or selection is unusable; the message names the column, row and value.</summary>
public sealed class ConfoundsException : IOException
{
    /// <summary>Creates the exception.</summary>
    public ConfoundsException(ConfoundsErrorKind kind, string? path, string message, Exception? inner = null)
        : base(path is null ? message : $"{System.IO.Path.GetFileName(path)}: {message}", inner)
    {
        Kind = kind;
        FilePath = path;
    }

    /// <summary>The error class.</summary>
    public ConfoundsErrorKind Kind { get; }

    /// <summary>The file concerned.</summary>
    public string? FilePath { get; }
}
