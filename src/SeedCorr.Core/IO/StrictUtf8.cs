using System.Text;

namespace SeedCorr.Core.IO;

/// <summary>
/// Strict UTF-8 decoding of a JSON input before it is parsed: System.Text.Json checks the bytes of a string only when
/// the string is read, and then throws InvalidOperationException far from the file (a name in the middle of a CompCor
/// selection, a key on first access).
/// </summary>
internal static class StrictUtf8
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text (a UTF-8 byte-order mark skipped), or null with the file offset of the first invalid byte.</summary>
    public static string? TryDecode(ReadOnlySpan<byte> bytes, out long invalidAt)
    {
        var skip = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            invalidAt = -1;
            return Strict.GetString(bytes[skip..]);
        }
        catch (DecoderFallbackException ex)
        {
            invalidAt = skip + ex.Index;
            return null;
        }
    }
}
