using System.Text.Json.Nodes;
using SeedCorr.Core.Bids;

namespace SeedCorr.Core.Study;

/// <summary>A run as the parameters file names it: the fMRIPrep folder it was found in and its preprocessed BOLD.</summary>
/// <param name="DerivativesRoot">The fMRIPrep derivatives folder (full path).</param>
/// <param name="BoldPath">The <c>_desc-preproc_bold.nii[.gz]</c> file (full path).</param>
public sealed record StudyRun(string DerivativesRoot, string BoldPath);

/// <summary>One unit of a study job (one array task): one subject's runs, as fMRIPrep's own sbatch example does.</summary>
/// <param name="Index">The task index (<c>SLURM_ARRAY_TASK_ID</c>), 0 to tasks − 1.</param>
/// <param name="Subject">The subject label (without <c>sub-</c>).</param>
/// <param name="Runs">Its runs, in the order given.</param>
public sealed record StudyTask(int Index, string Subject, IReadOnlyList<StudyRun> Runs);

/// <summary>
/// The study parameters file, <c>&lt;out&gt;/code/seedcorr/parameters.json</c>: everything a task of a study job needs
/// (the options, the output folder, the runs grouped by subject), so that every task and every later re-run uses the
/// same settings. Loading rebuilds options whose <see cref="SeedToVoxelOptions.ToJson"/> is the saved one, so the
/// runs' provenance hashes are those of a local run with the same parameters.
/// </summary>
public sealed record StudyParameters
{
    /// <summary>The file format's version (a newer SeedCorr refuses files it cannot read rather than guess).</summary>
    public const int FormatVersion = 1;

    /// <summary>The options applied to every run.</summary>
    public required SeedToVoxelOptions Options { get; init; }

    /// <summary>The study's output folder (full path).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The tasks, one per subject, indexed from 0.</summary>
    public required IReadOnlyList<StudyTask> Tasks { get; init; }

    /// <summary>Redo runs whose outputs are up to date.</summary>
    public bool Force { get; init; }

    /// <summary>The fMRIPrep folders of all runs, in the order they first appear (the order of the study's dataset links).</summary>
    public IReadOnlyList<string> DerivativesRoots => Tasks.SelectMany(t => t.Runs).Select(r => r.DerivativesRoot).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Where the parameters file of a study goes.</summary>
    public static string PathIn(string outputDirectory) => Path.Combine(Path.GetFullPath(outputDirectory), "code", "seedcorr", "parameters.json");

    /// <summary>
    /// The parameters of a study: one task per subject (subjects in the order they first appear; a run given twice
    /// counts once).
    /// </summary>
    public static StudyParameters Create(SeedToVoxelOptions options, string outputDirectory, IEnumerable<FmriprepRun> runs, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        ArgumentNullException.ThrowIfNull(runs);
        var bySubject = new List<(string Subject, List<StudyRun> Runs)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            var bold = Path.GetFullPath(run.BoldPath);
            if (!seen.Add(bold))
            {
                continue;
            }

            var subject = run.Subject ?? string.Empty;
            var group = bySubject.FindIndex(g => g.Subject == subject);
            if (group < 0)
            {
                bySubject.Add((subject, []));
                group = bySubject.Count - 1;
            }

            bySubject[group].Runs.Add(new StudyRun(Path.GetFullPath(run.DerivativesRoot), bold));
        }

