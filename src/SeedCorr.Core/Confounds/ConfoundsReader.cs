using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using SeedCorr.Core.IO;

namespace SeedCorr.Core.Confounds;

/// <summary>
/// Reads confound regressors from a TSV/CSV file (fMRIPrep's *_desc-confounds_timeseries.tsv and friends): delimiter
/// sniffed from the first line (tab, comma, semicolon, else runs of spaces), an optional header row, `n/a` as missing.
/// </summary>
public static partial class ConfoundsReader
{
    private static readonly string[] MissingTokens = ["n/a", "na", "nan", ""];

    /// <summary>
    /// Columns fMRIPrep leaves empty (n/a) in the first row because they are differences with the previous volume.
    /// nilearn's load_confounds fills those with the second row's value; so do we, and say so.
    /// </summary>
    public static bool IsFirstRowDerivative(string column) =>
        DerivativeRegex().IsMatch(column);

    [GeneratedRegex(@"(_derivative1(_power2)?$)|(^framewise_displacement$)|(^(std_|non_std_|vx_wise_std_)?dvars$)|(^rmsd$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DerivativeRegex();

    /// <summary>
    /// Reads <paramref name="path"/>, keeping the columns that match <paramref name="columns"/> (names or wildcards
    /// with * and ?, case-insensitive, in the order given; all columns when null or empty). First-row n/a in
    /// derivative-like columns is filled from row 2 (listed in <see cref="ConfoundsTable.FilledColumns"/>); any other
    /// missing value is an error naming the column and row.
    /// </summary>
    public static ConfoundsTable Read(string path, IReadOnlyList<string>? columns = null) => Read(path, columns, keepMissing: false);

    /// <summary>
    /// Every column of <paramref name="path"/> as parsed, n/a kept as NaN and nothing filled, with
    /// <see cref="ConfoundsTable.HasHeader"/> set: the input of a denoising strategy (<see cref="ConfoundStrategyLoader"/>).
    /// </summary>
    public static ConfoundsTable ReadRaw(string path) => Read(path, null, keepMissing: true);

    private static ConfoundsTable Read(string path, IReadOnlyList<string>? columns, bool keepMissing)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var rows = Tokenize(ReadText(path), path);
        if (rows.Length == 0)
        {
            throw new ConfoundsException(ConfoundsErrorKind.Empty, path, "the file is empty");
        }

        rows = DropTrailingEmptyColumn(rows);
        var header = rows[0].Any(t => !IsNumberOrMissing(t));
        var names = header
            ? rows[0].Select(n => n.Trim()).ToArray()
            : Enumerable.Range(1, rows[0].Length).Select(i => $"column_{i}").ToArray();
        var unnamed = Array.FindIndex(names, n => n.Length == 0);
        if (unnamed >= 0)
        {
            throw new ConfoundsException(ConfoundsErrorKind.Malformed, path, $"column {unnamed + 1} of the header has no name");
        }

        var dup = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            throw new ConfoundsException(ConfoundsErrorKind.DuplicateColumn, path, $"the column name '{dup.Key}' appears {dup.Count()} times");
        }

        var data = rows.Skip(header ? 1 : 0).ToArray();
        if (data.Length == 0)
        {
            throw new ConfoundsException(ConfoundsErrorKind.Empty, path, "the file has a header but no data rows");
        }

        var selected = Select(names, columns, path);
        var k = selected.Length;
        var values = new double[data.Length * k];
        for (var r = 0; r < data.Length; r++)
        {
            var line = r + (header ? 2 : 1);
            if (data[r].Length != names.Length)
            {
                throw new ConfoundsException(ConfoundsErrorKind.Malformed, path,
                    $"line {line} has {data[r].Length} fields but the {(header ? "header" : "first line")} has {names.Length}");
            }

            for (var j = 0; j < k; j++)
            {
                var token = data[r][selected[j]].Trim();
                if (IsMissing(token))
                {
                    values[(r * k) + j] = double.NaN;
                }
                else if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                {
                    // "Infinity", "1e999" parse as ±∞: refuse them here, where the column and line are still known
                    // (after detrending the infinity would be everywhere and the row lost).
                    values[(r * k) + j] = double.IsFinite(v) ? v
                        : throw new ConfoundsException(ConfoundsErrorKind.Malformed, path,
                            $"column '{names[selected[j]]}', line {line}: '{token}' is not a finite number");
                }
                else
                {
                    throw new ConfoundsException(ConfoundsErrorKind.Malformed, path,
                        $"column '{names[selected[j]]}', line {line}: '{token}' is not a number");
                }
            }
        }

        if (keepMissing)
        {
            return new ConfoundsTable(selected.Select(i => names[i]).ToArray(), values, data.Length, Path.GetFullPath(path)) { HasHeader = header };
        }

        var filled = new List<string>();
        for (var j = 0; j < k; j++)
        {
            var name = names[selected[j]];
            for (var r = 0; r < data.Length; r++)
            {
                if (!double.IsNaN(values[(r * k) + j]))
                {
                    continue;
                }

                if (r == 0 && data.Length > 1 && IsFirstRowDerivative(name) && !double.IsNaN(values[k + j]))
                {
                    values[j] = values[k + j];
                    filled.Add(name);
                    continue;
                }

                throw new ConfoundsException(ConfoundsErrorKind.MissingValue, path,
                    $"column '{name}' has a missing value (n/a) in data row {r + 1} (line {r + (header ? 2 : 1)}); only the first row of derivative, framewise-displacement and DVARS columns can be filled. Drop the column with -Column or fill the value first.");
            }
        }

        return new ConfoundsTable(selected.Select(i => names[i]).ToArray(), values, Path.GetFullPath(path), filled);
    }

