namespace SeedCorr.Core.Confounds;

/// <summary>A family of fMRIPrep confounds (nilearn's <c>strategy</c> items).</summary>
public enum ConfoundComponent
{
    /// <summary>The cosine drift regressors (<c>cosineXX</c>): nilearn's <c>high_pass</c>.</summary>
    HighPass,
    /// <summary>The six rigid-body parameters and their expansions: <c>motion</c>.</summary>
    Motion,
    /// <summary>Mean white-matter and CSF signals and their expansions: <c>wm_csf</c>.</summary>
    WmCsf,
    /// <summary>The global signal and its expansions: <c>global_signal</c>.</summary>
    GlobalSignal,
    /// <summary>CompCor components chosen through the JSON sidecar: <c>compcor</c>.</summary>
    CompCor,
    /// <summary>ICA-AROMA: <c>ica_aroma</c>.</summary>
    IcaAroma,
    /// <summary>Censoring of high-motion volumes by FD and standardized DVARS: <c>scrub</c>.</summary>
    Scrub,
    /// <summary>Non-steady-state volumes (always censored anyway): <c>non_steady_state</c>.</summary>
    NonSteadyState,
}

/// <summary>Which expansions of a base regressor are taken (nilearn's <c>basic/power2/derivatives/full</c>).</summary>
public enum ExpansionModel
{
    /// <summary>The parameter only.</summary>
    Basic,
    /// <summary>The parameter and its square (<c>_power2</c>).</summary>
    Power2,
    /// <summary>The parameter and its temporal derivative (<c>_derivative1</c>).</summary>
    Derivatives,
    /// <summary>The parameter, derivative, square and squared derivative (24 motion regressors).</summary>
    Full,
}

/// <summary>Which CompCor components are read (nilearn's <c>compcor</c>).</summary>
public enum CompCorMethod
{
    /// <summary>Anatomical CompCor, combined WM+CSF mask.</summary>
    AnatCombined,
    /// <summary>Anatomical CompCor, WM and CSF masks separately.</summary>
    AnatSeparated,
    /// <summary>Temporal CompCor.</summary>
    Temporal,
    /// <summary>Temporal and combined anatomical.</summary>
    TemporalAnatCombined,
    /// <summary>Temporal and separate WM/CSF anatomical.</summary>
    TemporalAnatSeparated,
}

/// <summary>How ICA-AROMA is used (nilearn's <c>ica_aroma</c>).</summary>
public enum IcaAromaMode
{
    /// <summary>The input image is fMRIPrep's non-aggressively denoised <c>desc-smoothAROMAnonaggr_bold</c>; no columns are added.</summary>
    Full,
    /// <summary>The noise components <c>aroma_motion_XX</c> are regressed from the regular preprocessed image.</summary>
    Basic,
}

/// <summary>nilearn's preset denoising strategies (<c>load_confounds_strategy(denoise_strategy=…)</c>).</summary>
public enum DenoiseStrategy
{
    /// <summary>High-pass, 24 motion, WM/CSF basic.</summary>
    Simple,
    /// <summary>High-pass, 24 motion, WM/CSF full, scrubbing (segments of 5).</summary>
    Scrubbing,
    /// <summary>High-pass, 24 motion, all combined anatomical CompCor components.</summary>
    CompCor,
    /// <summary>High-pass, WM/CSF basic, on the ICA-AROMA denoised image.</summary>
    IcaAroma,
}
