using System.Text;
using SeedCorr.Core.Confounds;
using SeedCorr.Core.Tests.IO;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Confounds;

/// <summary>Items 1, 6 and 18 of issue 13: what the confounds reader opens and how it reads cells.</summary>
public sealed class ConfoundsReaderInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_device_that_never_ends_is_refused_before_reading()
    {
        var ex = Assert.Throws<ConfoundsException>(() => ConfoundsReader.Read("/dev/zero"));
        Assert.Equal(ConfoundsErrorKind.NotRegularFile, ex.Kind);
        Assert.Contains("device", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_without_writer_and_a_folder_are_refused_and_named()
    {
        var fifo = InputFileTests.MakeFifo(_dir.Path("conf.tsv"));
        // Without the type check the open blocks for ever: the wait makes that a failure, not a stopped run (no speed check).
        var ex = await Assert.ThrowsAsync<ConfoundsException>(() => Task.Run(() => ConfoundsReader.Read(fifo)).WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(ConfoundsErrorKind.NotRegularFile, ex.Kind);
        Assert.Contains("conf.tsv", ex.Message, StringComparison.Ordinal);

        Directory.CreateDirectory(_dir.Path("dir.tsv"));
        var dir = Assert.Throws<ConfoundsException>(() => ConfoundsReader.Read(_dir.Path("dir.tsv")));
        Assert.Equal(ConfoundsErrorKind.NotRegularFile, dir.Kind);
        Assert.Contains("folder", dir.Message, StringComparison.Ordinal);
        Assert.Equal(ConfoundsErrorKind.NotFound, Assert.Throws<ConfoundsException>(() => ConfoundsReader.Read(_dir.Path("nope.tsv"))).Kind);
    }

    [Theory]
    [InlineData("Infinity")]
    [InlineData("1e999")]
    [InlineData("-inf")]
    [InlineData("-1E+400")]
    public void An_infinite_cell_is_refused_naming_column_line_and_value(string cell)
    {
        var rows = new StringBuilder("a\tb\tc\n");
        for (var r = 1; r <= 90; r++)
        {
            rows.Append(CultureInfoInvariant(r)).Append('\t').Append(r * 2).Append('\t').Append(r == 80 ? cell : "0.5").Append('\n');
        }

        var ex = Assert.Throws<ConfoundsException>(() => ConfoundsReader.Read(_dir.WriteText("inf.tsv", rows.ToString())));
        Assert.Equal(ConfoundsErrorKind.Malformed, ex.Kind);
        Assert.Contains($"column 'c', line 81: '{cell}' is not a", ex.Message, StringComparison.Ordinal);
    }

    private static string CultureInfoInvariant(int v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void UTF16_without_a_byte_order_mark_is_named_not_UTF8_and_with_one_is_read()
    {
        var text = "a\tb\n1\t2\n3\t4\n";
        var p = _dir.Path("u16.tsv");
        File.WriteAllBytes(p, Encoding.Unicode.GetBytes(text));
        var ex = Assert.Throws<ConfoundsException>(() => ConfoundsReader.Read(p));
        Assert.Equal(ConfoundsErrorKind.Malformed, ex.Kind);
        Assert.Contains("not UTF-8", ex.Message, StringComparison.Ordinal);
        Assert.Contains("UTF-16", ex.Message, StringComparison.Ordinal);

        File.WriteAllBytes(p, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);
        Assert.Equal([1.0, 3.0], ConfoundsReader.Read(p).GetColumn("a"));

        File.WriteAllBytes(p, [(byte)'a', (byte)'\n', 0xC3, 0x28, (byte)'\n']);
        Assert.Contains("not UTF-8", Assert.Throws<ConfoundsException>(() => ConfoundsReader.Read(p)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trailing_tab_on_every_line_gives_no_phantom_column()
    {
        var table = ConfoundsReader.Read(_dir.WriteText("trail.tsv", "a\tb\t\n1\t2\t\n3\t4\t\n"));
        Assert.Equal(["a", "b"], table.ColumnNames.ToArray());
        Assert.Equal([2.0, 4.0], table.GetColumn("b"));
    }

    [Fact]
    public void An_empty_column_name_in_the_header_is_a_clear_error()
    {
        var ex = Assert.Throws<ConfoundsException>(() => ConfoundsReader.Read(_dir.WriteText("gap.tsv", "a\t\tc\n1\t2\t3\n")));
        Assert.Equal(ConfoundsErrorKind.Malformed, ex.Kind);
        Assert.Contains("column 2 of the header has no name", ex.Message, StringComparison.Ordinal);
    }
}
