using System.Globalization;
using System.Text;

namespace SeedCorr.Core.Cluster;

/// <summary>
/// Writes the batch script of a <see cref="SlurmArraySpec"/>, modelled on fMRIPrep's sbatch.slurm: every request as an
/// <c>#SBATCH</c> line (so the script can be read, kept, edited for PBS/SGE and submitted by hand), then the task's
/// command with <c>exec</c>, so its exit code is the task's.
/// </summary>
public static class SlurmScript
{
    /// <summary>The script text (LF line ends).</summary>
    /// <param name="spec">The array.</param>
    public static string Render(SlurmArraySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.TaskCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), spec.TaskCount, "a job array needs at least one task");
        }

        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append("# Written by SeedCorr. Each task runs the same pwsh command; SLURM_ARRAY_TASK_ID selects its subject.\n");
        Line(s, $"--job-name={spec.JobName}");
        Line(s, $"--array={ArrayList(spec)}");
        Line(s, $"--output={Path.Combine(spec.LogDirectory, "%x-%A-%a.out")}");
        Line(s, $"--chdir={spec.WorkingDirectory}");
        Line(s, "--ntasks=1");
        if (spec.Partition is { Length: > 0 } p)
        {
            Line(s, $"--partition={p}");
        }

        if (spec.TimeLimit is { } t)
        {
            Line(s, $"--time={FormatTime(t)}");
        }

        if (spec.MemoryGB is { } gb)
        {
            Line(s, string.Create(CultureInfo.InvariantCulture, $"--mem={(long)Math.Ceiling(gb * 1024)}M"));
        }

        if (spec.CpusPerTask is { } cpus)
        {
            Line(s, string.Create(CultureInfo.InvariantCulture, $"--cpus-per-task={cpus}"));
        }

        foreach (var extra in spec.ExtraArguments)
        {
            Line(s, extra);
        }

        s.Append("set -euo pipefail\n");
        s.Append("exec ").Append(string.Join(' ', spec.TaskCommand.Select(Quote))).Append('\n');
        return s.ToString();
    }

    /// <summary>Slurm's time format: <c>D-HH:MM:SS</c> (<c>HH:MM:SS</c> under a day), whole seconds rounded up.</summary>
    /// <param name="time">A positive duration.</param>
    public static string FormatTime(TimeSpan time)
    {
        if (time <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, "a time limit must be positive");
        }

        var seconds = (long)Math.Ceiling(time.TotalSeconds);
        var (d, rest) = Math.DivRem(seconds, 86400);
        var hms = string.Create(CultureInfo.InvariantCulture, $"{rest / 3600:00}:{rest % 3600 / 60:00}:{rest % 60:00}");
        return d > 0 ? string.Create(CultureInfo.InvariantCulture, $"{d}-{hms}") : hms;
    }

    /// <summary>
    /// Quotes one word for bash: left bare when it is plain, double-quoted when it only refers to
    /// <c>$SLURM_ARRAY_TASK_ID</c>, single-quoted otherwise.
    /// </summary>
    /// <param name="word">A command-line word.</param>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c, StringComparison.Ordinal)))
        {
            return word;
        }

        if (word is "$SLURM_ARRAY_TASK_ID" or "\"$SLURM_ARRAY_TASK_ID\"")
        {
            return "\"$SLURM_ARRAY_TASK_ID\"";
        }

        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static string ArrayList(SlurmArraySpec spec)
    {
        var list = spec.TaskIndices is { Count: > 0 } some
            ? string.Join(',', some.Order().Select(i => i.ToString(CultureInfo.InvariantCulture)))
            : string.Create(CultureInfo.InvariantCulture, $"0-{spec.TaskCount - 1}");
        return spec.ConcurrentTasks is { } limit ? string.Create(CultureInfo.InvariantCulture, $"{list}%{limit}") : list;
    }

    private static void Line(StringBuilder s, string option)
    {
        if (option.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException($"an sbatch option cannot span lines: {option}", nameof(option));
        }

        s.Append("#SBATCH ").Append(option).Append('\n');
    }
}
