using System.Globalization;

namespace SeedCorr.Core.Signal;

/// <summary>What cleaning did, for either precision: kept on the cleaned <see cref="SignalMatrix"/> (<see cref="SignalMatrix.Cleaning"/>).</summary>
/// <param name="Steps">The steps in the order they ran, each described from what it did (band, order, counts).</param>
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
    public override string ToString() => string.Join("; ", Steps) + $" ({DegreesOfFreedom.ToString("0.#", CultureInfo.InvariantCulture)} degrees of freedom left)";
}

/// <summary>The cleaned float32 signals; what was done to them is their <see cref="SignalMatrix.Cleaning"/>, repeated here for convenience.</summary>
public sealed class SignalCleanResult
{
    internal SignalCleanResult(SignalMatrix signals)
    {
        Signals = signals;
        Cleaning = signals.Cleaning ?? throw new ArgumentException("cleaned signals carry their cleaning record", nameof(signals));
    }

    /// <summary>The cleaned signals (fewer time points than given when volumes are censored).</summary>
    public SignalMatrix Signals { get; }

    /// <summary>What cleaning did.</summary>
    public SignalCleaning Cleaning { get; }

    /// <summary>The warnings of <see cref="Cleaning"/>.</summary>
    public IReadOnlyList<string> Warnings => Cleaning.Warnings;

    /// <summary>The steps of <see cref="Cleaning"/>, in the order they ran.</summary>
    public IReadOnlyList<string> Steps => Cleaning.Steps;

    /// <summary>Independent confound regressors removed.</summary>
    public int ConfoundRank => Cleaning.ConfoundRank;

    /// <summary>Degrees of freedom left (see <see cref="SignalCleaning.DegreesOfFreedom"/>).</summary>
    public double DegreesOfFreedom => Cleaning.DegreesOfFreedom;

    /// <inheritdoc />
    public override string ToString() => $"{Signals}: {Cleaning}";
}
