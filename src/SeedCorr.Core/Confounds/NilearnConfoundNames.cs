namespace SeedCorr.Core.Confounds;

/// <summary>
/// nilearn's spellings of the strategy values ("high_pass", "anat_combined", "derivatives"…) mapped to SeedCorr's
/// enums, for scripts and checks written against nilearn. Unknown values are a <see cref="ConfoundsErrorKind.InvalidStrategy"/>
/// error (nilearn raises a ValueError or a bare KeyError).
/// </summary>
public static class NilearnConfoundNames
{
    /// <summary>A <c>strategy</c> item.</summary>
    public static ConfoundComponent Component(string name) => name switch
    {
        "high_pass" => ConfoundComponent.HighPass,
        "motion" => ConfoundComponent.Motion,
        "wm_csf" => ConfoundComponent.WmCsf,
        "global_signal" => ConfoundComponent.GlobalSignal,
        "compcor" => ConfoundComponent.CompCor,
        "ica_aroma" => ConfoundComponent.IcaAroma,
        "scrub" => ConfoundComponent.Scrub,
        "non_steady_state" => ConfoundComponent.NonSteadyState,
        _ => throw Invalid($"{name} is not a supported type of confounds (use high_pass, motion, wm_csf, global_signal, compcor, ica_aroma, scrub, non_steady_state)"),
    };

    /// <summary>A <c>motion</c>/<c>wm_csf</c>/<c>global_signal</c> value; <paramref name="parameter"/> names the parameter in the error.</summary>
    public static ExpansionModel Model(string parameter, string value) => value switch
    {
        "basic" => ExpansionModel.Basic,
        "power2" => ExpansionModel.Power2,
        "derivatives" => ExpansionModel.Derivatives,
        "full" => ExpansionModel.Full,
        _ => throw Invalid($"'{parameter}' must be one of basic, power2, derivatives, full, not '{value}'"),
    };

    /// <summary>A <c>compcor</c> value.</summary>
    public static CompCorMethod CompCor(string value) => value switch
    {
        "anat_combined" => CompCorMethod.AnatCombined,
        "anat_separated" => CompCorMethod.AnatSeparated,
        "temporal" => CompCorMethod.Temporal,
        "temporal_anat_combined" => CompCorMethod.TemporalAnatCombined,
        "temporal_anat_separated" => CompCorMethod.TemporalAnatSeparated,
        _ => throw Invalid($"'compcor' must be one of anat_combined, anat_separated, temporal, temporal_anat_combined, temporal_anat_separated, not '{value}'"),
    };

    /// <summary>An <c>ica_aroma</c> value.</summary>
    public static IcaAromaMode IcaAroma(string value) => value switch
    {
        "full" => IcaAromaMode.Full,
        "basic" => IcaAromaMode.Basic,
        _ => throw Invalid($"'ica_aroma' must be one of full, basic, not '{value}'"),
    };

    /// <summary>A <c>denoise_strategy</c> value.</summary>
    public static DenoiseStrategy Preset(string value) => value switch
    {
        "simple" => DenoiseStrategy.Simple,
        "scrubbing" => DenoiseStrategy.Scrubbing,
        "compcor" => DenoiseStrategy.CompCor,
        "ica_aroma" => DenoiseStrategy.IcaAroma,
        _ => throw Invalid($"Provided strategy '{value}' is not a preset strategy. Valid strategy: simple, scrubbing, compcor, ica_aroma"),
    };

    private static ConfoundsException Invalid(string message) => new(ConfoundsErrorKind.InvalidStrategy, null, message);
}
