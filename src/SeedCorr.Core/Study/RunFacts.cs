using System.Globalization;
using System.Text.Json.Nodes;
using SeedCorr.Core.Bids;
using SeedCorr.Core.Confounds;
using SeedCorr.Core.Connectivity;
using SeedCorr.Core.Signal;

namespace SeedCorr.Core.Study;

/// <summary>
/// What every sidecar of a run says about how its maps were made (study-level naming doc §4.4): sources as BIDS URIs,
/// the confound strategy with its exact columns, the filters, the smoothing, the volumes kept and censored, the
/// degrees of freedom left, the Fisher z clip.
/// </summary>
internal sealed class RunFacts(FmriprepRun run, SeedToVoxelOptions options, ConfoundsTable confounds, int kept, int[] censored, double dof, IReadOnlyDictionary<string, string>? links)
{
    public JsonObject MapSidecar(RunSeed seed, bool fisherZ)
    {
        var o = new JsonObject
        {
            ["Description"] = fisherZ
                ? $"Fisher z (artanh of Pearson's r, |r| clamped at {FisherZ.MaxAbsR.ToString(CultureInfo.InvariantCulture)}) of every brain voxel's cleaned time series with {seed.Summary}."
                : $"Pearson's r of every brain voxel's cleaned time series with {seed.Summary}.",
            ["Sources"] = Sources(),
            ["RelationshipMeasure"] = fisherZ ? "Fisher z-transformed Pearson correlation coefficient" : "Pearson correlation coefficient",
            ["Seed"] = seed.Describe.DeepClone(),
        };
        foreach (var (key, value) in Common())
        {
            o[key] = value;
        }

        o["SkullStripped"] = true; // the map holds the brain mask's voxels only
        return o;
    }

    public JsonObject SeedsSidecar(IReadOnlyList<RunSeed> seeds, JsonObject provenance, string hash, IEnumerable<string> outputs, IReadOnlyList<string> warnings)
    {
        // BIDS: a TSV's sidecar describes its columns by name at the top level; SeedCorr's own facts sit under "SeedCorr".
        var o = new JsonObject();
        foreach (var s in seeds)
        {
            o[s.Files.Seed] = new JsonObject
            {
                ["Description"] = $"Cleaned (confounds regressed, filtered, standardised) {s.Summary}.",
                ["Seed"] = s.Describe.DeepClone(),
            };
        }

        var own = new JsonObject
        {
            ["Sources"] = Sources(),
            ["RepetitionTime"] = run.RepetitionTime,
        };
        foreach (var (key, value) in Common())
        {
            own[key] = value;
        }

        own["Warnings"] = new JsonArray([.. warnings.Select(w => (JsonNode)JsonValue.Create(w))]);
        own["Provenance"] = provenance.DeepClone();
        own["ProvenanceHash"] = hash;
        own["Outputs"] = new JsonArray([.. outputs.Select(p => (JsonNode)JsonValue.Create(p))]);
        o["SeedCorr"] = own;
        return o;
    }

    private IEnumerable<(string Key, JsonNode? Value)> Common()
    {
        var strategy = StudyJson.Describe(options.Confounds);
        strategy["Columns"] = new JsonArray([.. confounds.ColumnNames.Select(c => (JsonNode)JsonValue.Create(c))]);
        yield return ("ConfoundStrategy", strategy);
        yield return ("ConfoundColumns", new JsonArray([.. confounds.ColumnNames.Select(c => (JsonNode)JsonValue.Create(c))]));
        yield return ("SoftwareFilters", Filters());
        yield return ("SmoothingFWHM", options.SmoothingFwhm);
        yield return ("NumberOfVolumesRetained", kept);
        yield return ("CensoredVolumes", new JsonArray([.. censored.Select(i => (JsonNode)JsonValue.Create(i))]));
        yield return ("DegreesOfFreedom", StudyJson.Number(Math.Round(dof, 3)));
        yield return ("FisherZClip", FisherZ.MaxAbsR);
    }

    private JsonObject Filters()
    {
        var f = new JsonObject
        {
            ["Detrend"] = options.Detrend ? "linear" : "none",
            ["Standardize"] = options.Standardize.ToString(),
        };
        if (options.HighPass is not null || options.LowPass is not null)
        {
            var band = new JsonObject();
            if (options.Filter == TemporalFilter.Butterworth)
            {
                band["Filter order"] = new SignalCleanOptions().ButterworthOrder;
            }

            band["High-pass cutoff (Hz)"] = options.HighPass;
            band["Low-pass cutoff (Hz)"] = options.LowPass;
            f[options.Filter.ToString()] = band;
        }

        return f;
    }

    /// <summary>BIDS URIs of the inputs (<c>bids:preprocessed:sub-01/func/…</c>) when the run's dataset has a link name, else file URIs.</summary>
    private JsonArray Sources()
    {
        var root = Path.GetFullPath(run.DerivativesRoot);
        string? link = null;
        if (links is not null)
        {
            links.TryGetValue(root, out link);
        }

        var files = new[] { run.BoldPath, run.MaskPath, run.ConfoundsPath }.OfType<string>();
        return new JsonArray([.. files.Select(f => (JsonNode)JsonValue.Create(link is null
            ? DatasetDescription.ToUri(Path.GetFullPath(f))
            : $"bids:{link}:{Path.GetRelativePath(root, Path.GetFullPath(f)).Replace('\\', '/')}"))]);
    }
}
