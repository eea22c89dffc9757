using System.Diagnostics;
using System.Globalization;

namespace SeedCorr.Core.Cluster;

/// <summary>A Slurm command failed, or Slurm is not installed.</summary>
public sealed class SlurmException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SlurmException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, with the command's own words.</param>
    public SlurmException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="inner">The cause.</param>
    public SlurmException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// Talks to Slurm through its own commands (<c>sbatch</c>, <c>scontrol</c>, <c>scancel</c>), as a user would: no
/// REST API or accounting database is assumed. Each call is bounded in time.
/// </summary>
public static class SlurmClient
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    /// <summary>True when <c>sbatch</c> is on the PATH.</summary>
    public static bool IsAvailable() => FindOnPath("sbatch") is not null;

    /// <summary>Submits a batch script; returns the job id sbatch printed.</summary>
    /// <param name="scriptPath">The script (see <see cref="SlurmScript"/>).</param>
    public static long Submit(string scriptPath) => Submit(scriptPath, []);

    /// <summary>Submits a batch script with options that override its <c>#SBATCH</c> lines (e.g. <c>--array=1,3</c>); returns the job id.</summary>
    /// <param name="scriptPath">The script.</param>
    /// <param name="options">sbatch options, placed before the script.</param>
    public static long Submit(string scriptPath, IReadOnlyList<string> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var output = Run("sbatch", ["--parsable", .. options, scriptPath]).Trim();
        // --parsable prints "jobid" or "jobid;cluster".
        var id = output.Split(';')[0];
        return long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var jobId)
            ? jobId
            : throw new SlurmException($"sbatch printed '{output}' instead of a job id");
    }

    /// <summary>The tasks of an array job Slurm still knows (none once it has forgotten the job).</summary>
    /// <param name="arrayJobId">The id <see cref="Submit(string)"/> returned.</param>
    public static IReadOnlyList<SlurmTaskState> QueryArray(long arrayJobId)
    {
        var (code, stdout, stderr) = Execute("scontrol", ["-o", "show", "job", arrayJobId.ToString(CultureInfo.InvariantCulture)]);
        if (code != 0)
        {
            // A job older than MinJobAge is gone: that is an answer, not an error.
            return stderr.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase)
                ? []
                : throw new SlurmException($"scontrol show job {arrayJobId} failed ({code}): {stderr.Trim()}");
        }

        return SlurmTaskState.ParseScontrol(stdout);
    }

    /// <summary>Cancels the array's pending and running tasks.</summary>
    /// <param name="arrayJobId">The array job id.</param>
    public static void Cancel(long arrayJobId) => Run("scancel", [arrayJobId.ToString(CultureInfo.InvariantCulture)]);

    private static string Run(string command, IReadOnlyList<string> arguments)
    {
        var (code, stdout, stderr) = Execute(command, arguments);
        return code == 0 ? stdout : throw new SlurmException($"{command} failed ({code}): {stderr.Trim()}");
    }

    private static (int Code, string StdOut, string StdErr) Execute(string command, IReadOnlyList<string> arguments)
    {
        var exe = FindOnPath(command) ?? throw new SlurmException($"{command} is not on the PATH: is Slurm installed here?");
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new SlurmException($"{command} could not be started");
        var stderrTask = p.StandardError.ReadToEndAsync();
        var stdoutTask = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(CommandTimeout))
        {
            p.Kill(entireProcessTree: true);
            throw new SlurmException($"{command} did not answer within {CommandTimeout.TotalSeconds:0} s: is slurmctld running?");
        }

        return (p.ExitCode, stdoutTask.GetAwaiter().GetResult(), stderrTask.GetAwaiter().GetResult());
    }

    private static string? FindOnPath(string command)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, command);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
