using System.Globalization;
using System.Text.Json.Nodes;
using SeedCorr.Core.Nifti;

namespace SeedCorr.Core.Bids;

/// <summary>
/// Finds the runs of an fMRIPrep derivatives folder: every <c>sub-*/[ses-*/]func/*_desc-preproc_bold.nii[.gz]</c>,
/// each paired by entities (not by string surgery, so <c>dir-</c>, <c>part-</c>, <c>echo-</c> and <c>res-</c> names
/// work) with its brain mask, confounds TSV and JSON and BOLD JSON. A run that lacks a needed file is returned with a
/// <see cref="RunProblem"/> naming the file, never dropped.
/// </summary>
public static class FmriprepRunFinder
{
    // Entities of the BOLD that the run-level confounds file does not carry.
    private static readonly string[] SpatialEntities = ["space", "cohort", "res", "den", "desc"];

    /// <summary>The runs under <paramref name="root"/>, sorted by path.</summary>
    public static IReadOnlyList<FmriprepRun> Find(string root, FmriprepRunFilter? filter = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!Directory.Exists(root))
        {
            throw new BidsException(BidsErrorKind.FolderNotFound,
                File.Exists(root) ? $"{root} is a file, not an fMRIPrep derivatives folder" : $"the fMRIPrep derivatives folder {root} does not exist");
        }

