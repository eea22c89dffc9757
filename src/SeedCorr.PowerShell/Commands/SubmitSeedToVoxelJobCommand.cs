using System.Management.Automation;
using SeedCorr.Core.Bids;
using SeedCorr.Core.Cluster;
using SeedCorr.Core.IO;
using SeedCorr.Core.Study;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Runs a seed-to-voxel study as a job array, one task per subject: on Slurm (sbatch --array), or here one task after the other (-Scheduler Local); -ScriptOnly writes the batch script without submitting it.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Submit, "SeedToVoxelJob", SupportsShouldProcess = true, DefaultParameterSetName = StudySet)]
[OutputType(typeof(SeedToVoxelJob), typeof(FileInfo))]
public sealed class SubmitSeedToVoxelJobCommand : SeedToVoxelCmdlet
{
    /// <summary>Where the tasks run: Local (default: here, one after the other) or Slurm.</summary>
    [Parameter]
    public JobScheduler Scheduler { get; set; } = JobScheduler.Local;

    /// <summary>The Slurm partition (default: the cluster's default partition).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Partition { get; set; }

    /// <summary>Wall-time limit per task, e.g. 02:00:00 or (New-TimeSpan -Hours 2) (default: the partition's).</summary>
    [Parameter]
    public TimeSpan? TimeLimit { get; set; }

    /// <summary>Memory per task in GB (default: the partition's).</summary>
    [Parameter]
    [ValidateRange(0.001, 1_000_000.0)]
    public double? MemoryGB { get; set; }

    /// <summary>CPUs per task (default 1).</summary>
    [Parameter]
    [ValidateRange(1, 4096)]
    public int? CpusPerTask { get; set; }

    /// <summary>At most this many tasks at once (the array's %N; default: Slurm's).</summary>
    [Parameter]
    [ValidateRange(1, 1_000_000)]
    public int? ArrayLimit { get; set; }

    /// <summary>More sbatch options, each written as an #SBATCH line exactly as given (e.g. --account=lab, --qos=short).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] SbatchArgument { get; set; } = [];

    /// <summary>Write the batch script (and the parameters file it reads) to this path and submit nothing.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ScriptOnly { get; set; }

    /// <summary>The tasks redo runs whose outputs are up to date.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (Runs.Count == 0)
        {
            return;
        }

        var options = BuildOptions();
        var output = ResolveOutputDirectory();
        var scriptOnly = ScriptOnly is null ? null : PathResolver.ResolveForWrite(this, ScriptOnly);
        if (options is null || output is null || (ScriptOnly is not null && scriptOnly is null))
        {
            return;
        }

        var parameters = StudyParameters.Create(options, output, Runs, Force);
        var parameterFile = StudyParameters.PathIn(output);
        var job = SeedToVoxelJob.ForStudy(parameters, parameterFile, Scheduler) with { ArrayLimit = ArrayLimit };
        var command = StudyTaskCommand.For(this, parameterFile);
        string script;
        try
        {
            script = SlurmScript.Render(new SlurmArraySpec
            {
                JobName = SeedToVoxelJob.JobName,
                TaskCount = parameters.Tasks.Count,
                ConcurrentTasks = ArrayLimit,
                Partition = Partition,
                TimeLimit = TimeLimit,
                MemoryGB = MemoryGB,
                CpusPerTask = CpusPerTask,
                ExtraArguments = SbatchArgument,
                LogDirectory = job.LogDirectory,
                WorkingDirectory = output,
                TaskCommand = command,
            });
        }
        catch (ArgumentException ex)
        {
            WriteError(ErrorRecords.Create(ErrorIds.StudyParameterInvalid, ErrorCategory.InvalidArgument, SbatchArgument, ex.Message,
                "Give -TimeLimit as a positive duration and each -SbatchArgument on one line.", ex));
            return;
        }

        var tasks = $"{parameters.Tasks.Count} task(s), one per subject ({parameters.Tasks.Sum(t => t.Runs.Count)} runs)";
        if (scriptOnly is not null)
        {
            if (ShouldProcess(scriptOnly, $"Write the batch script of {tasks}, and the parameters file {parameterFile}:\n{script}")
                && Prepare(parameters, parameterFile) && WriteScript(scriptOnly, script))
            {
                WriteObject(new FileInfo(scriptOnly));
            }

            return;
        }

        var action = Scheduler == JobScheduler.Slurm
            ? $"Submit a Slurm job array of {tasks} with this script:\n{script}"
            : $"Run {tasks} here, one after the other, each as SLURM_ARRAY_TASK_ID=<i> {string.Join(' ', command.Select(SlurmScript.Quote))}";
        if (!ShouldProcess(output, action) || !Prepare(parameters, parameterFile) || !WriteScript(job.ScriptPath, script))
        {
            return;
        }

        var all = parameters.Tasks.Select(t => t.Index).ToList();
        try
        {
            if (Scheduler == JobScheduler.Slurm)
            {
                var id = SlurmClient.Submit(job.ScriptPath);
                job = job.Submitted(JobScheduler.Slurm, id, all, DateTime.UtcNow);
                job.Save(CancellationToken);
                WriteVerbose($"Submitted array job {id}: {tasks}; logs in {job.LogDirectory}");
            }
            else
            {
                job = RunCancellable(ct => LocalStudyTasks.Run(this, job, command, all, ct));
            }
        }
        catch (SlurmException ex)
        {
            WriteError(ErrorRecords.FromSlurm(ex, job.ScriptPath));
            return;
        }

        WriteObject(job);
    }

    /// <summary>What every task needs before the first starts: the logs folder, the study's description (written once, not by tasks at the same time), the parameters file.</summary>
    private bool Prepare(StudyParameters parameters, string parameterFile)
    {
        try
        {
            Directory.CreateDirectory(SeedToVoxelJob.LogDirectoryOf(parameters.OutputDirectory));
            var warnings = new List<string>();
            StudyDescription.Write(parameters.OutputDirectory, parameters.DerivativesRoots, warnings, CancellationToken);
            warnings.ForEach(WriteWarning);
            parameters.Save(parameterFile, CancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BidsException)
        {
            WriteError(ErrorRecords.FromAny(ex, parameterFile));
            return false;
        }
    }

    private bool WriteScript(string path, string script)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(script);
        try
        {
            RunCancellableAction(ct => AtomicFile.Write(path, s => s.Write(bytes), overwrite: true, ct));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(ErrorRecords.FromAny(ex, path));
            return false;
        }
    }
}
