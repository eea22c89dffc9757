using SeedCorr.Core.Confounds;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Confounds;

public sealed class ConfoundsReaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string name, string text)
    {
        var p = _dir.Path(name);
        File.WriteAllText(p, text);
        return p;
    }

    [Theory]
    [InlineData("confounds_file__reduced_style.tsv", "confounds_file__sanitize_reduced_style_tsv__array.npy", "x")]
    [InlineData("confounds_file__comma_header.csv", "confounds_file__sanitize_comma_header_csv__array.npy", "x")]
    [InlineData("confounds_file__space_noheader.txt", "confounds_file__sanitize_space_noheader_txt__array.npy", "column_1")]
    public void Reads_what_nilearn_reads_from_a_path(string file, string expectedNpy, string firstName)
    {
        var table = ConfoundsReader.Read(TestData.Path("unit", file));
        var expected = UnitManifest.Load(expectedNpy);
        Assert.Equal(expected.Shape[0], table.Rows);
        Assert.Equal(expected.Shape[1], table.Columns);
        Assert.Equal(firstName, table.ColumnNames[0]);
        Assert.Equal(expected.AsDoubles(), table.GetValues()); // exact: both parse the same decimal text
    }

    [Fact]
    public void Fills_a_first_row_na_in_framewise_displacement_from_row_two_as_load_confounds_does()
    {
        var table = ConfoundsReader.Read(TestData.Path("unit", "confounds_file__fmriprep_na.tsv"));
        var fd = table.GetColumn("framewise_displacement");
        Assert.Equal(fd[1], fd[0]);
        Assert.Equal(["framewise_displacement"], table.FilledColumns.ToArray());
        // nilearn's signal.clean reads the same file with a NaN there and fails in the QR (unit case clean/example_conf_tsv_with_na).
        var nilearn = UnitManifest.Load("confounds_file__sanitize_fmriprep_na_tsv__array.npy").AsDoubles();
        Assert.True(double.IsNaN(nilearn[1]));
    }

    [Fact]
    public void Reads_the_fmriprep_full_table_with_wildcards_in_the_order_given()
    {
        var table = ConfoundsReader.Read(TestData.Path("small", "sub-synth01_task-pixar_desc-confounds_regressors.tsv"),
            ["trans_*", "rot_?", "framewise_displacement", "CSF", "white_matter"]);
        Assert.Equal(["trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z", "framewise_displacement", "csf", "white_matter"], table.ColumnNames.ToArray());
        Assert.Equal(80, table.Rows);
        Assert.Equal(["framewise_displacement"], table.FilledColumns.ToArray());
    }

    [Fact]
    public void Takes_every_column_by_default_as_nilearn_does_for_a_path()
    {
        var table = ConfoundsReader.Read(TestData.Path("small", "sub-synth01_task-pixar_desc-reducedConfounds_regressors.tsv"));
        Assert.Equal(15, table.Columns);
        Assert.Equal(80, table.Rows);
        Assert.Equal("Confounds 80x15 (trans_x, trans_y, trans_z, …)", table.ToString());
    }

    [Fact]
    public void A_header_less_file_starting_with_na_keeps_all_rows_and_names_the_missing_value()
    {
        // nilearn takes the NaN first value for a header, drops row 1 and fails on the length (unit case
        // confounds_file/sanitize_noheader_first_value_na_tsv); we see a header-less file with a missing value.
        var ex = Assert.Throws<ConfoundsException>(() => ConfoundsReader.Read(TestData.Path("unit", "confounds_file__noheader_first_na.tsv")));
        Assert.Equal(ConfoundsErrorKind.MissingValue, ex.Kind);
        Assert.Contains("'column_1'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("data row 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_value_elsewhere_is_an_error_naming_column_and_row()
    {
        var p = Write("c.tsv", "a\tb\n1\t2\n3\tn/a\n5\t6\n");
        var ex = Assert.Throws<ConfoundsException>(() => ConfoundsReader.Read(p));
        Assert.Equal(ConfoundsErrorKind.MissingValue, ex.Kind);
        Assert.Contains("'b'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("data row 2 (line 3)", ex.Message, StringComparison.Ordinal);
        // Not selected, not a problem.
        Assert.Equal(3, ConfoundsReader.Read(p, ["a"]).Rows);
    }

    [Theory]
    [InlineData("a\tb\n1\t2\n3\n", ConfoundsErrorKind.Malformed, "line 3 has 1 fields")]
    [InlineData("a\tb\n1\tx\n", ConfoundsErrorKind.Malformed, "'x' is not a number")]
    [InlineData("", ConfoundsErrorKind.Empty, "empty")]
    [InlineData("a\tb\n", ConfoundsErrorKind.Empty, "no data rows")]
    [InlineData("a\ta\n1\t2\n", ConfoundsErrorKind.DuplicateColumn, "'a' appears 2 times")]
    public void Bad_tables_are_clear_errors(string text, ConfoundsErrorKind kind, string fragment)
    {
        var ex = Assert.Throws<ConfoundsException>(() => ConfoundsReader.Read(Write("bad.tsv", text)));
        Assert.Equal(kind, ex.Kind);
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_matching_nothing_lists_the_columns()
    {
        var ex = Assert.Throws<ConfoundsException>(() => ConfoundsReader.Read(Write("c.csv", "csf,wm\n1,2\n"), ["global_*"]));
        Assert.Equal(ConfoundsErrorKind.ColumnNotFound, ex.Kind);
        Assert.Contains("csf, wm", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Handles_a_BOM_CRLF_line_ends_and_semicolons()
    {
        var p = _dir.Path("w.csv");
        File.WriteAllBytes(p, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes("a;b\r\n1;2\r\n3;4\r\n")]);
        var t = ConfoundsReader.Read(p);
        Assert.Equal(["a", "b"], t.ColumnNames.ToArray());
        Assert.Equal([1.0, 2, 3, 4], t.GetValues());
    }

    [Fact]
    public void A_missing_file_is_NotFound()
    {
        var ex = Assert.Throws<ConfoundsException>(() => ConfoundsReader.Read(_dir.Path("nope.tsv")));
        Assert.Equal(ConfoundsErrorKind.NotFound, ex.Kind);
    }
}
