using System.Text.Json;
using System.Text.Json.Serialization;

namespace SeedCorr.Core.Tests.Support;

/// <summary>The NIfTI conformance manifest (tests/data/nifti/manifest.json), entries by id.</summary>
internal static class NiftiManifest
{
    private static readonly Lazy<JsonDocument> Doc = new(() => JsonDocument.Parse(
        File.ReadAllText(TestData.NiftiFixture("manifest.json")),
        new JsonDocumentOptions { AllowTrailingCommas = false }));

    public static IEnumerable<JsonElement> Valid => Doc.Value.RootElement.GetProperty("valid").EnumerateArray();

    public static IEnumerable<JsonElement> Broken => Doc.Value.RootElement.GetProperty("broken").EnumerateArray();

    public static JsonElement Get(string id) =>
        Valid.Concat(Broken).Single(e => e.GetProperty("id").GetString() == id);

    public static TheoryData<string> ValidIds()
    {
        var d = new TheoryData<string>();
        foreach (var e in Valid)
        {
            d.Add(e.GetProperty("id").GetString()!);
        }

        return d;
    }

    public static TheoryData<string> BrokenIds()
    {
        var d = new TheoryData<string>();
        foreach (var e in Broken)
        {
            d.Add(e.GetProperty("id").GetString()!);
        }

        return d;
    }

    /// <summary>A number that may be written as "NaN"/"Infinity"/"-Infinity".</summary>
    public static double Num(this JsonElement e) => e.ValueKind == JsonValueKind.String
        ? e.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => double.Parse(s!, System.Globalization.CultureInfo.InvariantCulture),
        }
        : e.GetDouble();

    public static double[] Nums(this JsonElement e) => e.EnumerateArray().Select(Num).ToArray();

    public static double[,] Matrix(this JsonElement e)
    {
        var rows = e.EnumerateArray().Select(Nums).ToArray();
        var m = new double[rows.Length, rows[0].Length];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                m[r, c] = rows[r][c];
            }
        }

        return m;
    }

    public static JsonSerializerOptions JsonOptions { get; } = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
}
