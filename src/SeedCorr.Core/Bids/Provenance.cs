using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SeedCorr.Core.Bids;

/// <summary>
/// Provenance of a derivative: a stamp of each input file and a hash of everything that determines an output, so
/// that a second run with the same inputs and parameters can be recognised (same hash) and skipped.
/// </summary>
public static class Provenance
{
    /// <summary>
    /// A file's identity without reading it: full path, size in bytes and last write time (UTC, ISO 8601). A file
    /// that is replaced or touched gets a new stamp.
    /// </summary>
    public static JsonObject FileStamp(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new BidsException(BidsErrorKind.StampedFileMissing, $"cannot stamp {path}: the file does not exist");
        }

        return new JsonObject
        {
            ["Path"] = info.FullName,
            ["Bytes"] = info.Length,
            ["LastWriteUtc"] = info.LastWriteTimeUtc.ToString("o", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>SHA-256 (lower-case hex) of the content as <see cref="JsonSidecar.Serialize"/> writes it: key order counts.</summary>
    public static string Hash(JsonNode content) =>
        string.Concat(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSidecar.Serialize(content))).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
}
