using System.Collections.Concurrent;
using System.Management.Automation;
using SeedCorr.Core.Batch;
using SeedCorr.Core.Bids;
using SeedCorr.Core.Study;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Computes seed-to-voxel correlation maps (r and Fisher z) for every run and seed of an fMRIPrep study, in parallel, with BIDS-named outputs and provenance.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "SeedToVoxel", SupportsShouldProcess = true, DefaultParameterSetName = StudySet)]
[OutputType(typeof(SeedToVoxelRunResult))]
public sealed class InvokeSeedToVoxelCommand : SeedToVoxelCmdlet
{
    private const string TaskSet = "Task";

    /// <summary>A study parameters file (Submit-SeedToVoxelJob writes it): its runs, seeds and parameters, as a job's task runs them.</summary>
    [Parameter(Mandatory = true, ParameterSetName = TaskSet)]
    [ValidateNotNullOrEmpty]
    public string ParameterFile { get; set; } = string.Empty;

    /// <summary>Which task (subject) of the parameters file to run (default: $env:SLURM_ARRAY_TASK_ID; without it, every task).</summary>
    [Parameter(ParameterSetName = TaskSet)]
    [ValidateRange(0, int.MaxValue)]
    public int? TaskIndex { get; set; }

    /// <summary>How many runs are processed at once (default 1); the memory budget may allow fewer.</summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = 1;

    /// <summary>Memory (GB) the runs in flight may take together (default: 80 % of the memory available to the process).</summary>
    [Parameter]
    [ValidateRange(0.1, 1_000_000.0)]
    public double? MaxMemoryGB { get; set; }

    /// <summary>Redo runs whose outputs are up to date (same inputs, same parameters), and replace read-only outputs.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Keep each run's cleaned brain in its result (CleanedBrain) so that Get-SeedCorrelation -CleanedBrain maps new sphere seeds without reading the BOLD file again. Needs a second brain matrix in memory; runs are then always done.</summary>
    [Parameter]
    public SwitchParameter KeepBrain { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (ParameterSetName == TaskSet)
        {
            RunTask();
            return;
        }

        if (Runs.Count == 0)
        {
            return;
        }

        var options = BuildOptions();
        var output = ResolveOutputDirectory();
        if (options is null || output is null)
        {
            return;
        }

        RunStudy(Runs, null, options, output, Force);
    }

