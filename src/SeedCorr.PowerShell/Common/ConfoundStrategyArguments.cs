using System.Globalization;
using SeedCorr.Core.Confounds;

namespace SeedCorr.PowerShell.Common;

/// <summary>
/// The strategy parameters that Import-Confounds and the study cmdlets share (nilearn's load_confounds and
/// load_confounds_strategy arguments), and how they become Core's options: a preset with overrides, or a strategy
/// built from the defaults.
/// </summary>
internal sealed record ConfoundStrategyArguments
{
    public DenoiseStrategy? DenoiseStrategy { get; init; }

    public ConfoundComponent[]? Strategy { get; init; }

    public ExpansionModel? Motion { get; init; }

    public ExpansionModel? WmCsf { get; init; }

    public ExpansionModel? GlobalSignal { get; init; }

    public CompCorMethod? CompCor { get; init; }

    public string? CompCorCount { get; init; }

    public IcaAromaMode? IcaAroma { get; init; }

    public int? ScrubMinSegment { get; init; }

    public double? FdThreshold { get; init; }

    public double? StdDvarsThreshold { get; init; }

    public bool? Demean { get; init; }

    public IReadOnlyList<string> ExtraColumns { get; init; } = [];

    /// <summary>True when any strategy parameter was given.</summary>
    public bool Given =>
        DenoiseStrategy is not null || Strategy is not null || Motion is not null || WmCsf is not null || GlobalSignal is not null || CompCor is not null
        || CompCorCount is not null || IcaAroma is not null || ScrubMinSegment is not null || FdThreshold is not null || StdDvarsThreshold is not null || Demean is not null;

    /// <summary>
    /// Core's options. <paramref name="warn"/> receives nilearn's warning about parameters a preset does not use;
    /// <paramref name="path"/> names the file in a parameter error.
    /// </summary>
    public ConfoundStrategyOptions ToOptions(string? path, Action<string> warn)
    {
        int? count = null;
        if (CompCorCount is not null && !string.Equals(CompCorCount, "All", StringComparison.OrdinalIgnoreCase))
        {
            if (!int.TryParse(CompCorCount, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                throw new ConfoundsException(ConfoundsErrorKind.InvalidParameter, path, $"-CompCorCount must be a positive integer or All, not '{CompCorCount}'");
            }

            count = n;
        }

        if (DenoiseStrategy is { } preset)
        {
            var overrides = new PresetOverrides
            {
                Motion = Motion, WmCsf = WmCsf, GlobalSignal = GlobalSignal, CompCor = CompCor, CompCorCountGiven = CompCorCount is not null,
                CompCorCount = count, IcaAroma = IcaAroma, ScrubMinSegment = ScrubMinSegment, FdThreshold = FdThreshold,
                StdDvarsThreshold = StdDvarsThreshold, Demean = Demean,
            };
            var fromPreset = ConfoundPresets.Create(preset, overrides, out var notNeeded);
            if (Strategy is not null)
            {
                notNeeded = [.. notNeeded, "Strategy"];
            }

            if (notNeeded.Count > 0)
            {
                warn($"The following parameters are not needed for the selected strategy '{preset}' and were ignored: {string.Join(", ", notNeeded.Select(n => "-" + n))}.");
            }

            return fromPreset with { ExtraColumns = ExtraColumns };
        }

        var o = new ConfoundStrategyOptions();
        return o with
        {
            Strategy = Strategy ?? o.Strategy,
            Motion = Motion ?? o.Motion,
            WmCsf = WmCsf ?? o.WmCsf,
            GlobalSignal = GlobalSignal ?? o.GlobalSignal,
            CompCor = CompCor ?? o.CompCor,
            CompCorCount = CompCorCount is null ? o.CompCorCount : count,
            IcaAroma = IcaAroma ?? o.IcaAroma,
            ScrubMinSegment = ScrubMinSegment ?? o.ScrubMinSegment,
            FdThreshold = FdThreshold ?? o.FdThreshold,
            StdDvarsThreshold = StdDvarsThreshold ?? o.StdDvarsThreshold,
            Demean = Demean ?? o.Demean,
            ExtraColumns = ExtraColumns,
        };
    }
}
