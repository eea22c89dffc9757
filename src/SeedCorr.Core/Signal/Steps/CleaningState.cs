using System.Globalization;
using System.Numerics;

namespace SeedCorr.Core.Signal;

/// <summary>
/// One run's signals and confounds as they pass through the cleaning steps, with what the steps said about
/// themselves. The confound columns keep their names (the user's, then the cosine drift terms appended), so that a
/// step's error or warning can say "confound 'white_matter'" rather than a column number.
/// </summary>
internal sealed class CleaningState<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<string> _confoundLabels;

    public CleaningState(T[] signals, int timepoints, int series, double[]? confounds, IReadOnlyList<string> confoundLabels, int userConfounds, List<string> steps, List<string> warnings)
    {
        Signals = signals;
        Timepoints = timepoints;
        Series = series;
        Confounds = confounds;
        _confoundLabels = [.. confoundLabels];
        UserConfounds = userConfounds;
        Steps = steps;
        Warnings = warnings;
    }

    /// <summary>Time-major Timepoints × Series.</summary>
    public T[] Signals { get; set; }

    public int Timepoints { get; private set; }

    public int Series { get; }

    /// <summary>Time-major Timepoints × <see cref="ConfoundCount"/> (float64), or null.</summary>
    public double[]? Confounds { get; private set; }

    public int ConfoundCount => Confounds is null ? 0 : _confoundLabels.Count;

    /// <summary>How many of the confound columns the user gave (the rest are cosine drift terms).</summary>
    public int UserConfounds { get; }

    public List<string> Steps { get; }

    public List<string> Warnings { get; }

    /// <summary>How errors and warnings name confound column <paramref name="index"/>: 'white_matter', column 3, cosine drift 2.</summary>
    public string ConfoundLabel(int index) => _confoundLabels[index];

    /// <summary>Replaces the confounds by <paramref name="confounds"/>, whose columns are the old ones followed by <paramref name="appended"/>.</summary>
    public void AppendConfounds(double[] confounds, IEnumerable<string> appended)
    {
        _confoundLabels.AddRange(appended);
        Confounds = confounds;
    }

    /// <summary>Keeps only the given rows (time points) of the signals and of the confounds.</summary>
    public void KeepRows(int[] rows)
    {
        Signals = Rows.Take(Signals, Series, rows);
        Confounds = Confounds is null ? null : Rows.Take(Confounds, ConfoundCount, rows);
        Timepoints = rows.Length;
    }

    /// <summary>Replaces signals and confounds by a version with <paramref name="timepoints"/> rows (interpolated).</summary>
    public void Replace(T[] signals, double[]? confounds, int timepoints)
    {
        Signals = signals;
        Confounds = confounds;
        Timepoints = timepoints;
    }

    /// <summary>The labels of the confound columns a caller named (or numbered) for a run of <paramref name="count"/> columns.</summary>
    public static IReadOnlyList<string> UserLabels(IReadOnlyList<string>? names, int count) =>
        Enumerable.Range(0, count).Select(i => names is not null ? $"'{names[i]}'" : string.Create(CultureInfo.InvariantCulture, $"column {i + 1}")).ToArray();
}
