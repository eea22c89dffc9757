using System.Collections;
using System.Globalization;
using System.Management.Automation;
using SeedCorr.Core.Signal;

namespace SeedCorr.PowerShell.Common;

/// <summary>Turns what PowerShell users pass (objects, 2D arrays, lists) into Core types; null when it cannot.</summary>
internal static class InputConversion
{
    /// <summary>A SignalMatrix, a [time, series] float/double array, or a 1D array (one series).</summary>
    public static SignalMatrix? ToSignalMatrix(object? input, out double[]? float64, out int series)
    {
        float64 = null;
        series = 0;
        switch (Unwrap(input))
        {
            case SignalMatrix m:
                series = m.Series;
                return m;
            case float[,] f:
                series = f.GetLength(1);
                return SignalMatrix.FromArray(f);
            case double[,] d:
            {
                int t = d.GetLength(0), n = d.GetLength(1);
                float64 = new double[t * n];
                Buffer.BlockCopy(d, 0, float64, 0, float64.Length * sizeof(double));
                series = n;
                return new SignalMatrix(t, n, float64.Select(v => (float)v).ToArray());
            }

            case IList list when list.Count > 0 && list.Cast<object?>().All(o => IsNumber(o)):
            {
                float64 = list.Cast<object?>().Select(ToDouble).ToArray();
                series = 1;
                return new SignalMatrix(float64.Length, 1, float64.Select(v => (float)v).ToArray());
            }

            default:
                return null;
        }
    }

    /// <summary>A [time, k] array or a 1D array of numbers as time-major confounds.</summary>
    public static (double[] Values, int Columns)? ToConfoundArray(object? input)
    {
        switch (Unwrap(input))
        {
            case double[,] d:
            {
                var v = new double[d.Length];
                Buffer.BlockCopy(d, 0, v, 0, v.Length * sizeof(double));
                return (v, d.GetLength(1));
            }

            case float[,] f:
            {
                int t = f.GetLength(0), k = f.GetLength(1);
                var v = new double[t * k];
                for (var r = 0; r < t; r++)
                {
                    for (var c = 0; c < k; c++)
                    {
                        v[(r * k) + c] = f[r, c];
                    }
                }

                return (v, k);
            }

            case IList list when list.Count > 0 && list.Cast<object?>().All(o => IsNumber(o)):
                return (list.Cast<object?>().Select(ToDouble).ToArray(), 1);
            default:
                return null;
        }
    }

    /// <summary>A boolean mask (one entry per volume, true = keep) or kept volume indices (0-based).</summary>
    public static bool[]? ToSampleMask(object? input, int timepoints, out string? problem)
    {
        problem = null;
        var items = Unwrap(input) switch
        {
            IList l => l.Cast<object?>().Select(Unwrap).ToList(),
            var single => [single],
        };
        if (items.Count > 0 && items.All(i => i is bool))
        {
            if (items.Count != timepoints)
            {
                problem = $"the boolean sample mask has {items.Count} entries but the signals have {timepoints} volumes";
                return null;
            }

            return items.Select(i => (bool)i!).ToArray();
        }

        if (items.Count > 0 && items.All(o => IsNumber(o)))
        {
            var mask = new bool[timepoints];
            foreach (var i in items)
            {
                var d = ToDouble(i);
                if (d != Math.Floor(d) || d < 0 || d >= timepoints)
                {
                    problem = $"sample mask index {d.ToString(CultureInfo.InvariantCulture)} is not a volume index (0 to {timepoints - 1})";
                    return null;
                }

                mask[(int)d] = true;
            }

            return mask;
        }

        problem = "the sample mask must be booleans (one per volume, $true = keep) or the 0-based indices of the volumes to keep";
        return null;
    }

    /// <summary>The object a PSObject wraps (PowerShell wraps pipeline and variable values), or the value itself: the one unwrapping of the module.</summary>
    public static object? Unwrap(object? o) => o is PSObject p ? p.BaseObject : o;

    /// <summary>
    /// Whether <paramref name="o"/> is a number; with <paramref name="numericStrings"/> a string that parses as one
    /// counts too (in argument mode PowerShell may pass -52 in 0,-52,18 as the string "-52").
    /// </summary>
    public static bool IsNumber(object? o, bool numericStrings = false) => Unwrap(o) switch
    {
        byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal => true,
        string s => numericStrings && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        _ => false,
    };

    /// <summary>A number (or numeric string) as a double, culture-invariantly.</summary>
    public static double ToDouble(object? o) => Unwrap(o) is string s
        ? double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)
        : Convert.ToDouble(Unwrap(o), CultureInfo.InvariantCulture);
}
