using SeedCorr.Core.Confounds;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Confounds;

/// <summary>The rules behind the strategies, one by one, and the places where SeedCorr refuses what nilearn lets through.</summary>
public sealed class StrategyRuleTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string V21 = TestData.Path("confounds", "inputs", "v21", "func");

    private string Write(string name, string text)
    {
        var p = _dir.Path(name);
        File.WriteAllText(p, text);
        return p;
    }

    [Theory]
    // nilearn's tests/test_load_confounds_scrub.py vectors (n = 100, scrub = 5)
    [InlineData(new[] { 3, 11, 13, 80, 97 }, new[] { 0, 1, 2, 3, 11, 12, 13, 80, 97, 98, 99 })]
    [InlineData(new[] { 11, 13, 16, 44, 50, 80 }, new[] { 11, 12, 13, 14, 15, 16, 44, 50, 80 })]
    [InlineData(new[] { 4 }, new[] { 0, 1, 2, 3, 4 })]
    [InlineData(new[] { 96 }, new[] { 96, 97, 98, 99 })]
    [InlineData(new[] { 5 }, new[] { 5 })]
    public void Short_segments_are_removed_as_nilearn_optimize_scrub(int[] outliers, int[] expected) =>
        Assert.Equal(expected, Scrubbing.RemoveShortSegments(outliers, 100, 5));

    [Fact]
    public void Gaps_of_fewer_than_the_minimum_are_censored_and_longer_ones_kept()
    {
        Assert.Equal([10, 11, 12, 13, 14], Scrubbing.RemoveShortSegments([10, 14], 30, 5));
        Assert.Equal([10, 16], Scrubbing.RemoveShortSegments([10, 16], 30, 5));
    }

    [Fact]
    public void Thresholds_are_strict_and_na_is_never_flagged() =>
        Assert.Equal([2], Scrubbing.Outliers([double.NaN, 0.5, 0.6], [double.NaN, 1.5, 0], 0.5, 1.5));

    [Fact]
    public void Confounds_names_are_every_entity_subset_with_desc_longest_first()
    {
        var names = FmriprepConfoundFiles.Candidates("sub-01_ses-1_task-rest_dir-AP_space-MNI_desc-preproc_bold.nii.gz");
        Assert.Equal("sub-01_ses-1_task-rest_dir-AP_space-MNI_desc-confounds_regressors.tsv", names[0]);
        Assert.Contains("sub-01_ses-1_task-rest_dir-AP_desc-confounds_timeseries.tsv", names);
        Assert.Contains("desc-confounds_timeseries.tsv", names);
        Assert.Equal(2 * 32, names.Count); // 5 entities besides desc: 2^5 subsets, two suffixes
        Assert.All(names, n => Assert.Contains("desc-confounds_", n, StringComparison.Ordinal));
    }

    [Fact]
    public void An_image_without_desc_gets_desc_confounds_at_the_end() =>
        Assert.Contains("sub-01_task-rest_desc-confounds_timeseries.tsv", FmriprepConfoundFiles.Candidates("sub-01_task-rest_bold.dtseries.nii"));

    [Fact]
    public void The_sidecar_path_replaces_only_the_extension_where_nilearn_replaces_every_tsv()
    {
        // nilearn: str(path).replace("tsv", "json") → /data/jsondata/sub-01_desc-confounds_timeseries.json
        Assert.Equal("/data/tsvdata/sub-01_desc-confounds_timeseries.json", FmriprepConfoundFiles.SidecarPath("/data/tsvdata/sub-01_desc-confounds_timeseries.tsv"));
    }

    [Fact]
    public void The_sidecar_is_found_beside_a_tsv_in_a_folder_named_tsv()
    {
        var dir = _dir.Path("tsv");
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(V21, "*_desc-confounds_timeseries.*"))
        {
            File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        }

        var table = ConfoundStrategyLoader.LoadFile(Path.Combine(dir, "sub-03_task-rest_run-2_desc-confounds_timeseries.tsv"),
            new ConfoundStrategyOptions { Strategy = [ConfoundComponent.HighPass, ConfoundComponent.CompCor] }, new List<string>());
        Assert.Equal(6, table.Columns); // cosine00 + 5 combined aCompCor, as v21__lc_compcor_anat_combined_all
        Assert.Equal(2, table.SourceFiles.Count);
    }

    [Fact]
    public void Temporal_CompCor_without_a_sidecar_is_an_error_naming_it()
    {
        var tsv = Write("sub-01_desc-confounds_timeseries.tsv", "cosine00\tt_comp_cor_00\n1\t2\n3\t4\n");
        var ex = Assert.Throws<ConfoundsException>(() => ConfoundStrategyLoader.LoadFile(tsv,
            new ConfoundStrategyOptions { Strategy = [ConfoundComponent.HighPass, ConfoundComponent.CompCor], CompCor = CompCorMethod.Temporal }, new List<string>()));
        Assert.Equal(ConfoundsErrorKind.SidecarMissing, ex.Kind);
        Assert.Contains("sub-01_desc-confounds_timeseries.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Partial_wm_csf_columns_are_listed_where_nilearn_raises_a_bare_KeyError()
    {
        var tsv = Write("c.tsv", "csf\tcsf_power2\n1\t1\n2\t4\n");
        var ex = Assert.Throws<ConfoundsException>(() => ConfoundStrategyLoader.LoadFile(tsv,
            new ConfoundStrategyOptions { Strategy = [ConfoundComponent.WmCsf], WmCsf = ExpansionModel.Power2 }, new List<string>()));
        Assert.Equal(ConfoundsErrorKind.StrategyColumnsMissing, ex.Kind);
        Assert.Contains("'white_matter', 'white_matter_power2'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Row_zero_is_filled_from_row_one_and_columns_are_demeaned_over_kept_volumes()
    {
        var tsv = Write("d.tsv", "non_steady_state_outlier00\tcsf_derivative1\n1\tn/a\n0\t2\n0\t4\n");
        var t = ConfoundStrategyLoader.LoadFile(tsv, new ConfoundStrategyOptions { Strategy = [], ExtraColumns = ["csf_derivative1"] }, new List<string>());
        Assert.Equal([1, 2], t.SampleMask!.ToArray());
        Assert.Equal([-1.0, -1.0, 1.0], t.GetColumn("csf_derivative1")); // row 0 = 2 (from row 1); mean of rows 1–2 = 3
    }

    [Fact]
    public void Na_outside_row_zero_is_an_error_where_nilearn_passes_it_on()
    {
        var tsv = Write("e.tsv", "csf\twhite_matter\n1\t2\nn/a\t3\n4\t5\n");
        var ex = Assert.Throws<ConfoundsException>(() => ConfoundStrategyLoader.LoadFile(tsv, new ConfoundStrategyOptions { Strategy = [ConfoundComponent.WmCsf] }, new List<string>()));
        Assert.Equal(ConfoundsErrorKind.MissingValue, ex.Kind);
        Assert.Contains("'csf'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN, 1.5)]
    [InlineData(0.5, -1)]
    [InlineData(double.PositiveInfinity, 1.5)]
    public void Thresholds_must_be_finite_and_not_negative(double fd, double dvars)
    {
        var tsv = Write("f.tsv", "framewise_displacement\tstd_dvars\nn/a\tn/a\n0.1\t1\n");
        var ex = Assert.Throws<ConfoundsException>(() => ConfoundStrategyLoader.LoadFile(tsv,
            new ConfoundStrategyOptions { Strategy = [ConfoundComponent.Scrub], FdThreshold = fd, StdDvarsThreshold = dvars }, new List<string>()));
        Assert.Equal(ConfoundsErrorKind.InvalidParameter, ex.Kind);
    }

    [Fact]
    public void The_defaults_are_fMRIPreps_thresholds_not_nilearn_0_10_4s()
    {
        var o = new ConfoundStrategyOptions();
        Assert.Equal((0.5, 1.5), (o.FdThreshold, o.StdDvarsThreshold));
        var s = ConfoundPresets.Create(DenoiseStrategy.Scrubbing, null, out _);
        Assert.Equal((0.5, 1.5, 5), (s.FdThreshold, s.StdDvarsThreshold, s.ScrubMinSegment));
    }

    [Fact]
    public void Presets_ignore_and_report_parameters_they_do_not_take()
    {
        var o = ConfoundPresets.Create(DenoiseStrategy.IcaAroma, new PresetOverrides { IcaAroma = IcaAromaMode.Basic, Motion = ExpansionModel.Basic, GlobalSignal = ExpansionModel.Full }, out var notNeeded);
        Assert.Equal(["Motion", "IcaAroma"], notNeeded.ToArray());
        Assert.Equal(IcaAromaMode.Full, o.IcaAroma);
        Assert.Equal([ConfoundComponent.HighPass, ConfoundComponent.WmCsf, ConfoundComponent.IcaAroma, ConfoundComponent.GlobalSignal], o.Strategy.ToArray());
    }

    [Fact]
    public void The_tsv_writer_round_trips_to_the_same_bits()
    {
        var table = ConfoundStrategyLoader.LoadFile(Path.Combine(V21, "sub-03_task-rest_run-2_desc-confounds_timeseries.tsv"), new ConfoundStrategyOptions(), new List<string>());
        var p = _dir.Path("out.tsv");
        ConfoundsTsvWriter.Write(table, p, overwrite: false);
        var back = ConfoundsReader.Read(p);
        Assert.Equal(table.ColumnNames.ToArray(), back.ColumnNames.ToArray());
        Assert.Equal(table.GetValues(), back.GetValues());
    }
}
