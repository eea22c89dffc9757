using System.Diagnostics;

namespace SeedCorr.Core.Cluster;

/// <summary>
/// Runs one task of a job array here, as Slurm would run it: the task command with <c>SLURM_ARRAY_TASK_ID</c> set,
/// its output and errors into the task's log. For sites without a scheduler (and to check a job before submitting it).
/// </summary>
public static class LocalTask
{
    /// <summary>Runs the task to its end and returns its exit code; cancelling kills it (and its children).</summary>
    /// <param name="command">The task command (program, then arguments), as in <see cref="SlurmArraySpec.TaskCommand"/>.</param>
    /// <param name="index">The array index it gets in <c>SLURM_ARRAY_TASK_ID</c>.</param>
    /// <param name="workingDirectory">Its working directory.</param>
    /// <param name="logPath">Its log (overwritten).</param>
    /// <param name="cancellationToken">Stops the task.</param>
    public static int Run(IReadOnlyList<string> command, int index, string workingDirectory, string logPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0)
        {
            throw new ArgumentException("a task command needs a program", nameof(command));
        }

        var psi = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in command.Skip(1))
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["SLURM_ARRAY_TASK_ID"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        using var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var gate = new object();
        void Write(string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    log.WriteLine(line);
                }
            }
        }

        using var p = new Process { StartInfo = psi };
        p.OutputDataReceived += (_, e) => Write(e.Data);
        p.ErrorDataReceived += (_, e) => Write(e.Data);
        try
        {
            p.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new SlurmException($"the task command {command[0]} could not be started: {ex.Message}", ex);
        }

        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        using (cancellationToken.Register(() =>
        {
            try
            {
                p.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // it had ended
            }
        }))
        {
            p.WaitForExit();
        }

        cancellationToken.ThrowIfCancellationRequested();
        return p.ExitCode;
    }
}
