using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Study;
using SeedCorr.Plotting.Reports;
using SkiaSharp;

namespace SeedCorr.Plotting.Tests.Reports;

/// <summary>
/// The study report's content, against values read independently from the study's own files: the censored volumes
/// marked on the FD trace (FD &gt; 0.3 mm or std DVARS &gt; 1.5 in the fMRIPrep confounds), the FD values, the degrees
/// of freedom flag at 30, the failed run's error, the missing-FD notice, and the stat map figure's colours.
/// </summary>
public sealed partial class StudyReportTests : IClassFixture<ReportStudyFixture>
{
    private readonly ReportStudyFixture _study;
    private readonly Lazy<string> _html;

    public StudyReportTests(ReportStudyFixture study)
    {
        _study = study;
        _html = new(() => new StudyReport(StudyFolderReader.Read(study.Output)).ToHtml());
    }

    // Volumes nilearn's scrubbing censors before the short-segment rule: FD > threshold or std DVARS > 1.5, read here
    // with a plain split of the fMRIPrep TSV.
    private List<int> OverThreshold(string run, double fd)
    {
        var tsv = Directory.EnumerateFiles(_study.Fmriprep, run + "_desc-confounds_timeseries.tsv", SearchOption.AllDirectories).Single();
        var lines = File.ReadAllLines(tsv);
        var header = lines[0].Split('\t');
        var (f, d) = (Array.IndexOf(header, "framewise_displacement"), Array.IndexOf(header, "std_dvars"));
        static double V(string s) => s == "n/a" ? double.NaN : double.Parse(s, CultureInfo.InvariantCulture);
        return [.. lines.Skip(1).Select((l, i) => (Cells: l.Split('\t'), i)).Where(x => V(x.Cells[f]) > fd || V(x.Cells[d]) > 1.5).Select(x => x.i)];
    }

