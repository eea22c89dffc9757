using System.Text.Json.Nodes;
using SeedCorr.Core.Bids;
using SeedCorr.Core.Confounds;
using SeedCorr.Core.Datasets;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Tests.Support;
using Xunit.Abstractions;

namespace SeedCorr.Core.Tests.Datasets;

/// <summary>One small demo study for the class: 2 subjects × 2 runs of 100 volumes (2 cosines at TR 2 s).</summary>
public sealed class DemoStudyFixture : IDisposable
{
    private readonly TempDir _dir = new();

    public DemoStudyFixture() => Study = DemoStudyGenerator.Get(Size, subjects: 2, runsPerSubject: 2, _dir.FullName);

    public static DemoSubjectSize Size { get; } = DemoSubjectSize.Development with { Volumes = 100 };

    public DemoStudy Study { get; }

    public string CacheDirectory => _dir.FullName;

    public void Dispose() => _dir.Dispose();
}

public sealed class DemoStudyTests(DemoStudyFixture fixture, ITestOutputHelper output) : IClassFixture<DemoStudyFixture>
{
    private const string Space = "space-MNI152NLin2009cAsym";

    private IReadOnlyList<FmriprepRun> Runs => FmriprepRunFinder.Find(fixture.Study.Path);

    [Fact]
    public void Get_FmriprepRun_finds_every_run_complete_with_fMRIPreps_names()
    {
        var runs = Runs;
        Assert.Equal(4, runs.Count);
        Assert.Equal(4, fixture.Study.Runs);
        Assert.Equal(["01", "02"], fixture.Study.Subjects);
        var expected = new[] { ("01", "1"), ("01", "2"), ("02", "1"), ("02", "2") };
        for (var i = 0; i < 4; i++)
        {
            var (sub, run) = expected[i];
            var r = runs[i];
            Assert.True(r.IsComplete, string.Join("; ", r.Problems.Select(p => p.Message)));
            Assert.Empty(r.Warnings);
            Assert.Equal((sub, run, "rest", "MNI152NLin2009cAsym"), (r.Subject, r.Run, r.Task, r.Space));
            var func = Path.Combine(fixture.Study.Path, $"sub-{sub}", "func");
            var stem = $"sub-{sub}_task-rest_run-{run}";
            Assert.Equal(Path.Combine(func, $"{stem}_{Space}_desc-preproc_bold.nii.gz"), r.BoldPath);
            Assert.Equal(Path.Combine(func, $"{stem}_{Space}_desc-preproc_bold.json"), r.BoldJsonPath);
            Assert.Equal(Path.Combine(func, $"{stem}_{Space}_desc-brain_mask.nii.gz"), r.MaskPath);
            Assert.Equal(Path.Combine(func, $"{stem}_desc-confounds_timeseries.tsv"), r.ConfoundsPath);
            Assert.Equal(Path.Combine(func, $"{stem}_desc-confounds_timeseries.json"), r.ConfoundsJsonPath);
            Assert.Equal(2.0, r.RepetitionTime);
            Assert.Equal([50L, 59, 50, 100], r.Shape);
            var json = JsonSidecar.Read(r.BoldJsonPath!);
            Assert.False(json["SkullStripped"]!.GetValue<bool>());
            Assert.Equal("rest", json["TaskName"]!.GetValue<string>());
        }

        // Nothing but the runs, the description and (outside the derivatives folder) the marker.
        var files = Directory.GetFiles(fixture.Study.Directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(fixture.Study.Directory, f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(4 * 5 + 2, files.Length);
        Assert.Contains(".complete", files);
        var description = JsonSidecar.Read(Path.Combine(fixture.Study.Path, "dataset_description.json"));
        Assert.Equal("derivative", description["DatasetType"]!.GetValue<string>());
        Assert.StartsWith("SeedCorr", description["GeneratedBy"]![0]!["Name"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_run_per_subject_has_no_run_entity()
    {
        using var dir = new TempDir();
        var study = DemoStudyGenerator.Get(DemoSubjectSize.Development with { Volumes = 40 }, subjects: 1, runsPerSubject: 1, dir.FullName);
        var run = Assert.Single(FmriprepRunFinder.Find(study.Path));
        Assert.True(run.IsComplete);
        Assert.Null(run.Run);
        Assert.Equal($"sub-01_task-rest_{Space}_desc-preproc_bold.nii.gz", Path.GetFileName(run.BoldPath));
        Assert.Equal("sub-01_task-rest_desc-confounds_timeseries.tsv", Path.GetFileName(run.ConfoundsPath));
        Assert.Equal($"demo study 1 subject × 1 run, 50x59x50x40, 4 mm, TR 2 s in {study.Path}", study.ToString());
        // 40 volumes at TR 2 s are 80 s, shorter than fMRIPrep's 128 s cut-off: no cosine, as fMRIPrep writes it.
        Assert.DoesNotContain(ConfoundsReader.ReadRaw(run.ConfoundsPath!).ColumnNames, c => c.StartsWith("cosine", StringComparison.Ordinal));
    }

    [Fact]
    public void Out_of_range_counts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoStudyGenerator.Get(fixture.Study.Size, subjects: 0, cacheDirectory: fixture.CacheDirectory));
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoStudyGenerator.Get(fixture.Study.Size, subjects: 101, cacheDirectory: fixture.CacheDirectory));
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoStudyGenerator.Get(fixture.Study.Size, runsPerSubject: 0, cacheDirectory: fixture.CacheDirectory));
    }

    [Fact]
    public void Is_deterministic_reused_when_complete_and_regenerated_with_force()
    {
        var bold = Runs[0].BoldPath;
        var before = File.GetLastWriteTimeUtc(bold);
        var again = DemoStudyGenerator.Get(DemoStudyFixture.Size, 2, 2, fixture.CacheDirectory);
        Assert.Equal(fixture.Study.Path, again.Path);
        Assert.Equal(before, File.GetLastWriteTimeUtc(bold));

        using var other = new TempDir();
        var fresh = DemoStudyGenerator.Get(DemoStudyFixture.Size, 2, 2, other.FullName);
        AssertSameTree(fixture.Study, fresh);
        var forced = DemoStudyGenerator.Get(DemoStudyFixture.Size, 2, 2, other.FullName, force: true);
        AssertSameTree(fixture.Study, forced);
    }

    [Fact]
    public void A_stopped_generation_leaves_no_half_run_and_is_completed_next_time()
    {
        using var other = new TempDir();
        using var cts = new CancellationTokenSource();
        var progress = new Callback(p =>
        {
            if (p > 0.4)
            {
                cts.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => DemoStudyGenerator.Get(DemoStudyFixture.Size, 2, 2, other.FullName, progress: progress, cancellationToken: cts.Token));
        var dir = Directory.GetDirectories(other.FullName).Single();
        Assert.False(File.Exists(Path.Combine(dir, ".complete")));
        var found = FmriprepRunFinder.Find(Path.Combine(dir, "derivatives", "fmriprep"));
        output.WriteLine($"stopped after {found.Count} of 4 runs");
        Assert.InRange(found.Count, 1, 3);
        Assert.All(found, r => Assert.True(r.IsComplete));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp*", SearchOption.AllDirectories));

        var resumed = DemoStudyGenerator.Get(DemoStudyFixture.Size, 2, 2, other.FullName);
        AssertSameTree(fixture.Study, resumed);
    }

    [Fact]
    public void Masks_are_uint8_0_1_on_the_BOLDs_grid_and_are_the_generators_brain()
    {
        foreach (var run in Runs)
        {
            var bold = NiftiReader.Read(run.BoldPath);
            var mask = NiftiReader.Read(run.MaskPath!);
            Assert.Equal(NiftiDataType.UInt8, mask.Header.DataType);
            Assert.Equal([50, 59, 50], mask.Shape);
            Assert.True(mask.Affine.MaxAbsDifference(bold.Affine) < 1e-9);
            var m = mask.GetData();
            var b = bold.GetData();
            var inside = 0;
            for (var k = 0; k < 50; k++)
            {
                for (var j = 0; j < 59; j++)
                {
                    for (var i = 0; i < 50; i++)
                    {
                        // The brain ellipsoid (MNI mm), computed here from the documented shape, not read from the generator.
                        double x = -96 + (4 * i), y = -132 + (4 * j), z = -78 + (4 * k);
                        var brain = (x / 68 * (x / 68)) + ((y + 18) / 86 * ((y + 18) / 86)) + ((z - 8) / 74 * ((z - 8) / 74)) <= 1;
                        var f = i + (50 * (j + (59 * k)));
                        Assert.Equal(brain ? 1f : 0f, m[f]);
                        if (brain)
                        {
                            inside++;
                            Assert.NotEqual(0f, b[f]);
                        }
                    }
                }
            }

            output.WriteLine($"{run}: {inside} brain voxels");
            Assert.InRange(inside, 20000, 40000);
        }
    }

    [Theory]
    [InlineData(DenoiseStrategy.Simple, 24 + 2 + 2)]
    [InlineData(DenoiseStrategy.Scrubbing, 24 + 8 + 2)]
    [InlineData(DenoiseStrategy.CompCor, 24 + 6 + 2)]
    [InlineData(DenoiseStrategy.IcaAroma, 2 + 2)]
    public void Every_denoise_strategy_loads(DenoiseStrategy preset, int columns)
    {
        var options = ConfoundPresets.Create(preset, null, out _);
        foreach (var run in Runs)
        {
            var warnings = new List<string>();
            // ICA-AROMA's full mode wants the desc-smoothAROMAnonaggr image (not made here); its confounds come from the table.
            var table = ConfoundStrategyLoader.LoadFile(preset == DenoiseStrategy.IcaAroma ? run.ConfoundsPath! : run.BoldPath, options, warnings);
            Assert.Equal(columns, table.Columns);
            Assert.Equal(100, table.Rows);
            Assert.Contains("cosine00", table.ColumnNames);
            Assert.Contains("cosine01", table.ColumnNames);
            Assert.DoesNotContain(table.GetValues(), double.IsNaN);
            if (preset == DenoiseStrategy.CompCor)
            {
                Assert.Equal(["a_comp_cor_00", "a_comp_cor_01", "a_comp_cor_02", "a_comp_cor_03", "a_comp_cor_04", "a_comp_cor_05"],
                    table.ColumnNames.Where(c => c.Contains("comp_cor", StringComparison.Ordinal)).ToArray());
            }
        }
    }

    [Theory]
    [InlineData(CompCorMethod.AnatSeparated, new[] { "c_comp_cor_00", "c_comp_cor_01", "w_comp_cor_00", "w_comp_cor_01" })]
    [InlineData(CompCorMethod.Temporal, new[] { "t_comp_cor_00", "t_comp_cor_01", "t_comp_cor_02", "t_comp_cor_03", "t_comp_cor_04", "t_comp_cor_05" })]
    public void Every_CompCor_method_finds_its_components(CompCorMethod method, string[] expected)
    {
        var options = new ConfoundStrategyOptions { Strategy = [ConfoundComponent.HighPass, ConfoundComponent.CompCor], CompCor = method };
        var table = ConfoundStrategyLoader.LoadFile(Runs[0].BoldPath, options, new List<string>());
        Assert.Equal(expected, table.ColumnNames.Where(c => c.Contains("comp_cor", StringComparison.Ordinal)).ToArray());
    }

    [Fact]
    public void The_sidecar_describes_the_CompCor_components_as_fMRIPrep_does()
    {
        var json = JsonSidecar.Read(Runs[0].ConfoundsJsonPath!);
        foreach (var (prefix, method, mask, retained) in new[] { ("a", "aCompCor", "combined", 6), ("c", "aCompCor", "CSF", 2), ("w", "aCompCor", "WM", 2), ("t", "tCompCor", null, 6) })
        {
            var entries = json.Where(p => p.Key.StartsWith($"{prefix}_comp_cor_", StringComparison.Ordinal)).Select(p => p.Value!.AsObject()).ToArray();
            Assert.Equal(retained, entries.Length);
            var previous = 0.0;
            foreach (var e in entries)
            {
                Assert.Equal(method, e["Method"]!.GetValue<string>());
                Assert.Equal(mask, e["Mask"]?.GetValue<string>());
                Assert.True(e["Retained"]!.GetValue<bool>());
                var explained = e["VarianceExplained"]!.GetValue<double>();
                var cumulative = e["CumulativeVarianceExplained"]!.GetValue<double>();
                Assert.Equal(previous + explained, cumulative, 12);
                // fMRIPrep retains components while less than 50 % of the variance is explained.
                Assert.True(previous < 0.5);
                previous = cumulative;
            }

            Assert.True(previous >= 0.5);
        }

        Assert.Contains(json, p => p.Key.StartsWith("dropped_", StringComparison.Ordinal) && !p.Value!["Retained"]!.GetValue<bool>());
    }

    [Fact]
    public void Columns_follow_fMRIPreps_rules_na_in_row_1_and_the_DCT_at_128_s()
    {
        var path = Runs[1].ConfoundsPath!;
        var header = File.ReadLines(path).First().Split('\t');
        var row1 = File.ReadLines(path).Skip(1).First().Split('\t');
        string[] bases = ["trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z", "csf", "white_matter", "global_signal"];
        foreach (var b in bases)
        {
            foreach (var suffix in new[] { "", "_derivative1", "_power2", "_derivative1_power2" })
            {
                Assert.Contains(b + suffix, header);
            }
        }

        for (var c = 0; c < header.Length; c++)
        {
            var na = header[c].Contains("derivative1", StringComparison.Ordinal) || header[c] is "framewise_displacement" or "dvars" or "std_dvars";
            Assert.True(na == (row1[c] == "n/a"), $"{header[c]}: {row1[c]}");
        }

        var raw = ConfoundsReader.ReadRaw(path);
        const int n = 100;
        // nipype's cosine_filter (fMRIPrep): ⌊2·n·TR/128⌋ = 3, minus the constant: 2 columns √(2/n)·cos(π/n·(t+½)·k).
        Assert.Equal(["cosine00", "cosine01"], raw.ColumnNames.Where(c => c.StartsWith("cosine", StringComparison.Ordinal)).ToArray());
        for (var k = 1; k <= 2; k++)
        {
            var col = raw.GetColumn($"cosine{k - 1:00}");
            for (var t = 0; t < n; t++)
            {
                Assert.Equal(Math.Sqrt(2.0 / n) * Math.Cos(Math.PI / n * (t + 0.5) * k), col[t], 12);
            }
        }

        var x = raw.GetColumn("trans_x");
        var d = raw.GetColumn("trans_x_derivative1");
        var dp = raw.GetColumn("trans_x_derivative1_power2");
        var p = raw.GetColumn("trans_x_power2");
        for (var t = 1; t < n; t++)
        {
            Assert.Equal(x[t] - x[t - 1], d[t], 12);
            Assert.Equal(d[t] * d[t], dp[t], 12);
            Assert.Equal(x[t] * x[t], p[t], 12);
        }

        // Power's FD from the motion columns (rotations on a 50 mm sphere).
        var fd = raw.GetColumn("framewise_displacement");
        var motion = new[] { "trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z" }.Select(raw.GetColumn).ToArray();
        for (var t = 1; t < n; t++)
        {
            var expected = Enumerable.Range(0, 6).Sum(m => Math.Abs(motion[m][t] - motion[m][t - 1]) * (m < 3 ? 1 : 50));
            Assert.Equal(expected, fd[t], 9);
        }
    }

    [Fact]
    public void FD_spikes_censor_volumes_under_Scrubbing_in_every_other_run()
    {
        var options = ConfoundPresets.Create(DenoiseStrategy.Scrubbing, null, out _);
        var runs = Runs;
        for (var i = 0; i < runs.Count; i++)
        {
            var raw = ConfoundsReader.ReadRaw(runs[i].ConfoundsPath!);
            var fd = raw.GetColumn("framewise_displacement");
            var spikes = Enumerable.Range(1, fd.Length - 1).Where(t => fd[t] > 0.5).ToArray();
            var table = ConfoundStrategyLoader.LoadFile(runs[i].BoldPath, options, new List<string>());
            output.WriteLine($"{runs[i]}: FD > 0.5 mm at [{string.Join(", ", spikes)}], {table.VolumesKept} of {table.Rows} volumes kept");
            if (i % 2 == 0)
            {
                // Three jerks: FD high at each and at the volume after.
                Assert.Equal(6, spikes.Length);
                Assert.NotNull(table.SampleMask);
                Assert.All(spikes, t => Assert.DoesNotContain(t, table.SampleMask!));
                Assert.InRange(table.VolumesKept, 50, 100 - 6);
            }
            else
            {
                Assert.Empty(spikes);
                Assert.Equal(100, table.VolumesKept);
            }
        }
    }

    [Fact]
    public void Each_run_has_the_planted_default_mode_network_under_the_Simple_strategy()
    {
        var options = ConfoundPresets.Create(DenoiseStrategy.Simple, null, out _);
        foreach (var run in Runs.Take(2))
        {
            var conf = ConfoundStrategyLoader.LoadFile(run.BoldPath, options, new List<string>());
            DemoSubjectTests.AssertPlantedDefaultModeNetwork(NiftiReader.Read(run.BoldPath), conf, output);
        }
    }

    private static void AssertSameTree(DemoStudy a, DemoStudy b)
    {
        var files = Directory.GetFiles(a.Directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a.Directory, f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(files, Directory.GetFiles(b.Directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(b.Directory, f)).Order(StringComparer.Ordinal).ToArray());
        foreach (var f in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(a.Directory, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b.Directory, f))), f);
        }
    }

    private sealed class Callback(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
