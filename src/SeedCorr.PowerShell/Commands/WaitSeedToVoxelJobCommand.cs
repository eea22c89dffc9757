using System.Management.Automation;
using SeedCorr.Core.Cluster;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Waits until every task of a study job has ended, with progress, and reports the tasks; Ctrl+C or -Timeout stops the waiting, never the job.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "SeedToVoxelJob")]
[OutputType(typeof(SeedToVoxelTaskState))]
public sealed class WaitSeedToVoxelJobCommand : StudyJobCmdlet
{
    /// <summary>Stop waiting after this many seconds (default: wait until the tasks end); the tasks are reported as they stand, with an error.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Timeout { get; set; }

    /// <summary>Seconds between two looks at Slurm and the status files (default 2).</summary>
    [Parameter]
    [ValidateRange(0.1, 3600.0)]
    public double PollInterval { get; set; } = 2;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (Load() is not var (job, parameters))
        {
            return;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var activity = $"Waiting for the study job of {job.OutputDirectory}";
        IReadOnlyList<SeedToVoxelTaskState>? states;
        try
        {
            while (true)
            {
                states = Query(job, parameters);
                if (states is null)
                {
                    return;
                }

                var finished = states.Count(s => s.IsFinished);
                var failed = states.Count(s => s.Status == SeedToVoxelTaskStatus.Failed);
                WriteProgress(new ProgressRecord(10, activity,
                    $"{finished} of {states.Count} tasks ended{(failed > 0 ? $" ({failed} failed)" : string.Empty)}, {states.Count(s => s.Status == SeedToVoxelTaskStatus.Running)} running, {states.Count(s => s.Status == SeedToVoxelTaskStatus.Pending)} pending")
                {
                    PercentComplete = states.Count == 0 ? 100 : 100 * finished / states.Count,
                    CurrentOperation = $"{clock.Elapsed:hh\\:mm\\:ss} waited",
                });
                if (finished == states.Count)
                {
                    break;
                }

                if (Timeout is { } limit && clock.Elapsed.TotalSeconds >= limit)
                {
                    WriteError(ErrorRecords.Create(ErrorIds.SeedToVoxelJobTimeout, ErrorCategory.OperationTimeout, job.OutputDirectory,
                        $"{states.Count - finished} of {states.Count} tasks of {job.OutputDirectory} had not ended after {limit} s; they go on",
                        "Wait again (Wait-SeedToVoxelJob) or look at the tasks (Get-SeedToVoxelJob); scancel stops them."));
                    break;
                }

                var wait = TimeSpan.FromSeconds(Timeout is { } t ? Math.Min(PollInterval, Math.Max(0.05, t - clock.Elapsed.TotalSeconds)) : PollInterval);
                if (CancellationToken.WaitHandle.WaitOne(wait))
                {
                    throw new PipelineStoppedException(); // Ctrl+C: stop waiting; the tasks go on
                }
            }
        }
        finally
        {
            WriteProgress(new ProgressRecord(10, activity, "done") { RecordType = ProgressRecordType.Completed });
        }

        WriteObject(states, enumerateCollection: true);
    }
}
