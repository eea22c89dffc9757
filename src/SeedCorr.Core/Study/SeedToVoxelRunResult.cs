using System.Globalization;
using SeedCorr.Core.Bids;

namespace SeedCorr.Core.Study;

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    /// <summary>Every output was written.</summary>
    Succeeded,
    /// <summary>Its outputs were already there with the same provenance hash (same inputs, same parameters).</summary>
    Skipped,
    /// <summary>It stopped with an error; the other runs went on.</summary>
    Failed,
}

/// <summary>Files written for a run; shown and exported to CSV as "N files" rather than as a type name.</summary>
public sealed class FileList(IReadOnlyList<string> files) : IReadOnlyList<string>
{
    /// <inheritdoc />
    public string this[int index] => files[index];

    /// <inheritdoc />
    public int Count => files.Count;

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator() => files.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>"12 files".</summary>
    public override string ToString() => Count == 1 ? "1 file" : string.Create(CultureInfo.InvariantCulture, $"{Count} files");
}

/// <summary>
/// One run's line of the study log: its entities, how it ended, how long it took, what cleaning left, and its files.
/// <c>| Export-Csv</c> gives one row per run.
/// </summary>
public sealed class SeedToVoxelRunResult
{
    internal SeedToVoxelRunResult(FmriprepRun run, RunStatus status, TimeSpan elapsed)
    {
        Run = run;
        Status = status;
        Seconds = Math.Round(elapsed.TotalSeconds, 3);
    }

    /// <summary>The run.</summary>
    public FmriprepRun Run { get; }

    /// <summary>Its source entities (<c>sub-03_task-rest_run-2</c>).</summary>
    public string SourceEntities => Run.SourceEntities;

    /// <summary>Subject label.</summary>
    public string? Subject => Run.Subject;

    /// <summary>Session label, or null.</summary>
    public string? Session => Run.Session;

    /// <summary>Task label.</summary>
    public string? Task => Run.Task;

    /// <summary>Run label, or null.</summary>
    public string? RunLabel => Run.Run;

    /// <summary>Template or native space of the maps.</summary>
    public string? Space => Run.Space;

    /// <summary>Succeeded, Skipped or Failed.</summary>
    public RunStatus Status { get; }

    /// <summary>Wall-clock seconds of this attempt.</summary>
    public double Seconds { get; }

    /// <summary>Volumes kept after censoring.</summary>
    public int? VolumesRetained { get; init; }

    /// <summary>Volumes censored (non-steady-state, scrubbing).</summary>
    public int? CensoredVolumes { get; init; }

    /// <summary>Degrees of freedom left after filtering and confound regression (XCP-D's count).</summary>
    public double? DegreesOfFreedom { get; init; }

    /// <summary>Confound columns regressed out.</summary>
    public int? ConfoundCount { get; init; }

    /// <summary>Seed maps written (seeds lost in resampling are not counted).</summary>
    public int SeedCount => Maps.Count;

    /// <summary>The maps of each seed.</summary>
    public IReadOnlyList<SeedMapFiles> Maps { get; init; } = [];

    /// <summary>Every file written (or found, when skipped).</summary>
    public FileList Outputs { get; init; } = new([]);

    /// <summary>The provenance hash of the inputs and parameters (the same hash means the same maps).</summary>
    public string? ProvenanceHash { get; init; }

    /// <summary>The run's status file (<c>logs/&lt;src&gt;_status.json</c>).</summary>
    public string? StatusFile { get; init; }

    /// <summary>What the run warned about.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The error message when it failed.</summary>
    public string? Error => Exception?.Message;

    /// <summary>The exception that stopped it (for the error record), or null.</summary>
    public Exception? Exception { get; init; }

    /// <summary>A failed run's result.</summary>
    public static SeedToVoxelRunResult Failed(FmriprepRun run, Exception error, TimeSpan elapsed, string? statusFile = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(error);
        return new SeedToVoxelRunResult(run, RunStatus.Failed, elapsed) { Exception = error, StatusFile = statusFile };
    }

    /// <summary>"sub-03_task-rest_run-2 Succeeded 12 files".</summary>
    public override string ToString() => $"{SourceEntities} {Status} {Outputs}";
}
