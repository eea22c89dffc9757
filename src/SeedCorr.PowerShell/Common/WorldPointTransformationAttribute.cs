using System.Collections;
using System.Globalization;
using System.Management.Automation;
using SeedCorr.Core.Geometry;

namespace SeedCorr.PowerShell.Common;

/// <summary>
/// Turns what users type into seed coordinates: <c>0,-52,18</c> (one seed), <c>"0,-52,18"</c>,
/// <c>(0,-52,18),(4,-52,18)</c> or <c>"0,-52,18","4,-52,18"</c> (several), or WorldPoint objects.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class WorldPointTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var items = Flatten1(Unwrap(inputData));
        // A flat list of numbers is one or more triples.
        if (items.Count > 0 && items.All(IsNumber))
        {
            if (items.Count % 3 != 0)
            {
                throw new ArgumentTransformationMetadataException($"coordinates come in threes (x, y, z in mm); got {items.Count} numbers");
            }

            return Enumerable.Range(0, items.Count / 3).Select(i => new WorldPoint(ToDouble(items[3 * i]), ToDouble(items[(3 * i) + 1]), ToDouble(items[(3 * i) + 2]))).ToArray();
        }

        return items.Select(ToPoint).ToArray();
    }

    private static WorldPoint ToPoint(object? o)
    {
        switch (Unwrap(o))
        {
            case WorldPoint p:
                return p;
            case string s:
                var parts = s.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 3 && parts.All(x => double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
                {
                    return new WorldPoint(double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture));
                }

                throw new ArgumentTransformationMetadataException($"'{s}' is not a coordinate: write x,y,z in mm, e.g. 0,-52,18");
            case IEnumerable e when Unwrap(o) is not string:
                var nums = e.Cast<object?>().Select(Unwrap).ToList();
                if (nums.Count == 3 && nums.All(IsNumber))
                {
                    return new WorldPoint(ToDouble(nums[0]), ToDouble(nums[1]), ToDouble(nums[2]));
                }

                throw new ArgumentTransformationMetadataException("each coordinate needs exactly three numbers (x, y, z in mm)");
            default:
                throw new ArgumentTransformationMetadataException($"cannot use {o ?? "null"} as a coordinate: write x,y,z in mm, e.g. 0,-52,18");
        }
    }

    private static List<object?> Flatten1(object? o) => o is IEnumerable e and not string ? e.Cast<object?>().Select(Unwrap).ToList() : [o];

    private static object? Unwrap(object? o) => InputConversion.Unwrap(o);

    // In argument mode PowerShell may pass -52 in 0,-52,18 as the string "-52": a numeric string counts as a number.
    private static bool IsNumber(object? o) => InputConversion.IsNumber(o, numericStrings: true);

    private static double ToDouble(object? o) => InputConversion.ToDouble(o);
}
