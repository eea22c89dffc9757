namespace SeedCorr.Core.Statistics;

/// <summary>
/// Names of the group outputs, as subject maps are named (study-level doc §4.4, nilearn's save_glm_to_bids):
/// <c>group/task-&lt;T&gt;_space-&lt;S&gt;[_atlas-&lt;A&gt;]_stat-&lt;stat&gt;_desc-&lt;seed&gt;_statmap.nii.gz</c>, each with a .json sidecar;
/// the mask as <c>…_desc-&lt;seed&gt;_mask.nii.gz</c>, the cluster table as <c>…_stat-t_desc-&lt;seed&gt;_clusters.tsv</c>.
/// </summary>
public static class GroupOutputNames
{
    /// <summary>The group folder inside the output directory.</summary>
    public static string Folder(string outputDirectory) => Path.Combine(outputDirectory, "group");

    /// <summary>The statistic maps written for these options: effect, t, p, z; pfwe with permutations; tfdr with -Fdr.</summary>
    public static IReadOnlyList<string> Statistics(GroupTestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stats = new List<string> { "effect", "t", "p", "z" };
        if (options.Permutations > 0)
        {
            stats.Add("pfwe");
        }

        if (options.Fdr is not null)
        {
            stats.Add("tfdr");
        }

        return stats;
    }

    /// <summary>The statmap file of one statistic.</summary>
    public static string StatMap(string outputDirectory, GroupMapSet set, string stat) =>
        Path.Combine(Folder(outputDirectory), Stem(set, $"stat-{stat}") + "_statmap.nii.gz");

    /// <summary>The group mask file.</summary>
    public static string Mask(string outputDirectory, GroupMapSet set) =>
        Path.Combine(Folder(outputDirectory), Stem(set, null) + "_mask.nii.gz");

    /// <summary>The cluster table file.</summary>
    public static string Clusters(string outputDirectory, GroupMapSet set) =>
        Path.Combine(Folder(outputDirectory), Stem(set, "stat-t") + "_clusters.tsv");

    /// <summary>Every file a run with these options writes (sidecars included).</summary>
    public static IReadOnlyList<string> All(string outputDirectory, GroupMapSet set, GroupTestOptions options)
    {
        ArgumentNullException.ThrowIfNull(set);
        var files = new List<string>();
        foreach (var stat in Statistics(options))
        {
            var map = StatMap(outputDirectory, set, stat);
            files.Add(map);
            files.Add(Sidecar(map));
        }

        files.Add(Mask(outputDirectory, set));
        if (options.ClusterThreshold is not null)
        {
            files.Add(Clusters(outputDirectory, set));
        }

        return files;
    }

    /// <summary>The JSON sidecar of a .nii.gz file.</summary>
    public static string Sidecar(string image) => image[..^".nii.gz".Length] + ".json";

    private static string Stem(GroupMapSet set, string? stat)
    {
        var parts = new List<string>();
        foreach (var key in new[] { "task", "space", "atlas" })
        {
            if (set.Entities[key] is { } label)
            {
                parts.Add($"{key}-{label}");
            }
        }

        if (stat is not null)
        {
            parts.Add(stat);
        }

        if (set.Entities["desc"] is { } seed)
        {
            parts.Add($"desc-{seed}");
        }

        return string.Join('_', parts);
    }
}
