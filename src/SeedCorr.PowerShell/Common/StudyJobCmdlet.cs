using System.Management.Automation;
using SeedCorr.Core.Cluster;
using SeedCorr.Core.Study;

namespace SeedCorr.PowerShell.Common;

/// <summary>
/// The cmdlets that follow a study job (Get-, Wait-SeedToVoxelJob): the study folder (or the job object, by its
/// OutputDirectory property), its job record and parameters file, and its tasks now.
/// </summary>
public abstract class StudyJobCmdlet : SeedCorrCmdlet
{
    /// <summary>The study's output folder (or a job from Submit-SeedToVoxelJob, by pipeline).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("OutputPath")]
    [ValidateNotNullOrEmpty]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>The job record and parameters of the study folder; null (with the error written) when they cannot be read.</summary>
    private protected (SeedToVoxelJob Job, StudyParameters Parameters)? Load()
    {
        var folder = PathResolver.ResolveForWrite(this, OutputDirectory);
        if (folder is null)
        {
            return null;
        }

        try
        {
            var job = SeedToVoxelJob.Load(folder);
            return (job, RunCancellable(ct => StudyParameters.Load(job.ParameterFile, ct)));
        }
        catch (StudyException ex)
        {
            WriteError(ErrorRecords.FromStudy(ex, folder));
            return null;
        }
    }

    /// <summary>The tasks now; null (with the error written) when Slurm cannot be asked.</summary>
    private protected IReadOnlyList<SeedToVoxelTaskState>? Query(SeedToVoxelJob job, StudyParameters parameters)
    {
        try
        {
            return StudyJobs.Query(job, parameters);
        }
        catch (SlurmException ex)
        {
            WriteError(ErrorRecords.FromSlurm(ex, job.OutputDirectory));
            return null;
        }
    }
}
