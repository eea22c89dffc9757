namespace SeedCorr.Core.Signal;

/// <summary>Which temporal filter <see cref="SignalCleaner"/> applies.</summary>
public enum TemporalFilter
{
    /// <summary>Zero-phase Butterworth band-, low- or high-pass (order <see cref="SignalCleanOptions.ButterworthOrder"/>, 5 as nilearn), nilearn's default.</summary>
    Butterworth,
    /// <summary>High-pass by regressing out a discrete cosine basis (with the confounds).</summary>
    Cosine,
}

/// <summary>What to do to the signals: nilearn's <c>signal.clean</c> parameters, with SeedCorr's defaults.</summary>
public sealed record SignalCleanOptions
{
    /// <summary>Remove each series' linear trend (and mean) before filtering; confounds likewise.</summary>
    public bool Detrend { get; init; }

    /// <summary>Scaling at the end.</summary>
    public Standardization Standardize { get; init; }

    /// <summary>Scaling of the confounds before regression.</summary>
    public ConfoundStandardization StandardizeConfounds { get; init; } = ConfoundStandardization.ZScore;

    /// <summary>Low-pass cut-off in Hz (Butterworth only).</summary>
    public double? LowPass { get; init; }

    /// <summary>High-pass cut-off in Hz.</summary>
    public double? HighPass { get; init; }

    /// <summary>Seconds between volumes; required when filtering. There is no default (nilearn silently assumes 2.5 s).</summary>
    public double? RepetitionTime { get; init; }

    /// <summary>The filter used when a cut-off is given.</summary>
    public TemporalFilter Filter { get; init; } = TemporalFilter.Butterworth;

    /// <summary>Confound regressors, time-major T × <see cref="ConfoundCount"/> (float64).</summary>
    public double[]? Confounds { get; init; }

    /// <summary>Number of confound columns.</summary>
    public int ConfoundCount { get; init; }

    /// <summary>The confound columns' names, one per column: errors and warnings name the column (confound 'white_matter'); null numbers them.</summary>
    public IReadOnlyList<string>? ConfoundNames { get; init; }

    /// <summary>
    /// Cleaning that leaves fewer degrees of freedom than this is an error (default 1: nothing left). Set to
    /// <see cref="double.NegativeInfinity"/> to get the numbers anyway.
    /// </summary>
    public double MinimumDegreesOfFreedom { get; init; } = 1;

    /// <summary>Told the fraction done after each step (detrend, filter, confound projection, standardization), on the cleaning thread.</summary>
    public IProgress<double>? Progress { get; init; }

    /// <summary>Volumes to keep (true) — length T; censored volumes are interpolated before a Butterworth filter and dropped after it.</summary>
    public bool[]? SampleMask { get; init; }

    /// <summary>Run label of each volume; runs are cleaned independently and stacked in order of their labels.</summary>
    public int[]? Runs { get; init; }

    /// <summary>With a sample mask and a Butterworth filter: extend the spline to censored volumes at the edges (nilearn's default) or drop them.</summary>
    public bool Extrapolate { get; init; } = true;

    /// <summary>Replace NaN and infinities in the signals by 0 first.</summary>
    public bool EnsureFinite { get; init; }

    /// <summary>Filter order (nilearn: 5).</summary>
    public int ButterworthOrder { get; init; } = 5;

    /// <summary>
    /// These options with named confound columns (time-major T × names.Count), so that the values, their count and
    /// their names cannot disagree and errors name the column (confound 'white_matter').
    /// </summary>
    public SignalCleanOptions WithConfounds(double[] values, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(names);
        return this with { Confounds = names.Count == 0 ? null : values, ConfoundCount = names.Count, ConfoundNames = names.Count == 0 ? null : names };
    }
}
