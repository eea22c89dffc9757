using System.Numerics;

namespace SeedCorr.Core.Signal;

/// <summary>
/// nilearn 0.10.4's <c>signal.clean</c> on a time × series matrix, step for step, each step in its own file under
/// <c>Signal/Steps</c>: (cosine regressors, <see cref="CosineDriftStep"/>) → (censored volumes interpolated for
/// Butterworth, dropped otherwise, <see cref="Censoring"/>) → linear detrend of signals and confounds → Butterworth on
/// signals and confounds (<see cref="ButterworthStep"/>) → (censored volumes dropped) → confounds checked,
/// standardized, pivoted QR, projection (<see cref="ConfoundProjection"/>) → standardization
/// (<see cref="StandardizationStep"/>) → degrees of freedom (<see cref="DegreesOfFreedom"/>). Runs are cleaned
/// independently. Statistics, filter recursion, QR and projection run in float64; float32 signals stay float32.
/// </summary>
public static class SignalCleaner
{
    /// <summary>Cleans a copy of <paramref name="signals"/> (float32 storage; statistics and filters in float64).</summary>
    public static SignalCleanResult Clean(SignalMatrix signals, SignalCleanOptions options, CancellationToken cancellationToken = default) =>
        Clean(signals, options, inPlace: false, cancellationToken);

    /// <summary>
    /// Cleans <paramref name="signals"/> without copying them (for data that fills memory): the returned matrix shares
    /// the input's array, whose values are overwritten, so the input must not be used afterwards. With runs or a sample
    /// mask, which change the rows, a copy is cleaned as by <see cref="Clean(SignalMatrix, SignalCleanOptions, CancellationToken)"/>.
    /// The values are the same as Clean's to the bit.
    /// </summary>
    public static SignalCleanResult CleanInPlace(SignalMatrix signals, SignalCleanOptions options, CancellationToken cancellationToken = default) =>
        Clean(signals, options, inPlace: true, cancellationToken);

    /// <summary>
    /// Cleans a copy of a time-major float64 matrix entirely in float64, as nilearn does for float64 input. Returns the
    /// cleaned values (<see cref="SignalCleaning.VolumesKept"/> rows: fewer than given when volumes are censored) and
    /// the same record of what was done as the float32 entry puts on its signals.
    /// </summary>
    public static (double[] Values, SignalCleaning Cleaning) Clean(double[] data, int timepoints, int series, SignalCleanOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        return CleanAll(data, timepoints, series, options, inPlace: false, cancellationToken);
    }

    private static SignalCleanResult Clean(SignalMatrix signals, SignalCleanOptions options, bool inPlace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var (data, cleaning) = CleanAll(signals.Data, signals.Timepoints, signals.Series, options, inPlace, cancellationToken);
        return new SignalCleanResult(new SignalMatrix(cleaning.VolumesKept, signals.Series, data)
        {
            RepetitionTime = options.RepetitionTime ?? signals.RepetitionTime,
            Source = signals.Source,
            Masker = signals.Masker,
            Cleaning = cleaning,
        });
    }

    private static (T[] Data, SignalCleaning Cleaning) CleanAll<T>(T[] source, int timepoints, int series, SignalCleanOptions options, bool inPlace, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(options);
        CleaningValidation.Check(source.LongLength, timepoints, series, options);
        var warnings = new List<string>();
        var steps = new List<string>();
        if (options.Runs is null)
        {
            var run = CleanRun(source, timepoints, series, options, options.Confounds, options.SampleMask, inPlace, warnings, steps, cancellationToken);
            return (run.Data, new SignalCleaning(steps, warnings, run.Timepoints, run.Rank, run.Dof));
        }

        // Runs: each cleaned on its own rows (confounds and mask split alike), stacked in label order, as nilearn.
        var labels = options.Runs.Distinct().Order().ToArray();
        var parts = new List<T[]>();
        int total = 0, maxRank = 0;
        double dofTotal = 0;
        foreach (var (label, index) in labels.Select((l, i) => (l, i)))
        {
            var rows = Enumerable.Range(0, timepoints).Where(t => options.Runs[t] == label).ToArray();
            // Each run reports its share of the whole.
            var runOptions = options.Progress is null ? options : options with { Progress = new Progress(f => options.Progress.Report((index + f) / labels.Length)) };
            var conf = options.Confounds is null ? null : Rows.Take(options.Confounds, options.ConfoundCount, rows);
            var mask = options.SampleMask is null ? null : rows.Select(t => options.SampleMask[t]).ToArray();
            // The rows taken are already a copy: clean them in place.
            var run = CleanRun(Rows.Take(source, series, rows), rows.Length, series, runOptions, conf, mask, inPlace: true, warnings, steps, cancellationToken);
            parts.Add(run.Data);
            total += run.Timepoints;
            maxRank = Math.Max(maxRank, run.Rank);
            dofTotal += run.Dof;
        }

        var data = new T[(long)total * series];
        long offset = 0;
        foreach (var p in parts)
        {
            p.CopyTo(data, offset);
            offset += p.LongLength;
        }

        var runSteps = steps.Distinct().Prepend($"{labels.Length} runs cleaned independently").ToList();
        return (data, new SignalCleaning(runSteps, warnings, total, maxRank, dofTotal));
    }

