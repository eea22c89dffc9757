using System.Globalization;
using SeedCorr.Core.Study;

namespace SeedCorr.Core.Cluster;

/// <summary>What the job cmdlets share: a study job's tasks now, and the submission of some of its tasks again.</summary>
public static class StudyJobs
{
    /// <summary>The tasks of a job now (Slurm is asked about every array job the tasks last ran in).</summary>
    public static IReadOnlyList<SeedToVoxelTaskState> Query(SeedToVoxelJob job, StudyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(job);
        var slurm = job.Scheduler == JobScheduler.Slurm
            ? job.Tasks.Select(t => t.ArrayJobId).OfType<long>().Distinct().SelectMany(SlurmClient.QueryArray).ToList()
            : [];
        return SeedToVoxelTaskState.Evaluate(job, parameters, slurm);
    }

    /// <summary>
    /// Submits the job's script again for <paramref name="indices"/> only (<c>sbatch --array=&lt;indices&gt;[%limit]</c>
    /// overrides the script's own list; every other request and the parameters file stay the same).
    /// </summary>
    public static SeedToVoxelJob ResubmitToSlurm(SeedToVoxelJob job, IReadOnlyCollection<int> indices)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(indices);
        var list = string.Join(',', indices.Order().Select(i => i.ToString(CultureInfo.InvariantCulture)));
        var limit = job.ArrayLimit is { } n ? string.Create(CultureInfo.InvariantCulture, $"%{n}") : string.Empty;
        var id = SlurmClient.Submit(job.ScriptPath, [$"--array={list}{limit}"]);
        return job.Submitted(JobScheduler.Slurm, id, indices, DateTime.UtcNow);
    }
}
