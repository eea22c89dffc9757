using SeedCorr.Core.Geometry;
using System.Globalization;
using System.Text.Json.Nodes;
using SeedCorr.Core.Bids;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Bids;

public class BidsNamingTests
{
    [Fact]
    public void Parses_an_fmriprep_bold_name_into_entities_suffix_and_extension()
    {
        var name = BidsFileName.Parse("/d/sub-01/func/sub-01_ses-1_task-rest_dir-AP_run-2_part-mag_space-MNI152NLin2009cAsym_res-2_desc-preproc_bold.nii.gz");
        Assert.Equal(["sub", "ses", "task", "dir", "run", "part", "space", "res", "desc"], name.Entities.Select(e => e.Key));
        Assert.Equal("01", name["sub"]);
        Assert.Equal("AP", name["dir"]);
        Assert.Equal("bold", name.Suffix);
        Assert.Equal(".nii.gz", name.Extension);
        Assert.Null(name["echo"]);
        Assert.Equal("sub-01_ses-1_task-rest_dir-AP_run-2_part-mag", name.SourceEntities().EntityString);
    }

    [Theory]
    [InlineData("bold.nii.gz")]
    [InlineData("sub-01_task_bold.nii")]
    [InlineData("sub-01_task-re%st_bold.nii")]
    [InlineData("sub-01_sub-02_bold.nii")]
    [InlineData("sub-0.1_bold.nii")]
    public void Rejects_names_that_are_not_bids(string file)
    {
        Assert.False(BidsFileName.TryParse(file, out _, out var why));
        Assert.NotEmpty(why);
        Assert.Equal(BidsErrorKind.InvalidName, Assert.Throws<BidsException>(() => BidsFileName.Parse(file)).Kind);
    }

    [Fact]
    public void Writes_entities_in_the_spec_order_whatever_order_they_are_given_in()
    {
        var name = BidsFileName.Create(
            [new("desc", "PCC"), new("stat", "fisherz"), new("run", "2"), new("space", "MNI152NLin2009cAsym"), new("atlas", "DMN"), new("task", "rest"),
             new("echo", "1"), new("acq", "mb"), new("sub", "03"), new("ses", "1"), new("ce", "gd"), new("rec", "x"), new("dir", "AP"), new("part", "mag"), new("res", "2"), new("den", "91k")],
            "boldmap", ".nii.gz");
        Assert.Equal("sub-03_ses-1_task-rest_acq-mb_ce-gd_rec-x_dir-AP_run-2_echo-1_part-mag_space-MNI152NLin2009cAsym_atlas-DMN_res-2_den-91k_stat-fisherz_desc-PCC_boldmap.nii.gz", name.ToString());
    }

    [Fact]
    public void Builds_seed_map_names_from_the_run_as_the_issue_specifies()
    {
        var bold = BidsFileName.Parse("sub-03_task-rest_run-2_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz");
        var sphere = DerivativeName.For(bold, [new("stat", "pearsoncorrelation"), new("desc", BidsLabel.FromName("PCC"))], "boldmap", ".nii.gz");
        Assert.Equal("sub-03_task-rest_run-2_space-MNI152NLin2009cAsym_stat-pearsoncorrelation_desc-PCC_boldmap.nii.gz", sphere.ToString());
        var atlas = DerivativeName.For(bold, [new("atlas", "DMN"), new("stat", "fisherz"), new("desc", BidsLabel.FromName("7Networks_LH_Default_PCC_1"))], "boldmap", ".json");
        Assert.Equal("sub-03_task-rest_run-2_space-MNI152NLin2009cAsym_atlas-DMN_stat-fisherz_desc-7NetworksLHDefaultPCC1_boldmap.json", atlas.ToString());
        var table = DerivativeName.For(bold, [new("desc", "confounds"), new("atlas", null)], "timeseries", ".tsv", keepSpace: false);
        Assert.Equal("sub-03_task-rest_run-2_desc-confounds_timeseries.tsv", table.ToString());
        Assert.Equal(Path.Combine("sub-03", "func"), DerivativeName.Folder(bold));
        Assert.Equal(Path.Combine("sub-01", "ses-pre", "func"), DerivativeName.Folder(BidsFileName.Parse("sub-01_ses-pre_task-rest_bold.nii")));
    }

