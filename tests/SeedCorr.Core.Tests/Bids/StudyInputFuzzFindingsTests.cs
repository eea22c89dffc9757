using System.Text;
using SeedCorr.Core.Bids;
using SeedCorr.Core.Tests.IO;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Bids;

/// <summary>The defects StudyInputFuzzTests found, one test each (each failed before its fix).</summary>
public sealed class StudyInputFuzzFindingsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string Fixture = TestData.Path("study", "derivatives", "fmriprep");

    /// <summary>sub-01 of the study fixture copied to a temp tree; returns the root and the BOLD JSON path.</summary>
    private (string Root, string BoldJson) CopyRun()
    {
        var func = _dir.Path(Path.Combine("fmriprep", "sub-01", "func"));
        Directory.CreateDirectory(func);
        foreach (var f in Directory.GetFiles(Path.Combine(Fixture, "sub-01", "func")))
        {
            File.Copy(f, Path.Combine(func, Path.GetFileName(f)));
        }

        return (_dir.Path("fmriprep"), Path.Combine(func, "sub-01_task-rest_space-MNI152NLin2009cAsym_desc-preproc_bold.json"));
    }

    [Theory]
    [InlineData("{\"RepetitionTime\": 2, \"RepetitionTime\": 3}", "RepetitionTime")]
    [InlineData("{\"RepetitionTime\": 2, \"x\": [{\"a\": 1, \"a\": 2}]}", "a")]
    public void A_repeated_key_is_a_BidsException_naming_file_and_key(string json, string key)
    {
        // Before: ArgumentException "An item with the same key has already been added" on the first access.
        var path = _dir.WriteText("bold.json", json);
        var ex = Assert.Throws<BidsException>(() => JsonSidecar.Read(path));
        Assert.Equal(BidsErrorKind.InvalidSidecar, ex.Kind);
        Assert.Equal($"{path}: the key '{key}' appears more than once in the same object", ex.Message);
    }

    [Fact]
    public void Invalid_UTF8_is_a_BidsException_not_an_InvalidOperationException()
    {
        var path = _dir.Path("bold.json");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("{\"Repetition"), 0xFF, .. Encoding.UTF8.GetBytes("Time\": 2}")]);
        var ex = Assert.Throws<BidsException>(() => JsonSidecar.Read(path));
        Assert.Equal(BidsErrorKind.InvalidSidecar, ex.Kind);
        Assert.Contains($"{path} is not UTF-8 text (invalid byte at 12)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        var path = _dir.Path("bold.json");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"RepetitionTime\": 0.72}")]);
        Assert.Equal(0.72, (double)JsonSidecar.Read(path)["RepetitionTime"]!);
    }

    [Fact]
    public async Task A_fifo_a_device_and_a_folder_are_refused_without_blocking_or_reading_forever()
    {
        // Before: File.ReadAllText opened the FIFO and blocked for ever; /dev/zero was read until memory ran out.
        // The one-minute wait guards against the hang (the test fails instead of stopping the run); it is no speed check.
        var fifo = InputFileTests.MakeFifo(_dir.Path("fifo.json"));
        var ex = await Assert.ThrowsAsync<BidsException>(() => Task.Run(() => JsonSidecar.Read(fifo)).WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains("named pipe", ex.Message, StringComparison.Ordinal);
        var zero = _dir.Path("zero.json");
        File.CreateSymbolicLink(zero, "/dev/zero");
        ex = await Assert.ThrowsAsync<BidsException>(() => Task.Run(() => JsonSidecar.Read(zero)).WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.StartsWith(zero + ": the path is a device", ex.Message, StringComparison.Ordinal);
        Assert.Contains("folder", Assert.Throws<BidsException>(() => JsonSidecar.Read(_dir.FullName)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sidecar_over_64_MiB_is_refused_by_the_bytes_read()
    {
        var path = _dir.Path("huge.json");
        using (var fs = File.Create(path))
        {
            fs.Write("{\"s\": \""u8);
            fs.SetLength((64L << 20) + 100); // sparse: the bound is hit by reading, not by a length check
        }

        var ex = Assert.Throws<BidsException>(() => JsonSidecar.Read(path));
        Assert.Contains("more than 64 MiB were read", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_run_finder_reports_a_repeated_RepetitionTime_on_the_run()
    {
        var (root, boldJson) = CopyRun();
        File.WriteAllText(boldJson, "{\"RepetitionTime\": 2, \"RepetitionTime\": 0.8}");
        var run = Assert.Single(FmriprepRunFinder.Find(root));
        var problem = Assert.Single(run.Problems);
        Assert.Equal(RunProblemKind.Unreadable, problem.Kind);
        Assert.Equal(boldJson, problem.File);
        Assert.Contains("the key 'RepetitionTime' appears more than once", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_run_finder_reports_a_fifo_BOLD_json_instead_of_hanging()
    {
        var (root, boldJson) = CopyRun();
        File.Delete(boldJson);
        InputFileTests.MakeFifo(boldJson);
        // A guard against the hang, not a speed check: before the fix Find never returned.
        var runs = await Task.Run(() => FmriprepRunFinder.Find(root)).WaitAsync(TimeSpan.FromMinutes(1));
        var problem = Assert.Single(Assert.Single(runs).Problems);
        Assert.Equal(RunProblemKind.Unreadable, problem.Kind);
        Assert.Contains("named pipe (FIFO), not a regular file", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sub\n-01_task-rest_bold.nii.gz")]
    [InlineData("sub-01_task-rest_bold\n.nii.gz")]
    [InlineData("sub-01_task-rest_bold\n")]
    [InlineData("sub-01_task-rest_bold.nii gz")]
    [InlineData("sub-01_task-rest_bold.a-b")]
    public void A_name_with_a_newline_or_a_bad_extension_is_not_a_BIDS_name(string name)
    {
        // Before: "$" in the key and suffix pattern matched before a final newline, and any extension was kept.
        Assert.False(BidsFileName.TryParse(name, out _, out var why));
        Assert.NotEmpty(why);
        Assert.Throws<BidsException>(() => BidsFileName.Parse(name));
    }

    [Theory]
    [InlineData("./../x")]
    [InlineData("._x")]
    [InlineData("json")]
    [InlineData(".nii\n")]
    public void A_derivative_extension_that_would_change_the_name_is_refused(string extension)
    {
        var source = BidsFileName.Parse("sub-01_task-rest_space-MNI_desc-preproc_bold.nii.gz");
        var ex = Assert.Throws<BidsException>(() => DerivativeName.For(source, [new("desc", "pcc")], "boldmap", extension));
        Assert.Contains($"the extension '{extension}' must be dot-separated letters and digits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_extensions_still_parse_and_derive()
    {
        foreach (var ext in new[] { ".nii.gz", ".json", ".tsv", ".dtseries.nii", ".func.gii", "" })
        {
            var name = BidsFileName.Parse("sub-01_task-rest_bold" + ext);
            Assert.Equal(ext, name.Extension);
            Assert.Equal("sub-01_task-rest_desc-pcc_boldmap" + ext, DerivativeName.For(name, [new("desc", "pcc")], "boldmap", ext).ToString());
        }
    }
}
