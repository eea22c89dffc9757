using SeedCorr.Core.Confounds;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Confounds;

/// <summary>The defects StrategyFuzzTests found, one test each (each failed before its fix).</summary>
public sealed class StrategyFuzzFindingsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string V21Table = Directory.GetFiles(TestData.Path("confounds", "inputs", "v21", "func"), "*_desc-confounds_timeseries.tsv").Single();

    /// <summary>The v21 table with column <paramref name="column"/> set to <paramref name="value"/> in every data row.</summary>
    private string TableWith(string column, string value)
    {
        var lines = File.ReadAllLines(V21Table);
        var at = Array.IndexOf(lines[0].Split('\t'), column);
        Assert.True(at >= 0);
        for (var r = 1; r < lines.Length; r++)
        {
            var cells = lines[r].Split('\t');
            cells[at] = value;
            lines[r] = string.Join('\t', cells);
        }

        var path = _dir.Path(Path.GetFileName(V21Table));
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void A_column_whose_mean_overflows_is_refused_naming_it_not_returned_as_NaN()
    {
        // 30 rows of 1.5e307: each value is finite, their sum (4.5e308) is not; before the fix the demeaned column
        // was NaN in every row and the cleaner later reported "a missing or infinite value" without the column's row.
        var path = TableWith("csf", "1.5e307");
        var ex = Assert.Throws<ConfoundsException>(() => ConfoundStrategyLoader.LoadFile(path, new ConfoundStrategyOptions(), []));
        Assert.Equal(ConfoundsErrorKind.Malformed, ex.Kind);
        Assert.StartsWith(Path.GetFileName(path) + ": column 'csf' holds values too large to demean", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1.5E+307 in data row 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_column_without_demeaning_is_kept_as_it_is()
    {
        var path = TableWith("csf", "1.5e307");
        var t = ConfoundStrategyLoader.LoadFile(path, new ConfoundStrategyOptions { Demean = false }, []);
        Assert.All(t.GetColumn("csf"), v => Assert.Equal(1.5e307, v));
    }

    [Fact]
    public void The_largest_minimal_segment_censors_every_gap_as_any_large_one_does()
    {
        // gap < minSegment + 1 overflowed for int.MaxValue: the gap 4..9 between the outliers 3 and 10 was kept.
        var expected = Enumerable.Range(0, 20).ToArray();
        Assert.Equal(expected, Scrubbing.RemoveShortSegments([3, 10], 20, 1000));
        Assert.Equal(expected, Scrubbing.RemoveShortSegments([3, 10], 20, int.MaxValue));
    }

    [Theory]
    [InlineData("strategy item 42")]
    [InlineData("the Motion value 9")]
    [InlineData("the CompCor value 17")]
    public void An_undefined_enum_value_is_refused_not_skipped(string what)
    {
        var o = what switch
        {
            "strategy item 42" => new ConfoundStrategyOptions { Strategy = [ConfoundComponent.HighPass, (ConfoundComponent)42] },
            "the Motion value 9" => new ConfoundStrategyOptions { Motion = (ExpansionModel)9 },
            _ => new ConfoundStrategyOptions { Strategy = [ConfoundComponent.HighPass, ConfoundComponent.CompCor], CompCor = (CompCorMethod)17 },
        };
        var ex = Assert.Throws<ConfoundsException>(() => ConfoundStrategyLoader.LoadFile(V21Table, o, []));
        Assert.Equal(ConfoundsErrorKind.InvalidStrategy, ex.Kind);
        Assert.Contains(what + " is not a defined value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undefined_value_of_an_unused_component_is_ignored_like_its_other_parameters()
    {
        var t = ConfoundStrategyLoader.LoadFile(V21Table, new ConfoundStrategyOptions { GlobalSignal = (ExpansionModel)9 }, []);
        Assert.Equal(30, t.Rows);
        Assert.Contains("csf", t.ColumnNames);
    }

    [Theory]
    [InlineData("{\"a_comp_cor_0", "0\": {\"Mask\": \"combined\"}}", 14)]
    [InlineData("{\"a_comp_cor_00\": {\"Mask\": \"comb", "ined\"}}", 32)]
    public void A_sidecar_with_invalid_UTF8_in_a_name_or_value_is_SidecarInvalid_not_an_InvalidOperationException(string before, string after, int at)
    {
        // System.Text.Json checks a string's bytes only when it is read (p.Name, GetString): it threw
        // InvalidOperationException "Cannot transcode invalid UTF-8" from inside the CompCor selection.
        var path = _dir.Path("sub-03_task-rest_run-2_desc-confounds_timeseries.json");
        File.WriteAllBytes(path, [.. System.Text.Encoding.UTF8.GetBytes(before), 0xC3, 0x28, .. System.Text.Encoding.UTF8.GetBytes(after)]);
        var ex = Assert.Throws<ConfoundsException>(() => ConfoundsSidecar.Read(path));
        Assert.Equal(ConfoundsErrorKind.SidecarInvalid, ex.Kind);
        Assert.Equal($"{Path.GetFileName(path)}: the JSON sidecar is not UTF-8 text (invalid byte at {at}): save it as UTF-8", ex.Message);
    }
}
