using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SeedCorr.Core.IO;

namespace SeedCorr.Core.Bids;

/// <summary>
/// JSON sidecars: indented UTF-8 (no BOM, LF line ends), numbers in invariant culture and shortest round-trip form (System.Text.Json
/// never uses the current culture), written atomically. NaN and infinities are refused: JSON has no such numbers.
/// </summary>
public static class JsonSidecar
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        // Keys and values such as "x0ym52z18" or "T1w+" stay readable; JSON escaping of <, >, & is for HTML only.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The text that <see cref="Write"/> writes (also the input of provenance hashes).</summary>
    public static string Serialize(JsonNode content)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            // LF on every OS, so that files and provenance hashes are the same on Windows (.NET 8 indents with Environment.NewLine).
            return content.ToJsonString(Options).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
        }
        catch (ArgumentException ex)
        {
            throw new BidsException(BidsErrorKind.InvalidValue, $"a sidecar value cannot be written as JSON: {ex.Message}", ex);
        }
    }

    /// <summary>Writes a sidecar atomically (temporary file, then rename).</summary>
    public static void Write(string path, JsonNode content, bool overwrite, CancellationToken cancellationToken = default)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Serialize(content));
        AtomicFile.Write(path, s => s.Write(bytes), overwrite, cancellationToken);
    }

    /// <summary>Reads a JSON object; throws <see cref="BidsException"/> naming the file when it is not one.</summary>
    public static JsonObject Read(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new BidsException(BidsErrorKind.InvalidSidecar, $"{path} does not hold a JSON object");
        }
        catch (JsonException ex)
        {
            throw new BidsException(BidsErrorKind.InvalidSidecar, $"{path} is not valid JSON: {ex.Message}", ex);
        }
    }
}