    /// <summary>The task form: the runs of one task (or all) of a parameters file, run as the study form runs them.</summary>
    private void RunTask()
    {
        RefuseStudyParameters("-ParameterFile");
        var path = PathResolver.ResolveForWrite(this, ParameterFile);
        if (path is null)
        {
            return;
        }

        StudyParameters parameters;
        try
        {
            parameters = RunCancellable(ct => StudyParameters.Load(path, ct));
        }
        catch (StudyException ex)
        {
            ThrowTerminatingError(ErrorRecords.FromStudy(ex, path));
            return;
        }

        var index = TaskIndex;
        var fromSlurm = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID");
        if (index is null && !string.IsNullOrEmpty(fromSlurm))
        {
            index = int.TryParse(fromSlurm, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : -1;
        }

        if (index is { } n && (n < 0 || n >= parameters.Tasks.Count))
        {
            ThrowTerminatingError(ErrorRecords.Create(ErrorIds.SeedToVoxelTaskIndexInvalid, ErrorCategory.InvalidArgument, n,
                $"{path} has tasks 0 to {parameters.Tasks.Count - 1}, not {(TaskIndex is null ? $"SLURM_ARRAY_TASK_ID '{fromSlurm}'" : n.ToString(System.Globalization.CultureInfo.InvariantCulture))}",
                "Give a -TaskIndex of the file (one task per subject), or submit the job again with Submit-SeedToVoxelJob."));
        }

        var tasks = index is { } k ? [parameters.Tasks[k]] : parameters.Tasks;
        WriteVerbose($"{path}: task(s) {string.Join(", ", tasks.Select(t => $"{t.Index} (sub-{t.Subject}, {t.Runs.Count} runs)"))}");
        List<FmriprepRun> runs;
        try
        {
            runs = RunCancellable(_ => tasks.SelectMany(StudyParameters.DescribeRuns).ToList());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BidsException)
        {
            ThrowTerminatingError(ErrorRecords.FromAny(ex, path));
            return;
        }

        RunStudy(runs, parameters.DerivativesRoots, parameters.Options, parameters.OutputDirectory, Force || parameters.Force);
    }

    /// <summary>What both forms do once the runs and options are known: the study's description, then every run.</summary>
    private void RunStudy(IReadOnlyList<FmriprepRun> runs, IReadOnlyList<string>? allRoots, SeedToVoxelOptions options, string output, bool force)
    {
        var todo = runs.Where(r => ShouldProcess(r.SourceEntities, $"Write {options.SeedCount} seed maps (r and Fisher z) to {output}")).ToList();
        if (todo.Count == 0)
        {
            return;
        }

        IReadOnlyDictionary<string, string> links;
        try
        {
            var warnings = new List<string>();
            links = StudyDescription.Write(output, allRoots ?? todo.Select(r => r.DerivativesRoot), warnings, CancellationToken);
            warnings.ForEach(WriteWarning);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BidsException)
        {
            WriteError(ErrorRecords.FromAny(ex, output));
            return;
        }

        var study = new StudyOutput(output, force, links) { KeepBrain = KeepBrain };
        RunAll(todo, options, study);
    }

    private void RunAll(List<FmriprepRun> runs, SeedToVoxelOptions options, StudyOutput study)
    {
        var items = runs.Select(r => new BatchItem<FmriprepRun>(r, Estimate(r, KeepBrain))).ToList();
        var budget = MaxMemoryGB is { } gb ? (long)(gb * (1L << 30)) : RunMemory.DefaultBudget();
        var fractions = new ConcurrentDictionary<FmriprepRun, double>();
        var done = 0;
        var failed = 0;
        void Show()
        {
            var running = fractions.ToArray();
            var overall = (done + running.Sum(p => p.Value)) / runs.Count;
            var current = running.Length == 0 ? "starting" : string.Join(", ", running.Select(p => $"{p.Key.SourceEntities} {p.Value:P0}"));
            WriteProgress(new ProgressRecord(4, "Invoke-SeedToVoxel", $"{done} of {runs.Count} runs done{(failed > 0 ? $", {failed} failed" : string.Empty)}")
            {
                PercentComplete = (int)Math.Clamp(overall * 100, 0, 100),
                CurrentOperation = current,
            });
        }

        SeedToVoxelRunResult Work(FmriprepRun run, CancellationToken ct)
        {
            fractions[run] = 0;
            try
            {
                return SeedToVoxelRunner.Run(run, options, study, new Progress(fractions, run), ct);
            }
            finally
            {
                fractions.TryRemove(run, out _);
            }
        }

        try
        {
            Show();
            foreach (var outcome in BatchRunner.Run(items, Work, ThrottleLimit, budget, Show, CancellationToken))
            {
                done++;
                if (outcome.Result is { } result)
                {
                    foreach (var w in result.Warnings)
                    {
                        WriteWarning($"{result.SourceEntities}: {w}");
                    }

                    WriteVerbose($"{result.SourceEntities}: {result.Status} in {result.Seconds:0.0} s, {result.Outputs}");
                    WriteObject(result);
                }
                else if (outcome.Error is { } error)
                {
                    failed++;
                    var statusFile = new RunOutputNames(study.Directory, outcome.Item.Name, options).Status;
                    WriteObject(SeedToVoxelRunResult.Failed(outcome.Item, error, outcome.Elapsed, statusFile));
                    var record = ErrorRecords.FromAny(error, outcome.Item);
                    record.ErrorDetails = new ErrorDetails($"{outcome.Item.SourceEntities}: {record.ErrorDetails?.Message ?? error.Message}")
                    {
                        RecommendedAction = record.ErrorDetails?.RecommendedAction,
                    };
                    WriteError(record);
                }

                Show();
            }
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        finally
        {
            WriteProgress(new ProgressRecord(4, "Invoke-SeedToVoxel", "done") { RecordType = ProgressRecordType.Completed });
        }

        if (failed > 0)
        {
            FailureExitCode.Request(this);
        }
    }

    /// <summary>The run's streaming pass at most (every voxel of the grid × volumes, float32), from the header read by discovery.</summary>
    private static long Estimate(FmriprepRun run, bool keepBrain)
    {
        var shape = run.Shape;
        if (shape is null || shape.Count < 3)
        {
            return RunMemory.OverheadBytes;
        }

        var voxels = shape[0] * shape[1] * shape[2];
        return RunMemory.Estimate(keepBrain ? 2 * voxels : voxels, run.Volumes ?? 1);
    }

    /// <summary>A run's fraction done, kept for the pipeline thread's progress record (workers may not write it).</summary>
    private sealed class Progress(ConcurrentDictionary<FmriprepRun, double> fractions, FmriprepRun run) : IProgress<double>
    {
        public void Report(double value) => fractions[run] = value;
    }
}
