using System.Globalization;

namespace SeedCorr.Core.Bids;

/// <summary>
/// Which runs to keep. Each list is "any of"; null or empty keeps everything. Labels may carry their prefix
/// (<c>sub-01</c>, <c>ses-1</c>, <c>task-rest</c>, <c>run-2</c>, <c>space-MNI152NLin2009cAsym</c>) or not. Runs, and
/// numeric subject and session labels, also compare as numbers (<c>1</c> matches <c>run-01</c> and <c>sub-01</c>):
/// PowerShell passes an unquoted <c>-Subject 01</c> as the number 1, so "01" would otherwise never match.
/// </summary>
public sealed record FmriprepRunFilter
{
    /// <summary>Subject labels.</summary>
    public IReadOnlyList<string>? Subjects { get; init; }

    /// <summary>Session labels.</summary>
    public IReadOnlyList<string>? Sessions { get; init; }

    /// <summary>Task labels.</summary>
    public IReadOnlyList<string>? Tasks { get; init; }

    /// <summary>Run indices.</summary>
    public IReadOnlyList<string>? Runs { get; init; }

    /// <summary>Output spaces.</summary>
    public IReadOnlyList<string>? Spaces { get; init; }

    /// <summary>True when the name passes every list.</summary>
    public bool Matches(BidsFileName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Passes(Subjects, "sub", name["sub"]) && Passes(Sessions, "ses", name["ses"]) && Passes(Tasks, "task", name["task"])
            && Passes(Runs, "run", name["run"]) && Passes(Spaces, "space", name["space"]);
    }

    private static bool Passes(IReadOnlyList<string>? wanted, string key, string? value)
    {
        if (wanted is null || wanted.Count == 0)
        {
            return true;
        }

        return value is not null && wanted.Any(w => Same(BidsLabel.StripPrefix(w.Trim(), key), value, key is "run" or "sub" or "ses"));
    }

    private static bool Same(string wanted, string value, bool numeric) =>
        string.Equals(wanted, value, StringComparison.Ordinal)
        || (numeric && int.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var b) && a == b);
}
