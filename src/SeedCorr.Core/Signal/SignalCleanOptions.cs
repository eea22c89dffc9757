namespace SeedCorr.Core.Signal;

/// <summary>Which temporal filter <see cref="SignalCleaner"/> applies.</summary>
public enum TemporalFilter
{
    /// <summary>Zero-phase Butterworth (order 5) band-, low- or high-pass, as nilearn's default.</summary>
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

    /// <summary>The confound columns' names (warnings name the columns dropped as collinear); null names them by number.</summary>
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
}

/// <summary>The cleaned signals and what was done to them: warnings, steps, the confounds' rank and the degrees of freedom left.</summary>
public sealed record SignalCleanResult(SignalMatrix Signals, IReadOnlyList<string> Warnings, IReadOnlyList<string> Steps, int ConfoundRank, double DegreesOfFreedom)
{
    /// <summary>Time points after cleaning (volumes kept).</summary>
    public int Timepoints { get; init; } = Signals.Timepoints;

    /// <summary>Number of series.</summary>
    public int Series { get; init; } = Signals.Series;
}

/// <summary>A record of what cleaning did, kept on the cleaned <see cref="SignalMatrix"/>.</summary>
/// <param name="Steps">The steps in the order they ran.</param>
/// <param name="Warnings">What nilearn would warn about, and more.</param>
/// <param name="VolumesKept">Time points after censoring.</param>
/// <param name="ConfoundRank">Independent confound regressors removed.</param>
/// <param name="DegreesOfFreedom">
/// As AFNI's 3dTproject and XCP-D count them: volumes kept − mean/trend (2 with a detrend) − confound rank − 2 per
/// frequency bin the Butterworth filter stops (XCP-D's <c>calculate_dof</c> bins).
/// </param>
public sealed record SignalCleaning(IReadOnlyList<string> Steps, IReadOnlyList<string> Warnings, int VolumesKept, int ConfoundRank, double DegreesOfFreedom)
{
    /// <summary>Below this many degrees of freedom correlations are unreliable (AFNI's "Be careful" threshold; warned about by the cmdlet).</summary>
    public const double LowDegreesOfFreedom = 30;

    /// <inheritdoc />
    public override string ToString() => string.Join("; ", Steps) + $" ({DegreesOfFreedom.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} degrees of freedom left)";
}
