using SeedCorr.Core.Geometry;
using System.Text.Json.Nodes;
using SeedCorr.Core.Bids;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Seeds;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Bids;

public class ProvenanceTests
{
    [Fact]
    public void The_hash_is_sha256_of_the_written_text_and_changes_with_any_parameter()
    {
        var a = new JsonObject { ["SmoothingFWHM"] = 6.0, ["Seed"] = "PCC" };
        // SHA-256 of the UTF-8 text {\n  "SmoothingFWHM": 6,\n  "Seed": "PCC"\n}\n, computed with sha256sum.
        Assert.Equal("{\n  \"SmoothingFWHM\": 6,\n  \"Seed\": \"PCC\"\n}\n", JsonSidecar.Serialize(a));
        Assert.Equal(Provenance.Hash(a), Provenance.Hash(new JsonObject { ["SmoothingFWHM"] = 6.0, ["Seed"] = "PCC" }));
        Assert.NotEqual(Provenance.Hash(a), Provenance.Hash(new JsonObject { ["SmoothingFWHM"] = 6.5, ["Seed"] = "PCC" }));
        Assert.Equal("6125a217317ff10bb7774c7f7651f828c9fc72fe5e7c180b327f18b8d46c360e", Provenance.Hash(a));
    }

    [Fact]
    public void A_file_stamp_changes_when_the_file_is_rewritten()
    {
        using var dir = new TempDir();
        var f = dir.Path("x.tsv");
        File.WriteAllText(f, "a\n1\n");
        var first = Provenance.FileStamp(f);
        Assert.Equal(4L, (long)first["Bytes"]!);
        File.WriteAllText(f, "a\n12\n");
        Assert.NotEqual(Provenance.Hash(first), Provenance.Hash(Provenance.FileStamp(f)));
        Assert.Equal(BidsErrorKind.StampedFileMissing, Assert.Throws<BidsException>(() => Provenance.FileStamp(dir.Path("none"))).Kind);
    }

    [Fact]
    public void Seed_map_names_and_sidecar_seed_objects()
    {
        var bold = BidsFileName.Parse("sub-03_task-rest_run-2_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz");
        var pcc = SphereSeed.Create([new WorldPoint(0, -52, 18)], 8, ["PCC"])[0];
        Assert.Equal("sub-03_task-rest_run-2_space-MNI152NLin2009cAsym_stat-fisherz_desc-PCC_boldmap.nii.gz", SeedOutputs.MapName(bold, null, pcc.Label, "fisherz", ".nii.gz").ToString());
        var sphere = SeedOutputs.Describe(pcc);
        Assert.Equal("sphere", (string?)sphere["Type"]);
        Assert.Equal(-52.0, (double)sphere["Coordinates"]![1]!);
        Assert.Equal(8.0, (double)sphere["RadiusMM"]!);

        var atlasImage = NiftiReader.Read(TestData.Path("study", "atlas", "dmn_labels_2mm.nii.gz"));
        var atlas = SeedAtlas.FromLabelsImage(atlasImage, TestData.Path("study", "atlas", "dmn_labels.tsv"), "DMN", []);
        var h = NiftiReader.ReadHeader(TestData.Path("study", "derivatives", "fmriprep", "sub-03", "func", "sub-03_task-rest_run-2_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz"));
        var onGrid = atlas.OnGrid(h.Shape.Take(3).Select(d => (int)d).ToArray(), h.BestAffine);
        var lag = onGrid.Regions.Single(r => r.Name == "LAG");
        var o = SeedOutputs.Describe(onGrid, lag);
        Assert.Equal(3, (int)o["Index"]!);
        Assert.Equal(lag.VoxelCount, (int?)o["VoxelCount"]);
        Assert.Equal("sub-03_task-rest_run-2_space-MNI152NLin2009cAsym_atlas-DMN_stat-pearsoncorrelation_desc-LAG_boldmap.json",
            SeedOutputs.MapName(bold, atlas.Label, lag.Label, "pearsoncorrelation", ".json").ToString());
    }
}
