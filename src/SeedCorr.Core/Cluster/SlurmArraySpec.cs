namespace SeedCorr.Core.Cluster;

/// <summary>
/// What one Slurm job array asks for: one task per unit of work (SeedCorr: per subject), each running
/// <see cref="TaskCommand"/> with <c>$SLURM_ARRAY_TASK_ID</c> selecting its unit.
/// </summary>
public sealed record SlurmArraySpec
{
    /// <summary>The job name (<c>--job-name</c>); also the first part of each task's log name.</summary>
    public required string JobName { get; init; }

    /// <summary>How many tasks: the array is <c>0-(TaskCount-1)</c>, or <see cref="TaskIndices"/> when given.</summary>
    public required int TaskCount { get; init; }

    /// <summary>Only these task indices (a resubmission of failed tasks), written as Slurm's index list.</summary>
    public IReadOnlyList<int>? TaskIndices { get; init; }

    /// <summary>At most this many tasks at once (<c>%limit</c>); null for Slurm's default.</summary>
    public int? ConcurrentTasks { get; init; }

    /// <summary>The partition (<c>--partition</c>); null for the cluster's default.</summary>
    public string? Partition { get; init; }

    /// <summary>The wall-time limit per task (<c>--time</c>); null for the partition's default.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Memory per task in GB (<c>--mem</c>, written in MB); null for the partition's default.</summary>
    public double? MemoryGB { get; init; }

    /// <summary>CPUs per task (<c>--cpus-per-task</c>); null for 1.</summary>
    public int? CpusPerTask { get; init; }

    /// <summary>More <c>#SBATCH</c> options exactly as given (e.g. <c>--account=lab</c>, <c>--qos=short</c>).</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>Where each task's output goes, as <c>&lt;LogDirectory&gt;/&lt;name&gt;-&lt;array job id&gt;-&lt;task&gt;.out</c>.</summary>
    public required string LogDirectory { get; init; }

    /// <summary>The task's working directory (<c>--chdir</c>).</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The command line each task runs; <c>"$SLURM_ARRAY_TASK_ID"</c> in it selects the task's unit.</summary>
    public required IReadOnlyList<string> TaskCommand { get; init; }
}
