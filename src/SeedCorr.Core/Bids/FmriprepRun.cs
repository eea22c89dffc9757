namespace SeedCorr.Core.Bids;

/// <summary>Why a discovered run cannot be used as it is.</summary>
public enum RunProblemKind
{
    /// <summary>A file the run needs is not there.</summary>
    MissingFile,
    /// <summary>A file is there but cannot be read (damaged header, invalid JSON).</summary>
    Unreadable,
    /// <summary>Files disagree (the mask's grid is not the BOLD's, no repetition time anywhere).</summary>
    Inconsistent,
}

/// <summary>One problem of a run; <see cref="File"/> is the file concerned (the expected path for a missing file).</summary>
public sealed record RunProblem(RunProblemKind Kind, string File, string Message);

/// <summary>
/// One preprocessed BOLD run of an fMRIPrep derivatives folder with the files that go with it. Shape and
/// repetition time come from the headers and the BOLD JSON only (no voxel data is read).
/// </summary>
public sealed class FmriprepRun
{
    /// <summary>Creates a run record (see <see cref="FmriprepRunFinder"/>).</summary>
    public FmriprepRun(string derivativesRoot, string boldPath, BidsFileName name)
    {
        DerivativesRoot = derivativesRoot;
        BoldPath = boldPath;
        Name = name;
    }

    /// <summary>The fMRIPrep derivatives folder it was found in.</summary>
    public string DerivativesRoot { get; }

    /// <summary>The entities of the BOLD file name.</summary>
    public BidsFileName Name { get; }

    /// <summary>Subject label (without <c>sub-</c>).</summary>
    public string? Subject => Name["sub"];

    /// <summary>Session label, or null.</summary>
    public string? Session => Name["ses"];

    /// <summary>Task label.</summary>
    public string? Task => Name["task"];

    /// <summary>Acquisition label, or null.</summary>
    public string? Acquisition => Name["acq"];

    /// <summary>Run index as written (<c>1</c>, <c>01</c>), or null.</summary>
    public string? Run => Name["run"];

    /// <summary>Echo index, or null (fMRIPrep's optimally combined data has none).</summary>
    public string? Echo => Name["echo"];

    /// <summary>Output space (<c>MNI152NLin2009cAsym</c>), or null for the BOLD's native space.</summary>
    public string? Space => Name["space"];

    /// <summary>Resolution label of the space (<c>res-2</c>), or null.</summary>
    public string? Resolution => Name["res"];

    /// <summary>The source entities as text: <c>sub-03_task-rest_run-2</c> (the prefix of every derivative of this run).</summary>
    public string SourceEntities => Name.SourceEntities().EntityString;

    /// <summary>The preprocessed BOLD image.</summary>
    public string BoldPath { get; }

    /// <summary>Its JSON sidecar (RepetitionTime), or null when missing.</summary>
    public string? BoldJsonPath { get; internal set; }

    /// <summary>The brain mask (<c>desc-brain_mask</c>) on the BOLD's grid, or null when missing.</summary>
    public string? MaskPath { get; internal set; }

    /// <summary>The confounds table (<c>desc-confounds_timeseries.tsv</c>, or the older <c>desc-confounds_regressors.tsv</c>), or null.</summary>
    public string? ConfoundsPath { get; internal set; }

    /// <summary>The confounds JSON (CompCor metadata), or null.</summary>
    public string? ConfoundsJsonPath { get; internal set; }

    /// <summary>Repetition time in seconds: the BOLD JSON's RepetitionTime (the header's pixdim[4] when the JSON has none).</summary>
    public double? RepetitionTime { get; internal set; }

    /// <summary>The BOLD's shape from its header (x, y, z, volumes), or null when the header cannot be read.</summary>
    public IReadOnlyList<long>? Shape { get; internal set; }

    /// <summary>Number of volumes (the 4th dimension; 1 for a 3D image), or null.</summary>
    public long? Volumes => Shape is null ? null : Shape.Count > 3 ? Shape[3] : 1;

    /// <summary>What is wrong with the run; empty when it can be processed.</summary>
    public IReadOnlyList<RunProblem> Problems => _problems;

    /// <summary>Things worth knowing that do not stop the run (a missing confounds JSON, TRs that disagree).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>True when every needed file is there and readable.</summary>
    public bool IsComplete => _problems.Count == 0;

    private readonly List<RunProblem> _problems = [];
    private readonly List<string> _warnings = [];

    internal void AddProblem(RunProblemKind kind, string file, string message) => _problems.Add(new(kind, file, message));

    internal void AddWarning(string message) => _warnings.Add(message);

    /// <inheritdoc />
    public override string ToString() => Name.EntityString;
}