    private static int[] Select(string[] names, IReadOnlyList<string>? patterns, string path)
    {
        if (patterns is null || patterns.Count == 0)
        {
            return Enumerable.Range(0, names.Length).ToArray();
        }

        var result = new List<int>();
        foreach (var pattern in patterns)
        {
            var regex = ColumnPattern(pattern);
            var matches = Enumerable.Range(0, names.Length).Where(i => regex.IsMatch(names[i])).ToList();
            if (matches.Count == 0)
            {
                var sample = string.Join(", ", names.Take(12)) + (names.Length > 12 ? ", …" : string.Empty);
                throw new ConfoundsException(ConfoundsErrorKind.ColumnNotFound, path, $"no column matches '{pattern}' (columns: {sample})");
            }

            result.AddRange(matches.Where(i => !result.Contains(i)));
        }

        return [.. result];
    }

    // A confounds table is kilobytes to a few megabytes; refuse to pull a mistaken multi-gigabyte file (or an endless
    // device) into memory. The bound is on the bytes read, not on the length the file claims.
    private const long MaxBytes = 256L << 20;

    /// <summary>The file's text: regular files only (through <see cref="InputFile"/>), at most 256 MiB, UTF-8 (or UTF-16/32 with a byte-order mark).</summary>
    private static string ReadText(string path)
    {
        byte[] bytes;
        try
        {
            using var stream = InputFile.OpenRead(path, MaxBytes);
            var length = new FileInfo(path).Length;
            if (length > MaxBytes)
            {
                throw new ConfoundsException(ConfoundsErrorKind.Malformed, path,
                    $"the file has {length / (1 << 20)} MiB, more than the 256 MiB a confounds table could need: is it the right file?");
            }

            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            bytes = buffer.ToArray();
        }
        catch (InputFileException ex)
        {
            var kind = ex.Problem switch
            {
                InputFileProblem.NotFound => ConfoundsErrorKind.NotFound,
                InputFileProblem.NotRegularFile => ConfoundsErrorKind.NotRegularFile,
                _ => ConfoundsErrorKind.Malformed,
            };
            throw new ConfoundsException(kind, path, ex.Detail, ex);
        }

        return DecodeText(bytes, path);
    }

    private static string DecodeText(byte[] bytes, string path)
    {
        using (var probe = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true))
        {
            probe.Peek();
            if (probe.CurrentEncoding is not UTF8Encoding || (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF))
            {
                // A byte-order mark says what the encoding is (UTF-16/32, or UTF-8 with BOM as Excel writes it).
                return probe.ReadToEnd();
            }
        }

        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            throw new ConfoundsException(ConfoundsErrorKind.Malformed, path,
                $"the file is not UTF-8 text: byte {nul} is NUL (UTF-16 without a byte-order mark?); save it as UTF-8");
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new ConfoundsException(ConfoundsErrorKind.Malformed, path,
                $"the file is not UTF-8 text (invalid byte 0x{ex.BytesUnknown?.FirstOrDefault():X2} at byte {ex.Index}); save it as UTF-8", ex);
        }
    }

    /// <summary>
    /// A separator at the end of every line (a trailing tab) gives an extra last field that is empty in the header
    /// and in every row: drop it rather than report a column named ''.
    /// </summary>
    private static string[][] DropTrailingEmptyColumn(string[][] rows)
    {
        var width = rows[0].Length;
        if (width < 2 || rows[0][^1].Trim().Length > 0 || !rows.All(r => r.Length == width && r[^1].Trim().Length == 0))
        {
            return rows;
        }

        return rows.Select(r => r[..^1]).ToArray();
    }

    /// <summary>Splits the file into fields with CsvHelper, the delimiter sniffed from the first non-empty line.</summary>
    private static string[][] Tokenize(string all, string path)
    {
        var firstLine = all.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.Trim().Length > 0);
        if (firstLine is null)
        {
            return [];
        }

        char? delimiter = firstLine.Contains('\t', StringComparison.Ordinal) ? '\t'
            : firstLine.Contains(',', StringComparison.Ordinal) ? ','
            : firstLine.Contains(';', StringComparison.Ordinal) ? ';'
            : null;
        if (delimiter is null)
        {
            // Whitespace-separated numbers (numpy.savetxt's default): runs of spaces are one separator.
            return all.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)
                .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToArray();
        }

        var options = new CsvReaderOptions
        {
            Separator = delimiter.Value,
            HasHeader = false,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow, // ragged rows are reported by Read with the line number
            TrackLineNumbers = true,
        };
        var rows = new List<string[]>();
        try
        {
            using var csv = CsvReader.Create(new StringReader(all), options, false);
            while (csv.Read())
            {
                var record = new string[csv.FieldCount];
                for (var i = 0; i < record.Length; i++)
                {
                    record[i] = csv.GetString(i);
                }

                if (record.Length == 1 && record[0].Trim().Length == 0)
                {
                    continue;
                }

                rows.Add(record);
            }
        }
        catch (CsvFormatException ex)
        {
            throw new ConfoundsException(ConfoundsErrorKind.Malformed, path, $"malformed CSV: {ex.Message}", ex);
        }

        return [.. rows];
    }

    /// <summary>A column-name pattern with * and ? wildcards, whole name, case-insensitive.</summary>
    internal static Regex ColumnPattern(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static bool IsMissing(string token) => MissingTokens.Contains(token.Trim(), StringComparer.OrdinalIgnoreCase);

    private static bool IsNumberOrMissing(string token) =>
        IsMissing(token) || double.TryParse(token.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
