namespace SeedCorr.Core.Bids;

/// <summary>
/// The order in which BIDS writes entities in a file name (BIDS schema <c>rules/entities.yaml</c>, with the
/// derivative entities <c>atlas</c>, <c>seg</c>, <c>scale</c> of BIDS 1.11 placed after <c>space</c> as
/// <c>derivatives/imaging.md</c> shows). <c>cohort</c> (a template variant, used by fMRIPrep) follows <c>space</c>;
/// <c>stat</c> (BEP017, XCP-D) is not in BIDS core and sits just before <c>desc</c>, which stays last.
/// </summary>
public static class BidsEntityOrder
{
    /// <summary>Entity keys in file-name order.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "sub", "ses", "sample", "task", "tracksys", "acq", "nuc", "voi", "ce", "trc", "stain", "rec", "dir", "run",
        "mod", "echo", "flip", "inv", "mt", "part", "proc", "hemi", "space", "cohort", "split", "recording", "chunk",
        "atlas", "seg", "scale", "res", "den", "label", "stat", "desc",
    ];

    private static readonly Dictionary<string, int> Rank = Keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);

    /// <summary>
    /// The position of a key: known keys by the table; an unknown key after every known one except <c>desc</c>
    /// (so a future entity never lands after the description).
    /// </summary>
    public static int Of(string key) => Rank.TryGetValue(key, out var r) ? r : Rank["stat"];

    /// <summary>The entities that describe where the data came from (everything before <c>space</c>): the &lt;source_entities&gt; of a derivative name.</summary>
    public static bool IsSourceEntity(string key) => Rank.TryGetValue(key, out var r) && r < Rank["space"];
}
