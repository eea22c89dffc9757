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

    // A sidecar is kilobytes; the bound keeps a mistaken huge file (or an endless device) out of memory.
    private const long MaxBytes = 64L << 20;

    /// <summary>
    /// Reads a JSON object through <see cref="InputFile"/> (regular files only, at most 64 MiB read); throws
    /// <see cref="BidsException"/> naming the file when it cannot be read or is not one JSON object with unique keys.
    /// </summary>
    public static JsonObject Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            using var buffer = new MemoryStream();
            using (var stream = InputFile.OpenRead(path, MaxBytes))
            {
                stream.CopyTo(buffer);
            }

            var text = StrictUtf8.TryDecode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), out var invalidAt)
                ?? throw new BidsException(BidsErrorKind.InvalidSidecar, $"{path} is not UTF-8 text (invalid byte at {invalidAt}): save it as UTF-8");

            // JsonNode materializes an object's properties on first access and then throws ArgumentException for a
            // repeated key (anywhere in the tree): find it here, where the file can still be named.
            using (var doc = JsonDocument.Parse(text))
            {
                if (RepeatedKey(doc.RootElement) is { } key)
                {
                    throw new BidsException(BidsErrorKind.InvalidSidecar, $"{path}: the key '{key}' appears more than once in the same object");
                }
            }

            return JsonNode.Parse(text) as JsonObject
                ?? throw new BidsException(BidsErrorKind.InvalidSidecar, $"{path} does not hold a JSON object");
        }
        catch (InputFileException ex)
        {
            throw new BidsException(BidsErrorKind.InvalidSidecar, $"{path}: {ex.Detail}", ex);
        }
        catch (JsonException ex)
        {
            throw new BidsException(BidsErrorKind.InvalidSidecar, $"{path} is not valid JSON: {ex.Message}", ex);
        }
    }

    private static string? RepeatedKey(JsonElement element)
    {
        var pending = new Stack<JsonElement>();
        pending.Push(element);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            if (e.ValueKind == JsonValueKind.Object)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var p in e.EnumerateObject())
                {
                    if (!seen.Add(p.Name))
                    {
                        return p.Name;
                    }

                    pending.Push(p.Value);
                }
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray())
                {
                    pending.Push(item);
                }
            }
        }

        return null;
    }
}
