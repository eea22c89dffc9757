using System.Globalization;

namespace SeedCorr.Core.Seeds;

/// <summary>
/// A BIDS dseg table (<c>*_dseg.tsv</c>): tab-separated with a header that has <c>index</c> and <c>name</c> columns
/// (other columns, such as <c>color</c> or <c>abbreviation</c>, are ignored). A comma-separated file is accepted too.
/// </summary>
public static class LabelsTableReader
{
    /// <summary>Index → name.</summary>
    public static IReadOnlyDictionary<int, string> Read(string path)
    {
        var lines = TableLines.Read(path, "labels table");
        if (lines.Count == 0)
        {
            throw new SeedException(SeedErrorKind.InvalidAtlas, $"the labels table {path} is empty");
        }

        var sep = lines[0].Contains('\t', StringComparison.Ordinal) ? '\t' : ',';
        var header = lines[0].Split(sep).Select(h => h.Trim().Trim('"')).ToArray();
        var iIndex = Array.FindIndex(header, h => h.Equals("index", StringComparison.OrdinalIgnoreCase));
        var iName = Array.FindIndex(header, h => h.Equals("name", StringComparison.OrdinalIgnoreCase));
        if (iIndex < 0 || iName < 0)
        {
            throw new SeedException(SeedErrorKind.InvalidAtlas,
                $"the labels table {path} needs 'index' and 'name' columns (a BIDS dseg.tsv); its header is: {string.Join(", ", header)}");
        }

        var table = new Dictionary<int, string>();
        for (var n = 1; n < lines.Count; n++)
        {
            var cells = lines[n].Split(sep);
            if (cells.Length <= Math.Max(iIndex, iName))
            {
                throw new SeedException(SeedErrorKind.InvalidAtlas, $"row {n + 1} of {path} has {cells.Length} cells; the header has {header.Length}");
            }

            if (!int.TryParse(cells[iIndex].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
            {
                throw new SeedException(SeedErrorKind.InvalidAtlas, $"row {n + 1} of {path}: the index '{cells[iIndex]}' is not a whole number");
            }

            if (!table.TryAdd(index, cells[iName].Trim().Trim('"')))
            {
                throw new SeedException(SeedErrorKind.InvalidAtlas, $"row {n + 1} of {path}: the index {index} appears twice");
            }
        }

        return table;
    }
}
