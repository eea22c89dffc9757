using System.Globalization;
using System.Text.Json.Nodes;
using SeedCorr.Core.Bids;
using SeedCorr.Core.Study;

namespace SeedCorr.Core.Cluster;

/// <summary>Where the tasks of a study job run.</summary>
public enum JobScheduler
{
    /// <summary>Here, one task after the other, each in its own pwsh (the command a Slurm task runs).</summary>
    Local,

    /// <summary>As one Slurm job array (<c>sbatch --array</c>).</summary>
    Slurm,
}

/// <summary>One task of a study job: a subject's runs, and its latest submission.</summary>
/// <param name="Index">The array index.</param>
/// <param name="Subject">The subject label.</param>
/// <param name="Runs">The runs' source entities (<c>sub-01_task-rest</c>).</param>
/// <param name="ArrayJobId">The array job the task last ran in (Slurm), or null (Local).</param>
/// <param name="Attempts">How many times it was submitted.</param>
/// <param name="LogPath">Its latest output log.</param>
/// <param name="ExitCode">Its exit code, when SeedCorr saw the task end itself (Local); Slurm's tasks report theirs through Slurm.</param>
public sealed record SeedToVoxelJobTask(int Index, string Subject, IReadOnlyList<string> Runs, long? ArrayJobId, int Attempts, string? LogPath, int? ExitCode);

/// <summary>
/// A study job: its parameters file, its script, and per task the latest submission. Kept as
/// <c>&lt;out&gt;/code/seedcorr/job.json</c> beside the parameters, so that a later session finds the job of a study
/// folder (Get-SeedToVoxelJob), and a resubmission of failed tasks updates only their rows.
/// </summary>
public sealed record SeedToVoxelJob
{
    /// <summary>The job name (<c>--job-name</c>) and the first part of each task's log name.</summary>
    public const string JobName = "seedcorr";

    /// <summary>Where the tasks run.</summary>
    public required JobScheduler Scheduler { get; init; }

    /// <summary>The array job id of the latest submission (Slurm), or null (Local).</summary>
    public long? JobId => ArrayJobIds.Count == 0 ? null : ArrayJobIds[^1];

    /// <summary>Every array job id submitted for this study, first to latest.</summary>
    public IReadOnlyList<long> ArrayJobIds { get; init; } = Array.Empty<long>();

    /// <summary>The study's output folder.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The study parameters file every task reads.</summary>
    public required string ParameterFile { get; init; }

    /// <summary>The batch script of the latest submission.</summary>
    public required string ScriptPath { get; init; }

    /// <summary>At most this many tasks at once (the array's <c>%limit</c>, kept for resubmissions), or null.</summary>
    public int? ArrayLimit { get; init; }

    /// <summary>When the latest submission was made (UTC).</summary>
    public DateTime SubmittedUtc { get; init; }

    /// <summary>The tasks, by index.</summary>
    public required IReadOnlyList<SeedToVoxelJobTask> Tasks { get; init; }

    /// <summary>The folder of the task logs and the run status files (<c>&lt;out&gt;/logs</c>).</summary>
    public string LogDirectory => LogDirectoryOf(OutputDirectory);

    /// <summary>The tasks' latest logs.</summary>
    public IReadOnlyList<string> LogPaths => Tasks.Select(t => t.LogPath).OfType<string>().ToList();

    /// <summary>The job record's path in a study folder.</summary>
    public static string PathIn(string outputDirectory) => Path.Combine(Path.GetDirectoryName(StudyParameters.PathIn(outputDirectory))!, "job.json");

    /// <summary>The batch script's path in a study folder.</summary>
    public static string ScriptPathIn(string outputDirectory) => Path.Combine(Path.GetDirectoryName(StudyParameters.PathIn(outputDirectory))!, "seedtovoxel.sbatch");

    /// <summary>The logs folder of a study.</summary>
    public static string LogDirectoryOf(string outputDirectory) => Path.Combine(Path.GetFullPath(outputDirectory), "logs");

    /// <summary>A task's log as Slurm names it from the script's <c>%x-%A-%a.out</c>, or the Local run's <c>seedcorr-local-&lt;i&gt;.out</c>.</summary>
    public static string LogPathOf(string outputDirectory, long? arrayJobId, int index) =>
        Path.Combine(LogDirectoryOf(outputDirectory), string.Create(CultureInfo.InvariantCulture, $"{JobName}-{(arrayJobId is { } id ? id.ToString(CultureInfo.InvariantCulture) : "local")}-{index}.out"));

    /// <summary>A new job of every task of a study, not yet submitted.</summary>
    public static SeedToVoxelJob ForStudy(StudyParameters parameters, string parameterFile, JobScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new SeedToVoxelJob
        {
            Scheduler = scheduler,
            OutputDirectory = parameters.OutputDirectory,
            ParameterFile = Path.GetFullPath(parameterFile),
            ScriptPath = ScriptPathIn(parameters.OutputDirectory),
            Tasks = parameters.Tasks.Select(t => new SeedToVoxelJobTask(t.Index, t.Subject,
                t.Runs.Select(r => BidsFileName.Parse(r.BoldPath).SourceEntities().EntityString).ToList(), null, 0, null, null)).ToList(),
        };
    }

