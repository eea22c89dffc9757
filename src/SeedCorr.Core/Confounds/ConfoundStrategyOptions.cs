using System.Globalization;

namespace SeedCorr.Core.Confounds;

/// <summary>
/// nilearn's <c>load_confounds</c> parameters. Defaults follow nilearn ≥ 0.13 and fMRIPrep (FD 0.5 mm, standardized
/// DVARS 1.5); nilearn 0.10.4 used 0.2 / 3. A parameter whose component is not in <see cref="Strategy"/> is ignored.
/// </summary>
public sealed record ConfoundStrategyOptions
{
    /// <summary>The components, nilearn's default (motion, high_pass, wm_csf). The output columns are sorted by name whatever the order.</summary>
    public IReadOnlyList<ConfoundComponent> Strategy { get; init; } = [ConfoundComponent.Motion, ConfoundComponent.HighPass, ConfoundComponent.WmCsf];

    /// <summary>Motion expansions (nilearn <c>motion</c>, default full: 24 regressors).</summary>
    public ExpansionModel Motion { get; init; } = ExpansionModel.Full;

    /// <summary>WM/CSF expansions (nilearn <c>wm_csf</c>, default basic).</summary>
    public ExpansionModel WmCsf { get; init; } = ExpansionModel.Basic;

    /// <summary>Global-signal expansions (nilearn <c>global_signal</c>, default basic).</summary>
    public ExpansionModel GlobalSignal { get; init; } = ExpansionModel.Basic;

    /// <summary>CompCor components (nilearn <c>compcor</c>, default anat_combined).</summary>
    public CompCorMethod CompCor { get; init; } = CompCorMethod.AnatCombined;

    /// <summary>Components per CompCor mask (nilearn <c>n_compcor</c>); null keeps all that fMRIPrep retained.</summary>
    public int? CompCorCount { get; init; }

    /// <summary>ICA-AROMA use (nilearn <c>ica_aroma</c>, default full).</summary>
    public IcaAromaMode IcaAroma { get; init; } = IcaAromaMode.Full;

    /// <summary>Minimal segment of kept volumes between censored ones (nilearn <c>scrub</c>, default 5; 0 keeps every segment).</summary>
    public int ScrubMinSegment { get; init; } = 5;

    /// <summary>Framewise displacement above which a volume is censored, in mm (strict &gt;).</summary>
    public double FdThreshold { get; init; } = 0.5;

    /// <summary>Standardized DVARS above which a volume is censored (strict &gt;).</summary>
    public double StdDvarsThreshold { get; init; } = 1.5;

    /// <summary>Subtract each column's mean over the kept volumes.</summary>
    public bool Demean { get; init; } = true;

    /// <summary>The preset these options came from, or null.</summary>
    public DenoiseStrategy? Preset { get; init; }

    /// <summary>Hand-picked columns (names or wildcards) added to the strategy's.</summary>
    public IReadOnlyList<string> ExtraColumns { get; init; } = [];

    /// <summary>True when <paramref name="component"/> is in <see cref="Strategy"/>.</summary>
    public bool Uses(ConfoundComponent component) => Strategy.Contains(component);

    /// <summary>Checks the numbers: thresholds finite and ≥ 0, segment ≥ 0, CompCor count ≥ 1.</summary>
    public void Validate(string? path)
    {
        // The enums come from PowerShell already checked; from C# any integer can be cast to them, and an undefined
        // component or model would be skipped without a word.
        var undefined = Strategy.Where(c => !Enum.IsDefined(c)).Select(c => $"strategy item {(int)c}")
            .Concat(Undefined(ConfoundComponent.Motion, Motion)).Concat(Undefined(ConfoundComponent.WmCsf, WmCsf))
            .Concat(Undefined(ConfoundComponent.GlobalSignal, GlobalSignal)).Concat(Undefined(ConfoundComponent.CompCor, CompCor))
            .Concat(Undefined(ConfoundComponent.IcaAroma, IcaAroma)).FirstOrDefault();
        if (undefined is not null)
        {
            throw new ConfoundsException(ConfoundsErrorKind.InvalidStrategy, path, $"{undefined} is not a defined value");
        }

        if (Uses(ConfoundComponent.Scrub))
        {
            Check(FdThreshold, "framewise-displacement threshold", path);
            Check(StdDvarsThreshold, "standardized-DVARS threshold", path);
            if (ScrubMinSegment < 0)
            {
                throw new ConfoundsException(ConfoundsErrorKind.InvalidParameter, path, $"the minimal segment length must be 0 or more volumes, not {ScrubMinSegment}");
            }
        }

        if (Uses(ConfoundComponent.CompCor) && CompCorCount is < 1)
        {
            throw new ConfoundsException(ConfoundsErrorKind.InvalidParameter, path, $"the number of CompCor components must be a positive integer or All, not {CompCorCount}");
        }
    }

    private IEnumerable<string> Undefined<T>(ConfoundComponent component, T value)
        where T : struct, Enum =>
        Uses(component) && !Enum.IsDefined(value) ? [$"the {component} value {Convert.ToInt32(value, CultureInfo.InvariantCulture)}"] : [];

    private static void Check(double value, string what, string? path)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ConfoundsException(ConfoundsErrorKind.InvalidParameter, path, $"the {what} must be a finite number ≥ 0, not {value.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>One line: the strategy and the parameters of its components.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        foreach (var c in Strategy)
        {
            parts.Add(c switch
            {
                ConfoundComponent.Motion => $"Motion {Motion}",
                ConfoundComponent.WmCsf => $"WmCsf {WmCsf}",
                ConfoundComponent.GlobalSignal => $"GlobalSignal {GlobalSignal}",
                ConfoundComponent.CompCor => $"CompCor {CompCor} {(CompCorCount?.ToString(CultureInfo.InvariantCulture) ?? "All")}",
                ConfoundComponent.IcaAroma => $"IcaAroma {IcaAroma}",
                ConfoundComponent.Scrub => string.Create(CultureInfo.InvariantCulture, $"Scrub FD>{FdThreshold} DVARS>{StdDvarsThreshold} segment {ScrubMinSegment}"),
                _ => c.ToString(),
            });
        }

        if (ExtraColumns.Count > 0)
        {
            parts.Add("Column " + string.Join(",", ExtraColumns));
        }

        var head = Preset is null ? string.Empty : $"{Preset}: ";
        return head + string.Join(", ", parts) + (Demean ? string.Empty : " (not demeaned)");
    }
}
