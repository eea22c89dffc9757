using System.Globalization;
using System.Text.Json.Nodes;
using SeedCorr.Core.Bids;

namespace SeedCorr.Core.Study;

/// <summary>
/// <c>&lt;out&gt;/logs/&lt;src&gt;_status.json</c>: how a run's last attempt ended (status, seconds, hash, error), one
/// file per run so that parallel runs and cluster tasks never write the same file. Reports and job monitors read them.
/// </summary>
public static class RunStatusFile
{
    /// <summary>Records a run that succeeded or was skipped.</summary>
    internal static void Write(RunOutputNames names, FmriprepRun run, SeedToVoxelRunResult result, TimeSpan elapsed)
    {
        var o = Base(run, result.Status, elapsed);
        o["ProvenanceHash"] = result.ProvenanceHash;
        o["Outputs"] = result.Outputs.Count;
        o["DegreesOfFreedom"] = result.DegreesOfFreedom is { } d ? StudyJson.Number(Math.Round(d, 3)) : null;
        o["VolumesRetained"] = result.VolumesRetained;
        o["Warnings"] = new JsonArray([.. result.Warnings.Select(w => (JsonNode)JsonValue.Create(w))]);
        Directory.CreateDirectory(Path.GetDirectoryName(names.Status)!);
        JsonSidecar.Write(names.Status, o, overwrite: true);
    }

    /// <summary>Records a failure; never throws over the failure itself (a read-only log folder must not hide it).</summary>
    internal static void TryWriteFailure(RunOutputNames names, FmriprepRun run, Exception error, TimeSpan elapsed)
    {
        try
        {
            var o = Base(run, RunStatus.Failed, elapsed);
            o["Error"] = new JsonObject
            {
                ["Type"] = error.GetType().Name,
                ["Kind"] = error.GetType().GetProperty("Kind")?.GetValue(error)?.ToString(),
                ["Message"] = error.Message,
            };
            Directory.CreateDirectory(Path.GetDirectoryName(names.Status)!);
            JsonSidecar.Write(names.Status, o, overwrite: true);
        }
#pragma warning disable CA1031 // see summary
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>Reads a status file: status and the error message, if any; null when absent or unreadable.</summary>
    public static (RunStatus Status, string? Error)? Read(string path)
    {
        try
        {
            var o = JsonSidecar.Read(path);
            var status = Enum.Parse<RunStatus>(o["Status"]!.GetValue<string>());
            return (status, o["Error"]?["Message"]?.GetValue<string>());
        }
#pragma warning disable CA1031 // absent, partial or foreign: not a status
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    private static JsonObject Base(FmriprepRun run, RunStatus status, TimeSpan elapsed) => new()
    {
        ["Run"] = run.SourceEntities,
        ["Bold"] = run.BoldPath,
        ["Status"] = status.ToString(),
        ["FinishedUtc"] = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture),
        ["Seconds"] = Math.Round(elapsed.TotalSeconds, 3),
        ["Host"] = Environment.MachineName,
        ["ProcessId"] = Environment.ProcessId,
        ["SlurmArrayTaskId"] = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID"),
    };
}
