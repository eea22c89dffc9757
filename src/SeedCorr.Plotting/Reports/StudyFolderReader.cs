using System.Globalization;
using System.Text.Json.Nodes;
using SeedCorr.Core.Bids;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Study;

namespace SeedCorr.Plotting.Reports;

/// <summary>
/// Reads a SeedCorr output folder (Invoke-SeedToVoxel, Invoke-OneSampleTest) for the report: the dataset description,
/// every run's status file and seed-table sidecar, and the group maps. A file that cannot be read becomes a line in
/// <see cref="StudyContents.Problems"/>, never an exception: a report of a half-broken study is when one is needed.
/// </summary>
public static class StudyFolderReader
{
    private const string SeedsSuffix = "_desc-seeds_timeseries.json";

    /// <summary>Reads <paramref name="directory"/>; throws <see cref="DirectoryNotFoundException"/> when it is not a folder, <see cref="InvalidDataException"/> when it holds no SeedCorr output.</summary>
    public static StudyContents Read(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{root} is not a folder");
        }

        var problems = new List<string>();
        var (name, software, links) = Description(root, problems);
        var statuses = new SortedDictionary<string, JsonObject?>(StringComparer.Ordinal);
        var logs = Path.Combine(root, "logs");
        if (Directory.Exists(logs))
        {
            foreach (var file in Directory.EnumerateFiles(logs, "*_status.json"))
            {
                statuses[Path.GetFileName(file)[..^"_status.json".Length]] = TryRead(file, problems);
            }
        }