    /// <summary>Forwards a run's fraction as its share of all runs (synchronously, unlike System.Progress).</summary>
    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }

    private readonly record struct RunResult<T>(T[] Data, int Timepoints, int Rank, double Dof);

    /// <summary>One run through the steps, in nilearn's order.</summary>
    private static RunResult<T> CleanRun<T>(T[] source, int timepoints, int series, SignalCleanOptions o,
        double[]? confounds, bool[]? mask, bool inPlace, List<string> warnings, List<string> steps, CancellationToken ct)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = inPlace ? source : Rows.CopyCancellable(source, ct);
        if (o.EnsureFinite)
        {
            ReplaceNonFinite(data);
        }

        var labels = confounds is null ? [] : CleaningState<T>.UserLabels(o.ConfoundNames, o.ConfoundCount);
        var s = new CleaningState<T>(data, timepoints, series, (double[]?)confounds?.Clone(), labels, labels.Count, steps, warnings);
        var butterworth = o.Filter == TemporalFilter.Butterworth && (o.LowPass is not null || o.HighPass is not null);
        if (o.Filter == TemporalFilter.Cosine && o.HighPass is { } cosineCutOff)
        {
            CosineDriftStep.AppendTo(s, cosineCutOff, o.RepetitionTime!.Value);
        }

        var keepAfterFilter = mask is null ? null : Censoring.BeforeFilter(s, mask, butterworth, o.RepetitionTime, o.Extrapolate);
        var originalMeans = StandardizationStep.OriginalMeans(s, o.Standardize, ct);
        if (o.Detrend)
        {
            Detrending.Linear(s.Signals, s.Timepoints, s.Series, cancellationToken: ct);
            if (s.Confounds is { } conf)
            {
                Detrending.Linear(conf, s.Timepoints, s.ConfoundCount, cancellationToken: ct);
            }

            s.Steps.Add("linear detrend");
        }

        o.Progress?.Report(0.2);
        var filter = butterworth ? ButterworthStep.Apply(s, o, ct) : default;
        // The filter's degrees of freedom are counted on the volumes it ran over (interpolated ones included).
        var filterRemoved = filter.Applied ? DegreesOfFreedom.OfFilter(s.Timepoints, o.RepetitionTime!.Value, filter.HighPass, filter.LowPass) : 0;
        if (keepAfterFilter is not null)
        {
            Censoring.DropAfterFilter(s, keepAfterFilter);
        }

        o.Progress?.Report(0.6);
        ct.ThrowIfCancellationRequested();
        var rank = ConfoundProjection.Apply(s, o.StandardizeConfounds, ct);
        StandardizationStep.Apply(s, o, filter.Applied, originalMeans, ct);
        o.Progress?.Report(1.0);
        var dof = DegreesOfFreedom.Left(s.Timepoints, rank, filterRemoved, o);
        return new RunResult<T>(s.Signals, s.Timepoints, rank, dof);
    }

    private static void ReplaceNonFinite<T>(T[] data)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < data.Length; i++)
        {
            if (!T.IsFinite(data[i]))
            {
                data[i] = T.Zero;
            }
        }
    }
}
