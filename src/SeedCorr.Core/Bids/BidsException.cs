namespace SeedCorr.Core.Bids;

/// <summary>What went wrong with a BIDS name, folder or sidecar.</summary>
public enum BidsErrorKind
{
    /// <summary>A file name is not <c>key-value_..._suffix.ext</c>, or a label has characters BIDS does not allow.</summary>
    InvalidName,
    /// <summary>A derivatives folder does not exist.</summary>
    FolderNotFound,
    /// <summary>A JSON sidecar cannot be read or has a wrong value.</summary>
    InvalidSidecar,
    /// <summary>A sidecar value cannot be written as JSON (NaN, infinity, an unsupported type).</summary>
    InvalidValue,
    /// <summary>A file whose identity a sidecar records (a provenance stamp) does not exist.</summary>
    StampedFileMissing,
}

/// <summary>A BIDS naming or provenance problem; the message names the file, entity or key.</summary>
public sealed class BidsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BidsException(BidsErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    /// <summary>The error class.</summary>
    public BidsErrorKind Kind { get; }
}
