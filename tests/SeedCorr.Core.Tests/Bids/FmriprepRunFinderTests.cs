using SeedCorr.Core.Bids;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Bids;

public class FmriprepRunFinderTests
{
    private static readonly string Fixture = TestData.Path("study", "derivatives", "fmriprep");

    [Fact]
    public void Finds_the_fixture_runs_with_their_files_tr_and_shape()
    {
        var runs = FmriprepRunFinder.Find(Fixture);
        Assert.Equal(["sub-01_task-rest", "sub-02_task-rest", "sub-03_task-rest_run-1", "sub-03_task-rest_run-2", "sub-04_task-rest"], runs.Select(r => r.SourceEntities));
        foreach (var run in runs)
        {
            Assert.True(run.IsComplete, string.Join("; ", run.Problems.Select(p => p.Message)));
            Assert.Empty(run.Warnings);
            Assert.Equal(2.0, run.RepetitionTime);
            Assert.Equal([24L, 28, 24, 80], run.Shape);
            Assert.Equal(80, run.Volumes);
            Assert.Equal("MNI152NLin2009cAsym", run.Space);
            Assert.Equal("rest", run.Task);
            Assert.EndsWith("_space-MNI152NLin2009cAsym_desc-brain_mask.nii.gz", run.MaskPath, StringComparison.Ordinal);
            Assert.Equal(Path.Combine(Path.GetDirectoryName(run.BoldPath)!, run.SourceEntities + "_desc-confounds_timeseries.tsv"), run.ConfoundsPath);
            Assert.Equal(Path.ChangeExtension(run.ConfoundsPath, ".json"), run.ConfoundsJsonPath);
            Assert.True(File.Exists(run.BoldJsonPath));
        }

        Assert.Equal("1", runs[2].Run);
        Assert.Equal("2", runs[3].Run);
        Assert.Null(runs[0].Run);
    }

    [Theory]
    [InlineData(new[] { "03" }, null, "sub-03_task-rest_run-1,sub-03_task-rest_run-2")]
    [InlineData(new[] { "sub-03" }, null, "sub-03_task-rest_run-1,sub-03_task-rest_run-2")]
    [InlineData(null, new[] { "02" }, "sub-03_task-rest_run-2")]
    [InlineData(null, new[] { "run-2" }, "sub-03_task-rest_run-2")]
    [InlineData(new[] { "01", "sub-04" }, null, "sub-01_task-rest,sub-04_task-rest")]
    [InlineData(new[] { "sub-03" }, new[] { "1" }, "sub-03_task-rest_run-1")]
    [InlineData(new[] { "1", "4" }, null, "sub-01_task-rest,sub-04_task-rest")] // what PowerShell makes of an unquoted -Subject 01, 04
    public void Filters_take_labels_with_or_without_prefix(string[]? subjects, string[]? runs, string expected)
    {
        var found = FmriprepRunFinder.Find(Fixture, new FmriprepRunFilter { Subjects = subjects, Runs = runs });
        Assert.Equal(expected.Split(','), found.Select(r => r.SourceEntities));
    }

    [Fact]
    public void Filters_on_task_and_space()
    {
        Assert.Equal(5, FmriprepRunFinder.Find(Fixture, new FmriprepRunFilter { Tasks = ["task-rest"], Spaces = ["space-MNI152NLin2009cAsym"] }).Count);
        Assert.Empty(FmriprepRunFinder.Find(Fixture, new FmriprepRunFilter { Tasks = ["nback"] }));
        Assert.Empty(FmriprepRunFinder.Find(Fixture, new FmriprepRunFilter { Spaces = ["T1w"] }));
        Assert.Empty(FmriprepRunFinder.Find(Fixture, new FmriprepRunFilter { Sessions = ["1"] }));
    }

