using System.Collections;
using System.Management.Automation;
using SeedCorr.Core.Bids;
using SeedCorr.Core.Confounds;
using SeedCorr.Core.Seeds;
using SeedCorr.Core.Signal;
using SeedCorr.Core.Study;

namespace SeedCorr.PowerShell.Common;

/// <summary>
/// The parameters of a study-level seed-to-voxel job, shared by the cmdlets that run it here (Invoke-SeedToVoxel) and
/// on a cluster: the runs (from Get-FmriprepRun, by pipeline), the seeds, the confound strategy (Import-Confounds'
/// parameters), the cleaning (Invoke-SignalClean's) and the output folder. Runs are collected and the job starts in
/// EndProcessing, when all are known.
/// </summary>
public abstract class SeedToVoxelCmdlet : SeedCorrCmdlet
{
    /// <summary>The parameter set of a study given by its runs, seeds and output folder (a cmdlet may add a set that reads them from a study parameters file).</summary>
    protected const string StudySet = "Study";

    private readonly List<FmriprepRun> _runs = [];

    /// <summary>The runs (Get-FmriprepRun).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0, ParameterSetName = StudySet)]
    [ValidateNotNull]
    public FmriprepRun[] Run { get; set; } = [];

    /// <summary>Seeds: sphere seeds (New-SphereSeed) and seed atlases (Import-SeedAtlas), in any mix.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = StudySet)]
    [ValidateNotNullOrEmpty]
    public object[] Seed { get; set; } = [];

    /// <summary>The study's output folder (a BIDS derivative dataset; made when missing).</summary>
    [Parameter(Mandatory = true, ParameterSetName = StudySet)]
    [Alias("OutputPath")]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>A preset: Simple (default when no strategy parameter is given), Scrubbing, CompCor, IcaAroma.</summary>
    [Parameter]
    public DenoiseStrategy? DenoiseStrategy { get; set; }

    /// <summary>nilearn's load_confounds strategy (instead of a preset).</summary>
    [Parameter]
    public ConfoundComponent[]? Strategy { get; set; }

    /// <summary>Motion expansions.</summary>
    [Parameter]
    public ExpansionModel? Motion { get; set; }

    /// <summary>White-matter and CSF expansions.</summary>
    [Parameter]
    public ExpansionModel? WmCsf { get; set; }

    /// <summary>Global-signal expansions.</summary>
    [Parameter]
    public ExpansionModel? GlobalSignal { get; set; }

    /// <summary>CompCor components.</summary>
    [Parameter]
    public CompCorMethod? CompCor { get; set; }

    /// <summary>Components per CompCor mask: a positive integer or All.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(Commands.CompCorCountCompleter))]
    public string? CompCorCount { get; set; }

    /// <summary>ICA-AROMA mode.</summary>
    [Parameter]
    public IcaAromaMode? IcaAroma { get; set; }

    /// <summary>Scrubbing: minimum segment of kept volumes.</summary>
    [Parameter]
    public int? ScrubMinSegment { get; set; }

    /// <summary>Scrubbing: framewise displacement threshold (mm).</summary>
    [Parameter]
    public double? FdThreshold { get; set; }

    /// <summary>Scrubbing: standardized DVARS threshold.</summary>
    [Parameter]
    public double? StdDvarsThreshold { get; set; }

    /// <summary>Demean the confounds (default $true).</summary>
    [Parameter]
    public bool? Demean { get; set; }

    /// <summary>Extra confound columns by name, added to the strategy's.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Column { get; set; }

    /// <summary>FWHM (mm) of the Gaussian smoothing of the brain voxels (default 6; 0 for none). Seeds are not smoothed.</summary>
    [Parameter]
    [ValidateRange(0.0, 100.0)]
    public double SmoothingFwhm { get; set; } = 6;

    /// <summary>Low-pass cutoff in Hz (default 0.1; $null for none).</summary>
    [Parameter]
    public double? LowPass { get; set; } = 0.1;

    /// <summary>High-pass cutoff in Hz (default 0.01; $null for none).</summary>
    [Parameter]
    public double? HighPass { get; set; } = 0.01;

    /// <summary>Remove linear trends (default on; -Detrend:$false to leave them).</summary>
    [Parameter]
    public SwitchParameter Detrend { get; set; } = true;

    /// <summary>How each series is standardized (default ZScoreSample, the seed example's).</summary>
    [Parameter]
    public Standardization Standardize { get; set; } = Standardization.ZScoreSample;

    /// <summary>Butterworth (default) or Cosine.</summary>
    [Parameter]
    public TemporalFilter Filter { get; set; } = TemporalFilter.Butterworth;

