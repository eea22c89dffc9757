using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeedCorr.Core.Study;

/// <summary>
/// Reads values of a study parameters file by key, each missing or mistyped value a <see cref="StudyException"/>
/// naming the file and the key (a hand-edited file says what is wrong with it).
/// </summary>
internal sealed class StudyJsonReader(string path)
{
    public JsonObject Object(JsonNode? node, string what) => node as JsonObject ?? throw Wrong(what, "an object", node);

    public JsonArray Array(JsonObject o, string key) => o[key] as JsonArray ?? throw Wrong(key, "an array", o[key]);

    public string String(JsonObject o, string key) => Value<string>(o[key], key, "a string");

    public string? NullableString(JsonObject o, string key) => o[key] is null ? null : String(o, key);

    public bool Bool(JsonObject o, string key) => Value<bool>(o[key], key, "true or false");

    public int Int(JsonObject o, string key) => Value<int>(o[key], key, "an integer");

    public int? NullableInt(JsonObject o, string key) => o[key] is null ? null : Int(o, key);

    public double? NullableDouble(JsonObject o, string key) => o[key] is null ? null : Double(o, key);

    /// <summary>A number, also as the name <see cref="StudyJson.Number"/> writes for one JSON cannot hold (-Infinity).</summary>
    public double Double(JsonObject o, string key)
    {
        if (o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            && double.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var named))
        {
            return named;
        }

        return Value<double>(o[key], key, "a number");
    }

    public T Enum<T>(JsonObject o, string key)
        where T : struct, System.Enum => Enum<T>(o[key], key);

    /// <summary>An enum value by its name (as <see cref="System.Enum.ToString()"/> wrote it); <paramref name="what"/> names it in errors.</summary>
    public T Enum<T>(JsonNode? node, string what)
        where T : struct, System.Enum
    {
        var text = Value<string>(node, what, "a string");
        return System.Enum.TryParse<T>(text, ignoreCase: false, out var value) && System.Enum.IsDefined(value)
            ? value
            : throw new StudyException(StudyErrorKind.ParametersFileInvalid,
                $"the study parameters file {path} cannot be used: {what} is '{text}', not one of {string.Join(", ", System.Enum.GetNames<T>())}") { FilePath = path };
    }

    public StudyException Invalid(string what) => StudyParameters.Invalid(path, what);

    /// <summary>A value of a type; <paramref name="what"/> names it in errors.</summary>
    public T Value<T>(JsonNode? node, string what, string kind)
    {
        try
        {
            return node is JsonValue v ? v.GetValue<T>() : throw Wrong(what, kind, node);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw Wrong(what, kind, node);
        }
    }

    private StudyException Wrong(string key, string kind, JsonNode? found) =>
        StudyParameters.Invalid(path, found is null ? $"{key} is missing (it must be {kind})" : $"{key} must be {kind}, not {found.ToJsonString()}");
}
