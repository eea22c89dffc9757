using SeedCorr.Core.Study;

namespace SeedCorr.Core.Cluster;

/// <summary>Where a task of a study job stands.</summary>
public enum SeedToVoxelTaskStatus
{
    /// <summary>Submitted, waiting for Slurm to start it.</summary>
    Pending,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Ended with exit code 0 and no run failed.</summary>
    Succeeded,

    /// <summary>Ended otherwise (a run failed, a non-zero exit, time or memory limit, cancelled).</summary>
    Failed,

    /// <summary>Neither Slurm nor the runs' status files say (never submitted, or Slurm forgot it and it wrote no status).</summary>
    Unknown,
}

/// <summary>Which tasks a resubmission takes.</summary>
public enum ResubmitSelection
{
    /// <summary>The tasks that failed.</summary>
    Failed,

    /// <summary>Every task that did not succeed (failed, or of unknown end), but none pending or running.</summary>
    NotSucceeded,
}

/// <summary>One task of a study job as it stands now: Slurm's word and the runs' own status files.</summary>
/// <param name="JobId">The array job it last ran in (null: Local).</param>
/// <param name="TaskIndex">The array index.</param>
/// <param name="Subject">Its subject.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="SlurmState">Slurm's state word, while Slurm knows the task.</param>
/// <param name="ExitCode">Its exit code once it ended.</param>
/// <param name="Runs">Its runs.</param>
/// <param name="RunsSucceeded">Runs whose status file says Succeeded or Skipped.</param>
/// <param name="RunsFailed">Runs whose status file says Failed.</param>
/// <param name="Error">Why it failed (the first failed run's error, or Slurm's state), or null.</param>
/// <param name="LogPath">Its latest output log.</param>
/// <param name="Attempts">How many times it was submitted.</param>
public sealed record SeedToVoxelTaskState(long? JobId, int TaskIndex, string Subject, SeedToVoxelTaskStatus Status, string? SlurmState, int? ExitCode,
    int Runs, int RunsSucceeded, int RunsFailed, string? Error, string? LogPath, int Attempts)
{
    /// <summary>True once the task can change no more (Succeeded, Failed or Unknown).</summary>
    public bool IsFinished => Status is not (SeedToVoxelTaskStatus.Pending or SeedToVoxelTaskStatus.Running);

    /// <summary>Whether a resubmission of <paramref name="selection"/> takes this task.</summary>
    public bool IsSelectedBy(ResubmitSelection selection) => selection switch
    {
        ResubmitSelection.Failed => Status == SeedToVoxelTaskStatus.Failed,
        _ => Status is SeedToVoxelTaskStatus.Failed or SeedToVoxelTaskStatus.Unknown,
    };

    /// <summary>
    /// The tasks of <paramref name="job"/> now. While Slurm knows a task, its state decides pending and running, and
    /// its exit code the end; a task that exited 0 with a failed run is failed. Once Slurm has forgotten it (older
    /// than MinJobAge; there is no accounting database to ask), the runs' status files decide.
    /// </summary>
    /// <param name="job">The job record.</param>
    /// <param name="parameters">Its parameters (to name the runs' status files).</param>
    /// <param name="slurm">The tasks Slurm knows, of any of the job's array ids.</param>
    public static IReadOnlyList<SeedToVoxelTaskState> Evaluate(SeedToVoxelJob job, StudyParameters parameters, IReadOnlyList<SlurmTaskState> slurm)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(slurm);
        var known = slurm.GroupBy(s => (s.ArrayJobId, s.TaskIndex)).ToDictionary(g => g.Key, g => g.Last());
        var states = new List<SeedToVoxelTaskState>();
        foreach (var task in job.Tasks)
        {
            var study = task.Index < parameters.Tasks.Count ? parameters.Tasks[task.Index] : null;
            var runs = study is null ? [] : parameters.StatusFiles(study).Select(r => (r.SourceEntities, Read: RunStatusFile.Read(r.StatusFile))).ToList();
            var failedRun = runs.FirstOrDefault(r => r.Read?.Status == RunStatus.Failed);
            var failed = runs.Count(r => r.Read?.Status == RunStatus.Failed);
            var succeeded = runs.Count(r => r.Read?.Status is RunStatus.Succeeded or RunStatus.Skipped);
            var runError = failedRun.Read is { } f ? $"{failedRun.SourceEntities}: {f.Error}" : null;

            SlurmTaskState? s = task.ArrayJobId is { } id && known.TryGetValue((id, task.Index), out var k) ? k : null;
            var exit = s?.ExitCode ?? task.ExitCode;
            SeedToVoxelTaskStatus status;
            string? error = null;
            if (s is { Status: SlurmTaskStatus.Pending })
            {
                status = SeedToVoxelTaskStatus.Pending;
            }
            else if (s is { Status: SlurmTaskStatus.Running })
            {
                status = SeedToVoxelTaskStatus.Running;
            }
            else if (s is { Status: SlurmTaskStatus.Done or SlurmTaskStatus.Failed } || task.ExitCode is not null)
            {
                var ok = (s?.Status ?? SlurmTaskStatus.Done) == SlurmTaskStatus.Done && exit == 0 && failed == 0;
                status = ok ? SeedToVoxelTaskStatus.Succeeded : SeedToVoxelTaskStatus.Failed;
                error = ok ? null : runError ?? $"the task ended {(s is null ? string.Empty : $"{s.State} ")}with exit code {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}{(s?.Signal is > 0 ? $" (signal {s.Signal})" : string.Empty)}: see {task.LogPath}";
            }
            else if (failed > 0)
            {
                (status, error) = (SeedToVoxelTaskStatus.Failed, runError);
            }
            else
            {
                status = runs.Count > 0 && succeeded == runs.Count && task.Attempts > 0 ? SeedToVoxelTaskStatus.Succeeded : SeedToVoxelTaskStatus.Unknown;
            }

            states.Add(new SeedToVoxelTaskState(task.ArrayJobId, task.Index, task.Subject, status, s?.State, status is SeedToVoxelTaskStatus.Succeeded or SeedToVoxelTaskStatus.Failed ? exit : null,
                runs.Count, succeeded, failed, error, task.LogPath, task.Attempts));
        }

        return states;
    }
}