        return new StudyParameters
        {
            Options = options,
            OutputDirectory = Path.GetFullPath(outputDirectory),
            Tasks = bySubject.Select((g, i) => new StudyTask(i, g.Subject, g.Runs)).ToList(),
            Force = force,
        };
    }

    /// <summary>The file's content: format version, output folder, force, the options' <see cref="SeedToVoxelOptions.ToJson"/>, the tasks.</summary>
    public JsonObject ToJson() => new()
    {
        ["SeedCorrStudyParameters"] = FormatVersion,
        [nameof(OutputDirectory)] = OutputDirectory,
        [nameof(Force)] = Force,
        [nameof(Options)] = Options.ToJson(),
        [nameof(Tasks)] = new JsonArray([.. Tasks.Select(t => (JsonNode)new JsonObject
        {
            [nameof(StudyTask.Index)] = t.Index,
            [nameof(StudyTask.Subject)] = t.Subject,
            [nameof(StudyTask.Runs)] = new JsonArray([.. t.Runs.Select(r => (JsonNode)new JsonObject
            {
                [nameof(StudyRun.DerivativesRoot)] = r.DerivativesRoot,
                ["Bold"] = r.BoldPath,
            })]),
        })]),
    };

    /// <summary>Writes the file atomically (a task reading it meanwhile sees the old or the new file, never a part).</summary>
    public void Save(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        JsonSidecar.Write(path, ToJson(), overwrite: true, cancellationToken);
    }

    /// <summary>
    /// Reads a parameters file; labels atlases are read again from their files and must still hold the regions saved.
    /// Throws <see cref="StudyException"/> (<see cref="StudyErrorKind.ParametersFileInvalid"/>) naming the file and the
    /// value when it cannot be used.
    /// </summary>
    public static StudyParameters Load(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw Invalid(path, "the file does not exist");
        }

        JsonObject o;
        try
        {
            o = JsonSidecar.Read(path);
        }
        catch (Exception ex) when (ex is BidsException or IOException or UnauthorizedAccessException)
        {
            throw Invalid(path, ex.Message, ex);
        }

        var json = new StudyJsonReader(path);
        var version = json.Int(o, "SeedCorrStudyParameters");
        if (version != FormatVersion)
        {
            throw Invalid(path, $"it is of format version {version}; this SeedCorr reads version {FormatVersion}");
        }

        var tasks = json.Array(o, nameof(Tasks)).Select((node, i) =>
        {
            var t = json.Object(node, $"{nameof(Tasks)}[{i}]");
            var index = json.Int(t, nameof(StudyTask.Index));
            if (index != i)
            {
                throw Invalid(path, $"{nameof(Tasks)}[{i}] has Index {index}: tasks must be numbered 0, 1, 2, … in order");
            }

            var runs = json.Array(t, nameof(StudyTask.Runs)).Select((r, k) =>
            {
                var run = json.Object(r, $"{nameof(Tasks)}[{i}].Runs[{k}]");
                var bold = json.String(run, "Bold");
                return BidsFileName.TryParse(bold, out _, out var why)
                    ? new StudyRun(json.String(run, nameof(StudyRun.DerivativesRoot)), bold)
                    : throw Invalid(path, $"the run {bold} of {nameof(Tasks)}[{i}] is not a BIDS file name: {why}");
            }).ToList();
            return new StudyTask(index, json.String(t, nameof(StudyTask.Subject)), runs);
        }).ToList();

        return new StudyParameters
        {
            OutputDirectory = json.String(o, nameof(OutputDirectory)),
            Force = json.Bool(o, nameof(Force)),
            Options = SeedToVoxelOptionsJson.Read(json, json.Object(o[nameof(Options)], nameof(Options)), cancellationToken),
            Tasks = tasks,
        };
    }

    /// <summary>
    /// The runs of a task as discovery describes them (companion files paired and headers read again, so a file
    /// fixed or broken since submission is seen as it is now).
    /// </summary>
    public static IReadOnlyList<FmriprepRun> DescribeRuns(StudyTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Runs.Select(r => FmriprepRunFinder.Describe(r.DerivativesRoot, r.BoldPath, BidsFileName.Parse(r.BoldPath))).ToList();
    }

    /// <summary>The status files the runs of a task write (<c>logs/&lt;src&gt;_status.json</c>), by run.</summary>
    public IReadOnlyList<(string SourceEntities, string StatusFile)> StatusFiles(StudyTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Runs.Select(r =>
        {
            var names = new RunOutputNames(OutputDirectory, BidsFileName.Parse(r.BoldPath), Options);
            return (names.SourceEntities, names.Status);
        }).ToList();
    }

    internal static StudyException Invalid(string path, string what, Exception? inner = null) =>
        new(StudyErrorKind.ParametersFileInvalid, $"the study parameters file {path} cannot be used: {what}", inner) { FilePath = path };
}
