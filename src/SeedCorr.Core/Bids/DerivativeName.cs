namespace SeedCorr.Core.Bids;

/// <summary>
/// Names of SeedCorr's derivative files, built in BIDS entity order from a run's source entities:
/// <c>sub-&lt;s&gt;/[ses-&lt;x&gt;/]func/&lt;src&gt;_space-&lt;S&gt;[_res-&lt;R&gt;][_atlas-&lt;A&gt;]_stat-&lt;stat&gt;_desc-&lt;seed&gt;_boldmap.nii.gz</c>.
/// </summary>
public static class DerivativeName
{
    /// <summary>
    /// A derivative of a source file: its source entities (sub … part), then its space/cohort,
    /// <c>res</c>/<c>den</c> of the source when present, then the extra entities, then suffix and extension.
    /// </summary>
    /// <param name="source">The source file's name (e.g. the preprocessed BOLD).</param>
    /// <param name="extra">Entities to add (atlas, stat, desc, …); a null or empty value leaves the entity out.</param>
    /// <param name="suffix">The new suffix (<c>boldmap</c>, <c>timeseries</c>).</param>
    /// <param name="extension">The new extension (<c>.nii.gz</c>, <c>.json</c>, <c>.tsv</c>).</param>
    /// <param name="keepSpace">Keep the source's space/cohort/res/den entities (false for run-level tables such as the confounds).</param>
    public static BidsFileName For(BidsFileName source, IEnumerable<KeyValuePair<string, string?>> extra, string suffix, string extension, bool keepSpace = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(extra);
        var spatial = new[] { "space", "cohort", "res", "den" };
        var entities = source.Entities.Where(e => BidsEntityOrder.IsSourceEntity(e.Key) || (keepSpace && spatial.Contains(e.Key))).ToList();
        foreach (var (key, value) in extra)
        {
            if (!string.IsNullOrEmpty(value))
            {
                entities.Add(new(key, value));
            }
        }

        return BidsFileName.Create(entities, suffix, extension);
    }

    /// <summary>
    /// The folder of a derivative relative to the dataset root: <c>sub-&lt;s&gt;/[ses-&lt;x&gt;/]&lt;datatype&gt;</c>.
    /// </summary>
    public static string Folder(BidsFileName name, string datatype = "func")
    {
        ArgumentNullException.ThrowIfNull(name);
        var sub = name["sub"] ?? throw new BidsException(BidsErrorKind.InvalidName, $"'{name}' has no sub- entity, so it has no subject folder");
        var ses = name["ses"];
        return ses is null ? Path.Combine("sub-" + sub, datatype) : Path.Combine("sub-" + sub, "ses-" + ses, datatype);
    }
}
