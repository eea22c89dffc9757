using System.Reflection;
using System.Text.Json.Nodes;

namespace SeedCorr.Core.Bids;

/// <summary>A dataset this derivative was computed from (BIDS <c>SourceDatasets</c> item).</summary>
/// <param name="Url">Where it is: a URL, or a local folder (written as a <c>file://</c> URI).</param>
/// <param name="Version">Its version, when known.</param>
/// <param name="Doi">Its DOI, when known.</param>
public sealed record SourceDataset(string Url, string? Version = null, string? Doi = null);

/// <summary>
/// The <c>dataset_description.json</c> of a SeedCorr derivative dataset: <c>Name</c>, <c>BIDSVersion</c>,
/// <c>DatasetType</c> "derivative", <c>GeneratedBy</c> (required for derivatives: name, version with the commit as
/// SemVer build metadata, code URL), <c>SourceDatasets</c> and <c>DatasetLinks</c>.
/// </summary>
public static class DatasetDescription
{
    /// <summary>The BIDS version the names follow (the <c>atlas</c> entity is from 1.11).</summary>
    public const string BidsVersion = "1.11.0";

    /// <summary>Builds the description.</summary>
    /// <param name="name">The dataset's name.</param>
    /// <param name="generatedBy">The program: name, version, commit (null when unknown), code URL.</param>
    /// <param name="sources">The datasets read.</param>
    /// <param name="links">Names for BIDS URIs (<c>bids:&lt;name&gt;:path</c>) in the sidecars, e.g. "preprocessed" → the fMRIPrep folder.</param>
    public static JsonObject Create(string name, GeneratedBy generatedBy, IEnumerable<SourceDataset> sources, IReadOnlyDictionary<string, string>? links = null)
    {
        ArgumentNullException.ThrowIfNull(generatedBy);
        ArgumentNullException.ThrowIfNull(sources);
        var gen = new JsonObject { ["Name"] = generatedBy.Name, ["Version"] = generatedBy.FullVersion };
        if (generatedBy.CodeUrl is not null)
        {
            gen["CodeURL"] = generatedBy.CodeUrl;
        }

        var src = new JsonArray();
        foreach (var s in sources)
        {
            var o = new JsonObject { ["URL"] = ToUri(s.Url) };
            if (s.Version is not null)
            {
                o["Version"] = s.Version;
            }

            if (s.Doi is not null)
            {
                o["DOI"] = s.Doi;
            }

            src.Add(o);
        }

        var doc = new JsonObject
        {
            ["Name"] = name,
            ["BIDSVersion"] = BidsVersion,
            ["DatasetType"] = "derivative",
            ["GeneratedBy"] = new JsonArray(gen),
            ["SourceDatasets"] = src,
        };
        if (links is { Count: > 0 })
        {
            var l = new JsonObject();
            foreach (var (k, v) in links)
            {
                l[k] = ToUri(v);
            }

            doc["DatasetLinks"] = l;
        }

        return doc;
    }

    /// <summary>A local folder as a file:// URI; URLs are kept as they are.</summary>
    public static string ToUri(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return Uri.TryCreate(location, UriKind.Absolute, out var u) && !u.IsFile ? location : new Uri(Path.GetFullPath(location)).AbsoluteUri;
    }
}

/// <summary>The program that made a derivative (one BIDS <c>GeneratedBy</c> item).</summary>
/// <param name="Name">Program name.</param>
/// <param name="Version">Its version.</param>
/// <param name="Commit">The source commit, or null.</param>
/// <param name="CodeUrl">Where the code is, or null.</param>
public sealed record GeneratedBy(string Name, string Version, string? Commit, string? CodeUrl = null)
{
    /// <summary>The version with the commit as SemVer build metadata (<c>0.1.0+1a2b3c4</c>), as .NET's informational version writes it.</summary>
    public string FullVersion => Commit is null || Version.Contains('+', StringComparison.Ordinal) ? Version : $"{Version}+{Commit}";

    /// <summary>SeedCorr itself, from the Core assembly's informational version (<c>version+commit</c> when built from git).</summary>
    public static GeneratedBy SeedCorr()
    {
        var info = typeof(GeneratedBy).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(GeneratedBy).Assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = info.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? new GeneratedBy("SeedCorr", info, null) : new GeneratedBy("SeedCorr", info[..plus], info[(plus + 1)..]);
    }
}
