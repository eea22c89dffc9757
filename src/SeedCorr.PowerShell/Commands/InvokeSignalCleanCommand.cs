using System.Globalization;
using System.Management.Automation;
using SeedCorr.Core.Confounds;
using SeedCorr.Core.Signal;
using SeedCorr.PowerShell.Common;

namespace SeedCorr.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Cleans time series as nilearn's signal.clean: detrend, Butterworth or cosine filter, confound regression, standardization, censoring.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "SignalClean")]
[OutputType(typeof(SignalMatrix))]
public sealed class InvokeSignalCleanCommand : SeedCorrCmdlet
{
    /// <summary>The signals: a SignalMatrix from a masker, a [time, series] array, or one series as a 1D array.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    [ValidateNotNull]
    public object InputObject { get; set; } = null!;

    /// <summary>Remove each series' mean and linear trend (and the confounds') before filtering.</summary>
    [Parameter]
    public SwitchParameter Detrend { get; set; }

    /// <summary>Scaling at the end: None, ZScore (population std, nilearn's standardize=True), ZScoreSample, Psc.</summary>
    [Parameter]
    public Standardization Standardize { get; set; } = Standardization.None;

    /// <summary>Low-pass cut-off in Hz (Butterworth).</summary>
    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double? LowPass { get; set; }

    /// <summary>High-pass cut-off in Hz.</summary>
    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double? HighPass { get; set; }

    /// <summary>Seconds between volumes. Taken from the signals' source image (its header) when omitted, with a warning when a given value disagrees with the header; required for filtering.</summary>
    [Parameter]
    [Alias("TR", "TRepetition")]
    public double? RepetitionTime { get; set; }

    /// <summary>Confound regressors: a Confounds object (Import-Confounds), a file path, or a [time, k] array.</summary>
    [Parameter]
    public object? Confounds { get; set; }

    /// <summary>Volumes to keep: one boolean per volume ($true = keep) or the 0-based indices of the kept volumes. Default: the SampleMask of a -Confounds object from a denoising strategy.</summary>
    [Parameter]
    public object? SampleMask { get; set; }

    /// <summary>Run label per volume; each run is cleaned on its own.</summary>
    [Parameter]
    public int[]? Runs { get; set; }

    /// <summary>Butterworth (default, zero-phase order 5) or Cosine (DCT high-pass regressors).</summary>
    [Parameter]
    public TemporalFilter Filter { get; set; } = TemporalFilter.Butterworth;

    /// <summary>Scaling of the confounds before regression: ZScore (default, as nilearn), ZScoreSample, MaxAbs.</summary>
    [Parameter]
    public ConfoundStandardization StandardizeConfounds { get; set; } = ConfoundStandardization.ZScore;

    /// <summary>With -SampleMask and a Butterworth filter: extrapolate censored edge volumes ($true, nilearn's default) or drop them ($false).</summary>
    [Parameter]
    public bool Extrapolate { get; set; } = true;

    /// <summary>Replace NaN and infinities in the signals with 0 first.</summary>
    [Parameter]
    public SwitchParameter EnsureFinite { get; set; }

