using SeedCorr.Core.Geometry;
using System.Globalization;
using SeedCorr.Core.Masking;

namespace SeedCorr.Core.Seeds;

/// <summary>
/// Coordinate tables of seed centres in world mm: the Schaefer 2018 centroid format (<c>ROI Label,ROI Name,R,A,S</c>)
/// and <c>x,y,z[,name]</c> tables (Power 2011 <c>ROI,X,Y,Z</c>, Dosenbach 2010 <c>number,x,y,z,name,network</c>).
/// Comma, tab or whitespace separated, one header row; column names are matched without regard to case. The index is
/// the <c>ROI Label</c>/<c>ROI</c>/<c>number</c>/<c>index</c> column, else the row number; a table without a name
/// column names each seed by its coordinates (<c>x0ym52z18</c>).
/// </summary>
public static class CoordinateTableReader
{
    private static readonly string[] IndexColumns = ["roi label", "roi", "number", "index", "id"];
    private static readonly string[] NameColumns = ["roi name", "name", "label", "region"];

    /// <summary>The rows of a table as (index, name or null, centre).</summary>
    public static IReadOnlyList<(int Index, string? Name, WorldPoint Center)> Read(string path)
    {
        var lines = TableLines.Read(path, "coordinate table");
        return Parse(lines, path);
    }

    /// <summary>Parses the lines of a table (<paramref name="source"/> names it in messages).</summary>
    public static IReadOnlyList<(int Index, string? Name, WorldPoint Center)> Parse(IReadOnlyList<string> allLines, string source)
    {
        ArgumentNullException.ThrowIfNull(allLines);
        var lines = allLines.Where(l => l.Trim().Length > 0).ToList();
        if (lines.Count < 2)
        {
            throw new SeedException(SeedErrorKind.InvalidAtlas, $"the coordinate table {source} needs a header row and at least one row of coordinates");
        }

        Func<string, string[]> split = lines[0].Contains('\t', StringComparison.Ordinal) ? l => l.Split('\t')
            : lines[0].Contains(',', StringComparison.Ordinal) ? l => l.Split(',')
            : l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var header = split(lines[0]).Select(h => h.Trim().Trim('"').ToLowerInvariant()).ToArray();
        int Find(params string[] names) => Array.FindIndex(header, h => names.Contains(h));
        int ix = Find("x", "r"), iy = Find("y", "a"), iz = Find("z", "s");
        if (ix < 0 || iy < 0 || iz < 0)
        {
            throw new SeedException(SeedErrorKind.InvalidAtlas,
                $"the coordinate table {source} needs x, y, z (or R, A, S) columns in mm; its header is: {string.Join(", ", header)}");
        }

        var iIndex = IndexColumns.Select(c => Array.IndexOf(header, c)).FirstOrDefault(i => i >= 0, -1);
        var iName = NameColumns.Select(c => Array.IndexOf(header, c)).FirstOrDefault(i => i >= 0 && i != iIndex, -1);
        var rows = new List<(int, string?, WorldPoint)>(lines.Count - 1);
        for (var n = 1; n < lines.Count; n++)
        {
            var cells = split(lines[n]).Select(c => c.Trim().Trim('"')).ToArray();
            double Number(int column, string what)
            {
                if (column >= cells.Length || !double.TryParse(cells[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                {
                    throw new SeedException(SeedErrorKind.InvalidAtlas,
                        $"row {n + 1} of {source}: the {what} value '{(column < cells.Length ? cells[column] : string.Empty)}' is not a number");
                }

                return v;
            }

            var index = n;
            if (iIndex >= 0)
            {
                var value = Number(iIndex, header[iIndex]);
                if (value != Math.Round(value) || value < int.MinValue || value > int.MaxValue)
                {
                    throw new SeedException(SeedErrorKind.InvalidAtlas, $"row {n + 1} of {source}: the index {value} is not a whole number");
                }

                index = (int)value;
            }

            var name = iName >= 0 && iName < cells.Length && cells[iName].Length > 0 ? cells[iName] : null;
            rows.Add((index, name, new WorldPoint(Number(ix, header[ix]), Number(iy, header[iy]), Number(iz, header[iz]))));
        }

        return rows;
    }
}