    [Theory]
    [InlineData("PCC", "PCC")]
    [InlineData("PCC_0_-52_18", "PCC05218")]
    [InlineData("7Networks_LH_Vis_1", "7NetworksLHVis1")]
    [InlineData("T1w+gd (left)", "T1w+gdleft")]
    [InlineData("Posterior cingulate – PCC", "PosteriorcingulatePCC")]
    public void A_seed_label_keeps_only_letters_digits_and_plus(string name, string label) =>
        Assert.Equal(label, BidsLabel.FromName(name));

    [Fact]
    public void A_name_without_any_allowed_character_is_refused() =>
        Assert.Equal(BidsErrorKind.InvalidName, Assert.Throws<BidsException>(() => BidsLabel.FromName("_-_ ")).Kind);

    [Theory]
    [InlineData(0, -52, 18, "x0ym52z18")]
    [InlineData(-46, -66, 32, "xm46ym66z32")]
    [InlineData(-46.5, 0.25, -0.0001, "xm46p5y0p25z0")]
    [InlineData(1.23456, -7, 100, "x1p235ym7z100")]
    public void A_coordinate_label_writes_minus_as_m_and_the_point_as_p(double x, double y, double z, string label)
    {
        Assert.Equal(label, BidsLabel.FromCoordinate(new WorldPoint(x, y, z)));
        Assert.True(BidsLabel.IsValid(label));
    }

    [Theory]
    [InlineData("sub-01", "sub", "01")]
    [InlineData("01", "sub", "01")]
    [InlineData("task-rest", "task", "rest")]
    [InlineData("ses-01", "sub", "ses-01")]
    public void Strips_only_its_own_prefix(string given, string key, string bare) => Assert.Equal(bare, BidsLabel.StripPrefix(given, key));

    [Fact]
    public void Dataset_description_is_a_derivative_with_generator_version_commit_and_sources()
    {
        var doc = DatasetDescription.Create("SeedCorr seed maps", new GeneratedBy("SeedCorr", "0.1.0", "1a2b3c4", "https://example.org/seedcorr"),
            [new SourceDataset("/data/derivatives/fmriprep", "23.1.4")], new Dictionary<string, string> { ["preprocessed"] = "/data/derivatives/fmriprep" });
        Assert.Equal("derivative", (string?)doc["DatasetType"]);
        Assert.Equal(DatasetDescription.BidsVersion, (string?)doc["BIDSVersion"]);
        var gen = doc["GeneratedBy"]!.AsArray().Single()!;
        Assert.Equal("SeedCorr", (string?)gen["Name"]);
        Assert.Equal("0.1.0+1a2b3c4", (string?)gen["Version"]);
        Assert.Equal("https://example.org/seedcorr", (string?)gen["CodeURL"]);
        var src = doc["SourceDatasets"]!.AsArray().Single()!;
        Assert.Equal(new Uri(Path.GetFullPath("/data/derivatives/fmriprep")).AbsoluteUri, (string?)src["URL"]);
        Assert.StartsWith("file://", (string?)doc["DatasetLinks"]!["preprocessed"], StringComparison.Ordinal);
        Assert.Equal("https://doi.org/x", DatasetDescription.ToUri("https://doi.org/x"));
    }

    [Fact]
    public void SeedCorr_reports_its_own_version()
    {
        var me = GeneratedBy.SeedCorr();
        Assert.Equal("SeedCorr", me.Name);
        Assert.StartsWith("0.", me.Version, StringComparison.Ordinal);
        Assert.DoesNotContain('+', me.Version);
    }

    [Fact]
    public void Sidecars_are_written_in_invariant_culture_atomically_and_refuse_nan()
    {
        using var dir = new TempDir();
        var path = dir.Path("x_boldmap.json");
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            JsonSidecar.Write(path, new JsonObject { ["SmoothingFWHM"] = 6.5, ["Seed"] = new JsonObject { ["Coordinates"] = new JsonArray(0.0, -52.0, 18.25) } }, overwrite: false);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        var text = File.ReadAllText(path);
        Assert.Contains("\"SmoothingFWHM\": 6.5", text, StringComparison.Ordinal);
        Assert.Contains("18.25", text, StringComparison.Ordinal);
        Assert.Equal(6.5, (double)JsonSidecar.Read(path)["SmoothingFWHM"]!);
        Assert.Throws<IOException>(() => JsonSidecar.Write(path, new JsonObject(), overwrite: false));
        Assert.Equal(BidsErrorKind.InvalidValue, Assert.Throws<BidsException>(() => JsonSidecar.Write(path, new JsonObject { ["Bad"] = double.NaN }, overwrite: true)).Kind);
        Assert.Equal(text, File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.FullName));
    }
}
