using System.Globalization;
using System.Text.Json.Nodes;
using SeedCorr.Core.Confounds;

namespace SeedCorr.Core.Study;

/// <summary>JSON forms shared by the study's sidecars, provenance and parameters file.</summary>
internal static class StudyJson
{
    /// <summary>A number, or its name when JSON cannot hold it (−Infinity for "no minimum").</summary>
    public static JsonNode Number(double value) =>
        double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The strategy with every parameter, preset or not (what load_confounds was called with).</summary>
    public static JsonObject Describe(ConfoundStrategyOptions o) => new()
    {
        ["Preset"] = o.Preset?.ToString(),
        ["Strategy"] = new JsonArray([.. o.Strategy.Select(c => (JsonNode)JsonValue.Create(c.ToString()))]),
        ["Motion"] = o.Motion.ToString(),
        ["WmCsf"] = o.WmCsf.ToString(),
        ["GlobalSignal"] = o.GlobalSignal.ToString(),
        ["CompCor"] = o.CompCor.ToString(),
        ["CompCorCount"] = o.CompCorCount is { } n ? JsonValue.Create(n) : JsonValue.Create("All"),
        ["IcaAroma"] = o.IcaAroma.ToString(),
        ["ScrubMinSegment"] = o.ScrubMinSegment,
        ["FdThreshold"] = o.FdThreshold,
        ["StdDvarsThreshold"] = o.StdDvarsThreshold,
        ["Demean"] = o.Demean,
        ["ExtraColumns"] = new JsonArray([.. o.ExtraColumns.Select(c => (JsonNode)JsonValue.Create(c))]),
    };
}