    private static string Section(string html, string run)
    {
        var start = html.IndexOf($"<section class=\"run\" id=\"run-{run}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section for {run}");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public void The_reader_finds_every_run_and_the_failure_with_its_message()
    {
        var study = StudyFolderReader.Read(_study.Output);
        Assert.Equal(["sub-01_task-rest", "sub-02_task-rest", "sub-03_task-rest_run-1", "sub-03_task-rest_run-2", "sub-04_task-rest"], study.Runs.Select(r => r.SourceEntities));
        Assert.Equal(["sub-04_task-rest"], _study.FailedRuns);
        var failed = study.Runs.Single(r => r.Status == RunStatus.Failed);
        Assert.Equal("sub-04_task-rest", failed.SourceEntities);
        Assert.Equal("NiftiException", failed.ErrorType);
        Assert.Equal("Truncated", failed.ErrorKind);
        Assert.Contains("the voxel data ends early", failed.ErrorMessage, StringComparison.Ordinal);
        Assert.Null(failed.Facts);
        Assert.Empty(study.Problems);
        Assert.Equal(Path.GetFullPath(_study.Fmriprep), StudyFolderReader.ResolveSource(study.DatasetLinks["preprocessed"], study.DatasetLinks)!.TrimEnd('/'));
        var pcc = study.Runs[0].Facts!.Seeds[0];
        Assert.Equal(("PCC", "sphere", 8.0), (pcc.Column, pcc.Type, pcc.RadiusMm!.Value));
        Assert.Equal(ReportStudyFixture.Pcc, pcc.Coordinates);
        Assert.EndsWith("sub-01_task-rest_space-MNI152NLin2009cAsym_stat-pearsoncorrelation_desc-PCC_boldmap.nii.gz", pcc.CorrelationMap, StringComparison.Ordinal);
    }

    [Fact]
    public void The_failed_run_is_in_the_failure_table_with_its_message()
    {
        var html = _html.Value;
        var table = Regex.Match(html, "<table class=\"grid\" id=\"failed-runs\">(.*?)</table>").Groups[1].Value;
        var rows = Regex.Matches(table, "<tr data-run=\"([^\"]+)\">.*?<td class=\"error\">([^<]*)</td><td class=\"message\">([^<]*)</td>");
        var row = Assert.Single(rows);
        Assert.Equal("sub-04_task-rest", row.Groups[1].Value);
        Assert.Equal("NiftiException Truncated", row.Groups[2].Value);
        var status = JsonNode.Parse(File.ReadAllText(Path.Combine(_study.Output, "logs", "sub-04_task-rest_status.json")))!;
        Assert.Equal(System.Net.WebUtility.HtmlEncode((string)status["Error"]!["Message"]!), row.Groups[3].Value);
        Assert.DoesNotContain("id=\"run-sub-04_task-rest\"", html, StringComparison.Ordinal); // no figures for it
    }

    [Theory]
    [InlineData("sub-01_task-rest")]
    [InlineData("sub-02_task-rest")]
    [InlineData("sub-03_task-rest_run-1")]
    public void The_FD_trace_marks_the_censored_volumes_at_their_indices(string run)
    {
        var expected = OverThreshold(run, 0.3);
        Assert.NotEmpty(expected);
        var section = Section(_html.Value, run);
        var marked = CensoredMarks().Matches(section).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(expected, marked);
        Assert.Contains(Inv($"censored: <span class=\"censored-count\">{expected.Count}</span>"), section, StringComparison.Ordinal);
        Assert.Contains(Inv($"Volumes kept: <span class=\"kept\">{80 - expected.Count}</span>"), section, StringComparison.Ordinal);
        Assert.Contains("<line class=\"threshold\" data-value=\"0.3\"", section, StringComparison.Ordinal);
    }

    [Fact]
    public void The_FD_trace_is_the_fmriprep_column_with_the_first_value_left_out()
    {
        var facts = StudyFolderReader.Read(_study.Output).Runs[0].Facts!;
        var trace = FramewiseDisplacementTrace.Find(facts, StudyFolderReader.Read(_study.Output).DatasetLinks);
        Assert.Null(trace.Problem);
        var lines = File.ReadAllLines(trace.File!);
        var column = Array.IndexOf(lines[0].Split('\t'), "framewise_displacement");
        var values = lines.Skip(1).Select(l => l.Split('\t')[column]).ToArray();
        Assert.Equal("n/a", values[0]);
        Assert.True(double.IsNaN(trace.Values![0]));
        Assert.Equal(values.Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)), trace.Values.Skip(1));
        // The drawn line starts at volume 1 (a move) and has one point per remaining volume.
        var path = Regex.Match(Section(_html.Value, "sub-01_task-rest"), "<div class=\"figure fd\">.*?<path class=\"series\" data-label=\"FD\" d=\"([^\"]+)\"").Groups[1].Value;
        Assert.StartsWith(Inv($"M{new SvgLineChart().Add("FD", new double[values.Length]).X(1):0.##},"), path, StringComparison.Ordinal);
        Assert.Equal(values.Length - 1, path.Count(c => c is 'M' or 'L'));
    }

    [Fact]
    public void The_seed_series_sit_at_their_volume_numbers_with_gaps_at_the_censored_ones()
    {
        // sub-01: 77 kept rows; volumes 24, 51 and 66 censored: four runs of kept volumes, the first point at volume 0,
        // and after each gap the line starts again at the next volume.
        var seeds = File.ReadAllLines(Directory.EnumerateFiles(_study.Output, "sub-01_task-rest_desc-seeds_timeseries.tsv", SearchOption.AllDirectories).Single());
        Assert.Equal(78, seeds.Length);
        var path = Regex.Match(Section(_html.Value, "sub-01_task-rest"), "<div class=\"figure seeds\">.*?<path class=\"series\" data-label=\"PCC\" d=\"([^\"]+)\"").Groups[1].Value;
        var chart = new SvgLineChart().Add("x", new double[80]);
        var moves = Regex.Matches(path, "M([0-9.]+),").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(new[] { 0, 25, 52, 67 }.Select(v => Inv($"{chart.X(v):0.##}")), moves);
        Assert.Equal(77, path.Count(c => c is 'M' or 'L'));
    }

    [Fact]
    public void Degrees_of_freedom_below_30_are_flagged_and_30_is_not()
    {
        // The fixture's runs have fewer than 0 left: flagged everywhere.
        var html = _html.Value;
        var dof = JsonNode.Parse(File.ReadAllText(Directory.EnumerateFiles(_study.Output, "sub-01_task-rest_desc-seeds_timeseries.json", SearchOption.AllDirectories).Single()))!["SeedCorr"]!["DegreesOfFreedom"]!.GetValue<double>();
        Assert.True(dof < 30);
        Assert.Contains(Inv($"<span class=\"dof low\" data-dof=\"{dof}\">"), Section(html, "sub-01_task-rest"), StringComparison.Ordinal);
        Assert.Contains("class=\"warning low-dof\"", Section(html, "sub-01_task-rest"), StringComparison.Ordinal);

        // The same study with sub-01's sidecar saying 30 and sub-02's 29.9.
        InCopy(copy =>
        {
            SetDof(copy, "sub-01_task-rest", 30);
            SetDof(copy, "sub-02_task-rest", 29.9);
            var edited = new StudyReport(StudyFolderReader.Read(copy)).ToHtml();
            Assert.Contains("<span class=\"dof\" data-dof=\"30\">30</span>", Section(edited, "sub-01_task-rest"), StringComparison.Ordinal);
            Assert.DoesNotContain("low-dof", Section(edited, "sub-01_task-rest"), StringComparison.Ordinal);
            Assert.Contains("<span class=\"dof low\" data-dof=\"29.9\">29.9</span>", Section(edited, "sub-02_task-rest"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_run_whose_fmriprep_folder_is_gone_says_so_instead_of_a_trace()
    {
        InCopy(copy =>
        {
            var description = Path.Combine(copy, "dataset_description.json");
            var gone = Path.Combine(copy, "no-such-fmriprep");
            var json = JsonNode.Parse(File.ReadAllText(description))!;
            json["DatasetLinks"]!["preprocessed"] = new Uri(gone).AbsoluteUri;
            File.WriteAllText(description, json.ToJsonString());
            var section = Section(new StudyReport(StudyFolderReader.Read(copy)).ToHtml(), "sub-01_task-rest");
            Assert.Contains("<p class=\"warning no-fd\">No framewise displacement trace: " + Path.Combine(gone, "sub-01", "func", "sub-01_task-rest_desc-confounds_timeseries.tsv") + " is not there", section, StringComparison.Ordinal);
            Assert.DoesNotContain("figure fd", section, StringComparison.Ordinal);
            Assert.Contains("figure seeds", section, StringComparison.Ordinal); // the rest is still shown
        });
    }

    [Fact]
    public void A_run_skipped_by_the_last_call_is_named_as_skipped()
    {
        InCopy(copy =>
        {
            var run = Core.Bids.FmriprepRunFinder.Find(_study.Fmriprep).Single(r => r.SourceEntities == "sub-02_task-rest");
            Assert.Equal(RunStatus.Skipped, SeedToVoxelRunner.Run(run, _study.Options, new StudyOutput(copy)).Status);
            var html = new StudyReport(StudyFolderReader.Read(copy)).ToHtml();
            Assert.Contains("<p id=\"skipped-runs\">Skipped by the last call (their outputs were up to date, made with the same inputs and parameters): sub-02_task-rest</p>", html, StringComparison.Ordinal);
            Assert.Contains("<tr data-run=\"sub-02_task-rest\"><td><a href=\"#run-sub-02_task-rest\">sub-02_task-rest</a></td><td class=\"status skipped\">Skipped</td><td>78</td><td>2</td>", html, StringComparison.Ordinal);
            Assert.Contains("5: 3 succeeded, 1 skipped (already up to date), 1 failed", html, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Each_run_names_its_input_files_and_provenance_hash()
    {
        var sidecar = JsonNode.Parse(File.ReadAllText(Directory.EnumerateFiles(_study.Output, "sub-01_task-rest_desc-seeds_timeseries.json", SearchOption.AllDirectories).Single()))!["SeedCorr"]!;
        var section = Section(_html.Value, "sub-01_task-rest");
        Assert.Contains("provenance hash <code>" + (string)sidecar["ProvenanceHash"]! + "</code>", section, StringComparison.Ordinal);
        var bold = Path.Combine(Path.GetFullPath(_study.Fmriprep), "sub-01", "func", "sub-01_task-rest_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz");
        Assert.Contains("<li>" + bold + "</li>", section, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_is_self_contained()
    {
        var html = _html.Value;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        var urls = Regex.Matches(html, "(?:src|href)=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.All(urls, u => Assert.True(u.StartsWith("data:image/png;base64,", StringComparison.Ordinal) || u.StartsWith('#'), u));
        Assert.Equal(8, urls.Count(u => u.StartsWith("data:", StringComparison.Ordinal))); // 4 runs × 2 seeds
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal(Regex.Count(html, "<svg "), Regex.Count(html, "xmlns=\"http://www.w3.org/2000/svg\""));
    }

    [Fact]
    public void The_seed_map_figure_is_cut_at_the_seed_and_shows_the_map_colour_there()
    {
        // A 2 mm MNI map: 0.8 in the 5×5×5 voxels (10 mm) centred on the PCC seed's voxel (45, 37, 45), 0 elsewhere;
        // no marker, so the map shows at the seed.
        var affine = Affine.Diagonal(2, 2, 2, -90, -126, -72);
        Assert.Equal((0.0, -52.0, 18.0), affine.Apply(45, 37, 45));
        var data = new float[91 * 109 * 91];
        foreach (var n in from k in Enumerable.Range(43, 5) from j in Enumerable.Range(35, 5) from i in Enumerable.Range(43, 5) select i + (91 * (j + (109 * k))))
        {
            data[n] = 0.8f;
        }

        var image = NiftiImage.Create(data, [91, 109, 91], affine);
        var figure = new StatMapThumbnail(image, ReportStudyFixture.Pcc, 0.5, 1, "PCC");
        Assert.Equal(ReportStudyFixture.Pcc, figure.Plot.Cut);
        using var bitmap = SKBitmap.Decode(figure.ToPng());
        Assert.Equal((StatMapThumbnail.Width, StatMapThumbnail.Height), (bitmap.Width, bitmap.Height));
        foreach (var (panel, rect) in figure.Plot.Layout(figure.Plot.Rows()))
        {
            var (cx, cy) = figure.Plot.CrossAt(panel, rect);
            Assert.Equal(StatMapPlot.CrossColor, bitmap.GetPixel((int)cx, (int)cy));
            // matplotlib's hot at 0.8 of vmax 1: (255, 255, 54), 3 px off the cut lines (about 2 mm, inside the cube).
            Assert.Equal(new SKColor(255, 255, 54), bitmap.GetPixel((int)cx + 3, (int)cy + 3));
        }
    }

    // The study's output copied to a temporary folder for a test that edits it (the shared study stays as it is).
    private void InCopy(Action<string> test)
    {
        var copy = Directory.CreateTempSubdirectory("seedcorr-report-copy-").FullName;
        try
        {
            ReportStudyFixture.Copy(_study.Output, copy);
            test(copy);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static void SetDof(string output, string run, double dof)
    {
        var path = Directory.EnumerateFiles(output, run + "_desc-seeds_timeseries.json", SearchOption.AllDirectories).Single();
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["SeedCorr"]!["DegreesOfFreedom"] = dof;
        File.WriteAllText(path, json.ToJsonString());
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("<rect class=\"censored\" data-volume=\"(\\d+)\"")]
    private static partial Regex CensoredMarks();
}
