using System.Globalization;
using System.Text;

namespace SeedCorr.Core.Datasets;

/// <summary>The column arithmetic and TSV text of the demo confounds (fMRIPrep's expansions and n/a rules).</summary>
internal static class DemoConfoundColumns
{
    /// <summary>Backward difference, 0 at volume 0 (written as n/a there).</summary>
    public static double[] Derivative(double[] a) => Enumerable.Range(0, a.Length).Select(t => t == 0 ? 0 : a[t] - a[t - 1]).ToArray();

    /// <summary>Element-wise square.</summary>
    public static double[] Power2(double[] a) => a.Select(v => v * v).ToArray();

    /// <summary>
    /// The TSV: a header row, tab-separated, invariant round-trip numbers, LF; "n/a" in row 1 of the columns named in
    /// <paramref name="naFirstRow"/> (fMRIPrep's first volume has no derivative, FD or DVARS).
    /// </summary>
    public static string ToTsv(IReadOnlyList<string> names, IReadOnlyList<double[]> columns, IReadOnlySet<string> naFirstRow)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join('\t', names)).Append('\n');
        for (var t = 0; t < columns[0].Length; t++)
        {
            for (var c = 0; c < names.Count; c++)
            {
                if (c > 0)
                {
                    sb.Append('\t');
                }

                sb.Append(t == 0 && naFirstRow.Contains(names[c]) ? "n/a" : columns[c][t].ToString("R", CultureInfo.InvariantCulture));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }
}
