using System.Globalization;
using System.Text;
using SeedCorr.Core.IO;

namespace SeedCorr.Core.Confounds;

/// <summary>
/// Writes a confounds table as TSV (header row, tab, invariant culture, round-trip precision, LF, n/a for NaN),
/// atomically: the design matrix a user keeps for provenance. It reads back to the same bits.
/// </summary>
public static class ConfoundsTsvWriter
{
    /// <summary>The TSV text of <paramref name="table"/>.</summary>
    public static string ToText(ConfoundsTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder();
        sb.Append(string.Join('\t', table.ColumnNames)).Append('\n');
        var values = table.Values;
        for (var r = 0; r < table.Rows; r++)
        {
            for (var c = 0; c < table.Columns; c++)
            {
                if (c > 0)
                {
                    sb.Append('\t');
                }

                var v = values[(r * table.Columns) + c];
                sb.Append(double.IsNaN(v) ? "n/a" : v.ToString("R", CultureInfo.InvariantCulture));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/> (temp file, then rename); a table without columns is refused.</summary>
    public static void Write(ConfoundsTable table, string path, bool overwrite, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Columns == 0)
        {
            throw new ConfoundsException(ConfoundsErrorKind.Empty, path, "the table has no columns to write (the strategy only censors volumes: its SampleMask is the result)");
        }

        var bytes = new UTF8Encoding(false).GetBytes(ToText(table));
        AtomicFile.Write(path, s => s.Write(bytes), overwrite, cancellationToken);
    }
}
