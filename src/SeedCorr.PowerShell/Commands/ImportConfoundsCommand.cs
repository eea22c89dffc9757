using System.Globalization;
using System.Management.Automation;
using SeedCorr.Core.Confounds;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Reads confound regressors (fMRIPrep TSV, CSV, whitespace tables) into a Confounds object, optionally with a denoising strategy as nilearn's load_confounds / load_confounds_strategy.</para>
/// </summary>
[Cmdlet(VerbsData.Import, "Confounds", DefaultParameterSetName = "Path")]
[OutputType(typeof(ConfoundsTable))]
public sealed class ImportConfoundsCommand : FileReaderCmdlet
{
    /// <summary>Columns to keep, by name or wildcard (trans_*, rot_?), in this order; all columns when omitted. With a strategy they are added to its columns.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[]? Column { get; set; }

    /// <summary>nilearn's load_confounds strategy: the families of confounds to take (default with a BOLD image: Motion, HighPass, WmCsf).</summary>
    [Parameter]
    public ConfoundComponent[]? Strategy { get; set; }

    /// <summary>A preset (nilearn's load_confounds_strategy): Simple, Scrubbing, CompCor, IcaAroma; the other strategy parameters override it where nilearn allows.</summary>
    [Parameter]
    public DenoiseStrategy? DenoiseStrategy { get; set; }

    /// <summary>Motion expansions: Basic (6), Power2, Derivatives (12), Full (24, default).</summary>
    [Parameter]
    public ExpansionModel? Motion { get; set; }

    /// <summary>White-matter and CSF expansions (default Basic).</summary>
    [Parameter]
    public ExpansionModel? WmCsf { get; set; }

    /// <summary>Global-signal expansions (default Basic); with -DenoiseStrategy it adds the global signal.</summary>
    [Parameter]
    public ExpansionModel? GlobalSignal { get; set; }

    /// <summary>CompCor components (default AnatCombined); needs the JSON sidecar.</summary>
    [Parameter]
    public CompCorMethod? CompCor { get; set; }

    /// <summary>Components per CompCor mask: a positive integer or All (default).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(CompCorCountCompleter))]
    public string? CompCorCount { get; set; }

    /// <summary>ICA-AROMA: Full (the input is the desc-smoothAROMAnonaggr image, default) or Basic (aroma_motion_XX columns).</summary>
    [Parameter]
    public IcaAromaMode? IcaAroma { get; set; }

    /// <summary>Scrubbing: segments of kept volumes shorter than this are censored too (default 5; 0 keeps every segment).</summary>
    [Parameter]
    public int? ScrubMinSegment { get; set; }

    /// <summary>Scrubbing: framewise displacement above this (mm) censors a volume (default 0.5, fMRIPrep's).</summary>
    [Parameter]
    public double? FdThreshold { get; set; }

    /// <summary>Scrubbing: standardized DVARS above this censors a volume (default 1.5, fMRIPrep's).</summary>
    [Parameter]
    public double? StdDvarsThreshold { get; set; }

    /// <summary>Subtract each column's mean over the kept volumes (default $true).</summary>
    [Parameter]
    public bool? Demean { get; set; }

    /// <inheritdoc />
    protected override string NotFoundErrorId => ErrorIds.ConfoundsFileNotFound;

    private ConfoundStrategyArguments Arguments => new()
    {
        DenoiseStrategy = DenoiseStrategy, Strategy = Strategy, Motion = Motion, WmCsf = WmCsf, GlobalSignal = GlobalSignal, CompCor = CompCor,
        CompCorCount = CompCorCount, IcaAroma = IcaAroma, ScrubMinSegment = ScrubMinSegment, FdThreshold = FdThreshold,
        StdDvarsThreshold = StdDvarsThreshold, Demean = Demean, ExtraColumns = Column ?? [],
    };

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var file in ResolvedFiles())
        {
            try
            {
                // A folder, FIFO or device goes to the table reader, whose opener refuses it (FileNotRegular) before any
                // name rule or read could block on it.
                var regular = SeedCorr.Core.IO.InputFile.TypeOf(file) == SeedCorr.Core.IO.InputFileType.Regular;
                WriteObject(regular && (Arguments.Given || !FmriprepConfoundFiles.IsTable(file)) ? LoadWithStrategy(file) : LoadTable(file));
            }
            catch (ConfoundsException ex)
            {
                WriteError(ErrorRecords.FromConfounds(ex, file));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                WriteError(ErrorRecords.Create(ErrorIds.ConfoundsMalformed, ErrorCategory.ReadError, file, $"{file}: {ex.Message}", "Check the file's permissions.", ex));
            }
        }
    }

    private ConfoundsTable LoadTable(string file)
    {
        var table = ConfoundsReader.Read(file, Column);
        if (table.FilledColumns.Length > 0)
        {
            WriteWarning($"{System.IO.Path.GetFileName(file)}: the first-row n/a of {string.Join(", ", table.FilledColumns)} was filled with the second row's value (as nilearn's load_confounds does).");
        }

        return table;
    }

    private ConfoundsTable LoadWithStrategy(string file)
    {
        var options = Arguments.ToOptions(file, WriteWarning);
        if (options.Uses(ConfoundComponent.IcaAroma) && options.IcaAroma == IcaAromaMode.Full && FmriprepConfoundFiles.IsTable(file))
        {
            WriteWarning($"{System.IO.Path.GetFileName(file)}: ICA-AROMA Full adds no columns and assumes the signals come from fMRIPrep's desc-smoothAROMAnonaggr_bold image; give that image instead of the TSV to have its name checked.");
        }

        var warnings = new List<string>();
        var table = ConfoundStrategyLoader.LoadFile(file, options, warnings);
        foreach (var w in warnings)
        {
            WriteWarning(w);
        }

        WriteVerbose($"{string.Join(", ", table.SourceFiles)}: {table.Columns} columns, {table.VolumesKept} of {table.Rows} volumes kept ({options}).");
        return table;
    }
}

/// <summary>Tab completion of -CompCorCount: All, or a few usual counts.</summary>
public sealed class CompCorCountCompleter : IArgumentCompleter
{
    private static readonly string[] Values = ["All", "5", "6", "10"];

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        System.Management.Automation.Language.CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters) =>
        Values.Where(v => v.StartsWith(wordToComplete ?? string.Empty, StringComparison.OrdinalIgnoreCase))
            .Select(v => new CompletionResult(v));
}
