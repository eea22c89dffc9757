namespace SeedCorr.Core.Nifti;

/// <summary>What went wrong with a NIfTI file; each kind maps to one stable PowerShell error id.</summary>
public enum NiftiErrorKind
{
    /// <summary>The file, or the .img/.hdr companion of a pair, does not exist.</summary>
    NotFound,
    /// <summary>The file or the decompressed stream ends before the header or the voxel data is complete.</summary>
    Truncated,
    /// <summary>A header field is impossible or inconsistent (magic, sizeof_hdr, dim, vox_offset, extensions, overflow).</summary>
    InvalidHeader,
    /// <summary>The datatype code is unknown, or defined by the standard but not supported (complex, RGB, float128, binary).</summary>
    UnsupportedDataType,
    /// <summary>A .gz file that is not a valid gzip stream (bad magic, bad deflate data, CRC mismatch).</summary>
    CorruptCompressed,
    /// <summary>The header implies more data than the reader accepts (the allocation guard).</summary>
    TooLarge,
    /// <summary>The image cannot be written as asked (unsupported extension, datatype, or an I/O failure).</summary>
    WriteFailed,
    /// <summary>The path is a folder, named pipe, device or socket, not a regular file (refused before it is opened).</summary>
    NotRegularFile,
    /// <summary>scl_slope/scl_inter map the stored values where float32 cannot tell one stored unit from the next.</summary>
    ScalingUnrepresentable,
    /// <summary>The image to write has an affine with non-finite values or a singular linear part: no reader could place its voxels.</summary>
    AffineInvalid,
}

/// <summary>A NIfTI file could not be read or written. <see cref="Kind"/> says why; the message names the file and the value.</summary>
public sealed class NiftiException : IOException
{
    /// <summary>Creates an exception of the given kind.</summary>
    public NiftiException(NiftiErrorKind kind, string? path, string message, Exception? inner = null)
        : base(path is null ? message : $"{System.IO.Path.GetFileName(path)}: {message}", inner)
    {
        Kind = kind;
        FilePath = path;
    }

    /// <summary>The error class.</summary>
    public NiftiErrorKind Kind { get; }

    /// <summary>The file concerned, when known.</summary>
    public string? FilePath { get; }
}
