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

/// <summary>
/// A read-only list that PowerShell shows, and Export-Csv writes, as a short text ("31 files", the warnings joined)
/// rather than as its type name.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class LogList<T>(IReadOnlyList<T> items, Func<IReadOnlyList<T>, string> text) : IReadOnlyList<T>
{
    /// <inheritdoc />
    public T this[int index] => items[index];

    /// <inheritdoc />
    public int Count => items.Count;

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The short text.</summary>
    public override string ToString() => text(items);

    internal static string Counted(IReadOnlyList<T> list, string one, string many) =>
        list.Count == 1 ? $"1 {one}" : string.Create(CultureInfo.InvariantCulture, $"{list.Count} {many}");
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
    public LogList<SeedMapFiles> Maps { get; private init; } = Seeds([]);

    /// <summary>Every file written (or found, when skipped).</summary>
    public LogList<string> Outputs { get; private init; } = Files([]);

    /// <summary>The provenance hash of the inputs and parameters (the same hash means the same maps).</summary>
    public string? ProvenanceHash { get; init; }

    /// <summary>The run's status file (<c>logs/&lt;src&gt;_status.json</c>).</summary>
    public string? StatusFile { get; init; }

    /// <summary>The run's cleaned brain, kept for new seeds (with -KeepBrain), or null.</summary>
    public CleanedBrain? CleanedBrain { get; init; }

    /// <summary>What the run warned about.</summary>
    public LogList<string> Warnings { get; private init; } = Texts([]);

    /// <summary>The error message when it failed.</summary>
    public string? Error => Exception?.Message;

    /// <summary>The exception that stopped it, or null (not a property: a CSV log holds its message, <see cref="Error"/>).</summary>
    public Exception? GetException() => Exception;

    private Exception? Exception { get; init; }

    internal IReadOnlyList<SeedMapFiles> MapList { init => Maps = Seeds(value); }

    internal IReadOnlyList<string> OutputList { init => Outputs = Files(value); }

    internal IReadOnlyList<string> WarningList { init => Warnings = Texts(value); }

    private static LogList<SeedMapFiles> Seeds(IReadOnlyList<SeedMapFiles> maps) => new(maps, l => LogList<SeedMapFiles>.Counted(l, "seed", "seeds"));

    private static LogList<string> Files(IReadOnlyList<string> files) => new(files, l => LogList<string>.Counted(l, "file", "files"));

    private static LogList<string> Texts(IReadOnlyList<string> texts) => new(texts, l => string.Join(" | ", l));

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
