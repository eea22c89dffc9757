using SeedCorr.Core.IO;
using System.Text.Json;

namespace SeedCorr.Core.Confounds;

/// <summary>
/// fMRIPrep's JSON sidecar of a confounds table (≥ 1.4): one entry per column, in file order; CompCor entries carry
/// the <c>Mask</c> (combined, CSF, WM) that tells the anatomical components apart.
/// </summary>
public sealed class ConfoundsSidecar
{
    private readonly Dictionary<string, string?> _masks;

    private ConfoundsSidecar(string path, List<string> keys, Dictionary<string, string?> masks)
    {
        Path = path;
        Keys = keys;
        _masks = masks;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The top-level keys in file order.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The <c>Mask</c> of an entry, or null when the entry or its Mask is absent.</summary>
    public string? MaskOf(string key) => _masks.TryGetValue(key, out var m) ? m : null;

    /// <summary>True when the key is in the sidecar.</summary>
    public bool Contains(string key) => _masks.ContainsKey(key);

    /// <summary>Reads <paramref name="path"/>; a file that is not a JSON object is an error naming it.</summary>
    public static ConfoundsSidecar Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // A sidecar is kilobytes; fMRIPrep's largest (all components kept) are a few MB. The shared opener refuses
        // folders, FIFOs and devices before opening and stops reading past the bound, whatever the file claims.
        const long maxBytes = 64L << 20;
        try
        {
            using var stream = InputFile.OpenRead(path, maxBytes);
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var text = StrictUtf8.TryDecode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), out var invalidAt)
                ?? throw new ConfoundsException(ConfoundsErrorKind.SidecarInvalid, path, $"the JSON sidecar is not UTF-8 text (invalid byte at {invalidAt}): save it as UTF-8");
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            return FromDocument(path, doc);
        }
        catch (InputFileException ex)
        {
#pragma warning disable CS8524 // InputFile raises only the named problems; a new one must get its own arm (CS8509).
            throw ex.Problem switch
            {
                InputFileProblem.NotFound => new ConfoundsException(ConfoundsErrorKind.SidecarMissing, path, "the JSON sidecar does not exist", ex),
                InputFileProblem.NotRegularFile => new ConfoundsException(ConfoundsErrorKind.NotRegularFile, path, ex.Detail, ex),
                InputFileProblem.TooLarge => new ConfoundsException(ConfoundsErrorKind.SidecarInvalid, path, "the JSON sidecar is larger than 64 MiB: is it the right file?", ex),
            };
#pragma warning restore CS8524
        }
        catch (JsonException ex)
        {
            throw new ConfoundsException(ConfoundsErrorKind.SidecarInvalid, path, $"the JSON sidecar is not valid JSON: {ex.Message}", ex);
        }
    }

    private static ConfoundsSidecar FromDocument(string path, JsonDocument doc)
    {
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new ConfoundsException(ConfoundsErrorKind.SidecarInvalid, path, $"the JSON sidecar must be an object of column descriptions, not a {doc.RootElement.ValueKind}");
        }

        var keys = new List<string>();
        var masks = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            string? mask = null;
            if (p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("Mask", out var m) && m.ValueKind == JsonValueKind.String)
            {
                mask = m.GetString();
            }

            if (masks.TryAdd(p.Name, mask))
            {
                keys.Add(p.Name);
            }
            else
            {
                masks[p.Name] = mask; // Python's json keeps the last duplicate, in the first one's place
            }
        }

        return new ConfoundsSidecar(path, keys, masks);
    }
}
