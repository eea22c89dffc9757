using System.Text.Json;

namespace SeedCorr.Core.Tests.Support;

/// <summary>The nilearn unit oracle manifest (tests/data/unit/manifest.json).</summary>
internal static class UnitManifest
{
    private static readonly Lazy<JsonDocument> Doc = new(() => JsonDocument.Parse(File.ReadAllText(TestData.Path("unit", "manifest.json"))));

    public static IEnumerable<JsonElement> Cases(string group) =>
        Doc.Value.RootElement.GetProperty("cases").EnumerateArray().Where(c => c.GetProperty("group").GetString() == group);

    public static JsonElement Case(string group, string name) =>
        Cases(group).Single(c => c.GetProperty("name").GetString() == name);

    public static TheoryData<string> Names(string group)
    {
        var d = new TheoryData<string>();
        foreach (var c in Cases(group))
        {
            d.Add(c.GetProperty("name").GetString()!);
        }

        return d;
    }

    public static Npy Load(string file) => Npy.Load(TestData.Path("unit", file));
}
