using System.Text.Json.Nodes;
using SeedCorr.Core.Confounds;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Seeds;
using SeedCorr.Core.Signal;

namespace SeedCorr.Core.Study;

/// <summary>
/// The inverse of <see cref="SeedToVoxelOptions.ToJson"/>: sphere seeds from their sidecar descriptions, labels
/// atlases read again from their image and table, the strategy with every parameter, the cleaning and smoothing.
/// </summary>
internal static class SeedToVoxelOptionsJson
{
    public static SeedToVoxelOptions Read(StudyJsonReader json, JsonObject o, CancellationToken cancellationToken)
    {
        var spheres = json.Array(o, nameof(SeedToVoxelOptions.Spheres)).Select((node, i) => Sphere(json, json.Object(node, $"Spheres[{i}]"))).ToList();
        var atlases = json.Array(o, nameof(SeedToVoxelOptions.LabelAtlases)).Select((node, i) => LabelAtlas(json, json.Object(node, $"LabelAtlases[{i}]"), cancellationToken)).ToList();
        var options = new SeedToVoxelOptions
        {
            Spheres = spheres,
            LabelAtlases = atlases,
            Confounds = Strategy(json, json.Object(o["ConfoundStrategy"], "ConfoundStrategy")),
            Detrend = json.Bool(o, nameof(SeedToVoxelOptions.Detrend)),
            Standardize = json.Enum<Standardization>(o, nameof(SeedToVoxelOptions.Standardize)),
            Filter = json.Enum<TemporalFilter>(o, nameof(SeedToVoxelOptions.Filter)),
            HighPass = json.NullableDouble(o, nameof(SeedToVoxelOptions.HighPass)),
            LowPass = json.NullableDouble(o, nameof(SeedToVoxelOptions.LowPass)),
            SmoothingFwhm = json.NullableDouble(o, "SmoothingFWHM"),
            MinimumDegreesOfFreedom = json.Double(o, nameof(SeedToVoxelOptions.MinimumDegreesOfFreedom)),
        };
        try
        {
            options.Validate();
            options.Confounds.Validate(null);
        }
        catch (Exception ex) when (ex is StudyException or ConfoundsException)
        {
            throw json.Invalid(ex.Message);
        }

        return options;
    }

    private static SphereSeed Sphere(StudyJsonReader json, JsonObject o)
    {
        var xyz = json.Array(o, "Coordinates");
        if (xyz.Count != 3)
        {
            throw json.Invalid($"the coordinates of seed {o["Name"]?.ToJsonString()} must be three numbers (mm), not {xyz.ToJsonString()}");
        }

        double Mm(int i) => json.Value<double>(xyz[i], $"Coordinates[{i}] of seed {o["Name"]?.ToJsonString()}", "a number (mm)");
        var center = new WorldPoint(Mm(0), Mm(1), Mm(2));
        try
        {
            return new SphereSeed(json.String(o, "Name"), center, json.Double(o, "RadiusMM"), json.NullableString(o, "Atlas"), json.NullableInt(o, "Index"));
        }
        catch (SeedException ex)
        {
            throw json.Invalid(ex.Message);
        }
    }

    private static SeedAtlas LabelAtlas(StudyJsonReader json, JsonObject o, CancellationToken cancellationToken)
    {
        var name = json.String(o, "Name");
        var file = json.String(o, "File");
        var table = json.NullableString(o, "LabelsTable");
        SeedAtlas atlas;
        try
        {
            atlas = SeedAtlas.FromLabelsImage(NiftiReader.Read(file, null, null, cancellationToken), table, name, []);
        }
        catch (Exception ex) when (ex is NiftiException or SeedException or IOException or UnauthorizedAccessException)
        {
            throw json.Invalid($"the labels atlas {name} cannot be read again from {file}: {ex.Message}");
        }

        // The regions saved are those the submission saw: a file changed since then would change the seeds silently.
        var saved = json.Array(o, "Regions").Select((r, i) =>
        {
            var region = json.Object(r, $"{name}.Regions[{i}]");
            return (json.Int(region, "Index"), json.String(region, "Name"));
        });
        if (!saved.SequenceEqual(atlas.Regions.Select(r => (r.Index, r.Name))))
        {
            throw json.Invalid($"the labels atlas {name} ({file}{(table is null ? string.Empty : $", {table}")}) no longer holds the regions it held when the parameters were saved");
        }

        return atlas;
    }

    private static ConfoundStrategyOptions Strategy(StudyJsonReader json, JsonObject o)
    {
        var preset = json.NullableString(o, "Preset");
        return new ConfoundStrategyOptions
        {
            Preset = preset is null ? null : json.Enum<DenoiseStrategy>(o, "Preset"),
            Strategy = json.Array(o, "Strategy").Select((c, i) => json.Enum<ConfoundComponent>(c, $"Strategy[{i}]")).ToList(),
            Motion = json.Enum<ExpansionModel>(o, "Motion"),
            WmCsf = json.Enum<ExpansionModel>(o, "WmCsf"),
            GlobalSignal = json.Enum<ExpansionModel>(o, "GlobalSignal"),
            CompCor = json.Enum<CompCorMethod>(o, "CompCor"),
            CompCorCount = o["CompCorCount"] is JsonValue v && v.TryGetValue<string>(out var all) && all == "All" ? null : json.Int(o, "CompCorCount"),
            IcaAroma = json.Enum<IcaAromaMode>(o, "IcaAroma"),
            ScrubMinSegment = json.Int(o, "ScrubMinSegment"),
            FdThreshold = json.Double(o, "FdThreshold"),
            StdDvarsThreshold = json.Double(o, "StdDvarsThreshold"),
            Demean = json.Bool(o, "Demean"),
            ExtraColumns = json.Array(o, "ExtraColumns").Select((c, i) => json.Value<string>(c, $"ExtraColumns[{i}]", "a string")).ToList(),
        };
    }
}