        var sidecars = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var sub in Directory.EnumerateDirectories(root, "sub-*"))
        {
            foreach (var file in Directory.EnumerateFiles(sub, "*" + SeedsSuffix, SearchOption.AllDirectories))
            {
                sidecars[Path.GetFileName(file)[..^SeedsSuffix.Length]] = file;
            }
        }

        var runs = new List<ReportRun>();
        foreach (var key in statuses.Keys.Union(sidecars.Keys).Order(StringComparer.Ordinal))
        {
            statuses.TryGetValue(key, out var status);
            RunSidecarFacts? facts = null;
            if (sidecars.TryGetValue(key, out var sidecar) && TryRead(sidecar, problems) is { } json)
            {
                facts = Facts(sidecar, json, problems);
            }

            RunStatus? parsed = status?["Status"]?.GetValue<string>() is { } s && Enum.TryParse<RunStatus>(s, out var st) ? st : null;
            var error = status?["Error"] as JsonObject;
            runs.Add(new ReportRun(key, parsed, Text(error?["Type"]), Text(error?["Kind"]), Text(error?["Message"]),
                Number(status?["Seconds"]), Text(status?["Bold"]), facts));
        }

        var groups = GroupMaps(root, problems);
        if (runs.Count == 0 && groups.Count == 0 && name is null)
        {
            throw new InvalidDataException($"{root} holds no SeedCorr output (no dataset_description.json, logs/*_status.json, sub-*/…{SeedsSuffix} or group/*_statmap.nii.gz)");
        }

        return new StudyContents(root, name, software, links, runs, groups, problems);
    }

    /// <summary>
    /// A file named by a sidecar's Sources (<c>bids:&lt;link&gt;:&lt;relative path&gt;</c> through DatasetLinks, or a
    /// file URI) as a local path, or null when the link is unknown or not a local folder.
    /// </summary>
    public static string? ResolveSource(string source, IReadOnlyDictionary<string, string> links)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(links);
        if (source.StartsWith("bids:", StringComparison.Ordinal))
        {
            var rest = source["bids:".Length..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || !links.TryGetValue(rest[..colon], out var linked) || LocalPath(linked) is not { } folder)
            {
                return null;
            }

            return Path.GetFullPath(Path.Combine(folder, rest[(colon + 1)..]));
        }

        return LocalPath(source);
    }

    private static string? LocalPath(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var u) && u.IsFile ? u.LocalPath : Path.IsPathFullyQualified(uri) ? uri : null;

    private static (string? Name, string? Software, IReadOnlyDictionary<string, string> Links) Description(string root, List<string> problems)
    {
        var path = StudyDescription.PathIn(root);
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path) || TryRead(path, problems) is not { } d)
        {
            return (null, null, links);
        }

        if (d["DatasetLinks"] is JsonObject l)
        {
            foreach (var (key, value) in l)
            {
                if (Text(value) is { } v)
                {
                    links[key] = v;
                }
            }
        }

        var by = d["GeneratedBy"] is JsonArray g && g.Count > 0 ? g[0] : null;
        var software = by is null ? null : $"{Text(by["Name"])} {Text(by["Version"])}".Trim();
        return (Text(d["Name"]), software, links);
    }

    private static RunSidecarFacts? Facts(string sidecar, JsonObject json, List<string> problems)
    {
        if (json["SeedCorr"] is not JsonObject own)
        {
            problems.Add($"{sidecar}: no \"SeedCorr\" object (not written by Invoke-SeedToVoxel?)");
            return null;
        }

        var folder = Path.GetDirectoryName(sidecar)!;
        var table = sidecar[..^".json".Length] + ".tsv";
        var strategy = own["ConfoundStrategy"] as JsonObject;
        var components = strategy?["Strategy"] is JsonArray parts ? parts.Select(Text).OfType<string>().ToList() : [];
        var strategyName = Text(strategy?["Preset"]) ?? string.Join(" + ", components);
        // The FD threshold only censors when the strategy scrubs.
        var fd = components.Contains("Scrub", StringComparer.OrdinalIgnoreCase) ? Number(strategy?["FdThreshold"]) : null;
        var seeds = new List<ReportSeed>();
        var prefix = Path.GetFileName(sidecar)[..^SeedsSuffix.Length];
        foreach (var (column, node) in json)
        {
            if (column == "SeedCorr" || node is not JsonObject o)
            {
                continue;
            }

            var seed = o["Seed"] as JsonObject;
            WorldPoint? at = seed?["Coordinates"] is JsonArray { Count: 3 } c && c.All(v => Number(v) is not null)
                ? new WorldPoint(Number(c[0])!.Value, Number(c[1])!.Value, Number(c[2])!.Value)
                : null;
            seeds.Add(new ReportSeed(column, Text(seed?["Type"]), Text(o["Description"]) ?? column, at, Number(seed?["RadiusMM"]), Map(folder, prefix, column)));
        }

        return new RunSidecarFacts(
            table,
            Number(own["RepetitionTime"]),
            strategy?.ToJsonString() ?? "{}",
            strategyName.Length == 0 ? "(none)" : strategyName,
            fd,
            Strings(own["ConfoundColumns"]),
            own["SoftwareFilters"]?.ToJsonString() ?? "{}",
            Number(own["SmoothingFWHM"]),
            (int)(Number(own["NumberOfVolumesRetained"]) ?? 0),
            [.. Strings(own["CensoredVolumes"]).Select(v => int.Parse(v, CultureInfo.InvariantCulture))],
            Number(own["DegreesOfFreedom"]) ?? double.NaN,
            Strings(own["Sources"]),
            Strings(own["Warnings"]),
            Text(own["ProvenanceHash"]),
            Text(own["Provenance"]?["Software"]),
            seeds);
    }

    // The r map of a seed: <src>_space-<S>[_atlas-<A>]_stat-pearsoncorrelation_desc-<seed>_boldmap.nii.gz. The seed
    // column of an atlas seed is <atlas>_<region>; the file names them apart.
    private static string? Map(string folder, string prefix, string column)
    {
        foreach (var file in Directory.EnumerateFiles(folder, prefix + "_*_stat-pearsoncorrelation_*_boldmap.nii.gz").Order(StringComparer.Ordinal))
        {
            if (!BidsFileName.TryParse(Path.GetFileName(file), out var n, out _))
            {
                continue;
            }

            var key = n["atlas"] is { } atlas ? $"{atlas}_{n["desc"]}" : n["desc"];
            if (key == column)
            {
                return file;
            }
        }

        return null;
    }

    private static List<GroupMapFile> GroupMaps(string root, List<string> problems)
    {
        var folder = Path.Combine(root, "group");
        var maps = new List<GroupMapFile>();
        if (!Directory.Exists(folder))
        {
            return maps;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*_statmap.nii.gz").Order(StringComparer.Ordinal))
        {
            if (!BidsFileName.TryParse(Path.GetFileName(file), out var n, out _) || n["stat"] is not { } stat)
            {
                continue;
            }

            var sidecar = RunOutputNames.Sidecar(file);
            int? subjects = File.Exists(sidecar) && TryRead(sidecar, problems)?["Subjects"] is JsonArray a ? a.Count : null;
            var seed = n["atlas"] is { } atlas ? $"{atlas}_{n["desc"]}" : n["desc"] ?? "?";
            maps.Add(new GroupMapFile(file, seed, stat, subjects));
        }

        return maps;
    }

    private static JsonObject? TryRead(string path, List<string> problems)
    {
        try
        {
            return JsonSidecar.Read(path);
        }
        catch (Exception ex) when (ex is BidsException or IOException or UnauthorizedAccessException)
        {
            problems.Add($"{path}: {ex.Message}");
            return null;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static double? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray a ? [.. a.Select(v => v is JsonValue j && j.TryGetValue<string>(out var s) ? s : v?.ToJsonString() ?? string.Empty)] : [];
}