    /// <summary>The job after a submission of <paramref name="indices"/> as <paramref name="arrayJobId"/> (null: Local).</summary>
    public SeedToVoxelJob Submitted(JobScheduler scheduler, long? arrayJobId, IReadOnlyCollection<int> indices, DateTime utc) => this with
    {
        Scheduler = scheduler,
        ArrayJobIds = arrayJobId is { } id ? ArrayJobIds.Append(id).ToList() : ArrayJobIds,
        SubmittedUtc = utc,
        Tasks = Tasks.Select(t => indices.Contains(t.Index)
            ? t with { ArrayJobId = arrayJobId, Attempts = t.Attempts + 1, LogPath = LogPathOf(OutputDirectory, arrayJobId, t.Index), ExitCode = null }
            : t).ToList(),
    };

    /// <summary>The job with a Local task's exit code recorded.</summary>
    public SeedToVoxelJob WithExitCode(int index, int exitCode) => this with
    {
        Tasks = Tasks.Select(t => t.Index == index ? t with { ExitCode = exitCode } : t).ToList(),
    };

    /// <summary>Writes the record atomically.</summary>
    public void Save(CancellationToken cancellationToken = default)
    {
        var o = new JsonObject
        {
            ["SeedCorrStudyJob"] = 1,
            [nameof(Scheduler)] = Scheduler.ToString(),
            [nameof(ArrayJobIds)] = new JsonArray([.. ArrayJobIds.Select(i => (JsonNode)JsonValue.Create(i))]),
            [nameof(OutputDirectory)] = OutputDirectory,
            [nameof(ParameterFile)] = ParameterFile,
            [nameof(ScriptPath)] = ScriptPath,
            [nameof(ArrayLimit)] = ArrayLimit,
            [nameof(SubmittedUtc)] = SubmittedUtc.ToString("o", CultureInfo.InvariantCulture),
            [nameof(Tasks)] = new JsonArray([.. Tasks.Select(t => (JsonNode)new JsonObject
            {
                [nameof(t.Index)] = t.Index,
                [nameof(t.Subject)] = t.Subject,
                [nameof(t.Runs)] = new JsonArray([.. t.Runs.Select(r => (JsonNode)JsonValue.Create(r))]),
                [nameof(t.ArrayJobId)] = t.ArrayJobId,
                [nameof(t.Attempts)] = t.Attempts,
                [nameof(t.LogPath)] = t.LogPath,
                [nameof(t.ExitCode)] = t.ExitCode,
            })]),
        };
        var path = PathIn(OutputDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        JsonSidecar.Write(path, o, overwrite: true, cancellationToken);
    }

    /// <summary>Reads the job record of a study folder; <see cref="StudyException"/> when there is none or it cannot be read.</summary>
    public static SeedToVoxelJob Load(string outputDirectory)
    {
        var path = PathIn(outputDirectory);
        if (!File.Exists(path))
        {
            throw new StudyException(StudyErrorKind.ParametersFileInvalid,
                $"{Path.GetFullPath(outputDirectory)} has no study job: {path} does not exist (Submit-SeedToVoxelJob writes it)") { FilePath = path };
        }

        JsonObject o;
        try
        {
            o = JsonSidecar.Read(path);
        }
        catch (Exception ex) when (ex is BidsException or IOException or UnauthorizedAccessException)
        {
            throw StudyParameters.Invalid(path, ex.Message, ex);
        }

        var json = new StudyJsonReader(path);
        return new SeedToVoxelJob
        {
            Scheduler = json.Enum<JobScheduler>(o, nameof(Scheduler)),
            ArrayJobIds = json.Array(o, nameof(ArrayJobIds)).Select((n, i) => json.Value<long>(n, $"ArrayJobIds[{i}]", "a job id")).ToList(),
            OutputDirectory = json.String(o, nameof(OutputDirectory)),
            ParameterFile = json.String(o, nameof(ParameterFile)),
            ScriptPath = json.String(o, nameof(ScriptPath)),
            ArrayLimit = json.NullableInt(o, nameof(ArrayLimit)),
            SubmittedUtc = DateTime.TryParse(json.String(o, nameof(SubmittedUtc)), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var when)
                ? when
                : throw StudyParameters.Invalid(path, $"SubmittedUtc must be a UTC time (ISO 8601), not {o[nameof(SubmittedUtc)]!.ToJsonString()}"),
            Tasks = json.Array(o, nameof(Tasks)).Select((n, i) =>
            {
                var t = json.Object(n, $"Tasks[{i}]");
                return new SeedToVoxelJobTask(json.Int(t, "Index"), json.String(t, "Subject"),
                    json.Array(t, "Runs").Select((r, k) => json.Value<string>(r, $"Tasks[{i}].Runs[{k}]", "a string")).ToList(),
                    t["ArrayJobId"] is null ? null : json.Value<long>(t["ArrayJobId"], $"Tasks[{i}].ArrayJobId", "a job id"),
                    json.Int(t, "Attempts"), json.NullableString(t, "LogPath"), json.NullableInt(t, "ExitCode"));
            }).ToList(),
        };
    }
}
