using System.Globalization;
using System.Text;
using SeedCorr.Core.Confounds;
using SeedCorr.Core.Tests.Support;
using Xunit.Abstractions;

namespace SeedCorr.Core.Tests.Fuzz;

/// <summary>
/// Deterministic fuzzing of the denoising strategies (<see cref="ConfoundStrategyLoader.LoadFile"/>): the real
/// fMRIPrep confound files and sidecars of tests/data/confounds/inputs, mutated the ways a lab's files go wrong
/// (truncated or mistyped JSON, CompCor metadata missing or contradicting the table, n/a everywhere, duplicated
/// columns, zero rows, huge numbers, a column of Infinity), under every preset and random strategy parameters. Every
/// call must return a usable table (finite values, a sample mask inside the rows) or raise a ConfoundsException, within
/// a bounded allocation. Fixed seeds and iteration counts (repeatable); SEEDCORR_FUZZ_SEED adds a run from another seed.
/// </summary>
public sealed class StrategyFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Iterations = 500;
    private const long AllocationBudget = 256L << 20;

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string[] FileSets = ["v1_4", "v21", "v1_4_no_nonsteady"];

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int> { 13, 1302, 20260 };
        if (int.TryParse(Environment.GetEnvironmentVariable("SEEDCORR_FUZZ_SEED"), out var extra))
        {
            seeds.Add(extra);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Strategies_on_mutated_fmriprep_files_return_a_finite_table_or_a_ConfoundsException(int seed)
    {
        var rng = new Random(seed);
        var sources = FileSets.Select(LoadSource).ToArray();
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var n = 0; n < Iterations; n++)
        {
            var (tsvName, tsv, json) = sources[rng.Next(sources.Length)];
            var folder = _dir.Path($"it{n % 4}");
            Directory.CreateDirectory(folder);
            var table = Path.Combine(folder, tsvName);
            File.WriteAllText(table, MutateTable(rng, tsv));
            var sidecar = FmriprepConfoundFiles.SidecarPath(table);
            File.Delete(sidecar);
            if (rng.Next(10) > 0)
            {
                File.WriteAllBytes(sidecar, MutateSidecar(rng, json));
            }

            var path = table;
            if (rng.Next(3) == 0)
            {
                // Through the BOLD name: the table is found by its entities (the image itself is never read).
                var entities = tsvName[..tsvName.IndexOf("_desc-confounds", StringComparison.Ordinal)];
                path = Path.Combine(folder, entities + (rng.Next(4) == 0 ? "_space-MNI_desc-smoothAROMAnonaggr_bold.nii.gz" : "_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz"));
            }

            var options = RandomOptions(rng, out var what);
            var warnings = new List<string>();
            var before = GC.GetAllocatedBytesForCurrentThread();
            string outcome;
            try
            {
                var result = ConfoundStrategyLoader.LoadFile(path, options, warnings);
                CheckResult(result, $"seed {seed}, iteration {n}, {what}");
                outcome = "table";
            }
            catch (ConfoundsException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                if (ex.FilePath is not null)
                {
                    Assert.StartsWith(Path.GetFileName(ex.FilePath) + ":", ex.Message, StringComparison.Ordinal);
                }

                outcome = ex.Kind.ToString();
            }
            catch (Exception ex)
            {
                Assert.Fail($"seed {seed}, iteration {n}, {what} on {path}: {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
                throw;
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < AllocationBudget, $"seed {seed}, iteration {n}, {what}: {allocated} bytes allocated");
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        output.WriteLine($"strategy fuzz, seed {seed}: " + string.Join(", ", outcomes.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}")));
        // The mutations must leave some inputs usable, or the fuzzer tests only the first error it meets.
        Assert.True(outcomes.GetValueOrDefault("table") > Iterations / 20, "too few inputs were usable");
    }

    /// <summary>What a caller relies on: finite values, a sorted sample mask inside the rows, unique column names.</summary>
    private static void CheckResult(ConfoundsTable t, string what)
    {
        var values = t.GetValues();
        var bad = Array.FindIndex(values, v => !double.IsFinite(v));
        Assert.True(bad < 0, $"{what}: value {(bad < 0 ? 0 : values[bad])} in column '{(bad < 0 ? "" : t.ColumnNames[bad % t.Columns])}'");
        Assert.Equal(t.Columns, t.ColumnNames.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        if (t.SampleMask is { } mask)
        {
            Assert.NotEmpty(mask);
            Assert.True(mask.All(i => i >= 0 && i < t.Rows), what);
            Assert.True(mask.Zip(mask.Skip(1)).All(p => p.First < p.Second), what);
        }
    }

    private static (string Name, string Tsv, string Json) LoadSource(string set)
    {
        var folder = TestData.Path("confounds", "inputs", set, "func");
        var tsv = Directory.GetFiles(folder, "*_desc-confounds_*.tsv").Single();
        return (Path.GetFileName(tsv), File.ReadAllText(tsv), File.ReadAllText(FmriprepConfoundFiles.SidecarPath(tsv)));
    }

    private static readonly string[] Extremes = ["1e308", "-1e308", "1.7976931348623157e308", "1e200", "-1e200", "5e-324", "0", "n/a", "Infinity", "-inf", "1e999", "NaN", "", "1,5", "0x10"];

    /// <summary>Table-level mutations (cells, columns, rows), now and then a byte-level one.</summary>
    internal static string MutateTable(Random rng, string tsv)
    {
        var lines = tsv.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').Select(l => l.Split('\t')).ToList();
        var width = lines[0].Length;
        for (var m = rng.Next(0, 4); m > 0; m--)
        {
            var col = rng.Next(width);
            switch (rng.Next(12))
            {
                case 0: // one column n/a (or an extreme value) everywhere
                    var token = Extremes[rng.Next(Extremes.Length)];
                    foreach (var l in lines.Skip(1).Where(l => col < l.Length))
                    {
                        l[col] = token;
                    }

                    break;
                case 1: // n/a everywhere
                    foreach (var l in lines.Skip(1))
                    {
                        Array.Fill(l, "n/a");
                    }

                    break;
                case 2: // an extreme value in one cell
                    var row = lines.Count > 1 ? lines[rng.Next(1, lines.Count)] : [];
                    if (col < row.Length)
                    {
                        row[col] = Extremes[rng.Next(Extremes.Length)];
                    }

                    break;
                case 3: // a column scaled up to the edge of double precision
                    var scale = Math.Pow(10, rng.Next(100, 309));
                    foreach (var l in lines.Skip(1).Where(l => col < l.Length))
                    {
                        if (double.TryParse(l[col], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                        {
                            l[col] = (v * scale).ToString("R", CultureInfo.InvariantCulture);
                        }
                    }

                    break;
                case 4: // a duplicated column (same name, or the same name in another case)
                    var name = rng.Next(2) == 0 ? lines[0][col] : lines[0][col].ToUpperInvariant();
                    for (var r = 0; r < lines.Count; r++)
                    {
                        lines[r] = [.. lines[r], r == 0 ? name : lines[r].ElementAtOrDefault(col) ?? "0"];
                    }

                    break;
                case 5: // zero rows, one row, or fewer rows
                    lines = lines.Take(rng.Next(3) switch { 0 => 1, 1 => 2, _ => rng.Next(1, lines.Count + 1) }).ToList();
                    break;
                case 6: // a column removed (a strategy may need it)
                    for (var r = 0; r < lines.Count; r++)
                    {
                        if (col < lines[r].Length)
                        {
                            lines[r] = [.. lines[r].Take(col), .. lines[r].Skip(col + 1)];
                        }
                    }

                    width = Math.Max(1, width - 1);
                    break;
                case 7: // every volume an outlier, or a random outlier column
                    var outlier = lines[0].Select((h, i) => (h, i)).Where(p => p.h.Contains("outlier", StringComparison.Ordinal)).Select(p => p.i).ToList();
                    var target = outlier.Count > 0 && rng.Next(2) == 0 ? outlier[rng.Next(outlier.Count)] : col;
                    foreach (var l in lines.Skip(1).Where(l => target < l.Length))
                    {
                        l[target] = rng.Next(3) == 0 ? "1" : rng.Next(2).ToString(CultureInfo.InvariantCulture);
                    }

                    break;
                case 8: // FD / DVARS pushed over any threshold
                    var fd = Array.FindIndex(lines[0], h => h is "framewise_displacement" or "std_dvars");
                    if (fd >= 0)
                    {
                        foreach (var l in lines.Skip(1).Where(l => fd < l.Length && rng.Next(2) == 0))
                        {
                            l[fd] = rng.Next(4) == 0 ? "n/a" : (rng.NextDouble() * 10).ToString("R", CultureInfo.InvariantCulture);
                        }
                    }

                    break;
                case 9: // a header renamed: camelCase, empty, a stray space or unicode
                    lines[0][col] = rng.Next(4) switch { 0 => "transX", 1 => "", 2 => lines[0][col] + " ", _ => lines[0][col] + "é" };
                    break;
                case 10: // a ragged row
                    var ragged = rng.Next(1, Math.Max(2, lines.Count));
                    if (ragged < lines.Count)
                    {
                        lines[ragged] = rng.Next(2) == 0 ? lines[ragged][..^1] : [.. lines[ragged], "0"];
                    }

                    break;
                default: // huge and tiny numbers in every cell of a row
                    var all = lines.Count > 1 ? lines[rng.Next(1, lines.Count)] : [];
                    for (var i = 0; i < all.Length; i++)
                    {
                        all[i] = rng.Next(2) == 0 ? "1e307" : "-1e307";
                    }

                    break;
            }
        }

        var text = string.Join("\n", lines.Select(l => string.Join('\t', l))) + "\n";
        if (rng.Next(8) == 0)
        {
            var at = rng.Next(text.Length);
            text = rng.Next(2) == 0 ? text[..at] : text.Insert(at, Extremes[rng.Next(Extremes.Length)]);
        }

        return text;
    }

    /// <summary>Sidecar mutations: truncated, wrong types, Mask missing or contradicting, huge numbers, deep nesting, bytes.</summary>
    internal static byte[] MutateSidecar(Random rng, string json)
    {
        var text = json;
        switch (rng.Next(12))
        {
            case 0:
                text = text[..rng.Next(text.Length)];
                break;
            case 1: // every Mask changed: another mask, a number, null, an object
                var replacement = new[] { "\"CSF\"", "\"WM\"", "\"combined\"", "5", "null", "{}", "[\"combined\"]", "\"\"", "\"comb\"" }[rng.Next(9)];
                text = System.Text.RegularExpressions.Regex.Replace(text, "\"Mask\": \"[A-Za-z]+\"", m => rng.Next(2) == 0 ? m.Value : "\"Mask\": " + replacement);
                break;
            case 2: // the Mask entries removed
                text = System.Text.RegularExpressions.Regex.Replace(text, "\"Mask\": \"[A-Za-z]+\",", m => rng.Next(3) == 0 ? m.Value : string.Empty);
                break;
            case 3: // entries for components the table does not have
                text = "{" + string.Join(",", Enumerable.Range(0, rng.Next(1, 400)).Select(i => $"\"{"atwc"[rng.Next(4)]}_comp_cor_{i:00}\": {{\"Mask\": \"{new[] { "combined", "CSF", "WM" }[rng.Next(3)]}\"}}")) + "," + text.TrimStart()[1..];
                break;
            case 4: // the root as an array, a number, a string
                text = new[] { "[" + text + "]", "42", "\"text\"", "null", "[]" }[rng.Next(5)];
                break;
            case 5: // entries as arrays or numbers
                text = System.Text.RegularExpressions.Regex.Replace(text, "\"([atwc]_comp_cor_\\d+)\": \\{", m => rng.Next(4) == 0 ? $"\"{m.Groups[1].Value}\": [0], \"x{m.Groups[1].Value}\": {{" : m.Value);
                break;
            case 6: // huge numbers
                text = System.Text.RegularExpressions.Regex.Replace(text, "\\d+\\.\\d+", m => rng.Next(3) == 0 ? "1e999999" : m.Value);
                break;
            case 7: // deep nesting
                var depth = rng.Next(50, 5000);
                text = "{\"a_comp_cor_00\": " + new string('[', depth) + new string(']', depth) + "," + text.TrimStart()[1..];
                break;
            case 8: // duplicated keys
                text = "{\"a_comp_cor_00\": {\"Mask\": \"CSF\"}, \"a_comp_cor_00\": {\"Mask\": \"combined\"}," + text.TrimStart()[1..];
                break;
            case 9: // random bytes, anywhere or inside a name or Mask value
                var bytes = Encoding.UTF8.GetBytes(text);
                for (var k = rng.Next(1, 10); k > 0; k--)
                {
                    var at = rng.Next(2) == 0 ? rng.Next(bytes.Length) : Math.Max(0, text.IndexOf("comp_cor", rng.Next(text.Length), StringComparison.Ordinal));
                    bytes[at] = (byte)rng.Next(128, 256);
                }

                return bytes;
            case 10: // empty, or a UTF-8 byte-order mark
                return rng.Next(2) == 0 ? [] : [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)];
            default:
                break;
        }

        return Encoding.UTF8.GetBytes(text);
    }

    private static T Pick<T>(Random rng, params T[] values) => values[rng.Next(values.Length)];

    private static T AnyEnum<T>(Random rng)
        where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        // Now and then a value outside the enum, as an integer cast or a future version would give.
        return rng.Next(20) == 0 ? (T)(object)(values.Length + rng.Next(5)) : values[rng.Next(values.Length)];
    }

    private static double AnyThreshold(Random rng) =>
        rng.Next(6) switch { 0 => Pick(rng, double.NaN, -1, double.PositiveInfinity, 0, 1e308, -0.0), 1 => rng.NextDouble() * 0.1, _ => rng.NextDouble() * 3 };

    private static int AnyCount(Random rng) => rng.Next(5) switch { 0 => Pick(rng, -1, 0, int.MaxValue, int.MinValue, 1), _ => rng.Next(0, 40) };

    internal static ConfoundStrategyOptions RandomOptions(Random rng, out string what)
    {
        ConfoundStrategyOptions o;
        if (rng.Next(2) == 0)
        {
            var preset = AnyEnum<DenoiseStrategy>(rng);
            var overrides = new PresetOverrides
            {
                Motion = rng.Next(3) == 0 ? AnyEnum<ExpansionModel>(rng) : null,
                WmCsf = rng.Next(3) == 0 ? AnyEnum<ExpansionModel>(rng) : null,
                GlobalSignal = rng.Next(3) == 0 ? AnyEnum<ExpansionModel>(rng) : null,
                CompCor = rng.Next(3) == 0 ? AnyEnum<CompCorMethod>(rng) : null,
                CompCorCountGiven = rng.Next(3) == 0,
                CompCorCount = rng.Next(2) == 0 ? null : AnyCount(rng),
                IcaAroma = rng.Next(5) == 0 ? AnyEnum<IcaAromaMode>(rng) : null,
                ScrubMinSegment = rng.Next(3) == 0 ? AnyCount(rng) : null,
                FdThreshold = rng.Next(3) == 0 ? AnyThreshold(rng) : null,
                StdDvarsThreshold = rng.Next(3) == 0 ? AnyThreshold(rng) : null,
                Demean = rng.Next(4) == 0 ? rng.Next(2) == 0 : null,
            };
            try
            {
                o = ConfoundPresets.Create(preset, overrides, out _);
            }
            catch (ConfoundsException)
            {
                o = new ConfoundStrategyOptions();
            }
        }
        else
        {
            var components = Enumerable.Range(0, rng.Next(0, 6)).Select(_ => AnyEnum<ConfoundComponent>(rng)).ToList();
            o = new ConfoundStrategyOptions
            {
                Strategy = components,
                Motion = AnyEnum<ExpansionModel>(rng),
                WmCsf = AnyEnum<ExpansionModel>(rng),
                GlobalSignal = AnyEnum<ExpansionModel>(rng),
                CompCor = AnyEnum<CompCorMethod>(rng),
                CompCorCount = rng.Next(2) == 0 ? null : AnyCount(rng),
                IcaAroma = AnyEnum<IcaAromaMode>(rng),
                ScrubMinSegment = AnyCount(rng),
                FdThreshold = AnyThreshold(rng),
                StdDvarsThreshold = AnyThreshold(rng),
                Demean = rng.Next(4) > 0,
                ExtraColumns = rng.Next(4) == 0 ? [Pick(rng, "trans_*", "*", "csf", "nothing_here", "a_comp_cor_0?", "**********x", "", "*_power2", "TRANS_X")] : [],
            };
        }

        what = o.ToString();
        return o;
    }
}
