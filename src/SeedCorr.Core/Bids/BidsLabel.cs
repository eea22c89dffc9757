using SeedCorr.Core.Geometry;
using System.Globalization;
using System.Text;
using SeedCorr.Core.Masking;

namespace SeedCorr.Core.Bids;

/// <summary>BIDS labels (<c>[0-9a-zA-Z+]+</c>, BIDS schema <c>objects/formats.yaml</c>) made from seed names and coordinates.</summary>
public static class BidsLabel
{
    /// <summary>True when the text is a valid BIDS label.</summary>
    public static bool IsValid(string? label) => !string.IsNullOrEmpty(label) && label.All(IsLabelChar);

    /// <summary>
    /// The label of a seed name: every character outside <c>[0-9a-zA-Z+]</c> removed (<c>"LH_Vis_1"</c> →
    /// <c>LHVis1</c>). Throws when nothing is left.
    /// </summary>
    public static string FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var label = new string(name.Where(IsLabelChar).ToArray());
        return label.Length > 0
            ? label
            : throw new BidsException(BidsErrorKind.InvalidName, $"the name '{name}' has no character in [0-9a-zA-Z+], so it cannot be a BIDS label; give a name with letters or digits");
    }

    /// <summary>
    /// A coordinate as a label: <c>x0ym52z18</c> for (0, −52, 18). A minus sign becomes <c>m</c>; a fraction is
    /// written with <c>p</c> for the decimal point (−46.5 → <c>m46p5</c>), up to three decimals, invariant culture.
    /// </summary>
    public static string FromCoordinate(WorldPoint point) =>
        $"x{Number(point.X)}y{Number(point.Y)}z{Number(point.Z)}";

    private static string Number(double v)
    {
        if (!double.IsFinite(v))
        {
            throw new BidsException(BidsErrorKind.InvalidName, $"the coordinate {v} is not a finite number");
        }

        var text = Math.Round(v, 3).ToString("0.###", CultureInfo.InvariantCulture);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch { '-' => 'm', '.' => 'p', _ => c });
        }

        // "-0" after rounding a tiny negative value is still zero.
        return sb.ToString() == "m0" ? "0" : sb.ToString();
    }

    /// <summary>A label given with or without its entity prefix (<c>sub-01</c> or <c>01</c>) as the bare label.</summary>
    public static string StripPrefix(string value, string key)
    {
        ArgumentNullException.ThrowIfNull(value);
        var prefix = key + "-";
        return value.StartsWith(prefix, StringComparison.Ordinal) ? value[prefix.Length..] : value;
    }

    private static bool IsLabelChar(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '+';
}
