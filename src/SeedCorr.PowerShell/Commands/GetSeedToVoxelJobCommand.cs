using System.Management.Automation;
using SeedCorr.Core.Cluster;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Reports the tasks of a study job (Pending, Running, Succeeded, Failed) from Slurm and the runs' status files, with exit codes and logs; -Resubmit Failed submits the failed tasks again with the same parameters file.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SeedToVoxelJob", SupportsShouldProcess = true)]
[OutputType(typeof(SeedToVoxelTaskState))]
public sealed class GetSeedToVoxelJobCommand : StudyJobCmdlet
{
    /// <summary>Submit these tasks again (Failed, or NotSucceeded: failed or of unknown end), on the job's scheduler, then report.</summary>
    [Parameter]
    public ResubmitSelection? Resubmit { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (Load() is not var (job, parameters) || Query(job, parameters) is not { } states)
        {
            return;
        }

        if (Resubmit is { } selection)
        {
            var indices = states.Where(s => s.IsSelectedBy(selection)).Select(s => s.TaskIndex).ToList();
            if (indices.Count == 0)
            {
                WriteVerbose($"{job.OutputDirectory}: no task is {selection}; nothing resubmitted");
            }
            else if (ShouldProcess(job.OutputDirectory, $"Resubmit task(s) {string.Join(", ", indices)} ({job.Scheduler}) with {job.ParameterFile}"))
            {
                try
                {
                    job = job.Scheduler == JobScheduler.Slurm
                        ? StudyJobs.ResubmitToSlurm(job, indices)
                        : RunCancellable(ct => LocalStudyTasks.Run(this, job, StudyTaskCommand.For(this, job.ParameterFile), indices, ct));
                    job.Save(CancellationToken);
                }
                catch (SlurmException ex)
                {
                    WriteError(ErrorRecords.FromSlurm(ex, job.ScriptPath));
                    return;
                }

                WriteVerbose($"Resubmitted task(s) {string.Join(", ", indices)}{(job.JobId is { } id ? $" as array job {id}" : string.Empty)}");
                if (Query(job, parameters) is not { } now)
                {
                    return;
                }

                states = now;
            }
        }

        WriteObject(states, enumerateCollection: true);
    }
}
