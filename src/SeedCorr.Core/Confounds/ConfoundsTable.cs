using System.Collections.Immutable;

namespace SeedCorr.Core.Confounds;

/// <summary>
/// Confound regressors: named columns over time, float64, time-major. Immutable; values behind methods.
/// </summary>
public sealed class ConfoundsTable
{
    private readonly double[] _values;
    private readonly int _rows;

    /// <summary>Creates a table from time-major values (values[row · columns + column]).</summary>
    public ConfoundsTable(IReadOnlyList<string> columnNames, double[] values, string? path = null, IReadOnlyList<string>? filledColumns = null)
        : this(columnNames, values, RowsOf(columnNames, values), path, filledColumns)
    {
    }

    /// <summary>
    /// Creates a table of <paramref name="rows"/> volumes; it may have no columns (a strategy that only censors
    /// volumes, or ICA-AROMA "full" alone).
    /// </summary>
    public ConfoundsTable(IReadOnlyList<string> columnNames, double[] values, int rows, string? path = null, IReadOnlyList<string>? filledColumns = null)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if ((long)rows * columnNames.Count != values.Length)
        {
            throw new ArgumentException($"{values.Length} values do not fill {rows} rows of {columnNames.Count} columns", nameof(values));
        }

        ColumnNames = [.. columnNames];
        _values = values;
        _rows = rows;
        Path = path;
        FilledColumns = filledColumns is null ? [] : [.. filledColumns];
    }

    private static int RowsOf(IReadOnlyList<string> columnNames, double[] values)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        ArgumentNullException.ThrowIfNull(values);
        if (columnNames.Count == 0 || values.Length % columnNames.Count != 0)
        {
            throw new ArgumentException($"{values.Length} values do not fill {columnNames.Count} columns", nameof(values));
        }

        return values.Length / columnNames.Count;
    }

    /// <summary>Column names in order.</summary>
    public ImmutableArray<string> ColumnNames { get; }

    /// <summary>Number of rows (volumes).</summary>
    public int Rows => _rows;

    /// <summary>Number of columns.</summary>
    public int Columns => ColumnNames.Length;

    /// <summary>The file the table was read from, or null.</summary>
    public string? Path { get; }

    /// <summary>Columns whose first-row n/a was filled with the second row's value (fMRIPrep derivatives, FD, DVARS).</summary>
    public ImmutableArray<string> FilledColumns { get; }

    /// <summary>False when the file's first line held numbers (no header): the names are then column_1, column_2, ….</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>
    /// The 0-based indices of the volumes to keep (nilearn's <c>sample_mask</c>), or null when no volume is censored.
    /// Set by a denoising strategy (scrubbing, non-steady-state volumes).
    /// </summary>
    public IReadOnlyList<int>? SampleMask { get; init; }

    /// <summary>Volumes kept after censoring (all rows when there is no sample mask).</summary>
    public int VolumesKept => SampleMask?.Count ?? Rows;

    /// <summary>The denoising strategy and every parameter used to select the columns, or null for a plain table.</summary>
    public ConfoundStrategyOptions? Strategy { get; init; }

    /// <summary>The files read: the confounds table, and the JSON sidecar when one was read.</summary>
    public IReadOnlyList<string> SourceFiles { get; init; } = [];

    /// <summary>The values, time-major (no copy): for Core algorithms.</summary>
    internal double[] Values => _values;

    /// <summary>A copy of the values, time-major.</summary>
    public double[] GetValues() => (double[])_values.Clone();

    /// <summary>A [row, column] array copy.</summary>
    public double[,] ToArray()
    {
        var a = new double[Rows, Columns];
        Buffer.BlockCopy(_values, 0, a, 0, _values.Length * sizeof(double));
        return a;
    }

    /// <summary>One column by name (case-insensitive).</summary>
    public double[] GetColumn(string name)
    {
        var i = ColumnNames.IndexOf(name, StringComparer.OrdinalIgnoreCase);
        if (i < 0)
        {
            throw new ConfoundsException(ConfoundsErrorKind.ColumnNotFound, Path, $"no column '{name}'");
        }

        return GetColumn(i);
    }

    /// <summary>One column by index.</summary>
    public double[] GetColumn(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Columns);
        var col = new double[Rows];
        for (var r = 0; r < Rows; r++)
        {
            col[r] = _values[(r * Columns) + index];
        }

        return col;
    }

    /// <summary>Short and invariant: <c>Confounds 168x15 (trans_x, trans_y, …)</c>.</summary>
    public override string ToString()
    {
        if (ColumnNames.Length == 0)
        {
            return $"Confounds {Rows}x0";
        }

        var names = ColumnNames.Length <= 4 ? string.Join(", ", ColumnNames) : string.Join(", ", ColumnNames.Take(3)) + ", …";
        return $"Confounds {Rows}x{Columns} ({names})";
    }
}
