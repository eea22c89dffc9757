namespace SeedCorr.Core.Nifti;

/// <summary>
/// One header extension: its <c>ecode</c> and the raw content (esize − 8 bytes, padding included, so that an unmodified
/// image is written back byte for byte).
/// </summary>
public sealed class NiftiExtension
{
    private readonly byte[] _content;

    /// <summary>Creates an extension. The content is copied.</summary>
    public NiftiExtension(int code, ReadOnlySpan<byte> content)
    {
        Code = code;
        _content = content.ToArray();
    }

    /// <summary>The extension code (4 = AFNI, 6 = comment, 2 = DICOM, …).</summary>
    public int Code { get; }

    /// <summary>Number of content bytes (without the 8-byte esize/ecode prefix).</summary>
    public int Length => _content.Length;

    /// <summary>Size on disk including the 8-byte prefix, rounded up to a multiple of 16 as the standard requires.</summary>
    public int SizeOnDisk => (_content.Length + 8 + 15) / 16 * 16;

    /// <summary>A copy of the raw content.</summary>
    public byte[] GetContent() => (byte[])_content.Clone();

    internal ReadOnlySpan<byte> Content => _content;

    /// <summary>The content as text up to the first NUL (what nibabel's <c>get_content()</c> shows for text extensions).</summary>
    public string GetText()
    {
        var span = _content.AsSpan();
        var nul = span.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(nul < 0 ? span : span[..nul]);
    }

    /// <inheritdoc />
    public override string ToString() => $"NiftiExtension code={Code} {Length} bytes";
}