    [Fact]
    public void A_missing_folder_is_an_error_naming_it()
    {
        var ex = Assert.Throws<BidsException>(() => FmriprepRunFinder.Find("/no/such/fmriprep"));
        Assert.Equal(BidsErrorKind.FolderNotFound, ex.Kind);
        Assert.Contains("/no/such/fmriprep", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pairs_by_entities_across_sessions_dir_part_res_and_old_confounds_names_and_reports_missing_files()
    {
        using var dir = new TempDir();
        var root = dir.FullName;
        // ses-1: a complete run with dir-, part- and res- (the confounds file has no part-, as in nilearn#3792), old _regressors name.
        var func1 = Path.Combine(root, "sub-01", "ses-1", "func");
        var bold1 = "sub-01_ses-1_task-rest_dir-AP_run-01_part-mag_space-MNI152NLin2009cAsym_res-2_desc-preproc_bold";
        Tiny(Path.Combine(func1, bold1 + ".nii.gz"), 3);
        Tiny(Path.Combine(func1, "sub-01_ses-1_task-rest_dir-AP_run-01_part-mag_space-MNI152NLin2009cAsym_res-2_desc-brain_mask.nii.gz"), 1);
        Write(Path.Combine(func1, bold1 + ".json"), "{\"RepetitionTime\": 0.8}");
        Write(Path.Combine(func1, "sub-01_ses-1_task-rest_dir-AP_run-01_desc-confounds_regressors.tsv"), "csf\n1\n2\n3\n");
        // A confounds file of another run in the same folder must not be taken.
        Write(Path.Combine(func1, "sub-01_ses-1_task-rest_dir-AP_run-02_desc-confounds_timeseries.tsv"), "csf\n1\n");
        // ses-2: no mask, no confounds JSON, TR only in the header.
        var func2 = Path.Combine(root, "sub-01", "ses-2", "func");
        var bold2 = "sub-01_ses-2_task-rest_space-T1w_desc-preproc_bold";
        Tiny(Path.Combine(func2, bold2 + ".nii.gz"), 3);
        Write(Path.Combine(func2, bold2 + ".json"), "{\"TaskName\": \"rest\"}");
        Write(Path.Combine(func2, "sub-01_ses-2_task-rest_desc-confounds_timeseries.tsv"), "csf\n1\n2\n3\n");
        // sub-02: no BOLD JSON, no confounds, a damaged BOLD header.
        var func3 = Path.Combine(root, "sub-02", "func");
        Directory.CreateDirectory(func3);
        File.WriteAllBytes(Path.Combine(func3, "sub-02_task-rest_space-T1w_desc-preproc_bold.nii.gz"), [1, 2, 3]);
        Tiny(Path.Combine(func3, "sub-02_task-rest_space-T1w_desc-brain_mask.nii.gz"), 1);

        var runs = FmriprepRunFinder.Find(root);
        Assert.Equal(3, runs.Count);

        var a = runs[0];
        Assert.True(a.IsComplete, string.Join("; ", a.Problems.Select(p => p.Message)));
        Assert.Equal("sub-01_ses-1_task-rest_dir-AP_run-01_part-mag", a.SourceEntities);
        Assert.EndsWith("run-01_desc-confounds_regressors.tsv", a.ConfoundsPath, StringComparison.Ordinal);
        Assert.Equal(0.8, a.RepetitionTime);
        Assert.Equal("2", a.Resolution);
        // The confounds JSON is missing, and the header's TR (2 s) is not the JSON's (which wins).
        Assert.Equal(2, a.Warnings.Count);
        Assert.Contains(a.Warnings, w => w.Contains("confounds JSON", StringComparison.Ordinal));
        Assert.Contains(a.Warnings, w => w.Contains("the header 2 s", StringComparison.Ordinal));
        Assert.Equal([2L, 2, 2, 3], a.Shape);

        var b = runs[1];
        Assert.False(b.IsComplete);
        var missing = Assert.Single(b.Problems);
        Assert.Equal(RunProblemKind.MissingFile, missing.Kind);
        Assert.Equal(Path.Combine(func2, "sub-01_ses-2_task-rest_space-T1w_desc-brain_mask.nii.gz"), missing.File);
        Assert.Equal(2.0, b.RepetitionTime);
        Assert.Contains(b.Warnings, w => w.Contains("header's 2 s", StringComparison.Ordinal));
        Assert.Equal("2", b.Session);

        var c = runs[2];
        Assert.Contains(c.Problems, p => p.Kind == RunProblemKind.Unreadable && p.File.EndsWith("preproc_bold.nii.gz", StringComparison.Ordinal));
        Assert.Contains(c.Problems, p => p.Kind == RunProblemKind.MissingFile && p.File == Path.Combine(func3, "sub-02_task-rest_desc-confounds_timeseries.tsv"));
        Assert.Contains(c.Problems, p => p.Kind == RunProblemKind.MissingFile && p.File == Path.Combine(func3, "sub-02_task-rest_space-T1w_desc-preproc_bold.json"));
        Assert.Null(c.Shape);
    }

    [Fact]
    public void A_mask_on_another_grid_and_a_bad_repetition_time_are_reported()
    {
        using var dir = new TempDir();
        var func = Path.Combine(dir.FullName, "sub-01", "func");
        Tiny(Path.Combine(func, "sub-01_task-rest_desc-preproc_bold.nii.gz"), 3);
        Tiny(Path.Combine(func, "sub-01_task-rest_desc-brain_mask.nii.gz"), 1, nx: 3);
        Write(Path.Combine(func, "sub-01_task-rest_desc-preproc_bold.json"), "{\"RepetitionTime\": \"2s\"}");
        Write(Path.Combine(func, "sub-01_task-rest_desc-confounds_timeseries.tsv"), "csf\n1\n2\n3\n");
        var run = Assert.Single(FmriprepRunFinder.Find(dir.FullName));
        Assert.Null(run.Space);
        Assert.Contains(run.Problems, p => p.Kind == RunProblemKind.Inconsistent && p.File == run.MaskPath);
        Assert.Contains(run.Problems, p => p.Kind == RunProblemKind.Unreadable && p.Message.Contains("\"2s\"", StringComparison.Ordinal));
    }

    private static void Tiny(string path, int volumes, int nx = 2)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var shape = volumes > 1 ? new[] { nx, 2, 2, volumes } : [nx, 2, 2];
        NiftiWriter.Write(NiftiImage.Create(new float[nx * 4 * volumes], shape, Affine.Diagonal(2, 2, 2), volumes > 1 ? 2.0 : null), path);
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
