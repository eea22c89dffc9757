using System.Text;
using System.Text.RegularExpressions;

namespace SeedCorr.Core.Bids;

/// <summary>
/// A BIDS file name taken apart: the <c>key-value</c> entities in the order they appear, the suffix and the extension
/// (everything from the first dot of the last part: <c>.nii.gz</c>, <c>.json</c>, <c>.dtseries.nii</c>).
/// </summary>
public sealed partial class BidsFileName
{
    private readonly List<KeyValuePair<string, string>> _entities;

    private BidsFileName(List<KeyValuePair<string, string>> entities, string suffix, string extension)
    {
        _entities = entities;
        Suffix = suffix;
        Extension = extension;
    }

    /// <summary>The entities in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Entities => _entities;

    /// <summary>The suffix (<c>bold</c>, <c>mask</c>, <c>timeseries</c>, …).</summary>
    public string Suffix { get; }

    /// <summary>The extension with its leading dot, or empty.</summary>
    public string Extension { get; }

    /// <summary>The value of an entity, or null.</summary>
    public string? this[string key] => _entities.FirstOrDefault(e => e.Key == key).Value;

    /// <summary>Parses a file name (a path is allowed: only its last part is read). Throws <see cref="BidsException"/> when it is not a BIDS name.</summary>
    public static BidsFileName Parse(string fileName) =>
        TryParse(fileName, out var name, out var why) ? name : throw new BidsException(BidsErrorKind.InvalidName, $"'{fileName}' is not a BIDS file name: {why}");

    /// <summary>Parses a file name; false (with the reason) when it is not <c>key-value_…_suffix[.ext]</c>.</summary>
    public static bool TryParse(string fileName, out BidsFileName name, out string reason)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        name = null!;
        var baseName = Path.GetFileName(fileName);
        var parts = baseName.Split('_');
        if (parts.Length < 2)
        {
            reason = "it has no key-value entity before the suffix";
            return false;
        }

        var last = parts[^1];
        var dot = last.IndexOf('.', StringComparison.Ordinal);
        var suffix = dot < 0 ? last : last[..dot];
        var extension = dot < 0 ? string.Empty : last[dot..];
        if (!AlphaNumeric().IsMatch(suffix))
        {
            reason = $"the suffix '{suffix}' is not alphanumeric";
            return false;
        }

        if (!ExtensionPattern().IsMatch(extension))
        {
            reason = $"the extension '{extension}' is not dot-separated letters and digits (.nii.gz, .json)";
            return false;
        }

        var entities = new List<KeyValuePair<string, string>>(parts.Length - 1);
        for (var n = 0; n < parts.Length - 1; n++)
        {
            var dash = parts[n].IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || dash == parts[n].Length - 1)
            {
                reason = $"'{parts[n]}' is not a key-value entity";
                return false;
            }

            var key = parts[n][..dash];
            var value = parts[n][(dash + 1)..];
            if (!AlphaNumeric().IsMatch(key) || !BidsLabel.IsValid(value))
            {
                reason = $"'{parts[n]}' has characters outside [0-9a-zA-Z+]";
                return false;
            }

            if (entities.Any(e => e.Key == key))
            {
                reason = $"the entity '{key}' appears twice";
                return false;
            }

            entities.Add(new(key, value));
        }

        name = new BidsFileName(entities, suffix, extension);
        reason = string.Empty;
        return true;
    }

    /// <summary>Creates a name from entities (any order; written in BIDS order), a suffix and an extension.</summary>
    public static BidsFileName Create(IEnumerable<KeyValuePair<string, string>> entities, string suffix, string extension)
    {
        ArgumentNullException.ThrowIfNull(entities);
        var list = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in entities)
        {
            if (!AlphaNumeric().IsMatch(key))
            {
                throw new BidsException(BidsErrorKind.InvalidName, $"the entity key '{key}' is not alphanumeric");
            }

            if (!BidsLabel.IsValid(value))
            {
                throw new BidsException(BidsErrorKind.InvalidName, $"the {key} label '{value}' has characters outside [0-9a-zA-Z+]; BidsLabel.FromName removes them");
            }

            list.RemoveAll(e => e.Key == key);
            list.Add(new(key, value));
        }

        if (!AlphaNumeric().IsMatch(suffix))
        {
            throw new BidsException(BidsErrorKind.InvalidName, $"the suffix '{suffix}' is not alphanumeric");
        }

        if (!ExtensionPattern().IsMatch(extension))
        {
            // Only letters and digits between dots: a slash or an underscore would change what the name parses to.
            throw new BidsException(BidsErrorKind.InvalidName, $"the extension '{extension}' must be dot-separated letters and digits (.nii.gz, .json)");
        }

        // A stable sort: unknown keys keep the order they were given in.
        var ordered = list.Select((e, i) => (e, i)).OrderBy(p => BidsEntityOrder.Of(p.e.Key)).ThenBy(p => p.i).Select(p => p.e).ToList();
        return new BidsFileName(ordered, suffix, extension);
    }

    /// <summary>This name with an entity set (added or replaced), re-ordered in BIDS order.</summary>
    public BidsFileName With(string key, string value) => Create(_entities.Append(new(key, value)), Suffix, Extension);

    /// <summary>This name without the given entities.</summary>
    public BidsFileName Without(params string[] keys) => new(_entities.Where(e => !keys.Contains(e.Key)).ToList(), Suffix, Extension);

    /// <summary>This name with another suffix and extension.</summary>
    public BidsFileName WithSuffix(string suffix, string extension) => Create(_entities, suffix, extension);

    /// <summary>The entities before <c>space</c> (sub, ses, task, acq, …, run, echo, part): what identifies the source run.</summary>
    public BidsFileName SourceEntities() => new(_entities.Where(e => BidsEntityOrder.IsSourceEntity(e.Key)).ToList(), Suffix, Extension);

    /// <summary>The entities joined with underscores, without suffix and extension: <c>sub-03_task-rest_run-2</c>.</summary>
    public string EntityString => string.Join('_', _entities.Select(e => $"{e.Key}-{e.Value}"));

    /// <summary>The file name as written: entities in this object's order, suffix, extension.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(EntityString);
        if (sb.Length > 0)
        {
            sb.Append('_');
        }

        return sb.Append(Suffix).Append(Extension).ToString();
    }

    // \z, not $: "$" also matches before a final newline, which let "sub\n-01" through as the key "sub\n".
    [GeneratedRegex("^[0-9a-zA-Z]+\\z")]
    private static partial Regex AlphaNumeric();

    [GeneratedRegex("^(\\.[0-9a-zA-Z]+)*\\z")]
    private static partial Regex ExtensionPattern();
}
