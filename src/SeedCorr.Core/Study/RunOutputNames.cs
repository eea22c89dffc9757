using SeedCorr.Core.Bids;
using SeedCorr.Core.Seeds;

namespace SeedCorr.Core.Study;

/// <summary>One seed's two maps of a run (and their sidecars).</summary>
/// <param name="Seed">The seed's output key: its label, prefixed by the atlas label for atlas seeds (<c>DMN_PCC</c>).</param>
/// <param name="Atlas">The atlas label, or null.</param>
/// <param name="CorrelationMap">The r map.</param>
/// <param name="FisherZMap">The Fisher z map.</param>
public sealed record SeedMapFiles(string Seed, string? Atlas, string CorrelationMap, string FisherZMap)
{
    /// <summary>The r map's JSON sidecar.</summary>
    public string CorrelationSidecar => RunOutputNames.Sidecar(CorrelationMap);

    /// <summary>The Fisher z map's JSON sidecar.</summary>
    public string FisherZSidecar => RunOutputNames.Sidecar(FisherZMap);
}

/// <summary>
/// Where a run's outputs go under the output folder, named from the run's BIDS entities
/// (docs: study-level naming): <c>sub-&lt;s&gt;/[ses-&lt;x&gt;/]func/&lt;src&gt;_space-&lt;S&gt;[_atlas-&lt;A&gt;]_stat-&lt;stat&gt;_desc-&lt;seed&gt;_boldmap.nii.gz</c>,
/// <c>&lt;src&gt;_desc-confounds_timeseries.tsv</c>, <c>&lt;src&gt;_desc-seeds_timeseries.tsv/.json</c>, and the run's
/// status file <c>logs/&lt;src&gt;_status.json</c>.
/// </summary>
public sealed class RunOutputNames
{
    /// <summary>Names the outputs of <paramref name="bold"/> for the seeds of <paramref name="options"/>.</summary>
    public RunOutputNames(string outputDirectory, BidsFileName bold, SeedToVoxelOptions options)
    {
        ArgumentNullException.ThrowIfNull(bold);
        ArgumentNullException.ThrowIfNull(options);
        OutputDirectory = Path.GetFullPath(outputDirectory);
        Folder = Path.Combine(OutputDirectory, DerivativeName.Folder(bold));
        SourceEntities = bold.SourceEntities().EntityString;
        string In(BidsFileName n) => Path.Combine(Folder, n.ToString());
        Maps = [.. options.OutputSeeds().Select(seed => new SeedMapFiles(seed.Key, seed.Atlas,
            In(SeedOutputs.MapName(bold, seed.Atlas, seed.Label, "pearsoncorrelation", ".nii.gz")),
            In(SeedOutputs.MapName(bold, seed.Atlas, seed.Label, "fisherz", ".nii.gz"))))];
        Confounds = In(DerivativeName.For(bold, [new("desc", "confounds")], "timeseries", ".tsv", keepSpace: false));
        Seeds = In(DerivativeName.For(bold, [new("desc", "seeds")], "timeseries", ".tsv", keepSpace: false));
        Status = Path.Combine(OutputDirectory, "logs", SourceEntities + "_status.json");
    }

    /// <summary>The study's output folder (full path).</summary>
    public string OutputDirectory { get; }

    /// <summary>The run's folder: <c>&lt;out&gt;/sub-&lt;s&gt;/[ses-&lt;x&gt;/]func</c>.</summary>
    public string Folder { get; }

    /// <summary>The run's source entities (<c>sub-03_task-rest_run-2</c>).</summary>
    public string SourceEntities { get; }

    /// <summary>The maps of each seed, in seed order (own spheres and coordinate atlases, then labels atlases).</summary>
    public IReadOnlyList<SeedMapFiles> Maps { get; }

    /// <summary>The design matrix used (<c>&lt;src&gt;_desc-confounds_timeseries.tsv</c>).</summary>
    public string Confounds { get; }

    /// <summary>The cleaned seed series, one column per seed (<c>&lt;src&gt;_desc-seeds_timeseries.tsv</c>).</summary>
    public string Seeds { get; }

    /// <summary>The seeds table's sidecar, written last: its provenance hash marks the run complete.</summary>
    public string SeedsSidecar => Sidecar(Seeds);

    /// <summary>The run's status file (<c>logs/&lt;src&gt;_status.json</c>): how its last attempt ended.</summary>
    public string Status { get; }

    /// <summary>Every data file and sidecar of a complete run, in the order they are written (the seeds sidecar last).</summary>
    public IReadOnlyList<string> All =>
        [.. Maps.SelectMany(m => new[] { m.CorrelationMap, m.CorrelationSidecar, m.FisherZMap, m.FisherZSidecar }), Confounds, Seeds, SeedsSidecar];

    /// <summary>The JSON sidecar of a data file (<c>.nii.gz</c>/<c>.tsv</c> → <c>.json</c>).</summary>
    public static string Sidecar(string dataFile)
    {
        ArgumentNullException.ThrowIfNull(dataFile);
        var ext = dataFile.EndsWith(".nii.gz", StringComparison.Ordinal) ? ".nii.gz" : Path.GetExtension(dataFile);
        return dataFile[..^ext.Length] + ".json";
    }
}