    /// <summary>Clean a SignalMatrix's own values instead of a copy (for signals that fill memory, e.g. straight from a masker in the pipeline): the input's values are overwritten.</summary>
    [Parameter]
    public SwitchParameter InPlace { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var signals = InputConversion.ToSignalMatrix(InputObject, out var float64, out _);
        if (signals is null)
        {
            WriteError(ErrorRecords.Create(ErrorIds.SignalInputInvalid, ErrorCategory.InvalidType, InputObject,
                $"Cannot clean a {InputObject.GetType().Name}: give a SignalMatrix, a [time, series] array of numbers, or one series as an array.",
                "Pass 2D arrays with -InputObject (the pipeline unrolls arrays) or wrap them: ,$array | Invoke-SignalClean."));
            return;
        }

        var tr = RepetitionTime ?? signals.RepetitionTime;
        if (RepetitionTime is null && signals.RepetitionTime is not null && (LowPass is not null || HighPass is not null))
        {
            WriteVerbose($"Repetition time {signals.RepetitionTime.Value.ToString(CultureInfo.InvariantCulture)} s from the signals' source image.");
        }

        if (RepetitionTime is { } given && signals.RepetitionTime is { } header && Math.Abs(given - header) > 1e-6 * Math.Max(given, header))
        {
            WriteWarning($"-RepetitionTime {given.ToString(CultureInfo.InvariantCulture)} s differs from the {header.ToString(CultureInfo.InvariantCulture)} s of the signals' source image; {given.ToString(CultureInfo.InvariantCulture)} s is used. Omit -RepetitionTime to use the header's.");
        }

        var confounds = ResolveConfounds(signals.Timepoints);
        if (confounds is null && Confounds is not null)
        {
            return; // error written
        }

        var maskSource = SampleMask ?? (confounds?.Mask is { } fromStrategy ? fromStrategy.ToArray() : null);
        bool[]? mask = null;
        if (maskSource is not null)
        {
            mask = InputConversion.ToSampleMask(maskSource, signals.Timepoints, out var problem);
            if (mask is null)
            {
                WriteError(ErrorRecords.Create(ErrorIds.SampleMaskInvalid, ErrorCategory.InvalidArgument, maskSource,
                    SampleMask is null ? $"the sample mask of the confounds: {problem}" : problem!,
                    "Give one boolean per volume ($true = keep), or the 0-based indices of the volumes to keep."));
                return;
            }

            if (SampleMask is null)
            {
                WriteVerbose($"Sample mask from the confounds' strategy: {mask.Count(b => b)} of {mask.Length} volumes kept.");
            }
        }

        var options = new SignalCleanOptions
        {
            Detrend = Detrend,
            Standardize = Standardize,
            StandardizeConfounds = StandardizeConfounds,
            LowPass = LowPass,
            HighPass = HighPass,
            RepetitionTime = tr,
            Filter = Filter,
            Confounds = confounds is { Columns: > 0 } c ? c.Values : null,
            ConfoundCount = confounds?.Columns ?? 0,
            ConfoundNames = confounds?.Names,
            SampleMask = mask,
            Runs = Runs,
            Extrapolate = Extrapolate,
            EnsureFinite = EnsureFinite,
        };
        var progress = new CmdletProgress(this, 4, "Invoke-SignalClean", $"Cleaning {signals.Shape}");
        options = options with { Progress = progress };

        try
        {
            SignalMatrix cleaned;
            if (float64 is not null)
            {
                // A float64 array is cleaned in float64 (as nilearn keeps the input dtype), then stored as float32.
                var (values, cleaning) = RunCancellable(ct => SignalCleaner.Clean(float64, signals.Timepoints, signals.Series, options, ct));
                cleaned = new SignalMatrix(cleaning.VolumesKept, signals.Series, values.Select(v => (float)v).ToArray())
                {
                    RepetitionTime = tr,
                    Cleaning = cleaning,
                };
            }
            else
            {
                // -InPlace: no second matrix of the signals' size (with -Runs or a sample mask, whose rows change,
                // a copy is cleaned all the same). Only a SignalMatrix given as such is overwritten: arrays were copied.
                cleaned = InPlace
                    ? RunCancellable(ct => SignalCleaner.CleanInPlace(signals, options, ct)).Signals
                    : RunCancellable(ct => SignalCleaner.Clean(signals, options, ct)).Signals;
            }

            foreach (var w in cleaned.Cleaning!.Warnings)
            {
                WriteWarning(w);
            }

            if (cleaned.Cleaning.DegreesOfFreedom < SignalCleaning.LowDegreesOfFreedom)
            {
                WriteWarning($"Only {cleaned.Cleaning.DegreesOfFreedom.ToString("0.#", CultureInfo.InvariantCulture)} degrees of freedom are left after cleaning ({cleaned.Cleaning.VolumesKept} volumes, {cleaned.Cleaning.ConfoundRank} confounds, the filter band, counted as AFNI and XCP-D do): correlations will be unreliable below {SignalCleaning.LowDegreesOfFreedom.ToString(CultureInfo.InvariantCulture)}.");
            }

            WriteVerbose($"Cleaned {signals.Shape}: {cleaned.Cleaning}");
            WriteObject(cleaned);
        }
        catch (SignalException ex)
        {
            WriteError(ErrorRecords.FromSignal(ex, InputObject));
        }
        finally
        {
            progress.Complete();
        }
    }

    private sealed record ResolvedConfounds(double[] Values, int Columns, IReadOnlyList<string>? Names, IReadOnlyList<int>? Mask);

    private ResolvedConfounds? ResolveConfounds(int timepoints)
    {
        var c = InputConversion.Unwrap(Confounds);
        switch (c)
        {
            case null:
                return null;
            case ConfoundsTable table:
                return new(table.GetValues(), table.Columns, table.ColumnNames, table.SampleMask);
            case string or FileInfo:
            {
                var given = c is FileInfo fi ? fi.FullName : (string)c;
                var file = PathResolver.ResolveExisting(this, given, literal: true, ErrorIds.ConfoundsFileNotFound).FirstOrDefault();
                if (file is null)
                {
                    return null;
                }

                try
                {
                    var table = ConfoundsReader.Read(file);
                    if (table.FilledColumns.Length > 0)
                    {
                        WriteWarning($"{System.IO.Path.GetFileName(file)}: the first-row n/a of {string.Join(", ", table.FilledColumns)} was filled with the second row's value (as nilearn's load_confounds does).");
                    }

                    return new(table.GetValues(), table.Columns, table.ColumnNames, null);
                }
                catch (ConfoundsException ex)
                {
                    WriteError(ErrorRecords.FromConfounds(ex, file));
                    return null;
                }
            }

            default:
                var array = InputConversion.ToConfoundArray(c);
                if (array is null)
                {
                    WriteError(ErrorRecords.Create(ErrorIds.ConfoundsInvalid, ErrorCategory.InvalidType, c,
                        $"-Confounds takes a Confounds object (Import-Confounds), a file path, or a [time, k] array of numbers, not a {c.GetType().Name}.",
                        "Read the table with Import-Confounds, or pass its path."));
                }

                return array is { } a ? new(a.Values, a.Columns, null, null) : null;
        }
    }
}
