using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SeedCorr.Core.Batch;

/// <summary>
/// The identity of a run's work: its input files (full path, size, last write time — what make and rsync compare;
/// hashing gigabytes of BOLD data would cost more than many runs) and its parameters, as one SHA-256. Same inputs and
/// same parameters give the same hash, so a batch can skip a run whose outputs carry it already.
/// </summary>
public static class ProvenanceHash
{
    /// <summary>The hash, as 64 lowercase hex digits.</summary>
    /// <param name="inputFiles">The files the run reads (order does not matter).</param>
    /// <param name="parameters">Every parameter that changes the outputs, as name and invariant text (order does not matter).</param>
    public static string Compute(IEnumerable<string> inputFiles, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(inputFiles);
        ArgumentNullException.ThrowIfNull(parameters);
        var text = new StringBuilder("seedcorr-provenance-v1\n");
        foreach (var file in inputFiles.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            var stamp = info.Exists
                ? string.Create(CultureInfo.InvariantCulture, $"{info.Length}:{info.LastWriteTimeUtc.Ticks}")
                : "missing";
            text.Append("file\t").Append(file).Append('\t').Append(stamp).Append('\n');
        }

        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            // Tabs and newlines cannot be confused with the separators: escape them.
            text.Append("param\t").Append(Escape(name)).Append('\t').Append(Escape(value)).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
