namespace SeedCorr.Core.Confounds;

/// <summary>User values for a preset; null means "not given" (nilearn's <c>kwargs.pop(key, None)</c>).</summary>
public sealed record PresetOverrides
{
    /// <summary>Motion expansions.</summary>
    public ExpansionModel? Motion { get; init; }

    /// <summary>WM/CSF expansions.</summary>
    public ExpansionModel? WmCsf { get; init; }

    /// <summary>Adds the global signal with this model (every preset accepts it).</summary>
    public ExpansionModel? GlobalSignal { get; init; }

    /// <summary>CompCor components.</summary>
    public CompCorMethod? CompCor { get; init; }

    /// <summary>True when the number of CompCor components was given (<see cref="CompCorCount"/> null then means All).</summary>
    public bool CompCorCountGiven { get; init; }

    /// <summary>Components per mask, null for All (only read when <see cref="CompCorCountGiven"/>).</summary>
    public int? CompCorCount { get; init; }

    /// <summary>ICA-AROMA mode (no preset accepts it: the ICA-AROMA preset is always Full).</summary>
    public IcaAromaMode? IcaAroma { get; init; }

    /// <summary>Minimal segment length.</summary>
    public int? ScrubMinSegment { get; init; }

    /// <summary>FD threshold, mm.</summary>
    public double? FdThreshold { get; init; }

    /// <summary>Standardized DVARS threshold.</summary>
    public double? StdDvarsThreshold { get; init; }

    /// <summary>Demean the columns.</summary>
    public bool? Demean { get; init; }
}

/// <summary>nilearn's <c>load_confounds_strategy</c> presets, with fMRIPrep's (nilearn ≥ 0.13) scrubbing thresholds.</summary>
public static class ConfoundPresets
{
    /// <summary>
    /// The options of <paramref name="preset"/> with the user's values applied where the preset accepts them; the
    /// names of the values it does not accept are returned in <paramref name="notNeeded"/> (nilearn warns and ignores them).
    /// </summary>
    public static ConfoundStrategyOptions Create(DenoiseStrategy preset, PresetOverrides? overrides, out IReadOnlyList<string> notNeeded)
    {
        var u = overrides ?? new PresetOverrides();
        var ignored = new List<string>();
        ConfoundStrategyOptions o;
        string[] accepted;
        switch (preset)
        {
            case DenoiseStrategy.Simple:
                o = new() { Strategy = [ConfoundComponent.HighPass, ConfoundComponent.Motion, ConfoundComponent.WmCsf], Motion = ExpansionModel.Full, WmCsf = ExpansionModel.Basic };
                accepted = ["Motion", "WmCsf", "GlobalSignal", "Demean"];
                break;
            case DenoiseStrategy.Scrubbing:
                o = new()
                {
                    Strategy = [ConfoundComponent.HighPass, ConfoundComponent.Motion, ConfoundComponent.WmCsf, ConfoundComponent.Scrub],
                    Motion = ExpansionModel.Full, WmCsf = ExpansionModel.Full, ScrubMinSegment = 5, FdThreshold = 0.5, StdDvarsThreshold = 1.5,
                };
                accepted = ["Motion", "WmCsf", "ScrubMinSegment", "FdThreshold", "StdDvarsThreshold", "GlobalSignal", "Demean"];
                break;
            case DenoiseStrategy.CompCor:
                o = new() { Strategy = [ConfoundComponent.HighPass, ConfoundComponent.Motion, ConfoundComponent.CompCor], Motion = ExpansionModel.Full, CompCor = CompCorMethod.AnatCombined, CompCorCount = null };
                accepted = ["Motion", "CompCor", "CompCorCount", "GlobalSignal", "Demean"];
                break;
            case DenoiseStrategy.IcaAroma:
                o = new() { Strategy = [ConfoundComponent.HighPass, ConfoundComponent.WmCsf, ConfoundComponent.IcaAroma], WmCsf = ExpansionModel.Basic, IcaAroma = IcaAromaMode.Full };
                accepted = ["WmCsf", "GlobalSignal", "Demean"];
                break;
            default:
                throw new ConfoundsException(ConfoundsErrorKind.InvalidStrategy, null, $"'{preset}' is not a preset strategy; valid: Simple, Scrubbing, CompCor, IcaAroma");
        }

        bool Take(string name, bool given)
        {
            if (!given)
            {
                return false;
            }

            if (accepted.Contains(name))
            {
                return true;
            }

            ignored.Add(name);
            return false;
        }

        if (Take("Motion", u.Motion is not null)) { o = o with { Motion = u.Motion!.Value }; }
        if (Take("WmCsf", u.WmCsf is not null)) { o = o with { WmCsf = u.WmCsf!.Value }; }
        if (Take("CompCor", u.CompCor is not null)) { o = o with { CompCor = u.CompCor!.Value }; }
        if (Take("CompCorCount", u.CompCorCountGiven)) { o = o with { CompCorCount = u.CompCorCount }; }
        if (Take("ScrubMinSegment", u.ScrubMinSegment is not null)) { o = o with { ScrubMinSegment = u.ScrubMinSegment!.Value }; }
        if (Take("FdThreshold", u.FdThreshold is not null)) { o = o with { FdThreshold = u.FdThreshold!.Value }; }
        if (Take("StdDvarsThreshold", u.StdDvarsThreshold is not null)) { o = o with { StdDvarsThreshold = u.StdDvarsThreshold!.Value }; }
        if (Take("Demean", u.Demean is not null)) { o = o with { Demean = u.Demean!.Value }; }
        Take("IcaAroma", u.IcaAroma is not null); // never accepted: the ICA-AROMA preset needs the Full mode
        if (Take("GlobalSignal", u.GlobalSignal is not null))
        {
            o = o with { GlobalSignal = u.GlobalSignal!.Value, Strategy = [.. o.Strategy, ConfoundComponent.GlobalSignal] };
        }

        notNeeded = ignored;
        return o with { Preset = preset };
    }
}