        filter ??= new FmriprepRunFilter();
        var bolds = new List<(string Path, BidsFileName Name)>();
        foreach (var subject in Directory.EnumerateDirectories(root, "sub-*").Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.EnumerateFiles(subject, "*_desc-preproc_bold.nii*", SearchOption.AllDirectories))
            {
                if ((file.EndsWith(".nii.gz", StringComparison.Ordinal) || file.EndsWith(".nii", StringComparison.Ordinal))
                    && BidsFileName.TryParse(file, out var name, out _) && name["desc"] == "preproc" && name.Suffix == "bold" && filter.Matches(name))
                {
                    bolds.Add((file, name));
                }
            }
        }

        bolds.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        var runs = new List<FmriprepRun>(bolds.Count);
        for (var n = 0; n < bolds.Count; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            runs.Add(Describe(Path.GetFullPath(root), bolds[n].Path, bolds[n].Name));
            progress?.Report((n + 1) / (double)bolds.Count);
        }

        return runs;
    }

    /// <summary>Pairs one BOLD file with its companions and reads its headers.</summary>
    public static FmriprepRun Describe(string root, string boldPath, BidsFileName name)
    {
        ArgumentNullException.ThrowIfNull(boldPath);
        ArgumentNullException.ThrowIfNull(name);
        var run = new FmriprepRun(root, boldPath, name);
        var folder = Path.GetDirectoryName(boldPath) ?? ".";

        var mask = Path.Combine(folder, name.With("desc", "brain").WithSuffix("mask", name.Extension).ToString());
        var maskOther = Path.Combine(folder, name.With("desc", "brain").WithSuffix("mask", name.Extension == ".nii" ? ".nii.gz" : ".nii").ToString());
        run.MaskPath = File.Exists(mask) ? mask : File.Exists(maskOther) ? maskOther : null;
        if (run.MaskPath is null)
        {
            run.AddProblem(RunProblemKind.MissingFile, mask, $"the brain mask {Path.GetFileName(mask)} is missing");
        }

        run.ConfoundsPath = FindConfounds(folder, name);
        if (run.ConfoundsPath is null)
        {
            var expected = Path.Combine(folder, BidsFileName.Create(name.Without(SpatialEntities).Entities.Append(new("desc", "confounds")), "timeseries", ".tsv").ToString());
            run.AddProblem(RunProblemKind.MissingFile, expected, $"the confounds table {Path.GetFileName(expected)} (or its older _regressors.tsv name) is missing");
        }
        else
        {
            var json = Path.ChangeExtension(run.ConfoundsPath, ".json");
            if (File.Exists(json))
            {
                run.ConfoundsJsonPath = json;
            }
            else
            {
                // Only the CompCor strategies read it, so its absence does not stop a run.
                run.AddWarning($"the confounds JSON {Path.GetFileName(json)} is missing: CompCor strategies cannot be used for this run");
            }
        }

        ReadHeaders(run, name);
        return run;
    }

    private static string? FindConfounds(string folder, BidsFileName bold)
    {
        var wanted = bold.Without(SpatialEntities).Entities.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        string? best = null;
        var bestScore = -1;
        foreach (var file in Directory.EnumerateFiles(folder, "*_desc-confounds_*.tsv"))
        {
            if (!BidsFileName.TryParse(file, out var c, out _) || c["desc"] != "confounds" || c.Suffix is not ("timeseries" or "regressors"))
            {
                continue;
            }

            var own = c.Without("desc").Entities;
            // Every entity of the confounds file must be one of the BOLD's (fMRIPrep may drop part- or echo-);
            // the file that shares the most entities wins, and the current "timeseries" name beats "regressors".
            if (own.All(e => wanted.TryGetValue(e.Key, out var v) && v == e.Value) && own.Any(e => e.Key == "sub"))
            {
                var score = (own.Count * 2) + (c.Suffix == "timeseries" ? 1 : 0);
                if (score > bestScore)
                {
                    (best, bestScore) = (file, score);
                }
            }
        }

        return best;
    }

    private static void ReadHeaders(FmriprepRun run, BidsFileName name)
    {
        NiftiHeader? bold = null;
        try
        {
            bold = NiftiReader.ReadHeader(run.BoldPath);
            run.Shape = bold.Shape;
        }
        catch (NiftiException ex)
        {
            run.AddProblem(RunProblemKind.Unreadable, run.BoldPath, $"the BOLD header cannot be read: {ex.Message}");
        }

        if (bold is not null && run.MaskPath is not null)
        {
            try
            {
                var mask = NiftiReader.ReadHeader(run.MaskPath);
                if (!mask.Shape.Take(3).SequenceEqual(bold.Shape.Take(3)) || mask.BestAffine.MaxAbsDifference(bold.BestAffine) > 1e-3)
                {
                    run.AddProblem(RunProblemKind.Inconsistent, run.MaskPath,
                        $"the brain mask's grid ({string.Join('x', mask.Shape)}) is not the BOLD's ({string.Join('x', bold.Shape.Take(3))}) or their affines differ");
                }
            }
            catch (NiftiException ex)
            {
                run.AddProblem(RunProblemKind.Unreadable, run.MaskPath, $"the brain mask's header cannot be read: {ex.Message}");
            }
        }

        var json = Path.Combine(Path.GetDirectoryName(run.BoldPath) ?? ".", name.WithSuffix(name.Suffix, ".json").ToString());
        if (!File.Exists(json))
        {
            run.AddProblem(RunProblemKind.MissingFile, json, $"the BOLD JSON {Path.GetFileName(json)} (RepetitionTime) is missing");
            return;
        }

        run.BoldJsonPath = json;
        double? tr = null;
        try
        {
            var node = JsonSidecar.Read(json)["RepetitionTime"];
            if (node is JsonValue v && v.TryGetValue<double>(out var t) && double.IsFinite(t) && t > 0)
            {
                tr = t;
            }
            else if (node is not null)
            {
                run.AddProblem(RunProblemKind.Unreadable, json, $"RepetitionTime in {Path.GetFileName(json)} is {node.ToJsonString()}, not a positive number of seconds");
                return;
            }
        }
        catch (BidsException ex)
        {
            run.AddProblem(RunProblemKind.Unreadable, json, ex.Message);
            return;
        }
        catch (IOException ex)
        {
            run.AddProblem(RunProblemKind.Unreadable, json, $"{json} cannot be read: {ex.Message}");
            return;
        }

        var header = bold?.RepetitionTime;
        if (tr is null && header is > 0)
        {
            run.AddWarning($"{Path.GetFileName(json)} has no RepetitionTime; the header's {header.Value.ToString("0.###", CultureInfo.InvariantCulture)} s is used");
            tr = header;
        }
        else if (tr is not null && header is > 0 && Math.Abs(header.Value - tr.Value) > 1e-3)
        {
            run.AddWarning($"the BOLD JSON says RepetitionTime {tr.Value.ToString("0.###", CultureInfo.InvariantCulture)} s, the header {header.Value.ToString("0.###", CultureInfo.InvariantCulture)} s; the JSON's is used");
        }

        if (tr is null)
        {
            run.AddProblem(RunProblemKind.Inconsistent, json, $"no repetition time: {Path.GetFileName(json)} has no RepetitionTime and the header has none");
        }

        run.RepetitionTime = tr;
    }
}
