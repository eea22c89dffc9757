using SeedCorr.Core.Study;

namespace SeedCorr.Plotting.Reports;

/// <summary>What a SeedCorr output folder holds, as the study report shows it.</summary>
/// <param name="Directory">The output folder (full path).</param>
/// <param name="Name">The dataset name from <c>dataset_description.json</c>, or null.</param>
/// <param name="Software">GeneratedBy's SeedCorr version (with its commit), or null.</param>
/// <param name="DatasetLinks">DatasetLinks: link name → URI of the fMRIPrep folder.</param>
/// <param name="Runs">Every run found (by status file or seed table), in name order.</param>
/// <param name="GroupMaps">The group statistic maps of <c>group/</c>.</param>
/// <param name="Problems">What could not be read (a broken sidecar, an unreadable status file), one line each.</param>
public sealed record StudyContents(
    string Directory,
    string? Name,
    string? Software,
    IReadOnlyDictionary<string, string> DatasetLinks,
    IReadOnlyList<ReportRun> Runs,
    IReadOnlyList<GroupMapFile> GroupMaps,
    IReadOnlyList<string> Problems);

/// <summary>One run of the study.</summary>
/// <param name="SourceEntities">Its entities (<c>sub-03_task-rest_run-2</c>).</param>
/// <param name="Status">How its last attempt ended (from <c>logs/&lt;src&gt;_status.json</c>), or null without a status file.</param>
/// <param name="ErrorType">The failure's exception type, or null.</param>
/// <param name="ErrorKind">The failure's kind, or null.</param>
/// <param name="ErrorMessage">The failure's message, or null.</param>
/// <param name="Seconds">How long the last attempt took, or null.</param>
/// <param name="Bold">The BOLD file the run read (from the status file), or null.</param>
/// <param name="Facts">What its seed table's sidecar says, or null when there is none (a failed run).</param>
public sealed record ReportRun(
    string SourceEntities,
    RunStatus? Status,
    string? ErrorType,
    string? ErrorKind,
    string? ErrorMessage,
    double? Seconds,
    string? Bold,
    RunSidecarFacts? Facts);

/// <summary>A run's facts from its <c>_desc-seeds_timeseries.json</c> and the files beside it.</summary>
/// <param name="SeedsTable">The cleaned seed series (<c>_desc-seeds_timeseries.tsv</c>).</param>
/// <param name="RepetitionTime">Seconds per volume, or null.</param>
/// <param name="Strategy">The confound strategy's preset and parameters (JSON text).</param>
/// <param name="StrategyName">The preset's name, or the strategy components.</param>
/// <param name="FdThreshold">The strategy's FD threshold (mm) when it scrubs, else null.</param>
/// <param name="ConfoundColumns">The columns of the design matrix.</param>
/// <param name="Filters">SoftwareFilters (JSON text).</param>
/// <param name="SmoothingFwhm">SmoothingFWHM in mm, or null.</param>
/// <param name="VolumesRetained">NumberOfVolumesRetained.</param>
/// <param name="CensoredVolumes">CensoredVolumes (0-based indices into the run).</param>
/// <param name="DegreesOfFreedom">DegreesOfFreedom left after cleaning.</param>
/// <param name="Sources">Sources (BIDS or file URIs).</param>
/// <param name="Warnings">The run's warnings.</param>
/// <param name="ProvenanceHash">ProvenanceHash.</param>
/// <param name="Software">Provenance.Software.</param>
/// <param name="Seeds">The run's seeds with their maps.</param>
public sealed record RunSidecarFacts(
    string SeedsTable,
    double? RepetitionTime,
    string Strategy,
    string StrategyName,
    double? FdThreshold,
    IReadOnlyList<string> ConfoundColumns,
    string Filters,
    double? SmoothingFwhm,
    int VolumesRetained,
    IReadOnlyList<int> CensoredVolumes,
    double DegreesOfFreedom,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Warnings,
    string? ProvenanceHash,
    string? Software,
    IReadOnlyList<ReportSeed> Seeds)
{
    /// <summary>Fewer degrees of freedom than <see cref="Core.Signal.SignalCleaning.LowDegreesOfFreedom"/>: correlations are unreliable.</summary>
    public bool LowDegreesOfFreedom => DegreesOfFreedom < Core.Signal.SignalCleaning.LowDegreesOfFreedom;
}

/// <summary>One seed of a run.</summary>
/// <param name="Column">Its column in the seed table (its output key: <c>PCC</c>, <c>DMN_PCC</c>).</param>
/// <param name="Type">sphere, coordinates or labels.</param>
/// <param name="Description">What the sidecar says of it.</param>
/// <param name="Coordinates">The sphere's centre in mm, or null.</param>
/// <param name="RadiusMm">The sphere's radius, or null.</param>
/// <param name="CorrelationMap">Its r map, or null when the file is missing.</param>
public sealed record ReportSeed(string Column, string? Type, string Description, Core.Geometry.WorldPoint? Coordinates, double? RadiusMm, string? CorrelationMap);

/// <summary>A group statistic map of <c>group/</c> (Invoke-OneSampleTest).</summary>
/// <param name="Path">The <c>_statmap.nii.gz</c> file.</param>
/// <param name="Seed">Its desc (the seed).</param>
/// <param name="Stat">Its stat entity: effect, t, p or z.</param>
/// <param name="Subjects">The subjects tested (from the sidecar), or null.</param>
public sealed record GroupMapFile(string Path, string Seed, string Stat, int? Subjects);
