using System.Globalization;

namespace SeedCorr.Core.Cluster;

/// <summary>Where a task of a job array stands, in the words a user checks for.</summary>
public enum SlurmTaskStatus
{
    /// <summary>Waiting for resources or for its turn under the array's limit.</summary>
    Pending,

    /// <summary>Running (or completing).</summary>
    Running,

    /// <summary>Finished with exit code 0.</summary>
    Done,

    /// <summary>Finished otherwise: non-zero exit, time limit, out of memory, cancelled, node failure.</summary>
    Failed,

    /// <summary>Slurm no longer knows it (older than MinJobAge) and the task left no status of its own.</summary>
    Unknown,
}

/// <summary>One task of a job array as Slurm reports it.</summary>
/// <param name="ArrayJobId">The array's job id (what sbatch printed).</param>
/// <param name="TaskIndex">The array index.</param>
/// <param name="State">Slurm's state word (PENDING, RUNNING, COMPLETED, FAILED, TIMEOUT, …).</param>
/// <param name="Status">What that state means here.</param>
/// <param name="ExitCode">The task's exit code once it ended (the first number of Slurm's ExitCode=N:S).</param>
/// <param name="Signal">The signal that ended it, if any (the second number).</param>
/// <param name="StdOut">Its output file as Slurm resolved it.</param>
public sealed record SlurmTaskState(long ArrayJobId, int TaskIndex, string State, SlurmTaskStatus Status, int? ExitCode, int? Signal, string? StdOut)
{
    /// <summary>Maps a Slurm state word (JOB_STATE_BASE names, also with a trailing '+' or extra words) to a status.</summary>
    /// <param name="state">The state word.</param>
    public static SlurmTaskStatus StatusOf(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var word = state.Split(' ', '+')[0].ToUpperInvariant();
        return word switch
        {
            "PENDING" or "CONFIGURING" or "REQUEUED" or "REQUEUE_HOLD" or "REQUEUE_FED" or "RESV_DEL_HOLD" or "SUSPENDED" => SlurmTaskStatus.Pending,
            "RUNNING" or "COMPLETING" or "STAGE_OUT" or "SIGNALING" or "RESIZING" => SlurmTaskStatus.Running,
            "COMPLETED" => SlurmTaskStatus.Done,
            "FAILED" or "TIMEOUT" or "CANCELLED" or "NODE_FAIL" or "OUT_OF_MEMORY" or "PREEMPTED" or "BOOT_FAIL" or "DEADLINE" or "SPECIAL_EXIT" or "REVOKED" => SlurmTaskStatus.Failed,
            _ => SlurmTaskStatus.Unknown,
        };
    }

    /// <summary>
    /// Reads <c>scontrol -o show job &lt;array job id&gt;</c>: one line per task record, key=value words. A pending
    /// record may stand for a range of tasks (<c>ArrayTaskId=2-5%2</c>): it is expanded to one state per task.
    /// </summary>
    /// <param name="scontrolOneLiners">The command's output.</param>
    public static IReadOnlyList<SlurmTaskState> ParseScontrol(string scontrolOneLiners)
    {
        ArgumentNullException.ThrowIfNull(scontrolOneLiners);
        var states = new List<SlurmTaskState>();
        foreach (var line in scontrolOneLiners.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = Fields(line);
            if (!fields.TryGetValue("ArrayJobId", out var arrayId) || !fields.TryGetValue("ArrayTaskId", out var taskIds)
                || !long.TryParse(arrayId, NumberStyles.None, CultureInfo.InvariantCulture, out var arrayJobId))
            {
                continue; // not a task of an array
            }

            var state = fields.GetValueOrDefault("JobState", "UNKNOWN");
            int? exit = null, signal = null;
            if (fields.TryGetValue("ExitCode", out var ec) && ec.Split(':') is [var e, var sig]
                && int.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out var ev)
                && int.TryParse(sig, NumberStyles.None, CultureInfo.InvariantCulture, out var sv))
            {
                (exit, signal) = (ev, sv);
            }

            var status = StatusOf(state);
            // A task that ended with a non-zero code counts as failed whatever word Slurm chose.
            if (status == SlurmTaskStatus.Done && (exit is not 0 || signal is not 0))
            {
                status = SlurmTaskStatus.Failed;
            }

            var stdout = fields.GetValueOrDefault("StdOut");
            foreach (var index in ExpandIndices(taskIds))
            {
                states.Add(new SlurmTaskState(arrayJobId, index, state, status,
                    status is SlurmTaskStatus.Done or SlurmTaskStatus.Failed ? exit : null,
                    status is SlurmTaskStatus.Done or SlurmTaskStatus.Failed ? signal : null, stdout));
            }
        }

        return states.OrderBy(s => s.TaskIndex).ToList();
    }

    /// <summary>Expands Slurm's index list (<c>3</c>, <c>0-4</c>, <c>1,3,5-7</c>, with an optional <c>%limit</c>).</summary>
    /// <param name="list">The list.</param>
    public static IEnumerable<int> ExpandIndices(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var body = list.Split('%')[0];
        foreach (var part in body.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split(':')[0].Split('-'); // a step (0-9:2) is not used by SeedCorr: the range bounds stay exact
            if (range is [var one] && int.TryParse(one, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
            {
                yield return i;
            }
            else if (range is [var a, var b]
                && int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var lo)
                && int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var hi))
            {
                for (var k = lo; k <= hi; k++)
                {
                    yield return k;
                }
            }
        }
    }

    private static Dictionary<string, string> Fields(string line)
    {
        // Values have no spaces in scontrol -o output except a few free-text fields (Reason=, Comment=) that come
        // after a space-separated key: a word without '=' belongs to the previous value.
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string? last = null;
        foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                last = word[..eq];
                fields[last] = word[(eq + 1)..];
            }
            else if (last is not null)
            {
                fields[last] += " " + word;
            }
        }

        return fields;
    }
}
