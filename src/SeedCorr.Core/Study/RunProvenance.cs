using System.Text.Json.Nodes;
using SeedCorr.Core.Bids;

namespace SeedCorr.Core.Study;

/// <summary>
/// What makes a run's maps what they are: the software version, a stamp of every input file (path, size, time) and the
/// parameters. Its hash is recorded in the seeds table's sidecar, written last; a second call with the same hash and
/// every recorded output present skips the run.
/// </summary>
internal static class RunProvenance
{
    public static JsonObject Describe(FmriprepRun run, SeedToVoxelOptions options)
    {
        var inputs = new JsonArray();
        foreach (var file in InputFiles(run, options))
        {
            inputs.Add(Provenance.FileStamp(file));
        }

        return new JsonObject
        {
            ["Software"] = GeneratedBy.SeedCorr().FullVersion,
            ["Inputs"] = inputs,
            ["Parameters"] = options.ToJson(),
        };
    }

    public static IEnumerable<string> InputFiles(FmriprepRun run, SeedToVoxelOptions options)
    {
        foreach (var f in new[] { run.BoldPath, run.BoldJsonPath, run.MaskPath, run.ConfoundsPath, run.ConfoundsJsonPath })
        {
            if (f is not null && File.Exists(f))
            {
                yield return f;
            }
        }

        foreach (var a in options.LabelAtlases)
        {
            foreach (var f in new[] { a.SourcePath, a.TablePath })
            {
                if (f is not null && File.Exists(f))
                {
                    yield return f;
                }
            }
        }
    }

    /// <summary>
    /// The outputs recorded by a complete earlier run with this hash, or null when the run must be (re)done: no
    /// sidecar, another hash, an unreadable sidecar or a recorded output missing.
    /// </summary>
    public static IReadOnlyList<string>? CompleteOutputs(RunOutputNames names, string hash)
    {
        if (!File.Exists(names.SeedsSidecar))
        {
            return null;
        }

        try
        {
            var sidecar = JsonSidecar.Read(names.SeedsSidecar);
            if (sidecar["SeedCorr"] is not JsonObject seedcorr || seedcorr["ProvenanceHash"]?.GetValue<string>() != hash
                || seedcorr["Outputs"] is not JsonArray outputs)
            {
                return null;
            }

            var files = outputs.Select(o => Path.Combine(names.OutputDirectory, o!.GetValue<string>())).ToList();
            return files.All(File.Exists) ? [.. files, names.SeedsSidecar] : null;
        }
#pragma warning disable CA1031 // A sidecar that cannot be read or has other types only means the run is done again.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
