using System.Text.RegularExpressions;

namespace SeedCorr.Core.Confounds;

/// <summary>
/// Finds the confounds table and JSON sidecar of an fMRIPrep BOLD image by its BIDS entities, as nilearn's
/// load_confounds does: every subset of the entities that keeps <c>desc-confounds</c>, in file order, with the
/// suffixes <c>_timeseries.tsv</c> (fMRIPrep ≥ 20.2) and <c>_regressors.tsv</c> (1.2–20.1), in the same folder.
/// </summary>
public static partial class FmriprepConfoundFiles
{
    // More entities than this would mean a malformed name; 2^16 candidate names is the most we try.
    private const int MaxEntities = 16;

    /// <summary>True when <paramref name="path"/> names a table (.tsv, .csv, .txt) rather than a BOLD image.</summary>
    public static bool IsTable(string path) =>
        path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tsv.gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Checks the image name as nilearn does (<c>(_space-.*)?_desc-preproc_bold.nii.gz</c>, CIFTI <c>_bold.dtseries.nii</c>,
    /// GIFTI <c>_hemi-L/R…_bold.func.gii</c>; with ICA-AROMA Full: <c>_desc-smoothAROMAnonaggr_bold</c>).
    /// </summary>
    public static void CheckImageName(string imagePath, bool fullAroma)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagePath);
        var name = System.IO.Path.GetFileName(imagePath);
        if (fullAroma)
        {
            if (!AromaRegex().IsMatch(name))
            {
                throw new ConfoundsException(ConfoundsErrorKind.ImageNameInvalid, imagePath,
                    "ICA-AROMA Full needs fMRIPrep's non-aggressively denoised image (*_desc-smoothAROMAnonaggr_bold.nii.gz): give that image, or use -IcaAroma Basic with the preprocessed one");
            }

            return;
        }

        var ok = name.EndsWith(".nii.gz", StringComparison.Ordinal) ? PreprocRegex().IsMatch(name)
            : name.EndsWith(".dtseries.nii", StringComparison.Ordinal) ? CiftiRegex().IsMatch(name)
            : name.EndsWith(".func.gii", StringComparison.Ordinal) && GiftiRegex().IsMatch(name);
        if (!ok)
        {
            throw new ConfoundsException(ConfoundsErrorKind.ImageNameInvalid, imagePath,
                "not an fMRIPrep preprocessed BOLD name (*_desc-preproc_bold.nii.gz, *_bold.dtseries.nii, *_hemi-L_bold.func.gii): give such an image, or the confounds TSV itself");
        }
    }

    /// <summary>
    /// The confounds TSV of <paramref name="imagePath"/>; none or several found is an error listing what was looked for.
    /// </summary>
    public static string FindTable(string imagePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagePath);
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(imagePath)) ?? ".";
        var candidates = Candidates(System.IO.Path.GetFileName(imagePath));
        var found = candidates.Select(c => System.IO.Path.Combine(dir, c)).Where(File.Exists).ToList();
        if (found.Count == 0)
        {
            var shown = string.Join(", ", candidates.Take(4)) + (candidates.Count > 4 ? $" and {candidates.Count - 4} shorter names" : string.Empty);
            throw new ConfoundsException(ConfoundsErrorKind.NotFound, imagePath,
                $"could not find the associated confounds file: looked in {dir} for {shown}. The confounds must be in the same folder as the image.");
        }

        if (found.Count > 1)
        {
            throw new ConfoundsException(ConfoundsErrorKind.Ambiguous, imagePath,
                $"found more than one confounds file: {string.Join(", ", found.Select(System.IO.Path.GetFileName))}. Give the TSV itself.");
        }

        return found[0];
    }

    /// <summary>
    /// The sidecar of a confounds table: the extension .tsv replaced by .json (nilearn replaces every "tsv" in the
    /// whole path, which breaks on folders named e.g. "tsvdata").
    /// </summary>
    public static string SidecarPath(string tablePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(tablePath);
        var dot = tablePath.LastIndexOf('.');
        var slash = Math.Max(tablePath.LastIndexOf('/'), tablePath.LastIndexOf('\\'));
        return (dot > slash ? tablePath[..dot] : tablePath) + ".json";
    }

    /// <summary>The candidate file names, longest first (nilearn's order of preference).</summary>
    public static IReadOnlyList<string> Candidates(string imageName)
    {
        ArgumentException.ThrowIfNullOrEmpty(imageName);
        var parts = imageName.Split('_');
        var entities = new List<(string Key, string Value)>();
        foreach (var part in parts[..^1])
        {
            var kv = part.Split('-');
            if (kv.Length > 1)
            {
                entities.Add((kv[0], kv[1]));
            }
        }

        var d = entities.FindIndex(e => e.Key == "desc");
        if (d >= 0)
        {
            entities[d] = ("desc", "confounds");
        }
        else
        {
            entities.Add(("desc", "confounds"));
            d = entities.Count - 1;
        }

        if (entities.Count > MaxEntities)
        {
            throw new ConfoundsException(ConfoundsErrorKind.ImageNameInvalid, imageName, $"the name has {entities.Count} BIDS entities, more than the {MaxEntities} a real fMRIPrep name has");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var others = Enumerable.Range(0, entities.Count).Where(i => i != d).ToArray();
        for (var bits = 0; bits < 1 << others.Length; bits++)
        {
            var keep = new HashSet<int> { d };
            for (var b = 0; b < others.Length; b++)
            {
                if ((bits & (1 << b)) != 0)
                {
                    keep.Add(others[b]);
                }
            }

            names.Add(string.Join("_", Enumerable.Range(0, entities.Count).Where(keep.Contains).Select(i => $"{entities[i].Key}-{entities[i].Value}")));
        }

        return names.SelectMany(n => new[] { n + "_timeseries.tsv", n + "_regressors.tsv" })
            .OrderByDescending(n => n.Length).ThenBy(n => n, StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex("_desc-smoothAROMAnonaggr_bold", RegexOptions.CultureInvariant)]
    private static partial Regex AromaRegex();

    [GeneratedRegex("(_space-.*)?_desc-preproc_bold.nii.gz", RegexOptions.CultureInvariant)]
    private static partial Regex PreprocRegex();

    [GeneratedRegex("(_space-.*)?_bold.dtseries.nii", RegexOptions.CultureInvariant)]
    private static partial Regex CiftiRegex();

    [GeneratedRegex("_hemi-[LR](_space-.*)?_bold.func.gii", RegexOptions.CultureInvariant)]
    private static partial Regex GiftiRegex();
}