    /// <summary>A run left with fewer degrees of freedom than this (XCP-D's count) fails (default 1).</summary>
    [Parameter]
    public double MinimumDegreesOfFreedom { get; set; } = 1;

    /// <summary>The runs given so far.</summary>
    protected IReadOnlyList<FmriprepRun> Runs => _runs;

    /// <inheritdoc />
    protected override void ProcessRecord() => _runs.AddRange(Run.Where(r => r is not null));

    /// <summary>The job's options from the parameters; null (with the error written) when they cannot be used.</summary>
    protected SeedToVoxelOptions? BuildOptions()
    {
        var spheres = new List<SphereSeed>();
        var atlases = new List<SeedAtlas>();
        foreach (var item in Flatten(Seed))
        {
            switch (item)
            {
                case SphereSeed s:
                    spheres.Add(s);
                    break;
                case SeedAtlas { Kind: SeedAtlasKind.Coordinates } a:
                    spheres.AddRange(a.ToSphereSeeds());
                    break;
                case SeedAtlas a:
                    atlases.Add(a);
                    break;
                default:
                    WriteError(ErrorRecords.Create(ErrorIds.StudyParameterInvalid, ErrorCategory.InvalidArgument, item,
                        $"-Seed takes sphere seeds (New-SphereSeed) and seed atlases (Import-SeedAtlas), not {item?.GetType().Name ?? "$null"}",
                        "Make the seeds with New-SphereSeed or Import-SeedAtlas and pass those objects."));
                    return null;
            }
        }

        var strategy = new ConfoundStrategyArguments
        {
            DenoiseStrategy = DenoiseStrategy, Strategy = Strategy, Motion = Motion, WmCsf = WmCsf, GlobalSignal = GlobalSignal, CompCor = CompCor,
            CompCorCount = CompCorCount, IcaAroma = IcaAroma, ScrubMinSegment = ScrubMinSegment, FdThreshold = FdThreshold,
            StdDvarsThreshold = StdDvarsThreshold, Demean = Demean, ExtraColumns = Column ?? [],
        };
        if (!strategy.Given)
        {
            strategy = strategy with { DenoiseStrategy = Core.Confounds.DenoiseStrategy.Simple };
        }

        try
        {
            var options = new SeedToVoxelOptions
            {
                Spheres = spheres,
                LabelAtlases = atlases,
                Confounds = strategy.ToOptions(null, WriteWarning),
                SmoothingFwhm = SmoothingFwhm > 0 ? SmoothingFwhm : null,
                Detrend = Detrend.IsPresent,
                Standardize = Standardize,
                LowPass = LowPass,
                HighPass = HighPass,
                Filter = Filter,
                MinimumDegreesOfFreedom = MinimumDegreesOfFreedom,
            };
            options.Validate();
            options.Confounds.Validate(null);
            return options;
        }
        catch (Exception ex) when (ex is StudyException or ConfoundsException or SeedException)
        {
            WriteError(ErrorRecords.FromAny(ex, Seed));
            return null;
        }
    }

    /// <summary>-OutputDirectory as a full path; null (with the error written) when it cannot be one or is a file.</summary>
    protected string? ResolveOutputDirectory()
    {
        var output = PathResolver.ResolveForWrite(this, OutputDirectory);
        if (output is not null && File.Exists(output))
        {
            WriteError(ErrorRecords.Create(ErrorIds.SeedToVoxelOutputBlocked, ErrorCategory.WriteError, output,
                $"-OutputDirectory {output} is a file, not a folder", "Give a folder (it is made when missing)."));
            return null;
        }

        return output;
    }

    /// <summary>
    /// In a set whose study comes from a parameters file, the study's own parameters (strategy, cleaning, smoothing)
    /// would be silently ignored: the first one given is refused with a terminating error.
    /// </summary>
    protected void RefuseStudyParameters(string form)
    {
        var given = MyInvocation.BoundParameters.Keys.FirstOrDefault(k => typeof(SeedToVoxelCmdlet).GetProperty(k)?.DeclaringType == typeof(SeedToVoxelCmdlet));
        if (given is not null)
        {
            ThrowTerminatingError(ErrorRecords.Create(ErrorIds.StudyParameterInvalid, ErrorCategory.InvalidArgument, given,
                $"-{given} cannot be given with {form}: the study's parameters come from its parameters file",
                "Leave it out, or start a new study (Invoke-SeedToVoxel or Submit-SeedToVoxelJob with runs, seeds and parameters)."));
        }
    }

    private static IEnumerable<object?> Flatten(IEnumerable items)
    {
        foreach (var raw in items)
        {
            var item = InputConversion.Unwrap(raw);
            if (item is IEnumerable many and not string)
            {
                foreach (var inner in Flatten(many))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return item;
            }
        }
    }
}
