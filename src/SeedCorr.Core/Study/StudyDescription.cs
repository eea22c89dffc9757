using System.Text.Json.Nodes;
using SeedCorr.Core.Bids;

namespace SeedCorr.Core.Study;

/// <summary>
/// The output folder's <c>dataset_description.json</c>: a SeedCorr derivative whose <c>SourceDatasets</c> and
/// <c>DatasetLinks</c> name the fMRIPrep folders read (<c>preprocessed</c>, <c>preprocessed2</c>, …), so that the
/// sidecars' <c>Sources</c> can be BIDS URIs (<c>bids:preprocessed:sub-01/func/…</c>).
/// </summary>
public static class StudyDescription
{
    /// <summary>The file's path in <paramref name="outputDirectory"/>.</summary>
    public static string PathIn(string outputDirectory) => Path.Combine(outputDirectory, "dataset_description.json");

    /// <summary>
    /// Writes (or brings up to date) the description for runs read from <paramref name="fmriprepRoots"/> and returns
    /// the link names by full root path. A description written by another program is left as it is (and its links
    /// are not used): the caller is told through <paramref name="warnings"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Write(string outputDirectory, IEnumerable<string> fmriprepRoots, ICollection<string> warnings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outputDirectory);
        ArgumentNullException.ThrowIfNull(fmriprepRoots);
        ArgumentNullException.ThrowIfNull(warnings);
        var path = PathIn(outputDirectory);
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonObject? existing = null;
        if (File.Exists(path))
        {
            try
            {
                existing = JsonSidecar.Read(path);
            }
            catch (BidsException)
            {
                existing = null;
            }

            var by = existing?["GeneratedBy"] is JsonArray g && g.Count > 0 ? g[0]?["Name"]?.GetValue<string>() : null;
            if (by != "SeedCorr")
            {
                warnings.Add($"{path} was not written by SeedCorr ({(by is null ? "unreadable or without GeneratedBy" : $"GeneratedBy {by}")}); it is left as it is, and the sidecars name their sources by file URI");
                return links;
            }

            // Keep the links of earlier calls (another subject list, another fMRIPrep folder): their sidecars use them.
            if (existing!["DatasetLinks"] is JsonObject old)
            {
                foreach (var (name, uri) in old)
                {
                    if (uri?.GetValue<string>() is { } u && Uri.TryCreate(u, UriKind.Absolute, out var parsed) && parsed.IsFile)
                    {
                        links[Path.GetFullPath(parsed.LocalPath)] = name;
                    }
                }
            }
        }

        foreach (var root in fmriprepRoots.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
        {
            if (!links.ContainsKey(root))
            {
                links[root] = links.Count == 0 ? "preprocessed" : $"preprocessed{links.Count + 1}";
            }
        }

        var description = DatasetDescription.Create("SeedCorr seed-to-voxel connectivity", GeneratedBy.SeedCorr(),
            links.Keys.Select(r => new SourceDataset(r)), links.ToDictionary(p => p.Value, p => p.Key));
        if (existing is null || JsonSidecar.Serialize(existing) != JsonSidecar.Serialize(description))
        {
            Directory.CreateDirectory(outputDirectory);
            JsonSidecar.Write(path, description, overwrite: true, cancellationToken);
        }

        return links;
    }
}
