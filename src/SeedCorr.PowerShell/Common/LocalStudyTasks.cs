using System.Management.Automation;
using SeedCorr.Core.Cluster;

namespace SeedCorr.PowerShell.Common;

/// <summary>
/// <c>-Scheduler Local</c>: the tasks of a study job run here one after the other, each the command a Slurm task runs
/// (its own pwsh, <c>SLURM_ARRAY_TASK_ID</c> set, its log in <c>logs/</c>); the job record keeps each exit code.
/// </summary>
internal static class LocalStudyTasks
{
    public static SeedToVoxelJob Run(Cmdlet cmdlet, SeedToVoxelJob job, IReadOnlyList<string> command, IReadOnlyList<int> indices, CancellationToken cancellationToken)
    {
        job = job.Submitted(JobScheduler.Local, null, indices, DateTime.UtcNow);
        job.Save(cancellationToken);
        var done = 0;
        var failed = 0;
        try
        {
            foreach (var i in indices)
            {
                var task = job.Tasks[i];
                cmdlet.WriteProgress(new ProgressRecord(9, "SeedToVoxel job (Local)", $"{done} of {indices.Count} tasks done{(failed > 0 ? $", {failed} failed" : string.Empty)}")
                {
                    PercentComplete = 100 * done / indices.Count,
                    CurrentOperation = $"task {i}: sub-{task.Subject} ({task.Runs.Count} runs)",
                });
                var code = LocalTask.Run(command, i, job.OutputDirectory, task.LogPath!, cancellationToken);
                job = job.WithExitCode(i, code);
                job.Save(cancellationToken);
                cmdlet.WriteVerbose($"task {i} (sub-{task.Subject}) ended with exit code {code}; log: {task.LogPath}");
                done++;
                failed += code == 0 ? 0 : 1;
            }
        }
        finally
        {
            cmdlet.WriteProgress(new ProgressRecord(9, "SeedToVoxel job (Local)", "done") { RecordType = ProgressRecordType.Completed });
        }

        return job;
    }
}
