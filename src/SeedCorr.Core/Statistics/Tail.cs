namespace SeedCorr.Core.Statistics;

/// <summary>The alternative hypothesis of a one-sample test.</summary>
public enum Tail
{
    /// <summary>Mean ≠ 0 (two-sided): connectivity above or below zero. SeedCorr's default.</summary>
    Two,
    /// <summary>Mean &gt; 0 (one-sided): nilearn's non_parametric_inference default.</summary>
    Positive,
    /// <summary>Mean &lt; 0 (one-sided): anticorrelation.</summary>
    Negative,
}
