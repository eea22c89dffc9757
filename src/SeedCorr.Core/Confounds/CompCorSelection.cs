namespace SeedCorr.Core.Confounds;

/// <summary>
/// nilearn's <c>find_compcor</c>: for each prefix of the method (t, a, w, c), N = the sidecar keys containing
/// "P_comp_cor", candidates P_comp_cor_00 … N−1; anatomical (a) components filtered by their Mask (combined; or WM
/// then CSF), then the first n per mask.
/// </summary>
public static class CompCorSelection
{
    /// <summary>The component column names, in nilearn's order.</summary>
    public static IReadOnlyList<string> Find(ConfoundsSidecar sidecar, CompCorMethod method, int? count)
    {
        ArgumentNullException.ThrowIfNull(sidecar);
        var (prefixes, masks) = method switch
        {
            CompCorMethod.AnatCombined => (new[] { "a" }, new[] { "combined" }),
            CompCorMethod.AnatSeparated => (["a", "w", "c"], ["WM", "CSF"]),
            CompCorMethod.Temporal => (["t"], []),
            CompCorMethod.TemporalAnatCombined => (["t", "a"], ["combined"]),
            _ => (new[] { "t", "a", "w", "c" }, new[] { "WM", "CSF" }),
        };
        var result = new List<string>();
        foreach (var prefix in prefixes)
        {
            var n = sidecar.Keys.Count(k => k.Contains($"{prefix}_comp_cor", StringComparison.Ordinal));
            var candidates = Enumerable.Range(0, n).Select(i => $"{prefix}_comp_cor_{i:00}").ToList();
            if (prefix == "a")
            {
                foreach (var mask in masks)
                {
                    // nilearn tests `json[name]["Mask"] in mask`, a substring test on the mask name.
                    result.AddRange(Take(candidates.Where(c => sidecar.MaskOf(c) is { } m && mask.Contains(m, StringComparison.Ordinal)).ToList(), count));
                }
            }
            else
            {
                result.AddRange(Take(candidates, count));
            }
        }

        return result;
    }

    private static IEnumerable<string> Take(List<string> columns, int? count) =>
        count is { } c && c < columns.Count ? columns.Take(c) : columns;
}
